"""Benchmark: the local engine against the Ray engine with 1 and 2 CPUs, same corpus.

    .venv/bin/python benchmarks/bench_ray.py --n 200000 [--no-learn] [--rounds 2]

Writes ``--n`` generated documents (``synthetic.generate``: ~500 words, ~10% near-copies)
as files under TMPDIR, then times, each end to end (read, clean, learn, fingerprint, dedup,
passages, write every output file; default options, learning and passages on):
``run`` with 2 workers, and ``run_ray`` on a fresh local Ray with ``num_cpus=1`` and then
``num_cpus=2`` (object store ``--object-store-mb``), ``--rounds`` times, interleaved (local,
Ray 1, Ray 2, local, ...) so that a change in the machine's load hits all three alike.
``--no-learn``: learning off in both engines. Reports each run's time and stage timings,
the best of each, Ray's overhead (Ray 2 CPUs / local), the scaling efficiency
``t1 / (2 * t2)``, a per-stage table of the best Ray runs (wall seconds the driver saw for
each stage and step, 1 CPU against 2 CPUs, and their ratio: 2.0 is a stage that halves;
``driver_cpu`` is the driver's own CPU time) and checks that documents.jsonl, learned.json
and report.json's counts are byte-identical to the local engine's.
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
learn = sys.argv[5] == "1"
t0 = time.perf_counter()
ray.init(num_cpus=cpus, object_store_memory=mb << 20, include_dashboard=False)
started = time.perf_counter() - t0
t0 = time.perf_counter()
result = run_ray(src, out, RunOptions(workers=cpus, learn=learn))
print(json.dumps({"seconds": time.perf_counter() - t0, "start": started,
                  "timings": result.report["timings"]}))
"""


def ray_run(cpus: int, mb: int, source: Path, out: Path, learn: bool) -> dict:
    env = {**os.environ, "RAY_memory_monitor_refresh_ms": "0"}  # shared machine: no OOM kills
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(cpus), str(mb), str(source), str(out), str(int(learn))],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _timings(timings: dict) -> str:
    return json.dumps({k: round(v, 1) for k, v in timings.items()})


WORKER_SUMS = ("read", "extract", "clean", "fingerprint", "profile")  # CPU summed over tasks


def _stage_table(one: dict, two: dict) -> None:
    """The wall time of each stage the driver saw, Ray 1 CPU against 2 CPUs."""
    print("  stage                   Ray 1 CPU  Ray 2 CPUs  1/2 (2.0: halves)")
    for stage in one:
        if stage in WORKER_SUMS or stage not in two:
            continue
        ratio = f"{one[stage] / two[stage]:5.2f}" if two[stage] > 0.05 else "    -"
        print(f"  {stage:22s} {one[stage]:9.2f} s {two[stage]:9.2f} s  {ratio}")
    cpu = {k: sum(t.get(s, 0.0) for s in WORKER_SUMS) for k, t in (("one", one), ("two", two))}
    print(f"  (CPU in the prepare tasks: {cpu['one']:.1f} s and {cpu['two']:.1f} s)")


def _same(a: Path, b: Path) -> bool:
    """The same documents.jsonl, learned.json (when learning) and report.json counts."""
    same = (a / "documents.jsonl").read_bytes() == (b / "documents.jsonl").read_bytes()
    if (a / "learned.json").exists() or (b / "learned.json").exists():
        same = same and (a / "learned.json").read_bytes() == (b / "learned.json").read_bytes()
    reports = [json.loads((x / "report.json").read_text(encoding="utf-8")) for x in (a, b)]
    return same and reports[0]["counts"] == reports[1]["counts"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--object-store-mb", type=int, default=2000)
    parser.add_argument("--no-learn", action="store_true", help="learning off in both engines")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved repeats")
    args = parser.parse_args()
    learn = not args.no_learn
    with tempfile.TemporaryDirectory(prefix="bench-ray-") as tmp:
        root = Path(tmp)
        corpus = generate(args.n)
        source = root / "in"
        source.mkdir()
        for doc_id, text in zip(corpus.ids, corpus.texts, strict=True):
            (source / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        del corpus
        print(f"n = {args.n:,} documents; learning {'on' if learn else 'off'}; passages on")
        times: dict[str, list[float]] = {"local": [], "ray1": [], "ray2": []}
        stages: dict[str, dict] = {}
        for round_ in range(1, args.rounds + 1):
            print(f"round {round_}: load average {_load()}")
            t0 = time.perf_counter()
            result = run(source, root / "local", RunOptions(workers=2, learn=learn))
            times["local"].append(time.perf_counter() - t0)
            print(
                f"  local engine, 2 workers: {times['local'][-1]:8.1f} s"
                f"  {args.n / times['local'][-1]:8,.0f} docs/s"
            )
            print(f"    timings: {_timings(result.report['timings'])}")
            for cpus in (1, 2):
                out, key = root / f"ray{cpus}", f"ray{cpus}"
                found = ray_run(cpus, args.object_store_mb, source, out, learn)
                if not times[key] or found["seconds"] < min(times[key]):
                    stages[key] = found["timings"]
                times[key].append(found["seconds"])
                same = _same(out, root / "local")
                print(
                    f"  Ray engine, {cpus} CPU{'s' if cpus > 1 else ' '}:    "
                    f"{found['seconds']:8.1f} s  {args.n / found['seconds']:8,.0f} docs/s"
                    f"  (ray.init {found['start']:.1f} s; output identical: {same})"
                )
                print(f"    timings: {_timings(found['timings'])}")
                shutil.rmtree(out)
            shutil.rmtree(root / "local")
        print(f"load average after the runs: {_load()}")
        best = {k: min(v) for k, v in times.items()}
        print(
            f"best: local {best['local']:.1f} s, Ray 1 CPU {best['ray1']:.1f} s, "
            f"Ray 2 CPUs {best['ray2']:.1f} s"
        )
        print(f"overhead (Ray 2 CPUs / local): {best['ray2'] / best['local']:.2f}x")
        print(f"scaling efficiency 1 -> 2 CPUs: {best['ray1'] / (2 * best['ray2']):.2f}")
        print("per stage, best Ray runs:")
        _stage_table(stages["ray1"], stages["ray2"])


if __name__ == "__main__":
    main()
