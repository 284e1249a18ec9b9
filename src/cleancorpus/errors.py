"""The small exception tree of cleancorpus, and the CLI exit code of each kind of error."""

from __future__ import annotations


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
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        return (type(self), (self.path, self.problem))


class MismatchError(CleancorpusError, ValueError):
    """Signatures or indexes built with different parameters were mixed."""

    exit_code = 4
