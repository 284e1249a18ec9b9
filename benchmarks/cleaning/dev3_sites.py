"""The invented sites of the dev3 set (``make_dev3.py``): each site's furniture, as data.

Templates are filled per document as in dev2 (``{year}``, ``{n}``, ``{m}``, ``{day}``,
``{author}``, ``{handle}``, ``{title}``, ``{clock}``, ``{file}``), plus ``{lday}`` (a date
in the site's language) and ``{headline}`` (another invented headline, for "read also"
lines); ``{{count}}`` in a comment heading is the thread's length and ``{{origin}}`` in an
origin line the first site's name. All wording is written for this set, in English, German,
French and Spanish, and avoids the wording of the rules, the tests and dev2.
"""

from __future__ import annotations

from dataclasses import dataclass

from dev2_sites import Site as _Dev2Site
from dev2_sites import Thread


@dataclass(frozen=True)
class Site(_Dev2Site):
    """A dev2 site plus its language, size, HTML furniture markup and comment wording."""

    lang: str = "en"
    size: int = 9
    markup: str = "p"  # HTML pages: where the furniture sits (aside, ul, table, footer, div)
    inbody_share: float = 0.7  # how often each mid-body furniture line appears


COMMENTS = {
    "en": (
        "Spot on, thank you.",
        "We had the same trouble two winters ago.",
        "Who signed this off?",
        "Brilliant, more of this please.",
        "Lived there twenty years, never seen it this bad.",
        "Hmm, I am not so sure.",
        "Sharing with my neighbours.",
        "Did anyone ask the farmers?",
        "Good to see it written up at last.",
        "Total waste of money if you ask me.",
        "Saving this one.",
        "Exactly what I said at the meeting.",
    ),
    "de": (
        "Endlich schreibt das mal jemand.",
        "Bei uns im Dorf ist es genauso.",
        "Wer bezahlt das am Ende?",
        "Sehr guter Beitrag, danke.",
        "Das sehe ich völlig anders.",
        "Meine Oma hätte sich gefreut.",
        "Gibt es schon Neuigkeiten dazu?",
        "Genau so war es, ich war dabei.",
    ),
    "fr": (
        "Merci pour cet article.",
        "Chez nous, c'est pareil depuis des années.",
        "Qui va payer tout ça ?",
        "Recette testée hier soir, un régal.",
        "Je ne suis pas d'accord du tout.",
        "Ma grand-mère faisait exactement pareil.",
        "Vivement la suite !",
        "J'ai remplacé le beurre par de l'huile, très bien aussi.",
    ),
    "es": (
        "Muy buen artículo, gracias.",
        "En mi pueblo pasa lo mismo.",
        "¿Y quién paga todo esto?",
        "Lo probé ayer y salió perfecto.",
        "No estoy nada de acuerdo.",
        "Mi abuela lo hacía igual.",
        "¿Hay novedades sobre el tema?",
        "Qué ganas de que llegue el verano.",
    ),
}

