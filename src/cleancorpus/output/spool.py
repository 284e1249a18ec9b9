"""The spool: cleaned documents' encoded output pieces, parked on disk until dedup is done.

In a run, each worker encodes the documents of its chunk once (:class:`~.writers.Encoded`)
and appends them to one spool file of the staging folder; only a :class:`Spooled` location
goes back to the main process, which reads the pieces again, in id order, when it writes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .writers import Encoded

SPOOL = ".spool"  # the spool folder inside the staging folder


@dataclass(frozen=True, slots=True)
class Spooled:
    """Where one document's encoded pieces lie: a spool file, an offset, and the sizes."""

    file: str
    offset: int
    size: int
    text_size: int
    metadata_size: int


class SpoolWriter:
    """Collects the encoded documents of one chunk and writes them as one spool file."""

    def __init__(self, folder: str | os.PathLike[str], name: str) -> None:
        self.path = os.path.join(folder, SPOOL, name)
        self.name = name
        self._blobs: list[bytes] = []
        self._offset = 0

    def add(self, encoded: Encoded) -> Spooled:
        blob = encoded.text + encoded.metadata + encoded.removals
        self._blobs.append(blob)
        where = Spooled(
            self.name, self._offset, len(blob), len(encoded.text), len(encoded.metadata)
        )
        self._offset += len(blob)
        return where

    def close(self) -> None:
        with open(self.path, "wb") as spool:
            spool.writelines(self._blobs)
        self._blobs.clear()


class SpoolReader:
    """Reads spooled documents back, one spool file open at a time."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._name: str | None = None
        self._handle: BinaryIO | None = None

    def load(self, where: Spooled) -> Encoded:
        if where.file != self._name or self._handle is None:
            self.close()
            self._handle = open(self.folder / where.file, "rb")  # noqa: SIM115 (see close)
            self._name = where.file
        self._handle.seek(where.offset)
        data = self._handle.read(where.size)
        text, meta = where.text_size, where.text_size + where.metadata_size
        return Encoded(data[:text], data[text:meta], data[meta:])

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
            self._name = None

    def __enter__(self) -> SpoolReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
