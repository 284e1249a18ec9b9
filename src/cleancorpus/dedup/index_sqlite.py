"""The SQLite index backend: one file, nothing to install or start (the default).

Tables: ``header`` (the parameters, as JSON values), ``entries`` (id, signature bytes,
shingle-hash bytes or NULL) and ``bands`` (band key -> entry row), with an index on the band
key. WAL journal mode: readers never block and are never blocked; a batch is one ``BEGIN
IMMEDIATE`` transaction, so a writer waits for another (up to ``timeout`` seconds) and a crash
before ``COMMIT`` leaves the file exactly as before the batch.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from ..errors import ConfigError
from .fingerprint import Fingerprint
from .index import DuplicateRule, Index, StoredEntry, check_header

_SCHEMA = """
CREATE TABLE IF NOT EXISTS header (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    row INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, signature BLOB NOT NULL, shingles BLOB
);
CREATE TABLE IF NOT EXISTS bands (key INTEGER NOT NULL, row INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS bands_by_key ON bands (key);
"""
_CHUNK = 500  # values per IN (...) query, under SQLite's variable limit


class SqliteIndex(Index):
    """An index in a SQLite file."""

    def __init__(
        self, db: sqlite3.Connection, location: str, header: Mapping[str, Any], rule: DuplicateRule
    ) -> None:
        super().__init__(header, rule)
        self.db = db
        self.location = location

    @classmethod
    def open(
        cls, path: str, expected: Mapping[str, Any], rule: DuplicateRule, timeout: float = 600.0
    ) -> SqliteIndex:
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise ConfigError(f"index {path}: folder {folder} does not exist")
        try:
            db = sqlite3.connect(path, timeout=timeout, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA)
            if not db.execute("SELECT 1 FROM header LIMIT 1").fetchone():  # a new index
                db.execute("BEGIN IMMEDIATE")
                db.executemany(
                    "INSERT OR IGNORE INTO header VALUES (?, ?)",
                    [(k, json.dumps(v)) for k, v in expected.items()],
                )
                db.execute("COMMIT")
            found = dict(db.execute("SELECT key, value FROM header").fetchall())
        except sqlite3.DatabaseError as exc:
            raise ConfigError(f"index {path} is not a usable SQLite index: {exc}") from exc
        header = {k: json.loads(v) for k, v in found.items()}
        check_header(header, expected, path)
        return cls(db, path, header, rule)

    def __len__(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM entries").fetchone()[0])

    def _lookup(self, keys: Sequence[int]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        query = "SELECT b.key, e.id FROM bands b JOIN entries e ON e.row = b.row WHERE b.key IN"
        for key, doc_id in self._select_in(query, keys):
            out.setdefault(key, []).append(doc_id)
        return out

    def _fetch(self, ids: Sequence[str]) -> dict[str, StoredEntry]:
        query = "SELECT id, signature, shingles FROM entries WHERE id IN"
        return {
            doc_id: StoredEntry(
                np.frombuffer(signature, dtype=np.uint32),
                None if shingles is None else np.frombuffer(shingles, dtype=np.uint32),
            )
            for doc_id, signature, shingles in self._select_in(query, ids)
        }

    def _select_in(self, query: str, values: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
        """The rows of ``query (?, ?, ...)`` over ``values``, a few hundred at a time."""
        for start in range(0, len(values), _CHUNK):
            part = values[start : start + _CHUNK]
            yield from self.db.execute(f"{query} ({','.join('?' * len(part))})", part)

    def _write(self, entries: Sequence[tuple[str, Fingerprint, np.ndarray]]) -> int:
        added = 0
        for doc_id, fp, keys in entries:
            shingles = fp.shingles.astype(np.uint32).tobytes() if self.keep_shingles else None
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO entries (id, signature, shingles) VALUES (?, ?, ?)",
                (doc_id, fp.signature.astype(np.uint32).tobytes(), shingles),
            )
            if cursor.rowcount:  # a new entry (an id stored before keeps its first entry)
                added += 1
                row = cursor.lastrowid
                self.db.executemany(
                    "INSERT INTO bands VALUES (?, ?)", [(k, row) for k in keys.tolist()]
                )
        return added

    def _lock(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        self.db.execute("COMMIT")

    def _rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    def close(self) -> None:
        self.db.close()

    def size_bytes(self) -> int:
        pages = self.db.execute("PRAGMA page_count").fetchone()[0]
        return int(pages * self.db.execute("PRAGMA page_size").fetchone()[0])
