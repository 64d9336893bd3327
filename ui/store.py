"""Reviewers' decisions in `DIR/review.sqlite`: link verdicts, post-edits, notes, reviewed marks.

Every action is appended to `events` (who, when, what) and the current state is derived from the
latest event per subject, all in one short transaction. So two reviewers writing at once both
land (WAL mode; SQLite serialises the writers), nothing is overwritten in place, and the page
shows the stored state after a reload.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from mt.sqlite import open_database

REVIEW_FILE = "review.sqlite"
LINK_DECISIONS = ("accepted", "rejected")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,          -- link | edit | note | reviewed
    subject TEXT NOT NULL,       -- what it is about, as JSON
    value TEXT,                  -- the decision, edited text, note, or reviewed flag
    machine TEXT,                -- edits: the machine translation the edit replaces
    reviewer TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS events_subject ON events (kind, subject, id);
"""


def link_subject(source_doc: str, source_index: int, target_doc: str, target_index: int) -> str:
    """A link's key, the same whichever side the reviewer decided it from."""
    ends = sorted([(source_doc, source_index), (target_doc, target_index)])
    return json.dumps([list(ends[0]), list(ends[1])], ensure_ascii=False)


def sentence_subject(doc: str, index: int) -> str:
    return json.dumps([doc, index], ensure_ascii=False)


@dataclass(frozen=True)
class Event:
    kind: str
    subject: str
    value: str | None
    machine: str | None
    reviewer: str
    at: float


class ReviewStore:
    """Safe to share between the page's worker threads: each thread gets its own connection."""

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()
        self._local.connection = open_database(path, _SCHEMA)

    @property
    def connection(self) -> sqlite3.Connection:
        if getattr(self._local, "connection", None) is None:
            self._local.connection = open_database(self.path, "")
        return self._local.connection

    @classmethod
    def for_folder(cls, out_dir: Path) -> ReviewStore:
        return cls(out_dir / REVIEW_FILE)

    def close(self) -> None:
        self.connection.close()

    def _append(self, kind: str, subject: str, value, machine, reviewer: str) -> None:
        if not reviewer.strip():
            raise ValueError("enter your reviewer name first: every decision is signed")
        with self.connection:
            self.connection.execute(
                "INSERT INTO events (kind, subject, value, machine, reviewer, at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (kind, subject, value, machine, reviewer.strip(), time.time()),
            )

    def decide_link(
        self, source: tuple[str, int], target: tuple[str, int], decision: str, reviewer: str
    ) -> None:
        if decision not in LINK_DECISIONS:
            raise ValueError(f"a link is {' or '.join(LINK_DECISIONS)}, not {decision!r}")
        self._append("link", link_subject(*source, *target), decision, None, reviewer)

    def edit_translation(
        self, doc: str, index: int, edited: str, machine: str | None, reviewer: str
    ) -> None:
        self._append("edit", sentence_subject(doc, index), edited, machine, reviewer)

    def set_note(self, doc: str, index: int, note: str, reviewer: str) -> None:
        self._append("note", sentence_subject(doc, index), note, None, reviewer)

    def mark_reviewed(self, doc: str, reviewed: bool, reviewer: str) -> None:
        self._append("reviewed", json.dumps(doc), "1" if reviewed else "0", None, reviewer)

    def latest(self, kind: str) -> dict[str, Event]:
        """The current state of every subject of `kind`: its latest event."""
        rows = self.connection.execute(
            "SELECT kind, subject, value, machine, reviewer, at FROM events WHERE id IN "
            "(SELECT MAX(id) FROM events WHERE kind = ? GROUP BY subject)",
            (kind,),
        )
        return {row[1]: Event(*row) for row in rows}

    def link_decisions(self) -> dict[str, Event]:
        return self.latest("link")

    def edits(self) -> dict[str, Event]:
        return self.latest("edit")

    def notes(self) -> dict[str, Event]:
        return self.latest("note")

    def reviewed_documents(self) -> set[str]:
        return {json.loads(s) for s, e in self.latest("reviewed").items() if e.value == "1"}

    def history(self) -> list[Event]:
        rows = self.connection.execute(
            "SELECT kind, subject, value, machine, reviewer, at FROM events ORDER BY id"
        )
        return [Event(*row) for row in rows]
