"""Connected components of the verified merges: alternating large-star / small-star.

The graph's nodes are integer document numbers; its edges are the merges (exact copies and
verified near-duplicates). Both executors run the same two numpy steps (Kiveris et al.,
"Connected Components in MapReduce and Beyond", SoCC 2014), each a function of one node's
neighbourhood, so they distribute over edge partitions grouped by node:

- **large-star** at ``u``: every neighbour ``v > u`` is linked to ``m``, the smallest of
  ``u`` and its neighbours (edges of ``u`` to smaller nodes are dropped there; the smaller
  end links them);
- **small-star** at ``u``: ``u`` and its neighbours ``v < u`` are linked to the smallest
  of them.

Alternated, they turn every component into a star around its smallest node in O(log^2 n)
rounds (usually 2-4 on dedup graphs, which are mostly small stars already). The iteration
stops when every node has either only larger neighbours (a centre) or exactly one neighbour,
smaller (a leaf): then each component is one star and its centre is its smallest node.

:func:`components` runs the rounds in this process (the driver, up to
:data:`DRIVER_EDGES` edges); :func:`distributed_components` runs each round as Ray tasks,
one per partition of the nodes, the edges moving between rounds as Ray objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

DRIVER_EDGES = 50_000_000  # beyond this many merges, components are computed by Ray tasks
_BIG = 1 << 31  # nodes below this pack two to an int64
_MIX = np.uint64(0x9E3779B97F4A7C15)


def partition_of(values: np.ndarray, partitions: int) -> np.ndarray:
    """A partition number in ``0..partitions-1`` for each int64 value (a mixed hash)."""
    mixed = values.astype(np.uint64) * _MIX
    return ((mixed >> np.uint64(33)) % np.uint64(partitions)).astype(np.int64)


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (a sort and a comparison: faster than numpy 2's
    hash-based ``np.unique`` on large int64 arrays)."""
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if len(values) else values


