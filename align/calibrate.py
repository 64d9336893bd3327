"""Fitting the scoring models and their thresholds on data (FLORES-200 dev, Persian↔Arabic).

Each FLORES line exists in Persian and in Arabic, and in English from two different machine
translation systems (Google's from Persian, NLLB's from Arabic): every candidate pair the linker
finds between the two sides is labelled by whether it is the same line. The same-language model
is fitted on the two English translations against each other (paraphrases in one language; no
such Persian or Arabic data is at hand). Needs scikit-learn
(a development dependency); the linker itself only reads the fitted numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from align.evaluate import same_line
from align.link import Candidates, LinkConfig, LinkItem, find_candidates
from align.score import (
    SAME_LANGUAGE_MODEL,
    SOURCE_SIGNALS,
    TRANSLATION_MODEL,
    TRANSLATION_SIGNALS,
    ScoringModel,
)

# The models fitted, one scoring idea added at a time (the ablation in docs/linking.md).
MODELS = {
    "cosine": ("cosine",),
    "cosine+margin": ("cosine", "margin"),
    "cosine+margin+terms": SOURCE_SIGNALS,
    TRANSLATION_MODEL: SOURCE_SIGNALS + TRANSLATION_SIGNALS,
    SAME_LANGUAGE_MODEL: SOURCE_SIGNALS,
}
# Source-side models, one idea added at a time.
ABLATION = ("cosine", "cosine+margin", "cosine+margin+terms")
SIGNAL_PRECISION = 0.95  # a signal "fires" where it alone is this precise


def labelled_candidates(
    items: Sequence[LinkItem],
    source_vectors: np.ndarray,
    english_vectors: np.ndarray | None,
    config: LinkConfig,
) -> tuple[Candidates, np.ndarray, int]:
    """Candidates of parallel items, whether each is the same line, and the number of lines."""
    found = find_candidates(items, source_vectors, english_vectors, config)
    labels = same_line(items, found.pairs[:, 0], found.pairs[:, 1])
    lines = len({item.ref.index for item in items if item.ref.doc == items[-1].ref.doc})
    return found, labels, lines


def best_threshold(scores: np.ndarray, labels: np.ndarray, gold: int) -> float:
    """The score threshold with the best F1 of emitted pairs against `gold` true pairs."""
    order = np.argsort(-scores, kind="stable")
    correct = np.cumsum(labels[order])
    emitted = np.arange(1, len(order) + 1)
    f1 = 2 * correct / (emitted + gold)
    return float(scores[order][int(np.argmax(f1))])


def precise_threshold(values: np.ndarray, labels: np.ndarray, precision: float) -> float:
    """The lowest value at which `values >= it` is at least `precision` precise (inf: never)."""
    order = np.argsort(-values, kind="stable")
    correct = np.cumsum(labels[order])
    precise = correct / np.arange(1, len(order) + 1) >= precision
    if not precise.any():
        return float("inf")
    return float(values[order][np.flatnonzero(precise)[-1]])


def fit_model(
    name: str, signals: Sequence[str], candidates: Candidates, labels: np.ndarray, gold: int
) -> ScoringModel:
    from sklearn.linear_model import LogisticRegression

    features = np.column_stack([candidates.signals[s] for s in signals]).astype(np.float64)
    regression = LogisticRegression(C=10.0, max_iter=1000).fit(features, labels)
    model = ScoringModel(
        name=name,
        signals=tuple(signals),
        weights=tuple(round(float(w), 6) for w in regression.coef_[0]),
        bias=round(float(regression.intercept_[0]), 6),
        threshold=0.5,
        signal_thresholds={},
    )
    scores = model.probability({s: candidates.signals[s] for s in signals})
    return ScoringModel(
        name=name,
        signals=model.signals,
        weights=model.weights,
        bias=model.bias,
        threshold=round(best_threshold(scores, labels, gold), 6),
        signal_thresholds={
            s: round(threshold, 6)
            for s in signals
            # a signal never that precise on its own never fires
            if np.isfinite(
                threshold := precise_threshold(candidates.signals[s], labels, SIGNAL_PRECISION)
            )
        },
    )
