"""Write the third development set ``benchmarks/cleaning/dev3/`` (deterministic; run to rebuild).

Written to break the assumptions the rules and learning were tuned on (dev, dev2): thirteen
invented sites of very different sizes (3 to 30 documents) in one flat folder with hashed
file names; English, German, French and Spanish sites, each with furniture in its own
language; about a quarter raw HTML pages whose furniture sits in ``<aside>``, ``<ul>``,
``<table>`` and ``<footer>`` blocks; the rest html2text-style text and markdown; about half
the documents from sites that never name themselves. Furniture recurs verbatim and with
small variations (counts, dates, years, names), also in the middle of a body ("read also"
lines, promo boxes, attachment lines); comment threads come in several shapes and
languages. Syndicated copies run under the second site's wrapper, some lightly edited.
Bodies hold the hard cases that must stay: lists, recipe steps, tables, Q&A, headings
followed by prose, one-line paragraphs, first-person forum posts and body lines that look
like furniture.

``labels.jsonl`` has the fields of dev2's (``id``, ``site``, ``story``, ``body``,
``boilerplate``, ``metadata.title``). Development data: tune on it
(``bench_cleaning.py --set dev3``).

    python benchmarks/cleaning/make_dev3.py
"""

from __future__ import annotations

import html
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dev3_prose import LANGS, LOOKALIKES, lang_day, lang_story, lang_title
from dev3_sites import COMMENTS, SITES, SYNDICATED, Site
from folderset import write_folder
from make_dev2 import Doc, Story, _fill, _html_block, _story, _title, labelled_record

OUT = Path(__file__).resolve().parent / "dev3"
_HANDLES = (
    "marigold_j",
    "snowplough9",
    "quietfox",
    "B.Akintola",
    "lintel",
    "harefield_mum",
    "ZoltanV",
    "corvid.watch",
    "penny-farthing",
    "tomas_r",
    "Aoife",
    "kettle_black",
)


def _headline(rnd: random.Random, site: Site) -> str:
    return _title(rnd) if site.lang == "en" else lang_title(rnd, LANGS[site.lang])


def _fill3(rnd: random.Random, template: str, site: Site, story: Story) -> str:
    """dev2's template filling plus a local date and a changing headline."""
    if "{lday}" in template:
        template = template.replace("{lday}", lang_day(rnd, LANGS[site.lang]))
    if "{headline}" in template:
        template = template.replace("{headline}", _headline(rnd, site))
    return _fill(rnd, template, story)


def _new_story(rnd: random.Random, key: str, site: Site) -> Story:
    if site.lang != "en":
        title, body = lang_story(rnd, LANGS[site.lang], site.kind == "recipe")
        return Story(key, title, body, site.kind)
    story = _story(rnd, key, site.kind)
    if rnd.random() < 0.25:  # a body line that looks like furniture
        story.body.insert(len(story.body) - 1, rnd.choice(LOOKALIKES))
    return story


def _edited(rnd: random.Random, story: Story) -> Story:
    """A light edit a syndicating site makes: the last paragraph cut, or a figure changed."""
    body = list(story.body)
    if len(body) > 4 and rnd.random() < 0.5:
        body.pop()
    else:
        body[0] = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), body[0], count=1)
    return Story(story.key, story.title, body, story.kind)


def _comments(
    rnd: random.Random, site: Site, story: Story, pool: tuple[str, ...] = ()
) -> list[str]:
    """The site's comment thread: ``pool`` (default: dev3's comments in the site's language)
    gives what readers said."""
    style = site.comments
    if style is None:
        return []
    count = rnd.randint(3, 8)
    lines = [_fill3(rnd, style.heading, site, story).replace("{count}", str(count))]
    if style.policy:
        lines.append(style.policy)
    for said in rnd.sample(pool or COMMENTS[site.lang], count):
        age = f"{rnd.randint(1, 23)}{rnd.choice(('h', 'd'))}"
        for part in style.shape:
            filled = part.replace("{handle}", rnd.choice(_HANDLES)).replace("{said}", said)
            lines.append(_fill3(rnd, filled.replace("{age}", age), site, story))
    if style.more:
        lines.append(style.more)
    return lines


