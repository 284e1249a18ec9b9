"""Benchmark: near-duplicate detection on a synthetic corpus with known ground truth.

    .venv/bin/python benchmarks/bench_dedup.py --n 100000

Times, in one run and on the same corpus:
  (a) a plain datasketch pipeline as a user would write it: word 5-shingles, MinHash.bulk
      (SHA1 per shingle), MinHashLSH(threshold, num_perm) insert + query, union of the hits;
  (b) cleancorpus: Fingerprinter.batch over all texts (in-process, then in a pool of 2
      worker processes) + deduplicate, then the passage stage (shared passages and story
      groups) on the same analysis, timed against the dedup stage;
  (c) ``python -m cleancorpus run IN OUT`` (the CLI) end to end, on the corpus written as
      files under TMPDIR (``TMPDIR=/dev/shm`` for tmpfs, else the disk behind /tmp): with its
      defaults (boilerplate learning on) and with ``--no-learn``, on the same files, which
      gives the cost of learning as a ratio.
Reports docs/s, speed-up over (a), peak memory, and pair recall/precision against exact
Jaccard computed with Python sets (independent of cleancorpus' hashing). The corpus also holds
planted passages and topical near-misses (``synthetic.generate``'s ``passage_rate`` and
``topic_rate``): passage recall by length and false passage pairs are reported for (b).
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from datasketch import MinHash, MinHashLSH

from cleancorpus import DedupConfig, DocInfo, Fingerprinter, Membership, analyse, passage_stage
from synthetic import Corpus, components, exact_jaccard, generate, shingle_set

PASSAGE_RATE, TOPIC_RATE = 0.02, 0.05  # of the new documents: quoting one, topical


def _mb(kilobytes: int) -> float:
    return kilobytes / 1024


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 2**20


def run_datasketch(corpus: Corpus, config: DedupConfig) -> tuple[float, dict[str, str]]:
    """(a): returns seconds and, per id, the smallest id of its cluster."""
    start = time.perf_counter()

    def shingles(text: str) -> list[bytes]:
        w = text.split()
        return [
            " ".join(w[i : i + config.shingle_size]).encode()
            for i in range(len(w) - config.shingle_size + 1)
        ]

    minhashes = MinHash.bulk(
        (shingles(t) for t in corpus.texts), num_perm=config.num_perm, seed=config.seed
    )
    lsh = MinHashLSH(threshold=config.threshold, num_perm=config.num_perm)
    with lsh.insertion_session() as session:
        for key, m in zip(corpus.ids, minhashes, strict=True):
            session.insert(key, m)
    index = {key: i for i, key in enumerate(corpus.ids)}
    edges = [
        (index[key], index[other])
        for key, m in zip(corpus.ids, minhashes, strict=True)
        for other in lsh.query(m)
    ]
    label = components(len(corpus.ids), edges)
    seconds = time.perf_counter() - start
    return seconds, {key: corpus.ids[label[i]] for i, key in enumerate(corpus.ids)}


def run_cleancorpus(
    corpus: Corpus, config: DedupConfig, workers: int, chunk: int = 1000
) -> tuple[float, float, float, dict[str, Membership]]:
    """(b): returns fingerprint, dedup and passage seconds, and each id's membership."""
    start = time.perf_counter()
    fingerprinter = Fingerprinter(config)
    chunks = [corpus.texts[i : i + chunk] for i in range(0, len(corpus.texts), chunk)]
    if workers == 1:
        parts = [fingerprinter.batch(c) for c in chunks]
    else:
        # Without gc.freeze() the forked workers' garbage collector walks (and so copies,
        # page by page) every object inherited from this process: 3x slower fingerprints.
        gc.freeze()
        with ProcessPoolExecutor(workers) as pool:
            parts = list(pool.map(fingerprinter.batch, chunks))
        gc.unfreeze()
    fingerprints = [fp for part in parts for fp in part]
    middle = time.perf_counter()
    docs = [
        DocInfo(key, fp, {}, len(text))
        for key, fp, text in zip(corpus.ids, fingerprints, corpus.texts, strict=True)
    ]
    analysis = analyse(docs, config)
    end = time.perf_counter()
    texts = dict(zip(corpus.ids, corpus.texts, strict=True))
    result = passage_stage(
        analysis, analysis.memberships, lambda ids: {i: texts[i] for i in ids}, config
    )
    return middle - start, end - middle, time.perf_counter() - end, result


