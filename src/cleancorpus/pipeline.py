"""The pipeline: read -> clean -> fingerprint -> dedup -> write, in one direction.

Two entry points with the same power:

- :func:`run` reads a folder and writes an output folder atomically (see :mod:`.writers`).
- :func:`process` takes documents in memory and returns the results in memory, for
  ingestion pipelines that never touch disk.

Reading, cleaning and fingerprinting run in a process pool (``RunOptions.workers``; 1 runs
in-process), on chunks of ``chunk_size`` documents (see :mod:`.parallel`, which also says
when a calling script needs an ``if __name__ == "__main__":`` guard). In :func:`run` each
worker spools the cleaned texts of its chunk into the staging folder and sends back only
fingerprints, metadata and counts, so memory is bounded by the fingerprints; texts are streamed
back in id order when the output is written. Results never depend on the number of workers
or on file-system order: everything is keyed and sorted by document id (plain string order).

Offsets of removals refer to each document's text exactly as read (UTF-8 BOM dropped, CRLF kept).
A file that cannot be read, decoded or cleaned becomes an :class:`~.errors.InputError` in the
result; all the other files are still processed.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import dedup, readers, report
from .cleaning import CleanConfig
from .dedup import DedupConfig, DocInfo, Fingerprinter, Membership
from .document import Document, Removal
from .errors import CleancorpusError, ConfigError, InputError
from .learned import LearnConfig, LearnedBoilerplate, learn_from_profiles
from .parallel import SPOOL, Chunk, Entry, Item, SpoolReader, make_chunks, map_chunks
from .report_html import write_report_html
from .writers import (
    CORPUS_DIR,
    LEARNED,
    DocumentResult,
    OutputWriter,
    Placement,
    atomic_folder,
    check_locations,
    write_report,
)

__all__ = [
    "DocumentResult",
    "ProcessResult",
    "RunOptions",
    "RunResult",
    "learn",
    "process",
    "run",
]

DEFAULT_MAX_BYTES = 50_000_000  # 50 MB


@dataclass(frozen=True)
class RunOptions:
    """Everything a run needs to know besides its input. Validated at construction."""

    clean: CleanConfig = field(default_factory=CleanConfig)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    workers: int | None = None  # None: os.cpu_count(); 1: no process pool
    max_bytes: int = DEFAULT_MAX_BYTES  # larger input files are reported as errors
    chunk_size: int = 128  # documents per task sent to a worker
    extensions: tuple[str, ...] = readers.DEFAULT_EXTENSIONS
    learn: LearnConfig | None = None  # learn boilerplate from this corpus first (two passes)
    learned: LearnedBoilerplate | None = None  # or remove blocks learned before (one pass)

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
        if self.learn is not None and not isinstance(self.learn, LearnConfig):
            raise ConfigError(f"learn must be a LearnConfig, got {type(self.learn).__name__}")
        if self.learned is not None and not isinstance(self.learned, LearnedBoilerplate):
            raise ConfigError("learned must be a LearnedBoilerplate (LearnedBoilerplate.load)")
        if self.learn is not None and self.learned is not None:
            raise ConfigError("give learn (learn from this corpus) or learned (reuse), not both")

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
            "learn": None if self.learn is None else report.as_data(self.learn),
            "learned_blocks": None if self.learned is None else len(self.learned.blocks),
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

    def items() -> Iterator[Item]:
        for doc in documents:
            if doc.id in seen:
                duplicated.append(InputError(doc.id, "duplicate id: an earlier document has it"))
                continue
            seen.add(doc.id)
            yield (doc.id, doc.text, dict(doc.metadata))

    batch = list(items())
    learned = _learned_for(batch, options, tally, root=None)
    entries, errors = _map_stage(_chunks(batch, options, None, None, learned), options, tally)
    errors += duplicated
    memberships = _dedup_stage(entries, options, tally)
    t0 = time.perf_counter()
    results = tuple(
        DocumentResult(
            id=doc_id,
            text=entry.payload[0],
            metadata=entry.metadata,
            cluster=place.cluster,
            canonical=place.canonical,
            duplicate_of=place.duplicate_of,
            similarity=place.similarity,
            overlaps=place.overlaps,
            reason=place.reason,
            rule=place.rule,
            removals=tuple(Removal(*r) for r in entry.payload[1]),
            duplicates=place.duplicates,
        )
        for doc_id, entry, place in _placements(entries, memberships, tally)
    )
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
    items: list[Item] = [(doc_id, None, {}) for doc_id in listing.documents]
    learned = _learned_for(items, options, tally, root=str(source))
    with atomic_folder(target) as staging:
        (staging / SPOOL).mkdir()
        (staging / CORPUS_DIR).mkdir()
        if learned is not None:
            learned.save(staging / LEARNED)
        chunks = _chunks(items, options, root=str(source), staging=str(staging), learned=learned)
        entries, errors = _map_stage(chunks, options, tally)
        memberships = _dedup_stage(entries, options, tally)
        t0 = time.perf_counter()
        with OutputWriter(staging, "prune") as writer, SpoolReader(staging / SPOOL) as spool:
            for doc_id, entry, place in _placements(entries, memberships, tally):
                writer.add_encoded(doc_id, spool.load(entry.payload), place)
        shutil.rmtree(staging / SPOOL)
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
        write_report_html(staging)
    return RunResult(output=target, errors=tuple(errors), report=rep)


def learn(
    source: str | os.PathLike[str] | Iterable[Document], options: RunOptions | None = None
) -> LearnedBoilerplate:
    """Learn boilerplate from a folder or from documents, changing nothing (a dry run).

    Uses ``options.learn`` (default :class:`LearnConfig`); the result can be printed with
    ``describe()``, saved, and given back as ``RunOptions(learned=...)``.
    """
    options = options or RunOptions()
    if isinstance(source, (str, os.PathLike)):
        folder = Path(source)
        if not folder.is_dir():
            raise ConfigError(f"INPUT {folder} is not a folder of .txt/.md files")
        listing = readers.list_folder(folder, options.extensions)
        items: list[Item] = [(doc_id, None, {}) for doc_id in listing.documents]
        root: str | None = str(folder)
    else:
        items = [(doc.id, doc.text, dict(doc.metadata)) for doc in source]
        root = None
    return _learn_pass(items, options.learn or LearnConfig(), options, report.Tally(), root)


def _learned_for(
    items: list[Item], options: RunOptions, tally: report.Tally, root: str | None
) -> LearnedBoilerplate | None:
    """The blocks to remove: given, learned here in a first pass, or none."""
    if options.learn is None:
        return options.learned
    return _learn_pass(items, options.learn, options, tally, root)


def _learn_pass(
    items: list[Item],
    config: LearnConfig,
    options: RunOptions,
    tally: report.Tally,
    root: str | None,
) -> LearnedBoilerplate:
    """Read and rule-clean every document, profile its edges, learn from the profiles."""
    t0 = time.perf_counter()
    profiles = []
    chunks = _chunks(items, options, root, None, None, profile=config)
    for done in map_chunks(chunks, options.worker_count):
        profiles.extend(done.profiles)  # errors surface again in the main pass
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
    )


def _map_stage(
    chunks: Iterator[Chunk], options: RunOptions, tally: report.Tally
) -> tuple[dict[str, Entry], list[InputError]]:
    entries: dict[str, Entry] = {}
    errors: list[InputError] = []
    t0 = time.perf_counter()
    for done in map_chunks(chunks, options.worker_count):
        entries.update(done.entries)
        errors.extend(InputError(path, problem) for path, problem in done.errors)
        for stage, seconds in zip(("read", "clean", "fingerprint"), done.seconds, strict=True):
            tally.add_time(stage, seconds)
    tally.add_time("parallel", time.perf_counter() - t0)
    return entries, errors


# --- dedup and assembling the results --------------------------------------------------------


def _dedup_stage(
    entries: Mapping[str, Entry], options: RunOptions, tally: report.Tally
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


def _placements(
    entries: Mapping[str, Entry], memberships: Mapping[str, Membership], tally: report.Tally
) -> Iterator[tuple[str, Entry, Placement]]:
    """Yield each document with its place after dedup, in id order, counting as it goes."""
    members: dict[str, list[str]] = {}
    ids = sorted(entries)
    for doc_id in ids:
        m = memberships[doc_id]
        if not m.canonical:
            members.setdefault(m.cluster, []).append(doc_id)
    for doc_id in ids:
        entry, m = entries[doc_id], memberships[doc_id]
        tally.documents += 1
        tally.characters_in += entry.chars_in
        tally.characters_out += entry.length
        tally.add_removals(entry.counts)
        if m.canonical:
            tally.canonical += 1
            tally.characters_canonical += entry.length
        place = Placement(
            cluster=m.cluster,
            canonical=m.canonical,
            duplicate_of=m.duplicate_of,
            similarity=m.similarity,
            overlaps=tuple(sorted(m.overlaps)),
            reason=m.reason,
            rule=getattr(m, "rule", None),
            duplicates=tuple(members.get(doc_id, ())) if m.canonical else (),
        )
        yield doc_id, entry, place


def _is_int(value: object, minimum: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum
