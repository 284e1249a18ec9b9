"""Record readers for JSON Lines (``.jsonl``, ``.jsonl.gz``) and Parquet (``.parquet``) files.

Both stream: a JSONL file is read line by line (a line longer than the byte limit is skipped
without being held), a Parquet file in batches of rows. Each record becomes an
:class:`~cleancorpus.records.RawDocument` through
:func:`~cleancorpus.sources.intake.record_document` (ids, fields and metadata are described in
:mod:`cleancorpus.sources.stream`). Problems name the file and the line
or row (1-based) and never stop the file:

- ``data.jsonl:17: malformed JSON (Expecting ',' delimiter at column 12)``
- ``data.jsonl:18: not a JSON object (a list)``, a missing text field, a bad id,
- a line that is not UTF-8 is decoded with the charset charset-normalizer detects, with a
  warning (JSON must be UTF-8; a line no charset decodes is an error),
- ``data.jsonl.gz: gzip data is truncated or corrupt after line 41 ...``: the records before
  it are kept.

Parquet needs pyarrow (``pip install 'cleancorpus[parquet]'``); without it each Parquet file is
an error with that hint, and the other files are still processed.
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import json
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..records import RawDocument
from .charsets import detect_charset
from .intake import Intake, RecordFields, record_document

PARQUET_BATCH_ROWS = 256


def read_jsonl(
    path: str | BinaryIO, file_id: str, fields: RecordFields, max_bytes: int, intake: Intake
) -> Iterator[RawDocument]:
    """Yield each good record of a JSONL file, or of an open binary stream such as stdin
    (``where``: ``file:line``). A UTF-8 byte-order mark before the first line is dropped."""
    line_no = 0
    try:
        with _open(path, file_id) as handle:
            while line := handle.readline(max_bytes + 1):
                line_no += 1
                if line_no == 1 and line.startswith(codecs.BOM_UTF8):
                    line = line[len(codecs.BOM_UTF8) :]
                where = f"{file_id}:{line_no}"
                if len(line) > max_bytes:
                    while line and not line.endswith(b"\n"):  # drop the rest of the line
                        line = handle.readline(max_bytes + 1)
                    intake.error(
                        where,
                        f"line is too large: over the limit of {max_bytes:,} bytes (--max-bytes)",
                    )
                    continue
                if not line.strip():
                    continue
                record = _parse(line, where, intake)
                if record is None:
                    continue
                raw = record_document(record, file_id, f"line-{line_no}", where, fields, intake)
                if raw is not None:
                    yield raw
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        intake.error(
            file_id,
            f"gzip data is truncated or corrupt after line {line_no} ({exc}); "
            "the records before it were read",
        )
    except OSError as exc:
        intake.error(file_id, f"cannot be read: {exc.strerror or exc}")


def _open(path: str | BinaryIO, file_id: str) -> Any:
    if not isinstance(path, str):
        return contextlib.nullcontext(path)
    if file_id.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def _parse(line: bytes, where: str, intake: Intake) -> dict[str, Any] | None:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        encoding = detect_charset(line)
        if encoding is None:
            intake.error(where, f"not valid UTF-8 (byte offset {exc.start} in the line)")
            return None
        text = line.decode(encoding, errors="replace")
        intake.warn(where, f"not valid UTF-8; decoded as {encoding} (detected)")
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        intake.error(where, f"malformed JSON ({exc.msg}: column {exc.colno})")
        return None
    if not isinstance(record, dict):
        kind = "a list" if isinstance(record, list) else type(record).__name__
        intake.error(where, f"not a JSON object ({kind})")
        return None
    return record


def read_parquet(
    path: str, file_id: str, fields: RecordFields, max_bytes: int, intake: Intake
) -> Iterator[RawDocument]:
    """Yield each good row of a Parquet file (``where``: ``file:row``)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        intake.error(file_id, "reading Parquet needs pyarrow: pip install 'cleancorpus[parquet]'")
        return
    try:
        table = pq.ParquetFile(path)
        names = table.schema_arrow.names
    except Exception as exc:  # pyarrow raises several types for unreadable files
        intake.error(file_id, f"not a readable Parquet file ({exc})")
        return
    if fields.text not in names and fields.html not in names:
        intake.error(
            file_id,
            f"no column {fields.text!r} or {fields.html!r} (columns: {', '.join(names)}); "
            "name the text column with --text-field",
        )
        return
    row = 0
    try:
        for batch in table.iter_batches(batch_size=PARQUET_BATCH_ROWS):
            for record in batch.to_pylist():
                row += 1
                where = f"{file_id}:{row}"
                raw = record_document(record, file_id, f"row-{row}", where, fields, intake)
                if raw is None:
                    continue
                size = len(raw.content or b"")
                if size > max_bytes:
                    intake.error(where, f"record is too large: {size:,} characters (--max-bytes)")
                    continue
                yield raw
    except Exception as exc:
        intake.error(file_id, f"cannot read rows after row {row} ({exc})")
