"""`wttsc-policy update` on markdown and plain text: the clean file, the CriticMarkup
redline, --in-place, and the same invariants as for Word."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from editions_now import WTTSC_NOW
from lo.invariants import copy_example, plan_for
from paths import ROOT
from wttsc_policy.apply.critic import resolve_critic
from wttsc_policy.plan.model import expected_texts
from wttsc_policy.read import read_string

DATE = "2024-09-01"
MARKDOWN_EXAMPLES = sorted(p for p in (ROOT / "examples").rglob("*.md") if not p.name.endswith(".changes.md"))


def _copy_tree(src: Path, tmp_path: Path) -> Path:
    return copy_example(src, tmp_path, ROOT / "examples")


def assert_text_invariants(original: Path, clean: Path, redline: Path | None) -> None:
    source = original.read_text(encoding="utf-8")
    doc, plan, rules, _ = plan_for(original)
    updated = clean.read_text(encoding="utf-8")
    fmt = doc.format
    got = [b.text for b in read_string(updated, fmt).blocks]
    expected = expected_texts(doc, plan)
    if fmt == "text":  # plain text has no lists: each new paragraph is its own block
        got = [t.removeprefix("- ") for t in got]
    assert got == expected
    if redline is not None:
        critic = redline.read_text(encoding="utf-8")
        assert resolve_critic(critic, "reject") == source
        assert resolve_critic(critic, "accept") == updated
        assert critic.count("{>>") == len(plan.edits)
    # the updated file is clean for everything update could fix, and a second run proposes
    # nothing but the additions the growth budget left as suggestions
    manual = {(m.finding.rule, m.finding.match) for m in plan.manual}
    suggested = {s.rule for s in plan.suggestions}
    _, again, _, checked = plan_for(clean)
    left = [
        f
        for f in checked.result.findings
        if (f.kind != "missing_topic" or getattr(rules.get(f.rule), "clause", None))
        and (f.rule, f.match) not in manual
        and f.rule not in suggested
    ]
    assert not left, [(f.rule, f.match) for f in left]
    assert not [e for e in again.edits if not set(e.rules) <= suggested]


@pytest.mark.parametrize("example", MARKDOWN_EXAMPLES, ids=lambda p: str(p.relative_to(ROOT / "examples")))
def test_markdown_examples(run_cli, tmp_path, example):
    policy = _copy_tree(example, tmp_path)
    result = run_cli("update", str(policy), "--date", DATE, "--redline")
    assert result.returncode == 0, result.stderr
    stem = policy.stem
    clean = policy.with_name(f"{stem}.updated.md")
    if "nothing to update" in result.stdout:
        assert not clean.exists()
        return
    redline = policy.with_name(f"{stem}.redline.md")
    notes = policy.with_name(f"{stem}.changes.md")
    assert notes.is_file()
    if clean.exists():
        assert redline.is_file()
        assert_text_invariants(policy, clean, redline)
    assert policy.read_bytes() == example.read_bytes()


def test_oakfield_markdown_keeps_markup_balanced(run_cli, tmp_path):
    policy = _copy_tree(ROOT / "examples" / "oakfield-primary-2018.md", tmp_path)
    result = run_cli("update", str(policy), "--date", DATE)
    assert result.returncode == 0, result.stderr
    updated = policy.with_name("oakfield-primary-2018.updated.md").read_text()
    for line in updated.splitlines():
        assert line.count("**") % 2 == 0, line
        assert line.count("[") == line.count("]"), line
    assert WTTSC_NOW in updated
    assert "Working Together to Safeguard Children 2018" not in updated.split("## Document control")[-1].split("|")[0]


def test_in_place_rewrites_only_the_input(run_cli, tmp_path):
    policy = _copy_tree(ROOT / "examples" / "oakfield-primary-2018.md", tmp_path)
    original = tmp_path / "original.md"
    shutil.copy2(policy, original)
    result = run_cli("update", str(policy), "--date", DATE, "--in-place", "--redline")
    assert result.returncode == 0, result.stderr
    assert policy.read_text() != original.read_text()
    assert not policy.with_name("oakfield-primary-2018.updated.md").exists()
    critic = policy.with_name("oakfield-primary-2018.redline.md").read_text()
    assert resolve_critic(critic, "reject") == original.read_text()
    assert resolve_critic(critic, "accept") == policy.read_text()
    # running again on the updated file changes nothing but the additions the growth budget
    # held back the first time (the budget is relative to the policy, which has grown)
    notes = policy.with_name("oakfield-primary-2018.changes.md").read_text()
    again = run_cli("update", str(policy), "--date", DATE, "--in-place", "--force", "--redline")
    assert again.returncode == 0, again.stderr
    critic = policy.with_name("oakfield-primary-2018.redline.md").read_text()
    assert "{--" not in critic, "no second correction"
    for rule in re.findall(r"\{>>(\w+) ", critic):
        assert rule in notes.split("Suggested additions", 1)[-1], f"{rule} was not a suggested addition"


def test_in_place_with_output_is_refused(run_cli, tmp_path):
    policy = _copy_tree(ROOT / "examples" / "oakfield-primary-2018.md", tmp_path)
    before = policy.read_bytes()
    result = run_cli("update", str(policy), "--in-place", "--output", str(tmp_path / "x.md"))
    assert result.returncode == 2 and "--in-place" in result.stderr
    assert policy.read_bytes() == before and not (tmp_path / "x.md").exists()


def test_existing_outputs_are_refused_before_anything_is_written(run_cli, tmp_path):
    policy = _copy_tree(ROOT / "examples" / "oakfield-primary-2018.md", tmp_path)
    notes = policy.with_name("oakfield-primary-2018.changes.md")
    notes.write_text("keep me")
    result = run_cli("update", str(policy), "--date", DATE)
    assert result.returncode == 2 and "already exists" in result.stderr
    assert notes.read_text() == "keep me"
    assert not policy.with_name("oakfield-primary-2018.updated.md").exists()


TEXT_POLICY = """CHILD PROTECTION POLICY

