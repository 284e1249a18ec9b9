"""Learned boilerplate: evidence rules, copies counted once, edge runs, offsets, persistence."""

from __future__ import annotations

import dataclasses
import json
import pickle
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleancorpus import ConfigError, InputError, LearnConfig, LearnedBoilerplate, clean
from cleancorpus.learning.boilerplate import (
    learn_boilerplate,
    line_key,
    profile_document,
    site_key,
)

from .strategies import sentence

_SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "pe", "da", "gu", "fi", "zo", "he")


def story(seed: int, paragraphs: int = 3) -> str:
    """A random article body: ``paragraphs`` prose paragraphs drawn from a private vocabulary."""
    rnd = random.Random(seed)
    out = []
    for _ in range(paragraphs):
        words = [
            "".join(rnd.choice(_SYLLABLES) for _ in range(rnd.randint(2, 4)))
            for _ in range(rnd.randint(14, 30))
        ]
        out.append(" ".join(words).capitalize() + ".")
    return "\n\n".join(out)


def keys(learned: LearnedBoilerplate, site: str) -> set[str]:
    return {b.key for b in learned.blocks if b.site == site}


def check_offsets(result) -> None:
    kept, cursor = [], 0
    for r in result.removals:
        assert result.original[r.start : r.end] == r.text
        assert r.start >= cursor
        kept.append(result.original[cursor : r.start])
        cursor = r.end
    kept.append(result.original[cursor:])
    assert "".join(kept) == result.text


# -- properties -------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    seeds=st.lists(st.integers(0, 2**31), min_size=8, max_size=8, unique=True),
    block=sentence(),
    k=st.integers(1, 6),
    extra=st.integers(0, 2),
    min_documents=st.integers(2, 5),
)
def test_block_learned_once_k_reaches_the_minimum(seeds, block, k, extra, min_documents):
    """A long line (six words or more) on k documents with NO site key is learned
    corpus-wide exactly when k reaches min_documents, whatever its share."""
    config = LearnConfig(min_documents=min_documents, min_fraction=1.0)
    bodies = [story(seed) for seed in seeds[: k + extra]]
    texts = [b + "\n\n" + block if i < k else b for i, b in enumerate(bodies)]
    docs = [(f"{i:02d}.md", "", t) for i, t in enumerate(texts)]
    learned = learn_boilerplate(docs, config)
    assert (line_key(block) in keys(learned, "")) == (k >= min_documents)
    assert keys(learned, "") <= {line_key(block)}  # random bodies teach nothing
    for (doc_id, site, text), body in zip(docs, bodies, strict=True):
        result = learned.apply(clean_view(text), site)
        check_offsets(result)
        assert result.text == (body if k >= min_documents else text), doc_id


@settings(max_examples=40, deadline=None)
@given(
    seeds=st.lists(st.integers(0, 2**31), min_size=10, max_size=10, unique=True),
    k=st.integers(1, 10),
    n=st.integers(3, 10),
    site=st.sampled_from(["", "fen"]),
)
def test_short_line_needs_the_share_of_its_scope(seeds, k, n, site):
    """A short line ("Share this", a section label) is learned only when it is on
    min_documents groups and on min_fraction of its scope: a site, or the whole corpus."""
    k = min(k, n)
    line = "Fen notes"
    docs = [
        (f"{i:02d}.md", site, story(seed) + ("\n\n" + line if i < k else ""))
        for i, seed in enumerate(seeds[:n])
    ]
    learned = learn_boilerplate(docs)
    expected = k >= 3 and k >= 0.5 * n
    assert (line_key(line) in {b.key for b in learned.blocks}) == expected
    assert all(b.site == "" for b in learned.blocks)  # the corpus is the site here


@settings(max_examples=40, deadline=None)
@given(
    seeds=st.lists(st.integers(0, 2**31), min_size=3, max_size=3, unique=True),
    heading=st.sampled_from(["Background", "Conclusion", "What comes next", "Ingredients"]),
    first=st.lists(sentence(), min_size=3, max_size=3, unique=True),
    last=st.booleans(),
)
def test_three_unrelated_documents_lose_no_body_line(seeds, heading, first, last):
    """A small corpus: three unrelated stories that share a short subheading near an edge
    (under their first sentence, or over their last paragraph) keep every line."""
    texts = []
    for seed, opening in zip(seeds, first, strict=True):
        body = story(seed).split("\n\n")
        middle = [*body[:-1], heading, body[-1]] if last else [heading, *body]
        texts.append("\n\n".join([opening, *middle]))
    docs = [(f"{i}.md", "", t) for i, t in enumerate(texts)]
    learned = learn_boilerplate(docs)
    for _, site, text in docs:
        assert learned.apply(clean_view(text), site).text == text


