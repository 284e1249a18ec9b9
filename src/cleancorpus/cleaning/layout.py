"""White space left behind by other removals: trailing spaces, runs of blank lines, edges."""

from __future__ import annotations

from typing import Any

from .textview import Span


class LayoutCleaner:
    """Removes trailing white space, blank lines beyond one, and blank document edges."""

    name = "whitespace"
    emits = frozenset({name})
    repeat = True

    def __call__(self, text: str) -> tuple[list[Span], dict[str, Any]]:
        spans: list[Span] = []
        leading = len(text) - len(text.lstrip())
        if leading:
            spans.append(Span(self.name, 0, leading))
        ending = len(text.rstrip())
        if ending < len(text):
            spans.append(Span(self.name, ending, len(text)))
        start, blanks = 0, 0
        for line in text.split("\n"):
            end = start + len(line)
            stripped = len(line.rstrip())
            blanks = blanks + 1 if stripped == 0 else 0
            if blanks > 1:  # a blank line after a blank line: drop it with its newline
                spans.append(Span(self.name, start, min(end + 1, len(text))))
            elif stripped < len(line):
                spans.append(Span(self.name, start + stripped, end))
            start = end + 1
        return spans, {}
