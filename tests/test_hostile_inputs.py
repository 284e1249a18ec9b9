"""Hostile inputs, kills and full disks, each run through the real command line in a subprocess.

Every case here was a defect of issue 10 (or the charset case of issue 11): data loss, one page
or record ending the whole run, unbounded problem lists, invalid JSON out, orphaned workers
and staging folders, unclear messages, and INPUT given as files, globs or standard input.
"""

from __future__ import annotations

import gzip
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


# 3. text UTF-8 cannot hold ------------------------------------------------------------------


def test_lone_surrogates_in_a_record_become_replacement_characters(tmp_path):
    lines = [
        '{"id": "a\\ud800", "text": "Body \\udfff here. ' + ARTICLE.replace("\n", " ") + '"}',
        '{"id": "b", "text": "' + ARTICLE.replace("\n", " ") + '", "note": "x\\ud83d"}',
    ]
    source = write(tmp_path / "in", {"data.jsonl": "\n".join(lines) + "\n"})
    done = cli("run", str(source), str(tmp_path / "out"), "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert "data.jsonl:1: lone surrogate escapes" in done.stderr
    docs = {d["id"]: d for d in strict_lines(tmp_path / "out" / "documents.jsonl")}
    assert set(docs) == {"data.jsonl#a\ufffd", "data.jsonl#b"}
    assert docs["data.jsonl#a\ufffd"]["text"].startswith("Body \ufffd here.")
    assert docs["data.jsonl#b"]["metadata"]["note"] == "x\ufffd"
    strict_lines(tmp_path / "out" / "removals.jsonl")


def test_file_name_that_is_not_utf8_is_read_with_a_warning(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    name = b"caf\xe9.txt"
    try:
        (source / os.fsdecode(name)).write_text(ARTICLE)
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    write(source, {"b.txt": "Another story entirely: the council voted on the budget.\n"})
    out = tmp_path / "out"
    done = cli("run", str(source), str(out), "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert "caf\ufffd.txt: the file name is not valid UTF-8" in done.stderr
    ids = [d["id"] for d in strict_lines(out / "documents.jsonl")]
    assert ids == ["b.txt", "caf\ufffd.txt"]
    assert (out / "corpus" / "caf\ufffd.txt").is_file()


# 5. strict JSON out ------------------------------------------------------------------------


def test_nan_infinity_and_bytes_metadata_are_strict_json(tmp_path):
    from tests.containers import write_parquet

    text = ARTICLE.replace("\n", " ")
    lines = [
        '{"id": "a", "text": "' + text + '", "score": NaN, "w": [Infinity, -Infinity, 1.5]}',
    ]
    source = write(tmp_path / "in", {"data.jsonl": "\n".join(lines) + "\n"})
    write_parquet(
        source / "table.parquet",
        [
            {
                "id": "p",
                "text": "Parquet row: " + text,
                "f": float("nan"),
                "raw": b"\xff\x00",
                "u": b"ok",
            },
        ],
    )
    out = tmp_path / "out"
    done = cli("run", str(source), str(out), "--workers", "1")
    assert done.returncode == 0, done.stderr
    for name in ("documents.jsonl", "corpus.jsonl", "removals.jsonl"):
        strict_lines(out / name)
    docs = {d["id"]: d["metadata"] for d in strict_lines(out / "documents.jsonl")}
    assert docs["data.jsonl#a"]["score"] is None
    assert docs["data.jsonl#a"]["w"] == [None, None, 1.5]
    assert docs["table.parquet#p"]["f"] is None
    assert docs["table.parquet#p"]["raw"] == "base64:/wA="
    assert docs["table.parquet#p"]["u"] == "ok"
    report(out)


# 8. messages -------------------------------------------------------------------------------


def test_empty_record_names_its_line_and_empty_page_says_empty(tmp_path):
    lines = ['{"id": "a", "text": "' + ARTICLE.replace("\n", " ") + '"}', '{"id": "b", "text": ""}']
    source = write(
        tmp_path / "in",
        {"data.jsonl": "\n".join(lines) + "\n", "blank.html": b"", "a.txt": ARTICLE},
    )
    done = cli("run", str(source), str(tmp_path / "out"), "--workers", "1")
    assert done.returncode == 3
    errors = {e["path"]: e["problem"] for e in report(tmp_path / "out")["errors"]}
    assert errors["data.jsonl#b"].startswith("empty record (data.jsonl:2)")
    assert errors["blank.html"].startswith("empty file")


def test_a_ten_megabyte_line_of_quote_markers_keeps_its_document(tmp_path):
    # Such a line once raised MemoryError inside the regex engine, and the document was lost.
    quotes = "> " * 5_000_000
    source = write(tmp_path / "in", {"quotes.txt": f"{ARTICLE}\n{quotes}\n", "a.txt": ARTICLE})
    done = cli("run", str(source), str(tmp_path / "out"), "--workers", "1")
    assert done.returncode == 0, done.stderr
    documents = {d["id"]: d for d in strict_lines(tmp_path / "out" / "documents.jsonl")}
    assert set(documents) == {"quotes.txt", "a.txt"}
    assert not report(tmp_path / "out")["errors"]
    cleaned = (tmp_path / "out" / "corpus" / "quotes.txt").read_text(encoding="utf-8")
    assert cleaned.startswith(ARTICLE.strip())


def test_utf8_bom_before_the_first_jsonl_record_is_dropped(tmp_path):
    data = b"\xef\xbb\xbf" + json.dumps({"id": "a", "text": ARTICLE}).encode() + b"\n"
    source = write(tmp_path / "in", {"data.jsonl": data})
    done = cli("run", str(source), str(tmp_path / "out"), "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert [d["id"] for d in strict_lines(tmp_path / "out" / "documents.jsonl")] == ["data.jsonl#a"]


def test_binary_garbage_is_escaped_in_messages(tmp_path):
    import random

    noise = random.Random(1)
    garbage = bytes(noise.randrange(256) for _ in range(4000))
    source = write(
        tmp_path / "in",
        {"junk.warc.gz": gzip.compress(garbage), "raw.warc": garbage, "a.txt": ARTICLE},
    )
    done = cli("run", str(source), str(tmp_path / "out"), "--workers", "1")
    assert done.returncode == 3
    for line in done.stderr.splitlines():
        assert line.isprintable() and len(line) < 400, line
    errors = {e["path"]: e["problem"] for e in report(tmp_path / "out")["errors"]}
    assert errors["junk.warc.gz"].startswith("not a WARC file")
    assert all(len(problem) < 300 for problem in errors.values())


# INPUT as users give it --------------------------------------------------------------------

STORIES = [
    "The council voted on the new budget after a long debate about school funding.",
    "A storm closed the harbour for two days and fishing boats stayed in port.",
    "Researchers found a new species of frog in the mountain forests of the north.",
]


def _jsonl(records: list[dict]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def test_a_single_file_is_an_input_with_its_name_as_id(tmp_path):
    from tests.containers import warc_bytes

    records = [{"id": str(i), "text": story} for i, story in enumerate(STORIES)]
    data = write(
        tmp_path / "data",
        {
            "data.jsonl.gz": gzip.compress(_jsonl(records)),
            "crawl.warc.gz": warc_bytes(
                [{"uri": "https://e.org/a", "body": _page("utf-8"), "id": "urn:uuid:7"}]
            ),
        },
    )
    done = cli("run", str(data / "data.jsonl.gz"), str(tmp_path / "one"), "--workers", "1")
    assert done.returncode == 0, done.stderr
    ids = [d["id"] for d in strict_lines(tmp_path / "one" / "documents.jsonl")]
    assert ids == ["data.jsonl.gz#0", "data.jsonl.gz#1", "data.jsonl.gz#2"]
    done = cli("run", str(data / "crawl.warc.gz"), str(tmp_path / "two"), "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert [d["id"] for d in strict_lines(tmp_path / "two" / "documents.jsonl")] == [
        "crawl.warc.gz#urn:uuid:7"
    ]


def test_several_files_folders_and_a_glob(tmp_path):
    from tests.containers import write_parquet

    shards = tmp_path / "shards"
    for i, story in enumerate(STORIES):
        write_parquet(shards / f"part-{i}.parquet", [{"id": "r", "text": story}])
    (shards / "notes.txt").write_text("not a shard")
    folder = write(tmp_path / "site", {"news/a.txt": ARTICLE})
    single = write(
        tmp_path / "loose", {"b.md": "A recipe for bread: flour, water, salt and time.\n"}
    )
    out = tmp_path / "out"
    done = cli(
        "run",
        str(shards / "*.parquet"),
        str(folder),
        str(single / "b.md"),
        str(out),
        "--workers",
        "1",
    )
    assert done.returncode == 0, done.stderr
    ids = [d["id"] for d in strict_lines(out / "documents.jsonl")]
    assert ids == [
        "b.md",
        "news/a.txt",
        "part-0.parquet#r",
        "part-1.parquet#r",
        "part-2.parquet#r",
    ]
    assert report(out)["inputs"] == [str(shards / "*.parquet"), str(folder), str(single / "b.md")]
    done = cli("run", str(tmp_path / "nothing-*.jsonl"), str(tmp_path / "o2"))
    assert done.returncode == 2 and "matches no file" in done.stderr


def test_dash_reads_jsonl_from_standard_input(tmp_path):
    records = [{"id": str(i), "text": story} for i, story in enumerate(STORIES)]
    out = tmp_path / "out"
    done = cli("run", "-", str(out), "--workers", "1", stdin=_jsonl(records))
    assert done.returncode == 0, done.stderr
    ids = [d["id"] for d in strict_lines(out / "documents.jsonl")]
    assert ids == ["stdin#0", "stdin#1", "stdin#2"]
    # learning (on by default) reads the input once, so standard input can be learned from
    assert "learned.json" in {p.name for p in out.iterdir()}


# 6. kills ----------------------------------------------------------------------------------


def _slow_input(folder: Path) -> Path:
    """Enough distinct records that a 2-worker run is surely still busy when it is killed."""
    import random

    rng = random.Random(7)
    vocabulary = ["".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=7)) for _ in range(5000)]
    lines = []
    for i in range(40_000):
        text = f"Story {i}: " + " ".join(rng.choices(vocabulary, k=60)) + "."
        lines.append(json.dumps({"id": str(i), "text": text}))
    folder.mkdir(parents=True)
    (folder / "big.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry))
    return found


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _wait_for(condition, what: str, limit: float = 120.0) -> None:
    import time

    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def _start_and_wait_for_workers(source: Path, out: Path) -> tuple[subprocess.Popen, set[int]]:
    """Start a 2-worker run and return once both workers are spooling into its staging."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleancorpus", "run", str(source), str(out), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )

    def busy() -> bool:
        assert proc.poll() is None, "the run ended before it could be killed"
        stagings = list(out.parent.glob(f".{out.name}.staging-*"))
        spooled = any(
            any((s / ".spool").glob("*.bin")) for s in stagings if (s / ".spool").is_dir()
        )
        return spooled and len(_children(proc.pid)) >= 2

    _wait_for(busy, "two workers spooling into the staging folder")
    return proc, _children(proc.pid)


def _ended(proc: subprocess.Popen, limit: float = 120.0) -> bytes:
    """The stopped run's standard error once it has exited; a run that does not exit is
    killed, so that it cannot outlive its test."""
    try:
        return proc.communicate(timeout=limit)[1]
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise AssertionError(f"the run did not exit within {limit:.0f} s of its signal") from None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigterm_stops_workers_and_removes_staging(tmp_path):
    source = _slow_input(tmp_path / "in")
    out = tmp_path / "out"
    proc, workers = _start_and_wait_for_workers(source, out)
    proc.terminate()
    stderr = _ended(proc)
    assert proc.returncode == 143, stderr
    assert b"terminated (SIGTERM)" in stderr
    _wait_for(lambda: not any(_running(w) for w in workers), "the workers to exit")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]  # no OUTPUT, no staging


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigkill_leaves_no_worker_and_a_later_run_removes_the_stale_staging(tmp_path):
    source = _slow_input(tmp_path / "in")
    out = tmp_path / "out"
    proc, workers = _start_and_wait_for_workers(source, out)
    proc.kill()
    _ended(proc)
    _wait_for(lambda: not any(_running(w) for w in workers), "the orphaned workers to exit")
    (stale,) = tmp_path.glob(".out.staging-*")  # a SIGKILL cannot clean up...
    small = write(tmp_path / "small", {"a.txt": ARTICLE})
    done = cli("run", str(small), str(out), "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert not stale.exists()  # ...so the next run into the same OUTPUT does
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out", "small"]


HALF_SENT_RESULT = """
import os, signal, struct, sys, time
from cleancorpus.engine.local import map_tasks

def half_sent_result(task, settings, staging):
    # the first bytes of a result message, as a worker killed while sending leaves them
    frame = sys._getframe()
    while frame.f_code.co_name != "_process_worker":
        frame = frame.f_back
    writer = frame.f_locals["result_queue"]._writer
    os.write(writer.fileno(), struct.pack("!i", 1_000_000) + b"\\x80" * 100)
    time.sleep(60)

def interrupt(signum, frame):
    raise KeyboardInterrupt

if __name__ == "__main__":
    signal.signal(signal.SIGALRM, interrupt)
    signal.alarm(2)
    try:
        for _ in map_tasks(half_sent_result, iter(range(4)), None, 2):
            pass
    except KeyboardInterrupt:
        print("interrupted", flush=True)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks its workers")
def test_an_interrupted_pool_exits_even_when_a_worker_died_halfway_through_a_result(tmp_path):
    # Killed mid-send, a worker leaves half a message that the pool's manager thread would
    # wait on forever, and with it the interpreter's exit (a terminated run that printed its
    # message and never ended).
    script = tmp_path / "half_sent.py"
    script.write_text(HALF_SENT_RESULT)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "interrupted\n"


def test_a_live_runs_staging_folder_is_never_removed(tmp_path):
    from cleancorpus.output.folder import OWNER, remove_stale_staging

    live = tmp_path / ".out.staging-live"
    dead = tmp_path / ".out.staging-dead"
    unowned = tmp_path / ".out.staging-old"
    for folder in (live, dead, unowned):
        folder.mkdir()
    import socket

    host = socket.gethostname()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    try:
        (live / OWNER).write_text(f"{sleeper.pid} {host}\n")
        (dead / OWNER).write_text(f"{gone.pid} {host}\n")
        assert remove_stale_staging(tmp_path, ".out.staging-") == [dead]
        assert live.is_dir() and unowned.is_dir() and not dead.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


# 4. bounded problems -----------------------------------------------------------------------


def test_many_bad_records_are_counted_not_all_kept(tmp_path):
    bad = gzip.compress(b"{not json\n" * 200_000)
    wrong_field = _jsonl([{"id": str(i), "body": STORIES[i % 3]} for i in range(3000)])
    source = write(
        tmp_path / "in", {"bad.jsonl.gz": bad, "wrong.jsonl": wrong_field, "a.txt": ARTICLE}
    )
    out = tmp_path / "out"
    done = cli("run", str(source), str(out), "--workers", "2", "--max-error-examples", "100")
    assert done.returncode == 3
    assert len(done.stderr.splitlines()) < 80
    assert "203,000 errors in all (100 listed in report.json)" in done.stderr
    assert (out / "report.json").stat().st_size < 100_000
    found = report(out)
    assert found["counts"]["errors"] == 203_000 and len(found["errors"]) == 100
    assert found["errors"][0]["path"] == "bad.jsonl.gz:1"  # the first ones, in path order
    errors = found["problems"]["errors"]
    assert errors["total"] == 203_000 and errors["listed"] == 100
    assert errors["by_kind"] == {"malformed JSON": 200_000, "no '...' or '...' field": 3000}
    assert errors["by_file"] == {"bad.jsonl.gz": 200_000, "wrong.jsonl": 3000}
    assert found["problems"]["max_examples"] == 100
    assert [d["id"] for d in strict_lines(out / "documents.jsonl")] == ["a.txt"]


# 8. full disks and read-only file systems --------------------------------------------------

# Runs the command line with every write into the staging folder failing as a full disk or a
# read-only file system would (the tests may run as root, whom permissions do not stop).
_FAILING_WRITES = """
import builtins, errno, os, sys
code = getattr(errno, sys.argv[1])
real_open, real_os_open, real_mkdir = builtins.open, os.open, os.mkdir
def failing(path):
    return ".staging-" in os.fspath(path) and not os.fspath(path).endswith(".cleancorpus-owner")
def fake_open(file, mode="r", *args, **kwargs):
    if isinstance(file, (str, os.PathLike)) and failing(file) and any(c in mode for c in "wax"):
        raise OSError(code, os.strerror(code), os.fspath(file))
    return real_open(file, mode, *args, **kwargs)
def fake_os_open(path, flags, *args, **kwargs):
    if failing(path) and flags & (os.O_WRONLY | os.O_RDWR):
        raise OSError(code, os.strerror(code), os.fspath(path))
    return real_os_open(path, flags, *args, **kwargs)
def fake_mkdir(path, *args, **kwargs):
    if failing(path) and sys.argv[1] == "EROFS":
        raise OSError(code, os.strerror(code), os.fspath(path))
    return real_mkdir(path, *args, **kwargs)
builtins.open, os.open, os.mkdir = fake_open, fake_os_open, fake_mkdir
from cleancorpus.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize(
    ("errno_name", "said"),
    [("ENOSPC", "the disk is full"), ("EROFS", "the file system is read-only")],
)
def test_unwritable_output_has_a_clear_message_and_exit_code(tmp_path, errno_name, said):
    source = write(tmp_path / "in", {"a.txt": ARTICLE, "b.txt": STORIES[0] + "\n"})
    out = tmp_path / "out"
    assert cli("run", str(source), str(out), "--workers", "1").returncode == 0
    before = (out / "documents.jsonl").read_bytes()
    done = subprocess.run(
        [sys.executable, "-c", _FAILING_WRITES, errno_name, "run", str(source), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 5, done.stderr
    assert f"cannot write OUTPUT {out}: {said}" in done.stderr
    assert "internal error" not in done.stderr
    assert (out / "documents.jsonl").read_bytes() == before  # the previous output is intact
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]  # no staging left
