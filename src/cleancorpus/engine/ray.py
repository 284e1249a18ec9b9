"""The Ray engine: the same batch stages as the local engine, on a Ray cluster.

Entry points: :func:`run_ray` (a folder in, an output folder out, as :func:`~cleancorpus.run`)
and :func:`process_dataset` (a ``ray.data.Dataset`` of records in, a Dataset of documents
with the ``documents.jsonl`` fields out). Ray is imported only when one of them is called;
without it they raise :class:`~cleancorpus.errors.ConfigError` (exit 2) saying how to
install it (``pip install 'cleancorpus[ray]'``).

What runs where (``D`` distributed, ``d`` on the driver):

1. D **read, clean, fingerprint** (:mod:`.ray_prepare`): a folder is listed on the driver and
   cut into shards of files, each prepared by one Ray task with the project's readers and
   :func:`~.stages.prepare_batch`, as the local workers do; a Dataset from Ray Data's readers
   goes through ``map_batches`` (:class:`~.ray_prepare.PrepareRecords`), each block then
   being one shard. A shard stays on the cluster as objects: its documents (an Arrow
   table), its fingerprints and, when the run learns, its documents' edge profiles (numpy
   arrays).
1b. D/d **learning** (``options.learn``, on by default; :mod:`.ray_learn`), in the same
   pass: the line count as a distributed aggregate, the holders of frequent lines and
   per-site counts of the others from the shards (numpy arrays), the local learning on the
   driver, and the documents the learned blocks touch cleaned again in their shards (not
   waited for: dedup's tasks start on each shard as it is done, and the driver lets go of
   the first results so that each is freed as soon as its shard is cleaned again).
2. D **candidates and verification** (:mod:`.ray_dedup`): one exchange of band keys, sampled
   shingles and set hashes, hash-partitioned, as integer document numbers; bucket tasks
   apply the local engine's candidate rules; verification tasks get the pairs partitioned
   by document and the shingle hashes by reference.
3. d/D **connected components** (:mod:`.ray_components`): large-star/small-star rounds on
   the driver up to :data:`~.ray_components.DRIVER_EDGES` merges, as Ray tasks beyond.
4. d **canonical choice** and the memberships of documents that are not alone, by id.
4b. D/d **passages** (``dedup.passages``, on by default; :mod:`.ray_passages`): the anchors
   come from the bucket tasks, the candidates' texts from the shards (Ray tasks); the local
   passage stage, alignment included, runs on the driver.
5. D/d **join back and write** (:mod:`.ray_write`): the documents are sorted by id in ranges
   (a sample of the ids gives the bounds), each range written by one Ray task with the
   local engine's writer into a part folder of the staging folder (its memberships sent as
   one pickled blob); one task per range copies its part into the output files at the
   offset the driver adds up from the parts' sizes; the driver writes report.json and
   report.html. Before writing the driver lets go of the prints and of each shard's
   documents once cut by range, so that the object store holds one copy of the corpus.

Differences from the local engine: in an LSH bucket of more than ``max_bucket + 1``
documents (after exact copies are counted once) this engine proposes star edges to the
smallest document number where the local engine pairs each member with its next
``max_bucket``; ``drop_contained`` and ``index`` are refused (ConfigError);
Dataset input needs an id field (no ``row-N`` fallback: Ray Data rows have no stable
number), and repeated ids across a Dataset are not detected.
"""

from __future__ import annotations

import json
import math
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError, InputError
from ..learning.boilerplate import LearnedBoilerplate
from ..options import RunOptions
from ..output import parquet
from ..output.folder import atomic_folder, check_locations
from ..output.writers import (
    CORPUS_DIR,
    LEARNED,
    dumps,
    membership_fields,
    write_report,
)
from ..records import Membership, Notice
from ..report import summary
from ..report.html import write_report_html
from ..sources.files import list_folder
from .ray_dedup import Shards, deduplicate_shards, membership_of
from .ray_learn import learn_shards
from .ray_passages import ray_passage_stage
from .ray_prepare import (
    ERROR,
    PREPARED,
    WARNING,
    PrepareRecords,
    actor_pool,
    prepare_files,
    split_shard,
)
from .ray_write import write_sorted
from .stages import StageSettings

