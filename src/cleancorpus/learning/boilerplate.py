"""Boilerplate no rule names, learned from the corpus: lines that recur at the edges of a site.

Learning reads each document *after* the rule cleaners ran (what the rules missed):

1. Each document belongs to a site (:func:`site_key`: the ``site`` metadata, else the URL
   host, else the document's folder). Only its edge zones count: the first
   ``head_lines`` and the last ``foot_lines`` non-blank lines. A line is counted under a
   normalised key (:func:`line_key`: case-folded, white space collapsed, digit runs as ``0``,
   markdown link targets dropped), so ``© 2021`` and ``© 2022`` lines count together.
2. Syndicated copies share their whole body, so the documents of a site are first grouped
   into near-copies (:mod:`cleancorpus.learning.copies`) and a line counts once per group:
   k copies of one story are evidence 1, never k.
3. A line is learned for a site and zone when it occurs in at least ``min_documents``
   groups and in at least ``min_fraction`` of the site's groups.

Cleaning with what was learned (:meth:`LearnedBoilerplate.apply`) removes only runs of
learned lines from the top or the bottom of a text; a learned line inside the body stays.
Each removal names its block (``learned:<site-slug>:<8 hex>``); the block keeps the
evidence (site, documents, groups, example ids), and blocks are saved to and loaded from
JSON so the next batch from the same sites is cleaned the same way without relearning.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import regex

from ..cleaning.lines import split_lines
from ..cleaning.textview import Span
from ..errors import ConfigError, InputError
from ..records import Cleaned
from ..util.atomic import write_atomically
from ..util.checks import check_fraction, check_int
from .copies import group_copies, shingle_sets
from .runs import RunLimits, edge_runs, line_key, remove_spans

FORMAT = "cleancorpus-learned-boilerplate"
VERSION = 1
_SLUG = regex.compile(r"[^\p{L}\p{N}]+")
_EXAMPLE_IDS = 5  # document ids kept per block as evidence


@dataclass(frozen=True)
class LearnConfig:
    """How boilerplate is learned and removed (frozen, picklable, checked at construction).

    min_documents: groups of documents with different bodies (near-copies count once) in
        which a line must occur. Three is the least that is more than a coincidence of two
        pages; raise it for large sites.
    min_fraction: share of the site's groups in which the line must occur. Boilerplate is
        the site's template, so it sits on most pages; 0.5 keeps a closing sentence that a
        few stories happen to share ("He declined to comment.") out. Lower it (0.2-0.3)
        for a corpus that spans a template change, where each version is on part of it.
    head_lines, foot_lines: non-blank lines at the top and bottom of the rule-cleaned text
        that are the edge zones; only lines there are counted and removed.
    max_enclosed: unknown short lines a removed run may carry: between learned lines, or
        on the outer side of them (the items of a related-articles list under a learned
        heading). Zero removes learned lines only.
    enclosed_words: the most words such an unknown line may have.
    copy_similarity: share of one document's middle third found in another at or above
        which the two are near-copies (see ``cleancorpus.learning.copies``).
    """

    min_documents: int = 3
    min_fraction: float = 0.5
    head_lines: int = 6
    foot_lines: int = 15
    max_enclosed: int = 6
    enclosed_words: int = 14
    copy_similarity: float = 0.5

    def __post_init__(self) -> None:
        check_int(
            "min_documents", self.min_documents, 2, "one document is no evidence of a pattern"
        )
        check_fraction("min_fraction", self.min_fraction, "e.g. 0.5 for half of a site's stories")
        check_int("head_lines", self.head_lines, 0, "use 0 to learn nothing at the top")
        check_int("foot_lines", self.foot_lines, 0, "use 0 to learn nothing at the bottom")
        if self.head_lines == self.foot_lines == 0:
            raise ConfigError("head_lines and foot_lines are both 0: there is no zone to learn")
        check_int("max_enclosed", self.max_enclosed, 0, "use 0 to remove learned lines only")
        check_int("enclosed_words", self.enclosed_words, 1, "e.g. 14 for a headline-sized line")
        check_fraction(
            "copy_similarity", self.copy_similarity, "e.g. 0.5; higher splits more copies"
        )


def site_key(doc_id: str, metadata: Mapping[str, Any] | None = None) -> str:
    """The site a document belongs to: ``metadata["site"]``, the URL host, or its folder.

    Site names are case-folded with white space collapsed; a host loses ``www.``; the folder
    is the parent of the id (``siteA/story1.md`` -> ``siteA``), ``""`` at the top level.
    """
    meta = metadata or {}
    site = meta.get("site")
    if isinstance(site, str) and site.strip():
        return " ".join(site.split()).casefold()
    url = meta.get("url")
    if isinstance(url, str) and url.strip():
        host = urlsplit(url.strip()).hostname
        if host:
            return host.removeprefix("www.")
    parent = PurePosixPath(doc_id.replace("\\", "/")).parent.as_posix()
    return "" if parent == "." else parent


@dataclass(frozen=True, eq=False)
class EdgeProfile:
    """What learning needs of one rule-cleaned document (small and picklable).

    ``edges`` holds ``(key, line)`` of each distinct line of the two edge zones, top first;
    ``shingles`` and ``core`` are the shingle hashes of the whole text and of its middle
    third, which find near-copies (``cleancorpus.learning.copies``).
    """

    id: str
    site: str
    edges: tuple[tuple[str, str], ...]
    shingles: np.ndarray
    core: np.ndarray


def profile_document(
    doc_id: str, site: str, text: str, config: LearnConfig | None = None
) -> EdgeProfile:
    """Profile one rule-cleaned text (cheap and picklable: run it where the text is)."""
    config = config or LearnConfig()
    content = [line.content for line in split_lines(text) if not line.blank]
    head = content[: config.head_lines]
    foot = content[max(len(head), len(content) - config.foot_lines) :]
    edges: dict[str, str] = {}
    for line in (*head, *foot):
        key = line_key(line)
        if key:
            edges.setdefault(key, line)
    return EdgeProfile(doc_id, site, tuple(edges.items()), *shingle_sets(text))


@dataclass(frozen=True)
class Block:
    """One learned line of a site's edge zone, with the evidence for it."""

    id: str
    site: str
    key: str
    example: str
    groups: int
    documents: int
    site_groups: int
    example_ids: tuple[str, ...]

    @property
    def example_id(self) -> str:
        return self.example_ids[0]


def site_slug(site: str) -> str:
    """The site as it appears in rule names: letters and digits joined by ``-``."""
    return _SLUG.sub("-", site.casefold()).strip("-") or "root"


def block_id(site: str, key: str) -> str:
    """``learned:<site-slug>:<8 hex>``: stable for the same site and line key."""
    digest = hashlib.blake2b(f"{site}\n{key}".encode(), digest_size=4).hexdigest()
    return f"learned:{site_slug(site)}:{digest}"


def learn_boilerplate(
    documents: Iterable[tuple[str, str, str]], config: LearnConfig | None = None
) -> LearnedBoilerplate:
    """Learn from ``(id, site, rule_cleaned_text)`` triples (see :func:`site_key`)."""
    config = config or LearnConfig()
    return learn_from_profiles(
        (profile_document(i, site, text, config) for i, site, text in documents), config
    )


def learn_from_profiles(
    profiles: Iterable[EdgeProfile], config: LearnConfig | None = None
) -> LearnedBoilerplate:
    """Learn from profiles computed anywhere (e.g. in worker processes); any order."""
    config = config or LearnConfig()
    by_site: dict[str, list[EdgeProfile]] = {}
    for profile in profiles:
        by_site.setdefault(profile.site, []).append(profile)
    blocks: list[Block] = []
    for site in sorted(by_site):
        blocks.extend(_learn_site(site, by_site[site], config))
    return LearnedBoilerplate(config, tuple(blocks))


def _learn_site(site: str, profiles: list[EdgeProfile], config: LearnConfig) -> list[Block]:
    profiles = sorted(profiles, key=lambda p: p.id)
    ids = [p.id for p in profiles]
    if len(set(ids)) != len(ids):
        raise ConfigError(f"site {site!r}: document ids must be unique, found repeats")
    groups = group_copies(
        [p.shingles for p in profiles], [p.core for p in profiles], config.copy_similarity
    )
    site_groups = len(set(groups))
    if site_groups < config.min_documents:
        return []
    seen: dict[str, tuple[set[int], list[str], str]] = {}
    for profile, group in zip(profiles, groups, strict=True):
        for key, line in profile.edges:
            entry = seen.setdefault(key, (set(), [], line))
            entry[0].add(group)
            entry[1].append(profile.id)
    blocks = []
    for key, (hit_groups, doc_ids, example) in sorted(seen.items()):
        count = len(hit_groups)
        if count >= config.min_documents and count >= config.min_fraction * site_groups:
            blocks.append(
                Block(
                    block_id(site, key),
                    site,
                    key,
                    example,
                    count,
                    len(doc_ids),
                    site_groups,
                    tuple(doc_ids[:_EXAMPLE_IDS]),
                )
            )
    return blocks


@dataclass(frozen=True)
class LearnedBoilerplate:
    """The learned blocks of every site, and the cleaner that removes them."""

    config: LearnConfig
    blocks: tuple[Block, ...]
    _index: dict[str, dict[str, str]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "blocks", tuple(sorted(self.blocks, key=lambda b: b.id)))
        index: dict[str, dict[str, str]] = {}
        for block in self.blocks:
            index.setdefault(block.site, {})[block.key] = block.id
        object.__setattr__(self, "_index", index)

    @property
    def sites(self) -> tuple[str, ...]:
        return tuple(sorted(self._index))

    def spans(self, text: str, site: str) -> list[Span]:
        """Spans of ``text`` to remove: the learned runs at its top and bottom."""
        learned = self._index.get(site)
        if not learned:
            return []
        limits = RunLimits(
            self.config.head_lines,
            self.config.foot_lines,
            self.config.max_enclosed,
            self.config.enclosed_words,
        )
        return edge_runs(text, learned, f"learned:{site_slug(site)}:enclosed", limits)

    def cleaner(self, site: str) -> LearnedCleaner:
        """A cleaner for one site, usable in ``TextCleaner(cleaners=[...])`` chains."""
        return LearnedCleaner(self, site)

    def apply(self, cleaned: Cleaned, site: str) -> Cleaned:
        """``cleaned`` with the learned runs removed too; offsets stay in the original text."""
        spans = self.spans(cleaned.text, site)
        if not spans:
            return cleaned
        return remove_spans(cleaned, spans)

    # -- persistence and reporting -------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "config": asdict(self.config),
            "blocks": [{**asdict(b), "example_ids": list(b.example_ids)} for b in self.blocks],
        }

    @classmethod
    def from_json(cls, data: Any, source: str = "<data>") -> LearnedBoilerplate:
        """Rebuild from :meth:`to_json` output; an :class:`InputError` names ``source``."""
        return _from_json(cls, data, source)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the blocks as JSON, atomically (a temporary file, then a rename)."""
        text = json.dumps(self.to_json(), ensure_ascii=False, indent=1, sort_keys=True)
        write_atomically(path, lambda handle: handle.write((text + "\n").encode("utf-8")))

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> LearnedBoilerplate:
        """Read blocks saved by :meth:`save`; a missing or malformed file is an InputError."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(str(path), f"cannot read learned blocks: {exc.strerror}") from exc
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(str(path), f"not a JSON file of learned blocks: {exc}") from exc
        return cls.from_json(data, str(path))

    def describe(self) -> str:
        """A dry-run report: each block, its site and zone, evidence and example ids."""
        if not self.blocks:
            return "no boilerplate learned"
        lines = []
        for site in self.sites:
            blocks = [b for b in self.blocks if b.site == site]
            lines.append(f"site {site or '(top folder)'!r}: {len(blocks)} learned lines")
            for b in sorted(blocks, key=lambda b: (-b.groups, b.key)):
                lines.append(
                    f"  {b.id} in {b.groups}/{b.site_groups} groups "
                    f"({b.documents} documents; e.g. {', '.join(b.example_ids)})"
                )
                lines.append(f"    {b.example[:100]!r}")
        return "\n".join(lines)


class LearnedCleaner:
    """``cleaner(text) -> (spans, {})`` for one site: the cleaner protocol of ``cleaning``."""

    def __init__(self, learned: LearnedBoilerplate, site: str) -> None:
        self.learned = learned
        self.site = site
        self.name = "learned"

    def __call__(self, text: str) -> tuple[list[Span], dict[str, Any]]:
        return self.learned.spans(text, self.site), {}


_BLOCK_FIELDS = {
    "id": str,
    "site": str,
    "key": str,
    "example": str,
    "groups": int,
    "documents": int,
    "site_groups": int,
    "example_ids": list,
}


def _from_json(cls: type[LearnedBoilerplate], data: Any, source: str) -> LearnedBoilerplate:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(source, f"not a file of learned blocks (expected format {FORMAT!r})")
    if data.get("version") != VERSION:
        raise InputError(
            source,
            f"learned blocks version {data.get('version')!r}, this cleancorpus reads "
            f"version {VERSION}; learn again to rebuild the file",
        )
    try:
        config = LearnConfig(**data.get("config", {}))
    except (TypeError, ConfigError) as exc:
        raise InputError(source, f"bad 'config': {exc}") from exc
    raw_blocks = data.get("blocks")
    if not isinstance(raw_blocks, list):
        raise InputError(source, "'blocks' must be a list")
    blocks = []
    for number, raw in enumerate(raw_blocks, 1):
        where = f"block {number}"
        if not isinstance(raw, dict) or set(raw) != set(_BLOCK_FIELDS):
            raise InputError(source, f"{where}: expected the fields {sorted(_BLOCK_FIELDS)}")
        for name, kind in _BLOCK_FIELDS.items():
            value = raw[name]
            if not isinstance(value, kind) or isinstance(value, bool):
                raise InputError(source, f"{where}: {name!r} must be a {kind.__name__}")
        ids = raw["example_ids"]
        if not ids or not all(isinstance(i, str) for i in ids):
            raise InputError(source, f"{where}: 'example_ids' must list document ids")
        if raw["id"] != block_id(raw["site"], raw["key"]):
            raise InputError(source, f"{where}: id {raw['id']!r} does not match its site/key")
        blocks.append(Block(**{**raw, "example_ids": tuple(ids)}))
    return cls(config, tuple(blocks))
