"""Build the "unseen sites" set: ``docs/`` (one flat folder) and ``labels.jsonl``.

The stories' prose is hand-written in ``stories.txt``; each site's page furniture and
boilerplate is in ``sites.py``. This script renders every edition of every story (the home
site's, and the syndicated copies with their light edits) as a document in its site's layout
(raw HTML page, html2text-style ``.txt`` or markdown ``.md``), adds second captures of some
syndicated pages (the same page crawled again, in another format, with another comment
thread), names each file by the first 16 hex digits of the SHA-1 of its bytes, and writes one
label per file. Every label is checked on build (see :func:`check`). Run from anywhere::

    python benchmarks/generalise/make_generalise.py          # rewrite docs/ and labels.jsonl
    python benchmarks/generalise/make_generalise.py --check  # exit 1 if they are stale

Output is deterministic: same sources, same bytes.
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
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "cleaning"))

from make_sets import unwrap  # noqa: E402  (the label convention of benchmarks/cleaning)
from sites import (  # noqa: E402
    ADVERTS,
    AGO,
    COMMENTS,
    COOKIES,
    EDITORS,
    FOOTER_LINKS,
    HANDLES,
    ORIGIN_LINES,
    PHOTOGRAPHERS,
    SITES,
)

DOCS = HERE / "docs"
LABELS = HERE / "labels.jsonl"
SEED = "generalise-1"
MIN_DOCUMENTS = 156
EXT = {"txt": ".txt", "md": ".md", "html": ".html"}
_TOKEN = re.compile(r"\w+")
# What each residue block is, in the labels' ``boilerplate_kinds``.
KINDS = {
    "masthead": "header",
    "pre": "header",
    "pre_note": "note",
    "post_note": "note",
    "caption": "caption",
    "post": "tags/widgets",
    "comment": "comments",
    "related_head": "related",
    "related": "related",
    "copyright": "legal",
}


@dataclass
class Story:
    id: str
    home: str
    copies: list[str]
    title: str
    alt_title: str
    author: str
    date: dt.date
    extra: str
    paragraphs: list[str]


@dataclass
class Edition:
    """One site's version of a story: its headline, date and body paragraphs."""

    story: Story
    site: str
    title: str
    date: dt.date
    paragraphs: list[str]
    source: str | None  # the home site's name, on a syndicated copy
    wrap: bool = False


@dataclass
class Page:
    """A document being rendered: its blocks, and which of them are body or residue."""

    body: list[str] = field(default_factory=list)
    residue: list[str] = field(default_factory=list)


def parse_stories(path: Path = HERE / "stories.txt") -> list[Story]:
    """Read ``stories.txt``: header lines, a blank line, paragraphs separated by blank lines."""
    text = path.read_text("utf-8")
    stories = []
    for chunk in re.split(r"^@@story ", text, flags=re.M)[1:]:  # the text before is comments
        head, _, body = chunk.partition("\n\n")
        lines = head.splitlines()
        keys = dict(ln.split(":", 1) for ln in lines[1:])
        keys = {k.strip(): v.strip() for k, v in keys.items()}
        paragraphs = [p.strip() for p in body.strip().split("\n\n") if p.strip()]
        stories.append(
            Story(
                lines[0].strip(),
                keys["home"],
                keys["copies"].split(),
                keys["title"],
                keys["alt_title"],
                keys["author"],
                dt.date.fromisoformat(keys["date"]),
                keys["extra"],
                paragraphs,
            )
        )
    return stories


def _plain(paragraph: str) -> bool:
    return not re.match(r"(##|- |\d+\. |\||Q:|A:)", paragraph) and "\n" not in paragraph


def _curly(paragraph: str) -> str:
    paragraph = re.sub(r'"(?=\w)', "“", paragraph)
    return paragraph.replace('"', "”").replace("'", "’")


