"""Tokens and shingles of cleaned text, the units that near-duplicate detection compares.

A token is a maximal run of Unicode letters, digits and combining marks (``\\p{L}``,
``\\p{N}``, ``\\p{M}``) of the NFKC-normalised, case-folded text. Scripts written without
spaces between words (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) have no word
boundaries to find, so each of their characters is a token of its own: word n-gram shingles
over such text are character n-gram shingles.

The number of a numbered list item at the start of a line ("1. ", "12) ") is no token: a
list extracted from HTML comes out as "- item" and the same list written as text as
"1. item", and the two copies must compare alike (:func:`blank_list_ordinals`).

A shingle is ``size`` consecutive tokens. A text with fewer tokens than ``size`` (but at
least one) has exactly one shingle, its whole token sequence, so a short text is still
comparable with an identical short text and never with a longer one that merely starts
the same way. An empty text has no shingles.
"""

from __future__ import annotations

import re
import unicodedata

import regex

#: Bumped whenever tokens or shingles of some text would change; stored with fingerprints.
TOKENIZER_VERSION = "nfkc-casefold-lnm-cjkchar-noordinals/2"

_NO_SPACE_SCRIPTS = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
_WORD = regex.compile(r"[\p{L}\p{N}\p{M}]+")
_WORD_OR_CHAR = regex.compile(
    rf"[{_NO_SPACE_SCRIPTS}]|(?:(?![{_NO_SPACE_SCRIPTS}])[\p{{L}}\p{{N}}\p{{M}}])+"
)
_ASCII_WORD = re.compile(r"[a-z0-9]+")  # the same tokens as _WORD on case-folded ASCII text
_ASCII_TABLE = bytes(
    c if chr(c).isascii() and chr(c).isalnum() else 0x20 for c in range(256)
).lower()
# A cheap pre-filter: every character of the scripts above lies in these ranges, so a text
# without a match needs only the fast word pattern (most text, including punctuation such
# as curly quotes in U+2000-U+2E7F, takes this path).
_MAYBE_NO_SPACE = re.compile("[\u0e00-\u1fff\u2e80-\U0010ffff]")


_LIST_ORDINAL = re.compile(r"(?m)^[ \t]*\d{1,3}[.)](?=[ \t])")


def blank_list_ordinals(text: str) -> str:
    """``text`` with the numbers of numbered list items blanked out: same length, so
    character offsets still hold."""
    return _LIST_ORDINAL.sub(lambda match: " " * len(match.group()), text)


def normalize(text: str) -> str:
    """NFKC-normalise and case-fold ``text`` (full-width forms, ligatures and case unify)."""
    return unicodedata.normalize("NFKC", text).casefold()


def tokenize(text: str) -> list[str]:
    """Tokens of ``text`` in order; see the module docstring for what a token is."""
    text = blank_list_ordinals(text)
    if text.isascii():
        return _ASCII_WORD.findall(text.lower())
    text = normalize(text)
    if _MAYBE_NO_SPACE.search(text) is None:
        return _WORD.findall(text)
    return _WORD_OR_CHAR.findall(text)


def token_buffer(text: str) -> bytes:
    """The tokens of ``text`` as UTF-8, separated by runs of spaces: what the hashing consumes.

    ``token_buffer(text).split()`` is ``tokenize(text)`` encoded (no token contains a space
    byte: UTF-8 continuation bytes are >= 0x80). ASCII text (the common case) takes a
    shortcut: one byte-table pass maps letters to lower case and every other byte to a space.
    """
    if text.isascii():
        return blank_list_ordinals(text).encode("ascii").translate(_ASCII_TABLE)
    return " ".join(tokenize(text)).encode("utf-8")


def shingle_spans(n_tokens: int, size: int) -> list[tuple[int, int]]:
    """``(start, end)`` token ranges of the shingles of a text with ``n_tokens`` tokens."""
    if n_tokens == 0:
        return []
    if n_tokens < size:
        return [(0, n_tokens)]
    return [(i, i + size) for i in range(n_tokens - size + 1)]


def shingles(text: str, size: int) -> list[str]:
    """Shingles of ``text`` as strings of space-joined tokens, in text order (may repeat).

    This is the reference form a datasketch user feeds to ``MinHash.update_batch`` together
    with :class:`cleancorpus.fingerprint.ShingleHash`; the fast path never builds them.
    """
    tokens = tokenize(text)
    return [" ".join(tokens[start:end]) for start, end in shingle_spans(len(tokens), size)]
