"""Shared passages: found between reports that quote one another, located, never merged."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleancorpus import DedupConfig, Document, RunOptions, process, run
from cleancorpus.dedup.fingerprint import text_shingle_hashes
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
    # learning (on by default) removes the block as the corpus' sign-off
    learned = process(docs, RunOptions(workers=1, dedup=config))
    assert all(block not in d.text and d.removals for d in learned.documents)
    assert learned.report["passages"]["repeated_blocks"] == []
    # without it, the block stays, and the passage stage reports it once
    result = process(docs, RunOptions(workers=1, dedup=config, learn=False))
    assert all(d.passages == () for d in result.documents)
    (repeated,) = result.report["passages"]["repeated_blocks"]
    assert repeated["stories"] == 6
    assert block.split()[3] in repeated["text"]
    json.dumps(result.report)  # plain data


def test_two_reports_sharing_a_quote_and_a_widespread_block_share_only_the_quote():
    block, quote = _prose(21, 50), _prose(22, 60)
    config = DedupConfig(max_passage_docs=3)
    docs = [Document(f"d{i}", f"{_prose(30 + i, 200)}\n\n{block}") for i in range(6)]
    docs[0] = Document("d0", f"{_prose(30, 200)}\n\n{quote}\n\n{_prose(37, 80)}\n\n{block}")
    docs[1] = Document("d1", f"{quote}\n\n{_prose(31, 200)}\n\n{block}")
    found = {d.id: d for d in process(docs, RunOptions(workers=1, dedup=config)).documents}
    (passage,) = found["d0"].passages
    assert found["d0"].text[passage.start : passage.end] == quote[:-1]  # the final stop is no word
    assert all(found[f"d{i}"].passages == () for i in range(2, 6))


def test_without_passages_the_output_has_no_passage_fields(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text(f"{_prose(40, 100)}\n\n{QUOTE}", encoding="utf-8")
    (source / "b.txt").write_text(f"{QUOTE}\n\n{_prose(41, 100)}", encoding="utf-8")
    options = RunOptions(workers=1, dedup=DedupConfig(passages=False))
    result = run(source, tmp_path / "out", options)
    docs = jsonl_lines(tmp_path / "out" / "documents.jsonl")
    assert all("passages" not in d and "story" not in d for d in docs)
    assert "passages" not in result.report


@pytest.mark.parametrize(
    ("flags", "found"), [([], True), (["--passages"], True), (["--no-passages"], False)]
)
def test_passages_are_on_by_default_and_the_command_line_turns_them_off(tmp_path, flags, found):
    from cleancorpus.cli import main

    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text(f"{_prose(42, 100)}\n\n{QUOTE}", encoding="utf-8")
    (source / "b.txt").write_text(f"{QUOTE}\n\n{_prose(43, 100)}", encoding="utf-8")
    assert main(["run", str(source), str(tmp_path / "out"), *flags, "--quiet"]) == 0
    docs = {d["id"]: d for d in jsonl_lines(tmp_path / "out" / "documents.jsonl")}
    if found:
        assert docs["a.txt"]["passages"][0]["other"] == "b.txt"
        assert docs["a.txt"]["story"] == docs["b.txt"]["story"] == "a.txt"
    else:
        assert "passages" not in docs["a.txt"] and "story" not in docs["a.txt"]


def test_an_overlapping_pair_is_one_story_without_passages(tmp_path):
    # an excerpt (a third of the text) inside another is an overlap (containment), already
    # linked by dedup; a longer one would be a copy with a part dropped (a duplicate)
    long_text, short_text = _prose(44, 300), _prose(44, 300)[:500]
    docs = [Document("long", long_text), Document("short", short_text)]
    result = process(docs, RunOptions(workers=1))
    found = {d.id: d for d in result.documents}
    assert [o for o, _ in found["short"].overlaps] == ["long"]
    assert found["short"].story == found["long"].story == "long"
    assert found["short"].passages == found["long"].passages == ()
    assert result.report["passages"]["overlap_links"] == 1


# --- properties -----------------------------------------------------------------------------


def _unique_words(prefix: str, n: int) -> list[str]:
    return [f"{prefix}{k}x" for k in range(n)]  # words no other text holds


def _placed(before: list[str], passage: list[str], after: list[str]) -> tuple[str, int, int]:
    """The text and the character span of ``passage`` in it."""
    head = " ".join(before) + (" " if before else "")
    body = " ".join(passage)
    return f"{head}{body} {' '.join(after)}".strip(), len(head), len(head) + len(body)


@settings(max_examples=80, deadline=None)
@given(
    st.integers(30, 120),
    st.integers(0, 200),
    st.integers(0, 200),
    st.integers(0, 200),
    st.integers(0, 200),
    st.one_of(st.none(), st.integers(5, 10**6)),
)
def test_an_inserted_passage_is_found_with_its_offsets_exactly_when_long_enough(
    k, before_a, after_a, before_b, after_b, edit
):
    passage = _unique_words("p", k)
    if edit is not None:  # the documented tolerance: a word replaced away from the ends
        changed = list(passage)
        changed[5 + edit % (k - 10)] = "replaced"
    else:
        changed = passage
    a, a_start, a_end = _placed(_unique_words("a", before_a), passage, _unique_words("c", after_a))
    b, b_start, b_end = _placed(_unique_words("b", before_b), changed, _unique_words("d", after_b))
    found = align(a, b, 40)
    if k < 40:
        assert found == []
    else:
        (span,) = found
        assert (span.start, span.end, span.other_start, span.other_end) == (
            a_start,
            a_end,
            b_start,
            b_end,
        )
        assert span.words == k
        assert span.score == (1.0 if edit is None else (k - 1) / k)  # all words but one


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**9), st.integers(25, 200))
def test_reports_built_from_other_sentences_of_one_topic_share_no_passage(seed, vocabulary):
    rng = random.Random(seed)
    topic = [f"t{k}" for k in range(vocabulary)]
    sentences = {tuple(rng.choice(topic) for _ in range(rng.randint(8, 16))) for _ in range(80)}
    ordered = sorted(sentences)
    rng.shuffle(ordered)
    a = ". ".join(" ".join(s) for s in ordered[:40])
    b = ". ".join(" ".join(s) for s in ordered[40:])
    assert align(a, b, 40) == []


def _edited(passage: list[str], kind: str, at: int) -> list[str]:
    """``passage`` with one light edit away from its ends: a word replaced, inserted or
    deleted (the benchmark's one edit per 50 words)."""
    at = 5 + at % (len(passage) - 10)
    if kind == "replace":
        return [*passage[:at], "replaced", *passage[at + 1 :]]
    if kind == "insert":
        return [*passage[:at], "inserted", *passage[at:]]
    return [*passage[:at], *passage[at + 1 :]]


def _anchors(a: str, b: str) -> int:
    """Sampled 5-grams (dedup's one in 8, the passage stage's anchors) the texts share."""
    sampled = [{h for h in text_shingle_hashes(t, 5).tolist() if h % 8 == 0} for t in (a, b)]
    return len(sampled[0] & sampled[1])


def _quoted_pair(
    salt: int, k: int, kind: str, at: int, own: tuple[int, int, int, int]
) -> tuple[list[Document], tuple[int, int, int, int], int]:
    """Two unrelated documents, ``a`` holding a passage of ``k`` words and ``b`` it edited
    once, with ``own`` words of their own around it; the passage's spans in both, and its
    length in ``b``."""
    passage = _unique_words(f"p{salt}q", k)
    quoted = _edited(passage, kind, at)
    before_a, after_a, before_b, after_b = own
    a, a_start, a_end = _placed(
        _unique_words(f"a{salt}q", before_a), passage, _unique_words(f"c{salt}q", after_a)
    )
    b, b_start, b_end = _placed(
        _unique_words(f"b{salt}q", before_b), quoted, _unique_words(f"d{salt}q", after_b)
    )
    return [Document("a", a), Document("b", b)], (a_start, a_end, b_start, b_end), len(quoted)


# Each document has at least 30 words of its own on each side, so the passage is under half
# of either (not a containment overlap, which links the pair without a passage) and the two
# signatures agree on about 10 values or more: a passage with one anchor is confirmed with
# probability above 0.999 (derandomized: the same examples on every run).
@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    st.integers(0, 10**6),
    st.integers(30, 59),
    st.sampled_from(["replace", "insert", "delete"]),
    st.integers(0, 10**6),
    st.tuples(*[st.integers(30, 70)] * 4),
)
def test_a_passage_of_40_to_59_words_is_found_through_its_anchors_once_long_enough(
    salt, k, kind, at, own
):
    docs, spans, length = _quoted_pair(salt, k, kind, at, own)
    found = {d.id: d for d in process(docs, RunOptions(workers=1)).documents}
    assert found["a"].overlaps == () and found["a"].canonical and found["b"].canonical
    if k < 40:
        assert found["a"].passages == found["b"].passages == ()
    elif _anchors(docs[0].text, docs[1].text):  # none: unnoticed, the documented limit
        (span,) = found["a"].passages
        assert (span.other, span.start, span.end, span.other_start, span.other_end) == (
            "b",
            *spans,
        )
        assert span.words == max(k, length)
        assert found["b"].story == found["a"].story == "a"


