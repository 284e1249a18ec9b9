"""PLACEHOLDER (being written by the lead): clean(text, config) -> Cleaned."""

from __future__ import annotations

from dataclasses import dataclass

from .document import Cleaned


@dataclass(frozen=True)
class CleanConfig:
    """Which rules run. Picklable, so it can be sent to worker processes."""

    disable: frozenset[str] = frozenset()


def clean(text: str, config: CleanConfig | None = None) -> Cleaned:
    """Clean one text: remove residue, lift header facts into metadata, record every removal."""
    return Cleaned(original=text, text=text, metadata={}, removals=())
