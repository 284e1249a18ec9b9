"""A seeded synthetic corpus with known near-duplicate families, for benchmarks.

Documents are ~``words`` words drawn from a Zipf-like vocabulary, in paragraphs. About
``dup_rate`` of the corpus are light edits (word substitutions, insertions, deletions) of an
earlier document, aimed at Jaccard levels around 0.7; a shared footer paragraph is appended
to ``footer_rate`` of the documents. Exact ground truth (word 5-shingle Jaccard) is computed
independently of cleancorpus, with Python sets of word tuples, for every pair in a family.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

TARGETS = (0.55, 0.62, 0.68, 0.72, 0.76, 0.8, 0.9, 1.0)  # Jaccard levels aimed at by copies


@dataclass
class Corpus:
    ids: list[str]
    texts: list[str]
    families: list[list[int]]  # each: a source document and its edited copies (indices)


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
    n: int, seed: int = 0, words: int = 500, dup_rate: float = 0.1, footer_rate: float = 0.2
) -> Corpus:
    """``n`` documents, ids ``doc000000``..., deterministic for ``seed``."""
    rng = np.random.default_rng(seed)
    vocab = _vocabulary(rng, 30_000)
    cdf = np.cumsum(1.0 / np.arange(1, len(vocab) + 1) ** 1.05)
    cdf /= cdf[-1]

    def draw(k: int) -> list[str]:
        ranks = np.minimum(np.searchsorted(cdf, rng.random(k)), len(vocab) - 1)
        return [vocab[r] for r in ranks.tolist()]

    footer = " ".join(draw(45))
    bodies: list[list[str]] = []
    families: dict[int, list[int]] = {}
    root: dict[int, int] = {}
    for i in range(n):
        if i > 10 and rng.random() < dup_rate:
            source = root.get(j := int(rng.integers(i)), j)
            target = TARGETS[rng.integers(len(TARGETS))]
            bodies.append(_edit(bodies[source], target, rng, vocab))
            families.setdefault(source, [source]).append(i)
            root[i] = source
        else:
            bodies.append(draw(int(rng.integers(words // 2, words * 3 // 2))))
    has_footer = rng.random(n) < footer_rate
    texts = [_text(b, footer if f else None) for b, f in zip(bodies, has_footer, strict=True)]
    return Corpus([f"doc{i:06d}" for i in range(n)], texts, list(families.values()))


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
