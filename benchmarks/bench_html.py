"""Score the HTML path on the public article-extraction benchmark (181 real article pages).

Variants scored in one run, each against the hand-made article bodies:

  a  trafilatura.extract(html, include_comments=False): the benchmark's own call
  b  cleancorpus.sources.extract.extract_html(html): should score exactly as (a)
  c  (b) followed by cleancorpus.clean (title rules off: trafilatura keeps the title apart)
  q  favor_precision extraction followed by the same cleaning
  p  extract_html with favor_precision=True
  r  extract_html with favor_recall=True
  u  extract_html with the page's url passed

The metric is the benchmark's: tokens are ``\\w+`` runs, texts become multisets of 4-token
shingles, TP/FP/FN are counted over them and divided by their sum (so every page weighs the
same); precision is averaged over the pages with something predicted, recall over the pages
with something to find, and F1 is computed from the two averages.

Run from the repository root:
    .venv/bin/python benchmarks/bench_html.py --workers 2 [--leftovers] [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared/benchmarks/article-extraction"
VARIANTS = {
    "a": "trafilatura.extract, comments off",
    "b": "extract_html",
    "c": "extract_html + clean",
    "p": "extract_html favor_precision",
    "q": "extract_html favor_precision + clean",
    "r": "extract_html favor_recall",
    "u": "extract_html with url",
}
SHINGLE = 4
_TOKEN = re.compile(r"\w+")

# --- the metric ---------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    """The benchmark's tokens: maximal runs of word characters, case kept."""
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles; a text shorter than n tokens is one short shingle."""
    words = tokens(text)
    if not words:
        return Counter()
    return Counter(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)))


@dataclass(frozen=True)
class PageCounts:
    """TP, FP and FN shingles of one page, divided by their sum (all 0 for two empty texts)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


def page_counts(truth: str, predicted: str, n: int = SHINGLE) -> PageCounts:
    """Compare one page's predicted text with its true article body."""
    want, got = shingles(truth, n), shingles(predicted, n)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    if total == 0:
        return PageCounts(0.0, 0.0, 0.0)
    return PageCounts(tp / total, fp / total, fn / total)


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


def score(pages: Iterable[PageCounts]) -> Score:
    """Average precision over pages that predicted something, recall over pages that had
    something to find, and F1 from the two averages."""
    pages = list(pages)
    precisions = [p.precision for p in pages if p.tp + p.fp > 0]
    recalls = [p.recall for p in pages if p.tp + p.fn > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


# --- running the extractors ---------------------------------------------------------------


@dataclass(frozen=True)
class PageResult:
    key: str
    outputs: dict[str, str]
    seconds: dict[str, float]


def _timed(function: Callable[[], str]) -> tuple[str, float]:
    start = time.perf_counter()
    text = function()
    return text, time.perf_counter() - start


def run_page(task: tuple[str, str, str | None, tuple[str, ...]]) -> PageResult:
    """Run the chosen variants on one page (top-level so a process pool can call it)."""
    import trafilatura

    from cleancorpus import CleanConfig, ExtractSettings, InputError, TextCleaner, extract_html

    key, path, url, variants = task
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        html = handle.read()

    titles: dict[ExtractSettings | None, str | None] = {}  # the page title, as a run has it

    def ours(settings: ExtractSettings | None = None, page_url: str | None = None) -> str:
        try:
            page = extract_html(html, url=page_url, settings=settings, name=key)
        except InputError:
            return ""
        if page_url is None:
            titles[settings] = page.metadata.get("title")
        return page.text

    runs: dict[str, Callable[[], str]] = {
        "a": lambda: trafilatura.extract(html, include_comments=False) or "",
        "b": ours,
        "p": lambda: ours(ExtractSettings(favor_precision=True)),
        "r": lambda: ours(ExtractSettings(favor_recall=True)),
        "u": lambda: ours(page_url=url),
    }
    outputs: dict[str, str] = {}
    seconds: dict[str, float] = {}
    for name in variants:
        if name in runs:
            outputs[name], seconds[name] = _timed(runs[name])
    cleaner = TextCleaner(CleanConfig().for_extracted_text())
    precise = ExtractSettings(favor_precision=True)
    for cleaned, extracted, how in (("c", "b", None), ("q", "p", precise)):
        if cleaned in variants and extracted in outputs:
            base, title = outputs[extracted], titles.get(how)
            known = [title] if title else []
            outputs[cleaned], seconds[cleaned] = _timed(
                lambda base=base, known=known: cleaner.clean(base, known).text if base else ""
            )
    return PageResult(key, outputs, seconds)


def run_all(
    data: Path, variants: Sequence[str], workers: int, limit: int | None
) -> tuple[dict[str, str], list[PageResult]]:
    truth_file = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth_file)[:limit]
    tasks = [
        (key, str(data / "html" / f"{key}.html.gz"), truth_file[key].get("url"), tuple(variants))
        for key in keys
    ]
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(run_page, tasks, chunksize=2))
    else:
        results = [run_page(task) for task in tasks]
    truth = {key: truth_file[key].get("articleBody") or "" for key in keys}
    return truth, sorted(results, key=lambda r: r.key)


