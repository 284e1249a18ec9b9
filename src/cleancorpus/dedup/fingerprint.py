"""Fingerprints of cleaned texts: shingle hashes and datasketch-compatible MinHash signatures.

Hashing, in three steps, each exposed so that datasketch can reproduce it:

1. token -> 64 bits: the polynomial ``b0 + b1*Q + ... + b(n-1)*Q^(n-1) + n mod 2^64`` of
   the token's UTF-8 bytes, avalanched with the 64-bit MurmurHash3 finalizer (a polynomial
   over positions is what prefix sums compute for every token of a batch at once; like
   any unkeyed hash it is not meant to resist crafted collisions);
2. shingle -> 32 bits: the polynomial ``t1*P^(k-1) + ... + tk mod 2^64`` of its token
   hashes, avalanched with the 64-bit MurmurHash3 finalizer, high 32 bits kept;
   :class:`ShingleHash` is the same function as a datasketch ``hashfunc``;
3. signature: datasketch 2.0's default "affine32" scheme, with the permutations datasketch
   draws for ``(num_perm, seed)`` (:func:`permutations`, checked against the installed
   datasketch on conversion): ``min over shingles of a*fmix32(h)+b mod 2^32``.

So ``MinHash(num_perm, seed=seed, hashfunc=ShingleHash())`` updated with
:func:`cleancorpus.tokens.shingles` of a text has exactly the signature computed here, and any
signature converts to a datasketch MinHash with :meth:`Fingerprint.minhash`.

Shingle hashes are 32 bits, which halves memory (100,000 documents of 500 words: ~200 MB).
Collisions are negligible: two unrelated 500-shingle documents share a spurious hash with
probability 500*500/2^32 = 6e-5, i.e. an expected Jaccard error near 1e-7, and two distinct
shingles of one document merge with probability ~500^2/2^33 = 3e-5.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import MismatchError
from .tokens import TOKENIZER_VERSION, token_buffer

if TYPE_CHECKING:
    from datasketch import LeanMinHash

SCHEME = "affine32"
SHINGLE_HASH_VERSION = "bytepoly-fmix64/poly-fmix64-hi32/2"
_POLY = 0x9E3779B97F4A7C15  # odd 64-bit multiplier of the shingle polynomial
_BYTE_POLY = 0xBF58476D1CE4E5B9  # odd 64-bit multiplier Q of the token polynomial
_MASK64 = (1 << 64) - 1
_CHUNK = 1 << 12  # shingles per signature block: 128 perms x 4096 x 4 bytes = 2 MB (in cache)
_PERIOD_BITS = 16
_PERIOD = 1 << _PERIOD_BITS  # positions per power table (512 KB: stays in cache)
_GROUP_BYTES = 1 << 20  # token bytes hashed in one pass (bounds the temporary arrays)


@dataclass(frozen=True)
class FingerprintParams:
    """Everything that must match for two fingerprints to be comparable."""

    num_perm: int
    shingle_size: int
    seed: int
    scheme: str = SCHEME
    tokenizer: str = TOKENIZER_VERSION
    shingle_hash: str = SHINGLE_HASH_VERSION

    def differences(self, other: FingerprintParams) -> list[str]:
        """Human-readable ``name: mine != theirs`` for every field that differs."""
        return [
            f"{name}: {getattr(self, name)!r} != {getattr(other, name)!r}"
            for name in self.__dataclass_fields__
            if getattr(self, name) != getattr(other, name)
        ]


@dataclass(frozen=True, eq=False, slots=True)
class Fingerprint:
    """What dedup needs of one cleaned text (picklable; computed in worker processes).

    ``shingles``: sorted unique uint32 shingle hashes (empty for an empty text);
    ``signature``: uint32 MinHash values, all ``2^32-1`` for an empty text (datasketch's empty
    MinHash).
    """

    shingles: np.ndarray
    signature: np.ndarray
    params: FingerprintParams

    def __reduce__(self) -> tuple[Any, ...]:
        # Raw bytes pickle (and unpickle) about twice as fast as ndarrays: this is what
        # worker processes send back for every document.
        return (_restore, (self.shingles.tobytes(), self.signature.tobytes(), self.params))

    def minhash(self) -> LeanMinHash:
        """This signature as a datasketch LeanMinHash (usable in MinHashLSH and friends).

        Raises :class:`~cleancorpus.errors.MismatchError` if the installed datasketch draws
        other permutations than :func:`permutations` (then the two would not be comparable).
        """
        from datasketch import LeanMinHash

        _check_datasketch_permutations(self.params.num_perm, self.params.seed)
        return LeanMinHash(seed=self.params.seed, hashvalues=self.signature, scheme=SCHEME)


def _restore(shingles: bytes, signature: bytes, params: FingerprintParams) -> Fingerprint:
    """Unpickle a :class:`Fingerprint` (its arrays are read-only views of the bytes)."""
    return Fingerprint(
        np.frombuffer(shingles, np.uint32), np.frombuffer(signature, np.uint32), params
    )


def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``(a, b)``, uint32: datasketch 2's "affine32" permutations for ``(num_perm, seed)``.

    Drawn as datasketch draws them (numpy's ``RandomState(seed)``: odd ``a`` as ``2 *
    randint(0, 2^31) + 1``, then ``b`` as ``randint(0, 2^32)``), so that a run need not import
    datasketch, whose import pulls in SciPy (0.6 s). :meth:`Fingerprint.minhash` checks them
    against the installed datasketch before converting.
    """
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


