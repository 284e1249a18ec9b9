"""Writing the output folder: the output records, their JSON lines, and the atomic swap.

Output files (the contract users' pipelines parse):

- ``documents.jsonl``: one object per document: ``id``, ``text``, ``metadata``, ``cluster``,
  ``canonical``, ``duplicate_of``, ``similarity``, ``overlaps`` (ids), ``overlap_scores``
  (id -> containment score), ``reason`` (why the canonical was chosen, or why this document
  is a duplicate) and ``rule`` (null for a canonical, else the dedup rule, e.g.
  "near-duplicate").
- ``corpus.jsonl``: canonical documents only: ``id``, ``text``, ``metadata``, ``duplicates``.
- ``corpus/``: for folder input, each canonical text of a file (``.txt``, ``.md``, ``.html``,
  ...) as a file at its input path; records inside JSONL/Parquet/WARC files are in
  ``corpus.jsonl`` only.
- ``removals.jsonl``: one object per removed span: ``id``, ``rule``, ``start``, ``end``,
  ``text`` (offsets into the document's original text).
- ``report.json``: see :mod:`cleancorpus.report.summary`.
- with ``--format parquet`` (or ``both``): ``documents.parquet``, ``corpus.parquet`` and
  ``removals.parquet`` with the same fields instead of (or beside) the three JSONL files; see
  :mod:`cleancorpus.output.parquet`.

Records must be added in id order; JSON is written UTF-8 with ``ensure_ascii=False``.
"""

from __future__ import annotations

import base64
import json
import math
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

from ..records import Document, Membership, Passage, Removal

DOCUMENTS = "documents.jsonl"
CORPUS = "corpus.jsonl"
REMOVALS = "removals.jsonl"
REPORT = "report.json"
REPORT_HTML = "report.html"
LEARNED = "learned.json"
CORPUS_DIR = "corpus"
_BUFFER = 1 << 20  # bytes buffered per output file: fewer, larger writes
# O_BINARY: no newline translation on Windows; flags a platform lacks are left out
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
_WRITE_FLAGS |= sum(getattr(os, flag, 0) for flag in ("O_CLOEXEC", "O_BINARY"))
PARQUET_NAMES = ("documents.parquet", "corpus.parquet", "removals.parquet")
OUTPUT_NAMES = frozenset(
    {DOCUMENTS, CORPUS, REMOVALS, REPORT, REPORT_HTML, LEARNED, CORPUS_DIR, *PARQUET_NAMES}
)


def _by_id(overlaps: Iterable[tuple[str, float]]) -> list[tuple[str, float]]:
    return sorted(overlaps, key=lambda pair: (str(pair[0]), pair[1]))


def membership_fields(membership: Membership) -> dict[str, Any]:
    """The ``documents.jsonl`` fields that follow ``metadata`` (overlaps in id order)."""
    overlaps = _by_id(membership.overlaps)
    return {
        "cluster": membership.cluster,
        "canonical": membership.canonical,
        "duplicate_of": membership.duplicate_of,
        "similarity": membership.similarity,
        "overlaps": [other for other, _ in overlaps],
        "overlap_scores": dict(overlaps),
        "reason": membership.reason,
        "rule": membership.rule,
        **(
            {"passages": [_passage(p) for p in membership.passages], "story": membership.story}
            if membership.story is not None  # found only when passages are looked for
            else {}
        ),
    }


def _passage(p: Passage) -> dict[str, Any]:
    return {
        "other": p.other,
        "start": p.start,
        "end": p.end,
        "other_start": p.other_start,
        "other_end": p.other_end,
        "words": p.words,
        "score": p.score,
    }


