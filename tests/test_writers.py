from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleancorpus import ConfigError, DocumentResult, Membership, Removal
from cleancorpus.output.folder import MANIFEST, atomic_folder, check_locations
from cleancorpus.output.spool import SPOOL, SpoolReader, SpoolWriter
from cleancorpus.output.writers import (
    Encoded,
    OutputWriter,
    dumps,
    membership_fields,
    membership_json,
    write_corpus_file,
)
from tests.containers import jsonl_lines


def _result(doc_id: str, canonical: bool = True, **changes) -> DocumentResult:
    fields = {
        "id": doc_id,
        "text": "Grüße, κόσμε",
        "metadata": {"site": "Ωmega"},
        "cluster": doc_id,
        "canonical": canonical,
        "duplicate_of": None,
        "similarity": None,
    }
    fields.update(changes)
    return DocumentResult(**fields)


def test_document_record_has_overlaps_as_ids_and_scores():
    result = _result(
        "b.txt",
        canonical=False,
        cluster="a.txt",
        duplicate_of="a.txt",
        similarity=0.9,
        overlaps=(("a.txt", 0.95), ("c.txt", 0.4)),
        reason="shares 95% of its shingles",
        rule="near-duplicate",
    )
    assert result.document_record() == {
        "id": "b.txt",
        "text": "Grüße, κόσμε",
        "metadata": {"site": "Ωmega"},
        "cluster": "a.txt",
        "canonical": False,
        "duplicate_of": "a.txt",
        "similarity": 0.9,
        "overlaps": ["a.txt", "c.txt"],
        "overlap_scores": {"a.txt": 0.95, "c.txt": 0.4},
        "reason": "shares 95% of its shingles",
        "rule": "near-duplicate",
    }


def test_removal_records_sorted_by_start():
    result = _result(
        "a.txt", removals=(Removal("footer", 20, 30, "x" * 10), Removal("header", 0, 5, "y" * 5))
    )
    assert [(r["rule"], r["start"]) for r in result.removal_records()] == [
        ("header", 0),
        ("footer", 20),
    ]


def test_writer_streams_files_and_mirrors_canonical_texts(tmp_path):
    with OutputWriter(tmp_path, corpus_files="write") as writer:
        writer.add(_result("a/one.txt", duplicates=("b.md",)))
        writer.add(_result("b.md", canonical=False, cluster="a/one.txt", duplicate_of="a/one.txt"))
    raw = (tmp_path / "documents.jsonl").read_text(encoding="utf-8")
    assert "Grüße, κόσμε" in raw  # ensure_ascii=False
    assert [d["id"] for d in jsonl_lines(tmp_path / "documents.jsonl")] == ["a/one.txt", "b.md"]
    corpus = jsonl_lines(tmp_path / "corpus.jsonl")
    assert corpus == [
        {
            "id": "a/one.txt",
            "text": "Grüße, κόσμε",
            "metadata": {"site": "Ωmega"},
            "duplicates": ["b.md"],
        }
    ]
    assert (tmp_path / "corpus" / "a" / "one.txt").read_text(encoding="utf-8") == "Grüße, κόσμε"
    assert not (tmp_path / "corpus" / "b.md").exists()


def test_lines_are_exactly_the_json_of_the_records(tmp_path):
    result = _result(
        "a.txt",
        text='quote " backslash \\ tab \t newline \n Ω',
        metadata={"date": "2017-06-02", "tags": ["x", "ü"]},
        overlaps=(("b.txt", 0.5),),
        removals=(Removal("footer", 9, 12, "a\nb"), Removal("header", 0, 2, "By")),
        duplicates=("c.txt",),
        reason="only member",
    )
    with OutputWriter(tmp_path, corpus_files=None) as writer:
        writer.add(result)
    documents = (tmp_path / "documents.jsonl").read_text(encoding="utf-8")
    assert documents == dumps(result.document_record()) + "\n"
    corpus = (tmp_path / "corpus.jsonl").read_text(encoding="utf-8")
    assert corpus == dumps(result.corpus_record()) + "\n"
    removals = (tmp_path / "removals.jsonl").read_text(encoding="utf-8")
    assert removals == "".join(dumps(r) + "\n" for r in result.removal_records())
    assert [r["rule"] for r in result.removal_records()] == ["header", "footer"]


def test_encoded_pieces_survive_spooling(tmp_path):
    encoded = Encoded.of("d/e.txt", "Grüße\r\n", {"k": 1}, [Removal("r", 0, 1, "x")])
    other = Encoded.of("f.txt", "ω", {}, [])
    (tmp_path / SPOOL).mkdir()
    spool = SpoolWriter(tmp_path, "0000001.bin")
    first, second = spool.add(encoded), spool.add(other)
    spool.close()
    with SpoolReader(tmp_path / SPOOL) as reader:
        assert reader.load(second) == other
        assert reader.load(first) == encoded
    assert json.loads(encoded.text) == "Grüße\r\n"
    assert json.loads(encoded.removals) == {
        "id": "d/e.txt",
        "rule": "r",
        "start": 0,
        "end": 1,
        "text": "x",
    }


def test_prune_mode_removes_duplicates_files_and_their_empty_folders(tmp_path):
    for doc_id in ("a.txt", "dups/deep/b.txt", "mixed/c.txt", "mixed/d.txt"):
        write_corpus_file(tmp_path, doc_id, f"text of {doc_id}")
    with OutputWriter(tmp_path, corpus_files="prune") as writer:
        for doc_id in ("a.txt", "dups/deep/b.txt", "mixed/c.txt", "mixed/d.txt"):
            canonical = doc_id in ("a.txt", "mixed/d.txt")
            cluster = doc_id if canonical else "a.txt"
            writer.add(_result(doc_id, canonical=canonical, cluster=cluster))
    files = sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "corpus").rglob("*"))
    assert files == ["corpus/a.txt", "corpus/mixed", "corpus/mixed/d.txt"]
    assert (tmp_path / "corpus" / "mixed" / "d.txt").read_text() == "text of mixed/d.txt"


