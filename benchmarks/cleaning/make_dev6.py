"""Write the sixth development set ``benchmarks/cleaning/dev6/`` (deterministic; run to rebuild).

Written before any rule change, with furniture drawn from how real CMSs and comment systems
lay a page out rather than from the rules or the earlier sets: nested comment replies ("In
reply to X."), Disqus points and ages, phpBB "Post by X » date" posts, Discourse likes, the
Facebook comments plugin, star-rated reviews, sort rows and moderation lines; captions and
credits in six languages between paragraphs; tag rows with odd labels and separators;
share/print/save rows; editors' notes, corrections, updates, disclosures, series and sponsor
lines; bylines of many shapes ("Von X", "Par X", "Door X", "Words by X", "X | Staff writer",
"Reporting by X; editing by Y"), labelled in ``metadata.author``. Ten invented sites in
English, German, French, Spanish, Italian and Dutch in one flat folder with hashed file names;
about a quarter raw HTML pages (threads as nested ``<ol class="children">`` lists, captions
in ``<figure>``); half the documents from sites that never name themselves; syndicated copies,
some lightly edited (a figure changed, a paragraph dropped or added). Bodies hold the hard
cases that must stay: lists, recipe steps, tables, Q&A, one-liners, headings followed by
prose, body sentences that mention comments, photos, credits and sharing.

``labels.jsonl`` has dev5's fields (``kinds``: header, caption, note, widget, tags,
comments); ``metadata`` has ``title``, ``author`` and, where the header names the site,
``site``. Development data: tune on it (``bench_cleaning.py --set dev6``).

    python benchmarks/cleaning/make_dev6.py
"""

from __future__ import annotations

import datetime as dt
import html
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dev3_prose import LANGS, lang_day, lang_sentence, lang_story, lang_title
from dev6_sites import (
    AGES,
    DESCS,
    HANDLES,
    LOOKALIKES,
    PEOPLE,
    PROSE,
    SAID,
    SITES,
    SYNDICATED,
    TAG_WORDS,
    THREADS,
    Site,
)
from folderset import sentence, write_folder
from make_dev2 import Doc, Story, _story
from make_dev3 import _edited, _fill3, _furniture, _record
from make_dev4 import _figure, html_page
from make_dev5 import _block

OUT = Path(__file__).resolve().parent / "dev6"
KINDS = {"x": "header", "f": "caption", "n": "note", "w": "widget", "t": "tags", "c": "comments"}
PROSE_LANGS = {**LANGS, **PROSE}
ONE_LINERS = ("It rained all week.", "Nobody objected.", "- one van\n- two ladders\n- a kettle")


def _name(rnd: random.Random, lang: str) -> str:
    first, last = PEOPLE[lang]
    return f"{rnd.choice(first)} {rnd.choice(last)}"


def _stamp(rnd: random.Random, fmt: str) -> str:
    when = dt.datetime(rnd.randint(2019, 2024), rnd.randint(1, 12), rnd.randint(1, 28))
    when += dt.timedelta(minutes=rnd.randint(0, 24 * 60 - 1))
    text = when.strftime(fmt)
    return text.replace("AM", "am").replace("PM", "pm") if fmt.startswith("%a") else text


class Filler:
    """Fills one document's templates: its author and editor, a photographer, tags, stamps;
    the rest as dev3 fills them (``_fill3``)."""

    def __init__(self, rnd: random.Random, site: Site, story: Story) -> None:
        self.rnd, self.site, self.story = rnd, site, story
        self.author = rnd.choice(HANDLES) if site.kind == "forum" else _name(rnd, site.lang)
        self.editor = _name(rnd, site.lang)
        self.tags = rnd.sample(TAG_WORDS[site.lang], 2)

    def __call__(self, template: str) -> str:
        rnd, lang = self.rnd, PROSE_LANGS.get(self.site.lang)
        fields = {
            "{author}": self.author,
            "{editor}": self.editor,
            "{photog}": _name(rnd, self.site.lang),
            "{tag1}": self.tags[0],
            "{tag2}": self.tags[1],
            "{pstamp}": _stamp(rnd, "%a %b %d, %Y %I:%M %p"),
            "{desc}": rnd.choice(DESCS[self.site.lang]),
        }
        if lang is not None:
            fields["{lday}"] = lang_day(rnd, lang)
            fields["{headline}"] = lang_title(rnd, lang)
        for key, value in fields.items():
            template = template.replace(key, value)
        return _fill3(rnd, template, self.site, self.story)


