"""docs/rules.md is generated from the packs and must be kept in step with them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from wttsc_policy.rulepacks.docs import render_rule, render_rules_markdown
from wttsc_policy.rulepacks.load import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "rules.md"


def test_docs_rules_md_is_up_to_date():
    expected = render_rules_markdown(load_ruleset())
    assert DOCS.read_text(encoding="utf-8") == expected, (
        "docs/rules.md is stale; regenerate it with: python -m wttsc_policy.rulepacks.docs > docs/rules.md"
    )


def test_module_prints_the_same_page():
    out = subprocess.run(
        [sys.executable, "-m", "wttsc_policy.rulepacks.docs"], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert out == render_rules_markdown(load_ruleset())


def test_every_rule_and_not_applicable_key_is_documented():
    ruleset = load_ruleset()
    page = render_rules_markdown(ruleset)
    for rule in ruleset.rules:
        assert f"{rule.id}: {rule.title}" in page
    for pack in ruleset.packs:
        assert f"Pack `{pack.meta.name}`" in page
        for na in pack.not_applicable:
            assert f"`{na.key}`: {na.reason}" in page


def test_render_rule_shows_source_examples_and_replacement():
    rule = load_ruleset().by_id["WT031"]
    text = render_rule(rule)
    assert text.startswith("#### WT031: ")
    assert rule.source in text
    assert "integrated care board" in text
    for example in rule.examples.fires + rule.examples.passes:
        assert example.replace("\n", "\u23ce") in text


def test_render_rule_for_missing_topic_names_the_clause():
    rule = load_ruleset().by_id["WT021"]
    text = render_rule(rule)
    assert "rules/wttsc-2023/clauses/parents_and_carers.md.j2" in text
    assert "at least 2 different ones" in text
