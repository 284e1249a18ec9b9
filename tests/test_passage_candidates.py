"""Which stories the passage stage aligns: shared rare anchors, or one confirmed by signatures."""

from __future__ import annotations

import numpy as np

from cleancorpus.dedup.candidates import Anchors
from cleancorpus.dedup.passage_candidates import (
    Owners,
    Stories,
    candidates,
    signatures_confirm,
    story_anchors,
)


def _anchors(held: dict[int, list[int]]) -> Anchors:
    """Anchors from ``{owner: [sampled shingle values]}``, sorted as dedup sorts them."""
    pairs = sorted((v, o) for o, values in held.items() for v in values)
    values = np.array([v for v, _ in pairs], dtype=np.uint64)
    owners = np.array([o for _, o in pairs], dtype=np.int64)
    return Anchors(values, owners, np.bincount(owners, minlength=max(held) + 1))


def _owners(clusters: list[int], canonical: list[bool]) -> Owners:
    return Owners(
        np.array(clusters, dtype=np.int64), np.array(canonical), np.empty((0, 0), np.uint32)
    )


def test_each_cluster_counts_once_through_its_canonical():
    # owners 0 and 1 are near-copies (cluster 7, canonical 1); 2 is another story (cluster 9)
    anchors = _anchors({0: [16, 24], 1: [24, 32], 2: [16, 24, 32]})
    stories = story_anchors(anchors, _owners([7, 7, 9], [False, True, True]))
    assert stories.labels.tolist() == [7, 9]
    assert stories.heads.tolist() == [1, 2]
    # 16 is only held by the copy that does not stand for its cluster: not shared any more
    assert list(zip(stories.values.tolist(), stories.owner.tolist(), strict=True)) == [
        (16, 1),
        (24, 0),
        (24, 1),
        (32, 0),
        (32, 1),
    ]


def _stories(pairs: dict[tuple[int, int], list[int]], n: int) -> Stories:
    held: dict[int, list[int]] = {s: [] for s in range(n)}
    for (a, b), values in pairs.items():
        held[a] += values
        held[b] += values
    entries = sorted((v, s) for s, values in held.items() for v in values)
    return Stories(
        np.arange(n),
        np.array([v for v, _ in entries], dtype=np.uint64),
        np.array([s for _, s in entries], dtype=np.int64),
        np.arange(n),
    )


def test_a_pair_sharing_one_anchor_is_aligned_only_when_confirmed():
    stories = _stories({(0, 1): [8, 16], (2, 3): [24], (4, 5): [32]}, 6)
    asked = []

    def confirm(x, y, anchor):
        asked.extend(zip(x.tolist(), y.tolist(), anchor.tolist(), strict=True))
        return anchor == 24

    pairs, rare = candidates(stories, max_docs=5, min_anchors=2, confirm=confirm)
    assert pairs.tolist() == [[0, 1], [2, 3]]
    assert sorted(asked) == [(2, 3, 24), (4, 5, 32)]  # only the single-anchor pairs
    assert rare.tolist() == [8, 16, 24, 32]
    assert candidates(stories, max_docs=5, min_anchors=2)[0].tolist() == [[0, 1]]


def test_pairs_already_linked_are_not_aligned_and_free_their_partner_slots():
    # story 0 shares 3 anchors with 1 and 2 and 2 with 3, whose best partners are 4 and 5
    shares = {(0, 1): [8, 16, 24], (0, 2): [32, 40, 48], (0, 3): [56, 64]}
    shares |= {(3, 4): [72, 80, 88], (3, 5): [96, 104, 112]}
    stories = _stories(shares, 6)
    pairs, _ = candidates(stories, max_docs=2, min_anchors=2)
    assert pairs.tolist() == [[0, 1], [0, 2], [3, 4], [3, 5]]
    linked = np.array([[1, 0], [7, 8]])  # labels; 7 and 8 take no part
    pairs, _ = candidates(stories, max_docs=2, min_anchors=2, linked=linked)
    assert pairs.tolist() == [[0, 2], [0, 3], [3, 4], [3, 5]]


def _permute(hashes: np.ndarray) -> np.ndarray:
    """A toy 4-permutation family: hash h becomes h, h + 1, h + 2, h + 3."""
    return hashes.astype(np.uint32)[:, None] + np.arange(4, dtype=np.uint32)


def test_signatures_confirm_agreement_beyond_the_anchor_and_not_a_block():
    stories = Stories(np.arange(10), np.empty(0, np.uint64), np.empty(0, np.int64), np.arange(10))
    block = [900, 901, 5, 6]  # a value held at permutations 0 and 1 by stories 4 to 9
    signatures = np.array(
        [
            [100, 201, 300, 400],  # 0 and 1 agree at two permutations beyond anchor 100's
            [100, 201, 300, 999],
            [50, 51, 52, 1],  # 2 and 3 agree only where the anchor (50) is the minimum
            [50, 51, 52, 2],
            *[block] * 6,  # 4 to 9 agree on the block's values only
        ],
        dtype=np.uint32,
    )
    confirm = signatures_confirm(stories, signatures, _permute, max_docs=5)
    x, y = np.array([0, 2, 4, 6, 8]), np.array([1, 3, 5, 7, 9])
    anchor = np.array([100, 50, 7, 7, 7], dtype=np.uint64)
    assert confirm(x, y, anchor).tolist() == [True, False, False, False, False]
    # the same block in two stories only is no block: those two agree beyond their anchor
    assert confirm(x[2:3], y[2:3], anchor[2:3]).tolist() == [True]