def membership_json(membership: Membership) -> str:
    """``dumps(membership_fields(membership))`` less its opening brace, spelled out field by
    field: the same text, faster (it is written for every document)."""
    overlaps = _by_id(membership.overlaps)
    scores = dict(overlaps)
    if not all(type(other) is str for other in scores):  # keys JSON would convert
        return dumps(membership_fields(membership))[1:]
    ids = ", ".join(_scalar_json(other) for other, _ in overlaps)
    passages = dumps([_passage(p) for p in membership.passages]) if membership.passages else "[]"
    pairs = ", ".join(f"{_scalar_json(k)}: {_scalar_json(v)}" for k, v in scores.items())
    return (
        f'"cluster": {_scalar_json(membership.cluster)}, '
        f'"canonical": {_scalar_json(membership.canonical)}, '
        f'"duplicate_of": {_scalar_json(membership.duplicate_of)}, '
        f'"similarity": {_scalar_json(membership.similarity)}, '
        f'"overlaps": [{ids}], "overlap_scores": {{{pairs}}}, '
        f'"reason": {_scalar_json(membership.reason)}, "rule": {_scalar_json(membership.rule)}'
        + (
            f', "passages": {passages}, "story": {_scalar_json(membership.story)}}}'
            if membership.story is not None
            else "}"
        )
    )