1. Legislation and statutory guidance

This policy follows Working Together to Safeguard Children 2018 and the procedures of the Local Safeguarding Children Board.

2. Working with parents and carers

We tell parents about concerns unless this would put a child at risk.

3. Multi-agency working

We work with the clinical commissioning group and the police.
"""


def test_plain_text_policy(run_cli, tmp_path):
    (tmp_path / ".git").mkdir()
    policy = tmp_path / "policy.txt"
    policy.write_text(TEXT_POLICY)
    result = run_cli("update", str(policy), "--date", DATE, "--redline")
    assert result.returncode == 0, result.stderr
    clean = tmp_path / "policy.updated.txt"
    assert_text_invariants(policy, clean, tmp_path / "policy.redline.txt")
    text = clean.read_text()
    assert WTTSC_NOW in text and "clinical commissioning group" not in text


def test_crlf_line_endings_are_kept(run_cli, tmp_path):
    (tmp_path / ".git").mkdir()
    policy = tmp_path / "policy.txt"
    policy.write_bytes(TEXT_POLICY.replace("\n", "\r\n").encode())
    result = run_cli("update", str(policy), "--date", DATE, "--redline")
    assert result.returncode == 0, result.stderr
    data = (tmp_path / "policy.updated.txt").read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    critic = (tmp_path / "policy.redline.txt").read_bytes().decode()
    assert resolve_critic(critic, "reject").encode() == policy.read_bytes()


@pytest.mark.parametrize(
    "cited",
    [
        "*Working Together* to Safeguard Children 2018",
        "**Working Together to Safeguard Children 2018**",
        "**Working Together to Safeguard Children** 2018",
        "[Working Together to Safeguard Children 2018](https://example.org/wt)",
        "_Working Together to Safeguard Children_ 2018",
        "Working Together to\nSafeguard Children 2018",
    ],
)
def test_inline_markup_around_a_replacement(run_cli, tmp_path, cited):
    (tmp_path / ".git").mkdir()
    (tmp_path / "wttsc-policy.toml").write_text('select = ["WT001"]\n')
    policy = tmp_path / "policy.md"
    policy.write_text(
        f"# Policy\n\n## 1. Legislation\n\nWe follow {cited} in all our work.\n\n## 2. Review\n\nYearly.\n"
    )
    result = run_cli("update", str(policy), "--date", DATE, "--redline")
    assert result.returncode == 0, result.stderr
    clean = tmp_path / "policy.updated.md"
    assert_text_invariants(policy, clean, tmp_path / "policy.redline.md")
    line = next(ln for ln in clean.read_text().splitlines() if ln.startswith("We follow"))
    assert WTTSC_NOW in line and line.endswith("in all our work.")
    for mark in ("**", "_", "`"):
        assert line.count(mark) % 2 == 0, line
    assert line.count("*") % 2 == 0 and line.count("[") == line.count("]"), line


def test_byte_order_mark_is_kept(run_cli, tmp_path):
    (tmp_path / ".git").mkdir()
    policy = tmp_path / "policy.md"
    policy.write_bytes(
        b"\xef\xbb\xbf" + TEXT_POLICY.replace("CHILD PROTECTION POLICY", "# Child protection policy").encode()
    )
    result = run_cli("update", str(policy), "--date", DATE, "--redline")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "policy.updated.md").read_bytes().startswith(b"\xef\xbb\xbf")
    critic = (tmp_path / "policy.redline.md").read_bytes()
    assert resolve_critic(critic.decode("utf-8"), "reject").encode() == policy.read_bytes()
