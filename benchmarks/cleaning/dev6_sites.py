"""The invented sites of the dev6 set (``make_dev6.py``): furniture as CMSs and comment
systems lay it out, as data.

Each site names its header lines (``top``: mastheads, breadcrumbs), its byline lines
(``byline``: author-line alternatives with ``{author}`` and ``{editor}``, one drawn a
document; ``dateline``: the lines under it), the captions and credits it sets between
paragraphs (``captions``, ``{desc}`` a picture description), the notes and the widget rows
it pastes into a body (``notes``, ``widgets``), its tag row, the lines under the body
(``after``: share rows, author boxes), its origin line for syndicated copies and its comment
thread (``thread``, a key of ``THREADS``). ``masthead`` tells whether the header names the
site (then the record labels ``metadata.site``). Templates are filled as in dev3 (``{n}``,
``{m}``, ``{day}``, ``{year}``, ``{clock}``, ``{lday}``, ``{headline}``, ``{title}``).

The wording was written for this set from how WordPress themes, Disqus, Discourse,
phpBB/vBulletin, Substack, Ghost, Medium, Drupal, Blogger, news CMSs, recipe plugins and review
sites lay out a page, in English, German, French, Spanish, Italian and Dutch, without reading
the rules or the earlier sets' site files.
"""

from __future__ import annotations

from dataclasses import dataclass

from dev3_prose import Lang


@dataclass(frozen=True)
class Thread:
    """A comment system: its heading, sort and closing lines and the lines of one comment
    (``item``) and of one nested reply (``reply``). Fields: ``{handle}``, ``{parent}`` (the
    replied-to handle), ``{said}``, ``{stamp}`` (a date in the system's ``stamp`` strftime
    format), ``{ago}`` (an age in the thread's language), ``{n}`` (a count)."""

    heading: str
    item: tuple[str, ...]
    reply: tuple[str, ...] = ()
    sort: str = ""
    close: tuple[str, ...] = ()
    stamp: str = "%B %d, %Y at %I:%M %p"
    removed: str = ""  # a moderation line standing in for a comment now and then


@dataclass(frozen=True)
class Site:
    name: str
    ext: str
    kind: str
    lang: str = "en"
    size: int = 10
    masthead: bool = False
    top: tuple[str, ...] = ()
    byline: tuple[str, ...] = ()  # alternatives for the author line: one is drawn a document
    dateline: tuple[str, ...] = ()  # the header lines under it
    captions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    widgets: tuple[str, ...] = ()
    tags: str = ""
    after: tuple[str, ...] = ()
    thread: str = ""
    origin: str = ""
    markup: str = "p"  # HTML pages: where lines under the body sit (aside, ul, footer, p)


# Italian and Dutch body prose, in dev3's sentence-maker shape
PROSE = {
    "it": Lang(
        subjects=("Il comune", "La provincia", "La pro loco", "Il consorzio", "La scuola media"),
        verbs=("rinvia", "finanzia", "amplia", "ripara", "valuta"),
        places=("in piazza del mercato", "vicino alla stazione", "lungo l'argine", "in collina"),
        times=("da febbraio", "quest'inverno", "entro l'autunno", "martedì scorso"),
        sentence="{s} {v} {p} {t} un cantiere che secondo i tecnici durerà {k} settimane.",
        headings=("Cosa succede adesso", "I costi", "Cosa dicono i residenti"),
        one_liners=("Nessuno si è presentato.", "Il voto è slittato."),
        months=("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio"),
        date="{d} {m} {y}",
        ingredients="Ingredienti",
        method="Procedimento",
        foods=("zucchine", "ceci", "pomodori", "castagne"),
        steps=("Lavare le {f} e tagliarle a pezzi.", "Cuocere a fuoco basso per {k} minuti."),
        titles="{s} {v} {t}",
    ),
    "nl": Lang(
        subjects=("De gemeente", "Het waterschap", "De provincie", "De buurtvereniging"),
        verbs=("onderzoekt", "verschuift", "betaalt", "vernieuwt", "breidt uit"),
        places=("bij de sluis", "aan de dijk", "achter het station", "op het marktplein"),
        times=("sinds het voorjaar", "deze winter", "voor de zomer", "afgelopen dinsdag"),
        sentence="{s} {v} {p} {t} een project dat volgens de ambtenaren {k} weken duurt.",
        headings=("Hoe nu verder", "De kosten", "Wat bewoners zeggen"),
        one_liners=("Er kwam niemand.", "De stemming is uitgesteld."),
        months=("januari", "februari", "maart", "april", "mei", "juni", "juli"),
        date="{d} {m} {y}",
        ingredients="Ingrediënten",
        method="Bereiding",
        foods=("prei", "spruiten", "aardappels", "wortels"),
        steps=("Was de {f} en snijd ze klein.", "Laat alles {k} minuten zachtjes koken."),
        titles="{s} {v} {t}",
    ),
}

