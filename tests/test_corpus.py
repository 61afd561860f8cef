"""The project's corpus of realistic policies (tests/corpus/).

Each policy has `<name>.expect.yaml` listing what was planted in it and the decoys that
look outdated but are not. The real CLI checks the whole corpus once; every planted
item must be reported and nothing else may be (no misses, no false positives).

expect.yaml:
  planted:
    - {rule: WT001, match: "exact text"}      # outdated reference / incorrect claim
    - {key: lscb_legacy_terminology, match: "LSCB"}
    - {key: parents_carers_principles}          # missing topic (no match)
    - {key: young_carers_school_census, heading: "Children at greater risk"}
  decoys: ["Data Protection Act 2018", ...]     # must be in the file and never flagged

The corpus describes policies written between 2018 and 2025 against the 2018 -> 2023 changes,
so every run is as of 15 January 2026 (`AS_OF`: WTtSC 2023 and KCSIE 2025 in force, the
law and advice of the since-2023 pack up to that day); later dates are tested in
tests/test_editions.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from wttsc_policy.rulepacks.load import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
POLICIES = sorted(p for p in CORPUS.iterdir() if p.suffix in {".md", ".txt"})
AS_OF = ["--as-of", "2026-01-15"]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _expect(policy: Path) -> dict:
    path = policy.with_name(policy.stem + ".expect.yaml")
    assert path.is_file(), f"{policy.name} has no {path.name}"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {"planted": data.get("planted") or [], "decoys": data.get("decoys") or [], "clean": bool(data.get("clean"))}


@pytest.fixture(scope="module")
def report() -> dict[str, dict]:
    """One real `check` run over the whole corpus (config pinned by tests/corpus/wttsc-policy.toml)."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "wttsc_policy",
            "check",
            "--format",
            "json",
            "--fail-on",
            "never",
            *AS_OF,
            *map(str, POLICIES),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    files = json.loads(proc.stdout)["files"]
    return {Path(f["path"]).name: f for f in files}


def test_corpus_is_varied_enough():
    assert len(POLICIES) >= 10
    assert {p.suffix for p in POLICIES} == {".md", ".txt"}
    expects = [_expect(p) for p in POLICIES]
    assert sum(e["clean"] for e in expects) >= 1
    assert sum(len(e["planted"]) for e in expects) >= 150
    assert sum(len(e["decoys"]) for e in expects) >= 60


def _matches(item: dict, finding: dict) -> bool:
    if "rule" in item and finding["rule"] != item["rule"]:
        return False
    if "key" in item and item["key"] not in finding["covers"]:
        return False
    if "match" in item:
        return _flat(finding["match"]) == _flat(item["match"])
    if finding["kind"] != "missing_topic":
        return False
    return "heading" not in item or finding["heading"] == item["heading"]


@pytest.mark.parametrize("policy", POLICIES, ids=[p.name for p in POLICIES])
def test_planted_items_found_and_nothing_else(policy, report):
    expect = _expect(policy)
    result = report[policy.name]
    assert result["error"] is None, result["error"]
    findings = list(result["findings"])
    source = _flat(policy.read_text(encoding="utf-8"))
    missed = []
    for item in expect["planted"]:
        assert "rule" in item or "key" in item, item
        if "match" in item:
            assert _flat(item["match"]) in source, f"planted text not in {policy.name}: {item['match']!r}"
        hit = next((f for f in findings if _matches(item, f)), None)
        if hit is None:
            missed.append(item)
        else:
            findings.remove(hit)
    extra = [(f["rule"], f["match"] or f["covers"], f["line"]) for f in findings]
    assert not missed and not extra, f"missed: {missed}\nunexpected: {extra}"


@pytest.mark.parametrize("policy", POLICIES, ids=[p.name for p in POLICIES])
def test_decoys_are_present_and_never_flagged(policy, report):
    text = policy.read_text(encoding="utf-8")
    spans = [(f["span"]["start"], f["span"]["end"]) for f in report[policy.name]["findings"] if f["span"]]
    for decoy in _expect(policy)["decoys"]:
        start = text.find(decoy)
        assert start >= 0, f"decoy not in {policy.name}: {decoy!r}"
        while start >= 0:
            end = start + len(decoy)
            assert not any(s < end and start < e for s, e in spans), f"decoy flagged: {decoy!r}"
            start = text.find(decoy, end)


def test_clean_policy_exits_zero():
    clean = [p for p in POLICIES if _expect(p)["clean"]]
    proc = subprocess.run(
        [sys.executable, "-m", "wttsc_policy", "check", *AS_OF, *map(str, clean)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_next_kcsie_edition_makes_the_clean_policy_stale():
    """--kcsie-edition moves the goalposts: the clean 2025 policy's KCSIE 2025 citations
    become findings when 2026 is current, but its version-history row still does not."""
    clean = next(p for p in POLICIES if _expect(p)["clean"])
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "wttsc_policy",
            "check",
            "--format",
            "json",
            *AS_OF,
            "--kcsie-edition",
            "2026",
            str(clean),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert {f["rule"] for f in findings} == {"KC001"}
    assert [f["match"] for f in findings] == ["Keeping Children Safe in Education 2025"] * 2
    assert {f["suggestion"] for f in findings} == {"Keeping Children Safe in Education 2026"}


@pytest.mark.parametrize("policy", [p for p in POLICIES if not _expect(p)["clean"]], ids=lambda p: p.name)
def test_updated_policy_checks_clean(policy, tmp_path):
    """Rules, replacements and clause templates agree: `update` followed by `check` on its
    output leaves nothing to report (the corpus config pins the KCSIE edition) but topics
    without a standard clause. The growth budget is lifted so every clause goes in."""
    work = tmp_path / policy.name
    work.write_text(policy.read_text(encoding="utf-8"), encoding="utf-8")
    config = tmp_path / "wttsc-policy.toml"
    config.write_text((CORPUS / "wttsc-policy.toml").read_text(encoding="utf-8") + "growth_budget = 100\n")
    run = [sys.executable, "-m", "wttsc_policy"]
    upd = subprocess.run(
        [*run, "update", str(work), "--config", str(config), *AS_OF], capture_output=True, text=True, cwd=tmp_path
    )
    assert upd.returncode == 0, upd.stdout + upd.stderr
    updated = work.with_name(work.stem + ".updated" + work.suffix)
    chk = subprocess.run(
        [*run, "check", "--format", "json", "--fail-on", "info", "--config", str(config), *AS_OF, str(updated)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    findings = json.loads(chk.stdout)["files"][0]["findings"]
    rules = load_ruleset().by_id
    # a finding with no safe rewrite (editable: false) is left to a person on purpose; a missing
    # topic with no clause of its own is a suggestion for the DSL, not something update writes
    remaining = [f for f in findings if f["editable"] and (f["kind"] != "missing_topic" or rules[f["rule"]].clause)]
    assert not remaining, [(f["rule"], f["match"] or f["covers"]) for f in remaining]
