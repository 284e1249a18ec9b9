"""Line rules: named patterns for the residue shapes we know. Rules are data, not code paths.

A rule's pattern is matched against one whole line, stripped of surrounding white space
(``regex.fullmatch``), or, for a ``contains`` rule, searched for inside the line. A rule
never applies to a line longer than its ``max_words`` (None: no limit), which keeps long
article paragraphs safe and fast, nor to a line holding none of its ``cues`` (lower-case
literals, a cheap filter before the pattern; empty: always try the pattern). Where it applies
is part of the rule:

- ``header``: only in the header zone, the run of residue lines before the body;
- ``footer``: only in the footer zone, the run of residue lines after the body;
- ``anywhere``: on any line (captions, widgets: shapes a body sentence never has).

Named groups lift facts into metadata: ``author``, ``site``, ``date``, ``original_source``,
``original_date`` (first value wins) and ``tags`` (values accumulate). A rule whose
``opens`` is ``"footer"`` starts a footer section: the short lines after it go with it (a
"Related posts" list); ``"comments"`` starts a comment thread: everything after it goes.

Every rule carries ``examples`` that it must match; the test suite checks each one, and that
no rule matches a line of the reference article bodies.
"""

from __future__ import annotations

from .asides import ASIDE_RULES
from .facts import MONTH_NAMES
from .insets import INSET_RULES
from .rule import Rule

# Building blocks of the patterns below.
_MONTH = rf"(?i:{'|'.join(sorted(MONTH_NAMES, key=len, reverse=True))})\.?"
_WEEKDAY_NAME = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?"
_WEEKDAY = rf"(?:{_WEEKDAY_NAME}\.?,?\s+)?"
_TIME = (
    r"(?:,?\s*(?:at|à|um|a\s+las|alle|в)?\s*\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*(?:Uhr|[A-Z]{2,4}))?)?"
)
DATE = (
    rf"(?:{_WEEKDAY}(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th|er|\.)?\s+(?:of\s+|de\s+)?{_MONTH},?\s+(?:de\s+)?\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}(?:[T\s][\d:.]+(?:Z|[+-]\d{{2}}:?\d{{2}})?)?|\d{{4}}年\d{{1,2}}月\d{{1,2}}日"
    rf"|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}}){_TIME})"
)
_LINK = r"(?:\[[^\]\n]{1,200}\]\([^)\n]*\))"
_BOLD_LINK = rf"(?:\*\*{_LINK}\*\*|{_LINK})"
_NAME_WORD = r"(?:[\p{Lu}\p{Lo}][\p{L}\p{M}'’.\-]*)"
_PARTICLE = r"(?:de|da|del|van|von|der|den|la|le|bin|al|el|ibn|y)"
_NAME = (
    rf"(?:{_BOLD_LINK}|(?:\*\*)?{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|{_PARTICLE})){{0,4}}(?:\*\*)?)"
)
# A byline's job title, in the languages of the sets: "Staff writer", "Senior reporter",
# "Local Democracy Reporter", "correspondante", "Verslaggever".
_ROLE_WORD = (
    r"(?i:reporter|writer|correspondent|correspondante?|contributor|contributing\s+editor|editor"
    r"|columnist|journalist|journaliste|photographer|critic|redakteur(?:in)?|korrespondent(?:in)?"
    r"|reporter(?:in)?|reportera?|redactora?|corresponsal|colaboradora?|giornalista|inviat[oa]"
    r"|corrispondente|verslaggever|redacteur|correspondente|rédact(?:eur|rice)|envoyée?\s+spéciale?)"
)
# after the job title, only where the job is ("Staff writer at the Harrow Post", "Reporter
# Europe"): "Staff writer of the year", "giornalista per caso" are headlines
_CAPITALISED = r"(?-i:\p{Lu})[\p{L}'’\-]*(?:\s+(?-i:\p{Lu})[\p{L}'’\-]*){0,3}"
_ROLE_TAIL = (
    rf"(?:\s+(?i:at|for|with|bei|für|à|pour|de|en|para|per|presso|di|bij|voor|van)\s+"
    rf"(?:(?i:the|der|die|dem|la|le|l['’]|el|il|lo|het|de)\s*)?{_CAPITALISED}|\s+{_CAPITALISED})?"
)
_ROLE = rf"(?:[\p{{L}}'’\-]+\s+){{0,3}}{_ROLE_WORD}{_ROLE_TAIL}"
# after a comma, "The ..." is the author's publication ("By Dale Ferris, The Prairie Signal")
# and a job title is no second name ("By Ann Roe, Local Democracy Reporter")
_NAMES = rf"(?:{_NAME}(?:\s*(?:,(?!\s*The\s)(?!\s*{_ROLE}\s*$)|\band\b|&)\s*{_NAME}){{0,3}})"
# the people named after a byline's author ("; editing by Ann Roe")
_CREDITS_AFTER = (
    rf"(?:\s*;\s*(?i:(?:additional\s+)?(?:editing|reporting|writing|photos?|graphics|research"
    rf"|photography)\s+by)\s+{_NAMES})*"
)
# a comment count or link at the end of a blog byline ("· Leave a comment", "| 4 Comments")
_COMMENT_LINK = (
    r"(?:\s*[·•|]\s*(?i:leave\s+a\s+(?:comment|reply)|no\s+comments|\d+\s+comments?"
    r"|comments?\s+off))?"
)
_SITE_WORD = r"(?:[\p{Lu}\p{Lo}\d][\p{L}\p{M}\p{N}'’.&\-]*)"
_SITE = rf"(?:{_BOLD_LINK}|{_SITE_WORD}(?:\s+(?:{_SITE_WORD}|of|the|and|&)){{0,5}})"
_SEP = r"\s*(?:[|,–—•·-]|\bon\b)\s*"
# Labels of a tag line, in the header or the footer: "Tags:", "Filed in:", "Themen:", "Sujets :".
_TAG_LABELS = (
    r"(?i:region|theme|in-depth\s+report|tags?|tagged(?:\s+(?:with|as))?|topics?|categories"
    r"|category|(?:filed|listed|found)\s+(?:under|in)|keywords|key\s+words|more\s+on|more\s+about|section"
    r"|labels?|mots-clés|mots\s+clés|sujets?|thèmes?|étiquettes?|schlagwörter|schlagworte"
    r"|stichwörter|stichworte|themen|thema|etiquetas|temas|tema|palabras\s+clave|argomenti"
    r"|trefwoorden|onderwerpen|categorieën|rubrieken|parole\s+chiave|etichette|categorie"
    r"|теги|рубрики?|标签|タグ|الوسوم)"
)

# An item of a label's list: a link or up to three words, no sentence punctuation.
_LIST_ITEM = (
    r"(?:\[[^\]\n]{1,60}\]\([^)\n]*\)|[\p{L}\p{N}][\p{L}\p{N}'’&\-]*"
    r"(?:\s+[\p{L}\p{N}][\p{L}\p{N}'’&\-]*){0,2})"
)
# What follows a tag label: a colon, or an arrow or chevron ("Topics → a · b").
_TAG_MARK = r"(?:[:：]|[→›»](?=\s))"
# Words of a widget row under a post or comment ("Quote · Like (3) · Report post").
_ROW_WORD = (
    r"(?:reply|replies|quote|report(?:\s+(?:post|comment|abuse|this))?|flag(?:\s+this\s+(?:post"
    r"|comment|reply))?|permalink|share|like[sd]?|upvotes?|downvotes?|votes?|points?|edit|delete"
    r"|award|save|hide|thanks?|restacks?|(?:not\s+)?(?:helpful|useful)\??|thumbs\s+(?:up|down)|answer"
    r"|(?:copy|grab|get|share)\s+link|print|pin|e-?mail|jump\s+to\s+(?:the\s+)?(?:recipe|comments"
    r"|video|top))"
)
_ROW_ITEM = (
    rf"(?:(?:\p{{So}}\ufe0f?\s*)?(?:\d+\s*)?{_ROW_WORD}(?:\s*[(\[]\d+[)\]])?(?:\s+\d+)?"
    rf"|[▲▼△▽↑↓⬆⬇]\s*\d*|\p{{So}}\ufe0f?\s*\d+|\d+)"
)
# An option of a comment thread's sort control ("Newest first", "Più recenti").
_SORT_OPTION = (
    r"(?:top(?:\s+comments)?|best|newest(?:\s+first)?|oldest(?:\s+first)?|new|old|latest|popular"
    r"|chronological|most\s+(?:liked|popular|replies)|neueste(?:\s+zuerst)?|älteste(?:\s+zuerst)?"
    r"|beliebteste|plus\s+(?:récents|anciens)|meilleurs|más\s+(?:relevantes|recientes|antiguos)"
    r"|migliori|più\s+recenti|meno\s+recenti|nieuwste(?:\s+eerst)?|oudste(?:\s+eerst)?"
    r"|populairste)"
)
# A breadcrumb trail: segments between » › > / | · • separators.
_BREADCRUMB = r"(?=.*[»›>/|·•])[^»›>/|·•\n]{1,40}?(?:\s*[»›>/|·•]\s*[^»›>/|·•\n.!?]{1,50}){1,6}"

