"""After the workers: dedup over what they kept, then each document with its place, in id order.

:func:`dedup_stage` calls :func:`~cleancorpus.dedup.deduplicate.deduplicate` on the
:class:`~.local.Kept` records; :func:`placements` walks the documents in id order with their
:class:`~cleancorpus.records.Membership`, counting what the report needs as it goes.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping

from ..dedup.deduplicate import DedupConfig, deduplicate
from ..errors import CleancorpusError
from ..records import Membership
from ..report.summary import Tally
from .local import Kept


def dedup_stage(
    kept: Mapping[str, Kept], config: DedupConfig, tally: Tally
) -> dict[str, Membership]:
    """Each document's membership; the time it took goes into ``tally``."""
    t0 = time.perf_counter()
    memberships = deduplicate((kept[doc_id].info for doc_id in sorted(kept)), config)
    missing = [doc_id for doc_id in kept if doc_id not in memberships]
    if missing:
        raise CleancorpusError(f"internal error: dedup returned no membership for {missing[:3]}")
    tally.add_time("dedup", time.perf_counter() - t0)
    return memberships


def placements(
    kept: Mapping[str, Kept], memberships: Mapping[str, Membership], tally: Tally
) -> Iterator[tuple[Kept, Membership]]:
    """Yield each document with its membership, in id order, counting as it goes."""
    for doc_id in sorted(kept):
        entry, m = kept[doc_id], memberships[doc_id]
        tally.documents += 1
        tally.characters_in += entry.original_length
        tally.characters_out += entry.info.length
        tally.add_removals(entry.counts)
        if m.canonical:
            tally.canonical += 1
            tally.characters_canonical += entry.info.length
        yield entry, m
