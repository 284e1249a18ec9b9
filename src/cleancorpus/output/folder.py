"""The output folder: where a run may write, its manifest, and the atomic swap of a finished
staging folder.

Atomicity: everything is built in a staging folder next to OUTPUT (same file system), then
swapped in with two renames: old OUTPUT -> backup, staging -> OUTPUT; the backup is then
deleted. A crash while building leaves the old OUTPUT untouched (and the staging folder is
removed when the failure is an exception or SIGTERM). Only between the two renames
(microseconds) can a hard crash leave no OUTPUT; the previous output then sits in the
``.NAME.old-*`` folder beside it.

Ownership. Every output holds a manifest, :data:`MANIFEST` (``.cleancorpus-manifest.json``:
``tool``, ``version``, ``run_id``, ``files``: every file written, relative paths with ``/``).
An existing OUTPUT is replaced only when it is empty, or when it holds a valid manifest of
ours *and* nothing that manifest does not list: a file the user added to an old output is
never deleted, and a folder cleancorpus did not write (even one whose names look like
output names) is refused with :class:`ConfigError` (exit 2). Outputs written before
manifests existed are refused too: delete them yourself or choose a new folder.

A symlinked OUTPUT is followed: the folder it points to is the one checked and replaced, and
the link is kept.

Stale staging folders. A staging folder records the pid of the run that owns it in
:data:`OWNER`. A run removes the ``.NAME.staging-*`` folders beside its OUTPUT whose owner
is no longer alive (a run killed with SIGKILL); it never touches a live run's folder, nor
one without an owner file.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import shutil
import socket
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

from ..errors import ConfigError, OutputError

MANIFEST = ".cleancorpus-manifest.json"
OWNER = ".cleancorpus-owner"
TOOL = "cleancorpus"


def output_path(output_dir: Path) -> Path:
    """OUTPUT as it is written: a symlink is followed to the folder it names."""
    if output_dir.is_symlink():
        return Path(os.path.realpath(output_dir))
    return output_dir


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


def check_inputs_and_output(inputs: Iterable[Path], output_dir: Path) -> None:
    """:func:`check_locations` for each folder given as INPUT; a file given as INPUT must not
    be OUTPUT itself nor inside it."""
    dst = output_dir.resolve()
    for source in inputs:
        if source.is_dir():
            check_locations(source, output_dir)
            continue
        src = source.resolve()
        if src == dst or dst in src.parents:
            raise ConfigError(
                f"INPUT {source} is OUTPUT {output_dir} or inside it; "
                "replacing OUTPUT would delete it"
            )
    check_replaceable(output_dir)


def check_replaceable(output_dir: Path) -> None:
    """OUTPUT may be missing, empty, or an output of ours with nothing added — nothing else."""
    shown_name = output_dir
    output_dir = output_path(output_dir)
    if not output_dir.exists():
        return
    if not output_dir.is_dir():
        raise ConfigError(f"OUTPUT {shown_name} exists and is not a folder; choose another path")
    present = _files_under(output_dir)
    if not present and not any(output_dir.iterdir()):
        return
    listed = read_manifest(output_dir)
    if listed is None:
        raise ConfigError(
            f"OUTPUT {shown_name} exists, is not empty and holds no cleancorpus manifest "
            f"({MANIFEST}), so cleancorpus did not write it and will not replace it; "
            "choose a new or empty folder (or delete it yourself)"
        )
    foreign = sorted(present - listed - {MANIFEST})
    if foreign:
        shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise ConfigError(
            f"OUTPUT {shown_name} is an earlier cleancorpus output but holds files cleancorpus "
            f"did not write ({shown}); move them away, or choose a new or empty folder"
        )


def read_manifest(folder: Path) -> set[str] | None:
    """The files a valid manifest in ``folder`` lists, or None when there is none."""
    try:
        with open(folder / MANIFEST, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("tool") != TOOL:
        return None
    files = data.get("files")
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    return set(files)


def write_manifest(folder: Path, run_id: str) -> None:
    """List every file under ``folder`` in its manifest (written last, before the swap)."""
    files = sorted(_files_under(folder) - {MANIFEST, OWNER})
    data = {"tool": TOOL, "version": _version(), "run_id": run_id, "files": files}
    with open(folder / MANIFEST, "w", encoding="utf-8", newline="\n") as handle:
        json.dump(data, handle, ensure_ascii=True, indent=1)
        handle.write("\n")


def _version() -> str:
    try:
        return metadata.version(TOOL)
    except metadata.PackageNotFoundError:
        return "unknown"


def _files_under(folder: Path) -> set[str]:
    base = os.fspath(folder)
    found: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(base):
        rel = os.path.relpath(dirpath, base)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        found.update(prefix + name for name in filenames)
        found.update(
            prefix + name for name in dirnames if os.path.islink(os.path.join(dirpath, name))
        )
    return found


@contextmanager
def atomic_folder(output_dir: Path) -> Iterator[Path]:
    """Yield a staging folder beside ``output_dir``; on success, swap it in as ``output_dir``.

    The staging folder holds an owner file (this pid) while it is built, and a manifest of
    every file when it is swapped in. On an exception the staging folder is deleted and
    ``output_dir`` is left as it was. Stale staging folders of dead runs are removed first.
    """
    target = output_path(output_dir).absolute()
    parent = target.parent
    prefix = f".{target.name}.staging-"
    try:
        parent.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(parent, prefix)
        staging = _fresh_name(parent, prefix, secrets.token_hex(4))
        staging.mkdir()  # unlike mkdtemp, honours the umask, so OUTPUT gets ordinary permissions
    except OSError as exc:
        if exc.errno in WRITE_PROBLEMS:
            raise _unwritable(output_dir, exc) from exc
        raise
    try:
        (staging / OWNER).write_text(f"{os.getpid()} {socket.gethostname()}\n", encoding="utf-8")
        yield staging
        os.unlink(staging / OWNER)
        write_manifest(staging, staging.name.rsplit("-", 1)[-1])
        _swap(staging, target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if exc.errno in WRITE_PROBLEMS:
            raise _unwritable(output_dir, exc) from exc
        raise
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


#: The errors that mean "OUTPUT cannot be written here", and how messages name them.
WRITE_PROBLEMS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EFBIG: "a file is too large for the file system",
}


def _unwritable(output_dir: Path, exc: OSError) -> OutputError:
    where = f" ({exc.filename})" if exc.filename else ""
    problem = WRITE_PROBLEMS.get(exc.errno or 0, exc.strerror or "cannot write")
    return OutputError(
        f"cannot write OUTPUT {output_dir}: {problem}{where}; the staging "
        "folder was removed and any previous OUTPUT is left as it was; free some space, or "
        "choose a folder on a writable disk"
    )


def remove_stale_staging(parent: Path, prefix: str) -> list[Path]:
    """Remove the staging folders named ``prefix*`` in ``parent`` whose owner run is dead."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(prefix) or not entry.is_dir(follow_symlinks=False):
            continue
        if _owner_dead(Path(entry.path)):
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(Path(entry.path))
    return removed


def _owner_dead(staging: Path) -> bool:
    try:
        pid_text, _, host = (staging / OWNER).read_text(encoding="utf-8").strip().partition(" ")
        pid = int(pid_text)
    except (OSError, ValueError):
        return False  # no owner recorded: not ours to judge
    if host and host != socket.gethostname():
        return False  # another machine's run on a shared file system
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, someone else's
    return False


def _swap(staging: Path, target: Path) -> None:
    if not target.exists():
        os.rename(staging, target)
        return
    backup = _fresh_name(target.parent, f".{target.name}.old-", secrets.token_hex(4))
    os.rename(target, backup)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(backup, target)
        raise
    shutil.rmtree(backup, ignore_errors=True)


def _fresh_name(parent: Path, prefix: str, token: str) -> Path:
    while True:
        candidate = parent / f"{prefix}{token}"
        if not os.path.lexists(candidate):
            return candidate
        token = secrets.token_hex(4)
