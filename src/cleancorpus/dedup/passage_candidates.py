"""Which stories to align for shared passages: rare anchors first, signatures to confirm.

The anchors are the sampled shingles dedup already sorted (one in ``overlap_sampling`` word
5-grams, see :mod:`.candidates`) of one document per cluster (its canonical), so near-copies
of one story count once and no new sort is needed. A shingle held by two to ``max_docs``
stories proposes them; more than that, it is a block repeated across the corpus, not reuse
between two reports. Two stories sharing at least ``min_anchors`` such shingles are aligned.

A passage of 40 words holds about 31 word 5-grams after one edit, 3.9 anchors on average:
one in fourteen holds a single anchor, which chance 5-grams of common words give tens of
thousands of unrelated pairs as well. So a pair sharing one anchor only is aligned when its
MinHash signatures confirm it: they agree at ``AGREEING`` (2) permutations or more on
values that are not the anchor's own (the minimum there is another shingle both hold) and
that at most ``max_docs`` of these stories hold (not a block many share). A passage of ``k``
shared shingles in two documents of ``u`` distinct shingles together agrees on about
``num_perm * k / u`` values, a Poisson count: 3.9 for a 40-word passage with one edit in
two 500-word reports, so 91% of them agree on two or more; two reports sharing one chance
shingle agree on none beyond it, and on the 100k benchmark, of the 77,000 single-anchor
pairs, 275 agree on one value or more that no block explains and 30 on two or more,
every planted passage among them. Comparing the signatures of every such pair costs a few
milliseconds per ten thousand pairs, far less than reading and aligning them.

Each story keeps its ``max_docs`` best-anchored partners (and is kept by theirs).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .candidates import Anchors, pairs_within_groups

_BLOCK = 8192  # pairs whose signatures are compared at once (a few MB)
AGREEING = 2  # signature values a single-anchor pair must agree on beyond the anchor's
BLOCKS_SHOWN = 20  # repeated blocks reported


@dataclass(frozen=True)
class Owners:
    """The documents holding the anchors (``Anchors.owners`` index them): each one's
    cluster (an integer label; labels sort as the clusters' ids do), whether it is its
    cluster's canonical, and its MinHash signature (a row each; no rows: no confirmation
    of single-anchor pairs)."""

    clusters: np.ndarray  # int64
    canonical: np.ndarray  # bool
    signatures: np.ndarray  # uint32, (owners, num_perm)


@dataclass(frozen=True)
class Stories:
    """The stories taking part: ``labels`` (sorted cluster labels), the shared anchors of
    each story's document (``values`` sorted, ``owner`` the story index of each) and which
    document stands for each story (``heads``, indices of owners)."""

    labels: np.ndarray
    values: np.ndarray
    owner: np.ndarray
    heads: np.ndarray


def story_anchors(anchors: Anchors, owners: Owners) -> Stories:
    """The anchors held by more than one document, of one document per cluster (its
    canonical, or its first compared), without a new sort."""
    values, holder = anchors.values, anchors.owners
    same = values[1:] == values[:-1]
    shared = np.zeros(len(values), dtype=bool)
    shared[1:] |= same
    shared[:-1] |= same
    at = np.flatnonzero(shared)
    values, holder = values[at], holder[at]
    clusters = owners.clusters
    order = np.lexsort((np.arange(len(clusters)), ~owners.canonical, clusters))
    first = np.ones(len(order), dtype=bool)
    first[1:] = clusters[order][1:] != clusters[order][:-1]
    heads = order[first]  # in label order
    standing = np.zeros(len(clusters), dtype=bool)
    standing[heads] = True
    keep = standing[holder]
    values, held_by = values[keep], clusters[holder[keep]]
    present = np.zeros(int(clusters.max()) + 1 if len(clusters) else 0, dtype=bool)
    present[held_by] = True
    story_of = np.cumsum(present) - 1
    labels = np.flatnonzero(present)
    heads = heads[np.searchsorted(clusters[heads], labels)]
    return Stories(labels, values, story_of[held_by], heads)


def candidates(
    stories: Stories,
    max_docs: int,
    min_anchors: int,
    confirm: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray] | None = None,
    linked: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """``(k, 2)`` story index pairs to align, sorted, and the rare anchors' values, sorted.

    Pairs share at least ``min_anchors`` anchors held by at most ``max_docs`` stories, or
    one such anchor and ``confirm(x, y, anchor)`` is true for them, and are not ``linked``
    already (``(k, 2)`` cluster labels); each story keeps its ``max_docs`` best-anchored
    partners (and is kept by theirs)."""
    values, owner, n = stories.values, stories.owner, len(stories.labels)
    left, right = pairs_within_groups(values, window=max_docs, max_group=max_docs)
    held = values[left]  # sorted, as left is
    rare = held[np.concatenate(([True], held[1:] != held[:-1]))] if len(held) else held
    a, b = owner[left], owner[right]
    pair_codes = np.minimum(a, b) * n + np.maximum(a, b)
    order = np.argsort(pair_codes)  # not stable, so faster than np.unique's return_index
    ordered = pair_codes[order]
    starts = np.flatnonzero(np.concatenate(([len(ordered) > 0], ordered[1:] != ordered[:-1])))
    codes, shared = ordered[starts], np.diff(np.append(starts, len(ordered)))
    fresh = ~np.isin(codes, _codes(stories.labels, linked))
    wanted = fresh & (shared >= min_anchors)
    if confirm is not None and min_anchors > 1:
        single = np.flatnonzero(fresh & (shared == 1))  # one position each: held[...]
        anchor = held[order[starts[single]]]
        wanted[single[confirm(codes[single] // n, codes[single] % n, anchor)]] = True
    codes, shared = codes[wanted], shared[wanted]
    x, y = codes // n, codes % n
    mine, partner = np.concatenate((x, y)), np.concatenate((y, x))
    order = np.lexsort((partner, -np.concatenate((shared, shared)), mine))
    group = mine[order]
    firsts = np.flatnonzero(np.concatenate(([True], group[1:] != group[:-1])))
    rank = np.arange(len(order)) - np.repeat(firsts, np.diff(np.append(firsts, len(order))))
    best = np.zeros(len(order), dtype=bool)
    best[order[rank < max_docs]] = True
    keep = best[: len(codes)] | best[len(codes) :]
    return np.stack((x[keep], y[keep]), axis=1), rare


def _codes(labels: np.ndarray, linked: np.ndarray | None) -> np.ndarray:
    """Pair codes of the story pairs among ``linked`` cluster label pairs."""
    if linked is None or len(linked) == 0 or len(labels) == 0:
        return np.empty(0, dtype=np.int64)
    at = np.minimum(np.searchsorted(labels, linked), len(labels) - 1)
    both = at[(labels[at] == linked).all(axis=1)]
    return both.min(axis=1) * len(labels) + both.max(axis=1)


def signatures_confirm(
    stories: Stories,
    signatures: np.ndarray,
    permute: Callable[[np.ndarray], np.ndarray],
    max_docs: int,
) -> Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]:
    """The ``confirm`` of :func:`candidates` for stories whose documents have these
    ``signatures`` (rows index owners): see the module docstring. ``permute(hashes)`` gives
    each hash's value under every permutation."""

    def confirm(x: np.ndarray, y: np.ndarray, anchor: np.ndarray) -> np.ndarray:
        pairs, columns, found = [], [], []
        for start in range(0, len(x), _BLOCK):
            sx = signatures[stories.heads[x[start : start + _BLOCK]]]
            sy = signatures[stories.heads[y[start : start + _BLOCK]]]
            equal = sx == sy
            some = np.flatnonzero(equal.any(axis=1))
            if not len(some):
                continue
            sx = sx[some]
            hits = equal[some] & (sx != permute(anchor[start + some].astype(np.uint32)))
            row, column = np.nonzero(hits)
            pairs.append(start + some[row])
            columns.append(column)
            found.append(sx[row, column])
        if not pairs:
            return np.zeros(len(x), dtype=bool)
        pair, column, value = (np.concatenate(p) for p in (pairs, columns, found))
        key = column.astype(np.uint64) << np.uint64(32) | value.astype(np.uint64)
        keys, holder = np.concatenate((key, key)), np.concatenate((x[pair], y[pair]))
        order = np.lexsort((holder, keys))
        keys, holder = keys[order], holder[order]
        once = np.ones(len(keys), dtype=bool)  # each (value, story) once
        once[1:] = (keys[1:] != keys[:-1]) | (holder[1:] != holder[:-1])
        common, count = np.unique(keys[once], return_counts=True)
        rare = ~np.isin(key, common[count > max_docs])
        return np.bincount(pair[rare], minlength=len(x)) >= AGREEING

    return confirm


def common_anchors(values: np.ndarray, max_docs: int) -> tuple[np.ndarray, np.ndarray]:
    """Where each anchor held by more than ``max_docs`` stories starts in the sorted
    ``values``, and by how many it is held."""
    same = np.flatnonzero(values[1:] == values[:-1])
    if len(same) == 0:
        return same, same
    runs = np.flatnonzero(np.concatenate(([True], np.diff(same) != 1)))
    starts, sizes = same[runs], np.diff(np.append(runs, len(same))) + 1
    return starts[sizes > max_docs], sizes[sizes > max_docs]


def examples(owner: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> list[int]:
    """The stories in which repeated blocks are located: the first holder of each common
    anchor (``starts``, ``sizes``: see :func:`common_anchors`), for the most widespread
    ``BLOCKS_SHOWN`` (and ties)."""
    if len(starts) == 0:
        return []
    common = np.argsort(-sizes, kind="stable")
    holder = owner[starts[common]]
    _, first = np.unique(holder, return_index=True)
    spread = sizes[common[np.sort(first)]]  # each example's most widespread anchor
    cut = spread[min(len(spread), BLOCKS_SHOWN) - 1]
    return sorted(holder[np.sort(first)][spread >= cut].tolist())
