"""The Ray engine's first step: read, clean and fingerprint with the local engine's stages.

A shard is what one Ray task (or one ``map_batches`` batch) prepares: its documents as an
Arrow table (:mod:`.columns` fields plus ``length`` and ``nshingles``), its fingerprints as
numpy arrays (:class:`Prints`, what dedup reads, never the texts), when the run learns
boilerplate its documents' edge profiles as numpy arrays (:class:`Profiles`, what learning
counts, from :func:`~.stages.profile_batch` as in the local workers) and its notices
(errors, warnings, stage times). Documents are numbered in shard order, then row order: for a
folder that is the sorted file listing's order (records in file order), whatever the
number of shards, so the numbering does not depend on the worker count.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from ..dedup.fingerprint import Fingerprint
from ..errors import InputError
from ..learning.boilerplate import EdgeProfile
from ..options import RunOptions
from ..records import Document, Notice, RawDocument
from ..sources.intake import Intake, record_document
from ..sources.stream import iter_raw
from .columns import COLUMNS, to_columns
from .stages import StageSettings, prepare_batch, profile_batch

DOC, ERROR, WARNING, STATS = "doc", "error", "warning", "stats"  # kinds of prepared rows
CHUNK = 128  # documents per prepare_batch call inside a Ray task (the local chunk size)
DOC_COLUMNS = (*COLUMNS, "length", "nshingles")  # what the writer reads of a shard


@dataclasses.dataclass(frozen=True)
class Prints:
    """The fingerprints of a shard's documents: ``shingles[bounds[i]:bounds[i + 1]]`` are
    document ``i``'s sorted shingle hashes, ``signatures[i]`` its MinHash values."""

    shingles: np.ndarray  # uint32
    bounds: np.ndarray  # int64, one more than the documents
    signatures: np.ndarray  # uint32, documents x num_perm

    def sizes(self) -> np.ndarray:
        return np.diff(self.bounds)

    def of(self, row: int) -> np.ndarray:
        return self.shingles[self.bounds[row] : self.bounds[row + 1]]

    def replaced(self, rows: Sequence[int], fingerprints: Sequence[Fingerprint]) -> Prints:
        """These prints with those of ``rows`` replaced by ``fingerprints``."""
        pieces = [self.of(r) for r in range(len(self.signatures))]
        signatures = self.signatures.copy()
        for row, found in zip(rows, fingerprints, strict=True):
            pieces[row] = np.asarray(found.shingles, dtype=np.uint32)
            signatures[row] = np.asarray(found.signature, dtype=np.uint32)
        sizes = np.array([len(p) for p in pieces], dtype=np.int64)
        shingles = np.concatenate([*pieces, np.empty(0, np.uint32)])
        return Prints(shingles, np.concatenate(([0], np.cumsum(sizes))), signatures)


@dataclasses.dataclass(frozen=True)
class Profiles:
    """The edge profiles of a shard's documents (see
    :class:`~cleancorpus.learning.boilerplate.EdgeProfile`): document ``i``'s sorted distinct
    edge-line hashes are ``keys[bounds[i]:bounds[i + 1]]`` (their word counts ``words``, the
    same slice), its core sample ``cores[core_bounds[i]:core_bounds[i + 1]]``."""

    sites: tuple[str, ...]
    keys: np.ndarray  # uint64
    words: np.ndarray  # uint32
    bounds: np.ndarray  # int64, one more than the documents
    cores: np.ndarray  # uint32
    core_bounds: np.ndarray  # int64

    def profile(self, row: int, doc_id: str, shingles: np.ndarray) -> EdgeProfile:
        """Row ``row``'s profile, with its id and its fingerprint's shingles."""
        a, b = self.bounds[row], self.bounds[row + 1]
        core = self.cores[self.core_bounds[row] : self.core_bounds[row + 1]]
        return EdgeProfile(doc_id, self.sites[row], self.keys[a:b], self.words[a:b], core, shingles)


