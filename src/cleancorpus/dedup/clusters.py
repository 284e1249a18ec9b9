"""Exact verification of candidate pairs, and union-find over the verified ones.

Shingle sets are sorted unique uint32 arrays, so the size of an intersection is a
``searchsorted`` away and every score reported is exact (no MinHash estimate): a merge means
the two documents' shingle Jaccard is at least the threshold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


def intersection_size(a: np.ndarray, b: np.ndarray) -> int:
    """``|a ∩ b|`` of two sorted unique arrays."""
    if len(a) > len(b):
        a, b = b, a
    if len(a) == 0:
        return 0
    at = np.searchsorted(b, a)
    at[at == len(b)] = 0
    return int(np.count_nonzero(b[at] == a))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted unique arrays (0.0 when both are empty)."""
    inter = intersection_size(a, b)
    union = len(a) + len(b) - inter
    return inter / union if union else 0.0


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Share of ``a``'s shingles that are also in ``b`` (0.0 for an empty ``a``)."""
    return intersection_size(a, b) / len(a) if len(a) else 0.0


@dataclass(frozen=True)
class Verified:
    """Exact scores of one candidate pair ``(i, j)``; ``containment`` is of the smaller set."""

    i: int
    j: int
    jaccard: float
    containment: float


def verify(shingle_sets: Sequence[np.ndarray], pairs: np.ndarray) -> list[Verified]:
    """Exact Jaccard and containment of every candidate pair (rows of ``pairs``)."""
    out = []
    for i, j in pairs.tolist():
        a, b = shingle_sets[i], shingle_sets[j]
        inter = intersection_size(a, b)
        union = len(a) + len(b) - inter
        smaller = min(len(a), len(b))
        out.append(
            Verified(i, j, inter / union if union else 0.0, inter / smaller if smaller else 0.0)
        )
    return out


class UnionFind:
    """Disjoint sets over ``0..n-1``; the root of a set is its smallest element, so the
    partition and its representatives do not depend on the order of unions."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self._linked: set[int] = set()  # every element of a set of two or more

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)
            self._linked.update((rx, ry))  # each member was a linked root once

    def groups(self) -> list[list[int]]:
        """The sets, each sorted, ordered by their smallest element."""
        by_root: dict[int, list[int]] = {}
        for x in range(len(self.parent)):
            by_root.setdefault(self.find(x), []).append(x)
        return list(by_root.values())

    def clusters(self) -> list[list[int]]:
        """The sets of two or more elements, each sorted, ordered by their smallest element
        (:meth:`groups` without the singletons, at the cost of the linked elements only)."""
        by_root: dict[int, list[int]] = {}
        for x in sorted(self._linked):
            by_root.setdefault(self.find(x), []).append(x)
        return list(by_root.values())
