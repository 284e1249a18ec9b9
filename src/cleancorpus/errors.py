"""The small exception tree of cleancorpus, and the CLI exit code of each kind of error."""

from __future__ import annotations

MESSAGE_LIMIT = 500  # characters of a path or problem kept in a message


def printable(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """``text`` safe to print: control characters, lone surrogates and other unprintable
    characters escaped (``\\x1b``, ``\\udcff``), letters of every script kept, cut to
    ``limit`` characters. Messages quote input (file names, bytes a parser choked on), and
    binary garbage must never reach a terminal raw."""
    if text.isprintable() and len(text) <= limit:
        return text
    out: list[str] = []
    size = 0
    for char in text:
        piece = char if char.isprintable() else _escape(char)
        size += len(piece)
        if size > limit:
            out.append("...")
            break
        out.append(piece)
    return "".join(out)


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


class CleancorpusError(Exception):
    """Base class of every error cleancorpus raises on purpose."""

    exit_code = 1


class ConfigError(CleancorpusError, ValueError):
    """A configuration value is invalid; the message says which and how to fix it."""

    exit_code = 2


class InputError(CleancorpusError):
    """An input file or record cannot be read; the message names the file and the problem."""

    exit_code = 3

    def __init__(self, path: str, problem: str) -> None:
        path, problem = printable(path), printable(problem)
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        return (type(self), (self.path, self.problem))


class MismatchError(CleancorpusError, ValueError):
    """Signatures or indexes built with different parameters were mixed."""

    exit_code = 4


class OutputError(CleancorpusError):
    """OUTPUT could not be written: the disk is full, the file system is read-only, or
    permission is denied. The staging folder was removed and a previous OUTPUT is intact."""

    exit_code = 5