def clean_view(text: str):
    """A ``Cleaned`` with no removals, as if the rules had found nothing."""
    from cleancorpus.records import Cleaned

    return Cleaned(text, text, {}, ())


@settings(max_examples=40, deadline=None)
@given(
    seeds=st.lists(st.integers(0, 2**31), min_size=7, max_size=7, unique=True),
    copies=st.integers(2, 6),
    others=st.integers(0, 4),
    wrappers=st.lists(st.tuples(sentence(), sentence()), min_size=6, max_size=6),
    footer=st.booleans(),
)
def test_paragraphs_shared_by_copies_are_never_learned(seeds, copies, others, wrappers, footer):
    shared = story(seeds[0], paragraphs=4)
    site_footer = "\n\nThe lamp room keeps the lights on. Leave a coin by the door."
    texts = [
        f"{top}\n\n{shared}\n\n{bottom}" + (site_footer if footer else "")
        for top, bottom in wrappers[:copies]
    ]
    texts += [story(seed) + (site_footer if footer else "") for seed in seeds[1 : 1 + others]]
    docs = [(f"{i:02d}.md", "", t) for i, t in enumerate(texts)]  # no site key
    learned = learn_boilerplate(docs, LearnConfig(min_documents=2, min_fraction=0.01))
    body_keys = {line_key(p) for p in shared.split("\n\n")}
    assert not keys(learned, "") & body_keys
    footer_learned = line_key(site_footer.strip()) in keys(learned, "")
    assert footer_learned == (footer and 1 + others >= 2)


# -- examples ---------------------------------------------------------------------------------


def site_docs(site: str, n: int, top: str = "", bottom: str = "") -> list[tuple[str, str, str]]:
    docs = []
    for i in range(n):
        text = "\n\n".join(p for p in (top, story(1000 * len(site) + i), bottom) if p)
        docs.append((f"{site}/{i}.md", site, text))
    return docs


APPEAL = "The Porchlight Fund pays for this page. Five pounds keeps a reporter out for a day."
KICKER = "Fenwick Post | the valley, every weekday"


SHORT = "Fen notes"  # fewer than five words: needs the share of a site


def test_min_fraction_counts_groups_of_the_site():
    docs = site_docs("fen", 3, bottom=SHORT) + site_docs("fen-extra", 5)
    docs = [(i, "fen", t) for i, _, t in docs] + site_docs("other", 8)
    assert not learn_boilerplate(docs, LearnConfig(min_fraction=0.5)).blocks
    learned = learn_boilerplate(docs, LearnConfig(min_fraction=0.3))
    (block,) = learned.blocks  # 3 of fen's 8 groups, but only 3 of the corpus' 16
    assert (block.site, block.groups, block.documents, block.site_groups) == ("fen", 3, 3, 8)
    assert block.example_ids == ("fen/0.md", "fen/1.md", "fen/2.md")
    assert block.example_id == "fen/0.md" and block.example == SHORT
    assert block.id.startswith("learned:fen:") and len(block.id.split(":")[2]) == 8


def test_long_lines_are_learned_over_the_corpus_whatever_the_site():
    docs = site_docs("aa", 1, bottom=APPEAL) + site_docs("bbb", 1, bottom=APPEAL)
    docs += [(f"{i}.md", "", story(50 + i) + "\n\n" + APPEAL) for i in range(2)]
    docs += site_docs("cc", 6)
    learned = learn_boilerplate(docs)
    (block,) = learned.blocks
    assert (block.site, block.groups, block.site_groups) == ("", 4, 10)
    assert block.id.startswith("learned:corpus:")
    for site in ("aa", "zz", ""):
        assert learned.apply(clean_view(f"{story(3)}\n\n{APPEAL}"), site).text == story(3)