_CHECKED: set[tuple[int, int]] = set()  # (num_perm, seed) known to match datasketch


def _check_datasketch_permutations(num_perm: int, seed: int) -> None:
    if (num_perm, seed) in _CHECKED:
        return
    import datasketch

    theirs = datasketch.MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME).permutations
    ours = permutations(num_perm, seed)
    if not all(np.array_equal(x, y) for x, y in zip(theirs, ours, strict=True)):
        raise MismatchError(
            f"datasketch {datasketch.__version__} draws other {SCHEME} permutations than "
            "cleancorpus expects: its MinHash objects and these signatures are not comparable"
        )
    _CHECKED.add((num_perm, seed))


def token_hash(token: bytes) -> int:
    """64-bit hash of one token, given as its UTF-8 bytes (step 1; reference form)."""
    acc, power = len(token), 1
    for byte in token:
        acc = (acc + byte * power) & _MASK64
        power = (power * _BYTE_POLY) & _MASK64
    return int(_fmix64(np.array([acc], dtype=np.uint64))[0])


def _fmix64(x: np.ndarray) -> np.ndarray:
    x = x ^ (x >> np.uint64(33))
    x = x * np.uint64(0xFF51AFD7ED558CCD)
    x = x ^ (x >> np.uint64(33))
    x = x * np.uint64(0xC4CEB9FE1A85EC53)
    return x ^ (x >> np.uint64(33))


def _power_table(base: int) -> np.ndarray:
    """``base^i mod 2^64`` for ``i`` in ``[0, _PERIOD)`` (uint64 products wrap mod 2^64)."""
    table = np.full(_PERIOD, base, dtype=np.uint64)
    table[0] = 1
    return np.cumprod(table, dtype=np.uint64)


_POWERS = _power_table(_BYTE_POLY)
_INVERSE_POWERS = _power_table(pow(_BYTE_POLY, -1, 1 << 64))


def _steps(base: int, count: int) -> np.ndarray:
    """``base^(k * _PERIOD) mod 2^64`` for ``k`` in ``[0, count)``."""
    return np.array([pow(base, k * _PERIOD, 1 << 64) for k in range(count)], dtype=np.uint64)


