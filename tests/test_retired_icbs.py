"""2022 integrated care boards replaced in the April 2026 mergers: a policy that still names
one gets its successor as of the date checked (or a hand edit where the area was split and
the school's council does not settle it), and nothing changes before the merger."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

POLICY = """# Harbour Pupil Referral Unit: Child Protection Policy

## Health partners

Our health partner is NHS Mid and South Essex Integrated Care Board, which funds the school nurse.

The Mid and South Essex ICB designated nurse advises the DSL.
"""

SPLIT = """# Policy

## Health partners

The school nursing service is commissioned by NHS Suffolk and North East Essex Integrated Care Board.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    return tmp_path


def wt031(run_cli, path: Path, day: str) -> list[dict]:
    proc = run_cli("check", str(path), "--format", "json", "--fail-on", "never", "--as-of", day, "--select", "WT031")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["files"][0]["findings"]


def test_a_merged_icb_is_replaced_by_its_successor_from_the_merger(run_cli, folder):
    policy = folder / "policy.md"
    policy.write_text(POLICY, encoding="utf-8")
    found = wt031(run_cli, policy, "2026-12-07")
    assert [(f["match"], f["suggestion"]) for f in found] == [
        ("NHS Mid and South Essex Integrated Care Board", "NHS Essex Integrated Care Board"),
        ("Mid and South Essex ICB", "NHS Essex Integrated Care Board"),
    ]
    assert all("1 April 2026" in f["message"] for f in found)
    proc = run_cli("update", str(policy), "--as-of", "2026-12-07", "--select", "WT031", "--date", "2026-12-07")
    assert proc.returncode == 0, proc.stderr
    updated = (folder / "policy.updated.md").read_text(encoding="utf-8")
    assert "Mid and South Essex" not in updated and "NHS Essex Integrated Care Board, which funds" in updated


def test_before_the_merger_the_2022_icb_is_current(run_cli, folder):
    policy = folder / "policy.md"
    policy.write_text(POLICY, encoding="utf-8")
    assert wt031(run_cli, policy, "2026-03-31") == []


def test_a_split_icb_is_a_hand_edit_naming_the_successors(run_cli, folder):
    policy = folder / "policy.md"
    policy.write_text(SPLIT, encoding="utf-8")
    (finding,) = wt031(run_cli, policy, "2026-12-07")
    assert not finding["editable"] and finding["suggestion"] is None
    assert "NHS Essex Integrated Care Board" in finding["edit_note"] and "Suffolk" in finding["edit_note"]


def test_a_split_icb_is_settled_by_the_schools_council(run_cli, folder):
    policy = folder / "policy.md"
    policy.write_text(SPLIT, encoding="utf-8")
    (folder / "wttsc-policy.toml").write_text('local_authority = "Suffolk"\n', encoding="utf-8")
    (finding,) = wt031(run_cli, policy, "2026-12-07")
    assert finding["editable"] and finding["suggestion"] and "Suffolk" in finding["suggestion"]
