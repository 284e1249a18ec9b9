"""Which member of a duplicate cluster is kept: an explicit policy with a total order.

Rules, in order; the first that separates the members decides:

1. **Named original**: a member whose metadata ``site`` or ``author`` is named as
   ``original_source`` by another member of the cluster ("The original source of this
   article is South Front" defers to the copy published by South Front). Names compare
   after NFKC, case folding and dropping everything but letters and digits, so
   "South Front", "south-front" and "SouthFront" are the same name.
2. **Earliest date**: metadata ``date``, an ISO 8601 string (``2024-03-01``,
   ``2024-03-01T10:00:00+02:00``, a trailing ``Z``) or a date/datetime; a date without a
   zone is taken as UTC; a missing or unreadable date sorts last.
3. **Most complete text**: the longest cleaned text (``length``, in characters).
4. **Smallest id**, which makes the order total.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timezone
from typing import Any, Protocol


class Facts(Protocol):
    """What the policy reads of a document (``cleancorpus.dedup.DocInfo`` has it)."""

    @property
    def id(self) -> str: ...
    @property
    def metadata(self) -> Mapping[str, Any]: ...
    @property
    def length(self) -> int: ...


def normalize_name(value: str) -> str:
    """A site, author or source name reduced to case-folded letters and digits."""
    return "".join(c for c in unicodedata.normalize("NFKC", value).casefold() if c.isalnum())


def _names(value: Any) -> set[str]:
    values: Iterable[Any] = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
    return {n for v in values if isinstance(v, str) and (n := normalize_name(v))}


def date_key(value: Any) -> tuple[int, float]:
    """Sort key of a metadata date: ``(0, POSIX time)``, or ``(1, 0.0)`` when missing/unreadable."""
    if isinstance(value, str):
        text = value.strip()
        if text[-1:] in ("Z", "z"):
            text = text[:-1] + "+00:00"
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            return (1, 0.0)
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    if not isinstance(value, datetime):
        return (1, 0.0)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return (0, value.timestamp())


def _named_by(members: Sequence[Facts]) -> list[list[str]]:
    """For each member, the ids of the other members that name it as the original source."""
    sources = [_names(m.metadata.get("original_source")) for m in members]
    out = []
    for i, member in enumerate(members):
        own = _names(member.metadata.get("site")) | _names(member.metadata.get("author"))
        out.append([m.id for j, m in enumerate(members) if j != i and own & sources[j]])
    return out


def choose_canonical(members: Sequence[Facts]) -> tuple[int, str]:
    """Index in ``members`` of the canonical document, and the reason it was chosen."""
    if len(members) == 1:
        return 0, "only member of its cluster"
    named_by = _named_by(members)
    keys = [
        (0 if named_by[i] else 1, date_key(m.metadata.get("date")), -m.length, m.id)
        for i, m in enumerate(members)
    ]
    order = sorted(range(len(members)), key=keys.__getitem__)
    best, runner_up = order[0], order[1]
    winner = members[best]
    if keys[best][0] != keys[runner_up][0]:
        return best, "named as the original source by " + ", ".join(sorted(named_by[best]))
    if keys[best][1] != keys[runner_up][1]:
        return best, f"earliest date ({winner.metadata.get('date')})"
    if keys[best][2] != keys[runner_up][2]:
        return best, f"most complete text ({winner.length} characters)"
    return best, "smallest id among equally ranked copies"
