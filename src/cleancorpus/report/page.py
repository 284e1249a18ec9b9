"""The report page: HTML, tables and matplotlib figures from a :class:`RunSummary`.

:mod:`cleancorpus.report.html` reads a run's output files into a summary; this module turns the
summary into one self-contained page (inline CSS and SVG, no scripts, no network). Every piece
of input text goes through :func:`html.escape`.
"""

from __future__ import annotations

import difflib
import html
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..output.writers import PassageSample
from ..util.checks import check_int


@dataclass(frozen=True)
class HtmlReportConfig:
    """How much detail the page shows; every limit keeps memory and page size bounded."""

    max_clusters: int = 5
    examples_per_rule: int = 3
    max_example_chars: int = 400
    max_diff_words: int = 2000
    max_errors: int = 200
    max_members: int = 20

    def __post_init__(self) -> None:
        for name in (
            "max_clusters",
            "examples_per_rule",
            "max_example_chars",
            "max_diff_words",
            "max_errors",
            "max_members",
        ):
            default = getattr(HtmlReportConfig, name)
            check_int(
                f"HtmlReportConfig.{name}", getattr(self, name), 1, f"pass e.g. {name}={default}"
            )


@dataclass
class RuleStats:
    """Counts and a few example spans of one removal rule (``(id, start, end, text)``)."""

    spans: int = 0
    characters: int = 0
    examples: list[tuple[str, int, int, str]] = field(default_factory=list)
    first_per_doc: dict[str, tuple[str, int, int, str]] = field(default_factory=dict)

    def add(self, example: tuple[str, int, int, str], keep: int) -> None:
        """Keep, whatever the input order, the first span of the ``keep`` smallest document
        ids, and the ``keep`` smallest spans overall to fill up when fewer documents have one."""
        current = self.first_per_doc.get(example[0])
        if current is None or example < current:
            self.first_per_doc[example[0]] = example
        self.examples.append(example)
        if len(self.examples) > 4 * keep:  # amortised pruning keeps memory bounded
            self.examples = sorted(self.examples)[:keep]
        if len(self.first_per_doc) > 4 * keep:
            self.first_per_doc = dict(sorted(self.first_per_doc.items())[:keep])

    def finish(self, keep: int) -> None:
        """Settle ``examples``: one per document first, then the smallest others."""
        chosen = sorted(self.first_per_doc.values())[:keep]
        chosen += [e for e in sorted(self.examples) if e not in chosen][: keep - len(chosen)]
        self.examples, self.first_per_doc = sorted(chosen), {}


@dataclass(frozen=True)
class Side:
    """One document of a cluster as shown: id, cleaned text, and why dedup treated it so."""

    id: str
    text: str
    why: str


@dataclass(frozen=True)
class ClusterView:
    """One of the largest clusters: its canonical document beside its least similar duplicate."""

    cluster: str
    size: int
    title: str
    members: tuple[str, ...]
    canonical: Side | None
    duplicate: Side
    similarity: float | None


@dataclass(frozen=True)
class RunSummary:
    """Everything the page shows, read from one output directory."""

    output_dir: Path
    input: str
    documents_in: int | None
    documents_out: int | None
    characters_in: int | None
    characters_cleaned: int | None
    characters_out: int | None
    skipped: int | None
    overlapping: int
    cluster_sizes: Mapping[int, int]  # cluster size -> number of clusters
    rules: Mapping[str, RuleStats]
    clusters: tuple[ClusterView, ...]
    stories: tuple[tuple[str, int], ...]  # the largest story groups: (story id, documents)
    passages: tuple[PassageSample, ...]  # a few shared passages, both sides
    errors: tuple[tuple[str, str], ...]
    errors_total: int
    warnings: tuple[tuple[str, str], ...]
    warnings_total: int
    skipped_records: int
    timings: Mapping[str, str]
    parameters: Mapping[str, str]
    version: str
    missing: tuple[str, ...]


INSTALL_HINT = "pip install 'cleancorpus[report]'"
_TOKEN = re.compile(r"\S+\s*")
_CONTEXT_WORDS = 25
_MAX_RULE_BARS = 25
_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
 line-height:1.45;color:#1b1b1b;background:#fff;max-width:76rem;margin:0 auto;padding:1rem 1.5rem}
