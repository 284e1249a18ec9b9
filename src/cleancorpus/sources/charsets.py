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