def test_a_passage_holding_a_single_anchor_is_confirmed_by_the_signatures():
    own = (80, 120, 150, 60)
    salt = next(s for s in range(1000) if _anchors(*_texts(s, own)) == 1)  # 1 in 10 or so
    docs, (a_start, a_end, b_start, b_end), _ = _quoted_pair(salt, 45, "replace", 9, own)
    found = {d.id: d for d in process(docs, RunOptions(workers=1)).documents}
    (span,) = found["a"].passages
    assert (span.start, span.end, span.other_start, span.other_end) == (
        a_start,
        a_end,
        b_start,
        b_end,
    )
    assert span.words == 45 and found["b"].passages[0].other == "a"


def _texts(salt: int, own: tuple[int, int, int, int]) -> tuple[str, str]:
    docs, _, _ = _quoted_pair(salt, 45, "replace", 9, own)
    return docs[0].text, docs[1].text


def test_passages_of_40_to_59_words_with_light_edits_are_found_in_longer_reports():
    rng = random.Random(12)
    docs, planted = [], []
    for n in range(150):
        own = (rng.randint(100, 350), rng.randint(0, 250), rng.randint(100, 350), 100)
        kind = rng.choice(["replace", "insert", "delete"])
        pair, spans, _ = _quoted_pair(n, rng.randint(40, 59), kind, rng.randrange(100), own)
        docs += [Document(f"a{n:03d}", pair[0].text), Document(f"b{n:03d}", pair[1].text)]
        planted.append(spans)
    found = {d.id: d for d in process(docs, RunOptions(workers=1)).documents}
    located = [
        [(p.other, p.start, p.end, p.other_start, p.other_end) for p in found[f"a{n:03d}"].passages]
        == [(f"b{n:03d}", *spans)]
        for n, spans in enumerate(planted)
    ]
    # those with no anchor at all (1.6% at 40 words) may be missed: 0.98 found here, where
    # anchors alone (two or more) found 0.96
    assert sum(located) >= 0.97 * len(planted)
    assert all(len(d.passages) <= 1 for d in found.values())  # and nothing else is found


