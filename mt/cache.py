"""The translation cache: SQLite in the output folder, keyed by engine signature, language and
normalised source text. Re-running a batch is instant and an interrupted run resumes."""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from mt.sqlite import open_database, select_in

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    engine TEXT NOT NULL,
    lang TEXT NOT NULL,
    source TEXT NOT NULL,
    translation TEXT NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (engine, lang, source)
)
"""


class TranslationCache:
    def __init__(self, path: Path):
        self.connection = open_database(path, _SCHEMA)

    def get_many(self, engine: str, lang: str, sources: Iterable[str]) -> dict[str, str]:
        query = (
            "SELECT source, translation FROM translations "
            "WHERE engine = ? AND lang = ? AND source IN ({marks})"
        )
        return dict(select_in(self.connection, query, [engine, lang], list(sources)))

    def put_many(self, engine: str, lang: str, pairs: Iterable[tuple[str, str]]) -> None:
        now = time.time()
        with self.connection:  # one transaction: a batch is stored whole or not at all
            self.connection.executemany(
                "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?)",
                [(engine, lang, source, translation, now) for source, translation in pairs],
            )

    def close(self) -> None:
        self.connection.close()
