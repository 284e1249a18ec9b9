"""The records every stage shares: a document, the spans cleaning removed, where dedup put it.

One :class:`Document` flows through every stage: the read stage makes it (text as read, or as
extracted from HTML), the clean stage returns it with its cleaned text, the metadata found and
its :class:`Removal` spans, and the fingerprint and dedup stages add named results beside it
(a :class:`~cleancorpus.dedup.fingerprint.Fingerprint`, a :class:`Membership`). A stage
returns a :class:`Batch`. This module imports only the errors, so every layer can use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, NamedTuple, TypeVar

from .errors import InputError

TEXT, HTML = "text", "html"  # Document.kind: what the text came from
B = TypeVar("B", bound="Batch")


def _frozen(mapping: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True, slots=True)
class Removal:
    """A span removed from a document's original text, and the rule that removed it.

    ``start`` and ``end`` are character offsets into the original text, so
    ``original[start:end] == text`` always holds.
    """

    rule: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A document as the input holds it, before the read stage decodes and extracts it.

    ``content`` is the record's text, or page (``html=True``) as text or bytes; None for a
    whole file, which the read stage reads from ``source`` under the run's folder. ``where``
    says where the input holds it (``data.jsonl:17``), for messages. ``path``: for a whole
    file, where to read it when that is not ``id`` under the run's folder (a file given by
    itself, or one whose name is not valid UTF-8).
    """

    id: str
    content: str | bytes | None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    source: str | None = None
    html: bool = False
    where: str = ""
    path: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A document: an id unique in its corpus, its text and what is known about it.

    ``source`` is the input file it came from (its path under INPUT; a record's file), None
    for documents given in memory. ``kind`` is ``"html"`` when ``text`` was extracted from a
    web page, else ``"text"``. After cleaning, ``text`` is the cleaned text, ``removals`` the
    spans removed (offsets into the text as read) and ``original_length`` the length of that
    text; before, ``original_length`` is None.
    """

    id: str
    text: str
    metadata: Mapping[str, Any] = field(default_factory=dict)
    source: str | None = None
    kind: str = TEXT
    removals: tuple[Removal, ...] = ()
    original_length: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "metadata", _frozen(self.metadata))

    def __reduce__(self) -> tuple[Any, ...]:  # picklable for worker processes
        return (
            Document,
            (
                self.id,
                self.text,
                dict(self.metadata),
                self.source,
                self.kind,
                self.removals,
                self.original_length,
            ),
        )

    @property
    def cleaned(self) -> bool:
        """Whether the clean stage has run on this document."""
        return self.original_length is not None

    @property
    def is_file(self) -> bool:
        """Whether the document is a whole input file (not a record inside one)."""
        return self.source is not None and self.source == self.id

    def with_cleaning(self, cleaned: Cleaned, metadata: Mapping[str, Any]) -> Document:
        """This document after cleaning: ``cleaned``'s text and removals, ``metadata``."""
        return replace(
            self,
            text=cleaned.text,
            metadata=metadata,
            removals=cleaned.removals,
            original_length=len(cleaned.original),
        )


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The result of cleaning one text.

    ``text`` is ``original`` with every span in ``removals`` deleted; ``removals`` are sorted,
    disjoint and carry the rule that removed them. ``metadata`` holds the facts the cleaners
    lifted out of the removed header and footer lines (title, author, site, date, tags,
    original_source, ...).
    """

    original: str
    text: str
    metadata: Mapping[str, Any]
    removals: tuple[Removal, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "metadata", _frozen(self.metadata))

    def __reduce__(self) -> tuple[Any, ...]:  # picklable for worker processes
        return (Cleaned, (self.original, self.text, dict(self.metadata), self.removals))


@dataclass(frozen=True, slots=True)
class Passage:
    """A passage this document shares with ``other``: ``start``/``end`` are character offsets
    into this document's cleaned text, ``other_start``/``other_end`` into the other's;
    ``words`` its length in words, ``score`` the share of it the two texts have verbatim."""

    other: str
    start: int
    end: int
    other_start: int
    other_end: int
    words: int
    score: float


@dataclass(frozen=True, slots=True)
class Membership:
    """Where one document ended up after dedup.

    cluster: id of the cluster's canonical document. canonical: this is that document.
    duplicate_of / similarity: the canonical's id and this document's exact Jaccard with it
    (its containment in it for rule "contained"); None for a canonical. overlaps: ``(id,
    containment)`` of documents sharing a substantial part with this one without being
    near-duplicates, best first. rule: None, "exact-duplicate", "near-duplicate" or
    "contained". reason: why this canonical was chosen, or why this document is a duplicate.
    duplicates: for a canonical, the ids of the other members of its cluster, sorted.
    passages: passages shared with the canonical documents of other clusters (canonicals
    only). story: the smallest id of the connected component over duplicate and passage
    links (every report that copies or quotes another, and those it quotes).
    """

    cluster: str
    canonical: bool
    duplicate_of: str | None
    similarity: float | None
    overlaps: tuple[tuple[str, float], ...] = ()
    reason: str = ""
    rule: str | None = None
    duplicates: tuple[str, ...] = ()
    passages: tuple[Passage, ...] = ()
    story: str | None = None


class Notice(NamedTuple):
    """A warning about one input (a guessed charset, a skipped WARC record): not an error."""

    path: str
    message: str


@dataclass
class Batch:
    """What a stage returns for a batch: the documents it passed on, the errors of those it
    could not (each naming its document), warnings, and the seconds spent, by step."""

    documents: list[Document] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def then(self, later: B) -> B:
        """``later`` (the next stage's batch, run on this one's documents) with this batch's
        errors, warnings and seconds before its own."""
        later.errors[:0] = self.errors
        later.warnings[:0] = self.warnings
        later.seconds = {**self.seconds, **later.seconds}
        return later
