"""Byte-order marks and charset detection, shared by the text and the HTML readers."""

from __future__ import annotations

import codecs

#: Byte-order marks and their codecs; UTF-32 LE first, as its mark starts like UTF-16 LE's.
BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CHAOS_TIE = 0.01  # charset-normalizer mess scores this close count as a tie


def detect_charset(data: bytes) -> str | None:
    """The codec charset-normalizer finds for bytes that are not UTF-8, or None.

    Single-byte code pages often tie on short texts; a tie is broken towards windows-1252
    (cp1252), the usual legacy encoding of Western text and the HTML standard's fallback for
    undeclared pages. UTF-16/32 guesses are refused: such text without a byte-order mark
    holds NUL bytes, which mark a binary file.
    """
    from charset_normalizer import from_bytes  # lazy: only non-UTF-8 input needs it

    matches = [m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not matches:
        return None
    best = min(matches, key=lambda m: m.chaos)
    close = [m for m in matches if m.chaos <= best.chaos + _CHAOS_TIE]
    if any("cp1252" in m.could_be_from_charset for m in close):
        return "cp1252"
    return codecs.lookup(best.encoding).name


#: A declared charset that leaves at most this many invalid byte sequences in a page wins
#: over a guess: a few stray bytes (a truncated character, a pasted Latin-1 quote) in a
#: UTF-8 page are common, and a single-byte guess would garble every accented letter. Below
#: this count a page mislabelled the other way loses no more than these few characters.
MAX_DECLARED_ERRORS = 8
#: Beyond that count, the declaration still wins while at least this many non-ASCII
#: characters decode for each invalid sequence. A single-byte page mislabelled as UTF-8 has
#: an invalid sequence for nearly every accented letter and so fails this; a share of all
#: characters would not do, as markup makes up most of a page and dilutes any share.
VALID_PER_INVALID = 10


def decode_counting(data: bytes, codec: str) -> tuple[str, int] | None:
    """``data`` decoded with ``codec``, invalid byte sequences as U+FFFD, and how many there
    were; None when the codec cannot decode it at all (``undefined`` refuses everything).

    Replacement characters the bytes encode properly are not counted as invalid.
    """
    try:
        text = data.decode(codec, errors="replace")
    except (UnicodeError, LookupError, TypeError, ValueError):
        return None
    try:
        genuine = data.count("\ufffd".encode(codec))
    except (UnicodeError, LookupError, TypeError, ValueError):
        genuine = 0  # the codec cannot encode U+FFFD, so the bytes hold none
    return text, text.count("\ufffd") - genuine


def few_invalid(text: str, invalid: int) -> bool:
    """Whether a text decoded with ``invalid`` bad sequences (see :func:`decode_counting`) is
    still best read in its declared charset (:data:`MAX_DECLARED_ERRORS`,
    :data:`VALID_PER_INVALID`)."""
    if invalid <= MAX_DECLARED_ERRORS:
        return True
    non_ascii = len(text) - len(text.encode("ascii", "ignore")) - invalid
    return non_ascii >= VALID_PER_INVALID * invalid
