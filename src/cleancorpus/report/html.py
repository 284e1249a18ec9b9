"""Render ``OUTPUT/report.html``: one self-contained page that summarises a cleancorpus run.

The page is built only from the files a run writes into its output directory, so it does not
depend on the pipeline's internals:

- ``report.json`` (layout in :mod:`cleancorpus.report.summary`) — read keys, each optional:
  ``counts.documents``, ``counts.canonical``, ``counts.characters_in``,
  ``counts.characters_out`` (all cleaned documents), ``counts.characters_canonical``,
  ``counts.skipped``, ``removals_by_rule`` (used only without ``removals.jsonl``), ``errors``
  (``[{path, problem}]``), ``timings`` and ``parameters`` (shown flattened), ``version``,
  ``input``. Other keys are ignored; a missing count is derived from the JSON lines files.
- ``documents.jsonl`` — ``id``, ``text``, ``cluster``, ``canonical``, ``similarity``,
  ``overlaps``, ``rule``, ``reason``, ``metadata.title``; read twice (cluster sizes, then the
  texts of the few largest clusters only). The writer of the file can pass what it knows of it
  (:class:`KnownDocuments`) instead: then only the lines of the largest clusters are read.
- ``corpus.jsonl`` — ``id``, ``duplicates``; only when ``documents.jsonl`` is absent.
- ``removals.jsonl`` — ``id``, ``rule``, ``start``, ``end``, ``text``; streamed, keeping counts
  and a few examples per rule, chosen by document id and offset so input order does not matter.

The page itself (tables, matplotlib figures as inline SVG, with the optional ``report``
extra; without it tables and an install hint) is assembled by :mod:`cleancorpus.report.page`.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..output.writers import OutputWriter, StoryCollector
from ..records import Passage
from ..util.atomic import write_atomically
from .page import (
    ClusterView,
    HtmlReportConfig,
    RuleStats,
    RunSummary,
    Side,
    page,
)
from .summary import Tally

FILES = ("report.json", "documents.jsonl", "corpus.jsonl", "removals.jsonl")
REPORT_NAME = "report.html"


@dataclass(frozen=True)
class KnownDocuments:
    """What the writer of ``documents.jsonl`` knows of it, so the page need not read it all.

    ``lines``: cluster id -> byte offsets of its documents' lines, in file order (every
    document is in exactly one cluster); the counts are those the first read would find.
    """

    documents: int
    canonical: int
    characters: int  # of the cleaned texts, all documents
    characters_canonical: int
    overlapping: int  # documents with at least one overlap
    lines: Mapping[str, list[int]]
    stories: StoryCollector | None = None  # story groups, a few shared passages

    @classmethod
    def after(cls, tally: Tally, writer: OutputWriter) -> KnownDocuments:
        """What a run's tally and the writer of its documents.jsonl know."""
        return cls(
            documents=tally.documents,
            canonical=tally.canonical,
            characters=tally.characters_out,
            characters_canonical=tally.characters_canonical,
            overlapping=writer.overlapping,
            lines=writer.cluster_lines,
            stories=writer.stories,
        )


def render(
    output_dir: Path,
    config: HtmlReportConfig | None = None,
    known: KnownDocuments | None = None,
    name: str | None = None,
) -> str:
    """Return the HTML of the report page for the run written into ``output_dir``.

    ``name``: the output folder as the page should call it (default: ``output_dir``'s name;
    the pipeline renders in a staging folder and passes the final name).
    """
    summary = read_run(Path(output_dir), config or HtmlReportConfig(), known)
    return page(summary, config or HtmlReportConfig(), name)


def write_report_html(
    output_dir: Path,
    config: HtmlReportConfig | None = None,
    known: KnownDocuments | None = None,
    name: str | None = None,
) -> Path:
    """Write ``output_dir/report.html`` atomically (temp file, then rename) and return its path."""
    output_dir = Path(output_dir)
    html = render(output_dir, config, known, name)
    return write_atomically(output_dir / REPORT_NAME, lambda handle: handle.write(html.encode()))


