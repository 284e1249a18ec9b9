"""Shared fixtures: a helper that writes a folder of files, and a few small inline texts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

# Small stand-ins for the seed reports: a header with markdown link residue, a body, a footer.
_TEXTS: dict[str, str] = {
    "alpha": (
        "By [South Front](#)\n\nThe units repelled a large attack near the border on Monday.\n\n"
        "Fighters dug trenches to secure the liberated villages.\n\n"
        "The original source of this article is [South Front](#)\n"
    ),
    "beta": (
        "Officials said the river crossing will reopen next week after repairs.\n\n"
        "Traffic was diverted through the northern bridge, Überlandstraße 7.\n"
    ),
    "gamma": "Ένα σύντομο κείμενο στα ελληνικά για τον έλεγχο.\r\nSecond line with CRLF.\r\n",
}

WriteTree = Callable[[Path, Mapping[str, "str | bytes"]], Path]


def _write_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Create ``files`` (relative path -> text or bytes) under ``root``, in the given order."""
    for rel, content in files.items():
        path = root.joinpath(*rel.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
    return root


@pytest.fixture
def write_tree() -> WriteTree:
    """``write_tree(root, {"a/b.txt": "text", ...})`` writes the files and returns ``root``."""
    return _write_tree


@pytest.fixture
def texts() -> dict[str, str]:
    """Three small documents: English with link residue, German words, Greek with CRLF."""
    return dict(_TEXTS)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real redis-server on 127.0.0.1 for the whole session (never skipped)."""
    from tests.redis_server import redis_server

    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url