# invented people: (first names, surnames) per language, for bylines and author labels
PEOPLE = {
    "en": (
        ("Wendell", "Maud", "Callum", "Idris", "Rosalind", "Ty"),
        ("Ashcombe", "Pyke", "Fenwick", "Oduya", "Strand"),
    ),
    "de": (
        ("Henrike", "Jannis", "Ulla", "Matthias"),
        ("Brenninger", "Kohlhaas", "Dreyer", "Wittmann"),
    ),
    "fr": (
        ("Solène", "Gaspard", "Maëlle", "Thibault"),
        ("Vernhes", "Castagné", "Roumieu", "Delpech"),
    ),
    "es": (("Itziar", "Ramiro", "Nerea", "Eloy"), ("Garrido", "Olmedo", "Zabala", "Cifuentes")),
    "it": (
        ("Ottavia", "Lapo", "Ginevra", "Ettore"),
        ("Sbarbaro", "Cagnoli", "Ferrucci", "Tosolini"),
    ),
    "nl": (
        ("Femke", "Joost", "Maartje", "Sjoerd"),
        ("Verhoeckx", "de Wilde", "Brouwers", "Kuipers"),
    ),
}

HANDLES = (
    "gravelpit_gerry",
    "Mrs Ottery",
    "nightjar42",
    "h.koenigsberg",
    "FrenchPressFan",
    "el_tio_paco",
    "rondine.blu",
    "dijkgraaf_w",
    "slowcooker_sam",
    "Bertram L.",
    "kelpie-and-me",
    "ZX_Spectrum_Kid",
)

