"""The matching shortcuts give the answers of the plain definitions they replace.

``RuleTable`` must pick the rule a plain loop over ``Rule.matches`` picks, ``WordCap`` must
count as ``words`` does, and the control-character search must find the runs the ``regex``
engine finds.
"""

from __future__ import annotations

import os

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleancorpus.cleaning.controls import _CONTROLS, ControlCleaner
from cleancorpus.cleaning.lines import WordCap, line_size, words
from cleancorpus.cleaning.rules import DEFAULT_RULES, Rule
from cleancorpus.cleaning.table import RuleTable
from tests.strategies import paragraph

SETTINGS = settings(
    max_examples=int(os.environ.get("CLEAN_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
ZONES = ("header", "footer", "anywhere")
EXAMPLES = tuple(example for rule in DEFAULT_RULES for example in rule.examples)


def first_rule(rules: tuple[Rule, ...], line: str) -> Rule | None:
    """The definition: the first rule, in order, that applies to ``line`` on its own."""
    return next((rule for rule in rules if rule.matches(line)), None)


def table_rule(table: RuleTable, line: str) -> Rule | None:
    content = line.strip()
    found = table.match(content, line_size(content))
    return None if found is None else found[0]


# Lines the rules know, as they are and changed (case, words around them, repeated to be long),
# prose of every length, and text of the characters cues and patterns are made of.
_edited_example = st.builds(
    lambda example, before, after, times, upper: (
        " ".join([before, *[example] * times, after]).upper()
        if upper
        else " ".join([before, *[example] * times, after])
    ),
    st.sampled_from(EXAMPLES),
    st.sampled_from(["", "Note", "the", "1.", "**", "Photo:"]),
    st.sampled_from(["", "today", "here.", "(AP)", "|"]),
    st.integers(1, 12),
    st.booleans(),
)
lines = st.one_of(
    st.sampled_from(EXAMPLES),
    _edited_example,
    paragraph(),
    st.lists(paragraph(), min_size=1, max_size=8).map(" ".join),
    st.text(alphabet=st.sampled_from("aeiorstdnp :|-©.,'’ßİ\u0301"), max_size=120),
    st.text(max_size=60),
)


@pytest.mark.parametrize("zone", ZONES)
def test_every_example_meets_its_own_rule_in_the_table_or_an_earlier_one(zone):
    rules = tuple(r for r in DEFAULT_RULES if r.where == zone)
    table = RuleTable(rules)
    for rule in rules:
        for example in rule.examples:
            found = table_rule(table, example)
            assert found is not None and rules.index(found) <= rules.index(rule), example


@SETTINGS
@given(line=lines, zone=st.sampled_from(ZONES))
def test_the_table_picks_the_rule_a_plain_loop_picks(line, zone):
    rules = tuple(r for r in DEFAULT_RULES if r.where == zone)
    table = RuleTable(rules)
    assert table_rule(table, line) is first_rule(rules, line)
    assert table_rule(table, line) is first_rule(rules, line)  # the memo answers the same


_made_up_rule = st.builds(
    lambda index, pattern, limit, cues, contains: Rule(
        f"test.rule{index}", pattern, "anywhere", max_words=limit, cues=cues, contains=contains
    ),
    st.integers(0, 99),
    st.sampled_from([r"a.*", r".*b", r"(?i)a\s+b.*", r"\w+", r"[ab ]{1,30}", r".*c c.*"]),
    st.one_of(st.none(), st.integers(1, 12)),
    st.lists(st.sampled_from(["a", "b", "ab", "c c", "ss"]), max_size=3).map(tuple),
    st.booleans(),
)


@SETTINGS
@given(
    rules=st.lists(_made_up_rule, min_size=0, max_size=8).map(tuple),
    texts=st.lists(st.text(alphabet=st.sampled_from("abcABß \t"), max_size=40), max_size=12),
)
def test_any_rules_sizes_and_cues_give_the_plain_loops_answer(rules, texts):
    """Size limits on both sides of a line's size, cues or none, lines repeated (the memo)."""
    table = RuleTable(rules)
    assert table.rules == rules
    for text in texts + texts:
        assert table_rule(table, text) is first_rule(rules, text)


@SETTINGS
@given(size=st.integers(1, 200))
def test_a_line_meets_exactly_the_rules_that_take_its_size(size):
    table = RuleTable(DEFAULT_RULES)
    expected = tuple(r for r in DEFAULT_RULES if r.max_words is None or size <= r.max_words)
    assert table.rules_for(size) == expected


def test_a_small_memo_forgets_and_still_answers():
    rules = tuple(r for r in DEFAULT_RULES if r.where == "footer")
    table = RuleTable(rules)
    table.MEMO_SIZE = 3
    for line in [*EXAMPLES[:20], *EXAMPLES[:20]]:
        assert table_rule(table, line) is first_rule(rules, line)


_word_text = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=st.sampled_from("ab1 .-'’,/é٣\u0301\u200b\t_~\x00"), max_size=80),
    st.text(alphabet=st.sampled_from("aZ9 .-',/_"), max_size=80),
    paragraph(),
)


@SETTINGS
@given(text=_word_text, limit=st.integers(0, 15))
def test_word_cap_counts_as_words_does(text, limit):
    assert WordCap(limit).exceeded(text) == (len(words(text)) > limit)


def test_word_cap_refuses_a_negative_limit():
    with pytest.raises(ValueError, match="zero or more"):
        WordCap(-1)


_REGEX_CONTROLS = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]+")


@SETTINGS
@given(
    st.one_of(
        st.text(),
        st.text(alphabet=st.characters(max_codepoint=0xA0)),
        st.text(alphabet=st.sampled_from("a \n\x00\x07\x1c\x1f\x7f\x84\x85\x86\x9f\xa0\U0002ebf0")),
    )
)
def test_control_runs_are_those_the_regex_engine_finds(text):
    assert [m.span() for m in _CONTROLS.finditer(text)] == [
        m.span() for m in _REGEX_CONTROLS.finditer(text)
    ]
    spans, _ = ControlCleaner()(text)
    assert {(s.start, s.end) for s in spans} <= {m.span() for m in _REGEX_CONTROLS.finditer(text)}
