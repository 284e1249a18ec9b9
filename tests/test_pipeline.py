from __future__ import annotations

import dataclasses
import json
import os
import re
from pathlib import Path

import numpy as np
import pytest

from cleancorpus import (
    CleanConfig,
    Cleaned,
    ConfigError,
    DedupConfig,
    Document,
    Membership,
    Removal,
    RunOptions,
    process,
    run,
)
from cleancorpus.dedup.candidates import Anchors
from cleancorpus.dedup.deduplicate import Analysis
from cleancorpus.engine import assemble, stages
from cleancorpus.output import writers
from cleancorpus.report.html import render
from tests.containers import jsonl_lines

OUTPUT_FILES = ("documents.jsonl", "corpus.jsonl", "removals.jsonl")
_LINK = re.compile(r"\[([^\]\n]*)\]\(#\)")


def fake_clean(text: str, config: CleanConfig | None = None) -> Cleaned:
    """A cleaner with a known result: drops every ``[label](#)`` link, counts them as metadata."""
    removals = tuple(
        Removal("fake.link", m.start(), m.end(), m.group()) for m in _LINK.finditer(text)
    )
    return Cleaned(text, _LINK.sub("", text), {"links": len(removals)}, removals)


def fake_deduplicate(docs, config):
    """Identical texts form a cluster whose canonical is the smallest id."""
    first_of: dict[object, str] = {}
    result = {}
    for doc in sorted(docs, key=lambda d: d.id):
        key = doc.fingerprint.signature
        first = first_of.setdefault(key, doc.id)
        if first == doc.id:
            reason = f"fake.first:{doc.length}"
            result[doc.id] = Membership(doc.id, True, None, None, (), reason, None)
        else:
            overlaps = ((first, 1.0),)
            result[doc.id] = Membership(first, False, first, 1.0, overlaps, "fake.exact", "exact")
    for doc_id, member in result.items():  # each canonical lists its duplicates, sorted
        if member.canonical:
            duplicates = tuple(d for d, m in sorted(result.items()) if m.duplicate_of == doc_id)
            result[doc_id] = dataclasses.replace(member, duplicates=duplicates)
    return result


def fake_analyse(docs, config):
    """fake_deduplicate's memberships, with no anchors: no passages."""
    none = np.empty(0, dtype=np.int64)
    return Analysis(fake_deduplicate(docs, config), Anchors(none.astype(np.uint64), none, none), ())


@dataclasses.dataclass(frozen=True)
class _Print:
    signature: str
    shingles: np.ndarray = dataclasses.field(default_factory=lambda: np.empty(0, np.uint32))


class _TextPrint:
    """A fingerprinter whose fingerprint is the text itself."""

    def __init__(self, config: DedupConfig) -> None:
        self.config = config
        self.params = config  # what the pipeline keys a reused fingerprinter by

    def batch(self, texts):
        return [_Print(text) for text in texts]

    def batch_with_middles(self, texts, middle):  # boilerplate learning's cores: none
        texts = list(texts)
        return self.batch(texts), [np.empty(0, np.uint32) for _ in texts]


def _cleaner_class(clean_function):
    """A stand-in for cleaning.TextCleaner whose ``clean`` is ``clean_function``."""

    class FakeCleaner:
        def __init__(self, config: CleanConfig | None = None) -> None:
            self.config = config

        def clean(self, text: str, titles=()) -> Cleaned:
            return clean_function(text, self.config)

    return FakeCleaner


@pytest.fixture
def fakes(monkeypatch):
    monkeypatch.setattr(stages, "TextCleaner", _cleaner_class(fake_clean))
    monkeypatch.setattr(assemble, "analyse", fake_analyse)
    monkeypatch.setattr(stages, "Fingerprinter", _TextPrint)


def _outputs(folder: Path) -> dict[str, bytes]:
    files = {name: (folder / name).read_bytes() for name in OUTPUT_FILES}
    for path in sorted((folder / "corpus").rglob("*")):
        if path.is_file():
            files[path.relative_to(folder).as_posix()] = path.read_bytes()
    return files


def _reconstructs(original: str, text: str, removals: list[dict]) -> bool:
    """``text`` is ``original`` with the removed spans cut out, and each span says what it cut."""
    kept, position = [], 0
    for r in sorted(removals, key=lambda r: r["start"]):
        if original[r["start"] : r["end"]] != r["text"] or r["start"] < position:
            return False
        kept.append(original[position : r["start"]])
        position = r["end"]
    kept.append(original[position:])
    return "".join(kept) == text


