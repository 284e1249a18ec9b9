"""The Ray engine's output: documents sorted by id in ranges, each range written by a task.

1. D **ranges**: a sample of each shard's ids (one task per shard) gives range bounds; each
   shard is cut by range (one task per shard).
2. D **one task per range** merges its pieces, sorts them by id and writes them with the
   local engine's :class:`~cleancorpus.output.writers.OutputWriter` into a part folder of the
   staging folder (:mod:`cleancorpus.output.parts`), the canonical texts straight under
   ``corpus/``; it gets only its range's memberships and returns its counts, where each
   cluster's lines start in its part and the passages it sampled for the report page.
3. D/d **placing**: as the range tasks finish, in range order, the driver adds up their
   counts and the sizes of their parts, which give where each part goes in the output
   files; one task per range copies its part there (``copy_file_range`` at an offset,
   :func:`~cleancorpus.output.parts.place_part`), so that the byte copy runs in the workers,
   several at once, and overlaps the writing of the next ranges, instead of in the driver.

The output is byte-identical to a sequential write: every file is in id order and each
range's bytes are those the sequential writer gives its documents. The tasks write into
the staging folder, so every Ray node must see OUTPUT's file system (one machine, or a
shared file system); a task that does not see the staging folder raises ConfigError.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import operator
import os
import pickle
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..output.parts import (
    JOINED,
    create_targets,
    finish_targets,
    part_folder,
    part_sizes,
    place_part,
)
from ..output.writers import DOCUMENTS, Encoded, OutputWriter, StoryCollector
from ..records import Membership, Passage
from ..report import summary
from ..report.html import KnownDocuments
from .columns import from_columns
from .ray_dedup import membership_of

SampleKey = tuple[str, str, int, int]
Packed = tuple[Any, ...]  # a membership as plain values: its id, then its fields in order
_FIELDS = tuple(f.name for f in dataclasses.fields(Membership))
_PASSAGE_FIELDS = tuple(f.name for f in dataclasses.fields(Passage))
_PASSAGES = 1 + _FIELDS.index("passages")  # where a packed membership has its passages


def pack_memberships(
    memberships: Mapping[str, Membership], bounds: Sequence[str] = ()
) -> list[bytes]:
    """Memberships as pickled tuples of plain values, one blob per id range ending at
    ``bounds``: what the driver sends to tasks. Pickling a slotted dataclass runs Python
    code for every object, and Ray serializes containers through msgpack with a Python
    callback per object; one pickle of tuples of strings and numbers runs in C, ~20 times
    as fast."""
    values, passage = operator.attrgetter(*_FIELDS), operator.attrgetter(*_PASSAGE_FIELDS)
    out: list[list[Packed]] = [[] for _ in range(len(bounds) + 1)]
    for doc_id, m in memberships.items():
        row = (doc_id, *values(m))
        if m.passages:
            row = (*row[:_PASSAGES], tuple(passage(p) for p in m.passages), *row[_PASSAGES + 1 :])
        out[bisect.bisect_right(bounds, doc_id) if bounds else 0].append(row)
    return [pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL) for rows in out]


def unpack_memberships(blob: bytes) -> dict[str, Membership]:
    """One blob of :func:`pack_memberships` back as memberships by id."""
    rows: list[Packed] = pickle.loads(blob)
    out: dict[str, Membership] = {}
    for row in rows:
        fields = list(row[1:])
        if fields[_PASSAGES - 1]:
            fields[_PASSAGES - 1] = tuple(Passage(*p) for p in fields[_PASSAGES - 1])
        out[row[0]] = Membership(*fields)
    return out


def sample_ids(docs: Any, every: int) -> list[str]:
    """Ray task: every ``every``-th id of a shard, in id order."""
    return sorted(docs.column("id").to_pylist())[::every]


def split_by_id(docs: Any, bounds: list[str]) -> list[Any]:
    """Ray task: a shard's documents cut into the id ranges ending at ``bounds``
    (``[rows, *parts]``)."""
    ordered = docs.sort_by("id")
    ids = ordered.column("id").to_pylist()
    cuts = [0, *(bisect.bisect_left(ids, b) for b in bounds), len(ids)]
    return [len(ids), *(ordered.slice(a, b - a) for a, b in itertools.pairwise(cuts))]


@dataclass
class RangeWritten:
    """What the task writing one id range reports back."""

    tally: summary.Tally
    lines: dict[str, list[int]]  # cluster -> byte offsets of its lines in this part
    sizes: dict[str, int]  # bytes of each of the part's files
    overlapping: int
    stories: StoryCollector


def write_range(
    staging: str,
    number: int,
    packed: bytes,
    stories: bool,
    samples: list[SampleKey],
    *parts: Any,
) -> RangeWritten:
    """Ray task: sort one id range's documents and write them into its part folder."""
    import pyarrow as pa

    root = Path(staging)
    if not root.is_dir():
        raise ConfigError(
            f"a Ray task on {os.uname().nodename} cannot see the staging folder {staging}: "
            "with the Ray engine OUTPUT must be on a file system every node sees"
        )
    folder = part_folder(root, number)
    folder.mkdir(parents=True)
    memberships = unpack_memberships(packed)
    table = pa.concat_tables(parts).sort_by("id")
    tally = summary.Tally()
    with OutputWriter(folder, "write", corpus_root=root) as writer:
        writer.stories = StoryCollector(wanted=samples)
        shingled = table.column("nshingles").to_pylist()
        for doc, n in zip(from_columns(table), shingled, strict=True):
            m = membership_of(doc.id, n, memberships, stories)
            by_rule: dict[str, list[int]] = {}
            for r in doc.removals:
                slot = by_rule.setdefault(r.rule, [0, 0])
                slot[0] += 1
                slot[1] += r.end - r.start
            tally.documents += 1
            tally.characters_in += doc.original_length or 0
            tally.characters_out += len(doc.text)
            tally.add_removals({rule: (c, n) for rule, (c, n) in by_rule.items()})
            if m.canonical:
                tally.canonical += 1
                tally.characters_canonical += len(doc.text)
            encoded = Encoded.of(doc.id, doc.text, doc.metadata, doc.removals)
            writer.add_encoded(doc.id, encoded, m, doc.text, mirrored=doc.source == doc.id)
    return RangeWritten(
        tally, writer.cluster_lines, part_sizes(folder), writer.overlapping, writer.stories
    )


