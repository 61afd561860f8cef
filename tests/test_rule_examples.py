"""Every rule's own examples, run through the real matcher: `fires` must be flagged by
that rule and `passes` must not. Disabled rules are tested too (they are passed in
directly, as `--select` would)."""

from __future__ import annotations

import pytest

from wttsc_policy.pipeline import check_text
from wttsc_policy.rulepacks.load import load_ruleset

RULESET = load_ruleset()


def _cases(which: str) -> list:
    out = []
    for rule in RULESET.rules:
        texts = rule.examples.fires if which == "fires" else rule.examples.passes
        for i, text in enumerate(texts):
            out.append(pytest.param(rule, text, id=f"{rule.id}-{which}-{i}"))
    return out


@pytest.mark.parametrize(("rule", "text"), _cases("fires"))
def test_example_fires(rule, text):
    findings = [f for f in check_text(text, [rule]) if f.rule == rule.id]
    assert findings, f"{rule.id} should flag: {text!r}"
    for f in findings:
        assert f.kind == rule.kind
        assert f.covers == rule.covers
        if rule.kind != "missing_topic":
            assert f.match, "a pattern finding quotes the matched text"
            assert f.suggestion, "a pattern finding carries its replacement"
            assert f.match.count("(") == f.match.count(")"), f"replacing {f.match!r} would leave a bracket"


@pytest.mark.parametrize(("rule", "text"), _cases("passes"))
def test_example_passes(rule, text):
    findings = [f for f in check_text(text, [rule]) if f.rule == rule.id]
    assert not findings, f"{rule.id} should not flag {text!r}, got {[f.match for f in findings]}"


def test_every_rule_has_two_examples_each_way():
    thin = [r.id for r in RULESET.rules if len(r.examples.fires) < 2 or len(r.examples.passes) < 2]
    assert not thin


def test_plain_text_format_behaves_like_markdown():
    """Examples hold in .txt documents too (paragraphs split on blank lines)."""
    for rule in RULESET.rules:
        for text in rule.examples.fires:
            if text.startswith("#"):
                continue
            assert [f for f in check_text(text, [rule], fmt="text") if f.rule == rule.id], (rule.id, text)


KC001 = RULESET.by_id["KC001"]


@pytest.mark.parametrize(
    ("edition", "expected"),
    [
        (2024, ["KCSIE 2023"]),
        (2025, ["KCSIE 2023", "KCSIE 2024"]),
        (2026, ["KCSIE 2023", "KCSIE 2024", "KCSIE 2025"]),
    ],
)
def test_kcsie_edition_comes_from_config(edition, expected):
    text = "We cite KCSIE 2023. We cite KCSIE 2024. We cite KCSIE 2025."
    findings = check_text(text, [KC001], values={"kcsie_edition": edition})
    assert [f.match for f in findings] == expected
    assert {f.suggestion for f in findings} == {f"KCSIE {edition}"}


def test_kcsie_default_edition_is_the_config_default():
    from wttsc_policy.config import Config

    current = Config().kcsie_edition
    assert not check_text(f"Keeping Children Safe in Education {current}", [KC001])
    assert check_text(f"Keeping Children Safe in Education {current - 1}", [KC001])


def test_replacement_keeps_title_case_and_sentence_scope():
    wt001 = RULESET.by_id["WT001"]
    (f,) = check_text("Staff follow Working Together to Safeguard Children 2018 at all times.", [wt001])
    assert f.match == "Working Together to Safeguard Children 2018"
    assert f.suggestion == "Working Together to Safeguard Children 2023"
    wt032 = RULESET.by_id["WT032"]
    text = "Intro. Schools are now the fourth safeguarding partner. Next sentence."
    (f,) = check_text(text, [wt032])
    assert f.match == "Schools are now the fourth safeguarding partner."
    assert f.suggestion.startswith("Schools are not statutory safeguarding partners")