# --- options -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"workers": 0}, "workers must be a whole number >= 1"),
        ({"workers": True}, "workers must be"),
        ({"max_bytes": 0}, "max_bytes must be"),
        ({"chunk_size": 2.5}, "chunk_size must be"),
        ({"extensions": ("txt",)}, "extensions must be like"),
        ({"clean": {"disable": []}}, "clean must be a CleanConfig"),
        ({"dedup": None}, "dedup must be a DedupConfig"),
        ({"fields": {"id": "id"}}, "fields must be a RecordFields"),
        ({"extract": None}, "extract must be an ExtractSettings"),
        ({"output_format": "csv"}, "output_format must be one of jsonl, parquet, both"),
    ],
)
def test_options_are_validated(changes, message):
    with pytest.raises(ConfigError, match=message):
        RunOptions(**changes)


def test_options_normalise_extensions_and_default_workers():
    options = RunOptions(extensions=(".MD", ".txt", ".md"))
    assert options.extensions == (".md", ".txt")
    assert options.worker_count == (os.cpu_count() or 1)


# --- every field of every output file, with known cleaner and dedup results ----------------


def test_run_writes_every_field(tmp_path, write_tree, texts, fakes):
    source = write_tree(
        tmp_path / "in",
        {
            "b/copy.md": texts["alpha"],
            "a.txt": texts["alpha"],
            "c.txt": texts["gamma"],
            "skip.pdf": b"%PDF",
            "broken.txt": b"\x00\x00 binary",
        },
    )
    result = run(source, tmp_path / "out", RunOptions(workers=1))
    out = tmp_path / "out"
    alpha_clean = texts["alpha"].replace("[South Front](#)", "")

    documents = jsonl_lines(out / "documents.jsonl")
    assert documents == [
        {
            "id": "a.txt",
            "text": alpha_clean,
            "metadata": {"links": 2},
            "cluster": "a.txt",
            "canonical": True,
            "duplicate_of": None,
            "similarity": None,
            "overlaps": [],
            "overlap_scores": {},
            "reason": f"fake.first:{len(alpha_clean)}",
            "rule": None,
            "passages": [],
            "story": "a.txt",
        },
        {
            "id": "b/copy.md",
            "text": alpha_clean,
            "metadata": {"links": 2},
            "cluster": "a.txt",
            "canonical": False,
            "duplicate_of": "a.txt",
            "similarity": 1.0,
            "overlaps": ["a.txt"],
            "overlap_scores": {"a.txt": 1.0},
            "reason": "fake.exact",
            "rule": "exact",
            "passages": [],
            "story": "a.txt",
        },
        {
            "id": "c.txt",
            "text": texts["gamma"],
            "metadata": {"links": 0},
            "cluster": "c.txt",
            "canonical": True,
            "duplicate_of": None,
            "similarity": None,
            "overlaps": [],
            "overlap_scores": {},
            "reason": f"fake.first:{len(texts['gamma'])}",
            "rule": None,
            "passages": [],
            "story": "c.txt",
        },
    ]
    assert jsonl_lines(out / "corpus.jsonl") == [
        {"id": "a.txt", "text": alpha_clean, "metadata": {"links": 2}, "duplicates": ["b/copy.md"]},
        {"id": "c.txt", "text": texts["gamma"], "metadata": {"links": 0}, "duplicates": []},
    ]
    assert (out / "corpus" / "a.txt").read_text(encoding="utf-8") == alpha_clean
    assert (out / "corpus" / "c.txt").read_bytes() == texts["gamma"].encode()  # CRLF kept
    assert not (out / "corpus" / "b").exists()

    start = texts["alpha"].index("[South Front](#)")
    second = texts["alpha"].index("[South Front](#)", start + 1)
    link = "[South Front](#)"
    expected = []
    for doc_id in ("a.txt", "b/copy.md"):
        for at in (start, second):
            expected.append(
                {
                    "id": doc_id,
                    "rule": "fake.link",
                    "start": at,
                    "end": at + len(link),
                    "text": link,
                }
            )
    assert jsonl_lines(out / "removals.jsonl") == expected

    report = result.report
    assert report == json.loads((out / "report.json").read_text(encoding="utf-8"))
    counts = report["counts"]
    total_in = 2 * len(texts["alpha"]) + len(texts["gamma"])
    assert counts == {
        "files": 4,
        "documents": 3,
        "canonical": 2,
        "duplicates": 1,
        "errors": 1,
        "warnings": 0,
        "skipped": 1,
        "skipped_records": 0,
        "characters_in": total_in,
        "characters_out": 2 * len(alpha_clean) + len(texts["gamma"]),
        "characters_canonical": len(alpha_clean) + len(texts["gamma"]),
        "removals": 4,
        "characters_removed": 4 * len(link),
    }
    assert report["removals_by_rule"] == {"fake.link": {"count": 4, "characters": 4 * len(link)}}
    assert report["skipped"] == {"count": 1, "by_extension": {".pdf": 1}}
    assert [e["path"] for e in report["errors"]] == ["broken.txt"]
    assert report["errors"][0]["problem"].startswith("binary file: NUL byte at byte offset 0")
    assert report["warnings"] == []
    assert report["parameters"]["workers"] == 1
    assert report["parameters"]["clean"]["disable"] == []
    assert set(report["parameters"]["clean"]) == {f.name for f in dataclasses.fields(CleanConfig)}
    assert report["parameters"]["dedup"] == dataclasses.asdict(DedupConfig())
    assert report["parameters"]["version"] == report["version"]
    assert {"read", "clean", "fingerprint", "dedup", "write", "total"} <= set(report["timings"])
    assert result.exit_code == 3
    assert sorted(p.name for p in out.iterdir()) == [
        ".cleancorpus-manifest.json",
        "corpus",
        "corpus.jsonl",
        "documents.jsonl",
        "learned.json",
        "removals.jsonl",
        "report.html",
        "report.json",
    ]