h1{margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #d0d7de;padding-bottom:.2rem}
nav a{margin-right:1rem}
code,pre{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
table{border-collapse:collapse;margin:.6rem 0 1rem}caption{text-align:left;font-weight:600;
 padding:.3rem 0}th,td{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:left;
 vertical-align:top}th{background:#f3f5f7}td.num,th.num{text-align:right;
 font-variant-numeric:tabular-nums}
figure{margin:.6rem 0}figure svg{max-width:100%;height:auto}figcaption{color:#444;font-size:.9rem}
.note{background:#fff8c5;border:1px solid #d4a72c;padding:.5rem .8rem}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
@media (max-width:760px){.pair{grid-template-columns:1fr}}
pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:0;font-size:.85rem}
pre.doc{max-height:26rem;overflow:auto;border:1px solid #d0d7de;padding:.5rem;background:#fafbfc}
del{background:#ffd7d5;color:#82071e}ins{background:#ccf5d3;color:#055d20}
h3 small,h4 small,.why{font-weight:400;color:#555}.why{margin:.2rem 0;font-size:.9rem}
.skip{color:#555;font-style:italic}
article.cluster{border-top:1px solid #d0d7de;margin-top:1rem}
"""


class _Raw(str):
    """A table cell that is already HTML."""


def page(summary: RunSummary, config: HtmlReportConfig, name: str | None = None) -> str:
    """Assemble the page; every piece of input text goes through :func:`html.escape`."""
    figures = _figures(summary)
    name = name or summary.output_dir.name or str(summary.output_dir)
    body = [
        f"<header><h1>cleancorpus report</h1><p>Output directory <code>{_e(name)}</code>"
        + (f" · cleancorpus {_e(summary.version)}" if summary.version else "")
        + "</p></header>",
        '<nav aria-label="Sections"><a href="#summary">Summary</a><a href="#clusters">Clusters</a>'
        '<a href="#rules">Removals</a><a href="#largest">Largest clusters</a>'
        '<a href="#stories">Stories</a><a href="#examples">Removed spans</a>'
        '<a href="#errors">Errors</a>'
        '<a href="#run">Run details</a></nav>',
        '<main id="main">',
    ]
    if figures is None:
        body.append(
            f'<p class="note" id="no-figures">Figures need matplotlib: <code>{_e(INSTALL_HINT)}'
            "</code>. The tables carry the same numbers.</p>"
        )
    if summary.missing:
        body.append(
            '<p class="note">Not found in the output directory: '
            + ", ".join(f"<code>{_e(m)}</code>" for m in summary.missing)
            + ". Their sections are empty or derived from the other files.</p>"
        )
    body += [
        _summary_section(summary),
        _clusters_section(summary, figures),
        _rules_section(summary, figures),
        _largest_section(summary, config),
        _stories_section(summary, config),
        _examples_section(summary),
        _errors_section(summary),
        _run_section(summary),
        "</main>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>cleancorpus report: {_e(name)}</title><style>{_CSS}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def _summary_section(s: RunSummary) -> str:
    docs, chars = _share(s.documents_out, s.documents_in), _share(s.characters_out, s.characters_in)
    table = _table(
        "summary",
        "Documents and characters in and out",
        ["", "In", "After cleaning", "Out (corpus)", "Kept"],
        [
            ["Documents", _n(s.documents_in), _n(s.documents_in), _n(s.documents_out), docs],
            [
                "Characters",
                *map(_n, (s.characters_in, s.characters_cleaned, s.characters_out)),
                chars,
            ],
        ],
        numeric=(1, 2, 3, 4),
    )
    spans = sum(r.spans for r in s.rules.values())
    facts = [
        f"{_plural(spans, 'span')} removed by {_plural(len(s.rules), 'rule')}",
        f"{_plural(sum(n for k, n in s.cluster_sizes.items() if k > 1), 'cluster')} "
        "with duplicates",
        f"{_plural(s.overlapping, 'document')} overlapping others without being duplicates",
        _plural(s.errors_total, "error"),
    ]
    if s.documents_in is not None and s.documents_out is not None:
        facts.insert(0, f"{_plural(s.documents_in - s.documents_out, 'duplicate')} removed")
    if s.skipped:
        facts.append(f"{_plural(s.skipped, 'file')} skipped by extension")
    if s.skipped_records:
        facts.append(f"{_plural(s.skipped_records, 'record')} skipped (not a web page)")
    if s.warnings_total:
        facts.append(_plural(s.warnings_total, "warning"))
    source = f"<p>Input <code>{_e(s.input)}</code></p>" if s.input else ""
    return (
        f'<section id="summary"><h2>Summary</h2>{source}{table}'
        f'<p id="facts">{" · ".join(facts)}</p></section>'
    )


def _share(part: int | None, whole: int | None) -> str:
    return f"{100 * part / whole:.1f}%" if part is not None and whole else ""


def _clusters_section(s: RunSummary, figures: dict[str, str] | None) -> str:
    rows = [[_n(size), _n(count), _n(size * count)] for size, count in s.cluster_sizes.items()]
    table = _table(
        "cluster-sizes",
        "Clusters by size",
        ["Cluster size", "Clusters", "Documents"],
        rows,
        numeric=(0, 1, 2),
    )
    figure = _figure(figures, "sizes")
    return (
        '<section id="clusters"><h2>Cluster sizes</h2><p>A cluster is one canonical document and '
        f"its duplicates; size 1 means the document has none.</p>{figure}{table}</section>"
    )


def _rules_section(s: RunSummary, figures: dict[str, str] | None) -> str:
    rows = [[rule, _n(r.spans), _n(r.characters)] for rule, r in s.rules.items()]
    table = _table(
        "rules", "Removed spans per rule", ["Rule", "Spans", "Characters"], rows, numeric=(1, 2)
    )
    figure = _figure(figures, "rules")
    return f'<section id="rules"><h2>Removals per rule</h2>{figure}{table}</section>'


def _largest_section(s: RunSummary, config: HtmlReportConfig) -> str:
    parts = ['<section id="largest"><h2>Largest clusters</h2>']
    if not s.clusters and any(size > 1 for size in s.cluster_sizes):
        parts.append("<p>Duplicates exist, but showing them needs documents.jsonl.</p>")
    elif not s.clusters:
        parts.append("<p>No document has a duplicate.</p>")
    else:
        parts.append(
            f"<p>The {len(s.clusters)} largest clusters: the canonical document beside its least "
            "similar duplicate. Words only in the canonical are <del>struck through</del>, words "
            "only in the duplicate are <ins>underlined</ins>.</p>"
        )
    for number, view in enumerate(s.clusters, start=1):
        canonical = view.canonical or Side("", "", "")
        left, right, only_a, only_b, cut = _word_diff(
            canonical.text, view.duplicate.text, config.max_diff_words
        )
        more = view.size - len(view.members)
        members = ", ".join(f"<code>{_e(m)}</code>" for m in view.members)
        members += f" and {more:,} more" if more > 0 else ""
        sim = f"{view.similarity:.3f}" if view.similarity is not None else "not recorded"
        title = f" <small>{_e(view.title)}</small>" if view.title else ""
        limit_note = f" (first {config.max_diff_words:,} words compared)" if cut else ""
        canon_head = (
            f"Canonical <code>{_e(canonical.id)}</code>"
            if view.canonical is not None
            else "Canonical <small>(not found in documents.jsonl)</small>"
        )
        dup_head = f"Duplicate <code>{_e(view.duplicate.id)}</code> <small>similarity {sim}</small>"
        parts.append(
            f'<article class="cluster" id="cluster-{number}"><h3>Cluster '
            f"<code>{_e(view.cluster)}</code>: {view.size:,} documents{title}</h3>"
            f"<p>Members: {members}.<br>{_plural(only_a, 'word')} only in the canonical, "
            f'{only_b:,} only in the duplicate{limit_note}.</p><div class="pair">'
            + _side(canon_head, canonical.why, left)
            + _side(dup_head, view.duplicate.why, right)
            + "</div></article>"
        )
    parts.append("</section>")
    return "".join(parts)


def _stories_section(s: RunSummary, config: HtmlReportConfig) -> str:
    parts = ['<section id="stories"><h2>Story groups and shared passages</h2>']
    if not s.stories:
        parts.append("<p>No report copies or quotes a passage of another.</p>")
    else:
        parts.append(
            "<p>A story groups every report that copies or quotes another (duplicate and "
            "passage links). The largest:</p><table><thead><tr><th>story</th>"
            '<th class="num">documents</th></tr></thead><tbody>'
            + "".join(
                f'<tr><td><code>{_e(story)}</code></td><td class="num">{n:,}</td></tr>'
                for story, n in s.stories
            )
            + "</tbody></table>"
        )
    for number, sample in enumerate(s.passages, start=1):
        left, right, _, _, _ = _word_diff(sample.a_text, sample.b_text, config.max_diff_words)
        parts.append(
            f'<article class="passage" id="passage-{number}"><h3>{sample.words:,} words shared '
            f"<small>score {sample.score:.2f}</small></h3>"
            '<div class="pair">'
            + _side(f"<code>{_e(sample.a)}</code>", "", left)
            + _side(f"<code>{_e(sample.b)}</code>", "", right)
            + "</div></article>"
        )
    parts.append("</section>")
    return "".join(parts)


def _side(heading: str, why: str, diff: str) -> str:
    note = f'<p class="why">{_e(why)}</p>' if why else ""
    return f'<section><h4>{heading}</h4>{note}<pre class="doc">{diff}</pre></section>'


def _word_diff(
    a: str, b: str, limit: int, context: int = _CONTEXT_WORDS
) -> tuple[str, str, int, int, bool]:
    """Word-level diff of two texts as two escaped HTML strings with ``<del>``/``<ins>`` marks.

    Runs of equal words longer than the ``context`` kept around each change are folded into
    a note saying how many identical words were left out.
    """
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    cut = len(ta) > limit or len(tb) > limit
    ta, tb = ta[:limit], tb[:limit]
    matcher = difflib.SequenceMatcher(
        None, [t.rstrip() for t in ta], [t.rstrip() for t in tb], autojunk=False
    )
    left: list[str] = []
    right: list[str] = []
    only_a = only_b = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            first, last = i1 == j1 == 0, (i2, j2) == (len(ta), len(tb))
            head = 0 if first and not last else context  # before a change, not at the start
            tail = 0 if last else context
            left.append(_equal_run(ta[i1:i2], head, tail))
            right.append(_equal_run(tb[j1:j2], head, tail))
            continue
        if i2 > i1:
            left.append(_mark("del", "".join(ta[i1:i2])))
            only_a += i2 - i1
        if j2 > j1:
            right.append(_mark("ins", "".join(tb[j1:j2])))
            only_b += j2 - j1
    return "".join(left), "".join(right), only_a, only_b, cut


def _equal_run(tokens: list[str], head: int, tail: int) -> str:
    hidden = len(tokens) - head - tail
    if hidden <= _CONTEXT_WORDS:
        return _e("".join(tokens))
    note = f'<span class="skip">[… {hidden:,} identical words …]</span>'
    return _e("".join(tokens[:head])) + note + "\n" + _e("".join(tokens[len(tokens) - tail :]))


def _mark(tag: str, chunk: str) -> str:
    body = chunk.rstrip()
    return f"<{tag}>{_e(body)}</{tag}>{_e(chunk[len(body) :])}"


def _examples_section(s: RunSummary) -> str:
    parts = ['<section id="examples"><h2>Examples of removed spans</h2>']
    if not any(r.examples for r in s.rules.values()):
        parts.append("<p>No removed spans recorded.</p>")
    for rule, stats in s.rules.items():
        if not stats.examples:
            continue
        rows = []
        for doc_id, start, end, text in stats.examples:
            shown = text + ("…" if end - start > len(text) else "")
            if not shown.strip():  # only whitespace: show it as escapes, or it is invisible
                shown = repr(shown)
            rows.append(
                [doc_id, _Raw(f"{start:,}\N{EN DASH}{end:,}"), _Raw(f"<pre>{_e(shown)}</pre>")]
            )
        caption = f"{rule}: {len(stats.examples)} of {stats.spans:,} spans"
        parts.append(
            _table("", caption, ["Document", "Characters", "Removed text"], rows, cls="examples")
        )
    parts.append("</section>")
    return "".join(parts)


def _errors_section(s: RunSummary) -> str:
    parts = ['<section id="errors"><h2>Errors</h2>']
    if not s.errors_total:
        parts.append("<p>No errors.</p>")
    else:
        shown = f" (first {len(s.errors):,})" if len(s.errors) < s.errors_total else ""
        parts.append(
            _table(
                "errors-table",
                f"{_plural(s.errors_total, 'file')} could not be read{shown}",
                ["File", "Problem"],
                [list(e) for e in s.errors],
            )
        )
    if s.warnings_total:
        shown = f" (first {len(s.warnings):,})" if len(s.warnings) < s.warnings_total else ""
        parts.append(
            _table(
                "warnings-table",
                f"{_plural(s.warnings_total, 'warning')}: read, with a caveat{shown}",
                ["Where", "Warning"],
                [list(w) for w in s.warnings],
            )
        )
    parts.append("</section>")
    return "".join(parts)


def _run_section(s: RunSummary) -> str:
    parts = ['<section id="run"><h2>Run details</h2>']
    for key, caption, values in (
        ("timings", "Timings (seconds)", s.timings),
        ("parameters", "Parameters", s.parameters),
    ):
        if values:
            rows = [[k, v] for k, v in values.items()]
            parts.append(_table(key, caption, ["Name", "Value"], rows))
    if len(parts) == 1:
        parts.append("<p>report.json records no timings or parameters.</p>")
    parts.append("</section>")
    return "".join(parts)


def _table(
    table_id: str,
    caption: str,
    headers: list[str],
    rows: list[list[str]],
    numeric: tuple[int, ...] = (),
    cls: str = "",
) -> str:
    def cell(tag: str, index: int, value: str) -> str:
        klass = ' class="num"' if index in numeric else ""
        scope = ' scope="col"' if tag == "th" else ""
        content = value if isinstance(value, _Raw) else _e(value)
        return f"<{tag}{klass}{scope}>{content}</{tag}>"

    attrs = (f' id="{table_id}"' if table_id else "") + (f' class="{cls}"' if cls else "")
    head = "".join(cell("th", i, h) for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(cell("td", i, v) for i, v in enumerate(r)) + "</tr>" for r in rows
    )
    return (
        f"<table{attrs}><caption>{_e(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _figure(figures: dict[str, str] | None, key: str) -> str:
    if not figures or key not in figures:
        return ""
    return f"<figure>{figures[key]}</figure>"


def _figures(s: RunSummary) -> dict[str, str] | None:
    """Draw the figures as inline SVG, or return None when matplotlib is not installed."""
    try:
        import matplotlib
        from matplotlib.figure import Figure
        from matplotlib.ticker import MaxNLocator
    except ImportError:
        return None
    out: dict[str, str] = {}
    n_bars = min(len(s.rules), _MAX_RULE_BARS)
    # rc_context restores matplotlib's settings on exit: nothing leaks into the caller's process.
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "cc", "font.size": 10}):
        if s.cluster_sizes:
            out["sizes"] = _svg(
                _sizes_chart(
                    Figure(figsize=(7.5, 3.0), layout="constrained"),
                    s.cluster_sizes,
                    MaxNLocator(nbins=5, integer=True),
                ),
                "fig-sizes",
                "Number of clusters by cluster size",
                "Bar chart: for each cluster size, how many clusters have that many documents. "
                "The table below lists the same numbers.",
            )
        if s.rules:
            out["rules"] = _svg(
                _rules_chart(
                    Figure(figsize=(9.5, 0.9 + 0.32 * n_bars), layout="constrained"),
                    s.rules,
                    MaxNLocator(nbins=5, integer=True),
                ),
                "fig-rules",
                "Removed spans per rule",
                "Two horizontal bar charts: how many spans, and how many characters, each "
                "cleaning rule removed. "
                "The table below lists the same numbers.",
            )
    return out


def _sizes_chart(fig: Any, sizes: Mapping[int, int], integer_ticks: Any) -> Any:
    ax = fig.add_subplot()
    counts = list(sizes.values())
    bars = ax.bar([str(k) for k in sizes], counts, color="#3b6ea8")
    if len(sizes) <= 20:
        ax.bar_label(bars, labels=[f"{c:,}" for c in counts], fontsize=8)
    else:
        ax.tick_params(axis="x", labelrotation=90, labelsize=7)
    if max(counts) >= 50 * min(counts):
        ax.set_yscale("log")
    else:
        ax.yaxis.set_major_locator(integer_ticks)
    ax.set_xlabel("Cluster size (documents)")
    ax.set_ylabel("Clusters")
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def _rules_chart(fig: Any, rules: Mapping[str, RuleStats], integer_ticks: Any) -> Any:
    shown = list(rules.items())[:_MAX_RULE_BARS]
    names = [rule for rule, _ in shown]
    panels = fig.subplots(1, 2, sharey=True)
    for ax, values, label, color in (
        (panels[0], [r.spans for _, r in shown], "Spans removed", "#b5562b"),
        (panels[1], [r.characters for _, r in shown], "Characters removed", "#6a4c93"),
    ):
        bars = ax.barh(names, values, color=color)
        ax.bar_label(bars, labels=[f"{v:,}" for v in values], fontsize=8, padding=2)
        ax.set_xlabel(label)
        ax.margins(x=0.18)
        ax.spines[["top", "right"]].set_visible(False)
    panels[0].xaxis.set_major_locator(integer_ticks)
    panels[0].invert_yaxis()  # shared: the most frequent rule on top in both panels
    if len(rules) > len(shown):
        fig.suptitle(f"Top {len(shown)} of {len(rules)} rules by spans", fontsize=10)
    return fig


def _svg(fig: Any, fig_id: str, title: str, desc: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    end = svg.index(">") + 1
    labels = f"{fig_id}-title {fig_id}-desc"
    return (
        f'<svg id="{fig_id}" role="img" aria-labelledby="{labels}"{svg[4 : end - 1]}>'
        f'<title id="{fig_id}-title">{_e(title)}</title><desc id="{fig_id}-desc">{_e(desc)}</desc>'
        + svg[end:]
    )


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _n(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def _e(text: str) -> str:
    return html.escape(text, quote=True)
