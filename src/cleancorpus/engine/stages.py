"""The batch stages: plain functions over a batch of records and one frozen settings object.

Every executor runs these and nothing else: the local process pool (:mod:`.local`) and the
in-memory :func:`~cleancorpus.process` call :func:`prepare_batch` on each chunk; another
executor can call the stages one by one (records <-> columns: :mod:`.columns`).

- :func:`~cleancorpus.sources.read.read_batch`: raw documents -> documents (decoded, HTML
  extracted);
- :func:`clean_batch`: documents -> cleaned documents (rules, then learned boilerplate);
- :func:`fingerprint_batch`: cleaned documents -> their fingerprints;
- :func:`profile_batch`: rule-cleaned documents -> what boilerplate learning counts;
- :func:`relearn_document`: a rule-cleaned document -> without the learned boilerplate.

Settings are built once per run from :class:`~cleancorpus.options.RunOptions`
(:meth:`StageSettings.of`) and sent to each worker once; the cleaners they build are kept
for the life of the settings object (their memos of repeated lines survive across chunks) and
are never pickled.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from ..cleaning.cleaner import CleanConfig, TextCleaner
from ..dedup.fingerprint import Fingerprint, Fingerprinter
from ..errors import InputError
from ..learning.boilerplate import (
    EdgeProfile,
    LearnConfig,
    LearnedBoilerplate,
    edge_lines,
    profile_document,
    site_key,
)
from ..learning.copies import CORE_SHINGLES
from ..learning.runs import key_hash
from ..records import HTML, Batch, Cleaned, Document, RawDocument
from ..sources.read import ReadSettings, read_batch

if TYPE_CHECKING:
    from ..options import RunOptions


@dataclass(frozen=True)
class CleanSettings:
    """The clean stage's settings: which rules run, and learned blocks to remove after them.

    A text extracted from HTML is cleaned without the rules trafilatura already applied
    (:meth:`~cleancorpus.CleanConfig.for_extracted_text`). ``learned_lines``: also note the
    key and text of each learned line found on a document's edges (blocks learned from line
    hashes get their wording so).
    """

    config: CleanConfig = field(default_factory=CleanConfig)
    learned: LearnedBoilerplate | None = None
    learned_lines: bool = False

    @cached_property
    def text_cleaner(self) -> TextCleaner:
        return TextCleaner(self.config)

    @cached_property
    def html_cleaner(self) -> TextCleaner:
        return TextCleaner(self.config.for_extracted_text())

    def cleaner_for(self, kind: str) -> TextCleaner:
        """The rule cleaner for a document of ``kind`` (extracted HTML text has its own)."""
        return self.html_cleaner if kind == HTML else self.text_cleaner

    def __getstate__(self) -> dict[str, Any]:  # cleaners are rebuilt where they are used
        return {
            k: v for k, v in self.__dict__.items() if k in ("config", "learned", "learned_lines")
        }


@dataclass(frozen=True)
class StageSettings:
    """Everything the stages of one pass need, built once per run."""

    read: ReadSettings = field(default_factory=ReadSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    fingerprinter: Fingerprinter | None = None  # None: a pass that does not fingerprint
    learn: LearnConfig | None = None  # set: profile the rule-cleaned documents for learning

    @classmethod
    def of(
        cls,
        options: RunOptions,
        root: str | None = None,
        learned: LearnedBoilerplate | None = None,
        learn: LearnConfig | None = None,
        *,
        fingerprint: bool = True,
        learned_lines: bool = False,
    ) -> StageSettings:
        """The settings of a pass over the folder ``root`` (None: documents in memory)."""
        return cls(
            read=ReadSettings(root=root, max_bytes=options.max_bytes, extract=options.extract),
            clean=CleanSettings(options.clean, learned, learned_lines),
            fingerprinter=Fingerprinter(options.dedup) if fingerprint else None,
            learn=learn,
        )


LearnedLines = dict[int, tuple[str, str]]  # line hash -> (key, line)


@dataclass
class CleanedBatch(Batch):
    """A batch of cleaned documents, and the learned lines noted on them (if asked)."""

    learned_lines: LearnedLines = field(default_factory=dict)


@dataclass
class SignedBatch(CleanedBatch):
    """A batch of cleaned documents with their fingerprints (``fingerprints[i]`` is that of
    ``documents[i]``)."""

    fingerprints: list[Fingerprint] = field(default_factory=list)
    cores: list[np.ndarray] = field(default_factory=list)  # when learning: copy-test cores


def clean_batch(documents: Sequence[Document], settings: CleanSettings) -> CleanedBatch:
    """Clean each document: its text, removals, and metadata (the record's own fields over
    the facts the cleaners lifted). A cleaner failure loses only its document."""
    out = CleanedBatch()
    t0 = time.perf_counter()
    for doc in documents:
        cleaner = settings.cleaner_for(doc.kind)
        try:
            cleaned = cleaner.clean(doc.text, _known_titles(doc))
            metadata = {**cleaned.metadata, **doc.metadata}
            if settings.learned is not None:
                site = site_key(doc.id, metadata)
                if settings.learned_lines:
                    note_learned_lines(cleaned.text, settings.learned, site, out.learned_lines)
                cleaned = settings.learned.apply(cleaned, site, cleaner.clean)
                metadata = {**cleaned.metadata, **doc.metadata}
        except Exception as exc:  # a cleaner bug must not lose the other documents
            out.errors.append(InputError(doc.id, f"cleaning failed: {type(exc).__name__}: {exc}"))
            continue
        out.documents.append(doc.with_cleaning(cleaned, metadata))
    out.seconds["clean"] = time.perf_counter() - t0
    return out


def _known_titles(doc: Document) -> list[str]:
    """The headlines a document's record and its page's metadata give apart from its text."""
    extraction = doc.metadata.get("extraction")
    page = extraction.get("page_title") if isinstance(extraction, Mapping) else None
    return [t for t in (doc.metadata.get("title"), page) if isinstance(t, str) and t]


def note_learned_lines(
    text: str, learned: LearnedBoilerplate, site: str, out: LearnedLines
) -> None:
    """Add ``hash -> (key, line)`` to ``out`` for each learned line on the edges of ``text``."""
    hashes = learned.hashes(site)
    if all(h in out for h in hashes):
        return
    for key, line in edge_lines(text, learned.config).items():
        hashed = key_hash(key)
        if hashed in hashes:
            out.setdefault(hashed, (key, line))


def fingerprint_batch(
    documents: Sequence[Document], fingerprinter: Fingerprinter, cores: bool = False
) -> SignedBatch:
    """Fingerprint the cleaned texts at once; if that fails, one by one, so that only the
    culprit is lost. ``cores``: also each text's core for boilerplate learning (its middle
    shingles, :func:`~cleancorpus.learning.copies.core_sample`), from the same hashes."""
    t0 = time.perf_counter()
    out = SignedBatch()
    middle = CORE_SHINGLES if cores else 0
    try:
        out.fingerprints, out.cores = fingerprinter.batch_with_middles(
            [doc.text for doc in documents], middle
        )
        out.documents = list(documents)
    except Exception:
        for doc in documents:
            try:
                fingerprints, found = fingerprinter.batch_with_middles([doc.text], middle)
                out.fingerprints += fingerprints
                out.cores += found
                out.documents.append(doc)
            except Exception as exc:
                problem = f"fingerprinting failed: {type(exc).__name__}: {exc}"
                out.errors.append(InputError(doc.id, problem))
    out.seconds["fingerprint"] = time.perf_counter() - t0
    return out


def profile_batch(
    documents: Sequence[Document],
    config: LearnConfig,
    cores: Sequence[np.ndarray] | None = None,
) -> list[EdgeProfile]:
    """What boilerplate learning needs of each rule-cleaned document (its edge lines).

    With the ``cores`` a run's :func:`fingerprint_batch` found, only line hashes and those
    cores: the run attaches each fingerprint's shingles; else everything, lines included.
    """
    if cores is None:
        return [
            profile_document(d.id, site_key(d.id, d.metadata), d.text, config) for d in documents
        ]
    return [
        profile_document(
            d.id, site_key(d.id, d.metadata), d.text, config, core=core, keep_lines=False
        )
        for d, core in zip(documents, cores, strict=True)
    ]


def text_as_read(doc: Document) -> str:
    """The text of a cleaned document as read, rebuilt from its cleaned text and the removed
    spans, which tile it."""
    pieces, cursor, taken = [], 0, 0
    for removal in doc.removals:
        kept = removal.start - cursor
        pieces.append(doc.text[taken : taken + kept])
        pieces.append(removal.text)
        taken += kept
        cursor = removal.end
    pieces.append(doc.text[taken:])
    return "".join(pieces)


def relearn_document(doc: Document, site: str, settings: CleanSettings) -> Document | None:
    """A first result (rule-cleaned, before any learned blocks) with the learned runs of
    ``settings.learned`` removed, its header cleaned again when its top went (see
    :meth:`~cleancorpus.learning.boilerplate.LearnedBoilerplate.apply`); None when the
    blocks do not change it. What a run with those blocks gives the document."""
    if settings.learned is None:
        raise ValueError("relearn_document needs settings with learned blocks")
    cleaned = Cleaned(text_as_read(doc), doc.text, doc.metadata, doc.removals)
    again = settings.learned.apply(cleaned, site, settings.cleaner_for(doc.kind).clean)
    if again is cleaned:
        return None
    return doc.with_cleaning(again, {**again.metadata, **doc.metadata})


def read_and_clean(raws: Sequence[RawDocument], settings: StageSettings) -> CleanedBatch:
    """The read and clean stages over one batch, their errors, warnings and times together."""
    read = read_batch(raws, settings.read)
    return read.then(clean_batch(read.documents, settings.clean))


def prepare_batch(raws: Sequence[RawDocument], settings: StageSettings) -> SignedBatch:
    """Read, clean and fingerprint one batch: what every executor runs on its workers."""
    if settings.fingerprinter is None:
        raise ValueError("prepare_batch needs settings with a fingerprinter (not a learn pass)")
    cleaned = read_and_clean(raws, settings)
    fingerprinter, learning = settings.fingerprinter, settings.learn is not None
    signed = cleaned.then(fingerprint_batch(cleaned.documents, fingerprinter, learning))
    signed.learned_lines = cleaned.learned_lines
    return signed
