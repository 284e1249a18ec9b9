"""Learned line templates: a recurring label with a value that varies per document."""

from __future__ import annotations

import dataclasses
import json
import pickle

import pytest

from cleancorpus import LearnConfig, LearnedBoilerplate
from cleancorpus.learning.boilerplate import learn_boilerplate, line_key, profile_document
from cleancorpus.learning.templates import REJECTS, rejected_by, split_label, template_key

from .test_learned import clean_view, story

TOPICS = ("weir", "ferry", "mill", "orchard", "harbour", "schools", "lido", "quarry", "bridge")


def shelved(i: int) -> str:
    """A tag row no rule knows, its value different on each page."""
    return f"Archive shelf: {TOPICS[i % len(TOPICS)]}, {TOPICS[(i * 5 + 2) % len(TOPICS)]}"


def docs_with(site: str, n: int, line, *, top: bool = False) -> list[tuple[str, str, str]]:
    """``n`` stories of ``site`` with ``line(i)`` under (or over) each."""
    out = []
    for i in range(n):
        body = story(300 + 1000 * len(site) + i)
        text = f"{line(i)}\n\n{body}" if top else f"{body}\n\n{line(i)}"
        out.append((f"{site}/{i}.md", site, text))
    return out


def templates(learned: LearnedBoilerplate) -> set[tuple[str, str]]:
    return {(b.site, b.key) for b in learned.blocks if b.key.endswith(" *")}


# -- template keys ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "template"),
    [
        ("Filed in: Politics, Harbour", "filed in: *"),
        ("Photograph: Ann Lee/Agency", "photograph: *"),
        ("Reporting by Jane Doe; editing by Bob Smith", "reporting by *"),
        ("(Reporting by Jane Doe; Editing by Bob Smith)", "(reporting by *"),
        ("Posted in Opinion | 4 Comments", "posted in *"),
        ("Words: Jane Doe", "words: *"),
        ("Kestrel picks » the [weir](https://x.example/weir) reopens", "kestrel picks » *"),
        ("Fernhollow Gardening Club — grow, swap, share", "fernhollow gardening club — *"),
        ("Filed under Schools", "filed under *"),
    ],
)
def test_a_short_labelled_line_yields_its_template(line: str, template: str) -> None:
    assert template_key(line_key(line)) == template


@pytest.mark.parametrize(
    "line",
    [
        "The river rose overnight and closed the bridge.",  # no label
        "By Jane Doe",  # a connector needs a word before it
        "Step 1: Preheat the oven",  # a label is words of letters: a number ends it
        "Route 66 notes: weir",
        "- Tags: weir, ferry",  # a list item or a table row starts with no word
        "| Prep: | 10 min |",
        "Five words before the colon: then a value",  # a label of at most four words
        "© 2024 Kestrel Media",
    ],
)
def test_a_line_without_a_label_yields_no_template(line: str) -> None:
    assert split_label(line_key(line)) is None
    assert template_key(line_key(line)) is None


REJECTED = {
    "long line": (
        "Update: the council replied on Monday that the weir will reopen in the spring "
        "after the survey of the banks is done",
    ),
    "one-letter label": ("Q: Does the weir flood", "A: Yes, every winter."),
    "no value": ("Ingredients:", "Filed in: ..."),
    "long value": ("Note: the weir is closed to boats and swimmers until the end of next May",),
    "quantity value": ("Prep time: 10 min", "Serves: 4", "Posted in 2021 | Opinion"),
    "quoted speech": ('She said: "Take a photo of the crack."',),
    "question or exclamation": ("Question: does the weir flood in spring?", "Update: it did!"),
}


@pytest.mark.parametrize(
    ("reason", "line"), [(reason, line) for reason, lines in REJECTED.items() for line in lines]
)
def test_body_labels_yield_no_template(reason: str, line: str) -> None:
    parts = split_label(line_key(line))
    assert parts is not None and rejected_by(parts) == reason
    assert template_key(line_key(line)) is None