# what readers say, per language (never body prose)
SAID = {
    "en": (
        "Brilliant write-up, bookmarking this.",
        "My dad worked there in the seventies and would disagree.",
        "So who actually pays for it in the end?",
        "Made this last night and the kids asked for seconds.",
        "Cut the sugar by half and it was still plenty sweet.",
        "Absolute nonsense from start to finish.",
        "Thanks, this cleared things up for me.",
        "Anyone know if the footpath is open again?",
        "Came here to say exactly this.",
        "Not what I saw when I drove past on Sunday.",
        "Mine took twice as long in a fan oven, fyi.",
        "Still waiting for the council to answer my email.",
        "First!",
        "Great news for the village, about time.",
    ),
    "de": (
        "Danke für den ausführlichen Bericht.",
        "Das hätte man schon vor zehn Jahren machen müssen.",
        "Wer soll das bitte alles bezahlen?",
        "Wir wohnen direkt daneben und merken davon nichts.",
        "Typisch, erst reden und dann passiert wieder nichts.",
        "Sehr gut recherchiert, weiter so.",
        "Gibt es dazu auch eine Bürgerversammlung?",
        "Meine Nachbarin sieht das ganz anders.",
    ),
    "fr": (
        "Merci pour cet article très clair.",
        "On attend ça depuis des années au village.",
        "Et qui va payer la facture au final ?",
        "Mon grand-père aurait adoré lire ça.",
        "Encore un projet qui va traîner, vous verrez.",
        "Quelqu'un sait si la route est rouverte ?",
        "Bravo aux bénévoles, franchement.",
        "Je ne suis pas du tout d'accord avec le maire.",
    ),
    "es": (
        "Muy buen artículo, gracias por contarlo.",
        "Ya era hora de que alguien hiciera algo.",
        "¿Y quién va a pagar todo esto?",
        "Vivo al lado y no me he enterado de nada.",
        "Lo de siempre, mucho anuncio y poca obra.",
        "Mi abuela trabajó allí cuarenta años.",
        "¿Alguien sabe a qué hora abren mañana?",
        "Totalmente de acuerdo con los vecinos.",
    ),
    "it": (
        "Finalmente qualcuno ne parla, grazie.",
        "Sono anni che aspettiamo questi lavori.",
        "E chi paga alla fine? Sempre noi.",
        "Abito lì vicino e non ho visto nessun cantiere.",
        "Articolo chiarissimo, complimenti.",
        "Mio nonno raccontava la stessa storia.",
        "Qualcuno sa quando riapre la strada?",
        "Solite promesse, vedremo a settembre.",
    ),
    "nl": (
        "Goed stuk, dank voor het uitzoeken.",
        "Dat had tien jaar geleden al moeten gebeuren.",
        "En wie gaat dat allemaal betalen?",
        "Wij wonen ernaast en merken er niets van.",
        "Eerst zien, dan geloven.",
        "Mijn opa werkte daar zijn hele leven.",
        "Weet iemand wanneer de brug weer opengaat?",
        "Helemaal mee eens met de bewoners.",
    ),
}

# ages as each language's comment systems print them ({k} a number)
AGES = {
    "en": ("{k} years ago", "{k} months ago", "{k} days ago", "{k}h"),
    "de": ("vor {k} Stunden", "vor {k} Tagen", "vor {k} Monaten"),
    "fr": ("il y a {k} jours", "il y a {k} heures", "il y a {k} mois"),
    "es": ("hace {k} días", "hace {k} horas", "hace {k} meses"),
    "it": ("{k} giorni fa", "{k} ore fa", "{k} mesi fa"),
    "nl": ("{k} dagen geleden", "{k} uur geleden", "{k} maanden geleden"),
}

THREADS = {
    # WordPress theme: nested replies under a responses heading
    "wordpress": Thread(
        heading="{count} Responses to “{title}”",
        item=("{handle} says:", "{stamp}", "{said}", "Reply"),
        reply=("In reply to {parent}.", "{handle} says:", "{stamp}", "{said}", "Reply"),
        close=("Leave a Reply Cancel reply", "Your email address will not be published."),
        removed="This comment is awaiting moderation.",
    ),
    # Disqus embed: points and ages, a sort row, deleted comments
    "disqus": Thread(
        heading="{count} commenti",
        sort="Migliori · Più recenti · Meno recenti",
        item=("{handle}", "{n} points · {ago}", "{said}", "Rispondi · Condividi ›"),
        reply=("{handle} → {parent}", "{n} points · {ago}", "{said}", "Rispondi · Condividi ›"),
        close=("Carica altri commenti", "Powered by Disqus · Privacy"),
        removed="Questo commento è stato eliminato.",
    ),
    # phpBB topic: posts with a » stamp, a Re: subject and poster stats
    "phpbb": Thread(
        heading="{count} posts • Page 1 of 1",
        item=(
            "Re: {title}",
            "Post by {handle} » {stamp}",
            "{said}",
            "Posts: {m}",
            "Joined: {joined}",
        ),
        stamp="%a %b %d, %Y %I:%M %p",
        close=(
            "Return to “Layout Help”",
            "Jump to",
            "Who is online",
            "Users browsing this forum: No registered users and 3 guests",
        ),
    ),
    # Discourse topic: likes and a replies footer
    "discourse": Thread(
        heading="{count} Replies",
        item=("{handle}", "{ago}", "{said}", "{n} Likes"),
        reply=("{handle}", "Replying to {parent}", "{said}", "{n} Likes"),
        close=("Related Topics", "Reply · Bookmark · Share · Flag"),
    ),
    # Facebook comments plugin
    "facebook": Thread(
        heading="{count} comentarios",
        sort="Ordenar por Más relevantes",
        item=("{handle}", "{said}", "Me gusta · Responder · {ago}"),
        reply=("{handle}", "{said}", "Me gusta · Responder · {ago}"),
        close=("Agregar un comentario...", "Plugin de comentarios de Facebook"),
    ),
    # review site: a star rating on every reader review
    "reviews": Thread(
        heading="Customer reviews ({count})",
        sort="Top comments | Newest first",
        item=("★★★★☆ {handle} – {stamp}", "{said}", "Was this review helpful? Yes ({n}) No"),
        stamp="%d/%m/%Y",
        close=("Write a review", "Showing all reviews"),
    ),
    # recipe plugin: rated cook notes
    "recipe": Thread(
        heading="{count} Comments & Ratings",
        item=("{handle}", "Rated 5 out of 5 stars", "{said}", "{stamp}", "Reply"),
        reply=("{handle} replied to {parent}", "{said}", "Reply"),
        stamp="%B %d, %Y",
        close=("Leave a comment & rating", "Recipe rating ☆☆☆☆☆"),
    ),
    # German news CMS
    "de_news": Thread(
        heading="Leserkommentare ({count})",
        sort="Sortieren: Neueste zuerst | Älteste zuerst",
        item=("{handle} meint:", "{ago}", "{said}", "Antworten · Melden"),
        reply=("Antwort auf {parent}:", "{said}", "Antworten · Melden"),
        close=("Kommentieren nur für registrierte Nutzer.",),
        removed="Dieser Kommentar wurde von der Redaktion entfernt.",
    ),
    # French news CMS
    "fr_news": Thread(
        heading="{count} réactions",
        item=("{handle} a réagi {ago}", "{said}", "Répondre · Signaler un abus"),
        reply=("↳ {handle} à {parent}", "{said}", "Répondre · Signaler un abus"),
        close=("Réagir à cet article",),
        removed="Ce commentaire a été supprimé par son auteur.",
    ),
    # Dutch news CMS
    "nl_news": Thread(
        heading="{count} reacties",
        item=("{handle} schreef op {stamp}:", "{said}", "Reageer · Meld"),
        reply=("Reactie op {parent}", "{said}", "Reageer · Meld"),
        stamp="%d-%m-%Y %H:%M",
        close=("Praat mee! Log in om te reageren.",),
    ),
    # Substack post: hearts and a restack row
    "substack": Thread(
        heading="Comments ({count})",
        sort="Top · New · Chronological",
        item=("{handle}", "{stamp}", "{said}", "Liked by {n} · Reply"),
        reply=("{handle}", "{stamp}", "{said}", "Liked by {n} · Reply"),
        stamp="%b %d",
        close=("Subscribe to join the discussion",),
        removed="Comment deleted",
    ),
}

_EN_CAPTIONS = (
    "{desc}. Photograph: {photog}/Brackenfold Gazette",
    "{desc} (Photo by {photog} on Unsplash)",
    "Top image: {desc}",
    "{desc} | Photo: {photog}",
    "Illustration by {photog}",
    "Click to enlarge",
    "View gallery (12 photos)",
)