def _quoting_corpus() -> list[Document]:
    quote = _prose(50, 70)
    return [
        Document("w1", f"{_prose(51, 150)}\n\n{quote}\n\n{_prose(52, 90)}"),
        Document("r1", f"{_prose(53, 120)}\n\nAs reported: “{quote}”"),
        Document("r2", f"{quote[:400]}\n\n{_prose(54, 200)}"),
        Document("x1", _prose(55, 250)),
        Document("x2", _prose(55, 250)),  # an exact copy of x1
    ]


def _passages(result) -> dict[str, tuple]:
    return {d.id: (d.story, d.passages) for d in result.documents}


@settings(max_examples=10, deadline=None)
@given(st.permutations(_quoting_corpus()))
def test_passages_and_stories_do_not_depend_on_input_order(docs):
    expected = _passages(process(_quoting_corpus(), RunOptions(workers=1)))
    assert _passages(process(list(docs), RunOptions(workers=1))) == expected
    assert expected["r1"][0] == expected["w1"][0] == expected["r2"][0] == "r1"


def test_passages_do_not_depend_on_the_worker_count():
    one = process(_quoting_corpus(), RunOptions(workers=1, chunk_size=1))
    two = process(_quoting_corpus(), RunOptions(workers=2, chunk_size=1))
    assert _passages(one) == _passages(two)
    assert one.report["passages"] == two.report["passages"]


def test_a_quote_of_a_copy_matched_against_the_index_is_linked_without_its_text(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "a.txt").write_text(f"{_prose(60, 120)}\n\n{QUOTE}", encoding="utf-8")
    (second / "b.txt").write_text(f"{_prose(60, 120)}\n\n{QUOTE}", encoding="utf-8")  # a's copy
    (second / "r.txt").write_text(f"{_prose(61, 150)}\n\n{QUOTE}", encoding="utf-8")
    options = RunOptions(workers=1, index=str(tmp_path / "index.sqlite"))
    run(first, tmp_path / "out1", options)
    run(second, tmp_path / "out2", options)
    docs = {d["id"]: d for d in jsonl_lines(tmp_path / "out2" / "documents.jsonl")}
    assert docs["b.txt"]["duplicate_of"] == "a.txt" and docs["b.txt"]["story"] == "a.txt"
    assert docs["r.txt"]["passages"] == [] and docs["r.txt"]["story"] == "r.txt"
