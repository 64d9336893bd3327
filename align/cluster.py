"""Groups of statements across documents that report the same thing: connected components of
the graph of mutual emitted links (each sentence among the other's top k, both above the
threshold), so that one weak one-way match cannot merge two stories."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from align.link import LinkTable, SentenceRef


@dataclass(frozen=True)
class Cluster:
    id: str
    members: list[SentenceRef]
    score: float  # mean score of the mutual links inside it

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "members": [m.to_dict() for m in self.members],
            "documents": len({m.doc for m in self.members}),
            "score": self.score,
        }


def mutual_links(table: LinkTable) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Item pairs (a < b) linked in both directions, with their scores."""
    chosen = table.linked
    directed = {
        (int(a), int(b)): float(s)
        for a, b, s in zip(
            table.source[chosen], table.target[chosen], table.score[chosen], strict=True
        )
    }
    kept = [(a, b, s) for (a, b), s in directed.items() if a < b and (b, a) in directed]
    if not kept:
        return (np.zeros(0, dtype=np.int64),) * 2 + (np.zeros(0),)
    left, right, scores = zip(*kept, strict=True)
    return np.array(left), np.array(right), np.array(scores)


def group_links(
    refs: list[SentenceRef], left: np.ndarray, right: np.ndarray, scores: np.ndarray
) -> list[Cluster]:
    """Connected components of the links left[i]–right[i] between `refs`: clusters of two or
    more sentences, largest first; ids are stable hashes of the members."""
    if not len(left) or not refs:
        return []
    size = len(refs)
    graph = coo_matrix((np.ones(len(left)), (left, right)), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    clusters = []
    for label in np.unique(labels[np.concatenate([left, right])]):
        members = sorted(refs[k] for k in np.flatnonzero(labels == label))
        inside = labels[left] == label
        key = "|".join(f"{m.doc}:{m.index}" for m in members)
        clusters.append(
            Cluster(
                id="c" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10],
                members=members,
                score=round(float(scores[inside].mean()), 4),
            )
        )
    return sorted(clusters, key=lambda c: (-len(c.members), c.id))


def find_clusters(table: LinkTable) -> list[Cluster]:
    """Clusters over the table's mutual emitted links."""
    left, right, scores = mutual_links(table)
    return group_links([item.ref for item in table.items], left, right, scores)