def joined(parts: Sequence[Prints]) -> Prints:
    """Several shards' prints as one (their documents numbered in order)."""
    if len(parts) == 1:
        return parts[0]
    starts = np.cumsum([0] + [len(p.shingles) for p in parts[:-1]])
    return Prints(
        np.concatenate([p.shingles for p in parts]),
        np.concatenate([[0]] + [p.bounds[1:] + s for p, s in zip(parts, starts, strict=True)]),
        np.concatenate([p.signatures for p in parts]),
    )


def _schema() -> Any:
    import pyarrow as pa

    removal = pa.struct(
        [("rule", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())]
    )
    return pa.schema(
        [
            ("row", pa.string()),
            ("id", pa.string()),
            ("text", pa.large_string()),
            ("metadata", pa.large_string()),
            ("source", pa.string()),
            ("kind", pa.string()),
            ("removals", pa.list_(removal)),
            ("original_length", pa.int64()),
            ("length", pa.int64()),
            ("signature", pa.binary()),
            ("shingles", pa.large_binary()),
            ("nshingles", pa.int64()),
            ("site", pa.string()),  # the profile columns, null when the run does not learn
            ("keys", pa.large_binary()),
            ("words", pa.large_binary()),
            ("core", pa.large_binary()),
        ]
    )


def doc_columns(documents: Sequence[Document], fingerprints: Sequence[Any]) -> dict[str, list[Any]]:
    """The documents and their fingerprints as the columns of a prepared table."""
    cols = to_columns(documents)
    cols["length"] = [len(d.text) for d in documents]
    cols["signature"] = [np.asarray(f.signature, dtype=np.uint32).tobytes() for f in fingerprints]
    cols["shingles"] = [np.asarray(f.shingles, dtype=np.uint32).tobytes() for f in fingerprints]
    cols["nshingles"] = [len(f.shingles) for f in fingerprints]
    return cols


def _prepared_table(
    documents: list[Document],
    fingerprints: list[Any],
    profiles: list[EdgeProfile] | None,
    errors: Iterable[InputError],
    warnings: Iterable[Notice],
    seconds: Mapping[str, float],
    skipped_records: int,
) -> Any:
    """Documents and notices as one Arrow table (``row`` says which): what ``map_batches``
    returns."""
    import pyarrow as pa

    cols = doc_columns(documents, fingerprints)
    n = len(documents)
    cols["row"] = [DOC] * n
    found: Sequence[EdgeProfile | None] = [None] * n if profiles is None else profiles
    cols["site"] = [None if p is None else p.site for p in found]
    for name in ("keys", "words", "core"):
        cols[name] = [None if p is None else getattr(p, name).tobytes() for p in found]
    notices = [(ERROR, e.path, e.problem) for e in errors]
    notices += [(WARNING, w[0], w[1]) for w in warnings]
    notices.append((STATS, "", json.dumps({"seconds": dict(seconds), "skipped": skipped_records})))
    for kind, path, text in notices:
        for name in cols:
            cols[name].append(None)
        cols["row"][-1], cols["id"][-1], cols["text"][-1] = kind, path, text
    return pa.Table.from_pydict({name: cols[name] for name in _schema().names}, schema=_schema())


def prepare_raws(raws: list[RawDocument], intake: Intake, settings: StageSettings) -> Any:
    """Raw documents -> the prepared table, by :func:`~.stages.prepare_batch` chunk by chunk."""
    documents: list[Document] = []
    fingerprints: list[Any] = []
    errors, warnings = list(intake.errors), list(intake.warnings)
    seconds: dict[str, float] = {}
    profiles: list[EdgeProfile] | None = None if settings.learn is None else []
    for first in range(0, len(raws), CHUNK):
        signed = prepare_batch(raws[first : first + CHUNK], settings)
        documents += signed.documents
        fingerprints += signed.fingerprints
        errors += signed.errors
        warnings += signed.warnings
        if profiles is not None and settings.learn is not None:  # as the local prepare_task
            t0 = time.perf_counter()
            profiles += profile_batch(signed.documents, settings.learn, signed.cores)
            signed.seconds["profile"] = time.perf_counter() - t0
        for stage, value in signed.seconds.items():
            seconds[stage] = seconds.get(stage, 0.0) + value
    return _prepared_table(
        documents, fingerprints, profiles, errors, warnings, seconds, intake.skipped_records
    )


