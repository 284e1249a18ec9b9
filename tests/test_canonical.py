from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cleancorpus.dedup.canonical import choose_canonical, date_key, normalize_name


@dataclass(frozen=True)
class Doc:
    id: str
    metadata: dict[str, Any] = field(default_factory=dict)
    length: int = 100


def canonical_id(*docs: Doc) -> tuple[str, str]:
    index, reason = choose_canonical(list(docs))
    return docs[index].id, reason


def test_copy_naming_the_original_source_defers_to_it():
    copy = Doc("a", {"original_source": "South Front", "date": "2020-01-01"}, length=900)
    original = Doc("z", {"site": "SOUTH-FRONT", "date": "2020-03-01"}, length=100)
    winner, reason = canonical_id(copy, original)
    assert winner == "z"
    assert "original source" in reason and "a" in reason


def test_author_can_be_the_named_source_too():
    copy = Doc("a", {"original_source": "Jane Roe"})
    original = Doc("b", {"author": ["Someone Else", "jane  roe"]})
    assert canonical_id(copy, original)[0] == "b"


def test_naming_oneself_is_not_deference():
    a = Doc("a", {"site": "South Front", "original_source": "South Front"}, length=10)
    b = Doc("b", {}, length=20)
    assert canonical_id(a, b)[0] == "b"


def test_earliest_date_wins_and_a_missing_date_sorts_last():
    late = Doc("a", {"date": "2021-05-01T10:00:00+02:00"}, length=999)
    early = Doc("b", {"date": "2021-05-01T07:30:00Z"})
    undated = Doc("c", {}, length=5000)
    winner, reason = canonical_id(late, early, undated)
    assert winner == "b" and "earliest date" in reason
    assert canonical_id(undated, Doc("d", {"date": "not a date"}), late)[0] == "a"


def test_longest_text_then_smallest_id():
    winner, reason = canonical_id(Doc("a", length=10), Doc("b", length=30), Doc("c", length=20))
    assert (winner, reason.split(" (")[0]) == ("b", "most complete text")
    winner, reason = canonical_id(Doc("b", length=30), Doc("a", length=30))
    assert winner == "a" and "smallest id" in reason


@given(
    st.permutations(
        [Doc("x", {"date": "2020-01-02"}), Doc("y", {"date": date(2020, 1, 1)}), Doc("z")]
    )
)
def test_choice_does_not_depend_on_member_order(members):
    assert canonical_id(*members)[0] == "y"


def test_date_key_reads_iso_dates_and_rejects_the_rest():
    assert date_key("2020-01-01") < date_key("2020-01-01T00:00:01")
    assert date_key("2020-01-01T12:00:00+02:00") == date_key("2020-01-01T10:00:00Z")
    assert date_key(None) == date_key("") == date_key("yesterday") == (1, 0.0)
    assert date_key("2030-01-01") < date_key(None)


def test_names_compare_without_case_spaces_or_punctuation():
    assert (
        normalize_name("South Front")
        == normalize_name("south-front")
        == normalize_name("SouthFront")
    )
    assert normalize_name("South Front") != normalize_name("North Front")
