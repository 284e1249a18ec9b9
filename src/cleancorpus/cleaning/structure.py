"""The structure cleaner: header zone, body, footer zone and comment thread, line by line.

A document is read as ``[header] body [footer] [comments]``:

- the header zone is the run of lines from the top that are the title or match a rule
  (byline, dateline, tags, widgets); its facts become metadata;
- the comment thread, if any, runs from its first marker to the end (see ``comments``);
- the footer zone is the run of lines before the thread that match rules, read upwards from
  the end; an unknown line enclosed between footer lines goes with them (``footer.enclosed``);
- a footer section opener ("Related posts", "About the author") takes the short lines after
  it, in the body or at the end, where the footer zone goes on above it; a comment opener
  ("12 Comments", "Leave a Reply") starts the thread;
- in the body, only ``anywhere`` rules apply (captions, share widgets).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import regex

from .comments import thread_start
from .facts import is_site_name, merge_facts, plain
from .lines import (
    LIST_ITEM,
    Line,
    WordCap,
    ends_sentence,
    is_title_like,
    line_size,
    split_lines,
    words,
)
from .rules import Rule
from .table import Match, RuleTable
from .textview import Span

_BYLINE_RULES = frozenset({"header.byline", "header.dateline", "header.date"})
# rules for lines a comment thread is made of: evidence of a thread, not other residue
_THREAD_ROWS = frozenset({"widget.action_row"})
_MAX_TITLE_LINES = 5  # masthead, title, dek, author name, a label
_MAX_ENCLOSED = 2  # unknown lines in a row that may sit between two footer lines
_SHORT_TRAILER_WORDS = 20  # an unknown last line this short may follow footer lines
_ENCLOSED_WORDS = 40  # an unknown line between footer lines is no longer than this
_SHORT_LINE_WORDS = 25
_SECTION_LINE_WORDS = WordCap(40)  # a line of a section's list is no longer than this
_SECTION_SENTENCE_WORDS = WordCap(12)  # nor this, if it ends like a sentence
_MAX_SECTION_LINES = 15
_MAX_BIO_LINES = 2
_BIO_WORDS = WordCap(80)  # a bio paragraph under "About the author" is no longer than this
_HEADING = regex.compile(r"#{1,6}\s+.+|\*\*[^*]+\*\*|__[^_]+__")
_TAGLINE = regex.compile(r"(?P<name>[^:—–|~]{2,60}?)\s*(?:[:—–|~]|\s-)\s+\p{Ll}.{2,120}")
_TOP_HEADING = regex.compile(r"#\s+\S")  # a markdown page's level-1 heading: its headline


class StructureCleaner:
    """Removes header, footer and comment residue by rules and document structure."""

    name = "structure"
    #: the rules of its own, besides the line rules it is given (and their sections)
    OWN_RULES = (
        "header.title",
        "header.subtitle",
        "header.masthead",
        "footer.enclosed",
        "comments.thread",
    )

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.emits = self.rule_names(rules)
        self._header = RuleTable(r for r in rules if r.where == "header")
        self._footer = RuleTable(r for r in rules if r.where == "footer")
        self._openers = RuleTable(r for r in rules if r.opens)  # looked for on every body line
        self._anywhere = RuleTable(r for r in rules if r.where == "anywhere")

    @classmethod
    def rule_names(cls, rules: Iterable[Rule]) -> frozenset[str]:
        """Every rule name this cleaner can give a span when it runs ``rules``."""
        given = tuple(rules)
        sections = {section_name(r) for r in given if r.opens in ("footer", "bio")}
        return frozenset({*cls.OWN_RULES, *(r.name for r in given), *sections})

    def __call__(self, text: str) -> tuple[list[Span], dict[str, Any]]:
        lines = split_lines(text)
        metadata: dict[str, Any] = {}
        spans: list[Span] = []
        body_from = self._header_zone(lines, spans, metadata)
        end = len(lines)
        thread = thread_start(lines, body_from, self._is_residue)
        opener = self._first_opener(lines, body_from, "comments")
        if opener is not None and (
            thread is None
            or (
                opener < thread or thread_start(lines[:opener], body_from, self._is_residue) is None
            )
        ):
            thread = opener  # comments above their heading must be a thread on their own
        if thread is not None:
            spans.append(Span("comments.thread", lines[thread].start, len(text)))
            end = thread
        body_to = self._footer_zone(lines, body_from, end, spans, metadata)
        self._body(lines, body_from, body_to, spans, metadata)
        return spans, metadata

    # -- matching -------------------------------------------------------------------------

    def _is_residue(self, content: str) -> bool:
        """Whether a line is residue of another kind than a comment thread's own lines."""
        for table in (self._footer, self._anywhere):
            match = table.match(content, line_size(content))
            if match:
                return match[0].name not in _THREAD_ROWS
        return False

    def _edge_match(self, line: Line, first: RuleTable) -> Match | None:
        """A rule match for a line in an edge zone: the zone's own rules first, then the rest."""
        content, size = line.content, line.size
        cell = _single_cell(content)
        if cell:  # a layout table's one cell ("| Share · Print |"): the rules read its text
            content, size = cell, line_size(cell)
        if size > _SHORT_LINE_WORDS and first is self._header:
            return self._header.match(content, size) or self._anywhere.match(content, size)
        others = self._footer if first is self._header else self._header
        return (
            first.match(content, size)
            or self._anywhere.match(content, size)
            or others.match(content, size)
        )

    @staticmethod
    def _take(line: Line, match: Match, spans: list[Span], metadata: dict[str, Any]) -> None:
        rule, found = match
        spans.append(Span(rule.name, line.start, line.end))
        merge_facts(metadata, {k: v for k, v in found.groupdict().items() if v})

    # -- zones ----------------------------------------------------------------------------

    def _header_zone(self, lines: list[Line], spans: list[Span], metadata: dict[str, Any]) -> int:
        """Remove the header zone; return the index of the first body line.

        The zone is the run of rule lines and title-like lines at the top. Title-like lines
        count only when a body line ends the run and there are few of them, so that a text of
        short lines (a list, a poem) keeps its lines and cleaning stays idempotent.
        """
        plan: list[tuple[Line, Match | None]] = []
        body_line: Line | None = None
        content = [line for line in lines if not line.blank]
        for position, line in enumerate(content):
            match = self._edge_match(line, self._header)
            if match and position == 0 and self._title_over_byline(content, match):
                match = None  # "Photos: the flood in pictures" over "By Ann Roe" is the headline
            if match and not match[0].opens:
                plan.append((line, match))
            elif (
                not match
                and not LIST_ITEM.match(line.content)  # list items are body, never titles
                and (
                    is_title_like(line.content)
                    or _HEADING.fullmatch(line.content)
                    or (position == 0 and self._question_title(content))
                )
            ):
                plan.append((line, None))
            else:
                body_line = line
                break
        titles = sum(1 for _, match in plan if match is None)
        if body_line is None or titles > _MAX_TITLE_LINES:
            plan = plan[: next((i for i, (_, m) in enumerate(plan) if m is None), len(plan))]
        if body_line is None and len(plan) == len(content):
            plan = plan[:-1]  # the body keeps at least its last line, whatever it says
        titles_at = [i for i, (_, match) in enumerate(plan) if match is None]
        masthead = (
            titles_at[0]
            if len(titles_at) >= 2
            and _is_masthead(plan[titles_at[0]][0].content, plan[titles_at[1]][0].content)
            else None
        )
        # a level-1 heading is the headline; title-like lines above it are a masthead or tagline
        headline = next((i for i in titles_at if _TOP_HEADING.match(plan[i][0].content)), None)
        for position, (line, match) in enumerate(plan):
            if match is not None:
                self._take(line, match, spans, metadata)
            elif headline is not None and position < headline and position != masthead:
                spans.append(Span("header.masthead", line.start, line.end))
            elif position == masthead:
                spans.append(Span("header.masthead", line.start, line.end))
                name = plain(_masthead_name(line.content))
                # "WORLD NEWS" is a section label, "Published 3 May" a dateline: not sites
                if not line.content.isupper() and is_site_name(name):
                    metadata.setdefault("site", name)
            elif "title" in metadata:
                spans.append(Span("header.subtitle", line.start, line.end))
            else:
                spans.append(Span("header.title", line.start, line.end))
                metadata["title"] = plain(line.content)
        return plan[-1][0].index + 1 if plan else 0

    def _title_over_byline(self, content: list[Line], match: Match) -> bool:
        """Whether a first line that a caption or byline rule reads is the headline: it reads
        as one and a byline follows it (a document opens with its title, and one byline
        follows another only when the first was the title)."""
        name = match[0].name
        if not (name.startswith("caption.") or name in ("header.byline", "footer.credits")):
            return False
        if len(content) < 2 or not is_title_like(content[0].content):
            return False
        below = self._header.match(content[1].content, content[1].size)
        return below is not None and below[0].name == "header.byline"

    def _question_title(self, content: list[Line]) -> bool:
        """A first line ending in ? or ! is a title when a header rule line follows it."""
        first = content[0].content
        if (
            len(content) < 2
            or not first.rstrip("*_\"'”’").endswith(("?", "!"))
            or len(words(first)) > 30
        ):
            return False
        match = self._header.match(content[1].content, content[1].size)
        return match is not None and match[0].name in _BYLINE_RULES

    def _first_opener(self, lines: list[Line], start: int, opens: str) -> int | None:
        seen_body = False
        for line in lines[start:]:
            if line.blank:
                continue
            match = self._openers.match(line.content, line.size)
            if seen_body and match and match[0].opens == opens:
                return line.index
            seen_body = True
        return None

    def _footer_zone(
        self, lines: list[Line], start: int, end: int, spans: list[Span], metadata: dict[str, Any]
    ) -> int:
        """Remove the footer zone in ``lines[start:end]``; return the index where it starts."""
        taken: list[tuple[Line, Match | str]] = []  # a rule match, or the name of an unknown line
        pending: list[Line] = []
        listed = 0  # how many pending lines, from the first, may be a footer section's list
        enclosed = True  # whether the pending lines may go with footer lines as enclosed lines
        zone_start = end
        first_body = next((line for line in lines[start:end] if not line.blank), None)
        for line in reversed(lines[start:end]):
            if line.blank:
                continue
            match = self._edge_match(line, self._footer)
            # a line an anywhere rule knows (a promo, a note) may sit between paragraphs: it
            # encloses nothing
            anchors = (
                match is not None
                and match[0].where == "footer"
                and not (pending and self._anywhere.match(line.content, line.size))
            )
            if match is None or (pending and not anchors):
                pending.append(line)
                enclosed = enclosed and (
                    len(pending) <= _MAX_ENCLOSED and self._may_enclose(line, bool(taken))
                )
                if not enclosed:
                    listed = self._section_lines(pending, listed)
                    if listed < len(pending):
                        break
                continue
            opens_section = match[0].opens == "footer"
            if not enclosed and not opens_section:
                break  # a list under a line that opens no section: the article's own
            if line is first_body:
                break  # the body keeps at least its first line, whatever it says
            name = section_name(match[0]) if opens_section and pending else "footer.enclosed"
            taken.extend((p, name) for p in pending)
            pending, listed, enclosed = [], 0, True
            taken.append((line, match))
            zone_start = line.index
        footer_facts: list[tuple[Line, Match]] = []
        for line, found in taken:
            if line.index < zone_start:
                continue
            if isinstance(found, str):
                spans.append(Span(found, line.start, line.end))
            else:
                footer_facts.append((line, found))
        for line, match in reversed(footer_facts):  # top-down, so the first fact wins
            self._take(line, match, spans, metadata)
        return zone_start

    def _section_lines(self, pending: list[Line], known: int) -> int:
        """How many of the unknown lines read upwards, from the first, may be the list of a
        footer section opened above them ("Most read" and its headlines), the first ``known``
        being known to be; none once there are too many for a list."""
        if len(pending) > _MAX_SECTION_LINES:
            return 0
        while known < len(pending) and self._section_line(pending[known], "footer"):
            known += 1
        return known

    @staticmethod
    def _may_enclose(line: Line, below_footer: bool) -> bool:
        """Whether an unknown line may go with footer lines above it (and below, if any)."""
        limit = _ENCLOSED_WORDS if below_footer else _SHORT_TRAILER_WORDS
        return line.size <= limit  # a paragraph of prose is the article's, wherever it sits

    def _body(
        self, lines: list[Line], start: int, end: int, spans: list[Span], metadata: dict[str, Any]
    ) -> None:
        """Apply ``anywhere`` rules and footer sections inside the body."""
        section_left, section_kind, section_rule = 0, "", ""
        seen_body = False
        for line in lines[start:end]:
            if line.blank:
                continue
            match = self._anywhere.match(line.content, line.size)
            opener = self._openers.match(line.content, line.size) if seen_body else None
            if opener and opener[0].opens in ("footer", "bio"):
                self._take(line, opener, spans, metadata)
                section_kind, section_rule = opener[0].opens, section_name(opener[0])
                section_left = _MAX_SECTION_LINES if section_kind == "footer" else _MAX_BIO_LINES
            elif match:
                self._take(line, match, spans, metadata)
            elif section_left and self._section_line(line, section_kind):
                spans.append(Span(section_rule, line.start, line.end))
                section_left -= 1
            else:
                section_left = 0
                seen_body = True

    def _section_line(self, line: Line, kind: str) -> bool:
        """Whether a line after a section opener belongs to the section.

        A list ("Related posts") holds short title-like lines; a bio ("About the author")
        holds a paragraph or two of prose.
        """
        if self._footer.match(line.content, line.size):
            return True
        if kind == "bio":
            return not _BIO_WORDS.exceeded(line.content)
        if _SECTION_LINE_WORDS.exceeded(line.content):
            return False
        return not (ends_sentence(line.content) and _SECTION_SENTENCE_WORDS.exceeded(line.content))


def _single_cell(content: str) -> str | None:
    """The text of a one-cell table row (``| text |``), else None."""
    if len(content) > 2 and content[0] == "|" == content[-1] and content.count("|") == 2:
        return content[1:-1].strip()
    return None


def _is_masthead(first: str, second: str) -> bool:
    """A short capitalised name or label above a longer headline is a masthead, not a title;
    so is such a name with its tagline ("Fernhollow Gardening Club — grow, swap, share")."""
    name = _masthead_name(first)
    names = words(name)
    if name != first and len(names) < 2:  # "Brexit: what happens next" is a headline
        return False
    return len(names) <= 3 < len(words(second)) and all(w[:1].isupper() for w in names)


def _masthead_name(line: str) -> str:
    """The name part of a masthead line: before a dash, colon or bar that a lower-case
    tagline follows, else the whole line."""
    found = _TAGLINE.fullmatch(line)
    return found["name"] if found else line


def section_name(opener: Rule) -> str:
    """The rule name of the lines of a section that ``opener`` opens."""
    return f"{opener.name}.section"
