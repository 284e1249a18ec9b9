from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleancorpus import InputError
from cleancorpus.sources import files as readers
from cleancorpus.sources.files import check_text, decode, list_folder, read_text


def test_list_folder_is_recursive_sorted_and_filters_extensions(tmp_path, write_tree):
    write_tree(
        tmp_path,
        {"z.txt": "z", "b/c/d.md": "d", "a.TXT": "a", "b/img.png": b"\x89PNG", "notes": "n"},
    )
    listing = list_folder(tmp_path, (".txt", ".md"))
    assert listing.documents == ("a.TXT", "b/c/d.md", "z.txt")
    assert listing.skipped == ("b/img.png", "notes")


def test_default_extensions_take_every_format_and_double_suffixes(tmp_path, write_tree):
    names = ["a.html", "b.HTM", "c.jsonl", "d.JSONL.GZ", "e.parquet", "f.warc", "g.warc.gz"]
    write_tree(tmp_path, {**{n: "x" for n in names}, "h.gz": "x", "i.json": "x", "j.md": "x"})
    listing = list_folder(tmp_path)
    assert listing.documents == (*names, "j.md")
    assert listing.skipped == ("h.gz", "i.json")


def test_list_folder_with_other_extensions(tmp_path, write_tree):
    write_tree(tmp_path, {"a.txt": "a", "b.rst": "b"})
    assert list_folder(tmp_path, extensions=(".rst",)).documents == ("b.rst",)


def test_read_text_strips_bom_and_keeps_crlf(tmp_path, write_tree):
    write_tree(tmp_path, {"a.txt": b"\xef\xbb\xbfline one\r\nline two\r\n"})
    assert read_text(tmp_path, "a.txt", max_bytes=1000) == (
        "line one\r\nline two\r\n",
        "utf-8",
        None,
    )


def test_read_text_nested_id(tmp_path, write_tree):
    write_tree(tmp_path, {"x/y/z.md": "Grüße"})
    assert read_text(tmp_path, "x/y/z.md", max_bytes=1000).text == "Grüße"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded(codec):
    data = "\ufeffZweite Zeile, Grüße.\r\n".encode(codec)
    assert decode("u.txt", data) == ("Zweite Zeile, Grüße.\r\n", codec, None)


def test_invalid_utf8_is_detected_and_decoded_with_a_warning(tmp_path, write_tree):
    text = "Le café au lait coûte deux euros à Besançon, près de la gare."
    write_tree(tmp_path, {"latin.txt": text.encode("latin-1")})
    decoded = read_text(tmp_path, "latin.txt", max_bytes=1000)
    assert decoded.text == text
    assert decoded.encoding == "cp1252"
    assert (
        decoded.warning
        == "not valid UTF-8 (byte 0xe9 at byte offset 6); decoded as cp1252 (detected)"
    )


def test_cyrillic_code_page_is_detected():
    text = "Привет, как дела? Это небольшой тест для проверки кодировки."
    decoded = decode("ru.txt", text.encode("cp1251"))
    assert (decoded.text, decoded.encoding) == (text, "cp1251")
    assert "cp1251" in decoded.warning


def test_bytes_no_charset_decodes_are_an_error():
    data = bytes(range(0x80, 0x100)) * 4  # every high byte, no NUL, nothing like text
    with pytest.raises(InputError) as info:
        decode("noise.txt", data)
    assert info.value.path == "noise.txt"
    assert "not valid UTF-8 (byte 0x80 at byte offset 0)" in info.value.problem
    assert "no other charset decodes it sensibly" in info.value.problem


def test_nul_bytes_mean_binary(tmp_path, write_tree):
    write_tree(tmp_path, {"pic.txt": b"GIF89a\x00\x01\x02"})
    with pytest.raises(InputError) as info:
        read_text(tmp_path, "pic.txt", max_bytes=1000)
    assert info.value.problem.startswith("binary file")
    assert "offset 6" in info.value.problem


def test_mostly_control_characters_mean_binary():
    with pytest.raises(InputError, match="binary file: 20 of the first 24"):
        check_text("ctl.txt", "\x01\x02\x03\x04" * 5 + "text")


def test_a_few_control_characters_are_text():
    check_text("ok.txt", "a form feed \f and a tab \t and one bell \x07 in a sentence")


@pytest.mark.parametrize(
    ("data", "problem"),
    [(b"", "empty file: no text"), (b" \n\t\r\n ", "only whitespace"), (b"\xef\xbb\xbf", "empty")],
)
def test_empty_and_whitespace_files(data, problem):
    with pytest.raises(InputError, match=problem):
        decode("e.txt", data)


def test_too_large_names_size_and_limit(tmp_path, write_tree):
    write_tree(tmp_path, {"big.txt": "x" * 2500})
    with pytest.raises(InputError) as info:
        read_text(tmp_path, "big.txt", max_bytes=1000)
    assert "2,500 bytes" in info.value.problem
    assert "limit of 1,000 bytes" in info.value.problem
    assert "--max-bytes" in info.value.problem


def test_file_exactly_at_the_limit_is_read(tmp_path, write_tree):
    write_tree(tmp_path, {"edge.txt": "x" * 1000})
    assert len(read_text(tmp_path, "edge.txt", max_bytes=1000).text) == 1000


def test_dangling_symlink_is_unreadable(tmp_path):
    os.symlink(tmp_path / "missing.txt", tmp_path / "link.txt")
    with pytest.raises(InputError, match=r"link\.txt: cannot be read: file not found"):
        read_text(tmp_path, "link.txt", max_bytes=1000)


def test_fifo_is_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(InputError, match="not a regular file"):
        read_text(tmp_path, "pipe.txt", max_bytes=1000)


@pytest.mark.parametrize("claimed", [0, 5, 11, 100])
def test_reading_takes_the_whole_content_whatever_fstat_said(claimed):
    read_end, write_end = os.pipe()  # a pipe reads short, like a file that grew or shrank
    os.write(write_end, b"hello world")
    os.close(write_end)
    try:
        assert readers._read_all(read_end, claimed, max_bytes=1000) == b"hello world"
    finally:
        os.close(read_end)


def test_reading_stops_one_byte_past_the_limit():
    read_end, write_end = os.pipe()
    os.write(write_end, b"x" * 50)
    os.close(write_end)
    try:
        assert len(readers._read_all(read_end, 10, max_bytes=20)) == 21  # the caller rejects it
    finally:
        os.close(read_end)


@given(st.text(alphabet=st.characters(max_codepoint=0xA0), max_size=200))
def test_control_count_fast_path_counts_what_the_pattern_finds(text):
    assert readers._count_controls(text) == len(readers._CONTROL.findall(text))
