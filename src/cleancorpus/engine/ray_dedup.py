"""The Ray engine's dedup: the local engine's candidate and verification rules as Ray tasks.

Documents are integer numbers (``0..n-1``, shard by shard: :mod:`.ray_prepare`); a pair is
one int64 code ``a * n + b`` (``a < b``). Only numpy arrays move between tasks, as Ray
objects; texts never leave their shard, shingle hashes only go where a pair needs them.

1. **exchange** (one task per shard): per document a 128-bit hash of its shingle set (equal
   sets, equal hashes: exact copies), its band keys
   (:func:`~cleancorpus.dedup.candidates.band_keys`) and its sampled shingles (``0 mod
   overlap_sampling``), each row ``(key, set hash, number)`` hash-partitioned into ``P``
   partitions by key.
2. **buckets** (one task per partition): sorts its rows by key. Exact copies share every
   key, so within a key they are counted once, by their smallest number, as the local engine
   counts the representatives of exact groups. Then the local engine's rules: all pairs of
   a band bucket of up to ``max_bucket + 1`` documents, star edges to the smallest number
   beyond (the local engine pairs each with its next ``max_bucket``: the one difference);
   all pairs of a sampled shingle held by ``2..max_posting`` documents, counted. Exact
   groups (by set hash) give ``(member, smallest member)`` merges. Pairs are routed to the
   verification group of their first document. With ``passages``, the sampled shingles
   that two or more exact groups hold go back too: the anchors of the passage stage
   (:mod:`.ray_passages`).
3. **verify, first half** (one task per group of shards): sums each pair's shared sampled
   shingles and keeps the containment pairs that share at least half the sampled shingles
   expected at ``overlap_threshold`` (the local rule: posting rows carry each document's
   number of sampled shingles), attaches the first document's shingle hashes to the band
   and containment candidates and routes them to the group of their second document.
4. **verify, second half**: computes the exact Jaccard and containment
   (:func:`~cleancorpus.dedup.clusters.intersection_size`) and returns only the merges
   (Jaccard >= ``threshold``) and overlaps (containment >= ``overlap_threshold``).
5. **components** over the merges (:mod:`.ray_components`: on the driver up to
   :data:`~.ray_components.DRIVER_EDGES` merges, Ray tasks beyond).
6. **canonical choice** on the driver: the ``(id, metadata, length)`` of clustered and
   overlapping documents are fetched from their shards (one task per shard) and
   :func:`~cleancorpus.dedup.canonical.choose_canonical` picks as in the local engine;
   the Jaccard of each duplicate with its canonical comes from steps 3-4 again (1.0 for an
   exact copy). The result: a :class:`~cleancorpus.records.Membership` per document that is
   not alone, by id (about 200 bytes each, on the driver), and with ``passages`` the
   anchors, each owned by the smallest id of its exact group (as the local engine's
   representatives are).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..dedup.candidates import band_keys, pairs_within_groups
from ..dedup.canonical import choose_canonical
from ..dedup.clusters import intersection_size
from ..dedup.deduplicate import DedupConfig
from ..records import Membership
from .ray_clock import StepClock
from .ray_components import (
    DRIVER_EDGES,
    components,
    distributed_components,
    partition_of,
    sorted_unique,
)
from .ray_prepare import Prints, joined

ALONE = "only member of its cluster"
EMPTY = "empty after cleaning: never compared"


@dataclasses.dataclass(frozen=True)
class Shards:
    """The prepared shards on the cluster: documents (Arrow tables), prints and, when the
    run learns, profiles (Ray object refs), and where each shard's numbers start
    (``offsets``, one more than shards)."""

    docs: tuple[Any, ...]
    prints: tuple[Any, ...]
    offsets: np.ndarray
    profiles: tuple[Any, ...] = ()

    @property
    def total(self) -> int:
        return int(self.offsets[-1])


# --- 1. exchange ---------------------------------------------------------------------------


def _set_hashes(prints: Prints, rows: np.ndarray) -> np.ndarray:
    """A 128-bit hash (two int64) of each row's shingle set."""
    digests = b"".join(
        hashlib.blake2b(prints.of(r).tobytes(), digest_size=16).digest() for r in rows.tolist()
    )
    return np.frombuffer(digests, dtype=np.int64).reshape(-1, 2)


def _spread(columns: dict[str, np.ndarray], key: str, partitions: int) -> list[dict[str, Any]]:
    part = partition_of(columns[key], partitions)
    order = np.argsort(part, kind="stable")
    bounds = np.searchsorted(part[order], np.arange(partitions + 1))
    return [
        {name: values[order[bounds[p] : bounds[p + 1]]] for name, values in columns.items()}
        for p in range(partitions)
    ]