def read_run(
    output_dir: Path, config: HtmlReportConfig, known: KnownDocuments | None = None
) -> RunSummary:
    """Read the output files of one run into a :class:`RunSummary` (bounded memory).

    ``known``: what the caller that just wrote ``documents.jsonl`` knows of it; only the lines
    of the largest clusters are then read back.
    """
    if not output_dir.is_dir():
        raise InputError(str(output_dir), "not a directory; pass the OUTPUT of `cleancorpus run`")
    missing = tuple(name for name in FILES if not (output_dir / name).is_file())
    if len(missing) == len(FILES):
        raise InputError(
            str(output_dir), f"no cleancorpus output here (none of {', '.join(FILES)})"
        )
    report = _read_report(output_dir / "report.json")
    rules = _read_removals(output_dir / "removals.jsonl", config)
    docs = output_dir / "documents.jsonl"
    sizes: Counter[str] = Counter()
    n_docs = n_canonical = chars_all = chars_canonical = overlapping = 0
    stories = known.stories if known is not None and known.stories else StoryCollector()
    if known is not None:
        sizes.update({cluster: len(at) for cluster, at in known.lines.items()})
        n_docs, n_canonical = known.documents, known.canonical
        chars_all, chars_canonical = known.characters, known.characters_canonical
        overlapping = known.overlapping
    else:
        for record in _read_jsonl(docs):
            doc_id = _text(record.get("id"))
            sizes[_text(record.get("cluster", doc_id))] += 1
            n_docs += 1
            text_len = len(_text(record.get("text")))
            chars_all += text_len
            if record.get("canonical") is True:
                n_canonical += 1
                chars_canonical += text_len
            if record.get("overlaps"):
                overlapping += 1
            passages = [_passage(p) for p in _as_list(record.get("passages"))]
            text = _text(record.get("text"))
            story = record.get("story")
            story = story if isinstance(story, str) else None
            stories.add(doc_id, story, passages, functools.partial(str, text))
    if not docs.is_file():
        for record in _read_jsonl(output_dir / "corpus.jsonl"):
            n_canonical += 1
            n_docs += 1 + len(record.get("duplicates") or ())
            sizes[_text(record.get("id"))] = 1 + len(record.get("duplicates") or ())
    have_docs = docs.is_file() or (output_dir / "corpus.jsonl").is_file()
    removed_chars = sum(stats.characters for stats in rules.values())
    errors = [_error(item) for item in _as_list(_lookup(report, "errors"))]
    warnings = [_error(item) for item in _as_list(_lookup(report, "warnings"))]
    return RunSummary(
        output_dir=output_dir,
        input=_text(_lookup(report, "input")),
        documents_in=_count(report, "counts.documents", n_docs, have_docs),
        documents_out=_count(report, "counts.canonical", n_canonical, have_docs),
        characters_in=_count(
            report, "counts.characters_in", chars_all + removed_chars, docs.is_file()
        ),
        characters_cleaned=_count(report, "counts.characters_out", chars_all, docs.is_file()),
        characters_out=_count(
            report, "counts.characters_canonical", chars_canonical, docs.is_file()
        ),
        skipped=_count(report, "counts.skipped", 0, False),
        overlapping=overlapping,
        cluster_sizes=dict(sorted(Counter(sizes.values()).items())),
        rules=rules or _rules_from_report(report),
        clusters=_largest_clusters(docs, sizes, config, known),
        stories=tuple(
            (story, n) for story, n in stories.stories.most_common(config.max_clusters) if n > 1
        ),
        passages=tuple(stories.samples.values()),
        errors=tuple(errors[: config.max_errors]),
        errors_total=len(errors),
        warnings=tuple(warnings[: config.max_errors]),
        warnings_total=len(warnings),
        skipped_records=_count(report, "counts.skipped_records", 0, False) or 0,
        timings=_flatten(_lookup(report, "timings")),
        parameters=_flatten(_lookup(report, "parameters")),
        version=_text(_lookup(report, "version")),
        missing=missing,
    )


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    if not path.is_file():
        return
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(
                        str(path), f"line {number}: invalid JSON ({exc.msg})"
                    ) from None
                if not isinstance(record, dict):
                    raise InputError(str(path), f"line {number}: expected a JSON object")
                yield record
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 ({exc.reason})") from None


def _read_report(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"not a readable JSON file ({exc})") from None
    if not isinstance(report, dict):
        raise InputError(str(path), "expected a JSON object at the top level")
    return report


def _read_removals(path: Path, config: HtmlReportConfig) -> dict[str, RuleStats]:
    rules: dict[str, RuleStats] = {}
    keep = config.examples_per_rule
    for record in _read_jsonl(path):
        stats = rules.setdefault(_text(record.get("rule")) or "(unnamed)", RuleStats())
        text = _text(record.get("text"))
        start, end = _int(record.get("start")), _int(record.get("end"))
        stats.spans += 1
        stats.characters += len(text) if text else max(0, end - start)
        stats.add((_text(record.get("id")), start, end, text[: config.max_example_chars]), keep)
    for stats in rules.values():
        stats.finish(keep)
    return dict(sorted(rules.items(), key=lambda item: (-item[1].spans, item[0])))


