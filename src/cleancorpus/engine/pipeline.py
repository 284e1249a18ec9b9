"""The pipeline: read -> (extract) -> clean -> fingerprint -> dedup -> write, in one direction.

Two entry points with the same power:

- :func:`run` reads a folder of mixed formats (text, HTML, JSONL, Parquet, WARC: see
  :mod:`.sources` for the formats, the id scheme and the precedence of metadata) and writes an
  output folder atomically (see :mod:`.writers`; options in :mod:`.options`).
- :func:`process` takes documents in memory and returns the results in memory, for
  ingestion pipelines that never touch disk.

Reading, extracting, cleaning and fingerprinting run in a process pool
(``RunOptions.workers``; 1 runs in-process), on chunks of ``chunk_size`` documents (see
:mod:`.parallel`, which also says when a calling script needs an ``if __name__ ==
"__main__":`` guard). Records of container files are streamed into chunks as they are read,
and in :func:`run` each worker spools the cleaned texts of its chunk into the staging folder
and sends back only fingerprints, metadata and counts, so memory is bounded by the
fingerprints; texts are streamed back in id order when the output is written. Results never
depend on the number of workers or on file-system order: everything is keyed and sorted by
document id (plain string order).

Offsets of removals refer to each document's text as read (BOM dropped, CRLF kept) or, for
HTML, as extracted. A file or record that cannot be read, decoded, extracted or cleaned becomes
an :class:`~.errors.InputError` in the result; all the others are still processed. Warnings
(a guessed charset, a skipped non-HTML WARC record) are listed too but are not errors.
"""

from __future__ import annotations

import gc
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import Any

from ..dedup.deduplicate import Fingerprinter, Membership
from ..errors import ConfigError, InputError
from ..learning.boilerplate import EdgeProfile, LearnConfig, LearnedBoilerplate, learn_from_profiles
from ..options import DEFAULT_MAX_BYTES, RunOptions
from ..output import parquet as parquet_out
from ..output.writers import (
    CORPUS_DIR,
    LEARNED,
    DocumentResult,
    OutputWriter,
    Placement,
    atomic_folder,
    check_locations,
    write_report,
)
from ..records import Document, Removal
from ..report import summary as report
from ..report.html import KnownDocuments, write_report_html
from ..sources import files as readers
from ..sources.stream import Intake, Item, iter_items
from .assemble import dedup_stage, placements
from .local import SPOOL, Chunk, Entry, SpoolReader, make_chunks, map_chunks

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DocumentResult",
    "ProcessResult",
    "RunOptions",
    "RunResult",
    "learn",
    "process",
    "run",
]

Notice = tuple[str, str]  # (path or id, warning)
Items = Callable[[Intake], Iterable[Item]]  # the documents of a run, read afresh each call


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
        return InputError.exit_code if self.errors else 0


@dataclass
class _Mapped:
    entries: dict[str, Entry]
    errors: list[InputError]
    warnings: list[Notice]


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
    tally = report.Tally()
    started = time.perf_counter()
    intake = Intake()
    batch = [
        Item(doc.id, doc.text, dict(doc.metadata), html=html)
        for doc in documents
        if intake.claim(doc.id, doc.id)
    ]
    learned = _learned_for(lambda _: batch, options, tally, root=None)
    mapped = _map_stage(_chunks(batch, options, None, None, learned), options, tally)
    errors = intake.errors + mapped.errors
    memberships = dedup_stage(mapped.entries, options, tally)
    t0 = time.perf_counter()
    results = tuple(
        DocumentResult(
            **{f.name: getattr(place, f.name) for f in dataclass_fields(Placement)},
            id=doc_id,
            text=entry.payload[0],
            metadata=entry.metadata,
            removals=tuple(Removal(*r) for r in entry.payload[1]),
        )
        for doc_id, entry, place in placements(mapped.entries, memberships, tally)
    )
    tally.add_time("assemble", time.perf_counter() - t0)
    tally.add_time("total", time.perf_counter() - started)
    errors.sort(key=lambda e: report.path_key(e.path))
    rep = report.build(
        tally=tally,
        errors=errors,
        skipped=(),
        files=len(intake.ids),
        parameters=options.parameters(),
        input_dir=None,
        warnings=mapped.warnings,
    )
    return ProcessResult(documents=results, errors=tuple(errors), report=rep)


