"""A text with spans removed, mapped back to the original so removals keep original offsets."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from ..records import Removal

_WORD_CHAR = regex.compile(r"[\w\p{L}\p{N}\p{M}]")


def is_word_char(char: str) -> bool:
    """Whether ``char`` is part of a word (as ``regex``'s ``\\w``): removing what lies between
    two such characters would glue two words into one."""
    # str.isalnum knows Python's Unicode version, regex its own, newer one (U+2EBF0)
    return char.isalnum() or char == "_" or _WORD_CHAR.match(char) is not None


@dataclass(frozen=True, slots=True)
class Span:
    """A span of the text a cleaner saw, to be removed for ``rule``."""

    rule: str
    start: int
    end: int


class TextView:
    """The original text minus the spans removed so far.

    ``text`` is what the next cleaner sees; ``removals`` holds every removed span in original
    offsets, so ``original`` can always be rebuilt from ``text`` and ``removals``.
    """

    __slots__ = ("_offsets", "_segments", "original", "removals", "text")

    def __init__(self, original: str) -> None:
        self.original = original
        self.text = original
        self.removals: list[Removal] = []
        self._segments: list[tuple[int, int]] = [(0, len(original))] if original else []
        self._offsets: list[int] = [0] if original else []

    def _to_original(self, start: int, end: int) -> list[tuple[int, int]]:
        """The original-text segments that the view span ``[start, end)`` covers."""
        pieces: list[tuple[int, int]] = []
        index = bisect_right(self._offsets, start) - 1
        while start < end and index < len(self._segments):
            seg_start, seg_end = self._segments[index]
            view_base = self._offsets[index]
            lo = seg_start + (start - view_base)
            hi = min(seg_end, seg_start + (end - view_base))
            if lo < hi:
                pieces.append((lo, hi))
                start = view_base + (hi - seg_start)
            index += 1
        return pieces

    def remove(self, spans: Iterable[Span]) -> None:
        """Remove ``spans`` (view offsets, possibly overlapping: the first listed rule wins)."""
        taken: list[tuple[int, int, str]] = []
        covered_to = 0
        for span in sorted(spans, key=lambda s: (s.start, -s.end)):
            start = max(span.start, covered_to)
            if start < span.end:
                taken.append((start, span.end, span.rule))
                covered_to = span.end
        if not taken:
            return
        new_removals: list[Removal] = []
        for start, end, rule in taken:
            for lo, hi in self._to_original(start, end):
                new_removals.append(Removal(rule, lo, hi, self.original[lo:hi]))
        self._apply(new_removals)

    def _apply(self, new_removals: list[Removal]) -> None:
        self.removals = sorted(self.removals + new_removals, key=lambda r: r.start)
        segments: list[tuple[int, int]] = []
        cursor = 0
        for removal in self.removals:
            if removal.start > cursor:
                segments.append((cursor, removal.start))
            cursor = max(cursor, removal.end)
        if cursor < len(self.original):
            segments.append((cursor, len(self.original)))
        offsets, total = [], 0
        for seg_start, seg_end in segments:
            offsets.append(total)
            total += seg_end - seg_start
        self._segments, self._offsets = segments, offsets
        self.text = "".join(self.original[a:b] for a, b in segments)
