"""Write the second development set ``benchmarks/cleaning/dev2/`` (deterministic; run to rebuild).

Eleven invented sites in one flat folder with hashed file names: a quarter raw HTML pages,
the rest html2text-style text and markdown; six sites never name themselves in the text
(no masthead, no site line).
Each site has its own furniture, written for this set: recurring edge lines (publisher
copyright, reader-funding appeals, affiliate disclosures, newsletter promos, follow lines,
series notes, a forum tagline, vote/share/report rows), bylines and datelines, tag lines,
caption, credit and attachment lines, editor's notes pasted between body paragraphs, and
comment threads of short one-line comments under a count heading with a policy line and a
"more comments" link. Stories are syndicated across sites under the other site's wrapper.
Bodies hold the hard cases that must stay: lists, recipe steps, spec tables, Q&A, headings
followed by prose, one-line paragraphs, first-person forum posts.

``labels.jsonl``: one record per file: ``id`` (the file name), ``site`` and ``story`` (for
per-site scores and duplicate pairs; never given to cleancorpus), ``body`` (the expected
clean body), ``boilerplate`` (every furniture line of two words or more, as written),
``metadata`` (``title``). Development data: tune on it (``bench_cleaning.py --set dev2``).

    python benchmarks/cleaning/make_dev2.py
"""

from __future__ import annotations

import html
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dev2_sites import COMMENTS, SITES, Site
from folderset import (
    ADJ,
    NOUN,
    PLACE,
    TIME,
    VERB,
    WHO,
    hashed_name,
    normalise,
    sentence,
    write_folder,
)

OUT = Path(__file__).resolve().parent / "dev2"
PER_SITE = 9
# (origin site, target site, how many of the origin's stories the target carries)
SYNDICATED = (
    ("saltgrass", "wrenmarsh", 4),
    ("copperwick", "quarrystone", 3),
    ("saltgrass", "brindlewood", 3),
    ("hollowbrook", "pebblecourt", 2),
)
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_FIRST = ("Tessa", "Marek", "Ines", "Olu", "Priya", "Bram", "Dagny", "Felix", "Hana", "Jory")
_LAST = ("Harrowgate", "Quillon", "Ostby", "Venn", "Larchmont", "Okafor", "Siddel", "Brune")
_HANDLES = (
    "ruthann_k",
    "boltcutter77",
    "mossy.paws",
    "DeltaFlyer",
    "grey_heron",
    "Kip2",
    "ottoline",
    "northside_nan",
    "p.varga",
    "tinker_tom",
    "wren-of-the-fen",
    "Lou",
)


@dataclass
class Story:
    key: str
    title: str
    body: list[str]
    kind: str


@dataclass
class Doc:
    site: Site
    story: Story
    lines: list[tuple[str, str]] = field(
        default_factory=list
    )  # (kind, text): "b" body, "x" residue


def _fill(rnd: random.Random, template: str, story: Story) -> str:
    day = f"{rnd.randint(1, 28)} {rnd.choice(_MONTHS)} {rnd.choice((2023, 2024))}"
    return template.format(
        year=rnd.choice((2023, 2024, 2025)),
        n=rnd.randint(2, 60),
        m=rnd.randint(3, 900),
        day=day,
        author=f"{rnd.choice(_FIRST)} {rnd.choice(_LAST)}",
        handle=rnd.choice(_HANDLES),
        title=story.title,
        clock=f"{rnd.randint(1, 12)}:{rnd.randint(0, 59):02d}",
        file=f"IMG_{rnd.randint(1000, 9999)}",
    )


