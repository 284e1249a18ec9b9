"""Score ``cleancorpus.clean`` against the hand-labelled cleaning sets.

Body scores compare multisets of ``\\w+`` tokens (Unicode) of the cleaned text with the
expected body: precision = |out & body| / |out|, recall = |out & body| / |body|, both averaged
over documents; F1 is computed from the two averages. A "no cleaning" baseline (output = raw
text, no metadata) is scored in the same run. Metadata accuracy is, for each expected key, the
share of documents whose ``clean(text).metadata[key]`` equals the label (strings stripped and
compared case-insensitively, tags as sets, dates as YYYY-MM-DD).

    python benchmarks/bench_cleaning.py                 # dev and unseen, text report
    python benchmarks/bench_cleaning.py --set dev --json
    python benchmarks/bench_cleaning.py --min-f1 0.9    # exit 1 if a set scores lower
    python benchmarks/bench_cleaning.py --learned --set all

``--learned`` adds a row: a default run (``cleancorpus.process`` over the set's records, or
``cleancorpus.run`` over the ``flat`` folder), which learns edge boilerplate from the set's
own documents with no site label (the ``site`` field is only for per-site scores). Its
metadata accuracy is printed too. It exits 1 if learning lowers a set's mean body recall.

``flat``, ``dev2`` and ``dev3`` are folder sets: ``cleaning/flat/``, ``cleaning/dev2/`` and
``cleaning/dev3/`` (hashed file names, no site metadata; labels in their ``labels.jsonl``;
built by ``cleaning/make_flat.py``, ``cleaning/make_dev2.py`` and ``cleaning/make_dev3.py``).
Where a folder set labels each document's ``story`` (dev2, dev3), the ``--learned`` row also
reports duplicate pairs: pairs of documents the run put in one cluster against pairs sharing
a story (precision, recall). Their ``.html`` pages go through cleancorpus' extraction step
(trafilatura) first, in every row; the baseline is the extracted text.

``left`` is the share of documents with residue left: where a set labels its boilerplate
lines (dev2, dev3), a document counts when one of them (two words and ten characters or more)
occurs, normalised, in the normalised output, as ``bench_generalise.py`` counts it; on the
other sets, when any output token is not matched by the body (precision below 1).

Held-out sets (``unseen``) print summary rows only: no per-site scores, no worst documents,
no leftover tokens, so nobody tunes on them by reading the report.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

SETS_DIR = Path(__file__).resolve().parent / "cleaning"
SET_NAMES = (
    "dev",
    "unseen",
    "learn_dev",
    "flat",
    "dev2",
    "dev3",
    "dev4",
    "dev5",
    "dev6",
    "bodysafe",
)
FOLDER_SETS = (
    "flat",
    "dev2",
    "dev3",
    "dev4",
    "dev5",
    "dev6",
)  # folders of files, their labels in labels.jsonl
HELD_OUT = ("unseen",)  # summary rows only (see the docstring)
DEFAULT_SETS = ("dev", "unseen")
SYSTEM = "cleancorpus"
LEARNED = "cleancorpus + learned"
BASELINE = "no cleaning"
_TOKEN = regex.compile(r"\w+")
sys.path.insert(0, str(SETS_DIR))  # folderset: the label normalisation of the folder sets

Cleaner = Callable[[str], tuple[str, Mapping[str, Any]]]


def tokens(text: str) -> Counter[str]:
    """The multiset of ``\\w+`` runs in ``text``."""
    return Counter(_TOKEN.findall(text))


@dataclass(frozen=True)
class DocScore:
    id: str
    site: str
    precision: float
    recall: float
    missing: tuple[str, ...]
    leftover: tuple[str, ...]
    metadata_hits: dict[str, bool]
    error: str | None = None
    left: bool = False  # residue left (see the module docstring)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _unmatched(text: str, other: Counter[str], limit: int = 8) -> tuple[str, ...]:
    """Up to ``limit`` distinct tokens of ``text`` left over after matching against ``other``.

    Tokens are consumed left to right, so a word that the body uses once and a footer repeats
    is reported where the footer repeats it.
    """
    pool = Counter(other)
    found: list[str] = []
    for tok in _TOKEN.findall(text):
        if pool[tok] > 0:
            pool[tok] -= 1
        elif tok not in found:
            found.append(tok)
            if len(found) == limit:
                break
    return tuple(found)


def _norm_value(key: str, value: Any) -> Any:
    if value is None:
        return None
    if key == "tags":
        items = regex.split(r"[,;]", value) if isinstance(value, str) else list(value)
        return frozenset(str(t).strip().casefold() for t in items if str(t).strip())
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip().casefold()


def score_document(record: Mapping[str, Any], cleaner: Cleaner) -> DocScore:
    """Score one labelled record with ``cleaner(text) -> (clean_text, metadata)``."""
    expected_meta: Mapping[str, Any] = record.get("metadata", {})
    try:
        out_text, out_meta = cleaner(record["text"])
    except Exception as exc:  # a crashing cleaner scores zero on that document, not the run
        return DocScore(
            record["id"],
            record["site"],
            0.0,
            0.0,
            (),
            (),
            {k: False for k in expected_meta},
            f"{type(exc).__name__}: {exc}",
        )
    out, body = tokens(out_text), tokens(record["body"])
    common = sum((out & body).values())
    precision = common / sum(out.values()) if out else 1.0
    recall = common / sum(body.values()) if body else 1.0
    hits = {
        key: _norm_value(key, out_meta.get(key)) == _norm_value(key, value)
        for key, value in expected_meta.items()
    }
    return DocScore(
        record["id"],
        record["site"],
        precision,
        recall,
        _unmatched(record["body"], out),
        _unmatched(out_text, body),
        hits,
        left=_residue_left(record, out_text, precision),
    )


def _residue_left(record: Mapping[str, Any], out_text: str, precision: float) -> bool:
    if "boilerplate" not in record:
        return precision < 1.0
    from folderset import normalise

    cleaned = normalise(out_text)
    return any(
        normalise(line) in cleaned
        for line in record["boilerplate"]
        if len(_TOKEN.findall(line)) >= 2 and len(line) >= 10
    )


def load_set(name: str) -> list[dict[str, Any]]:
    if name in FOLDER_SETS:
        labels = load_records(SETS_DIR / name / "labels.jsonl", ("id", "site", "body"))
        for record in labels:
            record["text"] = (SETS_DIR / name / record["id"]).read_text(encoding="utf-8")
            record["html"] = record["id"].endswith(".html")
        return labels
    return load_records(SETS_DIR / f"{name}.jsonl", ("id", "site", "text", "body"))


def load_records(path: Path, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    records = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            for key in fields:
                if not isinstance(record.get(key), str):
                    raise ValueError(f"field {key!r} missing or not a string")
        except ValueError as exc:
            raise SystemExit(f"{path}:{lineno}: bad record: {exc}") from exc
        records.append(record)
    return records


def summarise(scores: list[DocScore]) -> dict[str, Any]:
    n = len(scores)
    p = sum(s.precision for s in scores) / n if n else 0.0
    r = sum(s.recall for s in scores) / n if n else 0.0
    meta: dict[str, list[bool]] = {}
    for s in scores:
        for key, hit in s.metadata_hits.items():
            meta.setdefault(key, []).append(hit)
    return {
        "docs": n,
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(_f1(p, r), 4),
        "recall_below_1": sum(s.recall < 1 for s in scores),
        "left": round(sum(s.left for s in scores) / n, 4) if n else 0.0,
        "errors": sum(s.error is not None for s in scores),
        "metadata": {k: round(sum(v) / len(v), 4) for k, v in sorted(meta.items())},
    }


def _cleancorpus() -> Cleaner:
    from cleancorpus import clean

    def run(text: str) -> tuple[str, Mapping[str, Any]]:
        result = clean(text)
        return result.text, result.metadata

    return run


def _no_cleaning(text: str) -> tuple[str, Mapping[str, Any]]:
    return text, {}


def _extracting(cleaner: Cleaner) -> Cleaner:
    """For a raw HTML page: cleancorpus' extraction step, then ``cleaner``, or for the rules
    row the cleaning a run gives extracted text (``CleanConfig.for_extracted_text``)."""
    from cleancorpus import CleanConfig, TextCleaner, extract_html

    extracted = TextCleaner(CleanConfig().for_extracted_text())

    def run(page: str) -> tuple[str, Mapping[str, Any]]:
        page_text = extract_html(page.encode("utf-8"))
        text = page_text.text
        if cleaner is _no_cleaning:
            return text, {}
        title = page_text.metadata.get("title")
        result = extracted.clean(text, [title] if title else [])
        return result.text, result.metadata

    return run


def _pairs(groups: Mapping[str, str]) -> set[tuple[str, str]]:
    """Every unordered pair of ids that share a group."""
    members: dict[str, list[str]] = {}
    for key, group in sorted(groups.items()):
        members.setdefault(group, []).append(key)
    return {(a, b) for ids in members.values() for i, a in enumerate(ids) for b in ids[i + 1 :]}


def duplicate_pairs(records: list[dict[str, Any]], clusters: Mapping[str, str]) -> dict[str, Any]:
    """Pairs the run clustered against pairs sharing a labelled ``story``: precision, recall."""
    true = _pairs({r["id"]: r["story"] for r in records})
    found = _pairs({r["id"]: clusters[r["id"]] for r in records})
    hit = len(true & found)
    return {
        "precision": round(hit / len(found), 4) if found else 1.0,
        "recall": round(hit / len(true), 4) if true else 1.0,
        "true": len(true),
        "found": len(found),
    }


def _learned_outputs(
    name: str, records: list[dict[str, Any]]
) -> tuple[dict[str, tuple[str, Mapping[str, Any]]], set[str], dict[str, str]]:
    """A default run over the set (learning on, no site labels): its text and metadata per
    id, the learned rules that removed something, and each id's cluster (folder sets)."""
    import tempfile

    from cleancorpus import Document, RunOptions, process, run

    options = RunOptions(workers=1)
    if name in FOLDER_SETS:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out"
            extensions = (".md", ".txt", ".html")
            run(SETS_DIR / name, out, dataclasses.replace(options, extensions=extensions))
            rows = [json.loads(x) for x in (out / "documents.jsonl").read_text().splitlines()]
            removals = [json.loads(x) for x in (out / "removals.jsonl").read_text().splitlines()]
        outputs = {row["id"]: (row["text"], row["metadata"]) for row in rows}
        clusters = {row["id"]: str(row.get("cluster")) for row in rows}
        rules = {r["rule"] for r in removals}
    else:
        result = process([Document(rec["id"], rec["text"]) for rec in records], options)
        outputs = {d.id: (d.text, d.metadata) for d in result.documents}
        clusters = {}
        rules = {r.rule for d in result.documents for r in d.removals}
    learned = {r for r in rules if r.startswith("learned:") and not r.endswith(":enclosed")}
    return outputs, learned, clusters


