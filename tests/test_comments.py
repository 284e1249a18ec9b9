"""Comment threads: which lines mark a comment, and that article sentences are never one."""

from __future__ import annotations

import pytest

from cleancorpus import clean
from cleancorpus.cleaning.comments import _says_line
from cleancorpus.cleaning.lines import words

ARTICLE = (
    "Flood waters rose across the valley overnight, and hundreds of homes were evacuated as "
    "the river broke its banks in three places near the town centre."
)


@pytest.mark.parametrize(
    "line",
    [
        "jsmith says:",
        "pier_rat says:",
        "Mary Lee replied",
        "John Smith says",
        "ann says: May 3, 2017 at 9:14 am",
        "On 3 May 2017, Tom wrote:",
        "On Mon, Mar 3, 2017 at 10:15 AM, John Smith wrote:",
    ],
)
def test_a_commenter_and_a_verb_mark_a_comment(line: str) -> None:
    assert _says_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "The mayor said she was pleased with the response.",
        "Officials said the road would reopen Monday.",
        "Officials said: the road reopens on Monday",
        "A new study says city parks are getting busier at night.",
        "Instructor Sasha Brandt said the course covers three things:",
        "What the State Says",
        "On Wednesday, the PMU spokesperson, **Ahmed al-Assadi**, said",
    ],
)
def test_article_sentences_with_says_are_not_markers(line: str) -> None:
    assert not _says_line(line)


def test_short_paragraphs_that_quote_people_stay_in_the_article() -> None:
    text = (
        f"{ARTICLE}\n\nOfficials said the road would reopen Monday.\n\n"
        "The mayor said she was pleased with the response.\n"
    )
    result = clean(text)
    assert result.text == text.strip()
    assert {r.rule for r in result.removals} == {"whitespace"}  # the final newline


def test_a_wordpress_thread_goes_and_the_article_stays() -> None:
    thread = (
        "3 Comments\n\njsmith says:\n\nJune 4, 2019 at 9:12 am\n\n"
        "Great to see the council finally acting on this.\n\nReply\n\n"
        "pier_rat says:\n\nJune 4, 2019 at 11:40 am\n\nAbout time, too.\n\nReply\n"
    )
    result = clean(f"{ARTICLE}\n\nOfficials said the road would reopen Monday.\n\n{thread}")
    assert result.text == f"{ARTICLE}\n\nOfficials said the road would reopen Monday."
    assert any(r.rule.startswith("comments") for r in result.removals)


# Evidence: a short line above a paragraph is a subheading, a step, a list or a table cell
# as often as a commenter's name. None of these is a thread (issue 11).

INTRO = {
    "de": "Wir haben das Gerät vier Wochen lang im Alltag getestet, in der Küche, im Büro und "
    "unterwegs, und dabei auf Akku, Lautstärke und Verarbeitung geachtet.",
    "fr": "Cette recette familiale se prépare en une heure environ et se garde très bien deux "
    "jours au réfrigérateur, ce qui en fait un plat idéal pour la semaine.",
    "es": "Repasamos a los deportistas que más han marcado la temporada, con sus logros, sus "
    "cifras y lo que cabe esperar de ellos en los próximos meses.",
    "en": "The foundation's board met on Thursday to approve next year's grants, and it also "
    "welcomed three new members who will serve until the end of 2027.",
}