def evaluate_passages(corpus: Corpus, result: dict[str, Membership]) -> str:
    """Planted passages found (linked, and located: the reported span in the quoting text
    covers at least 90% of the planted one and adds at most 10%), by length; false pairs
    (canonicals sharing a reported passage though neither copies nor quotes the other)."""
    index = {key: i for i, key in enumerate(corpus.ids)}
    root = corpus.root()
    planted = {frozenset((p.source, p.target)) for p in corpus.planted}
    topical = set(corpus.topical)
    false = false_topical = 0
    for key, m in result.items():
        for p in m.passages:
            a, b = root.get(index[key], index[key]), root.get(index[p.other], index[p.other])
            if key < p.other and a != b and frozenset((a, b)) not in planted:
                false += 1
                false_topical += a in topical and b in topical
    # A source shorter than 40 words, or an edit that deletes a word, can plant a passage
    # below the minimum: counted apart, outside the totals (nothing that short is reported).
    short = (0, 39)
    buckets = (short, (40, 59), (60, 99), (100, 199), (200, 400))
    found = {b: [0, 0, 0, 0] for b in buckets}  # planted, linked, located, overlap-linked
    for p in corpus.planted:
        bucket = next(b for b in buckets if b[0] <= p.words <= b[1])
        found[bucket][0] += 1
        s, t = result[corpus.ids[p.source]], result[corpus.ids[p.target]]
        spans = [x for x in t.passages if x.other == s.cluster] if t.canonical else []
        found[bucket][1] += bool(spans) or s.story == t.story
        found[bucket][3] += not spans and s.story == t.story
        size = p.end - p.start
        found[bucket][2] += any(
            min(x.end, p.end) - max(x.start, p.start) >= 0.9 * size
            and x.end - x.start <= 1.1 * size
            for x in spans
        )
    total = [sum(f[k] for b, f in found.items() if b != short) for k in range(4)]
    by_length = ", ".join(
        f"{lo}-{hi} words {f[1] / max(f[0], 1):.3f} ({f[0]})"
        for (lo, hi), f in found.items()
        if f[0] or (lo, hi) != short
    )
    return (
        f"planted passages of 40+ words linked {total[1] / max(total[0], 1):.4f} of {total[0]} "
        f"[{by_length}], located with offsets {total[2] / max(total[0], 1):.4f}, "
        f"{total[3]} linked through containment overlaps instead; false pairs {false} "
        f"({false_topical} between topical near-misses, {len(topical):,} of them)"
    )


def evaluate(corpus: Corpus, clusters: dict[str, str], config: DedupConfig) -> dict[str, float]:
    """Pair quality against exact scores (Python sets of word 5-shingles).

    recall: share of family pairs with J >= threshold + 0.05 that end in one cluster.
    precision: share of merged documents whose cluster is connected by pairs that are true
    duplicates by the exact scores (``config.duplicate``: Jaccard >= threshold, or a copy with
    a part dropped or added; what union-find over verified pairs promises; a member may still
    be less similar to the canonical when it joined through a chain).
    to_canonical: share of merged documents that are such duplicates of their cluster's key.
    """
    cache: dict[int, set] = {}
    index = {key: i for i, key in enumerate(corpus.ids)}
    threshold = config.threshold

    def shingles(k: int) -> set:
        if k not in cache:
            cache[k] = shingle_set(corpus.texts[k])
        return cache[k]

    def j(a: int, b: int) -> float:
        return exact_jaccard(shingles(a), shingles(b))

    def duplicate(a: int, b: int) -> bool:
        x, y = shingles(a), shingles(b)
        smaller = min(len(x), len(y))
        held = len(x & y) / smaller if smaller else 0.0
        return bool(config.duplicate(exact_jaccard(x, y), held))

    wanted = found = 0
    for family in corpus.families:
        for x in range(len(family)):
            for y in range(x + 1, len(family)):
                a, b = family[x], family[y]
                if j(a, b) >= threshold + 0.05:
                    wanted += 1
                    found += clusters[corpus.ids[a]] == clusters[corpus.ids[b]]
    members: dict[str, list[int]] = {}
    for key, home in clusters.items():
        members.setdefault(home, []).append(index[key])
    merged = connected = to_canonical = 0
    for home, group in members.items():
        if len(group) < 2:
            continue
        merged += len(group) - 1
        to_canonical += sum(duplicate(i, index[home]) for i in group if i != index[home])
        if len(group) > 200:
            continue  # too large to check pair by pair: counted as wrong
        linked = [
            (x, y)
            for x in range(len(group))
            for y in range(x + 1, len(group))
            if duplicate(group[x], group[y])
        ]
        connected += (len(group) - 1) * (set(components(len(group), linked)) == {0})
    return {
        "recall": found / wanted if wanted else 1.0,
        "precision": connected / merged if merged else 1.0,
        "to_canonical": to_canonical / merged if merged else 1.0,
        "pairs": wanted,
        "merged": merged,
    }


