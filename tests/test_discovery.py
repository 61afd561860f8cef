"""Which files `check` reads: folders walked, lock files/hidden folders/excludes skipped,
parallel jobs, one unreadable file reported while the rest are checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from paths import ROOT
from trust_support import FOCUS, build_docx, make_repo, run_json, write_policy
from wttsc_policy.commands import check as check_cmd

TRUST = ROOT / "examples" / "trust"


def checked(payload: dict, base: Path | None = None) -> list[str]:
    return [Path(f["path"]).as_posix() for f in payload["files"]]


def tree(root: Path) -> Path:
    make_repo(root)
    (root / "wttsc-policy.toml").write_text(
        'select = ["WT001", "WT007"]\nexclude = ["archive/**", "**/drafts/**", "*.old.md"]\n', encoding="utf-8"
    )
    write_policy(root / "schools" / "a")
    build_docx(
        root / "schools" / "b" / "policy.docx", ["# Policy", "We follow Working Together to Safeguard Children 2018."]
    )
    (root / "schools" / "b" / "~$policy.docx").write_bytes(b"\x00lock")
    write_policy(root / "schools" / "c", name="policy.txt")
    write_policy(root / "schools" / "c", name="notes.old.md")
    write_policy(root / "schools" / "c" / "drafts", name="next-year.md")
    write_policy(root / "schools" / "c", name="scan.pdf", text="%PDF-1.4")
    write_policy(root / "schools" / "d" / "private", name="own.md")
    (root / "schools" / "d" / "wttsc-policy.toml").write_text('exclude = ["private"]\n', encoding="utf-8")
    write_policy(root / "archive", name="2019.md")
    write_policy(root / ".hidden", name="secret.md")
    write_policy(root / "schools" / "a", name=".scratch.md")
    return root


def test_folder_walk_skips_what_it_should(run_cli, tmp_path):
    root = tree(tmp_path / "trust")
    proc, payload = run_json(run_cli, ".", cwd=root)
    assert proc.returncode == 1, proc.stderr
    assert checked(payload) == ["schools/a/policy.md", "schools/b/policy.docx", "schools/c/policy.txt"]


def test_school_excludes_add_to_trust_excludes(run_cli, tmp_path):
    root = tree(tmp_path / "trust")
    _, payload = run_json(run_cli, "schools", cwd=root)
    assert not any(p.startswith("schools/d/") for p in checked(payload))
    _, payload = run_json(run_cli, "schools/c", cwd=root)
    assert checked(payload) == ["schools/c/policy.txt"]


def test_explicit_file_is_checked_even_when_excluded(run_cli, tmp_path):
    root = tree(tmp_path / "trust")
    _, payload = run_json(run_cli, "archive/2019.md", "schools/a", "schools/a/policy.md", cwd=root)
    assert checked(payload) == ["archive/2019.md", "schools/a/policy.md"]  # and no duplicate


@pytest.mark.skipif(not TRUST.is_dir(), reason="examples/trust not present")
def test_example_trust_walk(run_cli):
    _, payload = run_json(run_cli, "examples/trust")
    paths = checked(payload)
    assert len({Path(p).parent for p in paths}) >= 3
    assert all(p.startswith("examples/trust/schools/") for p in paths)
    assert not any("~$" in p or "/." in p or "/archive/" in p for p in paths)
    on_disk = [p for p in TRUST.rglob("*") if p.is_file() and p.suffix in (".md", ".docx", ".txt")]
    assert any("~$" in p.name for p in on_disk) and any("archive" in p.parts for p in on_disk)
    assert all(f["error"] is None for f in payload["files"])


def test_jobs_give_the_same_report_in_the_same_order(run_cli, tmp_path):
    root = tree(tmp_path / "trust")
    for i in range(6):
        write_policy(root / "schools" / f"extra{i}")
    outputs = [run_cli("check", "--format", "json", "--jobs", str(j), ".", cwd=root) for j in (1, 4)]
    assert outputs[0].returncode == outputs[1].returncode == 1
    assert outputs[0].stdout == outputs[1].stdout
    assert outputs[0].stderr == outputs[1].stderr == ""  # no progress bar when not a terminal


def test_one_unreadable_file_is_reported_and_the_rest_checked(run_cli, tmp_path):
    root = tree(tmp_path / "trust")
    (root / "schools" / "a" / "broken.docx").write_bytes(b"not a zip at all")
    (root / "schools" / "a" / "latin1.md").write_bytes("Caf\xe9 policy".encode("latin-1"))
    proc, payload = run_json(run_cli, "--jobs", "2", ".", cwd=root)
    assert proc.returncode == 2
    errors = {Path(f["path"]).name: f["error"] for f in payload["files"] if f["error"]}
    assert set(errors) == {"broken.docx", "latin1.md"}
    good = [f for f in payload["files"] if not f["error"]]
    assert len(good) == 3 and all(f["findings"] for f in good)
    stderr = proc.stderr.strip().splitlines()
    assert len(stderr) == 2 and all("broken.docx" in l or "latin1.md" in l for l in stderr)
    # --output never changes the exit code
    assert run_cli("check", *FOCUS, ".", "--output", "report.txt", cwd=root).returncode == 2
    assert (root / "report.txt").is_file()


def test_missing_path_is_reported_not_fatal(run_cli, tmp_path):
    root = tree(tmp_path / "trust")
    proc, payload = run_json(run_cli, "nope.md", "schools/a", cwd=root)
    assert proc.returncode == 2
    assert [bool(f["error"]) for f in payload["files"]] == [True, False]


def test_progress_bar_only_on_a_terminal_outside_ci(monkeypatch):
    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(check_cmd.sys, "stderr", Tty())
    monkeypatch.delenv("CI", raising=False)
    assert check_cmd.show_progress() is True
    monkeypatch.setenv("CI", "true")
    assert check_cmd.show_progress() is False


def test_unexpected_error_in_one_file_does_not_stop_the_run(monkeypatch, tmp_path, capsys):
    import json

    from wttsc_policy.cli import main as cli_main

    root = tree(tmp_path / "trust")
    real = check_cmd.check_file

    def flaky(path, opts, **kw):
        if Path(path).suffix == ".txt":
            raise KeyError("simulated reader bug")
        return real(path, opts, **kw)

    monkeypatch.setattr(check_cmd, "check_file", flaky)
    monkeypatch.delenv("WTTSC_POLICY_DEBUG", raising=False)
    monkeypatch.chdir(root)
    code = cli_main(["check", "--format", "json", "--jobs", "1", "."])
    assert code == 2
    payload = json.loads(capsys.readouterr().out)
    errors = {Path(f["path"]).name: f["error"] for f in payload["files"] if f["error"]}
    assert list(errors) == ["policy.txt"] and "simulated reader bug" in errors["policy.txt"]
    assert sum(1 for f in payload["files"] if f["findings"]) == 2


def test_pre_commit_hooks_match_policies_but_not_lock_files():
    import re

    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} >= {"wttsc-policy"}
    for hook in hooks:
        assert hook["entry"].startswith("wttsc-policy check")
        files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
        for name in ("schools/a/policy.docx", "policy.md", "notes/policy.txt"):
            assert files.search(name) and not exclude.search(name)
        for name in ("schools/a/policy.pdf", "policy.doc", "policy.md.bak"):
            assert not files.search(name)
        assert exclude.search("schools/a/~$policy.docx")


def test_no_policy_files_is_a_usage_error(run_cli, tmp_path):
    root = tree(tmp_path / "trust")
    proc = run_cli("check", "archive", "schools/d", cwd=root)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "no policy files" in proc.stderr and "archive" in proc.stderr
    for command in ("baseline", "report"):
        proc = run_cli(command, "archive", "--output", "out", cwd=root)
        assert proc.returncode == 2 and "no policy files" in proc.stderr
        assert not (root / "out").exists()
