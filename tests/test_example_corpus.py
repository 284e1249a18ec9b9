"""The example corpus end to end: five distinct seed reports and syndicated copies of three."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

from cleancorpus import DedupConfig, Document, Fingerprinter, RunOptions, clean, process
from cleancorpus.dedup.clusters import jaccard

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"
SEEDS = {
    "000": "seeds/000_6b9c6493376ebc5f.txt",
    "001": "seeds/001_0835459c80b19e66.txt",
    "002": "seeds/002_68d9f170b8ca29d2.txt",
    "003": "seeds/003_8a49868a247d9823.txt",
    "004": "seeds/004_80333f04a04d422d.txt",
}
# copy -> (the document the policy must keep, why)
COPIES = {
    "frontline-digest/pmu-prepares-push-on-al-baaj.md": (SEEDS["000"], "earliest date"),
    "eastern-front-monitor/mosul-battle-report-pmu-border.txt": (SEEDS["004"], "earliest date"),
    "south-front/iraqi-pmu-operations-near-syrian-iraqi-border.md": (
        "south-front/iraqi-pmu-operations-near-syrian-iraqi-border.md",
        "original source",
    ),
}


def _documents() -> list[Document]:
    return [
        Document(path.relative_to(CORPUS).as_posix(), path.read_text(encoding="utf-8"))
        for path in sorted(CORPUS.rglob("*"))
        if path.is_file()
    ]


@pytest.fixture(scope="module")
def placed() -> dict[str, object]:
    result = process(_documents(), RunOptions(workers=1))
    assert not result.errors
    return {d.id: d for d in result.documents}


def test_no_cluster_merges_two_seed_reports(placed) -> None:
    clusters = [placed[seed].cluster for seed in SEEDS.values()]
    assert len(set(clusters)) == 5


@pytest.mark.parametrize("copy", sorted(COPIES))
def test_each_copy_is_grouped_with_its_seed_and_the_policy_picks_the_canonical(placed, copy):
    keep, why = COPIES[copy]
    members = sorted(d.id for d in placed.values() if d.cluster == placed[copy].cluster)
    assert len(members) == 2
    assert any(m.startswith("seeds/") for m in members)
    canonical = placed[keep]
    assert canonical.canonical and canonical.cluster == keep
    assert why in canonical.reason
    other = next(m for m in members if m != keep)
    assert placed[other].duplicate_of == keep
    assert 0.7 <= placed[other].similarity <= 1.0


def test_cleaning_is_what_keeps_the_seeds_apart() -> None:
    """Raw, 000/001/004 share a long footer; cleaned, every pair of seeds is far apart."""
    texts = {k: (CORPUS / v).read_text(encoding="utf-8") for k, v in SEEDS.items()}
    printer = Fingerprinter(DedupConfig())
    raw = dict(zip(texts, printer.batch(list(texts.values())), strict=True))
    cleaned = dict(zip(texts, printer.batch([clean(t).text for t in texts.values()]), strict=True))
    assert jaccard(raw["000"].shingles, raw["004"].shingles) > 0.1
    for a, b in combinations(texts, 2):
        assert jaccard(cleaned[a].shingles, cleaned[b].shingles) < 0.02, (a, b)


ROUNDUP = "levant-weekly/week-in-review-iraq-syria-border.md"


def test_the_round_up_shares_its_quoted_paragraph_with_the_seed_it_quotes(placed) -> None:
    roundup, seed = placed[ROUNDUP], placed[SEEDS["002"]]
    (passage,) = roundup.passages
    assert passage.other == SEEDS["002"] and passage.words >= 50
    quoted = roundup.text[passage.start : passage.end]
    assert quoted == seed.text[passage.other_start : passage.other_end]
    assert quoted.startswith("The Iraqi PMU is an umbrella organization")
    assert quoted.endswith("international or local problems")
    assert seed.passages[0].other == ROUNDUP
    # a quote is not a copy: both stay canonical, in one story, apart from the other seeds
    assert roundup.canonical and seed.canonical and roundup.cluster != seed.cluster
    assert roundup.story == seed.story == ROUNDUP
    others = [placed[s].story for s in SEEDS.values() if s != SEEDS["002"]]
    assert ROUNDUP not in others and all(
        not placed[s].passages for s in SEEDS.values() if s != SEEDS["002"]
    )