SITES = {
    "brackenfold": Site(
        name="Brackenfold Gazette",
        ext=".md",
        kind="news",
        size=16,
        masthead=True,
        top=("BRACKENFOLD GAZETTE — Serving the Fold Valley since 1871", "Home › News › Local"),
        byline=(
            "Words by {author}",
            "By {author}, Local Democracy Reporter",
            "{author} | Senior reporter",
        ),
        dateline=("Published {day} · Updated 2 hours ago",),
        captions=_EN_CAPTIONS,
        notes=(
            "Editor's note: this article was updated on {day} with a response from the trust.",
            (
                "Correction, {day}: an earlier version of this story gave the wrong date for the "
                "hearing."
            ),
            (
                "This article is part of Fold Valley Futures, our year-long series on the valley's "
                "towns."
            ),
        ),
        widgets=("Share on Facebook · Share on X · Email this story · Print",),
        tags="Posted in Local News, Council | Tagged {tag1}, {tag2} | {n} Comments",
        after=(
            "About the author",
            "{author} covers the valley's councils for the Gazette. Tips to newsdesk@example.org.",
        ),
        thread="wordpress",
        origin=(
            "This story was originally published by {origin} and is republished with permission."
        ),
    ),
    "hedgerow": Site(
        name="the hedgerow kitchen",
        ext=".html",
        kind="recipe",
        size=14,
        byline=("Posted by {author} on {day} · Leave a comment", "Recipe by {author}"),
        dateline=("{n} Comments · Updated {day}",),
        captions=(
            "{desc}. Image © {photog}",
            "Pin it for later!",
            "{desc} — photo credit: {photog}",
        ),
        notes=(
            (
                "This post may contain affiliate links. As an Amazon Associate I earn from "
                "qualifying purchases."
            ),
            "Sponsored by Millstream Flour. All opinions are my own.",
        ),
        widgets=(
            "Jump to Recipe · Print Recipe · Pin Recipe",
            "5 from {m} votes",
            "Prep Time 15 mins · Cook Time 40 mins · Servings 6",
        ),
        tags="Course: Dessert · Cuisine: British · Keyword: {tag1}, {tag2}",
        after=(
            "Tried this recipe? Tag @hedgerowkitchen on Instagram and hashtag it #hedgerowbakes",
            "Did you make this? Rate it in the comments below!",
        ),
        thread="recipe",
        markup="aside",
        origin="Recipe shared from {origin} with the author's kind permission.",
    ),
    "tidewrack": Site(
        name="Tidewrack Review",
        ext=".txt",
        kind="review",
        size=12,
        byline=("{author} | Staff writer", "Tested by {author}", "{author}, Contributor"),
        dateline=("{day}",),
        captions=(
            "{desc} (Image credit: {photog})",
            "Image 1 of 6",
            "(Image: © {photog})",
        ),
        notes=(
            "Disclosure: the maker lent us review units, which were returned after testing.",
            "Update {day}: prices were checked again and the table now shows the new figures.",
            "Why you can trust us: we test every product on the same routes.",
        ),
        widgets=(
            "Our verdict: 4 out of 5 stars",
            "Check price at Amazon · Check price at Trailhouse",
        ),
        tags="Categories » Outdoor » {tag1} » {tag2}",
        after=("Get the best deals straight to your inbox! Sign up below.",),
        thread="reviews",
        origin="A version of this review first appeared at {origin}.",
    ),
    "kiesgrube": Site(
        name="Kiesgrube Rundschau",
        ext=".html",
        kind="news",
        lang="de",
        size=14,
        masthead=True,
        top=("Kiesgrube Rundschau | Lokales aus dem Kiestal", "Startseite > Lokales > Region"),
        byline=("Von {author}", "Text: {author}", "Ein Kommentar von {author}"),
        dateline=("{lday}, {clock} Uhr",),
        captions=(
            "{desc}. Foto: {photog}/dpa",
            "Bild: {photog}",
            "{desc} (Archivbild: {photog})",
            "Bildergalerie öffnen (8 Bilder)",
        ),
        notes=(
            "Transparenzhinweis: Der Autor ist Mitglied im Förderverein des Freibads.",
            "Aktualisiert am {lday}: Die Stellungnahme der Stadt wurde ergänzt.",
            "Dieser Beitrag ist Teil unserer Serie „Dörfer im Wandel“.",
        ),
        widgets=("Artikel teilen: Facebook · WhatsApp · E-Mail · Drucken", "Merken · Vorlesen"),
        tags="Themen: {tag1} | {tag2} | Kiestal",
        after=("Mehr zum Thema",),
        thread="de_news",
        markup="footer",
    ),
    "causse": Site(
        name="La Voix du Causse",
        ext=".md",
        kind="news",
        lang="fr",
        size=12,
        masthead=True,
        top=("La Voix du Causse", "Accueil / Actualité / Vallée"),
        byline=("Par {author}", "Texte : {author}", "{author}, correspondante"),
        dateline=("Publié le {lday} à 07h{n} · Mis à jour il y a 3 heures",),
        captions=(
            "{desc}. Photo : {photog} / AFP",
            "Crédit photo : {photog}",
            "{desc} © {photog}",
        ),
        notes=(
            "Cet article fait partie de notre dossier « Les villages du causse ».",
            "Mise à jour le {lday} : ajout de la réaction de la préfecture.",
            "Article réservé aux abonnés",
        ),
        widgets=("Partager : Facebook · X · LinkedIn · E-mail", "Ajouter à mes favoris"),
        tags="Mots-clés : {tag1} / {tag2} / Causse",
        after=("Vous avez aimé cet article ? Abonnez-vous à notre lettre du matin.",),
        thread="fr_news",
    ),
    "faro": Site(
        name="El Faro de Almendral",
        ext=".txt",
        kind="news",
        lang="es",
        size=12,
        byline=("Por {author}", "Texto: {author}", "{author} | Almendral"),
        dateline=("Redacción · {lday}",),
        captions=("{desc}. (Foto: {photog} / EFE)", "Imagen de archivo", "{desc} | Foto: {photog}"),
        notes=(
            "Nota de la redacción: este artículo se actualizó con la respuesta del ayuntamiento.",
            "Este artículo forma parte de la serie Pueblos que resisten.",
            "Contenido patrocinado por Caja Rural de Almendral",
        ),
        widgets=("Compartir en: Facebook · Twitter · WhatsApp · Telegram",),
        tags="Etiquetas: {tag1}, {tag2}",
        after=("Síguenos en Google News para no perderte nada.",),
        thread="facebook",
    ),
    "valdarsa": Site(
        name="Il Corriere di Valdarsa",
        ext=".md",
        kind="news",
        lang="it",
        size=10,
        masthead=True,
        top=("Il Corriere di Valdarsa — Quotidiano online della valle",),
        byline=("Di {author}", "di {author}", "A cura di {author}"),
        dateline=("{lday} — Tempo di lettura: 3 minuti",),
        captions=("{desc} (foto {photog})", "Foto di {photog}", "{desc} - Ansa"),
        notes=(
            (
                "Nota dell'editore: l'articolo è stato aggiornato alle 18.30 con la replica del "
                "sindaco."
            ),
            "Questo articolo fa parte dello speciale Valle che cambia.",
            "Articolo sponsorizzato da Consorzio Vini Valdarsa",
        ),
        widgets=("Condividi: Facebook · Twitter · WhatsApp · Stampa",),
        tags="Argomenti: {tag1} · {tag2}",
        after=("Iscriviti al canale WhatsApp del Corriere di Valdarsa",),
        thread="disqus",
    ),
    "polderpost": Site(
        name="Polderpost",
        ext=".md",
        kind="news",
        lang="nl",
        size=12,
        byline=("Door {author}", "Tekst: {author}", "{author} | Verslaggever"),
        dateline=("{lday}, {clock}",),
        captions=("{desc}. Foto: {photog}/ANP", "Beeld: {photog}", "Foto ter illustratie"),
        notes=(
            (
                "Noot van de redactie: in een eerdere versie van dit artikel stond een verkeerd "
                "bedrag."
            ),
            "Dit artikel is onderdeel van de serie Leven achter de dijk.",
            "Correctie: de vergadering is op donderdag, niet op woensdag.",
        ),
        widgets=("Deel dit artikel: Facebook · X · WhatsApp · Mail",),
        tags="Trefwoorden: {tag1}, {tag2}",
        after=("Heb jij een tip voor de redactie? Mail ons.",),
        thread="nl_news",
    ),
    "railyard": Site(
        name="loft layouts forum",
        ext=".txt",
        kind="forum",
        size=10,
        top=("Board index ‹ Layout Help ‹ {title}",),
        byline=("Post by {author} » {pstamp}",),
        captions=("IMG_{m}.jpg (212.4 KiB) Viewed {n} times", "Attachments"),
        widgets=("Quote · Report · Thank", "Top"),
        after=("Last edited by {author} on {pstamp}, edited 1 time in total.",),
        thread="phpbb",
    ),
    "slowthaw": Site(
        name="The Slow Thaw",
        ext=".md",
        kind="news",
        size=8,
        masthead=True,
        top=("The Slow Thaw", "A newsletter about the valley, one thaw at a time"),
        byline=(
            "Text: {author}",
            "Reporting by {author}; editing by {editor}",
            "Written by {author}",
        ),
        dateline=("{day} ∙ Paid",),
        captions=("{desc}. Image via the Fold Valley archive", "Caption: {desc}"),
        notes=(
            "Programming note: there will be no issue next week.",
            "Sponsor: this issue is brought to you by Fold Valley Cider.",
        ),
        widgets=("♡ {n} · 💬 {m} · ↻ Restack · Share",),
        tags="",
        after=(
            "Thanks for reading The Slow Thaw! Subscribe for free to receive new posts.",
            "Share The Slow Thaw",
        ),
        thread="substack",
        origin="Cross-posted from {origin}.",
    ),
}

