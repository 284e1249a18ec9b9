from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleancorpus.cli import EPILOG, build_parser, main, options_from
from cleancorpus.errors import ConfigError
from cleancorpus.writers import jsonl_lines


def _main(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    code = main(list(argv), stderr=err)
    return code, err.getvalue()


@pytest.fixture
def corpus(tmp_path, write_tree, texts):
    files = {f"{name}.txt": text for name, text in texts.items()}
    files["nested/alpha-copy.md"] = texts["alpha"]
    files["ignored.html"] = "<p>not read yet</p>"
    return write_tree(tmp_path / "in", files)


def test_run_succeeds_and_summarises(tmp_path, corpus):
    code, err = _main("run", str(corpus), str(tmp_path / "out"), "--workers", "1")
    assert code == 0
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    counts = report["counts"]
    assert f"read {counts['documents']} documents" in err
    assert f"kept {counts['canonical']} canonical, {counts['duplicates']} duplicates" in err
    assert "1 ignored" in err
    assert str(tmp_path / "out") in err
    ids = [d["id"] for d in jsonl_lines(tmp_path / "out" / "documents.jsonl")]
    assert ids == ["alpha.txt", "beta.txt", "gamma.txt", "nested/alpha-copy.md"]


def test_quiet_prints_nothing_on_success(tmp_path, corpus):
    code, err = _main("run", str(corpus), str(tmp_path / "out"), "--quiet", "--workers", "1")
    assert (code, err) == (0, "")


def test_bad_files_exit_3_and_are_named_even_when_quiet(tmp_path, corpus):
    (corpus / "broken.txt").write_bytes(b"ok \xc3\x28 not ok")
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
        ]
    )
    options = options_from(args)
    assert options.dedup.threshold == 0.8
    assert options.dedup.shingle_size == 3
    assert options.dedup.num_perm == 64
    assert options.dedup.seed == 7
    assert options.workers == 2
    assert options.max_bytes == 2_000_000
    assert options.clean.disable == frozenset({"markdown.link", "footer.copyright"})


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
