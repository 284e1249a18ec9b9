"""Output files written in parts, one folder per id range, then joined in order.

A writer of one id range (:class:`~cleancorpus.output.writers.OutputWriter` on a part folder)
produces that range's lines of ``documents.jsonl``, ``corpus.jsonl`` and ``removals.jsonl``;
:class:`PartJoiner` appends each part's files, range by range, to the output files by a
kernel-side copy (``os.copy_file_range`` where there is one, else buffered reads), and deletes
the part. The parts live inside the staging folder (:mod:`.folder`), under :data:`PARTS`, which
is removed before the swap: OUTPUT appears whole or not at all, as in a sequential run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import TracebackType

from .writers import CORPUS, DOCUMENTS, REMOVALS

PARTS = ".parts"  # inside the staging folder
JOINED = (DOCUMENTS, CORPUS, REMOVALS)
_CHUNK = 1 << 26  # bytes per copy call


def part_folder(staging: Path, number: int) -> Path:
    """Where the part of id range ``number`` is written."""
    return staging / PARTS / f"{number:06d}"


def _copy(source: int, target: int, size: int) -> None:
    copy_range = getattr(os, "copy_file_range", None)
    left = size
    while left > 0 and copy_range is not None:
        try:
            done = copy_range(source, target, min(left, _CHUNK))
        except OSError:  # not supported between these file systems: copy by reading
            break
        if done == 0:
            break
        left -= done
    while left > 0:
        data = os.read(source, min(left, _CHUNK))
        if not data:
            raise OSError(f"part file ended {left} bytes early")
        view = memoryview(data)
        while view:
            view = view[os.write(target, view) :]
        left -= len(data)


class PartJoiner:
    """Appends parts, in the order given, to ``staging``'s output files."""

    def __init__(self, staging: Path) -> None:
        self.staging = staging
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        self._targets = {name: os.open(staging / name, flags, 0o666) for name in JOINED}
        self.sizes = dict.fromkeys(JOINED, 0)  # bytes joined so far, by file

    def append(self, part: Path) -> None:
        """Append the files of ``part`` (each may be missing: empty) and delete it."""
        for name, target in self._targets.items():
            path = part / name
            if not path.exists():
                continue
            source = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
            try:
                size = os.fstat(source).st_size
                _copy(source, target, size)
            finally:
                os.close(source)
            self.sizes[name] += size
        shutil.rmtree(part)

    def close(self) -> None:
        for target in self._targets.values():
            os.close(target)
        self._targets = {}
        shutil.rmtree(self.staging / PARTS, ignore_errors=True)

    def __enter__(self) -> PartJoiner:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
