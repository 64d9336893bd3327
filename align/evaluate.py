"""Scoring the linker against gold: line-aligned parallel files (NTREX, FLORES) and the labelled
seed pairs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from align.link import LinkItem, LinkTable, SentenceRef
from mt.normalise import normalise

SOURCE_DOC, TARGET_DOC = "source", "target"


def parallel_items(
    source_lines: Sequence[str],
    source_lang: str,
    target_lines: Sequence[str],
    target_lang: str,
    source_english: Sequence[str] | None = None,
    target_english: Sequence[str] | None = None,
) -> list[LinkItem]:
    """Two line-aligned texts as two documents; line i of each has index i. Persian and Arabic
    lines are normalised as the pipeline normalises sentences; empty lines are left out."""
    items = []
    for doc, lines, lang, english in (
        (SOURCE_DOC, source_lines, source_lang, source_english),
        (TARGET_DOC, target_lines, target_lang, target_english),
    ):
        for index, line in enumerate(lines):
            if not line.strip():
                continue
            text = normalise(line, lang) if lang in ("fa", "ar") else " ".join(line.split())
            own_english = english[index] if english else (text if lang == "en" else None)
            items.append(LinkItem(SentenceRef(doc, index), lang, text, own_english))
    return items


def same_line(items: Sequence[LinkItem], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Whether items left[i] and right[i] are the two sides of one line of a parallel pair."""
    index = np.array([item.ref.index for item in items])
    doc = np.array([item.ref.doc for item in items])
    return (index[left] == index[right]) & (doc[left] != doc[right])


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float
    emitted: int
    correct: int
    gold: int

    @classmethod
    def of(cls, emitted: int, correct: int, gold: int) -> PRF:
        precision = correct / emitted if emitted else 0.0
        recall = correct / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(round(precision, 4), round(recall, 4), round(f1, 4), emitted, correct, gold)


def emitted_pairs(table: LinkTable) -> set[tuple[int, int]]:
    """The links the linker emits, as unordered item pairs."""
    chosen = table.linked
    return {
        (min(a, b), max(a, b))
        for a, b in zip(table.source[chosen].tolist(), table.target[chosen].tolist(), strict=True)
    }


def evaluate_parallel(table: LinkTable) -> dict:
    """P@1 both ways (by raw cosine and by the linker's ranking) and P/R/F1 of emitted links,
    for a table built from `parallel_items`."""
    items = table.items
    result: dict = {"lines": 0, "precision_at_1": {}}
    index_of = {item.ref: k for k, item in enumerate(items)}
    gold = [
        (index_of[SentenceRef(SOURCE_DOC, item.ref.index)], k)
        for k, item in enumerate(items)
        if item.ref.doc == TARGET_DOC and SentenceRef(SOURCE_DOC, item.ref.index) in index_of
    ]
    result["lines"] = len(gold)
    neighbours = table.source_view.neighbours.indices[:, 0]  # source view covers every item
    best_ranked = {
        int(s): int(t)
        for s, t, r in zip(table.source, table.target, table.rank, strict=True)
        if r == 1
    }
    for name, doc in (("source_to_target", SOURCE_DOC), ("target_to_source", TARGET_DOC)):
        rows = [k for k, item in enumerate(items) if item.ref.doc == doc]
        if not rows:
            continue
        rows_array = np.array(rows)
        by_cosine = same_line(items, rows_array, np.maximum(neighbours[rows_array], 0))
        ranked = np.array([best_ranked.get(k, k) for k in rows])
        result["precision_at_1"][name] = {
            "cosine": round(float(by_cosine.mean()), 4),
            "linker": round(float(same_line(items, rows_array, ranked).mean()), 4),
        }
    emitted = emitted_pairs(table)
    if emitted:
        left, right = (np.array(side) for side in zip(*emitted, strict=True))
        correct = int(same_line(items, left, right).sum())
    else:
        correct = 0
    result["emitted_links"] = PRF.of(len(emitted), correct, len(gold)).__dict__
    return result


def evaluate_gold_pairs(
    table: LinkTable, gold: Iterable[tuple[SentenceRef, SentenceRef]], k: int = 5
) -> dict:
    """Recall@k of labelled pairs (found in either sentence's top k), and the precision of the
    emitted links between sentences of different languages (the kind that was labelled)."""
    gold_pairs = {tuple(sorted(pair)) for pair in gold}
    index_of = {item.ref: n for n, item in enumerate(table.items)}
    top = {
        (table.items[int(s)].ref, table.items[int(t)].ref)
        for s, t, r in zip(table.source, table.target, table.rank, strict=True)
        if r <= k
    }
    found = sum(1 for a, b in gold_pairs if (a, b) in top or (b, a) in top)
    emitted = {
        tuple(sorted((table.items[a].ref, table.items[b].ref)))
        for a, b in emitted_pairs(table)
        if table.items[a].lang != table.items[b].lang
    }
    unknown = [pair for pair in gold_pairs if pair[0] not in index_of or pair[1] not in index_of]
    return {
        "pairs": len(gold_pairs),
        f"recall_at_{k}": round(found / len(gold_pairs), 4) if gold_pairs else 0.0,
        "emitted_cross_language": len(emitted),
        "emitted_correct": len(emitted & gold_pairs),
        "precision": round(len(emitted & gold_pairs) / len(emitted), 4) if emitted else None,
        "not_linkable": len(unknown),
    }


def file_language(lines: Sequence[str]) -> str:
    """fa, ar or en, from a sample of the file's lines."""
    from mt.langid import detect_language

    guess = detect_language(" ".join(lines[:50]))
    if guess.lang in ("fa", "ar"):
        return guess.lang
    if guess.name == "English":
        return "en"
    raise ValueError(
        f"the file looks {guess.name}, not Persian, Arabic or English: pass --src-lang/--tgt-lang"
    )


def evaluate_files(
    source_lines: Sequence[str],
    target_lines: Sequence[str],
    embedder,
    cache,
    source_lang: str | None = None,
    target_lang: str | None = None,
    top_k: int = 5,
) -> dict:
    """`workbench eval-align`: link two line-aligned files against each other and score it."""
    from align.link import LinkConfig, link_items
    from align.pipeline import embed_items
    from align.score import Calibration

    if len(source_lines) != len(target_lines):
        raise ValueError(
            f"the files are not line-aligned: {len(source_lines)} lines against {len(target_lines)}"
        )
    source_lang = source_lang or file_language(source_lines)
    target_lang = target_lang or file_language(target_lines)
    items = parallel_items(source_lines, source_lang, target_lines, target_lang)
    source_vectors, _ = embed_items(items, embedder, cache)
    config = LinkConfig(top_k=top_k)
    table = link_items(items, source_vectors, None, Calibration.load(), config)
    result = {"languages": f"{source_lang}-{target_lang}", "embedder": embedder.name}
    result.update(evaluate_parallel(table))
    return result


def read_gold_pairs(path) -> list[tuple[SentenceRef, SentenceRef]]:
    """Labelled pairs from a TSV: source_doc, source_index, target_doc, target_index, note."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        source_doc, source_index, target_doc, target_index, *_ = line.split("\t")
        pairs.append(
            (SentenceRef(source_doc, int(source_index)), SentenceRef(target_doc, int(target_index)))
        )
    return pairs
