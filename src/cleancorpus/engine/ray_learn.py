"""The Ray engine's learning pass: boilerplate learning as Ray Data operations.

D read + rule-clean + :func:`~.stages.profile_batch` in ``map_batches``; D per site,
near-copy grouping (``group_copies`` needs a site's shingles together) in
``groupby(site).map_groups``; D the line counting as a hash aggregate over ``(site, line
key)`` rows (distinct copy groups, documents, example ids and line); d (on the driver) the
thresholds (``min_documents``, ``min_fraction``) and building the
:class:`~cleancorpus.learning.boilerplate.LearnedBoilerplate` from the aggregated rows.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from ..errors import CleancorpusError
from ..learning.boilerplate import _EXAMPLE_IDS as EXAMPLE_IDS
from ..learning.boilerplate import (
    Block,
    EdgeProfile,
    LearnConfig,
    LearnedBoilerplate,
    block_id,
)
from ..learning.copies import group_copies
from ..options import RunOptions
from ..sources.intake import Intake
from ..sources.stream import iter_raw
from .ray_prepare import CHUNK, actor_pool
from .stages import StageSettings, profile_batch, read_and_clean


class ProfileFiles:
    """Ray actor: read and rule-clean the files of a batch, profile their edges."""

    def __init__(self, settings: StageSettings, options: RunOptions) -> None:
        self.settings, self.options = settings, options

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        if self.settings.learn is None:
            raise CleancorpusError("internal error: a learning pass without a LearnConfig")
        intake = Intake()
        files = [str(f) for f in batch.column("file").to_pylist()]
        raws = list(
            iter_raw(
                self.settings.read.root or ".",
                files,
                fields=self.options.fields,
                max_bytes=self.options.max_bytes,
                intake=intake,
            )
        )
        profiles: list[EdgeProfile] = []
        for first in range(0, len(raws), CHUNK):
            cleaned = read_and_clean(raws[first : first + CHUNK], self.settings)
            profiles += profile_batch(cleaned.documents, self.settings.learn)
        return pa.table(
            {
                "id": pa.array([p.id for p in profiles], type=pa.string()),
                "site": pa.array([p.site for p in profiles], type=pa.string()),
                "edges": pa.array([json.dumps(p.edges) for p in profiles], type=pa.string()),
                "shingles": pa.array([p.shingles.tobytes() for p in profiles], pa.binary()),
                "core": pa.array([p.core.tobytes() for p in profiles], pa.binary()),
            }
        )


def _copy_groups(group: Any, copy_similarity: float) -> Any:
    """One site's profiles -> one row per (document, edge line) with its copy group."""
    import pyarrow as pa

    order = sorted(range(group.num_rows), key=lambda i: group.column("id")[i].as_py())
    ids = [group.column("id")[i].as_py() for i in order]
    shingles = [np.frombuffer(group.column("shingles")[i].as_py(), np.uint32) for i in order]
    core = [np.frombuffer(group.column("core")[i].as_py(), np.uint32) for i in order]
    groups = group_copies(shingles, core, copy_similarity)
    site = group.column("site")[0].as_py()
    site_groups = len(set(groups))
    rows: dict[str, list[Any]] = {k: [] for k in ("site", "key", "line", "group", "id", "n")}
    for i, doc_id, copy in zip(order, ids, groups, strict=True):
        for key, line in json.loads(group.column("edges")[i].as_py()):
            for name, value in zip(rows, (site, key, line, copy, doc_id, site_groups), strict=True):
                rows[name].append(value)
    return pa.table(
        {
            "site": pa.array(rows["site"], pa.string()),
            "key": pa.array(rows["key"], pa.string()),
            "line": pa.array(rows["line"], pa.string()),
            "group": pa.array(rows["group"], pa.int64()),
            "id": pa.array(rows["id"], pa.string()),
            "site_groups": pa.array(rows["n"], pa.int64()),
        }
    )


def _line_counts(group: Any) -> Any:
    """One (site, line key): distinct copy groups, documents, example ids and line."""
    import pyarrow as pa

    ids = group.column("id").to_pylist()
    order = sorted(range(len(ids)), key=ids.__getitem__)
    return pa.table(
        {
            "site": [group.column("site")[0].as_py()],
            "key": [group.column("key")[0].as_py()],
            "line": [group.column("line")[order[0]].as_py()],
            "groups": [len(set(group.column("group").to_pylist()))],
            "documents": [len(ids)],
            "examples": [json.dumps([ids[i] for i in order[:EXAMPLE_IDS]])],
            "site_groups": [group.column("site_groups")[0].as_py()],
        }
    )


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
    )
    return _learn_from_profiles(profiles, config)


def _learn_from_profiles(
    profiles: Any, config: LearnConfig, partitions: int = 4
) -> LearnedBoilerplate:
    lines = profiles.groupby("site", num_partitions=partitions).map_groups(
        _copy_groups,
        batch_format="pyarrow",
        fn_kwargs={"copy_similarity": config.copy_similarity},
    )
    counted = lines.groupby(["site", "key"], num_partitions=partitions).map_groups(
        _line_counts, batch_format="pyarrow"
    )
    blocks = []
    for row in sorted(counted.take_all(), key=lambda r: (r["site"], r["key"])):
        site_groups = row["site_groups"]
        if site_groups < config.min_documents:
            continue
        count = row["groups"]
        if count >= config.min_documents and count >= config.min_fraction * site_groups:
            blocks.append(
                Block(
                    block_id(row["site"], row["key"]),
                    row["site"],
                    row["key"],
                    row["line"],
                    count,
                    row["documents"],
                    site_groups,
                    tuple(json.loads(row["examples"])),
                )
            )
    return LearnedBoilerplate(config, tuple(blocks))