def editions(story: Story) -> list[Edition]:
    """The home edition and one edition per syndicated copy, with the copies' light edits."""
    home_name = SITES[story.home]["name"]
    found = [Edition(story, story.home, story.title, story.date, list(story.paragraphs), None)]
    for i, site in enumerate(story.copies):
        rng = random.Random(f"{SEED}:edit:{story.id}:{site}")
        paragraphs = list(story.paragraphs)
        if story.extra and i == 0:
            paragraphs.insert(len(paragraphs) - 1, story.extra)
        plain = [k for k, p in enumerate(paragraphs) if _plain(p) and k > 0]
        if rng.random() < 0.45 and len(plain) > 3:
            del paragraphs[plain[-2]]
        if rng.random() < 0.5:
            paragraphs = [_curly(p) for p in paragraphs]
        title = story.alt_title if story.alt_title and rng.random() < 0.7 else story.title
        date = story.date + dt.timedelta(days=rng.choice((0, 0, 1)))
        found.append(Edition(story, site, title, date, paragraphs, home_name, rng.random() < 0.5))
    return found


def _fmt_date(fmt: str, day: dt.date, rng: random.Random) -> str:
    moment = dt.datetime.combine(day, dt.time(rng.randint(6, 20), rng.choice((0, 12, 30, 47))))
    return moment.strftime(fmt)


def _fill(template: str, **values: Any) -> str:
    return template.format(**{k: v for k, v in values.items() if "{" + k + "}" in template})


@dataclass
class Doc:
    edition: Edition
    fmt: str
    show_site: bool
    capture: int  # 0 for the first capture of a page, 1 for a second crawl


def _byline_and_date(doc: Doc, rng: random.Random) -> tuple[list[str], str | None]:
    """The header lines naming author and date, and the author label (None if unnamed)."""
    site, ed = SITES[doc.edition.site], doc.edition
    author = ed.story.author
    named = author and author != "Staff reporter"
    date_text = _fmt_date(rng.choice(site["date"]), ed.date, rng)
    bylines = [b for b in site["byline"] if doc.show_site or site["name"] not in b]
    byline = _fill(rng.choice(bylines), author=author, forumdate=date_text)
    lines = [byline] if author else []
    if "{forumdate}" in " ".join(site["byline"]):
        if not author:
            lines = [date_text]
    elif not doc.show_site and rng.random() < 0.55:
        lines.append(f"Published: {ed.date.day} {ed.date:%B %Y}")
        if rng.random() < 0.5:
            later = ed.date + dt.timedelta(days=rng.randint(1, 9))
            lines.append(f"Updated: {later.day} {later:%B %Y} at {rng.randint(8, 18)}:{15:02d}")
    else:
        lines.append(date_text)
    return lines, author if named else None


def _comment_block(doc: Doc, rng: random.Random) -> list[str]:
    spec = SITES[doc.edition.site]["comments"]
    count = rng.randint(5, 16)
    shown = rng.sample(range(len(COMMENTS)), count)
    total = count + rng.randint(3, 30)
    lines = [_fill(spec["heading"], n=total, title=doc.edition.title)]
    if rng.random() < 0.8:
        lines.append(spec["policy"])
    for i, k in enumerate(shown, start=1):
        line = _fill(
            spec["line"],
            handle=rng.choice(HANDLES),
            ago=rng.choice(AGO),
            text=COMMENTS[k],
            votes=rng.randint(0, 40),
            i=i + 1,
        )
        lines.append(line)
    lines.append(_fill(rng.choice(spec["more"]), n=total, k=total - count))
    return lines


