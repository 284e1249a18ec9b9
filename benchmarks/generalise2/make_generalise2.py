"""Build the second "unseen sites" set: ``docs/`` (one flat folder) and ``labels.jsonl``.

Stories are hand-written in ``stories2.txt``; each site's furniture is named data in
``sites2.py``. This script renders every edition of every story (the origin site's and the
copies, with an origin line and light edits) in its site's layout as a raw HTML page, an
html2text-style ``.txt`` (links dropped) or a markdown ``.md`` (link residue), adds second
captures (the same page crawled again in another format, with another comment thread), names
each file by the first 16 hex digits of the SHA-1 of its bytes and writes one label per file
in the format of ``benchmarks/generalise/README.md``. Labels are checked on build with the
first set's checker. Deterministic: same sources, same bytes. ::

    python benchmarks/generalise2/make_generalise2.py          # rewrite docs/ and labels.jsonl
    python benchmarks/generalise2/make_generalise2.py --check  # exit 1 if they are stale
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import json
import random
import re
import sys
import textwrap
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "generalise"))
sys.path.insert(0, str(HERE.parent / "cleaning"))

from make_generalise import write_set  # noqa: E402  (the label checker and writer both sets share)
from make_sets import unwrap  # noqa: E402  (the label convention of benchmarks/cleaning)
from sites2 import (  # noqa: E402
    AGES,
    COMMENT_MARKUP,
    COMMENT_TEXTS,
    HANDLES,
    MONTHS,
    PHOTOGRAPHERS,
    SEASONS,
    SECTIONS,
    SITES,
    TAGS,
    WEEKDAYS,
)

DOCS = HERE / "docs"
LABELS = HERE / "labels.jsonl"
SEED = "generalise2"
MIN_DOCUMENTS = 180
EXT = {"txt": ".txt", "md": ".md", "html": ".html"}
TOPIC = {
    "recipe": "food",
    "review": "gear",
    "forum": "forum",
}  # which comment pool a story's readers write in
_WORD = re.compile(r"\w+")
_NUMBERED = re.compile(r"^\d+\. ")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")

# Each residue block's kind, as labelled; "title" and "body" are not residue.
KIND_OF = {
    "masthead": "header",
    "tagline": "header",
    "crumb": "nav",
    "byline": "header",
    "date": "header",
    "updated": "header",
    "share": "widget",
    "jump": "widget",
    "readtime": "widget",
    "postbar": "widget",
    "buy": "widget",
    "card": "widget",
    "category": "tags",
    "tags": "tags",
    "disclosure": "legal",
    "affiliate": "legal",
    "caption": "caption",
    "read_more": "related",
    "appeal": "appeal",
    "appeal2": "appeal",
    "origin": "note",
    "note": "note",
    "bio": "note",
    "contact": "note",
    "editors": "note",
    "signature": "note",
    "related": "related",
    "comments": "comments",
    "legal": "legal",
    "cookie": "legal",
    "footer": "footer",
    "updated_foot": "footer",
    "nav": "nav",
    "skip": "nav",
    "pager": "nav",
    "prevnext": "nav",
    "kicker": "header",
    "posted": "header",
    "useful": "widget",
    "print": "widget",
    "hits": "widget",
    "feed": "widget",
    "blogshare": "widget",
}


@dataclass(frozen=True)
class Story:
    id: str
    lang: str
    kind: str
    sites: tuple[str, ...]
    title: str
    alt: str | None
    date: dt.date
    author: str
    extra: str | None
    paragraphs: tuple[str, ...]
    team: bool = False  # written by an office ("Highways team"), not a person


@dataclass(frozen=True)
class Edition:
    story: Story
    site: str
    title: str
    date: dt.date
    author: str
    paragraphs: tuple[str, ...]
    origin: str | None  # the origin site's key, for copies


@dataclass(frozen=True)
class Doc:
    edition: Edition
    fmt: str
    show_site: bool
    capture: int
    rewrap: bool


@dataclass
class Block:
    """One rendered piece of a page: its label kind, its role in the layout and its text."""

    kind: str  # "title", "body", or a KIND_OF key
    role: str  # "title", "para", "line", "nav", "items", "figure", "thread"
    text: str = ""
    items: list[str] = field(default_factory=list)
    depths: list[int] = field(default_factory=list)
    groups: list[int] = field(default_factory=list)  # thread lines: comment number, -1 none
    roles: list[str] = field(default_factory=list)  # thread lines: meta, text, actions, ...


def parse_stories(path: Path = HERE / "stories2.txt") -> list[Story]:
    """The stories, in file order; each body 150-600 words."""
    stories = []
    chunks = re.split(r"^=== ", path.read_text("utf-8"), flags=re.M)[1:]
    for chunk in chunks:
        head, _, body = chunk.partition("\n---\n")
        lines = head.splitlines()
        fields = dict(line.split(": ", 1) for line in lines[1:])
        paragraphs = tuple(p.strip() for p in body.strip().split("\n\n") if p.strip())
        words = len(_WORD.findall(unwrap(" ".join(paragraphs))))
        if not 150 <= words <= 600:
            raise ValueError(f"story {lines[0]} has {words} words")
        stories.append(
            Story(
                id=lines[0].strip(),
                lang=fields["lang"],
                kind=fields["kind"],
                sites=tuple(s.strip() for s in fields["sites"].split(",")),
                title=fields["title"],
                alt=fields.get("alt"),
                date=dt.date.fromisoformat(fields["date"]),
                author=fields["author"],
                extra=fields.get("extra"),
                paragraphs=paragraphs,
                team=fields.get("team") == "yes",
            )
        )
    return stories


def _curly(text: str) -> str:
    text = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", text)
    return text.replace("'", "\u2019")


def _plain(paragraph: str) -> bool:
    """A prose paragraph (no heading, list, table or Q&A lines)."""
    return "\n" not in paragraph and not paragraph.startswith(("## ", "- ", "| "))


def editions(story: Story) -> list[Edition]:
    """The origin edition and one lightly edited copy per other site."""
    origin = story.sites[0]
    out = [Edition(story, origin, story.title, story.date, story.author, story.paragraphs, None)]
    for site in story.sites[1:]:
        rng = random.Random(f"{SEED}:copy:{story.id}:{site}")
        paras = list(story.paragraphs)
        plain = [i for i, p in enumerate(paras) if i and _plain(p) and i < len(paras) - 1]
        if len(paras) >= 5 and plain and rng.random() < 0.4:
            del paras[rng.choice(plain)]
        if story.extra and rng.random() < 0.75:
            paras.insert(len(paras) - 1, story.extra)
        if rng.random() < 0.5:
            paras = [_curly(p) for p in paras]
        title = story.alt if story.alt and rng.random() < 0.65 else story.title
        day = story.date + dt.timedelta(days=1 if rng.random() < 0.4 else 0)
        author = story.author
        if SITES[site].get("forum_author"):
            author = rng.choice(HANDLES["en"]).replace(" ", "_").lower()
        elif SITES[site].get("house_author") and rng.random() < 0.5:
            author = SITES[site]["house_author"]
        out.append(Edition(story, site, title, day, author, tuple(paras), origin))
    return out


def date_fields(day: dt.date, lang: str, rng: random.Random) -> dict[str, Any]:
    """The template fields of one date (and a time of day) in a site's language."""
    month = MONTHS[lang].split()[day.month - 1]
    hour, minute = rng.randint(6, 22), rng.randint(0, 59)
    weekday = WEEKDAYS[lang].split()[day.weekday()]
    return {
        "d": day.day,
        "dd": f"{day.day:02d}",
        "m": month,
        "mon": month[:3].capitalize() if lang == "en" else month[:4].rstrip("."),
        "mm": f"{day.month:02d}",
        "Y": day.year,
        "wd": weekday,
        "wd_short": weekday[:3],
        "H": f"{hour:02d}",
        "M": f"{minute:02d}",
        "h": (hour - 1) % 12 + 1,
        "ampm": "am" if hour < 12 else "pm",
        "season": SEASONS[day.month],
    }


