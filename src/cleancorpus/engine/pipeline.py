"""The pipeline: read -> (extract) -> clean -> fingerprint -> dedup -> write, in one direction.

Two entry points with the same power:

- :func:`run` reads a folder of mixed formats (text, HTML, JSONL, Parquet, WARC: see
  :mod:`cleancorpus.sources.stream` for the formats, the id scheme and the precedence of
  metadata) and writes an output folder atomically (:mod:`cleancorpus.output`; options in
  :mod:`cleancorpus.options`).
- :func:`process` takes documents in memory and returns the results in memory, for
  ingestion pipelines that never touch disk.

Both run the same passes: the batch stages (:mod:`.stages`: read, extract, clean,
fingerprint) in a process pool
(``RunOptions.workers``; 1 runs in-process), on chunks of ``chunk_size`` documents (see
:mod:`.local`, which also says when a calling script needs an ``if __name__ ==
"__main__":`` guard), then dedup in this process. Records of container files are streamed
into chunks as they are read, and in :func:`run` each worker spools the cleaned texts of its
chunk into the staging folder and sends back only fingerprints, metadata and counts, so memory
is bounded by the fingerprints; texts are streamed back in id order when the output is
written. Results never depend on the number of workers or on file-system order: everything is
keyed and sorted by document id (plain string order).

Boilerplate learning (on by default, ``RunOptions.learn``) costs no second pass over the
corpus: the workers also send back the hashes of each rule-cleaned document's edge lines
(and a small sample of its middle shingles; the whole set is its fingerprint's), the lines
are learned from them here (:func:`~cleancorpus.learning.boilerplate.learn_from_profiles`),
and only the documents that hold a learned line on an edge are taken up again: their first
results (spooled) have the learned runs removed and are fingerprinted again
(:func:`~.local.relearn_task`); nothing is read or rule-cleaned twice. Every other
document's first result is already what a run with those blocks gives it. :func:`learn` is
the dry run.

Offsets of removals refer to each document's text as read (BOM dropped, CRLF kept) or, for
HTML, as extracted. A file or record that cannot be read, decoded, extracted or cleaned becomes
an :class:`~cleancorpus.errors.InputError` in the result; all the others are still
processed. Warnings (a guessed charset, a skipped non-HTML WARC record) are listed too but are
not errors.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..dedup.index import Index
from ..dedup.index_open import open_index
from ..errors import CleancorpusError, InputError
from ..learning.boilerplate import EdgeProfile, LearnConfig, LearnedBoilerplate, learn_from_profiles
from ..options import RunOptions
from ..output import parquet
from ..output.folder import atomic_folder, check_inputs_and_output
from ..output.spool import SPOOL, Spooled, SpoolReader
from ..output.writers import CORPUS_DIR, LEARNED, DocumentResult, OutputWriter, write_report
from ..records import Document, Membership, Notice, RawDocument
from ..report import summary
from ..report.html import KnownDocuments, write_report_html
from ..sources.inputs import Inputs, resolve_inputs
from ..sources.intake import Intake
from ..sources.stream import iter_raw
from .assemble import dedup_stage, index_stage, passage_stage, placements
from .local import (
    Kept,
    Redo,
    TaskResult,
    make_tasks,
    map_tasks,
    prepare_task,
    profile_task,
    relearn_task,
)
from .stages import StageSettings

Progress = Callable[[int], None]
RawSource = Callable[[Intake], Iterable[RawDocument]]  # a run's documents, read afresh each call


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
    warnings: tuple[Notice, ...] = ()

    @property
    def exit_code(self) -> int:
        """0 if every file and record was processed, else :class:`InputError`'s code (3)."""
        failed = self.errors or self.report.get("counts", {}).get("errors")
        return InputError.exit_code if failed else 0


@dataclass
class _Deduplicated:
    """The main pass of a run or of :func:`process`: every kept document and its membership."""

    kept: dict[str, Kept] = field(default_factory=dict)
    memberships: dict[str, Membership] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    problems: dict[str, Any] = field(default_factory=dict)
    learned: LearnedBoilerplate | None = None


