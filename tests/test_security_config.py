"""Config discovery and who may bring rule packs (audit issue 16, CRITICAL).

The walk up from a checked file stops at the project root (a `.git` folder or file, a
pyproject.toml with `[tool.wttsc-policy]`, a wttsc-policy.toml with `root = true`) and
never goes above the home folder. A config outside the project, or a `rules` entry
leaving the config's folder, brings no pack unless --allow-external-rules is given;
`config show` says where every pack came from.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hostile_support import assert_one_line_error, cli, pack, policy_md, snapshot

HOSTILE_VALUE = 'school_name = "Planted by someone else"\n'


def _school_name(proc) -> str | None:
    view = json.loads(proc.stdout)
    return view["values"]["school_name"]["value"]


@pytest.mark.parametrize(
    "marker",
    [
        ".git-folder",
        ".git-file",
        "pyproject",
        "root-true",
    ],
)
def test_walk_stops_at_the_project_root(tmp_path: Path, marker: str) -> None:
    shared = tmp_path / "shared"
    proj = shared / "proj"
    proj.mkdir(parents=True)
    (shared / "wttsc-policy.toml").write_text(HOSTILE_VALUE, encoding="utf-8")
    if marker == ".git-folder":
        (proj / ".git").mkdir()
    elif marker == ".git-file":
        (proj / ".git").write_text("gitdir: ../elsewhere\n", encoding="utf-8")  # a worktree or submodule
    elif marker == "pyproject":
        (proj / "pyproject.toml").write_text('[tool.wttsc-policy]\ntrust_name = "T"\n', encoding="utf-8")
    else:
        (proj / "wttsc-policy.toml").write_text('root = true\ntrust_name = "T"\n', encoding="utf-8")
    policy_md(proj)
    proc = cli("config", "show", "policy.md", "--format", "json", cwd=proj)
    assert proc.returncode == 0, proc.stderr
    assert _school_name(proc) is None, "a config above the project root was read"
    assert json.loads(proc.stdout)["project_root"] == str(proj.resolve())


def test_walk_never_goes_above_home(tmp_path: Path) -> None:
    home = tmp_path / "home" / "user"
    school = home / "policies"
    school.mkdir(parents=True)
    (tmp_path / "home" / "wttsc-policy.toml").write_text(HOSTILE_VALUE, encoding="utf-8")
    policy_md(school)
    proc = cli("config", "show", "policy.md", "--format", "json", cwd=school, env={"HOME": str(home)})
    assert proc.returncode == 0, proc.stderr
    assert _school_name(proc) is None, "a config above the home folder was read"


def test_pack_from_a_config_outside_the_project_is_refused(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    school = shared / "school"
    school.mkdir(parents=True)
    pack(shared / "planted-pack")
    (shared / "wttsc-policy.toml").write_text('rules = ["planted-pack"]\n', encoding="utf-8")
    policy_md(school, text="We do safeguarding here.")
    before = snapshot(tmp_path)
    # run from the school folder: the config above it is outside the checked tree
    proc = cli("check", "policy.md", cwd=school)
    assert_one_line_error(proc, "wttsc-policy.toml", "outside the project", "--allow-external-rules")
    assert snapshot(tmp_path) == before
    proc = cli("check", "policy.md", "--allow-external-rules", "--format", "json", cwd=school)
    assert proc.returncode == 1, proc.stderr
    assert any(f["rule"] == "TR001" for f in json.loads(proc.stdout)["files"][0]["findings"])


def test_rules_path_leaving_the_config_folder_is_refused(tmp_path: Path) -> None:
    proj = tmp_path / "proj"
    (proj / ".git").mkdir(parents=True)
    pack(tmp_path / "elsewhere-pack")
    (proj / "wttsc-policy.toml").write_text('rules = ["../elsewhere-pack"]\n', encoding="utf-8")
    policy_md(proj, text="We do safeguarding here.")
    assert_one_line_error(cli("check", "policy.md", cwd=proj), "wttsc-policy.toml", "outside the config")
    # a symlink inside the project that points out of it is the same thing
    (proj / "wttsc-policy.toml").write_text('rules = ["linked-pack"]\n', encoding="utf-8")
    (proj / "linked-pack").symlink_to(tmp_path / "elsewhere-pack")
    assert_one_line_error(cli("check", "policy.md", cwd=proj), "wttsc-policy.toml", "outside the config")
    assert cli("check", "policy.md", "--allow-external-rules", cwd=proj).returncode == 1


def test_config_show_names_the_origin_of_every_pack(tmp_path: Path) -> None:
    proj = tmp_path / "proj"
    (proj / ".git").mkdir(parents=True)
    pack(proj / "trust-pack")
    other = pack(tmp_path / "cli-pack")
    text = (other / "pack.yaml").read_text(encoding="utf-8").replace("TR001", "CL001").replace("test-pack", "cli-pack")
    (other / "pack.yaml").write_text(text, encoding="utf-8")
    (proj / "wttsc-policy.toml").write_text('rules = ["trust-pack"]\n', encoding="utf-8")
    policy_md(proj)
    proc = cli("config", "show", "policy.md", "--rules", str(other), "--format", "json", cwd=proj)
    assert proc.returncode == 0, proc.stderr
    origins = {p["name"]: p["origin"] for p in json.loads(proc.stdout)["rule_packs"]}
    assert origins["test-pack"] == "wttsc-policy.toml"
    assert origins["cli-pack"] == "--rules"
    assert {o for n, o in origins.items() if n not in ("test-pack", "cli-pack")} == {"built-in"}
    text = cli("config", "show", "policy.md", cwd=proj).stdout
    assert "Rule packs:" in text and "# wttsc-policy.toml:" in text and "# built-in:" in text


@pytest.mark.parametrize(
    "content, hint",
    [
        (b"\xef\xbb\xbfschool_name = 'BOM is fine'\n", None),
        (("x = " + "[" * 3000 + "]" * 3000 + "\n").encode(), "nested too deeply"),
        (b"school_name = \xff\n", "utf-8"),
    ],
)
def test_odd_toml_is_a_config_error_not_a_crash(tmp_path: Path, content: bytes, hint: str | None) -> None:
    proj = tmp_path / "proj"
    (proj / ".git").mkdir(parents=True)
    (proj / "wttsc-policy.toml").write_bytes(content)
    policy_md(proj)
    proc = cli("check", "policy.md", cwd=proj)
    if hint is None:
        assert proc.returncode == 1, proc.stderr
    else:
        assert_one_line_error(proc, "wttsc-policy.toml", hint)


def test_baseline_nested_too_deeply_is_a_one_line_error(tmp_path: Path) -> None:
    proj = tmp_path / "proj"
    (proj / ".git").mkdir(parents=True)
    policy_md(proj)
    (proj / "baseline.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert_one_line_error(cli("check", "policy.md", "--baseline", "baseline.json", cwd=proj), "baseline.json", "nested")
