"""Incremental dedup against a persistent index: SQLite (a file) and Redis (a real server)."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cleancorpus import (
    DedupConfig,
    Document,
    Fingerprinter,
    MismatchError,
    RunOptions,
    open_index,
    process,
    run,
)
from tests.containers import jsonl_lines

_WORDS = [f"w{i}" for i in range(3000)]


def _story(seed: int, words: int = 120) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(_WORDS) for _ in range(words)) + "."


def _copy(text: str, seed: int, edits: int = 3) -> str:
    rng = random.Random(seed)
    words = text.split()
    for _ in range(edits):
        words[rng.randrange(len(words))] = rng.choice(_WORDS)
    return " ".join(words)


def _write(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(params=["sqlite", "redis"])
def index_location(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "kept.sqlite")
    url = request.getfixturevalue("redis_url")
    return f"{url}?prefix=test-{request.node.name}"


def _batches(tmp_path: Path) -> tuple[Path, Path]:
    first = _write(tmp_path / "day1", {f"s{i}.txt": _story(i) for i in range(6)})
    second = _write(
        tmp_path / "day2",
        {
            "copy-of-s1.txt": _copy(_story(1), 10),
            "copy-of-s4.txt": _story(4),
            "again-s4.txt": _copy(_story(4), 11),
            "new.txt": _story(100),
        },
    )
    return first, second


def test_a_later_batch_drops_what_an_earlier_one_kept(tmp_path, index_location):
    first, second = _batches(tmp_path)
    options = RunOptions(workers=1, index=index_location)
    one = run(first, tmp_path / "out1", options)
    assert one.report["index"]["added"] == 6
    two = run(second, tmp_path / "out2", options)
    docs = {d["id"]: d for d in jsonl_lines(tmp_path / "out2" / "documents.jsonl")}
    assert docs["copy-of-s1.txt"]["duplicate_of"] == "s1.txt"
    assert docs["copy-of-s1.txt"]["cluster"] == "s1.txt"
    assert docs["copy-of-s1.txt"]["rule"] == "near-duplicate"
    assert docs["copy-of-s1.txt"]["reason"].startswith("matched against the index")
    assert docs["copy-of-s4.txt"]["rule"] == "exact-duplicate"
    assert docs["copy-of-s4.txt"]["similarity"] == 1.0
    # the batch's own cluster (again-s4 ~ copy-of-s4) joins the earlier document as a whole
    assert docs["again-s4.txt"]["duplicate_of"] == "s4.txt"
    assert 0.7 <= docs["again-s4.txt"]["similarity"] < 1.0
    assert docs["new.txt"]["canonical"] is True
    corpus = [d["id"] for d in jsonl_lines(tmp_path / "out2" / "corpus.jsonl")]
    assert corpus == ["new.txt"]
    assert sorted(p.name for p in (tmp_path / "out2" / "corpus").iterdir()) == ["new.txt"]
    assert two.report["index"]["entries_before"] == 6
    assert two.report["index"]["matched"] == 2
    assert two.report["index"]["added"] == 1
    with open_index(index_location, DedupConfig()) as index:
        assert len(index) == 7


def test_exact_verification_when_the_index_keeps_shingles(tmp_path, index_location):
    first, second = _batches(tmp_path)
    options = RunOptions(workers=1, index=index_location, index_keep_shingles=True)
    run(first, tmp_path / "out1", options)
    two = run(second, tmp_path / "out2", options)
    docs = {d["id"]: d for d in jsonl_lines(tmp_path / "out2" / "documents.jsonl")}
    assert "exact)" in docs["copy-of-s1.txt"]["reason"]
    assert two.report["index"]["verification"] == "exact"
    # the exact figure is the Jaccard of the shingle sets
    fp = Fingerprinter(DedupConfig())
    a, b = (fp.shingle_set(t) for t in (_story(1), _copy(_story(1), 10)))
    expected = len(set(a.tolist()) & set(b.tolist())) / len(set(a.tolist()) | set(b.tolist()))
    assert docs["copy-of-s1.txt"]["similarity"] == pytest.approx(expected)


def test_with_shingles_a_copy_with_a_part_dropped_matches_as_in_a_batch(tmp_path):
    full = "\n\n".join(_story(40 + k, 80) for k in range(3))
    cut = "\n\n".join(full.split("\n\n")[::2])  # the middle third dropped: Jaccard ~0.6
    first = _write(tmp_path / "day1", {"full.txt": full})
    second = _write(tmp_path / "day2", {"cut.txt": cut})
    for keep, matched in ((True, True), (False, False)):
        options = RunOptions(
            workers=1, index=str(tmp_path / f"{keep}.sqlite"), index_keep_shingles=keep
        )
        run(first, tmp_path / f"out1-{keep}", options)
        run(second, tmp_path / f"out2-{keep}", options)
        (doc,) = jsonl_lines(tmp_path / f"out2-{keep}" / "documents.jsonl")
        assert (doc["duplicate_of"] == "full.txt") is matched, keep
        if matched:  # the rule a batch holding both would apply
            assert doc["similarity"] < DedupConfig().threshold
            together = process([Document("full", full), Document("cut", cut)])
            assert {d.id: d.duplicate_of for d in together.documents}["cut"] == "full"


def test_other_parameters_are_refused_naming_each_difference(tmp_path, index_location):
    with open_index(index_location, DedupConfig()) as index, index.session():
        index.add({"a": Fingerprinter(DedupConfig()).batch([_story(1)])[0]})
    with pytest.raises(MismatchError, match="num_perm: index has 128, this run 64"):
        open_index(index_location, DedupConfig(num_perm=64))
    with pytest.raises(MismatchError, match="keep_shingles"):
        open_index(index_location, DedupConfig(), keep_shingles=True)


def test_the_api_matches_and_adds_in_memory_batches_too(tmp_path, index_location):
    options = RunOptions(workers=1, index=index_location)
    process([Document("a", _story(1)), Document("b", _story(2))], options)
    result = process([Document("c", _copy(_story(2), 3)), Document("d", _story(9))], options)
    by_id = {d.id: d for d in result.documents}
    assert by_id["c"].duplicate_of == "b"
    assert by_id["d"].canonical


def test_a_batch_run_again_gives_identical_output(tmp_path, index_location):
    first, second = _batches(tmp_path)
    options = RunOptions(workers=1, index=index_location)
    run(first, tmp_path / "out1", options)
    run(second, tmp_path / "out2", options)
    again = run(second, tmp_path / "out2-again", options)
    for name in ("documents.jsonl", "corpus.jsonl", "removals.jsonl"):
        assert (tmp_path / "out2" / name).read_bytes() == (
            tmp_path / "out2-again" / name
        ).read_bytes()
    assert again.report["index"]["added"] == 0


def test_sqlite_entries_are_bytes_and_the_file_is_in_wal_mode(tmp_path):
    path = tmp_path / "kept.sqlite"
    run(_batches(tmp_path)[0], tmp_path / "out", RunOptions(workers=1, index=str(path)))
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    rows = db.execute("SELECT id, signature, shingles FROM entries ORDER BY id").fetchall()
    assert [r[0] for r in rows] == [f"s{i}.txt" for i in range(6)]
    assert all(len(r[1]) == 128 * 4 and r[2] is None for r in rows)
    bands, rows_per_band = DedupConfig().bands
    assert db.execute("SELECT count(*) FROM bands").fetchone()[0] == 6 * bands
    header = dict(db.execute("SELECT key, value FROM header").fetchall())
    assert json.loads(header["num_perm"]) == 128 and json.loads(header["rows"]) == rows_per_band


_KILLED_MID_BATCH = textwrap.dedent(
    """
    import sys
    from cleancorpus import DedupConfig, Fingerprinter, open_index
    texts = [" ".join(f"t{i}x{j}" for j in range(60)) for i in range(200)]
    prints = Fingerprinter(DedupConfig()).batch(texts)
    with open_index(sys.argv[1], DedupConfig()) as index, index.session():
        index.add({f"late{i}": fp for i, fp in enumerate(prints)})
        print("added, not committed", flush=True)
        sys.stdin.read()  # wait here until killed
    """
)


def test_a_kill_mid_batch_leaves_the_sqlite_index_as_before(tmp_path):
    path = str(tmp_path / "kept.sqlite")
    first, second = _batches(tmp_path)
    options = RunOptions(workers=1, index=path)
    run(first, tmp_path / "out1", options)
    with subprocess.Popen(
        [sys.executable, "-c", _KILLED_MID_BATCH, path],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "added, not committed"
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    with open_index(path, DedupConfig()) as index:
        assert len(index) == 6
    two = run(second, tmp_path / "out2", options)  # the index works on, as before the kill
    assert two.report["index"]["entries_before"] == 6


_CONCURRENT = textwrap.dedent(
    """
    import sys
    from cleancorpus import RunOptions, run
    run(sys.argv[1], sys.argv[2], RunOptions(workers=1, index=sys.argv[3]))
    """
)


def test_two_concurrent_runs_keep_each_story_once(tmp_path, index_location):
    stories = {i: _story(200 + i) for i in range(8)}
    left = _write(tmp_path / "left", {f"l{i}.txt": t for i, t in stories.items()})
    right = _write(
        tmp_path / "right", {f"r{i}.txt": _copy(t, i, 1) for i, t in stories.items() if i % 2 == 0}
    )
    _write(right, {"r-only.txt": _story(999)})
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _CONCURRENT, str(src), str(tmp_path / f"out-{src.name}"), loc]
        )
        for src, loc in ((left, index_location), (right, index_location))
    ]
    assert [p.wait(timeout=120) for p in runs] == [0, 0]
    kept = [
        d["id"]
        for name in ("left", "right")
        for d in jsonl_lines(tmp_path / f"out-{name}" / "corpus.jsonl")
    ]
    # every story once: 8 from the left (4 also on the right, kept by whichever run matched
    # and added first) and r-only
    assert len(kept) == 9
    assert "r-only.txt" in kept
    with open_index(index_location, DedupConfig()) as index:
        assert len(index) == 9
