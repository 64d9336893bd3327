"""Nearest neighbours by cosine, in row chunks: memory stays at chunk × N, never N × N.

Written here rather than taken from FAISS because the workbench needs one thing FAISS's flat
index does not give directly: excluding each query's own document from its neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Neighbours:
    """For each query row: `indices` (n, k) into the keys, best first, -1 where fewer than k
    keys qualified; `scores` the cosines, -inf in those slots."""

    indices: np.ndarray
    scores: np.ndarray

    def mean_top(self, count: int) -> np.ndarray:
        """Mean of each row's `count` best scores (the margin denominator); 0 where none."""
        top = self.scores[:, :count]
        valid = np.isfinite(top)
        totals = np.where(valid, top, 0.0).sum(axis=1)
        return np.divide(totals, valid.sum(axis=1), out=np.zeros(len(top)), where=valid.any(axis=1))


def top_neighbours(
    queries: np.ndarray,
    keys: np.ndarray,
    k: int,
    query_groups: np.ndarray,
    key_groups: np.ndarray,
    chunk_rows: int = 1024,
) -> Neighbours:
    """The k keys most similar to each query whose group (document) differs from the query's.

    Vectors must be L2-normalised; groups are integer arrays aligned with the rows."""
    n, width = len(queries), min(k, len(keys))
    indices = np.full((n, k), -1, dtype=np.int64)
    scores = np.full((n, k), -np.inf, dtype=np.float32)
    if width == 0:
        return Neighbours(indices, scores)
    for start in range(0, n, chunk_rows):
        stop = min(start + chunk_rows, n)
        similarity = queries[start:stop] @ keys.T
        similarity[query_groups[start:stop, None] == key_groups[None, :]] = -np.inf
        if width < len(keys):
            best = np.argpartition(-similarity, width - 1, axis=1)[:, :width]
        else:
            best = np.broadcast_to(np.arange(width), (stop - start, width))
        best_scores = np.take_along_axis(similarity, best, axis=1)
        order = np.argsort(-best_scores, axis=1, kind="stable")
        best = np.take_along_axis(best, order, axis=1)
        best_scores = np.take_along_axis(best_scores, order, axis=1)
        valid = np.isfinite(best_scores)
        indices[start:stop, :width] = np.where(valid, best, -1)
        scores[start:stop, :width] = best_scores
    return Neighbours(indices, scores)


def pair_cosines(vectors: np.ndarray, left: np.ndarray, right: np.ndarray, chunk: int = 65536):
    """Cosine of rows left[i] and right[i] of normalised `vectors`, in slices."""
    out = np.empty(len(left), dtype=np.float32)
    for start in range(0, len(left), chunk):
        a, b = left[start : start + chunk], right[start : start + chunk]
        out[start : start + chunk] = np.einsum("ij,ij->i", vectors[a], vectors[b])
    return out
