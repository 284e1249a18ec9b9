"""After the workers: dedup over what they kept, then each document with its place, in id order.

:func:`dedup_stage` calls :func:`~cleancorpus.dedup.deduplicate.deduplicate` on the
:class:`~.local.Kept` records; :func:`index_stage` matches the batch's canonical documents
against a persistent index of earlier batches and adds the new ones; :func:`placements` walks
the documents in id order with their :class:`~cleancorpus.records.Membership`, counting what
the report needs as it goes.
"""

from __future__ import annotations

import bisect
import dataclasses
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

import numpy as np

from ..dedup.deduplicate import Analysis, DedupConfig, analyse
from ..dedup.fingerprint import Fingerprinter
from ..dedup.index import Index
from ..dedup.passage_candidates import Owners
from ..dedup.passages import PassageResult, find_passages
from ..errors import CleancorpusError
from ..records import Membership
from ..report.summary import Tally
from .local import Kept


def dedup_stage(kept: Mapping[str, Kept], config: DedupConfig, tally: Tally) -> Analysis:
    """Each document's membership (and the anchors passages reuse); timed in ``tally``."""
    t0 = time.perf_counter()
    analysis = analyse((kept[doc_id].info for doc_id in sorted(kept)), config)
    missing = [doc_id for doc_id in kept if doc_id not in analysis.memberships]
    if missing:
        raise CleancorpusError(f"internal error: dedup returned no membership for {missing[:3]}")
    tally.add_time("dedup", time.perf_counter() - t0)
    return analysis


def passage_stage(
    analysis: Analysis,
    memberships: Mapping[str, Membership],
    texts_of: Callable[[Sequence[str]], Mapping[str, str]],
    config: DedupConfig,
    tally: Tally | None = None,
) -> dict[str, Membership]:
    """Shared passages between canonical documents, and every document's story group.

    ``texts_of(ids)`` gives the cleaned texts of the ids asked for; ``tally`` (optional)
    receives the stage's counts and time.

    Clusters that dedup already found overlapping (``overlaps``: half of one in the other)
    are linked in one story without being aligned again. Documents that joined an earlier
    batch's document (through the index) are linked to it, not aligned: its text is not here."""
    tally = tally if tally is not None else Tally()
    t0 = time.perf_counter()
    linked, first_story, complete = _overlapping(memberships)

    owners, ids = _owners(analysis, memberships)

    def name(label: int) -> str | None:  # None: the cluster joined an earlier batch's
        cluster = ids[label]
        m = memberships.get(cluster)
        return cluster if m is not None and m.cluster == cluster else None

    found = find_passages(
        analysis.anchors,
        owners,
        name,
        texts_of,
        linked=_labels(ids, linked),
        min_words=config.min_passage_words,
        max_docs=config.max_passage_docs,
        min_anchors=config.passage_anchors,
        sampling=config.overlap_sampling,
        shingle_size=config.shingle_size,
        permute=Fingerprinter(config).permuted,
    )
    for doc_id in found.passages:  # canonicals: their story so far is their cluster's
        first_story[doc_id] = memberships[doc_id].story or doc_id
    changed, groups = _stories(found, linked, first_story)
    out = dict(memberships)
    touched = _touched(memberships, changed, found.passages, complete)
    for doc_id in touched:  # the others keep theirs
        m = memberships[doc_id]
        if m.story is None or m.cluster in changed or doc_id in found.passages:
            out[doc_id] = Membership(  # field by field: dataclasses.replace is far slower
                m.cluster,
                m.canonical,
                m.duplicate_of,
                m.similarity,
                m.overlaps,
                m.reason,
                m.rule,
                m.duplicates,
                found.passages.get(doc_id, ()),
                changed.get(m.cluster, m.story or m.cluster),
            )
    tally.passages = {
        "pairs": found.pairs,
        "passages": sum(len(p) for p in found.passages.values()) // 2,
        "documents": len(found.passages),
        "story_groups": groups,
        "overlap_links": len(linked),
        "repeated_blocks": [
            {"stories": b.clusters, "example": b.example, "start": b.start, "end": b.end,
             "text": b.text}
            for b in found.repeated
        ],
    }  # fmt: skip
    tally.add_time("passages", time.perf_counter() - t0)
    return out


