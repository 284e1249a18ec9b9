"""Site furniture of the kinds dev2 carries: each rule removes its line in a document, and the
body sentences that look like it stay."""

from __future__ import annotations

import pytest

from cleancorpus import clean

from .furniture import BODY, removed_by
from .furniture import CLOSING as LAST


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Quote · Like (3) · Report post", "widget.action_row"),
        ("▲ 12 ▼ | reply | share | report", "widget.action_row"),
        ("Pin this recipe to your baking board for later!", "widget.save_for_later"),
        ("IMG_1234.jpg (412 KiB) Viewed 88 times", "caption.attachment"),
        ("Want more like this? Our river letter lands every Tuesday.", "promo.newsletter"),
        ("Get the morning briefing in your inbox: sign up free.", "promo.newsletter"),
        (
            "Stories like this one exist because 900 members pay for them. Join them today.",
            "appeal.made_possible",
        ),
        ("Part three of our series on growing food in shared plots.", "note.series"),
        ("Editor's note: an earlier version of this story gave the wrong date.", "note.editor"),
        (
            "We earn a small fee when you buy through our links, at no cost to you.",
            "disclosure.affiliate",
        ),
        ("Figure 2 (click the figure for a larger version)", "caption.click_to_enlarge"),
    ],
)
def test_a_furniture_line_between_paragraphs_goes(line: str, rule: str) -> None:
    first, second = BODY.split("\n\n")
    text = f"{first}\n\n{line}\n\n{second}\n\n{LAST}"
    assert clean(text).text == f"{first}\n\n{second}\n\n{LAST}"
    assert removed_by(text)[line] == rule


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Prices were checked when we published and change often.", "footer.price_note"),
        (
            "Republish this story for free under our Creative Commons licence.",
            "footer.republish_terms",
        ),
        ("Board index » Layouts » Electrics and control", "footer.breadcrumb"),
        ("Unsubscribe · Update your preferences · View in browser", "footer.newsletter"),
        (
            "This letter is written by two people and a dog. Hit reply and say hello.",
            "footer.newsletter",
        ),
        (
            "We are a nonprofit newsroom. Your gift is tax-deductible; give today.",
            "footer.donation_appeal",
        ),
        ("Follow us wherever you read: Mastodon · RSS · Bluesky", "footer.follow_us"),
        ("Listed under › Environment › Rivers", "footer.tags"),
        ("Translated from the Welsh by Ann Lee.", "footer.credits"),
        (
            "This story was first published by Saltgrass Dispatch. It is shared here with consent.",
            "footer.first_published",
        ),
    ],
)
def test_a_footer_line_goes(line: str, rule: str) -> None:
    text = f"{BODY}\n\n{line}\n"
    assert clean(text).text == BODY
    assert removed_by(text)[line] == rule


@pytest.mark.parametrize(
    "sentence",
    [
        "It is part of a series of reforms the council began in 2019.",
        "Residents can reply to the consultation until Friday.",
        "The shop earns most of its money in the summer, when the ferries run.",
        "Prices at the market rose by a tenth last year.",
        "She saved the recipe her grandmother wrote for later generations.",
        "Readers asked whether the letter would arrive in their inbox or by post.",
        "The editor of the paper said the note had been sent in error.",
        "Translated from the Welsh, the name means black pool.",
        "Reporting from the front line was never safe.",
        "Reporting by the county's own statisticians puts the growth a little lower.",
    ],
)
def test_body_sentences_that_look_like_furniture_stay(sentence: str) -> None:
    text = f"{BODY}\n\n{sentence}\n\n{LAST}"
    assert clean(text).text == text


def test_a_note_between_paragraphs_encloses_no_body_line_above_the_footer() -> None:
    note = "Editor's note: an earlier version of this story gave the wrong date for the vote."
    promo = "Get the morning briefing in your inbox: sign up free."
    text = f"{BODY}\n\n{promo}\n\n{note}\n\n{LAST}\n\n© Harbour Times 2024. All rights reserved.\n"
    assert clean(text).text == f"{BODY}\n\n{LAST}"


def test_the_footer_zone_goes_on_above_a_most_read_list() -> None:
    headlines = "\n\n".join(
        ["Northern bakery reopened on Tuesday", "Gradual school doubled by next year"] * 2
    )
    text = f"{BODY}\n\n© Harbour Times 2024. All rights reserved.\n\nMost read\n\n{headlines}\n"
    result = clean(text)
    assert result.text == BODY
    assert {r.rule for r in result.removals} >= {"footer.copyright", "footer.related.section"}


def test_a_list_at_the_end_of_an_article_is_not_a_section() -> None:
    steps = "- Heat the oven.\n- Rub in the butter.\n- Bake for forty minutes."
    text = f"{BODY}\n\nMethod\n\n{steps}\n\nShare this:\n"
    assert clean(text).text == f"{BODY}\n\nMethod\n\n{steps}"


def test_bylines_of_other_shapes_lift_the_author() -> None:
    for line in ("Words: Ann Roe. Pictures: Bo Lind.", "Tested by Ann Roe | Updated 4 May 2023"):
        result = clean(f"# The ferry returns\n\n{line}\n\n{BODY}")
        assert result.text == BODY
        assert result.metadata["author"] == "Ann Roe"


def test_tag_lines_with_arrows_split_into_tags() -> None:
    result = clean(f"{BODY}\n\nTopics → Camping · Walking · Kit\n")
    assert result.text == BODY
    assert result.metadata["tags"] == ["Camping", "Walking", "Kit"]