def _score_all(
    records: list[dict[str, Any]], cleaner: Cleaner | None, learned_out: Any
) -> list[DocScore]:
    """Scores of ``cleaner``, or of the learned outputs when ``cleaner`` is None."""
    if cleaner is not None:
        return [
            score_document(rec, _extracting(cleaner) if rec.get("html") else cleaner)
            for rec in records
        ]
    return [score_document(rec, lambda _t, r=rec: learned_out[r["id"]]) for rec in records]


def evaluate(set_names: Iterable[str], worst: int = 5, learned: bool = False) -> dict[str, Any]:
    """Score the systems on each named set; return a JSON-ready result."""
    systems: dict[str, Cleaner | None] = {SYSTEM: _cleancorpus(), BASELINE: _no_cleaning}
    if learned:
        systems[LEARNED] = None
    result: dict[str, Any] = {"sets": {}}
    for name in set_names:
        records = load_set(name)
        shown = 0 if name in HELD_OUT else worst
        entry: dict[str, Any] = {}
        learned_out, model, clusters = (
            _learned_outputs(name, records) if learned else (None, set(), {})
        )
        per_doc: dict[str, list[DocScore]] = {}
        for label, cleaner in systems.items():
            scores = _score_all(records, cleaner, learned_out)
            per_doc[label] = scores
            summary = summarise(scores)
            sites = sorted({s.site for s in scores})
            summary["sites"] = {
                site: summarise([s for s in scores if s.site == site])
                for site in sites
                if name not in HELD_OUT
            }
            ranked = sorted(scores, key=lambda s: (s.f1, s.recall, s.id))[:shown]
            summary["worst"] = [
                {
                    "id": s.id,
                    "site": s.site,
                    "precision": round(s.precision, 4),
                    "recall": round(s.recall, 4),
                    "missing": list(s.missing),
                    "leftover": list(s.leftover),
                    "error": s.error,
                }
                for s in ranked
            ]
            entry[label] = summary
        if learned:
            rules = {s.id: s.recall for s in per_doc[SYSTEM]}
            entry[LEARNED]["learned_lines"] = len(model)
            entry[LEARNED]["learned_sites"] = len({rule.split(":")[1] for rule in model})
            lowered = [s.id for s in per_doc[LEARNED] if s.recall < rules[s.id] - 1e-12]
            if name in HELD_OUT:  # how many, not which
                lowered = [f"{len(lowered)} documents"] if lowered else []
            entry[LEARNED]["recall_lowered"] = lowered
            if clusters and all("story" in r for r in records):
                entry[LEARNED]["duplicate_pairs"] = duplicate_pairs(records, clusters)
        result["sets"][name] = entry
    return result


