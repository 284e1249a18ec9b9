"""Rules for widget rows and notes a page sets between paragraphs (the kinds dev5 carries):
audio players, view and save counts, text-size rows, corrections and errata, translation
notes and content warnings (a labelled disclosure is left alone: the article
benchmark's pages count one as text).

All are ``anywhere`` rules, bounded tightly (``max_words``) and gated by cues, and each
matches a whole line: a widget row is made of controls and counts only, a note needs its
label ("Erratum:", "Content warning:") or a self-reference ("this piece discusses"), and a
correction must say what was wrong ("an earlier version", "misspelled"); its date, if any,
is bracketed (a dated "Correction, 5 May:" line is one the article benchmark counts as text).
"""

from __future__ import annotations

from .rule import Rule

# A row separator between controls ("Print · Save", "Views: 3 | Saves: 1").
_SEP = r"\s*[·•|]\s*"
# A duration a player shows: "(4:12)", "5 min", "12 Min."
_DURATION = r"(?:\(?\d{1,2}:\d{2}\)?|\(?\d{1,3}\s*(?i:min(?:ute)?s?|minuten)\.?\)?)"
_PLAYER = (
    r"(?i:(?:\p{So}\s*)?(?:(?:play|hear|listen\s+to)\s+(?:the\s+|this\s+)?(?:audio|story|article"
    r"|piece|podcast)(?:\s+(?:version|edition))?(?:\s+read\s+aloud)?|\d{1,3}\s*min(?:ute)?s?\s+"
    r"listen|audio\s+version|(?:(?:den\s+)?artikel\s+)?(?:vorlesen(?:\s+lassen)?|anhören)"
    r"|écouter\s+(?:l['’]article|cet\s+article)|escuchar\s+(?:la\s+)?(?:noticia|(?:el\s+)?artículo)"
    r"|ascolta\s+l['’]articolo))"
)
# Counted things under a story: views, reads, saves, likes.
_COUNTED = r"(?i:views?|reads?|saves?|likes?|shares?|aufrufe|lecturas?|lectures|vues|visitas)"
_COUNT = (
    rf"(?:\d[\d,.]*\s*[k×x]?\s*(?:{_COUNTED}|(?i:gelesen|mal\s+gelesen))"
    rf"|{_COUNTED}\s*[:：]\s*\d[\d,.]*k?"
    r"|(?i:seen|viewed|gelesen|vu|visto)\s+\d[\d,.]*\s*(?i:times|mal|fois|veces))"
)
# A control that sits beside the counts ("Save", "Merken", "Imprimir", "Keep for later").
_CONTROL = (
    r"(?i:save|print|share|keep\s+for\s+later|bookmark|merken|drucken|teilen|speichern"
    r"|guardar|imprimir|compartir|partager|imprimer|enregistrer)"
)
# A correction's label, in the languages of the sets.
_CORRECTION = (
    r"(?i:errata|erratum|corrections?|clarifications?|korrektur|berichtigung|richtigstellung"
    r"|rectificatif|rectification|fe\s+de\s+erratas|corrección|aclaración)"
)
# What a correction says was wrong.
_WRONG = (
    r"(?i:earlier|previous|original|print\s+edition|misspel|misstat|misquot|wrong|incorrect"
    r"|früher|fassung|falsch|version|anterior|corrigé|erron|inexact)"
)

# Where a share row sends a story, and the controls beside it.
_NETWORK = (
    r"(?i:facebook|x|twitter|whatsapp|telegram|linkedin|e-?mail|mail|print|pinterest|reddit"
    r"|messenger|bluesky|threads|mastodon|flipboard|sms|xing|copy\s+link|link\s+kopieren"
    r"|copier\s+le\s+lien|copiar\s+enlace|copia\s+link|kopieer\s+link|stampa|imprimer"
    r"|drucken|imprimir|afdrukken|printen)"
)
# A share label in the languages of the sets: "Share:", "Partager :", "Deel dit artikel:".
_SHARE_LABEL = (
    r"(?i:share(?:\s+this(?:\s+(?:article|story|post|page|recipe))?)?|partager(?:\s+cet\s+article)?"
    r"|(?:artikel\s+)?teilen|compartir(?:\s+en)?|condividi(?:\s+(?:su|l['’]articolo))?"
    r"|deel(?:\s+dit\s+(?:artikel|bericht|verhaal))?|delen)"
)
# A rating: "4 out of 5 stars", "4.5/5", "5 from 427 votes", "★★★★☆ (212)".
_STARS = r"[★☆✩✭⭐]{3,5}"
_RATING = (
    r"(?:\d(?:[.,]\d)?\s*(?:(?i:out\s+of|von|sur|de|su|uit|van)\s+|/\s*)\d{1,2}"
    r"(?:\s+(?i:stars?|sterne|étoiles|estrellas|stelle|sterren))?"
    rf"|\d(?:[.,]\d)?\s+(?i:from)\s+\d[\d,.]*\s+(?i:votes|ratings|reviews)|{_STARS})"
    r"(?:\s*[(\[]\s*\d[\d,.]*(?:\s+(?i:votes?|ratings?|reviews?))?\s*[)\]])?"
)

