"""Clause templates: placeholders for unset values, and each clause covers its own topic."""

from __future__ import annotations

import pytest

from wttsc_policy.context import context_for_text
from wttsc_policy.errors import RuleError
from wttsc_policy.pipeline import check_text
from wttsc_policy.read import read_string
from wttsc_policy.rulepacks.load import load_ruleset
from wttsc_policy.rulepacks.templates import (
    PLACEHOLDER_PATTERN,
    placeholders_in,
    render_clause,
    render_template,
    render_text,
)

RULESET = load_ruleset()
WTTSC = RULESET.by_id["WT021"].pack_dir  # the pack whose clauses/ the named templates are in
CLAUSE_RULES = [r for r in RULESET.rules if r.clause]
VALUES = {
    # the school's values, and how to cite each edition in force on the data horizon (the day
    # check_text checks as of by default)
    **context_for_text(read_string("", "markdown")).values,
    "school_name": "Oakfield Primary School",
    "partnership_name": "Northshire Safeguarding Children Partnership",
    "partnership": "Northshire Safeguarding Children Partnership",
    "partnership_known": True,
    "local_authority": "Northshire County Council",
    "council": "Northshire County Council",
}


@pytest.mark.parametrize("rule", CLAUSE_RULES, ids=[r.id for r in CLAUSE_RULES])
def test_clause_covers_its_own_topic(rule):
    """Inserting the clause must make the missing-topic finding go away."""
    text = render_clause(rule, VALUES)
    assert not check_text(text, [rule]), f"{rule.id}: its clause does not satisfy its cues"


@pytest.mark.parametrize("rule", CLAUSE_RULES, ids=[r.id for r in CLAUSE_RULES])
def test_clause_is_short_plain_and_trips_no_other_rule(rule):
    text = render_clause(rule, VALUES)
    words = len(text.split())
    assert 30 <= words <= 190, f"{rule.id}: {words} words"
    assert "**" not in text and "__" not in text and not text.lstrip().startswith("#")
    assert "\n\n\n" not in text
    assert not PLACEHOLDER_PATTERN.search(text), "every value was given"
    pattern_rules = [r for r in RULESET.rules if r.kind != "missing_topic" and r.enabled]
    assert not check_text(text, pattern_rules), f"{rule.id}: clause text is itself flagged"


def test_unknown_area_gives_generic_wording_not_placeholders():
    """Without a local authority the partnership and council are named generically (the
    change notes then ask for the real names); a value that is unset renders as a placeholder."""
    text = render_template(
        WTTSC, "clauses/safeguarding_partners.md.j2", context_for_text(read_string("", "markdown")).values
    )
    assert "the local authority, the integrated care board and the chief officer of police" in text
    assert "published by the local safeguarding partnership" in text
    assert placeholders_in(text) == []
    text = render_template(
        WTTSC,
        "clauses/applies_to_education.md.j2",
        {
            **context_for_text(read_string("", "markdown")).values,
            "setting": "maintained_school",
            "governing_body": None,
        },
    )
    assert placeholders_in(text) == ["[governing board]"]


def test_values_not_passed_at_all_also_become_placeholders():
    text = render_template(WTTSC, "clauses/safeguarding_partners.md.j2", {})
    assert "[local authority]" in text and "[local safeguarding partnership name]" in text
    text = render_template(WTTSC, "clauses/training.md.j2", {})
    assert "[wttsc title]" in text


def test_render_text_fills_replacement_values():
    assert render_text("Keeping Children Safe in Education {{ kcsie_edition }}", {"kcsie_edition": 2026}) == (
        "Keeping Children Safe in Education 2026"
    )
    assert render_text("plain text", {}) == "plain text"
    assert render_text("KCSIE {{ kcsie_edition }}", {}) == "KCSIE [current KCSIE edition]"


def test_missing_template_is_a_rule_error():
    with pytest.raises(RuleError):
        render_template(WTTSC, "clauses/no_such_clause.md.j2", VALUES)


def test_bullets_are_lines_starting_with_dash():
    text = render_template(WTTSC, "clauses/parents_and_carers.md.j2", VALUES)
    bullets = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(bullets) == 4
