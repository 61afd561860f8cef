"""Missing-topic cues: the proximity syntax (validated in the rule schema) and its
evaluation on word positions (match/cues.py), through the real matcher."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from wttsc_policy.match.cues import near_in_text
from wttsc_policy.normalise import fold
from wttsc_policy.pipeline import check_text
from wttsc_policy.rulepacks.load import parse_rule
from wttsc_policy.rulepacks.model import LOADER_FIELDS, Rule
from wttsc_policy.rulepacks.patterns import Proximity, compile_pattern
from wttsc_policy.rulepacks.schema import Rule as RuleSchema


def _rule(cues: list, min_cues: int = 1) -> Rule:
    return parse_rule(
        {
            "id": "TC001",
            "title": "t",
            "kind": "missing_topic",
            "severity": "info",
            "source": "s",
            "chapter": "Chapter 1",
            "message": "m",
            "rationale": "r",
            "cues": cues,
            "min_cues": min_cues,
            "examples": {"fires": ["x"], "passes": ["y"]},
        }
    )


def covered(text: str, rule: Rule) -> bool:
    return not [f for f in check_text(text, [rule]) if f.rule == rule.id]


def prox(*terms: str, within: int, ordered: bool = False, sentence: bool = True) -> Proximity:
    return Proximity(tuple(compile_pattern(t) for t in terms), within, ordered, sentence)


EARLY_HELP = {"near": [r"\bearly help\b", r"\b(?:voluntary|consent)\b"], "within": 6}


def test_terms_within_the_window_in_either_order():
    rule = _rule([EARLY_HELP])
    assert covered("Early help is always voluntary for families.", rule)
    assert covered("With the family's consent we arrange early help.", rule)


def test_terms_too_far_apart_do_not_count():
    rule = _rule([EARLY_HELP])
    assert not covered("Early help is offered by many services in our area and it is voluntary.", rule)


def test_distance_is_counted_in_words_not_characters():
    p = prox(r"\bearly help\b", r"\bvoluntary\b", within=4)
    assert near_in_text(fold("early help is extraordinarily voluntary"), p)
    assert not near_in_text(fold("early help is a b c voluntary"), p)


def test_a_sentence_end_separates_terms_but_abbreviations_do_not():
    rule = _rule([EARLY_HELP])
    assert not covered("We offer early help. Consent forms are kept.", rule)
    assert covered("Early help (e.g. support) needs consent.", rule)
    across = _rule([{**EARLY_HELP, "sentence": False}])
    assert covered("We offer early help. Consent forms are kept.", across)


def test_ordered_terms_must_come_in_order():
    p = prox(r"\bshar\w*", r"\bearly\b", within=5, ordered=True)
    assert near_in_text(fold("we share information early"), p)
    assert not near_in_text(fold("early on we share"), p)


def test_a_term_matching_twice_uses_the_closest_pair():
    p = prox(r"\bpolice\b", r"\blocal authority\b", r"\bhealth\b", within=6)
    text = fold("The police attend. " * 0 + "police x x x x x x x x x x local authority, health and the police")
    assert near_in_text(text, p)


def test_every_term_is_needed():
    p = prox(r"\ba\b", r"\bb\b", r"\bc\b", within=10)
    assert not near_in_text("a b b a", p)


def test_terms_must_be_in_one_block():
    rule = _rule([EARLY_HELP])
    assert not covered("## Early help\n\nIt is voluntary.", rule)


def test_any_alternatives_count_as_one_cue():
    rule = _rule([{"any": [r"\bfour principles\b", r"\bnon-judgemental\b"]}, r"\bempower\b"], min_cues=2)
    assert not covered("We follow four principles and are non-judgemental.", rule)
    assert covered("We follow four principles and empower parents.", rule)


def test_plain_regex_cues_still_work():
    rule = _rule([r"\brelevant agency\b"])
    assert covered("The school is a relevant agency.", rule)


@pytest.mark.parametrize(
    "cue",
    [
        r"\bearly help\b[^.]{0,80}\bvoluntary\b",
        r"\bearly help\b.{0,250}\bconsent\b",
        r"\bearly help\b.*\bconsent\b",
        {"near": [r"\bearly help\b", r"[^.;]{0,20}consent"], "within": 5},
        {"any": [r"\bx\b", r"\bearly\b[^.]{0,9}help"]},
    ],
)
def test_gap_regexes_are_refused(cue):
    with pytest.raises(ValidationError, match="proximity cue"):
        _rule([cue])


def test_a_proximity_cue_needs_two_terms_and_a_sane_window():
    with pytest.raises(ValidationError):
        _rule([{"near": [r"\bearly help\b"], "within": 5}])
    with pytest.raises(ValidationError):
        _rule([{"near": [r"\ba\b", r"\bb\b"], "within": 0}])
    with pytest.raises(ValidationError):
        _rule([{"near": [r"\ba\b", r"(b"], "within": 3}])


def test_escaped_dots_and_classes_are_not_gaps():
    _rule([r"\bs\.? ?47\b", r"[.]x", {"near": [r"\bsection 17\b", r"\bs\.?17\b"], "within": 3}])


def test_thin_examples_only_for_missing_topics():
    data = {k: v for k, v in _rule([r"\bx\b"]).as_dict().items() if k not in LOADER_FIELDS}
    data.update(kind="outdated_reference", patterns=[r"\bx\b"], replacement="y", cues=[])
    data["examples"]["thin"] = ["x"]
    with pytest.raises(ValidationError, match="thin"):
        RuleSchema.model_validate(data)


def test_rules_schema_describes_proximity_cues(run_cli):
    out = run_cli("rules", "schema")
    assert out.returncode == 0
    assert '"near"' in out.stdout and '"within"' in out.stdout and '"any"' in out.stdout
