"""The batch stages run on columnar batches (a pyarrow table), as a Ray executor would."""

from __future__ import annotations

import pyarrow as pa

from cleancorpus import Document
from cleancorpus.engine.columns import from_columns, to_columns
from cleancorpus.engine.stages import CleanSettings, clean_batch

TEXT = "By [Jane Doe](#)\n\nThe river rose overnight and closed the bridge.\n\nShare this article\n"


def test_documents_survive_a_round_trip_through_a_pyarrow_table():
    docs = clean_batch(
        [Document("a", TEXT, {"site": "Ωmega", "n": 3}, "a"), Document("b", "Plain text.")],
        CleanSettings(),
    ).documents
    table = pa.Table.from_pydict(to_columns(docs))
    assert table.num_rows == 2
    assert from_columns(table) == docs
    assert from_columns(to_columns(docs)) == docs


def test_clean_batch_on_columns_gives_what_it_gives_on_records():
    raw = [Document("a", TEXT), Document("b", "Another plain text, nothing to remove.")]
    table = pa.Table.from_pydict(to_columns(raw))
    via_columns = clean_batch(from_columns(table), CleanSettings()).documents
    assert via_columns == clean_batch(raw, CleanSettings()).documents
    assert via_columns[0].text == "The river rose overnight and closed the bridge."
    assert via_columns[0].metadata["author"] == "Jane Doe"
    assert {r.rule for r in via_columns[0].removals} >= {"header.byline"}