def test_process_in_memory_matches_run(tmp_path, write_tree, texts, fakes):
    files = {"a.txt": texts["alpha"], "b/copy.md": texts["alpha"], "c.txt": texts["gamma"]}
    run(write_tree(tmp_path / "in", files), tmp_path / "out", RunOptions(workers=1))
    docs = [Document(doc_id, text) for doc_id, text in reversed(files.items())]
    result = process(docs, RunOptions(workers=1))
    assert [d.document_record() for d in result.documents] == jsonl_lines(
        tmp_path / "out" / "documents.jsonl"
    )
    removals = [r for d in result.documents for r in d.removal_records()]
    assert removals == jsonl_lines(tmp_path / "out" / "removals.jsonl")
    assert result.report["counts"]["removals"] == len(removals)


def test_process_keeps_caller_metadata_over_lifted_metadata(fakes):
    result = process(
        [Document("x", "[a](#) text", {"links": "mine", "url": "u"})], RunOptions(workers=1)
    )
    assert dict(result.documents[0].metadata) == {"links": "mine", "url": "u"}


def test_process_reports_duplicate_ids_and_empty_texts():
    docs = [Document("a", "first"), Document("a", "second"), Document("b", "  \n")]
    result = process(docs, RunOptions(workers=1))
    assert [d.id for d in result.documents] == ["a"]
    assert result.report["counts"]["characters_in"] == len("first")  # the first "a" was kept
    problems = {e.path: e.problem for e in result.errors}
    assert problems["a"].startswith("duplicate id")
    assert "only whitespace" in problems["b"]
    assert result.report["counts"]["errors"] == 2


def test_a_crashing_cleaner_loses_only_its_document(tmp_path, write_tree, monkeypatch):
    def flaky(text, config=None):
        if "BOOM" in text:
            raise RuntimeError("cleaner bug")
        return Cleaned(text, text, {}, ())

    monkeypatch.setattr(stages, "TextCleaner", _cleaner_class(flaky))
    source = write_tree(tmp_path / "in", {"a.txt": "fine text", "b.txt": "BOOM", "c.txt": "more"})
    result = run(source, tmp_path / "out", RunOptions(workers=1))
    assert [d["id"] for d in jsonl_lines(tmp_path / "out" / "documents.jsonl")] == [
        "a.txt",
        "c.txt",
    ]
    assert [(e.path, e.problem) for e in result.errors] == [
        ("b.txt", "cleaning failed: RuntimeError: cleaner bug")
    ]


# --- the real cleaners and dedup, whatever state they are in: invariants -----------------


