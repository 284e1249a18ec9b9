"""White space left behind by other removals: trailing spaces, runs of blank lines, edges."""

from __future__ import annotations

from typing import Any

import regex

from .textview import Span

_TRAILING = regex.compile(r"[^\S\n]+(?=\n|\Z)")
_BLANK_RUN = regex.compile(r"(?<=\n\n)(?:[^\S\n]*\n)+")
_LEADING = regex.compile(r"\A\s+")
_ENDING = regex.compile(r"\s+\Z")


class LayoutCleaner:
    """Removes trailing white space, blank lines beyond one, and blank document edges."""

    name = "whitespace"
    repeat = True

    def __call__(self, text: str) -> tuple[list[Span], dict[str, Any]]:
        spans = [
            Span(self.name, m.start(), m.end())
            for pattern in (_LEADING, _TRAILING, _BLANK_RUN, _ENDING)
            for m in pattern.finditer(text)
            if m.end() > m.start()
        ]
        return spans, {}
