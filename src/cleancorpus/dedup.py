"""PLACEHOLDER interface (the dedup helper replaces the body, keeping these names)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class DedupConfig:
    threshold: float = 0.7
    shingle_size: int = 5
    num_perm: int = 128
    seed: int = 1


@dataclass(frozen=True)
class Fingerprint:
    """What dedup needs of one cleaned text; computed in worker processes."""

    shingles: Any  # np.ndarray of sorted unique shingle hashes
    signature: Any  # np.ndarray, a datasketch-compatible MinHash signature


class Fingerprinter:
    """Picklable: tokens -> shingles -> MinHash signature, in batches."""

    def __init__(self, config: DedupConfig) -> None:
        self.config = config

    def batch(self, texts: list[str]) -> list[Fingerprint]:
        return [Fingerprint(shingles=None, signature=None) for _ in texts]


@dataclass(frozen=True)
class DocInfo:
    id: str
    fingerprint: Fingerprint
    metadata: Mapping[str, Any] = field(default_factory=dict)
    length: int = 0  # characters of cleaned text


@dataclass(frozen=True)
class Membership:
    cluster: str  # id of the cluster's canonical document
    canonical: bool
    duplicate_of: str | None
    similarity: float | None
    overlaps: tuple[tuple[str, float], ...] = ()
    reason: str = ""  # why this canonical was chosen, or which rule made this a duplicate


def deduplicate(docs: Iterable[DocInfo], config: DedupConfig) -> dict[str, Membership]:
    return {
        d.id: Membership(cluster=d.id, canonical=True, duplicate_of=None, similarity=None)
        for d in docs
    }
