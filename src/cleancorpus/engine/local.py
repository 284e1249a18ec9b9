"""The local executor: the batch stages over chunks of documents, in a pool of processes.

A chunk (:class:`Task`) holds up to ``chunk_size`` raw documents. A worker runs
:func:`~.stages.prepare_batch` on it (read, extract, clean, fingerprint) and, when the run has
a staging folder, writes each cleaned text of a file under ``corpus/`` and spools its encoded
output pieces (:mod:`cleancorpus.output.spool`), so that only a :class:`Kept` per document
travels back to the main process: what dedup needs (a
:class:`~cleancorpus.dedup.deduplicate.DocInfo`), the removal counts, and where the document
is. Without a staging folder (:func:`~cleancorpus.process`), a :class:`Kept` holds the cleaned
document itself. A learning pass runs :func:`profile_task` instead. Problems with one document
become errors naming it; the rest of the chunk goes on.

The settings of a pass (:class:`~.stages.StageSettings`) go to each worker once, when the pool
starts, not with every chunk. ``workers=1``, or a single chunk, runs in this process.

Process start method: the one set with ``multiprocessing.set_start_method`` if any; else
``fork`` on Linux with Python < 3.12 (fast, nothing re-imported); else ``forkserver`` or
``spawn``, which re-import the calling script: scripts must then guard their entry point with
``if __name__ == "__main__":`` (a missing guard surfaces as a CleancorpusError, not a hang).
"""

from __future__ import annotations

import ctypes
import gc
import itertools
import json
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from ..dedup.deduplicate import DocInfo
from ..errors import CleancorpusError, InputError
from ..learning.boilerplate import EdgeProfile, site_key
from ..output.spool import SPOOL, Spooled, SpoolReader, SpoolWriter
from ..output.writers import Encoded, write_corpus_file
from ..records import TEXT, Document, Notice, RawDocument, Removal
from .stages import (
    LearnedLines,
    StageSettings,
    note_learned_lines,
    prepare_batch,
    profile_batch,
    read_and_clean,
    relearn_document,
)

PAGES_PER_CHUNK = 8  # web pages per chunk at most (see make_tasks)

RuleCounts = dict[str, tuple[int, int]]  # rule -> (removals, characters removed)
Result = TypeVar("Result")
AnyTask = TypeVar("AnyTask")


@dataclass(frozen=True, slots=True)
class Task:
    """One chunk of raw documents for a worker; ``index`` names its spool file."""

    index: int
    raws: tuple[RawDocument, ...]


@dataclass(frozen=True, slots=True)
class Kept:
    """One cleaned document as the main process keeps it until the output is written.

    ``body`` is the cleaned document itself, or where its output pieces were spooled;
    ``mirrored``: its cleaned text was written under ``corpus/`` (a file, not a record);
    ``kind``: the document's (which rules clean it again when learned blocks are removed).
    """

    info: DocInfo
    original_length: int
    counts: RuleCounts
    body: Document | Spooled
    mirrored: bool = False
    kind: str = TEXT


@dataclass
class TaskResult:
    """What a worker sends back for one chunk."""

    kept: list[Kept] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    profiles: list[EdgeProfile] = field(default_factory=list)
    learned_lines: LearnedLines = field(default_factory=dict)


def make_tasks(raws: Iterable[RawDocument], size: int, first: int = 0) -> Iterator[Task]:
    """Group raw documents into chunks of ``size``, numbered from ``first``.

    A chunk also closes at :data:`PAGES_PER_CHUNK` web pages: extracting a page costs about
    as much as cleaning a hundred texts, and small tasks keep every worker busy to the end.
    """
    pages_limit = min(size, PAGES_PER_CHUNK)
    index, batch, pages = first, [], 0
    for raw in raws:
        batch.append(raw)
        pages += raw.html
        if len(batch) >= size or pages >= pages_limit:
            yield Task(index, tuple(batch))
            index, batch, pages = index + 1, [], 0
    if batch:
        yield Task(index, tuple(batch))


@dataclass(frozen=True, slots=True)
class Redo:
    """One chunk of first results to clean again with learned boilerplate; ``index`` names
    its spool file (after those of the main pass)."""

    index: int
    entries: tuple[Kept, ...]