def _row(label: str, s: Mapping[str, Any]) -> str:
    return (
        f"  {label:<30} {s['docs']:>4} {s['precision']:>7.3f} {s['recall']:>7.3f} "
        f"{s['f1']:>7.3f} {s['recall_below_1']:>9} {s['left']:>6.3f}"
    )


def render(result: Mapping[str, Any]) -> str:
    lines = []
    header = f"  {'':<30} {'docs':>4} {'P':>7} {'R':>7} {'F1':>7} {'recall<1':>9} {'left':>6}"
    for name, entry in result["sets"].items():
        ours, base = entry[SYSTEM], entry[BASELINE]
        lines += [f"== {name} ==", header, _row(SYSTEM, ours)]
        if LEARNED in entry:
            lines.append(_row(LEARNED, entry[LEARNED]))
        lines.append(_row(BASELINE, base))
        if LEARNED in entry:
            lr = entry[LEARNED]
            lowered = ", ".join(lr["recall_lowered"]) or "none"
            lines.append(
                f"  learned {lr['learned_lines']} lines in {lr['learned_sites']} scopes; "
                f"recall lowered on: {lowered}"
            )
            meta = "  ".join(f"{k}={v:.2f}" for k, v in lr["metadata"].items())
            lines.append(f"  metadata accuracy, default run: {meta}")
            if "duplicate_pairs" in lr:
                dp = lr["duplicate_pairs"]
                lines.append(
                    f"  duplicate pairs, default run: P={dp['precision']:.3f} "
                    f"R={dp['recall']:.3f} ({dp['true']} true, {dp['found']} found)"
                )
        if ours["errors"]:
            lines.append(f"  !! clean() raised on {ours['errors']} documents")
        if ours["sites"]:
            lines.append("  per site (cleancorpus; baseline F1 in brackets):")
        for site, s in ours["sites"].items():
            extra = ""
            if LEARNED in entry:
                extra = f"  learned F1 {entry[LEARNED]['sites'][site]['f1']:.3f}"
            lines.append(_row(site[:28], s) + f"   [{base['sites'][site]['f1']:.3f}]" + extra)
        meta = "  ".join(f"{k}={v:.2f}" for k, v in ours["metadata"].items())
        lines.append(f"  metadata accuracy: {meta}")
        if ours["worst"]:
            lines.append("  worst documents:")
        for w in ours["worst"]:
            lines.append(
                f"    {w['id']} P={w['precision']:.2f} R={w['recall']:.2f}"
                + (f" ERROR {w['error']}" if w["error"] else "")
            )
            if w["missing"]:
                lines.append(f"      missing body tokens: {' '.join(w['missing'])}")
            if w["leftover"]:
                lines.append(f"      leftover tokens:     {' '.join(w['leftover'])}")
        lines.append("")
    return "\n".join(lines)


