from __future__ import annotations

import io

from cleancorpus.util.progress import Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_draws_at_once_then_at_most_every_interval():
    stream, clock = _Terminal(), _Clock()
    progress = Progress(stream, interval=1.0, clock=clock)
    clock.now = 102.0
    progress(100)
    assert stream.getvalue() == "\r\x1b[Kcleancorpus: 100 documents (50/s)"
    clock.now = 102.5
    progress(1000)  # too soon: counted, not drawn
    assert progress.done == 1100
    assert stream.getvalue().count("documents") == 1
    clock.now = 104.0
    progress(900)
    assert stream.getvalue().endswith("\r\x1b[Kcleancorpus: 2,000 documents (500/s)")
    progress.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_silent_when_not_a_terminal_or_disabled():
    for stream, enabled in ((io.StringIO(), True), (_Terminal(), False)):
        progress = Progress(stream, enabled=enabled)
        progress(5)
        progress.close()
        assert stream.getvalue() == ""
        assert progress.done == 5


def test_close_without_drawing_writes_nothing():
    stream = _Terminal()
    Progress(stream).close()
    assert stream.getvalue() == ""


def test_a_label_names_the_pass():
    stream = _Terminal()
    progress = Progress(stream, label="learning", clock=_Clock())
    progress(3)
    assert stream.getvalue().startswith("\r\x1b[Kcleancorpus: learning: 3 documents")


def test_a_call_with_zero_before_any_document_starts_the_clock():
    stream, clock = _Terminal(), _Clock()
    progress = Progress(stream, clock=clock)
    clock.now = 150.0  # a first pass ran meanwhile
    progress(0)
    clock.now = 152.0
    progress(100)
    assert stream.getvalue() == "\r\x1b[Kcleancorpus: 100 documents (50/s)"
