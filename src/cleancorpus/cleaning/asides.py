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
)
