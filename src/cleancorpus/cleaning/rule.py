"""One line rule: a name, a pattern, the zone it applies in, examples, cues and a size bound.

See :mod:`cleancorpus.cleaning.rules` for what each field means; the rule tables live there
and in :mod:`cleancorpus.cleaning.insets`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import regex

from .lines import line_size

Where = Literal["header", "footer", "anywhere"]
Opens = Literal["", "footer", "bio", "comments"]


@dataclass(frozen=True)
class Rule:
    """A named line pattern, where it may apply, and examples it must match."""

    name: str
    pattern: str
    where: Where
    examples: tuple[str, ...] = ()
    opens: Opens = ""
    max_words: int | None = 40
    contains: bool = False
    cues: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.name or any(c.isspace() for c in self.name):
            raise ValueError(f"rule name {self.name!r} must be a non-empty word like 'footer.x'")
        if self.where not in ("header", "footer", "anywhere"):
            raise ValueError(f"rule {self.name}: where must be header, footer or anywhere")
        if self.opens not in ("", "footer", "bio", "comments"):
            raise ValueError(f"rule {self.name}: opens must be '', 'footer', 'bio' or 'comments'")
        if self.max_words is not None and self.max_words < 1:
            raise ValueError(f"rule {self.name}: max_words must be a positive number or None")
        if any(cue != cue.casefold() for cue in self.cues):
            raise ValueError(f"rule {self.name}: cues must be casefolded (lower case) text")

    def matches(self, line: str) -> bool:
        """Whether this rule applies to ``line`` on its own (zones aside)."""
        content = line.strip()
        size = line_size(content)
        if self.max_words is not None and size > self.max_words:
            return False
        if self.cues and not any(cue in content.casefold() for cue in self.cues):
            return False
        pattern = regex.compile(self.pattern)
        return bool(pattern.search(content) if self.contains else pattern.fullmatch(content))
