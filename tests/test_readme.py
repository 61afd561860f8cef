"""The README's examples work: its config example is valid, its commands exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_config_example_is_valid(tmp_path, run_cli):
    block = re.search(r"```toml\n(.*?)```", README, re.S).group(1)
    (tmp_path / ".git").mkdir()  # a repository: its config may name packs inside it
    (tmp_path / "wttsc-policy.toml").write_text(block, encoding="utf-8")
    pack = tmp_path / "trust-rules"
    pack.mkdir()
    (pack / "pack.yaml").write_text(
        "pack: {name: trust, title: Trust rules, from_edition: '-', to_edition: '-', version: '1'}\n", encoding="utf-8"
    )
    res = run_cli("config", "show", str(tmp_path), "--format", "json")
    assert res.returncode == 0, res.stderr
    assert "Oakfield Primary School" in res.stdout


def test_every_command_in_the_reference_exists(run_cli):
    help_text = run_cli("--help").stdout
    for command in re.findall(r"^\| `([a-z]+)[ `]", README, re.M):
        if command in ("check", "update", "baseline", "report", "rules", "config", "partnerships"):
            assert command in help_text