NOT_THREADS = {
    "de-fazit": INTRO["de"] + "\n\nGeräusche\n\nIm Betrieb bleibt das Gerät angenehm leise, "
    "nur beim Anlaufen ist ein kurzes Brummen zu hören.\n\nFazit\n\nWer ein robustes Gerät "
    "sucht, wird hier fündig. Der Preis ist hoch, die Verarbeitung rechtfertigt ihn aber.",
    "de-table": INTRO["de"] + "\n\nGewicht\n\n1,2 kg\n\nFarbe\n\nSchwarz\n\nAkku\n\n"
    "4000 mAh\n\n| Gewicht | 1,2 kg |\n| Farbe | Schwarz |\n| Akku | 4000 mAh |",
    "fr-recipe": INTRO["fr"] + "\n\nÉtape 1\n\nPréchauffer le four à 180 degrés et beurrer "
    "le moule.\n\nÉtape 2\n\nMélanger la farine, le sucre et les œufs.\n\nÉtape 3\n\n"
    "Verser la pâte dans le moule et enfourner pour quarante minutes.",
    "es-top-list": INTRO["es"] + "\n\n1. Lionel Messi\n\nSigue siendo decisivo a sus años, "
    "con once goles y nueve asistencias.\n\n2. Aitana Bonmatí\n\nDominó el centro del campo "
    "y ganó todos los títulos posibles.\n\n3. Carlos Alcaraz\n\nSumó dos grandes y terminó "
    "el año como número uno.",
    "en-profiles": INTRO["en"] + "\n\nAnna Keller\n\nA former hospital director, she chairs "
    "the finance committee.\n\nTom Ruiz\n\nHe ran the city's youth orchestra for ten years "
    "and now teaches at the conservatory.\n\nMarta Silva\n\nShe founded two housing "
    "cooperatives and advises the board on property.",
    "en-install-steps": INTRO["en"] + "\n\nInstallation\n\nnpm install harbour-tools --save"
    "\n\nUsage\n\nimport { load } from 'harbour-tools';",
    "de-subheading-vor": INTRO["de"] + "\n\nVor einem Neuanfang\n\nDer Hersteller plant für "
    "das kommende Jahr ein neues Modell.\n\nVor einer Entscheidung\n\nDer Handel wartet ab.",
    "en-headings": INTRO["en"] + "\n\n## Grants\n\nMost of the money goes to school "
    "libraries.\n\n**Members**\n\nThe new members were chosen from forty applicants.",
}


@pytest.mark.parametrize("name", NOT_THREADS)
def test_subheadings_steps_lists_profiles_and_tables_are_not_threads(name: str) -> None:
    text = NOT_THREADS[name]
    result = clean(text)
    assert not [r for r in result.removals if r.rule.startswith("comments")], name
    assert words(result.text) == words(text)  # markup such as "## " may go, no word does


def test_a_conclusion_heading_above_a_real_thread_stays_with_the_article() -> None:
    article = NOT_THREADS["de-fazit"]
    thread = (
        "3 Kommentare\n\nmaxi_83\n\nHabe das Gerät auch, bin sehr zufrieden.\n\nAntworten\n\n"
        "@karin.s\n\nBei mir ging der Akku nach drei Monaten kaputt.\n\nAntworten"
    )
    assert clean(f"{article}\n\n{thread}").text == article


# Threads of every common shape: each must be found, and the article must stay whole.

