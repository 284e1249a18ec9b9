"""Assembling ``report.json``: what a run read, removed, kept and skipped, and how long it took.

Layout (keys are stable; new keys may be added)::

    tool, version, input (the INPUT folder; several INPUT arguments joined by spaces)
    inputs:     the INPUT arguments as given (folders, files, globs, ``-``), for run()
    counts:     files (files found by extension), documents (processed), canonical,
                duplicates, errors, warnings, skipped (files ignored by extension),
                skipped_records (records passed over on purpose: WARC responses that are
                not HTML pages), characters_in (texts as read, or as extracted from HTML),
                characters_out (all cleaned documents), characters_canonical, removals,
                characters_removed
    removals_by_rule: {rule: {count, characters}}   (sums over removals.jsonl)
    skipped:    {count, by_extension: {".pdf": n}}
    errors:     [{path, problem}]   path is a file relative to INPUT, ``file:line`` (or row)
                for a record that could not be parsed, or a document id (``file#record``)
    warnings:   [{path, problem}]   same paths: a guessed charset, a skipped WARC record, ...
                Both lists are sorted by path, numbers in paths compared as numbers, and
                hold at most ``max_examples`` entries each (``--max-error-examples``);
                counts.errors and counts.warnings count all of them.
    problems:   {max_examples, errors: {total, listed, by_kind, by_file}, warnings: {...}}:
                every problem counted by kind (its message without the details of one
                occurrence) and by input file, largest first
    timings:    seconds; read/extract/clean/fingerprint are summed over workers (CPU-side
                cost; extract is trafilatura), parallel/dedup/write/total are wall-clock time
                of the main process
    parameters: clean, dedup (the configs as data), workers, max_bytes, chunk_size,
                extensions, fields, extract, output_format, index, version
    passages:   pairs (document pairs sharing a passage), passages, documents (with one),
                story_groups (stories of more than one cluster), overlap_links (cluster
                pairs linked by a containment overlap, not aligned), repeated_blocks
                ([{stories, example, start, end, text}]: passages too widespread to be reuse)
    index:      (with an index) location, entries_before, matched (canonicals matched),
                documents_matched, added, verification ("exact" or "estimated")
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import PurePosixPath
from typing import Any

from ..errors import InputError

TOOL = "cleancorpus"
WORKER_STAGES = ("read", "extract", "clean", "fingerprint")
_DIGITS = re.compile(r"(\d+)")


def path_key(path: str) -> tuple[tuple[int, str], ...]:
    """Sort key for error paths: ``data.jsonl:2`` before ``data.jsonl:10``."""
    return tuple(
        (1, part.zfill(20)) if part.isdigit() else (0, part) for part in _DIGITS.split(path)
    )


def version() -> str:
    """The installed cleancorpus version."""
    try:
        return metadata.version(TOOL)
    except metadata.PackageNotFoundError:  # running from a source tree without installing
        return "unknown"


@dataclass
class Tally:
    """Counters filled while a run proceeds; turned into the report at the end."""

    documents: int = 0
    canonical: int = 0
    characters_in: int = 0
    characters_out: int = 0
    characters_canonical: int = 0
    by_rule: dict[str, list[int]] = field(default_factory=dict)  # rule -> [count, characters]
    timings: dict[str, float] = field(default_factory=dict)
    index: dict[str, Any] | None = None  # what matching against a persistent index did
    passages: dict[str, Any] | None = None  # shared passages: counts, repeated blocks

    def add_removals(self, counts: Mapping[str, tuple[int, int]]) -> None:
        for rule, (count, chars) in counts.items():
            slot = self.by_rule.setdefault(rule, [0, 0])
            slot[0] += count
            slot[1] += chars

    def add_time(self, stage: str, seconds: float) -> None:
        self.timings[stage] = self.timings.get(stage, 0.0) + seconds


def as_data(config: Any) -> Any:
    """A config dataclass as plain JSON-able data (sets become sorted lists)."""
    if dataclasses.is_dataclass(config) and not isinstance(config, type):
        return {f.name: as_data(getattr(config, f.name)) for f in dataclasses.fields(config)}
    if isinstance(config, (set, frozenset)):
        return sorted(as_data(v) for v in config)
    if isinstance(config, (list, tuple)):
        return [as_data(v) for v in config]
    if isinstance(config, Mapping):
        return {str(k): as_data(v) for k, v in config.items()}
    return config


def build(
    *,
    tally: Tally,
    errors: Iterable[InputError],
    skipped: Iterable[str],
    files: int,
    parameters: Mapping[str, Any],
    input_dir: str | None,
    warnings: Iterable[tuple[str, str]] = (),
    skipped_records: int = 0,
    inputs: Iterable[str] | None = None,
    problems: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The report as a JSON-able dict."""
    errors = sorted(errors, key=lambda e: path_key(e.path))
    warnings = sorted(warnings, key=lambda w: path_key(w[0]))
    skipped = list(skipped)
    by_extension: dict[str, int] = {}
    for path in skipped:
        ext = PurePosixPath(path).suffix.lower()
        by_extension[ext] = by_extension.get(ext, 0) + 1
    removals = sum(count for count, _ in tally.by_rule.values())
    removed_chars = sum(chars for _, chars in tally.by_rule.values())
    return {
        "tool": TOOL,
        "version": version(),
        "input": input_dir,
        **({} if inputs is None else {"inputs": list(inputs)}),
        "counts": {
            "files": files,
            "documents": tally.documents,
            "canonical": tally.canonical,
            "duplicates": tally.documents - tally.canonical,
            "errors": problems["errors"]["total"] if problems else len(errors),
            "warnings": problems["warnings"]["total"] if problems else len(warnings),
            "skipped": len(skipped),
            "skipped_records": skipped_records,
            "characters_in": tally.characters_in,
            "characters_out": tally.characters_out,
            "characters_canonical": tally.characters_canonical,
            "removals": removals,
            "characters_removed": removed_chars,
        },
        "removals_by_rule": {
            rule: {"count": count, "characters": chars}
            for rule, (count, chars) in sorted(tally.by_rule.items())
        },
        "skipped": {"count": len(skipped), "by_extension": dict(sorted(by_extension.items()))},
        "errors": [{"path": e.path, "problem": e.problem} for e in errors],
        "warnings": [{"path": path, "problem": problem} for path, problem in warnings],
        **({"problems": as_data(dict(problems))} if problems else {}),
        "timings": {stage: round(sec, 4) for stage, sec in tally.timings.items()},
        "parameters": {**as_data(dict(parameters)), "version": version()},
        **({"index": tally.index} if tally.index is not None else {}),
        **({"passages": tally.passages} if tally.passages is not None else {}),
    }
