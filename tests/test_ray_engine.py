"""The Ray engine gives the local engine's output: documents.jsonl compared field by field."""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path

import numpy as np
import pytest

import cleancorpus
from cleancorpus import LearnConfig, RunOptions, run
from cleancorpus.dedup.clusters import UnionFind
from cleancorpus.engine import ray as ray_engine
from cleancorpus.engine import ray_components, ray_dedup, ray_write
from cleancorpus.errors import ConfigError

ray = pytest.importorskip("ray", reason="ray is in the test extra: pip install -e '.[test]'")

# Ray's own deprecation notices (its DataContext warns about its own defaults)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::FutureWarning")

WORDS = [f"w{i}" for i in range(3000)]


def _words(rng: random.Random, n: int) -> list[str]:
    return [WORDS[min(int(rng.paretovariate(1.1)) - 1, len(WORDS) - 1)] for _ in range(n)]


def _edit(words: list[str], edits: int, rng: random.Random) -> list[str]:
    out = list(words)
    for _ in range(edits):
        at = rng.randrange(len(out))
        kind = rng.randrange(3)
        if kind == 0:
            out[at] = rng.choice(WORDS)
        elif kind == 1:
            out.insert(at, rng.choice(WORDS))
        elif len(out) > 20:
            del out[at]
    return out


