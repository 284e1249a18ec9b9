"""Find where a reader-comment thread appended after the article begins.

Two shapes are recognised, and they repeat, which is what separates a thread from a body
with subheadings:

- bulleted handles with indented replies (``• paul`` then an indented paragraph);
- marker lines followed by a comment: bare commenter names (``Terra Cotta Woolpuller``),
  ``jsmith says:`` lines, comment timestamps and ``Reply`` links.

A thread needs at least two markers close together, and its comments are short on average
(very short when every marker is a single capitalised word, which a subheading also is).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import regex

from .lines import Line, ends_sentence, words
from .rules import DATE

_DIGIT = regex.compile(r"\p{N}")
_BULLET_HANDLE = regex.compile(r"[•*·‣◦▪-]\s+(?P<handle>[^\s].{0,38})")
_SAYS_VERBS = ("says", "said", "wrote", "replied")
# "jsmith says:", "Mary Lee replied", "ann says: May 3, 2017 at 9:14 am": a commenter's name
# or handle, the verb, then nothing or a colon and a timestamp. Not "The mayor said she was
# pleased." nor "Officials said: the road reopens", which are article sentences.
_SAYS = regex.compile(
    rf"(?i)(?P<who>.{{1,40}}?)\s+(?:{'|'.join(_SAYS_VERBS)})(?:\s*:\s*(?P<when>.{{0,60}}?))?\s*"
)
_ON_DATE_WROTE = regex.compile(r"(?i)on\s+(?P<when>.{1,60}),\s+(?P<who>[^,\n]{1,40}?)\s+wrote\s*:")
_TIMESTAMP = regex.compile(
    rf"(?i)(?:on\s+)?{DATE}|\d{{1,3}}\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago"
    r"(?:\s*[·•|]\s*.{0,30})?"
)
_REPLY = regex.compile(
    r"(?i)(?:reply|↵?\s*reply|report|like|flag|permalink|(?:\d+\s*)?(?:upvotes?|likes?|points?)"
    r"|[▲▼^]\s*\d+|\d+\s*[▲▼^]|(?:\s*[·|•]\s*)?(?:like|reply|share|report)(?:\s*[·|•]\s*"
    r"(?:like|reply|share|report|\d+\s*\w*))*)"
)
_NAME_TOKEN = regex.compile(
    r"(?:\p{Lu}[\p{L}\p{M}'’.\-]*|\p{Lu}{2,}|[\p{L}\p{N}_.\-]*\p{N}[\p{L}\p{N}_.\-]*)"
)
_HANDLE = regex.compile(
    r"@?[\p{Ll}\p{N}_][\p{L}\p{N}_.\-]{1,24}|@?\p{L}[\p{L}\p{N}_.\-]*\p{N}[\p{N}_]*"
)
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "with",
        "by",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "what",
        "how",
        "why",
        "when",
        "where",
        "who",
        "which",
        "this",
        "that",
        "these",
        "those",
        "our",
        "your",
        "their",
        "its",
        "his",
        "her",
        "new",
        "next",
        "more",
        "about",
        "after",
        "before",
        "over",
        "under",
        "into",
        "why",
        "vs",
    ]
)
_MAX_GAP = 7  # paragraphs allowed between two markers of one thread
_MAX_MARKER_CHARS = 140  # no marker shape (name, "x says:", timestamp, Reply) is longer
_MAX_COMMENT_WORDS = 80  # mean words of a comment; article paragraphs run longer
_MAX_WEAK_COMMENT_WORDS = 25  # when every name is one capitalised word, like a subheading


def _is_name(content: str) -> bool:
    if not content or len(content) > 40 or ends_sentence(content) or content.endswith(":"):
        return False
    tokens = content.split()
    if not 1 <= len(tokens) <= 4 or any(t.lower() in _FUNCTION_WORDS for t in tokens):
        return False
    if len(tokens) == 1 and _HANDLE.fullmatch(tokens[0]):
        return True
    if all(t.isupper() for t in tokens) and any(len(t) > 3 for t in tokens):
        return False  # an all-capitals line is a shouted subheading, not a name
    return all(_NAME_TOKEN.fullmatch(t) for t in tokens)


def _used_before(content: str, seen: set[str]) -> bool:
    return any(w.casefold() in seen for w in words(content) if len(w) > 2)


def _weak_name(content: str) -> bool:
    """A single capitalised word: a name, or just as likely a subheading."""
    tokens = content.split()
    return len(tokens) == 1 and tokens[0][:1].isupper() and not _DIGIT.search(tokens[0])


def _marker_kind(content: str) -> str:
    if len(content) > _MAX_MARKER_CHARS:
        return ""
    if _strong_marker(content):
        return "strong"
    if _BULLET_HANDLE.fullmatch(content) and _is_name(_BULLET_HANDLE.fullmatch(content)["handle"]):
        return "bullet"
    if _is_name(content):
        return "weak" if _weak_name(content) else "name"
    return ""


def _strong_marker(content: str) -> bool:
    """``jsmith says:``, a timestamp or a Reply/Like line. Cheap necessary conditions come
    first: a "says" line names one of its verbs (checked on ASCII lines, where case folding
    is plain lower case), and every timestamp holds a digit."""
    if (not content.isascii() or any(verb in content.lower() for verb in _SAYS_VERBS)) and (
        _says_line(content)
    ):
        return True
    if _DIGIT.search(content) and _TIMESTAMP.fullmatch(content):
        return True
    return _REPLY.fullmatch(content) is not None


def _says_line(content: str) -> bool:
    """A commenter's name and "says"/"wrote"/..., alone or before a colon and a time."""
    for found in (_SAYS.fullmatch(content), _ON_DATE_WROTE.fullmatch(content)):
        if found and _is_name(found["who"]) and (not found["when"] or _DIGIT.search(found["when"])):
            return True
    return False


