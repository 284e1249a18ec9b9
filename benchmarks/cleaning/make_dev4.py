"""Write the fourth development set ``benchmarks/cleaning/dev4/`` (deterministic; run to rebuild).

Written before any rule change, for the kinds of residue that survive most on sites never
seen: image captions and credits (over the first paragraph, between paragraphs, under the
last), alt-text residue (``![...](...)``), editors' notes pasted into a body, tag rows with
unusual labels, vote/share/print rows and short one-line comments with handles. Nine invented
sites in one flat folder with hashed file names: English, German and French; about a quarter
raw HTML pages with ``<figure>``/``<figcaption>``, ``<img alt>`` and ``<small>`` credits; the
rest html2text-style text and markdown; about half the documents from sites that never name
themselves; a few syndicated copies. Bodies hold the hard cases that must stay: sentences
about photos, images, charts and credit, one-line paragraphs, quotes, lists, recipe steps.

``labels.jsonl`` has the fields of dev3's (``id``, ``site``, ``story``, ``body``,
``boilerplate``, ``metadata.title``). Development data: tune on it
(``bench_cleaning.py --set dev4``).

    python benchmarks/cleaning/make_dev4.py
"""

from __future__ import annotations

import html
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dev3_prose import LANGS, lang_story
from dev4_sites import COMMENTS, SITES, SYNDICATED, Site
from folderset import NOUN, PLACE, WHO, write_folder
from make_dev2 import Doc, Story, _html_block, _story
from make_dev3 import _comments, _edited, _fill3, _furniture, _record

OUT = Path(__file__).resolve().parent / "dev4"

DESCS = {
    "en": (
        "Volunteers haul sandbags {place}",
        "The old {noun} {place}, seen from the footbridge",
        "A crowd of {who} waits for the vote",
        "Floodwater reaches the steps of the {noun}",
        "Two {who} inspect the cracked wall of the {noun}",
    ),
    "de": (
        "Helfer schleppen Sandsäcke am Ufer",
        "Die alte Brücke vom Steg aus gesehen",
        "Anwohner warten vor dem Rathaus",
    ),
    "fr": (
        "Des bénévoles sur la place du marché",
        "Le vieux pont vu depuis la passerelle",
        "Les habitants attendent devant la mairie",
    ),
}

# body sentences that talk about photos, pictures, charts and credit: they must stay
LOOKALIKES = (
    "The photo, taken in 1962, shows the mill before the second floor was added.",
    "Credit unions lent more to small farms last year than the two high-street banks did.",
    "Pictures from the archive were handed to the museum in a shoebox.",
    "The chart the council published in May left out the winter months entirely.",
    "Image rights were the last thing on anyone's mind that night.",
    "Nobody asked who took the picture; everyone asked who paid for the bridge.",
    'She said: "Take a photo of the crack and send it to the engineers."',
    "Source material for the survey came from three parish registers.",
)


def _desc(rnd: random.Random, site: Site) -> str:
    template = rnd.choice(DESCS.get(site.lang, DESCS["en"]))
    return template.format(place=rnd.choice(PLACE), noun=rnd.choice(NOUN), who=rnd.choice(WHO))


def _caption(rnd: random.Random, site: Site, story: Story) -> str:
    template = rnd.choice(site.captions).replace("{desc}", _desc(rnd, site))
    return _fill3(rnd, template, site, story)


def _new_story(rnd: random.Random, key: str, site: Site) -> Story:
    if site.lang != "en":
        title, body = lang_story(rnd, LANGS[site.lang], site.kind == "recipe")
        return Story(key, title, body, site.kind)
    story = _story(rnd, key, site.kind)
    if rnd.random() < 0.4:
        story.body.insert(rnd.randint(1, len(story.body) - 1), rnd.choice(LOOKALIKES))
    return story


