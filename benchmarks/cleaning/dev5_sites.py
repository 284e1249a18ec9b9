"""The invented sites of the dev5 set (``make_dev5.py``): comment lines, tag and widget rows
and notes pasted into a body, as data.

Each site is a dev3 site plus the notes it pastes between paragraphs (``notes``), the widget
rows it puts over, between and under them (``widgets``), the extra lines of its comment
thread (``sort``, ``signin``) and how its HTML pages lay a thread out (``layout``: ``ol``
nested lists or ``forum`` tables). Templates are filled as in dev3. All wording is written
for this set and avoids the wording of the rules, the tests, dev2, dev3 and dev4.
"""

from __future__ import annotations

from dataclasses import dataclass

from dev2_sites import Thread
from dev3_sites import Site as _Dev3Site


@dataclass(frozen=True)
class Site(_Dev3Site):
    """A dev3 site plus its in-body notes, widget rows and comment-thread extras."""

    notes: tuple[str, ...] = ()
    widgets: tuple[str, ...] = ()
    sort: str = ""
    signin: str = ""
    layout: str = "ol"  # HTML pages: "ol" (nested list items) or "forum" (a table of posts)


COMMENTS = {
    "en": (
        "Told you so in March.",
        "Which end of the lane is this?",
        "Good grief.",
        "My cousin runs the stall there.",
        "Bookmarked for later.",
        "Any figures for the north side?",
        "Couldn't agree more.",
        "Odd choice of contractor.",
        "Nice one, Herald folks.",
        "We walked past it yesterday.",
        "Meh.",
        "Still waiting on the refund.",
    ),
    "de": (
        "Das war längst überfällig.",
        "Wer zahlt das eigentlich?",
        "Stimmt so nicht ganz.",
        "Danke für den Bericht!",
        "Bei uns im Dorf genauso.",
        "Mal sehen, ob es hält.",
        "Hab ich auch gehört.",
        "Sehr gut erklärt.",
    ),
    "fr": (
        "Enfin une bonne nouvelle.",
        "Et les riverains, on les écoute ?",
        "Tout à fait d'accord.",
        "Merci pour l'article.",
        "On attend de voir.",
        "C'était pareil l'an dernier.",
        "Bravo aux bénévoles.",
        "Pas convaincu du tout.",
    ),
    "es": (
        "Ya era hora.",
        "¿Y quién lo paga?",
        "Muy buen reportaje.",
        "En mi barrio pasa lo mismo.",
        "Gracias por contarlo.",
        "No me lo creo.",
        "Veremos cuánto dura.",
        "Totalmente de acuerdo.",
    ),
}

