import itertools
import json
import pickle
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from unittest import mock

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH
from hypothesis import given, settings
from hypothesis import strategies as st

from cleancorpus import (
    DedupConfig,
    Fingerprinter,
    InputError,
    MismatchError,
    load_fingerprints,
    save_fingerprints,
)
from cleancorpus.dedup import fingerprint
from cleancorpus.dedup.fingerprint import ShingleHash
from cleancorpus.dedup.tokens import shingles

WORDS = st.sampled_from(
    ["alpha", "beta", "gamma", "Delta", "ε", "北京", "東京", "42", "x-ray", ","]
)
TEXTS = st.lists(WORDS, max_size=40).map(" ".join)


def reference_signature(text: str, config: DedupConfig) -> np.ndarray:
    m = MinHash(num_perm=config.num_perm, seed=config.seed, hashfunc=ShingleHash())
    m.update_batch(shingles(text, config.shingle_size))
    return m.digest()


@settings(max_examples=60, deadline=None)
@given(
    TEXTS,
    st.sampled_from([16, 128]),
    st.integers(0, 2**32 - 1),
    st.integers(1, 6),
)
def test_signature_equals_datasketch_with_our_hashfunc(text, num_perm, seed, size):
    config = DedupConfig(num_perm=num_perm, seed=seed, shingle_size=size)
    (fp,) = Fingerprinter(config).batch([text])
    assert fp.signature.dtype == np.uint32
    np.testing.assert_array_equal(fp.signature, reference_signature(text, config))


@settings(max_examples=30, deadline=None)
@given(TEXTS)
def test_shingle_set_is_sorted_unique_hashes_of_the_shingles(text):
    (fp,) = Fingerprinter(DedupConfig()).batch([text])
    expected = sorted({ShingleHash()(s) for s in shingles(text, 5)})
    assert fp.shingles.dtype == np.uint32
    assert fp.shingles.tolist() == expected


def test_hashfunc_accepts_token_sequences():
    h = ShingleHash()
    assert h("a b c") == h(["a", "b", "c"]) != h("a c b")


def test_single_updates_match_too():
    config = DedupConfig(num_perm=64, seed=7)
    text = "The same wire report, republished by three sites with new headers."
    m = MinHash(num_perm=64, seed=7, hashfunc=Fingerprinter(config).hashfunc)
    for s in shingles(text, 5):
        m.update(s)
    np.testing.assert_array_equal(Fingerprinter(config).batch([text])[0].signature, m.digest())


def test_empty_text_has_no_shingles_and_the_empty_minhash():
    (fp,) = Fingerprinter(DedupConfig()).batch([" -- "])
    assert fp.shingles.size == 0
    np.testing.assert_array_equal(fp.signature, MinHash(num_perm=128).digest())


def test_batches_split_into_blocks_give_the_same_signatures(monkeypatch):
    texts = [" ".join(f"w{(i * 7 + j) % 50}" for j in range(i % 30)) for i in range(40)]
    whole = Fingerprinter(DedupConfig()).batch(texts)
    monkeypatch.setattr(fingerprint, "_CHUNK", 16)
    blocked = Fingerprinter(DedupConfig()).batch(texts)
    for text, a, b in zip(texts, whole, blocked, strict=True):
        np.testing.assert_array_equal(a.signature, b.signature)
        np.testing.assert_array_equal(b.signature, reference_signature(text, DedupConfig()))


def test_minhash_conversion_works_in_datasketch_lsh():
    texts = [
        "one two three four five six seven eight nine ten eleven twelve",
        "one two three four five six seven eight nine ten eleven twelve thirteen",
        "entirely different words appear in this other little document here",
    ]
    fps = Fingerprinter(DedupConfig()).batch(texts)
    lsh = MinHashLSH(threshold=0.7, num_perm=128)
    for i, fp in enumerate(fps):
        lsh.insert(str(i), fp.minhash())
    assert set(lsh.query(fps[0].minhash())) >= {"0"}
    assert "2" not in lsh.query(fps[0].minhash())
    ref = MinHash(num_perm=128, hashfunc=ShingleHash())
    ref.update_batch(shingles(texts[1], 5))
    assert fps[0].minhash().jaccard(ref) == pytest.approx(
        fps[0].minhash().jaccard(fps[1].minhash())
    )


def test_fingerprinter_pickles_small_and_fingerprints_the_same():
    fper = Fingerprinter(DedupConfig(num_perm=32))
    clone = pickle.loads(pickle.dumps(fper))
    assert len(pickle.dumps(fper)) < 2000  # sent with every chunk of work
    text = "token1 token2 token3 token4 token5 token6"
    np.testing.assert_array_equal(fper.batch([text])[0].signature, clone.batch([text])[0].signature)