def write_corpus(root: Path, n: int, seed: int = 7) -> None:
    """``n`` documents: text files in site folders (with each site's header and footer),
    near-copies at several edit levels, exact copies, short passages inside longer texts,
    empty documents, fresh texts quoting a passage of another (lightly edited), and a JSONL
    file of records with dates."""
    rng = random.Random(seed)
    bodies: list[list[str]] = []
    quotable: list[list[str]] = []
    records = []
    for i in range(n):
        site = f"site{i % 7}"
        roll = rng.random()
        full = [b for b in bodies[-200:] if len(b) >= 80]
        long = quotable[-100:]
        if full and roll < 0.13:
            words = _edit(rng.choice(full), rng.choice((0, 2, 5, 10, 20, 40)), rng)
        elif full and roll < 0.15:  # a copy with a third dropped: Jaccard ~0.6, contained
            source = rng.choice(full)
            start = rng.randrange(len(source) // 2)
            words = source[:start] + source[start + len(source) // 3 :]
        elif full and roll < 0.18:
            source = rng.choice(full)
            start = rng.randrange(max(1, len(source) - 60))
            words = source[start : start + 60]
        elif roll < 0.19:
            words = []
        elif long and roll < 0.24:  # a fresh report quoting 40-120 words of another
            source = rng.choice(long)
            size = rng.randrange(40, 120)
            start = rng.randrange(len(source) - size + 1)
            words = _words(rng, rng.randrange(250, 450))
            at = rng.randrange(len(words))
            words[at:at] = _edit(source[start : start + size], size // 50, rng)
        elif roll < 0.30:  # a report others quote (its words less skewed: rarer 5-grams)
            words = [rng.choice(WORDS) for _ in range(rng.randrange(250, 450))]
            quotable.append(words)
        else:
            words = _words(rng, rng.randrange(80, 400))
        bodies.append(words)
        body = "\n\n".join(" ".join(words[k : k + 60]) for k in range(0, len(words), 60))
        if i % 5 == 0:
            records.append({"id": f"r{i}", "text": body, "date": f"2024-01-{1 + i % 28:02d}"})
            continue
        sign_off = f"The {site} Tribune archive, volume nine"  # no rule knows it: learned
        text = (
            f"Posted by Staff of {site}\n\n{body}\n\n{sign_off}\nShare this article on Facebook\n"
        )
        path = root / site / f"doc{i:05d}.{'md' if i % 3 else 'txt'}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    with open(root / "feed.jsonl", "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record) + "\n")


@pytest.fixture(scope="module")
def ray_session():
    # a shared machine: other processes' memory must not make Ray kill these workers
    os.environ.setdefault("RAY_memory_monitor_refresh_ms", "0")
    ray.init(num_cpus=2, object_store_memory=500 * 1024 * 1024, include_dashboard=False)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ray-corpus")
    write_corpus(root, 2500)
    return root


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _compare(local: Path, distributed: Path, name: str) -> None:
    a, b = _lines(local / name), _lines(distributed / name)
    assert [r["id"] for r in a] == [r["id"] for r in b]
    for left, right in zip(a, b, strict=True):
        for field in left:
            assert left[field] == right[field], (name, left["id"], field)
        assert set(left) == set(right)


def _page(out: Path) -> str:
    """report.html without its run details (timings, parameters) and the folder's name."""
    page = (out / "report.html").read_text(encoding="utf-8")
    page = page.replace(f": {out.name}<", ": OUT<").replace(f"<code>{out.name}</code>", "OUT")
    return re.sub(r'<section id="run">.*?</section>', "", page, flags=re.S)


@pytest.fixture(scope="module")
def local_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("local") / "out"
    return out, run(corpus, out, RunOptions(workers=2)).report


def test_same_output_as_local_engine(ray_session, corpus: Path, local_run, tmp_path: Path) -> None:
    options = RunOptions(workers=2)  # passages and learning on, as by default
    local_out, local_report = local_run
    distributed = ray_engine.run_ray(corpus, tmp_path / "ray", options)
    docs = _lines(local_out / "documents.jsonl")
    assert sum(not d["canonical"] for d in docs) > 100  # the corpus has many duplicates
    assert sum(bool(d["overlaps"]) for d in docs) > 10  # and overlaps
    assert any(d["rule"] == "exact-duplicate" for d in docs)
    copies = [d for d in docs if d["rule"] == "near-duplicate" and d["similarity"] < 0.7]
    assert len(copies) > 5  # copies with a part dropped, merged by the copy rule
    assert sum(bool(d["passages"]) for d in docs) > 100  # and the planted passages
    assert sum(d["story"] != d["cluster"] for d in docs) > 100  # linking stories
    for name in ("documents.jsonl", "corpus.jsonl", "removals.jsonl"):
        _compare(local_out, tmp_path / "ray", name)
        # written in parts by the range tasks, joined by byte copy: the very same bytes
        assert (local_out / name).read_bytes() == (tmp_path / "ray" / name).read_bytes()
    assert _page(local_out) == _page(tmp_path / "ray")  # what the writer told the page
    assert not list(tmp_path.glob(".*")) and not list((tmp_path / "ray").glob(".parts*"))
    assert local_report["counts"] == distributed.report["counts"]
    assert local_report["removals_by_rule"] == distributed.report["removals_by_rule"]
    assert local_report["passages"] == distributed.report["passages"]
    local_files = sorted(p.relative_to(local_out) for p in (local_out / "corpus").rglob("*"))
    ray_files = sorted(
        p.relative_to(tmp_path / "ray") for p in (tmp_path / "ray" / "corpus").rglob("*")
    )
    assert local_files == ray_files
    assert (tmp_path / "ray" / "report.html").exists()


def test_a_range_task_that_cannot_see_the_staging_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file system every node sees"):
        ray_write.write_range(str(tmp_path / "on-another-machine"), 0, b"", True, [])


def test_memberships_packed_by_range_come_back_equal() -> None:
    from cleancorpus.records import Membership, Passage

    passage = Passage("d9", 3, 40, 7, 44, 9, 0.875)
    memberships = {
        "a1": Membership("a1", True, None, None, (("c3", 0.5),), "longest", duplicates=("b2",)),
        "b2": Membership("a1", False, "a1", 0.91, reason="near", rule="near-duplicate"),
        "c3": Membership("c3", True, None, None, passages=(passage, passage), story="a1"),
        "z0": Membership("z0", True, None, None, story="z0"),
    }
    bounds = ["b2", "c4"]  # ranges: [.., b2), [b2, c4), [c4, ..)
    blobs = ray_write.pack_memberships(memberships, bounds)
    found = [ray_write.unpack_memberships(b) for b in blobs]
    assert [sorted(f) for f in found] == [["a1"], ["b2", "c3"], ["z0"]]
    assert {k: v for f in found for k, v in f.items()} == memberships
    assert ray_write.unpack_memberships(ray_write.pack_memberships({})[0]) == {}


def test_holders_are_the_profiles_of_the_rows_holding_a_frequent_line() -> None:
    import pyarrow as pa

    from cleancorpus.engine.ray_learn import holders_task
    from cleancorpus.engine.ray_prepare import Prints, Profiles

    rng = np.random.default_rng(8)
    n = 12
    keys = [np.unique(rng.integers(0, 30, rng.integers(0, 6)).astype(np.uint64)) for _ in range(n)]
    cores = [rng.integers(0, 99, rng.integers(0, 4)).astype(np.uint32) for _ in range(n)]
    shingles = [
        np.sort(rng.integers(0, 999, rng.integers(0, 9))).astype(np.uint32) for _ in range(n)
    ]

    def cut(parts: list[np.ndarray]) -> np.ndarray:
        return np.concatenate(([0], np.cumsum([len(x) for x in parts]))).astype(np.int64)

    words = [np.arange(len(k), dtype=np.uint32) + 1 for k in keys]
    sites = tuple(f"site{i % 3}" for i in range(n))
    profiles = Profiles(
        sites, np.concatenate(keys), np.concatenate(words), cut(keys),
        np.concatenate(cores), cut(cores),
    )  # fmt: skip
    prints = Prints(np.concatenate(shingles), cut(shingles), np.zeros((n, 4), np.uint32))
    docs = pa.table({"id": [f"d{i:02d}" for i in range(n)]})
    frequent = np.array([3, 7, 11, 20], dtype=np.uint64)
    held, others = holders_task(docs, prints, profiles, frequent)
    rows = [i for i in range(n) if np.isin(keys[i], frequent).any()]
    assert held.rows.tolist() == rows
    found = held.edge_profiles()
    assert [p.id for p in found] == [f"d{i:02d}" for i in rows]
    for p, i in zip(found, rows, strict=True):
        assert p.site == sites[i]
        for got, want in ((p.keys, keys[i]), (p.words, words[i]), (p.core, cores[i])):
            assert got.tolist() == want.tolist()
        assert p.shingles is not None and p.shingles.tolist() == shingles[i].tolist()
    left = [sites[i] for i in range(n) if i not in rows]
    assert others == {s: left.count(s) for s in set(left)}


def test_without_ray_the_ray_engine_exits_2(monkeypatch, tmp_path: Path) -> None:
    import io
    import sys

    from cleancorpus.cli import main

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Some text here.", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now raises ImportError
    err = io.StringIO()
    code = main(["run", str(tmp_path / "in"), str(tmp_path / "out"), "--engine", "ray"], err)
    assert code == 2
    assert "pip install 'cleancorpus[ray]'" in err.getvalue()
    assert not (tmp_path / "out").exists()


def test_process_dataset_matches_process(ray_session) -> None:
    rng = random.Random(1)
    base = [_words(rng, 200) for _ in range(40)]
    rows = []
    for i in range(160):
        words = base[i % 40] if i < 40 else _edit(base[i % 40], rng.choice((2, 10, 60)), rng)
        rows.append(
            {"id": f"d{i:03d}", "text": " ".join(words), "date": f"2024-02-{1 + i % 9:02d}"}
        )
    expected = cleancorpus.process(
        [cleancorpus.Document(r["id"], r["text"], {"date": r["date"]}) for r in rows],
        RunOptions(workers=1),
    )
    found = sorted(
        ray_engine.process_dataset(ray.data.from_items(rows), RunOptions(workers=2)).take_all(),
        key=lambda r: r["id"],
    )
    assert [r["id"] for r in found] == [d.id for d in expected.documents]
    for row, doc in zip(found, expected.documents, strict=True):
        record = doc.document_record()
        assert json.loads(row["metadata"]) == record["metadata"]
        assert json.loads(row["overlap_scores"]) == record["overlap_scores"]
        for field in (
            "text",
            "cluster",
            "canonical",
            "duplicate_of",
            "similarity",
            "reason",
            "rule",
        ):
            assert row[field] == record[field], (doc.id, field)
        assert list(row["overlaps"]) == record["overlaps"]
        assert json.loads(row["passages"]) == record["passages"]
        assert row["story"] == record["story"]


def _graph(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Random edges over 0..299: small stars, long chains (many rounds) and repeats."""
    rng = np.random.default_rng(seed)
    chain = rng.permutation(300)[: rng.integers(2, 120)]
    a = np.concatenate([chain[:-1], rng.integers(0, 300, 60)])
    b = np.concatenate([chain[1:], rng.integers(0, 300, 60)])
    return a, b


def _expected(a: np.ndarray, b: np.ndarray) -> dict[int, int]:
    uf = UnionFind(300)
    for x, y in zip(a.tolist(), b.tolist(), strict=True):
        uf.union(x, y)
    nodes = set(a.tolist()) | set(b.tolist())
    return {x: uf.find(x) for x in sorted(nodes) if uf.find(x) != x}


def test_star_rounds_find_the_components_of_union_find() -> None:
    for seed in range(40):
        a, b = _graph(seed)
        node, root = ray_components.components(a, b)
        assert dict(zip(node.tolist(), root.tolist(), strict=True)) == _expected(a, b), seed


def test_distributed_components_equal_the_driver_ones(ray_session) -> None:
    for seed in range(3):
        a, b = _graph(seed)
        node, root = ray_components.distributed_components(ray, a, b, partitions=3)
        assert dict(zip(node.tolist(), root.tolist(), strict=True)) == _expected(a, b), seed


def test_forced_distributed_components_give_the_same_output(
    ray_session, corpus: Path, local_run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    real = ray_components.distributed_components

    def spy(*args, **kwargs):
        calls.append(len(args[1]))
        return real(*args, **kwargs)

    monkeypatch.setattr(ray_dedup, "DRIVER_EDGES", 10)
    monkeypatch.setattr(ray_dedup, "distributed_components", spy)
    # another exchange and verification layout too: 3 partitions, not twice the CPUs
    ray_engine.run_ray(corpus, tmp_path / "ray", RunOptions(workers=2), partitions=3)
    assert calls and calls[0] > 100  # the merges went through the distributed rounds
    _compare(local_run[0], tmp_path / "ray", "documents.jsonl")


def test_learning_is_distributed_and_learns_what_the_local_engine_learns(
    ray_session, tmp_path: Path
) -> None:
    write_corpus(tmp_path / "in", 300, seed=3)
    options = RunOptions(workers=2, learn=LearnConfig())
    run(tmp_path / "in", tmp_path / "local", options)
    ray_engine.run_ray(tmp_path / "in", tmp_path / "ray", options)
    learned = json.loads((tmp_path / "local" / "learned.json").read_text(encoding="utf-8"))
    assert any("Tribune archive" in json.dumps(b) for b in learned["blocks"])
    assert json.loads((tmp_path / "ray" / "learned.json").read_text(encoding="utf-8")) == learned
    for name in ("documents.jsonl", "removals.jsonl"):
        _compare(tmp_path / "local", tmp_path / "ray", name)


def test_exact_copies_count_once_in_a_posting_as_in_the_local_engine(ray_session) -> None:
    rng = random.Random(5)
    story = _words(rng, 300)
    rows = [
        {"id": "a", "text": " ".join(story[:150])},
        {"id": "b", "text": " ".join(story[:150])},  # an exact copy of a
        {"id": "c", "text": " ".join(story + _words(rng, 200))},  # contains a
    ]
    options = RunOptions(workers=2, dedup=cleancorpus.DedupConfig(max_posting=2, passages=False))
    expected = cleancorpus.process(
        [cleancorpus.Document(r["id"], r["text"]) for r in rows], options
    )
    found = sorted(
        ray_engine.process_dataset(ray.data.from_items(rows), options).take_all(),
        key=lambda r: r["id"],
    )
    assert [d.document_record()["overlaps"] for d in expected.documents] == [
        ["c"],
        ["c"],
        ["a", "b"],
    ]
    assert [list(r["overlaps"]) for r in found] == [["c"], ["c"], ["a", "b"]]


def test_the_line_count_by_partitions_finds_the_frequent_keys() -> None:
    from cleancorpus.engine.ray_learn import count_task, frequent_task
    from cleancorpus.engine.ray_prepare import Profiles
    from cleancorpus.learning.boilerplate import frequent_keys

    rng = np.random.default_rng(4)
    docs = [
        np.unique(rng.integers(0, 60, rng.integers(0, 12)).astype(np.uint64)) for _ in range(90)
    ]
    docs[0] = np.array([2**64 - 1, 2**63], dtype=np.uint64)  # high bits survive the exchange
    docs[1] = docs[0]
    shards = [docs[:30], docs[30:31], docs[31:31], docs[31:]]  # an empty shard too
    pieces = []
    for found in shards:
        keys = np.concatenate([*found, np.empty(0, np.uint64)])
        bounds = np.concatenate(([0], np.cumsum([len(k) for k in found]))).astype(np.int64)
        empty = np.empty(0, np.uint32)
        profiles = Profiles(("",) * len(found), keys, empty, bounds, empty, bounds * 0)
        pieces.append(count_task(profiles, 3))
    for minimum in (1, 2, 3, 7):
        found = np.sort(
            np.concatenate([frequent_task(minimum, *[p[q] for p in pieces]) for q in range(3)])
        )
        assert found.tolist() == frequent_keys(docs, minimum).tolist(), minimum


def _pages(root: Path, n: int) -> None:
    """Web pages of one paper: a tagline above each headline (learned) hides the header
    zone until it is removed; then the rules for extracted text (which keep the headline,
    trafilatura's title rules being off) clean the top again."""
    rng = random.Random(11)
    root.mkdir(parents=True)
    for i in range(n):
        body = "".join(f"<p>{' '.join(_words(rng, 60))}.</p>" for _ in range(4))
        (root / f"page{i:02d}.html").write_text(
            "<html><body><article><p>Kestrel Gazette, independent local reporting for the "
            f"valley since 1990</p><h1>Council approves the {rng.choice(WORDS)} bridge over "
            f"{rng.choice(WORDS)}</h1><p>By Jane Doe</p>{body}</article></body></html>",
            encoding="utf-8",
        )


def test_learned_web_pages_are_cleaned_again_as_web_pages_in_both_engines(
    ray_session, tmp_path: Path
) -> None:
    _pages(tmp_path / "in", 12)
    options = RunOptions(workers=2)
    run(tmp_path / "in", tmp_path / "local", options)
    ray_engine.run_ray(tmp_path / "in", tmp_path / "ray", options)
    removals = _lines(tmp_path / "local" / "removals.jsonl")
    assert any(r["rule"].startswith("learned:corpus:") for r in removals)
    assert any(r["rule"] == "header.byline" for r in removals)  # the top cleaned again
    assert not any(r["rule"] == "header.title" for r in removals)  # as extracted text
    for name in ("documents.jsonl", "removals.jsonl", "learned.json"):
        local = (tmp_path / "local" / name).read_bytes()
        assert local == (tmp_path / "ray" / name).read_bytes(), name
    pages = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "in").iterdir()}
    in_memory = cleancorpus.process(
        [cleancorpus.Document(k, v) for k, v in pages.items()], RunOptions(workers=1), html=True
    )
    texts = {r["id"]: r["text"] for r in _lines(tmp_path / "local" / "documents.jsonl")}
    assert texts == {d.id: d.text for d in in_memory.documents}


def test_process_dataset_learns_boilerplate_as_process(ray_session) -> None:
    rng = random.Random(2)
    rows = [
        {
            "id": f"s{i % 3}/d{i:02d}",
            "text": f"{' '.join(_words(rng, 150))}\n\nThe Kestrel Tribune archive, volume nine\n",
        }
        for i in range(30)
    ]
    options = RunOptions(workers=2, dedup=cleancorpus.DedupConfig(passages=False))
    expected = cleancorpus.process(
        [cleancorpus.Document(r["id"], r["text"]) for r in rows], options
    )
    assert not any("Tribune" in d.text for d in expected.documents)  # learned and removed
    found = ray_engine.process_dataset(ray.data.from_items(rows), options).take_all()
    texts = {r["id"]: r["text"] for r in found}
    assert texts == {d.id: d.text for d in expected.documents}


def test_a_learned_line_is_worded_by_the_smallest_id_holding_it(
    ray_session, tmp_path: Path
) -> None:
    rng = random.Random(6)
    for i in range(40):  # one line under one key, worded with the year of each document
        site = tmp_path / "in" / f"site{i % 4}"
        site.mkdir(parents=True, exist_ok=True)
        footer = f"Printed for the Kestrel valley readers club in {2030 - i}"
        (site / f"d{i:02d}.txt").write_text(
            f"{' '.join(_words(rng, 120))}\n\n{footer}\n", encoding="utf-8"
        )
    options = RunOptions(workers=2, chunk_size=3)  # many relearn chunks, done in any order
    run(tmp_path / "in", tmp_path / "local", options)
    ray_engine.run_ray(tmp_path / "in", tmp_path / "ray", options, partitions=3)
    learned = json.loads((tmp_path / "local" / "learned.json").read_text(encoding="utf-8"))
    examples = [b["example"] for b in learned["blocks"] if "Kestrel" in b["example"]]
    assert examples == ["Printed for the Kestrel valley readers club in 2030"]  # site0/d00
    ray_learned = (tmp_path / "ray" / "learned.json").read_bytes()
    assert ray_learned == (tmp_path / "local" / "learned.json").read_bytes()