def process(
    documents: Iterable[Document], options: RunOptions | None = None, *, html: bool = False
) -> ProcessResult:
    """Clean and deduplicate documents in memory; nothing is written to disk.

    ``html=True``: each document's text is a web page, whose main text is extracted with
    trafilatura first (``options.extract``), as for ``.html`` files in :func:`run`: the
    result's text, removals and metadata (``extraction`` included) refer to the extracted
    text, and a page with no main text is an error naming its id.
    """
    options = options or RunOptions()
    tally = summary.Tally()
    started = time.perf_counter()
    intake = Intake(options.max_error_examples)
    raws = [
        RawDocument(doc.id, doc.text, dict(doc.metadata), doc.source, html=html)
        for doc in documents
        if intake.claim(doc.id, doc.id)
    ]
    with _index_session(options) as index:
        done = _main_pass(lambda _: raws, intake, options, tally, None, None, index=index)
        t0 = time.perf_counter()
        results = tuple(
            DocumentResult.of(_in_memory(entry), membership)
            for entry, membership in placements(done.kept, done.memberships, tally)
        )
        tally.add_time("assemble", time.perf_counter() - t0)
    tally.add_time("total", time.perf_counter() - started)
    report = summary.build(
        tally=tally,
        errors=done.errors,
        skipped=(),
        files=len(intake.ids),
        parameters=options.parameters(),
        input_dir=None,
        warnings=done.warnings,
        problems=done.problems,
    )
    return ProcessResult(documents=results, errors=tuple(done.errors), report=report)


def run(
    input_dir: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    output_dir: str | os.PathLike[str],
    options: RunOptions | None = None,
    *,
    progress: Progress | None = None,
    learn_progress: Progress | None = None,
) -> RunResult:
    """Process ``input_dir`` into ``output_dir``, replacing it atomically.

    ``input_dir`` is a folder, or one or more folders, files, globs and ``-`` (JSON Lines on
    standard input), as :mod:`cleancorpus.sources.inputs` describes.

    ``progress``, if given, is called with 0 when the pass starts, then with the number of
    documents (and failed ones) each time a chunk is done; ``learn_progress`` likewise for
    the documents cleaned again with the boilerplate learned (those holding a learned
    line). Raises
    :class:`ConfigError` when INPUT is missing, OUTPUT is unusable or an output format needs
    a missing library; bad input files and records do not raise: they are listed in the
    result's ``errors`` and in ``report.json``.
    """
    options = options or RunOptions()
    target = Path(output_dir)
    started = time.perf_counter()
    inputs = resolve_inputs(input_dir, options.extensions)
    check_inputs_and_output(inputs.roots, target)
    if options.output_format != "jsonl":
        parquet.require()
    tally = summary.Tally()
    tally.add_time("list", time.perf_counter() - started)
    raws = _input_raws(inputs, options)
    source = inputs.folder
    root = None if source is None else str(source)
    intake = Intake(options.max_error_examples)
    # The index commits after OUTPUT is swapped in: a run that dies leaves both as they were.
    with _index_session(options) as index, atomic_folder(target) as staging:
        (staging / SPOOL).mkdir()
        (staging / CORPUS_DIR).mkdir()
        done = _main_pass(
            raws, intake, options, tally, root, str(staging), progress, index, learn_progress
        )
        if done.learned is not None:
            done.learned.save(staging / LEARNED)
        with _gc_paused():
            t0 = time.perf_counter()
            known = _write_documents(staging, done, tally)
            tally.add_time("write", time.perf_counter() - t0)
            tally.add_time("total", time.perf_counter() - started)
            report = summary.build(
                tally=tally,
                errors=done.errors,
                skipped=inputs.skipped,
                files=len(inputs.files) + inputs.stdin,
                parameters=options.parameters(),
                input_dir=root if root is not None else " ".join(inputs.arguments),
                inputs=inputs.arguments,
                warnings=done.warnings,
                problems=done.problems,
                skipped_records=intake.skipped_records,
            )
            write_report(staging, report)
            write_report_html(staging, known=known, name=target.name or str(target))
            if options.output_format != "jsonl":  # after report.html, which reads the JSONL
                parquet.convert(
                    staging,
                    keep_jsonl=options.output_format == "both",
                    passages=options.dedup.passages,
                )
    return RunResult(
        output=target, errors=tuple(done.errors), report=report, warnings=tuple(done.warnings)
    )


def learn(
    source: str | os.PathLike[str] | Iterable[Document],
    options: RunOptions | None = None,
    *,
    progress: Progress | None = None,
) -> LearnedBoilerplate:
    """Learn boilerplate from a folder or from documents, changing nothing (a dry run).

    Uses ``options.learn`` (default :class:`LearnConfig`); the result can be printed with
    ``describe()``, saved, and given back as ``RunOptions(learned=...)``. ``progress`` is
    called as in :func:`run`.
    """
    options = options or RunOptions()
    if isinstance(source, (str, os.PathLike)) or _is_arguments(source):
        inputs = resolve_inputs(source, options.extensions)  # type: ignore[arg-type]
        raws = _input_raws(inputs, options)
        root: str | None = None if inputs.folder is None else str(inputs.folder)
    else:
        batch = [RawDocument(doc.id, doc.text, dict(doc.metadata), doc.source) for doc in source]
        raws, root = (lambda _: batch), None
    config = options.learn if isinstance(options.learn, LearnConfig) else LearnConfig()
    return _learn_pass(raws, config, options, summary.Tally(), root, progress)


def _main_pass(
    raws: RawSource,
    intake: Intake,
    options: RunOptions,
    tally: summary.Tally,
    root: str | None,
    staging: str | None,
    progress: Progress | None = None,
    index: Index | None = None,
    learn_progress: Progress | None = None,
) -> _Deduplicated:
    """The batch stages over every document, on the local executor, learning boilerplate
    on the way (see the module notes), then dedup (and the match against ``index``, inside
    its session)."""
    done = _Deduplicated()
    config = options.learn_config
    settings = StageSettings.of(options, root, options.learned, config)
    t0 = time.perf_counter()
    if progress is not None:
        progress(0)
    profiles: list[EdgeProfile] = []
    chunks = 0
    with _gc_paused():  # the kept records only grow here; collections would walk them all
        tasks = make_tasks(raws(intake), options.chunk_size)
        for result in map_tasks(prepare_task, tasks, settings, options.worker_count, staging):
            chunks += 1
            _take(result, done, intake, tally)
            profiles.extend(result.profiles)
            if progress is not None:
                progress(len(result.kept) + len(result.errors))
        tally.add_time("parallel", time.perf_counter() - t0)
        done.learned = options.learned
        if config is not None:
            t0 = time.perf_counter()
            done.learned = _relearned(
                profiles, config, options, done, tally, staging, chunks, learn_progress
            )
            tally.add_time("learn", time.perf_counter() - t0)
        analysis = dedup_stage(done.kept, options.dedup, tally)
        done.memberships = analysis.memberships
        if index is not None:
            done.memberships = index_stage(done.kept, done.memberships, index, tally)
        if options.dedup.passages:
            texts_of = _texts_of(done.kept, staging)
            done.memberships = passage_stage(
                analysis, done.memberships, texts_of, options.dedup, tally
            )
    done.errors, done.warnings = intake.errors, intake.warnings
    done.problems = intake.problem_counts()
    return done


@contextmanager
def _index_session(options: RunOptions) -> Iterator[Index | None]:
    """The run's index inside its session (committed on a clean exit), or None."""
    if options.index is None:
        yield None
        return
    with (
        open_index(
            options.index,
            options.dedup,
            keep_shingles=options.index_keep_shingles,
            version=summary.version(),
        ) as index,
        index.session(),
    ):
        yield index


