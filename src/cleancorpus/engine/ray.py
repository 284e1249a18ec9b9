"""The Ray engine: the same batch stages as the local engine, on a Ray cluster (Ray Data).

Entry points: :func:`run_ray` (a folder in, an output folder out, as :func:`~cleancorpus.run`)
and :func:`process_dataset` (a ``ray.data.Dataset`` of records in, a Dataset of documents
with the ``documents.jsonl`` fields out). Ray is imported only when one of them is called;
without it they raise :class:`~cleancorpus.errors.ConfigError` (exit 2) saying how to
install it (``pip install 'cleancorpus[ray]'``).

What runs where (``D`` distributed, ``d`` on the driver):

1. D **read, clean, signature**: ``map_batches`` over actors that hold one
   :class:`~.stages.StageSettings` each and call :func:`~.stages.prepare_batch`, exactly as
   the local workers do; batches go through :mod:`.columns` into Arrow tables. A folder is
   listed on the driver and its files are read by the project's own readers
   (:func:`~cleancorpus.sources.stream.iter_raw`) inside the tasks, a whole file per task
   (so the ids of one container file are checked for repeats together); a Dataset from Ray
   Data's readers (``read_parquet``, ``read_json``) is turned into documents row by row with
   the same record rules (:func:`~cleancorpus.sources.intake.record_document`). The result is
   materialized once (Ray's object store spills it to disk when it does not fit).
2. D **band keys** (:func:`~cleancorpus.dedup.candidates.band_keys`, the local engine's
   keys) exploded to ``(key, id)`` rows; a hash aggregate gives each key's smallest id and
   size; a join gives the **star edges** ``(smallest id, other id)`` of every bucket of two
   or more (not all pairs: a bucket of ``m`` gives ``m - 1`` edges).
3. D **containment candidates**, as the local engine's sampled-shingle postings: the
   shingles ``0 mod overlap_sampling`` exploded to ``(shingle, id)``; postings of
   ``2..max_posting`` documents self-joined into pairs; pairs counted by a hash aggregate and
   kept when they share at least half the sampled shingles expected at ``overlap_threshold``.
4. D **exact verification**: candidate pairs joined twice with ``(id, shingles)`` (the
   shingle hashes, never the texts), exact Jaccard and containment computed in
   ``map_batches`` with :func:`~cleancorpus.dedup.clusters.intersection_size`; only pairs at
   or above ``threshold`` (merges) or ``overlap_threshold`` (overlaps) reach the driver.
5. d **connected components**: :class:`~cleancorpus.dedup.clusters.UnionFind` over the
   verified merges, on the driver. Its memory is about 200 bytes per document that has a
   verified edge (not per document): ~2 GB for 10 million clustered documents, which is the
   documented limit of this step; beyond it the components would need a distributed
   iteration (alternating large/small star over the edge Dataset), which is not built yet.
6. d **canonical choice**: :func:`~cleancorpus.dedup.canonical.choose_canonical` on the
   ``(id, metadata, length)`` of clustered documents only, fetched by a filter.
7. D **similarity to the canonical**: ``(member, canonical)`` pairs joined with the shingles
   as in step 4.
8. D/d **join back and write**: memberships (only those of clustered or overlapping
   documents; the others are "only member of its cluster" or "empty after cleaning") are
   broadcast to a ``map_batches`` that adds the ``documents.jsonl`` fields; :func:`run_ray`
   sorts the documents by id (a distributed sort) and streams them, in id order, to the
   driver, which writes every output file with :mod:`cleancorpus.output.writers` (the local
   engine's writer), then report.json and report.html. Writing is therefore sequential on the
   driver: see the README for what that costs at scale.

Learning (``options.learn``): D read + rule-clean + :func:`~.stages.profile_batch` in
``map_batches``; D per site, near-copy grouping (``group_copies`` needs a site's shingles
together) in ``groupby(site).map_groups``; D line counting as a hash aggregate over
``(site, line key)`` rows (distinct copy groups, documents, example ids and line); d the
thresholds (``min_documents``, ``min_fraction``) and building the
:class:`~cleancorpus.learning.boilerplate.LearnedBoilerplate` from the aggregated rows.

Differences from the local engine, on purpose or not yet done:

- Star edges propose fewer pairs than the local engine's all pairs of a bucket: if the
  smallest id of a bucket is below the threshold with two members that are above it with
  each other, the local engine merges them and this engine does not (unless another band
  or a chain joins them). Exact copies are not grouped first (they are found as star edges
  with Jaccard 1.0), so a sampled shingle's posting counts copies too (``max_posting``).
  ``tests/test_ray_engine.py`` checks that documents.jsonl is identical on a generated
  corpus with near-duplicate families and overlaps.
- ``drop_contained``, ``passages`` and ``index`` are not supported yet (a ConfigError).
- Dataset input needs an id field (no ``row-N`` fallback: Ray Data rows have no stable
  number), and repeated ids across a Dataset are not detected.
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from ..dedup.candidates import band_key
from ..dedup.canonical import choose_canonical
from ..dedup.clusters import UnionFind, intersection_size
from ..dedup.deduplicate import DedupConfig
from ..errors import CleancorpusError, ConfigError, InputError
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
from ..output import parquet
from ..output.folder import atomic_folder, check_locations
from ..output.writers import CORPUS_DIR, LEARNED, Encoded, OutputWriter, dumps, write_report
from ..records import Document, Membership, Notice, RawDocument
from ..report import summary
from ..report.html import KnownDocuments, write_report_html
from ..sources.files import list_folder
from ..sources.intake import Intake, record_document
from ..sources.stream import iter_raw
from .columns import from_columns, to_columns
from .stages import StageSettings, prepare_batch, profile_batch, read_and_clean

INSTALL_HINT = "the Ray engine needs Ray: pip install 'cleancorpus[ray]'"
DOC, ERROR, WARNING, STATS = "doc", "error", "warning", "stats"  # kinds of prepared rows
_EMPTY = "empty after cleaning: never compared"
_ALONE = "only member of its cluster"


def require_ray() -> Any:
    """Import Ray (and Ray Data), or raise ConfigError saying how to install it."""
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise ConfigError(INSTALL_HINT) from exc
    return ray


def _init(address: str | None, num_cpus: int | None) -> Any:
    ray = require_ray()
    if not ray.is_initialized():
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            ray.init(num_cpus=num_cpus, log_to_driver=False)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    return ray


def _check_options(options: RunOptions) -> None:
    """Refuse what the Ray engine does not do yet, rather than ignore it."""
    missing = [
        name
        for name, asked in (
            ("drop_contained", options.dedup.drop_contained),
            ("passages", options.dedup.passages),
            ("index", options.index is not None),
        )
        if asked
    ]
    if missing:
        raise ConfigError(
            f"{', '.join(missing)}: not supported by the Ray engine yet; use the local engine"
        )


# --- prepared rows: documents with their fingerprints, and the notices of the batches ------


def _schema() -> Any:
    import pyarrow as pa

    removal = pa.struct(
        [("rule", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())]
    )
    return pa.schema(
        [
            ("row", pa.string()),
            ("id", pa.string()),
            ("text", pa.large_string()),
            ("metadata", pa.large_string()),
            ("source", pa.string()),
            ("kind", pa.string()),
            ("removals", pa.list_(removal)),
            ("original_length", pa.int64()),
            ("length", pa.int64()),
            ("signature", pa.binary()),
            ("shingles", pa.large_binary()),
            ("nshingles", pa.int64()),
        ]
    )


def _prepared_table(
    documents: list[Document],
    fingerprints: list[Any],
    errors: Iterable[InputError],
    warnings: Iterable[Notice],
    seconds: Mapping[str, float],
    skipped_records: int,
) -> Any:
    import pyarrow as pa

    cols = to_columns(documents)
    n = len(documents)
    cols["row"] = [DOC] * n
    cols["length"] = [len(d.text) for d in documents]
    cols["signature"] = [np.asarray(f.signature, dtype=np.uint32).tobytes() for f in fingerprints]
    cols["shingles"] = [np.asarray(f.shingles, dtype=np.uint32).tobytes() for f in fingerprints]
    cols["nshingles"] = [len(f.shingles) for f in fingerprints]
    notices = [(ERROR, e.path, e.problem) for e in errors]
    notices += [(WARNING, w[0], w[1]) for w in warnings]
    notices.append((STATS, "", json.dumps({"seconds": dict(seconds), "skipped": skipped_records})))
    for kind, path, text in notices:
        for name in cols:
            cols[name].append(None)
        cols["row"][-1], cols["id"][-1], cols["text"][-1] = kind, path, text
    return pa.Table.from_pydict({name: cols[name] for name in _schema().names}, schema=_schema())


def _prepare_raws(raws: list[RawDocument], intake: Intake, settings: StageSettings) -> Any:
    documents: list[Document] = []
    fingerprints: list[Any] = []
    errors, warnings = list(intake.errors), list(intake.warnings)
    seconds: dict[str, float] = {}
    for first in range(0, len(raws), _CHUNK):
        signed = prepare_batch(raws[first : first + _CHUNK], settings)
        documents += signed.documents
        fingerprints += signed.fingerprints
        errors += signed.errors
        warnings += signed.warnings
        for stage, value in signed.seconds.items():
            seconds[stage] = seconds.get(stage, 0.0) + value
    return _prepared_table(
        documents, fingerprints, errors, warnings, seconds, intake.skipped_records
    )


_CHUNK = 128  # documents per prepare_batch call inside a Ray task (the local chunk size)


class PrepareFiles:
    """Ray actor: read the files of a batch with the project's readers, then the stages."""

    def __init__(self, settings: StageSettings, options: RunOptions) -> None:
        self.settings, self.options = settings, options

    def __call__(self, batch: Any) -> Any:
        intake = Intake()
        root = self.settings.read.root or "."
        files = [str(f) for f in batch.column("file").to_pylist()]
        raws = list(
            iter_raw(
                root,
                files,
                fields=self.options.fields,
                max_bytes=self.options.max_bytes,
                intake=intake,
            )
        )
        return _prepare_raws(raws, intake, self.settings)