def fill(template: str, **values: Any) -> str:
    return template.format_map(values)


def _age(style: str, rng: random.Random) -> str:
    spec = AGES[style]
    unit = rng.randrange(len(spec["units"]))
    k = rng.randint(1, (59, 23, 6, 5)[unit])
    word = spec["units"][unit][0 if k == 1 else 1]
    return str(spec["shape"].format(k=k, unit=word))


def comment_thread(doc: Doc, rng: random.Random) -> Block | None:
    """The site's comment widget for one capture: heading, policy, comments, replies."""
    site = SITES[doc.edition.site]
    spec = site["comments"]
    if spec is None:
        return None
    lang = site["lang"]
    n = rng.randint(*spec["n"])
    hidden = rng.randint(3, 30) if spec["more"] and n >= 3 and rng.random() < 0.6 else 0
    title = doc.edition.title
    lines: list[str] = []
    depths: list[int] = []
    groups: list[int] = []
    roles: list[str] = []

    def add(text: str, role: str, depth: int = 0, group: int = -1) -> None:
        lines.append(text)
        roles.append(role)
        depths.append(depth)
        groups.append(group)

    if n == 0:
        add(spec.get("none", "No comments yet. Be the first to comment."), "head")
    elif spec["head"]:
        add(fill(spec["head"], n=n + hidden, title=title), "head")
    for line in spec["top"]:
        add(line, "top")
    handles = rng.sample(HANDLES[lang], min(n, len(HANDLES[lang])))
    pool = COMMENT_TEXTS.get(f"{lang}_{TOPIC.get(doc.edition.story.kind)}", COMMENT_TEXTS[lang])
    texts = rng.sample(pool, min(n, len(pool)))
    days = sorted(rng.randint(0, 9) for _ in texts)
    previous: tuple[str, str] | None = None
    for number, (handle, text) in enumerate(zip(handles, texts, strict=False)):
        reply = previous is not None and rng.random() < 0.35
        day = doc.edition.date + dt.timedelta(days=days[number])
        values = date_fields(day, lang, rng)
        values.update(
            handle=handle,
            text=text,
            title=title,
            age=_age(spec.get("age", lang), rng),
            v=rng.randint(0, 48),
            w=rng.randint(0, 9),
            parent=previous[0] if previous else "",
            quote=" ".join(previous[1].split()[:6]) if previous else "",
            owner=rng.choice(spec.get("owner", [""])),
        )
        if spec.get("date"):
            values["date"] = fill(spec["date"], **values)
        for i, template in enumerate(spec["reply"] if reply else spec["each"]):
            role = "text" if "{text}" in template or "{owner}" in template else "actions"
            add(fill(template, **values), "meta" if i == 0 else role, int(reply), number)
        previous = (handle, text)
    if hidden:
        add(fill(spec["more"][0], k=hidden), "more")
    for line in spec["bottom"]:
        add(line, "bottom")
    return Block("comments", "thread", items=lines, depths=depths, groups=groups, roles=roles)