def prepare_task(task: Task, settings: StageSettings, staging: str | None) -> TaskResult:
    """Read, clean and fingerprint one chunk; spool it when ``staging`` is given."""
    signed = prepare_batch(task.raws, settings)
    out = TaskResult(errors=signed.errors, warnings=signed.warnings, seconds=signed.seconds)
    out.learned_lines = signed.learned_lines
    if settings.learn is not None and settings.fingerprinter is not None:
        t0 = time.perf_counter()
        out.profiles = profile_batch(signed.documents, settings.learn, signed.cores)
        out.seconds["profile"] = time.perf_counter() - t0
    spool = SpoolWriter(staging, f"{task.index:07d}.bin") if staging is not None else None
    for doc, fingerprint in zip(signed.documents, signed.fingerprints, strict=True):
        out.kept.append(_kept(doc, fingerprint, staging, spool, doc.is_file))
    if spool is not None:
        spool.close()
    return out


def _kept(
    doc: Document,
    fingerprint: Any,
    staging: str | None,
    spool: SpoolWriter | None,
    mirrored: bool,
) -> Kept:
    """What the main process keeps of one cleaned document (spooled when there is a spool)."""
    counts: RuleCounts = {}
    for r in doc.removals:
        count, chars = counts.get(r.rule, (0, 0))
        counts[r.rule] = (count + 1, chars + r.end - r.start)
    info = DocInfo(doc.id, fingerprint, dict(doc.metadata), len(doc.text))
    original = doc.original_length or 0
    if staging is None or spool is None:
        return Kept(info, original, counts, doc)
    if mirrored:
        write_corpus_file(staging, doc.id, doc.text)
    where = spool.add(Encoded.of(doc.id, doc.text, doc.metadata, doc.removals))
    return Kept(info, original, counts, where, mirrored, doc.kind)


def relearn_task(task: Redo, settings: StageSettings, staging: str | None) -> TaskResult:
    """Remove the learned boilerplate from first results and fingerprint them again.

    A result is read back from the spool (or taken as kept); its text as read is rebuilt
    from the cleaned text and the removed spans, which tile it. A document the learned
    blocks do not change keeps its first result.
    """
    learned, fingerprinter = settings.clean.learned, settings.fingerprinter
    if learned is None or fingerprinter is None:
        raise CleancorpusError("internal error: relearn_task needs learned blocks")
    t0 = time.perf_counter()
    out = TaskResult()
    changed: list[tuple[Kept, Document]] = []
    reader = SpoolReader(Path(staging) / SPOOL) if staging is not None else None
    try:
        for entry in task.entries:
            doc = _first_result(entry, reader)
            site = site_key(doc.id, doc.metadata)
            note_learned_lines(doc.text, learned, site, out.learned_lines)
            again = relearn_document(doc, site, settings.clean)
            if again is None:
                out.kept.append(entry)
            else:
                changed.append((entry, again))
    finally:
        if reader is not None:
            reader.close()
    fingerprints = fingerprinter.batch([doc.text for _, doc in changed])
    spool = SpoolWriter(staging, f"{task.index:07d}.bin") if staging is not None else None
    for (entry, doc), fingerprint in zip(changed, fingerprints, strict=True):
        out.kept.append(_kept(doc, fingerprint, staging, spool, entry.mirrored))
    if spool is not None:
        spool.close()
    out.seconds["relearn"] = time.perf_counter() - t0
    return out


def _first_result(entry: Kept, reader: SpoolReader | None) -> Document:
    if isinstance(entry.body, Document):
        return entry.body
    if reader is None:
        raise CleancorpusError("internal error: spooled documents without a spool")
    encoded = reader.load(entry.body)
    removals = tuple(
        Removal(r["rule"], r["start"], r["end"], r["text"])
        for r in map(json.loads, encoded.removals.decode("utf-8").splitlines())
    )
    return Document(
        entry.info.id,
        json.loads(encoded.text),
        json.loads(encoded.metadata),
        kind=entry.kind,
        removals=removals,
        original_length=entry.original_length,
    )


def profile_task(task: Task, settings: StageSettings, staging: str | None) -> TaskResult:
    """Read and rule-clean one chunk, and profile its documents for boilerplate learning."""
    if settings.learn is None:
        raise ValueError("profile_task needs settings with a LearnConfig")
    cleaned = read_and_clean(task.raws, settings)
    profiles = profile_batch(cleaned.documents, settings.learn)
    return TaskResult(errors=cleaned.errors, seconds=cleaned.seconds, profiles=profiles)


