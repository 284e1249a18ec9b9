"""The document around a furniture line in the rule tests: two body paragraphs, a closing
line, and which rule removed which line."""

from __future__ import annotations

from cleancorpus import clean

FIRST = (
    "The council approved the new ferry timetable on Tuesday after a long debate, and "
    "the first boats will run in March."
)
SECOND = "Traders along the quay said the change would bring more visitors in the spring."
BODY = f"{FIRST}\n\n{SECOND}"
CLOSING = "Nobody expected the vote to pass."


def removed_by(text: str) -> dict[str, str]:
    """Each removed line (stripped) -> the rule that removed it."""
    return {r.text.strip(): r.rule for r in clean(text).removals}
