"""Output files written in parts, one folder per id range, then placed side by side.

A writer of one id range (:class:`~cleancorpus.output.writers.OutputWriter` on a part folder)
produces that range's lines of ``documents.jsonl``, ``corpus.jsonl`` and ``removals.jsonl``.
:func:`place_part` copies one part's files into the output files at given offsets (the sizes
of the parts before it), by a kernel-side copy (``os.copy_file_range`` where there is one,
else buffered reads), and deletes the part: several processes or machines place parts at
once, in any order. :func:`create_targets` comes first, :func:`finish_targets` once all are
placed.

The parts live inside the staging folder (:mod:`.folder`), under :data:`PARTS`, which is
removed before the swap: OUTPUT appears whole or not at all, as in a sequential run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from .writers import CORPUS, DOCUMENTS, REMOVALS

PARTS = ".parts"  # inside the staging folder
JOINED = (DOCUMENTS, CORPUS, REMOVALS)
_CHUNK = 1 << 26  # bytes per copy call


def part_folder(staging: Path, number: int) -> Path:
    """Where the part of id range ``number`` is written."""
    return staging / PARTS / f"{number:06d}"


def _copy(source: int, target: int, size: int, at: int) -> None:
    """Copy ``size`` bytes from ``source``'s position to offset ``at`` of ``target``."""
    copy_range = getattr(os, "copy_file_range", None)
    left = size
    while left > 0 and copy_range is not None:
        try:
            done = copy_range(source, target, min(left, _CHUNK), None, at + size - left)
        except OSError:  # not supported between these file systems: copy by reading
            break
        if done == 0:
            break
        left -= done
    if left > 0:  # target is this process's own descriptor: seek it
        os.lseek(target, at + size - left, os.SEEK_SET)
    while left > 0:
        data = os.read(source, min(left, _CHUNK))
        if not data:
            raise OSError(f"part file ended {left} bytes early")
        view = memoryview(data)
        while view:
            view = view[os.write(target, view) :]
        left -= len(data)


def part_sizes(part: Path) -> dict[str, int]:
    """The bytes of each of a part's files (0: missing)."""
    return {name: (part / name).stat().st_size if (part / name).exists() else 0 for name in JOINED}


def create_targets(staging: Path) -> None:
    """Create the output files, empty, for :func:`place_part`."""
    for name in JOINED:
        (staging / name).write_bytes(b"")


def place_part(staging: Path, part: Path, offsets: Mapping[str, int]) -> None:
    """Copy the files of ``part`` into ``staging``'s output files at ``offsets`` (by file
    name) and delete the part."""
    for name in JOINED:
        path = part / name
        if not path.exists():
            continue
        source = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            target = os.open(staging / name, os.O_WRONLY | getattr(os, "O_BINARY", 0))
            try:
                _copy(source, target, os.fstat(source).st_size, offsets[name])
            finally:
                os.close(target)
        finally:
            os.close(source)
    shutil.rmtree(part)


def finish_targets(staging: Path, sizes: Mapping[str, int]) -> None:
    """Check that the placed output files have ``sizes`` (the parts' in all) and remove
    the parts' folder."""
    for name in JOINED:
        found = (staging / name).stat().st_size
        if found != sizes[name]:
            raise OSError(f"{name}: {found} bytes placed, expected {sizes[name]}")
    shutil.rmtree(staging / PARTS, ignore_errors=True)
