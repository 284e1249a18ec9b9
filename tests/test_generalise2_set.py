"""The second unseen-sites set (benchmarks/generalise2): labels consistent with the files."""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

SET_DIR = Path(__file__).resolve().parent.parent / "benchmarks" / "generalise2"
sys.path.insert(0, str(SET_DIR))

import make_generalise2  # noqa: E402
from make_generalise import check  # noqa: E402  (on the path make_generalise2 set)

LABELS = [json.loads(line) for line in (SET_DIR / "labels.jsonl").read_text("utf-8").splitlines()]
FILES = {p.name: p.read_bytes() for p in (SET_DIR / "docs").iterdir()}
KINDS = {"header", "nav", "caption", "tags", "widget", "note", "appeal", "legal", "related"}
KINDS |= {"comments", "footer"}


def test_every_file_has_exactly_one_label_and_every_label_a_file():
    names = [label["file"] for label in LABELS]
    assert len(names) == len(set(names))
    assert set(names) == set(FILES)


def test_the_files_are_what_the_generator_writes():
    files, labels = make_generalise2.build()
    assert files == FILES
    assert labels == LABELS


def test_file_names_are_the_hash_of_their_content():
    for name, data in FILES.items():
        assert name.split(".")[0] == hashlib.sha1(data).hexdigest()[:16]


def test_the_set_has_the_promised_shape():
    assert len(LABELS) >= 160
    assert len({label["site"] for label in LABELS}) >= 10
    assert len({label["story"] for label in LABELS}) >= 45
    html_share = sum(label["format"] == "html" for label in LABELS) / len(LABELS)
    assert 0.2 <= html_share <= 0.3
    no_site = sum("site" not in label["metadata"] for label in LABELS) / len(LABELS)
    assert 0.4 <= no_site <= 0.6
    assert {kind for label in LABELS for kind in label["boilerplate_kinds"]} == KINDS
    never_named = {
        site
        for site in {label["site"] for label in LABELS}
        if not any(lb["site_in_text"] for lb in LABELS if lb["site"] == site)
    }
    assert len(never_named) >= 3
    assert any(label["capture"] for label in LABELS)


def test_stories_are_150_to_600_words_in_five_languages():
    stories = make_generalise2.parse_stories()
    assert {story.lang for story in stories} >= {"en", "de", "fr", "es", "it"}
    for story in stories:
        words = len(" ".join(story.paragraphs).split())
        assert 140 <= words <= 620, story.id


def test_a_third_of_stories_or_more_run_on_two_or_three_sites():
    sites = defaultdict(set)
    for label in LABELS:
        sites[label["story"]].add(label["site"])
    spans = Counter(len(s) for s in sites.values())
    assert spans[2] + spans[3] >= len(sites) / 3
    assert max(spans) <= 3


@pytest.mark.parametrize("label", LABELS, ids=lambda label: label["file"])
def test_labels_agree_with_the_document(label):
    data = FILES[label["file"]]
    assert check({label["file"]: data}, [label]) == []
    assert label["site_in_text"] == (label["site"].casefold() in data.decode().casefold())
    assert label["boilerplate"]
    assert len(label["boilerplate_kinds"]) == len(label["boilerplate"])
    assert all(p.strip() for p in label["body"].split("\n\n"))
    assert "title" in label["metadata"]


def test_the_check_catches_a_body_paragraph_that_is_not_in_the_text():
    label = dict(LABELS[0], body=LABELS[0]["body"] + "\n\nA paragraph written nowhere in the file.")
    assert check({label["file"]: FILES[label["file"]]}, [label])