def _binary(column: Any) -> tuple[np.ndarray, np.ndarray]:
    """The bytes of an Arrow (large) binary column and the offsets of its values, no copy."""
    import pyarrow as pa

    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if len(array) == 0:
        return np.empty(0, dtype=np.uint8), np.zeros(1, dtype=np.int64)
    width = np.int64 if pa.types.is_large_binary(array.type) else np.int32
    _, offsets, data = array.buffers()
    ends = np.frombuffer(offsets, dtype=width)[array.offset : array.offset + len(array) + 1]
    ends = ends.astype(np.int64)
    raw = np.frombuffer(data, dtype=np.uint8) if data is not None else np.empty(0, np.uint8)
    return raw[ends[0] : ends[-1]], ends - ends[0]


Prepared = tuple[
    int, Any, Prints, "Profiles | None", list[tuple[str, str, str]]
]  # count first: what numbering needs
PREPARED = 5  # the parts of a Prepared (a prepare task's returns)


def _profiles(docs: Any) -> Profiles | None:
    """The profile columns of a shard's documents as arrays (None: the run does not learn)."""
    if docs.num_rows and docs.column("keys").null_count:
        return None
    keys, bounds = _binary(docs.column("keys"))
    words, _ = _binary(docs.column("words"))
    cores, core_bounds = _binary(docs.column("core"))
    return Profiles(
        tuple(docs.column("site").to_pylist()),
        keys.view(np.uint64) if len(keys) else np.empty(0, np.uint64),
        words.view(np.uint32) if len(words) else np.empty(0, np.uint32),
        bounds // 8,
        cores.view(np.uint32) if len(cores) else np.empty(0, np.uint32),
        core_bounds // 4,
    )


def split_shard(table: Any, num_perm: int) -> Prepared:
    """A prepared table -> its number of documents, its documents (:data:`DOC_COLUMNS`),
    their prints, their profiles (None: the run does not learn) and its notices (the count
    first: what the driver needs to number the documents)."""
    import pyarrow.compute as pc

    is_doc = pc.equal(table.column("row"), DOC)
    docs = table.filter(is_doc)
    notices = table.filter(pc.invert(is_doc)).select(["row", "id", "text"]).to_pylist()
    data, ends = _binary(docs.column("shingles"))
    signatures, _ = _binary(docs.column("signature"))
    prints = Prints(
        data.view(np.uint32) if len(data) else np.empty(0, np.uint32),
        ends // 4,
        signatures.view(np.uint32).reshape(-1, num_perm).copy(),
    )
    return (
        docs.num_rows,
        docs.select(list(DOC_COLUMNS)),
        prints,
        _profiles(docs),
        [(n["row"], n["id"], n["text"]) for n in notices],
    )


def prepare_files(files: list[str], settings: StageSettings, options: RunOptions) -> Prepared:
    """Ray task: read the files with the project's readers, run the stages, split the result."""
    intake = Intake()
    root = settings.read.root or "."
    raws = list(
        iter_raw(root, files, fields=options.fields, max_bytes=options.max_bytes, intake=intake)
    )
    return split_shard(prepare_raws(raws, intake, settings), options.dedup.num_perm)


class PrepareRecords:
    """Ray actor: records of a Dataset (Ray Data's readers) -> documents, then the stages."""

    def __init__(self, settings: StageSettings, options: RunOptions) -> None:
        self.settings, self.options = settings, options

    def __call__(self, batch: Any) -> Any:
        intake = Intake()
        raws = []
        fields = self.options.fields
        for record in batch.to_pylist():
            where = f"record {record.get(fields.id)!r}"
            if record.get(fields.id) is None:
                intake.error(where, f"no {fields.id!r} field: Dataset records need an id")
                continue
            raw = record_document(record, "", "", where, fields, intake)
            if raw is not None:
                raws.append(dataclasses.replace(raw, id=raw.id[1:], source=None))
        return prepare_raws(raws, intake, self.settings)


def actor_pool(options: RunOptions) -> Any:
    """The ``map_batches`` compute strategy: up to ``options.worker_count`` actors."""
    import ray.data

    return ray.data.ActorPoolStrategy(min_size=1, max_size=max(1, options.worker_count))
