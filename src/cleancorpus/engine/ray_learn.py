"""The Ray engine's learning pass: the local engine's boilerplate learning, counted on Ray.

D read, rule-clean and fingerprint (:func:`~.stages.prepare_batch`) and
:func:`~.stages.profile_batch` in ``map_batches``, as the local workers do (edge-line hashes,
the core sample, the fingerprint's shingles, and the edge lines);
D the line counting, a hash aggregate over ``(line hash)`` rows, of which only the hashes on
at least ``min_documents`` documents reach the driver (the *frequent* ones: only they can be
learned); D the profiles are split by whether they hold a frequent hash, and the others are
counted per site (an aggregate); d (on the driver) the profiles that hold a frequent hash,
with those counts, go to the local engine's
:func:`~cleancorpus.learning.boilerplate.learn_from_profiles`: near-copy grouping compares
the documents of a line across every site, so it needs their shingles in one place. Those
are the documents that share an edge line with at least two others: the template pages.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import numpy as np

from ..errors import CleancorpusError
from ..learning.boilerplate import (
    EdgeProfile,
    LearnConfig,
    LearnedBoilerplate,
    edge_lines,
    learn_from_profiles,
)
from ..options import RunOptions
from ..sources.intake import Intake
from ..sources.stream import iter_raw
from .ray_prepare import CHUNK, actor_pool
from .stages import StageSettings, prepare_batch, profile_batch


class ProfileFiles:
    """Ray actor: read and rule-clean the files of a batch, profile their edges."""

    def __init__(self, settings: StageSettings, options: RunOptions) -> None:
        self.settings, self.options = settings, options

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        if self.settings.learn is None:
            raise CleancorpusError("internal error: a learning pass without a LearnConfig")
        files = [str(f) for f in batch.column("file").to_pylist()]
        raws = list(
            iter_raw(
                self.settings.read.root or ".",
                files,
                fields=self.options.fields,
                max_bytes=self.options.max_bytes,
                intake=Intake(),
            )
        )
        profiles: list[EdgeProfile] = []
        for first in range(0, len(raws), CHUNK):  # as the local engine's prepare_task
            signed = prepare_batch(raws[first : first + CHUNK], self.settings)
            found = profile_batch(signed.documents, self.settings.learn, signed.cores)
            profiles += [
                replace(p, shingles=f.shingles, lines=_lines(d.text, self.settings.learn))
                for p, d, f in zip(found, signed.documents, signed.fingerprints, strict=True)
            ]
        return pa.table(
            {
                "id": pa.array([p.id for p in profiles], pa.string()),
                "site": pa.array([p.site for p in profiles], pa.string()),
                "keys": pa.array([p.keys.tobytes() for p in profiles], pa.binary()),
                "words": pa.array([p.words.tobytes() for p in profiles], pa.binary()),
                "core": pa.array([p.core.tobytes() for p in profiles], pa.binary()),
                "shingles": pa.array([_bytes(p.shingles) for p in profiles], pa.binary()),
                "lines": pa.array([json.dumps(p.lines) for p in profiles], pa.string()),
            }
        )


def _lines(text: str, config: LearnConfig) -> tuple[tuple[str, str], ...]:
    return tuple(edge_lines(text, config).items())


def _bytes(array: np.ndarray | None) -> bytes:
    return b"" if array is None else array.tobytes()


def _profile(row: dict[str, Any]) -> EdgeProfile:
    return EdgeProfile(
        row["id"],
        row["site"],
        np.frombuffer(row["keys"], np.uint64),
        np.frombuffer(row["words"], np.uint32),
        np.frombuffer(row["core"], np.uint32),
        np.frombuffer(row["shingles"], np.uint32),
        tuple((key, line) for key, line in json.loads(row["lines"])),
    )


def _key_rows(batch: Any) -> Any:
    """Profiles -> one row per (document, distinct edge-line hash), as int64."""
    import pyarrow as pa

    keys = [np.frombuffer(k, np.uint64) for k in batch.column("keys").to_pylist()]
    every = np.concatenate([*keys, np.empty(0, np.uint64)])
    return pa.table({"key": pa.array(every.view(np.int64))})


def _holding(batch: Any, frequent: np.ndarray, holds: bool) -> Any:
    """The profiles of a batch that hold (or do not hold) a frequent line hash."""
    import pyarrow as pa

    keys = [np.frombuffer(k, np.uint64) for k in batch.column("keys").to_pylist()]
    mask = [bool(np.isin(k, frequent).any()) == holds for k in keys]
    return batch.filter(pa.array(mask, pa.bool_()))


def learn_files(files: Any, root: str, options: RunOptions, config: LearnConfig) -> Any:
    """Learn boilerplate from a Dataset of file ids under ``root`` (see the module notes)."""
    settings = StageSettings.of(options, root, learn=config)
    profiles = files.map_batches(
        ProfileFiles,
        batch_format="pyarrow",
        batch_size=options.chunk_size,
        fn_constructor_args=(settings, options),
        compute=actor_pool(options),
        num_cpus=1,
    ).materialize()
    return learn_from_dataset(profiles, config)


def learn_from_dataset(profiles: Any, config: LearnConfig, partitions: int = 4) -> Any:
    """Learn from a Dataset of profile rows (as :class:`ProfileFiles` makes them)."""
    counts = (
        profiles.map_batches(_key_rows, batch_format="pyarrow")
        .groupby("key", num_partitions=partitions)
        .count()
        .rename_columns({"count()": "documents"})
        .filter(expr=f"documents >= {config.min_documents}")
    )
    found = [row["key"] for row in counts.iter_rows()]
    frequent = np.sort(np.array(found, dtype=np.int64).view(np.uint64))
    holders = profiles.map_batches(
        _holding, batch_format="pyarrow", fn_args=(frequent, True)
    ).iter_rows()
    others = {
        row["site"]: row["count()"]
        for row in profiles.map_batches(_holding, batch_format="pyarrow", fn_args=(frequent, False))
        .groupby("site", num_partitions=partitions)
        .count()
        .iter_rows()
    }
    learned: LearnedBoilerplate = learn_from_profiles(
        (_profile(row) for row in holders), config, others=others
    )
    return learned