def test_every_reject_rule_has_a_test() -> None:
    assert set(REJECTED) == {name for name, _ in REJECTS}


def test_profiles_count_templates_near_the_edges_only() -> None:
    config = LearnConfig()
    near = f"{story(1)}\n\n{shelved(1)}"
    header = "\n\n".join(f"Line {w} of the header" for w in TOPICS[:4])
    deep = f"{header}\n\n{shelved(1)}\n\n{story(2, paragraphs=6)}"
    hashed = profile_document("a", "", near, config)
    assert hashed.values is not None and len(hashed.keys) == 5  # 3 paragraphs, row, template
    assert int((hashed.values > 0).sum()) == 1 and hashed.words[hashed.values > 0].tolist() == [0]
    deep_values = profile_document("b", "", deep, config).values
    assert deep_values is not None and not deep_values.any()  # the fifth line from the top
    back = pickle.loads(pickle.dumps(hashed)).values
    assert back is not None and back.dtype == hashed.values.dtype
    assert back.tolist() == hashed.values.tolist()


# -- learning ---------------------------------------------------------------------------------


def test_a_template_is_learned_for_its_site_and_removes_new_values() -> None:
    docs = docs_with("fp", 6, shelved) + [(f"qq/{i}.md", "qq", story(800 + i)) for i in range(8)]
    learned = learn_boilerplate(docs)
    assert templates(learned) == {("fp", "archive shelf: *")}
    (block,) = [b for b in learned.blocks if b.key == "archive shelf: *"]
    assert (block.groups, block.site_groups) == (6, 6)
    assert block.example == shelved(0) and block.id.startswith("learned:fp:")
    fresh = f"{story(9)}\n\nArchive shelf: the lighthouse"  # a value no page had
    result = learned.apply(clean_view(fresh), "fp")
    assert result.text == story(9) and result.removals[0].rule == block.id
    assert learned.apply(clean_view(fresh), "qq").text == fresh  # another site's page keeps it


def test_a_template_of_a_one_site_corpus_is_learned_corpus_wide() -> None:
    docs = [(f"{i}.md", "", t) for i, _, t in docs_with("x", 5, shelved, top=True)]
    learned = learn_boilerplate(docs + [(f"o{i}.md", "", story(700 + i)) for i in range(3)])
    assert templates(learned) == {("", "archive shelf: *")}  # 5 of 8 groups
    text = f"Archive shelf: lido\n\n{story(4)}"
    assert learned.apply(clean_view(text), "").text == story(4)


def test_a_template_needs_the_share_of_its_scope_never_the_count_alone() -> None:
    docs = [(f"{i}.md", "", t) for i, _, t in docs_with("x", 4, shelved)]
    docs += [(f"o{i}.md", "", story(700 + i)) for i in range(8)]  # 4 of 12 groups
    assert not templates(learn_boilerplate(docs))
    assert templates(learn_boilerplate(docs, LearnConfig(min_fraction=0.3)))


def test_copies_count_once_for_a_template() -> None:
    body = story(55)
    docs = [(f"fp/c{i}.md", "fp", f"{body}\n\n{shelved(i)}") for i in range(5)]  # one story
    docs += docs_with("fp", 1, shelved)
    assert not templates(learn_boilerplate(docs))  # 6 documents, 2 groups
    docs += docs_with("fp", 2, shelved)[1:]
    assert templates(learn_boilerplate(docs)) == {("", "archive shelf: *")}


def test_one_value_on_every_page_is_a_line_not_a_template() -> None:
    docs = docs_with("fp", 6, lambda i: "Cuisine: Italian")
    learned = learn_boilerplate(docs)
    assert not templates(learned)
    assert {b.key for b in learned.blocks} == {"cuisine: italian"}
    assert learned.apply(clean_view(f"{story(3)}\n\nCuisine: Greek"), "fp").removals == ()


