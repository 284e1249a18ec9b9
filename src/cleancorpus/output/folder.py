"""The output folder: where a run may write, and the atomic swap of a finished staging folder.

Atomicity: everything is built in a staging folder next to OUTPUT (same file system), then
swapped in with two renames: old OUTPUT -> backup, staging -> OUTPUT; the backup is then
deleted. A crash while building leaves the old OUTPUT untouched (and the staging folder is
removed when the failure is an exception). Only between the two renames (microseconds) can a
hard crash leave no OUTPUT; the previous output then sits in the ``.NAME.old-*`` folder beside it.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import ConfigError
from .writers import OUTPUT_NAMES


def check_locations(input_dir: Path, output_dir: Path) -> None:
    """Refuse an OUTPUT that would overlap INPUT or overwrite something that is not ours."""
    src, dst = input_dir.resolve(), output_dir.resolve()
    if dst == src or src in dst.parents:
        raise ConfigError(
            f"OUTPUT {output_dir} is inside INPUT {input_dir}; choose a folder outside it"
        )
    if dst in src.parents:
        raise ConfigError(
            f"INPUT {input_dir} is inside OUTPUT {output_dir}; replacing OUTPUT would delete it"
        )
    check_replaceable(output_dir)


def check_replaceable(output_dir: Path) -> None:
    """OUTPUT may be missing, empty, or a previous cleancorpus output — nothing else."""
    if not output_dir.exists():
        return
    if not output_dir.is_dir():
        raise ConfigError(f"OUTPUT {output_dir} exists and is not a folder; choose another path")
    foreign = sorted(p.name for p in output_dir.iterdir() if p.name not in OUTPUT_NAMES)
    if foreign:
        shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise ConfigError(
            f"OUTPUT {output_dir} exists and holds files cleancorpus did not write ({shown}); "
            "choose a new or empty folder"
        )


@contextmanager
def atomic_folder(output_dir: Path) -> Iterator[Path]:
    """Yield a staging folder beside ``output_dir``; on success, swap it in as ``output_dir``.

    On an exception the staging folder is deleted and ``output_dir`` is left as it was.
    """
    parent = output_dir.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = _fresh_name(parent, f".{output_dir.name}.staging-")
    staging.mkdir()  # unlike mkdtemp, honours the umask, so OUTPUT gets ordinary permissions
    try:
        yield staging
        _swap(staging, output_dir.absolute())
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, target: Path) -> None:
    if not target.exists():
        os.rename(staging, target)
        return
    backup = _fresh_name(target.parent, f".{target.name}.old-")
    os.rename(target, backup)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(backup, target)
        raise
    shutil.rmtree(backup, ignore_errors=True)


def _fresh_name(parent: Path, prefix: str) -> Path:
    while True:
        candidate = parent / f"{prefix}{secrets.token_hex(4)}"
        if not os.path.lexists(candidate):
            return candidate