class PrepareRecords:
    """Ray actor: records of a Dataset (Ray Data's readers) -> documents, then the stages."""

    def __init__(self, settings: StageSettings, options: RunOptions) -> None:
        self.settings, self.options = settings, options

    def __call__(self, batch: Any) -> Any:
        intake = Intake()
        raws = []
        fields = self.options.fields
        for record in batch.to_pylist():
            where = f"record {record.get(fields.id)!r}"
            if record.get(fields.id) is None:
                intake.error(where, f"no {fields.id!r} field: Dataset records need an id")
                continue
            raw = record_document(record, "", "", where, fields, intake)
            if raw is not None:
                raws.append(dataclasses.replace(raw, id=raw.id[1:], source=None))
        return _prepared_table_of(raws, intake, self.settings)


def _prepared_table_of(raws: list[RawDocument], intake: Intake, settings: StageSettings) -> Any:
    return _prepare_raws(raws, intake, settings)


def _actors(options: RunOptions) -> Any:
    ray = require_ray()
    return ray.data.ActorPoolStrategy(min_size=1, max_size=max(1, options.worker_count))


def _prepare(ds: Any, actor: type, settings: StageSettings, options: RunOptions, rows: int) -> Any:
    return ds.map_batches(
        actor,
        batch_format="pyarrow",
        batch_size=rows,
        fn_constructor_args=(settings, options),
        compute=_actors(options),
        num_cpus=1,
    ).materialize()


