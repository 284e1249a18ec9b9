"""Checks for configuration values, raising ConfigError with a message that says how to fix."""

from __future__ import annotations

from typing import Any

from ..errors import ConfigError


def check_int(name: str, value: Any, low: int, hint: str, high: int | None = None) -> None:
    """``value`` must be a whole number in ``[low, high]`` (no upper bound when None)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        ok = False
    else:
        ok = high is None or value <= high
    if not ok:
        span = f">= {low}" if high is None else f"in [{low}, {high}]"
        raise ConfigError(f"{name} must be a whole number {span}, got {value!r}; {hint}")


def check_fraction(name: str, value: Any, hint: str, top: float = 1.0) -> None:
    """``value`` must be a number in ``(0, top]``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= top:
        raise ConfigError(f"{name} must be a number in (0, {top:g}], got {value!r}; {hint}")
