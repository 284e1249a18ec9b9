"""The Ray engine's boilerplate learning, in its one pass, as the local engine learns.

The prepare tasks already profiled every rule-cleaned document (:class:`~.ray_prepare.Profiles`,
kept with its shard); then (``D`` distributed, ``d`` on the driver):

1. D **line count** (one task per shard): each shard counts its documents' distinct
   edge-line hashes and sends ``(hash, documents)`` arrays hash-partitioned into ``P``
   partitions; one task per partition sums them and returns only the hashes on at least
   ``min_documents`` documents (the *frequent* ones: only they can be learned).
2. D **holders** (one task per shard): the profiles of the documents that hold a frequent
   hash, with their fingerprint's shingles, and a per-site count of the others.
3. d the local engine's :func:`~cleancorpus.learning.boilerplate.learn_from_profiles` over
   the holders and those counts (which gives what learning from every profile gives):
   near-copy grouping compares the documents of a line across every site, so it needs their
   shingles in one place. Those are the template pages.
4. D **relearn** (one task per shard holding a document the blocks touch): those documents,
   and only they, are cleaned again from their first results
   (:func:`~.stages.relearn_document`, as the local engine's ``relearn_task``) and
   fingerprinted again; they replace their first results in the shard before dedup. Each
   learned line gets its wording from the smallest id that holds it, as in the local engine.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..errors import CleancorpusError
from ..learning.boilerplate import (
    EdgeProfile,
    LearnConfig,
    LearnedBoilerplate,
    learn_from_profiles,
    site_key,
)
from ..options import RunOptions
from .columns import from_columns
from .ray_clock import StepClock
from .ray_components import partition_of
from .ray_dedup import Shards
from .ray_prepare import Prints, Profiles, doc_columns
from .stages import LearnedLines, StageSettings, note_learned_lines, relearn_document

Wordings = dict[int, tuple[str, str, str]]  # line hash -> (id, key, line), the smallest id


def count_task(profiles: Profiles, partitions: int) -> list[dict[str, np.ndarray]]:
    """Step 1 for one shard: ``(key, documents)`` of its distinct edge-line hashes (each
    document's are distinct already), piece ``p`` for partition ``p``."""
    keys, counts = np.unique(profiles.keys, return_counts=True)
    part = partition_of(keys.view(np.int64), partitions)
    order = np.argsort(part, kind="stable")
    bounds = np.searchsorted(part[order], np.arange(partitions + 1))
    return [
        {
            "key": keys[order[bounds[p] : bounds[p + 1]]],
            "count": counts[order[bounds[p] : bounds[p + 1]]],
        }
        for p in range(partitions)
    ]


def frequent_task(minimum: int, *pieces: Mapping[str, np.ndarray]) -> np.ndarray:
    """Step 1 for one partition: its hashes on at least ``minimum`` documents, sorted."""
    keys = np.concatenate([p["key"] for p in pieces] or [np.empty(0, np.uint64)])
    counts = np.concatenate([p["count"] for p in pieces] or [np.empty(0, np.int64)])
    if not len(keys):
        return keys
    order = np.argsort(keys, kind="stable")
    keys, counts = keys[order], counts[order]
    first = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    return keys[first][np.add.reduceat(counts, first) >= minimum]


@dataclasses.dataclass(frozen=True)
class Holders:
    """What step 2 sends of one shard: its rows holding a frequent hash, their ids and their
    profiles (:class:`~.ray_prepare.Profiles` of those rows) with their fingerprints'
    shingles, ``shingles[shingle_bounds[i]:shingle_bounds[i + 1]]`` — numpy arrays, which
    Ray moves without pickling each document (profile objects cost ~30 us each to unpickle)."""

    rows: np.ndarray  # int64, rows of the shard
    ids: tuple[str, ...]
    profiles: Profiles
    shingles: np.ndarray  # uint32
    shingle_bounds: np.ndarray  # int64

    def edge_profiles(self) -> list[EdgeProfile]:
        """The rows' :class:`~cleancorpus.learning.boilerplate.EdgeProfile` (views)."""
        p, cut = self.profiles, self.shingle_bounds
        return [
            p.profile(i, doc_id, self.shingles[cut[i] : cut[i + 1]])
            for i, doc_id in enumerate(self.ids)
        ]


def _take(
    values: np.ndarray, bounds: np.ndarray, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The slices ``values[bounds[r]:bounds[r + 1]]`` of ``rows``, concatenated, and their
    bounds."""
    starts = bounds[rows]
    sizes = bounds[rows + 1] - starts
    cut = np.concatenate(([0], np.cumsum(sizes, dtype=np.int64)))
    return values[np.repeat(starts - cut[:-1], sizes) + np.arange(cut[-1])], cut


def holders_task(
    docs: Any, prints: Prints, profiles: Profiles, frequent: np.ndarray
) -> tuple[Holders, dict[str, int]]:
    """Step 2 for one shard: the rows holding a frequent hash with their profiles and
    shingles, and the number of the other documents by site."""
    sizes = np.diff(profiles.bounds)
    owner = np.repeat(np.arange(len(sizes)), sizes)
    rows = np.unique(owner[np.isin(profiles.keys, frequent)]).astype(np.int64)
    held = np.zeros(len(sizes), dtype=bool)
    held[rows] = True
    ids = docs.column("id").take(rows).to_pylist()
    keys, bounds = _take(profiles.keys, profiles.bounds, rows)
    words, _ = _take(profiles.words, profiles.bounds, rows)
    cores, core_bounds = _take(profiles.cores, profiles.core_bounds, rows)
    shingles, shingle_bounds = _take(prints.shingles, prints.bounds, rows)
    sites = tuple(profiles.sites[r] for r in rows.tolist())
    found = Profiles(sites, keys, words, bounds, cores, core_bounds)
    others = Counter(s for s, h in zip(profiles.sites, held.tolist(), strict=True) if not h)
    return Holders(rows, tuple(ids), found, shingles, shingle_bounds), dict(others)


def relearn_task(
    docs: Any, prints: Prints, rows: np.ndarray, settings: StageSettings
) -> tuple[Any, Prints, Wordings]:
    """Step 4 for one shard: its documents and prints with ``rows`` cleaned again with
    ``settings.clean.learned``, and the wording of each learned line they hold."""
    import pyarrow as pa

    learned, fingerprinter = settings.clean.learned, settings.fingerprinter
    if learned is None or fingerprinter is None:
        raise CleancorpusError("internal error: relearn_task needs learned blocks")
    first = from_columns(docs.take(pa.array(rows, pa.int64())))
    wordings: Wordings = {}
    changed: list[int] = []
    again = []
    for row, doc in sorted(zip(rows.tolist(), first, strict=True), key=lambda r: r[1].id):
        site = site_key(doc.id, doc.metadata)
        lines: LearnedLines = {}
        note_learned_lines(doc.text, learned, site, lines)
        for hashed, (key, line) in lines.items():
            wordings.setdefault(hashed, (doc.id, key, line))
        cleaned = relearn_document(doc, site, settings.clean)
        if cleaned is not None:
            changed.append(row)
            again.append(cleaned)
    if not changed:
        return docs, prints, wordings
    fingerprints = fingerprinter.batch([d.text for d in again])
    table = pa.Table.from_pydict(
        {k: v for k, v in doc_columns(again, fingerprints).items() if k in docs.schema.names},
        schema=docs.schema,
    )
    order = np.arange(docs.num_rows)
    order[changed] = docs.num_rows + np.arange(len(changed))
    merged = pa.concat_tables([docs, table]).take(pa.array(order, pa.int64()))
    return merged, prints.replaced(changed, fingerprints), wordings


@dataclasses.dataclass(frozen=True)
class LearnedShards:
    """What learning in the pass gives: the blocks, the shards with the documents they touch
    being cleaned again (refs to the results of the relearn tasks, which may still run; their
    profiles dropped: no longer needed), the wording of their lines (refs, see
    :meth:`with_lines`) and the wall time of each step the driver waited for."""

    blocks: LearnedBoilerplate  # without the wording of their lines
    shards: Shards
    wordings: list[Any]
    seconds: dict[str, float]

    def with_lines(self, ray: Any) -> LearnedBoilerplate:
        """The blocks with their lines worded (waits for the relearn tasks)."""
        return self.blocks.with_lines(_lines(ray.get(self.wordings)))


def learn_shards(
    ray: Any, shards: Shards, options: RunOptions, config: LearnConfig, partitions: int
) -> LearnedShards:
    """Steps 1-4 over the prepared shards (their ``profiles`` set). Returns without waiting
    for step 4: once the caller lets go of ``shards``, each shard's first results are freed
    as soon as its relearn task is done, so that the object store does not hold two copies
    of the corpus."""
    if len(shards.profiles) != len(shards.docs):
        raise CleancorpusError("internal error: learning over shards without profiles")
    clock = StepClock()
    frequent = ray.put(_frequent(ray, shards.profiles, config.min_documents, partitions))
    clock.lap("count")
    holders = ray.get(
        [
            ray.remote(holders_task).remote(d, pr, pf, frequent)
            for d, pr, pf in zip(shards.docs, shards.prints, shards.profiles, strict=True)
        ]
    )
    clock.lap("holders")
    others: Counter[str] = Counter()
    for _, counts in holders:
        others.update(counts)
    found = [h.edge_profiles() for h, _ in holders]
    learned = learn_from_profiles((p for f in found for p in f), config, others=dict(others))
    clock.lap("local")
    settings = ray.put(StageSettings.of(options, None, learned))
    relearn = ray.remote(relearn_task).options(num_returns=3)
    docs, prints = list(shards.docs), list(shards.prints)
    pending: list[Any] = []
    for s, ((held, _), profiles) in enumerate(zip(holders, found, strict=True)):
        rows = held.rows
        touched = rows[[learned.touches(p) for p in profiles]] if len(rows) else rows
        if len(touched):
            docs[s], prints[s], wordings = relearn.remote(docs[s], prints[s], touched, settings)
            pending.append(wordings)
    clock.lap("relearn_submit")
    return LearnedShards(
        learned,
        dataclasses.replace(shards, docs=tuple(docs), prints=tuple(prints), profiles=()),
        pending,
        clock.seconds,
    )


def _frequent(ray: Any, profiles: Sequence[Any], minimum: int, partitions: int) -> np.ndarray:
    """Step 1: the edge-line hashes on at least ``minimum`` documents, sorted."""
    parts = max(1, partitions)
    count = ray.remote(count_task).options(num_returns=parts)
    counted = [count.remote(p, parts) for p in profiles]
    if parts == 1:  # one return is a ref, not a list of them
        counted = [[c] for c in counted]
    found = ray.get(
        [ray.remote(frequent_task).remote(minimum, *[c[p] for c in counted]) for p in range(parts)]
    )
    return np.sort(np.concatenate([*found, np.empty(0, np.uint64)]))


def _lines(found: Sequence[Wordings]) -> dict[int, tuple[str, str]]:
    """The wording of each learned line from the smallest id holding it, over all shards."""
    best: Wordings = {}
    for wordings in found:
        for hashed, wording in wordings.items():
            if hashed not in best or wording[0] < best[hashed][0]:
                best[hashed] = wording
    return {hashed: (key, line) for hashed, (_, key, line) in best.items()}