# --- dedup over the prepared rows -----------------------------------------------------------


def _signatures(table: Any, num_perm: int) -> np.ndarray:
    data = b"".join(table.column("signature").to_pylist())
    return np.frombuffer(data, dtype=np.uint32).reshape(-1, num_perm)


def _pa_table(columns: dict[str, Any]) -> Any:
    import pyarrow as pa

    return pa.table(columns)


def _band_rows(batch: Any, num_perm: int, bands: int, rows: int) -> Any:
    import pyarrow as pa

    signatures = _signatures(batch, num_perm)
    keys = np.empty((len(signatures), bands), dtype=np.uint64)
    for band in range(bands):  # marked with the band: equal keys mean an equal band
        mark = np.uint64(((band + 1) * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF)
        keys[:, band] = band_key(signatures, band, rows) ^ mark
    keys = keys.view(np.int64)
    ids = np.asarray(batch.column("id").to_pylist(), dtype=object)
    return _pa_table(
        {
            "key": pa.array(keys.reshape(-1), type=pa.int64()),
            "id": pa.array(np.repeat(ids, bands), type=pa.string()),
        }
    )


def _sampled_rows(batch: Any, sampling: int) -> Any:
    import pyarrow as pa

    mask = np.uint32(sampling - 1)
    keys, owners, sizes = [], [], []
    for doc_id, data in zip(
        batch.column("id").to_pylist(), batch.column("shingles").to_pylist(), strict=True
    ):
        shingles = np.frombuffer(data, dtype=np.uint32)
        kept = shingles[(shingles & mask) == 0]
        keys.append(kept.astype(np.int64))
        owners += [doc_id] * len(kept)
        sizes.append(np.full(len(kept), len(kept), dtype=np.int64))
    return _pa_table(
        {
            "shingle": pa.array(np.concatenate(keys) if keys else [], type=pa.int64()),
            "id": pa.array(owners, type=pa.string()),
            "size": pa.array(np.concatenate(sizes) if sizes else [], type=pa.int64()),
        }
    )


def _ordered_pairs(batch: Any) -> Any:
    """Keep pairs with ``a < b`` (string order, the local engine's id order)."""
    import pyarrow.compute as pc

    return batch.filter(pc.less(batch.column("a"), batch.column("b")))


def _needed(batch: Any, overlap_threshold: float) -> Any:
    import pyarrow.compute as pc

    smaller = np.minimum(batch.column("sa").to_numpy(), batch.column("sb").to_numpy())
    needed = np.maximum(1, np.floor(0.5 * overlap_threshold * smaller))
    shared = batch.column("count()").to_numpy()
    keep = pc.greater_equal(shared, needed)
    return batch.filter(keep).select(["a", "b"])


def _score(batch: Any, threshold: float | None, overlap_threshold: float) -> Any:
    """Exact Jaccard and containment of each pair; with ``threshold``, only pairs that merge
    or overlap are kept."""
    import pyarrow as pa

    jac, con = [], []
    for a, b in zip(
        batch.column("sh_a").to_pylist(), batch.column("sh_b").to_pylist(), strict=True
    ):
        sa, sb = np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)
        inter = intersection_size(sa, sb)
        union = len(sa) + len(sb) - inter
        smaller = min(len(sa), len(sb))
        jac.append(inter / union if union else 0.0)
        con.append(inter / smaller if smaller else 0.0)
    out = pa.table(
        {
            "a": batch.column("a"),
            "b": batch.column("b"),
            "jaccard": pa.array(jac, type=pa.float64()),
            "containment": pa.array(con, type=pa.float64()),
        }
    )
    if threshold is None:
        return out
    keep = (np.asarray(jac) >= threshold) | (np.asarray(con) >= overlap_threshold)
    return out.filter(pa.array(keep, type=pa.bool_()))


