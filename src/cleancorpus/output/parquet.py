"""Parquet output (``--format parquet`` or ``both``): the three JSONL files as Parquet tables.

The JSONL files are written first (streamed, in id order) and then converted batch by batch,
so memory stays bounded. Columns follow the JSONL fields one to one, with fixed types:

- ``documents.parquet``: id, text, metadata (a JSON object as a string: its keys vary from
  document to document), cluster, canonical (bool), duplicate_of, similarity (double),
  overlaps (list of ids), overlap_scores (JSON object as a string), reason, rule.
- ``corpus.parquet``: id, text, metadata (JSON string), duplicates (list of ids).
- ``removals.parquet``: id, rule, start, end (int64), text.

Needs pyarrow (``pip install 'cleancorpus[parquet]'``); :func:`require` says so up front.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .writers import CORPUS, DOCUMENTS, REMOVALS, dumps

BATCH_LINES = 2048
_AS_JSON = ("metadata", "overlap_scores", "passages")  # objects, stored as JSON strings


def require() -> None:
    """Raise :class:`ConfigError` with an install hint when pyarrow is missing."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise ConfigError(
            "--format parquet needs pyarrow: pip install 'cleancorpus[parquet]'"
        ) from None


def schemas(passages: bool = False) -> dict[str, Any]:
    """The Arrow schema of each output file, by JSONL name (``passages``: with the passage
    and story columns)."""
    import pyarrow as pa

    text, ids = pa.string(), pa.list_(pa.string())
    return {
        DOCUMENTS: pa.schema(
            [
                ("id", text),
                ("text", text),
                ("metadata", text),
                ("cluster", text),
                ("canonical", pa.bool_()),
                ("duplicate_of", text),
                ("similarity", pa.float64()),
                ("overlaps", ids),
                ("overlap_scores", text),
                ("reason", text),
                ("rule", text),
                *([("passages", text), ("story", text)] if passages else []),
            ]
        ),
        CORPUS: pa.schema([("id", text), ("text", text), ("metadata", text), ("duplicates", ids)]),
        REMOVALS: pa.schema(
            [
                ("id", text),
                ("rule", text),
                ("start", pa.int64()),
                ("end", pa.int64()),
                ("text", text),
            ]
        ),
    }


def convert(folder: Path, keep_jsonl: bool, passages: bool = False) -> None:
    """Write ``<name>.parquet`` beside each JSONL output file; drop the JSONL unless kept."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for name, schema in schemas(passages).items():
        source = folder / name
        target = folder / (name.removesuffix(".jsonl") + ".parquet")
        with pq.ParquetWriter(target, schema) as writer:
            wrote = False
            for rows in _batches(source):
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                wrote = True
            if not wrote:
                writer.write_table(schema.empty_table())
        if not keep_jsonl:
            os.unlink(source)


def _batches(path: Path) -> Iterator[list[dict[str, Any]]]:
    rows: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            for key in _AS_JSON:
                if key in row:
                    row[key] = dumps(row[key])
            rows.append(row)
            if len(rows) >= BATCH_LINES:
                yield rows
                rows = []
    if rows:
        yield rows
