"""Output parts: appended in order, byte for byte, then removed."""

from __future__ import annotations

import os

import pytest

from cleancorpus.output import parts
from cleancorpus.output.parts import PARTS, PartJoiner, part_folder


def _write_part(staging, number: int, files: dict[str, bytes]) -> None:
    folder = part_folder(staging, number)
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)


@pytest.mark.parametrize("kernel_copy", [True, False])
def test_parts_are_joined_in_order_and_removed(tmp_path, monkeypatch, kernel_copy) -> None:
    if not kernel_copy:  # a file system without copy_file_range: read and write instead

        def refuse(*args):
            raise OSError(18, "Invalid cross-device link")

        monkeypatch.setattr(os, "copy_file_range", refuse, raising=False)
    _write_part(tmp_path, 0, {"documents.jsonl": b'{"id": "a"}\n', "corpus.jsonl": b"c0\n"})
    _write_part(tmp_path, 1, {"documents.jsonl": '{"id": "é"}\n'.encode() * 3})
    _write_part(tmp_path, 2, {"documents.jsonl": b"", "removals.jsonl": b"r2\n"})
    with PartJoiner(tmp_path) as joiner:
        joiner.append(part_folder(tmp_path, 0))
        assert joiner.sizes["documents.jsonl"] == 12
        assert not part_folder(tmp_path, 0).exists()
        joiner.append(part_folder(tmp_path, 1))
        joiner.append(part_folder(tmp_path, 2))
    expected = b'{"id": "a"}\n' + '{"id": "é"}\n'.encode() * 3
    assert (tmp_path / "documents.jsonl").read_bytes() == expected
    assert (tmp_path / "corpus.jsonl").read_bytes() == b"c0\n"
    assert (tmp_path / "removals.jsonl").read_bytes() == b"r2\n"
    assert not (tmp_path / PARTS).exists()


def test_a_large_part_is_copied_in_chunks(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(parts, "_CHUNK", 7)
    data = bytes(range(256)) * 40
    _write_part(tmp_path, 0, {"documents.jsonl": data})
    with PartJoiner(tmp_path) as joiner:
        joiner.append(part_folder(tmp_path, 0))
    assert (tmp_path / "documents.jsonl").read_bytes() == data
