"""The Redis index backend, for workers on several machines sharing one index.

Keys, under a named prefix (``?prefix=NAME`` in the URL, default ``cleancorpus``; never
random, so the index is found again by every later run): ``PREFIX:header`` (a hash of the
parameters, JSON values), ``PREFIX:entries`` (a hash: id -> signature bytes),
``PREFIX:shingles`` (id -> shingle-hash bytes, with ``keep_shingles``) and the band keys in
:data:`SHARDS` hashes ``PREFIX:bands:N`` (band key -> the ids that have it, NUL-separated).
Lookups and writes are pipelined, a few multi-field commands per shard for a whole batch (one
round trip, not one command per key: packing commands is what costs the client). A batch is
written in one ``MULTI``/``EXEC`` transaction at commit; the session's lock (``PREFIX:lock``,
set with ``NX`` and an expiry, released only by its owner) makes concurrent runs match and add
one after the other.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import parse_qs, urlsplit, urlunsplit

import numpy as np

from ..errors import ConfigError
from .fingerprint import Fingerprint
from .index import DuplicateRule, Index, StoredEntry, check_header

SHARDS = 256  # band-key hashes: few enough for few commands, small enough to stay compact
_SEP = b"\x00"  # between the ids of one band key (no file name or sane id holds a NUL)
_BATCH = 2000  # fields per command
LOCK_SECONDS = 3600  # a lock outlives a crashed holder by at most this long
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end"


def _joined(ids: set[str]) -> bytes:
    return _SEP.join(i.encode() for i in sorted(ids))


class RedisIndex(Index):
    """An index in a Redis database."""

    def __init__(
        self,
        client: Any,
        location: str,
        prefix: str,
        header: Mapping[str, Any],
        rule: DuplicateRule,
    ):
        super().__init__(header, rule)
        self.client = client
        self.location = location
        self.prefix = prefix
        self._token: str | None = None
        self._pending: list[tuple[str, Fingerprint, np.ndarray]] = []

    @classmethod
    def open(cls, url: str, expected: Mapping[str, Any], rule: DuplicateRule) -> RedisIndex:
        try:
            import redis
        except ImportError as exc:
            raise ConfigError(
                "a Redis index needs the redis client: pip install 'cleancorpus[redis]'"
            ) from exc
        parts = urlsplit(url)
        prefix = parse_qs(parts.query).get("prefix", ["cleancorpus"])[0]
        client = redis.Redis.from_url(urlunsplit(parts._replace(query="")))
        try:
            header_key = f"{prefix}:header"
            with client.pipeline() as pipe:  # a new index gets the header; an old one keeps it
                for key, value in expected.items():
                    pipe.hsetnx(header_key, key, json.dumps(value))
                pipe.execute()
            stored: dict[Any, Any] = client.hgetall(header_key)
            found = {k.decode(): json.loads(v) for k, v in stored.items()}
        except redis.RedisError as exc:
            raise ConfigError(f"index {url}: Redis is not reachable ({exc})") from exc
        check_header(found, expected, url)
        return cls(client, url, prefix, found, rule)

    def __len__(self) -> int:
        return int(self.client.hlen(f"{self.prefix}:entries"))

    def _lookup(self, keys: Sequence[int]) -> dict[int, list[str]]:
        by_shard = self._by_shard(keys)
        with self.client.pipeline(transaction=False) as pipe:
            for shard, part in by_shard:
                pipe.hmget(shard, [str(k) for k in part])
            found = pipe.execute()
        out: dict[int, list[str]] = {}
        for (_, part), values in zip(by_shard, found, strict=True):
            for key, value in zip(part, values, strict=True):
                if value:
                    out[key] = sorted(v.decode() for v in value.split(_SEP))
        return out

    def _by_shard(self, keys: Sequence[int]) -> list[tuple[str, list[int]]]:
        """``keys`` grouped by the hash that holds them, in pieces of at most _BATCH."""
        groups: dict[int, list[int]] = {}
        for key in keys:
            groups.setdefault(key % SHARDS, []).append(key)
        return [
            (f"{self.prefix}:bands:{shard}", part[i : i + _BATCH])
            for shard, part in sorted(groups.items())
            for i in range(0, len(part), _BATCH)
        ]

    def _fetch(self, ids: Sequence[str]) -> dict[str, StoredEntry]:
        if not ids:
            return {}
        signatures = self.client.hmget(f"{self.prefix}:entries", ids)
        shingles = (
            self.client.hmget(f"{self.prefix}:shingles", ids)
            if self.keep_shingles
            else [None] * len(ids)
        )
        return {
            doc_id: StoredEntry(
                np.frombuffer(sig, dtype=np.uint32),
                None if sh is None else np.frombuffer(sh, dtype=np.uint32),
            )
            for doc_id, sig, sh in zip(ids, signatures, shingles, strict=True)
            if sig is not None
        }

    def _write(self, entries: Sequence[tuple[str, Fingerprint, np.ndarray]]) -> int:
        stored = set(self._fetch([doc_id for doc_id, _, _ in entries]))  # under the lock
        new = [entry for entry in entries if entry[0] not in stored]
        self._pending.extend(new)  # written at commit, in one transaction
        return len(new)

    def _lock(self, wait: float = LOCK_SECONDS) -> None:
        token = secrets.token_hex(8)
        deadline = time.monotonic() + wait
        while not self.client.set(f"{self.prefix}:lock", token, nx=True, ex=LOCK_SECONDS):
            if time.monotonic() > deadline:
                raise ConfigError(f"index {self.location}: another run holds its lock")
            time.sleep(0.05)
        self._token = token

    def _unlock(self) -> None:
        if self._token is not None:
            self.client.eval(_RELEASE, 1, f"{self.prefix}:lock", self._token)
            self._token = None

    def _commit(self) -> None:
        try:
            new: dict[int, list[str]] = {}
            for doc_id, _, band_keys in self._pending:
                for key in band_keys.tolist():
                    new.setdefault(key, []).append(doc_id)
            known = self._lookup(sorted(new))  # under the lock: nobody adds meanwhile
            with self.client.pipeline(transaction=True) as pipe:
                for start in range(0, len(self._pending), _BATCH):
                    part = self._pending[start : start + _BATCH]
                    pipe.hset(
                        f"{self.prefix}:entries",
                        mapping={doc_id: fp.signature.tobytes() for doc_id, fp, _ in part},
                    )
                    if self.keep_shingles:
                        shingles = {d: fp.shingles.astype(np.uint32).tobytes() for d, fp, _ in part}
                        pipe.hset(f"{self.prefix}:shingles", mapping=shingles)
                for shard, keys in self._by_shard(sorted(new)):
                    merged = {str(k): _joined({*known.get(k, ()), *new[k]}) for k in keys}
                    pipe.hset(shard, mapping=merged)
                pipe.execute()
        finally:
            self._pending.clear()
            self._unlock()

    def _rollback(self) -> None:
        self._pending.clear()
        self._unlock()

    def close(self) -> None:
        self._rollback()
        self.client.close()

    def size_bytes(self) -> int:
        keys = [f"{self.prefix}:{name}" for name in ("header", "entries", "shingles")]
        keys += [f"{self.prefix}:bands:{shard}" for shard in range(SHARDS)]
        with self.client.pipeline(transaction=False) as pipe:
            for key in keys:
                pipe.memory_usage(key, samples=0)
            return sum(int(size or 0) for size in pipe.execute())
