"""Properties every cleaning must keep, whatever the text."""

from __future__ import annotations

import os

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleancorpus import clean
from tests.strategies import body, comment_thread, footer

_WORDS = regex.compile(r"[\p{L}\p{N}\p{M}]+")  # words: runs of letters and digits
SETTINGS = settings(
    max_examples=int(os.environ.get("CLEAN_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Every character that is whitespace to Python's str or to regex's \s, the four information
# separators (\x1c-\x1f: whitespace to str only) and other controls included.
WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2028\u2029\u202f\u3000"
any_text = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from("ab [](#)*_<>\n\n  .:•©-http://x")),
    st.text(alphabet=st.sampled_from(f"ab-*#>.:{WHITESPACE}\x00\x07\x7f\x9f")),
    body(),
    st.builds(lambda b, f: f"{b}\n\n{f}", body(), footer()),
)


@SETTINGS
@given(any_text)
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean(text).text
    assert clean(once).text == once


_SEPARATORS = str.maketrans(dict.fromkeys("\x1c\x1d\x1e\x1f", " "))


@pytest.mark.parametrize("text", ["-", "-\x1f", "-\x1c\n", "\x1e-\x1d", "* \x1f", "x\x1f\n\n-\x1e"])
def test_information_separators_clean_as_spaces_do(text: str) -> None:
    once = clean(text).text
    assert clean(once).text == once
    assert once == clean(text.translate(_SEPARATORS)).text


def test_a_separator_between_words_is_kept_not_glued() -> None:
    assert clean("Lakeside\x1fWire reported floods.").text == "Lakeside\x1fWire reported floods."


@SETTINGS
@given(any_text)
def test_removals_are_slices_of_the_original_and_rebuild_it(text: str) -> None:
    result = clean(text)
    kept, cursor = [], 0
    for removal in result.removals:
        assert text[removal.start : removal.end] == removal.text
        assert removal.start >= cursor, "removals must be sorted and disjoint"
        kept.append(text[cursor : removal.start])
        cursor = removal.end
    kept.append(text[cursor:])
    assert "".join(kept) == result.text


@SETTINGS
@given(any_text)
def test_no_word_appears_that_the_input_lacks(text: str) -> None:
    assert set(_WORDS.findall(clean(text).text)) <= set(_WORDS.findall(text))


@SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    assert isinstance(clean(text).text, str)


@SETTINGS
@given(body())
def test_text_without_residue_passes_through_unchanged(text: str) -> None:
    """Prose that no rule recognises is never touched by titles, zones or thread detection."""
    result = clean(text)
    assert result.text == text
    assert result.removals == ()


@SETTINGS
@given(body(), footer())
def test_appended_footer_is_removed_and_body_survives(article: str, tail: str) -> None:
    assert clean(f"{article}\n\n{tail}\n").text == article


@SETTINGS
@given(body(), comment_thread())
def test_appended_comment_thread_is_removed_and_body_survives(article: str, thread: str) -> None:
    result = clean(f"{article}\n\n\n{thread}\n")
    assert result.text == article
    assert any(r.rule == "comments.thread" for r in result.removals)


@SETTINGS
@given(body(), footer(), comment_thread())
def test_footer_then_comments_are_both_removed(article: str, tail: str, thread: str) -> None:
    assert clean(f"{article}\n\n{tail}\n\n{thread}").text == article