@dataclass(frozen=True, kw_only=True)
class DocumentResult(Membership):
    """One processed document: its cleaned text, removals and place among its duplicates
    (its :class:`~cleancorpus.records.Membership`, overlaps in id order)."""

    id: str
    text: str
    metadata: Mapping[str, Any]
    removals: tuple[Removal, ...] = ()

    @classmethod
    def of(cls, document: Document, membership: Membership) -> DocumentResult:
        """A cleaned document and where dedup put it."""
        place = {f.name: getattr(membership, f.name) for f in dataclass_fields(Membership)}
        place["overlaps"] = tuple(_by_id(membership.overlaps))
        return cls(
            **place,
            id=document.id,
            text=document.text,
            metadata=document.metadata,
            removals=document.removals,
        )

    def document_record(self) -> dict[str, Any]:
        """The object written to ``documents.jsonl``."""
        return {
            "id": self.id,
            "text": self.text,
            "metadata": dict(self.metadata),
            **membership_fields(self),
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


@dataclass(frozen=True)
class Encoded:
    """One cleaned document's JSON pieces, encoded once (in a worker) and copied as bytes."""

    text: bytes  # the cleaned text as a JSON string literal
    metadata: bytes  # a JSON object
    removals: bytes  # complete removals.jsonl lines, sorted by start

    @classmethod
    def of(
        cls,
        doc_id: str,
        text: str,
        metadata: Mapping[str, Any],
        removals: Iterable[Removal],
    ) -> Encoded:
        """Encode a document for the output files."""
        head = '{"id": ' + dumps(doc_id) + ', "rule": '
        lines = [
            f'{head}{dumps(r.rule)}, "start": {r.start}, "end": {r.end}, '
            f'"text": {dumps(r.text)}}}\n'
            for r in sorted(removals, key=lambda r: (r.start, r.end, r.rule))
        ]
        return cls(
            dumps(text).encode("utf-8"),
            dumps(dict(metadata)).encode("utf-8"),
            "".join(lines).encode("utf-8"),
        )


def dumps(obj: Any) -> str:
    """Strict JSON for the output files: non-ASCII kept, tuples/sets as lists.

    Every line parses with a strict parser (jq, JavaScript, serde): NaN and +-Infinity (from
    JSONL input or Parquet float columns) are written as ``null``; bytes as their UTF-8 text
    when they are valid UTF-8, else as ``"base64:"`` followed by their standard base64; dates
    in ISO 8601; anything else as its ``str``. Lone surrogates never reach here (the readers
    replace them with U+FFFD, see :mod:`cleancorpus.sources.intake`).
    """
    try:
        return _ENCODE(obj)
    except ValueError:  # a float JSON has no spelling for: convert, then encode again
        return _ENCODE(_finite(obj))


def bytes_text(value: bytes) -> str:
    """The documented string form of bytes metadata (see :func:`dumps`)."""
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return "base64:" + base64.b64encode(value).decode("ascii")


def _finite(obj: Any) -> Any:
    """``obj`` with every NaN or infinite float replaced by None (containers rebuilt)."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, Mapping):
        return {key: _finite(value) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(value) for value in obj]
    if isinstance(obj, (set, frozenset)):
        return _finite(sorted(obj, key=str))
    return obj


def _jsonable(obj: Any) -> Any:
    if isinstance(obj, (set, frozenset)):
        return sorted(obj, key=str)
    if isinstance(obj, Mapping):
        return dict(obj)
    if isinstance(obj, (bytes, bytearray, memoryview)):
        return bytes_text(bytes(obj))
    if hasattr(obj, "isoformat"):
        return obj.isoformat()
    return str(obj)


# json.dumps(obj, ensure_ascii=False, allow_nan=False, default=_jsonable), without building an
# encoder per call (it keeps no state between calls).
_ENCODE = json.JSONEncoder(ensure_ascii=False, allow_nan=False, default=_jsonable).encode


def _scalar_json(value: Any) -> str:
    """``dumps(value)``, with shortcuts for None, booleans and finite floats."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is float:  # what json writes for a finite float; null for NaN, +-inf
        return float.__repr__(value) if math.isfinite(value) else "null"
    return dumps(value)


def corpus_path(folder: Path | str, doc_id: str) -> str:
    """Where the canonical text of ``doc_id`` goes under ``folder``."""
    return os.path.join(folder, CORPUS_DIR, *doc_id.split("/"))


def write_corpus_file(folder: Path | str, doc_id: str, text: str) -> None:
    """Write one text under ``folder/corpus/`` at its input path, bytes as decoded (CRLF kept)."""
    target = corpus_path(folder, doc_id)
    data = text.encode("utf-8")
    try:
        _write_bytes(target, data)
    except FileNotFoundError:  # first file of its folder
        os.makedirs(os.path.dirname(target), exist_ok=True)
        _write_bytes(target, data)


def _write_bytes(path: str, data: bytes) -> None:
    handle = os.open(path, _WRITE_FLAGS, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
    finally:
        os.close(handle)


@dataclass
class PassageSample:
    """One shared passage as the report page shows it: both documents and both texts."""

    a: str
    b: str
    a_text: str = ""
    b_text: str = ""
    words: int = 0
    score: float = 0.0


class StoryCollector:
    """Story group sizes and the first few shared passages with the text of both sides,
    gathered while ``documents.jsonl`` is written (or read back) in id order.

    ``wanted``: sample exactly these passages (keys of :attr:`samples`), not the first
    ``max_samples``: how a writer of one id range fills in the samples chosen for the whole
    run (see :meth:`merged`)."""

    def __init__(
        self, max_samples: int = 5, wanted: Iterable[tuple[str, str, int, int]] | None = None
    ) -> None:
        self.max_samples = max_samples
        self.wanted = None if wanted is None else frozenset(wanted)
        self.stories: Counter[str] = Counter()  # story id -> documents
        self.samples: dict[tuple[str, str, int, int], PassageSample] = {}

    @classmethod
    def merged(
        cls, parts: Iterable[StoryCollector], keys: Sequence[tuple[str, str, int, int]]
    ) -> StoryCollector:
        """One collector from those of consecutive id ranges (in order) that sampled
        ``keys``: as if every document had been added to one."""
        out = cls(max_samples=len(keys))
        out.samples = {k: PassageSample(k[0], k[1]) for k in keys}
        for part in parts:
            out.stories.update(part.stories)
            for key, found in part.samples.items():
                sample = out.samples[key]
                sample.words, sample.score = found.words, found.score
                sample.a_text = sample.a_text or found.a_text
                sample.b_text = sample.b_text or found.b_text
        return out

    def add(
        self, doc_id: str, story: str | None, passages: Sequence[Passage], text: Callable[[], str]
    ) -> None:
        self.stories[story or doc_id] += 1
        for p in passages:
            first = doc_id < p.other
            key = (doc_id, p.other, p.start, p.other_start) if first else (
                p.other, doc_id, p.other_start, p.start
            )  # fmt: skip
            if self.wanted is not None:
                if key not in self.wanted:
                    continue
            elif key not in self.samples and len(self.samples) >= self.max_samples:
                continue
            sample = self.samples.setdefault(
                key, PassageSample(key[0], key[1], words=p.words, score=p.score)
            )
            if first:
                sample.a_text = text()[p.start : p.end]
            else:
                sample.b_text = text()[p.start : p.end]


class OutputWriter:
    """Streams documents, in increasing id order, into the files of one output folder.

    ``corpus_files``: "write" writes each canonical text under ``corpus/``; "prune" means the
    workers already wrote every cleaned text there and the duplicates' files are removed;
    None writes no corpus files. ``corpus_root``: the folder holding that ``corpus/``
    (default ``folder``), for a writer of one part of the output.

    As it writes, it notes where each cluster's lines start in ``documents.jsonl``
    (``cluster_lines``: cluster id -> byte offsets) and how many documents have overlaps
    (``overlapping``), and the story groups and a few shared passages (``stories``), which the
    report page needs.
    """

    def __init__(
        self, folder: Path, corpus_files: str | None = "write", corpus_root: Path | None = None
    ) -> None:
        if corpus_files not in ("write", "prune", None):
            raise ValueError(f"corpus_files must be 'write', 'prune' or None, not {corpus_files!r}")
        self.folder = folder
        self.corpus_root = folder if corpus_root is None else corpus_root
        self.corpus_files = corpus_files
        self._last_id: str | None = None
        self._documents = _open_binary(folder / DOCUMENTS)
        self._corpus = _open_binary(folder / CORPUS)
        self._removals = _open_binary(folder / REMOVALS)
        self._pruned_dirs: set[str] = set()
        self._position = 0  # bytes written to documents.jsonl
        self.cluster_lines: dict[str, list[int]] = {}
        self.overlapping = 0
        self.stories = StoryCollector()

    def add(self, result: DocumentResult) -> None:
        """Write one document held in memory."""
        encoded = Encoded.of(result.id, result.text, result.metadata, result.removals)
        self.add_encoded(result.id, encoded, result, result.text)

    def add_encoded(
        self,
        doc_id: str,
        encoded: Encoded,
        membership: Membership,
        text: str | None = None,
        mirrored: bool = True,
    ) -> None:
        """Write one document from its encoded pieces; ``text`` is needed for "write".

        ``mirrored=False``: the document has no file under ``corpus/`` (a record of a
        JSONL/Parquet/WARC file), so nothing is written or pruned there.
        """
        if self._last_id is not None and doc_id <= self._last_id:
            raise ValueError(f"records must come in increasing id order: {doc_id!r}")
        self._last_id = doc_id
        # Pieces are written one by one into the file buffers, never joined into a new line.
        head = (
            b'{"id": ' + dumps(doc_id).encode("utf-8"),
            b', "text": ',
            encoded.text,
            b', "metadata": ',
            encoded.metadata,
        )
        rest = membership_json(membership).encode("utf-8")
        line = (*head, b", ", rest, b"\n")
        self._documents.writelines(line)
        self.cluster_lines.setdefault(membership.cluster, []).append(self._position)
        self._position += sum(map(len, line))
        if membership.overlaps:
            self.overlapping += 1
        self.stories.add(
            doc_id,
            membership.story,
            membership.passages,
            lambda: text if text is not None else json.loads(encoded.text),
        )
        if encoded.removals:
            self._removals.write(encoded.removals)
        if membership.canonical:
            duplicates = dumps(list(membership.duplicates)).encode("utf-8")
            self._corpus.writelines((*head, b', "duplicates": ', duplicates, b"}\n"))
            if self.corpus_files == "write" and mirrored:
                if text is None:
                    raise ValueError(f"the text of {doc_id!r} is needed to write its corpus file")
                write_corpus_file(self.corpus_root, doc_id, text)
        elif self.corpus_files == "prune" and mirrored:
            path = corpus_path(self.corpus_root, doc_id)
            os.unlink(path)
            self._pruned_dirs.add(os.path.dirname(path))

    def close(self) -> None:
        for handle in (self._documents, self._corpus, self._removals):
            handle.close()
        self._remove_empty_dirs()

    def _remove_empty_dirs(self) -> None:
        top = os.path.join(self.corpus_root, CORPUS_DIR)
        for path in sorted(self._pruned_dirs, key=len, reverse=True):
            while path != top and path.startswith(top):
                try:
                    os.rmdir(path)  # fails, as wanted, when the folder is not empty
                except OSError:
                    break
                path = os.path.dirname(path)
        self._pruned_dirs.clear()

    def __enter__(self) -> OutputWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _open_binary(path: Path) -> BinaryIO:
    return open(path, "wb", buffering=_BUFFER)  # closed by OutputWriter.close


def write_report(folder: Path, report: Mapping[str, Any]) -> None:
    with open(folder / REPORT, "w", encoding="utf-8", newline="\n") as handle:
        text = json.dumps(
            _finite(report), ensure_ascii=False, indent=2, allow_nan=False, default=_jsonable
        )
        handle.write(text + "\n")
