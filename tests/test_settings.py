"""The kind of setting: from config, or inferred from the policy's words (with the evidence),
and rules gated by it (a nursery is never asked about the school census)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from wttsc_policy.context import RunOptions
from wttsc_policy.pipeline import check_file
from wttsc_policy.rulepacks.schema import Rule
from wttsc_policy.settings import Setting, infer_setting, setting_words

DAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Sunflower Childminding: Safeguarding Policy", "I am a registered childminder.", Setting.CHILDMINDER),
        (
            "Little Acorns Day Nursery",
            "The nursery manager is the DSL. Each child has a key person.",
            Setting.EARLY_YEARS,
        ),
        ("Longmynd Sixth Form College", "The college safeguards students and adult learners.", Setting.COLLEGE),
        ("Hockley Brook Free School", "The academy trust is the proprietor.", Setting.ACADEMY),
        (
            "Hambledon Vale Preparatory School",
            "We are inspected by ISI; the proprietor ...",
            Setting.INDEPENDENT_SCHOOL,
        ),
        (
            "Maple Lane Primary School",
            "The governing body ... a local authority maintained school.",
            Setting.MAINTAINED_SCHOOL,
        ),
    ],
)
def test_the_setting_is_inferred_from_the_title_and_frequent_phrases(title, text, expected):
    guess = infer_setting(text, title)
    assert guess is not None and guess.setting is expected
    assert guess.describe().startswith(f"setting inferred as {expected.label} from: ")


def test_a_policy_that_does_not_say_gets_no_setting():
    assert infer_setting("Staff report concerns to the DSL.", "Safeguarding Policy") is None
    # EYFS alone is weak: schools with a Reception class follow it too
    assert infer_setting("We follow the EYFS. " * 5, "Oak School: Safeguarding Policy") is None


def _policy(tmp_path: Path, text: str, config: str = "") -> Path:
    folder = tmp_path / f"p{len(list(tmp_path.iterdir()))}"  # a folder per policy (configs are cached)
    folder.mkdir()
    tmp_path = folder
    path = tmp_path / "policy.md"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "wttsc-policy.toml").write_text(config, encoding="utf-8")
    return path


NURSERY = """# Little Acorns Day Nursery: Safeguarding Policy

The nursery manager is our designated safeguarding lead. Every child has a key person.

## Young carers

Children who are young carers may need extra support.
"""


def test_the_evidence_is_kept_and_config_wins(tmp_path: Path):
    path = _policy(tmp_path, NURSERY)
    context = check_file(path, RunOptions(as_of=DAY)).context
    assert context is not None and context.setting is Setting.EARLY_YEARS
    assert context.setting_source and "'day nursery'" in context.setting_source
    assert context.values["setting"] == "early_years" and context.values["learners"] == "children"
    path = _policy(tmp_path, NURSERY, 'setting_type = "maintained_school"\n')
    context = check_file(path, RunOptions(as_of=DAY)).context
    assert context is not None and context.setting is Setting.MAINTAINED_SCHOOL
    assert context.setting_source == "set in the school's configuration"


def test_rules_are_gated_by_setting(tmp_path: Path):
    """WT050 (young carers in the school census) is for schools: not asked of a nursery."""
    rules = {f.rule for f in check_file(_policy(tmp_path, NURSERY), RunOptions(as_of=DAY)).result.findings}
    assert "WT050" not in rules
    school = NURSERY.replace("Little Acorns Day Nursery", "Oak Lane Primary School")
    school = school.replace("nursery manager", "headteacher").replace("key person", "class teacher")
    path = _policy(tmp_path, school, 'setting_type = "maintained_school"\n')
    assert "WT050" in {f.rule for f in check_file(path, RunOptions(as_of=DAY)).result.findings}
    # an unknown setting gets every rule
    path = _policy(tmp_path, school)
    assert "WT050" in {f.rule for f in check_file(path, RunOptions(as_of=DAY)).result.findings}


def test_a_rule_names_only_known_settings():
    base = {
        "id": "TR001",
        "title": "t",
        "kind": "missing_topic",
        "severity": "info",
        "source": "s",
        "chapter": "c",
        "cues": ["x"],
        "message": "m",
        "rationale": "r",
        "examples": {"fires": ["a"], "passes": ["x"]},
    }
    assert Rule.model_validate({**base, "settings": ["nursery"]}).settings == ["early_years"]
    with pytest.raises(ValidationError, match="castle"):
        Rule.model_validate({**base, "settings": ["castle"]})


def test_config_names_win_over_the_setting_words():
    words = setting_words(Setting.COLLEGE)
    assert words["headteacher_title"] == "principal" and words["learners"] == "students"
    assert setting_words(None)["setting_noun"] == "setting"
    assert setting_words(None, school=True)["setting_noun"] == "school"


@pytest.mark.parametrize(
    ("setting", "expected"), [("college", "Colleges"), ("academy", "Schools"), ("nursery", "Early years settings")]
)
def test_the_partner_correction_names_the_settings_kind(run_cli, tmp_path, setting, expected):
    """A college policy that calls education the fourth partner is corrected about colleges."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "wttsc-policy.toml").write_text(f'setting_type = "{setting}"\n', encoding="utf-8")
    policy = tmp_path / "policy.md"
    policy.write_text("# Policy\n\n## Partners\n\nEducation is the fourth statutory safeguarding partner.\n")
    proc = run_cli("check", str(policy), "--format", "json", "--fail-on", "never", "--select", "WT032")
    (finding,) = json.loads(proc.stdout)["files"][0]["findings"]
    assert finding["suggestion"].startswith(f"{expected} are not statutory safeguarding partners")
