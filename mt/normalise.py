"""Per-language text normalisation of Persian and Arabic sentences before translation."""

from __future__ import annotations

import re
import unicodedata

from mt.zwnj import ZWNJ, ZwnjLexicon, restore_zwnj

# Persian text typed on Arabic keyboards, and Arabic text typed on Persian ones.
_TO_PERSIAN = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ە": "ه"})
_TO_ARABIC = str.maketrans({"ی": "ي", "ک": "ك", "ە": "ه"})
# Persian and Arabic-Indic digits and separators to ASCII, so numbers match across scripts and
# NLLB copies them unchanged into English.
_DIGITS = str.maketrans(
    {
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        **{chr(0x0660 + i): str(i) for i in range(10)},
        "٫": ".",
        "٬": ",",
    }
)
_TATWEEL = "ـ"
_SPACES = re.compile(r"[ \t\u00A0\u2000-\u200B\u202F\u205F\u3000]+")
_DOUBLE_ZWNJ = re.compile(f"{ZWNJ}{{2,}}")
# A ZWNJ next to a space or at either end joins nothing.
_LOOSE_ZWNJ = re.compile(rf"(?<= ){ZWNJ}|{ZWNJ}(?= )|^{ZWNJ}|{ZWNJ}$")


def normalise_letters(text: str, lang: str) -> str:
    """NFKC (folds presentation forms), letters of the language, ASCII digits, single spaces."""
    text = unicodedata.normalize("NFKC", text).replace(_TATWEEL, "")
    text = text.translate(_TO_PERSIAN if lang == "fa" else _TO_ARABIC).translate(_DIGITS)
    text = _SPACES.sub(" ", text).strip()
    return _LOOSE_ZWNJ.sub("", _DOUBLE_ZWNJ.sub(ZWNJ, text))


def normalise(text: str, lang: str, lexicon: ZwnjLexicon | None = None) -> str:
    """The normalised form of a sentence in `lang` ("fa" or "ar"); Persian also gets its
    stripped zero-width non-joiners back."""
    text = normalise_letters(text, lang)
    return restore_zwnj(text, lexicon) if lang == "fa" else text
