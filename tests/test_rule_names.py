"""Rule names are declared once: each cleaner declares the names it gives its removals, and
every removal carries a declared name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings

from cleancorpus import CleanConfig, ConfigError, TextCleaner, clean
from cleancorpus.cleaning.cleaner import default_rule_names
from cleancorpus.cleaning.rules import DEFAULT_RULES
from tests.strategies import body, comment_thread, footer

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
SETS = sorted((ROOT / "benchmarks" / "cleaning").glob("*.jsonl"))


def _texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in SEEDS]
    for path in SETS:
        with open(path, encoding="utf-8") as handle:
            texts.extend(json.loads(line)["text"] for line in handle)
    return texts


def test_every_removal_on_real_and_labelled_texts_has_a_declared_rule():
    texts = _texts()
    assert len(texts) > 100
    cleaner = TextCleaner()
    used = {r.rule for text in texts for r in cleaner.clean(text).removals}
    assert used <= cleaner.emits, used - cleaner.emits
    assert len(used) > 30  # the texts exercise most rules, so the check means something


@settings(max_examples=100, deadline=None)
@given(article=body(), tail=footer(), thread=comment_thread())
def test_every_removal_on_generated_documents_has_a_declared_rule(article, tail, thread):
    cleaner = TextCleaner()
    for text in (article, f"{article}\n\n{tail}", f"{article}\n\n{thread}"):
        assert {r.rule for r in cleaner.clean(text).removals} <= cleaner.emits


def test_the_default_chain_declares_the_names_the_config_accepts():
    assert TextCleaner().emits == default_rule_names(DEFAULT_RULES)
    assert {"comments.thread", "markdown.link", "whitespace"} <= TextCleaner().emits


def test_every_declared_name_can_be_disabled_and_then_removes_nothing():
    text = SEEDS[0].read_text(encoding="utf-8")
    used = {r.rule for r in clean(text).removals}
    for name in sorted(used):
        assert name not in {r.rule for r in clean(text, CleanConfig(disable={name})).removals}


def test_an_undeclared_name_is_refused():
    with pytest.raises(ConfigError, match=r"unknown rule 'header\.no_such_rule'"):
        CleanConfig(disable={"header.no_such_rule"})