def _texts_of(kept: Mapping[str, Kept], staging: str | None) -> Callable[..., dict[str, str]]:
    """A loader of the cleaned texts of some kept documents: from memory, or from the spool,
    read in file and offset order."""

    def texts(ids: Iterable[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        spooled: list[tuple[Spooled, str]] = []
        for doc_id in ids:
            body = kept[doc_id].body
            if isinstance(body, Document):
                out[doc_id] = body.text
            else:
                spooled.append((body, doc_id))
        if spooled:
            if staging is None:
                raise CleancorpusError("internal error: spooled documents without a spool")
            with SpoolReader(Path(staging) / SPOOL) as reader:
                for where, doc_id in sorted(spooled, key=lambda s: (s[0].file, s[0].offset)):
                    out[doc_id] = json.loads(reader.load(where).text)
        return out

    return texts


def _in_memory(entry: Kept) -> Document:
    if not isinstance(entry.body, Document):
        raise CleancorpusError(f"internal error: {entry.info.id!r} was spooled, not kept")
    return entry.body


def _write_documents(staging: Path, done: _Deduplicated, tally: summary.Tally) -> KnownDocuments:
    """Write the JSONL files from the spooled records; return what report.html needs of them.

    Each spool file is deleted once its last record is read, so its space is reused at once.
    """
    spooled = staging / SPOOL
    last_read = {_spooled(entry).file: doc_id for doc_id, entry in sorted(done.kept.items())}
    with OutputWriter(staging, "prune") as writer, SpoolReader(spooled) as spool:
        for entry, membership in placements(done.kept, done.memberships, tally):
            where = _spooled(entry)
            doc_id = entry.info.id
            writer.add_encoded(doc_id, spool.load(where), membership, mirrored=entry.mirrored)
            if last_read[where.file] == doc_id:
                spool.close()
                os.unlink(spooled / where.file)
    shutil.rmtree(spooled)
    return KnownDocuments.after(tally, writer)


def _spooled(entry: Kept) -> Spooled:
    if not isinstance(entry.body, Spooled):
        raise CleancorpusError(f"internal error: {entry.info.id!r} was not spooled")
    return entry.body


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: the serial stages allocate many small objects that
    live until the output is written, and each full collection would walk all of them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _input_raws(inputs: Inputs, options: RunOptions) -> RawSource:
    def raws(intake: Intake) -> Iterable[RawDocument]:
        return iter_raw(
            inputs.folder,
            inputs.files,
            fields=options.fields,
            max_bytes=options.max_bytes,
            intake=intake,
            stdin=sys.stdin.buffer if inputs.stdin else None,
        )

    return raws


def _is_arguments(source: object) -> bool:
    """Whether ``source`` is a list of INPUT arguments rather than of documents."""
    return (
        isinstance(source, (list, tuple))
        and bool(source)
        and all(isinstance(item, (str, os.PathLike)) for item in source)
    )


def _take(result: TaskResult, done: _Deduplicated, intake: Intake, tally: summary.Tally) -> None:
    """Keep what a worker sent back for one chunk: documents, problems (counted; only the
    first examples kept) and times."""
    done.kept.update((entry.info.id, entry) for entry in result.kept)
    intake.error_log.extend(result.errors)
    intake.warning_log.extend(result.warnings)
    for stage, seconds in result.seconds.items():
        tally.add_time(stage, seconds)


def _relearned(
    profiles: list[EdgeProfile],
    config: LearnConfig,
    options: RunOptions,
    done: _Deduplicated,
    tally: summary.Tally,
    staging: str | None,
    chunks: int,
    progress: Progress | None,
) -> LearnedBoilerplate:
    """Learn from the profiles of the main pass, then remove the learned lines from the
    documents that hold one on an edge, starting from their first results (their new
    results replace those). Returns the blocks, each with its line."""
    kept = done.kept
    profiles = [p for p in profiles if p.id in kept]
    learned = learn_from_profiles(
        profiles, config, shingles_of=lambda i: kept[i].info.fingerprint.shingles
    )
    again = sorted(p.id for p in profiles if learned.touches(p))
    if not again:
        return learned
    settings = StageSettings.of(options, None, learned)
    size = options.chunk_size
    tasks = (
        Redo(chunks + n, tuple(kept[i] for i in again[first : first + size]))
        for n, first in enumerate(range(0, len(again), size))
    )
    found: list[tuple[str, dict[int, tuple[str, str]]]] = []
    if progress is not None:
        progress(0)
    for result in map_tasks(relearn_task, tasks, settings, options.worker_count, staging):
        done.kept.update((entry.info.id, entry) for entry in result.kept)
        for stage, seconds in result.seconds.items():
            tally.add_time(stage, seconds)
        found.append((min(e.info.id for e in result.kept), result.learned_lines))
        if progress is not None:
            progress(len(result.kept))
    lines: dict[int, tuple[str, str]] = {}
    for _, noted in sorted(found, key=lambda f: f[0]):  # chunks in id order, whenever done:
        for hashed, line in noted.items():  # each line worded by the smallest id holding it
            lines.setdefault(hashed, line)
    return learned.with_lines(lines)


def _learn_pass(
    raws: RawSource,
    config: LearnConfig,
    options: RunOptions,
    tally: summary.Tally,
    root: str | None,
    progress: Progress | None = None,
) -> LearnedBoilerplate:
    """Read and rule-clean every document, profile its edges, learn from the profiles."""
    t0 = time.perf_counter()
    profiles: list[EdgeProfile] = []
    settings = StageSettings.of(options, root, learn=config, fingerprint=False)
    tasks = make_tasks(raws(Intake()), options.chunk_size)
    if progress is not None:
        progress(0)
    for done in map_tasks(profile_task, tasks, settings, options.worker_count):
        profiles.extend(done.profiles)  # problems surface again in the main pass
        if progress is not None:
            progress(len(done.profiles) + len(done.errors))
    learned = learn_from_profiles(profiles, config)
    tally.add_time("learn", time.perf_counter() - t0)
    return learned
