"""SARIF output: valid 2.1.0, rules described, every finding located, stable fingerprints."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from paths import ROOT
from trust_support import FOCUS, build_docx, docx_paragraph_texts, make_repo, write_policy

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
TRUST = ROOT / "examples" / "trust"


def validate(doc: dict) -> None:
    jsonschema.validators.validator_for(SCHEMA)(SCHEMA).validate(doc)


def sarif(run_cli, *args: str, cwd: Path | None = None) -> tuple[int, dict]:
    proc = run_cli("check", "--format", "sarif", *args, cwd=cwd)
    assert proc.stdout, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def artifact_path(run: dict, result: dict, cwd: Path) -> Path:
    loc = result["locations"][0]["physicalLocation"]["artifactLocation"]
    from urllib.parse import unquote

    assert loc["uriBaseId"] == "SRCROOT"
    assert run["artifacts"][loc["index"]]["location"]["uri"] == loc["uri"]
    return cwd / unquote(loc["uri"])


@pytest.mark.skipif(not TRUST.is_dir(), reason="examples/trust not present")
def test_trust_example_is_valid_sarif_and_every_finding_is_located(run_cli):
    code, doc = sarif(run_cli, "examples/trust")
    assert code == 1
    validate(doc)
    run = doc["runs"][0]
    results = run["results"]
    assert results, "the example trust has findings"
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    checked_docx = checked_text = 0
    for res in results:
        rule = rules[res["ruleId"]]
        assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert "Why:" in rule["help"]["text"] and "Source:" in rule["help"]["text"]
        assert res["partialFingerprints"]["wttscFinding/v1"]
        path = artifact_path(run, res, ROOT)
        assert path.is_file()
        region = res["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1
        snippet = region.get("snippet", {}).get("text")
        if path.suffix == ".docx" and snippet:
            paragraphs = docx_paragraph_texts(path)
            para = paragraphs[region["startLine"] - 1]
            assert para[region["startColumn"] - 1 : region["endColumn"] - 1] == snippet
            assert res["properties"]["paragraph"] == region["startLine"]
            assert (
                res["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
                == f"body/paragraph[{region['startLine']}]"
            )
            checked_docx += 1
        elif snippet:
            text = path.read_text(encoding="utf-8-sig")
            start, length = region["charOffset"], region["charLength"]
            assert " ".join(text[start : start + length].split()) == " ".join(snippet.split())
            lines = text.split("\n")
            assert text[start:].startswith(lines[region["startLine"] - 1][region["startColumn"] - 1 :][:1])
            before = text[:start]
            assert before.count("\n") + 1 == region["startLine"]
            assert start - (before.rfind("\n") + 1) + 1 == region["startColumn"]
            end = start + length
            assert text[:end].count("\n") + 1 == region["endLine"]
            assert end - (text[:end].rfind("\n") + 1) + 1 == region["endColumn"]
            checked_text += 1
    assert checked_docx and checked_text, "the example trust has matches in both a .docx and a text policy"


def test_docx_region_convention(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    paragraphs = [
        "# Elm School policy",
        "Introduction text.",
        "",
        "We follow Working Together to Safeguard Children 2015 here.",
    ]
    build_docx(repo / "elm.docx", paragraphs)
    code, doc = sarif(run_cli, *FOCUS, "elm.docx", cwd=repo)
    validate(doc)
    (res,) = doc["runs"][0]["results"]
    region = res["locations"][0]["physicalLocation"]["region"]
    texts = docx_paragraph_texts(repo / "elm.docx")
    assert texts[region["startLine"] - 1][region["startColumn"] - 1 : region["endColumn"] - 1] == (
        "Working Together to Safeguard Children 2015"
    )
    assert res["properties"]["docxPart"] == "body"
    assert res["properties"]["heading"] == "Elm School policy"
    assert "charOffset" not in region


def test_fingerprints_survive_edits_elsewhere(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    policy = write_policy(repo)
    _, before = sarif(run_cli, *FOCUS, "policy.md", cwd=repo)
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace("## 1.", "Approved by governors.\n\nReviewed yearly.\n\n## 1."), encoding="utf-8")
    _, after = sarif(run_cli, *FOCUS, "policy.md", cwd=repo)

    def fps(doc):
        return {
            r["ruleId"]: (
                r["partialFingerprints"]["wttscFinding/v1"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in doc["runs"][0]["results"]
        }

    b, a = fps(before), fps(after)
    assert set(b) == set(a) == {"WT001", "WT007"}
    for rule in b:
        assert b[rule][0] == a[rule][0]
        assert a[rule][1] == b[rule][1] + 4  # the lines did move


def test_unreadable_file_is_a_notification_and_others_are_still_reported(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    write_policy(repo / "a")
    (repo / "b").mkdir()
    (repo / "b" / "broken.docx").write_bytes(b"PK\x03\x04 this is not really a zip")
    code, doc = sarif(run_cli, *FOCUS, ".", cwd=repo)
    assert code == 2
    validate(doc)
    run = doc["runs"][0]
    assert {r["ruleId"] for r in run["results"]} == {"WT001", "WT007"}
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False
    errors = [n for n in inv["toolExecutionNotifications"] if n["level"] == "error"]
    assert len(errors) == 1 and "broken.docx" in errors[0]["message"]["text"]


def test_output_file_does_not_change_exit_code(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    write_policy(repo)
    plain = run_cli("check", "--format", "sarif", *FOCUS, "policy.md", cwd=repo)
    to_file = run_cli("check", "--format", "sarif", *FOCUS, "policy.md", "--output", "out.sarif", cwd=repo)
    assert plain.returncode == to_file.returncode == 1
    assert to_file.stdout == ""
    validate(json.loads((repo / "out.sarif").read_text(encoding="utf-8")))


def test_severity_override_sets_result_level_but_not_rule_default(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    write_policy(repo)
    (repo / "wttsc-policy.toml").write_text('[severity]\nWT001 = "info"\n', encoding="utf-8")
    _, doc = sarif(run_cli, *FOCUS, "policy.md", cwd=repo)
    run = doc["runs"][0]
    (wt001,) = [r for r in run["results"] if r["ruleId"] == "WT001"]
    assert wt001["level"] == "note"
    rule = run["tool"]["driver"]["rules"][wt001["ruleIndex"]]
    assert rule["defaultConfiguration"]["level"] == "error"


SCHEMA_SHA256 = "7c9688f0a1c4a4e1649ecc78521087e664729c1dff56ee8212ff195c7b16132a"


def test_schema_file_is_the_published_sarif_schema():
    """tests/data holds the OASIS SARIF 2.1.0 schema itself (pinned by hash), so the
    validation above runs in any clone; where ../shared is present it is the same file."""
    import hashlib

    stored = Path(__file__).parent / "data" / "sarif-2.1.0.json"
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == SCHEMA_SHA256
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    shared = ROOT.parent / "shared" / "schemas" / "sarif-2.1.0.json"
    if shared.is_file():
        assert json.loads(shared.read_text(encoding="utf-8")) == SCHEMA


def test_paths_outside_the_working_folder_are_absolute_file_uris(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    policy = write_policy(repo)
    other = tmp_path / "elsewhere"
    other.mkdir()
    shutil.copy(policy, other / "copy.md")
    _, doc = sarif(run_cli, *FOCUS, str(other / "copy.md"), cwd=repo)
    validate(doc)
    loc = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc["uri"].startswith("file://") and "uriBaseId" not in loc


def test_json_and_sarif_share_fingerprints(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    write_policy(
        repo,
        text="# P\n\n## 1. A\n\nSee domestic violence. Again domestic violence.\n\n## 2. B\n\nDomestic violence.\n",
    )
    _, doc = sarif(run_cli, *FOCUS, "policy.md", cwd=repo)
    payload = json.loads(run_cli("check", "--format", "json", *FOCUS, "policy.md", cwd=repo).stdout)
    from_json = [f["fingerprint"] for f in payload["files"][0]["findings"]]
    from_sarif = [r["partialFingerprints"]["wttscFinding/v1"] for r in doc["runs"][0]["results"]]
    assert from_json == from_sarif and len(from_json) == 3
    assert len(set(from_json)) == 3  # same text twice under one heading: told apart by occurrence


def test_documented_workflow_uploads_the_sarif_it_writes():
    import re

    import yaml

    docs = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", docs, re.S) if "upload-sarif" in b)
    workflow = yaml.safe_load(block)
    steps = workflow["jobs"]["wttsc-policy"]["steps"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    writer = next(s for s in steps if "--format sarif" in s.get("run", ""))
    assert f"--output {upload['with']['sarif_file']}" in writer["run"]
    assert steps.index(writer) < steps.index(upload)
    assert workflow["permissions"]["security-events"] == "write"