def test_recipe_rows_with_few_values_are_not_learned() -> None:
    courses = ("Dinner", "Lunch", "Dessert")
    docs = docs_with("kitchen", 8, lambda i: f"Course: {courses[i % 3]}", top=True)
    assert not learn_boilerplate(docs).blocks  # 3 values over 8 pages; no value on half


def test_qa_sections_and_list_items_are_not_learned() -> None:
    def qa(i: int) -> str:
        return f"Q: Can I grow {TOPICS[i % 9]} beans in clay soil?\n\nA: Yes, {TOPICS[i % 9]}."

    def listed(i: int) -> str:
        return f"- Tags: {TOPICS[i % 9]}, {TOPICS[(i + 4) % 9]}"

    docs = docs_with("qa", 9, qa, top=True) + docs_with("qa-end", 9, qa)
    docs += docs_with("lists", 9, listed)
    learned = learn_boilerplate(docs)
    assert not templates(learned)
    for _, site, text in docs:
        assert learned.apply(clean_view(text), site).text == text


def test_a_template_inside_the_body_stays() -> None:
    learned = learn_boilerplate(docs_with("fp", 6, shelved))
    inside = f"{story(1)}\n\nArchive shelf: weir\n\n{story(2)}"
    assert learned.apply(clean_view(inside), "fp").text == inside


def test_families_learn_templates_too() -> None:
    appeal = (
        "Every page of the Chronicle is paid for by its readers; a lantern costs five pounds "
        "a month and keeps one reporter on the road."
    )
    family = [(f"f{i}.md", "", f"{story(i)}\n\n{shelved(i)}\n\n{appeal}") for i in range(4)]
    others = [(f"o{i}.md", "", f"{story(600 + i)}\n\n{shelved(i + 1)}") for i in range(12)]
    learned = learn_boilerplate(family + others)  # 16 groups: the template is on 4 + 12
    assert ("", "archive shelf: *") in templates(learned)
    others = [(i, s, story(900 + n)) for n, (i, s, _) in enumerate(others)]
    learned = learn_boilerplate(family + others)  # 4 of 16 groups: for the family only
    sites = {site for site, _ in templates(learned)}
    assert len(sites) == 1 and next(iter(sites)).startswith("~family:")


# -- persistence ------------------------------------------------------------------------------


def test_template_blocks_survive_save_and_load(tmp_path) -> None:
    learned = learn_boilerplate(docs_with("fp", 5, shelved))
    path = tmp_path / "learned.json"
    learned.save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 2 and any(b["key"] == "archive shelf: *" for b in data["blocks"])
    loaded = LearnedBoilerplate.load(path)
    assert loaded == learned
    text = f"{story(3)}\n\nArchive shelf: lido"
    assert loaded.apply(clean_view(text), "fp") == learned.apply(clean_view(text), "fp")


def test_a_file_of_lines_only_loads_and_applies_as_before(tmp_path) -> None:
    lines = learn_boilerplate(docs_with("fp", 5, lambda i: "Quay notes"))
    data = lines.to_json()
    path = tmp_path / "v2.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = LearnedBoilerplate.load(path)
    assert loaded == lines and not templates(loaded)
    assert dataclasses.asdict(loaded.config) == data["config"]
    text = f"{story(3)}\n\nQuay notes"
    assert loaded.apply(clean_view(text), "fp").text == story(3)


def test_describe_names_templates() -> None:
    docs = docs_with("fp", 5, shelved) + docs_with("fp-b", 5, lambda i: "Quay notes")
    learned = learn_boilerplate(docs)
    kinds = {b.key: b.is_template for b in learned.blocks}
    assert kinds == {"archive shelf: *": True, "quay notes": False}
    report = learned.describe()
    assert f"template 'archive shelf: *', e.g. {shelved(0)!r}" in report
    assert "    'Quay notes'" in report
