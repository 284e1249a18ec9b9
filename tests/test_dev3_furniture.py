"""Furniture of the kinds dev3 carries (other wordings, German, French and Spanish sites,
one-cell layout tables, comment threads of new shapes): each rule removes its line in a
document, and the body lines that look like it stay."""

from __future__ import annotations

import pytest

from cleancorpus import TextCleaner, clean
from cleancorpus.cleaning.comments import _marker_kind, thread_start
from cleancorpus.cleaning.lines import split_lines
from cleancorpus.learning.boilerplate import learn_boilerplate, line_key

from .furniture import BODY, removed_by
from .furniture import CLOSING as LAST
from .test_learned import story


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Reproduced from The Ledger, where it appeared first.", "footer.carried_from"),
        ("Cross-posted from Ann's Kitchen.", "footer.carried_from"),
        ("A version of this report ran first at The Ledger.", "footer.carried_from"),
        ("Übernommen vom Stadtblatt, mit freundlicher Genehmigung.", "footer.carried_from"),
        ("Texte repris de La Voix du Port avec son accord.", "footer.carried_from"),
        ("Publicado originalmente en El Puerto.", "footer.carried_from"),
        ("Cet article vous a plu ? Faites-le suivre à vos proches.", "footer.share_appeal"),
        ("Ihnen gefällt dieser Artikel? Empfehlen Sie ihn weiter!", "footer.share_appeal"),
        ("Shelved under: Outdoors; Kit; Long reads", "footer.label_list"),
        ("Subjects ⇒ frost, fog, rain", "footer.label_list"),
        ("Rubriques : Cuisine · Saison · Famille", "footer.label_list"),
        ("Appears in: [Town hall](/s/th) ; [Roads](/s/roads)", "footer.label_list"),
        (
            "Reproduction interdite sans accord écrit — droits réservés 2024",
            "footer.rights_reserved",
        ),
        ("Queda prohibida su reproducción.", "footer.rights_reserved"),
        ("Únete a nuestros canales de Telegram para no perderte nada", "footer.follow_us"),
        ("Pitch in what you can: 40 readers already did this month.", "footer.donation_appeal"),
        ("| Imprimer · Envoyer · Partager sur le fil |", "widget.share"),
    ],
)
def test_a_footer_line_goes(line: str, rule: str) -> None:
    text = f"{BODY}\n\n{line}\n"
    assert clean(text).text == BODY
    assert removed_by(text)[line] == rule


def test_an_origin_line_names_the_original_source() -> None:
    result = clean(f"{BODY}\n\nÜbernommen vom Stadtblatt, mit freundlicher Genehmigung.\n")
    assert result.metadata["original_source"] == "Stadtblatt"


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Ebenfalls interessant: Der Hafen wächst", "widget.read_more_line"),
        ("À découvrir aussi : Le port en chiffres", "widget.read_more_line"),
        ("Te puede interesar: El puerto crece", "widget.read_more_line"),
        ("This is instalment 4 of our occasional winter series.", "note.series"),
        ("[attachment: IMG_2276_bench.png — 16 KB, opened 17 times]", "caption.attachment"),
        ("📌 Save it to your recipe board for later", "widget.save_for_later"),
        ("Helpful? [31]  Not helpful? [5]  Flag this post", "widget.action_row"),
        ("👍 12   💬 Answer   🚩 Report   🔗 Copy link", "widget.action_row"),
        (
            "A purchase through the links below may send a few pennies our way.",
            "disclosure.affiliate",
        ),
    ],
)
def test_a_furniture_line_between_paragraphs_goes(line: str, rule: str) -> None:
    first, second = BODY.split("\n\n")
    text = f"{first}\n\n{line}\n\n{second}\n\n{LAST}"
    assert clean(text).text == f"{first}\n\n{second}\n\n{LAST}"
    assert removed_by(text)[line] == rule


@pytest.mark.parametrize(
    "sentence",
    [
        "Copyright law was never the issue, the planning officer said.",
        "The newsletter the council sent to every home in March never mentioned the closure.",
        "Share prices at the cooperative fell by a third after the vote.",
        "Comments from residents (all 212 of them) were read out at the start of the meeting.",
        "Readers who want to follow the inquiry can attend the hearing on Thursday.",
        "Serve with: rice, salad or bread.",
        "| 250 g of flour |",
    ],
)
def test_body_lines_that_look_like_furniture_stay_at_the_end(sentence: str) -> None:
    text = f"{BODY}\n\n{sentence}\n\n{LAST}"
    assert clean(text).text == text
    assert clean(f"{BODY}\n\n{sentence}").text == f"{BODY}\n\n{sentence}"


def test_a_labelled_byline_lifts_the_author() -> None:
    result = clean(f"# Plum traybake\n\nRecipe card by Ines Brune · prep 25 min\n\n{BODY}")
    assert result.text == BODY
    assert result.metadata["author"] == "Ines Brune"


def test_a_masthead_with_a_tilde_tagline_is_no_title() -> None:
    text = "Tinplate Makers Board ~ where solder meets sawdust\n\nMy point motor hums at night\n\n"
    result = clean(text + BODY)
    assert result.text == BODY
    assert result.metadata["title"] == "My point motor hums at night"


