"""A seeded synthetic corpus with known near-duplicate families, for benchmarks.

Documents are ~``words`` words drawn from a Zipf-like vocabulary, in paragraphs. About
``dup_rate`` of the corpus are light edits (word substitutions, insertions, deletions) of an
earlier document, aimed at Jaccard levels around 0.7; a shared footer paragraph is appended
to ``footer_rate`` of the documents. Exact ground truth (word 5-shingle Jaccard) is computed
independently of cleancorpus, with Python sets of word tuples, for every pair in a family.

Passages (off unless asked for): ``passage_rate`` of the new documents quote a passage of
40-300 words of another new document (each quoted once), in quote marks and lightly edited
(one word in ``PASSAGE_EDIT`` replaced, inserted or deleted); ``topic_rate`` of them are
topical near-misses, written from the small vocabulary of one of ``topics`` topics (different
sentences on one subject: they must share no passage).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

TARGETS = (0.55, 0.62, 0.68, 0.72, 0.76, 0.8, 0.9, 1.0)  # Jaccard levels aimed at by copies
PASSAGE_WORDS = (40, 300)  # lengths of planted passages (uniform)
PASSAGE_EDIT = 50  # words per light edit of a planted passage


@dataclass
class Corpus:
    ids: list[str]
    texts: list[str]
    families: list[list[int]]  # each: a source document and its edited copies (indices)
    planted: list[Planted] = field(default_factory=list)
    topical: list[int] = field(default_factory=list)  # topical near-misses (indices)

    def root(self) -> dict[int, int]:
        """Each edited copy's source (documents not listed are their own)."""
        return {i: family[0] for family in self.families for i in family}


@dataclass(frozen=True)
class Planted:
    """A passage of ``source`` quoted (edited) in ``target``: ``start``/``end`` are its
    character offsets in the target's text."""

    source: int
    target: int
    words: int
    start: int
    end: int


def _vocabulary(rng: np.random.Generator, size: int) -> list[str]:
    """Distinct random lowercase words in random order (the order is the Zipf rank)."""
    codes = rng.integers(0, 26, (size, 9))
    lengths = rng.integers(2, 10, size)
    letters = string.ascii_lowercase
    words = {"".join(letters[c] for c in row[:k]) for row, k in zip(codes, lengths, strict=True)}
    return [str(w) for w in rng.permutation(sorted(words))]


def _edit(words: list[str], target: float, rng: np.random.Generator, vocab: list[str]) -> list[str]:
    # Surviving shingle share s = 2J/(1+J); each edit breaks ~5 shingles.
    survive = 2 * target / (1 + target)
    edits = round(len(words) * (1 - survive ** (1 / 5)))
    out = list(words)
    for _ in range(edits):
        kind, at = rng.integers(3), int(rng.integers(len(out)))
        word = vocab[rng.integers(len(vocab))]
        if kind == 0:
            out[at] = word
        elif kind == 1:
            out.insert(at, word)
        elif len(out) > 10:
            del out[at]
    return out


def _text(words: list[str], footer: str | None) -> str:
    paragraphs = [" ".join(words[i : i + 80]) for i in range(0, len(words), 80)]
    if footer:
        paragraphs.append(footer)
    return "\n\n".join(paragraphs)