def run(
    input_dir: str | os.PathLike[str],
    output_dir: str | os.PathLike[str],
    options: RunOptions | None = None,
    *,
    progress: Callable[[int], None] | None = None,
    learn_progress: Callable[[int], None] | None = None,
) -> RunResult:
    """Process the folder ``input_dir`` into ``output_dir``, replacing it atomically.

    ``progress``, if given, is called with 0 when the pass starts, then with the number of
    documents (and failed ones) each time a chunk is done; ``learn_progress`` likewise for
    the learning pass that ``options.learn`` runs first (every document is then read
    twice). Raises
    :class:`ConfigError` when INPUT is missing, OUTPUT is unusable or an output format needs
    a missing library; bad input files and records do not raise: they are listed in the
    result's ``errors`` and in ``report.json``.
    """
    options = options or RunOptions()
    source, target = Path(input_dir), Path(output_dir)
    if not source.is_dir():
        problem = "is not a folder" if source.exists() else "does not exist"
        raise ConfigError(f"INPUT {source} {problem}; give a folder of documents")
    check_locations(source, target)
    if options.output_format != "jsonl":
        parquet_out.require()
    tally = report.Tally()
    started = time.perf_counter()
    listing = readers.list_folder(source, options.extensions)
    tally.add_time("list", time.perf_counter() - started)
    items = _folder_items(source, listing.documents, options)
    learned = _learned_for(items, options, tally, root=str(source), progress=learn_progress)
    intake = Intake()
    with atomic_folder(target) as staging:
        (staging / SPOOL).mkdir()
        (staging / CORPUS_DIR).mkdir()
        if learned is not None:
            learned.save(staging / LEARNED)
        chunks = _chunks(items(intake), options, str(source), str(staging), learned)
        mapped = _map_stage(chunks, options, tally, progress)
        errors = intake.errors + mapped.errors
        warnings = intake.warnings + mapped.warnings
        with _gc_paused():
            memberships = dedup_stage(mapped.entries, options, tally)
            t0 = time.perf_counter()
            known = _write_documents(staging, mapped.entries, memberships, tally)
            tally.add_time("write", time.perf_counter() - t0)
            tally.add_time("total", time.perf_counter() - started)
            errors.sort(key=lambda e: report.path_key(e.path))
            warnings.sort(key=lambda w: report.path_key(w[0]))
            rep = report.build(
                tally=tally,
                errors=errors,
                skipped=listing.skipped,
                files=len(listing.documents),
                parameters=options.parameters(),
                input_dir=str(source),
                warnings=warnings,
                skipped_records=intake.skipped_records,
            )
            write_report(staging, rep)
            write_report_html(staging, known=known, name=target.name or str(target))
            if options.output_format != "jsonl":  # after report.html, which reads the JSONL
                parquet_out.convert(staging, keep_jsonl=options.output_format == "both")
    return RunResult(output=target, errors=tuple(errors), report=rep, warnings=tuple(warnings))


def _write_documents(
    staging: Path,
    entries: Mapping[str, Entry],
    memberships: Mapping[str, Membership],
    tally: report.Tally,
) -> KnownDocuments:
    """Write the JSONL files from the spooled records; return what report.html needs of them.

    Each spool file is deleted once its last record is read, so its space is reused at once.
    """
    spooled = staging / SPOOL
    last_read = {entry.payload[0]: doc_id for doc_id, entry in sorted(entries.items())}
    with OutputWriter(staging, "prune") as writer, SpoolReader(spooled) as spool:
        for doc_id, entry, place in placements(entries, memberships, tally):
            name = entry.payload[0]
            encoded = spool.load(entry.payload)
            writer.add_encoded(doc_id, encoded, place, mirrored=entry.mirrored)
            if last_read[name] == doc_id:
                spool.close()
                os.unlink(spooled / name)
    shutil.rmtree(spooled)
    return KnownDocuments(
        documents=tally.documents,
        canonical=tally.canonical,
        characters=tally.characters_out,
        characters_canonical=tally.characters_canonical,
        overlapping=writer.overlapping,
        lines=writer.cluster_lines,
    )


