"""Documents as columns and back: the form a columnar executor (Ray Data, pyarrow) batches.

:func:`to_columns` gives a dict of equal-length lists of plain values, which
``pyarrow.Table.from_pydict`` (and Ray Data's ``map_batches(batch_format="pyarrow")`` or
``"numpy"``) take as they are: metadata is one JSON text per document, removals are lists of
``{rule, start, end, text}``. :func:`from_columns` reads such a batch back, from a dict of
lists, of numpy arrays, or a ``pyarrow.Table``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ..output.writers import dumps
from ..records import Document, Removal

COLUMNS = ("id", "text", "metadata", "source", "kind", "removals", "original_length")


def to_columns(documents: Sequence[Document]) -> dict[str, list[Any]]:
    """The documents as one list per field (:data:`COLUMNS`)."""
    return {
        "id": [d.id for d in documents],
        "text": [d.text for d in documents],
        "metadata": [dumps(dict(d.metadata)) for d in documents],
        "source": [d.source for d in documents],
        "kind": [d.kind for d in documents],
        "removals": [
            [{"rule": r.rule, "start": r.start, "end": r.end, "text": r.text} for r in d.removals]
            for d in documents
        ],
        "original_length": [d.original_length for d in documents],
    }


def from_columns(batch: Any) -> list[Document]:
    """Documents from a batch of :data:`COLUMNS` (``id`` and ``text`` are required)."""
    columns: Mapping[str, Any] = batch.to_pydict() if hasattr(batch, "to_pydict") else batch
    ids = [str(v) for v in columns["id"]]
    n = len(ids)

    def column(name: str) -> list[Any]:
        values = columns.get(name)
        return [None] * n if values is None else list(values)

    out = []
    for doc_id, text, meta, source, kind, removals, length in zip(
        ids,
        column("text"),
        column("metadata"),
        column("source"),
        column("kind"),
        column("removals"),
        column("original_length"),
        strict=True,
    ):
        out.append(
            Document(
                doc_id,
                str(text),
                json.loads(meta) if meta else {},
                source,
                kind or "text",
                tuple(Removal(r["rule"], r["start"], r["end"], r["text"]) for r in removals or ()),
                None if length is None else int(length),
            )
        )
    return out