def _counts(doc: Doc) -> dict[str, int]:
    """A page's like, comment and restack counts: the same wherever the page shows them."""
    rng = random.Random(f"{SEED}:counts:{doc.edition.story.id}:{doc.edition.site}:{doc.capture}")
    return {"likes": rng.randint(4, 310), "c": rng.randint(0, 40), "r": rng.randint(0, 9)}


def _values(doc: Doc, day: dt.date, rng: random.Random) -> dict[str, Any]:
    """Every field a furniture template may take, for one page and one date."""
    ed, lang = doc.edition, SITES[doc.edition.site]["lang"]
    values = date_fields(day, lang, rng)
    sections = SECTIONS[lang]
    tags = TAGS[lang].get(ed.story.kind) or next(iter(TAGS[lang].values()))
    values.update(
        author=ed.author,
        section=sections.get(ed.story.kind, next(iter(sections.values()))),
        tag=rng.choice(tags),
        k=rng.randint(2, 9),
        n=rng.randint(2, 30),
        **_counts(doc),
        v=rng.randint(12, 900),
    )
    return values


def _header_block(key: str, doc: Doc, rng: random.Random, meta: dict[str, Any]) -> list[Block]:
    ed, site = doc.edition, SITES[doc.edition.site]
    lang = site["lang"]
    values = _values(doc, ed.date, rng)
    if key == "masthead":
        blocks = []
        if doc.show_site:
            blocks = [Block("masthead", "line", line) for line in site["masthead"]]
            meta["site"] = site["name"]
        if site.get("tagline") and (doc.show_site or rng.random() < 0.4):
            blocks.append(Block("tagline", "line", site["tagline"]))
        return blocks
    if key == "nav":
        return [Block("nav", "nav", items=list(site["nav"]))]
    if key == "crumb":
        return [Block("crumb", "line", fill(site["crumb"], **values))]
    if key == "title":
        meta["title"] = ed.title
        return [Block("title", "title", ed.title)]
    if key == "byline":
        if site["byline"] is None:
            return []
        team = ed.story.team and not site.get("forum_author")
        if team and ed.origin:
            return [Block("byline", "line", site["staff"])] if site["staff"] else []
        if site["staff"] and rng.random() < site["staff_share"]:
            return [Block("byline", "line", site["staff"])]
        if not team:
            meta["author"] = ed.author
        if "{Y}" in site["byline"]:
            meta["date"] = ed.date.isoformat()
        return [Block("byline", "line", fill(site["byline"], **values))]
    if key == "date":
        share, relative = site.get("relative", (0.0, ""))
        if rng.random() < share:  # "3 days ago": no date to label
            return [Block("date", "line", fill(relative, **values))]
        blocks = [Block("date", "line", fill(site["dateline"], **values))]
        meta["date"] = ed.date.isoformat()
        if site.get("updated") and rng.random() < 0.35:
            later = ed.date + dt.timedelta(days=rng.randint(1, 4))
            blocks.append(
                Block("updated", "line", fill(site["updated"], **date_fields(later, lang, rng)))
            )
        return blocks
    if key == "tags":
        return [_tags(doc, rng)]
    return [Block(key, "line", fill(line, **values)) for line in site[key]]


