"""Compose cleaners into one ``clean(text)`` that records every removal and the metadata found.

A cleaner is any callable ``cleaner(text) -> (spans, metadata)``: the spans of ``text`` to
remove, each with its rule name, and the facts it read. Cleaners run in order, each on the
text the previous ones left; removals are mapped back to offsets in the original text. A
cleaner with ``repeat = True`` runs again until it finds nothing more (nested markup). A
cleaner with ``reveals = True`` can uncover residue for the others (unwrapped markup can turn
a line into a byline), so after it removes something the whole chain runs again: cleaning a
cleaned text changes nothing.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from ..errors import ConfigError
from ..records import Cleaned
from .controls import ControlCleaner
from .layout import LayoutCleaner
from .markup import MarkupCleaner
from .rules import DEFAULT_RULES, Rule
from .structure import StructureCleaner
from .textview import Span, TextView

Cleaner = Callable[[str], tuple[list[Span], dict[str, Any]]]
_MAX_REPEATS = 8
_MAX_ROUNDS = 4
# trafilatura keeps the headline in metadata, so extracted text starts with the body: the
# title rules, which take short first lines for a headline, would only cost body text there.
EXTRACTED_TEXT_DISABLED_RULES = frozenset({"header.title", "header.subtitle"})
# ... but when a page's headline sits inside its article, the extractor's text starts with it
PAGE_TITLE = "header.page_title"
_TITLE_WORD = regex.compile(r"[\p{L}\p{N}]+")
_NON_SPACE = re.compile(r"\S")


@dataclass(frozen=True)
class CleanConfig:
    """Which rules run: the default rules plus ``extra_rules``, less those in ``disable``.

    ``disable`` takes rule names (``footer.copyright``) or prefixes ending in a dot
    (``markdown.``, ``comments.``). Picklable, so it can be sent to worker processes.
    """

    disable: frozenset[str] = frozenset()
    extra_rules: tuple[Rule, ...] = field(default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "disable", frozenset(self.disable))
        object.__setattr__(self, "extra_rules", tuple(self.extra_rules))
        known = default_rule_names((*DEFAULT_RULES, *self.extra_rules))
        for name in self.disable:
            if name not in known and not any(
                k.startswith(name) for k in known if name.endswith(".")
            ):
                raise ConfigError(
                    f"unknown rule {name!r} in disable; known rules: {', '.join(sorted(known))}"
                )
        for rule in self.extra_rules:
            if not isinstance(rule, Rule):
                raise ConfigError(f"extra_rules must hold Rule objects, got {type(rule).__name__}")

    def enabled(self, name: str) -> bool:
        """Whether the rule called ``name`` runs under this configuration."""
        return not any(name == d or (d.endswith(".") and name.startswith(d)) for d in self.disable)

    def for_extracted_text(self) -> CleanConfig:
        """This configuration for text extracted from HTML: without the title rules
        (:data:`EXTRACTED_TEXT_DISABLED_RULES`), since the extractor keeps the headline apart."""
        return dataclasses.replace(self, disable=self.disable | EXTRACTED_TEXT_DISABLED_RULES)

    def rules(self) -> tuple[Rule, ...]:
        """The line rules that run: user rules first, so they take precedence."""
        return tuple(r for r in (*self.extra_rules, *DEFAULT_RULES) if self.enabled(r.name))


def default_rule_names(rules: Iterable[Rule]) -> frozenset[str]:
    """Every rule name the default cleaners can give a removal when they run ``rules``."""
    return (
        ControlCleaner.emits
        | StructureCleaner.rule_names(rules)
        | MarkupCleaner.emits
        | LayoutCleaner.emits
        | {PAGE_TITLE}
    )


class TextCleaner:
    """A configured chain of cleaners; call ``clean(text)`` for each document.

    A cleaner declares the rule names it gives its spans in ``emits`` (optional for cleaners
    of one's own); :attr:`emits` is their union.
    """

    def __init__(
        self, config: CleanConfig | None = None, cleaners: Sequence[Cleaner] | None = None
    ) -> None:
        self.config = config or CleanConfig()
        if cleaners is None:
            cleaners = (
                ControlCleaner(),
                StructureCleaner(self.config.rules()),
                MarkupCleaner(),
                LayoutCleaner(),
            )
        self.cleaners = tuple(cleaners)

    @property
    def emits(self) -> frozenset[str]:
        """The rule names the cleaners declare (``emits``) they can give a removal."""
        declared = frozenset().union(*(getattr(c, "emits", ()) for c in self.cleaners))
        return declared | {PAGE_TITLE}

    def clean(self, text: str, titles: Iterable[str] = ()) -> Cleaned:
        """Clean one text: remove residue, lift header facts into metadata, log removals.

        ``titles``: the document's headline where it is known apart from the text (the page
        metadata of extracted HTML, a record's field); a first line that repeats one goes
        (rule ``header.page_title``).
        """
        view = TextView(text)
        metadata: dict[str, Any] = {}
        if self.config.enabled(PAGE_TITLE):
            for title in titles:
                if span := _repeated_title(text, title):
                    view.remove([span])
                    break
        for _ in range(_MAX_ROUNDS):
            revealed = False
            for cleaner in self.cleaners:
                rounds = _MAX_REPEATS if getattr(cleaner, "repeat", False) else 1
                for _ in range(rounds):
                    spans, facts = cleaner(view.text)
                    for key, value in facts.items():
                        metadata.setdefault(key, value)
                    spans = [s for s in spans if self.config.enabled(s.rule)]
                    if not spans:
                        break
                    view.remove(spans)
                    revealed = revealed or getattr(cleaner, "reveals", False)
            if not revealed:
                break
        return Cleaned(text, view.text, metadata, tuple(view.removals))


def _repeated_title(text: str, title: str) -> Span | None:
    """The first line of ``text`` when it says ``title`` (case, spacing, markup and
    punctuation aside) and some text follows it."""
    first = _NON_SPACE.search(text)
    start = first.start() if first else len(text)
    end = text.find("\n", start)
    if end < 0 or _NON_SPACE.search(text, end) is None:  # no copy of the text for either test
        return None
    words = _TITLE_WORD.findall(title.casefold())
    if not words or _TITLE_WORD.findall(text[start:end].casefold()) != words:
        return None
    return Span(PAGE_TITLE, start, end + 1)


def clean(text: str, config: CleanConfig | None = None) -> Cleaned:
    """Clean one text with the default cleaners (or those ``config`` selects).

    >>> result = clean("By [Jane Doe](#)\\n\\nThe river rose overnight.\\n")
    >>> result.text, result.metadata["author"]
    ('The river rose overnight.', 'Jane Doe')
    """
    return TextCleaner(config).clean(text)
