"""Turning an input folder into one stream of documents: files, and records inside files.

The extension of a file says what it holds (matched case-insensitively):

- ``.html``, ``.htm``: one web page; its main text is extracted with trafilatura (see
  :mod:`cleancorpus.sources.extract`) and then cleaned like any text.
- ``.jsonl``, ``.jsonl.gz``: one JSON object per line (:mod:`cleancorpus.sources.tables`).
- ``.parquet``: one record per row (needs pyarrow: ``pip install 'cleancorpus[parquet]'``).
- ``.warc``, ``.warc.gz``: HTTP responses of a web crawl; the HTML ones are extracted
  (:mod:`cleancorpus.sources.warc`; needs warcio: ``pip install 'cleancorpus[warc]'``).
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
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from ..records import RawDocument
from .inputs import STDIN_ID, InputFile
from .intake import Intake, RecordFields, has_surrogates, scrub
from .tables import read_jsonl, read_parquet
from .warc import read_warc

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


def format_of(file_id: str) -> str:
    """What the file ``file_id`` holds, from its extension (see the module docstring)."""
    lower = file_id.lower()
    for extension, kind in _BY_EXTENSION:
        if lower.endswith(extension):
            return kind
    return TEXT


def iter_raw(
    root: str | os.PathLike[str] | None,
    file_ids: Iterable[str | InputFile],
    *,
    fields: RecordFields,
    max_bytes: int,
    intake: Intake,
    stdin: BinaryIO | None = None,
) -> Iterator[RawDocument]:
    """Yield every document of the listed files, in file order then record order, then the
    records of ``stdin`` (JSON Lines; ids ``stdin#ID``).

    A file is an id under ``root``, or an :class:`~.inputs.InputFile` (an id and the path it
    is read from). A file name that is not valid UTF-8 gets U+FFFD in its id, with a warning.
    """
    for entry in file_ids:
        if isinstance(entry, InputFile):
            file_id, path = entry.id, entry.path
            real: str | None = path
        else:
            file_id, path, real = entry, os.path.join(root or ".", *entry.split("/")), None
        if has_surrogates(file_id):
            file_id, _ = scrub(file_id)
            real = path
            intake.warn(file_id, "the file name is not valid UTF-8; its id has U+FFFD instead")
        kind = format_of(file_id)
        if kind in (TEXT, HTML):
            if intake.claim(file_id, file_id):
                yield RawDocument(file_id, None, source=file_id, html=kind == HTML, path=real)
            continue
        if kind == JSONL:
            found = read_jsonl(path, file_id, fields, max_bytes, intake)
        elif kind == PARQUET:
            found = read_parquet(path, file_id, fields, max_bytes, intake)
        else:
            found = read_warc(path, file_id, max_bytes, intake)
        for raw in found:
            if intake.claim(raw.id, raw.where):
                yield raw
    if stdin is not None:
        for raw in read_jsonl(stdin, STDIN_ID, fields, max_bytes, intake):
            if intake.claim(raw.id, raw.where):
                yield raw
