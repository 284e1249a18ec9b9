"""Candidate pairs for verification: LSH banding for similarity, sampled shingles for containment.

Both steps only propose pairs; nothing is merged before the exact check in ``clusters``.
A false candidate costs one exact comparison, a missed one loses a duplicate, so both are
tuned for recall.

**Banding** (similar documents). The signature is cut into ``bands`` bands of ``rows`` values;
two documents are candidates when some band is identical, which happens with probability
``1 - (1 - J^rows)^bands`` for Jaccard ``J``. :func:`choose_bands` takes the largest ``rows``
(fewest false candidates) whose probability at ``J = threshold`` still reaches the wanted
recall. For threshold 0.7 and 128 permutations at recall 0.99 that is 32 bands of 4 rows:
P(0.7) = 0.9998, P(0.75) > 0.99999, and P(0.5) = 0.87, P(0.3) = 0.23 (verified, then dropped).
datasketch's own choice for 0.7 (14 bands of 9 rows, weighing false positives and negatives
equally) has P(0.7) = 0.44 and P(0.75) = 0.66. This is datasketch's MinHashLSH banding, done
for all documents at once by sorting band keys with numpy, which is far faster than
inserting them one by one. Documents sharing a band form a bucket; all pairs of a bucket
are proposed, except in a bucket larger than ``max_bucket``, where each document is paired
with the next ``max_bucket`` ones (exact copies are grouped before this step, so such
buckets are rare).

**Containment** (one document inside another). A short text inside a long one has a small
Jaccard score, so banding cannot find it (datasketch's MinHashLSHEnsemble can, but inserts
and queries one document at a time). Instead every shingle whose hash is ``0 mod sampling``
is indexed: the choice depends only on the shingle, so a passage shared by two documents
shares its sampled shingles. Two documents become candidates when they share at least half
the sampled shingles expected at containment = ``overlap_threshold`` (and at least one).
A sampled shingle in more than ``max_posting`` documents is boilerplate, not evidence, and
is ignored. Limitation: a text with fewer than about ``sampling`` shingles may have no
sampled shingle, so its containment in another text can go unnoticed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

_POLY = np.uint64(0x9E3779B97F4A7C15)


def band_probability(jaccard: float, bands: int, rows: int) -> float:
    """Probability that two documents with this Jaccard similarity share at least one band."""
    return 1.0 - (1.0 - jaccard**rows) ** bands


def choose_bands(threshold: float, num_perm: int, recall: float) -> tuple[int, int]:
    """``(bands, rows)``: the most selective banding that catches a pair at ``threshold``
    with probability at least ``recall``."""
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if band_probability(threshold, bands, rows) >= recall:
            return bands, rows
    return num_perm, 1


def _pairs_within_groups(
    keys: np.ndarray, window: int, max_group: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Positions ``(i, j)``, ``i < j``, of equal values in the sorted array ``keys``.

    Each element is paired with the next ``window`` elements of its group; groups larger than
    ``max_group`` are skipped.
    """
    # Most values are unique: work from the few positions equal to their successor.
    same = np.flatnonzero(keys[1:] == keys[:-1])
    if len(same) == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    runs = np.flatnonzero(np.concatenate(([True], np.diff(same) != 1)))
    starts = same[runs]
    sizes = np.diff(np.append(runs, len(same))) + 1
    if max_group is not None:
        keep = sizes <= max_group
        starts, sizes = starts[keep], sizes[keep]
    group_end = np.repeat(starts + sizes, sizes)
    position = np.arange(len(group_end)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    position = position + np.repeat(starts, sizes)
    counts = np.minimum(group_end - position - 1, window)
    left = np.repeat(position, counts)
    offset = np.arange(len(left)) - np.repeat(np.cumsum(counts) - counts, counts)
    return left, left + 1 + offset


def _pair_codes(order: np.ndarray, left: np.ndarray, right: np.ndarray, n: int) -> np.ndarray:
    a, b = order[left].astype(np.int64), order[right].astype(np.int64)
    return np.minimum(a, b) * n + np.maximum(a, b)


def decode_pairs(codes: np.ndarray, n: int) -> np.ndarray:
    """``(k, 2)`` array of document index pairs ``(i, j)``, ``i < j``, from pair codes."""
    return np.stack([codes // n, codes % n], axis=1)


def band_key(signatures: np.ndarray, band: int, rows: int) -> np.ndarray:
    """One uint64 per signature: a hash of its values in band ``band`` (``rows`` wide)."""
    cols = signatures[:, band * rows : (band + 1) * rows].astype(np.uint64)
    key = cols[:, 0].copy()
    for col in range(1, rows):
        key *= _POLY
        key ^= cols[:, col]
        key ^= key >> np.uint64(29)
    return key


def lsh_pairs(signatures: np.ndarray, bands: int, rows: int, max_bucket: int) -> np.ndarray:
    """Pair codes ``i * n + j`` (sorted, unique) of documents sharing a band."""
    n = len(signatures)
    found = []
    for band in range(bands):
        key = band_key(signatures, band, rows)
        order = np.argsort(key)
        left, right = _pairs_within_groups(key[order], window=max_bucket)
        found.append(_pair_codes(order, left, right, n))
    return np.unique(np.concatenate(found)) if found else np.empty(0, dtype=np.int64)


def containment_pairs(
    shingle_sets: Sequence[np.ndarray],
    overlap_threshold: float,
    sampling: int,
    max_posting: int,
) -> np.ndarray:
    """Pair codes (sorted, unique) of documents that may contain much of one another."""
    n = len(shingle_sets)
    sampled, sizes = _sampled(shingle_sets, sampling)
    if n < 2 or sizes.sum() == 0:
        return np.empty(0, dtype=np.int64)
    # One sort of (shingle << 32 | document) keys groups the postings of each shingle.
    keys = sampled.astype(np.uint64) << np.uint64(32)
    del sampled
    keys |= np.repeat(np.arange(n, dtype=np.uint64), sizes)
    keys.sort()
    owner = (keys & np.uint64(0xFFFFFFFF)).astype(np.int64)
    values = keys >> np.uint64(32)
    del keys
    left, right = _pairs_within_groups(values, window=max_posting, max_group=max_posting)
    codes, shared = np.unique(_pair_codes(owner, left, right, n), return_counts=True)
    pairs = decode_pairs(codes, n)
    smaller = np.minimum(sizes[pairs[:, 0]], sizes[pairs[:, 1]])
    needed = np.maximum(1, np.floor(0.5 * overlap_threshold * smaller))
    return codes[shared >= needed]


def _sampled(
    shingle_sets: Sequence[np.ndarray], sampling: int, block: int = 1024
) -> tuple[np.ndarray, np.ndarray]:
    """The shingles ``0 mod sampling`` of all sets, concatenated, and how many each set has.

    Works on ``block`` sets at a time: one array operation per block rather than per set,
    without ever concatenating all the shingles.
    """
    mask = np.uint32(sampling - 1)
    pieces, sizes = [], []
    for first in range(0, len(shingle_sets), block):
        sets = shingle_sets[first : first + block]
        flat = np.concatenate(sets)
        kept = np.flatnonzero((flat & mask) == 0)
        ends = np.cumsum([len(s) for s in sets])
        sizes.append(np.diff(np.searchsorted(kept, ends), prepend=0))
        pieces.append(flat[kept])
    if not pieces:
        return np.empty(0, dtype=np.uint32), np.empty(0, dtype=np.int64)
    return np.concatenate(pieces), np.concatenate(sizes)
