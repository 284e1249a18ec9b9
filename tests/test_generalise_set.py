"""The unseen-sites set (benchmarks/generalise): labels consistent with the document files."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest

SET_DIR = Path(__file__).resolve().parent.parent / "benchmarks" / "generalise"
sys.path.insert(0, str(SET_DIR))

import make_generalise  # noqa: E402

LABELS = [json.loads(line) for line in (SET_DIR / "labels.jsonl").read_text("utf-8").splitlines()]
FILES = {p.name: p.read_bytes() for p in (SET_DIR / "docs").iterdir()}


def test_every_file_has_exactly_one_label_and_every_label_a_file():
    names = [label["file"] for label in LABELS]
    assert len(names) == len(set(names))
    assert set(names) == set(FILES)


def test_the_set_has_the_promised_shape():
    assert len(LABELS) >= 150
    assert len({label["site"] for label in LABELS}) >= 8
    html_share = sum(label["file"].endswith(".html") for label in LABELS) / len(LABELS)
    assert 0.2 <= html_share <= 0.3
    no_site = sum("site" not in label["metadata"] for label in LABELS) / len(LABELS)
    assert 0.4 <= no_site <= 0.6


def test_documents_without_a_site_label_name_no_host():
    for label in LABELS:
        if "site" not in label["metadata"]:
            assert not re.search(r"https?://", FILES[label["file"]].decode()), label["file"]


def test_the_files_are_what_the_generator_writes():
    files, labels = make_generalise.build()
    assert files == FILES
    assert labels == LABELS


def test_file_names_are_the_hash_of_their_content():
    for name, data in FILES.items():
        assert name.split(".")[0] == hashlib.sha1(data).hexdigest()[:16]


@pytest.mark.parametrize("label", LABELS, ids=lambda label: label["file"])
def test_labels_agree_with_the_document(label):
    assert make_generalise.check({label["file"]: FILES[label["file"]]}, [label]) == []
    text = make_generalise.document_text(label["file"], FILES[label["file"]])
    assert label["site_in_text"] == (
        label["site"].casefold() in FILES[label["file"]].decode().casefold()
    )
    assert label["boilerplate"], "every document carries some boilerplate"
    assert len(label["boilerplate_kinds"]) == len(label["boilerplate"])
    assert all(p.strip() for p in label["body"].split("\n\n"))
    assert label["metadata"]["title"] in text


def test_story_groups_with_copies_span_two_sites_or_more():
    sites = defaultdict(set)
    docs = defaultdict(int)
    for label in LABELS:
        sites[label["story"]].add(label["site"])
        docs[label["story"]] += 1
    groups = [story for story, n in docs.items() if n > 1]
    assert len(groups) >= 0.35 * len(docs)
    assert all(len(sites[story]) >= 2 for story in groups)


def test_the_check_catches_a_body_paragraph_that_is_not_in_the_text():
    label = dict(LABELS[0], body=LABELS[0]["body"] + "\n\nA paragraph written nowhere in the file.")
    assert make_generalise.check({label["file"]: FILES[label["file"]]}, [label])
