"""bench_generalise.score: leftover lines are reported only when asked for."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import bench_generalise

LEFT_LINE = "Sign up to the Gazette's morning briefing"
LABEL = {
    "file": "a.txt",
    "story": "s1",
    "site": "The Gazette",
    "body": "The bridge reopens on Monday after repairs.",
    "boilerplate": [LEFT_LINE, "All rights reserved by nobody"],
    "boilerplate_kinds": ["appeal", "legal"],
    "metadata": {"title": "Bridge reopens"},
}
RECORDS = {
    "a.txt": {
        "text": "The bridge reopens on Monday after repairs.\n\n" + LEFT_LINE,
        "metadata": {},
        "cluster": "c1",
    }
}


def test_score_without_show_left_carries_no_leftover_lines():
    result = bench_generalise.score([LABEL], RECORDS)
    assert "left_documents" not in result
    assert LEFT_LINE not in json.dumps(result)
    assert result["left"] == 1.0
    assert result["lines_left_by_kind"] == {"appeal": 1.0, "legal": 0.0}


def test_score_with_show_left_lists_the_first_documents_lines():
    result = bench_generalise.score([LABEL], RECORDS, show_left=1)
    assert result["left_documents"] == [
        {"file": "a.txt", "site": "The Gazette", "lines": [LEFT_LINE]}
    ]


def test_the_set_option_defaults_to_the_first_set():
    assert bench_generalise.SET_DIR.name == "generalise"