INSTALL_HINT = "the Ray engine needs Ray: pip install 'cleancorpus[ray]'"
SHARD_FILES = 2000  # files per prepare task, at most


def require_ray(data: bool = True) -> Any:
    """Import Ray (and Ray Data unless ``data`` is False: a folder run uses only Ray's
    tasks, and importing Ray Data costs the driver ~1.5 s), or raise ConfigError saying how
    to install it."""
    try:
        import ray

        if data:
            import ray.data

            context = ray.data.DataContext.get_current()
            context.enable_progress_bars = False
            context.print_on_execution_start = False
    except ImportError as exc:
        raise ConfigError(INSTALL_HINT) from exc
    return ray


def _init(address: str | None, num_cpus: int | None) -> Any:
    ray = require_ray(data=False)
    if not ray.is_initialized():
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            ray.init(num_cpus=num_cpus, log_to_driver=False)
    return ray


def _cpus(ray: Any) -> int:
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def _check_options(options: RunOptions) -> None:
    """Refuse what the Ray engine does not do yet, rather than ignore it."""
    missing = [
        name
        for name, asked in (
            ("drop_contained", options.dedup.drop_contained),
            ("index", options.index is not None),
        )
        if asked
    ]
    if missing:
        raise ConfigError(
            f"{', '.join(missing)}: not supported by the Ray engine yet; use the local engine"
        )


# --- shards ---------------------------------------------------------------------------------


def _shards(
    ray: Any, prepared: list[Any], learning: bool
) -> tuple[Shards, list[tuple[str, str, str]]]:
    """Shards from the refs of the prepare tasks (:data:`~.ray_prepare.Prepared`)."""
    counts = ray.get([p[0] for p in prepared])
    notices = [n for found in ray.get([p[4] for p in prepared]) for n in found]
    offsets = np.concatenate(([0], np.cumsum(counts, dtype=np.int64)))
    profiles = tuple(p[3] for p in prepared) if learning else ()
    shards = Shards(tuple(p[1] for p in prepared), tuple(p[2] for p in prepared), offsets, profiles)
    return shards, notices


def _prepare_folder(
    ray: Any, files: tuple[str, ...], settings: StageSettings, options: RunOptions
) -> tuple[Shards, list[tuple[str, str, str]]]:
    count = min(len(files), max(2 * _cpus(ray), math.ceil(len(files) / SHARD_FILES))) or 1
    cut = np.linspace(0, len(files), count + 1).round().astype(int)
    task = ray.remote(prepare_files).options(num_returns=PREPARED)
    settings_ref, options_ref = ray.put(settings), ray.put(options)
    prepared = [
        task.remote(list(files[cut[s] : cut[s + 1]]), settings_ref, options_ref)
        for s in range(count)
    ]
    return _shards(ray, prepared, settings.learn is not None)


def prepare_dataset(
    ds: Any, options: RunOptions, learned: LearnedBoilerplate | None = None
) -> tuple[Shards, list[tuple[str, str, str]]]:
    """Records (Ray Data rows with ``options.fields``) -> prepared shards and notices."""
    ray = require_ray()
    settings = StageSettings.of(options, None, learned, options.learn_config)
    prepared = ds.map_batches(
        PrepareRecords,
        batch_format="pyarrow",
        batch_size=options.chunk_size,
        fn_constructor_args=(settings, options),
        compute=actor_pool(options),
        num_cpus=1,
    ).materialize()
    split = ray.remote(split_shard).options(num_returns=PREPARED)
    num_perm = options.dedup.num_perm
    blocks = [split.remote(block, num_perm) for block in prepared.to_arrow_refs()]
    return _shards(ray, blocks, settings.learn is not None)


