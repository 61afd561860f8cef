"""`check` on the project's example policies finds every planted item where it is, flags no
decoy, and the up-to-date 2023 example checks clean (issue 2's 'done when').

The examples describe the move from the 2018 to the 2023 edition, so they are checked as of
15 January 2026 (`AS_OF`), when WTtSC 2023 and KCSIE 2025 were in force; the same policies
checked as of later dates are covered by tests/test_editions.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CATALOGUE = yaml.safe_load((ROOT / "rules" / "catalogue.yaml").read_text(encoding="utf-8"))["keys"]
AS_OF = ("--as-of", "2026-01-15")  # WTtSC 2023 and KCSIE 2025 in force


def squash(text: str) -> str:
    return " ".join(text.replace("*", "").split()).lower()


def run_json(run_cli, path: Path) -> dict:
    res = run_cli("check", str(path), "--format", "json", "--fail-on", "never", *AS_OF)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)["files"][0]


def block_texts(path: Path) -> list[str]:
    from wttsc_policy.read import read_document

    return [b.text for b in read_document(path).blocks]


def account(findings: list[dict], planted: list[dict], blocks: list[str]) -> tuple[list, list]:
    """Pair each planted item with one finding; return (missed items, unexplained findings)."""
    open_findings = [f for f in findings if f["kind"] != "missing_topic"]
    missed = []
    for item in planted:
        want = squash(item["text"])
        context = squash(item.get("context", ""))
        hit = next(
            (
                f
                for f in open_findings
                if item["key"] in f["covers"]
                and (want == squash(f["match"]) or (f["kind"] == "incorrect_claim" and want in squash(f["match"])))
                and (not context or context in squash(blocks[f["block"]]))
                and f["part"] == item.get("part", "body")
            ),
            None,
        )
        if hit is None:
            missed.append(item)
        else:
            open_findings.remove(hit)
    return missed, open_findings


@pytest.mark.parametrize("suffix", [".md", ".docx"])
def test_2018_example_reports_every_planted_item_and_no_decoy(run_cli, suffix):
    expected = yaml.safe_load((EXAMPLES / "oakfield-primary-2018.expected.yaml").read_text(encoding="utf-8"))
    path = EXAMPLES / f"oakfield-primary-2018{suffix}"
    result = run_json(run_cli, path)
    blocks = block_texts(path)
    planted = list(expected["planted"])
    if suffix == ".docx":
        planted += expected.get("docx_only", {}).get("planted", [])
    missed, extra = account(result["findings"], planted, blocks)
    assert not missed, f"planted items not reported: {missed}"
    assert not extra, "unexpected findings: " + "; ".join(f"{f['rule']} {f['match']!r}" for f in extra)
    reported_topics = {k for f in result["findings"] if f["kind"] == "missing_topic" for k in f["covers"]}
    relevant = {k for k in reported_topics if CATALOGUE.get(k, {}).get("relevance") in ("high", "medium")}
    assert relevant == set(expected["missing_topics"])


def test_2018_example_locations_point_at_the_text(run_cli):
    path = EXAMPLES / "oakfield-primary-2018.md"
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    for f in run_json(run_cli, path)["findings"]:
        if f["kind"] == "missing_topic":
            continue
        raw = source[f["span"]["start"] : f["span"]["end"]]
        words = f["match"].split()
        # the span covers exactly the match (plus any inline markup inside it)
        assert raw.startswith(words[0]) and raw.endswith(words[-1]), f
        assert lines[f["line"] - 1][f["column"] - 1 :].startswith(words[0])


@pytest.mark.parametrize("suffix", [".md", ".docx"])
def test_2023_example_checks_clean(run_cli, suffix):
    res = run_cli("check", str(EXAMPLES / f"riverside-academy-2023{suffix}"), *AS_OF)
    assert res.returncode == 0, res.stdout + res.stderr


def test_up_to_date_trust_school_checks_clean(run_cli):
    """St Mary's covers every topic in its own words; cues must recognise them."""
    res = run_cli("check", str(EXAMPLES / "trust" / "schools" / "st-marys-ce-primary"), "--fail-on", "info", *AS_OF)
    assert res.returncode == 0, res.stdout + res.stderr