def _tags(doc: Doc, rng: random.Random) -> Block:
    site = SITES[doc.edition.site]
    pool = TAGS[site["lang"]]
    words = pool.get(doc.edition.story.kind) or next(iter(pool.values()))
    chosen = rng.sample(words, min(len(words), rng.randint(2, 4)))
    return Block("tags", "line", fill(site["tags"], tags=", ".join(chosen)))


def _after_block(key: str, doc: Doc, rng: random.Random, others: list[str]) -> list[Block]:
    ed, site = doc.edition, SITES[doc.edition.site]
    values = _values(doc, ed.date + dt.timedelta(days=rng.randint(1, 3)), rng)
    if key == "origin":
        if not ed.origin:
            return []
        return [Block("origin", "line", fill(site["origin"], origin=SITES[ed.origin]["name"]))]
    if key == "note":
        if not site["notes"] or rng.random() < 0.5:
            return []
        return [Block("note", "line", fill(rng.choice(site["notes"]), **values))]
    if key == "tags":
        return [_tags(doc, rng)] if rng.random() < 0.85 else []
    if key in ("appeal", "appeal2"):
        pool = site["appeals" if key == "appeal" else "appeals2"]
        return [Block(key, "line", rng.choice(pool))] if rng.random() < 0.8 else []
    if key == "related":
        if not site["related_head"] or not others:
            return []
        picked = rng.sample(others, min(len(others), rng.randint(3, 5)))
        return [
            Block("related", "line", site["related_head"]),
            Block("related", "items", items=picked),
        ]
    if key == "comments":
        thread = comment_thread(doc, rng)
        return [thread] if thread else []
    if key == "updated_foot":
        return [Block(key, "line", fill(site[key], **values))]
    return [Block(key, "line", fill(line, **values)) for line in site[key]]


def _mid_block(key: str, doc: Doc, rng: random.Random, others: list[str]) -> Block | None:
    site = SITES[doc.edition.site]
    if key == "caption":
        template = rng.choice(site["captions"])
        text = fill(
            template,
            photog=rng.choice(PHOTOGRAPHERS),
            k=rng.randint(2, 9),
            v=rng.randint(10, 900),
            wd=WEEKDAYS[site["lang"]].split()[rng.randrange(7)],
        )
        return Block("caption", "figure", text)
    if key == "appeal":
        return Block("appeal", "line", rng.choice(site["appeals"]))
    if key == "read_more":
        return (
            Block("read_more", "line", fill(site["read_more"], other=rng.choice(others)))
            if others
            else None
        )
    return Block(key, "line", rng.choice(site[key]))


