"""The real-page check: its passage scoring (benchmarks/bench_realpages.py), its manifest
(benchmarks/realpages/pages.jsonl) and the fetcher's sha256 check, all without a download."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import re
import sys
import tarfile
from collections import Counter
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():
    saved = sys.path[:]
    try:
        yield _load("bench_realpages", BENCHMARKS / "bench_realpages.py")
    finally:
        sys.path[:] = saved
        sys.modules.pop("bench_realpages", None)
        sys.modules.pop("fetch", None)


@pytest.fixture(scope="module")
def fetch(bench):
    return sys.modules["fetch"]


def test_normalise_casefolds_unifies_quotes_and_collapses_whitespace(bench):
    assert bench.normalise("  Das „Extrablatt“\n  ist  DA ") == 'das "extrablatt" ist da'
    assert bench.normalise("l’AG « Éducation »") == 'l\'ag " éducation "'
    assert bench.present("STRASSE  des 17. Juni", "Die Straße des 17. Juni")  # casefold: ß is ss
    assert bench.present("straße des 17. juni", "Die  Straße\ndes 17. Juni liegt")
    assert not bench.present("des 18. Juni", "Die Straße des 17. Juni")


def test_counts_and_passage_score_on_a_small_page(bench):
    entry = {
        "lang": "en",
        "must_stay": ["Mix the flour and the eggs.", "1. Alice Smith", "Bake for 20 minutes."],
        "must_go": ["Share this recipe", "Posted by: Bob, 2 May 2019 | 10:02"],
    }
    extracted = (
        "Mix the flour and the eggs.\n1. Alice Smith\nBake for 20 minutes.\n"
        "Share this recipe\nPosted by: Bob, 2 May 2019 | 10:02"
    )
    full = "Mix the flour and the eggs.\nBake for 20 minutes.\nPosted by: Bob, 2 May 2019 | 10:02"
    page = bench.score_page("p1", entry, {"extract": extracted, "full": full})

    assert page.counts["extract"] == bench.Counts(stay_kept=3, stay_lost=0, go_removed=0, go_kept=2)
    assert page.counts["full"] == bench.Counts(stay_kept=2, stay_lost=1, go_removed=1, go_kept=1)
    assert page.lost_by_cleaning == ["1. Alice Smith"]
    assert page.removed_by_cleaning == ["Share this recipe"]
    assert page.go_kept_after_cleaning == ["Posted by: Bob, 2 May 2019 | 10:02"]
    assert page.missing_before_cleaning == []
    full_counts = page.counts["full"]
    assert full_counts.precision == pytest.approx(2 / 3)
    assert full_counts.recall == pytest.approx(2 / 3)
    assert full_counts.f1 == pytest.approx(2 / 3)


def test_each_changed_passage_names_the_rules_whose_spans_hold_it(bench):
    entry = {"lang": "de", "must_stay": ["1. Anna Berg"], "must_go": ["Teilen auf"]}
    texts = {"extract": "1. Anna Berg\nText.\nTeilen auf", "full": "Text."}
    removals = [("comments.thread", "1. Anna Berg\n"), ("footer.share", "Teilen"), ("x", "Text.")]
    page = bench.score_page("p3", entry, texts, removals)
    assert page.rules == {"1. Anna Berg": ["comments.thread"], "Teilen auf": ["footer.share"]}
    assert bench.rules_for("nowhere", removals) == []


def test_a_passage_the_extraction_lacks_is_not_blamed_on_cleaning(bench):
    entry = {"lang": "es", "must_stay": ["kilómetros de Lyon", "la banda"], "must_go": []}
    texts = {"extract": "kilÃ³metros de Lyon, la banda", "full": "kilÃ³metros de Lyon"}
    page = bench.score_page("p2", entry, texts)
    assert page.missing_before_cleaning == ["kilómetros de Lyon"]
    assert page.lost_by_cleaning == ["la banda"]


def test_totals_and_report_sum_pages_per_language_and_overall(bench):
    def page(key, lang, extract, full):
        return bench.PageScore(key, lang, {"extract": extract, "full": full})

    pages = [
        page("a", "de", bench.Counts(3, 0, 0, 2), bench.Counts(3, 0, 2, 0)),
        page("b", "fr", bench.Counts(2, 1, 0, 1), bench.Counts(1, 2, 1, 0)),
    ]
    groups = bench.totals(pages)
    assert set(groups) == {"de", "fr", "all"}
    assert groups["all"]["full"] == bench.Counts(4, 2, 3, 0)
    assert groups["all"]["extract"] == bench.Counts(5, 1, 0, 3)
    data = bench.report(pages)
    assert data["cleaning"] == {
        "must_go_removed": 3,
        "must_stay_lost": 1,
        "ratio": 3.0,
        "f1_gain": pytest.approx(round(groups["all"]["full"].f1 - groups["all"]["extract"].f1, 4)),
    }
    assert data["by_language"]["de"]["full"]["precision"] == 1.0


# --- the manifest --------------------------------------------------------------------------

KEYS = {"registry", "package", "version", "path", "sha256", "lang", "kind", "must_stay", "must_go"}


def test_the_manifest_is_well_formed(fetch):
    entries = fetch.read_manifest()
    assert len(entries) >= 40
    languages = Counter(entry["lang"] for entry in entries)
    assert all(languages[lang] >= 8 for lang in ("de", "fr", "en")), languages
    assert languages["es"] >= 3, languages
    seen = set()
    for entry in entries:
        where = entry.get("path")
        assert KEYS <= set(entry) <= KEYS | {"note"}, where
        assert entry["registry"] in ("pypi", "npm"), where
        assert re.fullmatch(r"[0-9a-f]{64}", entry["sha256"]), where
        source = (entry["registry"], entry["package"], entry["version"], entry["path"])
        assert source not in seen, where
        seen.add(source)
        assert len(entry["must_stay"]) >= 3, where
        passages = [*entry["must_stay"], *entry["must_go"]]
        assert len(set(passages)) == len(passages), where
        for passage in passages:
            assert passage == passage.strip() and 1 <= len(passage.split()) <= 20, (where, passage)


def _archive(folder: Path, name: str, files: dict[str, bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / f"{name}.tar.gz", "w:gz") as tar:
        for path, data in files.items():
            info = tarfile.TarInfo(f"{name}/{path}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def test_fetch_reads_pages_from_a_cached_archive_and_checks_their_sha256(fetch, tmp_path):
    page = b"<html><body><p>Hola</p></body></html>"
    _archive(tmp_path / "pypi", "demo-1.0", {"tests/page.html": page, "other.html": b"x"})
    entry = {"registry": "pypi", "package": "demo", "version": "1.0", "path": "tests/page.html"}
    good = {**entry, "sha256": hashlib.sha256(page).hexdigest(), "lang": "es"}

    [found] = fetch.fetch([good], tmp_path)
    assert found.data == page
    assert found.key == "demo-1.0:tests/page.html"
    with pytest.raises(ValueError, match="sha256"):
        fetch.fetch([{**good, "sha256": "0" * 64}], tmp_path)
    with pytest.raises(FileNotFoundError, match=r"missing\.html"):
        fetch.fetch([{**good, "path": "tests/missing.html"}], tmp_path)
