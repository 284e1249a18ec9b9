"""Where learned boilerplate is removed: runs of learned lines at the top and bottom of a text.

A run starts at an edge of the text (first or last non-blank line) and stays inside that
edge zone. It holds learned lines of the zone; blank lines between them go with them, and so
may up to ``max_enclosed`` unknown short lines in a row, when a learned line lies further in
(between two learned lines, or the items of a list under a learned heading). Unknown lines
on the outer side of every learned line must also read as titles (no sentence end), so a
body's last sentence never goes with a learned box placed above it. The run ends at its
innermost learned line: a learned line deeper in the body, past a line of prose, stays.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import regex

from ..cleaning.lines import Line, is_title_like, split_lines
from ..cleaning.textview import Span
from ..records import Cleaned, Removal

_LINK = regex.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
# a number standing alone (after NFKC, other numerals such as ², ½, Ⅻ are digits too); digits
# inside a word ("w186", "mp3") are part of it
_DIGITS = re.compile(r"(?<!\w)\d+(?!\w)")
_DIGIT = re.compile(r"\d")
KEY_CHARS = 160


def line_key(line: str) -> str:
    """The form under which a line is counted: two lines with one key are the same line.

    NFKC, case-folded, markdown link targets dropped, each number as ``0``, white
    space collapsed: ``Copyright 2021 Kestrel`` and ``copyright 2022  Kestrel`` share a key.
    A line longer than :data:`KEY_CHARS` is keyed on its first :data:`KEY_CHARS` characters
    and its number of spaces: two paragraphs that long with one opening and one length are
    the same text (or copies, which count once), and keying a body's long paragraphs whole
    would cost more than all the rest of learning.
    """
    if len(line) > KEY_CHARS:
        return f"{_normalised(line[:KEY_CHARS])}… {line.count(' ')}"
    return _normalised(line)


def _fold_numbers(text: str) -> str:
    # a search is 3x cheaper than a substitution that finds nothing, and most lines have none
    return _DIGITS.sub("0", text) if _DIGIT.search(text) else text


def _normalised(line: str) -> str:
    if "](" in line:
        line = _LINK.sub(r"\1", line)
    if not line.isascii():
        text = unicodedata.normalize("NFKC", line).casefold()
        return " ".join(_fold_numbers(text).split())
    # NFKC leaves ASCII as it is and ASCII case-folds as it lowers; the check below skips
    # the work most lines do not need (no run of spaces, no tab)
    text = _fold_numbers(line.lower())
    if "  " in text or not text.isprintable():
        text = " ".join(text.split())
    return text.strip()


def key_hash(key: str) -> int:
    """The 64-bit hash under which a line key is counted and looked up."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


@dataclass(frozen=True)
class RunLimits:
    """The zone sizes and enclosure limits a run obeys (taken from ``LearnConfig``)."""

    head_lines: int
    foot_lines: int
    max_enclosed: int
    enclosed_words: int


def edge_runs(
    text: str, learned: Mapping[int, str], enclosed_rule: str, limits: RunLimits
) -> list[Span]:
    """Spans of the learned runs of ``text``; ``learned`` maps a line's key hash to its rule."""
    lines = [line for line in split_lines(text) if not line.blank]
    n = len(lines)
    top = _run(lines[: min(limits.head_lines, n)], learned, enclosed_rule, limits)
    inner = len(top)
    low = max(n - limits.foot_lines, inner)
    bottom = _run(lines[low:][::-1], learned, enclosed_rule, limits)
    spans: list[Span] = []
    for j, rule in enumerate(top):
        start = 0 if j == 0 else lines[j].start
        end = lines[j + 1].start if j + 1 < n else len(text)
        spans.append(Span(rule, start, end))
    first = n - len(bottom)
    for j, rule in zip(range(first, n), reversed(bottom), strict=True):
        start = _content_end(text, lines[j - 1]) if j > 0 else 0
        if j == first and j == inner and inner:
            start = lines[j].start  # the top run already took the gap before this line
        end = _content_end(text, lines[j]) if j + 1 < n else len(text)
        spans.append(Span(rule, start, end))
    return spans


def _content_end(text: str, line: Line) -> int:
    return line.start + len(text[line.start : line.end].rstrip())


def _run(
    lines: Sequence[Line],
    learned: Mapping[int, str],
    enclosed_rule: str,
    limits: RunLimits,
) -> list[str]:
    """The rule of each line of the run, from the outer edge in (empty: no run)."""
    taken: list[str] = []
    pending = 0
    for line in lines:
        rule = learned.get(key_hash(line_key(line.content)))
        if rule is not None:
            taken.extend([enclosed_rule] * pending)
            taken.append(rule)
            pending = 0
            continue
        if pending >= limits.max_enclosed or line.size > limits.enclosed_words:
            break
        if not taken and not is_title_like(line.content):
            break
        pending += 1
    return taken


def remove_spans(cleaned: Cleaned, spans: Sequence[Span]) -> Cleaned:
    """``cleaned`` with ``spans`` of its text removed too, recorded in original offsets."""
    kept = _kept_segments(len(cleaned.original), cleaned.removals)
    bases, total = [], 0
    for lo, hi in kept:
        bases.append(total)
        total += hi - lo
    added: list[Removal] = []
    cuts: list[tuple[int, int]] = []
    covered = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        start = max(span.start, covered)
        if start >= span.end:
            continue
        cuts.append((start, span.end))
        covered = span.end
        for lo, hi in _to_original(start, span.end, kept, bases):
            added.append(Removal(span.rule, lo, hi, cleaned.original[lo:hi]))
    pieces, cursor = [], 0
    for start, end in cuts:
        pieces.append(cleaned.text[cursor:start])
        cursor = end
    pieces.append(cleaned.text[cursor:])
    removals = tuple(sorted((*cleaned.removals, *added), key=lambda r: r.start))
    return Cleaned(cleaned.original, "".join(pieces), cleaned.metadata, removals)


def _kept_segments(length: int, removals: Sequence[Removal]) -> list[tuple[int, int]]:
    segments, cursor = [], 0
    for removal in sorted(removals, key=lambda r: r.start):
        if removal.start > cursor:
            segments.append((cursor, removal.start))
        cursor = max(cursor, removal.end)
    if cursor < length:
        segments.append((cursor, length))
    return segments


def _to_original(
    start: int, end: int, kept: list[tuple[int, int]], bases: list[int]
) -> list[tuple[int, int]]:
    """The original-text pieces that the cleaned-text span ``[start, end)`` covers."""
    pieces = []
    index = max(bisect_right(bases, start) - 1, 0)
    while start < end and index < len(kept):
        seg_start, seg_end = kept[index]
        lo = seg_start + (start - bases[index])
        hi = min(seg_end, seg_start + (end - bases[index]))
        if lo < hi:
            pieces.append((lo, hi))
            start = bases[index] + (hi - seg_start)
        index += 1
    return pieces