def compose(doc: Doc, others: list[str]) -> tuple[list[Block], dict[str, Any]]:
    """The page's blocks in reading order, and the metadata its header states."""
    ed, site = doc.edition, SITES[doc.edition.site]
    rng = random.Random(f"{SEED}:page:{ed.story.id}:{ed.site}:{doc.capture}")
    meta: dict[str, Any] = {}
    blocks: list[Block] = []
    for key in site["header"]:
        blocks += _header_block(key, doc, rng, meta)
    body = [Block("body", "para", p) for p in ed.paragraphs]
    for key in site["mid"]:
        if rng.random() < 0.6 and len(body) > 2:
            mid = _mid_block(key, doc, rng, others)
            if mid:
                body.insert(rng.randint(1, len(body) - 1), mid)
    blocks += body
    for key in site["after"]:
        blocks += _after_block(key, doc, rng, others)
    if doc.fmt != "html" and rng.random() < 0.3:
        blocks.append(Block("cookie", "line", site["cookie"]))
    return blocks, meta


# --- rendering -----------------------------------------------------------------------------


def _slug(text: str) -> str:
    return "-".join(_WORD.findall(text.casefold()))[:60]


def _txt_heading(site_key: str) -> str:
    return "## " if len(site_key) % 2 else ""


def render_paragraph(paragraph: str, fmt: str, site_key: str, rewrap: bool) -> str:
    """A body paragraph as it reads in a .txt (links dropped) or .md (link residue) file."""
    if fmt == "txt":
        paragraph = _LINK.sub(r"\1", paragraph)
    lines = paragraph.split("\n")
    if paragraph.startswith("## "):
        return paragraph if fmt == "md" else _txt_heading(site_key) + paragraph[3:]
    if all(line.startswith("- ") for line in lines):
        bullet = "  * " if fmt == "txt" else ("* " if len(site_key) % 3 == 0 else "- ")
        return "\n".join(bullet + line[2:] for line in lines)
    if all(_NUMBERED.match(line) for line in lines):
        indent = "  " if fmt == "txt" else ""
        return "\n".join(indent + line for line in lines)
    if rewrap and fmt == "txt" and _plain(paragraph):
        return textwrap.fill(paragraph, 72)
    return paragraph


def _md_link(text: str, path: str) -> str:
    return f"[{text}]({path})"


def render_text(doc: Doc, blocks: list[Block]) -> tuple[str, list[str], list[tuple[str, str]]]:
    """The .txt or .md file; its body paragraphs and residue lines as labelled."""
    site_key, md = doc.edition.site, doc.fmt == "md"
    site = SITES[site_key]
    base = f"https://{site['host']}" if doc.show_site and site.get("host") else ""
    chunks: list[str] = []
    body: list[str] = []
    residue: list[tuple[str, str]] = []
    for block in blocks:
        kind = KIND_OF.get(block.kind, block.kind)
        if block.role == "title":
            chunks.append(("# " if md or len(site_key) % 2 == 0 else "") + block.text)
        elif block.role == "para":
            text = render_paragraph(block.text, doc.fmt, site_key, doc.rewrap)
            chunks.append(text)
            body.append(unwrap(text))
        elif block.role == "nav":
            sep = site["nav_sep"]
            if md:
                items = [_md_link(i, f"{base}/{_slug(i)}") for i in block.items]
            else:
                items = list(block.items)
            line = sep.join(items)
            chunks.append(line)
            residue.append((kind, unwrap(line)))
        elif block.role == "items":
            marker = site.get("related_marker", "")
            rows = []
            for i, item in enumerate(block.items, 1):
                shown = _md_link(item, f"{base}/{_slug(item)}") if md else item
                rows.append(marker.format(i=i) + shown if marker else shown)
                residue.append((kind, item))
            chunks.append("\n".join(rows) if marker else "\n\n".join(rows))
        elif block.role == "thread":
            rows = []
            for line, depth in zip(block.items, block.depths, strict=True):
                if md:
                    rows.append("> " * depth + (f"**{line}**" if line.endswith(":") else line))
                else:
                    rows.append("    " * depth + line)
                residue.append((kind, line))
            chunks.append("\n\n".join(rows))
        else:
            text = block.text
            if md and block.kind == "tags" and ": " in text:
                label, _, rest = text.partition(": ")
                tags = [_md_link(t, f"{base}/tag/{_slug(t)}") for t in rest.split(", ")]
                text = f"**{label}:** " + ", ".join(tags)
            elif md and block.kind == "read_more" and ": " in text:
                label, _, rest = text.partition(": ")
                text = f"**{label}:** " + _md_link(rest, f"{base}/{_slug(rest)}")
            elif md and block.kind == "caption":
                chunks.append(f"![]({base}/uploads/{_slug(doc.edition.title)[:24]}.jpg)")
            chunks.append(text)
            residue.append((kind, unwrap(text)))
    return "\n\n".join(chunks) + "\n", body, residue