def compose(rnd: random.Random, site: Site, story: Story, origin: Site | None) -> Doc:
    doc = Doc(site, story)
    doc.lines += [("x", _fill3(rnd, t, site, story)) for t in site.top]
    doc.lines.append(("x", ("# " if site.ext == ".md" else "") + story.title))
    doc.lines += [("x", _fill3(rnd, t, site, story)) for t in site.byline]
    body = [("b", p) for p in story.body]
    for template in site.inbody:
        if rnd.random() < site.inbody_share:
            body.insert(rnd.randint(1, len(body) - 1), ("i", _fill3(rnd, template, site, story)))
    doc.lines += body
    if origin is not None:
        line = _fill3(rnd, site.origin, site, story).replace("{origin}", origin.name)
        doc.lines.append(("x", line))
    if site.tags:
        doc.lines.append(("x", _fill3(rnd, site.tags, site, story)))
    doc.lines += [("x", _fill3(rnd, t, site, story)) for t in site.bottom]
    doc.lines += [("c", c) for c in _comments(rnd, site, story)]
    return doc


def _furniture(markup: str, lines: list[str]) -> str:
    """Furniture lines of an HTML page in the site's own markup."""
    if not lines:
        return ""
    items = [html.escape(t) for t in lines]
    if markup == "ul":
        return '<ul class="meta">' + "".join(f"<li>{t}</li>" for t in items) + "</ul>"
    if markup == "table":
        rows = "".join(f"<tr><td>{t}</td></tr>" for t in items)
        return f'<table class="tools">{rows}</table>'
    if markup == "footer":
        return "<footer>" + "".join(f"<p>{t}</p>" for t in items) + "</footer>"
    return f'<{markup} class="extra">' + "".join(f"<p>{t}</p>" for t in items) + f"</{markup}>"


def _thread(lines: list[str]) -> str:
    if not lines:
        return ""
    head, rest = html.escape(lines[0]), "".join(f"<li>{html.escape(t)}</li>" for t in lines[1:])
    return f'<section id="comments"><h3>{head}</h3><ol>{rest}</ol></section>'


def render(doc: Doc) -> str:
    """The document as text (blocks joined by blank lines) or as an HTML page."""
    if doc.site.ext != ".html":
        return "\n\n".join(text for _, text in doc.lines) + "\n"
    title, markup = html.escape(doc.story.title), doc.site.markup
    first_body = next(i for i, (kind, _) in enumerate(doc.lines) if kind == "b")
    last_body = max(i for i, (kind, _) in enumerate(doc.lines) if kind in "bi")
    top = [t for _, t in doc.lines[:first_body] if t != doc.story.title]
    inner = []
    for kind, text in doc.lines[first_body : last_body + 1]:
        inner.append(_furniture(markup, [text]) if kind == "i" else _html_block(kind, text))
    tail = doc.lines[last_body + 1 :]
    bottom = [t for kind, t in tail if kind == "x"]
    thread = [t for kind, t in tail if kind == "c"]
    lang = doc.site.lang
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}'
        f"</title></head>\n<body><header>{_furniture('div', top[:1])}</header>\n"
        f"<main><article><h1>{title}</h1>\n{_furniture('p', top[1:])}\n"
        + "\n".join(inner)
        + f"\n{_furniture(markup, bottom)}\n</article>\n{_thread(thread)}</main>\n"
        "<footer><p>About · Imprint · Privacy</p></footer></body></html>\n"
    )


def _record(doc: Doc, text: str = "") -> dict[str, object]:
    """The labelled record of ``doc`` as ``text`` (default: dev3's rendering) shows it."""
    return labelled_record(doc, text or render(doc), lambda kind: kind != "b")


def build() -> list[dict[str, object]]:
    rnd = random.Random(20261204)
    records = []
    stories: dict[str, list[Story]] = {}
    for key, site in SITES.items():
        stories[key] = [_new_story(rnd, f"{key}-{i:02d}", site) for i in range(site.size)]
        records += [_record(compose(rnd, site, s, None)) for s in stories[key]]
    for origin, target, count, edited in SYNDICATED:
        for i, story in enumerate(stories[origin][:count]):
            copy = _edited(rnd, story) if edited and i % 2 == 0 else story
            records.append(_record(compose(rnd, SITES[target], copy, SITES[origin])))
    return records


def main() -> None:
    print(f"wrote {write_folder(OUT, build())} documents to {OUT}")


if __name__ == "__main__":
    main()
