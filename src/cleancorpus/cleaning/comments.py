"""Find where a reader-comment thread appended after the article begins.

A thread is a run of marker lines, each followed by a comment. Markers are commenter names
and handles (``paul``, ``Attrition47``, ``Terra Cotta Woolpuller``, ``• paul`` above an
indented reply), ``jsmith says:`` lines, ``maria_k · 3 hours ago`` lines, timestamps,
``Posted by: X, date | time`` signatures, ``sue1987: one-line comment`` lines and
reply/like/report rows.

A short line above a paragraph is just as often a subheading ("Fazit"), a recipe step, the
name in a list of profiles or a table cell, so names alone never make a thread: it needs
evidence, at least two markers that only comments have (a handle, a "says" line, a
timestamp with a time or next to a name, a reply row, a handle-prefixed comment, a name
above a comment that starts in lower case as readers write and articles do not). List
items, headings and table rows are never markers, a name over a list item is a label, a
list item before the first sure marker means the article goes on, and so does a heading
between two markers. Comments are short on average (very short when every marker is a
single capitalised word). A comments heading ("12 Comments", "Join the conversation (3)")
is a line rule (``footer.comments_opener``), not this detector.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import regex

from .facts import MONTH_NAMES
from .lines import Line, ends_sentence, words
from .rules import DATE

_DIGIT = regex.compile(r"\p{N}")
_CODE = regex.compile(r"[=(){}\[\]<>/\\$;`]|--")  # a command or code line, not a comment
_CLOCK = regex.compile(r"\d{1,2}[:.h]\d{2}")
_BULLET_HANDLE = regex.compile(r"[•*·‣◦▪-]\s+(?P<handle>[^\s].{0,38})")
_LIST_ITEM = regex.compile(r"(?:[-*+•·‣◦▪]|\p{N}{1,3}[.)]|\p{L}[.)])\s")
_HEADING = regex.compile(r"#{1,6}\s.*|\*\*[^*]+\*\*:?|__[^_]+__:?")
_TABLE_ROW = regex.compile(r"\|.*\||[^|\n]*\S(?:\s*\|\s*[^|\n]*\S){2,}\s*\|?|.*\S\t+\S.*")
_SAYS_VERBS = (
    "says",
    "said",
    "wrote",
    "replied",
    "schrieb",
    "schreibt",
    "antwortete",
    "a écrit",
    "a répondu",
    "écrit",
    "dijo",
    "escribió",
    "respondió",
    "comentó",
    "scrive",
    "ha scritto",
    "ha risposto",
    "schreef",
    "schrijft",
)
# "jsmith says:", "Mary Lee replied", "ann says: May 3, 2017 at 9:14 am", "tom wrote at
# 10:42:", "anna schrieb am 3. Mai 2024:", "jan schreef op 03-05-2024 21:12:": a commenter's
# name or handle, the verb, then nothing, a colon and a timestamp, or "at"/"am"/"le"/"el"/"op"
# and a timestamp. Not "The mayor
# said she was pleased." nor "Officials said: the road reopens", which are article sentences.
_SAYS = regex.compile(
    rf"(?i)(?P<who>.{{1,40}}?)\s+(?:{'|'.join(_SAYS_VERBS)})(?:\s*:\s*(?P<when>.{{0,60}}?)"
    rf"|\s+(?:at|on|am|um|le|el|il|à|a\s+las|alle|op)\s+(?P<when>.{{0,60}}?\d.{{0,20}}?)\s*:)?\s*"
)
# "↳ ruth_k (12 pts)", "maria_k (+4 votes)": a handle and its score; a capitalised name needs
# the reply arrow ("Ann Roe (12 pts)" over a paragraph is a results table's row)
_SCORED = regex.compile(
    r"(?i)(?P<arrow>[↳↪]\s*)?(?P<who>[^\s()\[\]][^()\[\]]{0,38}?)\s*[(\[]\s*[+-]?\d+\s*(?:pts?"
    r"|points?|votes?|likes?|karma|punkte|puntos)\s*[)\]]"
)
# "@ann · 3h": a marked handle and a short age with no "ago"
_HANDLE_AGE = regex.compile(
    r"(?P<who>@?[\p{L}\p{N}_.\-]{2,25})\s*[·•|]\s*\d{1,3}\s*(?:s|m|min|h|hr|d|w|mo|y)"
)
_ON_DATE_WROTE = regex.compile(r"(?i)on\s+(?P<when>.{1,60}),\s+(?P<who>[^,\n]{1,40}?)\s+wrote\s*:")
_AGO = (
    r"(?:\d{1,3}|an?|one)\s*(?:minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|w|months?|years?|y)"
    r"\s+ago|(?:vor|il\s+y\s+a|hace)\s+(?:\d{1,3}|einer?|einem|une?|una?)\s+(?:sekunden?|minuten?"
    r"|stunden?|tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?|secondes?|minutes?|heures?|jours?"
    r"|semaines?|mois|ans?|segundos?|minutos?|horas?|días?|semanas?|mes(?:es)?|años?)"
    # Italian and Dutch put the word after: "2 ore fa", "5 dagen geleden"
    r"|(?:\d{1,3}|un[ao]?|een)\s+(?:minut[oi]|or[ae]|giorn[oi]|settiman[ae]|mes[ei]|ann[oi]|minuten?"
    r"|minuut|uur|dagen|dag|weken|week|maanden|maand|jaar)\s+(?:fa|geleden)"
)
_AGE = regex.compile(rf"(?i){_AGO}")
_TIMESTAMP = regex.compile(
    rf"(?i)(?:on\s+|am\s+|le\s+|el\s+)?(?:{DATE}|{_AGO})(?:\s*[·•|]\s*.{{0,30}})?"
)
# A name or handle and a timestamp on one line: "maria_k · 3 hours ago", "Tom Ruiz, 4 June
# 2019 at 10:15", "paul on June 4, 2019 at 9:12 am".
_NAMED_TIMESTAMP = regex.compile(
    rf"(?i)(?P<who>[^\s·•|,].{{0,40}}?)\s*(?:[·•|,–—-]|\s(?:on|am|le|el|il|um))\s*"
    rf"(?P<when>(?:{DATE}|{_AGO}).{{0,30}})"
)
# "Posted by: Florida CPA, 27 Sep 2011 | 15:22": a comment's signature, whatever the name.
_POSTED_BY = regex.compile(
    r"(?i)(?:posted|post|written|submitted|commented|geschrieben|verfasst|publié|posté|publicado"
    r"|enviado|escrito|bericht)\s+(?:by|von|par|por|door)\s*:?\s*(?P<who>[^\n]{1,60}?)\s*(?:[·•|,–—»-]"
    rf"|\s(?:on|am|le|el|il|um))\s*(?P<when>(?:{DATE}|{_AGO}).{{0,30}})"
)
_WIDGET = (
    r"reply|replies|report(?:\s+abuse)?|like|likes|flag|permalink|share|upvotes?|points?|antworten"
    r"|melden|gefällt\s+mir|répondre|signaler(?:\s+un\s+abus)?|j'aime|responder|denunciar|me\s+gusta"
    r"|rispondi|segnala|mi\s+piace|condividi|reageer|meld|beantwoorden|liked\s+by\s+\d+"
    # a review's vote: "Was this review helpful? Yes (3) No"
    r"|was\s+this\s+(?:review|comment|answer|post)\s+helpful\??(?:\s*(?:yes|no)(?:\s*\(\d+\))?){0,2}"
)
# a row item: a control with its count; after the first, also the comment's age ("60 points ·
# 2 ore fa", "Me gusta · Responder · hace 3 días"); an age alone is a timestamp, not a row
_CONTROL = rf"(?:\d+\s*)?(?:{_WIDGET})(?:\s*\(\d+\))?"
_REPLY = regex.compile(
    rf"(?i)(?:[·|•▲▼^↵]\s*)?(?:{_CONTROL}|[▲▼^]\s*\d+|\d+\s*[▲▼^])"
    rf"(?:\s*[·|•▲▼]?\s*(?:{_CONTROL}|{_AGO}|[▲▼^]?\s*\d+))*\s*[›»]?"
)
# "nightjar42 a réagi il y a 9 heures", "ann commented 3 days ago": a name, a commenting verb
# and the comment's age (the age is what a sentence never ends with)
_VERB_AGE = regex.compile(
    rf"(?i)(?P<who>.{{1,40}}?)\s+(?:commented|replied|posted|wrote|a\s+réagi|a\s+commenté"
    rf"|a\s+répondu|hat\s+kommentiert|kommentierte|antwortete|comentó|respondió|ha\s+commentato"
    rf"|ha\s+risposto|reageerde|schreef)\s+(?P<when>{_AGO})"
)
# a star rating before a reviewer's name and date: "★★★★☆ ann_k – 24/02/2021"
_RATED = regex.compile(r"[★☆✩✭⭐]{3,5}\s*(?P<rest>\S.*)")
# "In reply to ann_k.", "Antwort auf ann_k:", "Reactie op Bertram L.", "ann_k replied to tom":
# the comment a reply answers
_REPLY_TO = regex.compile(
    r"(?i)(?:[↳↪]\s*)?(?:in\s+reply\s+to|replying\s+to|reply\s+to|antwort\s+auf|en\s+réponse\s+à"
    r"|réponse\s+à|en\s+respuesta\s+a|respuesta\s+a|in\s+risposta\s+a|risposta\s+a|reactie\s+op"
    r"|antwoord\s+op)\s+(?P<who>@?[^\s:.][^:\n]{0,38}?)\s*[.:]?"
    r"|(?P<who>[^\s].{0,38}?)\s+(?:replied\s+to|antwortete|a\s+répondu\s+à|respondió\s+a"
    r"|ha\s+risposto\s+a|reageerde\s+op)\s+(?P<to>@?[^\s].{0,38}?)\s*:?"
    # a reply arrow before two names: "↳ rondine.blu à ann_k"
    r"|[↳↪]\s*(?P<who>[^\s].{0,38}?)\s+(?:à|a|to|an|aan)\s+(?P<to>@?[^\s].{0,38}?)"
)
# "el_tio_paco → ann_k": an arrow between two handles (between two names, "Paris → Lyon" is a
# route)
_ARROW_REPLY = regex.compile(
    r"(?P<who>@?[\p{L}\p{N}_.\-]{2,25})\s*[→➔➜]\s*(?P<to>@?[\p{L}\p{N}_.\-]{2,25})"
)
# a forum poster's counts beside each post: "Posts: 537", "Joined: Wed Sep 07, 2022"
_POSTER_STATS = regex.compile(
    r"(?i)(?:posts|beiträge|berichten|messages|messaggi|mensajes)\s*[:：]\s*\d[\d,.]*"
    r"|(?:joined|registriert(?:\s+seit)?|inscrit(?:\s+le)?|iscritto(?:\s+il)?|registrado"
    r"|lid\s+sinds|member\s+since)\s*[:：]?\s*[^\n]{0,20}?(?<!\d)\d{1,2}(?!\d)[^\n]{0,20}\d{4}"
)  # the day is given: "Joined: March 2019" in a staff list is when someone joined a desk
# a comment's date without its year, as threads print recent ones: "Nov 17", "17 Nov", "Mar '21"
_MONTH = "|".join(sorted(MONTH_NAMES, key=len, reverse=True))
_SHORT_DATE = regex.compile(
    rf"(?i)(?:{_MONTH})\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?|['’]\d{{2}})|\d{{1,2}}\.?\s+(?:{_MONTH})\.?"
)
# a forum reply's subject line: "Re: My turntable hums"
_SUBJECT = regex.compile(r"(?i)(?:re|aw|sv|antw)\s*:\s+\S.{0,100}")
# "sue1987: I said this a year ago." A comment on one line after a handle that no label has.
_INLINE = regex.compile(r"(?P<who>@?[\p{L}\p{N}_.\-]{2,25})\s*[:：]\s+(?P<text>\S.{3,})")
_NAME_TOKEN = regex.compile(
    r"(?:\p{Lu}[\p{L}\p{M}'’.\-]*|\p{Lu}{2,}|[\p{L}\p{N}_.\-]*\p{N}[\p{L}\p{N}_.\-]*)"
)
_HANDLE = regex.compile(r"@?(?=.*\p{L})[\p{Ll}\p{N}_][\p{L}\p{N}_.\-]{1,24}")
# Handles no word is: an @, an underscore, letters and digits mixed, or a capital inside.
_MARKED_HANDLE = regex.compile(
    r"@[\p{L}\p{N}_.\-]{2,25}|(?=[^\s]*\p{L})(?=[^\s]*(?:\p{N}|_|\p{Ll}\p{Lu}))[\p{L}\p{N}_.\-]{3,25}"
)
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "with",
        "by",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "what",
        "how",
        "why",
        "when",
        "where",
        "who",
        "which",
        "this",
        "that",
        "these",
        "those",
        "our",
        "your",
        "their",
        "its",
        "his",
        "her",
        "new",
        "next",
        "more",
        "about",
        "after",
        "before",
        "over",
        "under",
        "into",
        "vs",
    ]
)
# A code identifier, not a user name: lower-case words of two letters or more joined by
# underscores ("shared_buffers", "raw_events"); "ann_k" ends with an initial, "sue_1987" has
# digits, "ZX_Spectrum_Kid" capitals.
_IDENTIFIER = regex.compile(r"\p{Ll}{2,}(?:_\p{Ll}{2,})+")
# A paragraph wholly in quotation marks: what an article quotes after "X said:"
_QUOTATION = regex.compile(r"[\"“”„«‹‚‘].+[\"“”»›’‘]")
_INITIAL_END = regex.compile(r"\s\p{Lu}\.$")  # a name ending with an initial: "Bertram L."
_MAX_GAP = 7  # paragraphs allowed between two markers of one thread
_MAX_MARKER_CHARS = 140  # no marker shape (name, "x says:", timestamp, Reply) is longer
_MAX_COMMENT_WORDS = 80  # mean words of a comment; article paragraphs run longer
_MAX_WEAK_COMMENT_WORDS = 25  # when every name is one capitalised word, like a subheading
_MIN_EVIDENCE = 2  # markers that only comments have
_MIN_GLOSSARY = 3  # code identifiers in a row that read as a list of settings
_PLAIN_HANDLE_COMMENT_WORDS = 3  # a lowercase word as a handle: the comment is a sentence

_NAMED = frozenset({"name", "weak", "handle", "tag", "bullet"})  # a commenter named alone


def _is_name(content: str) -> bool:
    if not content or len(content) > 40 or content.endswith(":"):
        return False
    if ends_sentence(content) and not _INITIAL_END.search(content):
        return False  # a sentence; "Bertram L." ends with an initial, not a full stop
    tokens = content.split()
    if not 1 <= len(tokens) <= 4 or any(t.lower() in _FUNCTION_WORDS for t in tokens):
        return False
    if not any(c.isalpha() for c in content):
        return False
    if len(tokens) == 1 and _HANDLE.fullmatch(tokens[0]):
        return True
    if all(t.isupper() for t in tokens) and any(len(t) > 3 for t in tokens):
        return False  # an all-capitals line is a shouted subheading, not a name
    return all(_NAME_TOKEN.fullmatch(t) for t in tokens)


def _used_before(content: str, seen: set[str]) -> bool:
    return any(w.casefold() in seen for w in words(content) if len(w) > 2)


def _name_kind(name: str) -> str:
    """``tag`` for a handle no word is (``Attrition47``, ``@ann``), ``handle`` for a lower-case
    word (``paul``), ``weak`` for one capitalised word (a name or a subheading), else ``name``."""
    if _MARKED_HANDLE.fullmatch(name):
        return "tag"
    if _HANDLE.fullmatch(name):
        return "handle"
    tokens = name.split()
    if len(tokens) == 1 and tokens[0][:1].isupper() and not _DIGIT.search(tokens[0]):
        return "weak"
    return "name"


def _marker_kind(content: str) -> str:
    """What kind of comment marker a line is ("" for none); see the module docstring."""
    if len(content) > _MAX_MARKER_CHARS or _HEADING.fullmatch(content):
        return ""
    if _TABLE_ROW.fullmatch(content):
        return ""
    if _REPLY.fullmatch(content) or _POSTER_STATS.fullmatch(content):
        return "row"
    if _SUBJECT.fullmatch(content) and not ends_sentence(content):
        return "stamp"
    if _stamp(content):
        return "stamp"
    if _DIGIT.search(content) and (_TIMESTAMP.fullmatch(content) or _SHORT_DATE.fullmatch(content)):
        return "date"
    inline = _INLINE.fullmatch(content)
    if inline and _MARKED_HANDLE.fullmatch(inline["who"]):
        return "inline"
    bullet = _BULLET_HANDLE.fullmatch(content)
    if bullet and _is_name(bullet["handle"]):
        return "bullet"
    if _LIST_ITEM.match(content):
        return ""
    if _is_name(content) or (
        "_" in content and not content.isupper() and _MARKED_HANDLE.fullmatch(content)
    ):
        return _name_kind(content)  # "ZX_Spectrum_Kid" is a handle ("API_KEY" a constant)
    return ""


def _stamp(content: str) -> bool:
    """``jsmith says:``, a timestamp with a time or an age, or a name and a timestamp. Cheap
    necessary conditions come first: a "says" line names one of its verbs (checked on ASCII
    lines, where case folding is plain lower case), and every timestamp holds a digit."""
    if (not content.isascii() or any(verb in content.lower() for verb in _SAYS_VERBS)) and (
        _says_line(content)
    ):
        return True
    arrow = _ARROW_REPLY.fullmatch(content)
    if (
        arrow
        and all(_is_handle(arrow[part]) for part in ("who", "to"))
        and not all(_IDENTIFIER.fullmatch(arrow[part]) for part in ("who", "to"))
    ):  # "raw_events → daily_totals" is a data flow
        return True
    replying = _REPLY_TO.fullmatch(content)
    if (
        replying
        and _commenter(replying["who"])
        and (not replying["to"] or _commenter(replying["to"]))
    ):
        return True
    rated = _RATED.fullmatch(content)
    if rated:
        content = rated["rest"]  # the reviewer's name and date after the stars
    if not _DIGIT.search(content):
        return _AGE.fullmatch(content) is not None  # "an hour ago", "hace una hora"
    scored = _SCORED.fullmatch(content)
    if scored and _is_name(scored["who"]):
        who = scored["who"]
        if scored["arrow"] or _MARKED_HANDLE.fullmatch(who) or _HANDLE.fullmatch(who):
            return True
    aged = _HANDLE_AGE.fullmatch(content)
    if aged and _MARKED_HANDLE.fullmatch(aged["who"]):
        return True
    if _TIMESTAMP.fullmatch(content):
        return bool(_CLOCK.search(content) or _AGE.search(content))
    posted = _POSTED_BY.fullmatch(content)
    if posted:
        return bool(_CLOCK.search(posted["when"]) or _AGE.search(posted["when"]))
    verb_age = _VERB_AGE.fullmatch(content)
    if verb_age and _commenter(verb_age["who"]):
        return True
    named = _NAMED_TIMESTAMP.fullmatch(content)
    return bool(named and _TIMESTAMP.match(named["when"]) and _commenter(named["who"]))


def _commenter(who: str) -> bool:
    """A name or a handle ("Bertram L.", "ann_k", "@ann", "ZX_Spectrum_Kid")."""
    who = who.strip()
    return _is_name(who.lstrip("@")) or bool(_MARKED_HANDLE.fullmatch(who))


def _is_handle(who: str) -> bool:
    """A handle no name is: ``@ann``, ``ann_k``, ``ZX_Spectrum_Kid``, ``paul``."""
    return bool(_MARKED_HANDLE.fullmatch(who) or _HANDLE.fullmatch(who))


def _says_line(content: str) -> bool:
    """A commenter's name and "says"/"wrote"/..., alone or before a colon and a time."""
    for found in (_SAYS.fullmatch(content), _ON_DATE_WROTE.fullmatch(content)):
        if (
            found
            and _commenter(found["who"])
            and (not found["when"] or _DIGIT.search(found["when"]))
        ):
            return True
    return False