def _owners(
    analysis: Analysis, memberships: Mapping[str, Membership]
) -> tuple[Owners, Sequence[str]]:
    """Who holds the anchors, with cluster labels indexing the returned ids: as
    :func:`~cleancorpus.dedup.deduplicate.analyse` gives them, or, for an analysis without
    them (the Ray engine's: anchor ids and signatures), from the memberships."""
    if len(analysis.anchor_clusters) == len(analysis.anchor_ids):
        owners = Owners(analysis.anchor_clusters, analysis.anchor_canonical, analysis.signatures)
        return owners, analysis.ids
    homes = [memberships[doc_id].cluster for doc_id in analysis.anchor_ids]
    ids = sorted(set(homes))
    place = {cluster: k for k, cluster in enumerate(ids)}
    clusters = np.array([place[h] for h in homes], dtype=np.int64)
    canonical = np.array([a == h for a, h in zip(analysis.anchor_ids, homes, strict=True)])
    return Owners(clusters, canonical.astype(bool), analysis.signatures), ids


def _labels(ids: Sequence[str], pairs: Iterable[tuple[str, str]]) -> np.ndarray:
    """``(k, 2)``: the positions in the sorted ``ids`` of the pairs' two ids (pairs with an
    id not there left out)."""

    def at(x: str) -> int:
        k = bisect.bisect_left(ids, x)
        return k if k < len(ids) and ids[k] == x else -1

    found = [(at(a), at(b)) for a, b in pairs]
    return np.array([p for p in found if min(p) >= 0], dtype=np.int64).reshape(-1, 2)


def _touched(
    memberships: Mapping[str, Membership],
    changed: Iterable[str],
    passages: Iterable[str],
    complete: bool,
) -> Iterable[str]:
    """The ids whose membership the passage stage may change: the members of the clusters
    whose story changed (each canonical lists its duplicates) and the documents with
    passages; every id when some cluster's canonical is not here or, not ``complete``, a
    story is missing."""
    if not complete:
        return memberships
    touched = set(passages)
    for cluster in changed:
        m = memberships.get(cluster)
        if m is None or m.cluster != cluster:  # joined an earlier batch's document
            return memberships
        touched.update((cluster, *m.duplicates))
    return sorted(touched)


def _overlapping(
    memberships: Mapping[str, Membership],
) -> tuple[set[tuple[str, str]], dict[str, str], bool]:
    """Pairs ``(a, b)``, ``a < b``, of clusters holding documents that overlap, the story
    dedup gave each of those clusters, and whether every document has a story (one pass)."""
    pairs = set()
    stories: dict[str, str] = {}
    complete = True
    for m in memberships.values():
        if m.story is None:
            complete = False
        for other, _ in m.overlaps:
            n = memberships[other]
            if m.cluster != n.cluster:
                pairs.add((min(m.cluster, n.cluster), max(m.cluster, n.cluster)))
                stories[m.cluster] = m.story or m.cluster
                stories[n.cluster] = n.story or n.cluster
    return pairs, stories, complete


def _stories(
    found: PassageResult, linked: Iterable[tuple[str, str]], first_story: Mapping[str, str]
) -> tuple[dict[str, str], int]:
    """The new story of each linked cluster (the smallest of the stories dedup gave the
    clusters of its component over overlap and passage links), and how many stories hold
    more than one cluster. ``first_story`` has the story dedup gave every linked cluster."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    links = [(doc_id, p.other) for doc_id, ps in found.passages.items() for p in ps]
    for a, b in [*links, *linked]:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    components: dict[str, list[str]] = {}
    for cluster in parent:
        components.setdefault(root(cluster), []).append(cluster)
    stories: dict[str, str] = {}
    for members in components.values():
        story = min(first_story[c] for c in members)
        stories.update((c, story) for c in members)
    return stories, sum(len(m) > 1 for m in components.values())


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
            story = memberships[member].story
            out[member] = dataclasses.replace(
                memberships[member],
                story=None if story is None else min(story, match.id),  # the smallest id
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
