"""Turn the raw values rules capture (author, date, tags, ...) into clean metadata values."""

from __future__ import annotations

from datetime import date
from typing import Any

import regex

_LINK = regex.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)|<(https?://[^>\s]+)>")
_EMPHASIS = regex.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")
_HEADING_MARK = regex.compile(r"^#{1,6}\s+")
_TAG_SEPARATOR = regex.compile(r"\s*(?:,|\||•|·|;|、|،|，|›|»|→|\s/\s)\s*")
MONTH_NAMES: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            "jan january janvier januar enero gennaio janeiro января январь",
            "feb february février fevrier februar febrero febbraio fevereiro февраля февраль",
            "mar march mars märz maerz marzo março марта март",
            "apr april avril abril aprile апреля апрель",
            "may mai mayo maggio maio мая май",
            "jun june juin juni junio giugno junho июня июнь",
            "jul july juillet juli julio luglio julho июля июль",
            "aug august août aout agosto августа август",
            "sep sept september septembre septiembre setiembre settembre setembro сентября",
            "oct october octobre oktober octubre ottobre outubro октября октябрь",
            "nov november novembre noviembre novembro ноября ноябрь",
            "dec december décembre decembre dezember diciembre dicembre dezembro декабря",
        ],
        start=1,
    )
    for name in names.split()
}
_MONTH_FIRST = regex.compile(r"(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_DAY_FIRST = regex.compile(
    r"(\d{1,2})(?:st|nd|rd|th|er|\.)?\s+(?:of\s+|de\s+)?(\p{L}+)\.?,?\s+(?:de\s+)?(\d{4})"
)
_ISO = regex.compile(r"(\d{4})[-./年]\s?(\d{1,2})[-./月]\s?(\d{1,2})")
_NUMERIC_DMY = regex.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
SCALAR_KEYS = ("title", "author", "site", "date", "original_source", "original_date")
_LABEL = regex.compile(
    r"(?i)^(?:published|updated|last\s+updated|posted|modified|last\s+modified|date[ds]?|"
    r"first\s+published|originally\s+published|released|edited|written|filed|on|at|"
    r"publié|mis\s+à\s+jour|veröffentlicht|aktualisiert|publicado|actualizado|pubblicato|"
    r"aggiornato)\b"
)


def plain(value: str) -> str:
    """``value`` without markdown link and emphasis residue, white space collapsed."""
    value = _LINK.sub(lambda m: m.group(1) or m.group(2) or "", value)
    value = _EMPHASIS.sub("", value)
    value = _HEADING_MARK.sub("", value.strip())
    return " ".join(value.split()).strip(" .,;:|-–—")


def iso_date(value: str) -> str | None:
    """The ISO 8601 date (YYYY-MM-DD) written in ``value``, or None if it names none."""
    for pattern, order in (
        (_ISO, "ymd"),
        (_MONTH_FIRST, "mdy"),
        (_DAY_FIRST, "dmy"),
        (_NUMERIC_DMY, "dmy"),
    ):
        found = pattern.search(value)
        if not found:
            continue
        parts = dict(zip(order, found.groups(), strict=True))
        month = parts["m"]
        month_number = int(month) if month.isdigit() else MONTH_NAMES.get(month.lower())
        try:
            if month_number:
                return date(int(parts["y"]), month_number, int(parts["d"])).isoformat()
        except ValueError:
            return None
    return None


def is_site_name(value: str) -> bool:
    """Whether ``value`` can name a site: not a label word ("Published", "Updated 3 May")
    and no date in it (a dateline's label is never its masthead)."""
    return bool(value) and not _LABEL.match(value) and iso_date(value) is None


def tag_list(value: str) -> list[str]:
    """Tags written as a comma-, pipe- or bullet-separated list of words or links."""
    tags = [plain(part) for part in _TAG_SEPARATOR.split(value)]
    return [tag for tag in tags if tag]


def merge_facts(metadata: dict[str, Any], captured: dict[str, str]) -> None:
    """Add the groups a rule captured to ``metadata``: first value wins, tags accumulate."""
    for key, raw in captured.items():
        if raw is None:
            continue
        if key == "tags":
            tags = metadata.setdefault("tags", [])
            tags.extend(tag for tag in tag_list(raw) if tag not in tags)
            continue
        if key in metadata:
            continue
        value = iso_date(raw) if key.endswith("date") else plain(raw)
        if key == "site" and value and not is_site_name(value):
            continue
        if value:
            metadata[key] = value
