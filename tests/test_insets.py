"""Lines set into a body of the kinds dev4 carries (captions and credits, viewer controls,
editors' notes, hashtag rows, note-count comment headings): each rule removes its line
between paragraphs, and the body lines that look like it stay."""

from __future__ import annotations

import pytest

from cleancorpus import clean
from cleancorpus.cleaning.insets import INSET_RULES
from cleancorpus.cleaning.rules import DEFAULT_RULES

from .furniture import BODY, FIRST, removed_by
from .furniture import SECOND as LAST


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Illustration by Ines Larch", "caption.credit_by"),
        ("Styled and shot by Bram Venn", "caption.credit_by"),
        ("Screenshot by Dagny Oak / Fieldnote Review", "caption.credit_by"),
        ("*Boats at dawn.* Picture by Ann Roe for the Herald", "caption.credit_by"),
        ("Image via Tessa Moll on a community photo board", "caption.credit_by"),
        ("Residents wait outside the town hall (Foto: Marek Venn)", "caption.trailing_credit"),
        ("(Two inspectors at the quarry. Courtesy of Olga Brune)", "caption.trailing_credit"),
        ("Le vieux pont vu depuis la passerelle. © Photo Priya Larch", "caption.trailing_credit"),
        ("Map data © 2023 survey office, drawn by Bram Siddel", "caption.trailing_credit"),
        ("A crowd waits for the vote. Credit: Tessa Harr / Ridge Post", "caption.trailing_credit"),
        ("Pictured: A crowd waits for the vote", "caption.pictured"),
        ("(Pictured: Floodwater at the bakery)", "caption.pictured"),
        ("Video: Two growers inspect the cracked wall (9:47)", "caption.media_duration"),
        ("Photo d'illustration", "caption.illustrative"),
        ("Photo illustration: floodwater at the steps", "caption.illustrative"),
        ("Enlarge this picture", "caption.viewer_control"),
        ("Zur Bildergalerie (3 Fotos)", "caption.viewer_control"),
        ("Swipe for more photos (6)", "caption.viewer_control"),
        ("[image: A crowd waits for the vote]", "caption.bracketed_media"),
        ("(pic attached below, click for the big version)", "caption.click_hint"),
        ("Source: Tidewater Almanac / county weather records", "caption.source_pair"),
        ("A note to readers: two names have been withheld at their request.", "note.labelled"),
        ("Mod note: merged two threads on the same topic.", "note.labelled"),
        ("Anmerkung der Redaktion: Der Artikel wurde ergänzt.", "note.labelled"),
        ("This article was amended on 5 May 2024 to correct the year.", "note.amended"),
        ("Update, 23 August 2024: this story now includes the reply.", "note.amended"),
        ("Reporting for this story was supported by a journalism grant.", "note.funding"),
    ],
)
def test_an_inset_line_between_paragraphs_goes(line: str, rule: str) -> None:
    text = f"{FIRST}\n\n{line}\n\n{LAST}\n"
    assert clean(text).text == BODY
    assert removed_by(text)[line] == rule


@pytest.mark.parametrize(
    "line",
    [
        "The photo, taken in 1962, shows the mill before the second floor was added.",
        "Credit unions lent more to small farms last year than the two banks did.",
        "Pictures from the archive were handed to the museum in a shoebox.",
        "Photographs by Ansel Adams hang in the hall of the county library.",
        "The chart the council published in May left out the winter months entirely.",
        "Source material for the survey came from three parish registers.",
        "(Graphic: Global assets in 2019 - here)",
        'She said: "Take a photo of the crack and send it to the engineers."',
        "This report was amended by the council twice before the vote.",
        "This project was funded by the county and two local trusts.",
        "Update 14:05: the ferry has left the harbour with 40 passengers on board.",
        "Click the photo icon on the council's page to report a pothole, the clerk said.",
    ],
)
def test_a_body_line_that_looks_like_an_inset_stays(line: str) -> None:
    text = f"{FIRST}\n\n{line}\n\n{LAST}\n"
    assert clean(text).text == text.strip()


@pytest.mark.parametrize(
    ("row", "rule"),
    [
        ("Like | Quote | Flag | Share link", "widget.action_row"),
        ("Print · Pin · Email · Jump to recipe", "widget.action_row"),
        ("Cook it with: #autumn #onepot #vegetarian", "footer.hashtag_list"),
    ],
)
def test_a_row_under_the_body_goes(row: str, rule: str) -> None:
    text = f"{BODY}\n\n{row}\n"
    assert clean(text).text == BODY
    assert removed_by(text)[row] == rule


def test_a_heading_that_counts_notes_opens_a_thread() -> None:
    thread = "5 cooks left a note\n\nquietfox ★★★★★\n\nLovely.\n\nlintel ★★★★\n\nToo salty."
    result = clean(f"{BODY}\n\n{thread}\n")
    assert result.text == BODY
    assert [r.rule for r in result.removals if r.text.startswith("5 cooks")] == ["comments.thread"]


def test_a_hashtag_or_count_inside_the_body_stays() -> None:
    text = f"{FIRST}\n\n#1 on the list was the ferry, #2 the bridge.\n\n{LAST}"
    assert clean(text).text == text


def test_inset_rules_are_default_anywhere_rules_bounded_and_cued() -> None:
    for rule in INSET_RULES:
        assert rule in DEFAULT_RULES
        assert rule.where == "anywhere"
        assert rule.max_words is not None and rule.max_words <= 100
        assert rule.cues
