"""Scoring translations with sacreBLEU (BLEU, chrF++) and flagging likely failures line by line."""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field

from sacrebleu.metrics import BLEU, CHRF

from mt.clean import ARABIC_SCRIPT
from mt.translate import TranslationConfig

# Source-length buckets, in words: long sentences are where NLLB drops content.
LENGTH_BUCKETS = ((1, 15), (16, 30), (31, 50), (51, None))
# A translation this much shorter than its source (in words) has probably lost content:
# English runs about as long as Persian or Arabic in words.
SHORT_RATIO = 0.5
# A decoding loop: the same word 4-gram three times in one line, or one word three times running.
# (Twice is common in good translations: "...the Act ... of the Act".)
REPEATED_NGRAM = 4
REPEATS = 3
# Lines at least this share Arabic-script letters were not translated.
SOURCE_SCRIPT_SHARE = 0.5

_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class LineFlag:
    line: int  # 1-based, as editors count
    problems: tuple[str, ...]
    hypothesis: str


@dataclass
class Evaluation:
    sentences: int
    bleu: float
    chrf_pp: float
    signatures: dict[str, str]
    flags: list[LineFlag] = field(default_factory=list)
    by_length: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        counts = Counter(problem for flag in self.flags for problem in flag.problems)
        result = {
            "sentences": self.sentences,
            "bleu": round(self.bleu, 1),
            "chrf++": round(self.chrf_pp, 1),
            "signature": self.signatures,
            "flag_counts": dict(sorted(counts.items())),
            "flagged": [
                {"line": f.line, "problems": list(f.problems), "hypothesis": f.hypothesis}
                for f in self.flags
            ],
        }
        if self.by_length:
            result["by_length"] = self.by_length
        return result


def corpus_scores(hypotheses: list[str], references: list[str]) -> tuple[float, float, dict]:
    bleu, chrf = BLEU(), CHRF(word_order=2)  # word_order=2 is chrF++
    return (
        bleu.corpus_score(hypotheses, [references]).score,
        chrf.corpus_score(hypotheses, [references]).score,
        {"bleu": str(bleu.get_signature()), "chrf++": str(chrf.get_signature())},
    )


def line_problems(source: str, hypothesis: str) -> tuple[str, ...]:
    words = hypothesis.split()
    if not words:
        return ("empty",)
    problems = []
    if len(words) < SHORT_RATIO * len(source.split()):
        problems.append("much shorter than source")
    lowered = [word.lower() for word in words]
    ngrams = Counter(zip(*(lowered[i:] for i in range(REPEATED_NGRAM)), strict=False))
    stutters = zip(*(lowered[i:] for i in range(REPEATS)), strict=False)
    if (ngrams and max(ngrams.values()) >= REPEATS) or any(len(set(run)) == 1 for run in stutters):
        problems.append("repeated n-grams")
    letters = _LETTER.findall(hypothesis)
    if (
        letters
        and sum(1 for c in letters if ARABIC_SCRIPT.match(c)) / len(letters) >= SOURCE_SCRIPT_SHARE
    ):
        problems.append("source script (untranslated)")
    return tuple(problems)


def length_buckets(sources: list[str], hypotheses: list[str], references: list[str]) -> list[dict]:
    buckets = []
    for low, high in LENGTH_BUCKETS:
        rows = [
            i
            for i, source in enumerate(sources)
            if low <= len(source.split()) and (high is None or len(source.split()) <= high)
        ]
        if not rows:
            continue
        bleu, chrf, _ = corpus_scores([hypotheses[i] for i in rows], [references[i] for i in rows])
        label = f"{low}-{high}" if high else f"{low}+"
        buckets.append(
            {
                "source_words": label,
                "sentences": len(rows),
                "bleu": round(bleu, 1),
                "chrf++": round(chrf, 1),
            }
        )
    return buckets


def require_aligned(
    sources: list[str], references: list[str], hypotheses: list[str] | None
) -> None:
    counts = [len(sources), len(references), *([len(hypotheses)] if hypotheses is not None else [])]
    if len(set(counts)) > 1:
        found = f"{len(sources)} source, {len(references)} reference"
        if hypotheses is not None:
            found += f", {len(hypotheses)} hypothesis"
        raise ValueError(f"line counts differ: {found} lines; the files must be line-aligned")


def translate_sources(
    sources: list[str], lang: str | None, config: TranslationConfig, show_progress: bool = True
) -> tuple[list[str], dict]:
    """Translate a line-per-sentence source file for scoring; returns the English lines and
    the speed. Raises ModelUnavailableError without the model, ValueError for a source that is
    neither Persian nor Arabic."""
    from mt.batch import translate_lines
    from mt.langid import detect_language
    from mt.translate import load_engine

    lang = lang or detect_language("\n".join(sources[:50])).lang
    if lang not in ("fa", "ar"):
        raise ValueError("the source is neither Persian nor Arabic: pass --lang fa or --lang ar")
    engine = load_engine(config)
    started = time.perf_counter()
    hypotheses = translate_lines(sources, lang, engine, config, show_progress)
    seconds = time.perf_counter() - started
    speed = {
        "seconds": round(seconds, 1),
        "sentences_per_second": round(len(sources) / seconds, 2),
        "engine": config.engine,
        "model": config.model,
    }
    return hypotheses, speed


def evaluate(
    sources: list[str], hypotheses: list[str], references: list[str], by_length: bool = False
) -> Evaluation:
    require_aligned(sources, references, hypotheses)
    bleu, chrf, signatures = corpus_scores(hypotheses, references)
    flags = [
        LineFlag(number, problems, hypothesis)
        for number, (source, hypothesis) in enumerate(
            zip(sources, hypotheses, strict=True), start=1
        )
        if (problems := line_problems(source, hypothesis))
    ]
    return Evaluation(
        sentences=len(sources),
        bleu=bleu,
        chrf_pp=chrf,
        signatures=signatures,
        flags=flags,
        by_length=length_buckets(sources, hypotheses, references) if by_length else [],
    )