HEADER_RULES: tuple[Rule, ...] = (
    Rule(
        "header.byline",
        rf"(?i:by|written by|words by|posted by|story by|reported by|tested by|reviewed by"
        rf"|author\s*:|words\s*:|text\s*:|texte\s*:|texto\s*:|tekst\s*:|testo\s*:|par|von|por|di"
        rf"|door|a\s+cura\s+di|(?:(?:ein|eine)\s+)?(?:kommentar|gastbeitrag|analyse|kolumne"
        rf"|reportage)\s+von|(?:recipe|review|reporting|interview|analysis|column|essay"
        rf"|photos\s+and\s+words|text\s+and\s+photos)\s+by|"
        rf"автор\s*:?|текст\s*:|بقلم\s*:?|作者\s*[:：]|記者\s*[:：]?|文\s*[:：])\s*(?P<author>{_NAMES})"
        rf"{_CREDITS_AFTER}(?:,\s*(?P<original_source>The\s+{_SITE}))?(?:\s*[,|·—–]\s*{_ROLE})?"
        rf"(?:[.,;|·]?\s*(?i:pictures|photos|photography|images|illustrations?)\s*(?i::|by)\s*"
        rf"{_NAMES}\.?)?(?:{_SEP}(?i:(?:updated|published|posted)(?:\s+on)?:?\s*)?(?P<date>{DATE}))?\.?"
        rf"{_COMMENT_LINK}",
        "header",
        (
            "By [South Front](#)",
            "By Jane Doe and Omar Haddad",
            "Posted by Kim Lee on June 3, 2019",
            "By Dale Ferris, The Prairie Signal",
            "Words: Ines Varga",
            "Words: Ann Roe. Pictures: Bo Lind.",
            "Tested by Ann Roe | Updated 4 May 2023",
            "Door Joost Verhoeckx",
            "Ein Kommentar von Ulla Brenninger",
            "Reporting by Ty Pyke; editing by Maud Strand",
            "By Idris Oduya, Local Democracy Reporter",
            "Posted by Wendell Pyke on 1 September 2024 · Leave a comment",
            "Recipe by Maud Fenwick",
        ),
    ),
    Rule(
        "header.byline",
        # a name and its job title: "Ann Roe | Staff writer", "Maëlle Roumieu, correspondante"
        rf"(?P<author>{_NAME})\s*(?:[,|·—–]|\s-)\s*{_ROLE}",
        "header",
        (
            "Ty Ashcombe | Staff writer",
            "Maëlle Roumieu, correspondante",
            "Joost Kuipers | Verslaggever",
        ),
        max_words=12,
    ),
    Rule(
        "header.byline",
        # the date first ("Posted on April 22, 2019 by Ellen Marsh"), or a site's user name
        # ("Posted by admin on June 3, 2019", "Post by Kip2 » 11 October 2023 10:01 pm": any
        # case, so only with its date)
        rf"(?i:posted|published)(?:\s+on)?\s+(?P<date>{DATE})\s+(?i:by)\s+(?P<author>{_NAMES})\.?"
        rf"|(?i:posted|post|started|asked)\s+(?i:by)\s+(?P<author>[\w.\-]{{2,30}})"
        rf"(?:\s+on|\s*[,»|·•])\s*(?P<date>{DATE})",
        "header",
        (
            "Posted on April 22, 2019 by Ellen Marsh",
            "Posted by admin on June 3, 2019",
            "Started by ruthann_k, 7 July 2024",
            "Post by wren-of-the-fen » 6 March 2024 2:10 pm",
        ),
    ),
    Rule(
        "header.byline",
        # a blogging platform's byline row: "Priya Nair · 5 min read · Feb 2, 2021"
        rf"(?P<author>{_NAMES})\s*[·•|]\s*\d{{1,3}}\s*min(?:ute)?s?\s+read"
        rf"(?:\s*[·•|]\s*(?P<date>{DATE}))?",
        "header",
        ("Priya Nair · 5 min read · Feb 2, 2021", "Omar Haddad | 12 min read"),
    ),
    Rule(
        "header.byline",
        # a labelled byline with a note after it: "Recipe card by Ines Brune · prep 25 min"
        rf"\p{{Lu}}\p{{Ll}}+(?:\s+\p{{Ll}}+){{0,2}}\s+by\s+(?P<author>{_NAMES})\s*[·•|]\s*"
        rf"[^·•|\n]{{1,40}}",
        "header",
        ("Recipe card by Ines Brune · prep 25 min", "Map drawn by Ann Roe | 2 min"),
    ),
    Rule(
        "header.source_line",
        rf"(?P<original_source>{_BOLD_LINK})(?:\s+(?P<original_date>{DATE}))?",
        "header",
        ("[South Front](#) 13 June 2017", "[South Front](#)"),
    ),
    Rule(
        "header.dateline",
        # (?=.*\d{4}): every DATE holds a four-digit year; looking for one first spares the
        # tries of DATE on a line without one (here, in header.date and header.dated_line)
        rf"(?=.*\d{{4}})(?!{_WEEKDAY_NAME}\b)(?P<site>{_SITE}),?\s+(?P<date>{DATE})",
        "header",
        ("Global Research, June 02, 2017", "The Daily Ledger, 4 March 2019"),
    ),
    Rule(
        "header.date",
        rf"(?=.*\d{{4}})(?i:(?:published|updated|posted|last updated|date)(?:\s+on)?:?\s*)?"
        rf"(?P<date>{DATE})",
        "header",
        ("June 3, 2019", "Published: 2019-03-04", "Updated on 4 March 2019 at 10:30 GMT"),
    ),
    Rule(
        "header.dated_line",
        # not an embedded post's attribution ("— Name (@handle) October 9, 2018"): article text
        rf"(?=.{{0,200}}$)(?=.*\d{{4}})(?!.*[.!?。]$)(?![—–]\s)"
        rf"[^\n]{{0,60}}?(?P<date>{DATE})[^\n]{{0,120}}?"
        # a CJK portal's row ends with its author or source: "　作者：李明", "　来源：江南日报"
        rf"(?:(?:作者|記者)\s*[:：]\s*(?P<author>{_NAMES})|(?:来源|來源|出典)\s*[:：]\s*"
        rf"(?P<original_source>[^\s:：]{{1,30}}))?",
        "header",
        (
            "Publié le 23 septembre 2019 à 07h00 · Mis à jour le 23 septembre 2019 à 07h00",
            "发布时间：2019-03-04 10:15　作者：李明",
            "2019-03-01 08:30　来源：江南日报",
        ),
    ),
    Rule(
        "header.tags",
        rf"{_TAG_LABELS}\s*{_TAG_MARK}\s*(?P<tags>.{{1,300}})",
        "header",
        (
            "Region: [Middle East & North Africa](#)",
            "Theme: [Terrorism](#), [US NATO War Agenda](#)",
            "Keywords: drought, water",
            "Temas: Sequía, Agua",
        ),
    ),
    Rule(
        "header.reading_time",
        r"(?i)(?:(?:reading time|lecture|lesezeit|tiempo de lectura|lettura|время чтения|"
        r"阅读时间|読了時間)\s*[:：]?\s*)?\d{1,3}\s*(?:-\s*\d{1,3}\s*)?"
        r"(?:min(?:ute)?s?|minuten|minutos|minuti|мин(?:ут[аы]?)?|分钟|分)\.?(?:\s+read)?"
        r"|(?:阅读量|阅读|views?|просмотр\w*)\s*[:：]?\s*[\d,]+",
        "header",
        ("4 min read", "Reading time: 6 minutes"),
    ),
    Rule(
        "header.updated_ago",
        r"(?i)(?:(?:last\s+)?(?:updated|posted|published|edited|modified|changed))?\s*\d{1,3}\s+"
        r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago",
        "header",
        ("Updated 5 min ago", "2 hours ago", "Last edited 3 days ago"),
    ),
    Rule(
        "header.breadcrumb",
        # (?=...): no separator on the line, no breadcrumb: one scan instead of many splits
        _BREADCRUMB,
        "header",
        (
            "Home » World » Europe",
            "Home > News",
            "CIVIC LANTERN | Environment",
            "首页 > 新闻 > 本地",
        ),
    ),
)

