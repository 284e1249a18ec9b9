"""report.html: built from the files a run writes, escaped, self-contained, and seen in Chromium."""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from cleancorpus import ConfigError, InputError
from cleancorpus.report.html import HtmlReportConfig, KnownDocuments, render, write_report_html
from cleancorpus.report.page import INSTALL_HINT as PIP_HINT
from cleancorpus.report.page import _word_diff
from tests.browser import INSTALL_HINT, Node, dump_dom, find_chromium, parse_dom, screenshot

BROWSER = pytest.mark.browser  # registered in pyproject.toml

HOSTILE = '<script>alert("x")</script> & </td></table>'


def _doc(doc_id: str, text: str, cluster: str, similarity: float | None = None, **extra: Any):
    canonical = doc_id == cluster
    why = "earliest date" if canonical else f"shares {similarity} of its shingles"
    return {
        "id": doc_id,
        "text": text,
        "metadata": extra.pop("metadata", {}),
        "cluster": cluster,
        "canonical": canonical,
        "duplicate_of": None if canonical else cluster,
        "similarity": similarity,
        "overlaps": extra.pop("overlaps", []),
        "reason": why,
        "rule": None if canonical else "near-duplicate",
    }


def _documents() -> list[dict[str, Any]]:
    river = (
        "The river rose three metres overnight and the town hall was closed. Repairs take a week."
    )
    return [
        _doc("a1", river, "a1", metadata={"title": "Flood in town"}),
        _doc(
            "a2",
            river.replace("overnight", "on Tuesday night").replace("closed", "shut"),
            "a1",
            0.82,
        ),
        _doc("a3", river.replace("a week", "two weeks"), "a1", 0.95),
        _doc("b1", "Markets fell sharply on Monday as oil prices climbed again.", "b1"),
        _doc(
            "b2", "Markets fell sharply on Monday as oil prices climbed <b>up</b> & on.", "b1", 0.9
        ),
        _doc("c1", "A new library opens downtown next spring.", "c1"),
        _doc("d1", "The town hall flood story, retold with a new ending.", "d1", overlaps=["a1"]),
        _doc("e1", f"Reader text with markup {HOSTILE} inside.", "e1"),
    ]


def _removals() -> list[dict[str, Any]]:
    spans = [
        ("a1", "footer.donation", 90, "Please donate to keep us independent."),
        ("a2", "footer.donation", 99, "Please donate to keep us independent."),
        ("b2", "footer.donation", 61, "Please donate to keep us independent."),
        ("a1", "markdown.link", 0, "[South Front](#)"),
        ("c1", "markdown.link", 3, "<http://example.org>"),
        ("e1", "header.byline", 0, HOSTILE),
        ("b1", "whitespace", 40, "\n\n \n"),
    ]
    return [
        {"id": i, "rule": rule, "start": start, "end": start + len(text), "text": text}
        for i, rule, start, text in spans
    ]