class PeakMemory(threading.Thread):
    """Polls the peak resident memory of a process and of its children (Linux /proc).

    VmHWM is the high-water mark of a process's own memory since it started (exec), which
    rusage's ru_maxrss is not: a child forked from this big benchmark process inherits its
    high-water mark there. ``total`` is the largest sum of VmRSS seen, counting pages the
    workers share with the main process once per process (an upper bound).
    """

    def __init__(self, pid: int, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.main = self.worker = self.total = 0  # kB
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(self.every):
            try:
                with open(f"/proc/{self.pid}/task/{self.pid}/children") as handle:
                    children = handle.read().split()
                main = _status(self.pid)
                workers = [_status(int(c)) for c in children]
            except OSError:  # the run has ended (or this is not Linux)
                continue
            self.main = max(self.main, main[0])
            self.worker = max([self.worker, *(w[0] for w in workers)])
            self.total = max(self.total, main[1] + sum(w[1] for w in workers))

    def stop(self) -> None:
        self._done.set()
        self.join()

    def __str__(self) -> str:
        return (
            f"peak memory: main process {_mb(self.main):.0f} MB, largest worker "
            f"{_mb(self.worker):.0f} MB (RSS high-water marks; all together at most "
            f"{_mb(self.total):.0f} MB)"
        )


def _status(pid: int) -> tuple[int, int]:
    """(VmHWM, VmRSS) of a process, in kB (0 when it has gone)."""
    values = {"VmHWM:": 0, "VmRSS:": 0}
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                words = line.split()
                if words and words[0] in values:
                    values[words[0]] = int(words[1])
    except OSError:
        pass
    return values["VmHWM:"], values["VmRSS:"]


def run_cli(corpus: Corpus, baseline: float | None) -> list[str]:
    """(c): the CLI end to end on the corpus written as .txt files, by default and with
    ``--no-learn``; ``baseline``: seconds of (a)."""
    if importlib.util.find_spec("cleancorpus.cli") is None:
        return ["skipped (no CLI yet)"]
    # ``python -m cleancorpus`` runs the CLI's main(); cleancorpus.cli alone may not.
    module = (
        "cleancorpus" if importlib.util.find_spec("cleancorpus.__main__") else "cleancorpus.cli"
    )
    lines, times = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp, "in")
        source.mkdir()
        for key, text in zip(corpus.ids, corpus.texts, strict=True):
            (source / f"{key}.txt").write_text(text, encoding="utf-8")
        for label, extra in (("default (learning on)", []), ("--no-learn", ["--no-learn"])):
            said, seconds = _one_cli_run(module, source, Path(tmp, "out"), extra, corpus, baseline)
            lines.append(f"{label}: {said}")
            times[label] = seconds
    if all(times.values()):
        on, off = times["default (learning on)"], times["--no-learn"]
        lines.append(f"learning costs {on / off - 1:+.1%} of the --no-learn run time")
    return lines