def _new_story(rnd: random.Random, key: str, site: Site) -> Story:
    if site.lang != "en":
        title, body = lang_story(rnd, PROSE_LANGS[site.lang], site.kind == "recipe")
        return Story(key, title, body, site.kind)
    kind = "qa" if site.kind == "news" and rnd.random() < 0.25 else site.kind
    story = _story(rnd, key, kind)
    if rnd.random() < 0.45:
        story.body.insert(rnd.randint(1, len(story.body) - 1), rnd.choice(LOOKALIKES))
    if rnd.random() < 0.3:
        story.body.insert(rnd.randint(1, len(story.body) - 1), rnd.choice(ONE_LINERS))
    return story


def _syndicated(rnd: random.Random, story: Story, site: Site) -> Story:
    """A syndicating site's light edit: a paragraph dropped or added, or dev3's edit."""
    body, pick = list(story.body), rnd.random()
    if pick < 0.35 and len(body) > 4:
        del body[rnd.randint(1, len(body) - 2)]
    elif pick < 0.7:
        lang = PROSE_LANGS.get(site.lang)
        extra = lang_sentence(rnd, lang) if lang else " ".join(sentence(rnd) for _ in range(2))
        body.insert(len(body) - 1, extra)
    else:
        return _edited(rnd, story)
    return Story(story.key, story.title, body, story.kind)


def _thread(rnd: random.Random, site: Site, story: Story) -> list[tuple[int, list[str]]]:
    """The site's comment thread as (depth, lines) groups: heading and sort (depth 0), each
    comment (1) and reply (2), the closing lines (0)."""
    if not site.thread:
        return []
    style = THREADS[site.thread]
    said = rnd.sample(SAID[site.lang], min(len(SAID[site.lang]), rnd.randint(3, 7)))
    comments: list[tuple[int, list[str]]] = []
    parent = ""
    for text in said:
        replying = bool(style.reply) and bool(parent) and rnd.random() < 0.35
        if style.removed and rnd.random() < 0.15:
            text = style.removed
        handle = rnd.choice([h for h in HANDLES if h != parent])
        values = {
            "{handle}": handle,
            "{parent}": parent,
            "{said}": text,
            "{stamp}": _stamp(rnd, style.stamp),
            "{ago}": rnd.choice(AGES[site.lang]).replace("{k}", str(rnd.randint(2, 11))),
            "{joined}": _stamp(rnd, "%a %b %d, %Y"),
            "{title}": story.title,
        }
        lines = []
        for part in style.reply if replying else style.item:
            for key, value in values.items():
                part = part.replace(key, value)
            lines.append(_fill3(rnd, part, site, story))
        comments.append((2 if replying else 1, lines))
        parent = handle
    head = [style.heading.replace("{count}", str(len(comments))).replace("{title}", story.title)]
    if style.sort:
        head.append(style.sort)
    return [(0, head), *comments, (0, list(style.close))]


def compose(rnd: random.Random, site: Site, story: Story, origin: Site | None) -> Doc:
    """Header, body with captions, notes and widget rows set in, then the tail and thread."""
    doc, fill = Doc(site, story), Filler(rnd, site, story)
    doc.lines += [("x", fill(t)) for t in site.top]
    doc.lines.append(("x", ("# " if site.ext == ".md" else "") + story.title))
    doc.lines += [("x", fill(t)) for t in (rnd.choice(site.byline), *site.dateline)]
    body: list[tuple[str, str]] = [("b", p) for p in story.body]
    captions = rnd.sample(site.captions, min(len(site.captions), rnd.randint(1, 3)))
    inserts = [("f", fill(t)) for t in captions]
    inserts += [("n", fill(t)) for t in site.notes if rnd.random() < 0.45]
    inserts += [("w", fill(t)) for t in site.widgets if rnd.random() < 0.6]
    for line in inserts:
        where = rnd.choice(("top", "middle", "middle", "bottom"))
        body.insert({"top": 0, "bottom": len(body)}.get(where, rnd.randint(1, len(body) - 1)), line)
    doc.lines += body
    if origin is not None:
        doc.lines.append(("n", fill(site.origin.replace("{origin}", origin.name))))
    if site.tags:
        doc.lines.append(("t", fill(site.tags)))
    doc.lines += [("x", fill(t)) for t in site.after]
    doc.thread = _thread(rnd, site, story)  # type: ignore[attr-defined]
    doc.lines += [("c", line) for _, lines in doc.thread for line in lines]  # type: ignore[attr-defined]
    doc.author = fill.author  # type: ignore[attr-defined]
    return doc