def test_removes_runs_at_both_edges_only():
    docs = site_docs("fp", 4, top=KICKER, bottom=APPEAL)
    learned = learn_boilerplate(docs)
    assert keys(learned, "") == {line_key(KICKER), line_key(APPEAL)}
    body = story(7)
    inside = f"{KICKER}\n\n{body}\n\n{APPEAL}\n\nA last line of prose that ends the story.\n"
    result = learned.apply(clean_view(inside), "fp")
    check_offsets(result)
    assert result.text == f"{body}\n\n{APPEAL}\n\nA last line of prose that ends the story.\n"
    assert {r.rule for r in result.removals} == {
        b.id for b in learned.blocks if "Fenwick" in b.example
    }


def test_site_lines_apply_to_their_site_only():
    docs = site_docs("fp", 4, top=SHORT) + site_docs("qqq", 5)  # 4 of 9: not corpus-wide
    learned = learn_boilerplate(docs)
    assert keys(learned, "fp") == {line_key(SHORT)} and not keys(learned, "")
    text = f"{SHORT}\n\n{story(8)}"
    assert learned.apply(clean_view(text), "fp").text == story(8)
    assert learned.apply(clean_view(text), "qqq").text == text
    assert learned.apply(clean_view(text), "").text == text


def test_list_items_under_a_learned_heading_go_with_it():
    heading = "Elsewhere in the Post"
    items = ["weir", "ferry", "mill", "orchard"]
    docs = [
        (i, s, f"{t}\n\n{heading}\n\n- The {item} reopens\n- Letters on the {item}")
        for item, (i, s, t) in zip(items, site_docs("fp", 4, bottom=APPEAL), strict=True)
    ]
    learned = learn_boilerplate(docs)
    result = learned.apply(clean_view(docs[0][2]), "fp")
    assert result.text == story(1000 * 2 + 0)
    rules = [r.rule for r in result.removals]
    assert "learned:fp:enclosed" in rules
    assert keys(learned, "") == {line_key(heading), line_key(APPEAL)}  # one site: the corpus


def test_a_long_list_item_shared_by_stories_of_many_sites_is_not_learned():
    item = "- a pinch of salt and a little pepper"  # recipes share it word for word
    docs = [(f"{i}.md", "", f"{story(70 + i)}\n\nIngredients\n\n{item}") for i in range(3)]
    docs += [(f"x{i}.md", "", story(90 + i)) for i in range(5)]  # 3 of 8: under the share
    learned = learn_boilerplate(docs)
    assert line_key(item) not in keys(learned, "")
    prose = "A sentence of prose that three stories end with, word for word."
    docs = [(i, s, f"{t}\n\n{prose}") for i, s, t in docs[:3]] + docs[3:]
    assert line_key(prose) in keys(learn_boilerplate(docs), "")


def test_sentence_after_a_learned_box_is_kept():
    docs = site_docs("fp", 4, bottom=APPEAL)
    learned = learn_boilerplate(docs)
    text = f"{story(5)}\n\n{APPEAL}\n\nThe hearing resumes on Monday."
    assert learned.apply(clean_view(text), "fp").text == text


def test_apply_maps_offsets_through_rule_removals():
    docs = [
        (i, s, clean(f"# A headline {n}\n\nBy Jo Marsh\n\n{t}").text)
        for n, (i, s, t) in enumerate(site_docs("fp", 4, bottom=APPEAL))
    ]
    learned = learn_boilerplate(docs)
    original = f"# Another headline\n\nBy Jo Marsh\n\n{story(9)}\n\n{APPEAL}\n"
    ruled = clean(original)
    result = learned.apply(ruled, "fp")
    check_offsets(result)
    assert result.text == story(9)
    assert any(r.rule.startswith("learned:corpus:") and APPEAL in r.text for r in result.removals)
    assert learned.cleaner("fp")(ruled.text)[0]  # the cleaner protocol sees the same run


def test_order_of_documents_does_not_matter():
    docs = site_docs("fp", 5, top=KICKER, bottom=APPEAL) + site_docs("qq", 3, bottom=APPEAL)
    a = learn_boilerplate(docs).to_json()
    b = learn_boilerplate(list(reversed(docs))).to_json()
    assert a == b


