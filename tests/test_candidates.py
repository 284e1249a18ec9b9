import itertools

import numpy as np
from datasketch import MinHashLSH
from hypothesis import given, settings
from hypothesis import strategies as st

from cleancorpus.dedup.candidates import (
    _pairs_within_groups,
    _sampled,
    band_probability,
    choose_bands,
    containment_pairs,
    decode_pairs,
    lsh_pairs,
)


@given(st.floats(0.3, 0.95), st.sampled_from([32, 64, 128, 256]), st.sampled_from([0.9, 0.99]))
def test_chosen_banding_reaches_the_recall_and_is_the_most_selective(threshold, num_perm, recall):
    bands, rows = choose_bands(threshold, num_perm, recall)
    assert bands * rows <= num_perm
    assert band_probability(threshold, bands, rows) >= recall
    if rows < num_perm:
        assert band_probability(threshold, num_perm // (rows + 1), rows + 1) < recall


def test_default_banding_beats_datasketch_defaults_at_the_threshold():
    bands, rows = choose_bands(0.7, 128, 0.99)
    theirs = MinHashLSH(threshold=0.7, num_perm=128)
    assert band_probability(0.7, bands, rows) >= 0.99
    assert band_probability(0.7, theirs.b, theirs.r) < 0.9


@settings(max_examples=100)
@given(st.lists(st.integers(0, 5), max_size=30), st.integers(1, 30))
def test_pairs_within_groups_pairs_each_element_with_its_next_group_mates(values, window):
    keys = np.array(sorted(values), dtype=np.int64)
    left, right = _pairs_within_groups(keys, window)
    found = set(zip(left.tolist(), right.tolist(), strict=True))
    assert len(found) == len(left)
    expected = {
        (i, j)
        for i, j in itertools.combinations(range(len(keys)), 2)
        if keys[i] == keys[j] and j - i <= window
    }
    assert found == expected


def test_groups_above_the_cap_are_skipped():
    keys = np.array([1, 1, 2, 2, 2, 2], dtype=np.int64)
    left, right = _pairs_within_groups(keys, window=10, max_group=3)
    assert list(zip(left.tolist(), right.tolist(), strict=True)) == [(0, 1)]


def test_lsh_pairs_finds_documents_agreeing_on_a_band():
    rng = np.random.default_rng(0)
    sigs = rng.integers(0, 2**32, size=(6, 16), dtype=np.uint64).astype(np.uint32)
    sigs[3, 4:8] = sigs[1, 4:8]  # 1 and 3 share band 1 of 4 rows
    sigs[5] = sigs[0]
    pairs = decode_pairs(lsh_pairs(sigs, bands=4, rows=4, max_bucket=10), 6)
    assert {tuple(p) for p in pairs.tolist()} == {(1, 3), (0, 5)}


def test_containment_pairs_find_a_small_document_inside_a_large_one():
    rng = np.random.default_rng(1)
    big = np.unique(rng.integers(0, 2**32, 4000, dtype=np.uint64).astype(np.uint32))
    small = np.sort(rng.choice(big, 300, replace=False))
    other = np.unique(rng.integers(0, 2**32, 4000, dtype=np.uint64).astype(np.uint32))
    codes = containment_pairs([big, other, small], 0.5, sampling=8, max_posting=100)
    assert decode_pairs(codes, 3).tolist() == [[0, 2]]


def test_shingles_in_too_many_documents_are_not_evidence():
    shared = np.arange(0, 800, 8, dtype=np.uint32)  # every one is sampled (0 mod 8)
    sets = [
        np.concatenate([shared, np.array([10_000 + 8 * i + 1], dtype=np.uint32)]) for i in range(5)
    ]
    assert containment_pairs(sets, 0.5, sampling=8, max_posting=5).size == 10
    assert containment_pairs(sets, 0.5, sampling=8, max_posting=4).size == 0


@settings(max_examples=50)
@given(
    st.lists(st.lists(st.integers(0, 2**32 - 1), max_size=20), max_size=12),
    st.sampled_from([1, 2, 8]),
    st.integers(1, 5),
)
def test_sampled_shingles_are_those_0_mod_sampling_set_by_set(sets, sampling, block):
    arrays = [np.unique(np.array(s, dtype=np.uint32)) for s in sets]
    values, sizes = _sampled(arrays, sampling, block)
    expected = [a[a % sampling == 0] for a in arrays]
    assert sizes.tolist() == [len(e) for e in expected]
    assert values.tolist() == [int(v) for e in expected for v in e]