def compose(doc: Doc, others: list[str]) -> tuple[list[tuple[str, str]], dict[str, Any]]:
    """The document as a list of (kind, block): kinds are header, title, body, residue.

    Returns the blocks and the metadata label. ``others`` are headlines of the site's other
    stories (for "most read" lists).
    """
    ed, site = doc.edition, SITES[doc.edition.site]
    rng = random.Random(f"{SEED}:doc:{ed.story.id}:{ed.site}:{doc.capture}")
    year = ed.date.year
    blocks: list[tuple[str, str]] = []
    meta: dict[str, Any] = {"title": ed.title, "date": ed.date.isoformat()}
    if doc.show_site:
        blocks.append(("masthead", rng.choice(site["masthead"])))
        meta["site"] = site["name"]
    blocks.append(("nav", " | ".join(site["nav"])))
    for top in site["top"]:
        blocks.append(("pre_note", _fill(top, minutes=rng.randint(3, 11))))
    blocks.append(("title", ed.title))
    header, author = _byline_and_date(doc, rng)
    if author:
        meta["author"] = author
    blocks += [("pre", line) for line in header]
    series = site["series"] and rng.random() < 0.5
    if series and rng.random() < 0.5:
        blocks.append(("pre_note", rng.choice(site["series"])))
        series = False
    if site["widgets"] and rng.random() < 0.3:
        blocks.append(("pre", _fill(site["widgets"][0], votes=rng.randint(0, 9))))
    caption_at = rng.randint(1, 3) if rng.random() < 0.7 else -1
    advert_at = rng.randint(2, 5) if site["adverts"] and rng.random() < 0.5 else -1
    for k, paragraph in enumerate(ed.paragraphs):
        if ed.wrap and doc.fmt == "txt" and _plain(paragraph):
            paragraph = textwrap.fill(paragraph, 72)
        blocks.append(("body", paragraph))
        if k == caption_at and k < len(ed.paragraphs) - 1:
            caption = _fill(
                rng.choice(site["captions"]),
                photographer=rng.choice(PHOTOGRAPHERS),
                weekday=f"{ed.date:%A}",
                img=rng.randint(1000, 9999),
                kb=rng.randint(80, 900),
                views=rng.randint(12, 400),
            )
            blocks.append(("caption", caption))
        elif k == advert_at:
            blocks.append(("caption", rng.choice(ADVERTS)))
    if ed.source:
        blocks.append(("post_note", rng.choice(ORIGIN_LINES).format(source=ed.source)))
    if series:
        blocks.append(("post_note", rng.choice(site["series"])))
    tag_rng = random.Random(f"{SEED}:tags:{ed.story.id}:{ed.site}")
    tags = tag_rng.sample(site["tags"], tag_rng.randint(2, 3))
    blocks.append(("post", f"{site['tag_label']} {', '.join(tags)}"))
    for widget in site["widgets"]:
        blocks.append(("post", _fill(widget, votes=rng.randint(1, 60))))
    for line in site["footer"]:
        if rng.random() < 0.85:
            filled = _fill(line, editor=rng.choice(EDITORS), guests=rng.randint(3, 40))
            blocks.append(("post_note", filled))
    if site["comments"] and rng.random() < 0.8:
        blocks += [("comment", line) for line in _comment_block(doc, rng)]
    if site["most_read"] and others and rng.random() < 0.7:
        blocks.append(("related_head", site["most_read"]))
        picks = rng.sample(others, min(len(others), rng.randint(3, 5)))
        blocks += [("related", title) for title in picks]
    copyrights = site["copyright"]
    if not doc.show_site and rng.random() < 0.5:
        copyrights = [c for c in copyrights if site["name"] not in c] or copyrights
    blocks.append(("copyright", rng.choice(copyrights).format(year=year)))
    blocks.append(("copyright", " | ".join(FOOTER_LINKS[hash_text(ed.site) % len(FOOTER_LINKS)])))
    return blocks, meta


def _slug(text: str) -> str:
    return "-".join(_TOKEN.findall(text.casefold()))[:60]


def render_text(doc: Doc, blocks: list[tuple[str, str]]) -> str:
    """html2text-style text with links dropped (``txt``) or markdown with link residue (``md``)."""
    # links are absolute only where the page names its site; relative links name no host
    domain = "https://" + SITES[doc.edition.site]["domain"] if doc.show_site else ""
    out = []
    md = doc.fmt == "md"
    for kind, block in blocks:
        if kind == "nav":
            items = block.split(" | ")
            if md:
                block = " | ".join(f"[{x}]({domain}/{_slug(x)}/)" for x in items)
            else:
                block = "Skip to main content\n\n" + "   ".join(items)
        elif kind == "masthead" and md:
            block = f"[{block}]({domain}/)"
        elif kind == "title":
            block = f"# {block}"
        elif kind == "caption" and md:
            block = f"![]({domain}/media/{abs(hash_text(block)) % 10**6}.jpg)\n\n{block}"
        elif kind == "related" and md:
            block = f"- [{block}]({domain}/{_slug(block)}/)"
        elif kind == "related":
            block = f"* {block}"
        out.append(block)
    return "\n\n".join(out) + "\n"


def hash_text(text: str) -> int:
    """A stable small hash (Python's own ``hash`` is salted per process)."""
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16)


