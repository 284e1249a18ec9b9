"""Invented body prose for the dev3 set in German, French and Spanish, and English body
lines that look like furniture but are article text.

Each language has a sentence maker (a subject, a verb, a place, a time and a number drawn
per sentence, so no two stories share a paragraph), headings, recipe and Q&A labels and
month names for dates in the site's language.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Lang:
    subjects: tuple[str, ...]
    verbs: tuple[str, ...]
    places: tuple[str, ...]
    times: tuple[str, ...]
    sentence: str  # {s} {v} {p} {t} {k}
    headings: tuple[str, ...]
    one_liners: tuple[str, ...]
    months: tuple[str, ...]
    date: str  # {d} {m} {y}
    ingredients: str
    method: str
    foods: tuple[str, ...]
    steps: tuple[str, ...]  # {f} {k}
    titles: str  # {s} {v} {t}


LANGS = {
    "de": Lang(
        subjects=("Die Gemeinde", "Der Kreistag", "Die Feuerwehr", "Der Sportverein", "Die Schule"),
        verbs=("plant", "verschiebt", "prüft", "erweitert", "finanziert"),
        places=("am Marktplatz", "an der Bahnstrecke", "im Oberdorf", "hinter dem Rathaus"),
        times=("seit dem Frühjahr", "in diesem Winter", "bis zum Herbst", "am Dienstag"),
        sentence="{s} {v} {p} {t} ein Projekt, das nach Angaben der Verwaltung {k} Wochen "
        "dauern soll.",
        headings=("Wie es weitergeht", "Die Kosten", "Was Anwohner sagen"),
        one_liners=("Eine Entscheidung fiel nicht.", "Der Antrag wurde vertagt."),
        months=("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August"),
        date="{d}. {m} {y}",
        ingredients="Zutaten",
        method="Zubereitung",
        foods=("Kartoffeln", "Äpfel", "Zwiebeln", "Möhren"),
        steps=("Die {f} schälen und in Würfel schneiden.", "Alles {k} Minuten garen lassen."),
        titles="{s} {v} {t}",
    ),
    "fr": Lang(
        subjects=("La mairie", "Le conseil", "L'association", "La coopérative", "Le collège"),
        verbs=("prépare", "reporte", "étudie", "agrandit", "finance"),
        places=("sur la place du marché", "près de la gare", "au bord du lac", "en haut du bourg"),
        times=("depuis le printemps", "cet hiver", "avant l'automne", "mardi dernier"),
        sentence="{s} {v} {p} {t} un chantier qui doit durer {k} semaines selon les services "
        "techniques.",
        headings=("Et maintenant", "Le coût", "Ce qu'en disent les habitants"),
        one_liners=("Rien n'a été décidé.", "Le vote a été repoussé."),
        months=("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août"),
        date="{d} {m} {y}",
        ingredients="Ingrédients",
        method="Préparation",
        foods=("poireaux", "pommes", "courgettes", "lentilles"),
        steps=("Laver les {f} et les couper finement.", "Laisser mijoter {k} minutes à feu doux."),
        titles="{s} {v} {t}",
    ),
    "es": Lang(
        subjects=("El ayuntamiento", "La diputación", "La cofradía", "El club", "El instituto"),
        verbs=("prepara", "aplaza", "estudia", "amplía", "financia"),
        places=("en la plaza mayor", "junto a la estación", "en el barrio alto", "cerca del río"),
        times=("desde la primavera", "este invierno", "antes del otoño", "el martes"),
        sentence="{s} {v} {p} {t} una obra que durará {k} semanas según los técnicos municipales.",
        headings=("Qué pasará ahora", "El coste", "Lo que dicen los vecinos"),
        one_liners=("No hubo acuerdo.", "La votación se aplazó."),
        months=("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto"),
        date="{d} de {m} de {y}",
        ingredients="Ingredientes",
        method="Preparación",
        foods=("patatas", "pimientos", "garbanzos", "tomates"),
        steps=("Lavar los {f} y trocearlos.", "Cocer a fuego lento durante {k} minutos."),
        titles="{s} {v} {t}",
    ),
}

# body lines that look like furniture but are article text (each used in English stories)
LOOKALIKES = (
    "Readers who want to follow the inquiry can attend the hearing on Thursday; "
    "it is open to the public.",
    "The newsletter the council sent to every home in March never mentioned the closure.",
    "Share prices at the cooperative fell by a third after the vote.",
    "Comments from residents (all 212 of them) were read out at the start of the meeting.",
    "Copyright law was never the issue, the planning officer said.",
)


def lang_sentence(rnd: random.Random, lang: Lang) -> str:
    """One invented news sentence in ``lang``."""
    return lang.sentence.format(
        s=rnd.choice(lang.subjects),
        v=rnd.choice(lang.verbs),
        p=rnd.choice(lang.places),
        t=rnd.choice(lang.times),
        k=rnd.randint(2, 60),
    )


def lang_day(rnd: random.Random, lang: Lang) -> str:
    """A date in the language's own format."""
    return lang.date.format(
        d=rnd.randint(1, 28), m=rnd.choice(lang.months), y=rnd.choice((2023, 2024, 2025))
    )


def lang_title(rnd: random.Random, lang: Lang) -> str:
    return lang.titles.format(
        s=rnd.choice(lang.subjects), v=rnd.choice(lang.verbs), t=rnd.choice(lang.times)
    )


def lang_story(rnd: random.Random, lang: Lang, recipe: bool) -> tuple[str, list[str]]:
    """A headline and body paragraphs: news (heading + prose, a one-line paragraph) or a
    recipe (ingredient list, numbered steps)."""
    paras = [" ".join(lang_sentence(rnd, lang) for _ in range(rnd.randint(2, 3))) for _ in range(3)]
    if recipe:
        food = rnd.choice(lang.foods)
        paras[1:1] = [
            lang.ingredients,
            "\n".join(f"- {rnd.randint(100, 900)} g {f}" for f in rnd.sample(lang.foods, 3)),
            lang.method,
            "\n".join(
                f"{i}. " + step.format(f=food, k=rnd.randint(5, 50))
                for i, step in enumerate(lang.steps, 1)
            ),
        ]
    else:
        paras.insert(2, rnd.choice(lang.headings))
        if rnd.random() < 0.5:
            paras.insert(1, rnd.choice(lang.one_liners))
    return lang_title(rnd, lang), paras