FOOTER_RULES: tuple[Rule, ...] = (
    Rule(
        "footer.original_source",
        r"(?i)(?:the\s+)?original\s+source\s+of\s+this\s+(?:article|story|post|report)\s+is"
        r"\s+(?P<original_source>.{1,120}?)\.?",
        "footer",
        ("The original source of this article is [South Front](#)",),
    ),
    Rule(
        "footer.first_published",
        r"(?i)(?:this\s+(?:article|story|piece|post|report)\s+(?:was\s+|is\s+)?)?"
        r"(?:first|originally)\s+(?:published|appeared|posted|ran|carried)\s+(?:at|on|in|by)\s+"
        r"(?P<original_source>[^.;,\n]{1,100}?)(?:\s+on\s+(?P<original_date>{date}))?"
        r"(?:,\s*an?\s+[^,.;\n]{1,80}?(?=,))?(?:\s*[.;,]\s*(?:and\s+)?|\s+and\s+)?"
        r"(?:(?:it\s+)?(?:is\s+|was\s+)?(?:appears|shared|republished"
        r"|reproduced|reprinted|used|published|a\s+partner|with|under|here).{0,100})?\.?".replace(
            "{date}", DATE
        ),
        "footer",
        (
            "This article originally appeared on South Front.",
            "Originally published at The Ledger",
            "This story was first published by Ann's Post. It is shared here with permission.",
            "First published by The Ledger, a partner newsroom.",
            "This story was first published by The Signal, a nonprofit newsroom covering rural "
            "counties, and is republished here through our partner network.",
        ),
    ),
    Rule(
        "footer.republished",
        r"(?i)(?:this\s+(?:article|story|piece)\s+(?:is\s+|was\s+)?)?republished\s+"
        r"(?:here\s+)?(?:with\s+(?:kind\s+)?permission\s+)?(?:from|of|by)\s+"
        r"(?P<original_source>[^.\n]{1,100}?)\.?",
        "footer",
        ("Republished with permission from The Ledger.",),
    ),
    Rule(
        "footer.carried_from",
        # an origin line in other words: "Reproduced from X, where it appeared first.",
        # "Cross-posted from X.", "A version of this report ran first at X.", and the same in
        # German, French and Spanish
        r"(?i)(?:this\s+(?:article|story|piece|post|report)\s+(?:was\s+|is\s+)?)?(?:reproduced"
        r"|reprinted|cross-?posted|carried|syndicated|adapted)\s+(?:here\s+)?(?:with\s+(?:kind\s+)?"
        r"permission\s+)?(?:from|of)\s+(?:our\s+(?:friends|partners|colleagues)\s+(?:at|of)\s+)?"
        r"(?P<original_source>[^.,;\n]{1,100}?)(?:[,;]\s*.{0,80}?)?\.?"
        r"|a\s+version\s+of\s+this\s+(?:article|story|piece|post|report|review|recipe|interview"
        r"|essay|column)\s+(?:first\s+|originally\s+)?(?:ran|appeared|was\s+published)\s+(?:first\s+)?"
        r"(?:at|in|on|by)\s+(?P<original_source>[^.,;\n]{1,100}?)\.?"
        r"|(?:(?:dieser|der)\s+(?:artikel|beitrag|text)\s+)?erschien\s+(?:zuerst|ursprünglich"
        r"|erstmals)\s+(?:im|in\s+der|in|bei|auf)\s+(?P<original_source>[^.,;\n]{1,100}?)\.?"
        r"|übernommen\s+(?:vom|von\s+der|von|aus\s+dem|aus\s+der|aus)\s+"
        r"(?P<original_source>[^.,;\n]{1,100}?)(?:,\s*.{0,80}?)?\.?"
        r"|(?:texte|article)\s+repris\s+(?:de\s+la|de|du|des)\s+(?P<original_source>[^.,;\n]{1,100}?)"
        r"(?:\s+avec\s+.{0,60}?|,\s*.{0,80}?)?\.?"
        r"|(?:publicado|aparecido)\s+(?:originalmente|primero|inicialmente)\s+en\s+"
        r"(?P<original_source>[^.,;\n]{1,100}?)\.?"
        r"|(?:supplied|provided|distributed)\s+(?:to\s+us\s+)?by\s+(?P<original_source>[^.,;\n]{1,60}?)\.?"
        r"|[（(]?本文(?:转载|轉載|转|轉)自(?P<original_source>[^，,。）)\n]{1,30})(?:[，,。].{0,60}?)?[）)]?",
        "footer",
        (
            "Reproduced from The Ledger, where it appeared first.",
            "Cross-posted from Ann's Kitchen.",
            "Carried with permission from our friends at The Ledger.",
            "A version of this report ran first at The Ledger.",
            "A version of this review first appeared at Fell Notes.",
            "Dieser Artikel erschien zuerst im Stadtblatt.",
            "Übernommen vom Stadtblatt, mit freundlicher Genehmigung.",
            "Texte repris de La Voix du Port avec son accord.",
            "Publicado originalmente en El Puerto.",
            "Supplied by Upland Wire.",
            "（本文转载自江南日报，如涉及版权问题请与本网联系。）",
        ),
        max_words=30,
        cues=(
            "reproduced",
            "reprinted",
            "cross",
            "carried",
            "syndicated",
            "adapted",
            "version of",
            "erschien",
            "übernommen",
            "repris",
            "publicado",
            "aparecido",
            "supplied",
            "provided",
            "distributed",
            "本文",
        ),
    ),
    Rule(
        "footer.source",
        r"(?i:source|via|reposted from|quelle|fuente|fonte|источник|来源|出典|المصدر)\s*[:：]\s*"
        r"(?P<original_source>.{1,120})",
        "footer",
        ("Source: [The Ledger](https://ledger.example)",),
    ),
    Rule(
        "footer.copyright",
        # the word "copyright" needs a notice after it (a sign, a year, "by", a name or a
        # link): "Copyright law was never the issue" is a sentence
        r"(?:©|ⓒ|(?i:\(c\))|(?i:copyright)(?=\s*(?:$|[©\[*(:]|\d|(?i:by\b)|\p{Lu})))\s?.{0,250}",
        "footer",
        (
            "Copyright © [South Front](#), [South Front](#), 2017",
            "© 2019 The Ledger.",
            "Copyright 2024 The Ledger Ltd. Reproduction prohibited.",
            "COPYRIGHT THE LEDGER",
        ),
    ),
    Rule(
        "footer.rights_reserved",
        r"(?i)\ball\s+rights\s+reserved\b|tous\s+droits\s+réservés|alle\s+rechte\s+vorbehalten"
        r"|todos\s+los\s+derechos\s+reservados|tutti\s+i\s+diritti\s+riservati"
        r"|все\s+права\s+защищены|版权所有|版權所有|無断転載を禁じます|جميع\s+الحقوق\s+محفوظة"
        r"|版权声明|未经授权不得转载|droits\s+réservés|reproduction\s+(?:interdite|prohibited|forbidden"
        r"|not\s+permitted)|nachdruck\s+(?:nur\s+mit|verboten|untersagt)|prohibida\s+(?:su|la)"
        r"\s+reproducción|riproduzione\s+riservata",
        "footer",
        (
            "The Ledger 2019. All rights reserved.",
            "Все права защищены.",
            "Reproduction interdite sans accord écrit — droits réservés 2024",
            "© 2024 Stadtblatt GmbH. Nachdruck nur mit Genehmigung.",
            "Queda prohibida su reproducción.",
        ),
        contains=True,
        cues=(
            "rights",
            "droits",
            "rechte",
            "derechos",
            "reproduction",
            "nachdruck",
            "reproducción",
            "riproduzione",
            "diritti",
            "права",
            "版",
            "無断",
            "الحقوق",
            "未经授权",
        ),
    ),
    Rule(
        "footer.price_note",
        r"(?i)(?:all\s+)?prices?\b.{0,40}\b(?:correct|accurate|checked|right|valid|current)\b.{0,40}"
        r"\b(?:at\s+the\s+time|when|on\s+the\s+day|of\s+(?:publication|writing)|published)\b.{0,80}",
        "footer",
        (
            "Prices were correct at the time of writing and may have changed since.",
            "Prices were checked when we published and change often.",
        ),
        max_words=30,
        cues=("price",),
    ),
    Rule(
        "footer.republish_terms",
        r"(?i)(?:you\s+(?:may|can|are\s+free\s+to)\s+)?republish\s+(?:this|our)\s+(?:story|article"
        r"|piece|work|stories|articles)\b.{0,160}|.{0,80}\bcreative\s+commons\b.{0,120}",
        "footer",
        ("Republish this story for free under our Creative Commons licence.",),
        max_words=35,
        cues=("republish", "creative commons"),
    ),
    Rule(
        "footer.comment_on_social",
        r"(?i)\[?comment\s+on\s.{0,80}\b(?:facebook|twitter|x|telegram)\b.{0,40}",
        "footer",
        ("[Comment on Global Research Articles on our Facebook page](#)",),
    ),
    Rule(
        "footer.membership",
        r"(?i)\[?become\s+an?\s+(?:member|patron|supporter|subscriber|sustaining member)\b.{0,200}",
        "footer",
        ("[Become a Member of Global Research](#)",),
    ),
    Rule(
        "footer.articles_by",
        r"(?i)(?:articles|more|stories|posts)\s+(?:by|from)\s*:?\s*.{1,80}",
        "footer",
        ("Articles by: **[South Front](#)**", "More from The Ledger"),
    ),
    Rule(
        "footer.disclaimer",
        r"(?i)(?:disclaimer|legal notice)\s*:.*"
        r"|(?:the\s+)?(?:views|opinions)\s+(?:and\s+opinions\s+)?expressed\s.*",
        "footer",
        (
            "Disclaimer: The contents of this article are of sole responsibility of the author(s).",
            "The views expressed in this article are the author's own.",
        ),
        max_words=None,
    ),
    Rule(
        "footer.fair_use",
        r"(?i)\bcopyright(?:ed)?\b.*\bfair\s+use\b|\bfair\s+use\b.*\bcopyright(?:ed)?\b",
        "footer",
        ('This site contains copyrighted material ... under the provisions of "fair use".',),
        max_words=None,
        contains=True,
        cues=("fair",),
    ),
    Rule(
        "footer.contact",
        r"(?i)(?:for\s+)?(?:media|press)\s+(?:inquiries|enquiries|contact)s?\s*:?.{0,120}"
        r"|(?:contact\s+us|tips?\?|send\s+us\s+(?:a\s+)?tips?)\b.{0,120}",
        "footer",
        ("For media inquiries: publications@globalresearch.ca",),
    ),
    Rule(
        "footer.donation_appeal",
        r"(?i)(?:\b(?:paypal|patreon)\b.{0,200}\b(?:us|our|donat\w*|support|help)\b"
        r"|\b(?:us|our|donat\w*|support|help)\b.{0,200}\b(?:paypal|patreon)\b|\bdonat(?:e|ion|ions)\b.{0,80}\b(?:us|our|now|today|"
        r"here|via)\b|\b(?:support|help)\s+(?:us|(?:our|my)\s+(?:work|journalism|reporting|project|site"
        r"|mission|newsroom)|the\s+project|independent\s+(?:media|journalism|reporting))\b"
        r"|\b(?:chip|pitch)\s+in\b|\bback\s+(?:us|our\s+(?:work|journalism|reporting)"
        r"|independent\s+(?:media|journalism|reporting))\b"
        r"|\bmake\s+a\s+(?:contribution|donation)\b|\bbecome\s+a\s+(?:patron|supporter)\b"
        r"|\btax[\s-]deductible\b|\b(?:give|donate|contribute)\s+(?:today|now|monthly)\b"
        r"|soutenez|faire\s+un\s+don|unterstützen\s+sie|jetzt\s+unterstützen|(?:jetzt|hier|bitte|einfach|online)\s+spenden\b|spenden\s+sie\b|spende\s+(?:jetzt|hier|heute)\b|spendenfinanziert|apóyanos|apoya\s+(?:nuestro|el\s+periodismo)"
        r"|haz\s+una\s+donación|sostieni|fai\s+una\s+donazione|поддержите|пожертвовани"
        r"|支持我们|ご寄付のお願い|ادعم|تبرع)",
        "footer",
        (
            "If you're able, and if you like our content and approach, please support the project.",
            "Support our journalism: donate today.",
            "We are a nonprofit newsroom. Your gift is tax-deductible; give today.",
            "Pitch in what you can: 40 readers already did this month.",
            "Back independent reporting from 5 dollars a month.",
        ),
        max_words=150,
        contains=True,
        cues=(
            "tax",
            "give",
            "paypal",
            "patreon",
            "donat",
            "support",
            "help",
            "chip in",
            "pitch in",
            "back",
            "contribution",
            "patron",
            "soutenez",
            "faire un don",
            "unterstützen",
            "spende",
            "apoya",
            "sostieni",
            "donazione",
            "поддержите",
            "пожертвовани",
            "支持我们",
            "ご寄付",
            "ادعم",
            "تبرع",
        ),
    ),
    Rule(
        "footer.newsletter",
        r"(?i)\b(?:sign\s+up|subscribe|join)\b.{0,120}\b(?:newsletter|mailing\s+list|updates|inbox"
        r"|new\s+posts|(?:our|my)\s+(?:posts|stories|articles)"
        r"|digest|daily\s+brief(?:ing)?)\b|\bin(?:to)?\s+your\s+inbox\b|\bno\s+spam\b"
        r"|\b(?:subscribe|sign\s+up)\b.{0,60}\bone\s+e-?mail\s+a\s+(?:week|month|day)\b"
        r"|^unsubscribe\b|\bview\s+(?:it\s+|this\s+(?:email|issue)\s+)?in\s+(?:your\s+)?browser\b"
        r"|\b(?:hit|just|simply)\s+reply\b|\breply\s+to\s+this\s+(?:email|letter|newsletter)\b"
        r"|^(?:subscribe|sign\s+up|get\s+our\s+newsletter)"
        r"(?:\s+(?:now|today|here))?[!.:]?$|abonnez-vous|lettre\s+d'information"
        # the bare word needs an offer with it: "The newsletter the council sent to every
        # home never mentioned it" is a sentence about one
        r"|^(?=.*\b(?:our|your|my|free|weekly|daily|monthly|get|join|receive|here|today|now)\b)"
        r".*newsletter|^\W*newsletters?\b"
        r"|abonnieren|suscríbete|boletín|iscriviti|подписывайтесь|подпишитесь|рассылк|订阅"
        r"|关注.{0,20}公众号|メールマガジン|購読|اشترك|النشرة\s+البريدية",
        "footer",
        (
            "Sign up for our newsletter to get the top stories in your inbox.",
            "Subscribe",
            "Get our deals letter in your inbox every Friday. One email, no spam.",
            "**Subscribe to Bytewise** — one email a week about software. [Subscribe](#)",
            "Unsubscribe · Update your preferences · View in browser",
            "This letter is written by two people. Hit reply and say hello.",
        ),
        max_words=35,
        contains=True,
        cues=(
            "unsubscribe",
            "browser",
            "reply",
            "inbox",
            "spam",
            "sign up",
            "subscri",
            "join",
            "newsletter",
            "abonn",
            "suscr",
            "boletín",
            "iscriviti",
            "подп",
            "рассылк",
            "订阅",
            "关注",
            "メールマガジン",
            "購読",
            "اشترك",
            "النشرة",
        ),
    ),
    Rule(
        "footer.share_appeal",
        # "Enjoyed this article? Share it with a friend.", in four languages
        r"(?i)¿?\s*(?:(?:did\s+you\s+)?(?:like|enjoy|enjoyed|liked)\s+(?:this|the)\s+(?:article"
        r"|story|post|piece|read|recipe)|(?:cet|cette)\s+(?:article|publication|recette)\s+vous\s+a"
        r"\s+plu|(?:ihnen|dir)\s+gefällt\s+(?:dieser|der|unser)\s+(?:artikel|beitrag|text)"
        r"|gefällt\s+(?:ihnen|dir)\s+(?:dieser|der|unser)\s+(?:artikel|beitrag|text)"
        r"|(?:te|le|os)\s+(?:ha|han)\s+gustado\s+(?:este|el|esta)\s+(?:artículo|noticia|receta))"
        r"\s*[?!.]\s*.{0,120}",
        "footer",
        (
            "Enjoyed this article? Share it with a friend.",
            "Cet article vous a plu ? Faites-le suivre à vos proches.",
            "Ihnen gefällt dieser Artikel? Empfehlen Sie ihn weiter!",
            "¿Te ha gustado este artículo? Compártelo.",
        ),
        max_words=30,
        cues=("like", "enjoy", "plu", "gefällt", "gustado"),
    ),
    Rule(
        "footer.follow_us",
        r"(?i)(?:follow|find|like|join)\s+us\s+(?:on|at|wherever|everywhere|elsewhere)\b.{0,160}"
        r"|(?:suivez-nous|folgen\s+sie"
        r"\s+uns|síguenos|seguici|следите\s+за|тابعونا|تابعونا|フォロー).{0,160}"
        r"|(?:join|únete\s+a|rejoignez|abonnez-vous\s+à|folgen\s+sie)\s+(?:our|nuestros?|nuestras?"
        r"|nos|notre|unserem?|unseren)\s+(?:[\w-]+\s+){0,2}(?:channels?|canal(?:es)?|chaînes?"
        r"|kanäle?|kanal|community|comunidad|communauté)\b.{0,120}",
        "footer",
        (
            "Follow us on Twitter and Telegram",
            "Follow us wherever you read: RSS · Bluesky",
            "Únete a nuestros canales de Telegram para no perderte nada",
            "Join our WhatsApp channel for the morning headlines",
        ),
    ),
    Rule(
        "footer.credits",
        r"(?i)\(?(?:additional\s+|with\s+)?(?:reporting|writing|editing|research|compiled|"
        r"translated|translation|graphics?|photos?)\s+(?:from\s+.{1,80}?\s+)?by\s+"
        # not a lower-case word and a comma or colon ("Photo by photo, it retraces ...",
        # "Reporting by numbers: what the census says" are a sentence and a headline), nor an
        # article before a lower-case word ("Reporting by the county's statisticians puts
        # ..."; "by the Associated Press" credits)
        r"(?!(?-i:\p{Ll})\S*[,:])(?!(?:the|a|an|our|their|its)\s+(?-i:\p{Ll})).{1,300}"
        r"|(?:责任编辑|責任編輯|编辑|編輯)\s*[:：]\s*\S{1,20}",
        "footer",
        (
            "(Reporting by Jane Roe; Editing by Omar Haddad)",
            "Additional reporting by Kim Lee",
            "Translated from the Welsh by Ann Lee.",
            "责任编辑：王芳",
        ),
        max_words=60,
    ),
    Rule(
        "footer.contact_author",
        r"(?i)(?:write\s+to|email|e-mail|contact|reach)\s+(?:the\s+(?:author|writer|reporter)|"
        r"[\p{Lu}][\p{L}'’.\-]+(?:\s+[\p{Lu}][\p{L}'’.\-]+){0,3})\s+at\s+\S+@\S+.{0,200}",
        "footer",
        ("Write to Jane Roe at jane.roe@example.com", "Email Tariq Malik at tm@example.com."),
    ),
    Rule(
        "footer.comment_form",
        r"(?i)your\s+email\s+address\s+will\s+not\s+be\s+published.{0,120}|required\s+fields\s+are"
        r"\s+marked.{0,10}|(?:post|submit)\s+(?:a\s+)?comment|notify\s+me\s+of\s+(?:new|follow-up)"
        r"\s+(?:comments|posts).{0,40}|save\s+my\s+name,\s+email.{0,120}|cancel\s+reply",
        "footer",
        ("Your email address will not be published. Required fields are marked *",),
    ),
    Rule(
        "footer.email_signup",
        r"(?i)(?:enter\s+your\s+email(?:\s+address)?|subscribe\s+(?:to\s+(?:(?:this|our|the)\s+)?"
        r"(?:blog|site|channel|feed)|via\s+(?:e-?mail|rss))|(?:receive|get)\s+notifications\s+of"
        r"\s+new\s+posts).{0,200}",
        "footer",
        (
            "Subscribe to Blog via Email",
            "Enter your email address to subscribe to this blog and receive notifications.",
        ),
    ),
    Rule(
        "footer.posted_in",
        r"(?i)(?:this\s+entry\s+was\s+)?posted\s+in\s+.{1,200}|bookmark\s+the\s+permalink\.?",
        "footer",
        ("This entry was posted in Local News and tagged buses. Bookmark the permalink.",),
    ),
    Rule(
        "footer.post_navigation",
        r"(?i)(?:[←«‹<]\s*)?(?:previous|next|older|newer|prev)\s+(?:post|article|story|entry|"
        r"posts|entries|page)s?(?:\s*[→»›>])?(?:\s*[:|].{0,120})?",
        "footer",
        ("← Previous Post", "Next Post →", "Older posts"),
    ),
    Rule(
        "footer.social_list",
        r"(?i)(?:[-*•]\s*)?(?:twitter|facebook|linkedin|reddit|whatsapp|telegram|pinterest|tumblr"
        r"|pocket|mastodon|threads|bluesky|email|e-mail|print|vk|weibo|wechat|line)"
        r"|like\s+loading\.{0,3}|loading\.{3}",
        "footer",
        ("- Twitter", "Facebook", "Like Loading..."),
    ),
    Rule(
        "footer.voiceover",
        r"(?i)(?:voice-?over|narrat(?:ion|ed))\s+by\s+.{1,80}",
        "footer",
        ("Voiceover by **Harold Hoover**",),
    ),
    Rule(
        "footer.comment_prompt",
        r"(?i)\b(?:let\s+us\s+know|tell\s+us|sound\s+off|share\s+your\s+(?:thoughts|views|opinion)"
        r"|leave\s+(?:a|your)\s+(?:comment|thoughts))\b.{0,40}\b(?:in\s+the\s+comments|below|down\s+below)\b"
        r"|\b(?:dites-(?:le\s+)?nous|donnez\s+votre\s+avis|laissez\s+un\s+commentaire)\b.{0,40}"
        r"\bcommentaires?\b|\b(?:déjanos|dinos|cuéntanos)\b.{0,40}\bcomentarios?\b"
        r"|\b(?:schreib(?:t|en\s+sie)?|verrat(?:et|en\s+sie)?)\b.{0,40}\b(?:in\s+die|in\s+den)\s+"
        r"kommentar(?:en|e)?\b",
        "footer",
        (
            "What do you think? Let us know in the comments.",
            "Sound off down below!",
            "Dites-nous en commentaire ce que vous en pensez.",
            "Schreibt es uns in die Kommentare!",
        ),
        contains=True,
        cues=(
            "let us",
            "tell us",
            "sound off",
            "share your",
            "leave",
            "nous",
            "avis",
            "déjanos",
            "dinos",
            "cuéntanos",
            "kommentar",
        ),
    ),
    Rule(
        "footer.signup_status",
        r"(?i)(?:(?:thanks?|thank\s+you)\s+for\s+(?:signing\s+up|subscribing|registering)\b"
        r"|(?:check|keep\s+an\s+eye\s+on|look\s+out\s+for)\s+(?:your|the)\s+inbox\b"
        r"|.{0,60}\berror\s+processing\s+your\s+(?:subscription|request|sign-?up)\b"
        r"|merci\s+(?:pour|de)\s+votre\s+inscription|danke\s+für\s+(?:ihre|deine)\s+anmeldung"
        r"|gracias\s+por\s+(?:suscribirte|registrarte|tu\s+suscripción)).{0,120}",
        "footer",
        (
            "Thanks for signing up!",
            "Keep an eye on your inbox for the latest news.",
            "There was an error processing your subscription.",
        ),
        cues=("thank", "inbox", "error", "merci", "danke", "gracias"),
    ),
    Rule(
        "footer.tags_heading",
        r"(?i)(?:tags|tagged|keywords|schlagwörter|schlagworte|stichwörter|mots-clés|etiquetas)"
        r"\s*[:：]?",
        "footer",
        ("Tags", "Schlagwörter:"),
        opens="footer",
    ),
    Rule(
        "footer.tags",
        rf"(?:{_TAG_LABELS}|(?i:posted\s+in))\s*{_TAG_MARK}\s*(?P<tags>.{{1,300}})",
        "footer",
        (
            "Tags: Iraq, Syria",
            "Filed in: Energy",
            "Themen: Klima, Energie",
            "Sujets : Climat",
            "Topics → Camping · Walking",
            "Listed under › Environment › Rivers",
            "Trefwoorden: gemeenteraad, begroting",
        ),
    ),
    Rule(
        "footer.tags_dashed",
        # a tag label and a spaced dash before two or more listed items: "Keywords — mills,
        # wool, heritage" (a dash after a tag word alone, before prose, is left alone)
        rf"{_TAG_LABELS}\s+[—–]\s+{_LIST_ITEM}(?:\s*[,;·|•/]\s*{_LIST_ITEM}){{1,11}}",
        "footer",
        ("Keywords — mills, wool, heritage", "Themen – Hafen, Schule"),
        max_words=30,
        cues=("—", "–"),
    ),
    Rule(
        "footer.label_list",
        # a tag or section line whatever its label ("Shelved under: Outdoors; Kit; Long reads",
        # "Subjects ⇒ frost, fog, rain"): a label of one to three words, a colon or an arrow,
        # and three or more short items (or two or more links) between list separators
        rf"[\p{{L}}][\p{{L}}'’\-]*(?:\s+[\p{{L}}'’\-]+){{0,2}}\s*(?:[:：]|[→›»⇒])\s*"
        rf"(?:{_LIST_ITEM}(?:\s*[,;·|•/]\s*{_LIST_ITEM}){{2,11}}"
        rf"|{_BOLD_LINK}(?:\s*[,;·|•/]\s*{_BOLD_LINK}){{1,11}})",
        "footer",
        (
            "Shelved under: Outdoors; Kit; Long reads",
            "Subjects ⇒ frost, fog, rain",
            "Rubriques : Cuisine · Saison · Famille",
            "Appears in: [Town hall](/s/th) ; [Roads](/s/roads)",
        ),
        max_words=30,
    ),
    Rule(
        "footer.hashtag_list",
        # a row of hashtags, with or without a label: "Cook it with: #autumn #onepot"
        r"(?:[\p{L}][\p{L}'’\-]*(?:\s+[\p{L}'’\-]+){0,3}\s*[:：]\s*)?#[\p{L}\p{N}_]+"
        r"(?:[\s,·]+#[\p{L}\p{N}_]+){1,15}",
        "footer",
        ("Cook it with: #autumn #onepot #vegetarian", "#harbour #ferries"),
        max_words=30,
        cues=("#",),
    ),
    Rule(
        "footer.link_only",
        rf"(?:[-*•·]\s*)?{_BOLD_LINK}(?:\s*[,|·•]?\s*{_BOLD_LINK})*",
        "footer",
        ("[Read the full report](https://example.org/report)", "- [Related story](/x)"),
    ),
    Rule(
        "footer.related",
        r"(?i)(?:related(?:\s+(?:posts?|articles?|stories|content|reading|coverage))?"
        r"|you\s+(?:may|might)\s+also\s+(?:like|enjoy|be\s+interested\s+in)|more\s+stories"
        r"|recommended(?:\s+for\s+you)?|further\s+reading|see\s+also|read\s+(?:more|next|also)"
        r"|most\s+(?:read|popular|viewed|shared|commented|emailed)(?:\s+(?:stories|articles|now|today))?"
        r"|popular\s+(?:now|right\s+now|today|this\s+week|stories|articles|posts)|what'?s\s+popular"
        r"|meistgelesen(?:e)?(?:\s+artikel)?|am\s+meisten\s+gelesen|meistkommentiert|beliebte\s+artikel"
        r"|les\s+plus\s+(?:lus|populaires|partagés|commentés)|(?:lo|los|las)\s+más\s+(?:leído|leídos|leídas|visto|vistos|popular(?:es)?)"
        r"|más\s+(?:leídas|leídos|populares)|related\s+topics|top\s+stories|don'?t\s+miss|explore\s+more(?:\s+on\s+these\s+topics)?"
        r"|more\s+on\s+this\s+(?:story|topic)|(?:discussion|conversation)\s+about\s+this\s+post|trending(?:\s+now)?|(?:[àa]\s+)?lire\s+aussi|sur\s+le\s+même\s+sujet"
        r"|auch\s+interessant|siehe\s+auch|lesen\s+sie\s+auch|ver\s+también"
        r"|mehr\s+zum\s+thema|das\s+könnte\s+sie\s+auch\s+interessieren|lee\s+también"
        r"|te\s+puede\s+interesar|leggi\s+anche|читайте\s+также|相关阅读|相关新闻|関連記事"
        r"|اقرأ\s+أيضا|اقرأ\s+أيضاً|more\s+from\s+.{1,40})\s*[:.…：]*",
        "footer",
        ("Related posts:", "You may also like", "Read more", "Popular now", "Meistgelesen"),
        opens="footer",
    ),
    Rule(
        "footer.about_author",
        r"(?i)about\s+the\s+(?:author|writer|authors)s?\s*:?.{0,400}",
        "footer",
        ("About the author",),
        opens="bio",
    ),
    Rule(
        "footer.comments_opener",
        r"(?i)(?:(?:\d+|reader|readers'?|user)\s+)?(?:comments?|responses?|replies"
        r"|commentaires?|réactions?|kommentare?|leserkommentare|comentarios?|commenti|reacties"
        r"|комментари[йия]|评论|コメント|تعليقات|تعليقان)(?:\s*(?:&|and|und|et|y|e|en)\s*(?:ratings?"
        r"|reviews?|bewertungen|notes|valoraciones|recensioni|beoordelingen))?"
        r"(?:\s*[(\[]\d+[)\]])?\s*[:：]?"
        # reader reviews under a count ("Customer reviews (5)"), a forum topic's post count
        # and pages ("6 posts • Page 1 of 1")
        r"|(?:(?:customer|user|reader|guest|member)\s+)?(?:reviews?|bewertungen|avis|opiniones"
        r"|recensioni|beoordelingen)\s*[(\[]\d+[)\]]"
        r"|(?:customer|user|reader|guest)\s+reviews?"
        r"|\d+\s+(?:posts?|replies|beiträge|antworten|messages|mensajes|messaggi|berichten)\s*[•·|,-]"
        r"\s*(?:page|seite|pagina|página)\s+\d+\s+(?:of|von|sur|de|di|van)\s+\d+"
        r"|(?:discussions?|reactions?|conversations?)\s*[(\[]\d+[)\]]|\d+\s+(?:reactions?|respuestas|réponses|antworten)"
        r"|\d+\s+(?:thoughts|comments?|responses?|replies)\s+(?:on|to)\s+.{1,200}"
        r"|what\s+(?:readers|you|people|others)\s+(?:are\s+)?(?:saying|think)\s*[:.…]?"
        r"|reader\s+(?:responses|reactions)(?:\s*[(\[]\d+[)\]])?|load\s+more"
        # a count heading in other words: "Your reactions (4)", "What our readers think (6)",
        # "8 people weighed in", "6 responses so far", "Older responses »"
        r"|(?:vos|your|ihre|eure|sus|tus|vuestros|vuestras)\s+(?:réactions|commentaires|comments"
        r"|responses|reactions|kommentare|meinungen|comentarios|opiniones|reacciones)"
        r"(?:\s*[(\[]\d+[)\]])?\s*[:：]?"
        r"|(?:was\s+(?:unsere\s+)?leser(?:innen)?\s+(?:meinen|sagen|denken)|ce\s+qu['’]en\s+pensent"
        r"\s+(?:nos\s+|les\s+)?lecteurs|(?:lo\s+que\s+(?:opinan|dicen|piensan)|opiniones\s+de)\s+"
        r"(?:los\s+|nuestros\s+)?lectores|what\s+our\s+readers\s+(?:say|think))"
        r"(?:\s*[(\[]\d+[)\]])?\s*[:.…]?"
        r"|\d+\s+(?:people|readers|members|users)\s+(?:have\s+)?(?:weighed\s+in|commented"
        r"|responded|replied|had\s+their\s+say)|\d+\s+(?:responses?|replies|comments?|reactions?)"
        r"\s+so\s+far|(?:older|earlier|previous)\s+(?:comments|replies|responses|reactions)"
        r"\s*[»›>…]?"
        r"|leave\s+a\s+(?:reply|comment)(?:\s*:|\s+cancel\s+reply)?"
        r"|(?:join|start|continue)\s+the\s+(?:discussion|conversation|debate)(?:\s*[(\[]\d+[)\]])?\s*[:.…]?"
        r"|what\s+do\s+you\s+think\s*\??|(?:show|view|load|see|read)\s+(?:all\s+|more\s+)?"
        r"(?:\d+\s+)?(?:more\s+|older\s+|earlier\s+|previous\s+|newer\s+)?(?:comments?|replies)"
        r"(?:\s*[(\[]\d+[)\]])?"
        r"|tell\s+us\s+what\s+you\s+think.{0,10}|have\s+your\s+say.{0,10}"
        r"|(?:log\s+in|sign\s+in|register)\s+(?:or\s+(?:register|sign\s+up)\s+)?to\s+"
        r"(?:post\s+)?comments?.{0,40}"
        r"|(?:schreibe|schreiben\s+sie)\s+einen\s+kommentar|kommentar\s+(?:schreiben|verfassen)"
        r"|(?:weitere|mehr|alle)\s+(?:\d+\s+)?kommentare\s+(?:laden|anzeigen|lesen)|diskutieren\s+sie\s+mit"
        r"|(?:laisser|laissez|ajouter|écrire)\s+un\s+commentaire|réagir(?:\s+à\s+cet\s+article)?"
        r"|(?:voir|afficher|charger)\s+(?:plus\s+de\s+|les\s+|tous\s+les\s+)?(?:\d+\s+)?"
        r"(?:commentaires|réactions)"
        r"|(?:deja|dejar|escribe|escribir|añadir)\s+(?:un|tu)\s+comentario"
        r"|(?:ver|cargar|mostrar)\s+(?:más|todos\s+los)\s+(?:\d+\s+)?comentarios"
        r"|comentar|commenter|kommentieren|commenta"
        # a count of notes or replies in other words: "5 cooks left a note", "8 replies ·
        # newest first"
        r"|\d+\s+(?:[\p{L}-]+\s+){0,2}(?:left|wrote|posted|shared)\s+a\s+(?:note|comment|review"
        r"|reply|tip)|\d+\s+(?:replies|comments|responses|reviews)\s*[·|•,-]\s*(?:newest|oldest"
        r"|latest|top|best|most\s+liked)(?:\s+first)?",
        "footer",
        (
            "12 Comments",
            "Leave a Reply",
            "Join the discussion",
            "Join the conversation (14)",
            "Load more comments",
            "Show older comments",
            "Conversation (4)",
            "5 thoughts on “Plum cake”",
            "What readers are saying",
            "Kommentare (3)",
            "Laisser un commentaire",
            "Ver más comentarios",
            "Reader responses [4]",
            "Vos réactions (4)",
            "Was unsere Leser meinen (6)",
            "Opiniones de los lectores (3)",
            "8 people weighed in",
            "6 responses so far",
            "Older responses »",
            "5 cooks left a note",
            "8 replies · newest first",
            "4 reacties",
            "7 Comments & Ratings",
            "Customer reviews (5)",
            "6 posts • Page 1 of 1",
        ),
        opens="comments",
    ),
    Rule(
        "footer.comment_policy",
        r"(?i)(?:comments?\s+(?:are|is|have\s+been)\s+(?:now\s+)?(?:closed|moderated|pre-moderated"
        r"|reviewed|disabled|turned\s+off|switched\s+off|open)(?:\s+(?:for|on)\s+this\s+(?:article|post"
        r"|story|page))?(?:[.!:;]|$)"
        r"|(?:please\s+)?(?:read|review|see|follow|respect)\s+(?:our|the)\s+(?:community\s+"
        r"|comments?\s+|commenting\s+|discussion\s+)(?:guidelines|policy|rules|standards)"
        r"|(?:our|the)\s+(?:comments?|commenting)\s+(?:policy|guidelines|rules|standards)"
        r"|.{0,60}\b(?:comments?|replies|responses?|contributions?|posts?|messages?)\b.{0,40}\b"
        r"(?:(?:are|is|will\s+be|get)\s+(?:held|checked"
        r"|read|reviewed|approved|moderated)\b|before\s+(?:it|they)\s+(?:appears?|goes\s+live"
        r"|go\s+live|(?:is|are)\s+published)|close[sd]?\s+after\b)"
        r"|(?:.{0,40}\s)?we\s+(?:remove|delete|hide)\s+.{0,40}\b(?:comments?|replies)\b"
        r"|(?:by\s+)?(?:posting|commenting|submitting\s+a"
        r"\s+comment),?\s+you\s+agree"
        r"|(?:die\s+)?kommentarfunktion\s+(?:ist|wurde|steht)|kommentare\s+(?:sind|werden)\s+"
        r"(?:.{0,60}?\s)?(?:geschlossen|moderiert|deaktiviert|geprüft|freigeschaltet)|(?:bitte\s+)?(?:beachten\s+sie"
        r"|lesen\s+sie)\s+(?:unsere\s+)?(?:netiquette|kommentarrichtlinien|community-richtlinien)"
        r"|(?:les\s+)?(?:commentaires|réactions|messages)\s+(?:[\w'’-]+\s+){0,3}(?:sont|seront"
        r"|ont\s+été)\s+(?:fermés|modérés|désactivés|clos|supprimée?s|retirée?s|relus|validés"
        r"|vérifiés)"
        r"|(?:merci\s+de\s+|veuillez\s+)?(?:respecter|lire|consulter)\s+(?:la|notre)\s+charte"
        r"|(?:los\s+)?(?:comentarios|mensajes|opiniones)\s+(?:[\w-]+\s+){0,3}(?:están|son|serán"
        r"|han\s+sido)\s+(?:cerrados|moderados|desactivados|eliminados|borrados|revisados)"
        r"|(?:lee|lea|consulta|respeta)\s+(?:nuestras|las)\s+normas\s+de\s+(?:participación|la\s+comunidad)"
        r"|.{0,80}\b(?:comments?|kommentare|commentaires|comentarios|comentários)\b.{0,120}\b"
        r"(?:will\s+not\s+be\s+(?:published|approved|posted)|werden\s+nicht\s+(?:veröffentlicht"
        r"|freigeschaltet)|ne\s+seront\s+pas\s+(?:publiés|validés)|no\s+serán\s+publicados"
        r"|não\s+serão\s+(?:publicados|aprovados))"
        r"|(?:.{0,40}\b(?:we\s+reserve|nos\s+reservamos|nous\s+nous\s+réservons"
        r"|(?:the\s+)?(?:editors?|moderators?|site|website)\s+reserves?"
        r"|[\w-]+\.[a-z]{2,6}\s+(?:reserves|se\s+reserva|se\s+réserve)))\b.{0,60}\b(?:right|derecho"
        r"|droit|recht)\b.{0,80}\b(?:delete|remove|eliminar|borrar|supprimer|löschen|entfernen)\b.{0,80}"
        r"\b(?:comments?|comentarios?|commentaires?|kommentare?)\b"
        r"|.{0,60}\b(?:comments?|comentarios|commentaires|kommentare)\b.{0,40}\b(?:opinions?|opinión"
        r"|opiniones|avis|meinung)\b.{0,40}\b(?:users|readers|usuarios|lectores|internautas|lecteurs"
        r"|internautes|utilisateurs|nutzer|leser)\b"
        r"|(?:no\s+está\s+permitido|it\s+is\s+not\s+(?:allowed|permitted)|il\s+est\s+interdit\s+de"
        r"|es\s+ist\s+nicht\s+(?:erlaubt|gestattet))\b.{0,60}\b(?:comentarios|comments|commentaires"
        r"|kommentare)\b)"
        r".{0,200}",
        "footer",
        (
            "Comments are closed.",
            "Comments are moderated. Please read our community guidelines before posting.",
            "Die Kommentarfunktion ist für diesen Artikel geschlossen.",
            "Les commentaires sont fermés.",
            "Los comentarios están cerrados.",
            "Note: comments that insult other readers will not be published.",
            "El contenido de los comentarios es la opinión de los usuarios, no de este medio.",
            "We reserve the right to delete comments that break these rules.",
            "Our comment rules: be civil, stay on topic.",
            "Every comment is read by an editor before it goes live.",
            "Comments close after seven days.",
            "Be kind: we remove rude replies without notice.",
            "Every response is moderated before publication; abusive posts are removed.",
            "Kommentare werden vor der Freischaltung von der Redaktion geprüft.",
            "Les réactions injurieuses sont supprimées sans préavis.",
            "Los mensajes ofensivos serán eliminados por la moderación.",
        ),
        opens="comments",
        max_words=30,  # a notice; an article sentence on moderation runs longer
        cues=(
            "comment",
            "replies",
            "guidelines",
            "policy",
            "agree",
            "kommentar",
            "netiquette",
            "richtlinien",
            "commentaires",
            "charte",
            "comentarios",
            "comentários",
            "normas",
            "response",
            "contribution",
            "posts",
            "messages",
            "réactions",
            "mensajes",
            "opiniones",
        ),
    ),
    Rule(
        "footer.comment_sort",
        # a thread's sort control: "Top comments | Newest first", "Sortieren: Neueste zuerst
        # | Älteste zuerst", "Migliori · Più recenti · Meno recenti", "Ordenar por Más
        # relevantes"; a label and one option, or two options or more
        rf"(?i:(?:sort(?:ed)?\s+by|order\s+by|sortieren(?:\s+nach)?|trier\s+par|ordenar\s+por"
        rf"|ordina\s+per|sorteer\s+op)\s*[:：]?\s*{_SORT_OPTION}(?:\s*[·|•/,]\s*{_SORT_OPTION}){{0,5}}"
        rf"|{_SORT_OPTION}(?:\s*[·|•/,]\s*{_SORT_OPTION}){{1,5}})\s*[▾▼]?",
        "footer",
        (
            "Top comments | Newest first",
            "Sortieren: Neueste zuerst | Älteste zuerst",
            "Migliori · Più recenti · Meno recenti",
            "Ordenar por Más relevantes",
            "Top · New · Chronological",
        ),
        max_words=14,
    ),
    Rule(
        "footer.breadcrumb",
        # the trail a forum or a shop repeats under the post ("Board index » Layouts"); last,
        # so that a tag line with chevrons is read as tags
        rf"(?=.*[»›>])(?!.*[.!?]$){_BREADCRUMB}",
        "footer",
        ("Board index » Layouts » Electrics", "Home › Garden › Tools"),
        max_words=15,
    ),
)