def _scored(pairs: Any, shingles: Any, partitions: int, **kwargs: Any) -> list[dict[str, Any]]:
    """Join pairs ``(a, b)`` with both documents' shingle hashes; score them; to the driver."""
    left = shingles.rename_columns({"id": "a", "shingles": "sh_a"})
    right = shingles.rename_columns({"id": "b", "shingles": "sh_b"})
    joined = pairs.join(left, "inner", partitions, on=("a",)).join(
        right, "inner", partitions, on=("b",)
    )
    scored = joined.map_batches(_score, batch_format="pyarrow", fn_kwargs=kwargs)
    return list(scored.take_all())


def _band_pairs(signed: Any, config: DedupConfig, partitions: int) -> Any:
    """Candidate pairs from LSH buckets: all pairs of a bucket of up to ``max_bucket + 1``
    documents (what the local engine proposes), star edges to the smallest id beyond."""
    from ray.data.aggregate import Count, Min

    bands, rows = config.bands
    keys = signed.select_columns(["id", "signature"]).map_batches(
        _band_rows,
        batch_format="pyarrow",
        fn_kwargs={"num_perm": config.num_perm, "bands": bands, "rows": rows},
    )
    keys = keys.materialize()
    buckets = keys.groupby("key", num_partitions=partitions).aggregate(
        Min("id", alias_name="a"), Count(alias_name="n")
    )
    buckets = buckets.filter(expr="n > 1").materialize()
    small = buckets.filter(expr=f"n <= {config.max_bucket + 1}").select_columns(["key"])
    members = keys.join(small, "inner", partitions, on=("key",)).materialize()
    left = members.rename_columns({"id": "a"})
    right = members.rename_columns({"id": "b"})
    pairs = left.join(right, "inner", partitions, on=("key",)).select_columns(["a", "b"])
    large = buckets.filter(expr=f"n > {config.max_bucket + 1}").select_columns(["key", "a"])
    stars = keys.join(large, "inner", partitions, on=("key",)).rename_columns({"id": "b"})
    edges = pairs.union(stars.select_columns(["a", "b"]))
    return edges.map_batches(_ordered_pairs, batch_format="pyarrow")