def _news(rnd: random.Random) -> tuple[str, list[str]]:
    paras = [" ".join(sentence(rnd) for _ in range(rnd.randint(2, 3))) for _ in range(3)]
    if rnd.random() < 0.5:
        paras.insert(2, rnd.choice(("What happens now", "The cost so far", "Who decides")))
    if rnd.random() < 0.4:
        paras.insert(1, rnd.choice(("Nobody expected the vote to pass.", "It did not last.")))
    if rnd.random() < 0.3:
        paras.append(
            f'"We will keep asking about the {rnd.choice(NOUN)}," said one of the '
            f"{rnd.choice(WHO)} {rnd.choice(PLACE)}."
        )
    return (
        f"{rnd.choice(ADJ).title()} {rnd.choice(NOUN)} {rnd.choice(VERB)} {rnd.choice(TIME)}",
        paras,
    )


def _recipe(rnd: random.Random) -> tuple[str, list[str]]:
    grain = rnd.choice(("rye", "spelt", "oat", "barley"))
    fruit = rnd.choice(("plum", "pear", "rhubarb", "quince"))
    return f"{fruit.title()} and {grain} traybake, version {rnd.randint(2, 9)}", [
        f"This {grain} and {fruit} bake came out of a wet week and a full fruit bowl. "
        f"It keeps for {rnd.randint(2, 5)} days in a tin.",
        "Ingredients",
        f"- {rnd.randint(150, 300)} g {grain} flour\n- {rnd.randint(2, 6)} ripe {fruit}s, sliced\n"
        f"- {rnd.randint(40, 90)} g butter\n- a pinch of salt",
        "Method",
        f"1. Heat the oven to {rnd.choice((170, 180, 190))} degrees and butter a small tin.\n"
        f"2. Rub the butter into the flour until it looks like sand.\n"
        f"3. Lay the {fruit} on top and bake for {rnd.randint(25, 45)} minutes.",
        f"Leave it to cool for {rnd.randint(10, 40)} minutes before slicing, or the {fruit} "
        "will slide off.",
    ]


def _review(rnd: random.Random) -> tuple[str, list[str]]:
    thing = rnd.choice(("head torch", "camp stove", "rain shell", "trail shoe"))
    rows = "\n".join(
        f"| {name} | {rnd.randint(80, 400)} g | {rnd.randint(20, 160)} |"
        for name in rnd.sample(("Fenlight 2", "Ridgeway Pro", "Marten S", "Tor Lite"), 3)
    )
    return f"The best {thing}s for {rnd.choice(('wet', 'short', 'long', 'winter'))} walks", [
        f"We carried every {thing} in this test on the same {rnd.randint(3, 9)} walks, in rain "
        f"and in the dark, and weighed each one on the same kitchen scale.",
        f"| Model | Weight | Price |\n|---|---|---|\n{rows}",
        "What we liked",
        f"- it packs down small\n- the strap survived {rnd.randint(2, 9)} river crossings",
        f"The cheapest {thing} did almost everything the dearest one did, and it weighed less.",
    ]


def _forum(rnd: random.Random) -> tuple[str, list[str]]:
    part = rnd.choice(("point motor", "baseboard", "turntable", "signal gantry"))
    return f"My {part} hums after {rnd.randint(2, 30)} minutes", [
        f"I have been building a small layout in the loft for {rnd.randint(2, 12)} years and my "
        f"{part} has started to hum whenever the heating comes on.",
        f"I tried swapping the wiring and cleaning the contacts, but the hum comes back after "
        f"{rnd.randint(2, 30)} minutes.",
        rnd.choice(("Has anyone else seen this?", "Any ideas?", "Is this normal?")),
        f"My next step is to fit a new {part} from the club box, unless somebody has a better "
        "idea.",
    ]


def _garden(rnd: random.Random) -> tuple[str, list[str]]:
    crop = rnd.choice(("courgettes", "runner beans", "leeks", "chard"))
    return f"Slugs ate my {crop} again", [
        f"Third year on the plot and the slugs have had every one of my {crop} by June.",
        f"I put down {rnd.randint(2, 9)} beer traps and a ring of grit, and still lost the lot "
        f"in {rnd.randint(2, 6)} nights.",
        rnd.choice(("What works for you?", "Any tips?", "Am I doing something wrong?")),
        f"I would rather not use pellets, because {rnd.choice(('hedgehogs', 'frogs', 'the cats'))} "
        "come through our garden.",
    ]


