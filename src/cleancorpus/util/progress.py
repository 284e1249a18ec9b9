"""A one-line progress display on stderr for long runs, with no dependency.

``Progress(stream)`` is called with the number of documents finished since the last call (the
pipeline calls it with 0 when its pass starts, which starts the rate's clock, then once per
chunk) and draws ``cleancorpus: 12,345 documents (850/s)`` at the
first count, then at most every ``interval`` seconds. It writes nothing at all when the stream
is not a terminal (a log file, a pipe, a test's StringIO) or when disabled (``--quiet``);
:meth:`close` erases the line so that the summary starts on a clean line.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

_ERASE = "\r\x1b[K"


class Progress:
    """Counts finished documents and shows the count and rate on a terminal."""

    def __init__(
        self,
        stream: TextIO,
        *,
        enabled: bool = True,
        interval: float = 0.5,
        clock: Callable[[], float] = time.monotonic,
        label: str = "",
    ) -> None:
        """``label`` names the pass on the line (``cleancorpus: learning: 12 documents``)."""
        self.stream = stream
        self.prefix = f"cleancorpus: {label}: " if label else "cleancorpus: "
        self.active = enabled and _is_terminal(stream)
        self.interval = interval
        self.clock = clock
        self.done = 0
        self._start = clock()
        self._last = float("-inf")  # the first update is drawn at once
        self._shown = False

    def __call__(self, finished: int) -> None:
        if finished == 0 and self.done == 0:  # the pass starts now: rates count from here
            self._start = self.clock()
            return
        self.done += finished
        if not self.active:
            return
        now = self.clock()
        if now - self._last < self.interval:
            return
        self._last = now
        rate = self.done / max(now - self._start, 1e-9)
        self.stream.write(f"{_ERASE}{self.prefix}{self.done:,} documents ({rate:,.0f}/s)")
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        """Erase the progress line, if one was drawn."""
        if self._shown:
            self.stream.write(_ERASE)
            self.stream.flush()
            self._shown = False


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False