def _grouped(src: np.ndarray, dst: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Edges sorted by source, and the start of each source's run."""
    if len(src) and (dst.min() < 0 or max(src.max(), dst.max()) >= _BIG):
        order = np.lexsort((dst, src))
        src, dst = src[order], dst[order]
    else:  # one int64 per edge: sorting those is far faster than a lexsort
        codes = np.sort((src << 31) | dst)
        src, dst = codes >> 31, codes & (_BIG - 1)
    starts = np.flatnonzero(np.concatenate(([True], src[1:] != src[:-1]))) if len(src) else src
    return src, dst, starts


def _unique_edges(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Undirected edges as ``(larger, smaller)``, self-loops and repeats removed."""
    hi, lo = np.maximum(a, b), np.minimum(a, b)
    keep = hi != lo
    hi, lo = hi[keep], lo[keep]
    if len(hi) and (lo.min() < 0 or hi.max() >= _BIG):
        pairs = np.unique(np.stack([hi, lo], axis=1), axis=0)
        return pairs[:, 0].copy(), pairs[:, 1].copy()
    codes = sorted_unique((hi << 31) | lo)  # one int64 per edge: a far faster unique
    return codes >> 31, codes & (_BIG - 1)


def large_star(src: np.ndarray, dst: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """One large-star step over directed edges (both directions of each edge, grouped by
    ``src`` within this call): the new edges, and how many nodes are not yet a centre or a
    leaf (0: the components are stars; the new edges are then the same stars)."""
    if len(src) == 0:
        return src, dst, 0
    src, dst, starts = _grouped(src, dst)
    sizes = np.diff(np.append(starts, len(src)))
    smallest = np.minimum(np.minimum.reduceat(dst, starts), src[starts])
    smaller = np.add.reduceat((dst < src).astype(np.int64), starts)
    unsettled = int(np.count_nonzero((smaller > 1) | ((smaller == 1) & (sizes > 1))))
    linked = np.repeat(smallest, sizes)
    keep = dst > src
    hi, lo = _unique_edges(dst[keep], linked[keep])
    return hi, lo, unsettled


def small_star(hi: np.ndarray, lo: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One small-star step over edges ``(hi, lo)``, ``lo < hi``, grouped by ``hi`` within
    this call: the new edges as ``(larger, smaller)``."""
    if len(hi) == 0:
        return hi, lo
    hi, lo, starts = _grouped(hi, lo)
    sizes = np.diff(np.append(starts, len(hi)))
    smallest = np.repeat(np.minimum.reduceat(lo, starts), sizes)
    return _unique_edges(np.concatenate([lo, hi]), np.concatenate([smallest, smallest]))


def components(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(node, root)`` for every node of the edges ``(a, b)`` that is not the smallest of
    its component, sorted by node; ``root`` is that smallest node. In this process."""
    hi, lo = _unique_edges(a.astype(np.int64), b.astype(np.int64))
    while True:
        hi, lo, unsettled = large_star(np.concatenate([hi, lo]), np.concatenate([lo, hi]))
        if not unsettled:
            break
        hi, lo = small_star(hi, lo)
    order = np.argsort(hi)
    return hi[order], lo[order]


def _split(hi: np.ndarray, lo: np.ndarray, keys: np.ndarray, partitions: int) -> list[Any]:
    part = partition_of(keys, partitions)
    order = np.argsort(part, kind="stable")
    bounds = np.searchsorted(part[order], np.arange(partitions + 1))
    return [
        (hi[order[bounds[p] : bounds[p + 1]]], lo[order[bounds[p] : bounds[p + 1]]])
        for p in range(partitions)
    ]


def _both_ways(hi: np.ndarray, lo: np.ndarray, partitions: int) -> list[Any]:
    """Both directions of each edge, sent to the partition of their source."""
    src, dst = np.concatenate([hi, lo]), np.concatenate([lo, hi])
    return _split(src, dst, src, partitions)


def _large_task(partitions: int, *pieces: Any) -> list[Any]:
    src = np.concatenate([p[0] for p in pieces])
    dst = np.concatenate([p[1] for p in pieces])
    hi, lo, unsettled = large_star(src, dst)
    return [unsettled, *_split(hi, lo, hi, partitions)]


def _small_task(partitions: int, *pieces: Any) -> list[Any]:
    hi, lo = small_star(
        np.concatenate([p[0] for p in pieces]), np.concatenate([p[1] for p in pieces])
    )
    return _both_ways(hi, lo, partitions)


def distributed_components(
    ray: Any, a: np.ndarray, b: np.ndarray, partitions: int
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`components` with each round run as ``partitions`` Ray tasks (the edges go
    from task to task as Ray objects; only a count per task comes back each round)."""
    partitions = max(2, partitions)  # a task of one return would not return a list
    hi, lo = _unique_edges(a.astype(np.int64), b.astype(np.int64))
    large = ray.remote(_large_task).options(num_returns=partitions + 1)
    small = ray.remote(_small_task).options(num_returns=partitions)
    step: Sequence[Sequence[Any]] = [[ray.put(piece) for piece in _both_ways(hi, lo, partitions)]]
    while True:
        # pieces[q][p]: what task q of the last round sends to partition p of this one
        outs = [large.remote(partitions, *[q[p] for q in step]) for p in range(partitions)]
        settled = sum(ray.get([out[0] for out in outs])) == 0
        step = [out[1:] for out in outs]
        if settled:
            break
        step = [small.remote(partitions, *[q[p] for q in step]) for p in range(partitions)]
    edges = ray.get([piece for q in step for piece in q])
    hi = np.concatenate([e[0] for e in edges]) if edges else np.empty(0, np.int64)
    lo = np.concatenate([e[1] for e in edges]) if edges else np.empty(0, np.int64)
    order = np.argsort(hi)
    return hi[order], lo[order]