def test_real_pipeline_invariants(tmp_path, write_tree, texts):
    files = {f"{name}.txt": text for name, text in texts.items()}
    files["dup/alpha.md"] = texts["alpha"]
    source = write_tree(tmp_path / "in", files)
    result = run(source, tmp_path / "out", RunOptions(workers=1))
    out = tmp_path / "out"
    documents = {d["id"]: d for d in jsonl_lines(out / "documents.jsonl")}
    removals = jsonl_lines(out / "removals.jsonl")
    assert list(documents) == sorted(files)
    for doc_id, doc in documents.items():
        mine = [r for r in removals if r["id"] == doc_id]
        assert _reconstructs(files[doc_id], doc["text"], mine)
        assert documents[doc["cluster"]]["canonical"]
        assert doc["canonical"] == (doc["duplicate_of"] is None) == (doc["cluster"] == doc_id)
        assert doc["overlaps"] == sorted(doc["overlap_scores"])
    corpus = jsonl_lines(out / "corpus.jsonl")
    assert [c["id"] for c in corpus] == [i for i, d in documents.items() if d["canonical"]]
    for c in corpus:
        members = [i for i, d in documents.items() if d["cluster"] == c["id"] and i != c["id"]]
        assert c["duplicates"] == members
        assert (out / "corpus" / c["id"]).read_text(encoding="utf-8") == documents[c["id"]]["text"]
    counts = result.report["counts"]
    assert counts["removals"] == len(removals)
    assert counts["characters_removed"] == sum(r["end"] - r["start"] for r in removals)
    assert counts["characters_in"] - counts["characters_out"] == counts["characters_removed"]
    per_rule: dict[str, list[int]] = {}
    for r in removals:
        slot = per_rule.setdefault(r["rule"], [0, 0])
        slot[0] += 1
        slot[1] += r["end"] - r["start"]
    assert result.report["removals_by_rule"] == {
        rule: {"count": n, "characters": c} for rule, (n, c) in sorted(per_rule.items())
    }
    assert removals == sorted(removals, key=lambda r: (r["id"], r["start"]))


def test_report_page_is_the_one_read_back_from_the_files(tmp_path, write_tree, texts):
    files = {f"{name}.txt": text for name, text in texts.items()}
    files |= {"dup/alpha.md": texts["alpha"], "dup/beta.md": texts["beta"] + "\nMore.\n"}
    out = tmp_path / "out"
    run(write_tree(tmp_path / "in", files), out, RunOptions(workers=1, chunk_size=2))
    written = (out / "report.html").read_text(encoding="utf-8")
    assert "Output directory <code>out</code>" in written  # the final name, not the staging one
    assert "staging" not in written and "Canonical <code>alpha.txt</code>" in written
    assert written == render(out)
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [
        ".cleancorpus-manifest.json"
    ]


def test_output_is_identical_for_any_workers_and_file_order(tmp_path, write_tree, texts):
    names = [f"d{i:02d}/{n}.txt" for i in range(4) for n in texts]
    files = {
        name: texts[name.split("/")[1][:-4]] + f"\nNumber {i}.\n" for i, name in enumerate(names)
    }
    one = write_tree(tmp_path / "one", files)
    two = write_tree(tmp_path / "two", dict(reversed(files.items())))
    run(one, tmp_path / "out1", RunOptions(workers=1))
    run(two, tmp_path / "out2", RunOptions(workers=2, chunk_size=3))
    first, second = _outputs(tmp_path / "out1"), _outputs(tmp_path / "out2")
    assert len(jsonl_lines(tmp_path / "out1" / "documents.jsonl")) == len(files)
    assert first == second


# --- bad input -------------------------------------------------------------------------------


