"""Hostile inputs, kills and full disks, each run through the real command line in a subprocess.

Every case here was a defect of issue 10 (or the charset case of issue 11): data loss, one page
or record ending the whole run, unbounded problem lists, invalid JSON out, orphaned workers
and staging folders, unclear messages, and INPUT given as files, globs or standard input.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