def thread_start(
    lines: list[Line], body_from: int = 0, known: Callable[[str], bool] = lambda _: False
) -> int | None:
    """Index of the line where a comment thread starts, or None if there is none.

    Lines before ``body_from`` are never part of a thread, and at least one body paragraph
    must precede it. Lines that ``known`` recognises as other residue are never markers.
    A name whose words the article already used ("Market Reaction" after a paragraph on
    markets) reads as a subheading, not a commenter, and is no marker either.
    """
    content = [line for line in lines[body_from:] if not line.blank]
    if len(content) < 3:
        return None
    seen: set[str] = set()
    seen_upto = 0  # words of the non-marker lines before this index are in ``seen``
    kinds: list[str] = []
    for position, line in enumerate(content):
        kind = _marker_kind(line.content)
        if kind and known(line.content):
            kind = ""
        if kind in ("name", "weak"):
            for earlier in range(seen_upto, position):
                if not kinds[earlier]:
                    seen.update(w.casefold() for w in words(content[earlier].content))
            seen_upto = position
            if _used_before(line.content, seen):
                kind = ""
        kinds.append(kind)
    # A marker is a marker only when a comment (a non-marker line) follows it, and a bulleted
    # handle only when the comment is indented under it (else it is a list item).
    for position, kind in enumerate(kinds):
        following = kinds[position + 1] if position + 1 < len(kinds) else None
        if (kind in ("name", "weak", "bullet") and (following is None or following)) or (
            kind == "bullet" and content[position + 1].indent <= content[position].indent
        ):
            kinds[position] = ""
    for position in range(1, len(content)):
        if kinds[position] and _is_thread(content[position:], kinds[position:]):
            return content[position].index
    return None


def _is_thread(content: list[Line], kinds: list[str]) -> bool:
    markers = [i for i, kind in enumerate(kinds) if kind]
    if len(markers) < 2:
        return False
    gaps = [b - a - 1 for a, b in pairwise(markers)] + [len(kinds) - markers[-1] - 1]
    if max(gaps) > _MAX_GAP:
        return False
    marked = [kinds[i] for i in markers]
    if "bullet" in marked:
        return True
    comments = [line.content for i, line in enumerate(content) if not kinds[i]]
    mean_words = sum(len(words(c)) for c in comments) / max(1, len(comments))
    if all(kind == "weak" for kind in marked):  # single capitalised words: subheadings?
        return mean_words <= _MAX_WEAK_COMMENT_WORDS
    return mean_words <= _MAX_COMMENT_WORDS or "strong" in marked
