"""The pipeline over every input format and both output formats, with the real cleaners."""

from __future__ import annotations

import json
import sys

import pyarrow.parquet as pq
import pytest

from cleancorpus import ConfigError, Document, RunOptions, extract_html, process, run
from cleancorpus.sources.extract import NO_MAIN_TEXT
from tests.containers import jsonl_lines

from .containers import DATA, article_html, warc_bytes, write_jsonl, write_parquet

MAX_DATE = "2024-01-01"  # fixed, so page dates do not depend on the day of the run


def _options(**changes):
    from cleancorpus.sources.extract import ExtractSettings

    changes.setdefault("workers", 1)
    return RunOptions(extract=ExtractSettings(max_date=MAX_DATE), **changes)


def _by_id(folder):
    return {d["id"]: d for d in jsonl_lines(folder / "documents.jsonl")}


def _removals(folder, doc_id):
    return [
        {k: v for k, v in r.items() if k != "id"}
        for r in jsonl_lines(folder / "removals.jsonl")
        if r["id"] == doc_id
    ]


def _reconstructs(original, text, removals):
    kept, position = [], 0
    for r in sorted(removals, key=lambda r: r["start"]):
        assert original[r["start"] : r["end"]] == r["text"]
        kept.append(original[position : r["start"]])
        position = r["end"]
    kept.append(original[position:])
    return "".join(kept) == text


def test_the_same_text_cleans_the_same_in_any_container(tmp_path, texts):
    text = texts["alpha"]
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text(text, encoding="utf-8")
    write_jsonl(source / "r.jsonl", [{"id": "doc", "text": text}])
    write_jsonl(source / "r.jsonl.gz", [{"id": "doc", "text": text}])
    write_parquet(source / "t.parquet", [{"id": "doc", "text": text}])
    result = run(source, tmp_path / "out", _options())
    assert result.exit_code == 0
    docs = _by_id(tmp_path / "out")
    ids = ["a.txt", "r.jsonl#doc", "r.jsonl.gz#doc", "t.parquet#doc"]
    assert sorted(docs) == ids
    assert docs["a.txt"]["text"] != text  # the cleaners did remove something
    removals = _removals(tmp_path / "out", "a.txt")
    assert removals
    assert _reconstructs(text, docs["a.txt"]["text"], removals)
    for doc_id in ids[1:]:
        assert docs[doc_id]["text"] == docs["a.txt"]["text"]
        assert _removals(tmp_path / "out", doc_id) == removals
    # only the file is mirrored under corpus/; records live in corpus.jsonl
    assert sorted(p.name for p in (tmp_path / "out" / "corpus").iterdir()) == ["a.txt"]


def _page_with_byline() -> str:
    page = article_html().decode("utf-8")
    return page.replace(
        "<p>The water has gone down", "<p>By John Smith</p>\n<p>The water has gone down"
    )