def _containment_pairs(signed: Any, config: DedupConfig, partitions: int) -> Any:
    from ray.data.aggregate import Count, Max

    postings = signed.select_columns(["id", "shingles"]).map_batches(
        _sampled_rows, batch_format="pyarrow", fn_kwargs={"sampling": config.overlap_sampling}
    )
    postings = postings.materialize()
    sizes = postings.groupby("shingle", num_partitions=partitions).aggregate(Count(alias_name="n"))
    sizes = sizes.filter(expr=f"n > 1 and n <= {config.max_posting}").select_columns(["shingle"])
    kept = postings.join(sizes, "inner", partitions, on=("shingle",)).materialize()
    left = kept.rename_columns({"id": "a", "size": "sa"})
    right = kept.rename_columns({"id": "b", "size": "sb"})
    pairs = left.join(right, "inner", partitions, on=("shingle",))
    pairs = pairs.map_batches(_ordered_pairs, batch_format="pyarrow")
    counted = pairs.groupby(["a", "b"], num_partitions=partitions).aggregate(
        Count(alias_name="count()"), Max("sa", alias_name="sa"), Max("sb", alias_name="sb")
    )
    return counted.map_batches(
        _needed, batch_format="pyarrow", fn_kwargs={"overlap_threshold": config.overlap_threshold}
    )


@dataclasses.dataclass(frozen=True)
class _Facts:
    id: str
    metadata: Mapping[str, Any]
    length: int


def _members_facts(signed: Any, wanted: set[str]) -> dict[str, _Facts]:
    ray = require_ray()
    ref = ray.put(wanted)

    def pick(batch: Any) -> Any:
        import pyarrow as pa

        chosen = ray.get(ref)
        mask = [doc_id in chosen for doc_id in batch.column("id").to_pylist()]
        return batch.filter(pa.array(mask, type=pa.bool_()))

    rows = signed.select_columns(["id", "metadata", "length"]).map_batches(
        pick, batch_format="pyarrow"
    )
    return {
        r["id"]: _Facts(r["id"], json.loads(r["metadata"]) if r["metadata"] else {}, r["length"])
        for r in rows.take_all()
    }