def learn(
    source: str | os.PathLike[str] | Iterable[Document],
    options: RunOptions | None = None,
    *,
    progress: Callable[[int], None] | None = None,
) -> LearnedBoilerplate:
    """Learn boilerplate from a folder or from documents, changing nothing (a dry run).

    Uses ``options.learn`` (default :class:`LearnConfig`); the result can be printed with
    ``describe()``, saved, and given back as ``RunOptions(learned=...)``. ``progress`` is
    called as in :func:`run`.
    """
    options = options or RunOptions()
    if isinstance(source, (str, os.PathLike)):
        folder = Path(source)
        if not folder.is_dir():
            raise ConfigError(f"INPUT {folder} is not a folder of documents")
        listing = readers.list_folder(folder, options.extensions)
        items = _folder_items(folder, listing.documents, options)
        root: str | None = str(folder)
    else:
        batch = [Item(doc.id, doc.text, dict(doc.metadata)) for doc in source]
        items, root = (lambda _: batch), None
    config = options.learn or LearnConfig()
    return _learn_pass(items, config, options, report.Tally(), root, progress)


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


def _folder_items(folder: Path, file_ids: tuple[str, ...], options: RunOptions) -> Items:
    def items(intake: Intake) -> Iterable[Item]:
        return iter_items(
            folder, file_ids, fields=options.fields, max_bytes=options.max_bytes, intake=intake
        )

    return items


def _learned_for(
    items: Items,
    options: RunOptions,
    tally: report.Tally,
    root: str | None,
    progress: Callable[[int], None] | None = None,
) -> LearnedBoilerplate | None:
    """The blocks to remove: given, learned here in a first pass, or none."""
    if options.learn is None:
        return options.learned
    return _learn_pass(items, options.learn, options, tally, root, progress)


def _learn_pass(
    items: Items,
    config: LearnConfig,
    options: RunOptions,
    tally: report.Tally,
    root: str | None,
    progress: Callable[[int], None] | None = None,
) -> LearnedBoilerplate:
    """Read and rule-clean every document, profile its edges, learn from the profiles."""
    t0 = time.perf_counter()
    profiles: list[EdgeProfile] = []
    chunks = _chunks(items(Intake()), options, root, None, None, profile=config)
    if progress is not None:
        progress(0)
    for done in map_chunks(chunks, options.worker_count):
        profiles.extend(done.profiles)  # problems surface again in the main pass
        if progress is not None:
            progress(len(done.profiles) + len(done.errors))
    learned = learn_from_profiles(profiles, config)
    tally.add_time("learn", time.perf_counter() - t0)
    return learned


def _chunks(
    items: Iterable[Item],
    options: RunOptions,
    root: str | None,
    staging: str | None,
    learned: LearnedBoilerplate | None = None,
    profile: LearnConfig | None = None,
) -> Iterator[Chunk]:
    return make_chunks(
        items,
        options.chunk_size,
        root=root,
        staging=staging,
        clean=options.clean,
        fingerprinter=Fingerprinter(options.dedup),
        max_bytes=options.max_bytes,
        learned=learned,
        profile=profile,
        extract=options.extract,
    )


def _map_stage(
    chunks: Iterator[Chunk],
    options: RunOptions,
    tally: report.Tally,
    progress: Callable[[int], None] | None = None,
) -> _Mapped:
    mapped = _Mapped({}, [], [])
    t0 = time.perf_counter()
    if progress is not None:
        progress(0)
    with _gc_paused():  # the entries only grow here; collections would walk them all, often
        for done in map_chunks(chunks, options.worker_count):
            mapped.entries.update(done.entries)
            mapped.errors.extend(InputError(path, problem) for path, problem in done.errors)
            mapped.warnings.extend(done.warnings)
            for stage, seconds in zip(report.WORKER_STAGES, done.seconds, strict=True):
                tally.add_time(stage, seconds)
            if progress is not None:
                progress(len(done.entries) + len(done.errors))
    tally.add_time("parallel", time.perf_counter() - t0)
    return mapped