def test_every_bad_file_is_named_and_the_rest_is_processed(tmp_path, write_tree):
    source = write_tree(
        tmp_path / "in",
        {
            "good.txt": "A perfectly ordinary sentence.",
            "bad/latin1.txt": "naïve".encode("latin-1"),
            "bad/binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "bad/controls.txt": b"\x01\x02\x03\x04\x05\x06 ab",
            "bad/empty.txt": b"",
            "bad/blank.md": b"\n\n   \r\n",
            "bad/huge.txt": b"y" * 5000,
            "also-good.md": "\ufeffStarts with a BOM.",
        },
    )
    os.symlink(tmp_path / "gone.txt", source / "bad" / "dangling.txt")
    result = run(source, tmp_path / "out", RunOptions(workers=1, max_bytes=4000))
    problems = {e["path"]: e["problem"] for e in result.report["errors"]}
    assert list(problems) == sorted(problems)
    assert set(problems) == {
        "bad/binary.md",
        "bad/controls.txt",
        "bad/empty.txt",
        "bad/blank.md",
        "bad/huge.txt",
        "bad/dangling.txt",
    }
    assert problems["bad/binary.md"].startswith("binary file: NUL byte")
    assert problems["bad/controls.txt"].startswith("binary file")
    assert problems["bad/empty.txt"].startswith("empty file")
    assert "only whitespace" in problems["bad/blank.md"]
    assert "5,000 bytes" in problems["bad/huge.txt"]
    assert "4,000 bytes" in problems["bad/huge.txt"]
    assert "cannot be read" in problems["bad/dangling.txt"]
    documents = jsonl_lines(tmp_path / "out" / "documents.jsonl")
    assert [d["id"] for d in documents] == ["also-good.md", "bad/latin1.txt", "good.txt"]
    assert documents[1]["text"] == "naïve"  # not UTF-8: the charset was detected, with a warning
    assert result.report["warnings"] == [
        {
            "path": "bad/latin1.txt",
            "problem": "not valid UTF-8 (byte 0xef at byte offset 2); decoded as cp1252 (detected)",
        }
    ]
    assert result.warnings == (("bad/latin1.txt", result.report["warnings"][0]["problem"]),)
    assert result.report["counts"]["errors"] == 6
    assert result.report["counts"]["warnings"] == 1
    assert result.exit_code == 3


def test_run_rejects_missing_input_and_output_inside_input(tmp_path, write_tree):
    with pytest.raises(ConfigError, match="does not exist"):
        run(tmp_path / "nope", tmp_path / "out")
    source = write_tree(tmp_path / "in", {"a.txt": "text"})
    with pytest.raises(ConfigError, match="inside it"):  # a file given as INPUT is kept
        run(source / "a.txt", source)
    with pytest.raises(ConfigError, match="inside INPUT"):
        run(source, source / "out")
    assert sorted(p.name for p in source.iterdir()) == ["a.txt"]


# --- atomic output ---------------------------------------------------------------------------


def test_crash_while_writing_keeps_previous_output(tmp_path, write_tree, texts, monkeypatch):
    source = write_tree(tmp_path / "in", {"a.txt": texts["alpha"], "b.txt": texts["beta"]})
    out = tmp_path / "out"
    run(source, out, RunOptions(workers=1))
    before = _outputs(out) | {"report.json": (out / "report.json").read_bytes()}
    (source / "c.txt").write_text(texts["gamma"], encoding="utf-8")
    real_add = writers.OutputWriter.add_encoded

    def add_then_crash(self, doc_id, *args, **kwargs):
        real_add(self, doc_id, *args, **kwargs)
        if doc_id == "b.txt":
            raise OSError("disk full")

    monkeypatch.setattr(writers.OutputWriter, "add_encoded", add_then_crash)
    with pytest.raises(OSError, match="disk full"):
        run(source, out, RunOptions(workers=1))
    after = _outputs(out) | {"report.json": (out / "report.json").read_bytes()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]  # no staging, no backup


def test_rerun_replaces_output(tmp_path, write_tree, texts):
    source = write_tree(tmp_path / "in", {"a.txt": texts["alpha"], "b.txt": texts["beta"]})
    out = tmp_path / "out"
    run(source, out, RunOptions(workers=1))
    (source / "b.txt").unlink()
    run(source, out, RunOptions(workers=1))
    assert [d["id"] for d in jsonl_lines(out / "documents.jsonl")] == ["a.txt"]
    assert sorted(p.name for p in (out / "corpus").iterdir()) == ["a.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]


def test_process_is_identical_for_any_workers_and_input_order(texts):
    docs = [
        Document(f"{name}-{i}", text + f"\nNumber {i}.\n")
        for i in range(3)
        for name, text in texts.items()
    ]
    one = process(docs, RunOptions(workers=1))
    two = process(list(reversed(docs)), RunOptions(workers=2, chunk_size=2))
    assert one.documents == two.documents
    assert len(one.documents) == len(docs)
    assert one.report["counts"] == two.report["counts"]
