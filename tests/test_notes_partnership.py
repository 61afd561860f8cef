"""Change notes name the partnership used in new text, where the name came from and its date."""

from __future__ import annotations

from pathlib import Path

POLICY = """# Child protection policy

## Multi-agency working

We work with the Kent Safeguarding Children Board and Kent County Council.
"""


def _update(tmp_path: Path, run_cli, config: str | None) -> str:
    (tmp_path / "policy.md").write_text(POLICY, encoding="utf-8")
    if config is not None:
        (tmp_path / "wttsc-policy.toml").write_text(config, encoding="utf-8")
    res = run_cli("update", str(tmp_path / "policy.md"), "--date", "2026-01-01T00:00:00Z")
    assert res.returncode == 0, res.stderr
    return (tmp_path / "policy.changes.md").read_text(encoding="utf-8")


def test_configured_authority_names_source_and_date(tmp_path, run_cli):
    from wttsc_policy.partnerships.data import load_dataset, resolve_local_authority

    entry = resolve_local_authority("Kent")
    notes = _update(tmp_path, run_cli, 'local_authority = "Kent"\n')
    section = notes.split("### Local safeguarding partnership", 1)[1].split("###", 1)[0]
    assert entry.partnership in section and entry.source in section
    assert str(load_dataset().as_of) in section
    assert "not configured" not in section
    updated = (tmp_path / "policy.updated.md").read_text(encoding="utf-8")
    assert "[local safeguarding partnership name]" not in updated


def test_inferred_authority_is_said_out_loud(tmp_path, run_cli):
    notes = _update(tmp_path, run_cli, None)
    section = notes.split("### Local safeguarding partnership", 1)[1].split("###", 1)[0]
    assert "not configured" in section and "Kent County Council" in section