def compose(rnd: random.Random, site: Site, story: Story, origin: Site | None) -> Doc:
    """dev3's layout with 1-4 captions at the top, between paragraphs and at the bottom."""
    doc = Doc(site, story)
    doc.lines += [("x", _fill3(rnd, t, site, story)) for t in site.top]
    doc.lines.append(("x", ("# " if site.ext == ".md" else "") + story.title))
    doc.lines += [("x", _fill3(rnd, t, site, story)) for t in site.byline]
    body: list[tuple[str, str]] = [("b", p) for p in story.body]
    for template in site.inbody:
        if rnd.random() < 0.5:
            body.insert(rnd.randint(1, len(body) - 1), ("i", _fill3(rnd, template, site, story)))
    for _ in range(rnd.randint(1, 4)):
        where = rnd.choice(("top", "middle", "bottom"))
        at = {"top": 0, "bottom": len(body)}.get(where, rnd.randint(1, len(body) - 1))
        body.insert(at, ("f", _caption(rnd, site, story)))
    doc.lines += body
    if origin is not None:
        line = _fill3(rnd, site.origin, site, story).replace("{origin}", origin.name)
        doc.lines.append(("x", line))
    if site.tags:
        doc.lines.append(("x", _fill3(rnd, site.tags, site, story)))
    doc.lines += [("x", _fill3(rnd, t, site, story)) for t in site.bottom]
    thread = _comments(rnd, site, story, COMMENTS if site.lang == "en" else ())
    doc.lines += [("c", c) for c in thread]
    return doc


def _figure(rnd: random.Random, text: str) -> str:
    """A caption line as a page shows it: a figure, an image's alt text, or a small credit."""
    escaped = html.escape(text)
    shape = rnd.choice(("figure", "credit", "span"))
    if shape == "figure":
        return (
            f'<figure><img src="/img/{rnd.randint(1000, 9999)}.jpg" alt="{escaped}">'
            f"<figcaption>{escaped}</figcaption></figure>"
        )
    if shape == "credit":
        return f'<p><small class="credit">{escaped}</small></p>'
    return f'<div class="media"><span class="caption">{escaped}</span></div>'


def render(rnd: random.Random, doc: Doc) -> str:
    """The document as text (blocks joined by blank lines) or as an HTML page."""
    if doc.site.ext != ".html":
        return "\n\n".join(text for _, text in doc.lines) + "\n"
    markup = doc.site.markup
    first = next(i for i, (kind, _) in enumerate(doc.lines) if kind in "bf")
    last = max(i for i, (kind, _) in enumerate(doc.lines) if kind in "bif")
    top = [t for _, t in doc.lines[:first] if t != doc.story.title]
    inner = []
    for kind, text in doc.lines[first : last + 1]:
        if kind == "f":
            inner.append(_figure(rnd, text))
        else:
            inner.append(_furniture(markup, [text]) if kind == "i" else _html_block(kind, text))
    tail = doc.lines[last + 1 :]
    bottom = [t for kind, t in tail if kind == "x"]
    thread = "".join(f"<li>{html.escape(t)}</li>" for kind, t in tail if kind == "c")
    comments = f'<section class="replies"><ul>{thread}</ul></section>' if thread else ""
    return html_page(doc, top, inner, _furniture(markup, bottom), comments, "Contact · Terms")


def html_page(
    doc: Doc, top: list[str], inner: list[str], after: str, thread: str, footer: str
) -> str:
    """An article page: the lines above the body in its header (the first) and above the
    headline (the rest), the body blocks, ``after`` them in the article, the ``thread``
    below it and a one-line site ``footer``."""
    title = html.escape(doc.story.title)
    return (
        f'<!DOCTYPE html>\n<html lang="{doc.site.lang}"><head><meta charset="utf-8">'
        f"<title>{title}</title></head>\n<body><header>{_furniture('div', top[:1])}</header>\n"
        f"<main><article><h1>{title}</h1>\n{_furniture('p', top[1:])}\n"
        + "\n".join(inner)
        + f"\n{after}\n</article>\n{thread}</main>\n"
        f"<footer><p>{footer}</p></footer></body></html>\n"
    )


def build() -> list[dict[str, object]]:
    rnd = random.Random(20261205)
    records = []
    stories: dict[str, list[Story]] = {}

    def record(doc: Doc) -> dict[str, object]:
        return _record(doc, render(rnd, doc))

    for key, site in SITES.items():
        stories[key] = [_new_story(rnd, f"{key}-{i:02d}", site) for i in range(site.size)]
        records += [record(compose(rnd, site, s, None)) for s in stories[key]]
    for origin, target, count, edited in SYNDICATED:
        for i, story in enumerate(stories[origin][:count]):
            copy = _edited(rnd, story) if edited and i % 2 == 0 else story
            records.append(record(compose(rnd, SITES[target], copy, SITES[origin])))
    return records


def main() -> None:
    print(f"wrote {write_folder(OUT, build())} documents to {OUT}")


if __name__ == "__main__":
    main()
