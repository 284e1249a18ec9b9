"""Output parts: placed at their offsets, in any order, byte for byte, then removed."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from cleancorpus.output import parts


def _refuse(*args: object) -> int:
    raise OSError(18, "Invalid cross-device link")


def _write_parts(staging: Path, contents: list[dict[str, bytes]]) -> dict[str, int]:
    """Write the parts; return the sizes of all, by file name."""
    for number, files in enumerate(contents):
        folder = parts.part_folder(staging, number)
        folder.mkdir(parents=True)
        for name, data in files.items():
            if data or number % 2:  # an empty file is sometimes missing
                (folder / name).write_bytes(data)
    return {name: sum(len(c[name]) for c in contents) for name in parts.JOINED}


def _place_all(staging: Path, count: int, order: list[int]) -> dict[str, int]:
    at, offsets = dict.fromkeys(parts.JOINED, 0), []
    for number in range(count):
        offsets.append(dict(at))
        for name, size in parts.part_sizes(parts.part_folder(staging, number)).items():
            at[name] += size
    parts.create_targets(staging)
    for number in order:
        parts.place_part(staging, parts.part_folder(staging, number), offsets[number])
    return at


@pytest.mark.parametrize("copy", ["kernel", "missing", "refused"])
def test_parts_placed_in_any_order_give_the_appended_files(tmp_path, monkeypatch, copy) -> None:
    if copy == "missing":  # a platform without copy_file_range
        monkeypatch.delattr(os, "copy_file_range", raising=False)
    if copy == "refused":  # a file system that does not support it: read and write instead
        monkeypatch.setattr(os, "copy_file_range", _refuse, raising=False)
    rng = random.Random(3)
    contents = [
        {name: rng.randbytes(rng.choice([0, 1, 700])) for name in parts.JOINED} for _ in range(6)
    ]
    sizes = _write_parts(tmp_path, contents)
    placed = _place_all(tmp_path, len(contents), [4, 0, 5, 2, 1, 3])
    assert placed == sizes
    parts.finish_targets(tmp_path, placed)
    for name in parts.JOINED:
        assert (tmp_path / name).read_bytes() == b"".join(c[name] for c in contents)
    assert not (tmp_path / parts.PARTS).exists()


def test_a_large_part_is_copied_in_chunks(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(parts, "_CHUNK", 7)
    data = bytes(range(256)) * 40
    contents = [{name: data if name == parts.DOCUMENTS else b"" for name in parts.JOINED}] * 2
    _write_parts(tmp_path, contents)
    placed = _place_all(tmp_path, 2, [1, 0])
    parts.finish_targets(tmp_path, placed)
    assert (tmp_path / parts.DOCUMENTS).read_bytes() == data * 2


def test_a_short_placement_is_an_error(tmp_path) -> None:
    sizes = _write_parts(tmp_path, [{name: b"line\n" for name in parts.JOINED}])
    _place_all(tmp_path, 1, [])  # created, never placed
    with pytest.raises(OSError, match="0 bytes placed, expected 5"):
        parts.finish_targets(tmp_path, sizes)
