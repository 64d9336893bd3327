"""The translation cache: SQLite in the output folder, keyed by engine signature, language and
normalised source text. Re-running a batch is instant and an interrupted run resumes."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

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
        path.parent.mkdir(parents=True, exist_ok=True)
        self.connection = sqlite3.connect(path, timeout=30)
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute(_SCHEMA)
        self.connection.commit()

    def get_many(self, engine: str, lang: str, sources: Iterable[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(sources))
        # SQLite limits the number of bound parameters; ask in slices.
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.connection.execute(
                f"SELECT source, translation FROM translations "
                f"WHERE engine = ? AND lang = ? AND source IN ({marks})",
                [engine, lang, *chunk],
            )
            found.update(rows)
        return found

    def put_many(self, engine: str, lang: str, pairs: Iterable[tuple[str, str]]) -> None:
        now = time.time()
        with self.connection:  # one transaction: a batch is stored whole or not at all
            self.connection.executemany(
                "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?)",
                [(engine, lang, source, translation, now) for source, translation in pairs],
            )

    def close(self) -> None:
        self.connection.close()
