"""The WARC reader (``.warc``, ``.warc.gz``): the HTML pages of a web crawl, one by one.

Records are read with warcio (``pip install 'cleancorpus[warc]'``), streaming. Which records
become documents:

- ``response`` records with a 2xx HTTP status and an HTML content type (``text/html``,
  ``application/xhtml+xml``), and ``resource`` records with an HTML content type: the page
  body (transfer and content encodings undone) is extracted like an ``.html`` file;
- other ``response``/``resource`` records (images, scripts, PDFs, redirects, errors) are
  skipped on purpose: counted in the report and listed among the warnings, with the record
  id, the content type or status, and the URI;
- ``request``, ``metadata``, ``revisit`` and ``warcinfo`` records are not documents and are
  passed over silently.

A document's id is ``<file id>#<WARC-Record-ID>`` (without ``<>``); its metadata has ``url``
(WARC-Target-URI), ``warc_date`` and ``warc_record_id``. A record cut short, a body over the
byte limit, and a file truncated or corrupt part-way are errors naming the file (and record);
the records before them are kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import printable
from ..records import RawDocument
from .intake import Intake

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_READ = 1 << 16


def read_warc(path: str, file_id: str, max_bytes: int, intake: Intake) -> Iterator[RawDocument]:
    """Yield each HTML page of a WARC file."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        intake.error(file_id, "reading WARC needs warcio: pip install 'cleancorpus[warc]'")
        return
    count = 0
    try:
        with open(path, "rb") as handle:
            records = ArchiveIterator(handle)
            for record in records:
                count += 1
                found = _page(record, file_id, count, max_bytes, intake)
                if found is not None:
                    yield found
            size = handle.seek(0, 2)
            if records.offset < size:
                intake.error(
                    file_id,
                    f"truncated or corrupt WARC data at byte offset {records.offset:,} "
                    f"after {count} records; the records before it were read",
                )
    except OSError as exc:
        intake.error(file_id, f"cannot be read: {exc.strerror or exc}")
    except Exception as exc:  # warcio raises assorted errors on damaged archives
        # Their messages quote the bytes read (a random file's first "line"): keep the gist.
        detail = str(exc).split(", first line:", 1)[0].split(":", 1)[0]
        intake.error(
            file_id,
            f"not a WARC file, or truncated or corrupt after {count} records "
            f"({type(exc).__name__}: {printable(detail, 80)}); the records before it were read",
        )


def _page(
    record: Any, file_id: str, number: int, max_bytes: int, intake: Intake
) -> RawDocument | None:
    """The document of one WARC record, or None (skipped, ignored or an error recorded)."""
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.rec_headers
    record_id = (headers.get_header("WARC-Record-ID") or f"record-{number}").strip().strip("<>")
    uri = headers.get_header("WARC-Target-URI") or ""
    name = f"{file_id}#{record_id}"
    http = record.http_headers
    if record.rec_type == "response":
        if http is None:
            intake.skip(name, f"not an HTTP response: {uri}")
            return None
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            intake.skip(name, f"HTTP status {status}: {uri}")
            return None
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = headers.get_header("Content-Type") or ""
    mime = content_type.split(";")[0].strip().lower()
    if mime not in HTML_TYPES:
        intake.skip(name, f"not HTML ({mime or 'no content type'}): {uri}")
        return None
    body = _read(record.content_stream(), max_bytes)
    if body is None:
        intake.error(name, f"record body is over the limit of {max_bytes:,} bytes (--max-bytes)")
        return None
    if getattr(record.raw_stream, "limit", 0):
        intake.error(name, f"record is truncated ({record.raw_stream.limit:,} bytes missing)")
        return None
    metadata = {
        "url": uri or None,
        "warc_date": headers.get_header("WARC-Date"),
        "warc_record_id": record_id,
    }
    found = {k: v for k, v in metadata.items() if v}
    return RawDocument(name, body, found, source=file_id, html=True, where=name)


def _read(stream: Any, max_bytes: int) -> bytes | None:
    """The whole stream, or None when it is longer than ``max_bytes``."""
    parts: list[bytes] = []
    size = 0
    while piece := stream.read(_READ):
        size += len(piece)
        if size > max_bytes:
            return None
        parts.append(piece)
    return b"".join(parts)
