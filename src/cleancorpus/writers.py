"""Writing the output folder: the output records, their JSON lines, and the atomic swap.

Output files (the contract users' pipelines parse):

- ``documents.jsonl``: one object per document: ``id``, ``text``, ``metadata``, ``cluster``,
  ``canonical``, ``duplicate_of``, ``similarity``, ``overlaps`` (ids), ``overlap_scores``
  (id -> containment score) and ``reason`` (why the canonical was chosen, or which rule made
  this document a duplicate).
- ``corpus.jsonl``: canonical documents only: ``id``, ``text``, ``metadata``, ``duplicates``.
- ``corpus/``: for folder input, each canonical text as a file at its input path.
- ``removals.jsonl``: one object per removed span: ``id``, ``rule``, ``start``, ``end``,
  ``text`` (offsets into the document's original text).
- ``report.json``: see :mod:`cleancorpus.report`.

Records must be added in id order; JSON is written UTF-8 with ``ensure_ascii=False``.

Atomicity: everything is built in a staging folder next to OUTPUT (same file system), then
swapped in with two renames: old OUTPUT -> backup, staging -> OUTPUT; the backup is then
deleted. A crash while building leaves the old OUTPUT untouched (and the staging folder is
removed when the failure is an exception). Only between the two renames (microseconds) can a
hard crash leave no OUTPUT; the previous output then sits in the ``.NAME.old-*`` folder beside it.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from .document import Removal
from .errors import ConfigError

DOCUMENTS = "documents.jsonl"
CORPUS = "corpus.jsonl"
REMOVALS = "removals.jsonl"
REPORT = "report.json"
CORPUS_DIR = "corpus"
OUTPUT_NAMES = frozenset({DOCUMENTS, CORPUS, REMOVALS, REPORT, CORPUS_DIR})


@dataclass(frozen=True)
class DocumentResult:
    """One processed document: its cleaned text, removals and place among its duplicates."""

    id: str
    text: str
    metadata: Mapping[str, Any]
    cluster: str
    canonical: bool
    duplicate_of: str | None
    similarity: float | None
    overlaps: tuple[tuple[str, float], ...] = ()
    reason: str = ""
    removals: tuple[Removal, ...] = ()
    duplicates: tuple[str, ...] = field(default=())  # for a canonical document: its duplicates

    def document_record(self) -> dict[str, Any]:
        """The object written to ``documents.jsonl``."""
        return {
            "id": self.id,
            "text": self.text,
            "metadata": dict(self.metadata),
            "cluster": self.cluster,
            "canonical": self.canonical,
            "duplicate_of": self.duplicate_of,
            "similarity": self.similarity,
            "overlaps": [other for other, _ in self.overlaps],
            "overlap_scores": dict(self.overlaps),
            "reason": self.reason,
        }

    def corpus_record(self) -> dict[str, Any]:
        """The object written to ``corpus.jsonl`` (canonical documents only)."""
        return {
            "id": self.id,
            "text": self.text,
            "metadata": dict(self.metadata),
            "duplicates": list(self.duplicates),
        }

    def removal_records(self) -> list[dict[str, Any]]:
        """The objects written to ``removals.jsonl``, sorted by start offset."""
        return [
            {"id": self.id, "rule": r.rule, "start": r.start, "end": r.end, "text": r.text}
            for r in sorted(self.removals, key=lambda r: (r.start, r.end, r.rule))
        ]


def dumps(obj: Any) -> str:
    """JSON for the output files: non-ASCII kept, tuples/sets as lists, anything else as str."""
    return json.dumps(obj, ensure_ascii=False, default=_jsonable)


def _jsonable(obj: Any) -> Any:
    if isinstance(obj, (set, frozenset)):
        return sorted(obj, key=str)
    if isinstance(obj, Mapping):
        return dict(obj)
    if hasattr(obj, "isoformat"):
        return obj.isoformat()
    return str(obj)


class OutputWriter:
    """Streams :class:`DocumentResult` records, in id order, into the files of one folder."""

    def __init__(self, folder: Path, corpus_files: bool) -> None:
        self.folder = folder
        self.corpus_files = corpus_files
        self._last_id: str | None = None
        self._documents = _open_text(folder / DOCUMENTS)
        self._corpus = _open_text(folder / CORPUS)
        self._removals = _open_text(folder / REMOVALS)
        self._made_dirs: set[Path] = set()

    def add(self, result: DocumentResult) -> None:
        if self._last_id is not None and result.id <= self._last_id:
            raise ValueError(f"records must come in increasing id order: {result.id!r}")
        self._last_id = result.id
        self._documents.write(dumps(result.document_record()) + "\n")
        for record in result.removal_records():
            self._removals.write(dumps(record) + "\n")
        if result.canonical:
            self._corpus.write(dumps(result.corpus_record()) + "\n")
            if self.corpus_files:
                self._write_corpus_file(result.id, result.text)

    def _write_corpus_file(self, doc_id: str, text: str) -> None:
        target = self.folder.joinpath(CORPUS_DIR, *doc_id.split("/"))
        if target.parent not in self._made_dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made_dirs.add(target.parent)
        with open(target, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)

    def close(self) -> None:
        for handle in (self._documents, self._corpus, self._removals):
            handle.close()

    def __enter__(self) -> OutputWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _open_text(path: Path) -> TextIO:
    return open(path, "w", encoding="utf-8", newline="\n")


def write_report(folder: Path, report: Mapping[str, Any]) -> None:
    with open(folder / REPORT, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(json.dumps(report, ensure_ascii=False, indent=2, default=_jsonable) + "\n")


def check_locations(input_dir: Path, output_dir: Path) -> None:
    """Refuse an OUTPUT that would overlap INPUT or overwrite something that is not ours."""
    src, dst = input_dir.resolve(), output_dir.resolve()
    if dst == src or src in dst.parents:
        raise ConfigError(
            f"OUTPUT {output_dir} is inside INPUT {input_dir}; choose a folder outside it"
        )
    if dst in src.parents:
        raise ConfigError(
            f"INPUT {input_dir} is inside OUTPUT {output_dir}; replacing OUTPUT would delete it"
        )
    check_replaceable(output_dir)


def check_replaceable(output_dir: Path) -> None:
    """OUTPUT may be missing, empty, or a previous cleancorpus output — nothing else."""
    if not output_dir.exists():
        return
    if not output_dir.is_dir():
        raise ConfigError(f"OUTPUT {output_dir} exists and is not a folder; choose another path")
    foreign = sorted(p.name for p in output_dir.iterdir() if p.name not in OUTPUT_NAMES)
    if foreign:
        shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise ConfigError(
            f"OUTPUT {output_dir} exists and holds files cleancorpus did not write ({shown}); "
            "choose a new or empty folder"
        )


@contextmanager
def atomic_folder(output_dir: Path) -> Iterator[Path]:
    """Yield a staging folder beside ``output_dir``; on success, swap it in as ``output_dir``.

    On an exception the staging folder is deleted and ``output_dir`` is left as it was.
    """
    parent = output_dir.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = _fresh_name(parent, f".{output_dir.name}.staging-")
    staging.mkdir()  # unlike mkdtemp, honours the umask, so OUTPUT gets ordinary permissions
    try:
        yield staging
        _swap(staging, output_dir.absolute())
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, target: Path) -> None:
    if not target.exists():
        os.rename(staging, target)
        return
    backup = _fresh_name(target.parent, f".{target.name}.old-")
    os.rename(target, backup)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(backup, target)
        raise
    shutil.rmtree(backup, ignore_errors=True)


def _fresh_name(parent: Path, prefix: str) -> Path:
    while True:
        candidate = parent / f"{prefix}{secrets.token_hex(4)}"
        if not os.path.lexists(candidate):
            return candidate


def jsonl_lines(path: Path) -> Sequence[dict[str, Any]]:
    """Read a JSONL file written here (used by tests and the example script)."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]
