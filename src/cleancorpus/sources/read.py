"""The read stage: raw documents in, documents with their text out (decoded, HTML extracted).

A file is read from the run's folder and decoded (:mod:`.files`); a record's text is checked
as a file's would be; a web page, a file's or a record's, is extracted with trafilatura
(:mod:`.extract`), and its extraction step goes into the metadata as ``extraction``.
Metadata precedence: the record's own fields over what trafilatura found.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..errors import InputError
from ..records import HTML, Batch, Document, Notice, RawDocument
from . import files
from .extract import ExtractSettings, extract_html

DEFAULT_MAX_BYTES = 50_000_000  # 50 MB


@dataclass(frozen=True)
class ReadSettings:
    """How the read stage reads: the folder files are read from, the byte limit per file or
    record, and the HTML extraction settings."""

    root: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    extract: ExtractSettings = field(default_factory=ExtractSettings)


def read_batch(raws: Sequence[RawDocument], settings: ReadSettings) -> Batch:
    """Read, decode and extract each raw document; a bad one becomes an error, the rest go on.

    ``Batch.seconds`` has ``read`` and ``extract`` (trafilatura's share).
    """
    out = Batch(seconds={"read": 0.0, "extract": 0.0})
    for raw in raws:
        try:
            out.documents.append(_read(raw, settings, out))
        except InputError as exc:
            out.errors.append(exc)
    return out


def _read(raw: RawDocument, settings: ReadSettings, out: Batch) -> Document:
    t0 = time.perf_counter()
    content = raw.content
    root, name = (settings.root or ".", raw.id) if raw.path is None else ("", raw.path)
    try:
        if content is None and not raw.html:
            decoded = files.decode(raw.id, files.read_bytes(root, name, settings.max_bytes, raw.id))
            if decoded.warning:
                out.warnings.append(Notice(raw.id, decoded.warning))
            return Document(raw.id, decoded.text, raw.metadata, raw.source)
        record = content is not None
        what = f"empty record ({raw.where})" if record and raw.where else "empty record"
        if content is None:
            content = files.read_bytes(root, name, settings.max_bytes, raw.id)
        elif not raw.html:
            text = str(content)
            files.check_text(raw.id, text, empty=what)
            return Document(raw.id, text, raw.metadata, raw.source)
        if not content.strip():
            kind = what if record else "empty file"
            detail = "no page to extract" if not content else "only whitespace"
            raise InputError(raw.id, f"{kind}: {detail}")
    finally:
        out.seconds["read"] += time.perf_counter() - t0
    t1 = time.perf_counter()
    try:
        url = raw.metadata.get("url")
        page = extract_html(
            content,
            url=url if isinstance(url, str) else None,
            settings=settings.extract,
            name=raw.id,
        )
    finally:
        out.seconds["extract"] += time.perf_counter() - t1
    out.warnings.extend(Notice(raw.id, warning) for warning in page.warnings)
    step = {**page.step, "warnings": list(page.warnings)} if page.warnings else dict(page.step)
    title = page.metadata.get("title")
    if title and raw.metadata.get("title", title) != title:  # the record names it otherwise
        step["page_title"] = title  # the cleaners still know the page's headline
    metadata = {**page.metadata, "extraction": step, **raw.metadata}
    return Document(raw.id, page.text, metadata, raw.source, kind=HTML)
