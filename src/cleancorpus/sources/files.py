"""Reading input folders: which files are documents, and turning one file's bytes into text.

A file's id is its path relative to the input folder with ``/`` separators. A file is read
when its name ends with one of the extensions (case-insensitive; several dots allowed, as in
``.jsonl.gz``); :mod:`cleancorpus.sources.stream` decides from the extension what the file holds.

Decoding a text file (``.txt``, ``.md``): a byte-order mark (UTF-8, UTF-16, UTF-32) decides the
encoding and is dropped; otherwise UTF-8; otherwise charset-normalizer detects the charset and
the text is decoded with a warning naming the file and the encoding (ties between single-byte
code pages go to windows-1252). Nothing else is changed: CRLF line endings are kept exactly as
read, so every character offset reported later (removals' ``start``/``end``) refers to the
decoded text exactly as read from the file.

Every problem with one file becomes an :class:`~cleancorpus.errors.InputError` naming the file
and the problem, so the caller can report it and go on with the other files:

- larger than the byte limit (checked with ``stat`` before anything is read),
- not a regular file (a FIFO or device named ``*.txt``), or unreadable (permissions, a
  dangling symlink),
- binary: NUL bytes (without a UTF-16/32 byte-order mark), or mostly control characters,
- not UTF-8 and no charset decodes it sensibly (the message names the first bad byte),
- empty, or nothing but whitespace.

Folders are walked without following symlinked folders (no loops); symlinked files are read.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from ..errors import InputError
from .charsets import BOMS, detect_charset

DEFAULT_EXTENSIONS: tuple[str, ...] = (
    ".txt",
    ".md",
    ".html",
    ".htm",
    ".jsonl",
    ".jsonl.gz",
    ".parquet",
    ".warc",
    ".warc.gz",
)
BOM = "\ufeff"

# A text is "mostly control characters" when more than this share of its first
# _SAMPLE characters are C0/C1 controls other than ordinary whitespace.
_CONTROL_SHARE = 0.3
_SAMPLE = 8192
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # C0/C1 controls except \t\n\v\f\r
_ASCII_CONTROLS = bytes([*range(0x09), *range(0x0E, 0x20), 0x7F])  # the same, in ASCII text
# O_NONBLOCK: opening a FIFO named *.txt must not wait for a writer (fstat then rejects it);
# O_BINARY: no newline translation on Windows. Flags a platform lacks are left out.
_READ_FLAGS = os.O_RDONLY | sum(getattr(os, f, 0) for f in ("O_NONBLOCK", "O_CLOEXEC", "O_BINARY"))


class Decoded(NamedTuple):
    """A decoded text file: the text, the codec used, and a warning when it was not UTF-8."""

    text: str
    encoding: str
    warning: str | None


@dataclass(frozen=True)
class Listing:
    """The files under an input folder: documents to read, and files ignored by extension."""

    documents: tuple[str, ...]  # ids (relative paths with "/"), sorted
    skipped: tuple[str, ...]  # ids of files whose extension is not read, sorted


def list_folder(
    root: str | os.PathLike[str], extensions: Iterable[str] = DEFAULT_EXTENSIONS
) -> Listing:
    """List ``root`` recursively; extensions are matched case-insensitively (``.TXT`` is read)."""
    wanted = tuple({e.lower() for e in extensions})
    base = os.fspath(root)
    documents: list[str] = []
    skipped: list[str] = []
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames.sort()
        rel = os.path.relpath(dirpath, base)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        for name in filenames:
            (documents if name.lower().endswith(wanted) else skipped).append(prefix + name)
    return Listing(documents=tuple(sorted(documents)), skipped=tuple(sorted(skipped)))


def read_bytes(
    root: str | os.PathLike[str], doc_id: str, max_bytes: int, name: str | None = None
) -> bytes:
    """Read the file ``root/doc_id`` whole; raise :class:`InputError` naming ``doc_id`` (or
    ``name``, the document's id when ``doc_id`` is its real path)."""
    path = os.path.join(root, *doc_id.split("/")) if root else doc_id
    doc_id = name if name is not None else doc_id
    try:
        handle = os.open(path, _READ_FLAGS)
    except OSError as exc:
        raise InputError(doc_id, f"cannot be read: {_os_problem(exc)}") from exc
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(doc_id, "cannot be read: not a regular file (FIFO, device or socket)")
        if info.st_size > max_bytes:
            raise InputError(
                doc_id,
                f"file is too large: {info.st_size:,} bytes, over the limit of {max_bytes:,} "
                "bytes (raise it with --max-bytes or RunOptions.max_bytes)",
            )
        data = _read_all(handle, info.st_size, max_bytes)
    except OSError as exc:
        raise InputError(doc_id, f"cannot be read: {_os_problem(exc)}") from exc
    finally:
        os.close(handle)
    if len(data) > max_bytes:  # grew between fstat and read
        raise InputError(
            doc_id, f"file is too large: over the limit of {max_bytes:,} bytes (--max-bytes)"
        )
    return data


def _read_all(handle: int, size: int, max_bytes: int) -> bytes:
    """Up to ``max_bytes + 1`` bytes from ``handle``, ``size`` (from fstat) read at once."""
    parts: list[bytes] = []
    total, want = 0, max(size, 1)  # size 0 may still have content (procfs)
    while total <= max_bytes:
        part = os.read(handle, min(want, max_bytes + 1 - total))
        if not part:
            break
        parts.append(part)
        total += len(part)
        want = 1 if total == size else 1 << 16  # at the expected size: just confirm the end
    return b"".join(parts)


def read_text(root: str | os.PathLike[str], doc_id: str, max_bytes: int) -> Decoded:
    """Read and decode the file ``root/doc_id``; raise :class:`InputError` naming ``doc_id``."""
    return decode(doc_id, read_bytes(root, doc_id, max_bytes))


def decode(doc_id: str, data: bytes) -> Decoded:
    """Decode one file's bytes (see the module docstring), rejecting binary and empty content."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                break  # a byte-order mark by accident: decode as below
            check_text(doc_id, text)
            return Decoded(text, codec, None)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(
            doc_id,
            f"binary file: NUL byte at byte offset {nul} (UTF-16 text needs a byte-order mark)",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        where = f"byte 0x{bad} at byte offset {exc.start}"
        detected = detect_charset(data)
        if detected is None:
            raise InputError(
                doc_id,
                f"not valid UTF-8 ({where}) and no other charset decodes it sensibly; "
                "convert the file to UTF-8",
            ) from exc
        text = data.decode(detected, errors="replace")
        check_text(doc_id, text)
        return Decoded(
            text, detected, f"not valid UTF-8 ({where}); decoded as {detected} (detected)"
        )
    check_text(doc_id, text)
    return Decoded(text, "utf-8", None)


def check_text(doc_id: str, text: str, empty: str = "empty file") -> None:
    """Reject a text that is empty, only whitespace, or mostly control characters.

    ``empty`` starts the message of an empty text: ``"empty record (data.jsonl:3)"`` for a
    record, so that the message says where it is.
    """
    if not text:
        raise InputError(doc_id, f"{empty}: no text to clean")
    if text.isspace():
        raise InputError(doc_id, f"{empty}: only whitespace")
    sample = text[:_SAMPLE]
    controls = _count_controls(sample)
    if controls > _CONTROL_SHARE * len(sample):
        raise InputError(
            doc_id,
            f"binary file: {controls} of the first {len(sample)} characters are control characters",
        )


def _count_controls(text: str) -> int:
    """How many characters of ``text`` are C0/C1 controls other than ordinary whitespace."""
    if text.isascii():  # a byte-table pass: ten times faster than the pattern scan
        data = text.encode("ascii")
        return len(data) - len(data.translate(None, _ASCII_CONTROLS))
    return len(_CONTROL.findall(text))


def _os_problem(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "file not found (a dangling symlink, or removed while running)"
    return exc.strerror or type(exc).__name__