def html_label(paragraph: str) -> str:
    """A body paragraph as an extractor gives it from the HTML page."""
    paragraph = _LINK.sub(r"\1", paragraph)
    lines = paragraph.split("\n")
    if paragraph.startswith("## "):
        return paragraph[3:]
    if all(line.startswith("- ") for line in lines):
        return paragraph
    if all(_NUMBERED.match(line) for line in lines):
        return "\n".join("- " + _NUMBERED.sub("", line) for line in lines)
    if lines[0].startswith("| "):
        return "\n".join(line for line in lines if not set(line) <= set("|- "))
    return paragraph


def _inline(text: str) -> str:
    """Escape text for HTML, turning markdown links into anchors."""
    out, last = [], 0
    for match in _LINK.finditer(text):
        out.append(html.escape(text[last : match.start()], quote=False))
        out.append(f'<a href="{html.escape(match[2])}">{html.escape(match[1], quote=False)}</a>')
        last = match.end()
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


def html_paragraph(paragraph: str) -> str:
    lines = paragraph.split("\n")
    if paragraph.startswith("## "):
        return f"<h2>{_inline(paragraph[3:])}</h2>"
    if all(line.startswith("- ") for line in lines):
        return "<ul>" + "".join(f"<li>{_inline(line[2:])}</li>" for line in lines) + "</ul>"
    if all(_NUMBERED.match(line) for line in lines):
        items = "".join(f"<li>{_inline(_NUMBERED.sub('', line))}</li>" for line in lines)
        return f"<ol>{items}</ol>"
    if lines[0].startswith("| "):
        rows = [line.strip("|").split("|") for line in lines if not set(line) <= set("|- ")]
        head = "".join(f"<th>{html.escape(c.strip())}</th>" for c in rows[0])
        cells = "".join(
            "<tr>" + "".join(f"<td>{html.escape(c.strip())}</td>" for c in row) + "</tr>"
            for row in rows[1:]
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{cells}</tbody></table>"
    return "<p>" + "<br>\n".join(_inline(line) for line in lines) + "</p>"


def html_thread(block: Block, site_key: str) -> str:
    """A comment thread as the site's widget marks it up, one block element per line."""
    item, nested, meta, text, actions = COMMENT_MARKUP.get(site_key, ("comment",) * 5)
    cls = {"meta": meta, "text": text, "actions": actions}
    rows: list[str] = []
    group, open_divs = -1, 0
    for line, role, depth, number in zip(
        block.items, block.roles, block.depths, block.groups, strict=True
    ):
        shown = html.escape(line, quote=False)
        if number != group:
            rows += ["</div>"] * open_divs
            open_divs, group = 0, number
            if number >= 0:
                rows.append(f'<div class="{nested if depth else item}" id="c{number + 1}">')
                open_divs = 1
        if role == "head":
            rows.append(f"<h3>{shown}</h3>")
        elif role in cls:
            tag = "p" if role == "text" else "div"
            rows.append(f'<{tag} class="{cls[role]}">{shown}</{tag}>')
        else:
            rows.append(f'<div class="comments-{role}">{shown}</div>')
    rows += ["</div>"] * open_divs
    return "\n".join(rows)


_REGION = {
    "masthead": "top",
    "tagline": "top",
    "nav": "top",
    "related": "aside",
    "comments": "comments",
    "legal": "footer",
    "footer": "footer",
    "updated_foot": "footer",
}


def render_html(
    doc: Doc, blocks: list[Block], meta: dict[str, Any]
) -> tuple[str, list[str], list[tuple[str, str]]]:
    """A whole CMS page; its body paragraphs (as extracted) and visible residue lines."""
    ed, site = doc.edition, SITES[doc.edition.site]
    cls = site["classes"]
    rng = random.Random(f"{SEED}:html:{ed.story.id}:{ed.site}:{doc.capture}")
    regions: dict[str, list[str]] = {
        "top": [],
        "article": [],
        "aside": [],
        "comments": [],
        "footer": [],
    }
    body: list[str] = []
    residue: list[tuple[str, str]] = [("legal", site["cookie"])]
    for block in blocks:
        kind = KIND_OF.get(block.kind, block.kind)
        region = _REGION.get(block.kind, "article")
        if block.kind == "related" and block.role == "line" and region == "aside":
            regions["aside"].append(f"<h3>{html.escape(block.text)}</h3>")
            residue.append((kind, block.text))
        elif block.role == "title":
            regions["article"].append(f'<h1 class="entry-title">{html.escape(block.text)}</h1>')
        elif block.role == "para":
            regions["article"].append(html_paragraph(block.text))
            body.append(html_label(block.text))
        elif block.role == "nav":
            items = "".join(
                f'<li><a href="/{_slug(i)}/">{html.escape(i)}</a></li>' for i in block.items
            )
            regions["top"].append(f'<nav class="primary-menu"><ul>{items}</ul></nav>')
            residue += [(kind, i) for i in block.items]
        elif block.role == "items":
            items = "".join(
                f'<li><a href="/{_slug(i)}/">{html.escape(i)}</a></li>' for i in block.items
            )
            regions[region].append(f"<ul>{items}</ul>")
            residue += [(kind, i) for i in block.items]
        elif block.role == "thread":
            regions["comments"].append(html_thread(block, ed.site))
            residue += [(kind, line) for line in block.items]
        elif block.role == "figure":
            src = f"/media/{_slug(ed.title)[:30]}-{rng.randint(100, 999)}.jpg"
            regions["article"].append(
                f'<figure class="wp-block-image"><img src="{src}" alt="" loading="lazy">'
                f"<figcaption>{html.escape(block.text)}</figcaption></figure>"
            )
            residue.append((kind, block.text))
        else:
            tag = "div" if region != "article" else rng.choice(["p", "div"])
            regions[region].append(f'<{tag} class="{block.kind}">{html.escape(block.text)}</{tag}>')
            residue.append((kind, block.text))
    head = [
        f"<title>{html.escape(ed.title)}"
        + (f" | {html.escape(site['name'])}" if doc.show_site else "")
        + "</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta property="og:title" content="{html.escape(ed.title)}">',
    ]
    if doc.show_site:
        head.append(f'<meta property="og:site_name" content="{html.escape(site["name"])}">')
        if site.get("host"):
            head.append(f'<link rel="canonical" href="https://{site["host"]}/{_slug(ed.title)}/">')
    if meta.get("date") and rng.random() < 0.5:
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": ed.title,
            "datePublished": meta["date"],
        }
        if meta.get("author"):
            ld["author"] = {"@type": "Person", "name": meta["author"]}
        head.append(
            f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
        )
    head.append('<link rel="stylesheet" href="/assets/theme.css?v=4.2">')
    cookie = (
        f'<div id="{cls["cookie"]}" class="{cls["cookie"]}" role="dialog">'
        f"<p>{html.escape(site['cookie'])}</p>"
        "<button>OK</button> <button>Settings</button></div>"
    )
    cookie_first = rng.random() < 0.5
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{site["lang"]}">',
        '<head>\n<meta charset="utf-8">',
        *head,
        "</head>",
        f'<body class="{cls["body"]}">',
        cookie if cookie_first else "",
        '<header class="site-header">',
        *regions["top"],
        "</header>",
        '<main id="content">',
        f'<article class="{cls["article"]}">',
        *regions["article"],
        "</article>",
    ]
    if regions["aside"]:
        parts += [f'<aside class="{cls["related"]}">', *regions["aside"], "</aside>"]
    if regions["comments"]:
        parts += [
            f'<section id="comments" class="{cls["comments"]}">',
            *regions["comments"],
            "</section>",
        ]
    parts += ["</main>", '<footer class="site-footer">', *regions["footer"], "</footer>"]
    if not cookie_first:
        parts.append(cookie)
    parts.append('<script src="/assets/app.js" defer></script>')
    parts.append(
        "<script>window.dataLayer=window.dataLayer||[];dataLayer.push({'event':'pageview'});</script>"
    )
    parts += ["</body>", "</html>"]
    return "\n".join(p for p in parts if p) + "\n", body, residue


