"""Passages on the Ray engine: the local passage stage over the anchors dedup exchanged.

The local engine finds passages (:mod:`cleancorpus.dedup.passages`) from the sampled
shingles dedup already sorted, of one document per exact group, and the texts of the
candidates. Here (``D`` distributed, ``d`` on the driver):

1. D the **anchors**: the bucket tasks of :mod:`.ray_dedup` already hold every sampled
   shingle, partitioned by value, one row per exact group; each returns those that two or
   more exact groups hold (rarely more than a few per document: the unique ones, most of
   them, stay on the cluster).
2. d they are put together as the local engine's :class:`~cleancorpus.dedup.candidates.Anchors`
   (sorted by value, then owner id), with the owners' MinHash signatures fetched from their
   shards' prints (single-anchor pairs are confirmed with them), and
   :func:`~.assemble.passage_stage` runs unchanged: the candidate choice, repeated blocks,
   story groups.
3. D the **texts** it asks for (the candidates' and the repeated blocks' examples) are
   fetched from their shards by one Ray task per shard; d the alignment of all candidate
   pairs at once (:func:`~cleancorpus.dedup.passages.align_pairs`, numpy) runs on the
   driver, as in the local engine.

So the driver holds the shared anchors (16 bytes each) and the candidates' texts, as the
local engine's main process does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..dedup.candidates import Anchors
from ..dedup.deduplicate import Analysis, DedupConfig
from ..records import Membership
from ..report.summary import Tally
from .assemble import passage_stage
from .ray_dedup import Deduplicated, Shards, membership_of
from .ray_prepare import Prints


def column_task(docs: Any, rows: np.ndarray, name: str) -> list[Any]:
    """Ray task: one column of some rows of a shard's documents."""
    return docs.take(rows).column(name).to_pylist()


def signature_task(prints: Prints, rows: np.ndarray) -> np.ndarray:
    """Ray task: the MinHash signatures of some rows of a shard."""
    return np.asarray(prints.signatures[rows])


def _signatures(ray: Any, shards: Shards, numbers: np.ndarray) -> np.ndarray:
    """The signatures of the documents ``numbers`` (sorted), one row each, from their
    shards' prints: the passage stage confirms single-anchor pairs with them."""
    fetch = ray.remote(signature_task)
    offsets = shards.offsets
    shard = np.searchsorted(offsets, numbers, side="right") - 1
    parts = [
        fetch.remote(shards.prints[s], numbers[shard == s] - offsets[s])
        for s in np.unique(shard).tolist()
    ]
    return np.concatenate(ray.get(parts)) if parts else np.empty((0, 0), np.uint32)


def _fetch(ray: Any, shards: Shards, numbers: np.ndarray, name: str) -> dict[int, Any]:
    """Column ``name`` of the documents ``numbers``, fetched from their shards."""
    fetch = ray.remote(column_task)
    offsets = shards.offsets
    shard = np.searchsorted(offsets, numbers, side="right") - 1
    refs = []
    for s in np.unique(shard).tolist():
        picked = numbers[shard == s]
        refs.append((picked, fetch.remote(shards.docs[s], picked - offsets[s], name)))
    out: dict[int, Any] = {}
    for picked, ref in refs:
        out.update(zip(picked.tolist(), ray.get(ref), strict=True))
    return out


def ray_passage_stage(
    ray: Any, shards: Shards, found: Deduplicated, config: DedupConfig, tally: Tally | None
) -> dict[str, Membership]:
    """The memberships of :func:`~.ray_dedup.deduplicate_shards` with passages and story
    groups (as :func:`~.assemble.passage_stage` gives them in the local engine), plus the
    alone documents holding a shared anchor."""
    owners = np.unique(found.anchor_owners)
    ids = dict(found.ids)
    unknown = owners[[n not in ids for n in owners.tolist()]] if len(owners) else owners
    ids.update(_fetch(ray, shards, unknown, "id"))
    anchor_ids = sorted(ids[n] for n in owners.tolist())
    place = {doc_id: k for k, doc_id in enumerate(anchor_ids)}
    by_number = np.array([place[ids[n]] for n in owners.tolist()], dtype=np.int64)
    owner = by_number[np.searchsorted(owners, found.anchor_owners)]
    values = found.anchor_keys.astype(np.uint64)
    order = np.lexsort((owner, values))
    anchors = Anchors(values[order], owner[order], np.bincount(owner, minlength=len(place)))
    memberships = dict(found.memberships)
    for doc_id in anchor_ids:  # alone documents holding shared anchors: clusters of one
        if doc_id not in memberships:
            memberships[doc_id] = membership_of(doc_id, 1, memberships, stories=True)
    number_of = {doc_id: n for n, doc_id in ids.items()}

    def texts_of(wanted: Sequence[str]) -> Mapping[str, str]:
        numbers = np.array(sorted(number_of[i] for i in wanted), dtype=np.int64)
        return {ids[n]: text for n, text in _fetch(ray, shards, numbers, "text").items()}

    signatures = _signatures(ray, shards, owners)[np.argsort(by_number)]  # anchor_ids order
    analysis = Analysis(memberships, anchors, tuple(anchor_ids), signatures=signatures)
    return passage_stage(analysis, memberships, texts_of, config, tally)