ASIDE_RULES: tuple[Rule, ...] = (
    Rule(
        "widget.audio_player",
        # a player over or between paragraphs: "🎧 Play audio version (5:28)",
        # "12 min listen · Hear this story read aloud", "Vorlesen lassen · 4 Min."
        rf"{_PLAYER}(?:\s*{_DURATION})?(?:{_SEP}(?:{_PLAYER}|{_DURATION})){{0,2}}"
        rf"|{_DURATION}{_SEP}{_PLAYER}",
        "anywhere",
        (
            "🎧 Play audio version (5:28)",
            "12 min listen · Hear this story read aloud",
            "Vorlesen lassen · 4 Min.",
            "Escuchar noticia (4:10)",
            "Écouter l'article · 3 min",
        ),
        max_words=12,
        cues=("play", "hear", "listen", "audio", "vorlesen", "anhören", "écouter", "escuchar"),
    ),
    Rule(
        "widget.view_count",
        # counts and controls only: "Seen 412 times", "Views: 701 · Saves: 53",
        # "534× gelesen · Merken · Drucken"
        rf"{_COUNT}(?:{_SEP}(?:{_COUNT}|{_CONTROL})){{0,4}}",
        "anywhere",
        (
            "Seen 412 times",
            "Views: 701 · Saves: 53",
            "534× gelesen · Merken · Drucken",
            "345 lecturas · Guardar · Imprimir",
        ),
        max_words=14,
        cues=(
            "view",
            "read",
            "save",
            "like",
            "share",
            "seen",
            "gelesen",
            "aufrufe",
            "lectur",
            "vues",
            "vu ",
            "visto",
            "visitas",
        ),
    ),
    Rule(
        "widget.text_size",
        # a text-size control, alone or with other controls: "A− A A+ · Print · Keep for later"
        rf"A\s*[−\-–]\s*A\s*A\s*\+(?:{_SEP}{_CONTROL}){{0,4}}",
        "anywhere",
        ("A− A A+ · Print · Keep for later", "A- A A+"),
        max_words=12,
        cues=("a+",),
    ),
    Rule(
        "note.correction",
        # a labelled correction that says what was wrong: "Erratum: the surname was misspelled
        # in the print edition.", "Clarification (3 May 2024): an earlier version gave ..."
        rf"\*?{_CORRECTION}\s*(?:\([^()\n]{{1,30}}\))?\s*[:：—–]\s*"
        rf"(?=[^\n]{{0,200}}{_WRONG})[^\n]{{3,300}}",
        "anywhere",
        (
            "Erratum: the mayor's surname was misspelled in the print edition.",
            "Korrektur: In einer früheren Fassung stand ein falsches Datum.",
            "Fe de erratas: una versión anterior atribuía la cita a otro concejal.",
            "Rectificatif : le montant du budget a été corrigé le 3 mars 2024.",
            "Clarification (4 June 2024): an earlier version gave the wrong ward.",
        ),
        max_words=60,
        cues=(
            "errat",
            "correc",
            "clarif",
            "korrektur",
            "berichtigung",
            "richtigstellung",
            "rectif",
            "aclaración",
        ),
    ),
    Rule(
        "note.translated",
        # who translated the piece: "Translated from the Welsh by Marek Okafor."
        r"(?i:(?:this\s+(?:article|story|piece|interview)\s+was\s+)?translated\s+(?:from\s+"
        r"(?:the\s+)?\p{L}+\s+)?by|aus\s+dem\s+\p{L}+\s+(?:übersetzt\s+)?von|übersetzt\s+von"
        r"|traduit\s+de\s+l['’]?\s*\p{L}+\s+par|traducido\s+del\s+\p{L}+\s+por|traducción\s+de)"
        r"\s+\p{Lu}[\p{L}.'’\-]*(?:\s+\p{Lu}[\p{L}.'’\-]*){0,3}\.?",
        "anywhere",
        (
            "Translated from the Welsh by Marek Okafor.",
            "Aus dem Englischen übersetzt von Ines Brand",
            "Traduit de l'anglais par Anne Roy.",
        ),
        max_words=14,
        cues=("translat", "übersetzt", "traduit", "traducido", "traducción", "aus dem"),
    ),
    Rule(
        "note.content_warning",
        # a warning before hard reading: "Content warning: this piece describes self-harm.",
        # "Heads-up: this piece discusses a fatal crash.", "This post contains spoilers."
        r"(?i)(?:(?:content|trigger)\s+(?:warning|note|advisory)|cw|tw|heads[\s-]up"
        r"|inhaltswarnung|triggerwarnung|avertissement|aviso)\s*[:：—–]\s*[^\n]{3,200}"
        r"|this\s+(?:article|story|piece|post|video|episode)\s+(?:contains|discusses|describes"
        r"|includes|mentions|deals\s+with)\s+(?:[\w'’-]+\s+){0,8}[\w'’-]+\.?",
        "anywhere",
        (
            "Heads-up: this piece discusses a fatal crash.",
            "Content warning: this story describes self-harm.",
            "This post contains spoilers for the final episode.",
        ),
        max_words=30,
        cues=(
            "warning",
            "cw",
            "tw",
            "heads",
            "contains",
            "discusses",
            "describes",
            "includes",
            "mentions",
            "deals with",
            "warnung",
            "avertissement",
            "aviso",
            "advisory",
        ),
    ),
    Rule(
        "widget.share_networks",
        # a share label before the places it shares to: "Deel dit artikel: Facebook · X ·
        # WhatsApp · Mail", "Compartir en: Facebook · Twitter · Telegram"
        rf"{_SHARE_LABEL}\s*[:：]?\s*{_NETWORK}(?:\s*[·•|,/]\s*{_NETWORK}|\s+{_NETWORK}){{1,9}}",
        "anywhere",
        (
            "Deel dit artikel: Facebook · X · WhatsApp · Mail",
            "Compartir en: Facebook · Twitter · WhatsApp · Telegram",
            "Partager : Facebook · X · LinkedIn · E-mail",
            "Condividi: Facebook · Twitter · WhatsApp · Stampa",
        ),
        max_words=20,
        cues=("share", "partager", "teilen", "compartir", "condividi", "deel", "delen"),
    ),
    Rule(
        "widget.favourites",
        # a save control alone: "Ajouter à mes favoris", "Add to reading list", "Zur Merkliste"
        r"(?i)(?:add|save)\s+to\s+(?:my\s+|your\s+)?(?:favou?rites|reading\s+list|bookmarks|saved"
        r"\s+(?:articles|stories))|ajouter\s+à\s+(?:mes\s+)?(?:favoris|ma\s+liste)"
        r"|(?:zur|zu\s+meiner)\s+merkliste(?:\s+hinzufügen)?|zu\s+favoriten\s+hinzufügen"
        r"|añadir\s+a\s+(?:mis\s+)?favoritos|guardar\s+en\s+favoritos|aggiungi\s+ai\s+preferiti"
        r"|(?:toevoegen\s+aan|bewaar\s+in)\s+(?:mijn\s+)?(?:favorieten|leeslijst)",
        "anywhere",
        ("Ajouter à mes favoris", "Add to reading list", "Aggiungi ai preferiti"),
        max_words=6,
        cues=(
            "add",
            "save",
            "ajouter",
            "merkliste",
            "favoriten",
            "añadir",
            "guardar",
            "aggiungi",
            "toevoegen",
            "bewaar",
        ),
    ),
    Rule(
        "widget.price_check",
        # affiliate price buttons: "Check price at Amazon · Check price at Trailhouse"
        r"(?i)(?:(?:check|see|view|compare|shop)\s+(?:the\s+)?(?:latest\s+|best\s+)?(?:prices?"
        r"|deals?)\s+(?:at|on)\s+[\p{L}\p{N}][\p{L}\p{N}.&'’\-]*(?:\s+[\p{L}\p{N}][\p{L}\p{N}.&'’\-]*)?"
        r"(?:\s*[·•|]\s*|\s*$)){1,6}",
        "anywhere",
        ("Check price at Amazon · Check price at Trailhouse", "See the latest deals at Fell Kit"),
        max_words=25,
        cues=("price", "deal"),
    ),
    Rule(
        "widget.rating",
        # a rating line alone: "Our verdict: 4 out of 5 stars", "Rated 5 out of 5 stars",
        # "5 from 427 votes", "Recipe rating ★★★★☆ (212)"; a sentence that rates ("The
        # council rated it 4 out of 5 for safety.") has words around the rating
        r"(?i:(?:our\s+|the\s+)?(?:verdict|rating|score|overall|bewertung|note|valoración"
        r"|puntuación|voto|giudizio|beoordeling|oordeel|cijfer)\s*[:：]\s*|rated\s+"
        r"|(?:recipe|reader|user|average)\s+rating\s*[:：]?\s*)?"
        rf"{_RATING}",
        "anywhere",
        (
            "Our verdict: 4 out of 5 stars",
            "Rated 5 out of 5 stars",
            "5 from 427 votes",
            "Recipe rating ☆☆☆☆☆",
            "Bewertung: 4,5/5",
        ),
        max_words=12,
        cues=(
            "/",
            "out of",
            "von",
            "sur",
            " de ",
            " su ",
            "uit",
            "van",
            "from",
            "★",
            "☆",
            "✩",
            "✭",
            "⭐",
        ),
    ),
    Rule(
        "widget.paywall_label",
        # the label of a paywalled piece, alone: "Article réservé aux abonnés", "Subscriber
        # only", "Nur für Abonnenten", "Alleen voor abonnees"
        r"(?i)(?:(?:article|contenu)\s+)?réservée?\s+aux\s+abonnés|(?:subscribers?|members?)[\s-]only"
        r"(?:\s+(?:article|content|story|post))?|(?:for|exclusive\s+to)\s+subscribers(?:\s+only)?"
        r"|(?:nur\s+)?für\s+abonnenten|(?:artículo|contenido)\s+(?:exclusivo\s+)?para\s+suscriptores"
        r"|(?:articolo\s+)?riservato\s+agli\s+abbonati|(?:alleen|exclusief)\s+voor\s+abonnees"
        r"|(?:premium|plus)[\s-](?:article|artikel|inhalt|content)",
        "anywhere",
        ("Article réservé aux abonnés", "Subscribers only", "Alleen voor abonnees"),
        max_words=6,
        cues=("abonn", "subscriber", "member", "suscriptor", "premium", "plus"),
    ),
    Rule(
        "note.sponsor",
        # who paid for a piece: "Sponsored by X. All opinions are my own.", "Sponsor: this
        # issue is brought to you by X", "Contenido patrocinado por X", "Articolo
        # sponsorizzato da X"; not a sentence about sponsored things ("Sponsored walks raised
        # ..."), which names no sponsor after "by"
        r"(?i)(?:sponsored\s+by|presented\s+by|brought\s+to\s+you\s+by|in\s+partnership\s+with"
        r"|sponsor(?:ed)?\s*[:：]|(?:this\s+(?:issue|episode|newsletter|post|article)\s+is\s+)"
        r"(?:sponsored|brought\s+to\s+you|presented)\s+by|(?:contenido|artículo)\s+patrocinado"
        r"(?:\s+por)?|patrocinado\s+por|(?:articolo|contenuto)\s+sponsorizzato(?:\s+da)?"
        r"|sponsorizzato\s+da|contenu\s+sponsorisé(?:\s+par)?|sponsorisé\s+par|gesponsert\s+von"
        r"|(?:in\s+samenwerking\s+met|gesponsord\s+door|mogelijk\s+gemaakt\s+door))"
        # the sponsor's name ends its sentence: a comma or colon going on in lower case is a
        # sentence's main clause ("Sponsored by the Rotary Club, the show is free.")
        r"(?![^\n.!?]*[,;:]\s+(?-i:\p{Ll}))\s*[^\n]{2,200}",
        "anywhere",
        (
            "Sponsored by Millstream Flour. All opinions are my own.",
            "Sponsor: this issue is brought to you by Fold Valley Cider.",
            "Contenido patrocinado por Caja Rural de Almendral",
            "Articolo sponsorizzato da Consorzio Vini Valdarsa",
        ),
        max_words=30,
        cues=(
            "sponsor",
            "presented",
            "brought to you",
            "partnership",
            "patrocinado",
            "samenwerking",
            "gesponsord",
            "mogelijk gemaakt",
        ),
    ),
    Rule(
        "note.edited",
        # a forum post's edit note, stamped to the minute: "Last edited by X on Tue Jan 12,
        # 2021 4:50 am, edited 1 time in total." ("Last edited by the council on 3 May 2019,
        # the map is out of date." is a sentence)
        r"(?i)(?:last\s+edited\s+by|edited\s+by|zuletzt\s+(?:geändert|bearbeitet)\s+von|dernière"
        r"\s+édition\s+par|editado\s+por\s+última\s+vez\s+por|ultima\s+modifica\s+di"
        r"|laatst\s+bewerkt\s+door)\s+\S[^\n]{0,40}?\s+(?:on|am|le|el|il|op)\s+[^\n]{4,50}?"
        r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:Uhr|h))?(?:,\s*[^\n]{1,60})?",
        "anywhere",
        ("Last edited by dijkgraaf_w on Tue Jan 12, 2021 04:50 am, edited 1 time in total.",),
        max_words=30,
        cues=("edited", "geändert", "bearbeitet", "édition", "editado", "modifica", "bewerkt"),
    ),
)