def exchange_task(prints: Prints, offset: int, config: DedupConfig, partitions: int) -> list[Any]:
    """Step 1 for one shard: ``[rows, *pieces]``, piece ``p`` for bucket task ``p``."""
    sizes = prints.sizes()
    rows = np.flatnonzero(sizes > 0)
    numbers = offset + rows
    hashes = _set_hashes(prints, rows)
    low = np.zeros(len(sizes), dtype=np.int64)
    low[rows] = hashes[:, 1]
    bands, width = config.bands
    keys = band_keys(prints.signatures[rows], bands, width)
    sampled = (prints.shingles & np.uint32(config.overlap_sampling - 1)) == 0
    owner = np.repeat(np.arange(len(sizes)), sizes)[sampled]
    anchors = np.bincount(owner, minlength=len(sizes))
    exact = _spread({"hi": hashes[:, 0], "lo": hashes[:, 1], "num": numbers}, "lo", partitions)
    banded = _spread(
        {
            "key": keys.reshape(-1),
            "lo": np.repeat(hashes[:, 1], bands),
            "num": np.repeat(numbers, bands),
        },
        "key",
        partitions,
    )
    posted = _spread(
        {
            "key": prints.shingles[sampled].astype(np.int64),
            "lo": low[owner],
            "num": offset + owner,
            "size": anchors[owner],
        },
        "key",
        partitions,
    )
    return [len(rows), *zip(exact, banded, posted, strict=True)]


# --- 2. buckets ----------------------------------------------------------------------------


def _cat(pieces: Sequence[Mapping[str, np.ndarray]], name: str) -> np.ndarray:
    return np.concatenate([p[name] for p in pieces]) if pieces else np.empty(0, np.int64)


def _runs(*keys: np.ndarray) -> np.ndarray:
    """Where a run of equal ``keys`` starts, in arrays sorted by them."""
    if not len(keys[0]):
        return np.empty(0, dtype=np.int64)
    change = np.zeros(len(keys[0]) - 1, dtype=bool)
    for key in keys:
        change |= key[1:] != key[:-1]
    return np.flatnonzero(np.concatenate(([True], change)))


def _shared(key: np.ndarray) -> np.ndarray:
    """Positions of the rows whose key occurs at least twice (most keys occur once: only
    these few need the full sort)."""
    order = np.argsort(key)
    if len(order) < 2:
        return order[:0]
    same = key[order][1:] == key[order][:-1]
    return order[np.concatenate(([False], same)) | np.concatenate((same, [False]))]


def _representatives(
    rows: Sequence[Mapping[str, np.ndarray]], *more: str
) -> tuple[np.ndarray, ...]:
    """``(key, number, *more)`` of the rows, one per exact group within a key (its smallest
    number), sorted by key."""
    key = _cat(rows, "key")
    shared = _shared(key)
    key, low, num = key[shared], _cat(rows, "lo")[shared], _cat(rows, "num")[shared]
    order = np.lexsort((num, low, key))
    first = order[_runs(key[order], low[order])]
    return key[first], num[first], *(_cat(rows, name)[shared][first] for name in more)


def _codes(a: np.ndarray, b: np.ndarray, total: int) -> np.ndarray:
    return np.minimum(a, b) * total + np.maximum(a, b)


def _band_codes(key: np.ndarray, num: np.ndarray, max_bucket: int, total: int) -> np.ndarray:
    left, right = pairs_within_groups(key, window=max_bucket, max_group=max_bucket + 1)
    codes = [_codes(num[left], num[right], total)]
    starts = _runs(key)
    sizes = np.diff(np.append(starts, len(key)))
    large = sizes > max_bucket + 1
    if large.any():  # star edges to the smallest number of each large bucket
        centre = np.repeat(np.minimum.reduceat(num, starts)[large], sizes[large])
        members = np.concatenate(
            [num[s : s + n] for s, n in zip(starts[large], sizes[large], strict=True)]
        )
        codes.append(_codes(centre, members, total)[centre != members])
    return sorted_unique(np.concatenate(codes))


