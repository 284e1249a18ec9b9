"""The parallel stage of the pipeline: read + clean + fingerprint, one chunk per task.

Internal to :mod:`cleancorpus.pipeline`. A chunk holds up to ``chunk_size`` documents
(:class:`~.sources.Item`: files to read, or texts and pages given). A worker reads, extracts
(HTML, with trafilatura), cleans and fingerprints a whole chunk and, when given a staging folder,
writes each cleaned text of a file under ``corpus/`` and spools its JSON pieces
(:class:`~.writers.Encoded`) to ``.spool/``, so only fingerprints, metadata and counts travel
back to the main process. Problems with one document become ``(id, problem)`` pairs, and
warnings (a guessed charset) ``(id, warning)`` pairs; the rest of the chunk goes on.

The text of an HTML page is the text trafilatura extracted: removal offsets refer to it, and it
is cleaned with the run's rules less :data:`~.html.EXTRACTED_TEXT_DISABLED_RULES`.

Process start method: the one set with ``multiprocessing.set_start_method`` if any; else
``fork`` on Linux with Python < 3.12 (fast, nothing re-imported); else ``forkserver`` or
``spawn``, which re-import the calling script: scripts must then guard their entry point with
``if __name__ == "__main__":`` (a missing guard surfaces as a CleancorpusError, not a hang).
"""

from __future__ import annotations

import ctypes
import dataclasses
import gc
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

from ..cleaning import cleaner as cleaning
from ..cleaning.cleaner import CleanConfig
from ..dedup.deduplicate import Fingerprinter
from ..errors import CleancorpusError, InputError
from ..learning.boilerplate import (
    EdgeProfile,
    LearnConfig,
    LearnedBoilerplate,
    profile_document,
    site_key,
)
from ..output.writers import Encoded, write_corpus_file
from ..sources import files as readers
from ..sources.extract import EXTRACTED_TEXT_DISABLED_RULES, ExtractSettings, extract_html
from ..sources.stream import Item

SPOOL = ".spool"
PAGES_PER_CHUNK = 8  # web pages per chunk at most (see make_chunks)

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
    extract: ExtractSettings = dataclasses.field(default_factory=ExtractSettings)  # HTML


@dataclass(frozen=True)
class Entry:
    """One cleaned document as the main process keeps it until writing."""

    metadata: dict[str, Any]
    fingerprint: Any
    chars_in: int
    length: int
    counts: Counts
    payload: Any  # (spool file, offset, size, piece sizes), or (text, removals) in memory
    mirrored: bool = False  # the cleaned text was written under corpus/ (a file, not a record)


@dataclass(frozen=True)
class ChunkResult:
    entries: list[tuple[str, Entry]]
    errors: list[tuple[str, str]]
    seconds: tuple[float, float, float, float]  # read, extract, clean, fingerprint
    profiles: tuple[EdgeProfile, ...] = ()
    warnings: list[tuple[str, str]] = dataclasses.field(default_factory=list)


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
    extract: ExtractSettings | None = None,
) -> Iterator[Chunk]:
    """Group items into chunks of ``size``, each carrying what a worker needs.

    A chunk also closes at :data:`PAGES_PER_CHUNK` web pages: extracting a page costs about
    as much as cleaning a hundred texts, and small tasks keep every worker busy to the end.
    """
    settings = extract or ExtractSettings()
    pages_limit = min(size, PAGES_PER_CHUNK)
    shared = (root, staging, clean, fingerprinter, max_bytes, learned, profile, settings)
    index, batch, pages = 0, [], 0
    for item in items:
        batch.append(item)
        pages += item.html
        if len(batch) >= size or pages >= pages_limit:
            yield Chunk(index, tuple(batch), *shared)
            index, batch, pages = index + 1, [], 0
    if batch:
        yield Chunk(index, tuple(batch), *shared)


class _Reuse:
    """Cleaners and fingerprinters kept for the life of a (worker) process.

    A chunk arrives with its configuration; building a cleaner or fingerprinter per chunk
    would throw away their memos (repeated boilerplate lines, token hashes) every 128
    documents. Reuse changes speed only: objects are keyed by their full configuration.
    """

    def __init__(self) -> None:
        self._cleaners: dict[CleanConfig, cleaning.TextCleaner] = {}
        self._fingerprinters: dict[Any, Fingerprinter] = {}

    def cleaner(self, config: CleanConfig) -> cleaning.TextCleaner:
        if config not in self._cleaners:
            self._cleaners[config] = cleaning.TextCleaner(config)
        return self._cleaners[config]

    def fingerprinter(self, given: Fingerprinter) -> Fingerprinter:
        return self._fingerprinters.setdefault(given.params, given)


_worker_reuse = _Reuse()  # a pool worker's own; replaced when a pool starts (_start_worker)


def _start_worker() -> None:
    global _worker_reuse
    _worker_reuse = _Reuse()
    _keep_freed_memory()


# glibc's mallopt parameters (malloc.h)
_M_TRIM_THRESHOLD, _M_TOP_PAD, _M_MMAP_THRESHOLD = -1, -2, -3