def _partitions(ray: Any, partitions: int | None) -> int:
    return partitions if partitions else 2 * _cpus(ray)


# --- entry points -------------------------------------------------------------------------


def process_dataset(
    ds: Any, options: RunOptions | None = None, partitions: int | None = None
) -> Any:
    """Clean and deduplicate a ``ray.data.Dataset`` of records; return a Dataset of documents.

    Input rows have ``options.fields``: an id (required), a text (or an HTML page), other
    columns become metadata. Output rows have the fields of ``documents.jsonl``
    (``metadata``, ``overlap_scores`` and, with passages, ``passages`` as JSON strings, as
    in ``documents.parquet``);
    records that could not be read or cleaned are left out. Boilerplate is learned and
    removed as in :func:`run_ray` (``options.learn``; the blocks are not returned: to keep
    them, learn with :func:`~cleancorpus.learn` and pass ``RunOptions(learned=...)``).
    ``partitions``: of the dedup exchange and the line count (default: twice the cluster's
    CPUs).
    """
    options = options or RunOptions()
    _check_options(options)
    ray = require_ray()
    parts = _partitions(ray, partitions)
    shards, _ = prepare_dataset(ds, options, options.learned)
    if options.learn_config is not None:
        shards = learn_shards(ray, shards, options, options.learn_config, parts).shards
    memberships = _memberships(ray, shards, options, parts, None)
    return _documents(ray.data.from_arrow_refs(list(shards.docs)), memberships, options)


def _memberships(
    ray: Any, shards: Shards, options: RunOptions, partitions: int, tally: summary.Tally | None
) -> dict[str, Membership]:
    """Dedup, then passages when asked for (each timed in ``tally``)."""
    t0 = time.perf_counter()
    found = deduplicate_shards(ray, shards, options.dedup, partitions)
    if tally is not None:
        tally.add_time("dedup", time.perf_counter() - t0)
        for step, seconds in found.seconds.items():
            tally.add_time(f"dedup_{step}", seconds)
    if not options.dedup.passages:
        return found.memberships
    return ray_passage_stage(ray, shards, found, options.dedup, tally)


def _documents(docs: Any, memberships: Mapping[str, Membership], options: RunOptions) -> Any:
    ray = require_ray()
    ref = ray.put(dict(memberships))
    stories = options.dedup.passages

    def attach(batch: Any) -> Any:
        import pyarrow as pa

        found = ray.get(ref)
        places = [
            membership_of(i, n, found, stories)
            for i, n in zip(
                batch.column("id").to_pylist(), batch.column("nshingles").to_pylist(), strict=True
            )
        ]
        ordered = [sorted(p.overlaps, key=lambda o: (str(o[0]), o[1])) for p in places]
        passages = (
            {
                "passages": [dumps(membership_fields(p)["passages"]) for p in places],
                "story": pa.array([p.story for p in places], type=pa.string()),
            }
            if stories
            else {}
        )
        return pa.table(
            {
                "id": batch.column("id"),
                "text": batch.column("text"),
                "metadata": batch.column("metadata"),
                "cluster": [p.cluster for p in places],
                "canonical": [p.canonical for p in places],
                "duplicate_of": pa.array([p.duplicate_of for p in places], type=pa.string()),
                "similarity": pa.array([p.similarity for p in places], type=pa.float64()),
                "overlaps": pa.array([[o for o, _ in x] for x in ordered], pa.list_(pa.string())),
                "overlap_scores": [dumps(dict(x)) for x in ordered],
                "reason": [p.reason for p in places],
                "rule": pa.array([p.rule for p in places], type=pa.string()),
                **passages,
            }
        )

    return docs.map_batches(attach, batch_format="pyarrow")


