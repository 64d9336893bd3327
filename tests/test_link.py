import numpy as np
import pytest

from align.cluster import find_clusters
from align.link import LinkConfig, LinkItem, SentenceRef, collect_items, link_items
from align.score import Calibration, ScoringModel
from align.search import top_neighbours
from align.terms import TermWeights, evidence, fold_word, terms
from mt.records import Document, Sentence


def unit(rows) -> np.ndarray:
    vectors = np.asarray(rows, dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_chunked_search_matches_the_full_matrix_and_skips_own_document():
    rng = np.random.default_rng(0)
    vectors = unit(rng.normal(size=(50, 16)))
    groups = rng.integers(0, 5, size=50)
    found = top_neighbours(vectors, vectors, 7, groups, groups, chunk_rows=6)
    full = vectors @ vectors.T
    full[groups[:, None] == groups[None, :]] = -np.inf
    expected = np.argsort(-full, axis=1)[:, :7]
    assert np.array_equal(found.indices, expected)
    assert np.allclose(found.scores, np.take_along_axis(full, expected, axis=1))
    assert not (groups[found.indices] == groups[:, None]).any()


def test_search_pads_when_too_few_other_documents():
    vectors = unit([[1, 0], [0, 1], [1, 1]])
    found = top_neighbours(vectors, vectors, 3, np.array([0, 0, 1]), np.array([0, 0, 1]))
    assert found.indices[0].tolist() == [2, -1, -1]
    assert np.isneginf(found.scores[0, 1:]).all()
    assert found.mean_top(2)[0] == pytest.approx(found.scores[0, 0])


def test_names_meet_across_persian_and_arabic_script():
    persian = terms("ولادیمیر پوتین به تهران آمد و درباره روسیه و سوریه گفت")
    arabic = terms("وصل فلاديمير بوتين الى طهران وتحدث عن روسيا وسوريا")
    assert {"بوتين", "تهران", "روسيا", "سوريا"} <= persian & arabic
    assert fold_word("الخامنئي") == fold_word("خامنئی")
    assert "2023" in terms("لغو روادید در سال 2023")


def test_rare_shared_terms_count_more_than_common_ones():
    collection = [terms(t) for t in ["ایران روسیه", "ایران روسیه بریکس", "ایران چین", "ایران"]]
    weights = TermWeights.fit(collection)
    assert weights.weight(fold_word("بریکس")) > weights.weight(fold_word("ایران"))
    assert evidence(collection[1], terms("بريكس ايران"), weights) == ["بريكس", "ايران"]


def model(signals, weights, bias, threshold, fire=None) -> ScoringModel:
    return ScoringModel("test", tuple(signals), tuple(weights), bias, threshold, fire or {})


CALIBRATION = Calibration(
    {
        "source": model(["cosine"], [20.0], -15.0, 0.5, {"cosine": 0.9}),
        "translated": model(["cosine", "translation_cosine"], [10.0, 10.0], -15.0, 0.5),
        "same": model(["cosine"], [20.0], -15.0, 0.5, {"cosine": 0.9}),
    },
    provenance="hand-made for tests",
)
CONFIG = LinkConfig(
    top_k=2,
    candidates=4,
    min_words=1,
    source_model="source",
    translation_model="translated",
    same_language_model="same",
)


def item(doc, index, lang, english=None) -> LinkItem:
    return LinkItem(SentenceRef(doc, index), lang, f"{doc} {index}", english)


def test_matches_rank_other_languages_first_and_never_the_same_document():
    items = [item("a", 0, "fa"), item("a", 1, "fa"), item("b", 0, "fa"), item("c", 0, "ar")]
    # a0 is nearly identical to a1 (same document) and to b0 (same language), close to c0
    vectors = unit([[1, 0, 0], [1, 0.01, 0], [1, 0.02, 0], [1, 0.3, 0]])
    table = link_items(items, vectors, None, CALIBRATION, CONFIG)
    links = [link for link in table.links() if link.source == SentenceRef("a", 0)]
    assert [(link.target, link.rank) for link in links] == [
        (SentenceRef("c", 0), 1),  # Arabic first, though b0 scores higher
        (SentenceRef("b", 0), 2),
    ]
    assert links[1].score > links[0].score
    assert all(link.source.doc != link.target.doc for link in table.links())
    scores = {(link.source, link.target): link.score for link in table.links()}
    for (source, target), score in scores.items():
        assert scores.get((target, source), score) == score  # symmetric


def test_each_link_carries_its_signals_and_which_fired():
    items = [item("a", 0, "fa"), item("b", 0, "ar"), item("c", 0, "ar")]
    vectors = unit([[1, 0], [1, 0.05], [0.2, 1]])
    table = link_items(items, vectors, None, CALIBRATION, CONFIG)
    by_pair = {(link.source.doc, link.target.doc): link for link in table.links()}
    strong, weak = by_pair[("a", "b")], by_pair[("a", "c")]
    assert strong.linked and not weak.linked
    assert strong.signals["fired"] == ["cosine"] and weak.signals["fired"] == []
    assert strong.signals["model"] == "test"
    assert set(strong.signals) >= {"cosine", "fired", "shared_terms"}


def test_translation_signals_apply_only_where_both_sentences_have_english():
    items = [
        item("a", 0, "fa", "Putin visited Tehran."),
        item("b", 0, "ar", "Putin was in Tehran."),
        item("c", 0, "ar"),
    ]
    vectors = unit([[1, 0], [1, 0.1], [1, 0.2]])
    english = unit([[0, 1], [0.05, 1]])  # rows for a0 and b0, the items with English
    table = link_items(items, vectors, english, CALIBRATION, CONFIG)
    by_pair = {(link.source.doc, link.target.doc): link for link in table.links()}
    assert "translation_cosine" in by_pair[("a", "b")].signals
    assert by_pair[("a", "b")].signals["shared_terms_english"] == ["putin", "tehran"]
    assert "translation_cosine" not in by_pair[("a", "c")].signals


def document(doc_id, lang, texts) -> Document:
    sentences = [Sentence(index=k, text=t, paragraph=k, lang=lang) for k, t in enumerate(texts)]
    return Document(doc_id, texts[0], lang, "x", f"{doc_id}.txt", sentences)


def test_boilerplate_and_fragments_are_not_linkable():
    repeated = "برای دریافت آخرین اخبار کانال ما را دنبال کنید لطفا"
    documents = [
        document(
            "a",
            "fa",
            ["پوتین امروز به تهران سفر کرد و با رئیس جمهور دیدار کرد", repeated, "کد خبر: 12345"],
        ),
        document("b", "fa", ["رئیس جمهور روسیه امروز وارد تهران شد", repeated]),
        document("c", "fa", ["پوتین :", repeated]),
    ]
    items, excluded = collect_items(documents, LinkConfig())
    assert [i.ref for i in items] == [SentenceRef("a", 0), SentenceRef("b", 0)]
    reasons = {(ref.doc, ref.index): reason for ref, reason in excluded}
    assert reasons[("a", 1)] == "boilerplate (repeated in 3 documents)"
    assert reasons[("a", 2)] == "boilerplate (news code)"
    assert reasons[("c", 0)].startswith("fewer than")


def test_clusters_need_mutual_emitted_links():
    items = [item("a", 0, "fa"), item("b", 0, "ar"), item("c", 0, "ar"), item("d", 0, "fa")]
    vectors = unit([[1, 0, 0], [1, 0.05, 0], [1, 0.08, 0], [0, 0, 1]])
    table = link_items(items, vectors, None, CALIBRATION, CONFIG)
    clusters = find_clusters(table)
    assert len(clusters) == 1
    assert clusters[0].members == [SentenceRef(d, 0) for d in "abc"]
    assert clusters[0].to_dict()["documents"] == 3
    assert find_clusters(table)[0].id == clusters[0].id  # stable
