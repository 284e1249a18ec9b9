import random
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleancorpus import (
    ConfigError,
    DedupConfig,
    DocInfo,
    Fingerprinter,
    InputError,
    Membership,
    MismatchError,
    deduplicate,
)
from cleancorpus.dedup import deduplicate as dedup
from cleancorpus.dedup.clusters import jaccard

VOCAB = [f"w{i}" for i in range(3000)]


def words(seed: int, n: int) -> list[str]:
    rnd = random.Random(seed)
    return [rnd.choice(VOCAB) for _ in range(n)]


def edit(tokens: list[str], changes: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    out = list(tokens)
    for _ in range(changes):
        out[rnd.randrange(len(out))] = rnd.choice(VOCAB) + "x"
    return out


def infos(texts: dict[str, str], config: DedupConfig, metadata=None) -> list[DocInfo]:
    fps = Fingerprinter(config).batch(list(texts.values()))
    meta = metadata or {}
    return [
        DocInfo(doc_id, fp, meta.get(doc_id, {}), len(text))
        for (doc_id, text), fp in zip(texts.items(), fps, strict=True)
    ]


def corpus() -> dict[str, str]:
    base, other = words(1, 300), words(2, 250)
    return {
        "a": " ".join(base),
        "b": " ".join(edit(base, 3, 1)),
        "c": " ".join(edit(edit(base, 3, 1), 3, 2)),
        "d": " ".join(base),
        "e": " ".join(other),
        "f": " ".join(other[:120]),
        "g": "",
        "h": "   ",
        "i": "Read more",
        "j": "Read less",
        "k": " ".join(words(3, 80)),
    }


def check_invariants(result: dict[str, Membership]) -> None:
    clusters = Counter(m.cluster for m in result.values())
    canonicals = Counter(m.cluster for m in result.values() if m.canonical)
    assert canonicals == Counter(set(clusters))  # exactly one canonical per cluster
    for doc_id, m in result.items():
        if m.canonical:
            assert (m.cluster, m.duplicate_of, m.similarity) == (doc_id, None, None)
        else:
            assert m.duplicate_of == m.cluster and result[m.duplicate_of].canonical
            assert 0.0 < m.similarity <= 1.0


def test_config_is_validated_with_helpful_messages():
    for bad in [
        {"threshold": 0},
        {"threshold": 1.5},
        {"shingle_size": 0},
        {"num_perm": 4},
        {"num_perm": 128.0},
        {"seed": -1},
        {"overlap_threshold": 2},
        {"drop_contained": "yes"},
        {"lsh_recall": 1},
        {"overlap_sampling": True},
        {"overlap_sampling": 6},
        {"copy_containment": 0},
        {"copy_jaccard": 1.2},
    ]:
        name = next(iter(bad))
        with pytest.raises(ConfigError, match=name):
            DedupConfig(**bad)


def test_default_banding_is_high_recall():
    assert DedupConfig().bands == (32, 4)


def test_exact_copy_is_a_duplicate_with_similarity_one():
    config = DedupConfig()
    result = deduplicate(
        infos({"x": "one two three four five six", "y": "One two three four five six"}, config),
        config,
    )
    assert result["y"] == Membership(
        cluster="x",
        canonical=False,
        duplicate_of="x",
        similarity=1.0,
        reason="exact-duplicate of x (Jaccard 1.000)",
        rule="exact-duplicate",
        story="x",  # passages are on by default: a story is the smallest id linked
    )


def test_corpus_groups_copies_and_keeps_distinct_texts_apart():
    config = DedupConfig()
    result = deduplicate(infos(corpus(), config), config)
    check_invariants(result)
    home = result["a"].cluster
    assert {d for d, m in result.items() if m.cluster == home} == {"a", "b", "c", "d"}
    for lonely in "efghijk":
        assert result[lonely].cluster == lonely
    assert result["e"].overlaps == (("f", 1.0),) and result["f"].overlaps == (("e", 1.0),)
    assert result["g"].reason.startswith("empty")


def test_member_joining_through_a_chain_reports_its_similarity_to_the_canonical():
    config = DedupConfig(threshold=0.85)
    texts = corpus()
    docs = infos(texts, config, {"a": {"date": "2001-01-01"}})
    fps = {d.id: d.fingerprint for d in docs}
    result = deduplicate(docs, config)
    assert fps["c"] is not None and jaccard(fps["c"].shingles, fps["a"].shingles) < 0.85
    assert result["c"].duplicate_of == "a"
    assert result["c"].similarity == jaccard(fps["c"].shingles, fps["a"].shingles)


@settings(max_examples=15, deadline=None)
@given(st.permutations(list(corpus().items())))
def test_input_order_does_not_change_the_result(items):
    config = DedupConfig()
    expected = deduplicate(infos(corpus(), config), config)
    assert deduplicate(infos(dict(items), config), config) == expected


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.integers(0, 45), st.integers(80, 400))
def test_edited_copy_is_grouped_exactly_when_jaccard_reaches_the_threshold(seed, changes, n):
    config = DedupConfig()
    base = words(seed, n)
    docs = infos({"orig": " ".join(base), "copy": " ".join(edit(base, changes, seed))}, config)
    similarity = jaccard(docs[0].fingerprint.shingles, docs[1].fingerprint.shingles)
    result = deduplicate(docs, config)
    grouped = result["copy"].cluster == result["orig"].cluster
    if similarity >= config.threshold + 0.05:
        assert grouped
    if similarity < config.threshold:
        assert not grouped


