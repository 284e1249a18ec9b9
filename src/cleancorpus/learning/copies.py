"""Group the documents of one site into near-copies, so that copies count once as evidence.

Learning boilerplate counts how many *different* documents of a site share a line; copies of
one story share every line and must count once. Whole-text Jaccard cannot tell them apart
on short pages: an unlearned footer that several different stories share can outweigh
their short bodies. Position can: the template sits at the edges and the story in the
middle. So a document's *core* is the :data:`CORE_SHINGLES` shingles at the middle of its
text (all of them when it has fewer), and two documents are copies when
at least ``threshold`` of one's core occurs anywhere in the other (containment, so a copy
with a new wrapper or a paragraph added or cut still counts). Different stories under one
template have different cores. A fixed number of shingles, not the whole middle third, keeps
the cost of a core constant whatever the length of the text, and a run takes them from the
shingle hashes its fingerprints compute anyway.

Candidate pairs are neighbours in the sorted posting list of each hash of the core samples:
copies share their middles, so the hashes only a group of copies has list exactly that group,
and neighbours chain it together; the work stays linear in the number of postings rather than
quadratic in the number of documents, and a footer that thousands of documents share (in no
core) proposes no pair. Two copies whose middles do not overlap at all (a wrapper twice as
long as the story on one of them) are not found and count twice.
Shingles are hashed as in the dedup stage (``cleancorpus.dedup.fingerprint``: word 5-grams).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..dedup.fingerprint import middle_shingles, text_shingle_hashes

SHINGLE_SIZE = 5
CORE_SHINGLES = 46  # the shingles of about 50 words


def whole_set(text: str, size: int = SHINGLE_SIZE) -> np.ndarray:
    """Sorted unique uint32 shingle hashes of ``text`` (as a fingerprint's ``shingles``)."""
    return np.unique(text_shingle_hashes(text, size))


def core_sample(text: str, size: int = SHINGLE_SIZE) -> np.ndarray:
    """The core of ``text``: sorted unique hashes of its :data:`CORE_SHINGLES` middle shingles
    (as :meth:`~cleancorpus.dedup.fingerprint.Fingerprinter.batch_with_middles` gives it)."""
    return middle_shingles(text_shingle_hashes(text, size), CORE_SHINGLES)


def group_copies(
    shingles: Sequence[np.ndarray], cores: Sequence[np.ndarray], threshold: float
) -> list[int]:
    """The group of each document: the smallest index among its near-copies.

    Deterministic for a given order; callers sort the documents by id first.
    """
    n = len(shingles)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sizes = [len(c) for c in cores]
    if n < 2 or not sum(sizes):
        return list(range(n))
    hashes = np.concatenate([np.asarray(c, dtype=np.uint32) for c in cores])
    owner = np.repeat(np.arange(n), sizes)
    order = np.argsort(hashes, kind="stable")  # owners stay in order within a hash
    hashes, owner = hashes[order], owner[order]
    neighbours = hashes[1:] == hashes[:-1]
    pairs = np.unique(np.stack([owner[:-1][neighbours], owner[1:][neighbours]], axis=1), axis=0)
    for a, b in pairs.tolist():
        if find(a) != find(b) and (
            _contained(cores[a], shingles[b], threshold)
            or _contained(cores[b], shingles[a], threshold)
        ):
            ra, rb = find(a), find(b)
            parent[max(ra, rb)] = min(ra, rb)
    return [find(i) for i in range(n)]


def _contained(core: np.ndarray, other: np.ndarray, threshold: float) -> bool:
    if not len(core):
        return False
    common = np.intersect1d(core, other, assume_unique=True)
    return len(common) >= threshold * len(core)
