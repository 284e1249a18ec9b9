"""Build dev.jsonl, unseen.jsonl and learn_dev.jsonl from the hand-written sources in ``source/``.

Every document is written by hand as a sequence of segments: residue (``@@x``) and article
body (``@@b``). The raw ``text`` is the segments joined by a blank line; the expected ``body``
is the body paragraphs, markdown link residue unwrapped, joined by a blank line. Shared blocks
(a site's footer, a syndicated body) are written once with ``@@block NAME`` and reused with
``@@use x NAME`` or ``@@use b NAME``; ``{{var}}`` in a block is filled from the document's
``var.NAME: value`` lines. Run from anywhere::

    python benchmarks/cleaning/make_sets.py          # rewrite every set
    python benchmarks/cleaning/make_sets.py --check  # fail if the files on disk are stale

Output is deterministic: same sources, same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = ("dev", "unseen", "learn_dev")
META_KEYS = ("title", "author", "site", "date", "tags", "original_source")
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ANGLE = re.compile(r"<((?:https?|ftp)://[^>\s]+)>")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def unwrap(text: str) -> str:
    """Undo markdown link residue: [t](u) -> t, **b** -> b, <http://x> -> http://x."""
    return _ANGLE.sub(r"\1", _BOLD.sub(r"\1", _LINK.sub(r"\1", text)))


@dataclass
class Spec:
    id: str
    fields: dict[str, str] = field(default_factory=dict)
    segments: list[tuple[str, str]] = field(default_factory=list)


def _parse(path: Path, blocks: dict[str, str], specs: list[Spec]) -> None:
    current: Spec | None = None
    kind: str | None = None
    block: str | None = None
    buf: list[str] = []

    def flush() -> None:
        nonlocal buf
        content = "\n".join(buf).strip("\n")
        if block is not None:
            blocks[block] = content
        elif current is not None and kind is not None and content:
            current.segments.append((kind, content))
        buf = []

    for lineno, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if line.startswith("@@"):
            flush()
            word, _, arg = line[2:].partition(" ")
            block, kind = None, None
            if word == "doc":
                current = Spec(arg.strip())
                specs.append(current)
            elif word == "block":
                block, current = arg.strip(), None
            elif word in ("x", "b"):
                kind = word
            elif word == "use":
                use_kind, _, name = arg.partition(" ")
                if current is None or use_kind not in ("x", "b") or name not in blocks:
                    sys.exit(f"{path}:{lineno}: bad @@use line {line!r}")
                current.segments.append((use_kind, blocks[name]))
            elif word != "#":
                sys.exit(f"{path}:{lineno}: unknown directive {line!r}")
        elif current is not None and kind is None and block is None:
            if line.strip() and current.segments:
                sys.exit(f"{path}:{lineno}: text outside a segment: {line!r}")
            if line.strip():
                key, sep, value = line.partition(":")
                if not sep:
                    sys.exit(f"{path}:{lineno}: expected 'key: value', got {line!r}")
                current.fields[key.strip()] = value.strip()
        else:
            buf.append(line)
    flush()


def _fill(spec: Spec, content: str) -> str:
    def sub(match: re.Match[str]) -> str:
        key = "var." + match.group(1)
        if key not in spec.fields:
            sys.exit(f"{spec.id}: block needs '{key}:'")
        return spec.fields[key]

    return _PLACEHOLDER.sub(sub, content)


def _paragraphs(content: str) -> list[str]:
    paras = (p.strip("\n").rstrip() for p in re.split(r"\n[ \t]*\n", content))
    return [p for p in paras if p.strip()]


def build(spec: Spec) -> dict[str, object]:
    """Assemble one labelled record and check that its labels are consistent with its text."""
    segments = [(kind, _fill(spec, content)) for kind, content in spec.segments]
    lead = "\n" * int(spec.fields.get("lead", "0"))
    text = lead + "\n\n".join(content for _, content in segments) + "\n"
    body_paras = [p for kind, c in segments if kind == "b" for p in _paragraphs(c)]
    body = "\n\n".join(unwrap(p) for p in body_paras)
    meta: dict[str, object] = {}
    for key in META_KEYS:
        value = spec.fields.get("meta." + key)
        if value is not None:
            meta[key] = [t.strip() for t in value.split(";")] if key == "tags" else value
    _validate(spec, text, body, body_paras, meta)
    return {
        "id": spec.id,
        "site": spec.fields["site"],
        "text": text,
        "body": body,
        "metadata": meta,
        "notes": spec.fields.get("notes", ""),
    }


def _norm(text: str) -> str:
    return " ".join(unwrap(text).casefold().split())


def _validate(spec: Spec, text: str, body: str, paras: list[str], meta: dict) -> None:
    problems = []
    if "site" not in spec.fields:
        problems.append("no 'site:'")
    if not paras:
        problems.append("no body")
    unknown = {k for k in spec.fields if not k.startswith(("var.", "meta."))}
    unknown -= {"site", "notes", "lead", "clean"}
    unknown |= {k for k in spec.fields if k.startswith("meta.") and k[5:] not in META_KEYS}
    if unknown:
        problems.append(f"unknown keys {sorted(unknown)}")
    haystack = _norm(text)
    for key, value in meta.items():
        if key == "date":
            try:
                dt.date.fromisoformat(str(value))
            except ValueError:
                problems.append(f"date {value!r} is not YYYY-MM-DD")
            continue
        for item in value if isinstance(value, list) else [value]:
            if _norm(item) not in haystack:
                problems.append(f"metadata {key}={item!r} does not occur in the text")
    if spec.fields.get("clean") == "yes" and text.strip() != body:
        problems.append("marked clean but text != body")
    if problems:
        sys.exit(f"{spec.id}: " + "; ".join(problems))


def load_specs(name: str) -> list[Spec]:
    blocks: dict[str, str] = {}
    specs: list[Spec] = []
    for path in sorted((HERE / "source").glob(f"{name}*.txt")):
        _parse(path, blocks, specs)
    ids = [s.id for s in specs]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        sys.exit(f"{name}: duplicate ids {sorted(dupes)}")
    return specs


def render(name: str) -> str:
    records = [build(spec) for spec in load_specs(name)]
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only verify the files are fresh")
    args = parser.parse_args(argv)
    stale = []
    for name in SETS:
        out = HERE / f"{name}.jsonl"
        data = render(name)
        if args.check:
            if not out.exists() or out.read_text(encoding="utf-8") != data:
                stale.append(out.name)
            continue
        tmp = out.with_suffix(".jsonl.tmp")
        tmp.write_text(data, encoding="utf-8")
        tmp.replace(out)
        print(f"{out.name}: {data.count(chr(10))} documents")
    if stale:
        print("stale: " + ", ".join(stale) + " (run make_sets.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