def test_html_as_file_record_or_warc_page_extracts_and_cleans_the_same(tmp_path):
    page = _page_with_byline()
    source = tmp_path / "in"
    (source / "site").mkdir(parents=True)
    (source / "site" / "page.html").write_text(page, encoding="utf-8")
    write_jsonl(source / "r.jsonl", [{"id": "p", "html": page, "title": "Our own title"}])
    warc = [{"uri": "http://mirror.example/flood", "body": page.encode(), "id": "urn:uuid:p"}]
    (source / "c.warc.gz").write_bytes(warc_bytes(warc))
    result = run(source, tmp_path / "out", _options())
    assert result.exit_code == 0
    docs = _by_id(tmp_path / "out")
    ids = ["c.warc.gz#urn:uuid:p", "r.jsonl#p", "site/page.html"]
    assert sorted(docs) == ids
    extracted = extract_html(page).text
    base = docs["site/page.html"]
    removals = _removals(tmp_path / "out", "site/page.html")
    # the headline inside <article> starts the extracted text: it goes, also from the record
    # that names its own title (the page's is kept for the cleaners in the extraction step)
    assert {r["rule"] for r in removals} >= {"header.byline", "header.page_title"}
    assert not base["text"].startswith("River towns count the cost")
    assert docs["r.jsonl#p"]["metadata"]["title"] == "Our own title"
    assert _reconstructs(extracted, base["text"], removals)  # offsets refer to extracted text
    assert "Share on Facebook" not in base["text"]  # trafilatura dropped the widgets
    assert "Millbrook" in base["text"]
    for doc_id in ids[:2]:
        assert docs[doc_id]["text"] == base["text"]
        assert _removals(tmp_path / "out", doc_id) == removals

    meta = base["metadata"]
    assert meta["author"] == "Maria Okafor"  # trafilatura's author beats the byline "John Smith"
    assert meta["site"] == "The Valley Ledger"
    assert meta["url"] == "https://valley-ledger.example/news/spring-flood-cost"
    step = meta["extraction"]
    assert step["extractor"] == "trafilatura"
    assert step["settings"]["include_comments"] is False
    assert step["settings"]["deduplicate"] is False
    assert step["settings"]["max_date"] == MAX_DATE
    assert docs["r.jsonl#p"]["metadata"]["title"] == "Our own title"  # record fields beat all
    warc_meta = docs["c.warc.gz#urn:uuid:p"]["metadata"]
    assert warc_meta["url"] == "http://mirror.example/flood"
    assert warc_meta["warc_record_id"] == "urn:uuid:p"
    assert warc_meta["author"] == "Maria Okafor"
    # the three are one cluster; its canonical is a record, so corpus/ mirrors no file
    assert base["duplicate_of"] == "c.warc.gz#urn:uuid:p"
    assert list((tmp_path / "out" / "corpus").iterdir()) == []


def test_html_problems_are_reported_and_the_rest_is_processed(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "empty.html").write_bytes((DATA / "html" / "no-main-text.html").read_bytes())
    (source / "ru.htm").write_bytes((DATA / "html" / "cp1251-undeclared.html").read_bytes())
    (source / "ok.txt").write_text("A plain sentence about the weather.", encoding="utf-8")
    warc = [
        {"uri": "http://e.com/empty", "body": b"<html><body></body></html>", "id": "urn:e"},
        {"uri": "http://e.com/logo.png", "body": b"\x89PNG", "content_type": "image/png"},
    ]
    (source / "c.warc").write_bytes(warc_bytes(warc, gzip_members=False))
    result = run(source, tmp_path / "out", _options())
    assert result.exit_code == 3
    report = result.report
    assert report["errors"] == [
        {"path": "c.warc#urn:e", "problem": NO_MAIN_TEXT},
        {"path": "empty.html", "problem": NO_MAIN_TEXT},
    ]
    warnings = {w["path"]: w["problem"] for w in report["warnings"]}
    assert warnings["ru.htm"] == "charset not declared and not UTF-8; detected cp1251"
    [skipped] = [p for p in warnings if p.startswith("c.warc#")]
    assert warnings[skipped] == "skipped: not HTML (image/png): http://e.com/logo.png"
    assert report["counts"]["skipped_records"] == 1
    assert report["counts"]["warnings"] == 2
    docs = _by_id(tmp_path / "out")
    assert sorted(docs) == ["ok.txt", "ru.htm"]
    assert docs["ru.htm"]["metadata"]["extraction"]["warnings"] == [warnings["ru.htm"]]


def _mixed_corpus(root, texts):
    root.mkdir()
    for n, (name, text) in enumerate(texts.items()):
        (root / f"{name}.txt").write_text(text + f"\nNumber {n}.\n", encoding="utf-8")
    records = [
        {"id": f"{name}-{n}", "text": t + f"\nRecord {n}.\n"}
        for n, (name, t) in enumerate(texts.items())
    ]
    write_jsonl(
        root / "r.jsonl", [*records, "{broken", {"id": "alpha-copy", "text": texts["alpha"]}]
    )
    write_jsonl(root / "sub" / "r.jsonl.gz", records[::-1])
    write_parquet(root / "t.parquet", records)
    page = article_html()
    (root / "page.html").write_bytes(page)
    warc = [
        {
            "uri": f"http://e.com/{n}",
            "body": page.replace(b"Millbrook", f"Town{n}".encode()),
            "id": f"urn:uuid:{n}",
        }
        for n in range(3)
    ]
    (root / "c.warc.gz").write_bytes(warc_bytes(warc))
    return root


def _output_bytes(folder):
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    return {
        n: (folder / n).read_bytes()
        for n in names
        if n not in ("report.json", "report.html", ".cleancorpus-manifest.json")
    }


def test_mixed_formats_give_the_same_output_for_one_or_two_workers(tmp_path, texts):
    source = _mixed_corpus(tmp_path / "in", texts)
    one = run(source, tmp_path / "one", _options())
    two = run(source, tmp_path / "two", _options(workers=2, chunk_size=2))
    first, second = _output_bytes(tmp_path / "one"), _output_bytes(tmp_path / "two")
    assert first == second
    assert len(_by_id(tmp_path / "one")) == 3 + 4 + 3 + 3 + 1 + 3
    assert [e.path for e in one.errors] == [e.path for e in two.errors] == ["r.jsonl:4"]
    assert one.report["counts"] == two.report["counts"]
    assert one.report["warnings"] == two.report["warnings"]


def test_parquet_output_holds_the_jsonl_fields(tmp_path, texts):
    source = _mixed_corpus(tmp_path / "in", texts)
    run(source, tmp_path / "jsonl", _options())
    run(source, tmp_path / "pq", _options(output_format="parquet"))
    run(source, tmp_path / "both", _options(output_format="both"))
    names = ("documents", "corpus", "removals")
    assert not any((tmp_path / "pq" / f"{n}.jsonl").exists() for n in names)
    for name in names:
        expected = jsonl_lines(tmp_path / "jsonl" / f"{name}.jsonl")
        rows = pq.read_table(tmp_path / "pq" / f"{name}.parquet").to_pylist()
        for row in rows:
            for key in ("metadata", "overlap_scores", "passages"):
                if key in row:
                    row[key] = json.loads(row[key])
        assert rows == expected
        assert (tmp_path / "both" / f"{name}.jsonl").read_bytes() == (
            tmp_path / "jsonl" / f"{name}.jsonl"
        ).read_bytes()
        assert (tmp_path / "both" / f"{name}.parquet").exists()
    # a rerun may replace a Parquet output folder
    run(source, tmp_path / "pq", _options(output_format="parquet"))


def test_parquet_output_of_an_empty_corpus_has_the_schema(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "empty.txt").write_bytes(b"")
    run(source, tmp_path / "out", _options(output_format="parquet"))
    table = pq.read_table(tmp_path / "out" / "removals.parquet")
    assert table.num_rows == 0
    assert table.column_names == ["id", "rule", "start", "end", "text"]


def test_parquet_output_without_pyarrow_is_a_config_error_before_any_work(tmp_path, monkeypatch):
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text("Some text.", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ConfigError, match=r"pip install 'cleancorpus\[parquet\]'"):
        run(source, tmp_path / "out", _options(output_format="parquet"))
    assert not (tmp_path / "out").exists()
    run(source, tmp_path / "out", _options())  # JSONL output does not need it


def test_process_extracts_pages_in_memory_as_run_does(tmp_path):
    page = _page_with_byline()
    source = tmp_path / "in"
    source.mkdir()
    (source / "page.html").write_text(page, encoding="utf-8")
    run(source, tmp_path / "out", _options())
    empty = (DATA / "html" / "no-main-text.html").read_text(encoding="utf-8")
    pages = [Document("page.html", page), Document("copy.html", page), Document("empty", empty)]
    result = process(pages, _options(), html=True)
    by_id = {d.id: d for d in result.documents}
    assert sorted(by_id) == ["copy.html", "page.html"]
    assert {e.path: e.problem for e in result.errors} == {"empty": NO_MAIN_TEXT}
    ours, theirs = by_id["page.html"], _by_id(tmp_path / "out")["page.html"]
    assert ours.text == theirs["text"] and "<p>" not in ours.text
    step, file_step = dict(ours.metadata["extraction"]), theirs["metadata"]["extraction"]
    assert (step.pop("encoding"), step.pop("encoding_source")) == (None, "str")  # given as text
    assert step == {k: v for k, v in file_step.items() if not k.startswith("encoding")}
    removed = [{k: v for k, v in r.items() if k != "id"} for r in ours.removal_records()]
    assert removed == _removals(tmp_path / "out", "page.html")
    assert by_id["page.html"].duplicate_of == "copy.html"  # same text: the smaller id leads