# --- leftovers: output lines that are not article text -----------------------------------


def judge_lines(truth: str, predicted: str) -> list[tuple[str, bool]]:
    """Each predicted line that has words, stripped, with True when it is a leftover.

    A line of 4+ tokens is a leftover when fewer than half of its shingles occur in the true
    body; a shorter line when its token sequence does not occur there.
    """
    truth_shingles = set(shingles(truth))
    truth_words = " " + " ".join(tokens(truth)) + " "
    judged = []
    for line in predicted.splitlines():
        words = tokens(line)
        if not words:
            continue
        if len(words) >= SHINGLE:
            own = [tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]
            leftover = sum(s in truth_shingles for s in own) * 2 < len(own)
        else:
            leftover = f" {' '.join(words)} " not in truth_words
        judged.append((line.strip(), leftover))
    return judged


def leftover_lines(truth: str, predicted: str) -> list[str]:
    """Predicted lines whose words are mostly not in the true body (see ``judge_lines``)."""
    return [line for line, leftover in judge_lines(truth, predicted) if leftover]


def leftover_zones(truth: str, predicted: str) -> list[tuple[str, str]]:
    """Each leftover line with its zone: "head" before the first body line, "tail" after the
    last one, "inside" between them ("all" when the page has no body line at all)."""
    judged = judge_lines(truth, predicted)
    body = [i for i, (_, leftover) in enumerate(judged) if not leftover]
    zones = []
    for i, (line, leftover) in enumerate(judged):
        if not leftover:
            continue
        if not body:
            zones.append((line, "all"))
        else:
            zones.append((line, "head" if i < body[0] else "tail" if i > body[-1] else "inside"))
    return zones


#: Rough kinds of leftover line, for the report only (first match wins); the cleaners' own
#: rules live in cleancorpus.cleaning.cleaner.
LEFTOVER_KINDS = (
    ("comments/tags label", r"(?i)^(comments?|tags?|related|share|advertisement)\W*$"),
    ("copyright/legal", r"(?i)copyright|©|ⓒ|all rights reserved|무단전재|personal, non-commercial"),
    ("subscribe/newsletter/app", r"(?i)subscri|newsletter|sign(ing|ed)? up|inbox|download|app\b"),
    ("click/read more/follow", r"(?i)click here|read more|follow (us|the|@)|don.t miss"),
    ("byline/credit", r"(?i)^(by|reporting by|write to|\(reporting|editing by)\b|@\w+\.\w+"),
    ("caption/photo credit", r"(?i)photo|image|getty|reuters$|\(ap\)|credit"),
    ("date/time stamp", r"(?i)^[\W\d]*(\d{1,4}[-/.:]\d{1,2}|\d{4}-\d\d-\d\dT)|updated|published"),
    ("url", r"https?://|www\."),
    ("list item (related links)", r"^[-•*·] "),
    ("short line, no final stop", r"^(?!.*[.!?:;…\"”)]$).{1,120}$"),
)


def leftover_kind(line: str) -> str:
    """The first LEFTOVER_KINDS name whose pattern the line matches, else "other"."""
    for name, pattern in LEFTOVER_KINDS:
        if re.search(pattern, line):
            return name
    return "other"


def line_shape(line: str, width: int = 90) -> str:
    """A line with digits folded to 0 and spaces collapsed, cut to ``width`` characters."""
    shape = re.sub(r"\s+", " ", re.sub(r"\d", "0", line)).strip()
    return shape if len(shape) <= width else shape[: width - 1] + "…"


# --- report ------------------------------------------------------------------------------


def _print_scores(truth: dict[str, str], results: list[PageResult], variants: Sequence[str]):
    counts = {
        name: {r.key: page_counts(truth[r.key], r.outputs[name]) for r in results}
        for name in variants
    }
    print(f"{'variant':<38} {'P':>6} {'R':>6} {'F1':>6} {'empty':>5} {'ms/page':>8}")
    for name in variants:
        s = score(counts[name].values())
        empty = sum(not r.outputs[name].strip() for r in results)
        ms = 1000 * sum(r.seconds[name] for r in results) / len(results)
        label = f"{name}  {VARIANTS[name]}"
        print(f"{label:<38} {s.precision:6.4f} {s.recall:6.4f} {s.f1:6.4f} {empty:5d} {ms:8.1f}")
    if "a" in variants and "b" in variants:
        differ = sum(r.outputs["a"] != r.outputs["b"] for r in results)
        print(f"pages where b's text differs from a's: {differ}")
    if "b" in variants and "c" in variants:
        extract_s = sum(r.seconds["b"] for r in results)
        clean_s = sum(r.seconds["c"] for r in results)
        share = extract_s / (extract_s + clean_s) if extract_s + clean_s else 0.0
        print(f"extraction {extract_s:.1f} s, cleaning {clean_s:.2f} s: extraction {share:.1%}")
    return counts


