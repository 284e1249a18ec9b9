"""Line templates: a short edge line read as a leading *label* and a varying *value*.

Some boilerplate lines recur only as a template: ``Archive shelf: weir, ferry`` and ``Archive
shelf: lido``, a photo credit, ``Supplied by X``, ``Posted in Opinion | 4 Comments``. Their
line keys differ on every page, so learning counts each line near an edge once more, under
its :func:`template_key`: the label, the first one to :data:`MAX_LABEL_WORDS` words that end
at a separator (:data:`SEPARATORS`: ``archive shelf: *``, ``kicker picks » *``) or at a
credit word after another word (:data:`CONNECTORS`: ``supplied by *``, ``posted in *``),
with the value replaced by :data:`VALUE`.

Body lines carry labels too ("Q:", "Step 1:", "Prep time: 10 min", "Serves: 4"). A label is
words of letters only, so a list item, a table row or ``Step 1:`` has none, and a line yields
no template when one of :data:`REJECTS` holds: a long line, a label of one letter (``Q:``,
``A:``), no value or a long one, a value that is a quantity (it starts with a number: recipe
rows, scores), a quotation, or a question or an exclamation (Q&A, calls to action). Learning
asks more of a template than of a line (see :mod:`.boilerplate`): the share of its scope,
never the count alone, and values that vary from page to page.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

import regex

from ..cleaning.lines import line_size

SEPARATORS = (":", "|", "—", "–", "→", "»", "·")
CONNECTORS = frozenset({"by", "in", "under"})  # "photo by", "posted in", "filed under"
VALUE = "*"  # what stands for the value in a template key
MAX_LABEL_WORDS = 4
MAX_LINE_WORDS = 16
MAX_VALUE_WORDS = 10
_MAX_CHARS = 8 * MAX_LINE_WORDS + 7  # a longer key is longer than MAX_LINE_WORDS (line_size)
_LABEL_WORD = regex.compile(r"[(\[]?\p{L}[\p{L}\p{M}'’&.-]*")
_QUOTES = frozenset("\"'‘’“”«»„")
_HINT = re.compile(  # what a labelled line must hold: most lines are ruled out by this search
    "|".join([*map(re.escape, SEPARATORS), *(f" {word} " for word in sorted(CONNECTORS))])
)


@dataclass(frozen=True)
class Parts:
    """A line key split into its label words, separator and value."""

    key: str
    label: tuple[str, ...]
    separator: str  # one of SEPARATORS (after a space if the line has one), "" after a connector
    value: str

    @property
    def template(self) -> str:
        label = " ".join(self.label)
        return f"{label}{self.separator} {VALUE}"


def split_label(key: str) -> Parts | None:
    """``key`` (a :func:`~.runs.line_key`) as label, separator and value: the first one to
    :data:`MAX_LABEL_WORDS` words of letters that end at a separator (``filed in:``, ``posted
    in opinion |``) or a connector word after another word (``posted in``); None if none."""
    tokens = key.split(" ", MAX_LABEL_WORDS + 1)
    for i, token in enumerate(tokens[: MAX_LABEL_WORDS + 1]):
        rest = " ".join(tokens[i + 1 :])
        if token in SEPARATORS:  # "posted in opinion | 0 comments"
            return Parts(key, tuple(tokens[:i]), f" {token}", rest) if i else None
        if i == MAX_LABEL_WORDS:
            return None
        word, end = token[:-1], token[-1:]
        if end in SEPARATORS and _LABEL_WORD.fullmatch(word):  # "filed in: politics"
            return Parts(key, (*tokens[:i], word), end, rest)
        if not _LABEL_WORD.fullmatch(token):
            return None
        if i and token in CONNECTORS:  # "reporting by jane doe"
            return Parts(key, tuple(tokens[: i + 1]), "", rest)
    return None


Reject = Callable[[Parts], bool]

REJECTS: tuple[tuple[str, Reject], ...] = (
    ("long line", lambda p: line_size(p.key) > MAX_LINE_WORDS),
    ("one-letter label", lambda p: len(p.label) == 1 and len(p.label[0].strip("([")) == 1),
    ("no value", lambda p: not p.value.strip(" .,;:|")),
    ("long value", lambda p: line_size(p.value) > MAX_VALUE_WORDS),
    ("quantity value", lambda p: p.value[:1].isdigit()),
    ("quoted speech", lambda p: p.value[:1] in _QUOTES),
    ("question or exclamation", lambda p: p.value.rstrip(" )\"'’”").endswith(("?", "!"))),
)
"""Why a labelled line yields no template: body lines that carry labels too."""


def rejected_by(parts: Parts) -> str | None:
    """The name of the first of :data:`REJECTS` that holds for ``parts``; None if none."""
    return next((name for name, rejects in REJECTS if rejects(parts)), None)


def template_key(key: str) -> str | None:
    """The template key of the line keyed ``key`` (``filed in: *``), or None."""
    if len(key) > _MAX_CHARS or line_size(key) > MAX_LINE_WORDS or not _HINT.search(key):
        return None  # most lines, decided without splitting (REJECTS repeats the size)
    parts = split_label(key)
    if parts is None or rejected_by(parts) is not None:
        return None
    return parts.template


def value_hash(line: str, template: str) -> int:
    """A 32-bit hash of what a line puts in its template's value (the line itself, digits
    as written: ``4 Comments`` and ``5 Comments`` differ), to tell whether values vary."""
    digest = hashlib.blake2b(f"{template}\n{line}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "little") or 1  # 0 stands for no template
