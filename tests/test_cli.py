from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleancorpus import ConfigError
from cleancorpus.cli import EPILOG, build_parser, main, options_from
from tests.containers import jsonl_lines


def _main(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    code = main(list(argv), stderr=err)
    return code, err.getvalue()


@pytest.fixture
def corpus(tmp_path, write_tree, texts):
    files = {f"{name}.txt": text for name, text in texts.items()}
    files["nested/alpha-copy.md"] = texts["alpha"]
    files["ignored.pdf"] = "%PDF-1.4 not read"
    return write_tree(tmp_path / "in", files)


def test_run_succeeds_and_summarises(tmp_path, corpus):
    code, err = _main("run", str(corpus), str(tmp_path / "out"), "--workers", "1")
    assert code == 0
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    counts = report["counts"]
    assert f"read {counts['documents']} documents" in err
    assert f"kept {counts['canonical']} canonical, {counts['duplicates']} duplicates" in err
    assert "1 files ignored" in err
    assert str(tmp_path / "out") in err
    ids = [d["id"] for d in jsonl_lines(tmp_path / "out" / "documents.jsonl")]
    assert ids == ["alpha.txt", "beta.txt", "gamma.txt", "nested/alpha-copy.md"]


def test_quiet_prints_nothing_on_success(tmp_path, corpus):
    code, err = _main("run", str(corpus), str(tmp_path / "out"), "--quiet", "--workers", "1")
    assert (code, err) == (0, "")


def test_bad_files_exit_3_and_are_named_even_when_quiet(tmp_path, corpus):
    (corpus / "broken.txt").write_bytes(b"ok \x00\x28 not ok")
    (corpus / "empty.md").write_bytes(b"")
    code, err = _main("run", str(corpus), str(tmp_path / "out"), "--quiet", "--workers", "1")
    assert code == 3
    lines = err.splitlines()
    assert len(lines) == 2
    assert str(corpus / "broken.txt") in lines[0]
    assert "byte offset 3" in lines[0]
    assert str(corpus / "empty.md") in lines[1]
    documents = jsonl_lines(tmp_path / "out" / "documents.jsonl")
    assert len(documents) == 4  # the good files are all there


def test_max_bytes_accepts_units_and_names_the_limit(tmp_path, corpus):
    (corpus / "big.txt").write_text("word " * 400, encoding="utf-8")
    code, err = _main("run", str(corpus), str(tmp_path / "out"), "--max-bytes", "1k", "--quiet")
    assert code == 3
    assert "big.txt: file is too large: 2,000 bytes, over the limit of 1,000 bytes" in err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--workers", "0"], "workers must be a whole number >= 1"),
        (["--workers", "two"], "invalid int value: 'two'"),
        (["--max-bytes", "lots"], "'lots' is not a size"),
        (["--max-bytes", "0"], "max_bytes must be"),
        (["--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_bad_options_exit_2_and_write_nothing(tmp_path, corpus, extra, message):
    code, err = _main("run", str(corpus), str(tmp_path / "out"), *extra)
    assert code == 2
    assert message in err
    assert not (tmp_path / "out").exists()


def test_missing_input_and_output_inside_input_exit_2(tmp_path, corpus):
    code, err = _main("run", str(tmp_path / "nope"), str(tmp_path / "out"))
    assert code == 2
    assert "does not exist" in err
    code, err = _main("run", str(corpus), str(corpus / "out"))
    assert code == 2
    assert "inside INPUT" in err
    code, err = _main()
    assert code == 2
    assert "usage: cleancorpus" in err


def test_help_exits_0_and_lists_exit_codes(capsys):
    code, _ = _main("run", "--help")
    assert code == 0
    out = capsys.readouterr().out
    assert "--disable-rule NAME" in out
    assert "3  finished, but some input files were skipped" in out
    assert "exit codes:" in EPILOG


def test_options_reach_the_configs():
    args = build_parser().parse_args(
        [
            "run",
            "in",
            "out",
            "--threshold",
            "0.8",
            "--shingle-size",
            "3",
            "--num-perm",
            "64",
            "--seed",
            "7",
            "--workers",
            "2",
            "--disable-rule",
            "markdown.link",
            "--disable-rule",
            "footer.copyright",
            "--max-bytes",
            "2MB",
            "--overlap-threshold",
            "0.6",
            "--copy-containment",
            "0.95",
            "--copy-jaccard",
            "0.6",
            "--drop-contained",
        ]
    )
    options = options_from(args)
    assert options.dedup.overlap_threshold == 0.6
    assert (options.dedup.copy_containment, options.dedup.copy_jaccard) == (0.95, 0.6)
    assert options.dedup.drop_contained is True
    assert options.dedup.threshold == 0.8
    assert options.dedup.shingle_size == 3
    assert options.dedup.num_perm == 64
    assert options.dedup.seed == 7
    assert options.workers == 2
    assert options.max_bytes == 2_000_000
    assert options.clean.disable == frozenset({"markdown.link", "footer.copyright"})


@pytest.mark.parametrize(
    ("flags", "found"), [((), True), (("--no-passages",), False), (("--passages",), True)]
)
def test_passages_are_on_by_default_with_either_engine(flags, found):
    for engine in ("local", "ray"):
        args = build_parser().parse_args(["run", "in", "out", "--engine", engine, *flags])
        assert options_from(args).dedup.passages is found, engine


def test_bad_dedup_value_is_a_config_error():
    args = build_parser().parse_args(["run", "in", "out", "--threshold", "1.5"])
    with pytest.raises(ConfigError, match="threshold"):
        options_from(args)


def test_parameters_are_recorded_in_the_report(tmp_path, corpus):
    code, _ = _main(
        "run", str(corpus), str(tmp_path / "out"), "--seed", "11", "--workers", "1", "--quiet"
    )
    assert code == 0
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["parameters"]["dedup"]["seed"] == 11
    assert report["parameters"]["workers"] == 1
    assert report["parameters"]["fields"] == {"id": "id", "text": "text", "html": "html"}
    assert report["parameters"]["output_format"] == "jsonl"
    assert report["parameters"]["extract"]["favor_precision"] is False
    assert report["parameters"]["extract"]["include_comments"] is False


def test_python_dash_m_works(tmp_path, corpus):
    done = subprocess.run(
        [sys.executable, "-m", "cleancorpus", "run", str(corpus), str(tmp_path / "out"), "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert (tmp_path / "out" / "corpus.jsonl").exists()


def test_example_script_summarises_a_folder(tmp_path, corpus, capsys):
    path = Path(__file__).resolve().parents[1] / "examples" / "summarize.py"
    spec = importlib.util.spec_from_file_location("summarize_example", path)
    assert spec is not None and spec.loader is not None
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    (corpus / "bad.txt").write_bytes(b"\x00\x01")
    assert example.main([str(corpus), str(tmp_path / "out"), "--workers", "1"]) == 0
    printed = capsys.readouterr().out
    documents = jsonl_lines(tmp_path / "out" / "documents.jsonl")
    assert f"Documents: {len(documents)} read" in printed
    for doc in documents:
        assert doc["id"] in printed
        if doc["canonical"]:
            assert f"canonical: {doc['reason']}" in printed
    assert "bad.txt: binary file" in printed
    assert "1 ignored" in printed
    assert "Shared passages:" in printed


# --- formats, record fields, progress --------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_record_and_extraction_options_reach_the_configs():
    args = build_parser().parse_args(
        [
            "run",
            "in",
            "out",
            "--id-field",
            "doc_id",
            "--text-field",
            "body",
            "--html-field",
            "page",
            "--format",
            "both",
            "--extract-precision",
            "--fast-extract",
            "--extract-max-date",
            "2024-05-01",
        ]
    )
    options = options_from(args)
    assert (options.fields.id, options.fields.text, options.fields.html) == (
        "doc_id",
        "body",
        "page",
    )
    assert options.output_format == "both"
    assert options.extract.favor_precision and options.extract.fast
    assert options.extract.max_date == "2024-05-01"
    defaults = options_from(build_parser().parse_args(["run", "in", "out"]))
    assert (defaults.fields.id, defaults.fields.text, defaults.fields.html) == (
        "id",
        "text",
        "html",
    )
    assert defaults.output_format == "jsonl"
    assert not defaults.extract.favor_precision and not defaults.extract.fast


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--id-field", ""], "the id field name must be a non-empty string"),
        (["--text-field", "html"], "must differ"),
        (["--format", "csv"], "invalid choice: 'csv'"),
        (["--extract-max-date", "May 1"], "is not a date"),
    ],
)
def test_bad_record_and_format_options_exit_2(tmp_path, corpus, extra, message):
    code, err = _main("run", str(corpus), str(tmp_path / "out"), *extra)
    assert code == 2
    assert message in err
    assert not (tmp_path / "out").exists()


def test_a_malformed_record_exits_3_naming_file_and_line(tmp_path, corpus):
    (corpus / "data.jsonl").write_text(
        '{"id": "a", "text": "A good record about the harbour."}\n{"id": "b", "text": 1,}\n',
        encoding="utf-8",
    )
    code, err = _main("run", str(corpus), str(tmp_path / "out"), "--quiet", "--workers", "1")
    assert code == 3
    assert err.splitlines() == [
        f"cleancorpus: skipped {corpus / 'data.jsonl'}:2: malformed JSON "
        "(Expecting property name enclosed in double quotes: column 23)"
    ]
    ids = [d["id"] for d in jsonl_lines(tmp_path / "out" / "documents.jsonl")]
    assert "data.jsonl#a" in ids


def test_warnings_are_printed_unless_quiet(tmp_path, corpus):
    (corpus / "latin.txt").write_bytes(
        "Le café coûte deux euros à Besançon près de la gare.".encode("latin-1")
    )
    code, err = _main("run", str(corpus), str(tmp_path / "out"), "--workers", "1")
    assert code == 0
    assert f"cleancorpus: warning: {corpus / 'latin.txt'}: not valid UTF-8" in err
    assert "decoded as cp1252 (detected)" in err
    assert "1 warnings" in err
    code, err = _main("run", str(corpus), str(tmp_path / "out"), "--workers", "1", "--quiet")
    assert (code, err) == (0, "")


def test_progress_is_drawn_only_on_a_terminal_and_not_when_quiet(tmp_path, corpus):
    terminal = _Terminal()
    code = main(["run", str(corpus), str(tmp_path / "out"), "--workers", "1"], stderr=terminal)
    assert code == 0
    assert "\r\x1b[K" in terminal.getvalue()  # the progress line was drawn, then erased
    quiet = _Terminal()
    code = main(
        ["run", str(corpus), str(tmp_path / "out"), "--workers", "1", "--quiet"], stderr=quiet
    )
    assert (code, quiet.getvalue()) == (0, "")
    plain = io.StringIO()
    main(["run", str(corpus), str(tmp_path / "out"), "--workers", "1"], stderr=plain)
    assert "\r" not in plain.getvalue()


def test_format_parquet_writes_parquet_files(tmp_path, corpus):
    code, _ = _main(
        "run",
        str(corpus),
        str(tmp_path / "out"),
        "--format",
        "parquet",
        "--quiet",
        "--workers",
        "1",
    )
    assert code == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [
        ".cleancorpus-manifest.json",
        "corpus",
        "corpus.parquet",
        "documents.parquet",
        "learned.json",
        "removals.parquet",
        "report.html",
        "report.json",
    ]
