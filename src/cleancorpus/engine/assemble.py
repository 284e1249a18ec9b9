"""After the workers: dedup over what they kept, then each document with its place, in id order.

:func:`dedup_stage` calls :func:`~cleancorpus.dedup.deduplicate.deduplicate` on the
:class:`~.local.Kept` records; :func:`index_stage` matches the batch's canonical documents
against a persistent index of earlier batches and adds the new ones; :func:`placements` walks
the documents in id order with their :class:`~cleancorpus.records.Membership`, counting what
the report needs as it goes.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator, Mapping

from ..dedup.deduplicate import DedupConfig, deduplicate
from ..dedup.index import Index
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


def index_stage(
    kept: Mapping[str, Kept], memberships: Mapping[str, Membership], index: Index, tally: Tally
) -> dict[str, Membership]:
    """Match each cluster's canonical against the index (inside its session), then add the
    canonicals that matched nothing.

    A matched cluster joins the earlier document: every member becomes its duplicate, with
    its Jaccard similarity to it (exact when the index keeps shingle hashes, else estimated
    from the signatures) and a reason saying it was matched against the index.
    """
    t0 = time.perf_counter()
    before = len(index)
    canonicals = {i: kept[i].info.fingerprint for i, m in memberships.items() if m.canonical}
    matches = index.match(canonicals)
    out = dict(memberships)
    for canonical, match in matches.items():
        for member in (canonical, *memberships[canonical].duplicates):
            if member == canonical:
                similarity, exact = match.similarity, match.exact
            else:
                fingerprint = kept[member].info.fingerprint
                similarity, exact = index.similarity(fingerprint, match.signature, match.shingles)
            rule = "exact-duplicate" if similarity == 1.0 else "near-duplicate"
            how = "exact" if exact else "estimated from signatures"
            out[member] = dataclasses.replace(
                memberships[member],
                cluster=match.id,
                canonical=False,
                duplicate_of=match.id,
                similarity=similarity,
                rule=rule,
                reason=f"matched against the index: {rule} of {match.id} "
                f"(Jaccard {similarity:.3f}, {how})",
                duplicates=(),
            )
    added = index.add({i: fp for i, fp in canonicals.items() if i not in matches})
    tally.index = {
        "location": index.location,
        "entries_before": before,
        "matched": len(matches),
        "documents_matched": sum(1 + len(memberships[c].duplicates) for c in matches),
        "added": added,
        "verification": "exact" if index.keep_shingles else "estimated",
    }
    tally.add_time("index", time.perf_counter() - t0)
    return out


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