def cleaning_cost(names: Iterable[str], repeats: int = 3) -> str:
    """CPU cost of rule cleaning on the sets' raw texts: a fresh cleaner (no memo), best of
    ``repeats``; not part of :func:`evaluate`, whose results must not depend on timing."""
    from cleancorpus import TextCleaner

    texts = [doc["text"] for name in names for doc in load_set(name)]
    best = float("inf")
    for _ in range(repeats):
        cleaner = TextCleaner()
        start = time.process_time()
        for text in texts:
            cleaner.clean(text)
        best = min(best, time.process_time() - start)
    size = sum(len(t) for t in texts) / len(texts)
    return (
        f"cleaning cost: {best / len(texts) * 1e3:.2f} ms CPU a document "
        f"({len(texts)} documents of {size:,.0f} characters on average, fresh cleaner)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score cleancorpus.clean on labelled sets.")
    parser.add_argument(
        "--set",
        choices=(*SET_NAMES, "both", "all"),
        default="both",
        help="both = dev and unseen; all adds learn_dev, flat, dev2 to dev6 and bodysafe",
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument("--worst", type=int, default=5, help="how many worst documents to list")
    parser.add_argument(
        "--min-f1",
        type=float,
        default=None,
        help="exit with status 1 if cleancorpus F1 on any set is below this",
    )
    parser.add_argument(
        "--learned",
        action="store_true",
        help="also score rule cleaning + boilerplate learned from each set's documents",
    )
    args = parser.parse_args(argv)
    names = {"both": DEFAULT_SETS, "all": SET_NAMES}.get(args.set, (args.set,))
    result = evaluate(names, worst=args.worst, learned=args.learned)
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else render(result))
    if not args.json:
        print(cleaning_cost(names))
    if args.min_f1 is not None:
        low = [n for n, e in result["sets"].items() if e[SYSTEM]["f1"] < args.min_f1]
        if low:
            print(f"F1 below {args.min_f1} on: {', '.join(low)}", file=sys.stderr)
            return 1
    if args.learned:
        worse = [n for n, e in result["sets"].items() if e[LEARNED]["recall"] < e[SYSTEM]["recall"]]
        if worse:
            print(f"learning lowered body recall on: {', '.join(worse)}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
