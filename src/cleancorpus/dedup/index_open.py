"""Open a persistent index by its location: a SQLite file path or a Redis URL."""

from __future__ import annotations

from typing import Any

from ..errors import ConfigError
from .index import Index, index_parameters
from .index_redis import RedisIndex
from .index_sqlite import SqliteIndex


def open_index(
    location: str, config: Any, *, keep_shingles: bool = False, version: str = "unknown"
) -> Index:
    """Open (or create) the index at ``location``: a SQLite file path, or a Redis URL
    ``redis://host:port/db`` (``?prefix=NAME`` names its keys, default ``cleancorpus``)."""
    expected = index_parameters(config, keep_shingles, version)
    if location.startswith(("redis://", "rediss://", "unix://")):
        return RedisIndex.open(location, expected, config)
    if "://" in location:
        raise ConfigError(f"index {location}: give a file path (SQLite) or a redis:// URL")
    return SqliteIndex.open(location, expected, config)