def _html_body(paragraph: str) -> str:
    esc = html.escape
    if paragraph.startswith("## "):
        return f"<h2>{esc(paragraph[3:])}</h2>"
    lines = paragraph.splitlines()
    if paragraph.startswith("- "):
        return "<ul>" + "".join(f"<li>{esc(x[2:])}</li>" for x in lines) + "</ul>"
    if re.match(r"\d+\. ", paragraph):
        items = [re.sub(r"^\d+\. ", "", x) for x in lines]
        return "<ol>" + "".join(f"<li>{esc(x)}</li>" for x in items) + "</ol>"
    if paragraph.startswith("|"):
        rows = [[c.strip() for c in x.strip("|").split("|")] for x in lines if "---" not in x]
        head = "".join(f"<th>{esc(c)}</th>" for c in rows[0])
        cells = ["".join(f"<td>{esc(c)}</td>" for c in r) for r in rows[1:]]
        body = "".join(f"<tr>{c}</tr>" for c in cells)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return f"<p>{esc(paragraph)}</p>"


def html_body_label(paragraph: str) -> str:
    """What an extractor should give for one body paragraph of an HTML page."""
    if paragraph.startswith("## "):
        return paragraph[3:]
    if re.match(r"\d+\. ", paragraph):
        return "\n".join(re.sub(r"^\d+\. ", "- ", x) for x in paragraph.splitlines())
    if paragraph.startswith("|"):
        return "\n".join(x for x in paragraph.splitlines() if "---" not in x)
    return paragraph


def render_html(doc: Doc, blocks: list[tuple[str, str]], meta: dict[str, Any]) -> str:
    """A whole CMS-rendered page: head, header and nav, article, comments, footer, scripts."""
    site, ed = SITES[doc.edition.site], doc.edition
    esc, domain, slug = html.escape, site["domain"], _slug(ed.title)
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(ed.title)}{' | ' + esc(site['name']) if doc.show_site else ''}</title>",
        f'<meta property="og:title" content="{esc(ed.title, quote=True)}">',
        f'<meta property="article:published_time" content="{ed.date.isoformat()}T08:00:00Z">',
        '<link rel="stylesheet" href="/static/css/site.min.css">',
        "<script>window.dataLayer=window.dataLayer||[];"
        "function gtag(){dataLayer.push(arguments)}</script>",
    ]
    if doc.show_site:
        head.insert(3, f'<meta property="og:site_name" content="{esc(site["name"])}">')
        head.insert(4, f'<link rel="canonical" href="https://{domain}/{slug}/">')
    if meta.get("author"):
        head.append(f'<meta name="author" content="{esc(meta["author"], quote=True)}">')
    cookie = esc(COOKIES[hash_text(ed.site) % len(COOKIES)])
    top = [
        f'<div class="cookie-banner"><p>{cookie}</p><button>Accept all</button>'
        "<button>Manage choices</button></div>",
        '<a class="skip-link" href="#main">Skip to content</a>',
        '<header class="site-header">',
    ]
    places: dict[str, list[str]] = {k: [] for k in ("art", "post", "comments", "related", "foot")}
    style = hash_text(ed.site)  # each site's CMS template
    for kind, block in blocks:
        e = esc(block)
        if kind == "masthead":
            top.append(f'<div class="site-logo"><a href="/">{e}</a></div>')
        elif kind == "nav":
            links = [f'<a href="/{_slug(x)}/">{esc(x)}</a>' for x in block.split(" | ")]
            items = "".join(f"<li>{x}</li>" for x in links)
            top.append(f'<nav class="main-nav"><ul>{items}</ul></nav></header>')
        elif kind == "title":
            places["art"].append(f'<h1 class="headline">{e}</h1>')
        elif kind == "pre":
            places["art"].append(f'<div class="meta">{e}</div>')
        elif kind == "pre_note":
            places["art"].append(f"<p><em>{e}</em></p>")
        elif kind == "body":
            places["art"].append(_html_body(block))
        elif kind == "caption":
            img = f'<img src="/media/{hash_text(block) % 10**6}.jpg" alt="">'
            if style % 2:
                places["art"].append(f"<figure>{img}<figcaption>{e}</figcaption></figure>")
            else:
                places["art"].append(
                    f'<div class="wp-caption">{img}<p class="caption">{e}</p></div>'
                )
        elif kind == "post":
            places["post"].append(f'<div class="post-extra">{e}</div>')
        elif kind == "post_note":  # pasted into the article by the editor, as CMS users do
            places["art"].append(f"<p>{e}</p>")
        elif kind == "comment":
            tag = "div" if places["comments"] else "h3"
            places["comments"].append(f'<{tag} class="comment">{e}</{tag}>')
        elif kind == "related_head":
            places["related"].append(f"<h3>{e}</h3>")
        elif kind == "related":
            places["related"].append(f'<li><a href="/{_slug(block)}/">{e}</a></li>')
        else:
            places["foot"].append(f'<p class="legal">{e}</p>')
    comments, related = places["comments"], places["related"]
    thread = ("comments", "reader-responses", "discussion", "talkback")[style % 4]
    more = ("related", "more-stories", "also-read")[style % 3]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        *head,
        "</head>",
        '<body class="article-template">',
        *top,
        '<main id="main">',
        '<article class="post">',
        *places["art"],
        '<div class="post-footer">',
        *places["post"],
        "</div>",
        "</article>",
        f'<section id="{thread}">{"".join(comments)}</section>' if comments else "",
        f'<aside class="{more}">{related[0]}<ul>{"".join(related[1:])}</ul></aside>'
        if related
        else "",
        "</main>",
        '<footer class="site-footer">',
        *places["foot"],
        "</footer>",
        '<script src="/static/js/bundle.min.js" defer></script>',
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


