"""Load a local HTML file in headless Chromium: dump the DOM it built, or take a screenshot.

Also a minimal DOM tree (from :mod:`html.parser`) so tests can count elements in a dump.
Set ``CLEANCORPUS_CHROMIUM`` to a binary to override the search on PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = (
    "Chromium not found (looked for $CLEANCORPUS_CHROMIUM, then "
    + ", ".join(NAMES)
    + " on PATH): run `bash .ci/install-browser.sh` (as root) to install it"
)
# A closed machine refuses outbound connections: keep Chromium from trying any.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--force-device-scale-factor=1",
    "--hide-scrollbars",
)
TIMEOUT = 90


def find_chromium() -> str | None:
    """Return the path of a Chromium binary, or None."""
    override = os.environ.get("CLEANCORPUS_CHROMIUM")
    if override:
        return override if os.access(override, os.X_OK) else None
    for name in NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def _run(binary: str, args: list[str]) -> str:
    with tempfile.TemporaryDirectory(prefix="cc-chromium-") as profile:
        done = subprocess.run(
            [binary, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    if done.returncode != 0:
        tail = "\n".join(done.stderr.splitlines()[-15:])
        raise RuntimeError(f"{binary} exited with {done.returncode}:\n{tail}")
    return done.stdout


def dump_dom(binary: str, page: Path) -> str:
    """Return the DOM Chromium built for ``page``, serialised as HTML."""
    return _run(binary, ["--dump-dom", page.resolve().as_uri()])


def screenshot(binary: str, page: Path, png: Path, size: tuple[int, int] = (1280, 2400)) -> Path:
    """Render ``page`` in a ``size`` window and save the viewport as ``png``."""
    width, height = size
    _run(
        binary, [f"--screenshot={png}", f"--window-size={width},{height}", page.resolve().as_uri()]
    )
    if not png.is_file():
        raise RuntimeError(f"Chromium did not write {png}")
    return png


@dataclass
class Node:
    """An element of a parsed DOM: tag, attributes, children and its own text pieces."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    parts: list[str | Node] = field(default_factory=list)

    def find_all(self, tag: str) -> list[Node]:
        """All descendants with this tag, in document order."""
        found = []
        for child in self.children:
            if child.tag == tag:
                found.append(child)
            found.extend(child.find_all(tag))
        return found

    def by_id(self, element_id: str) -> Node | None:
        """The first descendant with this id, or None."""
        for child in self.children:
            if child.attrs.get("id") == element_id:
                return child
            hit = child.by_id(element_id)
            if hit is not None:
                return hit
        return None

    def text(self) -> str:
        """The concatenated text of this element and its descendants."""
        return "".join(p if isinstance(p, str) else p.text() for p in self.parts)


_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        self.stack[-1].parts.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        self.stack[-1].parts.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].parts.append(data)


def parse_dom(markup: str) -> Node:
    """Parse HTML into a :class:`Node` tree (lenient about unclosed tags)."""
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root
