"""The invented sites of the dev2 set (``make_dev2.py``): each site's furniture, as data.

Templates are filled per document: ``{year}``, ``{n}`` and ``{m}`` (counts), ``{day}`` (a
date), ``{author}``, ``{handle}``, ``{title}``, ``{clock}``, ``{file}``; ``{{count}}`` in a
comment heading is the thread's length, ``{{origin}}`` in an origin line the first site's
name. All wording is written for this set.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Thread:
    heading: str
    policy: str
    shape: tuple[str, ...]  # lines of one item: {handle}, {said}, {age}, {n}, {headline}
    more: str


@dataclass(frozen=True)
class Site:
    name: str
    ext: str
    kind: str
    top: tuple[str, ...] = ()
    byline: tuple[str, ...] = ()
    inbody: tuple[str, ...] = ()
    tags: str = ""
    bottom: tuple[str, ...] = ()
    comments: Thread | None = None
    origin: str = "This article was first carried by {{origin}} and appears here with consent."


COMMENTS = (
    "Finally someone wrote this down.",
    "Same thing happened on our street last year.",
    "Who is paying for all of it though?",
    "Great piece, thanks for digging.",
    "I was there and it was much busier than this says.",
    "Not convinced, to be honest.",
    "My gran would have loved this.",
    "Any update on the other site?",
    "This is why I still read local news.",
    "Utter nonsense from start to finish.",
    "Bookmarked for the weekend.",
    "Can confirm, the queue was huge.",
)

SITES: dict[str, Site] = {
    "copperwick": Site(
        "Copperwick Ledger",
        ".md",
        "news",
        top=("**COPPERWICK LEDGER** · Local news for the Wick valley",),
        byline=("By {author} · Senior reporter", "Filed {day}, {clock}"),
        inbody=("*Tap the map to see it at full size.*",),
        tags="More on: [Rail](/t/rail), [Budget](/t/budget)",
        bottom=(
            "Text © {year} Copperwick Ledger Media. Do not republish without a licence.",
            "Readers keep the Ledger going. Give monthly and get the print edition free.",
        ),
        comments=Thread(
            "Join the discussion ({{count}})",
            "Every comment is read by an editor before it goes live.",
            ("{handle} · {age}", "{said}"),
            "Show older comments",
        ),
    ),
    "thistledown": Site(
        "Thistledown Forum",
        ".txt",
        "forum",
        top=("Thistledown Forum: hobby talk for model railway builders since 2009",),
        byline=("Re: {title}", "Post by {handle} » {day} {clock} pm"),
        inbody=("{file}.jpg (412 KiB) Viewed {m} times",),
        bottom=(
            "Quote · Like ({n}) · Report post",
            "Board index » Layouts » Electrics and control",
            "Thistledown Forum: hobby talk for model railway builders since 2009",
        ),
    ),
    "gearnest": Site(
        "Gearnest Reviews",
        ".md",
        "review",
        top=("We earn a small fee when you buy through our links, at no cost to you.",),
        byline=("Tested by {author} | Updated {day}",),
        inbody=("Pictures: our own test team",),
        tags="Topics → Camping · Walking · Kit",
        bottom=(
            "Prices were checked when we published and change often.",
            "Get our deals letter in your inbox every Friday. One email, no spam.",
        ),
    ),
    "hollowbrook": Site(
        "Hollowbrook Kitchen",
        ".html",
        "recipe",
        top=("Jump to recipe · Print recipe",),
        byline=("Posted {day} by {author}",),
        inbody=("Pin this recipe to your baking board for later!",),
        tags="Filed in: Baking, Weekend",
        bottom=("Rate this recipe: ★★★★★ ({m} votes)",),
        comments=Thread(
            "{{count}} thoughts on “{title}”",
            "",
            ("{handle} says:", "{said}", "Reply"),
            "",
        ),
    ),
    "saltgrass": Site(
        "Saltgrass Dispatch",
        ".md",
        "news",
        byline=("Reporting by {author}", "{day}"),
        inbody=("Image courtesy of the county records office",),
        tags="Listed under › Environment › Rivers",
        bottom=(
            "We are a nonprofit newsroom. Your gift is tax-deductible; give today.",
            "Republish this story for free under our Creative Commons licence.",
        ),
    ),
    "pebblecourt": Site(
        "Pebblecourt Weekly",
        ".txt",
        "qa",
        top=(
            "You're reading a weekly letter about small towns. Forwarded this? "
            "Subscribe at no cost.",
        ),
        byline=("Issue {m} · {day}",),
        inbody=("Part three of our series on growing food in shared plots.",),
        bottom=(
            "Unsubscribe · Update your preferences · View in browser",
            "This letter is written by two people and a dog. Hit reply and say hello.",
        ),
        origin="Originally posted by {{origin}}; shared with this week's letter.",
    ),
    "mirefield": Site(
        "Mirefield Science Blog",
        ".html",
        "qa",
        top=("Mirefield Science Blog | notes from the soil lab",),
        byline=("{author} — {day}",),
        inbody=("Figure 2 (click the figure for a larger version)",),
        tags="Keywords → soil, roots, water",
        bottom=("Share: Mastodon · Bluesky · Email",),
        comments=Thread(
            "{{count}} replies",
            "Be kind: we remove rude replies without notice.",
            ("{said}", "— {handle}, {age} ago"),
            "Load more replies",
        ),
    ),
    "brindlewood": Site(
        "Brindlewood Post",
        ".md",
        "news",
        byline=("Words: {author}. Pictures: {author}.", "Last edited {n} days ago"),
        inbody=("Stories like this one exist because {m} members pay for them. Join them today.",),
        bottom=(
            "Follow us wherever you read: Mastodon · RSS · Bluesky",
            "This paper is owned by its readers and answers to nobody else.",
        ),
        comments=Thread(
            "What readers are saying",
            "Our comment rules: be civil, stay on topic, no links.",
            ("**{handle}**", "{said}", "{n} likes · Reply"),
            "See more comments",
        ),
        origin="This story was first published by {{origin}}. It is shared here with permission.",
    ),
    "quarrystone": Site(
        "Quarrystone Times",
        ".html",
        "news",
        top=("Quarrystone Times › News › County",),
        byline=("Quarrystone Times staff | Updated {day}",),
        inbody=(
            "Get the morning briefing from the Times in your inbox: sign up free.",
            "Editor's note: an earlier version of this story gave the wrong date for the vote.",
        ),
        bottom=("© Quarrystone Times {year}. All rights reserved.",),
        comments=Thread(
            "Most read",
            "",
            ("{headline}",),
            "",
        ),
        origin="First published by {{origin}}, a partner newsroom.",
    ),
    "fernhollow": Site(
        "Fernhollow Gardening Club",
        ".txt",
        "garden",
        top=("Fernhollow Gardening Club — grow, swap, share",),
        byline=("Started by {handle}, {day}",),
        bottom=(
            "▲ {n} ▼ | reply | share | report",
            "Fernhollow Gardening Club — grow, swap, share",
        ),
        comments=Thread(
            "{{count}} comments",
            "Comments are held for review by the club moderators.",
            ("{handle}: {said}",),
            "View all comments",
        ),
    ),
    "wrenmarsh": Site(
        "Wrenmarsh Daily",
        ".md",
        "news",
        top=("Part of our series: Waterways Under Pressure",),
        byline=("Story by {author} on {day}",),
        inbody=("Want more like this? Our river letter lands every Tuesday.",),
        tags="Topics: rivers / councils / water",
        bottom=("All material © the publisher {year}, unless stated otherwise.",),
        comments=Thread(
            "Conversation ({{count}})",
            "Comments close after seven days.",
            ("{handle} {age}", "{said}", "Reply · Share · Report"),
            "Load more",
        ),
    ),
}