THREADS = {
    "handles-and-ages": "jk_turner · 2 hours ago\n\nThis is exactly what I said last year.\n\n"
    "▲ 12\n\nsue1987 · 5 hours ago\n\nThe figures are wrong, check the appendix.\n\n▲ 3",
    "inline-one-liners": "sue1987: Totally disagree, the figures are wrong.\n\n"
    "@maria_k: Great read, thanks for writing it.\n\njk_turner: Same here, more of this please.",
    "names-with-rows": "Ronald\n\nGreat to see the council finally acting on this.\n\n"
    "Like · Reply · Report\n\nMarta Silva\n\nAbout time, too.\n\nLike · Reply · Report",
    "join-the-conversation": "Join the conversation (2)\n\nRonald\n\nA fine piece.\n\n"
    "Marta Silva\n\nI agree with every word.",
    "de-stamps": "Max Mustermann\n\n12. März 2021 um 10:15 Uhr\n\nSehr guter Artikel, danke.\n\n"
    "Antworten\n\nErika Muster\n\n13. März 2021 um 08:02 Uhr\n\nSehe ich genauso.\n\nAntworten",
    "fr-heading": "Commentaires (2)\n\nJean Dupont\n\nTrès bon article.\n\nClaire Martin\n\n"
    "Merci pour ces explications.",
    "es-heading": "2 comentarios\n\nLucía Gómez\n\nMuy interesante.\n\nPablo Ruiz\n\nGracias "
    "por la información.",
    "policy-line": "Comments are moderated. Please read our community guidelines before "
    "posting.\n\nRonald\n\nA fine piece.\n\nMarta Silva\n\nI agree.",
    "de-policy": "Die Kommentarfunktion ist für diesen Artikel geschlossen.",
    "load-more": "Ronald\n\nGreat to see the council acting.\n\nReply\n\nMarta Silva\n\n"
    "About time.\n\nReply\n\nLoad more comments",
    "es-ages-and-policy": "Comentar\n\n- El contenido de los comentarios es la opinión de los "
    "usuarios, no de este medio.\n\nHace 28 minutos\n\nVaya comportamiento del fiscal.\n\n"
    "Hace una hora\n\nNo estoy de acuerdo con nada.\n\nHace 2 horas\n\nMuy bien dicho.",
    "en-word-ages": "an hour ago\n\nGreat to see the council acting.\n\na day ago\n\n"
    "About time, too.",
    "prompt-then-policy": "What do you think? Let us know in the comments.\n\nWe reserve the "
    "right to delete comments that break these rules.",
    "lowercase-comments": "MD Ranix\n\nzio terrorists are finished this time\n\nGeneral "
    "Surena\n\niraq belongs to the iraqi people and nobody else",
}


def test_comments_signed_below_go_from_the_first_signature() -> None:
    """A signature follows its comment, so the first comment reads as the article's last
    paragraph and stays; the signatures and the comments after them go."""
    first = "Great to see the council finally acting on this."
    thread = (
        "Posted by: Florida Reader, 27 Sep 2011 | 15:22\n\nAbout time, too.\n\n"
        "Posted by: G. Moore, US reader, 28 Sep 2011 | 08:54\n"
    )
    assert clean(f"{ARTICLE}\n\n{first}\n\n{thread}").text == f"{ARTICLE}\n\n{first}"


@pytest.mark.parametrize("name", THREADS)
def test_threads_of_every_shape_go_and_the_article_stays(name: str) -> None:
    article = f"{ARTICLE}\n\n{INTRO['en']}"
    result = clean(f"{article}\n\n{THREADS[name]}\n")
    assert result.text == article, name
    assert any(r.rule.startswith(("comments", "footer.comment")) for r in result.removals)


def test_a_recipe_above_a_real_thread_stays_with_the_article() -> None:
    recipe = (
        "This rye and plum bake came out of a wet week and a full fruit bowl.\n"
        "Ingredients\n- 250 g rye flour\n- 4 ripe plums, sliced\n- a pinch of salt\n"
        "Method\n- Heat the oven to 180 degrees.\n- Rub the butter into the flour.\n"
        "- Lay the plums on top and bake for 40 minutes.\n"
        "Leave it to cool before slicing, or the fruit will slide off."
    )
    thread = (
        "4 thoughts on “Plum bake”\nmossy.paws says:\nMy gran would have loved this.\nReply\n"
        "ruthann_k says:\nCan confirm, it works with pears too.\nReply"
    )
    assert clean(f"{recipe}\n{thread}").text == recipe


def test_a_flat_thread_of_one_line_comments_under_a_count_heading_goes() -> None:
    article = (
        "The council approved the new ferry timetable on Tuesday after a long debate.\n\n"
        "Services start in March and run every forty minutes."
    )
    thread = (
        "Conversation (3)\n\nComments close after seven days.\n\nKip2 5d\n\n"
        "About time too.\n\nReply · Share · Report\n\nmossy.paws 2m\n\n"
        "Who pays for it?\n\nReply · Share · Report\n\nLoad more"
    )
    assert clean(f"{article}\n\n{thread}").text == article