def run_ray(
    input_dir: str | os.PathLike[str],
    output_dir: str | os.PathLike[str],
    options: RunOptions | None = None,
    *,
    address: str | None = None,
    partitions: int | None = None,
) -> Any:
    """:func:`~cleancorpus.run` on Ray: the same output files, built by the stages above.

    Connects to ``address`` (a running cluster, e.g. ``auto`` or ``ray://host:10001``) or,
    without one and when Ray is not initialised yet, starts a local Ray with
    ``options.worker_count`` CPUs. Returns a :class:`~cleancorpus.engine.pipeline.RunResult`.
    """
    from .pipeline import RunResult, _gc_paused

    options = options or RunOptions()
    _check_options(options)
    source, target = Path(input_dir), Path(output_dir)
    if not source.is_dir():
        problem = "is not a folder" if source.exists() else "does not exist"
        raise ConfigError(f"INPUT {source} {problem}; give a folder of documents")
    check_locations(source, target)
    if options.output_format != "jsonl":
        parquet.require()
    ray = _init(address, options.worker_count)
    tally = summary.Tally()
    started, driver = time.perf_counter(), time.process_time()
    listing = list_folder(source, options.extensions)
    tally.add_time("list", time.perf_counter() - started)
    config = options.learn_config
    settings = StageSettings.of(options, str(source), options.learned, config)
    t0 = time.perf_counter()
    shards, notices = _prepare_folder(ray, listing.documents, settings, options)
    tally.add_time("parallel", time.perf_counter() - t0)
    parts = _partitions(ray, partitions)
    learned, taught = options.learned, None
    if config is not None:
        t0 = time.perf_counter()
        taught = learn_shards(ray, shards, options, config, parts)
        shards = taught.shards  # the first results are freed as their relearn tasks end
        tally.add_time("learn", time.perf_counter() - t0)
        for step, seconds in taught.seconds.items():
            tally.add_time(f"learn_{step}", seconds)
    errors: list[InputError] = []
    warnings: list[Notice] = []
    skipped_records = 0
    for kind, path, text in notices:
        if kind == ERROR:
            errors.append(InputError(path, text))
        elif kind == WARNING:
            warnings.append(Notice(path, text))
        else:
            stats = json.loads(text)
            skipped_records += stats["skipped"]
            for stage, seconds in stats["seconds"].items():
                tally.add_time(stage, seconds)
    memberships = _memberships(ray, shards, options, parts, tally)
    if taught is not None:
        learned = taught.with_lines(ray)
        del taught  # holds the shards: see below
    # from here on only the documents are needed, each shard's until it is cut by range: the
    # driver lets go of its refs (Ray frees an object once no ref nor pending task holds it),
    # so that the object store does not hold the prints and two copies of the documents
    docs, total = list(shards.docs), shards.total
    del shards
    errors.sort(key=lambda e: summary.path_key(e.path))
    warnings.sort(key=lambda w: summary.path_key(w[0]))
    with atomic_folder(target) as staging, _gc_paused():
        (staging / CORPUS_DIR).mkdir()
        if learned is not None:
            learned.save(staging / LEARNED)
        t0 = time.perf_counter()
        known = write_sorted(
            ray, staging, docs, total, parts, memberships, options.dedup.passages, tally
        )
        tally.add_time("write", time.perf_counter() - t0)
        tally.add_time("total", time.perf_counter() - started)
        tally.add_time("driver_cpu", time.process_time() - driver)
        parameters = {**options.parameters(), "engine": "ray"}
        report = summary.build(
            tally=tally,
            errors=errors,
            skipped=listing.skipped,
            files=len(listing.documents),
            parameters=parameters,
            input_dir=str(source),
            warnings=warnings,
            skipped_records=skipped_records,
        )
        write_report(staging, report)
        write_report_html(staging, known=known, name=target.name or str(target))
        if options.output_format != "jsonl":
            parquet.convert(
                staging,
                keep_jsonl=options.output_format == "both",
                passages=options.dedup.passages,
            )
    return RunResult(output=target, errors=tuple(errors), report=report, warnings=tuple(warnings))
