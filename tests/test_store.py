import multiprocessing
import threading

import pytest

from ui.store import ReviewStore, link_subject


def test_decisions_survive_a_reload_and_keep_history(tmp_path):
    store = ReviewStore(tmp_path / "review.sqlite")
    store.decide_link(("a", 1), ("b", 2), "accepted", "alice")
    store.decide_link(("b", 2), ("a", 1), "rejected", "bob")  # same link, other side
    store.edit_translation("a", 1, "Edited.", "Machine.", "alice")
    store.set_note("a", 1, "check the name", "alice")
    store.mark_reviewed("a", True, "alice")
    store.close()

    reopened = ReviewStore(tmp_path / "review.sqlite")
    decision = reopened.link_decisions()[link_subject("a", 1, "b", 2)]
    assert (decision.value, decision.reviewer) == ("rejected", "bob")
    edit = reopened.edits()[next(iter(reopened.edits()))]
    assert (edit.value, edit.machine) == ("Edited.", "Machine.")
    assert reopened.reviewed_documents() == {"a"}
    assert [e.reviewer for e in reopened.history() if e.kind == "link"] == ["alice", "bob"]


def test_every_action_is_signed(tmp_path):
    store = ReviewStore(tmp_path / "review.sqlite")
    with pytest.raises(ValueError, match="reviewer name"):
        store.decide_link(("a", 1), ("b", 2), "accepted", "  ")
    with pytest.raises(ValueError, match="accepted or rejected"):
        store.decide_link(("a", 1), ("b", 2), "maybe", "alice")
    assert store.history() == []


def write_many(path, reviewer, count):
    store = ReviewStore(path)
    for n in range(count):
        store.decide_link((reviewer, n), ("shared", 0), "accepted", reviewer)
        store.edit_translation("shared", 0, f"{reviewer} {n}", "machine", reviewer)


def test_two_reviewers_writing_at_once_lose_nothing(tmp_path):
    path = tmp_path / "review.sqlite"
    ReviewStore(path).close()
    processes = [
        multiprocessing.get_context("spawn").Process(target=write_many, args=(path, name, 100))
        for name in ("alice", "bob")
    ]
    for process in processes:
        process.start()
    threads = [threading.Thread(target=write_many, args=(path, "carol", 100))]
    for thread in threads:
        thread.start()
    for process in processes:
        process.join(60)
        assert process.exitcode == 0
    for thread in threads:
        thread.join()
    store = ReviewStore(path)
    history = store.history()
    assert len(history) == 600
    assert len(store.link_decisions()) == 300
    assert {e.reviewer for e in history} == {"alice", "bob", "carol"}
