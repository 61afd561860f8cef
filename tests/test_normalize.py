"""Normalisation maps every variant to one form and every match back to exact source."""

from __future__ import annotations

import pytest

from wttsc_policy.normalise import fold, normalise, sentence_bounds
from wttsc_policy.rulepacks.patterns import compile_pattern


@pytest.mark.parametrize(
    "raw",
    [
        "Working Together to Safeguard Children",
        "WORKING TOGETHER TO SAFEGUARD CHILDREN",
        "Working\u00a0Together to\u2009Safeguard Children",
        "Working Together to\nSafeguard Children",
        "Working  Together\tto Safeguard Children",
        "Work\u00ading Together to Safe\u200bguard Children",
    ],
)
def test_variants_match_one_phrase(raw):
    regex = compile_pattern("working together to safeguard children")
    n = normalise(raw)
    m = regex.search(n.folded)
    assert m is not None
    start, end = n.to_original(*m.span())
    assert raw[start:end] == raw  # the whole original text, soft hyphens included


def test_quotes_and_dashes():
    assert fold("children\u2019s social care \u2013 \u201cearly help\u201d") == 'children\'s social care - "early help"'


def test_length_preserved_without_removals():
    n = normalise("İstanbul – Straße")
    assert n.index is None and len(n.folded) == len("İstanbul – Straße")


def test_optional_space_pattern_matches_joined_and_split_words():
    regex = compile_pattern("working ?together")
    assert regex.search("workingtogether") and regex.search("working  together")


def test_sentence_bounds_ignore_abbreviation_dots():
    text = "Version 2.0 was agreed. We follow WT 2018, e.g. for referrals. Next."
    s, e = sentence_bounds(text, text.index("WT"), text.index("WT") + 7)
    assert text[s:e].strip() == "We follow WT 2018, e.g. for referrals."


def test_sentence_scope_rule_reports_a_sentence_once():
    from wttsc_policy.pipeline import check_text
    from wttsc_policy.rulepacks.load import parse_rule

    rule = parse_rule(
        {
            "id": "TS001",
            "title": "t",
            "kind": "incorrect_claim",
            "severity": "warning",
            "source": "s",
            "chapter": "Chapter 1",
            "message": "m",
            "rationale": "r",
            "patterns": [r"\bshare information with consent\b", r"\brespect the wishes\b"],
            "replacement": "New sentence.",
            "replace_scope": "sentence",
            "examples": {"fires": ["x"], "passes": ["y"]},
        }
    )
    text = "Where possible, share information with consent, and respect the wishes of those who do not consent. Next."
    findings = check_text(text, [rule])
    assert len(findings) == 1
    assert findings[0].match == text[: text.index(" Next.")]
