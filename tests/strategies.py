"""Hypothesis strategies for cleaner properties: article bodies, footers, comment threads."""

from __future__ import annotations

from hypothesis import strategies as st

from cleancorpus.cleaning.comments import _marker_kind
from cleancorpus.cleaning.rules import DEFAULT_RULES

_LETTERS = "abcdefghijklmnopqrstuvwxyzéüøçñßąłжзлмнпрстуфαβγδεζ"
word = st.text(alphabet=_LETTERS, min_size=2, max_size=9)


@st.composite
def sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(word, min_size=6, max_size=18))
    words[0] = words[0].capitalize()
    if draw(st.booleans()):
        words.insert(
            draw(st.integers(1, len(words) - 1)), draw(st.sampled_from(["Syria", "2017", "PMU"]))
        )
    return " ".join(words) + draw(st.sampled_from([".", ".", "?", "!"]))


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    return " ".join(draw(st.lists(sentence(), min_size=1, max_size=4)))


def _no_rule_matches(text: str) -> bool:
    return not any(rule.matches(line) for line in text.split("\n") for rule in DEFAULT_RULES)


def body() -> st.SearchStrategy[str]:
    """Residue-free article text: prose paragraphs separated by one blank line, none of whose
    lines a rule recognises (random words can spell "paypal" or "soutenez")."""
    return st.lists(paragraph(), min_size=1, max_size=6).map("\n\n".join).filter(_no_rule_matches)


FOOTER_LINES = (
    "If you're able, and if you like our content and approach, please support the project. "
    "Our work wouldn't be possible without your help: PayPal: team@example.org",
    "Featured image: Al-Masdar News",
    "Voiceover by **Harold Hoover**",
    "The original source of this article is [South Front](#)",
    "Copyright © [South Front](#), [South Front](#), 2017",
    "[Comment on Global Research Articles on our Facebook page](#)",
    "[Become a Member of Global Research](#)",
    "Articles by: **[South Front](#)**",
    "Disclaimer: The contents of this article are of sole responsibility of the author(s).",
    "For media inquiries: press@example.org",
    "This article originally appeared on The Northern Ledger.",
    "© 2019 Harbour Times. All rights reserved.",
    "Sign up for our newsletter to get the week's best stories in your inbox.",
    "Share this:",
    "Like this:",
    "Follow us on Telegram and Mastodon",
    "Support our reporting: donate today.",
    "The views expressed in this article are solely those of the author.",
    "Tags: Iraq, Syria, PMU",
)
COMMENTER_NAMES = (
    "Ronald",
    "Richard Noel Hedditch",
    "Trustin Judeau",
    "MD Ranix",
    "Terra Cotta Woolpuller",
    "General Surena",
)
#: Handles no word is: each one is evidence of a thread by itself.
COMMENTER_HANDLES = ("Attrition47", "pier_rat", "@goingbrokes", "jk_turner", "sue1987")
STAMPS = ("June 4, 2019 at 9:12 am", "3 hours ago", "12 May 2021 um 10:15 Uhr", "vor 2 Tagen")
ROWS = ("Reply", "Like · Reply · Report", "12 likes", "▲ 4", "Antworten", "Répondre")


@st.composite
def footer(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.sampled_from(FOOTER_LINES), min_size=1, max_size=7, unique=True))
    separators = draw(
        st.lists(st.sampled_from(["\n", "\n\n"]), min_size=len(lines), max_size=len(lines))
    )
    return "".join(line + sep for line, sep in zip(lines, separators, strict=True)).rstrip("\n")


@st.composite
def _comment(draw: st.DrawFn) -> str:
    words = draw(st.lists(word, min_size=2, max_size=20))
    return " ".join(words) + draw(st.sampled_from(["", ".", "!", " ;o)", "?"]))


def comment() -> st.SearchStrategy[str]:
    """A comment's text. Not one that reads as a marker line itself ("xy replied", "3 days
    ago"): after a commenter's name such a line is ambiguous, it may start the next reply."""
    return _comment().filter(lambda text: not _marker_kind(text))


@st.composite
def comment_thread(draw: st.DrawFn) -> str:
    """Two to five comments, each headed by a handle, or by a name with a timestamp under
    it, or followed by a reply row: a thread always shows evidence of being one."""
    evidence = draw(st.sampled_from(["handle", "stamp", "row"]))
    pool = COMMENTER_HANDLES if evidence == "handle" else COMMENTER_NAMES
    names = draw(st.lists(st.sampled_from(pool), min_size=2, max_size=5))
    bulleted = evidence == "handle" and draw(st.booleans())
    parts = []
    for name in names:
        depth = draw(st.integers(0, 1)) if bulleted else 0
        texts = draw(st.lists(comment(), min_size=1, max_size=2))
        if bulleted:
            pad = "  " * (depth + 1)
            parts.append(f"{pad}• {name}\n\n" + "\n\n".join(f"{pad}  {t}" for t in texts))
            continue
        head = f"{name}\n\n{draw(st.sampled_from(STAMPS))}" if evidence == "stamp" else name
        tail = f"\n\n{draw(st.sampled_from(ROWS))}" if evidence == "row" else ""
        parts.append(f"{head}\n\n" + "\n\n\n".join(texts) + tail)
    return "\n\n".join(parts)
