"""`--as-of` and `[guidance]` pins: the per-file context knows which edition of each guidance
family is in force on the run's date; bad dates and unknown pins are usage errors (exit 2)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from paths import ROOT
from wttsc_policy.context import RunOptions
from wttsc_policy.pipeline import check_file

POLICY = ROOT / "examples" / "oakfield-primary-2018.md"


@pytest.fixture
def policy(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # the config walk-up stops here
    target = tmp_path / "policy.md"
    shutil.copy(POLICY, target)
    return target


def editions(path: Path, on: date) -> dict[str, str]:
    checked = check_file(path, RunOptions(as_of=on))
    assert checked.result.error is None, checked.result.error
    assert checked.context is not None
    return {family: edition.id for family, edition in checked.context.editions.items()}


def test_context_resolves_the_editions_in_force_on_the_date(policy: Path) -> None:
    assert editions(policy, date(2026, 1, 15))["wttsc"] == "2023"
    assert editions(policy, date(2026, 1, 15))["kcsie"] == "2025"
    assert editions(policy, date(2026, 12, 2))["wttsc"] == "2026"
    assert editions(policy, date(2026, 12, 2))["kcsie"] == "2026"


def test_a_pin_holds_a_family_back(policy: Path) -> None:
    (policy.parent / "wttsc-policy.toml").write_text('[guidance]\nworking_together = "2023"\n', encoding="utf-8")
    found = editions(policy, date(2026, 12, 2))
    assert found["wttsc"] == "2023"
    assert found["kcsie"] == "2026"  # other families still follow the date


def test_the_context_carries_the_date(policy: Path) -> None:
    checked = check_file(policy, RunOptions(as_of=date(2025, 3, 1)))
    assert checked.context is not None and checked.context.as_of == date(2025, 3, 1)


@pytest.mark.parametrize("value", ["2026-13-01", "yesterday", "02/12/2026"])
def test_an_invalid_date_is_a_usage_error(run_cli, policy: Path, value: str) -> None:
    proc = run_cli("check", str(policy), "--as-of", value)
    assert proc.returncode == 2
    assert "--as-of" in proc.stderr and value in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("table", "key"),
    [('working_together = "2019"', "guidance.wttsc"), ('no_such_guidance = "2020"', "guidance.no_such_guidance")],
)
def test_an_unknown_pin_names_the_config_file_and_key(run_cli, policy: Path, table: str, key: str) -> None:
    config = policy.parent / "wttsc-policy.toml"
    config.write_text(f"[guidance]\n{table}\n", encoding="utf-8")
    proc = run_cli("check", str(policy), "--as-of", "2026-12-02")
    assert proc.returncode == 2
    assert str(config) in proc.stderr and key in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("command", ["check", "update", "baseline", "report", "guidance", "rules list", "rules show"])
def test_every_dated_command_takes_as_of(run_cli, command: str) -> None:
    proc = run_cli(*command.split(), "--help")
    assert proc.returncode == 0
    assert "--as-of" in proc.stdout


@pytest.mark.parametrize(
    ("value", "expected"),
    # "school" names no kind of school: the example policy's own words (its governing body) decide
    [("academy", "academy"), ("free school", "academy"), ("nursery", "early_years"), ("school", "maintained_school")],
)
def test_setting_names_resolve(policy: Path, value: str, expected: str | None) -> None:
    (policy.parent / "wttsc-policy.toml").write_text(f'setting_type = "{value}"\n', encoding="utf-8")
    checked = check_file(policy, RunOptions(as_of=date(2026, 12, 2)))
    assert checked.context is not None
    setting = checked.context.setting
    assert (setting.value if setting else None) == expected
    source = checked.context.setting_source or ""
    assert source.startswith("setting inferred as") if value == "school" else source.startswith("set in")


def test_an_unknown_setting_is_a_config_error(run_cli, policy: Path) -> None:
    (policy.parent / "wttsc-policy.toml").write_text('setting_type = "castle"\n', encoding="utf-8")
    proc = run_cli("check", str(policy))
    assert proc.returncode == 2
    assert "setting_type" in proc.stderr and "castle" in proc.stderr
