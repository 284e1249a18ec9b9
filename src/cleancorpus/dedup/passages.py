"""Shared passages: reports that quote or reuse a passage of another, found and located.

The way text-reuse systems do it: rare n-gram anchors first, alignment around them after.

1. **Anchors.** The sampled shingles that dedup already sorted (one in ``overlap_sampling``
   word 5-grams, see :mod:`.candidates`) are grouped by value, each with the *cluster* of the
   document holding it, so near-copies of one story count once. A shingle held by two to
   ``max_passage_docs`` clusters makes those clusters candidates; two clusters sharing at
   least ``passage_anchors`` such shingles are aligned. A shingle held by more clusters than
   that is not evidence of reuse between two reports but a block repeated across the corpus
   (boilerplate cleaning left, a stock phrase): it is reported once, as a hint for the
   cleaner, never as pairwise passages.
2. **Alignment** (:func:`align`) of the two canonical texts: their word 5-grams (case-folded
   letters and digits, so quote styles, punctuation, white space and line wrapping do not
   matter) are matched, and matches are chained along a diagonal that may drift by a few
   words (small insertions or deletions) across gaps of a few words (small edits). A chain
   of at least ``min_passage_words`` words is a passage, located by character offsets into
   each cleaned text; its score is the share of its words covered by matching 5-grams.

Why 40 words by default: two or three sentences. Shorter common runs are set phrases and
quoted titles that unrelated reports share; a reused paragraph is longer.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import regex

from ..records import Passage
from .candidates import Anchors, pairs_within_groups
from .fingerprint import buffer_token_hashes, shingle_hashes, text_shingle_hashes
from .tokens import normalize, token_buffer

GRAM = 5  # words per anchor n-gram in the alignment
MAX_GAP = 12  # words between two matches of one chain (edits)
MAX_DRIFT = 3  # words the diagonal may drift within one chain (insertions, deletions)
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
class Tokens:
    """A text's words as compared: character offsets, and the hash of each word 5-gram."""

    starts: np.ndarray
    ends: np.ndarray
    grams: np.ndarray  # uint32, grams[k] covers words k .. k + GRAM - 1


def tokens(text: str) -> Tokens:
    """The words of ``text`` (case-folded letters and digits; no-space scripts by
    character) with their offsets, and their 5-gram hashes."""
    if text.isascii():  # the common case, without a Python step per word
        buffer = token_buffer(text)  # same length as text: offsets carry over
        hashes, _ = buffer_token_hashes(buffer)
        word = np.frombuffer(buffer, dtype=np.uint8) != 0x20
        edges = np.flatnonzero(np.diff(np.concatenate(([False], word, [False])).astype(np.int8)))
        starts, ends = edges[0::2], edges[1::2]
    else:
        keys, begin, finish = [], [], []
        for match in _TOKEN.finditer(text):
            keys.append(normalize(match.group()))
            begin.append(match.start())
            finish.append(match.end())
        hashes, _ = buffer_token_hashes(" ".join(keys).encode("utf-8"))
        starts, ends = np.array(begin, dtype=np.int64), np.array(finish, dtype=np.int64)
    grams = shingle_hashes(hashes, GRAM) if len(hashes) >= GRAM else np.empty(0, np.uint32)
    return Tokens(starts, ends, grams)


def align(a: str | Tokens, b: str | Tokens, min_words: int, other: str = "") -> list[Passage]:
    """The passages of at least ``min_words`` words that ``a`` and ``b`` share (``b`` named
    ``other`` in them), none overlapping another in either text, in text order."""
    ta = a if isinstance(a, Tokens) else tokens(a)
    tb = b if isinstance(b, Tokens) else tokens(b)
    if min(len(ta.grams), len(tb.grams)) + GRAM - 1 < min_words:
        return []
    order = np.argsort(tb.grams, kind="stable")
    sorted_b = tb.grams[order]
    at = np.minimum(np.searchsorted(sorted_b, ta.grams), len(sorted_b) - 1)
    i = np.flatnonzero(sorted_b[at] == ta.grams)  # grams of a found in b (first place in b)
    if len(i) == 0:
        return []
    j = order[at[i]]
    diagonal = j - i
    by_diagonal = np.lexsort((i, diagonal))
    i, j, diagonal = i[by_diagonal], j[by_diagonal], diagonal[by_diagonal]
    cut = np.flatnonzero((np.diff(diagonal) != 0) | (np.diff(i) > MAX_GAP)) + 1
    bounds = [0, *cut.tolist(), len(i)]
    runs = sorted(  # (first i, last i, first j, last j, grams matched) of each diagonal run
        (int(i[s]), int(i[e - 1]), int(j[s]), int(j[e - 1]), _covered(i[s:e]))
        for s, e in itertools.pairwise(bounds)
    )
    chains: list[list[tuple[int, int, int, int, int]]] = []
    for run in runs:  # runs on nearby diagonals, close in both texts, make one passage
        for chain in chains:
            last = chain[-1]
            drift = abs((run[2] - run[0]) - (last[3] - last[1]))
            if 0 < run[0] - last[1] <= MAX_GAP and drift <= MAX_DRIFT and run[2] > last[3]:
                chain.append(run)
                break
        else:
            chains.append([run])
    found = []
    for chain in chains:
        i0, j0, i1, j1 = chain[0][0], chain[0][2], chain[-1][1], chain[-1][3]
        length = max(i1 - i0, j1 - j0) + GRAM
        if length >= min_words:
            covered = min(length, sum(run[4] for run in chain))
            found.append(
                Passage(
                    other,
                    int(ta.starts[i0]),
                    int(ta.ends[i1 + GRAM - 1]),
                    int(tb.starts[j0]),
                    int(tb.ends[j1 + GRAM - 1]),
                    length,
                    covered / length,
                )
            )
    return _disjoint(sorted(found, key=lambda s: (-s.words, s.start, s.other_start)))