# (origin site, target site, how many of the origin's stories, edited)
SYNDICATED = (
    ("brackenfold", "slowthaw", 4, True),
    ("slowthaw", "brackenfold", 2, False),
    ("hedgerow", "tidewrack", 3, True),
)

# tag words per language
TAG_WORDS = {
    "en": ("flooding", "planning", "transport", "schools", "baking", "gear", "budget"),
    "de": ("Hochwasser", "Stadtrat", "Verkehr", "Schulen", "Haushalt"),
    "fr": ("inondations", "conseil municipal", "transports", "écoles", "budget"),
    "es": ("inundaciones", "pleno municipal", "tráfico", "colegios", "presupuesto"),
    "it": ("alluvione", "consiglio comunale", "viabilità", "scuole", "bilancio"),
    "nl": ("wateroverlast", "gemeenteraad", "verkeer", "scholen", "begroting"),
}

# picture descriptions per language
DESCS = {
    "en": (
        "Volunteers clear the towpath",
        "The old weir at dusk",
        "Stallholders set up before dawn",
    ),
    "de": ("Die neue Brücke über die Kies", "Helfer am Deich", "Der Marktplatz am Morgen"),
    "fr": (
        "Le pont de pierre au petit matin",
        "Des bénévoles sur le causse",
        "La place de l'église",
    ),
    "es": ("El puerto al amanecer", "Vecinos ante el ayuntamiento", "La vieja lonja"),
    "it": ("Il ponte vecchio all'alba", "Volontari sull'argine", "La piazza del mercato"),
    "nl": ("De sluis bij laagwater", "Vrijwilligers op de dijk", "Het marktplein in de ochtend"),
}

# English body lines that mention comments, photos, credits, sharing, tags, printing and
# updates: article text that must stay
LOOKALIKES = (
    "Comments closed at noon, and the council says it read every one of the 340 it received.",
    "She shared the photo with her sister, who had not seen the mill since 1979.",
    "The credits at the end of the film list forty volunteers by name.",
    "Reply slips were due back at the parish office by Friday.",
    "Photos taken by the survey drone showed the crack was wider than first thought.",
    "Tagged birds were released at dawn on the north marsh.",
    "Print runs of the parish magazine have halved since 2019.",
    "Sponsored walks raised 2,300 pounds for the lifeboat station last year.",
    "An update to the flood map is due in the spring, the agency said.",
)
