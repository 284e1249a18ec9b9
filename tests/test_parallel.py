import platform
import subprocess
import sys

import pytest

# Runs in a fresh interpreter: page-fault counts depend on the whole history of the heap.
_FAULTS_PER_CHUNK = """
import random, resource, sys
from cleancorpus import parallel
from cleancorpus.cleaning import CleanConfig
from cleancorpus.dedup import DedupConfig, Fingerprinter
from cleancorpus.sources import Item

if sys.argv[1] == "kept":
    parallel._keep_freed_memory()
rng = random.Random(0)
words = ["".join(rng.choice("abcdefghij") for _ in range(rng.randint(2, 9))) for _ in range(999)]
items = [
    Item(f"d{i:05d}.txt", "\\n\\n".join(
        " ".join(rng.choice(words) for _ in range(rng.randint(20, 140)))
        for _ in range(rng.randint(1, 12))), {})
    for i in range(128 * 12)
]
chunks = parallel.make_chunks(
    items, 128, root=None, staging=None, clean=CleanConfig(),
    fingerprinter=Fingerprinter(DedupConfig()), max_bytes=10**6,
)
reuse = parallel._Reuse()
faults = []
for chunk in chunks:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    parallel.work(chunk, reuse)
    faults.append(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
print(sorted(faults[4:])[len(faults[4:]) // 2])
"""


def _median_faults(mode: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", _FAULTS_PER_CHUNK, mode], capture_output=True, text=True, check=True
    )
    return int(done.stdout)


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt tuning is glibc's")
def test_workers_reuse_freed_memory_instead_of_faulting_it_in_again():
    kept, default = _median_faults("kept"), _median_faults("default")
    assert kept < 400 < default, (kept, default)