class _Visible(HTMLParser):
    """The visible text of a page, one line per block element."""

    BLOCKS: ClassVar[set[str]] = {
        "p",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "td",
        "th",
        "tr",
        "figcaption",
        "nav",
        "header",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style", "head", "title"):
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "title"):
            self.hidden -= 1
        elif tag in self.BLOCKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.lines[-1] += data


def visible_text(page: str) -> str:
    """The page's visible text: one line per block element, blank lines dropped."""
    parser = _Visible()
    parser.feed(page)
    return "\n".join(ln.strip() for ln in parser.lines if ln.strip())


def normalise(text: str) -> str:
    """Casefold, markdown links unwrapped, whitespace collapsed: how leftovers are matched."""
    return " ".join(unwrap(text).casefold().split())


def _is_labelled_residue(line: str) -> bool:
    return len(_TOKEN.findall(line)) >= 2 and len(line) >= 10


def build() -> tuple[dict[str, bytes], list[dict[str, Any]]]:
    """Every document's bytes by file name, and the labels sorted by file name."""
    stories = parse_stories()
    all_editions = [ed for story in stories for ed in editions(story)]
    titles: dict[str, list[str]] = {}
    for ed in all_editions:
        titles.setdefault(ed.site, []).append(ed.title)
    docs: list[Doc] = []
    for ed in all_editions:
        rng = random.Random(f"{SEED}:layout:{ed.story.id}:{ed.site}")
        formats = SITES[ed.site]["formats"]
        fmt = rng.choices(list(formats), weights=list(formats.values()))[0]
        docs.append(Doc(ed, fmt, rng.random() < 0.42, 0))
    recrawl = [d for d in docs if d.edition.story.copies]
    random.Random(f"{SEED}:recrawl").shuffle(recrawl)
    for first in recrawl[: max(0, MIN_DOCUMENTS - len(docs))]:
        rng = random.Random(f"{SEED}:recrawl:{first.edition.story.id}:{first.edition.site}")
        other = rng.choice([f for f in ("txt", "md", "html", "md", "txt") if f != first.fmt])
        docs.append(Doc(first.edition, other, first.show_site, 1))
    files: dict[str, bytes] = {}
    labels = []
    for doc in docs:
        others = [t for t in titles[doc.edition.site] if t != doc.edition.title]
        blocks, meta = compose(doc, others)
        if doc.fmt == "html":
            text = render_html(doc, blocks, meta)
            body = [html_body_label(b) for k, b in blocks if k == "body"]
        else:
            text = render_text(doc, blocks)
            body = [unwrap(b) for k, b in blocks if k == "body"]
        residue = [(KINDS[k], b) for k, b in blocks if k not in ("body", "title", "nav")]
        nav = next(b for k, b in blocks if k == "nav")
        if doc.fmt == "html":
            residue.insert(0, ("legal", COOKIES[hash_text(doc.edition.site) % len(COOKIES)]))
        else:
            residue.insert(0, ("header", nav if doc.fmt == "md" else nav.replace(" | ", "   ")))
        residue = [(k, r) for k, r in residue if _is_labelled_residue(r)]
        data = text.encode("utf-8")
        name = hashlib.sha1(data).hexdigest()[:16] + EXT[doc.fmt]
        site = SITES[doc.edition.site]
        files[name] = data
        labels.append(
            {
                "file": name,
                "story": doc.edition.story.id,
                "site": site["name"],
                "site_in_text": site["name"].casefold() in text.casefold(),
                "format": doc.fmt,
                "capture": doc.capture,
                "body": "\n\n".join(body),
                "boilerplate": [r for _, r in residue],
                "boilerplate_kinds": [k for k, _ in residue],
                "metadata": meta,
            }
        )
    labels.sort(key=lambda label: label["file"])
    return files, labels


