"""The HTML path: main text, metadata, the recorded step, charsets and errors."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import trafilatura

from cleancorpus import ConfigError, ExtractSettings, InputError, extract_html
from cleancorpus.sources.extract import NO_MAIN_TEXT, decode_html

PAGES = Path(__file__).parent / "data" / "html"
URL = "https://valley-ledger.example/news/spring-flood-cost"
LATIN1_META = b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


@pytest.fixture(scope="module")
def article():
    return extract_html(page("article.html").decode("utf-8"), url=URL)


def test_article_keeps_every_body_paragraph_on_its_own_line(article):
    lines = article.text.splitlines()
    starts = ["The water has gone down", "Engineers from the", "In Ashwell and", "Insurers have"]
    for start in starts:
        assert sum(line.startswith(start) for line in lines) == 1, start
    assert "through the night." in article.text  # a paragraph's hard line breaks are joined


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Weather desk",
        "Share on Facebook",
        "Email this story",
        "riverwatcher77",
        "volunteers who turned up",
        "levee has been a disgrace",
        "newsletter",
        "All rights reserved",
    ],
)
def test_article_drops_navigation_share_widget_comments_and_footer(article, boilerplate):
    assert boilerplate not in article.text


def test_article_metadata(article):
    assert article.metadata["title"] == "River towns count the cost of the spring flood"
    assert article.metadata["author"] == "Maria Okafor"
    assert article.metadata["date"] == "2021-03-04"
    assert article.metadata["site"] == "The Valley Ledger"
    assert article.metadata["url"] == URL
    assert article.metadata["hostname"] == "valley-ledger.example"
    assert article.metadata["description"].startswith("Three towns on the lower river")
    assert article.metadata["tags"] == ("floods", "local government")


def test_step_records_extractor_version_and_every_setting(article):
    assert article.step["extractor"] == "trafilatura"
    assert article.step["version"] == trafilatura.__version__
    settings = article.step["settings"]
    assert settings["include_comments"] is False
    assert settings["deduplicate"] is False
    assert settings["output_format"] == "txt"
    assert settings["include_tables"] is True
    assert settings["favor_precision"] is False
    assert settings["favor_recall"] is False
    assert (article.step["encoding"], article.step["encoding_source"]) == (None, "str")
    assert article.warnings == ()


def test_chosen_settings_are_recorded():
    chosen = ExtractSettings(favor_precision=True, include_tables=False, max_date="2022-01-01")
    result = extract_html(page("article.html"), settings=chosen)
    assert result.step["settings"]["favor_precision"] is True
    assert result.step["settings"]["include_tables"] is False
    assert result.step["settings"]["max_date"] == "2022-01-01"


def test_same_page_again_and_again_gives_the_same_result():
    # trafilatura's duplicate cache, were it on, would discard the page from its third repeat
    first, *repeats = (extract_html(page("article.html")) for _ in range(4))
    assert all(repeat == first for repeat in repeats)


def test_utf8_bytes_extract_like_the_decoded_string(article):
    result = extract_html(page("article.html"), url=URL)
    assert result.text == article.text
    assert result.step["encoding_source"] == "declared"
    assert result.warnings == ()


@pytest.mark.parametrize(
    ("prefix", "codec"), [(b"\xef\xbb\xbf", "utf-8"), (b"", "utf-16-le")], ids=["utf8", "utf16"]
)
def test_byte_order_mark_decides_the_encoding(article, prefix, codec):
    data = page("article.html")
    data = prefix + data if prefix else data.decode("utf-8").encode("utf-16")  # BOM included
    result = extract_html(data, url=URL)
    assert (result.step["encoding"], result.step["encoding_source"]) == (codec, "bom")
    assert result.text == article.text


def test_declared_latin1_is_decoded_as_windows_1252_without_warning():
    result = extract_html(page("latin1-declared.html"))
    assert "À Moulinville, l'eau s'est retirée" in result.text
    assert (result.step["encoding"], result.step["encoding_source"]) == ("cp1252", "declared")
    assert result.warnings == ()


def test_undeclared_windows_1251_is_detected_and_the_guess_is_reported():
    result = extract_html(page("cp1251-undeclared.html"))
    assert "Вода в Мельничном ушла" in result.text
    assert "Главная" not in result.text
    assert (result.step["encoding"], result.step["encoding_source"]) == ("cp1251", "detected")
    assert len(result.warnings) == 1
    assert "not declared" in result.warnings[0]
    assert "cp1251" in result.warnings[0]


def test_undeclared_latin1_is_detected():
    data = page("latin1-declared.html").replace(LATIN1_META, b"")
    result = extract_html(data)
    assert "À Moulinville, l'eau s'est retirée" in result.text
    assert result.step["encoding_source"] == "detected"
    assert len(result.warnings) == 1


@pytest.mark.parametrize(
    ("label", "message"), [(b"utf-8", "does not decode"), (b"x-klingon", "unknown")]
)
def test_a_wrong_or_unknown_declaration_is_ignored_with_a_warning(label, message):
    data = page("latin1-declared.html").replace(b"charset=iso-8859-1", b"charset=" + label)
    text, _, source, warnings = decode_html(data)
    assert "bénévoles" in text
    assert source == "detected"
    assert message in warnings[0]
    assert len(warnings) == 2


def test_a_page_without_main_text_raises_input_error_naming_the_page():
    with pytest.raises(InputError) as caught:
        extract_html(page("no-main-text.html"), name="crawl/0001.html")
    assert caught.value.path == "crawl/0001.html"
    assert caught.value.problem == NO_MAIN_TEXT
    assert caught.value.exit_code == 3


@pytest.mark.parametrize("html", ["", "   \n", b""])
def test_empty_input_raises_input_error_named_by_url(html):
    with pytest.raises(InputError) as caught:
        extract_html(html, url="https://x.example/a")
    assert str(caught.value) == f"https://x.example/a: {NO_MAIN_TEXT}"


def test_input_that_is_not_html_text_is_a_type_error():
    with pytest.raises(TypeError, match="str or bytes"):
        extract_html(42)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"favor_precision": True, "favor_recall": True}, "set at most one"),
        ({"include_tables": "yes"}, "include_tables must be True or False"),
        ({"max_date": "04/03/2021"}, "give it as YYYY-MM-DD"),
    ],
)
def test_bad_settings_say_how_to_fix_them(kwargs, message):
    with pytest.raises(ConfigError, match=message):
        ExtractSettings(**kwargs)


def test_settings_are_frozen_and_picklable():
    settings = ExtractSettings(favor_recall=True, max_date="2020-05-01")
    assert pickle.loads(pickle.dumps(settings)) == settings
    with pytest.raises(AttributeError):
        settings.fast = True  # type: ignore[misc]


def test_extracted_metadata_and_step_are_read_only(article):
    with pytest.raises(TypeError):
        article.metadata["title"] = "changed"  # type: ignore[index]
    with pytest.raises(TypeError):
        article.step["extractor"] = "other"  # type: ignore[index]


# A declared charset with a few invalid bytes wins over a guess (issue 11) -------------------

UTF8_PAGE = (
    '<html><head><meta charset="utf-8"><title>Fête</title></head><body><article>'
    + "<p>Les bénévoles ont nettoyé la rivière après la crue, déjà pour la troisième fois "
    "cette année, à côté de l'école et du marché couvert.</p>" * 20 + "</article></body></html>"
).encode("utf-8")


@pytest.mark.parametrize("stray", [1, 8, 20])
def test_a_utf8_page_with_stray_bytes_keeps_its_accents(stray):
    """Up to 8 invalid sequences always, more while the accents that decode outnumber them
    ten to one; a single-byte guess would turn every é into Ã©."""
    data = UTF8_PAGE.replace(b"</article>", b"<p>" + b"x\xff " * stray + b"</p></article>")
    text, codec, source, warnings = decode_html(data)
    assert (codec, source) == ("utf-8", "declared")
    assert "Les bénévoles ont nettoyé la rivière" in text
    assert text.count("\ufffd") == stray
    assert warnings == (
        f"declared charset 'utf-8' leaves {stray} invalid byte sequence{'s' if stray > 1 else ''}"
        " in the page; replaced with U+FFFD",
    )


def test_a_single_byte_page_declared_utf8_is_still_guessed():
    """Every accented letter of a windows-1252 page is an invalid UTF-8 sequence, and none
    decodes: the declaration loses to the guess."""
    data = UTF8_PAGE.decode("utf-8").encode("cp1252")
    text, _, source, warnings = decode_html(data)
    assert source == "detected"
    assert "Les bénévoles ont nettoyé" in text
    assert "does not decode" in warnings[0]


def test_replacement_characters_the_bytes_hold_are_not_invalid_sequences():
    from cleancorpus.sources.charsets import decode_counting, few_invalid

    assert decode_counting("a\ufffdb".encode(), "utf-8") == ("a\ufffdb", 0)
    assert decode_counting(b"a\xffb\xef\xbf\xbd", "utf-8") == ("a\ufffdb\ufffd", 1)
    assert decode_counting(b"abc", "undefined") is None
    assert few_invalid("é" * 90 + "\ufffd" * 9, 9)
    assert not few_invalid("é" * 80 + "\ufffd" * 9, 9)