# --- the set -------------------------------------------------------------------------------


def _labelled(line: str) -> bool:
    """Residue lines of two words or more and ten characters or more are labelled."""
    return len(_WORD.findall(line)) >= 2 and len(line) >= 10


def plan() -> list[Doc]:
    """Every document to write: one per edition, then second captures up to MIN_DOCUMENTS."""
    docs = []
    for story in parse_stories():
        for ed in editions(story):
            site = SITES[ed.site]
            rng = random.Random(f"{SEED}:doc:{story.id}:{ed.site}")
            fmt = rng.choices(list(site["formats"]), weights=list(site["formats"].values()))[0]
            show = rng.random() < site["names_itself"]
            docs.append(Doc(ed, fmt, show, 0, ed.origin is not None and rng.random() < 0.6))
    pool = list(docs)
    random.Random(f"{SEED}:recrawl").shuffle(pool)
    for first in pool[: max(0, MIN_DOCUMENTS - len(docs))]:
        rng = random.Random(f"{SEED}:recrawl:{first.edition.story.id}:{first.edition.site}")
        fmt = rng.choice([f for f in ("txt", "md", "txt", "md", "html") if f != first.fmt])
        docs.append(replace(first, fmt=fmt, capture=1))
    return docs


def build() -> tuple[dict[str, bytes], list[dict[str, Any]]]:
    """Every document's bytes by file name, and the labels sorted by file name."""
    docs = plan()
    titles: dict[str, list[str]] = {}
    for doc in docs:
        if not doc.capture:
            titles.setdefault(doc.edition.site, []).append(doc.edition.title)
    files: dict[str, bytes] = {}
    labels = []
    for doc in docs:
        ed = doc.edition
        others = [t for t in titles[ed.site] if t != ed.title]
        blocks, meta = compose(doc, others)
        if doc.fmt == "html":
            text, body, residue = render_html(doc, blocks, meta)
        else:
            text, body, residue = render_text(doc, blocks)
        residue = [(kind, line) for kind, line in residue if _labelled(line)]
        data = text.encode("utf-8")
        name = hashlib.sha1(data).hexdigest()[:16] + EXT[doc.fmt]
        if name in files:
            raise ValueError(f"two documents with the same bytes: {name}")
        files[name] = data
        site = SITES[ed.site]
        labels.append(
            {
                "file": name,
                "story": ed.story.id,
                "site": site["name"],
                "site_in_text": site["name"].casefold() in text.casefold(),
                "format": doc.fmt,
                "capture": doc.capture,
                "body": "\n\n".join(body),
                "boilerplate": [line for _, line in residue],
                "boilerplate_kinds": [kind for kind, _ in residue],
                "metadata": {k: meta[k] for k in ("title", "site", "date", "author") if k in meta},
            }
        )
    labels.sort(key=lambda label: label["file"])
    return files, labels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if docs/ or labels are stale")
    args = parser.parse_args(argv)
    files, labels = build()
    status = write_set(files, labels, DOCS, LABELS, args.check, "make_generalise2.py")
    if status is not None:
        return status
    formats = {f: sum(lb["format"] == f for lb in labels) for f in EXT}
    print(
        f"{len(labels)} documents, {len({lb['story'] for lb in labels})} stories, "
        f"{len({lb['site'] for lb in labels})} sites, formats {formats}, "
        f"captures {sum(lb['capture'] for lb in labels)}, "
        f"site in text {sum(lb['site_in_text'] for lb in labels)}, "
        f"site label {sum('site' in lb['metadata'] for lb in labels)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
