"""Shared passages: found between reports that quote one another, located, never merged."""

from __future__ import annotations

import json
import random

from cleancorpus import DedupConfig, Document, RunOptions, process, run
from cleancorpus.dedup.passages import align
from tests.containers import jsonl_lines

_VOCAB = [f"{a}{b}" for a in ("ka", "lo", "mi", "ne", "su", "ta", "ve", "zo") for b in range(60)]


def _prose(seed: int, words: int) -> str:
    rng = random.Random(seed)
    out = [rng.choice(_VOCAB) for _ in range(words)]
    sentences = [" ".join(out[i : i + 12]).capitalize() + "." for i in range(0, words, 12)]
    return " ".join(sentences)


QUOTE = _prose(1, 60)  # a 60-word paragraph that round-ups reuse


def test_a_quoted_paragraph_is_found_and_located_in_both_texts():
    a = f"{_prose(2, 150)}\n\n{QUOTE}\n\n{_prose(3, 120)}"
    b = f"{_prose(4, 80)}\n\n“{QUOTE}”\n\n{_prose(5, 200)}"
    (span,) = align(a, b, 40)
    assert QUOTE[:-1] in a[span.start : span.end] + "."
    assert a[span.start : span.end] == b[span.other_start : span.other_end]
    assert span.words == 60 and span.score == 1.0


def test_small_edits_rewrapping_and_quote_styles_are_tolerated():
    words = QUOTE.split()
    edited = [*words[:20], "inserted", *words[20:40], "changed", *words[41:]]
    wrapped = "\n".join(" ".join(edited[i : i + 9]) for i in range(0, len(edited), 9))
    a = f"{_prose(6, 100)}\n\n{QUOTE}"
    b = f"'{wrapped}'\n\n{_prose(7, 100)}"
    (span,) = align(a, b, 40)
    assert span.words >= 55
    assert 0.7 < span.score < 1.0


def test_reports_on_the_same_topic_with_other_sentences_share_no_passage():
    topic = ["flood", "river", "bridge", "mayor", "rain", "closed", "water", "town"]
    rng = random.Random(8)
    a = " ".join(rng.choice(topic + _VOCAB[:40]) for _ in range(300))
    b = " ".join(rng.choice(topic + _VOCAB[:40]) for _ in range(300))
    assert align(a, b, 40) == []


def test_passages_and_story_groups_in_the_output(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    texts = {
        "source.txt": f"{_prose(10, 120)}\n\n{QUOTE}\n\n{_prose(11, 100)}",
        "roundup.txt": f"{_prose(12, 200)}\n\nAnother paper reported: {QUOTE}\n\n{_prose(13, 90)}",
        "unrelated.txt": _prose(14, 300),
    }
    for name, text in texts.items():
        (source / name).write_text(text, encoding="utf-8")
    result = run(source, tmp_path / "out", RunOptions(workers=1, dedup=DedupConfig(passages=True)))
    docs = {d["id"]: d for d in jsonl_lines(tmp_path / "out" / "documents.jsonl")}
    (passage,) = docs["roundup.txt"]["passages"]
    assert passage["other"] == "source.txt" and passage["words"] >= 60
    mine = docs["roundup.txt"]["text"][passage["start"] : passage["end"]]
    theirs = docs["source.txt"]["text"][passage["other_start"] : passage["other_end"]]
    assert mine == theirs and QUOTE.split()[0] in mine
    (back,) = docs["source.txt"]["passages"]
    assert back["other"] == "roundup.txt" and back["start"] == passage["other_start"]
    # sharing a passage is not being a duplicate: both stay canonical, in one story
    assert docs["roundup.txt"]["canonical"] and docs["source.txt"]["canonical"]
    assert docs["roundup.txt"]["story"] == docs["source.txt"]["story"] == "roundup.txt"
    assert docs["unrelated.txt"]["passages"] == []
    assert docs["unrelated.txt"]["story"] == "unrelated.txt"
    counts = result.report["passages"]
    assert (counts["pairs"], counts["passages"], counts["story_groups"]) == (1, 1, 1)


def test_a_block_many_stories_share_is_reported_once_not_as_passages():
    block = _prose(20, 50)
    config = DedupConfig(passages=True, max_passage_docs=3)
    docs = [Document(f"d{i}", f"{_prose(30 + i, 200)}\n\n{block}") for i in range(6)]
    result = process(docs, RunOptions(workers=1, dedup=config))
    assert all(d.passages == () for d in result.documents)
    (repeated,) = result.report["passages"]["repeated_blocks"]
    assert repeated["stories"] == 6
    assert block.split()[3] in repeated["text"]
    json.dumps(result.report)  # plain data


def test_without_passages_the_output_has_no_passage_fields(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text(f"{_prose(40, 100)}\n\n{QUOTE}", encoding="utf-8")
    (source / "b.txt").write_text(f"{QUOTE}\n\n{_prose(41, 100)}", encoding="utf-8")
    result = run(source, tmp_path / "out", RunOptions(workers=1))
    docs = jsonl_lines(tmp_path / "out" / "documents.jsonl")
    assert all("passages" not in d and "story" not in d for d in docs)
    assert "passages" not in result.report


def test_the_command_line_turns_passages_on(tmp_path):
    from cleancorpus.cli import main

    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text(f"{_prose(42, 100)}\n\n{QUOTE}", encoding="utf-8")
    (source / "b.txt").write_text(f"{QUOTE}\n\n{_prose(43, 100)}", encoding="utf-8")
    assert main(["run", str(source), str(tmp_path / "out"), "--passages", "--quiet"]) == 0
    docs = {d["id"]: d for d in jsonl_lines(tmp_path / "out" / "documents.jsonl")}
    assert docs["a.txt"]["passages"][0]["other"] == "b.txt"