def _thread_html(groups: list[tuple[int, list[str]]]) -> str:
    """A thread as a comment system's markup: nested ``<ol class="children">`` replies."""
    if not groups:
        return ""
    (_, head), *comments, (_, close) = groups
    parts = [f"<h3>{html.escape(head[0])}</h3>"]
    parts += [f'<div class="sort">{html.escape(t)}</div>' for t in head[1:]]
    parts.append('<ol class="commentlist">')
    for i, (depth, lines) in enumerate(comments):
        meta, rest = html.escape(lines[0]), "".join(f"<p>{html.escape(t)}</p>" for t in lines[1:])
        item = f'<article class="comment"><footer>{meta}</footer><div>{rest}</div></article>'
        opens = depth == 1 and i + 1 < len(comments) and comments[i + 1][0] == 2
        parts.append(f"<li>{item}" + ('<ol class="children">' if opens else "</li>"))
        if depth == 2 and (i + 1 == len(comments) or comments[i + 1][0] == 1):
            parts.append("</ol></li>")
    parts.append("</ol>")
    parts += [f'<p class="form">{html.escape(t)}</p>' for t in close]
    return '<section id="comments">' + "".join(parts) + "</section>"


def render(rnd: random.Random, doc: Doc) -> str:
    """The document as text (blocks joined by blank lines) or as an HTML page."""
    if doc.site.ext != ".html":
        return "\n\n".join(text for _, text in doc.lines) + "\n"
    first = next(i for i, (kind, _) in enumerate(doc.lines) if kind in "bfnw")
    last = max(i for i, (kind, _) in enumerate(doc.lines) if kind in "bfnw")
    top = [t for _, t in doc.lines[:first] if t != doc.story.title]
    inner = [
        _figure(rnd, t) if k == "f" else _block(rnd, k, t, doc.site.markup)
        for k, t in doc.lines[first : last + 1]
    ]
    tail = doc.lines[last + 1 :]
    after = "".join(_block(rnd, k, t, doc.site.markup) for k, t in tail if k in "nt")
    after += _furniture(doc.site.markup, [t for k, t in tail if k == "x"])
    thread = _thread_html(doc.thread)  # type: ignore[attr-defined]
    return html_page(doc, top, inner, after, thread, "Impressum · Datenschutz · Cookies")


def _labelled(rnd: random.Random, doc: Doc) -> dict[str, object]:
    record = _record(doc, render(rnd, doc))
    kind_of = {text: KINDS[kind] for kind, text in doc.lines if kind != "b"}
    record["kinds"] = [kind_of[line] for line in record["boilerplate"]]  # type: ignore[union-attr]
    meta = record["metadata"]
    meta["author"] = doc.author  # type: ignore[attr-defined,index]
    if doc.site.masthead:
        meta["site"] = doc.site.name  # type: ignore[index]
    return record


def build() -> list[dict[str, object]]:
    rnd = random.Random(20261207)
    records = []
    stories: dict[str, list[Story]] = {}
    for key, site in SITES.items():
        stories[key] = [_new_story(rnd, f"{key}-{i:02d}", site) for i in range(site.size)]
        records += [_labelled(rnd, compose(rnd, site, s, None)) for s in stories[key]]
    for origin, target, count, edited in SYNDICATED:
        for i, story in enumerate(stories[origin][:count]):
            copy = _syndicated(rnd, story, SITES[target]) if edited and i % 2 == 0 else story
            records.append(_labelled(rnd, compose(rnd, SITES[target], copy, SITES[origin])))
    return records


def main() -> None:
    print(f"wrote {write_folder(OUT, build())} documents to {OUT}")


if __name__ == "__main__":
    main()
