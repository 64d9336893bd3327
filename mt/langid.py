"""Language identification: Persian, Arabic or something the workbench does not translate.

lingua ships its models in the wheel, so it works offline. It runs on the raw text, before letter
normalisation, because normalising Arabic text to Persian letters (or back) would erase the
evidence it needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from mt.clean import ARABIC_SCRIPT

SUPPORTED = {Language.PERSIAN: "fa", Language.ARABIC: "ar"}

# Languages a Persian/Arabic news feed plausibly contains. Loading lingua's full set of 75
# languages costs ~10 s and memory for little gain: anything outside fa/ar is refused anyway.
CANDIDATES = (
    Language.PERSIAN,
    Language.ARABIC,
    Language.URDU,
    Language.ENGLISH,
    Language.FRENCH,
    Language.GERMAN,
    Language.SPANISH,
    Language.RUSSIAN,
    Language.TURKISH,
    Language.HEBREW,
    Language.AZERBAIJANI,
    Language.CHINESE,
)

# A sentence overrides its document's language only on strong evidence: short lines and names
# are too ambiguous between Persian and Arabic.
SENTENCE_OVERRIDE_CONFIDENCE = 0.9
SENTENCE_OVERRIDE_MIN_WORDS = 5


@dataclass(frozen=True)
class LanguageGuess:
    lang: str  # "fa", "ar" or "other"
    name: str  # lingua's name of the top language, for messages
    confidence: float


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*CANDIDATES).build()


def detect_language(text: str) -> LanguageGuess:
    values = detector().compute_language_confidence_values(text)
    if not values or values[0].value == 0:
        return LanguageGuess("other", "unknown", 0.0)
    top = values[0]
    return LanguageGuess(SUPPORTED.get(top.language, "other"), top.language.name.title(), top.value)


def sentence_language(text: str, document_lang: str) -> str:
    """The language of one sentence of a Persian or Arabic document."""
    if not ARABIC_SCRIPT.search(text):
        return "other"
    guess = detect_language(text)
    if (
        guess.lang in SUPPORTED.values()
        and guess.lang != document_lang
        and guess.confidence >= SENTENCE_OVERRIDE_CONFIDENCE
        and len(text.split()) >= SENTENCE_OVERRIDE_MIN_WORDS
    ):
        return guess.lang
    return document_lang
