"""Write the flat development set ``benchmarks/cleaning/flat/`` (deterministic; run to rebuild).

Six invented sites in one flat folder with hashed file names, as a crawl dump leaves them:
no site metadata, no folders, and on half of the documents no site name in the text at
all. Each site wraps its stories in its own recurring edge lines of the kinds rules do not
name (publisher copyright, reader-funding appeals, affiliate disclosures, newsletter promos,
follow lines, series notes, a forum tagline, vote/share/report widget rows), some with a
year or a count that changes. Seven stories are syndicated to a second site under that
site's wrapper. Bodies are generated prose with a few short subheadings that recur across
sites ("Background", "What comes next"), the lines a careless learner would eat.

``labels.jsonl``: one record per file: ``id`` (the file name), ``site`` (for per-site
scores only; never given to cleancorpus), ``body`` (the expected clean body), ``metadata``
(``title``). Used for tuning (``bench_cleaning.py --set flat``); not a held-out set.

    python benchmarks/cleaning/make_flat.py
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from folderset import ADJ, HEADINGS, NOUN, TIME, VERB, sentence, write_folder
from folderset import hashed_name as _hashed_name

OUT = Path(__file__).resolve().parent / "flat"

SITES = {
    "tidewell": {
        "name": "Tidewell Courant",
        "named": True,
        "top": ["Tidewell Courant | Coastal news since 1911"],
        "bottom": [
            "© {year} Tidewell Courant Ltd. All rights reserved.",
            "The Tidewell Courant is funded by readers like you. "
            "Become a supporter from 3 a month.",
            "Follow the Courant on Mastodon, Bluesky and Threads",
        ],
        "ext": ".md",
    },
    "brackenmoor": {
        "name": "Brackenmoor Boards",
        "named": True,
        "top": ["Brackenmoor Boards - where the valley talks"],
        "bottom": [
            "▲ {n} upvotes · Reply · Report · Share",
            "Brackenmoor Boards: friendly talk about valley life since 2004",
        ],
        "ext": ".txt",
    },
    "quillfeather": {
        "name": "Quillfeather Picks",
        "named": True,
        "top": [
            "Quillfeather Picks may earn a commission when you buy through links on this page.",
        ],
        "bottom": [
            "Prices were correct at the time of writing and may have changed since.",
            "Get the Quillfeather Picks deals letter every Thursday: no spam, unsubscribe anytime.",
        ],
        "ext": ".md",
    },
    "ferrowby": {
        "name": "Ferrowby Weekly",
        "named": False,
        "top": [],
        "bottom": [
            "If you enjoyed this issue, forward it to a friend who might like it too.",
            "You are receiving this because you signed up on our website. Manage your preferences.",
            "Reply to this email to tell me what you think",
        ],
        "ext": ".txt",
    },
    "glimmerdale": {
        "name": "Glimmerdale Observer",
        "named": False,
        "top": ["Independent local journalism, free to read for everyone"],
        "bottom": [
            "Nobody owns us and nobody tells us what to write. Chip in what you can today.",
            "Photographs are by our own staff unless stated otherwise.",
            "Share this story: Email · Print · Copy link",
        ],
        "ext": ".md",
    },
    "oxbend": {
        "name": "Oxbend Garden Notes",
        "named": False,
        "top": ["Part of our year-round series on growing food in small spaces."],
        "bottom": [
            "Got a question for the next column? Send it in and we may answer it here.",
            "Words and pictures copyright {year} the author, reused with permission only.",
        ],
        "ext": ".md",
    },
}
PER_SITE = 9
SYNDICATED = (("tidewell", "glimmerdale"), ("ferrowby", "oxbend"), ("tidewell", "quillfeather"))


def _story(rnd: random.Random) -> tuple[str, list[str]]:
    words = (rnd.choice(ADJ).title(), rnd.choice(NOUN), rnd.choice(VERB), rnd.choice(TIME))
    title = " ".join(words)
    paragraphs = [" ".join(sentence(rnd) for _ in range(rnd.randint(2, 4)))]
    if rnd.random() < 0.4:
        paragraphs.append(rnd.choice(HEADINGS))
    paragraphs += [
        " ".join(sentence(rnd) for _ in range(rnd.randint(2, 4))) for _ in range(rnd.randint(2, 5))
    ]
    return title, paragraphs


def _wrap(site: str, title: str, body: list[str], rnd: random.Random) -> str:
    spec = SITES[site]
    fill = {"year": rnd.choice((2022, 2023, 2024)), "n": rnd.randint(2, 90)}
    lines = [*(line.format(**fill) for line in spec["top"]), f"# {title}", *body]
    bottom = [line.format(**fill) for line in spec["bottom"]]
    return "\n\n".join([*lines, *bottom]) + "\n"


def build() -> list[dict[str, object]]:
    rnd = random.Random(20261202)
    records: list[dict[str, object]] = []
    stories: dict[str, list[tuple[str, list[str]]]] = {}
    for site in SITES:
        stories[site] = [_story(rnd) for _ in range(PER_SITE)]
        for title, body in stories[site]:
            records.append(_record(site, title, body, rnd))
    for number, (origin, target) in enumerate(SYNDICATED * 3):
        if number >= 7:
            break
        title, body = stories[origin][number]
        records.append(_record(target, title, body, rnd))
    return records


def _record(site: str, title: str, body: list[str], rnd: random.Random) -> dict[str, object]:
    text = _wrap(site, title, body, rnd)
    name = _hashed_name(text, SITES[site]["ext"])
    return {
        "id": name,
        "site": SITES[site]["name"],
        "text": text,
        "body": "\n\n".join(body),
        "metadata": {"title": title},
    }


def main() -> None:
    print(f"wrote {write_folder(OUT, build())} documents to {OUT}")


if __name__ == "__main__":
    main()
