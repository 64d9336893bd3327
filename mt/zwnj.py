"""Restoring the zero-width non-joiners (ZWNJ, U+200C) that scrapers strip from Persian text.

`میدهد` should read `می‌دهد`, `کشورها` `کشور‌ها`... NLLB and the embedders see a different word
without the joiner. Persian NLP libraries either pin an old numpy (hazm) or restore too little
(shekar misses `گرفته‌اند` and writes `منطق‌های` for `منطقه‌ای`), so this module does it with
a lexicon learned from Persian text that keeps its ZWNJs, plus affix rules for unseen words.

The lexicon (mt/data/zwnj_lexicon.tsv) is built by `bench/zwnj_eval.py --write-lexicon` from
NTREX-128 Persian and FLORES-200 dev (both CC-BY-SA 4.0); its quality is measured on FLORES-200
devtest, which it never saw (docs/normalisation.md).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ZWNJ = "\u200c"
DEFAULT_LEXICON = Path(__file__).parent / "data" / "zwnj_lexicon.tsv"

_WORD = re.compile(r"[\u0621-\u063A\u0641-\u064A\u067E\u0686\u0698\u06A9\u06AF\u06CC\u0622\u200c]+")
_VERB_PREFIXES = ("نمی", "می")
# Suffixes written after a ZWNJ; the ones starting with alef only after a silent heh.
_SUFFIXES = (
    "هایشان",
    "هایتان",
    "هایمان",
    "هایی",
    "هایم",
    "هایت",
    "هایش",
    "های",
    "ها",
    "ترین",
    "تر",
)
_AFTER_HEH = ("اند", "ایم", "اید", "ای", "ام", "اش", "ات")
_MIN_STEM = 2
# After these letters a ZWNJ changes nothing on screen, and careful writers leave it out.
_NON_JOINING = set("اآأإدذرزژوؤة")
# A stem unseen in the lexicon still takes a plural suffix when it is at least this long.
_MIN_UNSEEN_STEM = 3


@dataclass
class ZwnjLexicon:
    # stripped form -> form with ZWNJs, for words that were seen with them
    joined: dict[str, str] = field(default_factory=dict)
    # frequency of every word and ZWNJ-separated part seen: known stems and plain words
    frequency: Counter[str] = field(default_factory=Counter)
    # words seen written solid at least as often as with ZWNJ: never split
    solid: set[str] = field(default_factory=set)


def learn_lexicon(lines: Iterable[str], min_count: int = 1) -> ZwnjLexicon:
    with_zwnj: Counter[str] = Counter()
    plain: Counter[str] = Counter()
    frequency: Counter[str] = Counter()
    for line in lines:
        for word in _WORD.findall(line):
            word = word.strip(ZWNJ)
            if ZWNJ in word:
                with_zwnj[word] += 1
                frequency.update(part for part in word.split(ZWNJ) if part)
            else:
                plain[word] += 1
                frequency[word] += 1
    joined: dict[str, str] = {}
    best_count: dict[str, int] = {}
    for word, count in with_zwnj.items():
        stripped = word.replace(ZWNJ, "")
        if count >= min_count and count > plain[stripped] and count > best_count.get(stripped, 0):
            joined[stripped] = word
            best_count[stripped] = count
    solid = {word for word in plain if word not in joined}
    return ZwnjLexicon(joined=joined, frequency=frequency, solid=solid)


def save_lexicon(lexicon: ZwnjLexicon, path: Path) -> None:
    rows = [f"joined\t{k}\t{v}" for k, v in sorted(lexicon.joined.items())]
    rows += [f"freq\t{k}\t{v}" for k, v in sorted(lexicon.frequency.items())]
    rows += [f"solid\t{k}\t" for k in sorted(lexicon.solid)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def load_lexicon(path: Path = DEFAULT_LEXICON) -> ZwnjLexicon:
    lexicon = ZwnjLexicon()
    for row in path.read_text(encoding="utf-8").splitlines():
        kind, key, value = row.split("\t")
        if kind == "joined":
            lexicon.joined[key] = value
        elif kind == "freq":
            lexicon.frequency[key] = int(value)
        else:
            lexicon.solid.add(key)
    return lexicon


@lru_cache(maxsize=1)
def default_lexicon() -> ZwnjLexicon:
    return load_lexicon(DEFAULT_LEXICON)


def restore_word(word: str, lexicon: ZwnjLexicon) -> str:
    if ZWNJ in word:
        return word
    if word in lexicon.joined:
        return lexicon.joined[word]
    if word in lexicon.solid:
        return word
    for prefix in _VERB_PREFIXES:
        rest = word[len(prefix) :]
        # Only before a verb form seen elsewhere: میله, میمون, میکروب are not verbs.
        if word.startswith(prefix) and len(rest) > _MIN_STEM and lexicon.frequency.get(rest):
            return prefix + ZWNJ + rest
    return _split_suffix(word, lexicon)


def _split_suffix(word: str, lexicon: ZwnjLexicon) -> str:
    """Attach a suffix with a ZWNJ when the stem is a known word; of several readings
    (منطق+های or منطقه+ای) take the one whose stem is most frequent."""
    if word in lexicon.joined:
        return lexicon.joined[word]
    best: tuple[int, str] | None = None
    for suffix in _SUFFIXES + _AFTER_HEH:
        stem = word[: -len(suffix)]
        if not word.endswith(suffix) or len(stem) < _MIN_STEM:
            continue
        if suffix in _AFTER_HEH and not stem.endswith("ه"):
            continue
        count = lexicon.frequency.get(stem, 0)
        # Unseen stems are trusted with the plural suffixes only: ساعتهای is not ساعته+ای.
        if not count and (suffix in _AFTER_HEH or len(stem) < _MIN_UNSEEN_STEM):
            continue
        if best is None or count > best[0]:
            # After a non-joining letter the reading is right but needs no ZWNJ (سفرهای).
            joiner = "" if stem[-1] in _NON_JOINING else ZWNJ
            best = (count, lexicon.joined.get(stem, stem) + joiner + suffix)
    return best[1] if best else word


def restore_zwnj(text: str, lexicon: ZwnjLexicon | None = None) -> str:
    lexicon = lexicon or default_lexicon()
    return _WORD.sub(lambda match: restore_word(match.group(0), lexicon), text)


def zwnj_positions(text: str) -> set[int]:
    """Offsets, in the text with ZWNJs removed, at which a ZWNJ stood."""
    positions: set[int] = set()
    offset = 0
    for char in text:
        if char == ZWNJ:
            positions.add(offset)
        else:
            offset += 1
    return positions
