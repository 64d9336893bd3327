"""Linking statements across documents: candidates by embedding search, scored by a calibrated
model over several signals, top-k per sentence (other languages first).

Pure functions over arrays in the middle (`link_items`); reading documents and embedding them is
in `align.pipeline`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from align.score import (
    SAME_LANGUAGE_MODEL,
    SOURCE_MODEL,
    TRANSLATION_MODEL,
    TRANSLATION_SIGNALS,
    Calibration,
    ratio_margin,
)
from align.search import Neighbours, pair_cosines, top_neighbours
from align.terms import TermWeights, evidence, overlap, term_norm, terms
from mt.clean import chrome_reason
from mt.records import Document


@dataclass(frozen=True, order=True)
class SentenceRef:
    doc: str
    index: int

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "index": self.index}


@dataclass(frozen=True)
class LinkItem:
    """A sentence taking part in linking. `english` is its translation, or its own text when it
    is English, or None."""

    ref: SentenceRef
    lang: str
    text: str
    english: str | None


@dataclass(frozen=True)
class Link:
    source: SentenceRef
    target: SentenceRef
    score: float
    rank: int
    linked: bool  # score reached the model's calibrated threshold: an emitted link
    signals: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "score": self.score,
            "rank": self.rank,
            "linked": self.linked,
            "signals": self.signals,
        }


@dataclass(frozen=True)
class LinkConfig:
    top_k: int = 5  # matches kept per sentence
    candidates: int = 20  # nearest neighbours searched per sentence and view
    neighbours: int = 4  # the margin's k
    min_words: int = 4  # shorter sentences ("Putin:") carry no statement to link
    chunk_rows: int = 1024
    source_model: str = SOURCE_MODEL
    translation_model: str = TRANSLATION_MODEL
    same_language_model: str = SAME_LANGUAGE_MODEL

    def model_names(self) -> tuple[str, str, str]:
        """Indexed by `LinkTable.model`: cross-language, cross-language with translations on
        both sides, same language."""
        return (self.source_model, self.translation_model, self.same_language_model)


def exclusion_reason(text: str, config: LinkConfig) -> str | None:
    """Why a sentence must not be linked (page chrome the cleaner let through, too short)."""
    reason = chrome_reason(text)
    if reason:
        return f"boilerplate ({reason})"
    if len(text.split()) < config.min_words:
        return f"fewer than {config.min_words} words"
    return None


def collect_items(
    documents: Sequence[Document], config: LinkConfig
) -> tuple[list[LinkItem], list[tuple[SentenceRef, str]]]:
    """The linkable sentences of `documents`, and the excluded ones with the reason. A sentence
    found verbatim in three or more documents is boilerplate (a site's recurring line)."""
    spread: dict[str, set[str]] = {}
    for document in documents:
        for sentence in document.sentences:
            spread.setdefault(sentence.text, set()).add(document.id)
    items, excluded = [], []
    for document in documents:
        for sentence in document.sentences:
            ref = SentenceRef(document.id, sentence.index)
            reason = exclusion_reason(sentence.text, config)
            if reason is None and len(spread[sentence.text]) >= 3:
                reason = f"boilerplate (repeated in {len(spread[sentence.text])} documents)"
            if reason:
                excluded.append((ref, reason))
                continue
            lang = sentence.lang if sentence.lang != "other" else document.lang
            english = sentence.translation or (sentence.text if lang == "en" else None)
            items.append(LinkItem(ref, lang, sentence.text, english))
    return items, excluded


@dataclass
class View:
    """One way of looking at the items (source text, or English): vectors, neighbours, terms."""

    rows: np.ndarray  # item index of each vector row
    vectors: np.ndarray
    neighbours: Neighbours
    term_sets: list[frozenset[str]]
    weights: TermWeights
    norms: np.ndarray
    row_of: np.ndarray  # item index -> row, -1 where the item is not in this view

    @classmethod
    def build(
        cls,
        rows: np.ndarray,
        vectors: np.ndarray,
        texts: Sequence[str],
        groups: np.ndarray,
        config: LinkConfig,
    ) -> View:
        neighbours = top_neighbours(
            vectors, vectors, config.candidates, groups[rows], groups[rows], config.chunk_rows
        )
        term_sets = [terms(text) for text in texts]
        weights = TermWeights.fit(term_sets)
        norms = np.array([term_norm(t, weights) for t in term_sets])
        row_of = np.full(len(groups), -1, dtype=np.int64)
        row_of[rows] = np.arange(len(rows))
        return cls(rows, vectors, neighbours, term_sets, weights, norms, row_of)

    def candidate_pairs(self) -> np.ndarray:
        """(m, 2) item indices of each row and each of its neighbours."""
        left = np.repeat(self.rows, self.neighbours.indices.shape[1])
        right_rows = self.neighbours.indices.ravel()
        valid = right_rows >= 0
        return np.stack([left[valid], self.rows[right_rows[valid]]], axis=1)

    def signals(self, pairs: np.ndarray, neighbours: int) -> dict[str, np.ndarray]:
        a, b = self.row_of[pairs[:, 0]], self.row_of[pairs[:, 1]]
        cosine = pair_cosines(self.vectors, a, b)
        means = self.neighbours.mean_top(neighbours)
        norms = self.norms.tolist()
        shared = np.array(
            [
                overlap(self.term_sets[x], self.term_sets[y], self.weights, (norms[x], norms[y]))
                for x, y in zip(a.tolist(), b.tolist(), strict=True)
            ],
            dtype=np.float32,
        )
        return {
            "cosine": cosine,
            "margin": ratio_margin(cosine, means[a], means[b]),
            "terms": shared,
        }

    def evidence(self, left_item: int, right_item: int) -> list[str]:
        a, b = self.row_of[left_item], self.row_of[right_item]
        return evidence(self.term_sets[a], self.term_sets[b], self.weights)


@dataclass
class LinkTable:
    """The kept matches as arrays (a row per directed match); `links()` makes records lazily, so
    100,000 sentences do not become millions of Python objects at once."""

    items: list[LinkItem]
    source: np.ndarray
    target: np.ndarray
    score: np.ndarray
    rank: np.ndarray
    linked: np.ndarray
    model: np.ndarray  # which of `config.model_names()` scored the pair
    signals: dict[str, np.ndarray]
    source_view: View
    english_view: View | None
    calibration: Calibration
    config: LinkConfig

    def __len__(self) -> int:
        return len(self.source)

    def links(self) -> Iterator[Link]:
        for row in range(len(self.source)):
            yield self.link(row)

    def link(self, row: int) -> Link:
        a, b = int(self.source[row]), int(self.target[row])
        model = self.calibration.models[self.config.model_names()[self.model[row]]]
        with_translation = any(name.startswith("translation_") for name in model.signals)
        values = {
            name: round(float(self.signals[name][row]), 4)
            for name in model.signals
            if np.isfinite(self.signals[name][row])
        }
        signals: dict[str, Any] = dict(values)
        signals["fired"] = model.fired(values)
        signals["shared_terms"] = self.source_view.evidence(a, b)
        if with_translation and self.english_view is not None:
            signals["shared_terms_english"] = self.english_view.evidence(a, b)
        signals["model"] = model.name
        return Link(
            source=self.items[a].ref,
            target=self.items[b].ref,
            score=round(float(self.score[row]), 4),
            rank=int(self.rank[row]),
            linked=bool(self.linked[row]),
            signals=signals,
        )


@dataclass
class Candidates:
    """Every candidate pair (unordered, smaller item first) with its signals."""

    pairs: np.ndarray
    signals: dict[str, np.ndarray]  # NaN where a translation signal does not apply
    translated: np.ndarray  # both sentences have English text
    source_view: View
    english_view: View | None


def find_candidates(
    items: Sequence[LinkItem],
    source_vectors: np.ndarray,
    english_vectors: np.ndarray | None,
    config: LinkConfig,
) -> Candidates:
    """Nearest neighbours in other documents by source embedding, and by English embedding where
    there is English; the signals of every pair found either way.

    `english_vectors` has a row per item that has `english` text, in item order (or is None)."""
    groups = _document_groups(items)
    everyone = np.arange(len(items))
    source_view = View.build(everyone, source_vectors, [i.text for i in items], groups, config)
    found = [source_view.candidate_pairs()]
    english_rows = np.array([k for k, item in enumerate(items) if item.english], dtype=np.int64)
    english_view = None
    if english_vectors is not None and len(english_rows):
        english_view = View.build(
            english_rows, english_vectors, [items[k].english for k in english_rows], groups, config
        )
        found.append(english_view.candidate_pairs())
    pairs = _unordered(np.concatenate(found))

    signals = source_view.signals(pairs, config.neighbours)
    translated = np.zeros(len(pairs), dtype=bool)
    for name in TRANSLATION_SIGNALS:
        signals[name] = np.full(len(pairs), np.nan, dtype=np.float32)
    if english_view is not None:
        translated = (english_view.row_of[pairs[:, 0]] >= 0) & (
            english_view.row_of[pairs[:, 1]] >= 0
        )
        if translated.any():
            english = english_view.signals(pairs[translated], config.neighbours)
            for name, values in english.items():
                signals[f"translation_{name}"][translated] = values
    return Candidates(pairs, signals, translated, source_view, english_view)


def link_items(
    items: Sequence[LinkItem],
    source_vectors: np.ndarray,
    english_vectors: np.ndarray | None,
    calibration: Calibration,
    config: LinkConfig,
) -> LinkTable:
    """Top-k scored matches in other documents for every item, other languages first."""
    found = find_candidates(items, source_vectors, english_vectors, config)
    pairs = found.pairs
    langs = np.array([item.lang for item in items])
    # Same-language pairs are closer in embedding space than translations across languages, so
    # they have their own model; cross-language pairs use translations when both have one.
    model_of_pair = np.where(
        langs[pairs[:, 0]] == langs[pairs[:, 1]], 2, found.translated.astype(np.int8)
    ).astype(np.int8)
    score = np.zeros(len(pairs))
    linked = np.zeros(len(pairs), dtype=bool)
    for code, name in enumerate(config.model_names()):
        mask = model_of_pair == code
        if not mask.any():
            continue
        model = calibration.models[name]
        score[mask] = model.probability({k: v[mask] for k, v in found.signals.items()})
        linked[mask] = score[mask] >= model.threshold

    # every pair is a candidate for both of its sentences
    source = np.concatenate([pairs[:, 0], pairs[:, 1]])
    target = np.concatenate([pairs[:, 1], pairs[:, 0]])
    pair_row = np.concatenate([np.arange(len(pairs))] * 2)
    same_language = langs[source] == langs[target]
    order = np.lexsort((target, -score[pair_row], same_language, source))
    source, target, pair_row = source[order], target[order], pair_row[order]
    rank = np.arange(len(source)) - np.searchsorted(source, source, side="left") + 1
    keep = rank <= config.top_k
    pair_row = pair_row[keep]
    return LinkTable(
        items=list(items),
        source=source[keep],
        target=target[keep],
        score=score[pair_row],
        rank=rank[keep],
        linked=linked[pair_row],
        model=model_of_pair[pair_row],
        signals={name: values[pair_row] for name, values in found.signals.items()},
        source_view=found.source_view,
        english_view=found.english_view,
        calibration=calibration,
        config=config,
    )


def _document_groups(items: Sequence[LinkItem]) -> np.ndarray:
    ids: dict[str, int] = {}
    return np.array([ids.setdefault(item.ref.doc, len(ids)) for item in items], dtype=np.int64)


def _unordered(pairs: np.ndarray) -> np.ndarray:
    """Distinct pairs with the smaller item first."""
    if not len(pairs):
        return np.zeros((0, 2), dtype=np.int64)
    return np.unique(np.sort(pairs, axis=1), axis=0)