THREADS = {
    "en": (
        "Reader responses [3]",
        "Every response is moderated before publication; abusive posts are removed.",
        ["tomas_r wrote at 10:42:", "Spot on, thank you.", "Aoife wrote at 11:05:", "Hmm, no."],
    ),
    "de": (
        "Was unsere Leser meinen (2)",
        "Kommentare werden vor der Freischaltung von der Redaktion geprüft.",
        [
            "lintel schrieb am 10. Januar 2025:",
            "Genau so war es.",
            "ZoltanV schrieb am 3. Mai 2024:",
            "Bei uns ist es genauso.",
        ],
    ),
    "fr": (
        "Vos réactions (2)",
        "Les réactions injurieuses sont supprimées sans préavis.",
        [
            "quietfox — il y a 3 heures",
            "Merci pour cet article.",
            "lintel — il y a 5 heures",
            "Vivement la suite !",
        ],
    ),
    "es": (
        "Opiniones de los lectores (2)",
        "Los mensajes ofensivos serán eliminados por la moderación.",
        [
            "Aoife dijo:",
            "Muy buen artículo.",
            "Contestar",
            "tomas_r dijo:",
            "No estoy de acuerdo.",
            "Contestar",
        ],
    ),
    "scored": (
        "3 people weighed in",
        "",
        [
            "↳ corvid.watch (53 pts)",
            "Who signed this off?",
            "↳ kettle_black (8 pts)",
            "Saving this one.",
        ],
    ),
}


@pytest.mark.parametrize("shape", sorted(THREADS))
def test_comment_threads_of_new_shapes_go_with_their_heading(shape: str) -> None:
    heading, policy, items = THREADS[shape]
    thread = "\n\n".join([heading, *([policy] if policy else []), *items])
    result = clean(f"{BODY}\n\n{thread}\n")
    assert result.text == BODY


@pytest.mark.parametrize("shape", sorted(THREADS))
def test_comment_markers_of_new_shapes_make_a_thread_without_a_heading(shape: str) -> None:
    items = THREADS[shape][2]
    lines = split_lines(f"{BODY}\n\n" + "\n\n".join(items + items))
    start = thread_start(lines)
    assert start is not None and lines[start].content == items[0]


@pytest.mark.parametrize(
    "line",
    [
        "The council wrote at length:",
        "He said on Monday:",
        "- Ann Roe (12 points)",
        "| Ann Roe | 12 pts |",
        "## Ann Roe (12 pts)",
        "Route 66 · 3h",
        "Ann Roe (12 pts)",
    ],
)
def test_article_lines_are_no_comment_markers(line: str) -> None:
    assert _marker_kind(line) == ""


def test_scored_names_over_paragraphs_are_no_thread() -> None:
    names = ("Ann Roe", "Bo Lind", "Cy Moss")
    prose = "She led the scoring from the first quarter and the visitors never caught up."
    text = f"{BODY}\n\n" + "\n\n".join(
        f"{name} (1{i} pts)\n\n{prose}" for i, name in enumerate(names)
    )
    assert clean(text).text == text


def test_a_scored_list_of_names_with_prose_is_no_thread() -> None:
    rows = [f"- {name} (1{i} pts)" for i, name in enumerate(("Ann Roe", "Bo Lind", "Cy Moss"))]
    prose = "Each of them finished the course in under an hour, a club record for the season."
    text = f"{BODY}\n\nThe winners\n\n" + "\n\n".join(f"{r}\n\n{prose}" for r in rows)
    assert clean(text).text == text


def test_spec_table_rows_need_the_share_of_a_scope() -> None:
    row = "| Fenlight 2 | 396 g | 85 |"
    stories = [story(seed) for seed in range(8)]
    docs = [(f"r{i}.md", "", f"{stories[i]}\n\n| Model | Weight |\n{row}") for i in range(3)]
    docs += [(f"x{i}.md", "", stories[i]) for i in range(3, 8)]  # 3 of 8: under the share
    learned = learn_boilerplate(docs)
    assert line_key(row) not in {b.key for b in learned.blocks}
    prose = "A sentence of prose that three reviews end with, word for word."
    docs = [(i, s, t.replace(row, prose)) for i, s, t in docs]
    assert line_key(prose) in {b.key for b in learn_boilerplate(docs).blocks}


def test_a_learned_box_at_the_end_uncovers_the_footer_zone_above_it() -> None:
    box = (
        "Readers keep this paper going: if the Review was worth your time this week, put a "
        "coin in the tin at any of our twelve village shops."
    )
    owner = (
        "The Review is owned by its readers' co-operative, and no advertiser, council or "
        "landlord ever sees a story before you do, whatever they pay."
    )
    docs = [(f"s{i}.md", "", f"{story(i)}\n\n{box}\n\n{owner}") for i in range(4)]
    learned = learn_boilerplate(docs)
    text = f"{story(9)}\n\nSupplied by Upland Wire.\n\n{box}\n\n{owner}"
    cleaner = TextCleaner()
    assert "Supplied by" in cleaner.clean(text).text  # the rules alone see no footer zone
    result = learned.apply(cleaner.clean(text), "", cleaner.clean)
    assert result.text == story(9)
    assert result.metadata["original_source"] == "Upland Wire"