def _print_deltas(counts, results: list[PageResult], truth: dict[str, str]) -> None:
    by_key = {r.key: r for r in results}
    recall_loss = sorted(
        (counts["b"][k].recall - counts["c"][k].recall, k) for k in counts["b"] if truth[k]
    )[::-1][:10]
    precision_gain = sorted(
        (counts["c"][k].precision - counts["b"][k].precision, k) for k in counts["b"]
    )[::-1][:10]
    print("\n10 pages where cleaning loses most recall (b -> c):")
    for delta, key in recall_loss:
        b, c = by_key[key].outputs["b"], by_key[key].outputs["c"]
        eaten = Counter(b.splitlines()) - Counter(c.splitlines())
        body = [line for line in eaten if tokens(line) and not leftover_lines(truth[key], line)]
        print(f"  {delta:+.3f} {key[:12]}  body lines removed: {len(body)}")
        for line in body[:3]:
            print(f"      - {line_shape(line)}")
    print("\n10 pages where cleaning gains most precision (b -> c):")
    for delta, key in precision_gain:
        b, c = by_key[key].outputs["b"], by_key[key].outputs["c"]
        eaten = Counter(b.splitlines()) - Counter(c.splitlines())
        junk = [line for line in eaten if leftover_lines(truth[key], line)]
        print(f"  {delta:+.3f} {key[:12]}  leftover lines removed: {len(junk)}")
        for line in junk[:3]:
            print(f"      - {line_shape(line)}")


def _print_leftovers(truth: dict[str, str], results: list[PageResult], variant: str) -> None:
    pages: Counter[str] = Counter()
    total: Counter[str] = Counter()
    kinds: Counter[tuple[str, str]] = Counter()
    for r in results:
        zoned = leftover_zones(truth[r.key], r.outputs[variant])
        shapes = [line_shape(line) for line, _ in zoned]
        total.update(shapes)
        pages.update(set(shapes))
        kinds.update((leftover_kind(line), zone) for line, zone in zoned)
    zones = ("head", "inside", "tail", "all")
    print(f"\nLeftover lines of variant {variant} by kind and zone (lines):")
    print(f"  {'kind':<28}" + "".join(f"{zone:>8}" for zone in zones))
    for kind in [*(name for name, _ in LEFTOVER_KINDS), "other"]:
        print(f"  {kind:<28}" + "".join(f"{kinds[kind, zone]:8d}" for zone in zones))
    ranked = sorted(total, key=lambda shape: (-pages[shape], -total[shape], shape))
    print(f"\nTop 60 leftover lines of variant {variant} (not in the true body): pages, count")
    for shape in ranked[:60]:
        print(f"  {pages[shape]:3d} {total[shape]:4d}  {shape}")
    print(f"\nLeftover lines of the 10 lowest-precision pages of variant {variant}:")
    precision = {r.key: page_counts(truth[r.key], r.outputs[variant]).precision for r in results}
    for r in sorted(results, key=lambda r: (precision[r.key], r.key))[:10]:
        zoned = leftover_zones(truth[r.key], r.outputs[variant])
        print(f"  {r.key[:12]} P={precision[r.key]:.3f} leftover lines: {len(zoned)}")
        for line, zone in zoned[:8]:
            print(f"      {zone:>6} | {line_shape(line)}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark folder")
    parser.add_argument("--workers", type=int, default=1, help="processes (default 1)")
    parser.add_argument("--variants", default="abcpqru", help="letters of the variants to run")
    parser.add_argument("--limit", type=int, help="only the first N pages (by key)")
    parser.add_argument("--leftovers", action="store_true", help="print leftover line shapes")
    parser.add_argument("--leftovers-of", default="c", help="variant whose leftovers to print")
    args = parser.parse_args(argv)
    variants = [v for v in VARIANTS if v in args.variants]
    for cleaned, extracted in (("c", "b"), ("q", "p")):
        if cleaned in variants and extracted not in variants:
            variants = sorted({*variants, extracted}, key=list(VARIANTS).index)
    if not (args.data / "ground-truth.json").is_file():
        print(f"{args.data}: no ground-truth.json there; pass --data", file=sys.stderr)
        return 2
    import trafilatura

    start = time.perf_counter()
    truth, results = run_all(args.data, variants, max(1, args.workers), args.limit)
    wall = time.perf_counter() - start
    print(f"trafilatura {trafilatura.__version__}, {len(results)} pages, {wall:.1f} s wall")
    counts = _print_scores(truth, results, variants)
    if "b" in variants and "c" in variants:
        _print_deltas(counts, results, truth)
    if args.leftovers and args.leftovers_of in variants:
        _print_leftovers(truth, results, args.leftovers_of)
    return 0


if __name__ == "__main__":
    sys.exit(main())