def document_text(name: str, data: bytes) -> str:
    """The text a label is checked against: visible text for HTML, unwrapped text otherwise."""
    text = data.decode("utf-8")
    return visible_text(text) if name.endswith(".html") else unwrap(text)


def _tokens_in(needle: str, haystack: str) -> bool:
    return " ".join(_TOKEN.findall(needle)) in " ".join(_TOKEN.findall(haystack))


def check(files: dict[str, bytes], labels: list[dict[str, Any]]) -> list[str]:
    """Every problem with the labels: an empty list when they are consistent with the files."""
    problems = []
    if sorted(files) != [label["file"] for label in labels]:
        problems.append("files and labels differ")
    for label in labels:
        name = label["file"]
        text = document_text(name, files[name])
        html_page = name.endswith(".html")
        for paragraph in label["body"].split("\n\n"):
            found = _tokens_in(paragraph, text) if html_page else paragraph in text
            if not found:
                problems.append(f"{name}: body paragraph not in text: {paragraph[:60]!r}")
        body = normalise(label["body"])
        for line in label["boilerplate"]:
            if normalise(line) not in normalise(text):
                problems.append(f"{name}: boilerplate line not in text: {line!r}")
            if normalise(line) in body:
                problems.append(f"{name}: boilerplate line inside the body: {line!r}")
        for key, value in label["metadata"].items():
            if key == "date":
                dt.date.fromisoformat(value)
            elif value.casefold() not in text.casefold():
                problems.append(f"{name}: metadata {key}={value!r} not in text")
    return problems


def write_set(
    files: dict[str, bytes],
    labels: list[dict[str, Any]],
    docs: Path,
    labels_path: Path,
    check_only: bool,
    script: str,
) -> int | None:
    """Check the built set; write ``docs`` and ``labels_path`` (or, with ``check_only``, say
    whether they are stale). An exit status to return at once, or None once written."""
    problems = check(files, labels)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    lines = "".join(json.dumps(label, ensure_ascii=False) + "\n" for label in labels)
    if check_only:
        on_disk = {p.name: p.read_bytes() for p in docs.iterdir()} if docs.exists() else {}
        stale = on_disk != files or not labels_path.exists()
        stale = stale or labels_path.read_text("utf-8") != lines
        print(f"stale: rerun {script}" if stale else "up to date")
        return 1 if stale else 0
    docs.mkdir(exist_ok=True)
    for old in docs.iterdir():
        if old.name not in files:
            old.unlink()
    for name, data in files.items():
        (docs / name).write_bytes(data)
    labels_path.write_text(lines, "utf-8")
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if docs/ or labels are stale")
    args = parser.parse_args(argv)
    files, labels = build()
    status = write_set(files, labels, DOCS, LABELS, args.check, "make_generalise.py")
    if status is not None:
        return status
    sites = {label["site"] for label in labels}
    formats = {f: sum(lb["format"] == f for lb in labels) for f in EXT}
    print(
        f"{len(labels)} documents, {len({lb['story'] for lb in labels})} stories, "
        f"{len(sites)} sites, formats {formats}, "
        f"site in text {sum(lb['site_in_text'] for lb in labels)}, "
        f"site label {sum('site' in lb['metadata'] for lb in labels)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
