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


def _documents(out: Path) -> dict[str, dict]:
    rows = [json.loads(x) for x in (out / "documents.jsonl").read_text().splitlines()]
    return {row["id"]: row for row in rows}


def test_run_learns_by_default_without_a_site_key_and_saves_the_evidence(tmp_path, write_tree):
    source = _site(tmp_path, write_tree)
    code, _ = _main("run", str(source), str(tmp_path / "out"), "--workers", "1")
    assert code == 0
    docs = _documents(tmp_path / "out")
    # a long line at the edge of four different stories is the corpus' boilerplate, also on
    # the document of another folder (a copy of story1: the copy counts once as evidence)
    assert len(docs) == 5 and all(APPEAL not in d["text"] for d in docs.values())
    removals = [json.loads(x) for x in (tmp_path / "out/removals.jsonl").read_text().splitlines()]
    learned_rules = {r["rule"] for r in removals if r["rule"].startswith("learned:")}
    (rule,) = learned_rules
    assert rule.startswith("learned:corpus:")
    (block,) = LearnedBoilerplate.load(tmp_path / "out/learned.json").blocks
    assert (block.id, block.site, block.groups, block.documents) == (rule, "", 4, 5)
    assert block.example == APPEAL


def test_no_learn_switches_it_off(tmp_path, write_tree):
    source = _site(tmp_path, write_tree)
    assert _main("run", str(source), str(tmp_path / "cli"), "--no-learn", "--workers", "1")[0] == 0
    assert all(APPEAL in d["text"] for d in _documents(tmp_path / "cli").values())
    assert not (tmp_path / "cli/learned.json").exists()
    result = run(source, tmp_path / "api", RunOptions(workers=1, learn=False))
    assert result.report["parameters"]["learn"] is None
    assert _documents(tmp_path / "api") == _documents(tmp_path / "cli")
    default = run(source, tmp_path / "on", RunOptions(workers=1))
    assert default.report["parameters"]["learn"] == {
        k: getattr(LearnConfig(), k) for k in default.report["parameters"]["learn"]
    }


def test_learn_command_is_a_dry_run_and_saved_blocks_clean_the_same(tmp_path, write_tree):
    source = _site(tmp_path, write_tree)
    before = sorted(p.read_bytes() for p in source.rglob("*.txt"))
    saved = tmp_path / "blocks.json"
    code, _ = _main("learn", str(source), "--workers", "1", "--save", str(saved))
    assert code == 0
    assert sorted(p.read_bytes() for p in source.rglob("*.txt")) == before
    assert not (tmp_path / "out").exists()
    runs = (("a", ["--learn"]), ("b", ["--learned-blocks", str(saved)]), ("c", []))
    for name, extra in runs:
        assert _main("run", str(source), str(tmp_path / name), "--workers", "1", *extra)[0] == 0
    outputs = {(tmp_path / name / "documents.jsonl").read_bytes() for name, _ in runs}
    assert len(outputs) == 1 and APPEAL.encode() not in outputs.pop()
    assert LearnedBoilerplate.load(saved) == LearnedBoilerplate.load(tmp_path / "c/learned.json")


def test_min_documents_above_the_evidence_learns_nothing(tmp_path, write_tree, capsys):
    source = _site(tmp_path, write_tree)
    assert learn(source, RunOptions(workers=1, learn=LearnConfig(min_documents=5))).blocks == ()
    assert _main("learn", str(source), "--workers", "1", "--min-documents", "5")[0] == 0
    assert "no boilerplate learned" in capsys.readouterr().out


def test_process_learns_in_memory(tmp_path):
    docs = [Document(f"{i}.txt", f"{body}\n\n{APPEAL}\n") for i, body in enumerate(STORIES)]
    result = process(docs, RunOptions(workers=1))
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


def test_the_documents_cleaned_again_report_their_progress_apart(tmp_path, write_tree):
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
    assert sum(counted["main"]) == 6
    assert sum(counted["learning"]) == 5  # those holding the learned line (not the empty one)
    assert counted["learning"][0] == counted["main"][0] == 0  # each pass says it starts
    seen: list[int] = []
    learn(source, RunOptions(workers=1), progress=seen.append)
    assert sum(seen) == 6


TAGLINE = "Independent harbour journalism, free to read for everyone in the bay."


def test_a_learned_line_above_the_headline_brings_the_header_to_light(tmp_path, write_tree):
    # the tagline is a sentence, so the rules see no header zone under it; once it is
    # learned, the rules read the new top: headline into metadata, byline removed
    heads = [
        ("Extra Crossings For The Ferry", "Ada Quill"),
        ("Seal Pups Counted On The Sandbank", "Bram Oakes"),
        ("Choir Wins With Fishing Songs", "Cleo Marsh"),
        ("Lighthouse Stairs Closed Until Spring", "Dev Patel"),
    ]
    files = {
        f"story{i}.md": f"{TAGLINE}\n\n# {title}\n\nBy {author}\n\n{body}\n"
        for i, ((title, author), body) in enumerate(zip(heads, STORIES, strict=True))
    }
    source = write_tree(tmp_path / "in", files)
    assert _main("run", str(source), str(tmp_path / "a"), "--workers", "1")[0] == 0
    docs = _documents(tmp_path / "a")
    for i, ((title, author), body) in enumerate(zip(heads, STORIES, strict=True)):
        doc = docs[f"story{i}.md"]
        assert doc["text"] == body
        assert (doc["metadata"]["title"], doc["metadata"]["author"]) == (title, author)
    blocks = str(tmp_path / "a" / "learned.json")
    assert _main("run", str(source), str(tmp_path / "b"), "--learned-blocks", blocks)[0] == 0
    again = (tmp_path / "b" / "documents.jsonl").read_bytes()
    assert again == (tmp_path / "a" / "documents.jsonl").read_bytes()
    assert _main("run", str(source), str(tmp_path / "c"), "--no-learn")[0] == 0
    assert all("title" not in d["metadata"] for d in _documents(tmp_path / "c").values())