def test_power_tables_hold_the_powers_across_periods():
    q, period, mod = fingerprint._BYTE_POLY, fingerprint._PERIOD, 1 << 64
    where = [0, 1, 2, period - 1, period, period + 1, 3 * period + 17]
    leading = fingerprint._leading_powers(where[-1] + 1)
    assert [int(leading[i]) for i in where] == [pow(q, i, mod) for i in where]
    inverse = fingerprint._inverse_powers(np.array(where))
    assert [int(x) * pow(q, i, mod) % mod for x, i in zip(inverse, where, strict=True)] == [1] * 7


def test_token_hashes_of_a_long_buffer_match_the_reference():
    period = fingerprint._PERIOD
    # tokens straddling period boundaries, and one token longer than a period
    buffer = b" ".join([b"ab" * (period // 2 - 3), b"boundary", b"x" * (period + 9), b"end"])
    hashes, starts = fingerprint.buffer_token_hashes(b"  " + buffer)
    assert hashes.tolist() == [fingerprint.token_hash(t) for t in buffer.split()]
    assert starts[0] == 3  # offsets are into the buffer padded with one space
    with mock.patch.object(fingerprint, "_GROUP_BYTES", 1000):  # hashed piece by piece
        pieces = fingerprint.buffer_token_hashes(b"  " + buffer)
    np.testing.assert_array_equal(pieces[0], hashes)
    np.testing.assert_array_equal(pieces[1], starts)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(TEXTS, st.just(""), WORDS), max_size=12), st.integers(8, 200))
def test_texts_hashed_together_have_their_own_shingle_sets(texts, group_bytes):
    fper = Fingerprinter(DedupConfig(shingle_size=3))
    expected = [sorted({ShingleHash()(s) for s in shingles(text, 3)}) for text in texts]
    with mock.patch.object(fingerprint, "_GROUP_BYTES", group_bytes):
        got = fper.shingle_sets(texts)
    assert [s.tolist() for s in got] == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(TEXTS, st.just(""), WORDS), max_size=12), st.integers(8, 200))
def test_middles_found_with_a_batch_are_each_texts_own(texts, group_bytes):
    fper = Fingerprinter(DedupConfig(shingle_size=3))
    with mock.patch.object(fingerprint, "_GROUP_BYTES", group_bytes):
        prints, middles = fper.batch_with_middles(texts, 4)
    assert [p.shingles.tolist() for p in prints] == [s.tolist() for s in fper.shingle_sets(texts)]
    for text, middle, own in zip(texts, middles, prints, strict=True):
        ordered = fingerprint.text_shingle_hashes(text, 3)
        assert middle.tolist() == fingerprint.middle_shingles(ordered, 4).tolist()
        assert set(middle.tolist()) <= set(own.shingles.tolist())
        assert len(middle) <= 4


def test_middle_shingles_are_the_middle_ones():
    ordered = np.array([9, 1, 5, 5, 7, 3, 8], dtype=np.uint32)
    assert fingerprint.middle_shingles(ordered, 3).tolist() == [5, 7]  # of 5, 5, 7
    assert fingerprint.middle_shingles(ordered, 10).tolist() == [1, 3, 5, 7, 8, 9]


def _fingerprint(args):
    fper, texts = args
    return fper.batch(texts)


def test_worker_processes_give_the_same_fingerprints():
    fper = Fingerprinter(DedupConfig())
    texts = [f"report number {i} says the same thing about item {i % 3}" for i in range(20)]
    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
        remote = [
            fp
            for part in pool.map(_fingerprint, [(fper, texts[:10]), (fper, texts[10:])])
            for fp in part
        ]
    local = fper.batch(texts)
    for a, b in zip(local, remote, strict=True):
        np.testing.assert_array_equal(a.shingles, b.shingles)
        np.testing.assert_array_equal(a.signature, b.signature)
        assert a.params == b.params


def test_saved_fingerprints_load_back_with_their_parameters(tmp_path):
    config = DedupConfig(num_perm=32, seed=3)
    texts = ["first text with several words in it", "", "second text, different words"]
    fps = Fingerprinter(config).batch(texts)
    path = tmp_path / "fp.npz"
    save_fingerprints(path, ["a", "b", "c"], fps)
    ids, loaded = load_fingerprints(path, config.fingerprint_params)
    assert ids == ["a", "b", "c"]
    for a, b in zip(fps, loaded, strict=True):
        np.testing.assert_array_equal(a.shingles, b.shingles)
        np.testing.assert_array_equal(a.signature, b.signature)
        assert b.params == config.fingerprint_params
    assert [p.name for p in tmp_path.iterdir()] == ["fp.npz"]


