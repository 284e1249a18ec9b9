"""Hostile inputs, kills and full disks, each run through the real command line in a subprocess.

Every case here was a defect of issue 10 (or the charset case of issue 11): data loss, one page
or record ending the whole run, unbounded problem lists, invalid JSON out, orphaned workers
and staging folders, unclear messages, and INPUT given as files, globs or standard input.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = (
    "The river crossing will reopen next week after repairs, officials said on Monday.\n\n"
    "Traffic was diverted through the northern bridge while engineers inspected the piers.\n"
)


def cli(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``cleancorpus ARGS`` in a fresh interpreter; stdout and stderr as text."""
    done = subprocess.run(
        [sys.executable, "-m", "cleancorpus", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )
    return subprocess.CompletedProcess(
        done.args,
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return root


def _no_constant(name: str) -> None:
    raise ValueError(f"not strict JSON: {name}")


def strict_lines(path: Path) -> list[dict]:
    """Every line of a JSONL file, parsed strictly (NaN, Infinity and lone surrogates refused)."""
    data = path.read_bytes()
    text = data.decode("utf-8")  # strict: no surrogates can be encoded
    return [json.loads(line, parse_constant=_no_constant) for line in text.splitlines()]


def report(out: Path) -> dict:
    return json.loads(
        (out / "report.json").read_text(encoding="utf-8"), parse_constant=_no_constant
    )


# 1. data loss ------------------------------------------------------------------------------


def test_unrelated_folder_with_output_names_is_never_replaced(tmp_path):
    source = write(tmp_path / "in", {"a.txt": ARTICLE})
    mine = write(
        tmp_path / "mine",
        {"corpus/raw-2019/part-0001.txt": "my own data", "report.json": '{"mine": true}'},
    )
    done = cli("run", str(source), str(mine), "--workers", "1")
    assert done.returncode == 2, done.stderr
    assert "holds no cleancorpus manifest" in done.stderr and "new or empty folder" in done.stderr
    assert (mine / "corpus/raw-2019/part-0001.txt").read_text() == "my own data"
    assert (mine / "report.json").read_text() == '{"mine": true}'


def test_own_output_is_replaced_but_not_with_files_added_to_it(tmp_path):
    source = write(tmp_path / "in", {"a.txt": ARTICLE})
    out = tmp_path / "out"
    assert cli("run", str(source), str(out), "--workers", "1").returncode == 0
    manifest = json.loads((out / ".cleancorpus-manifest.json").read_text())
    assert manifest["tool"] == "cleancorpus" and manifest["run_id"]
    assert "corpus/a.txt" in manifest["files"] and "report.json" in manifest["files"]
    assert cli("run", str(source), str(out), "--workers", "1").returncode == 0  # ours: replaced
    (out / "corpus" / "notes.txt").write_text("added by the user")
    done = cli("run", str(source), str(out), "--workers", "1")
    assert done.returncode == 2 and "corpus/notes.txt" in done.stderr
    assert (out / "corpus" / "notes.txt").read_text() == "added by the user"


def test_symlinked_output_is_followed_and_the_link_kept(tmp_path):
    source = write(tmp_path / "in", {"a.txt": ARTICLE})
    real = tmp_path / "disk" / "out"
    link = tmp_path / "out"
    link.symlink_to(real, target_is_directory=True)
    for _ in range(2):  # created through the link, then replaced through it
        done = cli("run", str(source), str(link), "--workers", "1")
        assert done.returncode == 0, done.stderr
    assert link.is_symlink() and (real / "documents.jsonl").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["disk", "in", "out"]
    assert sorted(p.name for p in real.parent.iterdir()) == ["out"]  # no .old-*, no staging


# 2. declared charsets are hints -------------------------------------------------------------


def _page(charset: str, body: str = "Café crème, déjà vu à la française.") -> bytes:
    head = f'<html><head><meta charset="{charset}"><title>A page</title></head><body>'
    paragraphs = "".join(f"<p>{body} {ARTICLE}</p>" for _ in range(3))
    return (head + f"<article>{paragraphs}</article></body></html>").encode("utf-8")


@pytest.mark.parametrize("charset", ["hex", "base64", "rot13", "undefined"])
def test_page_declaring_a_non_text_or_unknown_codec_is_read(tmp_path, charset):
    source = write(tmp_path / "in", {"page.html": _page(charset), "a.txt": ARTICLE})
    done = cli("run", str(source), str(tmp_path / "out"), "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert f"page.html: declared charset '{charset}'" in done.stderr
    docs = {d["id"]: d for d in strict_lines(tmp_path / "out" / "documents.jsonl")}
    assert "Café crème" in docs["page.html"]["text"]


def test_warc_record_declaring_hex_is_read(tmp_path):
    from tests.containers import warc_bytes

    body = _page("hex")
    warc = warc_bytes([{"uri": "https://example.org/a", "body": body, "id": "urn:uuid:1"}])
    source = write(tmp_path / "in", {"crawl.warc.gz": warc})
    done = cli("run", str(source), str(tmp_path / "out"), "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert "crawl.warc.gz#urn:uuid:1: declared charset 'hex' is not a text encoding" in done.stderr
    (doc,) = strict_lines(tmp_path / "out" / "documents.jsonl")
    assert "Café crème" in doc["text"]


def test_utf8_page_with_a_few_invalid_bytes_keeps_its_accents(tmp_path):
    """Issue 11: the declared UTF-8 wins over a single-byte guess when only 1-3 bytes are bad."""
    page = _page("utf-8").replace(b"A page", b"A p\xffge\xfe")
    source = write(tmp_path / "in", {"page.html": page})
    done = cli("run", str(source), str(tmp_path / "out"), "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert "page.html: declared charset 'utf-8' leaves 2 invalid byte sequences" in done.stderr
    (doc,) = strict_lines(tmp_path / "out" / "documents.jsonl")
    assert "Café crème, déjà vu à la française." in doc["text"]
    assert doc["metadata"]["extraction"]["encoding_source"] == "declared"
