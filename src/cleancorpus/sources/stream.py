"""Turning an input folder into one stream of documents: files, and records inside files.

The extension of a file says what it holds (matched case-insensitively):

- ``.html``, ``.htm``: one web page; its main text is extracted with trafilatura (see
  :mod:`cleancorpus.html`) and then cleaned like any text.
- ``.jsonl``, ``.jsonl.gz``: one JSON object per line (:mod:`cleancorpus.records`).
- ``.parquet``: one record per row (needs pyarrow: ``pip install 'cleancorpus[parquet]'``).
- ``.warc``, ``.warc.gz``: HTTP responses of a web crawl; the HTML ones are extracted
  (:mod:`cleancorpus.warc`; needs warcio: ``pip install 'cleancorpus[warc]'``).
- anything else that was listed (``.txt``, ``.md``, extra extensions): one text document.

Ids. A file's document id is its path under INPUT (``site/page.html``). A record's id is
``<file id>#<record id>``: the value of the id field (``--id-field``, default ``id``) of a JSONL
or Parquet record, ``line-N`` / ``row-N`` (1-based) when the record has none, and the
``WARC-Record-ID`` (without ``<>``) of a WARC record. Ids are therefore deterministic and
unique across files; a record whose id repeats an earlier one is an error (the first is kept).

Records. A JSONL or Parquet record carries its text in the text field (``--text-field``,
default ``text``), or a web page in the HTML field (``--html-field``, default ``html``); when
both are present the text field wins. Every other field becomes metadata, as is.

Metadata precedence, highest first: the record's own fields (and the WARC headers: ``url``,
``warc_date``, ``warc_record_id``), then what trafilatura found in the page (title, author,
date, site, url, ...), then the facts the cleaners lifted from header/footer lines. An HTML
document also gets ``extraction``: the extractor, its version and settings, the encoding and
any warnings.

Container files are read here, in the main process, lazily: records are yielded one at a time
and grouped into chunks by the caller, so a big file is never held in memory. Problems are
collected in an :class:`Intake`: errors (``data.jsonl:17: malformed JSON ...``), warnings, and
records skipped on purpose (a WARC response that is not HTML).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..errors import ConfigError, InputError

TEXT, HTML, JSONL, PARQUET, WARC = "text", "html", "jsonl", "parquet", "warc"
_BY_EXTENSION = (
    (".html", HTML),
    (".htm", HTML),
    (".jsonl", JSONL),
    (".jsonl.gz", JSONL),
    (".parquet", PARQUET),
    (".warc", WARC),
    (".warc.gz", WARC),
)


class Item(NamedTuple):
    """One document on its way to a worker.

    ``payload`` is the text (or page), or None when the worker reads the file ``id`` itself;
    ``html`` says the payload (or file) is a web page to extract first.
    """

    id: str
    payload: str | bytes | None
    metadata: dict[str, Any]
    html: bool = False


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
    """What reading the inputs found: errors, warnings, records skipped, ids already used."""

    errors: list[InputError] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    skipped_records: int = 0
    ids: set[str] = field(default_factory=set)

    def error(self, path: str, problem: str) -> None:
        self.errors.append(InputError(path, problem))

    def warn(self, path: str, problem: str) -> None:
        self.warnings.append((path, problem))

    def skip(self, path: str, reason: str) -> None:
        """A record that is not a document (e.g. an image in a WARC): counted and named."""
        self.skipped_records += 1
        self.warnings.append((path, f"skipped: {reason}"))

    def claim(self, doc_id: str, where: str) -> bool:
        """Take ``doc_id`` for a document; an id used before is an error naming ``where``."""
        if doc_id in self.ids:
            self.error(where, f"duplicate id {doc_id!r}: an earlier document has it (kept)")
            return False
        self.ids.add(doc_id)
        return True


def format_of(file_id: str) -> str:
    """What the file ``file_id`` holds, from its extension (see the module docstring)."""
    lower = file_id.lower()
    for extension, kind in _BY_EXTENSION:
        if lower.endswith(extension):
            return kind
    return TEXT


def iter_items(
    root: str | os.PathLike[str],
    file_ids: Iterable[str],
    *,
    fields: RecordFields,
    max_bytes: int,
    intake: Intake,
) -> Iterator[Item]:
    """Yield every document of the listed files, in file order then record order."""
    from . import tables as records
    from . import warc  # the record readers import their libraries lazily

    for file_id in file_ids:
        kind = format_of(file_id)
        if kind in (TEXT, HTML):
            if intake.claim(file_id, file_id):
                yield Item(file_id, None, {}, kind == HTML)
            continue
        path = os.path.join(root, *file_id.split("/"))
        if kind == JSONL:
            found = records.read_jsonl(path, file_id, fields, max_bytes, intake)
        elif kind == PARQUET:
            found = records.read_parquet(path, file_id, fields, max_bytes, intake)
        else:
            found = warc.read_warc(path, file_id, max_bytes, intake)
        for item, where in found:
            if intake.claim(item.id, where):
                yield item


def record_item(
    record: Mapping[str, Any],
    file_id: str,
    fallback_id: str,
    where: str,
    fields: RecordFields,
    intake: Intake,
) -> Item | None:
    """The document of one JSONL/Parquet record, or None after recording why there is none."""
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
    return Item(f"{file_id}#{record_id}", payload, metadata, text is None)
