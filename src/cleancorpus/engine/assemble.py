"""The last stages of the pipeline: dedup over the fingerprints, then each document's place.

Internal to :mod:`cleancorpus.pipeline`: :func:`dedup_stage` turns the entries the workers sent
back into :class:`~.dedup.DocInfo` records and calls :func:`~.dedup.deduplicate`;
:func:`placements` walks the documents in id order with their cluster, canonical flag and
duplicates, counting what the report needs as it goes.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping

from ..dedup import deduplicate as dedup
from ..dedup.deduplicate import DocInfo, Membership
from ..errors import CleancorpusError
from ..options import RunOptions
from ..output.writers import Placement
from ..report import summary as report
from .local import Entry


def dedup_stage(
    entries: Mapping[str, Entry], options: RunOptions, tally: report.Tally
) -> dict[str, Membership]:
    t0 = time.perf_counter()
    infos = [
        DocInfo(doc_id, e.fingerprint, e.metadata, e.length)
        for doc_id, e in sorted(entries.items())
    ]
    memberships = dedup.deduplicate(infos, options.dedup)
    missing = [doc_id for doc_id in entries if doc_id not in memberships]
    if missing:
        raise CleancorpusError(f"internal error: dedup returned no membership for {missing[:3]}")
    tally.add_time("dedup", time.perf_counter() - t0)
    return memberships


def placements(
    entries: Mapping[str, Entry], memberships: Mapping[str, Membership], tally: report.Tally
) -> Iterator[tuple[str, Entry, Placement]]:
    """Yield each document with its place after dedup, in id order, counting as it goes."""
    members: dict[str, list[str]] = {}
    ids = sorted(entries)
    for doc_id in ids:
        m = memberships[doc_id]
        if not m.canonical:
            members.setdefault(m.cluster, []).append(doc_id)
    for doc_id in ids:
        entry, m = entries[doc_id], memberships[doc_id]
        tally.documents += 1
        tally.characters_in += entry.chars_in
        tally.characters_out += entry.length
        tally.add_removals(entry.counts)
        if m.canonical:
            tally.canonical += 1
            tally.characters_canonical += entry.length
        duplicates = tuple(members.get(doc_id, ())) if m.canonical else ()
        place = Placement.of(m, duplicates)
        yield doc_id, entry, place
