"""Run cleancorpus on a folder and print what it did, reading only the output files.

    python examples/summarize.py                     # examples/corpus -> a fresh temp folder
    python examples/summarize.py INPUT [OUTPUT]      # OUTPUT is replaced if it is an old output

Shows documents in and out, each cluster with its canonical and why it was chosen, each
duplicate with its similarity, overlaps between distinct documents, the passages distinct
documents share (a round-up quoting a report), removals per rule and the
files that could not be read. Everything printed comes from documents.jsonl and report.json,
the same files a downstream pipeline would parse.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from cleancorpus import CleancorpusError, RunOptions, run

HERE = Path(__file__).resolve().parent


def summarize(output: Path) -> str:
    """A readable summary of one output folder."""
    report = json.loads((output / "report.json").read_text(encoding="utf-8"))
    with open(output / "documents.jsonl", encoding="utf-8") as handle:
        documents = [json.loads(line) for line in handle]
    counts = report["counts"]
    lines = [
        f"Documents: {counts['documents']} read, {counts['canonical']} kept, "
        f"{counts['duplicates']} duplicates; {counts['errors']} with errors, "
        f"{counts['skipped']} ignored.",
        f"Characters: {counts['characters_in']:,} in, {counts['characters_out']:,} after "
        f"cleaning, {counts['characters_canonical']:,} in the kept documents.",
        "",
        "Clusters:",
    ]
    members: dict[str, list[dict]] = defaultdict(list)
    for doc in documents:
        members[doc["cluster"]].append(doc)
    by_id = {doc["id"]: doc for doc in documents}
    for cluster, docs in sorted(members.items()):
        canonical = by_id[cluster]
        lines.append(f"  {cluster}  ({len(docs)} document{'s' if len(docs) > 1 else ''})")
        lines.append(f"    canonical: {canonical['reason'] or 'no reason given'}")
        for doc in docs:
            if not doc["canonical"]:
                score = "n/a" if doc["similarity"] is None else f"{doc['similarity']:.2f}"
                rule = doc.get("rule") or "duplicate"
                lines.append(f"    - {doc['id']}: {rule} of {doc['duplicate_of']}, score {score}")
    overlaps = [
        f"  {doc['id']} overlaps {other} (containment score {score:.2f})"
        for doc in documents
        for other, score in sorted(doc["overlap_scores"].items())
    ]
    lines += ["", "Overlaps:", *(overlaps or ["  none"]), "", "Shared passages:"]
    lines += _passages(documents, by_id) or ["  none"]
    lines += ["", "Removals per rule:"]
    rules = report["removals_by_rule"]
    width = max((len(rule) for rule in rules), default=0)
    for rule, tally in sorted(rules.items(), key=lambda item: (-item[1]["count"], item[0])):
        lines.append(
            f"  {rule:<{width}}  {tally['count']:>5} spans  {tally['characters']:>8,} chars"
        )
    if not rules:
        lines.append("  none")
    lines += ["", "Errors:"]
    lines += [f"  {e['path']}: {e['problem']}" for e in report["errors"]] or ["  none"]
    return "\n".join(lines)


def _passages(documents: list[dict], by_id: dict[str, dict]) -> list[str]:
    """Each pair of documents sharing a passage, once, with the start of the passage."""
    lines = []
    for doc in documents:
        for p in doc.get("passages", []):  # absent when run with --no-passages
            if doc["id"] < p["other"]:
                text = " ".join(doc["text"][p["start"] : p["end"]].split())
                lines.append(
                    f"  {doc['id']} [{p['start']}:{p['end']}] = {p['other']} "
                    f"[{p['other_start']}:{p['other_end']}]: {p['words']} words, score "
                    f"{p['score']:.2f}, story {doc['story']}"
                )
                lines.append(f"    {text[:90]}{'...' if len(text) > 90 else ''}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", type=Path, default=HERE / "corpus")
    parser.add_argument("output", nargs="?", type=Path, help="default: a fresh temporary folder")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args(argv)
    output = args.output or Path(tempfile.mkdtemp(prefix="cleancorpus-example-")) / "out"
    try:
        run(args.input, output, RunOptions(workers=args.workers))
    except CleancorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(f"Output written to {output}\n")
    print(summarize(output))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