def test_edit_sweep_covers_both_sides_of_the_threshold():
    config = DedupConfig()
    base = words(7, 300)
    seen = set()
    for changes in range(0, 40, 2):
        docs = infos({"o": " ".join(base), "c": " ".join(edit(base, changes, changes))}, config)
        similarity = jaccard(docs[0].fingerprint.shingles, docs[1].fingerprint.shingles)
        result = deduplicate(docs, config)
        grouped = result["c"].cluster == result["o"].cluster
        assert grouped == (similarity >= config.threshold)
        seen.add(grouped)
    assert seen == {True, False}


def test_empty_and_short_distinct_texts_never_merge():
    config = DedupConfig()
    texts = {f"e{i}": "" for i in range(5)} | {"s1": "a b", "s2": "b a", "s3": "a b c", "s4": "b"}
    result = deduplicate(infos(texts, config), config)
    assert all(m.canonical and m.cluster == d and not m.overlaps for d, m in result.items())


def test_shared_boilerplate_does_not_make_distinct_texts_duplicates():
    config = DedupConfig()
    footer = " ".join(words(99, 60))
    texts = {f"d{i}": " ".join(words(i, 150)) + " " + footer for i in range(4)}
    texts["only-footer"] = footer
    result = deduplicate(infos(texts, config), config)
    assert all(m.canonical for m in result.values())
    assert {o for o, _ in result["only-footer"].overlaps} == {"d0", "d1", "d2", "d3"}


def test_contained_document_is_an_overlap_or_with_the_option_a_duplicate():
    base = words(5, 400)
    texts = {"long": " ".join(base), "part": " ".join(edit(base[100:250], 2, 1))}
    config = DedupConfig()
    result = deduplicate(infos(texts, config), config)
    ((other, score),) = result["part"].overlaps
    assert other == "long" and result["long"].overlaps == (("part", score),)
    assert 0.5 <= score < 1.0 and result["part"].canonical
    dropping = DedupConfig(drop_contained=True)
    result = deduplicate(infos(texts, dropping), dropping)
    assert result["part"].duplicate_of == "long" and result["part"].rule == "contained"
    assert result["part"].similarity == score and "contained" in result["part"].reason
    check_invariants(result)


def test_a_copy_with_a_paragraph_dropped_is_a_duplicate_of_the_fuller_one():
    paragraphs = [" ".join(words(20 + k, 80)) for k in range(3)]
    texts = {"full": "\n\n".join(paragraphs), "cut": "\n\n".join(paragraphs[::2])}
    config = DedupConfig()
    docs = infos(texts, config)
    similarity = jaccard(docs[0].fingerprint.shingles, docs[1].fingerprint.shingles)
    assert config.copy_jaccard <= similarity < config.threshold  # below the Jaccard rule
    result = deduplicate(docs, config)
    check_invariants(result)
    assert result["cut"].duplicate_of == "full" and result["cut"].rule == "near-duplicate"
    assert result["cut"].similarity == similarity and not result["cut"].overlaps
    off = DedupConfig(copy_jaccard=config.threshold)
    result = deduplicate(infos(texts, off), off)
    assert result["cut"].canonical and [o for o, _ in result["cut"].overlaps] == ["full"]


