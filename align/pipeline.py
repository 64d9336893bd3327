"""`workbench link`: read an output folder's documents, embed, link, cluster, write the results.

The I/O edge of the linker: everything else in align/ works on arrays and records."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from align.cluster import Cluster, find_clusters
from align.embed import Embedder, EmbeddingCache, embed_texts
from align.link import LinkConfig, LinkItem, LinkTable, SentenceRef, collect_items, link_items
from align.score import Calibration
from align.search import top_neighbours
from mt.docstore import load_documents, write_atomic
from mt.records import Document

LINKS_FILE = "links.jsonl"
CLUSTERS_FILE = "clusters.json"
DOCUMENT_LINKS_FILE = "document_links.json"
EMBEDDING_CACHE = "embeddings.sqlite"


@dataclass
class LinkReport:
    documents: int
    sentences: int
    excluded: list[tuple[SentenceRef, str]]
    matches: int
    emitted: int
    clusters: int


def embed_items(
    items: Sequence[LinkItem], embedder: Embedder, cache: EmbeddingCache | None
) -> tuple[np.ndarray, np.ndarray | None]:
    """Source vectors for every item; English vectors for the items with English, in order."""
    source = embed_texts(embedder, [item.text for item in items], cache)
    english_texts = [item.english for item in items if item.english]
    english = embed_texts(embedder, english_texts, cache) if english_texts else None
    return source, english


def document_links(
    documents: Sequence[Document],
    items: Sequence[LinkItem],
    vectors: np.ndarray,
    table: LinkTable,
    top_k: int,
) -> list[dict]:
    """Document-to-document similarity: cosine of mean sentence vectors, top k per document,
    with the number of emitted sentence links between the two."""
    doc_ids = [d.id for d in documents if any(item.ref.doc == d.id for item in items)]
    if len(doc_ids) < 2:
        return []
    position = {doc: k for k, doc in enumerate(doc_ids)}
    owner = np.array([position[item.ref.doc] for item in items])
    means = np.zeros((len(doc_ids), vectors.shape[1]), dtype=np.float32)
    np.add.at(means, owner, vectors)
    means /= np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-12)
    groups = np.arange(len(doc_ids))
    neighbours = top_neighbours(means, means, top_k, groups, groups)
    emitted: dict[tuple[int, int], int] = {}
    for a, b in zip(table.source[table.linked], table.target[table.linked], strict=True):
        pair = (owner[a], owner[b])
        emitted[pair] = emitted.get(pair, 0) + 1
    result = []
    for doc, row in enumerate(neighbours.indices):
        for rank, other in enumerate(row[row >= 0], start=1):
            result.append(
                {
                    "source": doc_ids[doc],
                    "target": doc_ids[other],
                    "score": round(float(neighbours.scores[doc, rank - 1]), 4),
                    "rank": rank,
                    "sentence_links": emitted.get((doc, int(other)), 0),
                }
            )
    return result


def write_results(
    out_dir: Path, table: LinkTable, clusters: Sequence[Cluster], doc_links: list[dict]
) -> None:
    lines = (json.dumps(link.to_dict(), ensure_ascii=False) for link in table.links())
    write_atomic(out_dir / LINKS_FILE, "".join(line + "\n" for line in lines))
    write_atomic(
        out_dir / CLUSTERS_FILE,
        json.dumps([c.to_dict() for c in clusters], ensure_ascii=False, indent=1) + "\n",
    )
    write_atomic(
        out_dir / DOCUMENT_LINKS_FILE, json.dumps(doc_links, ensure_ascii=False, indent=1) + "\n"
    )


def link_folder(
    out_dir: Path,
    embedder: Embedder,
    config: LinkConfig | None = None,
    calibration: Calibration | None = None,
) -> LinkReport:
    """Link every document of `out_dir` and write links.jsonl, clusters.json and
    document_links.json there. Works with or without translations."""
    config = config or LinkConfig()
    calibration = calibration or Calibration.load()
    documents = load_documents(out_dir)
    items, excluded = collect_items(documents, config)
    cache = EmbeddingCache(out_dir / EMBEDDING_CACHE)
    try:
        source_vectors, english_vectors = embed_items(items, embedder, cache)
    finally:
        cache.close()
    table = link_items(items, source_vectors, english_vectors, calibration, config)
    clusters = find_clusters(table)
    doc_links = document_links(documents, items, source_vectors, table, config.top_k)
    write_results(out_dir, table, clusters, doc_links)
    return LinkReport(
        documents=len(documents),
        sentences=len(items),
        excluded=excluded,
        matches=len(table),
        emitted=int(table.linked.sum()),
        clusters=len(clusters),
    )
