"""Rule titles in the change notes speak of the policy's kind of setting (they are written
for schools): a nursery's governors read 'settings', a college's 'colleges'."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wttsc_policy.render.local_names import setting_title


@pytest.mark.parametrize(
    ("noun", "title", "expected"),
    [
        (
            "setting",
            "Schools are relevant agencies with a duty to co-operate",
            "Settings are relevant agencies with a duty to co-operate",
        ),
        ("setting", "The school's part in early help", "The setting's part in early help"),
        (
            "college",
            "Schools contribute information to the partnership",
            "Colleges contribute information to the partnership",
        ),
        ("academy", "Schools are relevant agencies", "Academies are relevant agencies"),
        ("school", "Schools are relevant agencies", "Schools are relevant agencies"),
        ("setting", "Young carers are recorded in the school census", "Young carers are recorded in the school census"),
        ("setting", "Cite the edition of Working Together in force", "Cite the edition of Working Together in force"),
    ],
)
def test_titles_use_the_settings_words(noun: str, title: str, expected: str) -> None:
    assert setting_title(title, {"setting_noun": noun}) == expected


def test_a_nursery_update_names_settings_in_the_governor_summary(run_cli, tmp_path):
    (tmp_path / ".git").mkdir()
    corpus = Path(__file__).resolve().parent / "data" / "policies" / "little-acorns-nursery-2021"
    for name in ("policy.md", "wttsc-policy.toml"):
        shutil.copy(corpus / name, tmp_path / name)
    proc = run_cli("update", str(tmp_path / "policy.md"), "--date", "2026-12-07", "--as-of", "2026-12-07", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    summary = (tmp_path / "policy.changes.md").read_text(encoding="utf-8").split("## Appendix")[0]
    assert "Settings are relevant agencies" in summary
    assert "Schools are" not in summary and "The school's" not in summary
