"""Partial overlap through the command line: listed by default, dropped on request."""

from __future__ import annotations

import io
import json

from cleancorpus.cli import main

PARAGRAPHS = [
    f"Paragraph {n} of the long report describes the flooding in district {n} and the work of "
    f"the {n} volunteer crews who cleared roads, pumped cellars and carried supplies to "
    f"families cut off by the water for {n + 2} days."
    for n in range(1, 13)
]


def _run(tmp_path, write_tree, *extra: str) -> dict[str, dict]:
    source = write_tree(
        tmp_path / "in",
        {
            "long.txt": "\n\n".join(PARAGRAPHS) + "\n",
            "short.txt": "\n\n".join(PARAGRAPHS[:5]) + "\n",  # a short version inside it
        },
    )
    out = tmp_path / ("out" + "".join(extra))
    assert main(["run", str(source), str(out), "--workers", "1", *extra], stderr=io.StringIO()) == 0
    lines = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    docs = {d["id"]: d for d in map(json.loads, lines)}
    docs["corpus"] = {
        "ids": [json.loads(x)["id"] for x in (out / "corpus.jsonl").read_text().splitlines()]
    }
    return docs


def test_contained_copy_is_listed_as_an_overlap_by_default(tmp_path, write_tree):
    docs = _run(tmp_path, write_tree)
    assert docs["short.txt"]["canonical"] and docs["long.txt"]["canonical"]
    assert docs["short.txt"]["overlaps"] == ["long.txt"]
    assert docs["long.txt"]["overlaps"] == ["short.txt"]
    assert docs["short.txt"]["overlap_scores"]["long.txt"] == 1.0
    assert docs["corpus"]["ids"] == ["long.txt", "short.txt"]


def test_drop_contained_makes_it_a_duplicate_of_its_container(tmp_path, write_tree):
    docs = _run(tmp_path, write_tree, "--drop-contained")
    assert docs["short.txt"]["duplicate_of"] == "long.txt"
    assert docs["short.txt"]["rule"] == "contained"
    assert docs["corpus"]["ids"] == ["long.txt"]
