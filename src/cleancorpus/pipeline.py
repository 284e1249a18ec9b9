"""The pipeline: read -> clean -> fingerprint -> dedup -> write, in one direction.

Two entry points with the same power:

- :func:`run` reads a folder and writes an output folder atomically (see :mod:`.writers`).
- :func:`process` takes documents in memory and returns the results in memory, for
  ingestion pipelines that never touch disk.

Reading, cleaning and fingerprinting run in a process pool (``RunOptions.workers``; 1 runs
in-process), on chunks of ``chunk_size`` documents. In :func:`run` each worker spools the
cleaned texts of its chunk into the staging folder and sends back only fingerprints, metadata
and counts, so memory is bounded by the fingerprints; texts are streamed back in id order when
the output is written. Results never depend on the number of workers or on file-system order:
everything is keyed and sorted by document id (plain string order of the ids).

Offsets of removals refer to each document's text exactly as read (UTF-8 BOM dropped, CRLF kept).
A file that cannot be read, decoded or cleaned becomes an :class:`~.errors.InputError` in the
result; all the other files are still processed.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from . import cleaning, dedup, readers, report
from .cleaning import CleanConfig
from .dedup import DedupConfig, DocInfo, Fingerprinter, Membership
from .document import Document, Removal
from .errors import CleancorpusError, ConfigError, InputError
from .writers import (
    DocumentResult,
    OutputWriter,
    atomic_folder,
    check_locations,
    dumps,
    write_report,
)

__all__ = ["DocumentResult", "ProcessResult", "RunOptions", "RunResult", "process", "run"]

DEFAULT_MAX_BYTES = 50_000_000  # 50 MB
_SPOOL = ".spool"


@dataclass(frozen=True)
class RunOptions:
    """Everything a run needs to know besides its input. Validated at construction."""

    clean: CleanConfig = field(default_factory=CleanConfig)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    workers: int | None = None  # None: os.cpu_count(); 1: no process pool
    max_bytes: int = DEFAULT_MAX_BYTES  # larger input files are reported as errors
    chunk_size: int = 128  # documents per task sent to a worker
    extensions: tuple[str, ...] = readers.DEFAULT_EXTENSIONS

    def __post_init__(self) -> None:
        if not isinstance(self.clean, CleanConfig):
            raise ConfigError(f"clean must be a CleanConfig, got {type(self.clean).__name__}")
        if not isinstance(self.dedup, DedupConfig):
            raise ConfigError(f"dedup must be a DedupConfig, got {type(self.dedup).__name__}")
        if self.workers is not None and not _is_int(self.workers, minimum=1):
            raise ConfigError(
                f"workers must be a whole number >= 1 (or None for all cores), got {self.workers!r}"
            )
        if not _is_int(self.max_bytes, minimum=1):
            raise ConfigError(
                f"max_bytes must be a whole number of bytes >= 1, got {self.max_bytes!r}"
            )
        if not _is_int(self.chunk_size, minimum=1):
            raise ConfigError(f"chunk_size must be a whole number >= 1, got {self.chunk_size!r}")
        extensions = (self.extensions,) if isinstance(self.extensions, str) else self.extensions
        cleaned = tuple(sorted({str(e).lower() for e in extensions}))
        if not cleaned or not all(e.startswith(".") and len(e) > 1 for e in cleaned):
            raise ConfigError(f"extensions must be like ('.txt', '.md'), got {self.extensions!r}")
        object.__setattr__(self, "extensions", cleaned)

    @property
    def worker_count(self) -> int:
        return self.workers if self.workers is not None else (os.cpu_count() or 1)

    def parameters(self) -> dict[str, Any]:
        """The options as plain data, for the report."""
        return {
            "clean": report.as_data(self.clean),
            "dedup": report.as_data(self.dedup),
            "workers": self.worker_count,
            "max_bytes": self.max_bytes,
            "chunk_size": self.chunk_size,
            "extensions": list(self.extensions),
        }


@dataclass(frozen=True)
class ProcessResult:
    """What :func:`process` returns: documents sorted by id, errors sorted by id, the report."""

    documents: tuple[DocumentResult, ...]
    errors: tuple[InputError, ...]
    report: Mapping[str, Any]


@dataclass(frozen=True)
class RunResult:
    """What :func:`run` returns; the same report is in ``output/report.json``."""

    output: Path
    errors: tuple[InputError, ...]
    report: Mapping[str, Any]

    @property
    def exit_code(self) -> int:
        """0 if every file was processed, else the exit code of :class:`InputError` (3)."""
        return InputError.exit_code if self.errors else 0


def process(documents: Iterable[Document], options: RunOptions | None = None) -> ProcessResult:
    """Clean and deduplicate documents in memory; nothing is written to disk."""
    options = options or RunOptions()
    tally = report.Tally()
    started = time.perf_counter()
    seen: set[str] = set()
    duplicated: list[InputError] = []

    def items() -> Iterator[_Item]:
        for doc in documents:
            if doc.id in seen:
                duplicated.append(InputError(doc.id, "duplicate id: an earlier document has it"))
                continue
            seen.add(doc.id)
            yield (doc.id, doc.text, dict(doc.metadata))

    entries, errors = _map_stage(_chunks(items(), options, root=None, spool=None), options, tally)
    errors += duplicated
    memberships = _dedup_stage(entries, options, tally)
    t0 = time.perf_counter()
    results = tuple(_results(entries, memberships, tally, _Spool(None)))
    tally.add_time("assemble", time.perf_counter() - t0)
    tally.add_time("total", time.perf_counter() - started)
    errors.sort(key=lambda e: e.path)
    rep = report.build(
        tally=tally,
        errors=errors,
        skipped=(),
        files=len(seen),
        parameters=options.parameters(),
        input_dir=None,
    )
    return ProcessResult(documents=results, errors=tuple(errors), report=rep)


def run(
    input_dir: str | os.PathLike[str],
    output_dir: str | os.PathLike[str],
    options: RunOptions | None = None,
) -> RunResult:
    """Process the folder ``input_dir`` into ``output_dir``, replacing it atomically.

    Raises :class:`ConfigError` when INPUT is missing or OUTPUT is unusable; bad input files do
    not raise: they are listed in the result's ``errors`` and in ``report.json``.
    """
    options = options or RunOptions()
    source, target = Path(input_dir), Path(output_dir)
    if not source.is_dir():
        problem = "is not a folder" if source.exists() else "does not exist"
        raise ConfigError(f"INPUT {source} {problem}; give a folder of .txt/.md files")
    check_locations(source, target)
    tally = report.Tally()
    started = time.perf_counter()
    listing = readers.list_folder(source, options.extensions)
    tally.add_time("list", time.perf_counter() - started)
    with atomic_folder(target) as staging:
        spool = staging / _SPOOL
        spool.mkdir()
        items: Iterator[_Item] = ((doc_id, None, {}) for doc_id in listing.documents)
        chunks = _chunks(items, options, root=str(source), spool=str(spool))
        entries, errors = _map_stage(chunks, options, tally)
        memberships = _dedup_stage(entries, options, tally)
        t0 = time.perf_counter()
        with OutputWriter(staging, corpus_files=True) as writer, _Spool(spool) as texts:
            for result in _results(entries, memberships, tally, texts):
                writer.add(result)
        shutil.rmtree(spool)
        tally.add_time("write", time.perf_counter() - t0)
        tally.add_time("total", time.perf_counter() - started)
        errors.sort(key=lambda e: e.path)
        rep = report.build(
            tally=tally,
            errors=errors,
            skipped=listing.skipped,
            files=len(listing.documents),
            parameters=options.parameters(),
            input_dir=str(source),
        )
        write_report(staging, rep)
    return RunResult(output=target, errors=tuple(errors), report=rep)


# --- the parallel stage: read + clean + fingerprint, one chunk per task --------------------

_Item = tuple[str, "str | None", dict[str, Any]]  # (id, text or None to read it, metadata)
_Counts = dict[str, tuple[int, int]]  # rule -> (removals, characters removed)


@dataclass(frozen=True)
class _Chunk:
    index: int
    items: tuple[_Item, ...]
    root: str | None  # read texts from here when an item has none
    spool: str | None  # write cleaned texts into this folder; None: return them
    clean: CleanConfig
    fingerprinter: Fingerprinter
    max_bytes: int


@dataclass(frozen=True)
class _Entry:
    """One cleaned document as the main process keeps it until writing."""

    metadata: dict[str, Any]
    fingerprint: Any
    chars_in: int
    length: int
    counts: _Counts
    payload: Any  # (spool file, byte offset), or (text, removals) when not spooled


@dataclass(frozen=True)
class _ChunkResult:
    entries: list[tuple[str, _Entry]]
    errors: list[tuple[str, str]]
    seconds: tuple[float, float, float]  # read, clean, fingerprint


def _chunks(
    items: Iterable[_Item], options: RunOptions, root: str | None, spool: str | None
) -> Iterator[_Chunk]:
    fingerprinter = Fingerprinter(options.dedup)
    iterator = iter(items)
    index = 0
    while batch := tuple(islice(iterator, options.chunk_size)):
        yield _Chunk(index, batch, root, spool, options.clean, fingerprinter, options.max_bytes)
        index += 1


def _work(chunk: _Chunk) -> _ChunkResult:
    """Read, clean and fingerprint one chunk (runs in a worker process)."""
    errors: list[tuple[str, str]] = []
    ok: list[tuple[str, str, dict[str, Any], Any]] = []
    t_read = t_clean = 0.0
    for doc_id, text, metadata in chunk.items:
        t0 = time.perf_counter()
        try:
            if text is None:
                text = readers.read_text(chunk.root or ".", doc_id, chunk.max_bytes)
            else:
                readers.check_text(doc_id, text)
        except InputError as exc:
            errors.append((exc.path, exc.problem))
            continue
        t1 = time.perf_counter()
        try:
            cleaned = cleaning.clean(text, chunk.clean)
        except Exception as exc:  # a cleaner bug must not lose the other documents
            errors.append((doc_id, f"cleaning failed: {type(exc).__name__}: {exc}"))
            continue
        finally:
            t_read += t1 - t0
            t_clean += time.perf_counter() - t1
        ok.append((doc_id, text, {**cleaned.metadata, **metadata}, cleaned))
    t0 = time.perf_counter()
    fingerprints = _fingerprints(chunk.fingerprinter, [c.text for _, _, _, c in ok], errors, ok)
    t_print = time.perf_counter() - t0
    entries = _package(chunk, ok, fingerprints)
    return _ChunkResult(entries, errors, (t_read, t_clean, t_print))


def _fingerprints(
    fingerprinter: Fingerprinter,
    texts: list[str],
    errors: list[tuple[str, str]],
    ok: list[tuple[str, str, dict[str, Any], Any]],
) -> list[Any]:
    """Fingerprint a chunk at once; if that fails, one by one so only the culprit is lost."""
    try:
        return list(fingerprinter.batch(texts))
    except Exception:
        result: list[Any] = []
        for (doc_id, *_), text in zip(ok, texts, strict=True):
            try:
                result.append(fingerprinter.batch([text])[0])
            except Exception as exc:
                errors.append((doc_id, f"fingerprinting failed: {type(exc).__name__}: {exc}"))
                result.append(None)
        return result


def _package(
    chunk: _Chunk, ok: list[tuple[str, str, dict[str, Any], Any]], fingerprints: list[Any]
) -> list[tuple[str, _Entry]]:
    """Turn a chunk's cleaned documents into entries; spool their texts if asked to."""
    spool_name = f"{chunk.index:07d}.jsonl"
    entries = []
    lines: list[bytes] = []
    offset = 0
    for (doc_id, original, metadata, cleaned), fingerprint in zip(ok, fingerprints, strict=True):
        if fingerprint is None:
            continue
        counts: _Counts = {}
        for r in cleaned.removals:
            count, chars = counts.get(r.rule, (0, 0))
            counts[r.rule] = (count + 1, chars + r.end - r.start)
        removals = tuple((r.rule, r.start, r.end, r.text) for r in cleaned.removals)
        if chunk.spool is not None:
            line = (dumps([cleaned.text, removals]) + "\n").encode("utf-8")
            lines.append(line)
            payload: Any = (spool_name, offset)
            offset += len(line)
        else:
            payload = (cleaned.text, removals)
        entry = _Entry(metadata, fingerprint, len(original), len(cleaned.text), counts, payload)
        entries.append((doc_id, entry))
    if chunk.spool is not None:
        with open(os.path.join(chunk.spool, spool_name), "wb") as spool:
            spool.writelines(lines)
    return entries


def _map_stage(
    chunks: Iterator[_Chunk], options: RunOptions, tally: report.Tally
) -> tuple[dict[str, _Entry], list[InputError]]:
    entries: dict[str, _Entry] = {}
    errors: list[InputError] = []
    t0 = time.perf_counter()
    for done in _map(chunks, options.worker_count):
        entries.update(done.entries)
        errors.extend(InputError(path, problem) for path, problem in done.errors)
        for stage, seconds in zip(("read", "clean", "fingerprint"), done.seconds, strict=True):
            tally.add_time(stage, seconds)
    tally.add_time("parallel", time.perf_counter() - t0)
    return entries, errors


def _map(chunks: Iterator[_Chunk], workers: int) -> Iterator[_ChunkResult]:
    if workers == 1:
        yield from map(_work, chunks)
        return
    first = list(islice(chunks, 2))
    if len(first) < 2:  # a single chunk is not worth starting processes for
        yield from map(_work, first)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    with context.Pool(workers) as pool:
        yield from pool.imap_unordered(_work, _chain(first, chunks))


def _chain(first: list[_Chunk], rest: Iterator[_Chunk]) -> Iterator[_Chunk]:
    yield from first
    yield from rest


# --- dedup and assembling the results --------------------------------------------------------


def _dedup_stage(
    entries: Mapping[str, _Entry], options: RunOptions, tally: report.Tally
) -> dict[str, Membership]:
    t0 = time.perf_counter()
    infos = [
        DocInfo(doc_id, e.fingerprint, e.metadata, e.length)
        for doc_id, e in sorted(entries.items())
    ]
    memberships = dedup.deduplicate(infos, options.dedup)
    missing = [doc_id for doc_id in entries if doc_id not in memberships]
    if missing:
        raise CleancorpusError(f"internal error: dedup returned no membership for {missing[:3]}")
    tally.add_time("dedup", time.perf_counter() - t0)
    return memberships


def _results(
    entries: Mapping[str, _Entry],
    memberships: Mapping[str, Membership],
    tally: report.Tally,
    texts: _Spool,
) -> Iterator[DocumentResult]:
    """Yield the documents in id order, joining cleaned texts with their memberships."""
    members: dict[str, list[str]] = {}
    for doc_id in sorted(entries):
        m = memberships[doc_id]
        if not m.canonical:
            members.setdefault(m.cluster, []).append(doc_id)
    for doc_id in sorted(entries):
        entry, m = entries[doc_id], memberships[doc_id]
        text, removals = texts.load(entry.payload)
        tally.documents += 1
        tally.characters_in += entry.chars_in
        tally.characters_out += len(text)
        tally.add_removals(entry.counts)
        if m.canonical:
            tally.canonical += 1
            tally.characters_canonical += len(text)
        yield DocumentResult(
            id=doc_id,
            text=text,
            metadata=entry.metadata,
            cluster=m.cluster,
            canonical=m.canonical,
            duplicate_of=m.duplicate_of,
            similarity=m.similarity,
            overlaps=tuple(sorted(m.overlaps)),
            reason=m.reason,
            removals=tuple(Removal(*r) for r in removals),
            duplicates=tuple(members.get(doc_id, ())) if m.canonical else (),
        )


class _Spool:
    """Reads cleaned texts back from the spool files (or passes in-memory payloads through)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._name: str | None = None
        self._handle: Any = None

    def load(self, payload: Any) -> tuple[str, Any]:
        if self.folder is None:
            return payload
        name, offset = payload
        if name != self._name:
            self.close()
            self._handle = open(self.folder / name, "rb")  # noqa: SIM115 (closed in close())
            self._name = name
        self._handle.seek(offset)
        text, removals = json.loads(self._handle.readline())
        return text, removals

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
            self._name = None

    def __enter__(self) -> _Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _is_int(value: object, minimum: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum
