"""Inline suppressions with a reason, in markdown and Word, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paths import ROOT
from trust_support import FOCUS, build_docx, make_repo, rules_of, run_json
from wttsc_policy.suppressions import parse

TRUST = ROOT / "examples" / "trust"

MD = """# Policy

## Framework

{before_wt}We follow Working Together to Safeguard Children 2018.

## Issues

{before_dv}Staff recognise domestic violence.

Domestic violence services are listed in appendix B.

{after}Our domestic violence lead is Ms Smith.
"""


def policy(repo: Path, before_wt: str = "", before_dv: str = "", after: str = "") -> Path:
    path = repo / "policy.md"
    path.write_text(MD.format(before_wt=before_wt, before_dv=before_dv, after=after), encoding="utf-8")
    return path


def one(payload: dict) -> dict:
    (file,) = payload["files"]
    return file


def test_parse_directive_forms():
    d = parse("<!-- wttsc-policy: ignore WT012, WT007 -- our LA still uses this term -->")
    assert (d.verb, d.rules, d.reason) == ("ignore", ("WT012", "WT007"), "our LA still uses this term")
    assert parse("wttsc-policy: disable WT007").reason == ""
    assert parse("<!-- wttsc-policy: ignore WT007 -->").reason == ""  # "-->" is not a reason
    assert parse("just a comment") is None


def test_markdown_ignore_covers_the_next_block_only(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    policy(repo, before_dv="<!-- wttsc-policy: ignore WT007 -- quoting the 2019 local protocol -->\n")
    proc, payload = run_json(run_cli, *FOCUS, "policy.md", cwd=repo)
    file = one(payload)
    dv_lines = sorted(f["line"] for f in file["findings"] if f["rule"] == "WT007")
    assert len(dv_lines) == 2  # the next block is suppressed, later ones are not
    assert file["suppressed"] == 1 and file["unused_suppressions"] == []
    text = (repo / "policy.md").read_text(encoding="utf-8").splitlines()
    assert "Staff recognise" not in " ".join(text[n - 1] for n in dv_lines)


def test_disable_enable_range(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    policy(
        repo,
        before_dv="<!-- wttsc-policy: disable WT007 -- terms from the LA's protocol -->\n",
        after="<!-- wttsc-policy: enable WT007 -->\n",
    )
    _, payload = run_json(run_cli, *FOCUS, "policy.md", cwd=repo)
    file = one(payload)
    (dv,) = [f for f in file["findings"] if f["rule"] == "WT007"]
    assert "Ms Smith" in (repo / "policy.md").read_text(encoding="utf-8").splitlines()[dv["line"] - 1]
    assert file["suppressed"] == 2
    assert rules_of(file["findings"]).count("WT001") == 1  # other rules are untouched


def test_unused_and_reasonless_suppressions_are_reported(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    policy(
        repo,
        before_wt="<!-- wttsc-policy: ignore WT007 -- wrong rule for this paragraph -->\n",
        before_dv="<!-- wttsc-policy: ignore WT007 -->\n",
    )
    _, payload = run_json(run_cli, *FOCUS, "policy.md", cwd=repo)
    file = one(payload)
    assert file["unused_suppressions"] == ["unused suppression (WT007) at line 5"]
    assert any("without a reason" in n and "line 10" in n for n in file["notes"])
    text = run_cli("check", *FOCUS, "policy.md", cwd=repo).stdout
    assert "unused suppression (WT007) at line 5" in text
    assert any(l.strip().startswith("warning: suppression without a reason at line 10") for l in text.splitlines())
    sarif = json.loads(run_cli("check", "--format", "sarif", *FOCUS, "policy.md", cwd=repo).stdout)
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    (unused,) = [n for n in notes if n["message"]["text"].startswith("unused suppression")]
    assert unused["level"] == "warning"
    assert unused["locations"][0]["physicalLocation"]["region"]["startLine"] == 5
    (reasonless,) = [n for n in notes if "without a reason" in n["message"]["text"]]
    assert reasonless["level"] == "warning"
    assert reasonless["locations"][0]["physicalLocation"]["region"]["startLine"] == 10


def test_no_inline_config_ignores_every_suppression(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    policy(
        repo,
        before_wt="<!-- wttsc-policy: ignore WT001 -- we cite the edition our LA uses -->\n",
        before_dv="<!-- wttsc-policy: ignore WT012 -- never used -->\n",
    )
    _, respected = run_json(run_cli, *FOCUS, "policy.md", cwd=repo)
    _, audited = run_json(run_cli, *FOCUS, "--no-inline-config", "policy.md", cwd=repo)
    assert "WT001" not in rules_of(one(respected)["findings"])
    assert one(respected)["unused_suppressions"]
    assert rules_of(one(audited)["findings"]).count("WT001") == 1
    assert one(audited)["suppressed"] == 0 and one(audited)["unused_suppressions"] == []


def test_missing_topic_suppressed_by_rule_wherever_written(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    policy(repo, after="<!-- wttsc-policy: ignore WT020 -- covered by the trust's multi-agency policy -->\n")
    _, before = run_json(run_cli, "--select", "WT020", "--no-inline-config", "policy.md", cwd=repo)
    _, after = run_json(run_cli, "--select", "WT020", "policy.md", cwd=repo)
    assert rules_of(one(before)["findings"]) == ["WT020"]
    assert one(after)["findings"] == [] and one(after)["suppressed"] == 1


DOCX_TEXT = [
    "# Policy",
    "We follow Working Together to Safeguard Children 2018.",
    "Staff recognise domestic violence.",
    "Domestic violence services are listed in appendix B.",
]


def test_docx_comment_suppresses_its_paragraph(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    build_docx(
        repo / "p.docx", DOCX_TEXT, comment_on=2, comment="wttsc-policy: ignore WT007 -- the LA protocol's own words"
    )
    _, payload = run_json(run_cli, *FOCUS, "p.docx", cwd=repo)
    file = one(payload)
    dv = [f for f in file["findings"] if f["rule"] == "WT007"]
    assert [f["paragraph"] for f in dv] == [4]
    assert file["suppressed"] == 1 and file["unused_suppressions"] == []
    _, audited = run_json(run_cli, *FOCUS, "--no-inline-config", "p.docx", cwd=repo)
    assert sorted(f["paragraph"] for f in one(audited)["findings"] if f["rule"] == "WT007") == [3, 4]


def test_docx_comment_unused_and_ordinary_comments_ignored(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    build_docx(repo / "p.docx", DOCX_TEXT, comment_on=1, comment="wttsc-policy: ignore WT007 -- misplaced")
    _, payload = run_json(run_cli, *FOCUS, "p.docx", cwd=repo)
    assert one(payload)["unused_suppressions"] == ["unused suppression (WT007) at paragraph 2"]
    build_docx(repo / "q.docx", DOCX_TEXT, comment_on=2, comment="Please check this wording with the LA")
    _, payload = run_json(run_cli, *FOCUS, "q.docx", cwd=repo)
    assert one(payload)["suppressed"] == 0 and one(payload)["unused_suppressions"] == []


@pytest.mark.skipif(not TRUST.is_dir(), reason="examples/trust not present")
def test_example_trust_suppressions_name_real_rules():
    """Every suppression written in the example trust names a rule that exists."""
    import re

    from wttsc_policy.rulepacks.load import load_ruleset

    ids = set(load_ruleset().by_id)
    named: set[str] = set()
    for path in TRUST.rglob("*.md"):
        for m in re.finditer(
            r"wttsc-policy:\s*(?:ignore|disable|enable)\s+([A-Z0-9, ]+)", path.read_text(encoding="utf-8")
        ):
            named.update(re.findall(r"[A-Z]+[0-9]{3}", m.group(1)))
    assert named <= ids, sorted(named - ids)


@pytest.mark.skipif(not TRUST.is_dir(), reason="examples/trust not present")
def test_example_trust_suppressions_are_all_used(run_cli):
    """The example's markdown directive and Word comment each hide a real finding."""
    _, respected = run_json(run_cli, "examples/trust")
    _, audited = run_json(run_cli, "--no-inline-config", "examples/trust")
    by_path = {f["path"]: f for f in respected["files"]}
    suppressed_somewhere = {Path(p).suffix for p, f in by_path.items() if f["suppressed"]}
    assert {".md", ".docx"} <= suppressed_somewhere
    for file in audited["files"]:
        mine = by_path[file["path"]]
        assert mine["unused_suppressions"] == []
        assert len(file["findings"]) == len(mine["findings"]) + mine["suppressed"]