def _leading_powers(n: int) -> np.ndarray:
    """``Q^i mod 2^64`` for ``i`` in ``[0, n)``."""
    if n <= _PERIOD:
        return _POWERS[:n]
    blocks = -(-n // _PERIOD)
    return (_steps(_BYTE_POLY, blocks)[:, None] * _POWERS[None, :]).ravel()[:n]


def _inverse_powers(positions: np.ndarray) -> np.ndarray:
    """``Q^-p mod 2^64`` for each position ``p`` (sorted, non-negative)."""
    if not len(positions) or positions[-1] < _PERIOD:
        return _INVERSE_POWERS[positions]
    steps = _steps(pow(_BYTE_POLY, -1, 1 << 64), int(positions[-1]) // _PERIOD + 1)
    return _INVERSE_POWERS[positions & (_PERIOD - 1)] * steps[positions >> _PERIOD_BITS]


def buffer_token_hashes(buffer: bytes) -> tuple[np.ndarray, np.ndarray]:
    """:func:`token_hash` of every token of a :func:`~cleancorpus.tokens.token_buffer`, in
    order, and where each token starts (offset in the buffer + 1).

    With prefix sums ``S`` of ``byte_i * Q^i`` over the buffer, a token at ``[s, e)`` hashes
    ``(S[e] - S[s]) * Q^-s``: a handful of array passes for all tokens of a batch. A buffer
    over :data:`_GROUP_BYTES` is hashed piece by piece, cut at spaces, so the temporary
    arrays (eight bytes per byte) stay small whatever the size of a document.
    """
    if len(buffer) <= _GROUP_BYTES:
        return _piece_token_hashes(buffer)
    hashes, starts = [], []
    begin = 0
    while begin < len(buffer):
        cut = buffer.find(b" ", begin + _GROUP_BYTES)
        end = len(buffer) if cut < 0 else cut
        piece_hashes, piece_starts = _piece_token_hashes(buffer[begin:end])
        hashes.append(piece_hashes)
        starts.append(piece_starts + begin)
        begin = end
    return np.concatenate(hashes), np.concatenate(starts)


def _piece_token_hashes(buffer: bytes) -> tuple[np.ndarray, np.ndarray]:
    padded = np.frombuffer(b" " + buffer + b" ", dtype=np.uint8)
    inside = padded != 0x20
    edges = np.flatnonzero(inside[1:] != inside[:-1]) + 1
    starts, ends = edges[0::2], edges[1::2]
    prefix = np.cumsum(padded * _leading_powers(len(padded)))
    sums = prefix[ends - 1] - prefix[starts - 1]  # starts >= 1: the buffer is padded
    sums *= _inverse_powers(starts)
    sums += (ends - starts).astype(np.uint64)
    return _fmix64(sums), starts


def _fmix32(x: np.ndarray) -> np.ndarray:
    x = x ^ (x >> np.uint32(16))
    x = x * np.uint32(0x85EBCA6B)
    x = x ^ (x >> np.uint32(13))
    x = x * np.uint32(0xC2B2AE35)
    return x ^ (x >> np.uint32(16))


class ShingleHash:
    """The shingle hash (step 2) as a datasketch ``hashfunc``: shingle -> 32-bit int.

    Accepts a shingle as a string of space-separated tokens (what
    :func:`cleancorpus.tokens.shingles` returns) or as a sequence of tokens.
    """

    def __call__(self, shingle: str | Sequence[str]) -> int:
        tokens = shingle.split(" ") if isinstance(shingle, str) else shingle
        acc = 0
        for token in tokens:
            acc = (acc * _POLY + token_hash(token.encode("utf-8"))) & _MASK64
        return int(_fmix64(np.array([acc], dtype=np.uint64))[0] >> np.uint64(32))


def shingle_hashes(token_hashes: np.ndarray, size: int) -> np.ndarray:
    """Hashes (uint32, text order, may repeat) of the shingles over ``token_hashes`` (uint64)."""
    n = len(token_hashes)
    if n == 0:
        return np.empty(0, dtype=np.uint32)
    width = min(n, size)  # a text shorter than a shingle is one shingle (see tokens.py)
    acc = token_hashes[: n - width + 1].copy()
    for j in range(1, width):
        acc *= np.uint64(_POLY)
        acc += token_hashes[j : n - width + 1 + j]
    return (_fmix64(acc) >> np.uint64(32)).astype(np.uint32)


def text_shingle_hashes(text: str, size: int) -> np.ndarray:
    """Hashes (uint32, text order, may repeat) of the ``size``-token shingles of ``text``."""
    return shingle_hashes(buffer_token_hashes(token_buffer(text))[0], size)


def middle_shingles(ordered: np.ndarray, count: int) -> np.ndarray:
    """Sorted unique hashes of the ``count`` shingles at the middle of ``ordered`` (a text's
    shingle hashes in text order), or of all of them when there are fewer."""
    if len(ordered) > count:
        start = (len(ordered) - count) // 2
        ordered = ordered[start : start + count]
    return _sorted_unique(ordered)


def _sorted_unique(hashes: np.ndarray) -> np.ndarray:
    hashes = np.sort(hashes)
    if len(hashes) < 2:
        return hashes
    keep = np.empty(len(hashes), dtype=bool)
    keep[0] = True
    np.not_equal(hashes[1:], hashes[:-1], out=keep[1:])
    return hashes[keep]


def _groups(buffers: list[bytes]) -> Iterator[list[bytes]]:
    """Consecutive runs of buffers holding about :data:`_GROUP_BYTES` bytes each."""
    group: list[bytes] = []
    size = 0
    for buffer in buffers:
        if group and size + len(buffer) > _GROUP_BYTES:
            yield group
            group, size = [], 0
        group.append(buffer)
        size += len(buffer) + 1
    if group:
        yield group


def _blocks(sizes: list[int]) -> Iterator[list[int]]:
    """Runs of the indices of non-empty sets that hold about :data:`_CHUNK` shingles; with
    every set under :data:`_CHUNK`, a run holds under twice that."""
    rows: list[int] = []
    total = 0
    for i, size in enumerate(sizes):
        if not size:
            continue
        rows.append(i)
        total += size
        if total >= _CHUNK:
            yield rows
            rows, total = [], 0
    if rows:
        yield rows


class Fingerprinter:
    """Text -> :class:`Fingerprint`, in vectorised batches. Picklable and cheap to build."""

    def __init__(self, config: Any) -> None:
        """``config`` is a :class:`cleancorpus.dedup.DedupConfig` (or anything with
        ``num_perm``, ``shingle_size`` and ``seed``)."""
        self.params = FingerprintParams(
            num_perm=config.num_perm, shingle_size=config.shingle_size, seed=config.seed
        )
        a, b = permutations(config.num_perm, config.seed)
        self._a = a[:, None]
        self._b = b[:, None]

    @property
    def hashfunc(self) -> ShingleHash:
        """The datasketch ``hashfunc`` that reproduces this fingerprinter's shingle hashes."""
        return ShingleHash()

    def shingle_set(self, text: str) -> np.ndarray:
        """Sorted unique uint32 shingle hashes of ``text``."""
        return _sorted_unique(text_shingle_hashes(text, self.params.shingle_size))

    def shingle_sets(self, texts: Iterable[str]) -> list[np.ndarray]:
        """:meth:`shingle_set` of each text, hashing the tokens of many texts in one pass."""
        return self._shingle_sets(texts, 0)[0]

    def _shingle_sets(
        self, texts: Iterable[str], middle: int
    ) -> tuple[list[np.ndarray], list[np.ndarray]]:
        size = self.params.shingle_size
        sets: list[np.ndarray] = []
        middles: list[np.ndarray] = []
        for group in _groups([token_buffer(text) for text in texts]):
            hashes, starts = buffer_token_hashes(b" ".join(group))
            ends = np.cumsum([len(buffer) + 1 for buffer in group])  # text i ends before ends[i]
            bounds = [0, *np.searchsorted(starts, ends).tolist()]  # its tokens: bounds[i:i+2]
            rolled = shingle_hashes(hashes, size)  # shingles across two texts go unused
            for first, last in itertools.pairwise(bounds):
                if last - first >= size:
                    ordered = rolled[first : last - size + 1]
                    sets.append(_sorted_unique(ordered))
                else:  # one shingle of the whole text, or none
                    ordered = shingle_hashes(hashes[first:last], size)
                    sets.append(ordered)
                if middle:
                    middles.append(middle_shingles(ordered, middle))
        return sets, middles

    def batch_with_middles(
        self, texts: Iterable[str], middle: int
    ) -> tuple[list[Fingerprint], list[np.ndarray]]:
        """:meth:`batch`, and for each text :func:`middle_shingles` of its shingles, found in
        the same pass (boilerplate learning's copy test uses them)."""
        sets, middles = self._shingle_sets(texts, middle)
        return self._fingerprints(sets), middles

    def signatures(self, shingle_sets: Sequence[np.ndarray]) -> np.ndarray:
        """MinHash signatures (``len(shingle_sets)`` x ``num_perm``, uint32) of shingle sets.

        Sets are hashed in blocks of about :data:`_CHUNK` shingles (several small sets, or a
        slice of a large one), so the ``num_perm`` x block array stays a few MB.
        """
        out = np.full((len(shingle_sets), self.params.num_perm), 2**32 - 1, dtype=np.uint32)
        # One scratch array for every block: a fresh 2 MB array per block costs page faults.
        scratch = np.empty(self.params.num_perm * 2 * _CHUNK, dtype=np.uint32)
        small = [len(s) if len(s) < _CHUNK else 0 for s in shingle_sets]
        for rows in _blocks(small):
            block = np.concatenate([shingle_sets[i] for i in rows])
            offsets = np.cumsum([0] + [len(shingle_sets[i]) for i in rows[:-1]])
            out[rows] = np.minimum.reduceat(self._permuted(block, scratch), offsets, axis=1).T
        for i, shingles in enumerate(shingle_sets):
            for start in range(0, len(shingles) if len(shingles) >= _CHUNK else 0, _CHUNK):
                block = shingles[start : start + _CHUNK]
                np.minimum(out[i], self._permuted(block, scratch).min(axis=1), out=out[i])
        return out

    def permuted(self, hashes: np.ndarray) -> np.ndarray:
        """``len(hashes)`` x ``num_perm``: each shingle hash under every permutation, which
        is the signature of a set holding that one shingle."""
        block = np.asarray(hashes, dtype=np.uint32)
        scratch = np.empty(self.params.num_perm * len(block), dtype=np.uint32)
        return self._permuted(block, scratch).T

    def _permuted(self, block: np.ndarray, scratch: np.ndarray) -> np.ndarray:
        """``a * fmix32(h) + b`` for every permutation (rows) and shingle ``h`` of ``block``."""
        permuted = scratch[: self.params.num_perm * len(block)]
        permuted = permuted.reshape(self.params.num_perm, len(block))
        np.multiply(self._a, _fmix32(block), out=permuted)
        permuted += self._b
        return permuted

    def batch(self, texts: Iterable[str]) -> list[Fingerprint]:
        """Fingerprints of ``texts``, in order."""
        return self._fingerprints(self.shingle_sets(texts))

    def _fingerprints(self, sets: list[np.ndarray]) -> list[Fingerprint]:
        signatures = self.signatures(sets)
        return [
            Fingerprint(shingles=s, signature=sig, params=self.params)
            for s, sig in zip(sets, signatures, strict=True)
        ]
