"""Sentence splitting for Persian and Arabic, and clause splitting of sentences too long for NLLB.

Written here because the sentence splitters that claim Persian/Arabic (pysbd) split inside
«quotes», after a speaker's colon and after one-letter abbreviations (ا. محمدی), and ignore `؛`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

TERMINATORS = set(".!?؟؛")
_CLOSERS = set("»”\"')]」")
_QUOTE_PAIRS = {"«": "»", "“": "”", '"': '"'}
_DIGIT = re.compile(r"[0-9۰-۹٠-٩]")
_LETTER = re.compile(r"[^\W\d_]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF]")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; line breaks always end a sentence."""
    sentences: list[str] = []
    for line in text.splitlines():
        sentences.extend(_split_line(line))
    return sentences


def _quoted_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of balanced quotations; an unclosed quote protects nothing."""
    spans: list[tuple[int, int]] = []
    position = 0
    while position < len(line):
        closer = _QUOTE_PAIRS.get(line[position])
        if closer is not None:
            end = line.find(closer, position + 1)
            if end != -1:
                spans.append((position, end))
                position = end
        position += 1
    return spans


def _is_boundary(line: str, position: int) -> bool:
    char = line[position]
    before = line[position - 1] if position > 0 else ""
    after = line[position + 1] if position + 1 < len(line) else ""
    if char == ".":
        if before == "." or after == ".":  # an ellipsis continues the sentence
            return False
        if _DIGIT.match(before) and _DIGIT.match(after):  # 3.5
            return False
        word = re.findall(r"\w+$", line[:position])
        if (
            word and len(word[0]) == 1 and _LETTER.match(word[0])
        ):  # one-letter abbreviation: م. رضایی
            return False
    if not after or after.isspace() or after in TERMINATORS or after in _CLOSERS:
        return True
    # Scrapes drop the space after a full stop: "کنیم.در". Arabic-script words hold no dots.
    return bool(_ARABIC_LETTER.match(before) and _ARABIC_LETTER.match(after))


def _split_line(line: str) -> list[str]:
    spans = _quoted_spans(line)
    sentences: list[str] = []
    start = 0
    position = 0
    # A quotation whose last mark is a terminator («...است.») ends its sentence too.
    quote_ends = {e for s, e in spans if e > 0 and line[e - 1] in TERMINATORS}
    while position < len(line):
        inside_quote = any(s < position < e for s, e in spans)
        at_boundary = (
            line[position] in TERMINATORS and not inside_quote and _is_boundary(line, position)
        )
        if at_boundary or (position in quote_ends and _is_boundary(line, position - 1)):
            end = position + 1
            while end < len(line) and (line[end] in TERMINATORS or line[end] in _CLOSERS):
                end += 1
            sentences.append(line[start:end])
            start = position = end
            continue
        position += 1
    sentences.append(line[start:])
    return [sentence.strip() for sentence in sentences if sentence.strip()]


# Where to cut a long sentence, best first: strong clause marks, then the list comma, then "and".
_CLAUSE_BREAKS = (
    re.compile(r"[؛;:]\s"),
    re.compile(r"[،,]\s"),
    re.compile(r"\s(?=و\s)|\s(?=و[\u0621-\u064A])"),
    re.compile(r"\s"),
)


def split_long(text: str, max_tokens: int, count_tokens: Callable[[str], int]) -> list[str]:
    """Cut `text` at clause boundaries into pieces of at most `max_tokens` tokens (as counted by
    the translation model's tokenizer). The pieces, joined with spaces, give back the text."""
    if count_tokens(text) <= max_tokens:
        return [text]
    cut = _best_cut(text)
    if cut is None:  # one enormous "word": nothing to cut at
        return [text]
    return split_long(text[:cut].strip(), max_tokens, count_tokens) + split_long(
        text[cut:].strip(), max_tokens, count_tokens
    )


def _best_cut(text: str) -> int | None:
    """The clause boundary nearest the middle, of the strongest kind the text has."""
    middle = len(text) / 2
    for pattern in _CLAUSE_BREAKS:
        cuts = [m.end() if not m.group(0).isspace() else m.start() for m in pattern.finditer(text)]
        cuts = [c for c in cuts if 0 < c < len(text)]
        # A strong mark far from the middle leaves one piece still too long; a weaker mark
        # near the middle is better than that.
        near = [c for c in cuts if abs(c - middle) <= len(text) / 3]
        if near:
            return min(near, key=lambda c: abs(c - middle))
    return None