def _covered(positions: np.ndarray) -> int:
    """Words covered by 5-grams starting at the sorted ``positions``."""
    return int(np.minimum(np.diff(positions), GRAM).sum()) + GRAM


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
    anchor_ids: Sequence[str],
    cluster_of: Mapping[str, str],
    texts_of: Callable[[Sequence[str]], Mapping[str, str]],
    *,
    min_words: int,
    max_docs: int,
    min_anchors: int,
    sampling: int,
    shingle_size: int,
) -> PassageResult:
    """Passages shared between the canonical documents of different clusters.

    ``anchors`` are dedup's sampled shingles (owners index ``anchor_ids``), ``cluster_of``
    gives each id's cluster (its canonical's id), ``texts_of`` the cleaned texts of some
    canonicals (asked once, for all the candidates: a spool is read in order).
    """
    clusters = sorted({cluster_of[i] for i in anchor_ids})
    if len(clusters) < 2 or len(anchors.values) == 0:
        return PassageResult({}, (), 0)
    index = {c: k for k, c in enumerate(clusters)}
    label = np.array([index[cluster_of[i]] for i in anchor_ids], dtype=np.uint64)
    keys = np.sort((anchors.values << np.uint64(32)) | label[anchors.owners])
    keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]  # one per (shingle, story)
    values = keys >> np.uint64(32)
    owner = (keys & np.uint64(0xFFFFFFFF)).astype(np.int64)
    starts = np.flatnonzero(np.concatenate(([True], values[1:] != values[:-1])))
    sizes = np.diff(np.append(starts, len(values)))
    left, right = pairs_within_groups(values, window=max_docs, max_group=max_docs)
    n = len(clusters)
    codes, shared = np.unique(
        np.minimum(owner[left], owner[right]) * n + np.maximum(owner[left], owner[right]),
        return_counts=True,
    )
    candidates = [
        (clusters[code // n], clusters[code % n]) for code in codes[shared >= min_anchors].tolist()
    ]
    common = np.flatnonzero(sizes > max_docs)
    examples = sorted({clusters[int(owner[starts[g]])] for g in common.tolist()})
    texts = texts_of(sorted({c for pair in candidates for c in pair} | set(examples)))
    cache: dict[str, Tokens] = {}

    def tokens_of(doc_id: str) -> Tokens:
        if doc_id not in cache:
            cache[doc_id] = tokens(texts[doc_id])
        return cache[doc_id]

    passages: dict[str, list[Passage]] = {}
    pairs = 0
    for a, b in candidates:
        spans = align(tokens_of(a), tokens_of(b), min_words, other=b)
        pairs += bool(spans)
        for s in spans:  # listed on both sides, each with its own offsets first
            passages.setdefault(a, []).append(s)
            passages.setdefault(b, []).append(
                Passage(a, s.other_start, s.other_end, s.start, s.end, s.words, s.score)
            )
    repeated = _repeated_blocks(
        values, owner, starts, sizes, clusters, texts, max_docs, sampling, shingle_size
    )
    ordered = {i: tuple(sorted(p, key=lambda x: (x.other, x.start))) for i, p in passages.items()}
    return PassageResult(ordered, repeated, pairs)


def _repeated_blocks(
    values: np.ndarray,
    owner: np.ndarray,
    starts: np.ndarray,
    sizes: np.ndarray,
    clusters: list[str],
    texts: Mapping[str, str],
    max_docs: int,
    sampling: int,
    shingle_size: int,
    limit: int = 20,
) -> tuple[RepeatedBlock, ...]:
    """The blocks held by more than ``max_docs`` stories, most widespread first: each
    located in one example text as the run of its repeated sampled shingles."""
    common = np.flatnonzero(sizes > max_docs)
    if len(common) == 0:
        return ()
    by_example: dict[int, dict[int, int]] = {}  # example cluster -> {shingle value: clusters}
    for g in common[np.argsort(-sizes[common], kind="stable")].tolist():
        first = int(owner[starts[g]])
        by_example.setdefault(first, {})[int(values[starts[g]])] = int(sizes[g])
    blocks = []
    for example, repeated in by_example.items():
        text = texts[clusters[example]]
        hashes = text_shingle_hashes(text, shingle_size)
        found = tokens(text)
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
    return tuple(blocks[:limit])


def _runs(positions: list[int], gap: int) -> list[list[int]]:
    runs: list[list[int]] = []
    for p in positions:
        if runs and p - runs[-1][-1] <= gap:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs
