"""Score ``cleancorpus run`` end to end on an "unseen sites" set (``benchmarks/generalise``).

``--set DIR`` scores another set laid out the same way (``DIR/docs``, ``DIR/labels.jsonl``),
e.g. ``benchmarks/generalise2``. The run uses default settings: ``python -m cleancorpus run
DIR/docs OUT``, plus any extra arguments given here (``--learn``, ``--no-learn``, ...). Every
score is read
from the run's ``documents.jsonl`` (one line per input document, duplicates included, with its
cleaned ``text``, ``metadata`` and ``cluster``):

- body precision / recall / F1 over multisets of ``\\w+`` tokens, as
  ``bench_cleaning.py`` scores them (averaged over documents; F1 of the two averages);
- ``left``: the share of documents with at least one labelled boilerplate line left, a line
  counting as left when its normalised form (markdown links unwrapped, casefolded, whitespace
  collapsed) occurs in the normalised cleaned text;
- duplicate pairs: pairs of documents in one cluster against pairs sharing a ``story``
  (precision, recall);
- metadata accuracy for title, site, date and author on the documents labelled with them, and
  ``site_wrong``: the share of all documents given a site that is not their own.

A "no cleaning" row is scored in the same run: the raw text of ``.txt``/``.md`` files and
trafilatura's text of ``.html`` pages (cleancorpus' own extraction step, default settings).

    python benchmarks/bench_generalise.py                   # default run + baseline
    python benchmarks/bench_generalise.py --learn           # extra args go to `run`
    python benchmarks/bench_generalise.py --compare=--learn # one more row, same report
    python benchmarks/bench_generalise.py --set benchmarks/generalise2
    python benchmarks/bench_generalise.py --json            # summary figures only
    python benchmarks/bench_generalise.py --json --show-left 5  # plus 5 documents' leftovers

The leftover lines (which labelled lines stayed in which document) are printed only with
``--show-left N``, and then only for the first N documents, in the table and in ``--json``
alike: without it no document's leftovers are shown.

Nobody tunes cleaning on these sets (see benchmarks/generalise/README.md and
benchmarks/generalise2/README.md).
"""

from __future__ import annotations

import argparse
import itertools
import json
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SET_DIR = HERE / "generalise"
DOCS = SET_DIR / "docs"
LABELS = SET_DIR / "labels.jsonl"
META_KEYS = ("title", "site", "date", "author")
BASELINE = "no cleaning"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(SET_DIR))

from make_generalise import normalise  # noqa: E402

from bench_cleaning import _norm_value, tokens  # noqa: E402


