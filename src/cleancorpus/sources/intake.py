"""What reading the inputs found, and the documents of JSONL and Parquet records.

:class:`Intake` collects the problems the readers meet (errors, warnings, records skipped on
purpose) and the ids already used; :func:`record_document` turns one JSONL or Parquet record
into a :class:`~cleancorpus.records.RawDocument` (field names in :class:`RecordFields`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError, InputError, printable
from ..records import Notice, RawDocument
from .problems import DEFAULT_MAX_EXAMPLES, ProblemLog

_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (``"\\ud800"`` in JSON, or a file name that is
    not valid UTF-8), which no UTF-8 output can hold."""
    return not text.isascii() and _SURROGATE.search(text) is not None


def scrub(value: Any) -> tuple[Any, bool]:
    """``value`` with every lone surrogate in its strings (and mapping keys) replaced by U+FFFD,
    and whether anything was replaced. The policy for text that UTF-8 cannot hold: the
    document is kept, the characters become U+FFFD, and a warning names the record."""
    if isinstance(value, str):
        if has_surrogates(value):
            return _SURROGATE.sub(REPLACEMENT, value), True
        return value, False
    if isinstance(value, Mapping):
        changed = False
        out: dict[Any, Any] = {}
        for key, item in value.items():
            new_key, key_changed = scrub(key)
            new_item, item_changed = scrub(item)
            out[new_key] = new_item
            changed = changed or key_changed or item_changed
        return (out, True) if changed else (value, False)
    if isinstance(value, (list, tuple)):
        items = [scrub(item) for item in value]
        if any(changed for _, changed in items):
            return type(value)(item for item, _ in items), True
        return value, False
    return value, False


@dataclass(frozen=True)
class RecordFields:
    """The field names of JSONL and Parquet records (all three must differ)."""

    id: str = "id"
    text: str = "text"
    html: str = "html"

    def __post_init__(self) -> None:
        for name in ("id", "text", "html"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(
                    f"the {name} field name must be a non-empty string, got {value!r}"
                )
        if len({self.id, self.text, self.html}) < 3:
            raise ConfigError(
                f"the id, text and html field names must differ, got {self.id!r}, "
                f"{self.text!r}, {self.html!r} (--id-field, --text-field, --html-field)"
            )


@dataclass
class Intake:
    """What reading the inputs found: errors, warnings, records skipped, ids already used.

    Errors and warnings are counted in bounded logs (:class:`~.problems.ProblemLog`): every
    one is counted by kind and file, at most ``max_examples`` of each are kept (``errors``,
    ``warnings``). The pipeline adds the problems the workers meet to the
    same logs.
    """

    max_examples: int = DEFAULT_MAX_EXAMPLES
    skipped_records: int = 0
    ids: set[str] = field(default_factory=set)
    error_log: ProblemLog[InputError] = field(init=False)
    warning_log: ProblemLog[Notice] = field(init=False)

    def __post_init__(self) -> None:
        self.error_log = ProblemLog(self.max_examples, key=lambda e: (e.path, e.problem))
        self.warning_log = ProblemLog(self.max_examples, key=lambda w: (w[0], w[1]))

    @property
    def errors(self) -> list[InputError]:
        """The errors kept as examples (see :meth:`ProblemLog.listed`)."""
        return self.error_log.listed()

    @property
    def warnings(self) -> list[Notice]:
        """The warnings kept as examples (see :meth:`ProblemLog.listed`)."""
        return self.warning_log.listed()

    def problem_counts(self) -> dict[str, Any]:
        """``problems`` of report.json: the counts of errors and warnings, and the limit."""
        return {
            "max_examples": self.max_examples,
            "errors": self.error_log.as_data(),
            "warnings": self.warning_log.as_data(),
        }

    def error(self, path: str, problem: str) -> None:
        self.error_log.add(InputError(path, problem))

    def warn(self, path: str, problem: str) -> None:
        self.warning_log.add(Notice(printable(path), printable(problem)))

    def skip(self, path: str, reason: str) -> None:
        """A record that is not a document (e.g. an image in a WARC): counted and named."""
        self.skipped_records += 1
        self.warn(path, f"skipped: {reason}")

    def claim(self, doc_id: str, where: str) -> bool:
        """Take ``doc_id`` for a document; an id used before is an error naming ``where``."""
        if doc_id in self.ids:
            self.error(where, f"duplicate id {doc_id!r}: an earlier document has it (kept)")
            return False
        self.ids.add(doc_id)
        return True


def record_document(
    record: Mapping[str, Any],
    file_id: str,
    fallback_id: str,
    where: str,
    fields: RecordFields,
    intake: Intake,
) -> RawDocument | None:
    """The document of one JSONL/Parquet record, or None after recording why there is none."""
    record, replaced = scrub(record)
    if replaced:
        intake.warn(
            where,
            "lone surrogate escapes (like \\ud800) are not text; replaced with U+FFFD",
        )
    raw_id = record.get(fields.id)
    if raw_id is None:
        record_id = fallback_id
    elif isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)):
        kind = type(raw_id).__name__
        intake.error(where, f"field {fields.id!r} must be a string or a whole number, not {kind}")
        return None
    else:
        record_id = str(raw_id)
        if not record_id.strip():
            intake.error(where, f"field {fields.id!r} is empty")
            return None
    text, page = record.get(fields.text), record.get(fields.html)
    if text is not None:
        payload: str | bytes = text
        if not isinstance(text, str):
            kind = type(text).__name__
            intake.error(where, f"field {fields.text!r} must be a string, not {kind}")
            return None
    elif page is not None:
        payload = page
        if not isinstance(page, (str, bytes)):
            kind = type(page).__name__
            intake.error(where, f"field {fields.html!r} must be a string, not {kind}")
            return None
    else:
        intake.error(where, f"no {fields.text!r} or {fields.html!r} field: nothing to clean")
        return None
    reserved = (fields.id, fields.text, fields.html)
    metadata = {key: value for key, value in record.items() if key not in reserved}
    return RawDocument(
        f"{file_id}#{record_id}", payload, metadata, source=file_id, html=text is None, where=where
    )
