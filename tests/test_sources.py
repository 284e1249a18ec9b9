"""Record-level readers: ids, fields, metadata and every kind of bad record, file by file."""

from __future__ import annotations

import gzip
import sys

import pytest

from cleancorpus import ConfigError, RecordFields
from cleancorpus.sources.intake import Intake
from cleancorpus.sources.stream import format_of, iter_raw

from .containers import warc_bytes, write_jsonl, write_parquet

BIG = 10**6


def _read(root, *file_ids, fields=None, max_bytes=BIG):
    intake = Intake()
    items = list(
        iter_raw(
            root, file_ids, fields=fields or RecordFields(), max_bytes=max_bytes, intake=intake
        )
    )
    return items, intake


def _problems(intake):
    return [(e.path, e.problem) for e in intake.errors]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a/b.txt", "text"),
        ("notes.md", "text"),
        ("p.HTML", "html"),
        ("p.htm", "html"),
        ("r.jsonl", "jsonl"),
        ("r.JSONL.gz", "jsonl"),
        ("t.parquet", "parquet"),
        ("c.warc", "warc"),
        ("c.warc.gz", "warc"),
        ("x.rst", "text"),
    ],
)
def test_format_of_follows_the_extension(name, kind):
    assert format_of(name) == kind


def test_files_are_items_read_by_the_worker(tmp_path):
    items, intake = _read(tmp_path, "a.txt", "b/page.html")
    assert [(i.id, i.content, i.metadata, i.html) for i in items] == [
        ("a.txt", None, {}, False),
        ("b/page.html", None, {}, True),
    ]
    assert intake.errors == []


# --- JSONL -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["r.jsonl", "r.jsonl.gz"])
def test_jsonl_ids_fields_and_metadata(tmp_path, name):
    write_jsonl(
        tmp_path / name,
        [
            {"id": "x", "text": "first", "lang": "en", "tags": ["a"]},
            {"text": "no id", "source": {"site": "s"}},
            "",
            {"id": 7, "html": "<p>page</p>", "url": "http://e.com/7"},
            {"id": "both", "text": "text wins", "html": "<p>ignored</p>"},
        ],
    )
    items, intake = _read(tmp_path, name)
    assert [(i.id, i.content, i.metadata, i.html) for i in items] == [
        (f"{name}#x", "first", {"lang": "en", "tags": ["a"]}, False),
        (f"{name}#line-2", "no id", {"source": {"site": "s"}}, False),
        (f"{name}#7", "<p>page</p>", {"url": "http://e.com/7"}, True),
        (f"{name}#both", "text wins", {}, False),
    ]
    assert intake.errors == [] and intake.warnings == []


def test_jsonl_custom_field_names(tmp_path):
    write_jsonl(tmp_path / "r.jsonl", [{"doc": "d1", "body": "text", "id": "kept as metadata"}])
    items, _ = _read(tmp_path, "r.jsonl", fields=RecordFields(id="doc", text="body", html="page"))
    assert [(i.id, i.content, i.metadata) for i in items] == [
        ("r.jsonl#d1", "text", {"id": "kept as metadata"})
    ]


def test_every_bad_jsonl_line_is_named_and_the_rest_is_read(tmp_path):
    write_jsonl(
        tmp_path / "data.jsonl",
        [
            {"id": "a", "text": "good one"},
            '{"id": "b", "text": "unterminated',
            '{"id": "c" "text": "no comma"}',
            "[1, 2]",
            {"id": "d", "title": "nothing to clean"},
            {"id": ["e"], "text": "bad id"},
            {"id": "f", "text": 12},
            {"id": "g", "html": {"not": "a page"}},
            {"id": "", "text": "empty id"},
            {"id": "a", "text": "same id again"},
            {"id": "h", "text": "x" * 300},
            {"id": "z", "text": "good two"},
        ],
    )
    items, intake = _read(tmp_path, "data.jsonl", max_bytes=200)
    assert [i.id for i in items] == ["data.jsonl#a", "data.jsonl#z"]
    assert _problems(intake) == [
        ("data.jsonl:2", "malformed JSON (Invalid control character at: column 34)"),
        ("data.jsonl:3", "malformed JSON (Expecting ',' delimiter: column 12)"),
        ("data.jsonl:4", "not a JSON object (a list)"),
        ("data.jsonl:5", "no 'text' or 'html' field: nothing to clean"),
        ("data.jsonl:6", "field 'id' must be a string or a whole number, not list"),
        ("data.jsonl:7", "field 'text' must be a string, not int"),
        ("data.jsonl:8", "field 'html' must be a string, not dict"),
        ("data.jsonl:9", "field 'id' is empty"),
        ("data.jsonl:10", "duplicate id 'data.jsonl#a': an earlier document has it (kept)"),
        ("data.jsonl:11", "line is too large: over the limit of 200 bytes (--max-bytes)"),
    ]


