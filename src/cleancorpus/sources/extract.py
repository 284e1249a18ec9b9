"""The HTML path: decode a web page and extract its main text and metadata with trafilatura.

``extract_html`` returns an :class:`Extracted` record: the article text (one paragraph per
line), the page's metadata, and a record of the extraction step (extractor, version, settings,
encoding) for the pipeline to store next to the output. The text then goes through the same
cleaners as any other document.

Reader comments are never extracted and trafilatura's own duplicate cache stays off: the cache
is module state inside trafilatura and would make a page's result depend on the pages seen
before it. Bytes are decoded here rather than by trafilatura, so that a declared charset is
honoured and a guessed one is reported.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from types import MappingProxyType
from typing import Any

from ..errors import ConfigError, InputError
from .charsets import BOMS, decode_counting, detect_charset, few_invalid

NO_MAIN_TEXT = "HTML page has no extractable main text"

#: How far into the bytes a charset declaration is looked for (the HTML standard's prescan
#: also stops at 1024 bytes; pages with long heads put it later, so look a little further).
_PRESCAN_BYTES = 4096

# <meta charset="...">, <meta http-equiv="Content-Type" content="text/html; charset=...">
# and <?xml ... encoding="..."?> all name the charset after one of these keys.
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)"""
    rb"""|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)

#: Chaos (charset-normalizer's mess score, 0 to 1) within which two guesses count as a tie.

# The HTML standard decodes these labels as windows-1252, a superset of Latin-1.
_AS_WINDOWS_1252 = frozenset({"iso8859-1", "ascii", "cp1252"})

_SITE_KEYS = (
    ("title", "title"),
    ("author", "author"),
    ("date", "date"),
    ("site", "sitename"),
    ("url", "url"),
    ("hostname", "hostname"),
    ("description", "description"),
    ("image", "image"),
    ("license", "license"),
    ("pagetype", "pagetype"),
)


@dataclass(frozen=True)
class ExtractSettings:
    """The extraction choices a caller may make; everything else is fixed (see ``record``).

    ``favor_precision`` keeps less text when trafilatura is unsure, ``favor_recall`` keeps
    more; at most one of them may be set. ``include_tables`` keeps text found in ``<table>``.
    ``fast`` skips trafilatura's fallback extractors (faster, lower recall on odd pages).
    ``max_date`` (YYYY-MM-DD) is the latest publication date accepted; ``None`` means today,
    which makes the date of a page carrying future dates depend on the day of the run: fix it
    for reproducible reruns.
    """

    include_tables: bool = True
    favor_precision: bool = False
    favor_recall: bool = False
    fast: bool = False
    max_date: str | None = None

    def __post_init__(self) -> None:
        for name in ("include_tables", "favor_precision", "favor_recall", "fast"):
            if not isinstance(getattr(self, name), bool):
                raise ConfigError(f"ExtractSettings.{name} must be True or False")
        if self.favor_precision and self.favor_recall:
            raise ConfigError(
                "ExtractSettings: favor_precision and favor_recall exclude each other; "
                "set at most one of them (neither gives trafilatura's balanced mode)"
            )
        if self.max_date is not None:
            try:
                dt.date.fromisoformat(self.max_date)
            except (TypeError, ValueError):
                raise ConfigError(
                    f"ExtractSettings.max_date={self.max_date!r} is not a date; "
                    "give it as YYYY-MM-DD, or None for today"
                ) from None

    def record(self) -> dict[str, Any]:
        """Every trafilatura option used, the fixed ones included, as JSON-ready data."""
        return {
            **asdict(self),
            "include_comments": False,
            "deduplicate": False,
            "output_format": "txt",
            "include_formatting": False,
            "include_links": False,
            "include_images": False,
            "with_metadata": True,
        }


@dataclass(frozen=True, slots=True)
class Extracted:
    """The main text of one page, its metadata and how it was obtained.

    ``metadata`` holds the non-empty fields among title, author, date (ISO 8601), site, url,
    hostname, description, image, license, pagetype and tags (page tags then categories, as a
    tuple). ``step`` records the extractor, its version, the settings and the encoding used;
    ``warnings`` says what the caller should know (e.g. that the charset was guessed).
    """

    text: str
    metadata: Mapping[str, Any]
    step: Mapping[str, Any]
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "metadata", MappingProxyType(dict(self.metadata)))
        object.__setattr__(self, "step", MappingProxyType(dict(self.step)))


def extract_html(
    html: str | bytes,
    *,
    url: str | None = None,
    settings: ExtractSettings | None = None,
    name: str | None = None,
) -> Extracted:
    """Extract the main text and metadata of one web page.

    ``url`` is where the page came from (it helps resolve metadata); ``name`` is the path or id
    used in error messages (default: the url). Raises :class:`InputError` when the page has no
    extractable main text.
    """
    import trafilatura  # lazy: importing it loads lxml, htmldate, justext and friends
    from trafilatura.settings import Extractor

    settings = settings or ExtractSettings()
    label = name or url or "<html>"
    if isinstance(html, bytes):
        page, encoding, source, warnings = decode_html(html)
    elif isinstance(html, str):
        page, encoding, source, warnings = html, None, "str", ()
    else:
        raise TypeError(f"extract_html() takes str or bytes, not {type(html).__name__}")

    options = Extractor(
        output_format="python",
        fast=settings.fast,
        precision=settings.favor_precision,
        recall=settings.favor_recall,
        comments=False,
        formatting=False,
        links=False,
        images=False,
        tables=settings.include_tables,
        dedup=False,
        url=url,
        with_metadata=True,
        date_params=_date_params(settings.max_date),
    )
    document: Any = None
    if page.strip():
        try:
            document = trafilatura.bare_extraction(page, options=options)
        except Exception as err:  # a third-party parser on untrusted input: report, go on
            raise InputError(label, f"trafilatura failed on this page: {err!r}") from err
    text = unicodedata.normalize("NFC", document.text or "").strip() if document else ""
    if not text:
        raise InputError(label, NO_MAIN_TEXT)
    step = {
        "extractor": "trafilatura",
        "version": trafilatura.__version__,
        "settings": settings.record(),
        "encoding": encoding,
        "encoding_source": source,
    }
    return Extracted(text, _metadata(document), step, warnings)


def decode_html(data: bytes) -> tuple[str, str, str, tuple[str, ...]]:
    """Decode page bytes; return the text, the codec, how it was chosen, and warnings.

    Order: byte-order mark ("bom"), the charset the page declares ("declared"), UTF-8
    ("utf-8"), a guess by charset-normalizer ("detected"), lossy UTF-8 ("lossy"). A declaration
    is only a hint: one that is unknown, names a codec that is not a text encoding (``hex``,
    ``base64``, ``rot13``) or does not decode the page is ignored with a warning; one that
    decodes all but a few invalid byte sequences wins over a guess (they become U+FFFD, with a
    warning; see :func:`.charsets.few_invalid`). A guess and lossy decoding add a warning too.
    """
    warnings: list[str] = []
    decoded = _decode(data, warnings)
    return (*decoded, tuple(warnings))


def _decode(data: bytes, warnings: list[str]) -> tuple[str, str, str]:
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace"), codec, "bom"
    label = _declared_label(data[:_PRESCAN_BYTES])
    if label is not None:
        declared, problem = _codec_for(label)
        if declared is None:
            warnings.append(f"declared charset {label!r} {problem}; ignored")
        else:
            decoded = decode_counting(data, declared)
            if decoded is not None and few_invalid(*decoded):
                text, bad = decoded
                if bad:
                    warnings.append(
                        f"declared charset {label!r} leaves {bad} invalid byte sequence"
                        f"{'s' if bad > 1 else ''} in the page; replaced with U+FFFD"
                    )
                return text, declared, "declared"
            warnings.append(f"declared charset {label!r} does not decode the page; ignored")
    try:
        return data.decode("utf-8"), "utf-8", "utf-8"
    except UnicodeDecodeError:
        pass
    guessed = detect_charset(data)
    if guessed is not None:
        warnings.append(f"charset not declared and not UTF-8; detected {guessed}")
        return data.decode(guessed, errors="replace"), guessed, "detected"
    warnings.append("charset not declared, not UTF-8 and not detected; decoded as lossy UTF-8")
    return data.decode("utf-8", errors="replace"), "utf-8", "lossy"


def _declared_label(head: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(head)
    if match is None:
        return None
    return (match.group(1) or match.group(2)).decode("ascii").lower()


def _codec_for(label: str) -> tuple[str | None, str]:
    """The Python text codec for a declared charset label, or None and why it is refused.

    A declaration is only a hint: labels Python does not know, and codecs that are not text
    encodings (``hex``, ``base64``, ``rot13``, ``zlib``...), are refused.
    """
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None, "is unknown"
    if not getattr(info, "_is_text_encoding", True):
        return None, "is not a text encoding"
    codec = info.name
    if codec in _AS_WINDOWS_1252:
        return "cp1252", ""
    if codec.startswith(("utf-16", "utf-32")):  # without a BOM the bytes are ASCII-based
        return "utf-8", ""
    return codec, ""


def _date_params(max_date: str | None) -> dict[str, Any]:
    """htmldate options as trafilatura sets them by default, with an optional fixed max_date."""
    return {
        "original_date": True,
        "extensive_search": True,
        "max_date": max_date or dt.date.today().isoformat(),
    }


def _metadata(document: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, attribute in _SITE_KEYS:
        value = getattr(document, attribute, None)
        if isinstance(value, str) and value.strip():
            found[key] = value.strip()
    tags: list[str] = []
    for value in [*(document.tags or ()), *(document.categories or ())]:
        value = value.strip()
        if value and value not in tags:
            tags.append(value)
    if tags:
        found["tags"] = tuple(tags)
    return found
