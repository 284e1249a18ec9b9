"""Widget rows and notes of the kinds dev5 carries (audio players, view counts, text-size
rows, corrections, translation notes, content warnings, reading pointers and
dashed tag rows): each rule removes its line, and the body lines that look like it stay."""

from __future__ import annotations

import pytest

from cleancorpus import clean
from cleancorpus.cleaning.asides import ASIDE_RULES
from cleancorpus.cleaning.rules import DEFAULT_RULES

from .furniture import BODY, FIRST, removed_by
from .furniture import SECOND as LAST


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("🎧 Play audio version (5:28)", "widget.audio_player"),
        ("9 min listen · Hear this story read aloud", "widget.audio_player"),
        ("Vorlesen lassen · 4 Min.", "widget.audio_player"),
        ("Escuchar noticia (4:10)", "widget.audio_player"),
        ("Écouter l'article · 3 min", "widget.audio_player"),
        ("Seen 412 times", "widget.view_count"),
        ("Views: 701 · Saves: 53", "widget.view_count"),
        ("534× gelesen · Merken · Drucken", "widget.view_count"),
        ("345 lecturas · Guardar · Imprimir", "widget.view_count"),
        ("A− A A+ · Print · Keep for later", "widget.text_size"),
        ("Erratum: the mayor's surname was misspelled in the print edition.", "note.correction"),
        ("Korrektur: In einer früheren Fassung stand ein falsches Datum.", "note.correction"),
        ("Fe de erratas: una versión anterior atribuía la cita a otro.", "note.correction"),
        ("Rectificatif : le montant a été corrigé le 3 mars 2024.", "note.correction"),
        ("Clarification (4 June 2024): an earlier version gave the wrong ward.", "note.correction"),
        ("Translated from the Welsh by Marek Okafor.", "note.translated"),
        ("Aus dem Englischen übersetzt von Ines Brand", "note.translated"),
        ("Heads-up: this piece discusses a fatal crash.", "note.content_warning"),
        ("Content warning: this story describes self-harm.", "note.content_warning"),
        ("This post contains spoilers for the final episode.", "note.content_warning"),
        ("Further reading: How the fens were drained", "widget.read_more_line"),
        ("Editor's picks: Ten walks along the estuary", "widget.read_more_line"),
        ("Further reading: [How the fens were drained](/s/12)", "widget.read_more_link"),
    ],
)
def test_an_aside_line_between_paragraphs_goes(line: str, rule: str) -> None:
    text = f"{FIRST}\n\n{line}\n\n{LAST}\n"
    assert clean(text).text == BODY
    assert removed_by(text)[line] == rule


@pytest.mark.parametrize(
    "line",
    [
        "Play the audio version of the speech before you judge it, the mayor urged.",
        "Listen to the river.",
        "Seen 40 times since March, the ferry still runs late.",
        "Views from the ridge are the best in the county.",
        "Correction fluid was all the clerk had left in the drawer.",
        "Correction: the council has not met since May.",
        "In plain words, translated by the clerk for us, the report says the ferry will be late.",
        "Heads of the two schools met on Friday.",
        "Disclosure of the figures was delayed until after the vote.",
        "Further reading of the minutes shows the vote was close.",
        "The photo, taken in 1962, shows the mill before the second floor was added.",
        "Credit unions lent more to small farms last year than the two banks did.",
    ],
)
def test_a_body_line_that_looks_like_an_aside_stays(line: str) -> None:
    text = f"{FIRST}\n\n{line}\n\n{LAST}\n"
    assert clean(text).text == text.strip()


def test_a_dashed_tag_row_under_the_body_goes() -> None:
    row = "Keywords — mills, wool, heritage"
    text = f"{BODY}\n\n{row}\n"
    assert clean(text).text == BODY
    assert removed_by(text)[row] == "footer.tags_dashed"


def test_a_dashed_topic_sentence_under_the_body_stays() -> None:
    text = f"{BODY}\n\nTopics — and there were many — came up again and again at the meeting.\n"
    assert clean(text).text == text.strip()


def test_aside_rules_are_default_anywhere_rules_bounded_and_cued() -> None:
    for rule in ASIDE_RULES:
        assert rule in DEFAULT_RULES
        assert rule.where == "anywhere"
        assert rule.max_words is not None and rule.max_words <= 60
        assert rule.cues
