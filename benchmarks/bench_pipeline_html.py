"""Time the whole pipeline on the 181 benchmark pages and score what it keeps.

The pages (``../shared/benchmarks/article-extraction/html/*.html.gz``) are decompressed into a
temporary folder (never into the repository), as ``.html`` files or packed into one
``.warc.gz`` or ``.jsonl.gz`` (``--container``), and ``cleancorpus.engine.pipeline.run`` is timed on
them for each extraction variant:

  default    ExtractSettings()
  precision  favor_precision=True          (``--extract-precision``)
  fast       fast=True                     (``--fast-extract``)
  both       favor_precision + fast

Printed per variant: wall seconds, documents per second, trafilatura's share of the workers'
time (``extract`` / (read + extract + clean + fingerprint) in report.json) and of the wall
time, and the benchmark's F1 of the cleaned output (metric of ``bench_html.py``).

Run from the repository root:
    .venv/bin/python benchmarks/bench_pipeline_html.py --workers 2 [--container warc]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import io
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parents[0].parent / "shared/benchmarks/article-extraction"
VARIANTS = {
    "default": {},
    "precision": {"favor_precision": True},
    "fast": {"fast": True},
    "both": {"favor_precision": True, "fast": True},
}
MAX_DATE = "2025-01-01"


def _metric():
    spec = importlib.util.spec_from_file_location("bench_html", HERE / "bench_html.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def write_input(data: Path, folder: Path, container: str) -> dict[str, str]:
    """Write the pages into ``folder``; return document id -> true article body."""
    truth_file = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {
        key: gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes())
        for key in sorted(truth_file)
    }
    truth = {key: truth_file[key].get("articleBody") or "" for key in pages}
    if container == "html":
        for key, page in pages.items():
            (folder / f"{key}.html").write_bytes(page)
        return {f"{key}.html": body for key, body in truth.items()}
    if container == "jsonl":
        lines = [
            json.dumps(
                {
                    "id": key,
                    "html": page.decode("utf-8", "replace"),
                    "url": truth_file[key].get("url"),
                }
            )
            for key, page in pages.items()
        ]
        (folder / "pages.jsonl.gz").write_bytes(gzip.compress("\n".join(lines).encode()))
        return {f"pages.jsonl.gz#{key}": body for key, body in truth.items()}
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(folder / "pages.warc.gz", "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for key, page in pages.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            url = truth_file[key].get("url") or f"http://bench.example/{key}"
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(page), http_headers=headers
            )
            record.rec_headers.replace_header("WARC-Record-ID", f"<urn:bench:{key}>")
            writer.write_record(record)
            record.raw_stream.close()
    return {f"pages.warc.gz#urn:bench:{key}": body for key, body in truth.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark folder")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--container", choices=("html", "warc", "jsonl"), default="html")
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated")
    args = parser.parse_args(argv)

    from cleancorpus import ExtractSettings, RunOptions, run

    metric = _metric()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in"
        source.mkdir()
        truth = write_input(args.data, source, args.container)
        print(f"{len(truth)} pages as {args.container}, workers={args.workers}")
        print("variant     wall s   docs/s  extract/worker  extract/wall      F1")
        for name in args.variants.split(","):
            settings = ExtractSettings(max_date=MAX_DATE, **VARIANTS[name])
            options = RunOptions(workers=args.workers, extract=settings)
            start = time.perf_counter()
            result = run(source, Path(tmp) / name, options)
            wall = time.perf_counter() - start
            timings = result.report["timings"]
            worker = sum(timings.get(s, 0.0) for s in ("read", "extract", "clean", "fingerprint"))
            lines = (Path(tmp) / name / "documents.jsonl").read_text(encoding="utf-8").splitlines()
            texts = {d["id"]: d["text"] for d in map(json.loads, lines)}
            score = metric.score(
                metric.page_counts(body, texts.get(doc_id, "")) for doc_id, body in truth.items()
            )
            print(
                f"{name:<10} {wall:7.2f} {len(truth) / wall:8.1f} "
                f"{timings['extract'] / worker:14.1%} {timings['extract'] / wall:13.1%} "
                f"{score.f1:7.4f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