SITES: dict[str, Site] = {
    "saltmarsh": Site(
        "Saltmarsh Courier",
        ".md",
        "news",
        size=12,
        top=("SALTMARSH COURIER — the flats, the fens and the folk",),
        byline=("Filed by {author} · {day}",),
        notes=(
            "Clarification ({day}): an earlier version gave the wrong ward for the depot.",
            "Further reading: [{headline}](/s/{m})",
            "Part {n} of our series on the drained fields.",
        ),
        widgets=(
            "{n} min listen · Hear this story read aloud",
            "Seen {m} times",
            "A− A A+ · Print · Keep for later",
        ),
        tags="Marked as: #fens #drainage #council",
        comments=Thread(
            "{{count}} readers chimed in",
            "",
            ("@{handle} · {age}", "{said}", "♥ {n} · Answer · Flag"),
            "Fetch {n} more",
        ),
        sort="Order by: Latest | Earliest | Most liked",
        signin="Log in to join the conversation.",
    ),
    "quillbury": Site(
        "Quillbury Gazette",
        ".html",
        "news",
        size=9,
        markup="nav",
        notes=(
            "Heads-up: this piece discusses a fatal crash.",
            "Disclosure: the Gazette received tickets to the show from the organisers.",
        ),
        widgets=(
            "Thumbs up ({n}) · Thumbs down · Send · Flag this · Print",
            "Reading time: {n} min",
        ),
        tags="Sorted under: Transport Roads Crime",
        comments=Thread(
            "Reader replies ({{count}})",
            "Our house rules apply: no names of private people, no links.",
            ("{handle} wrote {age} ago:", "{said}"),
            "Expand {n} more answers",
        ),
        sort="Newest first · Oldest first · Best",
        signin="You need an account to answer. Register or log in.",
    ),
    "hawthorne": Site(
        "Hawthorne Board",
        ".html",
        "forum",
        size=8,
        markup="div",
        layout="forum",
        notes=("Mod note: thread moved from General chat.",),
        widgets=("Rate this thread: ★★★☆☆ ({m} ratings)", "{m} views · {n} answers"),
        tags="Thread labels: boilers, plumbing, winter",
        comments=Thread(
            "Answers: {{count}}",
            "",
            ("{handle} | posts: {m} | {age}", "{said}", "Quote · Like ({n}) · Flag"),
            "Page 1 of {n} · Next »",
        ),
        signin="Sign up free to post in this board.",
    ),
    "tannery": Site(
        "Tannery Lane Journal",
        ".txt",
        "news",
        size=12,
        byline=("{author}, {day}",),
        notes=(
            "Erratum: the mayor's surname was misspelled in the print edition.",
            "Translated from the Welsh by {author}.",
            "Spotlight picks: {headline}",
        ),
        widgets=("🎧 Play audio version ({clock})", "Views: {m} · Saves: {n}"),
        tags="Keywords — mills, wool, heritage",
        comments=Thread(
            "Conversation · {{count}}",
            "Replies appear after a moderator checks them.",
            ("{handle}", "{said}", "{age} · Answer · {n} up"),
            "Display earlier replies",
        ),
        sort="Sort: Top | New | Old",
    ),
    "brunnental": Site(
        "Brunnentaler Bote",
        ".md",
        "news",
        lang="de",
        size=10,
        byline=("Von {author} · {lday}",),
        notes=(
            "Korrektur: In einer früheren Fassung stand ein falsches Datum.",
            "Hinweis der Redaktion: Dieser Beitrag enthält bezahlte Links.",
            "Mehr dazu: {headline}",
        ),
        widgets=("Vorlesen lassen · {n} Min.", "{m}× gelesen · Merken · Drucken"),
        tags="Stichworte: #Gemeinde #Verkehr #Schule",
        comments=Thread(
            "{{count}} Kommentare",
            "",
            ("{handle} schrieb vor {age}:", "{said}", "Antworten · Melden · {n} Likes"),
            "Weitere {n} Kommentare laden",
        ),
        sort="Sortieren: Neueste | Älteste | Beliebteste",
        signin="Bitte melden Sie sich an, um mitzudiskutieren.",
    ),
    "rochebleue": Site(
        "La Roche Bleue",
        ".html",
        "news",
        lang="fr",
        size=7,
        markup="nav",
        notes=(
            "Rectificatif : le montant du budget a été corrigé le {lday}.",
            "À lire aussi : {headline}",
        ),
        widgets=("Écouter l'article · {n} min", "J'aime ({n}) · Partager · Signaler"),
        tags="Mots-clés : voirie, marché, école",
        comments=Thread(
            "{{count}} réactions",
            "",
            ("{handle} · il y a {age}", "{said}"),
            "Voir {n} réponses de plus",
        ),
        sort="Trier : Récents | Anciens | Populaires",
        signin="Connectez-vous pour réagir.",
    ),
    "alcazaba": Site(
        "Diario Alcazaba",
        ".txt",
        "news",
        lang="es",
        size=8,
        notes=(
            "Fe de erratas: una versión anterior atribuía la cita a otro concejal.",
            "Lee también: {headline}",
        ),
        widgets=("Escuchar noticia ({clock})", "{m} lecturas · Guardar · Imprimir"),
        tags="Etiquetas: #obras #ayuntamiento",
        comments=Thread(
            "Comentarios ({{count}})",
            "Los comentarios ofensivos serán retirados.",
            ("{handle} hace {age}", "{said}", "Responder · Denunciar"),
            "Cargar más comentarios",
        ),
        sort="Ordenar: Recientes | Antiguos",
    ),
}

# (first site, second site, how many stories, lightly edited)
SYNDICATED = (
    ("saltmarsh", "tannery", 3, True),
    ("quillbury", "saltmarsh", 2, False),
    ("tannery", "quillbury", 2, True),
)
