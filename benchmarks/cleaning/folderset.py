"""What the generated folder sets (``make_flat.py``, ``make_dev2.py``) share.

Invented prose (word lists and a sentence maker), the hashed file names a crawl dump leaves,
the markdown-link unwrapping and line normalisation the labels are checked with, and the
writer of a folder set: one file per document plus ``labels.jsonl`` (every field but
``text``), sorted by file name, deterministic.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_sets import unwrap

ADJ = [
    "quiet",
    "narrow",
    "early",
    "costly",
    "coastal",
    "northern",
    "gradual",
    "public",
    "seasonal",
    "local",
    "wet",
    "rising",
]
NOUN = [
    "ferry",
    "council",
    "bridge",
    "orchard",
    "library",
    "market",
    "harbour",
    "survey",
    "pipeline",
    "school",
    "depot",
    "clinic",
    "quarry",
    "reservoir",
    "festival",
    "bakery",
    "tramline",
    "archive",
    "greenhouse",
    "mill",
]
VERB = [
    "delayed",
    "approved",
    "reopened",
    "measured",
    "funded",
    "replaced",
    "surveyed",
    "doubled",
    "trimmed",
    "inspected",
    "expanded",
    "questioned",
]
PLACE = [
    "near the east pier",
    "along the canal path",
    "behind the old station",
    "at the county hall",
    "on the upper ridge",
    "beside the tidal flats",
    "across the river ward",
    "in the market square",
]
TIME = [
    "last spring",
    "this winter",
    "on Tuesday",
    "since March",
    "over the summer",
    "by next year",
]
WHO = [
    "residents",
    "inspectors",
    "volunteers",
    "engineers",
    "traders",
    "teachers",
    "growers",
    "officials",
]
HEADINGS = ("Background", "What comes next", "The numbers", "Why it matters")


def sentence(rnd: random.Random) -> str:
    """One invented news sentence."""
    return (
        f"The {rnd.choice(ADJ)} {rnd.choice(NOUN)} was {rnd.choice(VERB)} "
        f"{rnd.choice(PLACE)} {rnd.choice(TIME)}, and {rnd.choice(WHO)} said the "
        f"{rnd.choice(NOUN)} would be {rnd.choice(VERB)} after {rnd.randint(2, 40)} weeks."
    )


def hashed_name(text: str, ext: str) -> str:
    """The file name a crawl dump gives a document: a content hash and its extension."""
    return hashlib.sha1(text.encode()).hexdigest()[:16] + ext


def normalise(text: str) -> str:
    """Casefold, markdown links unwrapped, whitespace collapsed: how leftovers are matched."""
    return " ".join(unwrap(text).casefold().split())


def write_folder(out: Path, records: Iterable[Mapping[str, Any]]) -> int:
    """Replace ``out`` with one file per record (``id`` = file name, ``text`` = content) and a
    ``labels.jsonl`` of the other fields; return how many documents were written."""
    out.mkdir(exist_ok=True)
    for old in out.iterdir():
        old.unlink()
    labels = []
    for record in sorted(records, key=lambda r: str(r["id"])):
        (out / str(record["id"])).write_text(str(record["text"]), encoding="utf-8")
        labels.append({k: v for k, v in record.items() if k != "text"})
    with open(out / "labels.jsonl", "w", encoding="utf-8") as handle:
        for label in labels:
            handle.write(json.dumps(label, ensure_ascii=False) + "\n")
    return len(labels)
