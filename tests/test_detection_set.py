"""Issue 14's targets, asserted on the committed measurement sets through the real CLI
(tools/measure_real.py): the synthetic detection set for outdated references, and the
topic annotations of the project's own policies for missing topics and placement.

Both sets are measured as of 2026-01-15 (WTtSC 2023 and KCSIE 2025 in force), so the
verdicts do not move with the calendar. The real corpus is measured by
tests/test_real_corpus.py when its texts are present.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tools" / "measure_real.py"
SYNTHETIC = ROOT / "tests" / "data" / "detection"
TOPICS = ROOT / "tests" / "data" / "policy-topics"
AS_OF = "2026-01-15"


def _measure(which: str) -> dict:
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--set", which, "--as-of", AS_OF, "--json"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def synthetic() -> dict:
    return _measure("synthetic")


@pytest.fixture(scope="module")
def policies() -> dict:
    return _measure("policies")


def test_outdated_references_meet_the_targets_on_the_synthetic_set(synthetic):
    overall = synthetic["overall"]
    assert overall["items"] >= 50
    assert overall["recall"] >= 0.97, synthetic["misses"]
    assert overall["precision"] >= 0.98, synthetic["false_positives"]
    assert not synthetic["meta"]["run"]["file_errors"]


def test_every_family_of_the_synthetic_set_is_measured(synthetic):
    families = set(synthetic["families"])
    assert {"wttsc_citation", "kcsie_citation", "lscb", "named_board", "ccg", "terminology"} <= families
    assert synthetic["missing_topics"]["fp"] == 0, synthetic["topic_false_positives"]


def test_missing_topics_and_placement_meet_the_targets_on_the_projects_policies(policies):
    topics, placement = policies["missing_topics"], policies["placement"]
    assert topics["tp"] + topics["fn"] >= 200
    assert topics["precision"] >= 0.95, policies["topic_false_positives"]
    assert topics["recall"] >= 0.95, policies["topic_misses"]
    assert placement["accuracy"] >= 0.90, policies["placement_misses"]


def test_the_synthetic_set_reproduces_each_form_class_of_the_issue():
    """Invisible characters of every kind, OCR spacing, abbreviations declared then used,
    board variants, older names, CCGs, loose information-sharing citations, decoys."""
    items = []
    for path in sorted(SYNTHETIC.glob("[0-9][0-9][0-9]-*.yaml")):
        items += yaml.safe_load(path.read_text(encoding="utf-8")).get("items") or []
    texts = "".join(it["text"] for it in items)
    for char in "\u200e\u200f\u034f\u180e\u00ad\u00a0\u200b\u200c\u200d\u2060\ufeff":
        assert char in texts, f"no synthetic item holds U+{ord(char):04X}"
    forms = {f for it in items for f in it.get("forms") or []}
    assert {"run_together", "abbrev_bare", "abbrev_in_brackets", "possessive", "word_order", "old_name"} <= forms
    assert {"hmg_year", "mixed_case_kcsie", "in_month_year", "comma_year"} <= forms
    verdicts = {it.get("verdict") for it in items}
    assert {"current", "not_a_citation"} <= verdicts
    assert any(it["family"] == "ccg" for it in items)


def test_every_project_policy_has_its_topics_annotated():
    names = {p.stem.split("-", 1)[1] for p in TOPICS.glob("[0-9][0-9][0-9]-*.yaml")}
    policies = {p.name for p in (ROOT / "tests" / "data" / "policies").iterdir() if (p / "expect.yaml").is_file()}
    assert names == policies
