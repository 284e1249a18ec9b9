"""Learned boilerplate through the pipeline and the CLI: learn, dry run, save and reuse."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from cleancorpus import (
    ConfigError,
    Document,
    LearnConfig,
    LearnedBoilerplate,
    RunOptions,
    learn,
    process,
    run,
)
from cleancorpus.cli import main

APPEAL = "Keep the Heron Lamp lit: leave a coin in the jar at the harbour office every Friday."
STORIES = [
    "The ferry timetable changes on Monday, with two extra crossings in the early morning. "
    "Commuters asked for them after the winter storms cancelled a week of sailings. The "
    "operator says the new boats burn less fuel and carry forty more cars on each trip.",
    "A colony of grey seals was counted on the northern sandbank by volunteers last week. "
    "The count found ninety pups, the most since records began in the nineteen seventies. "
    "Walkers are asked to keep dogs on leads and stay behind the painted posts on the dunes.",
    "The school choir won the regional contest with a programme of old fishing songs. Their "
    "teacher arranged the pieces from recordings made by her grandmother in the harbour "
    "pubs. The prize money will pay for a new piano and a trip to the national final.",
    "Repairs to the lighthouse stairs will close the tower to visitors until the spring. "
    "Engineers found rust in the iron treads during a survey paid for by the heritage fund. "
    "The museum at its foot stays open, and guided walks along the cliff start at noon.",
]


def _site(tmp_path: Path, write_tree) -> Path:
    files = {f"heron/story{i}.txt": f"{body}\n\n{APPEAL}\n" for i, body in enumerate(STORIES)}
    files["other/solo.txt"] = f"{STORIES[1]}\n\n{APPEAL}\n"
    return write_tree(tmp_path / "in", files)


def _main(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    return main(list(argv), stderr=err), err.getvalue()


def test_run_with_learn_removes_the_site_line_and_saves_the_evidence(tmp_path, write_tree):
    source = _site(tmp_path, write_tree)
    code, _ = _main("run", str(source), str(tmp_path / "out"), "--learn", "--workers", "1")
    assert code == 0
    docs = [json.loads(x) for x in (tmp_path / "out/documents.jsonl").read_text().splitlines()]
    heron = [d for d in docs if d["id"].startswith("heron/")]
    assert heron and all(APPEAL not in d["text"] for d in heron)
    # one document of another site is not enough evidence: its line stays
    assert APPEAL in next(d for d in docs if d["id"] == "other/solo.txt")["text"]
    removals = [json.loads(x) for x in (tmp_path / "out/removals.jsonl").read_text().splitlines()]
    learned_rules = {r["rule"] for r in removals if r["rule"].startswith("learned:heron:")}
    assert len(learned_rules) == 1
    blocks = LearnedBoilerplate.load(tmp_path / "out/learned.json").blocks
    assert [(b.id, b.site, b.groups) for b in blocks] == [(learned_rules.pop(), "heron", 4)]


def test_learn_command_is_a_dry_run_and_saved_blocks_clean_the_same(tmp_path, write_tree):
    source = _site(tmp_path, write_tree)
    before = sorted(p.read_bytes() for p in source.rglob("*.txt"))
    saved = tmp_path / "blocks.json"
    code, _ = _main("learn", str(source), "--workers", "1", "--save", str(saved))
    assert code == 0
    assert sorted(p.read_bytes() for p in source.rglob("*.txt")) == before
    assert not (tmp_path / "out").exists()
    for name, extra in (("a", ["--learn"]), ("b", ["--learned-blocks", str(saved)])):
        assert _main("run", str(source), str(tmp_path / name), "--workers", "1", *extra)[0] == 0
    assert (tmp_path / "a/documents.jsonl").read_bytes() == (
        tmp_path / "b/documents.jsonl"
    ).read_bytes()


def test_min_documents_above_the_evidence_learns_nothing(tmp_path, write_tree, capsys):
    source = _site(tmp_path, write_tree)
    assert learn(source, RunOptions(workers=1, learn=LearnConfig(min_documents=5))).blocks == ()
    assert _main("learn", str(source), "--workers", "1", "--min-documents", "5")[0] == 0
    assert "no boilerplate learned" in capsys.readouterr().out


def test_process_learns_in_memory(tmp_path):
    docs = [Document(f"heron/{i}.txt", f"{body}\n\n{APPEAL}\n") for i, body in enumerate(STORIES)]
    result = process(docs, RunOptions(workers=1, learn=LearnConfig()))
    assert all(APPEAL not in d.text for d in result.documents)
    assert all(any(r.rule.startswith("learned:") for r in d.removals) for d in result.documents)


def test_learn_and_learned_together_is_a_config_error() -> None:
    blocks = LearnedBoilerplate(LearnConfig(), ())
    with pytest.raises(ConfigError, match="not both"):
        RunOptions(learn=LearnConfig(), learned=blocks)


def test_a_malformed_blocks_file_is_named(tmp_path, write_tree):
    source = _site(tmp_path, write_tree)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    code, err = _main("run", str(source), str(tmp_path / "out"), "--learned-blocks", str(bad))
    assert code == 3
    assert str(bad) in err
    assert not (tmp_path / "out").exists()
    assert run  # the API entry point stays importable beside the CLI


def test_the_learning_pass_reports_its_progress_apart(tmp_path, write_tree):
    source = _site(tmp_path, write_tree)
    (source / "heron" / "empty.txt").write_text("")  # a problem counts as done, too
    counted: dict[str, list[int]] = {"learning": [], "main": []}
    run(
        source,
        tmp_path / "out",
        RunOptions(workers=1, learn=LearnConfig()),
        progress=counted["main"].append,
        learn_progress=counted["learning"].append,
    )
    assert sum(counted["learning"]) == sum(counted["main"]) == 6
    assert counted["learning"][0] == counted["main"][0] == 0  # each pass says it starts
    seen: list[int] = []
    learn(source, RunOptions(workers=1), progress=seen.append)
    assert sum(seen) == 6