@pytest.mark.parametrize("other", [{"num_perm": 64}, {"seed": 4}, {"shingle_size": 3}])
def test_loading_refuses_other_parameters(tmp_path, other):
    fps = Fingerprinter(DedupConfig(num_perm=32, seed=3)).batch(["a b c d e f"])
    save_fingerprints(tmp_path / "fp.npz", ["a"], fps)
    expected = DedupConfig(**{"num_perm": 32, "seed": 3, **other}).fingerprint_params
    with pytest.raises(MismatchError, match=next(iter(other))):
        load_fingerprints(tmp_path / "fp.npz", expected)


def test_loading_refuses_another_datasketch_major_version(tmp_path):
    fps = Fingerprinter(DedupConfig()).batch(["a b c d e f"])
    save_fingerprints(tmp_path / "fp.npz", ["a"], fps)
    with np.load(tmp_path / "fp.npz") as data:
        arrays = dict(data)
    header = json.loads(str(arrays["header"]))
    header["datasketch"] = "1.6.5"
    arrays["header"] = np.array(json.dumps(header))
    np.savez(tmp_path / "old.npz", **arrays)
    with pytest.raises(MismatchError, match=r"datasketch 1\.6\.5"):
        load_fingerprints(tmp_path / "old.npz")


def test_saving_refuses_mixed_parameters_and_loading_names_a_bad_file(tmp_path):
    a = Fingerprinter(DedupConfig()).batch(["x y"])
    b = Fingerprinter(DedupConfig(seed=9)).batch(["x y"])
    with pytest.raises(MismatchError, match="'b'"):
        save_fingerprints(tmp_path / "fp.npz", ["a", "b"], a + b)
    (tmp_path / "junk.npz").write_bytes(b"not a zip")
    with pytest.raises(InputError, match=r"junk\.npz"):
        load_fingerprints(tmp_path / "junk.npz")


@pytest.mark.parametrize(("num_perm", "seed"), [(1, 0), (16, 7), (128, 1), (256, 2**32 - 1)])
def test_permutations_are_the_ones_datasketch_draws(num_perm, seed):
    theirs = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
    ours = fingerprint.permutations(num_perm, seed)
    for x, y in zip(theirs, ours, strict=True):
        assert y.dtype == np.uint32
        np.testing.assert_array_equal(x, y)


def test_minhash_conversion_refuses_permutations_datasketch_does_not_draw(monkeypatch):
    (fp,) = Fingerprinter(DedupConfig(num_perm=16, seed=99)).batch(["some words to hash here"])
    real = fingerprint.permutations
    monkeypatch.setattr(fingerprint, "_CHECKED", set())
    monkeypatch.setattr(fingerprint, "permutations", lambda n, s: real(n, s + 1))
    with pytest.raises(MismatchError, match="other affine32 permutations"):
        fp.minhash()
    monkeypatch.setattr(fingerprint, "permutations", real)
    assert fp.minhash().digest().tolist() == fp.signature.tolist()


def test_a_run_does_not_import_datasketch():
    """Importing datasketch pulls in SciPy (0.6 s); the pipeline draws the same permutations."""
    code = (
        "import sys, cleancorpus.cli, cleancorpus.engine.pipeline;"
        "from cleancorpus import DedupConfig, Fingerprinter;"
        "Fingerprinter(DedupConfig()).batch(['a b c d e f']);"
        "print('datasketch' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_token_hash_behaves_like_a_random_hash_on_structured_tokens():
    """Polynomial hashes fail on structured input; these are all 1.7M tokens of up to four
    letters or digits, where the 64-bit hash must not collide and its halves must collide
    as often as random 32-bit values would (the birthday bound: n^2 / 2^33)."""
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    tokens = ["".join(p) for n in range(1, 5) for p in itertools.product(alphabet, repeat=n)]
    hashes, _ = fingerprint.buffer_token_hashes(" ".join(tokens).encode())
    assert len(np.unique(hashes)) == len(tokens)
    expected = len(tokens) ** 2 / 2**33  # about 347
    for half in (hashes & np.uint64(0xFFFFFFFF), hashes >> np.uint64(32)):
        collisions = len(tokens) - len(np.unique(half))
        assert 0.7 * expected < collisions < 1.3 * expected
