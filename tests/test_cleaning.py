"""Cleaning the five seed reports, rule by rule, and the configuration of cleaners."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleancorpus import CleanConfig, ConfigError, Rule, TextCleaner, clean
from cleancorpus.cleaning.facts import plain
from cleancorpus.cleaning.rules import DEFAULT_RULES

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "examples" / "corpus" / "seeds").glob("*.txt"))
GOLDEN = Path(__file__).resolve().parent / "golden"
RESIDUE = (
    "original source",
    "Disclaimer",
    "PayPal",
    "Copyright",
    "Region:",
    "Theme:",
    "By South Front",
    "Global Research, ",
    "Articles by",
    "Featured image",
    "Voiceover",
    "media inquiries",
    "fair use",
    "Click to see",
    "paul",
    "Ronald",
    "Attrition47",
    "Richard Noel Hedditch",
    "Terra Cotta",
    "General Surena",
    "WW3",
    "](",
    "**",
    "<http",
)


def test_seed_corpus_is_present() -> None:
    assert len(SEEDS) == 5


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_matches_its_golden_text_and_metadata(seed: Path) -> None:
    result = clean(seed.read_text(encoding="utf-8"))
    assert result.text + "\n" == (GOLDEN / f"{seed.stem}.txt").read_text(encoding="utf-8")
    expected = json.loads((GOLDEN / f"{seed.stem}.json").read_text(encoding="utf-8"))
    assert dict(result.metadata) == expected


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_body_survives_verbatim_and_no_residue_does(seed: Path) -> None:
    original = seed.read_text(encoding="utf-8")
    result = clean(original)
    unwrapped = {plain(line) for line in original.splitlines()}
    for paragraph in result.text.split("\n\n"):
        assert plain(paragraph) in unwrapped, paragraph[:80]
    for residue in RESIDUE:
        assert residue not in result.text, residue
    assert len(result.text) > 1000


def test_seed_header_facts_become_metadata() -> None:
    result = clean(SEEDS[1].read_text(encoding="utf-8"))
    assert result.metadata["author"] == "South Front"
    assert result.metadata["site"] == "Global Research"
    assert result.metadata["date"] == "2017-06-15"
    assert result.metadata["original_source"] == "South Front"
    assert result.metadata["original_date"] == "2017-06-13"
    assert "Terrorism" in result.metadata["tags"]


@pytest.mark.parametrize("rule", DEFAULT_RULES, ids=lambda r: r.name)
def test_every_rule_matches_its_examples(rule: Rule) -> None:
    assert rule.examples, f"{rule.name} needs examples"
    for example in rule.examples:
        assert rule.matches(example), example


@pytest.mark.parametrize("rule", DEFAULT_RULES, ids=lambda r: r.name)
def test_no_rule_matches_a_line_of_the_seed_bodies(rule: Rule) -> None:
    body_lines = [
        line for golden in GOLDEN.glob("*.txt") for line in golden.read_text("utf-8").splitlines()
    ]
    assert not [line for line in body_lines if line and rule.matches(line)]


def test_disabled_rule_keeps_its_lines() -> None:
    text = "The council met on Tuesday and approved the budget.\n\nShare this:\n"
    assert "Share this:" not in clean(text).text
    kept = clean(text, CleanConfig(disable=frozenset({"widget.share"})))
    assert kept.text.endswith("Share this:")
    assert "widget.share" not in {r.rule for r in kept.removals}


def test_disabling_a_prefix_turns_off_a_family() -> None:
    text = "A [linked](http://x.org) word and **bold** text are here."
    assert clean(text, CleanConfig(disable=frozenset({"markdown."}))).text == text


def test_user_rule_is_applied_and_recorded() -> None:
    rule = Rule("footer.acme_box", r"(?i)acme weekly box.*", "footer", ("ACME weekly box!",))
    text = "The council approved the budget after a long debate.\n\nACME weekly box: read us!\n"
    result = clean(text, CleanConfig(extra_rules=(rule,)))
    assert result.text == "The council approved the budget after a long debate."
    assert "footer.acme_box" in {r.rule for r in result.removals}


def test_unknown_rule_name_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"unknown rule 'footer\.nope'"):
        CleanConfig(disable=frozenset({"footer.nope"}))


def test_rule_validation_names_the_problem() -> None:
    with pytest.raises(ValueError, match="where must be"):
        Rule("x.y", "a", "middle")  # type: ignore[arg-type]


def test_markdown_residue_keeps_link_text() -> None:
    text = (
        "See [the report](https://x.org/r) and <http://x.org> with **bold**, *em* and "
        "![i](a.png) here."
    )
    result = clean(text)
    assert result.text == "See the report and http://x.org with bold, em and  here."
    assert {r.rule for r in result.removals} >= {"markdown.link", "markdown.autolink"}


def test_markup_that_would_glue_words_is_left_alone() -> None:
    assert clean("foo[bar](#)baz is a word.").text == "foo[bar](#)baz is a word."


def test_cleaner_is_reusable_and_composes() -> None:
    cleaner = TextCleaner()
    assert cleaner.clean("Share this:\n\nBody text here.").text == "Body text here."
    only_markup = TextCleaner(cleaners=[c for c in cleaner.cleaners if c.name != "structure"])
    assert only_markup.clean("Share this:\n\n**Body**.").text == "Share this:\n\nBody."


def test_records_and_errors_survive_pickling_for_worker_processes() -> None:
    import pickle

    from cleancorpus import Document, InputError

    document = Document("a.txt", "text", {"site": "X"})
    assert pickle.loads(pickle.dumps(document)) == document
    cleaned = clean("By Jane Doe\n\nThe river rose overnight.")
    assert pickle.loads(pickle.dumps(cleaned)) == cleaned
    error = pickle.loads(pickle.dumps(InputError("a.txt", "empty file")))
    assert (error.path, error.problem, str(error)) == ("a.txt", "empty file", "a.txt: empty file")


def test_unclosed_emphasis_markers_stay_linear() -> None:
    """Thousands of unclosed markers on one line must not make the emphasis search quadratic:
    an emphasis span is at most a few hundred characters, so every attempt is bounded."""
    text = "*a " * 20_000 + "and **bold** here."
    result = clean(text)
    assert result.text.endswith("and bold here.")
    assert result.text.count("*") == 20_000


# Residue in wordings and languages the first rules lacked (issue 11): captions and credits
# between body paragraphs, tag lines, "most read" lists, sign-up notices.

PARAGRAPHS = (
    "The harbour authority published its yearly figures on Monday, showing that container "
    "traffic rose by a tenth while passenger numbers stayed flat.",
    "The photograph on the cover of the report shows the new crane, which was bought with "
    "the help of a regional grant and entered service in March.",
)


@pytest.mark.parametrize(
    "caption",
    [
        "Click the image to open the full-size chart",
        "Tap the map to enlarge",
        "Photograph: Jane Roe/Harbour Agency",
        "Image courtesy of the city archive",
        "Foto: Max Muster/dpa",
        "(Foto: Max Muster/dpa)",
        "Zum Vergrößern anklicken",
        "Crédit photo : AFP",
        "Cliquez sur l'image pour l'agrandir",
        "Imagen: EFE",
        "Haz clic en la imagen para ampliarla",
        "Read more: How the harbour grew",
        "A lire aussi : Le port en chiffres",
        "Lesen Sie auch: Wie der Hafen wächst",
        "Lee también: El puerto en cifras",
    ],
)
def test_captions_and_credits_between_paragraphs_go(caption: str) -> None:
    first, second = PARAGRAPHS
    assert clean(f"{first}\n\n{caption}\n\n{second}").text == f"{first}\n\n{second}"


@pytest.mark.parametrize(
    ("line", "tags"),
    [
        ("Keywords: drought, water", "drought, water"),
        ("Filed in: Energy, Ports", "Energy, Ports"),
        ("More on: Shipping", "Shipping"),
        ("Themen: Hafen, Verkehr", "Hafen, Verkehr"),
        ("Sujets : Port, Transport", "Port, Transport"),
        ("Temas: Puerto, Transporte", "Puerto, Transporte"),
    ],
)
def test_tag_lines_with_other_labels_go_into_metadata(line: str, tags: str) -> None:
    result = clean("\n\n".join(PARAGRAPHS) + f"\n\n{line}\n")
    assert result.text == "\n\n".join(PARAGRAPHS)
    assert tags.split(", ")[0] in str(result.metadata["tags"])


@pytest.mark.parametrize(
    "tail",
    [
        "Popular now\n\nCouncil approves the new bridge\n\nFerry strike called off",
        "Meistgelesen\n\nStadtrat genehmigt neue Brücke\n\nFährstreik abgesagt",
        "Les plus lus\n\nLe conseil approuve le nouveau pont\n\nLa grève des ferries est levée",
        "Lo más leído\n\nEl ayuntamiento aprueba el nuevo puente\n\nSe desconvoca la huelga",
        "Tags\n\nharbour, cranes, shipping",
        "Thanks for signing up!\n\nKeep an eye on your inbox for the latest news.",
        "There was an error processing your subscription.",
    ],
)
def test_most_read_lists_tag_lists_and_signup_notices_go(tail: str) -> None:
    body = "\n\n".join(PARAGRAPHS)
    assert clean(f"{body}\n\n{tail}\n").text == body


@pytest.mark.parametrize(
    "line",
    [
        "The photograph shows the harbour at dawn.",
        "Comments from residents were mostly positive, the survey found.",
        "Popular now among young families, the ferry runs every hour.",
        "Keywords matter less than they did, the agency says.",
        "Click the image, she told us, and nothing happens.",
        "Fotos von der Flut zeigen, wie hoch das Wasser im Hafen stand.",
        "Crédits et subventions ont été votés mardi par le conseil.",
        "Under the new law, the platform reserves the right to delete comments only after a "
        "court has ruled, the minister said.",
        "Comments are closed to the public during the inquiry, the harbour master said.",
        "Related: the ferry company also cut its prices, which the council welcomed.",
    ],
)
def test_body_sentences_that_share_words_with_the_new_rules_stay(line: str) -> None:
    text = f"{PARAGRAPHS[0]}\n\n{line}\n\n{PARAGRAPHS[1]}"
    assert clean(text).text == text


def test_donations_as_a_news_subject_are_no_donation_appeal() -> None:
    """ "Spenden" is the noun of party-finance stories; only the call to give is an appeal."""
    last = "Die Partei müsste erst einmal bei sich selbst und ihren Spenden anfangen."
    text = f"{PARAGRAPHS[0]}\n\n{last}"
    assert clean(text).text == text
    assert clean(f"{text}\n\nJetzt spenden und unabhängigen Journalismus sichern!").text == text


@pytest.mark.parametrize(
    "line",
    ["— The City Council (@citycouncil) October 9, 2018", "— Ann Lee (@annlee) 3 May 2021"],
)
def test_an_embedded_posts_attribution_is_article_text(line: str) -> None:
    body = f"{PARAGRAPHS[0]}\n\n{PARAGRAPHS[1]}\n\n{line}"
    assert clean(f"{body}\n\n© 2019 The Harbour Times").text == body


@pytest.mark.parametrize(
    "header",
    [
        "Published: 12 March 2021",
        "Updated 3 May 2019",
        "Veröffentlicht: 4. Mai 2020",
        "Publié le 2 juin 2021",
    ],
)
def test_a_label_word_with_a_date_is_never_a_site_name(header: str) -> None:
    text = f"{header}\n\nThe council voted on Tuesday to close the old bridge for repairs.\n"
    assert "site" not in clean(text).metadata


def test_is_site_name_refuses_labels_and_dates_not_mastheads() -> None:
    from cleancorpus.cleaning.facts import is_site_name

    assert is_site_name("Harbor Ledger")
    assert not is_site_name("Published")
    assert not is_site_name("Updated 3 May 2019")
    assert not is_site_name("")


@pytest.mark.parametrize(
    ("header", "facts"),
    [
        (
            "Posted on April 22, 2019 by Ellen Marsh",
            {"author": "Ellen Marsh", "date": "2019-04-22"},
        ),
        ("Posted by admin on June 3, 2019", {"author": "admin", "date": "2019-06-03"}),
        (
            "By Dale Ferris, The Prairie Signal",
            {"author": "Dale Ferris", "original_source": "The Prairie Signal"},
        ),
        ("By Jane Doe, Omar Haddad", {"author": "Jane Doe, Omar Haddad"}),
        ("Words: Ines Varga", {"author": "Ines Varga"}),
        ("Priya Nair · 5 min read · Feb 2, 2021", {"author": "Priya Nair", "date": "2021-02-02"}),
        ("发布时间：2019-03-04 10:15\u3000作者：李明", {"author": "李明", "date": "2019-03-04"}),
        ("2019-03-01 08:30\u3000来源：江南日报", {"original_source": "江南日报"}),
        ("Started by ruthann_k, 7 July 2024", {"author": "ruthann_k", "date": "2024-07-07"}),
        ("Post by Kip2 » 11 October 2023 10:01 pm", {"author": "Kip2", "date": "2023-10-11"}),
    ],
)
def test_bylines_of_other_shapes_go_into_metadata(header: str, facts: dict) -> None:
    body = "\n\n".join(PARAGRAPHS)
    result = clean(f"The Harbour Grows Again\n\n{header}\n\n{body}\n")
    assert result.text == body
    assert result.metadata["title"] == "The Harbour Grows Again"
    assert {k: result.metadata.get(k) for k in facts} == facts


def test_a_level_one_heading_is_the_headline_and_the_line_above_it_a_tagline() -> None:
    body = "\n\n".join(PARAGRAPHS)
    result = clean(f"Harbour Notes - where the quay talks\n\n# The Harbour Grows Again\n\n{body}\n")
    assert result.text == body
    assert result.metadata["title"] == "The Harbour Grows Again"
    assert [r.rule for r in result.removals if r.rule.startswith("header.")] == [
        "header.masthead",
        "header.title",
    ]


@pytest.mark.parametrize(
    ("masthead", "site"),
    [
        ("Fernhollow Gardening Club — grow, swap, share", "Fernhollow Gardening Club"),
        (
            "Thistledown Forum: hobby talk for model railway builders since 2009",
            "Thistledown Forum",
        ),
        ("Harbour Notes – news from the quay", "Harbour Notes"),
    ],
)
def test_a_name_with_its_tagline_above_the_headline_is_a_masthead(masthead: str, site: str) -> None:
    body = "\n\n".join(PARAGRAPHS)
    result = clean(f"{masthead}\n\nThe Harbour Grows Again This Year\n\n{body}\n")
    assert result.text == body
    assert (result.metadata["title"], result.metadata["site"]) == (
        "The Harbour Grows Again This Year",
        site,
    )


def test_a_one_word_topic_before_a_colon_stays_in_the_headline() -> None:
    body = "\n\n".join(PARAGRAPHS)
    result = clean(f"Brexit: what happens next\n\nThe deal explained in five charts\n\n{body}\n")
    assert result.metadata["title"] == "Brexit: what happens next"
    assert "site" not in result.metadata


def test_a_first_line_repeating_the_known_title_goes() -> None:
    cleaner = TextCleaner(CleanConfig().for_extracted_text())
    text = "## Rhubarb Traybake, version 6\nThe bake came out of a wet week.\nIt keeps for days."
    result = cleaner.clean(text, ["Rhubarb traybake — version 6"])
    assert result.text == "The bake came out of a wet week.\nIt keeps for days."
    assert [r.rule for r in result.removals] == ["header.page_title"]
    for titles in (["Rhubarb traybake"], ["A version 6 traybake of rhubarb"]):
        kept = cleaner.clean(text, titles)  # not the line's words: as without a title
        assert kept.text == cleaner.clean(text).text and kept.text.startswith("Rhubarb")
    alone = "Rhubarb traybake, version 6\n"
    assert cleaner.clean(alone, ["Rhubarb traybake, version 6"]).text == alone.strip()
    disabled = TextCleaner(CleanConfig(disable={"header.page_title"}).for_extracted_text())
    assert disabled.clean(text, ["Rhubarb traybake, version 6"]).text.startswith("Rhubarb")