ANYWHERE_RULES: tuple[Rule, ...] = (
    Rule(
        "widget.read_more_link",
        rf"(?i:read\s+more|further\s+reading|see\s+also|related|lire\s+aussi|à\s+lire|mehr\s+dazu|lee\s+más"
        rf"|leggi\s+anche|читайте\s+также|相关)\s*[:：]?\s*{_BOLD_LINK}.{{0,20}}",
        "anywhere",
        ("Read more: [How we mapped the city's water lines](#)",),
    ),
    Rule(
        "widget.read_more_line",
        # the same label before a headline left without its link by the extractor (a headline
        # ends without a full stop; a sentence that starts "Related:" ends with one)
        r"(?i)(?!.*[.!]$)(?:read\s+(?:more|also|next)|also\s+read|see\s+also|related|(?:[àa]\s+)?lire\s+(?:aussi"
        r"|également)|à\s+lire|lesen\s+sie\s+(?:auch|mehr)|mehr\s+(?:dazu|zum\s+thema)|auch\s+interessant"
        r"|siehe\s+auch|lee\s+(?:también|más)|ver\s+también|leggi\s+anche|ebenfalls\s+interessant"
        r"|auch\s+lesenswert|(?:das\s+)?könnte\s+sie\s+(?:auch\s+)?interessieren|(?:à\s+)?(?:découvrir"
        r"|voir)\s+(?:aussi|également)|(?:también\s+)?te\s+puede\s+interesar|puede\s+interesarte"
        r"|no\s+te\s+pierdas|you\s+(?:may|might)\s+also\s+like|don['’]?t\s+miss|further\s+reading"
        r"|recommended\s+reading|[\p{L}'’]+\s+picks)\s*[:：]\s*\S.{0,200}",
        "anywhere",
        (
            "Read more: How we mapped the city's water lines",
            "A lire aussi : Le port en chiffres",
            "Lesen Sie auch: Wie der Hafen wächst",
            "Lee también: El puerto en cifras",
            "Ebenfalls interessant: Der Hafen wächst",
            "À découvrir aussi : Le port en chiffres",
            "Te puede interesar: El puerto crece",
            "Further reading: How the fens were drained",
            "Editor's picks: Ten walks along the estuary",
        ),
        max_words=30,
        cues=(
            "picks",
            "read",
            "see also",
            "related",
            "lire",
            "lesen",
            "mehr",
            "auch",
            "lee",
            "ver",
            "leggi",
            "ebenfalls",
            "interess",
            "découvrir",
            "voir",
            "puede",
            "pierdas",
            "also like",
            "miss",
        ),
    ),
    Rule(
        "caption.click_to_enlarge",
        r"(?i)(?:(?:figure|fig\.|image|photo|chart|map|graphic)\s*\d*\s*[(:.—–-]?\s*)?"
        r"\[?(?:click|tap)\s+(?:on\s+)?(?:here\s+|(?:the|this|each|any)\s+(?:image|photo|picture"
        r"|chart|map|graphic|infographic|thumbnail|table|figure|diagram|graph|illustration)s?\s+)?(?:to|for)\s+(?:see|view|enlarge|open"
        r"|zoom|expand|a\s+larger)(?:\s+(?:it|in|the|a|an|this))?(?:\s+(?:full[\s-]?size|larger|bigger"
        r"|high[\s-]resolution|interactive|original))?(?:\s+(?:map|image|photo|picture|chart"
        r"|graphic|infographic|version|view))?(?:\s+in\s+a\s+new\s+(?:tab|window))?\.?\]?\)?"
        r"(?:\s+(?:map|image|photo|chart|graphic)\s*:.{0,200})?"
        r"|(?:klicken\s+sie\s+auf\s+(?:das|die)\s+(?:bild|foto|grafik|karte)|zum\s+vergrößern"
        r"\s+(?:an)?klicken|bild\s+vergrößern).{0,80}"
        r"|(?:cliquez|cliquer)\s+(?:sur\s+l['’](?:image|photo|infographie)\s+)?pour\s+(?:l['’]"
        r"|les?\s+)?(?:agrandir|ouvrir|voir).{0,60}"
        r"|(?:haz|haga|pulsa|pulse)?\s*(?:clic|click)\s+(?:en\s+la\s+(?:imagen|foto|gráfica)\s+)?"
        r"para\s+(?:ampliar|agrandar|ver).{0,60}",
        "anywhere",
        (
            "Click to see the full-size map",
            "Click to enlarge",
            "Click the image to open the full-size chart",
            "Figure 2 (click the figure for a larger version)",
            "Zum Vergrößern anklicken",
            "Cliquez sur l'image pour l'agrandir",
            "Haz clic en la imagen para ampliarla",
        ),
    ),
    Rule(
        "caption.image_credit",
        r"(?i:\(?(?:featured|header|top|cover|lead|main)?\s*(?:image|photo|picture|photograph|foto"
        r"|fotografía|imagen|bild|bildquelle|illustration|ilustración|grafik|gráfico|chart|map"
        r"|beeld|afbeelding|immagine"
        r"|diagram|crédits?"
        r"(?:\s+photos?)?|photo\s+credit|credit)(?:\s+credit)?s?\s*[:：]\s*.{1,200}"
        r"|\((?:photo|image|picture|photograph|foto|imagen|bild)s?\s+(?:by|credit|courtesy"
        r"|cortesía)\b.{1,150}\))"
        # unbracketed, a credit is a label, not a sentence: a courtesy, or "by" and a name,
        # no final stop ("Photographs by Ann Roe hang in the hall." and "Photos by the river"
        # stay)
        r"|(?!.*[.!?]$)(?i:photo|image|picture|photograph|foto|imagen|bild)s?\s+(?:(?i:credit"
        r"|courtesy|cortesía)\b.{1,150}|(?i:by)\s+(?:(?i:the)\s+)?\p{Lu}.{0,150})",
        "anywhere",
        (
            "Featured image: Al-Masdar News",
            "Photo: Reuters",
            "(Photo by Jane Doe/Agency)",
            "Photograph: Jane Roe/Harbour Agency",
            "Image courtesy of the city archive",
            "Foto: Max Muster/dpa",
            "Crédit photo : AFP",
            "Imagen: EFE",
            "Beeld: Femke Kuipers",
            "Chart: change in vote share by party, 2015 to 2019. Northwind graphics",
        ),
    ),
    Rule(
        "widget.share",
        r"(?i)(?:(?:share|tweet|email|e-mail|print|pin|partager|teilen|compartir|condividi"
        r"|поделиться|分享|シェア|شارك|envoyer|drucken|imprimer|imprimir|stampa)(?:\s+(?:(?:this|it)"
        r"(?:\s+(?:article|story|post|page|recipe))?|cet\s+article|(?:the\s+)?(?:article|story|post|page)))?(?:\s+(?:on|sur|auf|en|su|в|via|"
        r"par)\s+[\w\s,.-]{1,40})?\s*[:!：]?\s*(?:[·|•,]\s*|\s+|$)){1,8}(?:\s*(?:\[[^\]\n]{1,40}\]"
        r"\([^)\n]*\)\s*[·|•,]?\s*){0,8})|like\s+this\s*:?|この記事をシェアする",
        "anywhere",
        (
            "Share this:",
            "Share on Facebook",
            "Like this:",
            "Tweet",
            "Partager sur Facebook · Partager sur Twitter · Envoyer par e-mail",
            "Teilen: [Facebook](#) [Twitter](#) [E-Mail](#)",
            "Imprimer · Envoyer · Partager sur le fil",
            "Share on Facebook · Share on X · Email this story · Print",
        ),
    ),
    Rule(
        "widget.ui_label",
        r"(?i)(?:follow|following|listen|save|saved|bookmark|print|email|menu|search|log\s?in"
        r"|sign\s?in|register|more|close|open\s+in\s+app|get\s+the\s+app|read\s+in\s+app"
        r"|(?:click\s+here\s+to\s+)?(?:get|download)\s+the\s+.{1,40}\s+app|order\s+reprints?"
        r"|copy\s+link|top\s+stories|image\s+source\s*,.{1,80}|image\s+caption\s*,.{1,200}"
        r"|print\s+(?:this\s+)?article|reprints?(?:\s+&\s+permissions)?|[-•*]\s+print\s+article"
        r"|reuse\s+this\s+content|share\s+this\s+post|start\s+writing|restacks?|∙\s*paid"
        r"|ready\s+for\s+more\??|privacy\s*[∙·|]\s*terms.{0,40}"
        r"|copy\s+link|link\s+copied|show\s+more|show\s+less|back\s+to\s+top|skip\s+to\s+"
        r"(?:main\s+)?content|jump\s+to\s+comments|listen\s+to\s+this\s+article)[.:!]?",
        "anywhere",
        ("Follow", "Listen", "Back to top", "Open in app"),
    ),
    Rule(
        "widget.action_row",
        # a row of two or more actions under a post or comment: "Quote · Like (3) · Report post"
        rf"(?i)(?:{_ROW_ITEM}\s*[·|•,/]?\s*){{1,6}}(?:\s*[·|•,/]\s*{_ROW_ITEM}|\s+{_ROW_ITEM}){{1,6}}",
        "anywhere",
        (
            "Quote · Like (3) · Report post",
            "▲ 12 ▼ | reply | share | report",
            "4 likes · Reply",
            "Helpful? [31]  Not helpful? [5]  Flag this post",
            "👍 12   💬 Answer   🚩 Report   🔗 Copy link",
        ),
        max_words=20,  # line_size counts spaces, and rows pad their items with several
    ),
    Rule(
        "widget.save_for_later",
        r"(?i)(?:[^\p{L}\p{N}\s]{1,3}\s*)?(?:pin|save|bookmark|clip)\s+(?:this|it|the)\s+(?:recipe"
        r"|post|article|story|guide|idea)"
        r"?\b.{0,60}\b(?:for\s+later|board|pinterest|collection)\b.{0,20}",
        "anywhere",
        (
            "Pin this recipe to your baking board for later!",
            "Save this recipe for later",
            "📌 Save it to your recipe board for later",
        ),
        max_words=20,
        cues=("pin", "save", "bookmark", "clip"),
    ),
    Rule(
        "caption.attachment",
        # a forum or blog attachment: "IMG_1234.jpg (412 KiB) Viewed 88 times"
        r"(?i)[\[(]?(?:(?:attachment|attached|file|anhang|datei|pièce\s+jointe|fichier|adjunto"
        r"|archivo)\s*:\s*)?\S{1,80}\.(?:jpe?g|png|gif|webp|heic|tiff?|bmp|svg|pdf|zip|mp4|mov"
        r"|docx?|xlsx?)(?:\s*\(\s*[\d.,]+\s*(?:[kmg]i?b|bytes?)\s*\))?(?:\s*[-–—·|,]\s*[\d.,]+"
        r"\s*(?:[kmg]i?b|bytes?))?(?:\s*[-–—·|,]?\s*(?:viewed|downloaded|opened)\s*[\d,]+"
        r"\s*times?)?[\])]?",
        "anywhere",
        (
            "IMG_1234.jpg (412 KiB) Viewed 88 times",
            "chart.png (33.1 KB)",
            "plan.pdf",
            "[attachment: IMG_2276_bench.png — 16 KB, opened 17 times]",
        ),
        max_words=12,
    ),
    Rule(
        "promo.newsletter",
        # a newsletter promo, at the top or pasted between paragraphs
        r"(?i)(?:want\s+more\s+(?:like\s+this|stories\s+like\s+this)\?.{0,120}"
        r"|.{0,80}\bforwarded\s+(?:this|by\s+a\s+friend)\b.{0,80}"
        r"|.{0,80}\b(?:in(?:to)?|to)\s+your\s+inbox\b.{0,40}\b(?:sign\s+up|subscribe)\b.{0,40}"
        r"|.{0,80}\b(?:sign\s+up|subscribe)\b.{0,40}\bin(?:to)?\s+your\s+inbox\b.{0,40})",
        "anywhere",
        (
            "Want more like this? Our river letter lands every Tuesday.",
            "You're reading a weekly letter. Forwarded this? Subscribe at no cost.",
            "Get the morning briefing in your inbox: sign up free.",
            "Get the best deals straight to your inbox! Sign up below.",
        ),
        max_words=30,
        cues=("want more", "forwarded", "inbox"),
    ),
    Rule(
        "appeal.made_possible",
        # an appeal pasted into the body: "Stories like this exist because 900 members pay"
        r"(?i)(?:stories|journalism|reporting|articles|work)\s+like\s+this(?:\s+one)?\s+(?:exists?"
        r"|(?:is|are)\s+(?:only\s+)?possible|(?:is|are)\s+(?:made\s+)?possible)\s+(?:because|thanks"
        r"\s+to)\b.{0,80}\b(?:members|readers|supporters|donors|subscribers|you)\b.{0,100}",
        "anywhere",
        ("Stories like this one exist because 900 members pay for them. Join them today.",),
        max_words=35,
        cues=("like this",),
    ),
    Rule(
        "note.series",
        r"(?i)(?:this\s+\w+\s+is\s+)?part\s+(?:[\w-]+\s+)?of\s+(?:our|an?\s+ongoing|the)\s+"
        r"(?:[\w'’-]+\s+){0,4}series(?:\s*[:—–-]\s*.{1,80}|\s+(?:on|about|into|looking\s+at)\s+"
        r".{1,100})?\.?"
        r"|(?:this\s+is\s+)?(?:instalment|installment|episode|part|chapter|entry)\s+(?:\d+|[\w-]+)"
        r"\s+(?:of|in)\s+(?:our|an?|the)\s+(?:[\w'’-]+\s+){0,4}series\b.{0,80}"
        r"|(?:dies\s+ist\s+)?(?:teil|folge)\s+\d+\s+(?:unserer|der)\s+(?:[\w-]+\s+){0,3}(?:serie"
        r"|reihe)\b.{0,80}|(?:cet\s+article\s+fait\s+partie\s+de\s+notre\s+série|(?:épisode|volet"
        r"|partie)\s+\d+\s+de\s+notre\s+série)\b.{0,80}|(?:entrega|capítulo|parte)\s+\d+\s+de"
        r"\s+(?:nuestra|la)\s+serie\b.{0,80}",
        "anywhere",
        (
            "This is instalment 4 of our occasional winter series.",
            "Teil 3 unserer Serie über den Hafen.",
            "Entrega 2 de nuestra serie sobre el puerto.",
            "Part of our series: Waterways Under Pressure",
            "Part three of our series on growing food in shared plots.",
            "This story is part of an ongoing series about rivers.",
        ),
        max_words=25,
        cues=("serie", "série", "reihe"),
    ),
    Rule(
        "note.editor",
        # anywhere, not a footer line: one between paragraphs must not enclose the last ones
        r"(?i)\*?(?:editor['’]?s\s+note|note\s+from\s+the\s+editor)\s*[:—–-]\s*.{1,800}"
        r"|(?:correction|clarification)\s*:\s*.{0,40}\b(?:earlier|previous|original)\s+version\b.{0,200}",
        "anywhere",
        (
            "Editor's note: an earlier version of this story gave the wrong date.",
            "Correction: An earlier version of this article misspelled a name.",
        ),
        max_words=150,
        cues=("editor", "correction", "clarification"),
    ),
    Rule(
        "disclosure.affiliate",
        r"(?i).{0,80}\b(?:earn|earns|receive|receives|get|gets|make|makes)\b.{0,30}\b(?:commission"
        r"|fee|affiliate)\b.{0,60}\b(?:links?|buy|purchase|click)\b.{0,100}"
        r"|.{0,120}\baffiliate\s+(?:links?|partnerships?|programmes?|programs?)\b.{0,120}"
        # "A purchase through the links below may send a few pennies our way."
        r"|.{0,40}\b(?:purchases?|buying|you\s+(?:buy|shop|order))\s+(?:made\s+)?(?:through|via"
        r"|from|using)\s+(?:the\s+|our\s+|these\s+|any\s+)?links?\b.{0,120}",
        "anywhere",
        (
            "We earn a small fee when you buy through our links, at no cost to you.",
            "This post contains affiliate links.",
            "A purchase through the links below may send a few pennies our way.",
        ),
        max_words=40,
        cues=("commission", "fee", "affiliate", "link"),
    ),
    Rule(
        "widget.advertisement",
        r"(?i)(?:(?:skip\s+)?advertisement(?:\s*[-–—:]\s*continue\s+reading\s+below)?"
        r"|sponsored(?:\s+content)?|supported\s+by|ad|scroll\s+to\s+continue(?:\s+with\s+"
        r"content)?|story\s+continues\s+below(?:\s+advertisement)?)",
        "anywhere",
        (
            "Advertisement",
            "Story continues below advertisement",
            "Advertisement - Continue Reading Below",
            "Skip Advertisement",
        ),
    ),
    Rule(
        "widget.listen",
        r"(?i)listen\s+to\s+(?:this\s+)?(?:article|story)(?:\s*[·•|,-]\s*[\d:]+\s*(?:min\w*)?)?"
        r"|(?:gift|share)\s+(?:this\s+)?(?:article|story)|send\s+any\s+friend\s+a\s+story",
        "anywhere",
        ("Listen to this article · 4:12 min", "Gift this article"),
    ),
    Rule(
        "widget.paywall",
        r"(?i)(?:you\s+have\s+\d+\s+free\s+(?:articles?|stories)|subscribe\s+(?:now\s+)?to\s+"
        r"(?:continue|keep)\s+reading|this\s+(?:article|content)\s+is\s+(?:for|available\s+to)"
        r"\s+subscribers|already\s+a\s+subscriber\??|to\s+continue\s+reading,?\s+(?:subscribe|"
        r"log\s+in|sign\s+in)).{0,200}",
        "anywhere",
        ("You have 3 free articles left this month. Subscribe to continue reading.",),
    ),
    Rule(
        "footer.cookies",
        r"(?i).{0,200}\b(?:we|this\s+(?:site|website))\s+uses?\s+cookies\b.{0,300}"
        r"|(?:accept|reject|allow|decline)\s+(?:all\s+)?cookies|manage\s+(?:cookie\s+)?"
        r"(?:preferences|settings|consent)|cookie\s+(?:settings|policy|preferences)",
        "footer",
        ("We use cookies to improve your experience.", "Accept all cookies", "Manage preferences"),
        max_words=60,
        cues=("cookie", "preferences", "consent"),
    ),
    Rule(
        "markdown.rule_line",
        r"(?:[-*_]\s*){3,}|[=#~]{3,}",
        "anywhere",
        ("---", "* * *"),
    ),
)

DEFAULT_RULES: tuple[Rule, ...] = (
    HEADER_RULES + FOOTER_RULES + ANYWHERE_RULES + INSET_RULES + ASIDE_RULES
)
