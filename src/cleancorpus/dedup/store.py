"""Saving and loading fingerprints (.npz) together with the parameters that made them.

A file holds ``ids``, the ``signatures`` matrix, all shingle sets concatenated with their
``offsets``, and a JSON header: the :class:`FingerprintParams` plus the datasketch version.
Loading against expected parameters refuses a file made with other ones (a different
num_perm, seed, shingle size, tokenizer, hash, scheme or datasketch major version), since
such signatures would silently compare as unrelated.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Sequence
from importlib import metadata
from typing import Any

import numpy as np

from ..errors import InputError, MismatchError
from ..util.atomic import write_atomically
from .fingerprint import Fingerprint, FingerprintParams

FORMAT = "cleancorpus-fingerprints/1"


def _major(version: str) -> str:
    return version.split(".", 1)[0]


def check_params(found: FingerprintParams, expected: FingerprintParams, where: str) -> None:
    """Raise :class:`MismatchError` naming ``where`` and every differing parameter."""
    if found != expected:
        diffs = "; ".join(found.differences(expected))
        raise MismatchError(
            f"{where}: fingerprints were made with other parameters ({diffs}); "
            "recompute them with the current configuration"
        )


def save_fingerprints(
    path: str | os.PathLike[str], ids: Sequence[str], fingerprints: Sequence[Fingerprint]
) -> None:
    """Write ``fingerprints`` (all made with the same parameters) to ``path``, atomically."""
    if len(ids) != len(fingerprints):
        raise ValueError(f"{len(ids)} ids for {len(fingerprints)} fingerprints")
    if not fingerprints:
        raise ValueError("nothing to save: no fingerprints given")
    params = fingerprints[0].params
    for doc_id, fp in zip(ids, fingerprints, strict=True):
        check_params(fp.params, params, f"document {doc_id!r}")
    header = {
        "format": FORMAT,
        "datasketch": metadata.version("datasketch"),
        "params": dataclasses.asdict(params),
    }
    sizes = [len(fp.shingles) for fp in fingerprints]
    arrays: dict[str, Any] = {
        "header": np.array(json.dumps(header)),
        "ids": np.array(list(ids), dtype=str),
        "signatures": np.stack([fp.signature for fp in fingerprints]).astype(np.uint32),
        "shingles": np.concatenate([fp.shingles for fp in fingerprints]).astype(np.uint32),
        "offsets": np.concatenate(([0], np.cumsum(sizes))).astype(np.int64),
    }
    write_atomically(path, lambda handle: np.savez(handle, **arrays))


def load_fingerprints(
    path: str | os.PathLike[str], expected: FingerprintParams | None = None
) -> tuple[list[str], list[Fingerprint]]:
    """Read a file written by :func:`save_fingerprints`.

    With ``expected``, raise :class:`MismatchError` unless the file's parameters equal it;
    a file from another datasketch major version is always refused.
    """
    name = os.fspath(path)
    try:
        with np.load(name, allow_pickle=False) as data:
            header = json.loads(str(data["header"]))
            ids = [str(i) for i in data["ids"]]
            signatures, shingles, offsets = data["signatures"], data["shingles"], data["offsets"]
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(name, f"not a readable fingerprint file ({exc})") from exc
    if header.get("format") != FORMAT:
        raise InputError(name, f"unknown format {header.get('format')!r}, expected {FORMAT!r}")
    installed = metadata.version("datasketch")  # without importing it (SciPy: slow)
    if _major(header["datasketch"]) != _major(installed):
        raise MismatchError(
            f"{name}: made with datasketch {header['datasketch']}, this is {installed}; "
            "recompute the fingerprints"
        )
    try:
        params = FingerprintParams(**header["params"])
    except TypeError as exc:
        raise InputError(name, f"unreadable fingerprint parameters ({exc})") from exc
    if expected is not None:
        check_params(params, expected, name)
    fingerprints = [
        Fingerprint(
            shingles=shingles[offsets[k] : offsets[k + 1]], signature=signatures[k], params=params
        )
        for k in range(len(ids))
    ]
    return ids, fingerprints