def _posting_codes(
    key: np.ndarray, num: np.ndarray, size: np.ndarray, max_posting: int, total: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs sharing a sampled shingle: codes, shared sampled shingles here, and the smaller
    of the two documents' numbers of sampled shingles."""
    left, right = pairs_within_groups(key, window=max_posting, max_group=max_posting)
    codes = _codes(num[left], num[right], total)
    order = np.argsort(codes)
    codes, smaller = codes[order], np.minimum(size[left], size[right])[order]
    first = _runs(codes)
    return codes[first], np.diff(np.append(first, len(codes))), smaller[first]


def _exact_merges(rows: Sequence[Mapping[str, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    lo = _cat(rows, "lo")
    shared = _shared(lo)
    hi, lo, num = _cat(rows, "hi")[shared], lo[shared], _cat(rows, "num")[shared]
    order = np.lexsort((num, lo, hi))
    hi, lo, num = hi[order], lo[order], num[order]
    first = _runs(hi, lo)
    rep = np.repeat(num[first], np.diff(np.append(first, len(num))))
    return num[rep != num], rep[rep != num]


def _anchors(key: np.ndarray, num: np.ndarray) -> dict[str, np.ndarray]:
    """The sampled shingles (sorted ``key``, one row per exact group) that more than one
    exact group holds, with the smallest number of each."""
    if len(key) < 2:
        return {"key": key[:0], "num": num[:0]}
    same = key[1:] == key[:-1]
    shared = np.concatenate(([False], same)) | np.concatenate((same, [False]))
    return {"key": key[shared], "num": num[shared]}


def bucket_task(
    config: DedupConfig, total: int, groups: np.ndarray, *pieces: tuple[Any, Any, Any]
) -> list[Any]:
    """Step 2 for one partition: ``[exact merges, anchors, *pairs]``, pairs ``g`` for verify
    group ``g`` (``groups``: where each group's numbers start, one more than groups); the
    anchors (:func:`_anchors`) are empty without ``config.passages``."""
    exact = _exact_merges([p[0] for p in pieces])
    key, num = _representatives([p[1] for p in pieces])
    band = _band_codes(key, num, config.max_bucket, total)
    key, num, size = _representatives([p[2] for p in pieces], "size")
    anchors = _anchors(key, num) if config.passages else _anchors(key[:0], num[:0])
    posted, counts, smaller = _posting_codes(key, num, size, config.max_posting, total)
    band_group = np.searchsorted(groups, band // total, side="right") - 1
    post_group = np.searchsorted(groups, posted // total, side="right") - 1
    out: list[Any] = [exact, anchors]
    for g in range(len(groups) - 1):
        wanted = post_group == g
        out.append(
            {
                "band": band[band_group == g],
                "cont": posted[wanted],
                "count": counts[wanted],
                "smaller": smaller[wanted],
            }
        )
    return out


# --- 3-4. verification ---------------------------------------------------------------------


def _gather(prints: Prints, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The shingles of ``rows``, concatenated, and their bounds."""
    starts, ends = prints.bounds[rows], prints.bounds[rows + 1]
    lengths = ends - starts
    bounds = np.concatenate(([0], np.cumsum(lengths)))
    at = np.repeat(starts - bounds[:-1], lengths) + np.arange(bounds[-1])
    return prints.shingles[at], bounds


def _contained(pieces: Sequence[Mapping[str, np.ndarray]], overlap_threshold: float) -> np.ndarray:
    """The containment candidates: pairs sharing at least half the sampled shingles expected
    at ``overlap_threshold`` (and at least one), the local engine's rule."""
    codes, counts, smaller = _cat(pieces, "cont"), _cat(pieces, "count"), _cat(pieces, "smaller")
    order = np.argsort(codes)
    codes, counts, smaller = codes[order], counts[order], smaller[order]
    first = _runs(codes)
    if not len(first):
        return codes
    needed = np.maximum(1, np.floor(0.5 * overlap_threshold * smaller[first]))
    return codes[first][np.add.reduceat(counts, first) >= needed]


def verify_first(
    total: int,
    start: int,
    groups: np.ndarray,
    overlap_threshold: float,
    shards: int,
    *args: Any,
) -> list[Any]:
    """Step 3 for one verify group (``args``: the prints of its ``shards`` shards, joined here
    rather than kept joined in the object store, its documents numbered from ``start``; then
    the pieces): returns ``[pairs, *pieces]``, piece ``g`` for the verify group of the pairs'
    ``b``."""
    prints, pieces = joined(args[:shards]), args[shards:]
    codes = sorted_unique(
        np.concatenate([_cat(pieces, "band"), _contained(pieces, overlap_threshold)])
    )
    flat, bounds = _gather(prints, codes // total - start)
    target = np.searchsorted(groups, codes % total, side="right") - 1
    out: list[Any] = [len(codes)]
    for g in range(len(groups) - 1):
        wanted = np.flatnonzero(target == g)
        part_flat, part_bounds = _gather(Prints(flat, bounds, prints.signatures[:0]), wanted)
        out.append({"code": codes[wanted], "flat": part_flat, "bounds": part_bounds})
    return out


def verify_second(
    total: int, start: int, config: DedupConfig, keep_all: bool, shards: int, *args: Any
) -> dict[str, np.ndarray]:
    """Step 4 for one verify group (as :func:`verify_first`): the pairs that merge or overlap
    (all the pairs with ``keep_all``) with their exact Jaccard and containment."""
    prints, pieces = joined(args[:shards]), args[shards:]
    codes = _cat(pieces, "code")
    theirs = Prints(
        np.concatenate([p["flat"] for p in pieces]) if pieces else np.empty(0, np.uint32),
        np.concatenate([[0]] + [p["bounds"][1:] + o for p, o in _bases(pieces)]),
        prints.signatures[:0],
    )
    rows = codes % total - start
    jaccard = np.empty(len(codes))
    contained = np.empty(len(codes))
    for i, row in enumerate(rows.tolist()):
        a, b = theirs.of(i), prints.of(row)
        inter = intersection_size(a, b)
        union = len(a) + len(b) - inter
        smallest = min(len(a), len(b))
        jaccard[i] = inter / union if union else 0.0
        contained[i] = inter / smallest if smallest else 0.0
    if not keep_all:
        found = config.duplicate(jaccard, contained) | (contained >= config.overlap_threshold)
        codes, jaccard, contained = codes[found], jaccard[found], contained[found]
    return {"code": codes, "jaccard": jaccard, "containment": contained}


def _bases(pieces: Sequence[Mapping[str, np.ndarray]]) -> list[tuple[Mapping[str, Any], int]]:
    starts = np.cumsum([0] + [len(p["flat"]) for p in pieces[:-1]])
    return list(zip(pieces, starts.tolist(), strict=True))


# --- the driver ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Facts:
    """What the canonical policy reads of a document."""

    id: str
    metadata: Mapping[str, Any]
    length: int


def facts_task(docs: Any, rows: np.ndarray) -> list[tuple[str, str, int]]:
    """``(id, metadata, length)`` of some rows of a shard's documents."""
    picked = docs.take(rows).select(["id", "metadata", "length"]).to_pydict()
    return list(zip(picked["id"], picked["metadata"], picked["length"], strict=True))


@dataclasses.dataclass
class _Tasks:
    """The remote functions and the layout of one dedup run."""

    ray: Any
    shards: Shards
    config: DedupConfig
    partitions: int

    def __post_init__(self) -> None:
        remote = self.ray.remote
        count = len(self.shards.prints)
        groups = max(1, min(self.partitions, count))
        self.cut = np.unique(np.linspace(0, count, groups + 1).round().astype(np.int64))
        self.groups = self.shards.offsets[self.cut]
        self.group_prints = [
            self.shards.prints[self.cut[g] : self.cut[g + 1]] for g in range(len(self.cut) - 1)
        ]
        self.first = remote(verify_first).options(num_returns=len(self.groups))
        self.second = remote(verify_second)

    def verify(self, pieces: Sequence[Sequence[Any]], keep_all: bool) -> list[Any]:
        """Steps 3-4: ``pieces[q][g]`` is what sender ``q`` has for verify group ``g``."""
        total, groups, config = self.shards.total, self.groups, self.config
        firsts = [
            self.first.remote(
                total,
                int(groups[g]),
                groups,
                config.candidate_containment,
                len(prints),
                *prints,
                *[q[g] for q in pieces],
            )
            for g, prints in enumerate(self.group_prints)
        ]
        return self.ray.get(
            [
                self.second.remote(
                    total,
                    int(groups[g]),
                    config,
                    keep_all,
                    len(prints),
                    *prints,
                    *[f[1 + g] for f in firsts],
                )
                for g, prints in enumerate(self.group_prints)
            ]
        )

    def candidates(self) -> tuple[list[Any], list[Any], list[Any]]:
        """Steps 1-4: the exact merges, the anchors and the verified pairs."""
        remote, shards, parts = self.ray.remote, self.shards, max(2, self.partitions)
        exchange = remote(exchange_task).options(num_returns=parts + 1)
        bucket = remote(bucket_task).options(num_returns=len(self.groups) + 1)
        sent = [
            exchange.remote(prints, int(offset), self.config, parts)
            for prints, offset in zip(shards.prints, shards.offsets[:-1].tolist(), strict=True)
        ]
        buckets = [
            bucket.remote(self.config, shards.total, self.groups, *[s[1 + p] for s in sent])
            for p in range(parts)
        ]
        verified = self.verify([b[2:] for b in buckets], keep_all=False)
        anchors = self.ray.get([b[1] for b in buckets])
        return self.ray.get([b[0] for b in buckets]), anchors, verified

    def jaccard(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """The exact Jaccard of pairs of documents, by Ray tasks."""
        total = self.shards.total
        codes = _codes(a, b, total)
        group = np.searchsorted(self.groups, codes // total, side="right") - 1
        empty = np.empty(0, dtype=np.int64)
        pieces = [
            self.ray.put(
                {"band": codes[group == g], "cont": empty, "count": empty, "smaller": empty}
            )
            for g in range(len(self.groups) - 1)
        ]
        found = self.verify([pieces], keep_all=True)
        scores = dict(
            zip(_cat(found, "code").tolist(), _cat(found, "jaccard").tolist(), strict=True)
        )
        return np.array([scores[c] for c in codes.tolist()], dtype=np.float64)

    def facts(self, numbers: np.ndarray) -> dict[int, _Facts]:
        """The canonical policy's facts of some documents, fetched from their shards."""
        fetch = self.ray.remote(facts_task)
        offsets = self.shards.offsets
        shard = np.searchsorted(offsets, numbers, side="right") - 1
        wanted = [np.flatnonzero(shard == s) for s in range(len(self.shards.docs))]
        refs = [
            (s, fetch.remote(self.shards.docs[s], numbers[w] - offsets[s]))
            for s, w in enumerate(wanted)
            if len(w)
        ]
        out: dict[int, _Facts] = {}
        for s, ref in refs:
            for number, (doc_id, meta, length) in zip(
                numbers[wanted[s]].tolist(), self.ray.get(ref), strict=True
            ):
                out[number] = _Facts(doc_id, json.loads(meta) if meta else {}, length)
        return out


@dataclasses.dataclass(frozen=True)
class Deduplicated:
    """What :func:`deduplicate_shards` found: the memberships of the documents that are not
    alone, by id; with ``passages``, the anchors (sampled shingles that more than one exact
    group holds, each row owned by the number of its exact group's smallest id, unsorted)
    and the ids of the numbers dedup looked at."""

    memberships: dict[str, Membership]
    anchor_keys: np.ndarray
    anchor_owners: np.ndarray
    ids: dict[int, str]
    seconds: dict[str, float]  # wall time of each step, as the driver saw it


def deduplicate_shards(
    ray: Any,
    shards: Shards,
    config: DedupConfig,
    partitions: int,
    driver_edges: int | None = None,
) -> Deduplicated:
    """The memberships of the documents that are not alone (the others are "only member of
    its cluster", or "empty after cleaning" without shingles), by id. Steps 1-6 above."""
    clock = StepClock()
    tasks = _Tasks(ray, shards, config, partitions)
    exact, anchors, verified = tasks.candidates()
    clock.lap("candidates")
    total = shards.total
    members, reps = _cat([{"m": e[0]} for e in exact], "m"), _cat([{"r": e[1]} for e in exact], "r")
    codes, jaccard = _cat(verified, "code"), _cat(verified, "jaccard")
    containment = _cat(verified, "containment")
    merge = config.duplicate(jaccard, containment)
    edge_a = np.concatenate([reps, codes[merge] // total])
    edge_b = np.concatenate([members, codes[merge] % total])
    if len(edge_a) > (DRIVER_EDGES if driver_edges is None else driver_edges):
        node, root = distributed_components(ray, edge_a, edge_b, max(2, partitions))
    else:
        node, root = components(edge_a, edge_b)
    clock.lap("components")
    home = dict(
        zip(node.tolist(), root.tolist(), strict=True)
    )  # not yet the canonical: the smallest
    rep_of = dict(zip(members.tolist(), reps.tolist(), strict=True))
    group: dict[int, list[int]] = {}
    for member, rep in rep_of.items():
        group.setdefault(rep, []).append(member)
    overlaps = [
        (a, b, score)
        for code, score in zip(codes[~merge].tolist(), containment[~merge].tolist(), strict=True)
        for a in [code // total, *group.get(code // total, ())]
        for b in [code % total, *group.get(code % total, ())]
    ]
    clusters: dict[int, list[int]] = {}
    for number, smallest in home.items():
        clusters.setdefault(smallest, [smallest]).append(number)
    wanted = {n for pair in overlaps for n in pair[:2]} | set(home) | set(clusters)
    clock.lap("driver")
    facts = tasks.facts(np.array(sorted(wanted), dtype=np.int64))
    clock.lap("facts")
    canonical: dict[int, int] = {}
    reasons: dict[int, str] = {}
    stories: dict[int, str] = {}  # canonical -> the smallest id of its cluster
    for cluster in clusters.values():
        cluster.sort(key=lambda n: facts[n].id)
        pick, reason = choose_canonical([facts[n] for n in cluster])
        reasons[cluster[pick]] = reason
        stories[cluster[pick]] = facts[cluster[0]].id
        for n in cluster:
            canonical[n] = cluster[pick]
    pairs = [
        (n, c) for n, c in canonical.items() if n != c and rep_of.get(n, n) != rep_of.get(c, c)
    ]
    similarity = {n: 1.0 for n, c in canonical.items() if n != c}
    if pairs:
        a, b = np.array(pairs, dtype=np.int64).T
        clock.lap("driver")
        similarity.update(zip(a.tolist(), tasks.jaccard(a, b).tolist(), strict=True))
        clock.lap("jaccard")
    found = _memberships(
        facts, canonical, reasons, similarity, overlaps, stories if config.passages else None
    )
    if not config.passages:
        empty = np.empty(0, dtype=np.int64)
        clock.lap("driver")
        return Deduplicated(found, empty, empty, {}, clock.seconds)
    keys, owners = _cat(anchors, "key"), _cat(anchors, "num")
    first = {rep: min((rep, *more), key=lambda n: facts[n].id) for rep, more in group.items()}
    if first:
        reps_sorted = np.array(sorted(first), dtype=np.int64)
        at = np.minimum(np.searchsorted(reps_sorted, owners), len(reps_sorted) - 1)
        hit = reps_sorted[at] == owners
        swap = np.array([first[r] for r in reps_sorted.tolist()], dtype=np.int64)
        owners = np.where(hit, swap[at], owners)
    ids = {n: f.id for n, f in facts.items()}
    clock.lap("driver")
    return Deduplicated(found, keys, owners, ids, clock.seconds)


def _memberships(
    facts: Mapping[int, _Facts],
    canonical: Mapping[int, int],
    reasons: Mapping[int, str],
    similarity: Mapping[int, float],
    overlaps: Sequence[tuple[int, int, float]],
    stories: Mapping[int, str] | None,
) -> dict[str, Membership]:
    """``stories``: each cluster's smallest id, by canonical number (None: no stories)."""
    listed: dict[int, list[tuple[str, float]]] = {}
    for a, b, score in overlaps:
        listed.setdefault(a, []).append((facts[b].id, score))
        listed.setdefault(b, []).append((facts[a].id, score))
    duplicates: dict[int, list[str]] = {}
    for n, c in canonical.items():
        if n != c:
            duplicates.setdefault(c, []).append(facts[n].id)
    out: dict[str, Membership] = {}
    for n in set(canonical) | set(listed):
        doc_id, target = facts[n].id, canonical.get(n, n)
        found = tuple(sorted(listed.get(n, ()), key=lambda p: (-p[1], p[0])))
        if target == n:
            reason, rule, sim, dup = reasons.get(n, ALONE), None, None, None
        else:
            sim, dup = similarity[n], facts[target].id
            rule = "exact-duplicate" if sim == 1.0 else "near-duplicate"
            reason = f"{rule} of {dup} (Jaccard {sim:.3f})"
        out[doc_id] = Membership(
            cluster=facts[target].id,
            canonical=dup is None,
            duplicate_of=dup,
            similarity=sim,
            overlaps=found,
            reason=reason,
            rule=rule,
            duplicates=tuple(sorted(duplicates.get(n, ()))) if dup is None else (),
            story=None if stories is None else stories.get(target, facts[target].id),
        )
    return out


def membership_of(
    doc_id: str, nshingles: int, memberships: Mapping[str, Membership], stories: bool = False
) -> Membership:
    """A document's membership: found by dedup, or alone (or empty), its own story when
    ``stories`` (passages were looked for)."""
    found = memberships.get(doc_id)
    if found is not None:
        return found
    reason = ALONE if nshingles else EMPTY
    return Membership(doc_id, True, None, None, reason=reason, story=doc_id if stories else None)