def _report() -> dict[str, Any]:
    """The layout of report.summary.build, with counts that differ from the fixture's own."""
    return {
        "tool": "cleancorpus",
        "version": "0.1.0",
        "input": "news/",
        "counts": {
            "documents": 8,
            "canonical": 5,
            "characters_in": 12345,
            "characters_out": 7000,
            "characters_canonical": 6789,
            "skipped": 2,
        },
        "removals_by_rule": {"footer.donation": {"count": 3, "characters": 111}},
        "errors": [{"path": "input/broken.txt", "problem": f"not UTF-8 {HOSTILE}"}],
        "warnings": [{"path": "input/old.txt", "problem": "decoded as cp1252 (not UTF-8)"}],
        "timings": {"read": 0.01, "clean": 0.25, "total": 0.5},
        "parameters": {"dedup": {"num_perm": 128, "threshold": 0.8}, "workers": 1},
        "unknown_future_key": {"ignored": True},
    }


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def write_run(
    out: Path, *, report: dict[str, Any] | None = None, shuffle: int | None = None
) -> Path:
    """Write the four files of a small run (two clusters with duplicates, one error) to ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    docs, removals = _documents(), _removals()
    if shuffle is not None:
        random.Random(shuffle).shuffle(docs)
        random.Random(shuffle).shuffle(removals)
    _write_jsonl(out / "documents.jsonl", docs)
    corpus = [
        {
            "id": d["id"],
            "text": d["text"],
            "metadata": d["metadata"],
            "duplicates": sorted(o["id"] for o in docs if o["duplicate_of"] == d["id"]),
        }
        for d in docs
        if d["canonical"]
    ]
    _write_jsonl(out / "corpus.jsonl", corpus)
    _write_jsonl(out / "removals.jsonl", removals)
    (out / "report.json").write_text(json.dumps(_report() if report is None else report))
    return out


def _rows(table: Node | None) -> list[list[str]]:
    assert table is not None
    body = table.find_all("tbody")[0]
    return [[cell.text() for cell in tr.find_all("td")] for tr in body.find_all("tr")]


def test_summary_reads_counts_from_report_json(tmp_path: Path) -> None:
    dom = parse_dom(render(write_run(tmp_path)))
    rows = _rows(dom.by_id("summary"))
    assert rows[0] == ["Documents", "8", "8", "5", f"{100 * 5 / 8:.1f}%"]
    assert rows[1] == ["Characters", "12,345", "7,000", "6,789", f"{100 * 6789 / 12345:.1f}%"]
    facts = dom.by_id("facts").text()
    assert "3 duplicates removed" in facts and "2 files skipped" in facts
    assert "1 error" in facts and "1 document overlapping" in facts


def test_counts_are_derived_from_the_jsonl_files_without_report_json(tmp_path: Path) -> None:
    out = write_run(tmp_path)
    (out / "report.json").unlink()
    dom = parse_dom(render(out))
    docs = _documents()
    chars_out = sum(len(d["text"]) for d in docs if d["canonical"])
    chars_clean = sum(len(d["text"]) for d in docs)
    chars_in = chars_clean + sum(len(r["text"]) for r in _removals())
    n_out = sum(d["canonical"] for d in docs)
    rows = _rows(dom.by_id("summary"))
    assert rows[0][1:4] == [str(len(docs)), str(len(docs)), str(n_out)]
    assert rows[1][1:4] == [f"{chars_in:,}", f"{chars_clean:,}", f"{chars_out:,}"]
    assert "report.json" in dom.find_all("main")[0].text()  # named as missing
    assert dom.by_id("errors").text().endswith("No errors.")


def test_cluster_sizes_come_from_corpus_jsonl_without_documents_jsonl(tmp_path: Path) -> None:
    out = write_run(tmp_path)
    with_docs = _rows(parse_dom(render(out)).by_id("cluster-sizes"))
    (out / "documents.jsonl").unlink()
    (out / "report.json").unlink()
    dom = parse_dom(render(out))
    assert _rows(dom.by_id("cluster-sizes")) == with_docs
    assert _rows(dom.by_id("summary"))[0][1:4] == ["8", "8", "5"]
    assert _rows(dom.by_id("summary"))[1][1:4] == ["—", "—", "—"]
    assert "needs documents.jsonl" in dom.by_id("largest").text()


def test_rule_counts_come_from_report_json_without_removals_jsonl(tmp_path: Path) -> None:
    out = write_run(tmp_path)
    (out / "removals.jsonl").unlink()
    dom = parse_dom(render(out))
    assert _rows(dom.by_id("rules")) == [["footer.donation", "3", "111"]]
    assert [t for t in dom.find_all("table") if t.attrs.get("class") == "examples"] == []


def test_cluster_size_and_rule_tables_count_the_files(tmp_path: Path) -> None:
    dom = parse_dom(render(write_run(tmp_path)))
    sizes = Counter(Counter(d["cluster"] for d in _documents()).values())
    assert _rows(dom.by_id("cluster-sizes")) == [
        [str(size), str(n), str(size * n)] for size, n in sorted(sizes.items())
    ]
    rules = Counter(r["rule"] for r in _removals())
    rule_rows = _rows(dom.by_id("rules"))
    assert [(row[0], int(row[1])) for row in rule_rows] == sorted(
        rules.items(), key=lambda item: (-item[1], item[0])
    )
    chars = {row[0]: int(row[2]) for row in rule_rows}
    assert chars["markdown.link"] == sum(
        len(r["text"]) for r in _removals() if r["rule"] == "markdown.link"
    )


def test_examples_keep_the_smallest_few_spans_per_rule(tmp_path: Path) -> None:
    out = write_run(tmp_path)
    spans = [
        {"id": f"doc{i:03d}", "rule": "footer.copyright", "start": i, "end": i + 5, "text": "(c) x"}
        for i in range(50)
    ]
    random.Random(7).shuffle(spans)
    _write_jsonl(out / "removals.jsonl", spans)
    dom = parse_dom(render(out, HtmlReportConfig(examples_per_rule=3)))
    (table,) = [t for t in dom.find_all("table") if t.attrs.get("class") == "examples"]
    assert [row[0] for row in _rows(table)] == ["doc000", "doc001", "doc002"]
    assert table.find_all("caption")[0].text() == "footer.copyright: 3 of 50 spans"


def test_examples_spread_over_documents_before_repeating_one(tmp_path: Path) -> None:
    out = write_run(tmp_path)
    spans = [{"id": "A", "rule": "ws", "start": i, "end": i + 1, "text": " "} for i in range(9)]
    spans += [{"id": "B", "rule": "ws", "start": 5, "end": 6, "text": " "}]
    for seed in (1, 2):
        random.Random(seed).shuffle(spans)
        _write_jsonl(out / "removals.jsonl", spans)
        dom = parse_dom(render(out, HtmlReportConfig(examples_per_rule=3)))
        (table,) = [t for t in dom.find_all("table") if t.attrs.get("class") == "examples"]
        assert [row[:2] for row in _rows(table)] == [["A", "0–1"], ["A", "1–2"], ["B", "5–6"]]


def test_largest_clusters_show_the_canonical_beside_the_least_similar_duplicate(
    tmp_path: Path,
) -> None:
    dom = parse_dom(render(write_run(tmp_path)))
    articles = [a for a in dom.find_all("article") if "cluster" in a.attrs.get("class", "")]
    assert [a.find_all("h3")[0].find_all("code")[0].text() for a in articles] == ["a1", "b1"]
    first = articles[0]
    headings = [h.text() for h in first.find_all("h4")]
    assert headings[0] == "Canonical a1"
    assert headings[1].startswith("Duplicate a2") and "0.820" in headings[1]
    whys = [p.text() for p in first.find_all("p") if p.attrs.get("class") == "why"]
    assert whys == ["earliest date", "near-duplicate: shares 0.82 of its shingles"]
    assert "Flood in town" in first.find_all("h3")[0].text()
    assert [d.text() for d in first.find_all("del")] == ["overnight", "closed."]
    assert [i.text() for i in first.find_all("ins")] == ["on Tuesday night", "shut."]
    dom = parse_dom(render(tmp_path, HtmlReportConfig(max_clusters=1)))
    assert len([a for a in dom.find_all("article") if a.attrs.get("id", "")[:8] == "cluster-"]) == 1


def test_word_diff_marks_words_and_escapes_them() -> None:
    left, right, only_a, only_b, cut = _word_diff("the <cat> sat\n", "the dog & sat\n", 100)
    assert left == "the <del>&lt;cat&gt;</del> sat\n"
    assert right == "the <ins>dog &amp;</ins> sat\n"
    assert (only_a, only_b, cut) == (1, 2, False)
    *_, cut = _word_diff("a b c d", "a b c e", 3)
    assert cut


def test_word_diff_folds_long_equal_runs_around_changes() -> None:
    words = [f"w{i}" for i in range(200)]
    changed = [*words[:100], "NEW", *words[101:]]
    left, right, only_a, only_b, _ = _word_diff(" ".join(words), " ".join(changed), 1000, 10)
    assert (only_a, only_b) == (1, 1)
    assert "<del>w100</del>" in left and "<ins>NEW</ins>" in right
    assert left.count("identical words") == right.count("identical words") == 2
    assert "[… 90 identical words …]" in left and "[… 89 identical words …]" in right
    assert "w89 w90" not in left and "w90 w91" in left  # ten words of context before the change
    same, _, *_ = _word_diff(" ".join(words), " ".join(words), 1000, 10)
    assert same.startswith("w0 ") and "[… 190 identical words …]" in same
    tail_insert, _, _, added, _ = _word_diff("a b", "a b " + " ".join(words), 1000, 10)
    assert tail_insert == "a b" and added == 200


def test_every_input_text_is_escaped(tmp_path: Path) -> None:
    dom = parse_dom(render(write_run(tmp_path)))
    assert dom.find_all("script") == [] and dom.find_all("b") == []
    assert _rows(dom.by_id("errors-table")) == [["input/broken.txt", f"not UTF-8 {HOSTILE}"]]
    assert _rows(dom.by_id("warnings-table")) == [
        ["input/old.txt", "decoded as cp1252 (not UTF-8)"]
    ]
    examples = [t for t in dom.find_all("table") if t.attrs.get("class") == "examples"]
    assert HOSTILE in "".join(t.text() for t in examples)
    (spaces,) = [t for t in examples if t.find_all("caption")[0].text().startswith("whitespace")]
    assert _rows(spaces) == [["b1", "40–44", repr("\n\n \n")]]
    assert [i.text() for i in dom.by_id("cluster-2").find_all("ins")] == ["<b>up</b> & on."]


def test_page_is_self_contained(tmp_path: Path) -> None:
    page = render(write_run(tmp_path))
    dom = parse_dom(page)
    elements = [
        n for tag in ("img", "link", "script", "iframe", "object") for n in dom.find_all(tag)
    ]
    assert elements == []
    for tag in ("a", "use", "image"):
        for node in dom.find_all(tag):
            href = node.attrs.get("href") or node.attrs.get("xlink:href") or "#"
            assert href.startswith("#"), href
    assert "@import" not in page and "url(http" not in page


def test_figures_are_inline_svg_with_title_and_description(tmp_path: Path) -> None:
    import matplotlib

    before = dict(matplotlib.rcParams)
    dom = parse_dom(render(write_run(tmp_path)))
    assert dict(matplotlib.rcParams) == before  # nothing leaked into global settings
    svgs = dom.find_all("svg")
    assert [s.attrs["id"] for s in svgs] == ["fig-sizes", "fig-rules"]
    for svg in svgs:
        assert svg.attrs["role"] == "img"
        assert svg.find_all("title")[0].text() and svg.find_all("desc")[0].text()
    rule_labels = svgs[1].text()
    assert all(rule in rule_labels for rule in ("footer.donation", "markdown.link"))
    assert dom.by_id("no-figures") is None


def test_without_matplotlib_the_page_keeps_tables_and_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    dom = parse_dom(render(write_run(tmp_path)))
    assert dom.find_all("svg") == []
    note = dom.by_id("no-figures")
    assert note is not None and PIP_HINT in note.text()
    assert len(_rows(dom.by_id("rules"))) == len({r["rule"] for r in _removals()})


def test_output_does_not_depend_on_line_order(tmp_path: Path) -> None:
    first = render(write_run(tmp_path / "x" / "out"))
    assert render(write_run(tmp_path / "y" / "out", shuffle=3)) == first
    assert render(tmp_path / "x" / "out") == first


def test_odd_report_json_shapes_are_tolerated(tmp_path: Path) -> None:
    report = {
        "counts": {"documents": "eleven", "canonical": 4},
        "errors": ["input/x.parquet: truncated file", {"path": "y.txt"}, 7],
        "timings": "not a mapping",
        "parameters": {"extensions": [".txt", ".md"], "ratio": 0.25},
    }
    dom = parse_dom(render(write_run(tmp_path, report=report)))
    assert _rows(dom.by_id("summary"))[0][1:4] == [str(len(_documents()))] * 2 + ["4"]
    assert _rows(dom.by_id("errors-table")) == [
        ["", "input/x.parquet: truncated file"],
        ["y.txt", ""],
        ["", "7"],
    ]
    assert dom.by_id("timings") is None
    assert _rows(dom.by_id("parameters")) == [
        ["extensions", '[".txt", ".md"]'],
        ["ratio", "0.250"],
    ]


def test_write_report_html_replaces_atomically_and_reports_bad_lines(tmp_path: Path) -> None:
    out = write_run(tmp_path)
    path = write_report_html(out)
    assert path == out / "report.html"
    written = path.read_text(encoding="utf-8")
    assert written == render(out)
    with (out / "documents.jsonl").open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    with pytest.raises(InputError) as caught:
        write_report_html(out)
    assert caught.value.path == str(out / "documents.jsonl")
    assert f"line {len(_documents()) + 1}" in caught.value.problem
    assert path.read_text(encoding="utf-8") == written  # the old page survives a failed run
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["corpus.jsonl", "documents.jsonl", "removals.jsonl", "report.json", "report.html"]
    )


def test_a_directory_without_output_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no cleancorpus output"):
        render(tmp_path)
    with pytest.raises(InputError, match="not a directory"):
        render(tmp_path / "nope")


@pytest.mark.parametrize("bad", [0, -1, True, "3"])
def test_config_rejects_bad_limits_with_a_fix(bad: Any) -> None:
    with pytest.raises(
        ConfigError, match=r"max_clusters must be a whole number >= 1.*max_clusters=5"
    ):
        HtmlReportConfig(max_clusters=bad)


@BROWSER
def test_chromium_renders_figures_tables_and_diff(tmp_path: Path) -> None:
    binary = find_chromium()
    if binary is None:
        pytest.fail(INSTALL_HINT)
    page = write_report_html(write_run(tmp_path / "out"))
    dom = parse_dom(dump_dom(binary, page))
    assert dom.find_all("script") == []
    assert [s.attrs["id"] for s in dom.find_all("svg")] == ["fig-sizes", "fig-rules"]
    assert all(s.find_all("path") or s.find_all("rect") for s in dom.find_all("svg"))
    n_rules = len({r["rule"] for r in _removals()})
    assert len(_rows(dom.by_id("rules"))) == n_rules
    assert len(_rows(dom.by_id("cluster-sizes"))) == len({3, 2, 1})  # a1 has 3, b1 2, rest 1
    assert len(_rows(dom.by_id("errors-table"))) == 1
    examples = [t for t in dom.find_all("table") if t.attrs.get("class") == "examples"]
    assert len(examples) == n_rules
    cluster = dom.by_id("cluster-1")
    assert cluster is not None and cluster.find_all("del") and cluster.find_all("ins")
    assert HOSTILE in dom.by_id("errors-table").text()

    import numpy as np
    from matplotlib.image import imread

    pixels = imread(screenshot(binary, page, tmp_path / "report.png", size=(1200, 1600)))
    rgb = pixels[..., :3].reshape(-1, 3)
    ink = np.any(rgb < 0.9, axis=1).mean()
    assert 0.01 < ink < 0.6, f"screenshot looks blank or flooded: {ink:.3f} of pixels inked"
    assert len(np.unique((rgb * 255).astype(np.uint8), axis=0)) > 20  # text, bars, diff colours


def _known(out: Path) -> KnownDocuments:
    """What a writer of ``out/documents.jsonl`` would know of it, found by reading it here."""
    lines: dict[str, list[int]] = {}
    documents = canonical = characters = characters_canonical = overlapping = offset = 0
    for raw in (out / "documents.jsonl").read_bytes().splitlines(keepends=True):
        record = json.loads(raw)
        lines.setdefault(record["cluster"], []).append(offset)
        offset += len(raw)
        documents += 1
        characters += len(record["text"])
        if record["canonical"]:
            canonical += 1
            characters_canonical += len(record["text"])
        overlapping += bool(record["overlaps"])
    return KnownDocuments(
        documents, canonical, characters, characters_canonical, overlapping, lines
    )


@pytest.mark.parametrize("report", [None, {}])
def test_known_documents_give_the_page_read_from_the_files(
    tmp_path: Path, report: dict[str, Any] | None
) -> None:
    out = write_run(tmp_path, report=report, shuffle=3)
    page = render(out)
    assert "Flood in town" in page and "Markets fell" in page  # the largest clusters
    assert render(out, known=_known(out)) == page
    one = HtmlReportConfig(max_clusters=1)
    assert render(out, one, known=_known(out)) == render(out, one)
