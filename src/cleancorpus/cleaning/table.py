"""A table of line rules tried in order: the first rule that matches a line wins.

A table answers exactly as trying each rule in turn with :meth:`Rule.matches` would (zones
aside), but cheaply for the lines most documents are made of, long paragraphs of prose:

- rules are grouped by ``max_words`` ahead of time, so a line meets only the rules that take
  a line of its size, still in their order (a paragraph of 80 words skips the 40-word rules
  without looking at them);
- a line's casefolded text is computed once, for all the rules' ``cues``;
- a memo of recent lines answers repeated ones (boilerplate repeats across a site's documents);
  it is bounded and belongs to the table alone.

Everything is derived from the rules' own fields, so a new rule needs nothing here.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from typing import Optional

import regex

from .rules import Rule

Match = tuple[Rule, "regex.Match[str]"]
_Matcher = Callable[[str], Optional["regex.Match[str]"]]
_Entry = tuple[Rule, _Matcher, tuple[str, ...]]


class RuleTable:
    """Rules tried in order on a stripped line; see the module docstring."""

    MEMO_SIZE = 20_000

    def __init__(self, rules: Iterable[Rule]) -> None:
        entries: list[_Entry] = [(rule, _matcher(rule), rule.cues) for rule in rules]
        self.rules = tuple(rule for rule, _, _ in entries)
        # the distinct finite limits, ascending; a line of size s meets the rules whose limit
        # is None or at least s, that is at least the first limit >= s
        self._limits = sorted({r.max_words for r in self.rules if r.max_words is not None})
        bounds: list[int | None] = [*self._limits, None]
        self._buckets = tuple(
            tuple(e for e in entries if _takes(e[0].max_words, bound)) for bound in bounds
        )
        self._memo: dict[str, Match | None] = {}

    def rules_for(self, size: int) -> tuple[Rule, ...]:
        """The rules, in order, that a line of ``size`` words (``line_size``) may meet."""
        return tuple(rule for rule, _, _ in self._buckets[bisect_left(self._limits, size)])

    def match(self, content: str, size: int) -> Match | None:
        """The first rule that matches ``content`` (a stripped line of ``size`` words, as
        ``line_size`` counts them)."""
        bucket = self._buckets[bisect_left(self._limits, size)]
        if not bucket:
            return None  # longer than any rule here takes: an article paragraph
        memo = self._memo
        if content in memo:
            return memo[content]
        folded: str | None = None
        result: Match | None = None
        for rule, matcher, cues in bucket:
            if cues:
                if folded is None:
                    folded = content.casefold()
                for cue in cues:
                    if cue in folded:
                        break
                else:
                    continue
            found = matcher(content)
            if found:
                result = (rule, found)
                break
        if len(memo) >= self.MEMO_SIZE:
            memo.clear()
        memo[content] = result
        return result


def _matcher(rule: Rule) -> _Matcher:
    pattern = regex.compile(rule.pattern)
    return pattern.search if rule.contains else pattern.fullmatch


def _takes(limit: int | None, bound: int | None) -> bool:
    """Whether a rule of ``max_words`` ``limit`` takes every line up to ``bound`` words (None:
    lines longer than every finite limit)."""
    if limit is None:
        return True
    return bound is not None and limit >= bound
