"""The SQLite habits shared by the workbench's caches and stores."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

# SQLite caps the number of bound parameters in one statement; lookups go in slices.
_SLICE = 500


def open_database(path: Path, schema: str) -> sqlite3.Connection:
    """A connection in WAL mode (readers never block the writer), with `schema` applied."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=30)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.executescript(schema)
    connection.commit()
    return connection


def select_in(
    connection: sqlite3.Connection, query: str, fixed: Sequence[object], keys: Sequence[str]
) -> Iterator[tuple]:
    """Rows of `query`, whose last condition is `IN ({marks})`, for every distinct key."""
    unique = list(dict.fromkeys(keys))
    for start in range(0, len(unique), _SLICE):
        chunk = unique[start : start + _SLICE]
        yield from connection.execute(
            query.format(marks=",".join("?" * len(chunk))), [*fixed, *chunk]
        )
