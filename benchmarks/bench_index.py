"""Benchmark: incremental dedup against a persistent index (SQLite and Redis).

    .venv/bin/python benchmarks/bench_index.py --n 20000

A generated corpus with known near-duplicates (benchmarks/synthetic.py) is split in two
batches by id. Batch 1 is added to a fresh index; batch 2 is matched against it. Reported, in
one run: documents per second added and matched for each backend, bytes per index entry, and
the precision and recall of the matches against exact Jaccard computed with Python sets, with
verification by signature estimate (default) and exact (``keep_shingles``). The baseline is
datasketch's own Redis-backed ``MinHashLSH`` inserting the same signatures in an insertion
session, and the Redis memory it takes. A redis-server is started on 127.0.0.1 for the run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import redis
from datasketch import MinHashLSH

from cleancorpus import DedupConfig, Fingerprinter, open_index
from synthetic import exact_jaccard, generate, shingle_set

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.redis_server import redis_server


def _quality(found: dict[str, str], truth: dict[str, set[str]], sets: dict[str, Any], t: float):
    right = sum(exact_jaccard(sets[a], sets[b]) >= t for a, b in found.items())
    wanted = sum(bool(v) for v in truth.values())
    hit = sum(1 for a, others in truth.items() if others and found.get(a) in others)
    return right / len(found) if found else 1.0, hit / wanted if wanted else 1.0


def _bench(location: str, config: DedupConfig, first: dict, second: dict, keep: bool) -> dict:
    with open_index(location, config, keep_shingles=keep) as index:
        t0 = time.perf_counter()
        with index.session():
            index.add(first)
        added = time.perf_counter() - t0
        t0 = time.perf_counter()
        with index.session():
            matches = index.match(second)
        matched = time.perf_counter() - t0
        return {
            "add_docs_per_s": len(first) / added,
            "match_docs_per_s": len(second) / matched,
            "bytes_per_entry": index.size_bytes() / len(index),
            "matches": {a: m.id for a, m in matches.items()},
        }


def _datasketch_redis(url: str, config: DedupConfig, first: dict) -> dict:
    host, port = url.split("//")[1].split("/")[0].split(":")
    client = redis.Redis(host=host, port=int(port))
    before = client.info("memory")["used_memory"]
    lsh = MinHashLSH(
        threshold=config.threshold,
        num_perm=config.num_perm,
        storage_config={"type": "redis", "redis": {"host": host, "port": int(port)}},
    )
    t0 = time.perf_counter()
    with lsh.insertion_session() as session:
        for doc_id, fp in first.items():
            session.insert(doc_id, fp.minhash())
    seconds = time.perf_counter() - t0
    used = client.info("memory")["used_memory"] - before
    return {"add_docs_per_s": len(first) / seconds, "bytes_per_entry": used / len(first)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="documents (default 20000)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    config = DedupConfig()
    corpus = generate(args.n, seed=args.seed)
    prints = dict(zip(corpus.ids, Fingerprinter(config).batch(corpus.texts), strict=True))
    half = len(corpus.ids) // 2
    first = {i: prints[i] for i in corpus.ids[:half]}
    second = {i: prints[i] for i in corpus.ids[half:]}
    sets = {
        i: shingle_set(t, config.shingle_size)
        for i, t in zip(corpus.ids, corpus.texts, strict=True)
    }
    truth: dict[str, set[str]] = {i: set() for i in second}
    for family in corpus.families:
        ids = [corpus.ids[k] for k in family]
        for a in ids:
            if a in second:
                truth[a] |= {
                    b for b in ids if b in first and exact_jaccard(sets[a], sets[b]) >= 0.7
                }
    dups = sum(bool(v) for v in truth.values())
    print(
        f"corpus: {args.n:,} docs; batch 1 {len(first):,}, batch 2 {len(second):,}; "
        f"{dups:,} of batch 2 duplicate batch 1 (J >= 0.7)"
    )
    with tempfile.TemporaryDirectory() as tmp, redis_server(Path(tmp)) as url:
        print(
            _report("datasketch MinHashLSH, Redis storage", _datasketch_redis(url, config, first))
        )
        for name, location in (("sqlite", str(Path(tmp) / "i.sqlite")), ("redis", url)):
            for keep in (False, True):
                where = location + (".exact" if keep else "") if name == "sqlite" else (
                    f"{url}?prefix={'exact' if keep else 'estimate'}"
                )  # fmt: skip
                result = _bench(where, config, first, second, keep)
                precision, recall = _quality(result["matches"], truth, sets, config.threshold)
                mode = "exact" if keep else "estimated"
                print(
                    _report(f"cleancorpus {name}, {mode}", result)
                    + f", precision {precision:.4f}, recall {recall:.4f}"
                )


def _report(name: str, result: dict) -> str:
    text = f"{name}: add {result['add_docs_per_s']:,.0f} docs/s"
    if "match_docs_per_s" in result:
        text += f", match {result['match_docs_per_s']:,.0f} docs/s"
    return text + f", {result['bytes_per_entry']:,.0f} bytes/entry"


if __name__ == "__main__":
    main()
