"""The rule packs cover the requirement catalogue (rules/catalogue.yaml), which agrees with
the shared reference catalogue (its keys are copied in tests/data/catalogue-keys.yaml).

High and medium entries need a rule whose `covers` names them; low entries need a rule
or a reasoned `not_applicable` line; rules may only name keys the catalogue knows.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from wttsc_policy.rulepacks.load import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = yaml.safe_load((ROOT / "rules" / "catalogue.yaml").read_text(encoding="utf-8"))["keys"]
REFERENCE = Path(__file__).resolve().parent / "data" / "catalogue-keys.yaml"  # copy of the shared keys
SHARED = ROOT.parent / "shared" / "reference" / "changes.yaml"
RULESET = load_ruleset()
COVERED = {key for rule in RULESET.rules for key in rule.covers}
NOT_APPLICABLE = {na.key: na.reason for pack in RULESET.packs for na in pack.not_applicable}


def test_catalogue_entries_are_well_formed():
    for key, entry in CATALOGUE.items():
        assert entry["relevance"] in {"high", "medium", "low"}, key
        assert entry["kind"] in {"outdated_reference", "missing_topic", "incorrect_claim"}, key
        assert entry.get("chapter"), key


@pytest.mark.parametrize("key", sorted(k for k, e in CATALOGUE.items() if e["relevance"] in {"high", "medium"}))
def test_high_and_medium_keys_have_a_rule(key):
    assert key in COVERED, f"no rule covers {key}"
    assert key not in NOT_APPLICABLE, f"{key} is high/medium but marked not applicable"


@pytest.mark.parametrize("key", sorted(k for k, e in CATALOGUE.items() if e["relevance"] == "low"))
def test_low_keys_have_a_rule_or_a_reason(key):
    assert key in COVERED or NOT_APPLICABLE.get(key, "").strip(), f"{key}: add a rule or a not_applicable reason"


def test_rules_only_cover_known_keys():
    unknown = {(r.id, k) for r in RULESET.rules for k in r.covers if k not in CATALOGUE}
    assert not unknown


def test_not_applicable_keys_are_known_and_not_also_covered():
    for key in NOT_APPLICABLE:
        assert key in CATALOGUE, key
        assert key not in COVERED, f"{key} has a rule and a not_applicable entry"


def test_rule_kind_matches_catalogue_kind():
    """A rule covering an outdated_reference key is itself a pattern rule, and so on."""
    for rule in RULESET.rules:
        for key in rule.covers:
            assert CATALOGUE[key]["kind"] == rule.kind, (rule.id, key)


def test_every_clause_template_exists():
    """Clause paths are relative to the rule's own pack folder."""
    for rule in RULESET.rules:
        if rule.clause:
            assert rule.pack_dir is not None and (rule.pack_dir / rule.clause).is_file(), (rule.id, rule.clause)


def _cue_key(cue: object) -> str:
    """A cue as a comparable key (proximity cues are models, not hashable)."""
    return cue if isinstance(cue, str) else json.dumps(cue.as_dict(), sort_keys=True)  # type: ignore[attr-defined]


def test_enabled_missing_topics_can_be_fixed():
    """An enabled missing-topic rule brings a clause, somewhere to put it, and a fallback
    heading - unless every one of its cues is another topic's cue (WT070's glossary terms):
    its own clause would then only mention those topics in passing, and their clauses bring
    the terms."""
    clause_cues = {_cue_key(c) for r in RULESET.rules if r.kind == "missing_topic" and r.clause for c in r.cues}
    for rule in RULESET.rules:
        if rule.kind == "missing_topic" and rule.enabled:
            if not rule.clause and {_cue_key(c) for c in rule.cues} <= clause_cues:
                continue
            assert rule.clause and rule.place_under and rule.clause_heading, rule.id


def _keys(path: Path) -> dict[str, dict]:
    return {e["key"]: e for e in yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]}


def test_catalogue_agrees_with_the_shared_reference():
    shared = _keys(REFERENCE)
    ours = {k: e for k, e in CATALOGUE.items() if not e.get("origin")}  # origin: not from changes.yaml
    assert set(ours) == set(shared), "rules/catalogue.yaml and changes.yaml list different keys"
    for key, entry in ours.items():
        ref = shared[key]
        assert entry["relevance"] == ref["relevance_to_schools"], key
        assert entry["kind"] == ref["kind"], key
        assert str(entry["chapter"]) == str(ref["chapter"]), key
    for key, entry in CATALOGUE.items():
        if entry.get("origin"):
            assert key not in shared, f"{key} is in changes.yaml; drop its origin"


def test_high_and_medium_keys_are_checked_by_default():
    """Off-by-default rules are for low-relevance entries only."""
    for key, entry in CATALOGUE.items():
        if entry["relevance"] in {"high", "medium"}:
            assert any(r.enabled for r in RULESET.rules if key in r.covers), key


@pytest.mark.skipif(
    not SHARED.is_file(), reason="../shared is not beside this checkout (the copy in tests/data is used)"
)
def test_reference_copy_is_the_shared_catalogue():
    """tests/data/catalogue-keys.yaml holds exactly the shared catalogue's keys and facts."""
    ours = _keys(REFERENCE)
    shared = _keys(SHARED)
    assert set(ours) == set(shared)
    for key, entry in shared.items():
        for field in ("relevance_to_schools", "kind"):
            assert ours[key][field] == entry[field], (key, field)
        assert str(ours[key]["chapter"]) == str(entry["chapter"]), key
