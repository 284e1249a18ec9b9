import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from cleancorpus.dedup.clusters import UnionFind, containment, intersection_size, jaccard, verify

SETS = st.sets(st.integers(0, 60)).map(lambda s: np.array(sorted(s), dtype=np.uint32))


@given(SETS, SETS)
def test_exact_measures_match_python_sets(a, b):
    sa, sb = set(a.tolist()), set(b.tolist())
    assert intersection_size(a, b) == len(sa & sb)
    assert jaccard(a, b) == (len(sa & sb) / len(sa | sb) if sa | sb else 0.0)
    assert containment(a, b) == (len(sa & sb) / len(sa) if sa else 0.0)


@given(st.lists(SETS, min_size=2, max_size=5))
def test_verify_reports_jaccard_and_containment_of_the_smaller(sets):
    pairs = np.array([(i, j) for i in range(len(sets)) for j in range(i + 1, len(sets))])
    for v in verify(sets, pairs):
        a, b = sets[v.i], sets[v.j]
        assert v.jaccard == jaccard(a, b)
        smaller = min(len(a), len(b))
        assert v.containment == (intersection_size(a, b) / smaller if smaller else 0.0)


@given(st.lists(st.tuples(st.integers(0, 19), st.integers(0, 19))), st.randoms())
def test_union_find_partition_does_not_depend_on_union_order(edges, rnd):
    first = UnionFind(20)
    for x, y in edges:
        first.union(x, y)
    shuffled = list(edges)
    rnd.shuffle(shuffled)
    second = UnionFind(20)
    for x, y in shuffled:
        second.union(y, x)
    assert first.groups() == second.groups()
    for group in first.groups():
        assert all(first.find(x) == min(group) for x in group)
    assert first.clusters() == [g for g in first.groups() if len(g) > 1] == second.clusters()


def test_union_find_groups_connected_elements():
    uf = UnionFind(6)
    for x, y in [(4, 2), (2, 0), (5, 3)]:
        uf.union(x, y)
    assert uf.groups() == [[0, 2, 4], [1], [3, 5]]
    assert uf.clusters() == [[0, 2, 4], [3, 5]]
