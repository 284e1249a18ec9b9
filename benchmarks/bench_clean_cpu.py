"""Cleaning CPU a document, this checkout's code against other copies of cleancorpus, A/B.

Each source tree (a ``src`` folder holding ``cleancorpus``) is copied under a name of its own
into a temporary folder and imported side by side in one process, so that every code cleans
the same documents, chunk by chunk in turn (the order reversed every other round), and a busy
machine slows them alike. Each round uses fresh cleaners (empty memos); process time only.

    python benchmarks/bench_clean_cpu.py --against main=../main/src             # 40,000 synthetic
    python benchmarks/bench_clean_cpu.py --against main=../main/src --docs sets  # labelled sets

``--docs`` takes a number of synthetic documents (``synthetic.generate``, seed 0, as
``bench_dedup.py`` makes them: residue-free prose, a shared footer on a fifth) or ``sets``:
the raw texts of the labelled cleaning sets (dev, learn_dev, flat, dev2).
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # synthetic, clean_digest


def documents(spec: str) -> list[str]:
    if spec == "sets":
        from clean_digest import sources

        found = sources(0, 0, held_out=False)
        return [text for name in ("dev", "learn_dev", "flat", "dev2") for _, text in found[name]]
    from synthetic import generate

    return generate(int(spec), seed=0).texts


def load_copies(trees: dict[str, Path], into: Path) -> dict[str, ModuleType]:
    """Each tree's cleancorpus, imported as ``cleancorpus_<label>`` from a copy in ``into``."""
    sys.path.insert(0, str(into))
    modules = {}
    for label, tree in trees.items():
        name = f"cleancorpus_{label}"
        shutil.copytree(tree / "cleancorpus", into / name)
        modules[label] = importlib.import_module(name)
    return modules


def measure(modules: dict[str, ModuleType], texts: list[str], rounds: int, chunk: int) -> Any:
    """Process seconds per round for each code."""
    seconds = {label: [0.0] * rounds for label in modules}
    for round_ in range(rounds):
        cleaners = {label: module.TextCleaner() for label, module in modules.items()}
        order = list(cleaners) if round_ % 2 == 0 else list(reversed(cleaners))
        for start in range(0, len(texts), chunk):
            part = texts[start : start + chunk]
            for label in order:
                clean = cleaners[label].clean
                began = time.process_time()
                for text in part:
                    clean(text)
                seconds[label][round_] += time.process_time() - began
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
        row = "  ".join(f"{label} {seconds[label][round_]:.2f} s" for label in modules)
        print(f"round {round_ + 1}: {row}   (load average {load})", flush=True)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--against", action="append", required=True, help="LABEL=SRC_TREE (or SRC_TREE)"
    )
    parser.add_argument("--docs", default="40000", help="synthetic documents, or 'sets'")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--chunk", type=int, default=500, help="documents per turn")
    args = parser.parse_args(argv)
    texts = documents(args.docs)
    trees = {"this": HERE.parent / "src"}
    for number, spec in enumerate(args.against, 1):
        label, _, tree = spec.rpartition("=")
        trees[label or f"other{number}"] = Path(tree)
    for label, tree in trees.items():
        print(f"{label}: {tree}")
    with tempfile.TemporaryDirectory() as tmp:
        modules = load_copies(trees, Path(tmp))
        seconds = measure(modules, texts, args.rounds, max(1, args.chunk))
    print(f"{len(texts):,} documents, {sum(map(len, texts)) / len(texts):,.0f} characters each")
    for label, values in seconds.items():
        per_doc = ", ".join(f"{v / len(texts) * 1e3:.3f}" for v in values)
        ratios = ", ".join(
            f"{a / b - 1:+.0%}" for a, b in zip(seconds["this"], values, strict=True)
        )
        versus = "" if label == "this" else f"; this against it: {ratios}"
        print(f"  {label:<7} ms a document: {per_doc}{versus}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
