"""The invented sites of the dev4 set (``make_dev4.py``): captions, credits, notes, widget rows.

Each site is a dev3 site plus the caption and credit lines it puts over, under and between
its paragraphs (``captions``, filled per document; ``{desc}`` is an invented picture
description, the other fields as in dev2 and dev3). All wording is written for this set and
avoids the wording of the rules, the tests, dev2 and dev3.
"""

from __future__ import annotations

from dataclasses import dataclass

from dev2_sites import Thread
from dev3_sites import Site as _Dev3Site


@dataclass(frozen=True)
class Site(_Dev3Site):
    """A dev3 site plus its caption and credit templates."""

    captions: tuple[str, ...] = ()


COMMENTS = (
    "Spot on.",
    "Where was this taken?",
    "Lovely shot of the weir.",
    "Not what the minutes say.",
    "First!",
    "My uncle worked there for thirty years.",
    "Cheers for posting.",
    "Any chance of a follow-up?",
    "Wrong bridge in the second picture.",
    "Makes you think.",
    "Ha, that hat.",
    "Seen it with my own eyes.",
)

SITES: dict[str, Site] = {
    "fernhollow": Site(
        "Fernhollow Herald",
        ".md",
        "news",
        size=14,
        top=("FERNHOLLOW HERALD · news from the hollow and the hills",),
        byline=("Story: {author} · {day}",),
        captions=(
            "![{desc}](/media/{file}.jpg)",
            "*{desc}.* Picture by {author} for the Herald",
            "Enlarge this picture",
            "{desc}. (Photo: {author}/Fernhollow Herald)",
        ),
        inbody=("Update, {day}: this story now includes the council's response.",),
        tags="Pigeonholed in: [Rivers](/f/rivers) / [Council](/f/council) / [Weather](/f/weather)",
        bottom=("Nod ({n}) | Shrug | Report | Permalink",),
        comments=Thread(
            "Have your say — {{count}} replies",
            "",
            ("@{handle}: {said}",),
            "Load {n} more replies",
        ),
    ),
    "brackenridge": Site(
        "Brackenridge Post",
        ".html",
        "news",
        size=14,
        markup="div",
        captions=(
            "{desc}. Credit: {author} / Brackenridge Post",
            "Pictured: {desc}",
            "Image via {author} on a community photo board",
            "Video: {desc} ({clock})",
        ),
        inbody=("A note to readers: names of two witnesses have been withheld at their request.",),
        bottom=("Vote up · Vote down · Report this · Print page · Save",),
        comments=Thread(
            "Talk about it ({{count}})",
            "Keep it civil: replies that attack other readers are taken down.",
            ("{handle} — {age} ago", "{said}"),
            "",
        ),
    ),
    "tidewater": Site(
        "Tidewater Almanac",
        ".txt",
        "garden",
        size=11,
        byline=("by {author}",),
        captions=(
            "(Pictured: {desc})",
            "Illustration by {author}",
            "Source: Tidewater Almanac / county weather records",
            "Map data © {year} local survey office, drawn by {author}",
        ),
        inbody=("Housekeeping note: the next almanac comes out a week late this month.",),
        tags="Kept under: tides, soil, frost dates",
        bottom=("Your rating: ★★★★☆ ({m} votes)",),
    ),
    "pinecrest": Site(
        "Pinecrest Table",
        ".md",
        "recipe",
        size=11,
        top=("Pinecrest Table — slow food, small kitchen",),
        captions=(
            "Styled and shot by {author}",
            "![{desc}](https://cdn.example.net/pt/{file}.webp)",
            "Image: {desc}",
            "Swipe for more photos ({n})",
        ),
        inbody=("Psst: the printable card with the quantities is at the very bottom.",),
        tags="Cook it with: #autumn #onepot #vegetarian",
        bottom=("Print · Pin · Email · Jump to recipe",),
        comments=Thread(
            "{{count}} cooks left a note",
            "",
            ("{handle} ★★★★★", "{said}"),
            "",
        ),
    ),
    "quarrymoor": Site(
        "Quarrymoor Review",
        ".html",
        "review",
        size=12,
        markup="aside",
        captions=(
            "Screenshot by {author} / Quarrymoor Review",
            "{desc}. Photograph by {author}",
            "Chart by {author}; figures from the makers' own spec sheets",
            "Gallery: {n} pictures",
        ),
        inbody=("Full disclosure: the makers lent us these units and took them back afterwards.",),
        tags="In this review: lights, stoves, shells",
        bottom=("Was this review useful?  Yes ({n})  No ({m})",),
    ),
    "marshgate": Site(
        "Marshgate Forum",
        ".txt",
        "forum",
        size=10,
        byline=("Thread started by {handle}, {day}",),
        captions=(
            "[image: {desc}]",
            "Photo taken on my phone, sorry about the quality",
            "(pic attached below, click for the big version)",
        ),
        inbody=("Mod note: merged two threads on the same topic.",),
        bottom=("Like | Quote | Flag | Share link",),
        comments=Thread(
            "{{count}} replies · newest first",
            "",
            ("{handle} ({n} posts): {said}",),
            "Page 1 of 2 · Next page",
        ),
    ),
    "gullhaven": Site(
        "Gullhaven Notes",
        ".md",
        "news",
        size=10,
        captions=(
            "Photo illustration: {desc}",
            "Graphic by the Gullhaven desk. Source: port authority",
            "({desc}. Courtesy of {author})",
            "Top image: {desc}",
        ),
        inbody=(
            "This article was amended on {day} to correct the year the pier opened.",
            "Reporting for this story was supported by a local journalism grant.",
        ),
        tags="More about · harbour · ferries · budgets",
        bottom=("Save article · Share · Comments ({n})",),
        comments=Thread(
            "What readers are saying",
            "",
            ("{handle} · {n} likes", "{said}"),
            "See all comments",
        ),
    ),
    "lindenfeld": Site(
        "Lindenfelder Anzeiger",
        ".txt",
        "news",
        lang="de",
        size=9,
        top=("Lindenfelder Anzeiger — Ihre Zeitung im Kreis",),
        byline=("Von {author}, {lday}",),
        captions=(
            "{desc} (Foto: {author})",
            "Bild: {author}/Lindenfelder Anzeiger",
            "Zur Bildergalerie ({n} Fotos)",
        ),
        inbody=("Anmerkung der Redaktion: Der Artikel wurde nachträglich ergänzt.",),
        tags="Themen dieses Artikels: Gemeinderat · Verkehr",
        bottom=("Artikel merken · Drucken · Teilen",),
    ),
    "coteaux": Site(
        "Coteaux Matin",
        ".html",
        "news",
        lang="fr",
        size=8,
        markup="footer",
        captions=(
            "{desc}. © Photo {author}",
            "Photo d'illustration",
            "Agrandir l'image",
        ),
        inbody=("Précision : cet article a été mis à jour après la réunion de mardi.",),
        tags="Sujets associés : conseil, routes, école",
        bottom=("Réagir · Partager · Imprimer",),
    ),
}

# (first site, second site, how many stories, lightly edited)
SYNDICATED = (
    ("fernhollow", "gullhaven", 4, True),
    ("brackenridge", "fernhollow", 3, False),
    ("tidewater", "marshgate", 2, False),
    ("pinecrest", "quarrymoor", 1, False),
)
