"""One digest of everything cleaning outputs, to check that a change leaves it byte-identical.

Cleans the labelled sets (``dev``, ``learn_dev``, the ``flat`` and ``dev2`` folders), the seed
documents of ``examples/corpus``, synthetic documents as ``bench_dedup.py`` generates them,
and seeded mixtures of their lines and the rules' examples (so residue lines meet long
paragraphs in every position), then prints a SHA-256 of each set's cleaned texts, removals
and metadata, and one of them all. HTML pages are cleaned as a run cleans them (extraction,
then the rules for extracted text) and also raw. ``--held-out`` adds the held-out sets
(``unseen.jsonl``, ``generalise/docs``), digested only: nothing of them is printed.

    PYTHONPATH=/work/main/src python benchmarks/clean_digest.py   # the main checkout's code
    PYTHONPATH=$PWD/src python benchmarks/clean_digest.py         # this one's: same digests?
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SETS = HERE / "cleaning"
SEEDS = HERE.parent / "examples" / "corpus" / "seeds"
HELD_OUT = (SETS / "unseen.jsonl", HERE / "generalise" / "docs")
EXTENSIONS = (".md", ".txt", ".html")
sys.path.insert(0, str(HERE))  # synthetic


def _jsonl_texts(path: Path) -> Iterator[tuple[str, str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            yield record["id"], record["text"]


def _folder_texts(folder: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(p for p in folder.rglob("*") if p.suffix in EXTENSIONS and p.is_file()):
        yield str(path.relative_to(folder)), path.read_text(encoding="utf-8")


def _mixtures(labelled: list[str], plain: list[str], count: int) -> Iterator[tuple[str, str]]:
    """``count`` documents of 3-40 lines, seven in ten drawn from ``labelled``'s lines (and
    the rules' own examples), the rest from ``plain``'s paragraphs, with one or two newlines
    after each, in a seeded order."""
    from cleancorpus import CleanConfig

    examples = [example for rule in CleanConfig().rules() for example in rule.examples]
    residue = sorted({x for text in labelled for x in text.splitlines() if x.strip()} | {*examples})
    prose = sorted({x for text in plain for x in text.splitlines() if x.strip()})
    rng = random.Random(1)
    for index in range(count):
        picked = [
            rng.choice(residue if rng.random() < 0.7 else prose) for _ in range(rng.randint(3, 40))
        ]
        yield f"mix{index:05d}", "".join(line + rng.choice(("\n", "\n\n")) for line in picked)


def sources(synthetic: int, mixtures: int, held_out: bool) -> dict[str, list[tuple[str, str]]]:
    """The documents to clean, by set: (id, text) pairs."""
    from synthetic import generate

    found: dict[str, list[tuple[str, str]]] = {
        "dev": list(_jsonl_texts(SETS / "dev.jsonl")),
        "learn_dev": list(_jsonl_texts(SETS / "learn_dev.jsonl")),
        "flat": list(_folder_texts(SETS / "flat")),
        "dev2": list(_folder_texts(SETS / "dev2")),
        "seeds": list(_folder_texts(SEEDS)),
    }
    corpus = generate(synthetic, seed=0)
    found["synthetic"] = list(zip(corpus.ids, corpus.texts, strict=True))
    labelled = [
        text
        for name in ("dev", "learn_dev", "flat", "dev2", "seeds")
        for _, text in found[name]
        if not text.lstrip().startswith("<")
    ]
    found["mixtures"] = list(_mixtures(labelled, corpus.texts, mixtures))
    if held_out:
        found["unseen"] = list(_jsonl_texts(HELD_OUT[0]))
        found["generalise"] = list(_folder_texts(HELD_OUT[1]))
    return found


def _record(doc_id: str, kind: str, result: Any) -> bytes:
    removals = [(r.rule, r.start, r.end, r.text) for r in result.removals]
    row = [doc_id, kind, result.text, removals, result.metadata]
    return json.dumps(row, ensure_ascii=False, sort_keys=True, default=repr).encode() + b"\n"


def digest(docs: Iterable[tuple[str, str]]) -> str:
    """SHA-256 over each document's cleaned text, removals and metadata (raw, and for an
    HTML page also extracted then cleaned as a run cleans it)."""
    from cleancorpus import CleanConfig, TextCleaner, extract_html

    plain, extracted = TextCleaner(), TextCleaner(CleanConfig().for_extracted_text())
    sha = hashlib.sha256()
    for doc_id, text in docs:
        sha.update(_record(doc_id, "raw", plain.clean(text)))
        if doc_id.endswith(".html"):
            page = extract_html(text.encode("utf-8")).text
            sha.update(_record(doc_id, "extracted", extracted.clean(page)))
    return sha.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Digest cleaning's output on fixed inputs.")
    parser.add_argument("--synthetic", type=int, default=5000, help="synthetic documents")
    parser.add_argument("--mixtures", type=int, default=3000, help="documents of mixed lines")
    parser.add_argument("--held-out", action="store_true", help="digest the held-out sets too")
    args = parser.parse_args(argv)
    import cleancorpus

    print(f"code: {Path(cleancorpus.__file__).parent}")
    total = hashlib.sha256()
    for name, docs in sources(args.synthetic, args.mixtures, args.held_out).items():
        value = digest(docs)
        total.update(value.encode())
        print(f"{name:<11} {len(docs):>6} documents  {value}")
    print(f"{'all':<11} {'':>6}            {total.hexdigest()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