def _qa(rnd: random.Random) -> tuple[str, list[str]]:
    soil = rnd.choice(("clay", "sandy", "chalky", "peaty"))
    return f"Your questions on {soil} soil, part {rnd.randint(2, 6)}", [
        f"Readers asked us about {soil} soil after last month's piece, so here are the answers.",
        f"Q: Can I grow beans in {soil} soil?",
        f"A: Yes. Dig in {rnd.randint(2, 8)} buckets of compost a square metre first.",
        f"Q: How often should I water {rnd.choice(('seedlings', 'beans', 'onions'))}?",
        f"A: Every {rnd.randint(2, 5)} days in a dry spell, early in the morning.",
        "Why it works",
        f"Compost opens {soil} soil up so roots can breathe, and {rnd.randint(2, 9)} weeks "
        "later the water drains away.",
    ]


_KINDS = {
    "news": _news,
    "recipe": _recipe,
    "review": _review,
    "forum": _forum,
    "garden": _garden,
    "qa": _qa,
}


def _title(rnd: random.Random) -> str:
    return f"{rnd.choice(ADJ).title()} {rnd.choice(NOUN)} {rnd.choice(VERB)} {rnd.choice(TIME)}"


def _aside(rnd: random.Random) -> str:
    """A first-person sentence that makes a templated post its own."""
    return (
        f"{rnd.choice(('Last', 'This', 'Every'))} {rnd.choice(_MONTHS)} I saw the "
        f"{rnd.choice(NOUN)} {rnd.choice(PLACE)} get {rnd.choice(VERB)}, and it took "
        f"{rnd.randint(2, 40)} {rnd.choice(('days', 'weeks', 'goes'))}."
    )


def _vary(rnd: random.Random, line: str) -> str:
    """A templated prose line made this story's own (list items and headings stay as they
    are: those do recur across real recipes and posts)."""
    if "\n" in line or len(line.split()) < 5 or line[-1] not in ".?!" or line[0] in "-|":
        return line
    where = f" {rnd.choice(PLACE)} {rnd.choice(TIME)} on a {rnd.choice(ADJ)} day"
    return line[:-1] + where + line[-1]


def _story(rnd: random.Random, key: str, kind: str) -> Story:
    title, body = _KINDS[kind](rnd)
    if kind != "news":  # templated bodies would be near-copies of each other
        body = [_vary(rnd, line) for line in body]
        body[0] = " ".join([body[0], _aside(rnd), _aside(rnd)])
    return Story(key, title, body, kind)


def _comments(rnd: random.Random, site: Site, story: Story) -> list[str]:
    style = site.comments
    if style is None:
        return []
    count = rnd.randint(4, 7)
    lines = [_fill(rnd, style.heading, story).replace("{count}", str(count))]
    if style.policy:
        lines.append(style.policy)
    for said in rnd.sample(COMMENTS, count):
        handle = rnd.choice(_HANDLES)
        age = f"{rnd.randint(1, 23)}{rnd.choice(('h', 'm', 'd'))}"
        lines += [
            part.format(
                handle=handle, said=said, age=age, n=rnd.randint(0, 30), headline=_title(rnd)
            )
            for part in style.shape
        ]
    if style.more:
        lines.append(style.more)
    return lines


def compose(rnd: random.Random, site: Site, story: Story, origin: Site | None) -> Doc:
    doc = Doc(site, story)
    x = [_fill(rnd, t, story) for t in site.top]
    doc.lines += [("x", t) for t in x]
    doc.lines.append(("x", ("# " if site.ext == ".md" else "") + story.title))
    doc.lines += [("x", _fill(rnd, t, story)) for t in site.byline]
    body = [("b", p) for p in story.body]
    for template in site.inbody:
        at = rnd.randint(1, len(body) - 1)
        body.insert(at, ("x", _fill(rnd, template, story)))
    doc.lines += body
    if origin is not None:
        doc.lines.append(("x", _fill(rnd, site.origin, story).replace("{origin}", origin.name)))
    if site.tags:
        doc.lines.append(("x", _fill(rnd, site.tags, story)))
    doc.lines += [("x", _fill(rnd, t, story)) for t in site.bottom]
    doc.lines += [("x", c) for c in _comments(rnd, site, story)]
    return doc


