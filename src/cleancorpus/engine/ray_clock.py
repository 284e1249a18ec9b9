"""Wall time of the steps of a Ray engine stage, as the driver sees them (report.json's
``timings``: ``learn_holders``, ``dedup_candidates``, ...)."""

from __future__ import annotations

import time


class StepClock:
    """Wall seconds between laps, by lap name (a lap repeated adds up)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        """Charge the time since the previous lap (or the start) to ``name``."""
        now = time.perf_counter()
        self.seconds[name] = self.seconds.get(name, 0.0) + now - self._last
        self._last = now
