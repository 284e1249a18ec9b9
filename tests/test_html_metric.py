"""The article-extraction benchmark's metric, as benchmarks/bench_html.py computes it."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_html.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_html", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_html"] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules["bench_html"]


def test_tokens_are_word_character_runs_with_case_kept(bench):
    assert bench.tokens("Don't stop — 4.7m, Ça va!") == ["Don", "t", "stop", "4", "7m", "Ça", "va"]


def test_shingles_are_a_multiset_of_four_token_windows(bench):
    assert bench.shingles("a b c d a b c d") == Counter(
        {
            ("a", "b", "c", "d"): 2,
            ("b", "c", "d", "a"): 1,
            ("c", "d", "a", "b"): 1,
            ("d", "a", "b", "c"): 1,
        }
    )


def test_a_text_shorter_than_a_shingle_is_one_short_shingle(bench):
    assert bench.shingles("just two") == Counter({("just", "two"): 1})
    assert bench.shingles(" ... ") == Counter()


def test_page_counts_are_normalised_to_sum_to_one(bench):
    # truth: 2 shingles (a b c d, b c d e); prediction adds one (c d e f)
    counts = bench.page_counts("a b c d e", "a b c d e f")
    assert (counts.tp, counts.fp, counts.fn) == pytest.approx((2 / 3, 1 / 3, 0.0))
    assert counts.precision == pytest.approx(2 / 3)
    assert counts.recall == 1.0


def test_repeated_shingles_count_once_per_occurrence(bench):
    counts = bench.page_counts("w x y z w x y z", "w x y z")
    assert counts.precision == 1.0
    assert counts.recall == pytest.approx(1 / 5)


def test_an_empty_prediction_has_zero_recall_and_no_precision(bench):
    counts = bench.page_counts("a b c d e", "")
    assert (counts.tp, counts.fp, counts.fn) == (0.0, 0.0, 1.0)
    assert counts.recall == 0.0


def test_score_averages_per_page_and_takes_f1_of_the_averages(bench):
    pages = [
        bench.page_counts("a b c d e", "a b c d e f"),  # P 2/3, R 1
        bench.page_counts("w x y z w x y z", "w x y z"),  # P 1, R 1/5
        bench.page_counts("p q r s t", ""),  # no precision, R 0
        bench.page_counts("", ""),  # counts in neither average
    ]
    result = bench.score(pages)
    precision, recall = (2 / 3 + 1) / 2, (1 + 1 / 5 + 0) / 3
    assert result.precision == pytest.approx(precision)
    assert result.recall == pytest.approx(recall)
    assert result.f1 == pytest.approx(2 * precision * recall / (precision + recall))


def test_leftover_lines_are_the_lines_mostly_absent_from_the_truth(bench):
    truth = "The council met on Monday to vote on the flood budget.\nIt passed."
    predicted = (
        "River towns count the cost\n"
        "The council met on Monday to vote on the flood budget.\n"
        "It passed.\n"
        "---\n"
        "Share this story on Facebook"
    )
    assert bench.leftover_lines(truth, predicted) == [
        "River towns count the cost",
        "Share this story on Facebook",
    ]
    assert bench.leftover_zones(truth, predicted) == [
        ("River towns count the cost", "head"),
        ("Share this story on Facebook", "tail"),
    ]


def test_leftover_kinds_and_shapes(bench):
    assert bench.leftover_kind("Copyright 2019 Example Media") == "copyright/legal"
    assert bench.leftover_kind("- Another story you may like") == "list item (related links)"
    assert bench.leftover_kind("A full sentence about the vote.") == "other"
    assert bench.line_shape("Updated  12:45,   3 May 2019") == "Updated 00:00, 0 May 0000"
