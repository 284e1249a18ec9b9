"""Comment threads: which lines mark a comment, and that article sentences are never one."""

from __future__ import annotations

import pytest

from cleancorpus import clean
from cleancorpus.cleaning.comments import _says_line

ARTICLE = (
    "Flood waters rose across the valley overnight, and hundreds of homes were evacuated as "
    "the river broke its banks in three places near the town centre."
)


@pytest.mark.parametrize(
    "line",
    [
        "jsmith says:",
        "pier_rat says:",
        "Mary Lee replied",
        "John Smith says",
        "ann says: May 3, 2017 at 9:14 am",
        "On 3 May 2017, Tom wrote:",
        "On Mon, Mar 3, 2017 at 10:15 AM, John Smith wrote:",
    ],
)
def test_a_commenter_and_a_verb_mark_a_comment(line: str) -> None:
    assert _says_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "The mayor said she was pleased with the response.",
        "Officials said the road would reopen Monday.",
        "Officials said: the road reopens on Monday",
        "A new study says city parks are getting busier at night.",
        "Instructor Sasha Brandt said the course covers three things:",
        "What the State Says",
        "On Wednesday, the PMU spokesperson, **Ahmed al-Assadi**, said",
    ],
)
def test_article_sentences_with_says_are_not_markers(line: str) -> None:
    assert not _says_line(line)


def test_short_paragraphs_that_quote_people_stay_in_the_article() -> None:
    text = (
        f"{ARTICLE}\n\nOfficials said the road would reopen Monday.\n\n"
        "The mayor said she was pleased with the response.\n"
    )
    result = clean(text)
    assert result.text == text.strip()
    assert {r.rule for r in result.removals} == {"whitespace"}  # the final newline


def test_a_wordpress_thread_goes_and_the_article_stays() -> None:
    thread = (
        "3 Comments\n\njsmith says:\n\nJune 4, 2019 at 9:12 am\n\n"
        "Great to see the council finally acting on this.\n\nReply\n\n"
        "pier_rat says:\n\nJune 4, 2019 at 11:40 am\n\nAbout time, too.\n\nReply\n"
    )
    result = clean(f"{ARTICLE}\n\nOfficials said the road would reopen Monday.\n\n{thread}")
    assert result.text == f"{ARTICLE}\n\nOfficials said the road would reopen Monday."
    assert any(r.rule.startswith("comments") for r in result.removals)