def _read_lines_at(path: Path, offsets: list[int]) -> Iterator[dict[str, Any]]:
    """The records starting at ``offsets`` (sorted) of a JSONL file."""
    with path.open("rb") as handle:
        for offset in offsets:
            handle.seek(offset)
            line = handle.readline()
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise InputError(str(path), f"byte {offset}: not a JSON line ({exc})") from None
            if not isinstance(record, dict):
                raise InputError(str(path), f"byte {offset}: expected a JSON object")
            yield record


def _largest_clusters(
    docs: Path, sizes: Counter[str], config: HtmlReportConfig, known: KnownDocuments | None
) -> tuple[ClusterView, ...]:
    ranked = sorted((item for item in sizes.items() if item[1] > 1), key=lambda i: (-i[1], i[0]))
    top = dict(ranked[: config.max_clusters])
    if not top:
        return ()
    canon: dict[str, tuple[Side, str]] = {}
    best: dict[str, tuple[tuple[bool, float, str], Side, float | None]] = {}
    members: dict[str, list[str]] = {key: [] for key in top}
    records = (
        _read_jsonl(docs)
        if known is None
        else _read_lines_at(docs, sorted(at for key in top for at in known.lines[key]))
    )
    for record in records:
        doc_id = _text(record.get("id"))
        key = _text(record.get("cluster", doc_id))
        if key not in top:
            continue
        members[key].append(doc_id)
        if len(members[key]) > 4 * config.max_members:
            members[key] = sorted(members[key])[: config.max_members]
        rule, why = _text(record.get("rule")), _text(record.get("reason"))
        why = why if why.startswith(rule) else f"{rule}: {why}" if why else rule
        side = Side(doc_id, _text(record.get("text")), why)
        if record.get("canonical") is True:
            metadata = record.get("metadata")
            canon[key] = (side, _text(metadata.get("title")) if isinstance(metadata, dict) else "")
            continue
        sim = record.get("similarity")
        sim = float(sim) if isinstance(sim, (int, float)) and not isinstance(sim, bool) else None
        # Show the least similar duplicate: its differences say most about the cluster.
        rank = (sim is None, sim if sim is not None else 0.0, doc_id)
        if key not in best or rank < best[key][0]:
            best[key] = (rank, side, sim)
    views = []
    for key, size in top.items():
        if key in best:
            canonical, title = canon.get(key, (None, ""))
            shown = tuple(sorted(members[key])[: config.max_members])
            views.append(
                ClusterView(key, size, title, shown, canonical, best[key][1], best[key][2])
            )
    return tuple(views)


def _passage(item: Any) -> Passage:
    """A passage of a documents.jsonl line (fields missing or malformed read as empty)."""
    get = item.get if isinstance(item, Mapping) else (lambda _key: None)
    return Passage(
        _text(get("other")),
        _int(get("start")),
        _int(get("end")),
        _int(get("other_start")),
        _int(get("other_end")),
        _int(get("words")),
        float(get("score") or 0.0),
    )


def _lookup(report: Mapping[str, Any], dotted: str) -> Any:
    value: Any = report
    for part in dotted.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _count(report: Mapping[str, Any], key: str, derived: int, known: bool) -> int | None:
    value = _lookup(report, key)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return derived if known else None


def _rules_from_report(report: Mapping[str, Any]) -> dict[str, RuleStats]:
    by_rule = _lookup(report, "removals_by_rule")
    rules = {
        str(rule): RuleStats(spans=_int(item.get("count")), characters=_int(item.get("characters")))
        for rule, item in (by_rule.items() if isinstance(by_rule, Mapping) else ())
        if isinstance(item, Mapping)
    }
    return dict(sorted(rules.items(), key=lambda item: (-item[1].spans, item[0])))


def _flatten(value: Any, prefix: str = "") -> dict[str, str]:
    if not isinstance(value, Mapping):
        return {} if value is None or not prefix else {prefix: _scalar(value)}
    flat: dict[str, str] = {}
    for key, item in value.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(item, Mapping):
            flat.update(_flatten(item, name))
        else:
            flat[name] = _scalar(item)
    return flat


def _scalar(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True)


def _error(item: Any) -> tuple[str, str]:
    if isinstance(item, Mapping):
        path = item.get("path", item.get("file", ""))
        problem = item.get("problem", item.get("message", item.get("error", "")))
        return _text(path), _text(problem)
    return "", _text(item)


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def _text(value: Any) -> str:
    return "" if value is None else value if isinstance(value, str) else str(value)


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
