"""Write ``bodysafe.jsonl``: a body-safety set of article bodies that look like residue.

Each document is a header (title, byline, date), a body whose paragraphs carry shapes the
comment detector and the caption, credit, note and widget rules could mistake for residue
(interviews, transcripts, dialogue, letters, timelines, obituaries with ages, match reports
with minute marks, court reports, people lists, first-person forum posts, reviews that rate
in prose, recipe steps, specs, routes with arrows, paragraphs about comments, likes, photos,
credits and sponsors, one-line paragraphs) and sometimes a short footer. Some titles look
like a byline, a kicker or a credit ("By the Sea: ...", "Door de regen ...", "Di notte a
Venezia"). Every body is used under three headers of different shapes, so a failure is seen
with more than one header. Labels follow ``README.md``: ``body`` and ``metadata`` (title,
author, date). Written before any rule was changed for it.

    python benchmarks/cleaning/make_bodysafe.py      # rewrites bodysafe.jsonl
"""

from __future__ import annotations

import json
from pathlib import Path

from bodysafe_bodies import BODIES

HERE = Path(__file__).resolve().parent
OUT = HERE / "bodysafe.jsonl"

# site, author, (written date, ISO date), language
SITES = {
    "en": [
        ("Harrow Valley Post", "Ann Roe", ("3 May 2024", "2024-05-03")),
        ("Tidewater Review", "Idris Oduya", ("May 14, 2024", "2024-05-14")),
        ("Fellside Notes", "Maud Fenwick", ("2024-06-02", "2024-06-02")),
    ],
    "de": [
        ("Kiestal-Bote", "Ulla Brenninger", ("03.05.2024", "2024-05-03")),
        ("Rheinauer Blatt", "Jonas Weidlich", ("14. Mai 2024", "2024-05-14")),
        ("Moorland Anzeiger", "Petra Scholl", ("2024-06-02", "2024-06-02")),
    ],
    "fr": [
        ("La Voix du Causse", "Maëlle Delpech", ("3 mai 2024", "2024-05-03")),
        ("Le Courrier du Port", "Bastien Roumieu", ("14 mai 2024", "2024-05-14")),
        ("Vallée Hebdo", "Claire Fauvel", ("2024-06-02", "2024-06-02")),
    ],
    "es": [
        ("El Eco de Almendral", "Eloy Olmedo", ("3 de mayo de 2024", "2024-05-03")),
        ("Diario del Sur", "Lucía Ferrán", ("14 de mayo de 2024", "2024-05-14")),
        ("La Ribera", "Nuria Castell", ("2024-06-02", "2024-06-02")),
    ],
    "it": [
        ("Il Corriere di Valdarsa", "Ettore Ferrucci", ("3 maggio 2024", "2024-05-03")),
        ("La Gazzetta del Lago", "Giulia Sarti", ("14 maggio 2024", "2024-05-14")),
        ("Voce di Borgo", "Marco Pellegrini", ("2024-06-02", "2024-06-02")),
    ],
    "nl": [
        ("Dijkbode", "Joost Kuipers", ("2024-05-03", "2024-05-03")),
        ("Het Polderblad", "Femke de Wit", ("2024-05-14", "2024-05-14")),
        ("Rivierenland Nu", "Sanne Verhoeckx", ("2024-06-02", "2024-06-02")),
    ],
}
BY = {"en": "By", "de": "Von", "fr": "Par", "es": "Por", "it": "di", "nl": "Door"}
FOOTERS = {
    "en": ["Tags: council, river", "© 2024 {site}. All rights reserved.", ""],
    "de": ["Schlagwörter: Gemeinderat, Fluss", "© 2024 {site}", ""],
    "fr": ["Mots-clés : conseil, rivière", "© 2024 {site}", ""],
    "es": ["Etiquetas: pleno, río", "© 2024 {site}", ""],
    "it": ["Tag: consiglio, fiume", "© 2024 {site}", ""],
    "nl": ["Trefwoorden: gemeenteraad, rivier", "© 2024 {site}", ""],
}


def header(shape: int, lang: str, title: str, author: str, date: str) -> str:
    """One of three header shapes: '# title / By X / date', 'title / By X | date' and
    '# title / By X · date'."""
    by = BY[lang]
    if shape == 0:
        return f"# {title}\n\n{by} {author}\n\n{date}"
    if shape == 1:
        return f"{title}\n\n{by} {author} | {date}"
    return f"# {title}\n\n{by} {author} · {date}"


def build() -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    for n, (key, lang, title, paragraphs, notes) in enumerate(BODIES):
        body = "\n\n".join(paragraphs)
        for shape, (site, author, (written, iso)) in enumerate(SITES[lang]):
            footer = FOOTERS[lang][(n + shape) % 3].format(site=site)
            text = f"{header(shape, lang, title, author, written)}\n\n{body}"
            if footer:
                text += f"\n\n{footer}"
            records.append(
                {
                    "id": f"bs-{lang}-{key}-{shape + 1}",
                    "site": site,
                    "text": text + "\n",
                    "body": body,
                    "metadata": {"title": title, "author": author, "date": iso},
                    "notes": notes,
                }
            )
    return records


def _check(records: list[dict[str, object]]) -> None:
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for r in records:
        text, body = str(r["text"]), str(r["body"])
        for para in body.split("\n\n"):
            assert para in text, (r["id"], para)
        for value in r["metadata"].values():  # type: ignore[union-attr]
            assert value in text or len(value) == 10, (r["id"], value)


def main() -> int:
    records = build()
    _check(records)
    OUT.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    print(f"wrote {len(records)} documents to {OUT.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
