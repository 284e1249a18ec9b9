"""Small container files for tests: JSONL (plain or gzip), Parquet and WARC; reading JSONL."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


def article_html() -> bytes:
    """A news page with navigation, share buttons, comments and a footer around its body."""
    return (DATA / "html" / "article.html").read_bytes()


def write_jsonl(path: Path, records: Iterable[Mapping[str, Any] | str]) -> Path:
    """One line per record; a str is written as the raw line (for malformed lines)."""
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(data, mtime=0) if path.name.endswith(".gz") else data)
    return path


def write_parquet(path: Path, rows: Sequence[Mapping[str, Any]]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(list(rows)), path)
    return path


def warc_bytes(records: Iterable[Mapping[str, Any]], *, gzip_members: bool = True) -> bytes:
    """A WARC file; each record is a dict with ``uri``, ``body`` (bytes), and optionally
    ``type`` ("response", "resource", "request"), ``content_type``, ``status``, ``id``."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip_members)
    for spec in records:
        kind = spec.get("type", "response")
        content_type = spec.get("content_type", "text/html; charset=utf-8")
        headers = None
        extra = {}
        if kind in ("response", "request"):
            status = spec.get("status", "200 OK") if kind == "response" else "GET / HTTP/1.1"
            headers = StatusAndHeaders(
                status,
                [("Content-Type", content_type)],
                protocol="HTTP/1.1" if kind == "response" else "",
            )
        else:
            extra["warc_content_type"] = content_type
        record = writer.create_warc_record(
            spec["uri"], kind, payload=io.BytesIO(spec["body"]), http_headers=headers, **extra
        )
        if "id" in spec:
            record.rec_headers.replace_header("WARC-Record-ID", f"<{spec['id']}>")
        writer.write_record(record)
        record.raw_stream.close()  # warcio may spool the payload to a temporary file
    return out.getvalue()


def jsonl_lines(path: Path) -> Sequence[dict[str, Any]]:
    """The objects of a JSONL file, one per line."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]