Job = Callable[[Any, StageSettings, "str | None"], TaskResult]

# A pool worker's pass: set once by the pool's initializer.
_worker: tuple[Job, StageSettings, str | None] | None = None


def _start_worker(job: Job, settings: StageSettings, staging: str | None, main: int) -> None:
    global _worker
    _worker = (job, settings, staging)
    _die_with_parent(main)
    _keep_freed_memory()


_PR_SET_PDEATHSIG = 1  # linux/prctl.h
MANAGER_EXIT_SECONDS = 10.0
PARENT_CHECK_SECONDS = 1.0


def _die_with_parent(main: int) -> None:
    """Make this pool worker exit when the process that started it dies (even by SIGKILL).

    On Linux the kernel sends SIGKILL when the parent exits (``prctl(PR_SET_PDEATHSIG)``);
    everywhere a daemon thread also checks the parent pid every second, and a worker whose
    parent is already gone exits at once. SIGTERM and SIGINT get their default actions back:
    a worker has nothing to clean up (the main process removes the staging folder).
    """
    parent = os.getppid()
    for name in ("SIGTERM", "SIGINT"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        with suppress(OSError, AttributeError, TypeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if not _alive(main) or os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent, main), daemon=True).start()


def _watch_parent(parent: int, main: int) -> None:
    while os.getppid() == parent and _alive(main):
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread like Ctrl-C's KeyboardInterrupt (exit code 143)."""


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """While inside, SIGTERM raises :class:`Terminated` (a KeyboardInterrupt) in the main
    thread, so a terminated run unwinds like an interrupted one: workers stopped, staging
    folder removed, OUTPUT left as it was. A second SIGTERM during that clean-up is ignored.
    Does nothing outside the main thread or where SIGTERM does not exist."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        yield
        return

    def terminate(signum: int, frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run_in_worker(task: Any) -> TaskResult:
    if _worker is None:
        raise CleancorpusError("internal error: a worker process was not initialised")
    job, settings, staging = _worker
    return job(task, settings, staging)


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


def map_tasks(
    job: Job,
    tasks: Iterator[AnyTask],
    settings: StageSettings,
    workers: int,
    staging: str | None = None,
) -> Iterator[TaskResult]:
    """Run ``job`` over the tasks, in a process pool unless one process is enough.

    At most ``2 * workers`` chunks are in flight, so a huge input is never queued at once.
    """
    first = list(islice(tasks, 2))
    if workers == 1 or len(first) < 2:  # one chunk is not worth starting processes for
        yield from (job(task, settings, staging) for task in itertools.chain(first, tasks))
        return
    pending = itertools.chain(first, tasks)
    # Forked workers inherit this process's objects; without freezing them, the workers'
    # garbage collector touches (and so copies) every inherited page: ~3x slower workers.
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            workers,
            mp_context=_context(),
            initializer=_start_worker,
            initargs=(job, settings, staging, os.getpid()),
        ) as pool:
            try:
                running = {pool.submit(_run_in_worker, t) for t in islice(pending, 2 * workers)}
                while running:
                    done, running = wait(running, return_when=FIRST_COMPLETED)
                    running |= {pool.submit(_run_in_worker, t) for t in islice(pending, len(done))}
                    for future in done:
                        yield future.result()
            except BaseException:  # interrupted, terminated, or a failure: stop the workers now
                _stop_workers(pool)
                raise
    except BrokenProcessPool as exc:
        raise CleancorpusError(
            "a worker process died (out of memory, killed, or the calling script starts "
            'cleancorpus without an `if __name__ == "__main__":` guard); '
            "retry with workers=1 to run in one process"
        ) from exc
    finally:
        gc.unfreeze()


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers instead of letting them finish the chunks in flight (they may
    be writing into a staging folder that is about to be removed), and make sure the pool's
    manager thread ends, or the interpreter's exit would wait for it forever.

    A worker killed while sending its result leaves half a message in the result pipe; the
    manager thread then waits for the rest, which never comes, because this process holds
    the pipe's write end too. Closing that end turns the wait into end-of-file, which the
    manager handles as a broken pool.
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(5)
    with suppress(AttributeError, OSError):
        pool._result_queue._writer.close()  # type: ignore[attr-defined]
    pool.shutdown(wait=False, cancel_futures=True)
    if manager is not None:
        manager.join(MANAGER_EXIT_SECONDS)


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
