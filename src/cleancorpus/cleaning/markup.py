"""Markdown and HTML residue left by an HTML-to-markdown step, removed span by span.

Links and emphasis keep their text: only the syntax goes (``[South Front](#)`` -> ``South
Front``, ``**bold**`` -> ``bold``, ``<http://x>`` -> ``http://x``). Images, heading and
blockquote markers, rule lines and stray HTML tags go whole. Syntax is only removed where
doing so cannot glue two words together, so the cleaned text never holds a word the input
did not.
"""

from __future__ import annotations

from typing import Any

import regex

from .textview import Span, is_word_char

_INLINE = regex.compile(
    r"""
    (?P<image>!\[[^\[\]\n]*\]\([^()\n]*\))
  | (?P<link>\[(?P<link_text>[^\[\]\n]+)\]\((?P<url>[^()\s]*(?:\s+"[^"\n]*")?)\))
  | (?P<autolink><(?P<auto_url>(?:https?|ftp)://[^<>\s]+|mailto:[^<>\s]+)>)
  | (?P<tag></?(?:br|p|div|span|a|b|i|u|em|strong|img|hr|ul|ol|li|h[1-6]|blockquote|figure
                 |figcaption|iframe|sup|sub|small|center|font|section|article|header|footer)
                 (?:\s[^<>\n]*)?/?>)
  | (?P<emphasis>(?<![\w*~])(?P<marker>\*{1,3}|_{1,3}|~~)(?=[^\s*_~])
                 (?P<inner>[^\n]{0,300}?[^\s*_~])(?P=marker)(?![\w*~]))
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
# Nesting is capped (32 levels a pass): an unbounded repeat of a group keeps state per
# repetition, and a 10 MB line of "> > >" exhausted memory inside the regex engine.
_LINE_MARKERS = regex.compile(r"(?m)^[^\S\n]*(?:#{1,6}(?=[^\S\n])|>(?:[^\S\n]*>){0,31})[^\S\n]*")
_EMPTY_ITEM = regex.compile(r"(?m)^[^\S\n]*[-*+•][^\S\n]*$\n?")
_LINE_MARKER_CHARS = "#>"  # every match of _LINE_MARKERS holds one of these,
_ITEM_CHARS = "-*+•"  # of _EMPTY_ITEM one of these,
_INLINE_CHARS = "[<*_~"  # and of _INLINE one of these


class MarkupCleaner:
    """Unwraps markdown links and emphasis, drops images, markers and HTML tag residue."""

    name = "markup"
    emits = frozenset(
        {
            "markdown.link",
            "markdown.image",
            "markdown.autolink",
            "markdown.emphasis",
            "markdown.html_tag",
            "markdown.line_marker",
            "markdown.empty_item",
        }
    )
    repeat = True
    reveals = True

    def __call__(self, text: str) -> tuple[list[Span], dict[str, Any]]:
        spans: list[Span] = []
        # Each pattern needs one of its characters in the text: substring searches are far
        # cheaper than a pattern scan of the whole text.
        if any(c in text for c in _LINE_MARKER_CHARS):
            for found in _LINE_MARKERS.finditer(text):
                if found.end() > found.start():
                    spans.append(Span("markdown.line_marker", found.start(), found.end()))
        if any(c in text for c in _ITEM_CHARS):
            for found in _EMPTY_ITEM.finditer(text):
                spans.append(Span("markdown.empty_item", found.start(), found.end()))
        if any(c in text for c in _INLINE_CHARS):
            self._inline(text, 0, len(text), spans)
        return spans, {}

    def _inline(self, text: str, start: int, end: int, spans: list[Span]) -> None:
        for found in _INLINE.finditer(text, start, end):
            kind = found.lastgroup if found.group("emphasis") is None else "emphasis"
            if found.group("image"):
                self._drop(text, found.start(), found.end(), "markdown.image", spans)
            elif found.group("link"):
                self._unwrap(text, found, "link_text", "markdown.link", spans)
            elif found.group("autolink"):
                self._unwrap(text, found, "auto_url", "markdown.autolink", spans)
            elif found.group("tag"):
                self._drop(text, found.start(), found.end(), "markdown.html_tag", spans)
            elif kind == "emphasis":
                self._unwrap(text, found, "inner", "markdown.emphasis", spans)

    def _unwrap(self, text: str, found: Any, keep: str, rule: str, spans: list[Span]) -> None:
        inner_start, inner_end = found.span(keep)
        before = text[found.start() - 1] if found.start() > 0 else " "
        after = text[found.end()] if found.end() < len(text) else " "
        if (is_word_char(before) and is_word_char(text[inner_start])) or (
            is_word_char(after) and is_word_char(text[inner_end - 1])
        ):
            return  # unwrapping would glue words together
        spans.append(Span(rule, found.start(), inner_start))
        spans.append(Span(rule, inner_end, found.end()))
        self._inline(text, inner_start, inner_end, spans)

    @staticmethod
    def _drop(text: str, start: int, end: int, rule: str, spans: list[Span]) -> None:
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        if not (is_word_char(before) and is_word_char(after)):
            spans.append(Span(rule, start, end))