def _keep_freed_memory() -> None:
    """Let this worker reuse the memory it frees instead of handing it back to the kernel.

    A chunk allocates and frees arrays of a few MB (token hashes, signature blocks); glibc's
    defaults serve each from a fresh mmap whose pages fault in again every time: 18 faults a
    document, a third of the fingerprinting time. Here arrays under 16 MB come from the heap,
    which keeps up to 64 MB free. Only in pool workers (processes cleancorpus owns); does
    nothing where the C library has no ``mallopt`` (macOS, Windows).
    """
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):
        return
    mallopt(_M_MMAP_THRESHOLD, 16 << 20)
    mallopt(_M_TRIM_THRESHOLD, 64 << 20)
    mallopt(_M_TOP_PAD, 16 << 20)


def work(chunk: Chunk, reuse: _Reuse | None = None) -> ChunkResult:
    """Read, extract, clean and fingerprint one chunk (runs in a worker process)."""
    reuse = reuse or _worker_reuse
    errors: list[tuple[str, str]] = []
    warnings: list[tuple[str, str]] = []
    ok: list[tuple[str, str, dict[str, Any], Any]] = []
    html_clean = dataclasses.replace(
        chunk.clean, disable=chunk.clean.disable | EXTRACTED_TEXT_DISABLED_RULES
    )
    times = [0.0, 0.0, 0.0]  # read, extract, clean
    for item in chunk.items:
        try:
            text, found, config = _text_of(item, chunk, html_clean, warnings, times)
        except InputError as exc:
            errors.append((exc.path, exc.problem))
            continue
        t0 = time.perf_counter()
        try:
            cleaned = reuse.cleaner(config).clean(text)
            merged = {**cleaned.metadata, **found, **item.metadata}
            if chunk.learned is not None:
                cleaned = chunk.learned.apply(cleaned, site_key(item.id, merged))
        except Exception as exc:  # a cleaner bug must not lose the other documents
            errors.append((item.id, f"cleaning failed: {type(exc).__name__}: {exc}"))
            continue
        finally:
            times[2] += time.perf_counter() - t0
        ok.append((item.id, text, merged, cleaned))
    seconds = (times[0], times[1], times[2])
    if chunk.profile is not None:
        profiles = tuple(
            profile_document(doc_id, site_key(doc_id, meta), c.text, chunk.profile)
            for doc_id, _, meta, c in ok
        )
        return ChunkResult([], errors, (*seconds, 0.0), profiles, warnings)
    t0 = time.perf_counter()
    fingerprinter = reuse.fingerprinter(chunk.fingerprinter)
    fingerprints = _fingerprints(fingerprinter, [c.text for _, _, _, c in ok], errors, ok)
    t_print = time.perf_counter() - t0
    mirrored = {item.id for item in chunk.items if item.payload is None}
    entries = _package(chunk, ok, fingerprints, mirrored)
    return ChunkResult(entries, errors, (*seconds, t_print), (), warnings)


def _text_of(
    item: Item,
    chunk: Chunk,
    html_clean: CleanConfig,
    warnings: list[tuple[str, str]],
    times: list[float],
) -> tuple[str, dict[str, Any], CleanConfig]:
    """The text to clean, the metadata found on the way, and the cleaning config to use."""
    t0 = time.perf_counter()
    payload = item.payload
    try:
        if payload is None:
            data = readers.read_bytes(chunk.root or ".", item.id, chunk.max_bytes)
            if not item.html:
                decoded = readers.decode(item.id, data)
                if decoded.warning:
                    warnings.append((item.id, decoded.warning))
                return decoded.text, {}, chunk.clean
            payload = data
        elif not item.html:
            readers.check_text(item.id, str(payload))
            return str(payload), {}, chunk.clean
    finally:
        times[0] += time.perf_counter() - t0
    t1 = time.perf_counter()
    try:
        url = item.metadata.get("url")
        page = extract_html(
            payload, url=url if isinstance(url, str) else None, settings=chunk.extract, name=item.id
        )
    finally:
        times[1] += time.perf_counter() - t1
    warnings.extend((item.id, warning) for warning in page.warnings)
    step = {**page.step, "warnings": list(page.warnings)} if page.warnings else dict(page.step)
    return page.text, {**page.metadata, "extraction": step}, html_clean


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
    chunk: Chunk,
    ok: list[tuple[str, str, dict[str, Any], Any]],
    fingerprints: list[Any],
    mirrored: set[str],
) -> list[tuple[str, Entry]]:
    """Turn a chunk's cleaned documents into entries.

    With a staging folder, the cleaned text of each file (not of a record inside a file) is
    written to ``corpus/`` (duplicates are pruned later) and the JSON pieces are spooled, so
    only fingerprints go back to the main process.
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
        mirror = chunk.staging is not None and doc_id in mirrored
        if chunk.staging is not None:
            if mirror:
                write_corpus_file(chunk.staging, doc_id, cleaned.text)
            blob, sizes = Encoded.of(doc_id, cleaned.text, metadata, removals).pack()
            blobs.append(blob)
            payload: Any = (spool_name, offset, len(blob), sizes)
            offset += len(blob)
        else:
            payload = (cleaned.text, removals)
        entry = Entry(
            metadata, fingerprint, len(original), len(cleaned.text), counts, payload, mirror
        )
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
        reuse = _Reuse()  # this run's own, so nothing outlives the run in this process
        yield from (work(chunk, reuse) for chunk in itertools.chain(first, chunks))
        return
    pending = itertools.chain(first, chunks)
    # Forked workers inherit this process's objects; without freezing them, the workers'
    # garbage collector touches (and so copies) every inherited page: ~3x slower workers.
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=_context(), initializer=_start_worker) as pool:
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
    finally:
        gc.unfreeze()


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
