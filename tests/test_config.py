"""Config: walk-up discovery, school overrides, selection, severities, per-file ignores,
extra rule packs, `config show` with origins, and invalid config -> exit 2 naming file and key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paths import ROOT
from trust_support import FOCUS, findings_by_file, make_repo, rules_of, run_json, write_policy

TRUST = ROOT / "examples" / "trust"

PACK = """\
pack:
  name: trust-local
  title: Beacon trust house style
  from_edition: trust style guide 2020
  to_edition: trust style guide 2024
  version: 0.1.0
rules:
  - id: TR001
    title: Say designated safeguarding lead
    kind: outdated_reference
    severity: warning
    source: Trust style guide 2024
    chapter: Trust style
    patterns: ['\\bchild protection co-?ordinator\\b']
    replacement: designated safeguarding lead
    message: The trust calls this role the designated safeguarding lead.
    rationale: One name for the role across the trust avoids confusion.
    examples:
      fires: ["Tell the child protection coordinator."]
      passes: ["Tell the designated safeguarding lead."]
"""


def trust_tree(root: Path) -> Path:
    """Trust root config plus two schools; school 'a' overrides the trust."""
    make_repo(root)
    (root / "wttsc-policy.toml").write_text(
        'trust_name = "Test Trust"\n'
        'select = ["WT001", "WT007", "TR"]\n'
        'rules = ["packs/trust-local"]\n'
        '[severity]\nWT007 = "info"\n'
        '[per-file-ignores]\n"schools/b/appendix-*.md" = ["WT001"]\n',
        encoding="utf-8",
    )
    (root / "packs" / "trust-local").mkdir(parents=True)
    (root / "packs" / "trust-local" / "pack.yaml").write_text(PACK, encoding="utf-8")
    text = "# Policy\n\nWe follow Working Together to Safeguard Children 2018.\n\nDomestic violence is abuse.\n\nTell the child protection coordinator.\n"
    write_policy(root / "schools" / "a", text=text)
    (root / "schools" / "a" / "wttsc-policy.toml").write_text(
        'school_name = "Ash Academy"\n[severity]\nWT007 = "error"\n', encoding="utf-8"
    )
    write_policy(root / "schools" / "b", text=text)
    write_policy(root / "schools" / "b", name="appendix-1.md", text=text)
    return root


def by_rule(findings: list[dict]) -> dict[str, str]:
    return {f["rule"]: f["severity"] for f in findings}


def test_school_overrides_trust_and_trust_values_apply_elsewhere(run_cli, tmp_path):
    root = trust_tree(tmp_path / "trust")
    proc, payload = run_json(run_cli, ".", cwd=root)
    assert proc.returncode == 1, proc.stderr
    files = findings_by_file(payload)
    # school a's own severity beats the trust's; school b inherits the trust's
    assert by_rule(files["schools/a/policy.md"]) == {"WT001": "error", "WT007": "error", "TR001": "warning"}
    assert by_rule(files["schools/b/policy.md"]) == {"WT001": "error", "WT007": "info", "TR001": "warning"}
    # per-file ignore by glob (relative to the config file that sets it)
    assert rules_of(files["schools/b/appendix-1.md"]) == ["TR001", "WT007"]


def test_command_line_select_beats_config(run_cli, tmp_path):
    root = trust_tree(tmp_path / "trust")
    _, payload = run_json(run_cli, "--select", "WT007", "schools/b/policy.md", cwd=root)
    assert rules_of(payload["files"][0]["findings"]) == ["WT007"]


def test_ignore_in_school_config(run_cli, tmp_path):
    root = trust_tree(tmp_path / "trust")
    (root / "schools" / "a" / "wttsc-policy.toml").write_text(
        'ignore = ["WT001"]\n[severity]\nWT007 = "error"\n', encoding="utf-8"
    )
    _, payload = run_json(run_cli, "schools", cwd=root)
    files = findings_by_file(payload)
    assert "WT001" not in rules_of(files["schools/a/policy.md"])
    assert "WT001" in rules_of(files["schools/b/policy.md"])


def test_pyproject_table_and_dashed_keys(run_cli, tmp_path):
    root = make_repo(tmp_path / "repo")
    write_policy(root)
    (root / "pyproject.toml").write_text(
        '[project]\nname = "policies"\n\n[tool.wttsc-policy]\nfail-on = "error"\nselect = ["WT007"]\n', encoding="utf-8"
    )
    proc, payload = run_json(run_cli, "policy.md", cwd=root)
    assert rules_of(payload["files"][0]["findings"]) == ["WT007"]
    assert proc.returncode == 0  # a warning is below fail-on = "error"


def test_explicit_config_file(run_cli, tmp_path):
    root = make_repo(tmp_path / "repo")
    write_policy(root)
    (root / "wttsc-policy.toml").write_text('select = ["WT001"]\n', encoding="utf-8")
    (root / "other.toml").write_text('select = ["WT007"]\n', encoding="utf-8")
    _, walked = run_json(run_cli, "policy.md", cwd=root)
    _, explicit = run_json(run_cli, "--config", "other.toml", "policy.md", cwd=root)
    assert rules_of(walked["files"][0]["findings"]) == ["WT001"]
    assert rules_of(explicit["files"][0]["findings"]) == ["WT007"]


def test_config_show_names_the_origin_of_each_value(run_cli, tmp_path):
    root = trust_tree(tmp_path / "trust")
    proc = run_cli("config", "show", "schools/a/policy.md", "--format", "json", cwd=root)
    assert proc.returncode == 0, proc.stderr
    view = json.loads(proc.stdout)
    values = view["values"]
    assert view["files"] == ["wttsc-policy.toml", "schools/a/wttsc-policy.toml"]
    assert values["school_name"] == {"value": "Ash Academy", "origin": "schools/a/wttsc-policy.toml"}
    assert values["trust_name"] == {"value": "Test Trust", "origin": "wttsc-policy.toml"}
    assert values["dsl_title"]["origin"] == "default"
    assert values["severity"]["value"] == {"WT007": "error"}
    assert values["severity"]["items"] == {"WT007": "schools/a/wttsc-policy.toml"}
    text = run_cli("config", "show", "schools/b", cwd=root)
    assert text.returncode == 0
    line = next(l for l in text.stdout.splitlines() if l.startswith("trust_name"))
    assert '"Test Trust"' in line and line.rstrip().endswith("# wttsc-policy.toml")
    assert "school_name = (not set)" in " ".join(text.stdout.split())


@pytest.mark.skipif(not TRUST.is_dir(), reason="examples/trust not present")
def test_example_trust_school_override(run_cli):
    schools = sorted(p for p in (TRUST / "schools").iterdir() if (p / "wttsc-policy.toml").is_file())
    assert len(schools) >= 3
    root_toml = TRUST / "wttsc-policy.toml"
    for school in schools:
        proc = run_cli("config", "show", str(school.relative_to(ROOT)), "--format", "json")
        assert proc.returncode == 0, proc.stderr
        view = json.loads(proc.stdout)
        assert view["files"][0] == str(root_toml.relative_to(ROOT))
        assert view["files"][-1] == str((school / "wttsc-policy.toml").relative_to(ROOT))
        import tomllib

        own = tomllib.loads((school / "wttsc-policy.toml").read_text(encoding="utf-8"))
        trust = tomllib.loads(root_toml.read_text(encoding="utf-8"))
        for key, value in own.items():
            if not isinstance(value, dict):
                assert view["values"][key]["origin"] == view["files"][-1], key
        for key, value in trust.items():
            if key not in own and not isinstance(value, dict):
                assert view["values"][key]["origin"] == view["files"][0], key


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("bogus_setting = 1\n", "key 'bogus_setting': unknown key"),
        ('kcsie_edition = "last year"\n', "key 'kcsie_edition'"),
        ('[severity]\nWT001 = "fatal"\n', "key 'severity.WT001'"),
        ('select = "WT001"\n', "key 'select'"),
        ('school_name = "unterminated\n', "invalid TOML"),
        ('select = ["WT001", "WX999"]\n', "key 'select': no rule or rule prefix 'WX999'"),
        ('[severity]\nWT999 = "info"\n', "key 'severity.WT999': no such rule"),
        ('[per-file-ignores]\n"*.md" = ["ZZ"]\n', "key 'per-file-ignores.\"*.md\"'"),
    ],
)
@pytest.mark.parametrize("where", ["root", "school"])
def test_invalid_config_is_exit_2_naming_file_and_key(run_cli, tmp_path, toml, expected, where):
    root = make_repo(tmp_path / "repo")
    write_policy(root / "school")
    bad = (root if where == "root" else root / "school") / "wttsc-policy.toml"
    bad.write_text(toml, encoding="utf-8")
    for args in (("check", "."), ("check", "school/policy.md"), ("config", "show", "school")):
        proc = run_cli(*args, cwd=root)
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
        assert str(bad) in lines[0] and expected in lines[0], lines[0]
        assert proc.stdout == ""


def test_config_show_for_missing_path(run_cli, tmp_path):
    proc = run_cli("config", "show", str(tmp_path / "nope"))
    assert proc.returncode == 2 and "no such file or folder" in proc.stderr


def test_focus_rules_exist():
    """The rule ids these tests rely on are real built-in rules."""
    from wttsc_policy.rulepacks.load import load_ruleset

    ids = load_ruleset().by_id
    assert all(i in ids for i in FOCUS[1].split(","))


def test_rule_pack_from_config_is_described_in_sarif(run_cli, tmp_path):
    root = trust_tree(tmp_path / "trust")
    doc = json.loads(run_cli("check", "--format", "sarif", "schools/a", cwd=root).stdout)
    run = doc["runs"][0]
    (result,) = [r for r in run["results"] if r["ruleId"] == "TR001"]
    rule = run["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert rule["id"] == "TR001" and rule["shortDescription"]["text"] == "Say designated safeguarding lead"
    assert "trust-local" in [p["name"] for p in run["tool"]["driver"]["properties"]["rulePacks"]]
