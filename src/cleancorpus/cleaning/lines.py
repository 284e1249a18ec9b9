"""Split a text into lines with their offsets, and the line shapes several cleaners share."""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

_WORD_START = r"[\p{L}\p{N}]"
_WORD_REST = r"[\p{L}\p{N}\p{M}'’.\-]"
_WORD = regex.compile(rf"{_WORD_START}{_WORD_REST}*")
#: a list item: a bullet or a number, then a space ("- 200 g flour", "2. Stir well.")
LIST_ITEM = regex.compile(r"(?:[-*+•·▪]|\d{1,3}[.)])\s")


@dataclass(slots=True)  # not frozen: a frozen __init__ costs 4x, and every line makes one
class Line:
    """One line (read-only by convention): ``start``/``end`` include its newline; ``content``
    is stripped."""

    index: int
    start: int
    end: int
    content: str
    indent: int
    size: int  # words, estimated cheaply (see line_size)

    @property
    def blank(self) -> bool:
        return not self.content


def split_lines(text: str) -> list[Line]:
    """Every line of ``text``, newline included, so the lines tile the text exactly."""
    lines: list[Line] = []
    append = lines.append
    start, length = 0, len(text)
    for index, raw in enumerate(text.split("\n")):
        end = start + len(raw) + 1
        if end > length:  # the last line has no newline
            end = length
            if start == end:
                break
        content = raw.strip()
        if content:
            indent = len(raw) - len(raw.lstrip(" \t"))
            size = max(content.count(" ") + 1, len(content) // 8)  # as line_size, inlined
        else:
            indent, size = 0, 1
        append(Line(index, start, end, content, indent, size))
        start = end
    return lines


def line_size(content: str) -> int:
    """Words in a stripped line, estimated cheaply: spaces + 1, or ~8 characters a word for
    scripts written without spaces. Rules' ``max_words`` limits compare with this."""
    return max(content.count(" ") + 1, len(content) // 8)


def words(text: str) -> list[str]:
    """The words of ``text`` (letters and digits, Unicode-aware)."""
    return _WORD.findall(text)


class WordCap:
    """Tells whether a text has more than ``limit`` words (as :func:`words` finds them),
    reading no further than the word after the limit: for long lines, several times cheaper
    than ``len(words(text)) > limit``."""

    __slots__ = ("_ascii", "_unicode", "limit")

    def __init__(self, limit: int) -> None:
        if limit < 0:
            raise ValueError(f"a word limit is zero or more, not {limit}")
        self.limit = limit
        self._unicode = regex.compile(_words_over(limit, _WORD_START, _WORD_REST, r"\p{L}\p{N}"))
        # the same words in ASCII text, where the standard library's engine is 4x faster
        self._ascii = re.compile(_words_over(limit, "[A-Za-z0-9]", r"[A-Za-z0-9'.\-]", "A-Za-z0-9"))

    def exceeded(self, text: str) -> bool:
        """Whether ``text`` has more than ``limit`` words."""
        pattern = self._ascii if text.isascii() else self._unicode
        return pattern.match(text) is not None


def _words_over(limit: int, start: str, rest: str, starters: str) -> str:
    """A pattern matching at the start of a text that has more than ``limit`` words: each one
    as ``findall`` meets it, after what cannot start a word, as long as it runs."""
    return rf"(?:[^{starters}]*+{start}{rest}*+){{{limit + 1}}}"


def ends_sentence(content: str) -> bool:
    """Whether a line ends like prose: a full stop, question or exclamation mark, or a quote."""
    return content.rstrip("*_)]\"'”’»").endswith((".", "!", "?", "…", "。", "！", "？"))


def is_title_like(content: str) -> bool:
    """A short line that reads as a headline rather than a sentence."""
    if not content or len(content) > 250 or content.endswith((":", ";", ",")):
        return False
    count = len(words(content))
    return 1 <= count <= 30 and not ends_sentence(content)