SITES: dict[str, Site] = {
    "larkspur": Site(
        "Larkspur Gazette",
        ".md",
        "news",
        size=30,
        top=("LARKSPUR GAZETTE — independent since 1987",),
        byline=("Written up by {author} for the Gazette, {day}",),
        inbody=(
            "Read also: {headline}",
            "> Puzzle pack: the weekend crossword and {n} more brain teasers, out Saturday.",
        ),
        tags="Appears in: [Town hall](/s/th) ; [Roads](/s/roads)",
        bottom=(
            "Copyright {year} Larkspur Gazette Holdings Ltd. Reproduction prohibited.",
            "Pitch in what you can: {m} readers already back the Gazette this month.",
        ),
        comments=Thread(
            "Reader responses [{{count}}]",
            "Every response is moderated before publication; abusive posts are removed.",
            ("{handle} wrote at {clock}:", "{said}"),
            "Older responses »",
        ),
        origin="Carried with permission from our friends at {{origin}}.",
    ),
    "oakum": Site(
        "Oakum Street Journal",
        ".html",
        "news",
        size=24,
        markup="aside",
        inbody=("Sign-up corner: the evening digest, free every weekday at six",),
        bottom=(
            "Back independent reporting from {n} dollars a month.",
            "Share | Post | Email | Print",
        ),
        comments=Thread(
            "{{count}} responses so far",
            "",
            ("@{handle} · {age}", "{said}", "Thumbs up ({n}) · Flag"),
            "",
        ),
        origin="A version of this report ran first at {{origin}}.",
    ),
    "kleinwald": Site(
        "Kleinwalder Bote",
        ".txt",
        "news",
        lang="de",
        size=18,
        top=("Kleinwalder Bote | Nachrichten aus dem Tal",),
        byline=("Von {author} | {lday}",),
        inbody=("Ebenfalls interessant: {headline}",),
        tags="Mehr zum Thema: Gemeinderat, Verkehr, Schule",
        bottom=(
            "© {year} Kleinwalder Bote Verlagsgesellschaft mbH. Nachdruck nur mit Genehmigung.",
            "Unabhängiger Lokaljournalismus kostet Geld. Unterstützen Sie uns mit {n} Euro.",
        ),
        comments=Thread(
            "Was unsere Leser meinen ({{count}})",
            "Kommentare werden vor der Freischaltung von der Redaktion geprüft.",
            ("{handle} schrieb am {lday}:", "{said}"),
            "Weitere Kommentare anzeigen",
        ),
        origin="Dieser Artikel erschien zuerst im {{origin}}.",
    ),
    "rheinau": Site(
        "Rheinauer Anzeiger",
        ".md",
        "news",
        lang="de",
        size=4,
        byline=("Text: {author}, {lday}",),
        bottom=("Ihnen gefällt dieser Artikel? Empfehlen Sie ihn weiter!",),
        origin="Übernommen vom {{origin}}, mit freundlicher Genehmigung.",
    ),
    "plateau": Site(
        "La Gazette du Plateau",
        ".md",
        "recipe",
        lang="fr",
        size=14,
        byline=("Par {author}, le {lday}",),
        inbody=("À découvrir aussi : {headline}",),
        tags="Rubriques : Cuisine · Saison · Famille",
        bottom=(
            "Cet article vous a plu ? Faites-le suivre à vos proches.",
            "Reproduction interdite sans accord écrit — droits réservés {year}",
        ),
        comments=Thread(
            "Vos réactions ({{count}})",
            "Les réactions injurieuses sont supprimées sans préavis.",
            ("{handle} — il y a {n} heures", "{said}"),
            "Afficher plus de réactions",
        ),
    ),
    "dunes": Site(
        "Le Petit Écho des Dunes",
        ".html",
        "news",
        lang="fr",
        size=3,
        markup="table",
        top=("Le Petit Écho des Dunes › Actualités › Littoral",),
        byline=("Rédaction : {author} · {lday}",),
        bottom=("Imprimer · Envoyer · Partager sur le fil",),
        origin="Texte repris de {{origin}} avec son accord.",
    ),
    "faro": Site(
        "El Faro de Altamira",
        ".html",
        "news",
        lang="es",
        size=10,
        markup="footer",
        top=("El Faro de Altamira · Diario digital del valle",),
        byline=("Por {author} | {lday}",),
        inbody=("Te puede interesar: {headline}",),
        bottom=(
            "Recibe cada mañana los titulares por correo, sin coste alguno.",
            "© {year} Ediciones Altamira S.L. Queda prohibida su reproducción.",
        ),
        comments=Thread(
            "Opiniones de los lectores ({{count}})",
            "Los mensajes ofensivos serán eliminados por la moderación.",
            ("{handle} dijo:", "{said}", "Contestar"),
            "",
        ),
    ),
    "sierra": Site(
        "Diario Sierra Verde",
        ".txt",
        "news",
        lang="es",
        size=3,
        byline=("Redacción | {lday}",),
        bottom=("Únete a nuestros canales de Telegram y WhatsApp para no perderte nada",),
        origin="Publicado originalmente en {{origin}}.",
    ),
    "tinplate": Site(
        "Tinplate Makers Board",
        ".txt",
        "forum",
        size=12,
        top=("Tinplate Makers Board ~ where solder meets sawdust",),
        byline=("Thread started by {handle} at {clock} on {day}",),
        inbody=("[attachment: {file}_bench.png — {m} KB, opened {n} times]",),
        bottom=(
            "Helpful? [{n}]  Not helpful? [{m}]  Flag this post",
            "Tinplate Makers Board ~ where solder meets sawdust",
        ),
        comments=Thread(
            "{{count}} people weighed in",
            "",
            ("↳ {handle} ({n} pts)", "{said}"),
            "",
        ),
    ),
    "brookvale": Site(
        "Brookvale Budget Bites",
        ".md",
        "recipe",
        size=8,
        top=("A purchase through the links below may send a few pennies our way.",),
        byline=("Recipe card by {author} · prep {n} min",),
        inbody=("📌 Save it to your recipe board for later",),
        tags="Tucked into → dinners, thrifty, oven",
        bottom=("Catch new recipes first: join {m} home cooks on the Sunday list",),
    ),
    "ashgrove": Site(
        "Ashgrove Review of Books",
        ".html",
        "review",
        size=6,
        markup="ul",
        top=("Ashgrove Review of Books › Essays › Reviews",),
        byline=("Reviewed by {author}, {day}",),
        inbody=("Above: the kit laid out on the test bench, photographed in {year}",),
        tags="Shelved under: Outdoors; Kit; Long reads",
        bottom=(
            "Review samples were lent by the makers and returned afterwards.",
            "Artwork credit: {author} for the Review",
        ),
    ),
    "heronmoor": Site(
        "Heronmoor Weather Notes",
        ".txt",
        "qa",
        size=5,
        inbody=("This is instalment {n} of our occasional winter series.",),
        tags="Subjects ⇒ frost, fog, rain",
        bottom=("These notes are made by volunteers and cost nothing to read.",),
        origin="Reproduced from {{origin}}, where it appeared first.",
    ),
    "pinecrest": Site(
        "Pinecrest Parent Forum",
        ".md",
        "garden",
        size=4,
        top=("Pinecrest Parent Forum: real talk from real families",),
        byline=("{handle} asked on {day}",),
        bottom=(
            "👍 {n}   💬 Answer   🚩 Report   🔗 Grab link",
            "Pinecrest Parent Forum: real talk from real families",
        ),
        origin="Cross-posted from {{origin}}.",
    ),
}

# (origin site, target site, how many of the origin's stories the target carries, edited)
SYNDICATED = (
    ("larkspur", "oakum", 5, True),
    ("larkspur", "heronmoor", 2, False),
    ("oakum", "larkspur", 3, True),
    ("kleinwald", "rheinau", 3, True),
    ("plateau", "dunes", 2, False),
    ("faro", "sierra", 3, True),
    ("brookvale", "pinecrest", 2, False),
)