def deduplicate_dataset(
    prepared: Any, config: DedupConfig, partitions: int = 4
) -> dict[str, Membership]:
    """The memberships that differ from "only member of its cluster", by document id.

    ``prepared``: rows of :func:`prepare_dataset` (documents and notices). Documents whose
    id is missing from the result are alone (or empty, when they have no shingles).
    """
    ray = require_ray()
    signed = prepared.filter(expr=f"row == '{DOC}' and nshingles > 0").materialize()
    banded = _band_pairs(signed, config, partitions)
    contained = _containment_pairs(signed, config, partitions)
    candidates = (
        banded.union(contained)
        .groupby(["a", "b"], num_partitions=partitions)
        .count()
        .select_columns(["a", "b"])
    )
    shingles = signed.select_columns(["id", "shingles"])
    verified = _scored(
        candidates,
        shingles,
        partitions,
        threshold=config.threshold,
        overlap_threshold=config.overlap_threshold,
    )
    merges = [(v["a"], v["b"]) for v in verified if v["jaccard"] >= config.threshold]
    overlaps = [v for v in verified if v["jaccard"] < config.threshold]
    linked = sorted({doc_id for pair in merges for doc_id in pair})
    index = {doc_id: i for i, doc_id in enumerate(linked)}
    uf = UnionFind(len(linked))
    for a, b in merges:
        uf.union(index[a], index[b])
    clusters = [[linked[i] for i in members] for members in uf.clusters()]
    facts = _members_facts(signed, set(linked))
    home: dict[str, str] = {}
    reasons: dict[str, str] = {}
    for members in clusters:
        pick, reason = choose_canonical([facts[m] for m in members])
        reasons[members[pick]] = reason
        for m in members:
            home[m] = members[pick]
    pairs = [(m, c) for m, c in home.items() if m != c]
    similarity: dict[str, float] = {}
    if pairs:
        pair_ds = ray.data.from_items([{"a": m, "b": c} for m, c in pairs])
        for v in _scored(pair_ds, shingles, partitions, threshold=None, overlap_threshold=1.0):
            similarity[v["a"]] = v["jaccard"]
    listed: dict[str, list[tuple[str, float]]] = {}
    for v in overlaps:
        listed.setdefault(v["a"], []).append((v["b"], v["containment"]))
        listed.setdefault(v["b"], []).append((v["a"], v["containment"]))
    duplicates: dict[str, list[str]] = {}
    for m in sorted(home):
        if home[m] != m:
            duplicates.setdefault(home[m], []).append(m)
    out: dict[str, Membership] = {}
    for doc_id in sorted(set(home) | set(listed)):
        target = home.get(doc_id, doc_id)
        found = tuple(sorted(listed.get(doc_id, ()), key=lambda p: (-p[1], p[0])))
        if doc_id == target:
            reason, rule, sim, dup = reasons.get(doc_id, _ALONE), None, None, None
        else:
            sim = similarity[doc_id]
            rule = "exact-duplicate" if sim == 1.0 else "near-duplicate"
            dup = target
            reason = f"{rule} of {dup} (Jaccard {sim:.3f})"
        out[doc_id] = Membership(
            cluster=target,
            canonical=dup is None,
            duplicate_of=dup,
            similarity=sim,
            overlaps=found,
            reason=reason,
            rule=rule,
            duplicates=tuple(duplicates.get(doc_id, ())) if dup is None else (),
        )
    return out


def membership_of(doc_id: str, nshingles: int, memberships: Mapping[str, Membership]) -> Membership:
    """A document's membership: found by dedup, or alone (or empty)."""
    found = memberships.get(doc_id)
    if found is not None:
        return found
    reason = _ALONE if nshingles else _EMPTY
    return Membership(doc_id, True, None, None, reason=reason)


# --- entry points -------------------------------------------------------------------------


def prepare_dataset(ds: Any, options: RunOptions, learned: LearnedBoilerplate | None = None) -> Any:
    """Records (Ray Data rows with ``options.fields``) -> prepared rows, materialized."""
    settings = StageSettings.of(options, None, learned)
    return _prepare(ds, PrepareRecords, settings, options, options.chunk_size)


def process_dataset(ds: Any, options: RunOptions | None = None, partitions: int = 4) -> Any:
    """Clean and deduplicate a ``ray.data.Dataset`` of records; return a Dataset of documents.

    Input rows have ``options.fields``: an id (required), a text (or an HTML page), other
    columns become metadata. Output rows have the fields of ``documents.jsonl``
    (``metadata`` and ``overlap_scores`` as JSON strings, as in ``documents.parquet``);
    records that could not be read or cleaned are left out (``prepare_dataset`` keeps them
    as ``row == "error"`` rows). ``options.learn`` is not applied here; learn first with
    :func:`learn_dataset` and pass ``RunOptions(learned=...)``.
    """
    options = options or RunOptions()
    _check_options(options)
    require_ray()
    prepared = prepare_dataset(ds, options, options.learned)
    memberships = deduplicate_dataset(prepared, options.dedup, partitions)
    return _documents(prepared.filter(expr=f"row == '{DOC}'"), memberships)


def _documents(docs: Any, memberships: Mapping[str, Membership]) -> Any:
    ray = require_ray()
    ref = ray.put(dict(memberships))

    def attach(batch: Any) -> Any:
        import pyarrow as pa

        found = ray.get(ref)
        places = [
            membership_of(i, n, found)
            for i, n in zip(
                batch.column("id").to_pylist(), batch.column("nshingles").to_pylist(), strict=True
            )
        ]
        ordered = [sorted(p.overlaps, key=lambda o: (str(o[0]), o[1])) for p in places]
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
            }
        )

    return docs.map_batches(attach, batch_format="pyarrow")


