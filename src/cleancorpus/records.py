"""The records that flow through every stage: a document, and the spans cleaning removed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any


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
class Document:
    """An input document: an id unique in its corpus, its text and what is known about it."""

    id: str
    text: str
    metadata: Mapping[str, Any] = field(default_factory=dict)
    source: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "metadata", _frozen(self.metadata))

    def __reduce__(self) -> tuple[Any, ...]:  # picklable for worker processes
        return (Document, (self.id, self.text, dict(self.metadata), self.source))


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