def thread_start(
    lines: list[Line], body_from: int = 0, known: Callable[[str], bool] = lambda _: False
) -> int | None:
    """Index of the line where a comment thread starts, or None if there is none.

    Lines before ``body_from`` are never part of a thread, and at least one body paragraph
    must precede it. Lines that ``known`` recognises as other residue are never markers.
    A name whose words the article already used ("Market Reaction" after a paragraph on
    markets) reads as a subheading, not a commenter, and is no marker either.
    """
    content = [line for line in lines[body_from:] if not line.blank]
    if len(content) < 3:
        return None
    kinds = _kinds(content, known)
    evidence = _evidence(content, kinds)
    headings = [bool(_HEADING.fullmatch(line.content)) for line in content]
    for position in range(1, len(content)):
        if (
            kinds[position] not in ("", "row")
            and _unit_evidence(content, kinds, evidence, position)
            and _is_thread(
                content[position:], kinds[position:], evidence[position:], headings[position:]
            )
        ):
            return content[position].index
    return None


def _kinds(content: list[Line], known: Callable[[str], bool]) -> list[str]:
    """The marker kind of each line, less names the article used and markers no comment
    follows (a list of names, a bullet with nothing indented under it)."""
    seen: set[str] = set()
    seen_upto = 0  # words of the non-marker lines before this index are in ``seen``
    kinds: list[str] = []
    for position, line in enumerate(content):
        kind = _marker_kind(line.content)
        if kind and known(line.content):
            kind = ""
        if kind in _NAMED:
            for earlier in range(seen_upto, position):
                if not kinds[earlier]:
                    seen.update(w.casefold() for w in words(content[earlier].content))
            seen_upto = position
            if _used_before(line.content, seen):
                kind = ""
        kinds.append(kind)
    _drop_article_stamps(content, kinds)
    for first, last in _groups(kinds):
        followed = last < len(kinds) and kinds[last] in ("", "inline")
        if followed and _LIST_ITEM.match(content[last].content):
            followed = False  # a label over a list ("Ingredients", "Method"), not a commenter
        named = [i for i in range(first, last) if kinds[i] in _NAMED]
        if not followed or len({content[i].content for i in named}) > 1:
            for i in named:
                kinds[i] = ""
        for i in named:
            if kinds[i] == "bullet" and content[i + 1].indent <= content[i].indent:
                kinds[i] = ""  # a list item, not a handle over an indented reply
    return kinds


