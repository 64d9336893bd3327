"""Names, places and numbers shared by two statements, matched across Persian and Arabic script.

Two statements about one event share rare words (people, places, figures); two statements on one
topic share only common ones. Words are folded to a script-neutral skeleton so that Persian and
Arabic spellings of a name meet (پوتین/بوتين, تهران/طهران, روسیه/روسيا), then weighted by
inverse document frequency over the sentences being linked, so common words count for little.
No library does this folding for Persian↔Arabic, hence the table below.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_FOLD = str.maketrans(
    {
        "ی": "ي",
        "ى": "ي",
        "ئ": "ي",
        "ک": "ك",
        "گ": "ك",
        "پ": "ب",
        "چ": "ج",
        "ژ": "ز",
        "ط": "ت",
        "ة": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ء": None,
        "\u200c": None,  # ZWNJ: Persian writes it inside words, Arabic never
        "ـ": None,
    }
)
_DIACRITICS = re.compile(r"[\u064B-\u065F\u0670]")
_WORD = re.compile(r"[^\W_]+")
# The Arabic article and its fused prepositions; Persian has none, so names meet without them.
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال")
_MIN_LENGTH = 3


def fold_word(word: str) -> str:
    """The script-neutral skeleton of one word (lowercased for Latin script)."""
    word = _DIACRITICS.sub("", word.lower()).translate(_FOLD)
    for prefix in _ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_LENGTH:
            word = word[len(prefix) :]
            break
    else:
        # Arabic fuses "and" to the next word (وسوريا). Stripping a leading و from every long
        # word, Persian ones too, keeps the folding the same on both sides.
        if word.startswith("و") and len(word) > 4:
            word = word[1:]
    # Persian country names in -یه are Arabic -يا: روسیه/روسيا, سوریه/سوريا
    if word.endswith("يه") and len(word) > 4:
        word = word[:-2] + "يا"
    return word


def terms(text: str) -> frozenset[str]:
    """The folded words of a text that can carry an event's identity: numbers, and words of at
    least three letters."""
    found = set()
    for word in _WORD.findall(text):
        folded = fold_word(word)
        if folded.isdigit() or len(folded) >= _MIN_LENGTH:
            found.add(folded)
    return frozenset(found)


@dataclass(frozen=True)
class TermWeights:
    """Inverse document frequency of each term over a collection of sentences."""

    idf: dict[str, float]
    default: float

    @classmethod
    def fit(cls, collection: Iterable[frozenset[str]]) -> TermWeights:
        counts: Counter[str] = Counter()
        total = 0
        for sentence_terms in collection:
            counts.update(sentence_terms)
            total += 1
        idf = {term: math.log((1 + total) / (1 + count)) for term, count in counts.items()}
        return cls(idf, math.log(1 + total))

    def weight(self, term: str) -> float:
        return self.idf.get(term, self.default)


def term_norm(term_set: frozenset[str], weights: TermWeights) -> float:
    return math.sqrt(sum(weights.weight(t) ** 2 for t in term_set))


def overlap(
    left: frozenset[str], right: frozenset[str], weights: TermWeights, norms: tuple[float, float]
) -> float:
    """A cosine-like overlap in [0, 1] of two term sets, weighted by rarity; `norms` are their
    `term_norm`s, computed once per sentence rather than once per pair."""
    common = left & right
    if not common or not norms[0] or not norms[1]:
        return 0.0
    return sum(weights.weight(t) ** 2 for t in common) / (norms[0] * norms[1])


def evidence(
    left: frozenset[str], right: frozenset[str], weights: TermWeights, limit: int = 8
) -> list[str]:
    """The shared terms, rarest first: what reviewers see as the evidence of a match."""
    return sorted(left & right, key=lambda t: (-weights.weight(t), t))[:limit]