def run_ray(
    input_dir: str | os.PathLike[str],
    output_dir: str | os.PathLike[str],
    options: RunOptions | None = None,
    *,
    address: str | None = None,
    partitions: int = 4,
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
    started = time.perf_counter()
    listing = list_folder(source, options.extensions)
    tally.add_time("list", time.perf_counter() - started)
    files = ray.data.from_items([{"file": f} for f in listing.documents])
    learned = options.learned
    if options.learn is not None:
        t0 = time.perf_counter()
        learned = learn_files(files, str(source), options, options.learn)
        tally.add_time("learn", time.perf_counter() - t0)
    settings = StageSettings.of(options, str(source), learned)
    t0 = time.perf_counter()
    prepared = _prepare(files, PrepareFiles, settings, options, options.chunk_size)
    tally.add_time("parallel", time.perf_counter() - t0)
    errors: list[InputError] = []
    warnings: list[Notice] = []
    skipped_records = 0
    notices = prepared.filter(expr=f"row != '{DOC}'").select_columns(["row", "id", "text"])
    for row in notices.take_all():
        if row["row"] == ERROR:
            errors.append(InputError(row["id"], row["text"]))
        elif row["row"] == WARNING:
            warnings.append(Notice(row["id"], row["text"]))
        else:
            stats = json.loads(row["text"])
            skipped_records += stats["skipped"]
            for stage, seconds in stats["seconds"].items():
                tally.add_time(stage, seconds)
    t0 = time.perf_counter()
    memberships = deduplicate_dataset(prepared, options.dedup, partitions)
    tally.add_time("dedup", time.perf_counter() - t0)
    errors.sort(key=lambda e: summary.path_key(e.path))
    warnings.sort(key=lambda w: summary.path_key(w[0]))
    with atomic_folder(target) as staging, _gc_paused():
        (staging / CORPUS_DIR).mkdir()
        if learned is not None:
            learned.save(staging / LEARNED)
        t0 = time.perf_counter()
        docs = prepared.filter(expr=f"row == '{DOC}'").sort("id")
        known = _write(staging, docs.iter_batches(batch_format="pyarrow"), memberships, tally)
        tally.add_time("write", time.perf_counter() - t0)
        tally.add_time("total", time.perf_counter() - started)
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
            parquet.convert(staging, keep_jsonl=options.output_format == "both")
    return RunResult(output=target, errors=tuple(errors), report=report, warnings=tuple(warnings))


def _write(
    staging: Path,
    batches: Iterator[Any],
    memberships: Mapping[str, Membership],
    tally: summary.Tally,
) -> KnownDocuments:
    """Write the documents, coming in id order, with the local engine's writer."""
    with OutputWriter(staging, "write") as writer:
        for batch in batches:
            nshingles = batch.column("nshingles").to_pylist()
            original = batch.column("original_length").to_pylist()
            for doc, n, length in zip(from_columns(batch), nshingles, original, strict=True):
                m = membership_of(doc.id, n, memberships)
                tally.documents += 1
                tally.characters_in += length or 0
                tally.characters_out += len(doc.text)
                counts: dict[str, tuple[int, int]] = {}
                for r in doc.removals:
                    count, chars = counts.get(r.rule, (0, 0))
                    counts[r.rule] = (count + 1, chars + r.end - r.start)
                tally.add_removals(counts)
                if m.canonical:
                    tally.canonical += 1
                    tally.characters_canonical += len(doc.text)
                encoded = Encoded.of(doc.id, doc.text, doc.metadata, doc.removals)
                writer.add_encoded(doc.id, encoded, m, doc.text, mirrored=doc.is_file)
    return KnownDocuments.after(tally, writer)


# --- learning -----------------------------------------------------------------------------


class ProfileFiles(PrepareFiles):
    """Ray actor: read and rule-clean the files of a batch, profile their edges."""

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
        for first in range(0, len(raws), _CHUNK):
            cleaned = read_and_clean(raws[first : first + _CHUNK], self.settings)
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
        compute=_actors(options),
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
