"""Benchmark: the local engine against the Ray engine with 1 and 2 CPUs, same corpus.

    .venv/bin/python benchmarks/bench_ray.py --n 200000

Writes ``--n`` generated documents (``synthetic.generate``: ~500 words, ~10% near-copies)
as files under TMPDIR, then times, each end to end (read, clean, fingerprint, dedup, write
every output file): ``run`` with 2 workers, and ``run_ray`` on a fresh local Ray with
``num_cpus=1`` and then ``num_cpus=2`` (object store ``--object-store-mb``). Reports the
times, Ray's overhead (Ray 2 CPUs / local), the scaling efficiency ``t1 / (2 * t2)``, Ray's
stage timings, and checks that documents.jsonl is byte-identical to the local engine's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cleancorpus import RunOptions, run
from synthetic import generate

_CHILD = """
import json, sys, time
import ray
from cleancorpus import RunOptions, run_ray
cpus, mb, src, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
t0 = time.perf_counter()
ray.init(num_cpus=cpus, object_store_memory=mb << 20, include_dashboard=False)
started = time.perf_counter() - t0
t0 = time.perf_counter()
result = run_ray(src, out, RunOptions(workers=cpus))
print(json.dumps({"seconds": time.perf_counter() - t0, "start": started,
                  "timings": result.report["timings"]}))
"""


def ray_run(cpus: int, mb: int, source: Path, out: Path) -> dict:
    env = {**os.environ, "RAY_memory_monitor_refresh_ms": "0"}  # shared machine: no OOM kills
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(cpus), str(mb), str(source), str(out)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--object-store-mb", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-ray-") as tmp:
        root = Path(tmp)
        corpus = generate(args.n)
        source = root / "in"
        source.mkdir()
        for doc_id, text in zip(corpus.ids, corpus.texts, strict=True):
            (source / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        del corpus
        t0 = time.perf_counter()
        run(source, root / "local", RunOptions(workers=2))
        local = time.perf_counter() - t0
        print(f"n = {args.n:,} documents; load average {_load()} (before the timed runs)")
        print(f"local engine, 2 workers:   {local:8.1f} s  {args.n / local:8,.0f} docs/s")
        reference = (root / "local" / "documents.jsonl").read_bytes()
        times = {}
        for cpus in (1, 2):
            out = root / f"ray{cpus}"
            found = ray_run(cpus, args.object_store_mb, source, out)
            times[cpus] = found["seconds"]
            same = (out / "documents.jsonl").read_bytes() == reference
            print(
                f"Ray engine, {cpus} CPU{'s' if cpus > 1 else ' '}:      {found['seconds']:8.1f} s"
                f"  {args.n / found['seconds']:8,.0f} docs/s  (ray.init {found['start']:.1f} s;"
                f" documents.jsonl identical: {same})"
            )
            print(f"  timings: {json.dumps(found['timings'])}")
            shutil.rmtree(out)
        print(f"load average after the runs: {_load()}")
        print(f"overhead (Ray 2 CPUs / local): {times[2] / local:.2f}x")
        print(f"scaling efficiency 1 -> 2 CPUs: {times[1] / (2 * times[2]):.2f}")


if __name__ == "__main__":
    main()