def place_range(staging: str, number: int, offsets: dict[str, int]) -> None:
    """Ray task: copy the part of range ``number`` into the output files at ``offsets``."""
    place_part(Path(staging), part_folder(Path(staging), number), offsets)


def _sample_keys(memberships: Mapping[str, Membership]) -> list[SampleKey]:
    """The passages the report page shows: those a sequential writer would sample."""
    probe = StoryCollector()
    for doc_id in sorted(i for i, m in memberships.items() if m.passages):
        probe.add(doc_id, None, memberships[doc_id].passages, str)
    return list(probe.samples)


def write_sorted(
    ray: Any,
    staging: Path,
    docs: list[Any],
    total: int,
    ranges: int,
    memberships: Mapping[str, Membership],
    stories: bool,
    tally: summary.Tally,
) -> KnownDocuments:
    """Write documents.jsonl, corpus.jsonl, removals.jsonl and corpus/ (steps 1-3) from the
    shards' documents ``docs`` (``total`` in all; the list is emptied once they are cut by
    range, so that Ray can free each as soon as it is cut); count into ``tally``; return what
    report.html needs (at least 16 ranges when there are as many shards, so that the driver
    joins one part while the next are written)."""
    t0 = time.perf_counter()
    ranges = max(ranges, min(len(docs), 16))
    every = max(1, total // (len(docs) * ranges * 8) or 1)
    sample = ray.remote(sample_ids)
    ids = sorted(i for found in ray.get([sample.remote(d, every) for d in docs]) for i in found)
    bounds = sorted({ids[len(ids) * r // ranges] for r in range(1, ranges)}) if ids else []
    split = ray.remote(split_by_id).options(num_returns=len(bounds) + 2)
    parts = [split.remote(shard, bounds) for shard in docs]
    docs.clear()
    keys = _sample_keys(memberships)
    samples = ray.put(keys)
    write = ray.remote(write_range)
    written = [
        write.remote(str(staging), r, ray.put(found), stories, samples, *[p[1 + r] for p in parts])
        for r, found in enumerate(pack_memberships(memberships, bounds))
    ]
    tally.add_time("write_submit", time.perf_counter() - t0)
    lines: dict[str, list[int]] = {}
    overlapping = 0
    collected: list[StoryCollector] = []
    create_targets(staging)
    place = ray.remote(place_range)
    placed = []
    at = dict.fromkeys(JOINED, 0)  # where the next part goes in each file
    t0 = time.perf_counter()
    for r, ref in enumerate(written):
        done: RangeWritten = ray.get(ref)
        placed.append(place.remote(str(staging), r, dict(at)))
        base = at[DOCUMENTS]
        for name, size in done.sizes.items():
            at[name] += size
        _add(tally, done.tally)
        for cluster, offsets in done.lines.items():
            lines.setdefault(cluster, []).extend(o + base for o in offsets)
        overlapping += done.overlapping
        collected.append(done.stories)
    t1 = time.perf_counter()
    ray.get(placed)
    finish_targets(staging, at)
    tally.add_time("write_ranges", t1 - t0)
    tally.add_time("write_place", time.perf_counter() - t1)
    return KnownDocuments(
        documents=tally.documents,
        canonical=tally.canonical,
        characters=tally.characters_out,
        characters_canonical=tally.characters_canonical,
        overlapping=overlapping,
        lines=lines,
        stories=StoryCollector.merged(collected, keys),
    )


def _add(tally: summary.Tally, part: summary.Tally) -> None:
    tally.documents += part.documents
    tally.canonical += part.canonical
    tally.characters_in += part.characters_in
    tally.characters_out += part.characters_out
    tally.characters_canonical += part.characters_canonical
    tally.add_removals({rule: (c, n) for rule, (c, n) in part.by_rule.items()})
