"""JUnit XML: one testsuite per file, one testcase per finding, failures follow --fail-on."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from editions_now import WTTSC_NOW
from paths import ROOT
from trust_support import FOCUS, make_repo, write_policy

TRUST = ROOT / "examples" / "trust"


def junit(run_cli, *args: str, cwd: Path | None = None) -> tuple[int, ET.Element]:
    proc = run_cli("check", "--format", "junit", *args, cwd=cwd)
    assert proc.stdout.startswith("<?xml"), proc.stderr
    return proc.returncode, ET.fromstring(proc.stdout.encode("utf-8"))


@pytest.mark.skipif(not TRUST.is_dir(), reason="examples/trust not present")
def test_trust_example_matches_the_json_findings(run_cli):
    code, root = junit(run_cli, "examples/trust")
    payload = json.loads(run_cli("check", "--format", "json", "examples/trust").stdout)
    assert code == 1
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [f["path"] for f in payload["files"]]
    rank = {"info": 1, "warning": 2, "error": 3}
    for suite, file in zip(suites, payload["files"]):
        cases = suite.findall("testcase")
        expected_failures = sum(1 for f in file["findings"] if rank[f["severity"]] >= rank["warning"])
        assert len(suite.findall("testcase/failure")) == expected_failures == int(suite.get("failures"))
        assert int(suite.get("tests")) == len(cases) == max(len(file["findings"]), 1)
        for case, finding in zip(cases, file["findings"]):
            assert case.get("name").startswith(finding["rule"] + ":")
            assert case.get("classname") == file["path"]
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in suites)


def test_fail_on_decides_failures_and_clean_file_passes(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    write_policy(repo / "a")
    write_policy(repo / "b", text=f"# Clean policy\n\nWe follow {WTTSC_NOW}.\n")
    code, root = junit(run_cli, *FOCUS, "--fail-on", "error", ".", cwd=repo)
    assert code == 1
    suites = {Path(s.get("name")).parent.name: s for s in root.findall("testsuite")}
    failures = suites["a"].findall("testcase/failure")
    assert [f.get("type") for f in failures] == ["error"]
    assert "Working Together to Safeguard Children 2018" in failures[0].text
    passing_below = [c for c in suites["a"].findall("testcase") if c.find("failure") is None]
    assert len(passing_below) == 1 and "WT007" in passing_below[0].get("name")
    assert "below --fail-on error" in passing_below[0].find("system-out").text
    (clean_case,) = suites["b"].findall("testcase")
    assert clean_case.find("failure") is None and clean_case.get("name") == "no outdated content"

    code, root = junit(run_cli, *FOCUS, "--fail-on", "never", ".", cwd=repo)
    assert code == 0
    assert root.findall(".//failure") == []


def test_unreadable_file_is_an_error_case(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    write_policy(repo)
    (repo / "empty.md").write_text("", encoding="utf-8")
    code, root = junit(run_cli, *FOCUS, ".", cwd=repo)
    assert code == 2
    errors = root.findall(".//testcase/error")
    assert len(errors) == 1 and "empty" in errors[0].get("message")
    assert root.get("errors") == "1"