def _html_block(kind: str, text: str) -> str:
    rows = text.split("\n")
    if all(r.startswith("|") for r in rows):
        cells = [[html.escape(c.strip()) for c in r.strip("|").split("|")] for r in rows]
        body = "".join(
            "<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>"
            for row in cells
            if not set("".join(row)) <= set("-")
        )
        return f"<table>{body}</table>"
    if all(r[:2] == "- " for r in rows):
        return "<ul>" + "".join(f"<li>{html.escape(r[2:])}</li>" for r in rows) + "</ul>"
    if all(r[:1].isdigit() and r[1:3] == ". " for r in rows):
        return "<ol>" + "".join(f"<li>{html.escape(r[3:])}</li>" for r in rows) + "</ol>"
    if kind == "b" and len(text.split()) <= 4 and not text.endswith((".", "?", "!", '"')):
        return f"<h2>{html.escape(text)}</h2>"
    return f"<p>{html.escape(text)}</p>"


def render(doc: Doc) -> str:
    """The document's bytes as text: markdown/plain joined by blank lines, or an HTML page."""
    if doc.site.ext != ".html":
        return "\n\n".join(text for _, text in doc.lines) + "\n"
    title = html.escape(doc.story.title)
    blocks = [_html_block(kind, text) for kind, text in doc.lines if text != doc.story.title]
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'</head>\n<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>\n'
        f"<main><article><h1>{title}</h1>\n" + "\n".join(blocks) + "\n</article></main>\n"
        "<footer><p>Privacy · Terms · Contact</p></footer></body></html>\n"
    )


def _record(doc: Doc) -> dict[str, object]:
    return labelled_record(doc, render(doc), lambda kind: kind == "x")


def labelled_record(doc: Doc, text: str, furniture: Callable[[str], bool]) -> dict[str, object]:
    """The labelled record of ``doc`` rendered as ``text``; ``furniture`` tells which line
    kinds are boilerplate (body lines are kind ``"b"``)."""
    body = [t for kind, t in doc.lines if kind == "b"]
    # an extracted page keeps its headline in the text, and the real-page check counts it as
    # article text: on HTML pages the title is neither body nor boilerplate
    neutral = doc.story.title if doc.site.ext == ".html" else None
    boilerplate = [
        t for kind, t in doc.lines if furniture(kind) and len(t.split()) >= 2 and t != neutral
    ]
    norm_body = normalise("\n".join(body))
    for line in boilerplate:  # a furniture line inside the body could never count as left
        if normalise(line) in norm_body:
            raise SystemExit(f"furniture line {line!r} occurs in the body")
    return {
        "id": hashed_name(text, doc.site.ext),
        "site": doc.site.name,
        "story": doc.story.key,
        "text": text,
        "body": "\n\n".join(body),
        "boilerplate": boilerplate,
        "metadata": {"title": doc.story.title},
    }


def build() -> list[dict[str, object]]:
    rnd = random.Random(20261203)
    records = []
    stories: dict[str, list[Story]] = {}
    for key, site in SITES.items():
        stories[key] = [_story(rnd, f"{key}-{i:02d}", site.kind) for i in range(PER_SITE)]
        records += [_record(compose(rnd, site, s, None)) for s in stories[key]]
    for origin, target, count in SYNDICATED:
        for story in stories[origin][:count]:
            records.append(_record(compose(rnd, SITES[target], story, SITES[origin])))
    return records


def main() -> None:
    print(f"wrote {write_folder(OUT, build())} documents to {OUT}")


if __name__ == "__main__":
    main()
