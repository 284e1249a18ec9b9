"""Families: documents with no site key that share a long learned line learn their short
template lines together, and those lines go only from documents of the family."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from cleancorpus import LearnedBoilerplate, TextCleaner
from cleancorpus.learning.boilerplate import FAMILY, learn_boilerplate, line_key

from .test_learned import story

APPEAL = (
    "Every page of the Chronicle is paid for by the people who read it; a lantern costs "
    "five pounds a month and keeps one reporter on the road."
)
HEADING = "Keep the lamps lit"  # four words: short, so never learned from its count alone


def family_docs(n: int, start: int = 0) -> list[tuple[str, str, str]]:
    return [
        (f"f{i:02d}.md", "", f"{story(i)}\n\n{HEADING}\n\n{APPEAL}")
        for i in range(start, start + n)
    ]


def other_docs(n: int) -> list[tuple[str, str, str]]:
    return [(f"o{i:02d}.md", "", story(500 + i)) for i in range(n)]


def clean_view(text: str):
    return TextCleaner().clean(text)


def test_a_short_line_of_a_family_is_learned_for_the_family_only() -> None:
    learned = learn_boilerplate(family_docs(4) + other_docs(12))  # 4 of 16: no corpus share
    corpus = {b.key for b in learned.blocks if b.site == ""}
    family = {b.key for b in learned.blocks if b.site.startswith(FAMILY)}
    assert corpus == {line_key(APPEAL)}
    assert family == {line_key(HEADING)}
    member = f"{story(99)}\n\n{HEADING}\n\n{APPEAL}"
    assert learned.apply(clean_view(member), "").text == story(99)
    outsider = f"{story(98)}\n\n{HEADING}"  # the heading without the family's line stays
    assert learned.apply(clean_view(outsider), "").text == outsider
    # a document with a site key is its site's business, not a family's
    assert learned.apply(clean_view(member), "example.org").text == f"{story(99)}\n\n{HEADING}"


def test_a_family_line_needs_the_share_of_the_family() -> None:
    docs = family_docs(6)
    docs = [
        (i, s, t.replace(f"{HEADING}\n\n", "")) if n >= 2 else (i, s, t)
        for n, (i, s, t) in enumerate(docs)
    ]  # the heading on 2 of 6
    learned = learn_boilerplate(docs + other_docs(12))
    assert not [b for b in learned.blocks if b.site.startswith(FAMILY)]


def test_family_blocks_save_and_load(tmp_path) -> None:
    learned = learn_boilerplate(family_docs(4) + other_docs(12))
    path = tmp_path / "learned.json"
    learned.save(path)
    again = LearnedBoilerplate.load(path)
    assert again.blocks == learned.blocks
    member = f"{story(97)}\n\n{HEADING}\n\n{APPEAL}"
    assert again.apply(clean_view(member), "").text == story(97)
    assert "family of the documents holding line" in again.describe()


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**31))
def test_families_do_not_depend_on_document_order(seed: int) -> None:
    docs = family_docs(4) + other_docs(8)
    shuffled = list(docs)
    random.Random(seed).shuffle(shuffled)
    assert learn_boilerplate(shuffled).blocks == learn_boilerplate(docs).blocks


def test_a_family_touches_only_its_members() -> None:
    from cleancorpus.learning.boilerplate import profile_document

    learned = learn_boilerplate(family_docs(4) + other_docs(12))
    member = profile_document("m.md", "", f"{story(90)}\n\n{HEADING}\n\n{APPEAL}")
    outsider = profile_document("x.md", "", f"{story(91)}\n\n{HEADING}")
    assert learned.touches(member) and not learned.touches(outsider)