def test_writer_keeps_crlf_in_corpus_files(tmp_path):
    with OutputWriter(tmp_path, corpus_files="write") as writer:
        writer.add(_result("a.txt", text="one\r\ntwo\r\n"))
    assert (tmp_path / "corpus" / "a.txt").read_bytes() == b"one\r\ntwo\r\n"


def test_writer_refuses_out_of_order_ids(tmp_path):
    with OutputWriter(tmp_path, corpus_files=None) as writer:
        writer.add(_result("b.txt"))
        with pytest.raises(ValueError, match="increasing id order"):
            writer.add(_result("a.txt"))


def test_atomic_folder_creates_output(tmp_path):
    target = tmp_path / "nested" / "out"
    with atomic_folder(target) as staging:
        assert staging.parent == target.parent
        (staging / "report.json").write_text("{}")
    assert (target / "report.json").read_text() == "{}"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out"]
    manifest = json.loads((target / MANIFEST).read_text())
    assert manifest["tool"] == "cleancorpus" and manifest["files"] == ["report.json"]


def test_atomic_folder_replaces_previous_output(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / "report.json").write_text("old")
    (target / "documents.jsonl").write_text("old")
    with atomic_folder(target) as staging:
        (staging / "report.json").write_text("new")
    assert sorted(p.name for p in target.iterdir()) == [MANIFEST, "report.json"]
    assert (target / "report.json").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no backup left


def test_atomic_folder_failure_keeps_old_output_and_removes_staging(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / "report.json").write_text("old")
    with pytest.raises(RuntimeError, match="disk on fire"), atomic_folder(target) as staging:
        (staging / "report.json").write_text("half")
        raise RuntimeError("disk on fire")
    assert (target / "report.json").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_check_locations_rejects_overlaps(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    with pytest.raises(ConfigError, match="inside INPUT"):
        check_locations(source, source / "out")
    with pytest.raises(ConfigError, match="inside INPUT"):
        check_locations(source, source)
    with pytest.raises(ConfigError, match="would delete it"):
        check_locations(source, tmp_path)


def test_check_locations_refuses_to_replace_foreign_folders(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.tex").write_text("precious")
    with pytest.raises(ConfigError, match="holds no cleancorpus manifest"):
        check_locations(source, home)
    (tmp_path / "file").write_text("x")
    with pytest.raises(ConfigError, match="not a folder"):
        check_locations(source, tmp_path / "file")


def test_check_locations_accepts_missing_empty_and_previous_outputs(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    check_locations(source, tmp_path / "new")
    (tmp_path / "empty").mkdir()
    check_locations(source, tmp_path / "empty")
    previous = tmp_path / "prev"
    with atomic_folder(previous) as staging:
        (staging / "corpus").mkdir()
        (staging / "corpus" / "a.txt").write_text("a")
        (staging / "report.json").write_text(json.dumps({}))
    check_locations(source, previous)
    (previous / "corpus" / "mine.txt").write_text("the user's own")
    with pytest.raises(ConfigError, match=r"did not write \(corpus/mine.txt\)"):
        check_locations(source, previous)


def test_check_locations_refuses_output_names_without_manifest(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    lookalike = tmp_path / "data"
    (lookalike / "corpus" / "raw-2019").mkdir(parents=True)
    (lookalike / "corpus" / "raw-2019" / "part-0001.txt").write_text("mine")
    (lookalike / "report.json").write_text("{}")
    with pytest.raises(ConfigError, match="holds no cleancorpus manifest"):
        check_locations(source, lookalike)


_ids = st.text(min_size=1, max_size=12)
_scores = st.floats(allow_nan=True, allow_infinity=True) | st.integers(-5, 5)


@settings(max_examples=200)
@given(
    cluster=_ids,
    canonical=st.booleans(),
    duplicate_of=st.none() | _ids,
    similarity=st.none() | _scores,
    overlaps=st.lists(st.tuples(_ids | st.integers(0, 3), _scores), max_size=4).map(tuple),
    reason=st.text(max_size=30),
    rule=st.none() | st.sampled_from(["near-duplicate", "exact-duplicate", "contained"]),
)
def test_fields_json_is_exactly_the_json_of_the_fields(
    cluster, canonical, duplicate_of, similarity, overlaps, reason, rule
):
    place = Membership(
        cluster=cluster,
        canonical=canonical,
        duplicate_of=duplicate_of,
        similarity=similarity,
        overlaps=overlaps,
        reason=reason,
        rule=rule,
    )
    assert "{" + membership_json(place) == dumps(membership_fields(place))


def test_writer_notes_where_each_cluster_lines_start(tmp_path):
    with OutputWriter(tmp_path, corpus_files=None) as writer:
        writer.add(_result("a.txt", duplicates=("c.txt",), overlaps=(("b.txt", 0.6),)))
        writer.add(_result("b.txt", overlaps=(("a.txt", 0.6),)))
        writer.add(_result("c.txt", canonical=False, cluster="a.txt", duplicate_of="a.txt"))
    data = (tmp_path / "documents.jsonl").read_bytes()
    assert writer.overlapping == 2
    assert writer.cluster_lines.keys() == {"a.txt", "b.txt"}
    for cluster, offsets in writer.cluster_lines.items():
        records = [json.loads(data[at:].split(b"\n", 1)[0]) for at in offsets]
        assert {r["cluster"] for r in records} == {cluster}
    assert [len(v) for v in writer.cluster_lines.values()] == [2, 1]