def load_labels(path: Path = LABELS) -> list[dict[str, Any]]:
    """The set's labels, one per document file."""
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def run_cleancorpus(
    args: list[str], out: Path, docs: Path = DOCS
) -> tuple[dict[str, dict[str, Any]], float]:
    """Run ``cleancorpus run docs out *args``; its documents.jsonl records by id, wall time."""
    cmd = [sys.executable, "-m", "cleancorpus", "run", str(docs), str(out), "--quiet", *args]
    start = time.perf_counter()
    subprocess.run(cmd, check=True)
    seconds = time.perf_counter() - start
    lines = (out / "documents.jsonl").read_text("utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    return {rec["id"]: rec for rec in records}, seconds


def no_cleaning(
    labels: Iterable[Mapping[str, Any]], docs: Path = DOCS
) -> dict[str, dict[str, Any]]:
    """Baseline records: raw text files as they are, HTML pages as trafilatura extracts them."""
    from cleancorpus import extract_html

    records = {}
    for label in labels:
        data = (docs / label["file"]).read_bytes()
        if label["file"].endswith(".html"):
            text = extract_html(data, name=label["file"]).text
        else:
            text = data.decode("utf-8")
        records[label["file"]] = {"text": text, "metadata": {}, "cluster": label["file"]}
    return records


def _pairs(groups: Mapping[str, str]) -> set[tuple[str, str]]:
    by_group: dict[str, list[str]] = {}
    for doc, group in groups.items():
        by_group.setdefault(group, []).append(doc)
    return {p for docs in by_group.values() for p in itertools.combinations(sorted(docs), 2)}


def _meta_equal(key: str, got: Any, want: Any) -> bool:
    if key == "date":
        got = str(got)[:10] if got else None
    return bool(_norm_value(key, got) == _norm_value(key, want))


def score(
    labels: list[dict[str, Any]], records: Mapping[str, Mapping[str, Any]], show_left: int = 0
) -> dict[str, Any]:
    """Every figure of one system, from its records by file name.

    ``left_documents`` (the leftover lines of the first ``show_left`` documents with any) is
    present only when ``show_left`` is positive: a set stays unseen by default.
    """
    p_sum = r_sum = 0.0
    left_docs: list[dict[str, Any]] = []
    meta_hits: dict[str, list[bool]] = {k: [] for k in META_KEYS}
    site_wrong = 0
    kinds: dict[str, list[int]] = {}
    per_site: dict[str, dict[str, float]] = {}
    for label in labels:
        rec = records[label["file"]]
        out, body = tokens(rec["text"]), tokens(label["body"])
        common = sum((out & body).values())
        p = common / sum(out.values()) if out else 1.0
        r = common / sum(body.values()) if body else 1.0
        p_sum, r_sum = p_sum + p, r_sum + r
        cleaned = normalise(rec["text"])
        left = [line for line in label["boilerplate"] if normalise(line) in cleaned]
        for line, kind in zip(label["boilerplate"], label["boilerplate_kinds"], strict=True):
            tally = kinds.setdefault(kind, [0, 0])
            tally[0] += line in left
            tally[1] += 1
        if left:
            left_docs.append({"file": label["file"], "site": label["site"], "lines": left})
        site = per_site.setdefault(label["site"], {"docs": 0, "left": 0, "p": 0.0, "r": 0.0})
        site["docs"] += 1
        site["left"] += bool(left)
        site["p"] += p
        site["r"] += r
        out_meta = rec.get("metadata") or {}
        for key in META_KEYS:
            if key in label["metadata"]:
                meta_hits[key].append(_meta_equal(key, out_meta.get(key), label["metadata"][key]))
        if out_meta.get("site") and not _meta_equal("site", out_meta["site"], label["site"]):
            site_wrong += 1
    n = len(labels)
    precision, recall = p_sum / n, r_sum / n
    true_pairs = _pairs({lb["file"]: lb["story"] for lb in labels})
    found = _pairs({lb["file"]: str(records[lb["file"]].get("cluster")) for lb in labels})
    hit = len(found & true_pairs)
    result: dict[str, Any] = {
        "docs": n,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(_f1(precision, recall), 4),
        "left": round(len(left_docs) / n, 4),
        "dup_precision": round(hit / len(found), 4) if found else 1.0,
        "dup_recall": round(hit / len(true_pairs), 4) if true_pairs else 1.0,
        "pairs": {"true": len(true_pairs), "found": len(found), "correct": hit},
        "metadata": {k: round(sum(v) / len(v), 4) for k, v in meta_hits.items() if v},
        "site_wrong": round(site_wrong / n, 4),
        "lines_left_by_kind": {k: round(v[0] / v[1], 4) for k, v in sorted(kinds.items())},
        "sites": {
            name: {
                "docs": int(s["docs"]),
                "left": round(s["left"] / s["docs"], 4),
                "f1": round(_f1(s["p"] / s["docs"], s["r"] / s["docs"]), 4),
            }
            for name, s in sorted(per_site.items())
        },
    }
    if show_left > 0:
        result["left_documents"] = left_docs[:show_left]
    return result


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(
    variants: Mapping[str, list[str]], set_dir: Path = SET_DIR, show_left: int = 0
) -> dict[str, Any]:
    """Run each variant of ``cleancorpus run`` and the baseline on one set; score them all."""
    docs = set_dir / "docs"
    labels = load_labels(set_dir / "labels.jsonl")
    result: dict[str, Any] = {"set": str(set_dir), "systems": {}, "seconds": {}}
    for name, args in variants.items():
        with tempfile.TemporaryDirectory(prefix="bench-generalise-") as tmp:
            records, seconds = run_cleancorpus(args, Path(tmp) / "out", docs)
        result["systems"][name] = score(labels, records, show_left)
        result["seconds"][name] = round(seconds, 2)
    baseline = score(labels, no_cleaning(labels, docs), show_left)
    baseline["dup_precision"] = baseline["dup_recall"] = None  # no clustering without a run
    baseline["metadata"] = {}
    result["systems"][BASELINE] = baseline
    return result


def _num(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float | int) else "  -  "


def render(result: Mapping[str, Any], show_left: int = 0) -> str:
    cols = ("P", "R", "F1", "left", "dupP", "dupR", "title", "site", "date", "author", "site!")
    lines = [f"{'system':<34}" + "".join(f"{c:>7}" for c in cols)]
    for name, s in result["systems"].items():
        meta = s["metadata"]
        values = [s["precision"], s["recall"], s["f1"], s["left"], s["dup_precision"]]
        values += [s["dup_recall"], *(meta.get(k) for k in META_KEYS)]
        values.append(s["site_wrong"] if meta else None)
        lines.append(f"{name[:34]:<34}" + "".join(f"{_num(v):>7}" for v in values))
    first_name = next(iter(result["systems"]))
    first = result["systems"][first_name]
    pairs = first["pairs"]
    lines.append(
        f"pairs ({first_name}): {pairs['true']} true, {pairs['found']} found, "
        f"{pairs['correct']} correct; run time: "
        + ", ".join(f"{k} {v:.1f} s" for k, v in result["seconds"].items())
    )
    by_kind = "  ".join(f"{k} {v:.2f}" for k, v in first["lines_left_by_kind"].items())
    lines.append(f"share of labelled lines left, by kind ({first_name}): {by_kind}")
    lines.append(f"per site ({first_name}): share of documents with boilerplate left, F1")
    for site, s in first["sites"].items():
        lines.append(f"  {site:<28} {s['docs']:>4} docs  left {s['left']:.3f}  F1 {s['f1']:.3f}")
    if show_left:
        lines.append(f"lines left ({first_name}), first {show_left} documents:")
        for doc in first.get("left_documents", [])[:show_left]:
            lines.append(f"  {doc['file']} ({doc['site']}): {doc['lines'][:3]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Score `cleancorpus run` on the unseen-sites set; unknown arguments are "
        "passed to `cleancorpus run`."
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument(
        "--compare",
        action="append",
        default=[],
        metavar="ARGS",
        help="also score a run with these arguments, e.g. --compare=--learn (repeatable)",
    )
    parser.add_argument(
        "--show-left",
        type=int,
        default=0,
        metavar="N",
        help="list the lines left in the first N documents (table and --json; none by default)",
    )
    parser.add_argument(
        "--set",
        type=Path,
        default=SET_DIR,
        metavar="DIR",
        help="the set to score: DIR/docs and DIR/labels.jsonl (default benchmarks/generalise)",
    )
    args, extra = parser.parse_known_args(argv)
    variants = {" ".join(["cleancorpus run", *extra]): extra}
    for more in args.compare:
        split = shlex.split(more)
        variants[" ".join(["cleancorpus run", *split])] = split
    result = evaluate(variants, args.set, args.show_left)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(render(result, args.show_left))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
