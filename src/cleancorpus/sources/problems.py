"""Bounded problem lists: counts per kind and per file, plus the first examples.

A corpus with a million bad records must not keep, print and write a million messages.
:class:`ProblemLog` counts every problem (errors or warnings) by kind (the message with its
numbers, quoted names and details in parentheses generalised: ``malformed JSON``) and by
input file, and keeps at most ``limit`` examples: the first ones in path order (numbers in
paths compared as numbers), so the examples do not depend on the number of workers. Memory
is bounded by ``2 * limit`` examples, the distinct kinds (at most :data:`MAX_KINDS`) and the
input files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

DEFAULT_MAX_EXAMPLES = 1000
MAX_KINDS = 200  # distinct kinds counted; further ones count as "other"
_DIGITS = re.compile(r"(\d+)")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_NUMBER = re.compile(r"\d[\d,.]*")

Item = TypeVar("Item")


def path_key(path: str) -> tuple[tuple[int, str], ...]:
    """Sort key for problem paths: ``data.jsonl:2`` before ``data.jsonl:10``."""
    return tuple(
        (1, part.zfill(20)) if part.isdigit() else (0, part) for part in _DIGITS.split(path)
    )


def problem_kind(problem: str) -> str:
    """What kind of problem a message describes, without the details of one occurrence."""
    head = problem.split(" (", 1)[0].split(": ", 1)[0]
    return _NUMBER.sub("N", _QUOTED.sub("'...'", head)).strip() or "other"


def problem_file(path: str) -> str:
    """The input file a problem path names: ``data.jsonl`` for ``data.jsonl:3`` or
    ``data.jsonl#a``."""
    file = path.split("#", 1)[0]
    head, sep, tail = file.rpartition(":")
    return head if sep and tail.isdigit() else file


@dataclass
class ProblemLog(Generic[Item]):
    """Counts of problems and a bounded, deterministic list of examples."""

    limit: int = DEFAULT_MAX_EXAMPLES
    key: Callable[[Item], tuple[str, str]] = field(default=lambda item: (str(item), ""))
    examples: list[Item] = field(default_factory=list)
    total: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_file: dict[str, int] = field(default_factory=dict)

    def add(self, item: Item) -> None:
        path, problem = self.key(item)
        self.total += 1
        kind = problem_kind(problem)
        if kind not in self.by_kind and len(self.by_kind) >= MAX_KINDS:
            kind = "other"
        self.by_kind[kind] = self.by_kind.get(kind, 0) + 1
        file = problem_file(path)
        self.by_file[file] = self.by_file.get(file, 0) + 1
        if self.limit <= 0:
            return
        self.examples.append(item)
        if len(self.examples) >= 2 * self.limit:
            self._trim()

    def extend(self, items: Iterable[Item]) -> None:
        for item in items:
            self.add(item)

    def listed(self) -> list[Item]:
        """The examples kept: all of them in arrival order when there are at most ``limit``;
        else the first ``limit`` in path order."""
        if len(self.examples) > max(self.limit, 0):
            self._trim()
        return list(self.examples)

    def _trim(self) -> None:
        self.examples.sort(key=lambda item: _sort_key(self.key(item)))
        del self.examples[max(self.limit, 0) :]

    def as_data(self) -> dict[str, Any]:
        """The counts for report.json: total, listed, by_kind, by_file (largest first)."""
        return {
            "total": self.total,
            "listed": min(self.total, max(self.limit, 0)),
            "by_kind": dict(sorted(self.by_kind.items(), key=lambda kv: (-kv[1], kv[0]))),
            "by_file": dict(sorted(self.by_file.items(), key=lambda kv: (-kv[1], kv[0]))),
        }


def _sort_key(pair: tuple[str, str]) -> tuple[Any, ...]:
    return (path_key(pair[0]), pair[1])
