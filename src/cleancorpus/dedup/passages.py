"""Shared passages: reports that quote or reuse a passage of another, found and located.

The way text-reuse systems do it: rare n-gram anchors first, alignment around them after.

1. **Candidates** (:mod:`.passage_candidates`): the sampled shingles that dedup already
   sorted (one in ``overlap_sampling`` word 5-grams, see :mod:`.candidates`) of one document
   per cluster (its canonical), so near-copies of one story count once and no new sort is
   needed. A shingle held by two to ``max_passage_docs`` clusters makes those clusters
   candidates; two clusters sharing at least ``passage_anchors`` such shingles are aligned,
   and two sharing one when their MinHash signatures confirm it, each keeping its
   ``max_passage_docs`` best-anchored partners. Pairs the caller already linked (dedup's
   containment overlaps) are not aligned again. A shingle held by more clusters than that is
   not evidence of reuse between two reports but a block repeated across the corpus
   (boilerplate cleaning left, a stock phrase): it is reported once, as a hint for the
   cleaner, never as pairwise passages.
2. **Alignment** (:func:`align_pairs`, all candidate pairs at once) of the canonical texts:
   their word 5-grams (case-folded letters and digits, so quote styles, punctuation, white
   space and line wrapping do not matter) are matched, and matches are chained along a
   diagonal that may drift by ``MAX_DRIFT`` words (small insertions or deletions) across gaps
   of up to ``MAX_GAP`` words (small edits). A chain of at least ``min_passage_words`` words
   is a passage, located by character offsets into each cleaned text; its score is the share
   of its words covered by matching 5-grams.

Why 40 words by default: two or three sentences. Shorter common runs are set phrases and
quoted titles that unrelated reports share; a reused paragraph is longer. A passage with no
sampled shingle goes unnoticed: at 40 words with one edit (31 5-grams, 3.9 sampled on
average) that is 1.6% of passages, from 60 words almost none; one with a single sampled
shingle is found when the signatures confirm it (9 in 10 of those).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import regex

from ..records import Passage
from .candidates import Anchors
from .fingerprint import buffer_token_hashes, shingle_hashes, text_shingle_hashes
from .passage_candidates import (
    BLOCKS_SHOWN,
    Owners,
    Stories,
    candidates,
    common_anchors,
    examples,
    signatures_confirm,
    story_anchors,
)
from .tokens import blank_list_ordinals, normalize, token_buffer

GRAM = 5  # words per anchor n-gram in the alignment
MAX_GAP = 12  # words between two matches of one chain (edits)
MAX_DRIFT = 3  # words the diagonal may drift within one chain (insertions, deletions)
_GROUP_CHARS = 1 << 20  # characters of text tokenised together
_TOKEN = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]"
    r"|(?:(?![\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}])"
    r"[\p{L}\p{N}\p{M}])+"
)


@dataclass(frozen=True, slots=True)
class RepeatedBlock:
    """A passage many stories share: reported once, not as pairwise overlaps."""

    clusters: int  # stories holding it
    example: str  # the id of one document holding it
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class PassageResult:
    """Passages per document id (each listed on both sides), and the repeated blocks."""

    passages: dict[str, tuple[Passage, ...]]
    repeated: tuple[RepeatedBlock, ...]
    pairs: int  # document pairs sharing at least one passage


@dataclass(frozen=True)
class Words:
    """The words of several texts as compared, concatenated: text ``k`` holds words
    ``first[k]`` to ``first[k + 1]``; each word has its character offsets in its own text
    and the hash of the word 5-gram it starts (meaningless for a text's last four words)."""

    starts: np.ndarray  # int64
    ends: np.ndarray  # int64
    grams: np.ndarray  # uint32
    first: np.ndarray  # int64, len(texts) + 1

    def grams_of(self, k: int) -> np.ndarray:
        """The 5-gram hashes of text ``k``, in text order."""
        return self.grams[self.first[k] : max(self.first[k], self.first[k + 1] - GRAM + 1)]


def words(texts: Sequence[str]) -> Words:
    """:class:`Words` of ``texts``: case-folded letters and digits (no-space scripts by
    character). Texts are hashed in groups of about a megabyte (the arrays stay in cache);
    ASCII texts, the common case, in one pass per group."""
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    group: list[str] = []
    size = 0
    for k, text in enumerate(texts):
        group.append(text)
        size += len(text)
        if size > _GROUP_CHARS or k == len(texts) - 1:
            parts.extend(_group_words(group))
            group, size = [], 0
    first = np.cumsum([0] + [len(p[0]) for p in parts])
    if first[-1] == 0:
        empty = np.empty(0, np.int64)
        return Words(empty, empty, np.empty(0, np.uint32), first)
    grams = np.concatenate([p[0] for p in parts])
    starts = np.concatenate([p[1] for p in parts])
    ends = np.concatenate([p[2] for p in parts])
    return Words(starts, ends, grams, first)


def _group_words(texts: list[str]) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """``(grams, starts, ends)`` of each text (grams padded to one per word)."""
    plain = [k for k, text in enumerate(texts) if text.isascii()]
    parts: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    if plain:
        buffers = [token_buffer(texts[k]) for k in plain]  # same length as each text
        joined = b" ".join(buffers)
        hashes, _ = buffer_token_hashes(joined)
        word = np.frombuffer(joined, dtype=np.uint8) != 0x20
        edges = np.flatnonzero(word[1:] != word[:-1]) + 1
        if len(word) and word[0]:
            edges = np.concatenate(([0], edges))
        if len(word) and word[-1]:
            edges = np.append(edges, len(word))
        starts, ends = edges[0::2], edges[1::2]
        grams = _grams(hashes)
        base = np.cumsum([0] + [len(b) + 1 for b in buffers])
        cut = np.searchsorted(starts, base)
        for n, k in enumerate(plain):
            s, e = cut[n], cut[n + 1]
            parts[k] = (grams[s:e], starts[s:e] - base[n], ends[s:e] - base[n])
    for k, text in enumerate(texts):
        if k not in parts:
            keys, begin, finish = [], [], []
            for match in _TOKEN.finditer(blank_list_ordinals(text)):
                keys.append(normalize(match.group()))
                begin.append(match.start())
                finish.append(match.end())
            hashes, _ = buffer_token_hashes(" ".join(keys).encode("utf-8"))
            parts[k] = (_grams(hashes), np.array(begin, np.int64), np.array(finish, np.int64))
    return [parts[k] for k in range(len(texts))]


def _grams(hashes: np.ndarray) -> np.ndarray:
    """One 5-gram hash per word (those of the last four words of a text are never read)."""
    grams = np.zeros(len(hashes), dtype=np.uint32)
    if len(hashes) >= GRAM:
        grams[: len(hashes) - GRAM + 1] = shingle_hashes(hashes, GRAM)
    return grams


def align(a: str, b: str, min_words: int, other: str = "") -> list[Passage]:
    """The passages of at least ``min_words`` words that ``a`` and ``b`` share (``b`` named
    ``other`` in them), none overlapping another in either text, in text order."""
    (found,) = align_pairs(words([a, b]), np.array([[0, 1]]), min_words, [other])
    return found


def align_pairs(
    table: Words,
    pairs: np.ndarray,
    min_words: int,
    others: Sequence[str],
    anchors: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[list[Passage]]:
    """:func:`align` for each pair ``(a, b)`` of texts of ``table`` (``b`` named by
    ``others``), all at once: 5-gram matches per pair, then runs and chains over every pair
    with array operations. With ``anchors`` (the sorted 5-gram hashes of rare and of common
    anchors), a passage must hold more rare anchors than common ones: a block many stories
    share is no passage, even between two reports that also share a real one."""
    pair, i, j = _matches(table, pairs)
    found: list[list[Passage]] = [[] for _ in range(len(pairs))]
    marks = np.ones(len(i), dtype=np.int64)
    if anchors is not None:
        grams = table.grams[table.first[pairs[pair, 0]] + i]
        marks = _member(anchors[0], grams) - _member(anchors[1], grams)
    chains = _chains(pair, i, j, marks)
    if chains is None:
        return found
    pair, i0, i1, j0, j1, covered, held = chains
    length = np.maximum(i1 - i0, j1 - j0) + GRAM
    keep = np.flatnonzero((length >= min_words) & (held > 0))
    a_first = table.first[pairs[pair[keep], 0]]
    b_first = table.first[pairs[pair[keep], 1]]
    spans = zip(
        pair[keep].tolist(),
        table.starts[a_first + i0[keep]].tolist(),
        table.ends[a_first + i1[keep] + GRAM - 1].tolist(),
        table.starts[b_first + j0[keep]].tolist(),
        table.ends[b_first + j1[keep] + GRAM - 1].tolist(),
        length[keep].tolist(),
        (np.minimum(length[keep], covered[keep]) / length[keep]).tolist(),
        strict=True,
    )
    for k, start, end, other_start, other_end, size, score in spans:
        found[k].append(Passage(others[k], start, end, other_start, other_end, size, score))
    return [_disjoint(sorted(f, key=lambda s: (-s.words, s.start, s.other_start))) for f in found]


def _member(values: np.ndarray, items: np.ndarray) -> np.ndarray:
    """1 where ``items`` are in the sorted ``values``, else 0."""
    if len(values) == 0:
        return np.zeros(len(items), dtype=np.int64)
    at = np.minimum(np.searchsorted(values, items), len(values) - 1)
    return (values[at] == items).astype(np.int64)


def _matches(table: Words, pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(pair, i, j)``: every 5-gram at word ``i`` of a pair's first text found in its
    second (at ``j``, its first place there), by pair, diagonal ``j - i`` and ``i``."""
    sorted_grams: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    pieces_k, pieces_i, pieces_j = [], [], []
    for k, (a, b) in enumerate(pairs.tolist()):
        if b not in sorted_grams:
            grams = table.grams_of(b)
            order = np.argsort(grams, kind="stable")
            sorted_grams[b] = (grams[order], order)
        sorted_b, order = sorted_grams[b]
        grams_a = table.grams_of(a)
        if len(sorted_b) == 0 or len(grams_a) == 0:
            continue
        at = np.minimum(np.searchsorted(sorted_b, grams_a), len(sorted_b) - 1)
        i = np.flatnonzero(sorted_b[at] == grams_a)
        j = order[at[i]]
        by_diagonal = np.argsort(j - i, kind="stable")  # i ascending on each diagonal
        pieces_k.append(np.full(len(i), k))
        pieces_i.append(i[by_diagonal])
        pieces_j.append(j[by_diagonal])
    if not pieces_k:
        empty = np.empty(0, np.int64)
        return empty, empty, empty
    return np.concatenate(pieces_k), np.concatenate(pieces_i), np.concatenate(pieces_j)


def _chains(
    pair: np.ndarray, i: np.ndarray, j: np.ndarray, marks: np.ndarray, look_back: int = 4
) -> tuple[np.ndarray, ...] | None:
    """Matches (sorted as :func:`_matches` gives them) chained into passages:
    ``(pair, i0, i1, j0, j1, covered, marked)`` per chain (``marked``: the sum of its
    matches' ``marks``).

    A run is a stretch of matches on one diagonal (``j - i``) with gaps of at most
    ``MAX_GAP`` words. Runs follow one another in a chain when the next starts after the
    previous ends in both texts, within ``MAX_GAP`` words and ``MAX_DRIFT`` diagonals of it;
    each run looks for such a predecessor among the ``look_back`` runs before it (so a
    stray match in between does not cut a passage in two)."""
    if len(i) == 0:
        return None
    diagonal = j - i  # the matches come sorted by pair, diagonal and i
    new = np.ones(len(i), dtype=bool)
    new[1:] = (pair[1:] != pair[:-1]) | (diagonal[1:] != diagonal[:-1]) | (np.diff(i) > MAX_GAP)
    first = np.flatnonzero(new)
    last = np.append(first[1:], len(i)) - 1
    step = np.zeros(len(i), dtype=np.int64)  # words each match adds to its run's cover
    step[1:] = np.where(new[1:], 0, np.minimum(np.diff(i), GRAM))
    covered = np.add.reduceat(step, first) + GRAM
    marked = np.add.reduceat(marks, first)
    runs = [pair[first], i[first], i[last], j[first], j[last], diagonal[first], covered, marked]
    by_start = np.lexsort((runs[3], runs[1], runs[0]))
    r_pair, r_i0, r_i1, r_j0, r_j1, r_diag, r_cov, r_marked = (x[by_start] for x in runs)
    parent = np.arange(len(r_pair))
    linked = np.zeros(len(r_pair), dtype=bool)
    for back in range(1, look_back + 1):
        k, p = np.arange(back, len(r_pair)), np.arange(len(r_pair) - back)
        gap = r_i0[k] - r_i1[p]
        fits = (
            ~linked[k]
            & (r_pair[k] == r_pair[p])
            & (gap > 0)
            & (gap <= MAX_GAP)
            & (np.abs(r_diag[k] - r_diag[p]) <= MAX_DRIFT)
            & (r_j0[k] > r_j1[p])
        )
        parent[k[fits]] = p[fits]
        linked[k[fits]] = True
    while True:  # every run to the first run of its chain
        up = parent[parent]
        if np.array_equal(up, parent):
            break
        parent = up
    order = np.argsort(parent, kind="stable")
    root = parent[order]
    bounds = np.flatnonzero(np.concatenate(([True], root[1:] != root[:-1])))
    return (
        r_pair[root[bounds]],
        np.minimum.reduceat(r_i0[order], bounds),
        np.maximum.reduceat(r_i1[order], bounds),
        np.minimum.reduceat(r_j0[order], bounds),
        np.maximum.reduceat(r_j1[order], bounds),
        np.add.reduceat(r_cov[order], bounds),
        np.add.reduceat(r_marked[order], bounds),
    )


def _disjoint(spans: list[Passage]) -> list[Passage]:
    """Greedily keep spans that overlap no kept one in either text; in text order."""
    kept: list[Passage] = []
    for span in spans:
        if all(
            (span.end <= k.start or span.start >= k.end)
            and (span.other_end <= k.other_start or span.other_start >= k.other_end)
            for k in kept
        ):
            kept.append(span)
    return sorted(kept, key=lambda s: (s.start, s.other_start))


def find_passages(
    anchors: Anchors,
    owners: Owners,
    name: Callable[[int], str | None],
    texts_of: Callable[[Sequence[str]], Mapping[str, str]],
    *,
    linked: np.ndarray | None = None,
    min_words: int,
    max_docs: int,
    min_anchors: int,
    sampling: int,
    shingle_size: int,
    permute: Callable[[np.ndarray], np.ndarray] | None = None,
) -> PassageResult:
    """Passages shared between the canonical documents of different clusters.

    ``anchors`` are dedup's sampled shingles, held by ``owners``; ``name`` gives a cluster
    label's id (its canonical's; None to leave the cluster out), ``texts_of`` the cleaned
    texts of some canonicals (asked once, for all the candidates: a spool is read in order).
    Pairs of clusters in ``linked`` (``(k, 2)`` labels: those dedup found overlapping) are
    not aligned. With
    ``permute`` (a hash under every permutation, see
    :meth:`~.fingerprint.Fingerprinter.permuted`) and the owners' signatures, pairs sharing a
    single anchor are aligned when their signatures confirm it (see :mod:`.passage_candidates`).
    """
    if len(anchors.values) == 0 or len(owners.clusters) == 0:
        return PassageResult({}, (), 0)
    stories = story_anchors(anchors, owners)
    if len(stories.labels) < 2 or len(stories.values) == 0:
        return PassageResult({}, (), 0)
    starts, sizes = common_anchors(stories.values, max_docs)
    confirm = None
    if permute is not None and len(owners.signatures) == len(owners.clusters):
        confirm = signatures_confirm(stories, owners.signatures, permute, max_docs)
    pairs, rare = candidates(stories, max_docs, min_anchors, confirm, linked)
    shown = examples(stories.owner, starts, sizes)
    names = {s: name(int(stories.labels[s])) for s in {*pairs.ravel().tolist(), *shown}}
    pairs = pairs[[names[a] is not None and names[b] is not None for a, b in pairs.tolist()]]
    shown = [s for s in shown if names[s] is not None]
    clusters = {s: c for s, c in names.items() if c is not None}
    needed = sorted({*pairs.ravel().tolist(), *shown})
    loaded = texts_of([clusters[s] for s in needed])
    texts = {s: loaded[clusters[s]] for s in needed}
    place = {s: k for k, s in enumerate(needed)}
    table = words([texts[s] for s in needed])
    local = np.array([[place[a], place[b]] for a, b in pairs.tolist()], dtype=np.int64)
    others = [clusters[b] for b in pairs[:, 1].tolist()]
    anchored = None
    if shingle_size == GRAM:  # dedup's shingles are the alignment's 5-grams
        anchored = (rare.astype(np.uint32), stories.values[starts].astype(np.uint32))
    found = align_pairs(table, local.reshape(-1, 2), min_words, others, anchored)
    passages: dict[str, list[Passage]] = {}
    count = 0
    for (a, _), spans in zip(pairs.tolist(), found, strict=True):
        count += bool(spans)
        for s in spans:  # listed on both sides, each with its own offsets first
            passages.setdefault(clusters[a], []).append(s)
            passages.setdefault(s.other, []).append(
                Passage(clusters[a], s.other_start, s.other_end, s.start, s.end, s.words, s.score)
            )
    repeated = _repeated_blocks(
        stories, starts, sizes, shown, clusters, texts, sampling, shingle_size
    )
    ordered = {i: tuple(sorted(p, key=lambda x: (x.other, x.start))) for i, p in passages.items()}
    return PassageResult(ordered, repeated, count)


def _repeated_blocks(
    stories: Stories,
    starts: np.ndarray,
    sizes: np.ndarray,
    examples: Sequence[int],
    clusters: Mapping[int, str],
    texts: Mapping[int, str],
    sampling: int,
    shingle_size: int,
) -> tuple[RepeatedBlock, ...]:
    """The most widespread blocks (at most ``BLOCKS_SHOWN``), each located in its example
    text as the run of its repeated sampled shingles."""
    values, owner = stories.values, stories.owner
    wanted = set(examples)
    common = np.flatnonzero(np.isin(owner[starts], list(wanted)))
    by_example: dict[int, dict[int, int]] = {}  # example story -> {shingle value: stories}
    for g in common.tolist():
        by_example.setdefault(int(owner[starts[g]]), {})[int(values[starts[g]])] = int(sizes[g])
    blocks = []
    for example, repeated in sorted(by_example.items()):
        text = texts[example]
        hashes = text_shingle_hashes(text, shingle_size)
        found = words([text])
        offsets_start, offsets_end = found.starts.tolist(), found.ends.tolist()
        positions = [k for k, h in enumerate(hashes.tolist()) if h in repeated]
        for run in _runs(positions, gap=sampling * 4):
            first, last = run[0], min(run[-1] + shingle_size - 1, len(offsets_end) - 1)
            if first >= len(offsets_start):
                continue
            start, end = offsets_start[first], offsets_end[last]
            count = max(repeated[int(hashes[k])] for k in run)
            blocks.append(RepeatedBlock(count, clusters[example], start, end, text[start:end]))
    blocks.sort(key=lambda b: (-b.clusters, b.example, b.start))
    return tuple(blocks[:BLOCKS_SHOWN])


def _runs(positions: list[int], gap: int) -> list[list[int]]:
    runs: list[list[int]] = []
    for p in positions:
        if runs and p - runs[-1][-1] <= gap:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs
