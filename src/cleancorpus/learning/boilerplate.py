"""Boilerplate no rule names, learned from the corpus: lines that recur at document edges.

Learning reads each document *after* the rule cleaners ran (what the rules missed):

1. Only a document's edge zones count: the first ``head_lines`` and the last ``foot_lines``
   non-blank lines. A line is counted under a normalised key (:func:`line_key`: case-folded,
   white space collapsed, digit runs as ``0``, markdown link targets dropped), hashed to 64
   bits (:func:`~.runs.key_hash`), so ``© 2021`` and ``© 2022`` lines count together.
2. Syndicated copies share their whole body, so documents are first grouped into near-copies
   (:mod:`cleancorpus.learning.copies`) over the whole corpus, and a line counts once per
   group: k copies of one story are evidence 1, never k.
3. Lines are counted in two scopes. The **corpus** (every document, as CCNet counts line
   hashes per shard: Wenzek et al. 2019, section 3.3) needs no site key: a line is learned
   corpus-wide when it sits at the edges of at least ``min_documents`` groups and either has
   at least ``long_words`` words or is on at least ``min_fraction`` of all groups. A
   **site** (:func:`site_key`: URL host, else the ``site`` metadata, else the folder) refines
   it: a line on at least ``min_documents`` groups and ``min_fraction`` of its site's groups
   is learned for that site only. Long lines (a copyright notice, a reader appeal, an
   affiliate disclosure) repeated word for word across different stories are template; short
   ones ("Conclusion", "Ingredients") are also headings of real bodies, and list items
   ("- a pinch of salt") recur in real recipes and posts, as spec table rows do in reviews, so
   they need the share of a site
   (or of a one-site corpus), never the count alone.
4. Documents with no site key (a flat folder, no URL, no masthead) still come in templates:
   the documents that share a long line learned corpus-wide (a publisher's copyright notice,
   an appeal) are a **family**, and a short line on at least ``min_documents`` groups and
   ``min_fraction`` of the family's groups ("Keep the lamps lit" over the appeal, a widget
   row, a comments heading) is learned for that family: it is removed from a document with
   no site key whose edges hold the family's line.

Cleaning with what was learned (:meth:`LearnedBoilerplate.apply`) removes only runs of
learned lines from the top or the bottom of a text; a learned line inside the body stays.
Each removal names its block (``learned:<site-slug>:<8 hex>``, ``learned:corpus:<8 hex>`` for
corpus-wide lines); the block keeps the evidence (scope, documents, groups, example ids), and
blocks are saved to and loaded from JSON so the next batch is cleaned the same way without
relearning.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import regex

from ..cleaning.lines import LIST_ITEM, line_size
from ..cleaning.textview import Span
from ..errors import ConfigError, InputError
from ..records import Cleaned
from ..util.atomic import write_atomically
from ..util.checks import check_fraction, check_int
from .copies import core_sample, group_copies, whole_set
from .runs import RunLimits, edge_runs, key_hash, line_key, remove_spans

FORMAT = "cleancorpus-learned-boilerplate"
VERSION = 2
CORPUS = ""  # the site of corpus-wide blocks, and of documents with no site key
FAMILY = "~family:"  # + the 16-hex hash of its line: the site of a family's blocks
_SLUG = regex.compile(r"[^\p{L}\p{N}]+")
_EXAMPLE_IDS = 5  # document ids kept per block as evidence
_FOOTER_LINE_WORDS = 40  # a longer last line is prose: no footer zone above it to uncover
_TABLE_ROW = regex.compile(r"\|.*\|")  # a markdown table row, as line_key leaves it


@dataclass(frozen=True)
class LearnConfig:
    """How boilerplate is learned and removed (frozen, picklable, checked at construction).

    min_documents: groups of documents with different bodies (near-copies count once) in
        which a line must occur, in any scope. Three is the least that is more than a
        coincidence of two pages, and a corpus of fewer than three different documents
        learns nothing.
    min_fraction: share of the groups of its scope (a site, or the whole corpus for short
        lines) on which a line must occur. Boilerplate is the template, so it sits on most
        pages; 0.5 keeps a closing sentence that a few stories happen to share ("He
        declined to comment.") out. Lower it (0.2-0.3) for a corpus that spans a template
        change.
    long_words: lines with at least this many words (``line_size``) are learned corpus-wide from
        ``min_documents`` groups alone, whatever their share: a sentence of five or more
        words repeated verbatim at the edges of three different stories is a template's,
        not the stories'. Shorter lines need ``min_fraction``.
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
    long_words: int = 5
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
        check_int("long_words", self.long_words, 1, "e.g. 5; a huge value turns it off")
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
    """The site a document belongs to: the URL host, ``metadata["site"]``, or its folder.

    A host loses ``www.``; site names are case-folded with white space collapsed; the folder
    is the parent of the id (``siteA/story1.md`` -> ``siteA``). ``""`` (:data:`CORPUS`): no
    site key (a top-level file with neither), so only corpus-wide lines apply.
    """
    meta = metadata or {}
    url = meta.get("url")
    if isinstance(url, str) and url.strip():
        host = urlsplit(url.strip()).hostname
        if host:
            return host.removeprefix("www.")
    site = meta.get("site")
    if isinstance(site, str) and site.strip():
        return " ".join(site.split()).casefold()
    parent = PurePosixPath(doc_id.replace("\\", "/")).parent.as_posix()
    return "" if parent == "." else parent


@dataclass(frozen=True, eq=False)
class EdgeProfile:
    """What learning needs of one rule-cleaned document (small and picklable).

    ``keys``: sorted distinct :func:`key_hash` values of its edge lines (uint64), ``words``
    the word count of each; ``core`` a sample of the shingles of its middle third and
    ``shingles`` those of the whole text, which find near-copies
    (``cleancorpus.learning.copies``; ``None`` until the run attaches its fingerprint's);
    ``lines``: ``(key, line)`` of the edge lines, kept only when asked (dry runs), else
    filled in later for the lines that were learned.
    """

    id: str
    site: str
    keys: np.ndarray
    words: np.ndarray
    core: np.ndarray
    shingles: np.ndarray | None = None
    lines: tuple[tuple[str, str], ...] = ()

    def __reduce__(self) -> tuple[Any, ...]:
        # workers send one back for every document: raw bytes pickle and unpickle about
        # five times as fast as four small ndarrays
        arrays = (self.keys, self.words, self.core, self.shingles)
        raw = tuple(None if a is None else a.tobytes() for a in arrays)
        return (_restore_profile, (self.id, self.site, *raw, self.lines))


def _restore_profile(
    doc_id: str,
    site: str,
    keys: bytes,
    words: bytes,
    core: bytes,
    shingles: bytes | None,
    lines: tuple[tuple[str, str], ...],
) -> EdgeProfile:
    """Unpickle an :class:`EdgeProfile` (its arrays are read-only views of the bytes)."""
    return EdgeProfile(
        doc_id,
        site,
        np.frombuffer(keys, np.uint64),
        np.frombuffer(words, np.uint32),
        np.frombuffer(core, np.uint32),
        None if shingles is None else np.frombuffer(shingles, np.uint32),
        lines,
    )


def edge_lines(text: str, config: LearnConfig) -> dict[str, str]:
    """``key -> line`` of the distinct lines of the two edge zones of ``text``, top first."""
    content = [line for line in (raw.strip() for raw in text.split("\n")) if line]  # as split_lines
    head = content[: config.head_lines]
    foot = content[max(len(head), len(content) - config.foot_lines) :]
    edges: dict[str, str] = {}
    for line in (*head, *foot):
        key = line_key(line)
        if key:
            edges.setdefault(key, line)
    return edges


def _evidence_words(key: str) -> int:
    """The words a line counts as for ``long_words``: a list item or a table row counts as
    none, since recipes and posts share items word for word ("- a pinch of salt") and reviews
    share spec rows once digits are normalised ("| fenlight 0 | 0 g | 0 |"), so they need the
    share of a scope like a short line."""
    return 0 if LIST_ITEM.match(key) or _TABLE_ROW.match(key) else line_size(key)


def profile_document(
    doc_id: str,
    site: str,
    text: str,
    config: LearnConfig | None = None,
    *,
    core: np.ndarray | None = None,
    keep_lines: bool = True,
) -> EdgeProfile:
    """Profile one rule-cleaned text (cheap and picklable: run it where the text is).

    ``core`` given (a run takes it from its fingerprint's hashes, see
    :func:`~.copies.core_sample`): ``shingles`` are left to be attached later (a run takes
    its fingerprint's). ``keep_lines=False`` keeps only the hashes of the edge lines.
    """
    config = config or LearnConfig()
    edges = edge_lines(text, config)
    hashed = sorted((key_hash(k), _evidence_words(k)) for k in edges)
    return EdgeProfile(
        doc_id,
        site,
        np.array([h for h, _ in hashed], dtype=np.uint64),
        np.array([w for _, w in hashed], dtype=np.uint32),
        core_sample(text) if core is None else core,
        whole_set(text) if core is None else None,
        tuple(edges.items()) if keep_lines else (),
    )


@dataclass(frozen=True)
class Block:
    """One learned line of an edge zone (of a site, or corpus-wide), with its evidence."""

    id: str
    site: str
    key: str
    example: str
    groups: int
    documents: int
    site_groups: int
    example_ids: tuple[str, ...]
    line_hash: int

    @property
    def example_id(self) -> str:
        return self.example_ids[0]


def site_slug(site: str) -> str:
    """The site as it appears in rule names: letters and digits joined by ``-``."""
    if site == CORPUS:
        return "corpus"
    return _SLUG.sub("-", site.casefold()).strip("-") or "site"


def block_id(site: str, key: str | int) -> str:
    """``learned:<site-slug>:<8 hex>``: stable for the same site and line key (or its hash)."""
    hashed = key if isinstance(key, int) else key_hash(key)
    digest = hashlib.blake2b(f"{site}\n{hashed:016x}".encode(), digest_size=4).hexdigest()
    return f"learned:{site_slug(site)}:{digest}"


def learn_boilerplate(
    documents: Iterable[tuple[str, str, str]], config: LearnConfig | None = None
) -> LearnedBoilerplate:
    """Learn from ``(id, site, rule_cleaned_text)`` triples (``site`` as :func:`site_key`
    gives it; ``""`` for none)."""
    config = config or LearnConfig()
    return learn_from_profiles(
        (profile_document(i, site, text, config) for i, site, text in documents), config
    )


def learn_from_profiles(
    profiles: Iterable[EdgeProfile],
    config: LearnConfig | None = None,
    *,
    others: Mapping[str, int] | None = None,
    shingles_of: Callable[[str], np.ndarray] | None = None,
) -> LearnedBoilerplate:
    """Learn from profiles computed anywhere (e.g. in worker processes); any order.

    ``others``: documents left out, by site, because none of their edge lines is on
    ``min_documents`` documents (:func:`frequent_keys`); each counts as a group of its own in
    its scopes' totals, so learning from the documents that hold a frequent line and these
    counts gives what learning from every profile gives. ``shingles_of``: the shingle set of
    a document id, for profiles that carry none (a run keeps them with its fingerprints);
    it is asked only for the documents that hold a frequent line. Blocks learned from profiles
    without ``lines`` have an empty key and example until
    :meth:`LearnedBoilerplate.with_lines` fills them in.
    """
    config = config or LearnConfig()
    others = dict(others or {})
    ordered = sorted(profiles, key=lambda p: p.id)
    ids = [p.id for p in ordered]
    if len(set(ids)) != len(ids):
        raise ConfigError("document ids must be unique, found repeats")
    if len(ordered) + sum(others.values()) < config.min_documents:
        return LearnedBoilerplate(config, ())
    hits = _hits(ordered, frequent_keys([p.keys for p in ordered], config.min_documents))
    groups = _copy_groups(ordered, hits, config.copy_similarity, shingles_of)
    learned = LearnedBoilerplate(config, tuple(_blocks(ordered, groups, hits, others, config)))
    if any(p.lines for p in ordered):
        learned = learned.with_lines(example_lines(ordered, learned))
    return learned


def frequent_keys(keys: Iterable[np.ndarray], minimum: int) -> np.ndarray:
    """The line hashes among ``keys`` (each document's distinct edge-line hashes) that are on
    the edges of at least ``minimum`` documents (copies not merged yet): only those can be
    learned."""
    every = np.concatenate([*keys, np.empty(0, np.uint64)])
    unique, counts = np.unique(every, return_counts=True)
    return unique[counts >= minimum]


def example_lines(
    profiles: Iterable[EdgeProfile], learned: LearnedBoilerplate
) -> dict[int, tuple[str, str]]:
    """``hash -> (key, line)`` of each learned line as the first document (in the order
    given, by id in a run) that holds it where it is learned words it."""
    out: dict[int, tuple[str, str]] = {}
    for profile in profiles:
        hashes = learned.hashes(profile.site)
        for key, line in profile.lines:
            hashed = key_hash(key)
            if hashed in hashes:
                out.setdefault(hashed, (key, line))
    return out


def _hits(profiles: list[EdgeProfile], frequent: np.ndarray) -> dict[int, np.ndarray]:
    """Document index -> the positions of its frequent keys, for the documents with any."""
    sizes = [len(p.keys) for p in profiles]
    every = np.concatenate([p.keys for p in profiles] or [np.empty(0, np.uint64)])
    found = np.flatnonzero(np.isin(every, frequent))
    if not len(found):
        return {}
    starts = np.cumsum([0, *sizes])
    owners = np.searchsorted(starts, found, side="right") - 1
    hits: dict[int, list[int]] = {}
    for owner, position in zip(owners.tolist(), found.tolist(), strict=True):
        hits.setdefault(owner, []).append(position - int(starts[owner]))
    return {owner: np.array(positions) for owner, positions in hits.items()}


def _copy_groups(
    profiles: list[EdgeProfile],
    hits: Mapping[int, np.ndarray],
    similarity: float,
    shingles_of: Callable[[str], np.ndarray] | None,
) -> list[int]:
    """The copy group of each document. Only documents holding a frequent line can teach
    anything, so only they are compared; each of the others is a group of its own."""
    groups = list(range(len(profiles)))
    members = sorted(hits)
    shingles = []
    for i in members:
        own = profiles[i].shingles
        if own is None and shingles_of is not None:
            own = shingles_of(profiles[i].id)
        if own is None:
            raise ConfigError("internal error: profiles without shingles cannot be grouped")
        shingles.append(own)
    found = group_copies(shingles, [profiles[i].core for i in members], similarity)
    for i, group in zip(members, found, strict=True):
        groups[i] = members[group]
    return groups


@dataclass
class _Evidence:
    groups: set[int] = field(default_factory=set)
    ids: list[str] = field(default_factory=list)
    words: int = 0

    def add(self, group: int, doc_id: str, word_count: int) -> None:
        self.groups.add(group)
        self.ids.append(doc_id)
        self.words = word_count


def _blocks(
    profiles: list[EdgeProfile],
    groups: list[int],
    hits: Mapping[int, np.ndarray],
    others: Mapping[str, int],
    config: LearnConfig,
) -> list[Block]:
    scope_groups: dict[str, set[int]] = {CORPUS: set(groups)}
    for profile, group in zip(profiles, groups, strict=True):
        if profile.site != CORPUS:
            scope_groups.setdefault(profile.site, set()).add(group)
    totals = {scope: len(found) for scope, found in scope_groups.items()}
    for site, count in others.items():
        totals[CORPUS] += count
        if site != CORPUS:
            totals[site] = totals.get(site, 0) + count
    seen: dict[tuple[str, int], _Evidence] = {}
    for index in sorted(hits):
        profile, group, found = profiles[index], groups[index], hits[index]
        for hashed, word_count in zip(
            profile.keys[found].tolist(), profile.words[found].tolist(), strict=True
        ):
            for scope in (CORPUS,) if profile.site == CORPUS else (CORPUS, profile.site):
                seen.setdefault((scope, hashed), _Evidence()).add(group, profile.id, word_count)
    corpus_wide: set[int] = set()
    anchors: set[int] = set()  # long lines learned corpus-wide: what a family shares
    blocks = []
    for (scope, hashed), evidence in sorted(seen.items(), key=lambda item: item[0][0] != CORPUS):
        count, total = len(evidence.groups), totals[scope]
        if count < config.min_documents or (scope != CORPUS and hashed in corpus_wide):
            continue
        long_line = scope == CORPUS and evidence.words >= config.long_words
        if not long_line and count < config.min_fraction * total:
            continue
        if scope == CORPUS:
            corpus_wide.add(hashed)
            if long_line:
                anchors.add(hashed)
        blocks.append(_block(scope, hashed, evidence, total))
    return blocks + _family_blocks(profiles, groups, hits, anchors, corpus_wide, config)


def _block(scope: str, hashed: int, evidence: _Evidence, total: int) -> Block:
    return Block(
        block_id(scope, hashed),
        scope,
        "",
        "",
        len(evidence.groups),
        len(evidence.ids),
        total,
        tuple(evidence.ids[:_EXAMPLE_IDS]),
        hashed,
    )


def _family_blocks(
    profiles: list[EdgeProfile],
    groups: list[int],
    hits: Mapping[int, np.ndarray],
    anchors: set[int],
    corpus_wide: set[int],
    config: LearnConfig,
) -> list[Block]:
    """The lines learned for families: documents with no site key that share an anchor (see
    the module docstring, point 4)."""
    if not anchors:
        return []
    members: dict[int, set[int]] = {}
    seen: dict[tuple[int, int], _Evidence] = {}
    for index in sorted(hits):
        profile, group = profiles[index], groups[index]
        if profile.site != CORPUS:
            continue  # a site key: its site's own scope refines the corpus
        found = hits[index]
        lines = list(zip(profile.keys[found].tolist(), profile.words[found].tolist(), strict=True))
        for anchor in sorted(h for h, _ in lines if h in anchors):
            members.setdefault(anchor, set()).add(group)
            for hashed, word_count in lines:
                if hashed not in corpus_wide:
                    seen.setdefault((anchor, hashed), _Evidence()).add(
                        group, profile.id, word_count
                    )
    blocks = []
    for (anchor, hashed), evidence in sorted(seen.items()):
        count, total = len(evidence.groups), len(members[anchor])
        if count >= config.min_documents and count >= config.min_fraction * total:
            blocks.append(_block(family_site(anchor), hashed, evidence, total))
    return blocks


def family_site(anchor: int) -> str:
    """The site of the blocks of the family that shares the line hashed ``anchor``."""
    return f"{FAMILY}{anchor:016x}"


@dataclass(frozen=True)
class LearnedBoilerplate:
    """The learned blocks, corpus-wide and per site, and the cleaner that removes them."""

    config: LearnConfig
    blocks: tuple[Block, ...]
    _index: dict[str, dict[int, str]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    _families: dict[int, dict[int, str]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    _site_less: dict[int, str] = field(  # corpus-wide and every family's lines, merged once
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "blocks", tuple(sorted(self.blocks, key=lambda b: b.id)))
        index: dict[str, dict[int, str]] = {}
        families: dict[int, dict[int, str]] = {}
        for block in self.blocks:
            if block.site.startswith(FAMILY):
                anchor = int(block.site.removeprefix(FAMILY), 16)
                families.setdefault(anchor, {})[block.line_hash] = block.id
            else:
                index.setdefault(block.site, {})[block.line_hash] = block.id
        corpus = index.get(CORPUS, {})
        for site, learned in index.items():  # a site's own blocks, then the corpus-wide ones
            if site != CORPUS:
                index[site] = {**corpus, **learned}
        merged = {h: i for family in families.values() for h, i in family.items()}
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_families", families)
        object.__setattr__(self, "_site_less", {**merged, **corpus})

    @property
    def sites(self) -> tuple[str, ...]:
        return tuple(sorted(self._index))

    def hashes(self, site: str) -> Mapping[int, str]:
        """Line hash -> block id of the lines that may be removed from a document of
        ``site``: for no site key, the family lines too (:meth:`removable` says which of them
        apply to one document)."""
        if site == CORPUS and self._families:
            return self._site_less
        return self._index.get(site) or self._index.get(CORPUS, {})

    def removable(self, site: str, keys: Iterable[int]) -> Mapping[int, str]:
        """Line hash -> block id of the lines removed from a document of ``site`` whose edge
        lines hash to ``keys``: its site's and the corpus' lines, and with no site key those
        of each family whose line it holds."""
        if site != CORPUS or not self._families:
            return self._index.get(site) or self._index.get(CORPUS, {})
        learned = dict(self._index.get(CORPUS, {}))
        for anchor in sorted(set(keys) & self._families.keys()):
            learned.update({h: i for h, i in self._families[anchor].items() if h not in learned})
        return learned

    def touches(self, profile: EdgeProfile) -> bool:
        """Whether any edge line of the profiled document is learned for it."""
        keys = profile.keys.tolist()
        learned = self.removable(profile.site, keys)
        return bool(learned) and any(h in learned for h in keys)

    def with_lines(self, lines: Mapping[int, tuple[str, str]]) -> LearnedBoilerplate:
        """These blocks with the key and example line of each hash in ``lines`` filled in."""
        blocks = []
        for b in self.blocks:
            key, example = lines.get(b.line_hash, (b.key, b.example))
            blocks.append(replace(b, key=key, example=example))
        return LearnedBoilerplate(self.config, tuple(blocks))

    def spans(self, text: str, site: str) -> list[Span]:
        """Spans of ``text`` to remove: the learned runs at its top and bottom."""
        keys: list[int] = []
        if site == CORPUS and self._families:
            keys = [key_hash(k) for k in edge_lines(text, self.config)]
        learned = self.removable(site, keys)
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

    def apply(
        self, cleaned: Cleaned, site: str, rules: Callable[[str], Cleaned] | None = None
    ) -> Cleaned:
        """``cleaned`` with the learned runs removed too; offsets stay in the original text.

        With ``rules`` (the ``clean`` of the cleaner that made ``cleaned``), a text whose top
        or bottom run went is cleaned by them once more: a learned line above the headline (a
        tagline, a disclosure) hid the header zone, so its title, byline and date lines come
        to light only now, and a learned box at the end hid the footer zone above it (an
        origin line, a copyright line; only when the new last line is short, since rules
        take no paragraph of prose at the end, and cleaning again costs a rules pass). Their
        facts fill in the metadata the first pass left out.
        """
        spans = self.spans(cleaned.text, site)
        if not spans:
            return cleaned
        after = remove_spans(cleaned, spans)
        if rules is None or (spans[0].start != 0 and not _short_end(after.text)):
            return after
        again = rules(after.text)
        if not again.removals:
            return after
        more = [Span(r.rule, r.start, r.end) for r in again.removals]
        after = remove_spans(after, more)
        metadata = {**again.metadata, **cleaned.metadata}
        return Cleaned(after.original, after.text, metadata, after.removals)

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
        for site in sorted({b.site for b in self.blocks}):
            blocks = [b for b in self.blocks if b.site == site]
            scope = "corpus-wide" if site == CORPUS else f"site {site!r}"
            if site.startswith(FAMILY):
                scope = f"family of the documents holding line {site.removeprefix(FAMILY)}"
            lines.append(f"{scope}: {len(blocks)} learned lines")
            for b in sorted(blocks, key=lambda b: (-b.groups, b.key)):
                lines.append(
                    f"  {b.id} in {b.groups}/{b.site_groups} groups "
                    f"({b.documents} documents; e.g. {', '.join(b.example_ids)})"
                )
                lines.append(f"    {b.example[:100]!r}")
        return "\n".join(lines)


def _short_end(text: str) -> bool:
    """Whether the last line of ``text`` is short enough to be a footer line."""
    last = text.rstrip().rpartition("\n")[2].strip()
    return bool(last) and line_size(last) <= _FOOTER_LINE_WORDS


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
    "line_hash": int,
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
        if raw["line_hash"] != key_hash(raw["key"]) or raw["id"] != block_id(
            raw["site"], raw["key"]
        ):
            raise InputError(source, f"{where}: id {raw['id']!r} does not match its site/key")
        blocks.append(Block(**{**raw, "example_ids": tuple(ids)}))
    return cls(config, tuple(blocks))
