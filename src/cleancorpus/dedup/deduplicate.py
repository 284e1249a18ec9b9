"""Near-duplicate and overlap detection: the public API of the dedup stage.

Workers compute ``Fingerprinter(config).batch(cleaned_texts)``; the main process calls
``deduplicate(doc_infos, config)`` and gets a :class:`Membership` per document id.

Steps of :func:`deduplicate`: documents are sorted by id (so input order cannot matter);
empty ones are set aside (never clustered); exact copies (same shingle set) are grouped;
``candidates`` proposes pairs by LSH banding and by sampled-shingle containment;
``clusters`` verifies each pair exactly and unions the duplicates (:meth:`DedupConfig.duplicate`:
Jaccard >= ``threshold``, or a copy with a part dropped or added);
``canonical`` picks one document per cluster. Other pairs with containment >= ``overlap_threshold``
are reported as overlaps (and, with ``drop_contained``, the
cluster of a contained canonical joins the kept canonical that contains it).

Why ``threshold = 0.7``: on word 5-shingles one changed word breaks up to five shingles, so
0.7 still holds a copy with a new header/footer or a few percent of its words edited, while
different reports of the same event that share quotes or a paragraph stay well below it
(they show up as overlaps instead). Why the copy rule (``copy_containment = 0.9`` with
``copy_jaccard = 0.5``): a syndicated copy that drops or adds one paragraph of five keeps
Jaccard near 0.6-0.7 with 95-100% of the shorter one's shingles in the longer; an excerpt or a
report quoting another holds far less than 90% of itself in the other, or is under half its size.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import ConfigError, InputError
from ..records import Membership
from ..util.checks import check_fraction, check_int
from .candidates import (
    Anchors,
    choose_bands,
    containment_from,
    decode_pairs,
    lsh_pairs,
    sampled_postings,
)
from .canonical import choose_canonical
from .clusters import UnionFind, Verified, intersection_size, jaccard, verify
from .fingerprint import Fingerprint, FingerprintParams
from .store import check_params


@dataclass(frozen=True)
class DedupConfig:
    """Parameters of near-duplicate detection (frozen, picklable, checked at construction).

    threshold: exact shingle Jaccard at or above which two documents are duplicates.
    shingle_size: tokens per shingle. num_perm, seed: MinHash size and permutation seed.
    copy_containment, copy_jaccard: a pair below ``threshold`` is still a duplicate when at
        least ``copy_containment`` of the smaller document's shingles are in the other and
        their Jaccard is at least ``copy_jaccard``: a copy with a paragraph dropped or added.
        At or above ``threshold``, ``copy_jaccard`` adds nothing: the rule is off.
    overlap_threshold: containment (share of the smaller document's shingles found in the
        other) at or above which two documents that are not duplicates are reported as
        overlapping.
    drop_contained: make a contained document a duplicate of its container (rule
        "contained") instead of only reporting the overlap.
    lsh_recall: probability that banding proposes a pair at exactly ``threshold``.
    max_bucket: pairs proposed per document within one LSH bucket.
    overlap_sampling, max_posting: containment candidates (see ``cleancorpus.dedup.candidates``).
    passages: find passages shared between stories (``story`` and ``passages`` in the
        output; on by default: on the 100k benchmark it adds under a fifth to the dedup
        stage, see the README's "Passage overlaps").
    min_passage_words: the shortest shared passage reported, in words (see
        ``cleancorpus.dedup.passages``). max_passage_docs: a passage that more stories than
        this hold is a repeated block, not reuse between reports. passage_anchors: sampled
        shingles two stories must share before they are aligned (two sharing a single one
        are aligned when their MinHash signatures confirm it, see
        ``cleancorpus.dedup.passage_candidates``).
    """

    threshold: float = 0.7
    shingle_size: int = 5
    num_perm: int = 128
    seed: int = 1
    copy_containment: float = 0.9
    copy_jaccard: float = 0.5
    overlap_threshold: float = 0.5
    drop_contained: bool = False
    lsh_recall: float = 0.99
    max_bucket: int = 200
    overlap_sampling: int = 8
    max_posting: int = 100
    passages: bool = True
    min_passage_words: int = 40
    max_passage_docs: int = 5
    passage_anchors: int = 2

    def __post_init__(self) -> None:
        check_fraction(
            "threshold", self.threshold, "0.7 is a good start; 1.0 keeps exact copies only"
        )
        check_int("shingle_size", self.shingle_size, 1, high=64, hint="use 5 for word shingles")
        check_int(
            "num_perm", self.num_perm, 8, high=4096, hint="use 128 (more is slower, more precise)"
        )
        check_int(
            "seed",
            self.seed,
            0,
            high=2**32 - 1,
            hint="any fixed value; keep it to compare fingerprints",
        )
        check_fraction("overlap_threshold", self.overlap_threshold, "e.g. 0.5 = half the document")
        check_fraction("copy_containment", self.copy_containment, "e.g. 0.9 of the smaller one")
        check_fraction("copy_jaccard", self.copy_jaccard, "e.g. 0.5; = threshold turns it off")
        if not isinstance(self.passages, bool):
            raise ConfigError(f"passages must be True or False, got {self.passages!r}")
        if not isinstance(self.drop_contained, bool):
            raise ConfigError(f"drop_contained must be True or False, got {self.drop_contained!r}")
        check_fraction("lsh_recall", self.lsh_recall, "e.g. 0.99", top=0.999999)
        check_int("max_bucket", self.max_bucket, 1, high=10**6, hint="e.g. 200")
        check_int(
            "overlap_sampling",
            self.overlap_sampling,
            1,
            high=1024,
            hint="e.g. 8 (index 1 in 8 shingles)",
        )
        if self.overlap_sampling & (self.overlap_sampling - 1):
            raise ConfigError(
                f"overlap_sampling must be a power of two, got {self.overlap_sampling}; e.g. 8"
            )
        check_int("max_posting", self.max_posting, 2, high=10**6, hint="e.g. 100")
        check_int("min_passage_words", self.min_passage_words, 5, high=10**6, hint="e.g. 40")
        check_int("max_passage_docs", self.max_passage_docs, 2, high=10**4, hint="e.g. 5")
        check_int("passage_anchors", self.passage_anchors, 1, high=1000, hint="e.g. 2")

    def duplicate(self, jaccard: Any, containment: Any) -> Any:
        """Whether verified pairs are duplicates: Jaccard >= ``threshold``, or a copy with a
        part dropped or added (containment >= ``copy_containment`` and Jaccard >=
        ``copy_jaccard``). Takes floats or numpy arrays (then returns a boolean array)."""
        copy = (containment >= self.copy_containment) & (jaccard >= self.copy_jaccard)
        return (jaccard >= self.threshold) | copy

    @property
    def candidate_containment(self) -> float:
        """The containment at which pairs are proposed by sampled shingles: overlaps and
        copies both need theirs."""
        copies = self.copy_jaccard < self.threshold
        return min(self.overlap_threshold, self.copy_containment if copies else 1.0)

    @property
    def bands(self) -> tuple[int, int]:
        """``(bands, rows)`` of the LSH banding (see ``cleancorpus.dedup.candidates``)."""
        return choose_bands(self.threshold, self.num_perm, self.lsh_recall)

    @property
    def fingerprint_params(self) -> FingerprintParams:
        return FingerprintParams(
            num_perm=self.num_perm, shingle_size=self.shingle_size, seed=self.seed
        )


@dataclass(frozen=True, slots=True)
class DocInfo:
    """What dedup knows of one document: its fingerprint, metadata and cleaned length."""

    id: str
    fingerprint: Fingerprint
    metadata: Mapping[str, Any] = field(default_factory=dict)
    length: int = 0  # characters of cleaned text


def _check(docs: list[DocInfo], config: DedupConfig) -> None:
    expected = config.fingerprint_params
    seen: set[str] = set()
    for doc in docs:
        if doc.id in seen:
            raise InputError(str(doc.id), "document id appears twice; ids must be unique")
        seen.add(doc.id)
        check_params(doc.fingerprint.params, expected, f"document {doc.id!r}")


def _exact_groups(docs: list[DocInfo], indices: list[int], sigs: np.ndarray) -> list[list[int]]:
    """Indices grouped by identical shingle set (first = smallest id); ``sigs`` are their
    signatures, row by row. Equal sets have equal signatures, so only documents whose
    signatures hash alike are compared."""
    if not indices:
        return []
    words = np.ascontiguousarray(sigs)
    if words.shape[1] % 2 == 0:  # read pairs of values as one uint64: half the work
        words = words.view(np.uint64)
    weights = np.random.default_rng(0).integers(1, 2**63, words.shape[1], dtype=np.uint64) | 1
    keys = (words * weights).sum(axis=1, dtype=np.uint64)  # wraps mod 2^64
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    shared = counts[inverse] > 1
    members: dict[int, list[int]] = {}
    for position in np.flatnonzero(shared).tolist():
        members.setdefault(int(inverse[position]), []).append(indices[position])
    out: list[list[int]] = []
    split = False
    for position, (i, alike) in enumerate(zip(indices, shared.tolist(), strict=True)):
        if not alike:
            out.append([i])
        elif (group := members[int(inverse[position])])[0] == i:  # at its first member
            parts = _split_unequal(docs, group)
            split = split or len(parts) > 1
            out.extend(parts)
    return sorted(out) if split else out


def _split_unequal(docs: list[DocInfo], group: list[int]) -> list[list[int]]:
    """Split documents whose signatures hashed alike into groups of equal shingle sets."""
    parts: list[list[int]] = []
    for i in sorted(group):
        for part in parts:
            if np.array_equal(docs[part[0]].fingerprint.shingles, docs[i].fingerprint.shingles):
                part.append(i)
                break
        else:
            parts.append([i])
    return parts


def _candidates(
    sets: list[np.ndarray], sigs: np.ndarray, config: DedupConfig
) -> tuple[np.ndarray, Anchors]:
    bands, rows = config.bands
    # Both are mostly numpy sorts, which release the GIL: run them side by side.
    with ThreadPoolExecutor(1) as pool:
        sampled = pool.submit(sampled_postings, sets, config.overlap_sampling)
        banded = lsh_pairs(sigs, bands, rows, config.max_bucket)
        anchors = sampled.result()
    contained = containment_from(
        anchors, len(sets), config.candidate_containment, config.max_posting
    )
    return decode_pairs(np.union1d(banded, contained), len(sets)), anchors


@dataclass(frozen=True)
class Analysis:
    """What :func:`analyse` found: each document's membership, and what passage detection
    reuses of the documents compared: their sampled shingles (``anchors``, owners indexing
    ``anchor_ids``), their cluster (``anchor_clusters``: the index in ``ids``, every
    document's id in id order, of their cluster's canonical; ``anchor_canonical``: whether
    they are that canonical) and their MinHash ``signatures`` (one row each)."""

    memberships: dict[str, Membership]
    anchors: Anchors
    anchor_ids: tuple[str, ...]
    anchor_clusters: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    anchor_canonical: np.ndarray = field(default_factory=lambda: np.empty(0, bool))
    ids: tuple[str, ...] = ()
    signatures: np.ndarray = field(default_factory=lambda: np.empty((0, 0), np.uint32))


def deduplicate(docs: Iterable[DocInfo], config: DedupConfig) -> dict[str, Membership]:
    """Cluster near-duplicate documents and report overlaps; one :class:`Membership` per id.

    Raises :class:`~cleancorpus.errors.MismatchError` if a fingerprint was made with other
    parameters than ``config``'s, and :class:`~cleancorpus.errors.InputError` on a repeated id.
    """
    return analyse(docs, config).memberships


def analyse(docs: Iterable[DocInfo], config: DedupConfig) -> Analysis:
    """:func:`deduplicate`, also returning the sampled shingles it compared."""
    ordered = sorted(docs, key=lambda d: d.id)
    _check(ordered, config)
    nonempty = [i for i, d in enumerate(ordered) if len(d.fingerprint.shingles)]
    all_sigs = (
        np.stack([ordered[i].fingerprint.signature for i in nonempty])
        if nonempty
        else np.empty((0, config.num_perm), dtype=np.uint32)
    )
    groups = _exact_groups(ordered, nonempty, all_sigs)
    reps = [g[0] for g in groups]
    sets = [ordered[r].fingerprint.shingles for r in reps]
    sigs = all_sigs[np.searchsorted(nonempty, reps)] if reps else all_sigs
    pairs, anchors = _candidates(sets, sigs, config)
    checked = verify(sets, pairs)

    uf = UnionFind(len(ordered))
    for group in groups:
        for i in group[1:]:
            uf.union(group[0], i)
    overlaps: list[Verified] = []
    for v in checked:
        if config.duplicate(v.jaccard, v.containment):
            uf.union(reps[v.i], reps[v.j])
        elif v.containment >= config.overlap_threshold:
            overlaps.append(v)
    memberships, targets = _assign(ordered, uf, groups, overlaps, config)
    clusters = np.array(targets, dtype=np.int64)[reps] if reps else np.empty(0, np.int64)
    return Analysis(
        memberships,
        anchors,
        tuple(ordered[r].id for r in reps),
        clusters,
        clusters == np.array(reps, dtype=np.int64),
        tuple(d.id for d in ordered),
        sigs,
    )


def _assign(
    docs: list[DocInfo],
    uf: UnionFind,
    groups: list[list[int]],
    overlaps: list[Verified],
    config: DedupConfig,
) -> tuple[dict[str, Membership], list[int]]:
    """Each document's membership, and the index of its cluster's canonical."""
    home = list(range(len(docs)))  # index of each document's canonical
    reasons: dict[int, str] = {}
    for members in uf.clusters():
        pick, reason = choose_canonical([docs[i] for i in members])
        reasons[members[pick]] = reason
        for i in members:
            home[i] = members[pick]
    contained: dict[int, int] = {}
    if config.drop_contained:
        contained = _absorb(docs, home, groups, overlaps)

    listed = _overlap_lists(docs, groups, overlaps)
    targets = [contained.get(h, h) for h in home]
    duplicates: dict[int, list[str]] = {}  # canonical index -> ids of its duplicates, sorted
    for i, doc in enumerate(docs):
        target = targets[i]
        if i != target and len(doc.fingerprint.shingles):
            duplicates.setdefault(target, []).append(doc.id)
    smallest: dict[int, str] = {}  # cluster -> the smallest id in it: its story, until linked
    for i, doc in enumerate(docs):  # in id order
        smallest.setdefault(targets[i], doc.id)
    out: dict[str, Membership] = {}
    for i, doc in enumerate(docs):
        target = targets[i]
        if not len(doc.fingerprint.shingles):
            reason, rule, sim, dup = "empty after cleaning: never compared", None, None, None
        elif i == target:
            reason, rule, sim, dup = reasons.get(i, "only member of its cluster"), None, None, None
        elif home[i] != target:
            a, b = doc.fingerprint.shingles, docs[target].fingerprint.shingles
            sim = intersection_size(a, b) / len(a)
            rule, dup = "contained", docs[target].id
            reason = f"contained: {sim:.3f} of its shingles are in {dup}"
        else:
            sim = jaccard(doc.fingerprint.shingles, docs[target].fingerprint.shingles)
            rule = "exact-duplicate" if sim == 1.0 else "near-duplicate"
            dup = docs[target].id
            reason = f"{rule} of {dup} (Jaccard {sim:.3f})"
        out[doc.id] = Membership(
            cluster=docs[target].id,
            canonical=dup is None,
            duplicate_of=dup,
            similarity=sim,
            overlaps=listed.get(i, ()),
            reason=reason,
            rule=rule,
            duplicates=tuple(duplicates.get(i, ())) if dup is None else (),
            story=smallest[target] if config.passages else None,
        )
    return out, targets


def _overlap_lists(
    docs: list[DocInfo], groups: list[list[int]], overlaps: list[Verified]
) -> dict[int, tuple[tuple[str, float], ...]]:
    """Per document index, its overlaps ``(other id, containment)``, best first."""
    found: dict[int, list[tuple[str, float]]] = {}
    for v in overlaps:
        score = v.containment
        for i in groups[v.i]:
            for j in groups[v.j]:
                found.setdefault(i, []).append((docs[j].id, score))
                found.setdefault(j, []).append((docs[i].id, score))
    return {i: tuple(sorted(pairs, key=lambda p: (-p[1], p[0]))) for i, pairs in found.items()}


def _absorb(
    docs: list[DocInfo], home: list[int], groups: list[list[int]], overlaps: list[Verified]
) -> dict[int, int]:
    """``drop_contained``: map each contained canonical to the canonical that absorbs it.

    Only canonicals take part. They are visited from the largest (most shingles, then id)
    down, so a container's fate is settled before its contents': a canonical that overlaps a
    larger canonical which is kept joins it (highest containment first, then the larger
    container, then the smaller id). An absorbed canonical never absorbs others, so each
    dropped text is contained in a document that is kept, never lost through a chain.
    """

    def order(i: int) -> tuple[int, str]:
        return (len(docs[i].fingerprint.shingles), docs[i].id)

    containers: dict[int, list[tuple[float, int]]] = {}
    for v in overlaps:
        for i in groups[v.i]:
            for j in groups[v.j]:
                if home[i] == i and home[j] == j:
                    small, large = sorted((i, j), key=order)
                    containers.setdefault(small, []).append((v.containment, large))
    absorbed: dict[int, int] = {}
    for small in sorted(containers, key=order, reverse=True):
        kept = [(score, large) for score, large in containers[small] if large not in absorbed]
        if kept:
            best = min(kept, key=lambda c: (-c[0], -order(c[1])[0], docs[c[1]].id))
            absorbed[small] = best[1]
    return absorbed