def test_the_copy_rule_needs_both_containment_and_size():
    config = DedupConfig()
    assert config.duplicate(0.72, 0.0) and config.duplicate(0.55, 0.95)
    assert not config.duplicate(0.45, 1.0)  # an excerpt under half the other: an overlap
    assert not config.duplicate(0.65, 0.85)  # both sides hold much the other lacks
    found = config.duplicate(np.array([0.72, 0.55, 0.45, 0.65]), np.array([0.0, 0.95, 1.0, 0.85]))
    assert found.tolist() == [True, True, False, False]


def test_contained_cluster_moves_with_its_members_to_the_container():
    base = words(6, 400)
    part = " ".join(base[:150])
    texts = {"long": " ".join(base), "p1": part, "p2": part + " extra"}
    config = DedupConfig(drop_contained=True)
    result = deduplicate(infos(texts, config), config)
    check_invariants(result)
    assert {d: m.cluster for d, m in result.items()} == {"long": "long", "p1": "long", "p2": "long"}


def test_canonical_policy_applies_inside_dedup():
    text = " ".join(words(8, 200))
    texts = {"copy1": text, "copy2": text, "orig": text}
    meta = {
        "copy1": {"original_source": "South Front", "date": "2019-01-01"},
        "copy2": {"date": "2018-01-01"},
        "orig": {"site": "south front", "date": "2020-01-01"},
    }
    config = DedupConfig()
    result = deduplicate(infos(texts, config, meta), config)
    assert result["orig"].canonical and "original source" in result["orig"].reason
    assert result["copy2"].duplicate_of == "orig"


def test_mismatched_fingerprints_and_repeated_ids_are_refused():
    config = DedupConfig()
    other = infos({"x": "some words here"}, DedupConfig(seed=2))
    with pytest.raises(MismatchError, match="seed"):
        deduplicate(other, config)
    same = infos({"x": "some words here"}, config)
    with pytest.raises(InputError, match="twice"):
        deduplicate(same + same, config)


def test_texts_without_spaces_are_compared_by_characters():
    story = "北京时间昨天晚上，国家气象中心发布暴雨预警，提醒沿海地区居民注意防范强降雨和大风天气。"
    texts = {
        "zh1": story * 2,
        "zh2": (story * 2).replace("昨天", "今天"),
        "zh3": "东京大学的研究团队今天宣布，他们开发出一种新的电池材料，能量密度提高了百分之三十。"
        * 2,
    }
    config = DedupConfig()
    result = deduplicate(infos(texts, config), config)
    assert result["zh1"].cluster == result["zh2"].cluster != result["zh3"].cluster


PARAGRAPHS = [" ".join(words(100 + k, 60)) for k in range(6)]


@settings(max_examples=25, deadline=None)
@given(
    st.dictionaries(
        st.text("abcdef", min_size=1, max_size=3),
        st.lists(st.integers(0, 5), min_size=0, max_size=5),
        min_size=1,
        max_size=8,
    ),
    st.booleans(),
    st.randoms(),
)
def test_documents_built_from_shared_paragraphs_keep_the_invariants(layout, drop, rnd):
    texts = {doc_id: " ".join(PARAGRAPHS[k] for k in parts) for doc_id, parts in layout.items()}
    config = DedupConfig(drop_contained=drop)
    result = deduplicate(infos(texts, config), config)
    check_invariants(result)
    items = list(texts.items())
    rnd.shuffle(items)
    assert deduplicate(infos(dict(items), config), config) == result
    for doc_id, m in result.items():
        for other, score in m.overlaps:
            assert (doc_id, score) in result[other].overlaps and score >= 0.5
        if not texts[doc_id].strip():
            assert m.canonical and m.cluster == doc_id


def test_exact_groups_compare_sets_when_signatures_hash_alike():
    """Grouping exact copies looks at signatures first; equal signatures are not enough."""
    fps = Fingerprinter(DedupConfig()).batch(["one two three four five six", "seven eight nine"])
    docs = [DocInfo(f"d{i}", fps[k]) for i, k in enumerate([0, 1, 0, 1, 0])]
    sigs = np.stack([fps[0].signature] * 5)  # as if every signature hashed alike
    assert dedup._exact_groups(docs, [0, 1, 2, 3, 4], sigs) == [[0, 2, 4], [1, 3]]
    real = np.stack([d.fingerprint.signature for d in docs])
    assert dedup._exact_groups(docs, [0, 1, 2, 3, 4], real) == [[0, 2, 4], [1, 3]]
    assert dedup._exact_groups(docs, [1, 2, 3], real[1:4]) == [[1, 3], [2]]
