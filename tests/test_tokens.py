import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleancorpus.dedup import tokens
from cleancorpus.dedup.tokens import (
    blank_list_ordinals,
    normalize,
    shingle_spans,
    shingles,
    token_buffer,
    tokenize,
)

ASCII_HEAVY = st.text(st.sampled_from("aZ09 ,.)'-_\t\n\x00\x7fÉé中"), max_size=60)


def test_words_are_runs_of_letters_and_digits_case_folded():
    assert tokenize("Hello, World! It's 42°C — ok?") == [
        "hello",
        "world",
        "it",
        "s",
        "42",
        "c",
        "ok",
    ]


def test_nfkc_and_case_folding_unify_forms():
    assert tokenize("ＨＥＬＬＯ ﬁne Straße") == ["hello", "fine", "strasse"]


def test_combining_marks_stay_inside_words():
    assert tokenize("नमस्ते दुनिया") == ["नमस्ते", "दुनिया"]


def test_scripts_without_spaces_fall_back_to_characters():
    assert tokenize("你好世界") == ["你", "好", "世", "界"]
    assert tokenize("abc中文def") == ["abc", "中", "文", "def"]
    assert tokenize("สวัสดีครับ")[:2] == ["ส", "ว"]
    assert tokenize("カタカナとひらがな") == list("カタカナとひらがな")


def test_prefilter_covers_every_character_of_the_no_space_scripts():
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    found = regex.findall(f"[{tokens._NO_SPACE_SCRIPTS}]", everything)
    assert found
    assert all(tokens._MAYBE_NO_SPACE.match(c) for c in found)


def test_numbers_of_list_items_are_no_tokens():
    written = "Method\n\n1. Heat the oven.\n2) Rub in the butter.\n  10. Bake for 36 minutes."
    extracted = "Method\n- Heat the oven.\n- Rub in the butter.\n- Bake for 36 minutes."
    assert tokenize(written) == tokenize(extracted)
    assert token_buffer(written).split() == token_buffer(extracted).split()
    assert len(blank_list_ordinals(written)) == len(written)  # offsets still hold
    # numbers in prose, decimals and years at a line's start stay tokens
    assert tokenize("1.5 million came.\n2019. A year.\nIn 1. place") == [
        "1",
        "5",
        "million",
        "came",
        "2019",
        "a",
        "year",
        "in",
        "1",
        "place",
    ]


@settings(max_examples=200)
@given(st.one_of(st.text(), ASCII_HEAVY))
def test_fast_paths_give_the_reference_tokens(text):
    reference = tokens._WORD_OR_CHAR.findall(normalize(blank_list_ordinals(text)))
    assert tokenize(text) == reference


@settings(max_examples=200)
@given(st.one_of(st.text(), ASCII_HEAVY))
def test_token_buffer_holds_the_utf8_tokens(text):
    assert token_buffer(text).split() == [t.encode("utf-8") for t in tokenize(text)]


@given(st.integers(0, 40), st.integers(1, 8))
def test_shingle_spans_cover_the_tokens(n, size):
    spans = shingle_spans(n, size)
    if n == 0:
        assert spans == []
    elif n < size:
        assert spans == [(0, n)]
    else:
        assert len(spans) == n - size + 1
        assert all(end - start == size for start, end in spans)
        assert spans[0][0] == 0 and spans[-1][1] == n


def test_shingles_of_short_and_empty_texts():
    assert shingles("", 5) == []
    assert shingles("... !!", 5) == []
    assert shingles("Breaking news today", 5) == ["breaking news today"]
    assert shingles("a b c d e f", 5) == ["a b c d e", "b c d e f"]