def test_save_load_round_trip(tmp_path):
    learned = learn_boilerplate(site_docs("fp", 4, top=KICKER, bottom=APPEAL))
    path = tmp_path / "learned.json"
    learned.save(path)
    loaded = LearnedBoilerplate.load(path)
    assert loaded == learned
    text = f"{KICKER}\n\n{story(3)}\n\n{APPEAL}"
    assert loaded.apply(clean_view(text), "fp") == learned.apply(clean_view(text), "fp")
    assert [p.name for p in tmp_path.iterdir()] == ["learned.json"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "not a JSON file"),
        ('{"format": "other"}', "not a file of learned blocks"),
        ('{"format": "cleancorpus-learned-boilerplate", "version": 9}', "version 9"),
        (
            '{"format": "cleancorpus-learned-boilerplate", "version": 1, "blocks": []}',
            "version 1",
        ),
        (
            '{"format": "cleancorpus-learned-boilerplate", "version": 2, "config": '
            '{"min_documents": 1}, "blocks": []}',
            "min_documents",
        ),
    ],
)
def test_load_rejects_malformed_files(tmp_path, content, problem):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as info:
        LearnedBoilerplate.load(path)
    assert str(path) in str(info.value)


def test_load_rejects_edited_blocks(tmp_path):
    data = learn_boilerplate(site_docs("fp", 4, bottom=APPEAL)).to_json()
    data["blocks"][0]["key"] = "something else"
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match="does not match"):
        LearnedBoilerplate.load(path)
    with pytest.raises(InputError, match="cannot read"):
        LearnedBoilerplate.load(tmp_path / "missing.json")


def test_describe_lists_evidence():
    learned = learn_boilerplate(site_docs("fp", 6, bottom=APPEAL) + site_docs("qqq", 4, top=SHORT))
    report = learned.describe()
    assert "corpus-wide: 1 learned lines" in report and "site 'qqq': 1 learned lines" in report
    assert (
        "in 6/10 groups (6 documents; e.g. fp/0.md, fp/1.md, fp/2.md, fp/3.md, fp/4.md)" in report
    )
    assert "in 4/4 groups (4 documents; e.g. qqq/0.md" in report
    assert learn_boilerplate([]).describe() == "no boilerplate learned"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"min_documents": 1}, "min_documents must be a whole number >= 2"),
        ({"min_fraction": 0}, r"min_fraction must be a number in \(0, 1\]"),
        ({"min_fraction": 1.5}, "min_fraction"),
        ({"head_lines": -1}, "head_lines"),
        ({"head_lines": 0, "foot_lines": 0}, "no zone to learn"),
        ({"max_enclosed": True}, "max_enclosed"),
        ({"copy_similarity": 2}, "copy_similarity"),
        ({"long_words": 0}, "long_words"),
    ],
)
def test_config_checks(kwargs, message):
    with pytest.raises(ConfigError, match=message):
        LearnConfig(**kwargs)


def test_line_key_and_site_key():
    assert line_key("  © 2021  [Kestrel](https://k.example)  ") == line_key("© 2022 kestrel")
    assert line_key("Page 3") != line_key("Page")
    assert site_key("a/b.md", {"site": "  Harbor   Ledger "}) == "harbor ledger"
    assert site_key("a/b.md", {"url": "https://www.Example.org/x"}) == "example.org"
    url_first = {"url": "https://news.example.org/x", "site": "Updated"}
    assert site_key("a/b.md", url_first) == "news.example.org"
    assert site_key("siteA/story1.md", {}) == "siteA"
    assert site_key("story1.md") == ""


def test_profiles_survive_the_trip_to_the_main_process():
    text = "Header line here\n\nThe body of the story goes on for a while.\n\nFooter © 2024"
    profile = profile_document("site/a.md", "site", text, LearnConfig())
    for original in (profile, dataclasses.replace(profile, shingles=None, lines=())):
        back = pickle.loads(pickle.dumps(original))
        assert (back.id, back.site, back.lines) == (original.id, original.site, original.lines)
        for name in ("keys", "words", "core", "shingles"):
            mine, theirs = getattr(original, name), getattr(back, name)
            assert (mine is None and theirs is None) or (
                mine.dtype == theirs.dtype and mine.tolist() == theirs.tolist()
            )
    assert len(profile.keys) == 3 and profile.shingles is not None