def generate(
    n: int,
    seed: int = 0,
    words: int = 500,
    dup_rate: float = 0.1,
    footer_rate: float = 0.2,
    passage_rate: float = 0.0,
    topic_rate: float = 0.0,
    topics: int = 50,
) -> Corpus:
    """``n`` documents, ids ``doc000000``..., deterministic for ``seed`` (and the same
    corpus as before for the default ``passage_rate`` and ``topic_rate`` of 0)."""
    rng = np.random.default_rng(seed)
    vocab = _vocabulary(rng, 30_000)
    cdf = np.cumsum(1.0 / np.arange(1, len(vocab) + 1) ** 1.05)
    cdf /= cdf[-1]

    def draw(k: int, among: list[str] = vocab, gen: np.random.Generator = rng) -> list[str]:
        scale = cdf if among is vocab else topic_cdf
        ranks = np.minimum(np.searchsorted(scale, gen.random(k)), len(among) - 1)
        return [among[r] for r in ranks.tolist()]

    footer = " ".join(draw(45))
    extra = np.random.default_rng([seed, 1])  # passages and topics: the rest stays as it was
    subjects = [[vocab[r] for r in extra.permutation(3000)[:300].tolist()] for _ in range(topics)]
    topic_cdf = np.cumsum(1.0 / np.arange(1, 301) ** 1.05)  # Zipf over a topic's 300 words
    topic_cdf /= topic_cdf[-1]
    bodies: list[list[str]] = []
    families: dict[int, list[int]] = {}
    root: dict[int, int] = {}
    fresh: list[int] = []
    topical: list[int] = []
    for i in range(n):
        if i > 10 and rng.random() < dup_rate:
            source = root.get(j := int(rng.integers(i)), j)
            target = TARGETS[rng.integers(len(TARGETS))]
            bodies.append(_edit(bodies[source], target, rng, vocab))
            families.setdefault(source, [source]).append(i)
            root[i] = source
        else:
            length = int(rng.integers(words // 2, words * 3 // 2))
            if extra.random() < topic_rate:
                bodies.append(draw(length, subjects[int(extra.integers(topics))], extra))
                topical.append(i)
            else:
                bodies.append(draw(length))
                fresh.append(i)
    quotes = _plant(bodies, fresh, root, passage_rate, extra, vocab)
    has_footer = rng.random(n) < footer_rate
    texts = [_text(b, footer if f else None) for b, f in zip(bodies, has_footer, strict=True)]
    planted = []
    for source, target, at, size in quotes:
        spans = [m.span() for m in re.finditer(r"\S+", texts[target])]
        planted.append(Planted(source, target, size, spans[at][0], spans[at + size - 1][1]))
    ids = [f"doc{i:06d}" for i in range(n)]
    return Corpus(ids, texts, list(families.values()), planted, topical)


def _plant(
    bodies: list[list[str]],
    fresh: list[int],
    root: dict[int, int],
    rate: float,
    rng: np.random.Generator,
    vocab: list[str],
) -> list[tuple[int, int, int, int]]:
    """Quote a passage of one fresh document in another, for ``rate`` of them (in place):
    ``(source, target, first word, words)`` of each, as placed in the target's body."""
    copied = set(root.values())  # sources of edited copies: their copies would not quote
    chosen = [i for i in fresh if i not in copied and rng.random() < rate]
    planted = []
    for k in range(0, len(chosen) - 1, 2):
        source, target = chosen[k], chosen[k + 1]
        size = min(int(rng.integers(PASSAGE_WORDS[0], PASSAGE_WORDS[1] + 1)), len(bodies[source]))
        begin = int(rng.integers(len(bodies[source]) - size + 1))
        passage = list(bodies[source][begin : begin + size])
        for _ in range(round(size / PASSAGE_EDIT)):  # light edits, away from the ends
            at = int(rng.integers(5, len(passage) - 5))
            kind = rng.integers(3)
            if kind == 0:
                passage[at] = vocab[rng.integers(len(vocab))]
            elif kind == 1:
                passage.insert(at, vocab[rng.integers(len(vocab))])
            else:
                del passage[at]
        passage[0], passage[-1] = f'"{passage[0].capitalize()}', f'{passage[-1]},"'
        at = int(rng.integers(len(bodies[target]) + 1))
        bodies[target][at:at] = passage
        planted.append((source, target, at, len(passage)))
    return planted


def shingle_set(text: str, size: int = 5) -> set[tuple[str, ...]]:
    """Word ``size``-shingles of a generated text (its words are lowercase ASCII)."""
    words = text.split()
    if len(words) < size:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def exact_jaccard(a: set, b: set) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def components(n: int, edges: Iterable[tuple[int, int]]) -> list[int]:
    """For each of 0..n-1, the smallest member of its connected component (edges undirected)."""
    neighbours: dict[int, list[int]] = {}
    for a, b in edges:
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)
    label = list(range(n))
    for start in range(n):  # ascending, so the first visit of a component is its smallest
        if label[start] != start or start not in neighbours:
            continue
        stack = [start]
        while stack:
            for other in neighbours.pop(stack.pop(), ()):
                if other > start and label[other] == other:
                    label[other] = start
                    stack.append(other)
    return label
