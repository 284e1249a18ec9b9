"""The parallel stage of the pipeline: read + clean + fingerprint, one chunk per task.

Internal to :mod:`cleancorpus.pipeline`. A chunk holds up to ``chunk_size`` documents (ids to
read, or texts given in memory). A worker reads, cleans and fingerprints a whole chunk and, when
given a staging folder, writes each cleaned text under ``corpus/`` and spools its JSON pieces
(:class:`~.writers.Encoded`) to ``.spool/``, so only fingerprints, metadata and counts travel
back to the main process. Problems with one document become ``(id, problem)`` pairs; the rest of
the chunk goes on.

Process start method: the one set with ``multiprocessing.set_start_method`` if any; else
``fork`` on Linux with Python < 3.12 (fast, nothing re-imported); else ``forkserver`` or
``spawn``, which re-import the calling script: scripts must then guard their entry point with
``if __name__ == "__main__":`` (a missing guard surfaces as a CleancorpusError, not a hang).
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import sys
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from . import cleaning, readers
from .cleaning import CleanConfig
from .dedup import Fingerprinter
from .errors import CleancorpusError, InputError
from .learned import EdgeProfile, LearnConfig, LearnedBoilerplate, profile_document, site_key
from .writers import Encoded, write_corpus_file

SPOOL = ".spool"

Item = tuple[str, "str | None", dict[str, Any]]  # (id, text or None to read it, metadata)
Counts = dict[str, tuple[int, int]]  # rule -> (removals, characters removed)


@dataclass(frozen=True)
class Chunk:
    index: int
    items: tuple[Item, ...]
    root: str | None  # read texts from here when an item has none
    staging: str | None  # write corpus files and spool encoded records here; None: return them
    clean: CleanConfig
    fingerprinter: Fingerprinter
    max_bytes: int
    learned: LearnedBoilerplate | None = None  # blocks to remove after the rules
    profile: LearnConfig | None = None  # set: a learning pass, profiles instead of entries


@dataclass(frozen=True)
class Entry:
    """One cleaned document as the main process keeps it until writing."""

    metadata: dict[str, Any]
    fingerprint: Any
    chars_in: int
    length: int
    counts: Counts
    payload: Any  # (spool file, offset, size, piece sizes), or (text, removals) in memory


@dataclass(frozen=True)
class ChunkResult:
    entries: list[tuple[str, Entry]]
    errors: list[tuple[str, str]]
    seconds: tuple[float, float, float]  # read, clean, fingerprint
    profiles: tuple[EdgeProfile, ...] = ()


def make_chunks(
    items: Iterable[Item],
    size: int,
    *,
    root: str | None,
    staging: str | None,
    clean: CleanConfig,
    fingerprinter: Fingerprinter,
    max_bytes: int,
    learned: LearnedBoilerplate | None = None,
    profile: LearnConfig | None = None,
) -> Iterator[Chunk]:
    """Group items into chunks of ``size``, each carrying what a worker needs."""
    iterator = iter(items)
    index = 0
    while batch := tuple(islice(iterator, size)):
        yield Chunk(index, batch, root, staging, clean, fingerprinter, max_bytes, learned, profile)
        index += 1


def work(chunk: Chunk) -> ChunkResult:
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
            merged = {**cleaned.metadata, **metadata}
            if chunk.learned is not None:
                cleaned = chunk.learned.apply(cleaned, site_key(doc_id, merged))
        except Exception as exc:  # a cleaner bug must not lose the other documents
            errors.append((doc_id, f"cleaning failed: {type(exc).__name__}: {exc}"))
            continue
        finally:
            t_read += t1 - t0
            t_clean += time.perf_counter() - t1
        ok.append((doc_id, text, merged, cleaned))
    if chunk.profile is not None:
        profiles = tuple(
            profile_document(doc_id, site_key(doc_id, meta), c.text, chunk.profile)
            for doc_id, _, meta, c in ok
        )
        return ChunkResult([], errors, (t_read, t_clean, 0.0), profiles)
    t0 = time.perf_counter()
    fingerprints = _fingerprints(chunk.fingerprinter, [c.text for _, _, _, c in ok], errors, ok)
    t_print = time.perf_counter() - t0
    entries = _package(chunk, ok, fingerprints)
    return ChunkResult(entries, errors, (t_read, t_clean, t_print))


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
    chunk: Chunk, ok: list[tuple[str, str, dict[str, Any], Any]], fingerprints: list[Any]
) -> list[tuple[str, Entry]]:
    """Turn a chunk's cleaned documents into entries.

    With a staging folder, each cleaned text is written to ``corpus/`` (duplicates are pruned
    later) and its JSON pieces are spooled, so only fingerprints go back to the main process.
    """
    spool_name = f"{chunk.index:07d}.bin"
    entries = []
    blobs: list[bytes] = []
    offset = 0
    for (doc_id, original, metadata, cleaned), fingerprint in zip(ok, fingerprints, strict=True):
        if fingerprint is None:
            continue
        counts: Counts = {}
        for r in cleaned.removals:
            count, chars = counts.get(r.rule, (0, 0))
            counts[r.rule] = (count + 1, chars + r.end - r.start)
        removals = tuple((r.rule, r.start, r.end, r.text) for r in cleaned.removals)
        if chunk.staging is not None:
            write_corpus_file(chunk.staging, doc_id, cleaned.text)
            blob, sizes = Encoded.of(doc_id, cleaned.text, metadata, removals).pack()
            blobs.append(blob)
            payload: Any = (spool_name, offset, len(blob), sizes)
            offset += len(blob)
        else:
            payload = (cleaned.text, removals)
        entry = Entry(metadata, fingerprint, len(original), len(cleaned.text), counts, payload)
        entries.append((doc_id, entry))
    if chunk.staging is not None:
        with open(os.path.join(chunk.staging, SPOOL, spool_name), "wb") as spool:
            spool.writelines(blobs)
    return entries


def map_chunks(chunks: Iterator[Chunk], workers: int) -> Iterator[ChunkResult]:
    """Run :func:`work` over the chunks, in a process pool unless one process is enough.

    At most ``2 * workers`` chunks are in flight, so a huge input is never queued at once.
    """
    first = list(islice(chunks, 2))
    if workers == 1 or len(first) < 2:  # one chunk is not worth starting processes for
        yield from map(work, itertools.chain(first, chunks))
        return
    pending = itertools.chain(first, chunks)
    try:
        with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
            running = {pool.submit(work, c) for c in islice(pending, 2 * workers)}
            while running:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                running |= {pool.submit(work, c) for c in islice(pending, len(done))}
                for future in done:
                    yield future.result()
    except BrokenProcessPool as exc:
        raise CleancorpusError(
            "a worker process died (out of memory, killed, or the calling script starts "
            'cleancorpus without an `if __name__ == "__main__":` guard); '
            "retry with workers=1 to run in one process"
        ) from exc


def _context() -> multiprocessing.context.BaseContext:
    """The start method set with ``multiprocessing.set_start_method``, if any; else ``fork``
    where it is the safe default (Linux, Python < 3.12: fast, no re-import), else
    ``forkserver`` or ``spawn`` (both need the ``if __name__ == "__main__":`` guard)."""
    chosen = multiprocessing.get_start_method(allow_none=True)
    if chosen is not None:
        return multiprocessing.get_context(chosen)
    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and sys.version_info < (3, 12) and "fork" in methods:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class SpoolReader:
    """Reads the encoded records the workers spooled, one spool file open at a time."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._name: str | None = None
        self._handle: Any = None

    def load(self, payload: tuple[str, int, int, tuple[int, int]]) -> Encoded:
        name, offset, size, sizes = payload
        if name != self._name:
            self.close()
            self._handle = open(self.folder / name, "rb")  # noqa: SIM115 (closed in close())
            self._name = name
        self._handle.seek(offset)
        return Encoded.unpack(self._handle.read(size), sizes)

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
            self._name = None

    def __enter__(self) -> SpoolReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