def test_a_jsonl_line_in_another_charset_is_decoded_with_a_warning(tmp_path):
    good = b'{"id": "ok", "text": "fine"}\n'
    latin = '{"id": "fr", "text": "Le café coûte deux euros à Besançon près de la gare."}\n'
    (tmp_path / "r.jsonl").write_bytes(good + latin.encode("latin-1"))
    items, intake = _read(tmp_path, "r.jsonl")
    assert [i.content for i in items] == [
        "fine",
        "Le café coûte deux euros à Besançon près de la gare.",
    ]
    assert intake.warnings == [("r.jsonl:2", "not valid UTF-8; decoded as cp1252 (detected)")]


def test_truncated_gzip_keeps_the_records_before_and_names_the_file(tmp_path):
    records = [{"id": str(n), "text": f"record number {n} " * 20} for n in range(50)]
    whole = write_jsonl(tmp_path / "full.jsonl.gz", records).read_bytes()
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    items, intake = _read(tmp_path, "cut.jsonl.gz")
    assert 0 < len(items) < 50
    assert [i.id for i in items] == [f"cut.jsonl.gz#{n}" for n in range(len(items))]
    [(path, problem)] = _problems(intake)
    assert path == "cut.jsonl.gz"
    assert problem.startswith("gzip data is truncated or corrupt after line ")
    assert "the records before it were read" in problem


def test_a_file_named_gz_that_is_not_gzip(tmp_path):
    (tmp_path / "plain.jsonl.gz").write_bytes(b'{"text": "not compressed"}\n')
    items, intake = _read(tmp_path, "plain.jsonl.gz")
    assert items == []
    assert _problems(intake)[0][0] == "plain.jsonl.gz"
    assert "gzip data is truncated or corrupt after line 0" in _problems(intake)[0][1]


def test_records_are_read_lazily(tmp_path):
    write_jsonl(tmp_path / "r.jsonl", [{"text": "one"}, "not json"])
    intake = Intake()
    stream = iter_raw(tmp_path, ["r.jsonl"], fields=RecordFields(), max_bytes=BIG, intake=intake)
    assert next(stream).content == "one"
    assert intake.errors == []  # the second line has not been read yet
    assert list(stream) == []
    assert len(intake.errors) == 1


def test_ids_are_unique_across_files_and_the_first_is_kept(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", [{"id": "1", "text": "one"}])
    write_jsonl(tmp_path / "b.jsonl", [{"id": "1", "text": "other one"}])
    items, intake = _read(tmp_path, "a.jsonl", "b.jsonl")
    assert [i.id for i in items] == ["a.jsonl#1", "b.jsonl#1"]
    assert intake.errors == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"id": ""}, "the id field name must be a non-empty string"),
        ({"text": None}, "the text field name must be"),
        ({"html": "text"}, "must differ"),
    ],
)
def test_record_fields_are_validated(fields, message):
    with pytest.raises(ConfigError, match=message):
        RecordFields(**fields)


# --- Parquet ---------------------------------------------------------------------------------


def test_parquet_rows_become_records(tmp_path):
    write_parquet(
        tmp_path / "t.parquet",
        [
            {"id": "r1", "text": "row one", "html": None, "n": 1},
            {"id": None, "text": "row two", "html": None, "n": 2},
            {"id": "r3", "text": None, "html": "<p>page</p>", "n": 3},
            {"id": "r4", "text": None, "html": None, "n": 4},
        ],
    )
    items, intake = _read(tmp_path, "t.parquet")
    assert [(i.id, i.content, i.metadata, i.html) for i in items] == [
        ("t.parquet#r1", "row one", {"n": 1}, False),
        ("t.parquet#row-2", "row two", {"n": 2}, False),
        ("t.parquet#r3", "<p>page</p>", {"n": 3}, True),
    ]
    assert _problems(intake) == [("t.parquet:4", "no 'text' or 'html' field: nothing to clean")]


def test_parquet_without_a_text_column_or_unreadable(tmp_path):
    write_parquet(tmp_path / "cols.parquet", [{"body": "x"}])
    (tmp_path / "junk.parquet").write_bytes(b"PAR1 this is not parquet at all")
    items, intake = _read(tmp_path, "cols.parquet", "junk.parquet")
    assert items == []
    problems = dict(_problems(intake))
    assert problems["cols.parquet"] == (
        "no column 'text' or 'html' (columns: body); name the text column with --text-field"
    )
    assert problems["junk.parquet"].startswith("not a readable Parquet file")


def test_missing_optional_libraries_give_an_install_hint(tmp_path, monkeypatch):
    write_parquet(tmp_path / "t.parquet", [{"text": "x"}])
    (tmp_path / "c.warc").write_bytes(b"")
    write_jsonl(tmp_path / "r.jsonl", [{"text": "still read"}])
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    monkeypatch.setitem(sys.modules, "warcio.archiveiterator", None)
    items, intake = _read(tmp_path, "c.warc", "r.jsonl", "t.parquet")
    assert [i.content for i in items] == ["still read"]
    assert _problems(intake) == [
        ("c.warc", "reading WARC needs warcio: pip install 'cleancorpus[warc]'"),
        ("t.parquet", "reading Parquet needs pyarrow: pip install 'cleancorpus[parquet]'"),
    ]


# --- WARC ------------------------------------------------------------------------------------


def _warc(tmp_path, name, records, **kwargs):
    (tmp_path / name).write_bytes(warc_bytes(records, **kwargs))


@pytest.mark.parametrize("name", ["c.warc", "c.warc.gz"])
def test_warc_html_responses_become_pages_and_the_rest_is_skipped(tmp_path, name):
    _warc(
        tmp_path,
        name,
        [
            {"uri": "http://e.com/a", "body": b"<p>a</p>", "id": "urn:uuid:a"},
            {"uri": "http://e.com/i.png", "body": b"\x89PNG", "content_type": "image/png"},
            {"uri": "http://e.com/x", "body": b"", "type": "request", "id": "urn:uuid:q"},
            {"uri": "http://e.com/gone", "body": b"<p>404</p>", "status": "404 Not Found"},
            {
                "uri": "http://e.com/r",
                "body": b"<p>r</p>",
                "type": "resource",
                "content_type": "application/xhtml+xml",
                "id": "urn:uuid:r",
            },
        ],
        gzip_members=name.endswith(".gz"),
    )
    items, intake = _read(tmp_path, name)
    assert [(i.id, i.content, i.html) for i in items] == [
        (f"{name}#urn:uuid:a", b"<p>a</p>", True),
        (f"{name}#urn:uuid:r", b"<p>r</p>", True),
    ]
    assert items[0].metadata["url"] == "http://e.com/a"
    assert items[0].metadata["warc_record_id"] == "urn:uuid:a"
    assert "warc_date" in items[0].metadata
    assert intake.errors == []
    assert intake.skipped_records == 2
    problems = [problem for _, problem in intake.warnings]
    assert problems == [
        "skipped: not HTML (image/png): http://e.com/i.png",
        "skipped: HTTP status 404: http://e.com/gone",
    ]
    assert all(path.startswith(f"{name}#urn:uuid:") for path, _ in intake.warnings)


def test_warc_cut_inside_a_record_or_between_records(tmp_path):
    page = b"<html><body><p>" + b"Some long paragraph of text. " * 40 + b"</p></body></html>"
    records = [{"uri": f"http://e.com/{n}", "body": page, "id": f"urn:uuid:{n}"} for n in range(3)]
    whole = warc_bytes(records, gzip_members=False)
    (tmp_path / "inside.warc").write_bytes(whole[:-200])
    items, intake = _read(tmp_path, "inside.warc")
    assert [i.id for i in items] == ["inside.warc#urn:uuid:0", "inside.warc#urn:uuid:1"]
    [(path, problem)] = _problems(intake)
    assert path == "inside.warc#urn:uuid:2"
    assert problem.startswith("record is truncated")

    packed = warc_bytes(records)
    (tmp_path / "cut.warc.gz").write_bytes(packed[: len(packed) - 100])
    items, intake = _read(tmp_path, "cut.warc.gz")
    assert [i.id for i in items][:1] == ["cut.warc.gz#urn:uuid:0"]
    assert len(items) < 3
    [(path, problem)] = _problems(intake)
    assert path.startswith("cut.warc.gz")
    assert "truncated" in problem


def test_warc_body_over_the_limit_is_an_error(tmp_path):
    page = {"uri": "http://e.com/big", "body": b"<p>" + b"x" * 500, "id": "urn:big"}
    _warc(tmp_path, "c.warc.gz", [page])
    items, intake = _read(tmp_path, "c.warc.gz", max_bytes=100)
    assert items == []
    assert _problems(intake) == [
        ("c.warc.gz#urn:big", "record body is over the limit of 100 bytes (--max-bytes)")
    ]


def test_a_gzip_file_that_is_not_a_warc(tmp_path):
    (tmp_path / "x.warc.gz").write_bytes(gzip.compress(b"hello, not a warc\n" * 10))
    items, intake = _read(tmp_path, "x.warc.gz")
    assert items == []
    [(path, problem)] = _problems(intake)
    assert path == "x.warc.gz"
    assert "not a WARC file, or truncated or corrupt" in problem
