"""Baselines: record findings by fingerprint, fail only on new ones, list the fixed ones."""

from __future__ import annotations

import json
from pathlib import Path

from trust_support import build_docx, make_repo, rules_of, run_json, write_policy

BASELINE = ".wttsc-policy-baseline.json"


def record(run_cli, repo: Path, *paths: str) -> dict:
    proc = run_cli("baseline", *paths, "--output", BASELINE, cwd=repo)
    assert proc.returncode == 0, proc.stderr
    return json.loads((repo / BASELINE).read_text(encoding="utf-8"))


def focus_config(repo: Path) -> None:
    (repo / "wttsc-policy.toml").write_text('select = ["WT001", "WT007"]\n', encoding="utf-8")


def test_baseline_records_fingerprints_not_lines(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    focus_config(repo)
    write_policy(repo / "schools" / "a")
    data = record(run_cli, repo, "schools")
    entries = data["findings"]
    assert sorted(e["rule"] for e in entries) == ["WT001", "WT007"]
    assert {e["path"] for e in entries} == {"schools/a/policy.md"}
    for e in entries:
        assert "line" not in e and "column" not in e and len(e["fingerprint"]) == 32


def test_check_with_baseline_passes_until_a_new_finding(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    focus_config(repo)
    policy = write_policy(repo / "schools" / "a")
    record(run_cli, repo, "schools")

    proc, payload = run_json(run_cli, "--baseline", BASELINE, "schools", cwd=repo)
    assert proc.returncode == 0
    assert payload["files"][0]["findings"] == []

    # paragraphs inserted above both findings: nothing becomes "new"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(
        text.replace("## 1.", "Approved by the board in March.\n\nNext review in March.\n\n## 1."), encoding="utf-8"
    )
    proc, payload = run_json(run_cli, "--baseline", BASELINE, "schools", cwd=repo)
    assert proc.returncode == 0, payload
    # a new outdated reference under another heading is new, and only it is reported
    policy.write_text(
        policy.read_text(encoding="utf-8") + "\n## 3. Training\n\nTraining covers Working Together 2018.\n",
        encoding="utf-8",
    )
    proc, payload = run_json(run_cli, "--baseline", BASELINE, "schools", cwd=repo)
    assert proc.returncode == 1
    (new,) = payload["files"][0]["findings"]
    assert new["rule"] == "WT001" and new["heading"] == "3. Training"
    assert payload["fixed_since_baseline"] == []


def test_fixed_findings_are_listed(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    focus_config(repo)
    policy = write_policy(repo)
    write_policy(repo / "other", school="Other School")
    record(run_cli, repo, ".")
    policy.write_text(
        policy.read_text(encoding="utf-8").replace("domestic violence", "domestic abuse"), encoding="utf-8"
    )
    proc, payload = run_json(run_cli, "--baseline", BASELINE, "policy.md", cwd=repo)
    assert proc.returncode == 0
    (fixed,) = payload["fixed_since_baseline"]
    assert fixed["rule"] == "WT007" and fixed["path"] == "policy.md"  # other/ was not checked: not "fixed"
    text = run_cli("check", "--baseline", BASELINE, "policy.md", cwd=repo).stdout
    assert "fixed" in text and "WT007" in text and "policy.md" in text


def test_duplicate_findings_are_counted(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    focus_config(repo)
    policy = write_policy(repo, text="# P\n\nSee domestic violence.\n\nAgain: domestic violence.\n")
    record(run_cli, repo, "policy.md")
    policy.write_text(
        policy.read_text(encoding="utf-8") + "\nA third mention of domestic violence.\n", encoding="utf-8"
    )
    proc, payload = run_json(run_cli, "--baseline", BASELINE, "policy.md", cwd=repo)
    assert proc.returncode == 1
    assert rules_of(payload["files"][0]["findings"]) == ["WT007"]


def test_docx_paragraphs_inserted_above(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    focus_config(repo)
    lines = ["# Policy", "## Framework", "We follow Working Together to Safeguard Children 2018."]
    build_docx(repo / "p.docx", lines)
    record(run_cli, repo, "p.docx")
    build_docx(repo / "p.docx", [*lines[:1], "Foreword by the chair.", "Second foreword paragraph.", *lines[1:]])
    proc, payload = run_json(run_cli, "--baseline", BASELINE, "p.docx", cwd=repo)
    assert proc.returncode == 0 and payload["files"][0]["findings"] == []
    proc, plain = run_json(run_cli, "p.docx", cwd=repo)
    assert plain["files"][0]["findings"][0]["paragraph"] == 5  # it did move


def test_baseline_works_from_another_folder(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    focus_config(repo)
    write_policy(repo / "schools" / "a")
    record(run_cli, repo, "schools")
    proc, _ = run_json(run_cli, "--baseline", f"../../{BASELINE}", "policy.md", cwd=repo / "schools" / "a")
    assert proc.returncode == 0


def test_sarif_marks_new_results(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    focus_config(repo)
    policy = write_policy(repo)
    record(run_cli, repo, "policy.md")
    policy.write_text(policy.read_text(encoding="utf-8") + "\nAlso WT 2018.\n", encoding="utf-8")
    doc = json.loads(run_cli("check", "--format", "sarif", "--baseline", BASELINE, "policy.md", cwd=repo).stdout)
    run = doc["runs"][0]
    assert [r["baselineState"] for r in run["results"]] == ["new"]
    assert run["properties"]["baseline"]["matched"] == 2


def test_bad_baseline_is_exit_2(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    write_policy(repo)
    proc = run_cli("check", "--baseline", "missing.json", "policy.md", cwd=repo)
    assert proc.returncode == 2 and "missing.json" in proc.stderr and "not found" in proc.stderr
    (repo / "bad.json").write_text("{not json", encoding="utf-8")
    proc = run_cli("check", "--baseline", "bad.json", "policy.md", cwd=repo)
    assert proc.returncode == 2 and "bad.json" in proc.stderr and "Traceback" not in proc.stderr
