import json
import shutil
import socket
import urllib.error
import urllib.request

import pytest

from tests.conftest import XSS_TEXT
from ui.app import ReviewActions, ReviewConfig, ReviewError, build_app, launch_kwargs
from ui.export import export_folder
from ui.store import ReviewStore


@pytest.fixture
def folder(review_folder, tmp_path):
    """A private copy, so each test starts from an unreviewed folder."""
    copy = tmp_path / "out"
    shutil.copytree(review_folder, copy)
    return copy


def first_match(actions, doc="flores-fa"):
    for index in range(len(actions.workspace.documents[doc].sentences)):
        if actions.workspace.sentence_matches(doc, index):
            return index
    raise AssertionError("no sentence with matches")


def test_document_list_filters_by_language_and_status(folder):
    actions = ReviewActions(ReviewConfig(folder))
    rows = actions.document_rows()
    assert {row[0] for row in rows} >= {"flores-fa", "flores-ar", "hostile"}
    assert {row[2] for row in actions.document_rows(lang="ar")} == {"ar"}
    actions.mark_reviewed("flores-ar", True, "alice")
    assert [row[0] for row in actions.document_rows(status="reviewed")] == ["flores-ar"]


def test_view_is_right_to_left_escaped_and_says_when_untranslated(folder):
    actions = ReviewActions(ReviewConfig(folder))
    hostile = actions.view("hostile", 0)
    assert "<script>" not in hostile and "<img" not in hostile and "<b onmouseover" not in hostile
    assert "&lt;script&gt;" in hostile
    assert 'dir="rtl" lang="fa"' in hostile
    seed = actions.workspace.summaries()[0].id
    assert "has no translation" in actions.view(seed, 0)
    assert "has no translation" not in actions.view("flores-fa", 0)


def test_decisions_edits_and_notes_are_stored_and_shown(folder):
    actions = ReviewActions(ReviewConfig(folder))
    sentence = first_match(actions)
    message = actions.decide("flores-fa", sentence, 0, "accepted", "alice")
    assert message.startswith("Link accepted")
    machine = actions.workspace.documents["flores-fa"].sentences[sentence].translation
    actions.edit("flores-fa", sentence, "A better English sentence.", "alice")
    actions.note("flores-fa", sentence, "name spelled two ways", "bob")
    view = ReviewActions(ReviewConfig(folder)).view("flores-fa", sentence)  # a fresh page load
    assert "accepted by alice" in view
    assert "A better English sentence." in view and f"machine: {machine}" in view
    assert "name spelled two ways" in view


def test_actions_refuse_what_cannot_be_done(folder):
    actions = ReviewActions(ReviewConfig(folder))
    with pytest.raises(ReviewError, match="choose a document"):
        actions.decide("nope", 0, 0, "accepted", "alice")
    with pytest.raises(ReviewError, match="select a sentence"):
        actions.edit("flores-fa", 999, "x", "alice")
    with pytest.raises(ValueError, match="reviewer name"):
        actions.decide("flores-fa", first_match(actions), 0, "accepted", "")


def test_export_writes_accepted_links_clusters_and_post_edits(folder):
    actions = ReviewActions(ReviewConfig(folder))
    sentence = first_match(actions)
    actions.decide("flores-fa", sentence, 0, "accepted", "alice")
    actions.decide("flores-fa", sentence, 1, "rejected", "alice")
    actions.edit("flores-fa", sentence, "Edited.", "alice")
    paths = {p.name: p for p in export_folder(folder)}
    assert set(paths) == {
        f"{name}.{ext}"
        for name in ("accepted_links", "clusters", "post_edits")
        for ext in ("jsonl", "csv")
    }
    links = paths["accepted_links.jsonl"].read_text().splitlines()
    assert len(links) == 1 and '"reviewer": "alice"' in links[0]
    assert json.loads(links[0])["score"] is not None  # found whichever side decided it
    assert len(paths["clusters.jsonl"].read_text().splitlines()) == 1
    edits = paths["post_edits.csv"].read_text(encoding="utf-8-sig").splitlines()
    assert edits[0].startswith("doc,index,source_text,machine_translation,post_edited")
    assert "Edited." in edits[1]


def test_adding_articles_checks_the_input(folder, tmp_path):
    actions = ReviewActions(ReviewConfig(folder, max_upload_bytes=100))
    with pytest.raises(ReviewError, match="paste an article"):
        actions.add_article("  ", None)
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF")
    with pytest.raises(ReviewError, match=r"only \.txt, \.html, \.htm"):
        actions.add_article(None, str(pdf))
    big = tmp_path / "big.txt"
    big.write_text("خبر " * 100)
    with pytest.raises(ReviewError, match="the limit is 100"):
        actions.add_article(None, str(big))
    english = tmp_path / "english.txt"
    english.write_text("Only English here.")
    with pytest.raises(ReviewError, match="Could not add"):
        actions.add_article(None, str(english))


def test_a_pasted_article_is_translated_linked_and_listed(folder, tiny_model_dir):
    from mt.translate import TranslationConfig

    actions = ReviewActions(ReviewConfig(folder, TranslationConfig(model=str(tiny_model_dir))))
    text = (
        "پوتین به تهران آمد\n\nولادیمیر پوتین رئیس جمهور روسیه امروز برای دیدار با مقامات ایران "
        "وارد تهران شد. او درباره همکاری‌های اقتصادی دو کشور گفت‌وگو کرد."
    )
    message = actions.add_article(text, None)
    assert message.startswith("Added pasted-")
    added = [d for d in actions.workspace.documents.values() if d.id.startswith("pasted-")]
    assert len(added) == 1 and all(s.translation for s in added[0].sentences)
    assert actions.workspace.sentence_matches(added[0].id, 1)  # linked to the other articles


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(folder):
    config = ReviewConfig(folder)
    app = build_app(config)
    port = free_port()
    app.queue().launch(
        server_port=port, prevent_thread_lock=True, quiet=True, **launch_kwargs(config)
    )
    yield f"http://127.0.0.1:{port}/", app, folder
    app.close()


def test_gradio_client_drives_the_page_functions(served):
    from gradio_client import Client

    url, app, folder = served
    client = Client(url, verbose=False)
    rows = client.predict(lang="fa", status="all", api_name="/documents")
    assert {row[0] for row in rows} == {"flores-fa", "hostile"} | {
        row[0] for row in app.actions.document_rows(lang="fa")
    }
    sentence = first_match(app.actions)
    client.predict("flores-fa", sentence, 0, "accepted", "carol", api_name="/decide")
    view = client.predict("flores-fa", sentence, 0, api_name="/view")
    assert "accepted by carol" in view
    assert ReviewStore.for_folder(folder).history()[-1].reviewer == "carol"


def test_no_file_outside_the_exports_is_served(served):
    url, _, folder = served
    for path in (folder / "review.sqlite", folder / "docs" / "hostile.json", "/etc/passwd"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{url}gradio_api/file={path}", timeout=10)
        assert refused.value.code in (403, 404)


def test_hostile_text_is_kept_verbatim_in_the_document(folder):
    assert (
        ReviewActions(ReviewConfig(folder)).workspace.documents["hostile"].sentences[0].text
        == XSS_TEXT
    )