def _one_cli_run(
    module: str,
    source: Path,
    target: Path,
    extra: list[str],
    corpus: Corpus,
    baseline: float | None,
) -> tuple[str, float | None]:
    log = target.with_name("log")
    with open(log, "w") as output:
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", module, "run", str(source), str(target), *extra],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        memory = PeakMemory(child.pid)
        memory.start()
        child.wait()
        seconds = time.perf_counter() - start
        memory.stop()
    wrote = target.exists() and any(target.iterdir())
    said = log.read_text().strip()
    timings = {}
    if (target / "report.json").exists():
        timings = json.loads((target / "report.json").read_text())["timings"]
    if child.returncode != 0:
        return f"failed (exit {child.returncode}): {said[-300:]}", None
    if not wrote:
        return f"python -m {module} exited 0 but wrote nothing: not measured", None
    ratio = f", {baseline / seconds:.2f}x vs (a)" if baseline else ""
    last = said.splitlines()[-1:] or [""]
    stages = ""
    if "passages" in timings and timings.get("dedup"):
        stages = (
            f"; stages: dedup {timings['dedup']:.2f} s, passages {timings['passages']:.2f} s "
            f"(ratio {timings['passages'] / timings['dedup']:.3f})"
        )
    if timings.get("learn"):
        stages += f"; learning {timings['learn']:.2f} s"
    text = (
        f"{seconds:.1f} s, {len(corpus.ids) / seconds:,.0f} docs/s{ratio}; {memory}{stages}; "
        f"{last[0]}"
    )
    return text, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="documents (default 100000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-baseline", action="store_true", help="do not run (a)")
    parser.add_argument("--skip-cli", action="store_true", help="do not run (c)")
    args = parser.parse_args()
    config = DedupConfig(passages=True)

    start = time.perf_counter()
    corpus = generate(args.n, seed=args.seed, passage_rate=PASSAGE_RATE, topic_rate=TOPIC_RATE)
    print(
        f"corpus: {args.n:,} docs, {sum(len(f) - 1 for f in corpus.families):,} edited copies "
        f"in {len(corpus.families):,} families, {len(corpus.planted):,} planted passages, "
        f"{len(corpus.topical):,} topical near-misses, generated in "
        f"{time.perf_counter() - start:.1f} s"
    )
    print(f"config: {config}; bands x rows = {config.bands}")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start")
    base_rss = _rss_mb()

    rows = []
    for workers in (2, 1):
        fp_s, dd_s, pass_s, result = run_cleancorpus(corpus, config, workers)
        clusters = {key: m.cluster for key, m in result.items()}
        print(
            f"(b) {workers} worker(s): passage stage {pass_s:.2f} s after a dedup stage of "
            f"{dd_s:.2f} s: ratio {pass_s / dd_s:.3f}; {evaluate_passages(corpus, result)}"
        )
        if workers == 2:
            peak = _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
            child = _mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            print(
                f"memory: process RSS {base_rss:.0f} MB with the corpus loaded, peak {peak:.0f} MB "
                f"after (b) [{peak - base_rss:.0f} MB for dedup]; worker peak {child:.0f} MB"
            )
        rows.append((f"(b) cleancorpus, {workers} worker(s)", fp_s + dd_s, clusters, fp_s, dd_s))
    if not args.skip_baseline:
        seconds, clusters = run_datasketch(corpus, config)
        rows.append(("(a) datasketch MinHash.bulk + MinHashLSH", seconds, clusters, seconds, 0.0))

    baseline = rows[-1][1] if not args.skip_baseline else None
    for name, seconds, clusters, fp_s, dd_s in rows:
        q = evaluate(corpus, clusters, config)
        ratio = f", {baseline / seconds:.2f}x vs (a)" if baseline else ""
        print(
            f"{name}: {seconds:.1f} s ({fp_s:.1f} fingerprint + {dd_s:.1f} dedup), "
            f"{args.n / seconds:,.0f} docs/s{ratio}; recall {q['recall']:.4f} on {q['pairs']:,} "
            f"pairs with J >= {config.threshold + 0.05:.2f}, precision {q['precision']:.4f} "
            f"of {q['merged']:,} merged docs ({q['to_canonical']:.4f} with J >= "
            f"{config.threshold} to their canonical)"
        )
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    for line in ["skipped (--skip-cli)"] if args.skip_cli else run_cli(corpus, baseline):
        print("(c) cleancorpus run,", line)


if __name__ == "__main__":
    main()
