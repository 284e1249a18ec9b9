"""Write the fifth development set ``benchmarks/cleaning/dev5/`` (deterministic; run to rebuild).

Written before any rule change, for comment lines, tag and widget rows and notes pasted into a
body: short one-line comments with handles, counts, ages and reply/like/flag controls, "N
more" and sort lines, house rules and sign-in prompts; tag rows with odd labels or
hashtags; vote/share/print/font-size rows, listen-to-this players, view counts and reading
times, star ratings; corrections, disclosures, "read also" lines, series, content and
translation notes. Seven invented sites in English, German, French and Spanish in one flat
folder with hashed file names; about a quarter raw HTML pages (threads in ``<ol>`` lists or
forum ``<table>`` posts, tag chips in ``<nav>``, widget rows as ``<button>`` text); the rest
html2text-style text and markdown; about half the documents from sites that never name
themselves; a few syndicated copies. Bodies hold the hard cases that must stay (dev4's
photo/credit sentences, one-line paragraphs, quotes, lists).

``labels.jsonl`` has the fields of dev3's plus ``kinds`` (each boilerplate line's kind:
header, note, widget, tags, comments). Development data: tune on it
(``bench_cleaning.py --set dev5``).

    python benchmarks/cleaning/make_dev5.py
"""

from __future__ import annotations

import html
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dev5_sites import COMMENTS, SITES, SYNDICATED, Site
from folderset import write_folder
from make_dev2 import Doc, Story, _html_block
from make_dev3 import _comments, _edited, _fill3, _furniture, _record
from make_dev4 import _new_story, html_page

OUT = Path(__file__).resolve().parent / "dev5"
KINDS = {"x": "header", "n": "note", "w": "widget", "t": "tags", "c": "comments"}

# short body lines that must stay: one-liners, quotes, list items
ONE_LINERS = (
    "Nobody came.",
    "Then the rain stopped.",
    '"Not on my watch," she said.',
    "- two vans\n- one crane\n- forty cones",
    "That was in 1987.",
)


def _place(rnd: random.Random, body: list[tuple[str, str]], line: tuple[str, str]) -> None:
    """Put ``line`` over the first paragraph, between two paragraphs or under the last."""
    where = rnd.choice(("top", "middle", "middle", "bottom"))
    at = {"top": 0, "bottom": len(body)}.get(where, rnd.randint(1, len(body) - 1))
    body.insert(at, line)


def compose(rnd: random.Random, site: Site, story: Story, origin: Site | None) -> Doc:
    """dev3's layout with notes and widget rows in varied places and a longer thread."""
    doc = Doc(site, story)
    doc.lines += [("x", _fill3(rnd, t, site, story)) for t in site.top]
    doc.lines.append(("x", ("# " if site.ext == ".md" else "") + story.title))
    doc.lines += [("x", _fill3(rnd, t, site, story)) for t in site.byline]
    body: list[tuple[str, str]] = [("b", p) for p in story.body]
    if site.lang == "en" and rnd.random() < 0.4:
        body.insert(rnd.randint(1, len(body) - 1), ("b", rnd.choice(ONE_LINERS)))
    for template in site.notes:
        if rnd.random() < 0.6:
            _place(rnd, body, ("n", _fill3(rnd, template, site, story)))
    for template in site.widgets:
        if rnd.random() < 0.7:
            _place(rnd, body, ("w", _fill3(rnd, template, site, story)))
    doc.lines += body
    if origin is not None:
        line = _fill3(rnd, site.origin, site, story).replace("{origin}", origin.name)
        doc.lines.append(("n", line))
    if site.tags:
        doc.lines.append(("t", _fill3(rnd, site.tags, site, story)))
    thread = _comments(rnd, site, story, COMMENTS[site.lang])
    if thread and site.comments and site.comments.more:  # dev3 leaves the "more" line as is
        thread[-1] = _fill3(rnd, site.comments.more, site, story)
    if thread and site.sort:
        thread.insert(1, site.sort)
    if thread and site.signin:
        thread.append(site.signin)
    doc.lines += [("c", c) for c in thread]
    return doc


def _block(rnd: random.Random, kind: str, text: str, markup: str) -> str:
    """A body, note or widget line as a page shows it."""
    escaped = html.escape(text)
    if kind == "w":
        parts = [html.escape(p) for p in text.split(" · ")]
        return '<div class="tools">' + " · ".join(f"<button>{p}</button>" for p in parts) + "</div>"
    if kind == "n":
        return rnd.choice((f'<p class="note"><em>{escaped}</em></p>', _furniture(markup, [text])))
    if kind == "t":
        return f'<nav class="chips"><a href="/topics">{escaped}</a></nav>'
    return _html_block(kind, text)


def _thread(site: Site, lines: list[str]) -> str:
    if not lines:
        return ""
    head = html.escape(lines[0])
    if site.layout == "forum":
        rows = "".join(f"<tr><td>{html.escape(t)}</td></tr>" for t in lines[1:])
        return f'<section class="posts"><h3>{head}</h3><table>{rows}</table></section>'
    items = "".join(f"<li>{html.escape(t)}</li>" for t in lines[1:])
    return f'<section id="talk"><h3>{head}</h3><ol class="replies">{items}</ol></section>'


def render(rnd: random.Random, doc: Doc) -> str:
    """The document as text (blocks joined by blank lines) or as an HTML page."""
    if doc.site.ext != ".html":
        return "\n\n".join(text for _, text in doc.lines) + "\n"
    markup = doc.site.markup
    first = next(i for i, (kind, _) in enumerate(doc.lines) if kind in "bnw")
    last = max(i for i, (kind, _) in enumerate(doc.lines) if kind in "bnw")
    top = [t for _, t in doc.lines[:first] if t != doc.story.title]
    inner = [_block(rnd, k, t, markup) for k, t in doc.lines[first : last + 1]]
    tail = doc.lines[last + 1 :]
    after = "".join(_block(rnd, k, t, markup) for k, t in tail if k in "xnt")
    thread = _thread(doc.site, [t for k, t in tail if k == "c"])
    return html_page(doc, top, inner, after, thread, "Imprint · Cookies")


def _labelled(rnd: random.Random, doc: Doc) -> dict[str, object]:
    record = _record(doc, render(rnd, doc))
    kind_of = {text: KINDS[kind] for kind, text in doc.lines if kind != "b"}
    record["kinds"] = [kind_of[line] for line in record["boilerplate"]]  # type: ignore[union-attr]
    return record


def build() -> list[dict[str, object]]:
    rnd = random.Random(20261206)
    records = []
    stories: dict[str, list[Story]] = {}
    for key, site in SITES.items():
        stories[key] = [_new_story(rnd, f"{key}-{i:02d}", site) for i in range(site.size)]
        records += [_labelled(rnd, compose(rnd, site, s, None)) for s in stories[key]]
    for origin, target, count, edited in SYNDICATED:
        for i, story in enumerate(stories[origin][:count]):
            copy = _edited(rnd, story) if edited and i % 2 == 0 else story
            records.append(_labelled(rnd, compose(rnd, SITES[target], copy, SITES[origin])))
    return records


def main() -> None:
    print(f"wrote {write_folder(OUT, build())} documents to {OUT}")


if __name__ == "__main__":
    main()
