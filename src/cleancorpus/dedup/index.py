"""A persistent index of the canonical documents kept so far, for incremental dedup.

Each entry is a kept document's id, its MinHash signature and its LSH band keys (plus, with
``keep_shingles``, its shingle hashes), stored as bytes and integers, never pickled. The index
header holds the parameters that made them (:func:`index_parameters`); opening an index with
other ones raises :class:`~cleancorpus.errors.MismatchError` naming each difference.

A batch is matched and added in one :meth:`Index.session`: the session holds the index's
write lock (SQLite: one ``BEGIN IMMEDIATE`` transaction; Redis: a lock key) from the first
lookup to the commit, so two runs on one index never both keep copies of one story, and a
run that dies before committing leaves the index as it was. Matching a document: its band
keys propose earlier documents, and each is verified by Jaccard similarity, estimated from
the signatures (the share of equal values) or, when the index keeps shingle hashes, exact;
with shingle hashes a copy with a part dropped or added matches too, by the batch's rule
(``DedupConfig.duplicate``; without them the index cannot measure containment).
The index is append-only: an earlier kept document stays kept. Backends:
:mod:`.index_sqlite` (a file; the default) and :mod:`.index_redis` (``redis://host:port/db``);
:func:`~.index_open.open_index` opens either.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from ..errors import MismatchError
from .candidates import band_keys
from .clusters import intersection_size, jaccard
from .fingerprint import Fingerprint

FORMAT = "cleancorpus-index/1"
# Header fields that must match for an index to be reused (cleancorpus_version is recorded
# but not compared: a release that keeps the hashes keeps the index usable).
COMPARED = (
    "format",
    "scheme",
    "num_perm",
    "shingle_size",
    "seed",
    "tokenizer",
    "shingle_hash",
    "bands",
    "rows",
    "keep_shingles",
)


def index_parameters(config: Any, keep_shingles: bool, version: str) -> dict[str, Any]:
    """The header of an index built with the dedup ``config`` (a DedupConfig)."""
    params = config.fingerprint_params
    bands, rows = config.bands
    return {
        "format": FORMAT,
        "scheme": params.scheme,
        "num_perm": params.num_perm,
        "shingle_size": params.shingle_size,
        "seed": params.seed,
        "tokenizer": params.tokenizer,
        "shingle_hash": params.shingle_hash,
        "bands": bands,
        "rows": rows,
        "keep_shingles": keep_shingles,
        "cleancorpus_version": version,
    }


class DuplicateRule(Protocol):
    """When a verified pair is a duplicate (``cleancorpus.dedup.DedupConfig`` is one)."""

    @property
    def threshold(self) -> float: ...

    def duplicate(self, jaccard: Any, containment: Any) -> Any: ...


@dataclass(frozen=True, slots=True)
class IndexMatch:
    """An earlier kept document that a new one duplicates.

    ``similarity`` is the Jaccard similarity, ``exact`` when computed from shingle hashes,
    else estimated from the signatures; ``signature`` and ``shingles`` are the earlier
    document's, to compare the rest of a cluster with it.
    """

    id: str
    similarity: float
    exact: bool
    signature: np.ndarray
    shingles: np.ndarray | None


@dataclass(frozen=True, slots=True)
class StoredEntry:
    """One index entry as stored: the signature and, if kept, the shingle hashes."""

    signature: np.ndarray
    shingles: np.ndarray | None


class Index(ABC):
    """An index of kept documents; open with ``open_index``, use as a context manager."""

    location: str

    def __init__(self, header: Mapping[str, Any], rule: DuplicateRule) -> None:
        self.header = dict(header)
        self.rule = rule
        self.threshold = rule.threshold
        self.keep_shingles = bool(header["keep_shingles"])
        self._bands = int(header["bands"]), int(header["rows"])

    # -- backend ------------------------------------------------------------------------

    @abstractmethod
    def __len__(self) -> int: ...

    @abstractmethod
    def _lookup(self, keys: Sequence[int]) -> dict[int, list[str]]:
        """For each band key that has entries, the ids of those entries."""

    @abstractmethod
    def _fetch(self, ids: Sequence[str]) -> dict[str, StoredEntry]: ...

    @abstractmethod
    def _write(self, entries: Sequence[tuple[str, Fingerprint, np.ndarray]]) -> int:
        """Store ``(id, fingerprint, band keys)`` entries (inside the session) whose id is not
        stored yet; return how many."""

    @abstractmethod
    def _lock(self) -> None: ...

    @abstractmethod
    def _commit(self) -> None: ...

    @abstractmethod
    def _rollback(self) -> None: ...

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def size_bytes(self) -> int:
        """The storage the index takes (file size, or Redis memory of its keys)."""

    # -- matching and adding ------------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[Index]:
        """Hold the write lock; commit on a clean exit, roll back on an exception."""
        self._lock()
        try:
            yield self
        except BaseException:
            self._rollback()
            raise
        self._commit()

    def match(self, documents: Mapping[str, Fingerprint]) -> dict[str, IndexMatch]:
        """The best earlier match of each document that has one: Jaccard at the threshold
        or above, or (shingle hashes kept) a copy with a part dropped or added.

        An entry with the document's own id is not a match (a batch run again matches as it
        did the first time). Ties go to the higher similarity, then the smaller id.
        """
        ids = sorted(doc_id for doc_id, fp in documents.items() if len(fp.shingles))
        if not ids:
            return {}
        keys = band_keys(np.stack([documents[i].signature for i in ids]), *self._bands)
        found = self._lookup(sorted(set(keys.ravel().tolist())))
        candidates = {
            doc_id: sorted({o for k in row.tolist() for o in found.get(k, ())} - {doc_id})
            for doc_id, row in zip(ids, keys, strict=True)
        }
        stored = self._fetch(sorted({o for others in candidates.values() for o in others}))
        out: dict[str, IndexMatch] = {}
        for doc_id in ids:
            best: IndexMatch | None = None
            for other in candidates[doc_id]:
                entry = stored[other]
                sim, exact = self.similarity(documents[doc_id], entry.signature, entry.shingles)
                duplicate = self._duplicate(documents[doc_id], entry.shingles, sim)
                if duplicate and (best is None or sim > best.similarity):
                    best = IndexMatch(other, sim, exact, entry.signature, entry.shingles)
            if best is not None:
                out[doc_id] = best
        return out

    def _duplicate(self, doc: Fingerprint, shingles: np.ndarray | None, sim: float) -> bool:
        """The batch's rule on exact scores; the threshold alone on an estimate."""
        if shingles is None or not len(shingles):
            return sim >= self.threshold
        held = intersection_size(doc.shingles, shingles) / min(len(doc.shingles), len(shingles))
        return bool(self.rule.duplicate(sim, held))

    def similarity(
        self, doc: Fingerprint, signature: np.ndarray, shingles: np.ndarray | None
    ) -> tuple[float, bool]:
        """Jaccard of ``doc`` with an entry: exact from shingles, else estimated."""
        if shingles is not None:
            return jaccard(doc.shingles, shingles), True
        return float(np.mean(doc.signature == signature)), False

    def add(self, documents: Mapping[str, Fingerprint]) -> int:
        """Store new kept documents (inside a :meth:`session`); return how many were new
        (an id stored before keeps its first entry)."""
        ids = sorted(doc_id for doc_id, fp in documents.items() if len(fp.shingles))
        if not ids:
            return 0
        keys = band_keys(np.stack([documents[i].signature for i in ids]), *self._bands)
        return self._write([(i, documents[i], k) for i, k in zip(ids, keys, strict=True)])

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def check_header(found: Mapping[str, Any], expected: Mapping[str, Any], location: str) -> None:
    """Raise :class:`MismatchError` naming every compared parameter that differs."""
    diffs = [
        f"{key}: index has {found.get(key)!r}, this run {expected[key]!r}"
        for key in COMPARED
        if found.get(key) != expected[key]
    ]
    if diffs:
        raise MismatchError(
            f"index {location} was built with other parameters ({'; '.join(diffs)}); "
            "use the same dedup options, or start a new index"
        )