def _drop_article_stamps(content: list[Line], kinds: list[str]) -> None:
    """Unmark the stamps an article writes too: a "Name said:" line over a paragraph in
    quotation marks (a quote it introduces; a reader's comment is not quoted), and "Re:"
    subjects that all differ (a column's questions; a forum's replies repeat the topic)."""
    subjects: dict[int, str] = {}
    for position, kind in enumerate(kinds):
        if kind != "stamp":
            continue
        line = content[position].content
        after = content[position + 1].content if position + 1 < len(content) else ""
        if _QUOTATION.fullmatch(after) and _says_line(line):
            kinds[position] = ""
        elif _SUBJECT.fullmatch(line):
            subjects[position] = line.split(":", 1)[1].strip().casefold()
    if len(subjects) > 1 and len(set(subjects.values())) == len(subjects):
        for position in subjects:
            kinds[position] = ""


def _groups(kinds: list[str]) -> list[tuple[int, int]]:
    """The runs of consecutive marker lines (a one-line comment is a run of its own)."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for position, kind in enumerate([*kinds, ""]):
        if start is not None and (not kind or kind == "inline" or kinds[start] == "inline"):
            runs.append((start, position))
            start = None
        if kind and start is None:
            start = position
    return runs


def _evidence(content: list[Line], kinds: list[str]) -> list[bool]:
    """Whether each marker is one that only comments have (see the module docstring)."""
    found = [kind in ("stamp", "row", "inline", "tag") for kind in kinds]
    for i in _glossary(content, kinds):
        found[i] = False
    for first, last in _groups(kinds):
        named = any(kinds[i] in _NAMED for i in range(first, last))
        comment = content[last].content if last < len(content) and not kinds[last] else ""
        for i in range(first, last):
            if kinds[i] == "date":
                found[i] = named
            elif kinds[i] in ("name", "weak"):
                found[i] = _informal(comment)
            elif kinds[i] == "handle":
                found[i] = len(words(comment)) >= _PLAIN_HANDLE_COMMENT_WORDS
            elif kinds[i] == "bullet":
                handle = _BULLET_HANDLE.fullmatch(content[i].content)
                found[i] = handle is not None and _name_kind(handle["handle"]) in ("tag", "handle")
    return found


def _informal(comment: str) -> bool:
    """A comment that starts in lower case ("iraq belong to iraqi people"): readers write
    so, articles, recipes and profiles do not."""
    first = words(comment)[:1]
    return (
        len(words(comment)) >= _PLAIN_HANDLE_COMMENT_WORDS
        and bool(first)
        and first[0].isalpha()
        and first[0].islower()
        and not _CODE.search(comment)
    )


def _unit_evidence(content: list[Line], kinds: list[str], evidence: list[bool], start: int) -> bool:
    """Whether the first comment of a thread starting at ``start`` is one: its heading lines
    or the reply rows right after its text hold evidence, or its text is short (a subheading
    above a conclusion starts no thread, even when a real one follows)."""
    if kinds[start] == "inline":
        return True
    position = start
    while position < len(kinds) and kinds[position] and kinds[position] != "inline":
        if evidence[position]:
            return True
        position += 1
    text = position
    while position < len(kinds) and not kinds[position]:
        position += 1
    if position < len(kinds) and kinds[position] == "row":
        return True
    size = sum(len(words(line.content)) for line in content[text:position])
    return size <= _MAX_WEAK_COMMENT_WORDS * max(1, position - text)


def _glossary(content: list[Line], kinds: list[str]) -> list[int]:
    """Code identifiers over what they do, three or more, each once, each over a sentence in
    capitals ("shared_buffers" / "Set it to a quarter of memory."): a list of settings or
    fields, not handles, which repeat and carry ages and controls. Their positions, or none."""
    found = [
        i
        for i, kind in enumerate(kinds)
        if kind == "tag" and _IDENTIFIER.fullmatch(content[i].content)
    ]
    names = [content[i].content for i in found]
    if (
        len(names) >= _MIN_GLOSSARY
        and len(set(names)) == len(names)
        and all(i + 1 < len(content) and content[i + 1].content[:1].isupper() for i in found)
    ):
        return found
    return []


def _is_thread(
    content: list[Line], kinds: list[str], evidence: list[bool], headings: list[bool]
) -> bool:
    markers = [i for i, kind in enumerate(kinds) if kind]
    if len(markers) < 2 or sum(evidence[i] for i in markers) < _MIN_EVIDENCE:
        return False
    if any(headings[markers[0] : markers[-1]]):
        return False  # a heading between markers: the article goes on
    gaps = [b - a - 1 for a, b in pairwise(markers)] + [len(kinds) - markers[-1] - 1]
    if max(gaps) > _MAX_GAP:
        return False
    marked = [kinds[i] for i in markers]
    if "bullet" in marked:
        return True
    first_evidence = next(i for i in markers if evidence[i])
    if any(not kinds[i] and _LIST_ITEM.match(content[i].content) for i in range(first_evidence)):
        return False  # list items before the first sure marker: a list in the article
    comments = [line.content for i, line in enumerate(content) if kinds[i] in ("", "inline")]
    mean_words = sum(len(words(c)) for c in comments) / max(1, len(comments))
    if all(kind in ("weak", "row") for kind in marked):  # single capitalised words
        return mean_words <= _MAX_WEAK_COMMENT_WORDS
    return mean_words <= _MAX_COMMENT_WORDS or any(k in ("stamp", "row") for k in marked)
