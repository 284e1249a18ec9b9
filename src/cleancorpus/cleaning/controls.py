"""Control characters removed before any other cleaner runs.

C0 and C1 control characters other than the whitespace ones carry no text. Four of them,
the information separators ``\\x1c``-``\\x1f``, are whitespace to Python's ``str`` but not to
the ``regex`` patterns' ``\\s``: removed first, they cannot make the two notions of
whitespace disagree at a line's edges, so every later cleaner (and a second cleaning) sees the
same text. A run between two word characters stays, as the only thing that keeps them two words.
"""

from __future__ import annotations

import re
from typing import Any

from .textview import Span, is_word_char

# C0 and C1 controls except \t \n \v \f \r and NEL (\x85), which both notions take as whitespace.
_CONTROL = r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]"
# Code point ranges only, so the standard library's engine finds the runs ``regex`` would; a run
# written "one, then any more" lets it skip ahead by the class (3.5x faster than "one or more").
_CONTROLS = re.compile(f"{_CONTROL}{_CONTROL}*")


class ControlCleaner:
    """Removes runs of control characters (rule ``text.control``)."""

    name = "controls"
    emits = frozenset({"text.control"})

    def __call__(self, text: str) -> tuple[list[Span], dict[str, Any]]:
        spans = [
            Span("text.control", found.start(), found.end())
            for found in _CONTROLS.finditer(text)
            if not _glues_words(text, found.start(), found.end())
        ]
        return spans, {}


def _glues_words(text: str, start: int, end: int) -> bool:
    """Whether removing ``text[start:end]`` would join two words into one."""
    return (
        start > 0 and end < len(text) and is_word_char(text[start - 1]) and is_word_char(text[end])
    )
