"""INPUT as users give it: one or more folders, files, globs, or ``-`` for JSONL on stdin.

- A folder is read recursively; its documents' ids are paths relative to it (``site/a.txt``).
- A file is read whatever its extension (unknown ones as text); its id is its file name
  (``data.jsonl.gz``, records ``data.jsonl.gz#ID``).
- A glob (``'shards/*.parquet'``, ``'crawl/**/*.warc.gz'``; quoted, so that the shell leaves it
  alone) stands for the files and folders it matches; ids are relative to the folder before
  its first wildcard (``shards/``), and only files with a read extension are taken.
- ``-`` reads JSON Lines from standard input; its records' ids are ``stdin#ID`` (``stdin#line-N``).
  Standard input is read once, learning included (it counts during the one pass).

Ids must be unique across all inputs: a later document with an id already used is an error
naming it (the first is kept), as for records inside one file. A file whose name is not valid
UTF-8 is read, and its id has U+FFFD in place of the undecodable bytes (with a warning).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from .files import DEFAULT_EXTENSIONS, list_folder

STDIN = "-"
STDIN_ID = "stdin"
_MAGIC = frozenset("*?[")


@dataclass(frozen=True)
class InputFile:
    """One input file: its id (as documents name it) and the path it is read from."""

    id: str
    path: str


@dataclass(frozen=True)
class Inputs:
    """What the INPUT arguments stand for."""

    arguments: tuple[str, ...]
    files: tuple[InputFile, ...]  # in argument order, each argument's files sorted by id
    skipped: tuple[str, ...]  # ids of files ignored by extension
    roots: tuple[Path, ...]  # the folders and files named (globs expanded), for overlap checks
    folder: Path | None  # the one folder, when INPUT is exactly one folder
    stdin: bool = False


def resolve_inputs(
    arguments: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    extensions: Iterable[str] = DEFAULT_EXTENSIONS,
) -> Inputs:
    """Expand the INPUT arguments; raise :class:`ConfigError` for one that names nothing."""
    if isinstance(arguments, (str, os.PathLike)):
        arguments = [arguments]
    given = tuple(os.fspath(a) for a in arguments)
    if not given:
        raise ConfigError("no INPUT given; give folders, files, globs or - (JSONL on stdin)")
    wanted = tuple({e.lower() for e in extensions})
    files: list[InputFile] = []
    skipped: list[str] = []
    roots: list[Path] = []
    stdin = False
    for argument in given:
        if argument == STDIN:
            if stdin:
                raise ConfigError("- (standard input) is given twice; it can be read only once")
            stdin = True
            continue
        if os.path.lexists(argument):
            matches, base = [argument], None
        elif _MAGIC & set(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            if not matches:
                raise ConfigError(f"INPUT {argument} matches no file or folder")
            base = _glob_base(argument)
        else:
            raise ConfigError(
                f"INPUT {argument} does not exist; give folders, files, globs or - (JSONL on stdin)"
            )
        for match in matches:
            roots.append(Path(match))
            if os.path.isdir(match):
                listing = list_folder(match, extensions)
                prefix = "" if base is None else _relative(match, base) + "/"
                files.extend(
                    InputFile(prefix + doc_id, os.path.join(match, *doc_id.split("/")))
                    for doc_id in listing.documents
                )
                skipped.extend(prefix + doc_id for doc_id in listing.skipped)
            elif base is None:
                files.append(InputFile(os.path.basename(match), match))
            elif match.lower().endswith(wanted):
                files.append(InputFile(_relative(match, base), match))
            else:
                skipped.append(_relative(match, base))
    folder = Path(given[0]) if len(given) == 1 and os.path.isdir(given[0]) else None
    return Inputs(given, tuple(files), tuple(skipped), tuple(roots), folder, stdin)


def _glob_base(pattern: str) -> str:
    """The folder before the first wildcard of ``pattern`` (``shards`` for ``shards/*.jsonl``)."""
    parts = pattern.replace(os.sep, "/").split("/")
    fixed: list[str] = []
    for part in parts[:-1]:
        if _MAGIC & set(part):
            break
        fixed.append(part)
    return "/".join(fixed) or ("/" if pattern.startswith("/") else ".")


def _relative(path: str, base: str) -> str:
    return os.path.relpath(path, base).replace(os.sep, "/")
