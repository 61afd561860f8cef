"""`wttsc-policy check` through the real command line: formats, exit codes, errors."""

from __future__ import annotations

import json
from pathlib import Path

OLD = "# Legislation\n\nThis policy follows Working Together to Safeguard Children 2018.\n"
DECOY = "# Legislation\n\nWe follow the Data Protection Act 2018 and Working Together to Safeguard Children.\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_outdated_citation_exits_1_with_location(tmp_path, run_cli):
    path = write(tmp_path, "policy.md", OLD)
    res = run_cli("check", str(path), "--select", "WT001")
    assert res.returncode == 1, res.stderr
    assert "WT001" in res.stdout and "line 3:" in res.stdout
    assert "Working Together to Safeguard Children 2018" in res.stdout


def test_json_payload_only_on_stdout(tmp_path, run_cli):
    path = write(tmp_path, "policy.md", OLD)
    res = run_cli("check", str(path), "--select", "WT001", "--format", "json")
    data = json.loads(res.stdout)  # nothing but the payload
    finding = data["files"][0]["findings"][0]
    assert finding["rule"] == "WT001" and finding["line"] == 3 and finding["column"] == len("This policy follows ") + 1
    assert OLD[finding["span"]["start"] : finding["span"]["end"]] == finding["match"]
    assert finding["heading"] == "Legislation"
    assert data["tool"]["name"] == "wttsc-policy" and data["rule_packs"]


def test_decoys_exit_0(tmp_path, run_cli):
    path = write(tmp_path, "policy.md", DECOY)
    res = run_cli("check", str(path), "--select", "WT001")
    assert res.returncode == 0, res.stdout
    assert "no outdated content" in res.stdout


def test_fail_on_threshold(tmp_path, run_cli):
    path = write(tmp_path, "policy.md", OLD)
    assert run_cli("check", str(path), "--select", "WT001", "--fail-on", "never").returncode == 0
    assert run_cli("check", str(path), "--select", "WT001", "--fail-on", "error").returncode == 1


def test_ignore_removes_rule(tmp_path, run_cli):
    path = write(tmp_path, "policy.md", OLD)
    res = run_cli("check", str(path), "--select", "WT001", "--ignore", "WT001", "--format", "json")
    assert json.loads(res.stdout)["files"][0]["findings"] == []


def test_unreadable_file_is_reported_and_others_checked(tmp_path, run_cli):
    good = write(tmp_path, "good.md", OLD)
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip at all")
    res = run_cli("check", str(bad), str(good), "--select", "WT001", "--format", "json")
    assert res.returncode == 2
    data = json.loads(res.stdout)
    assert data["files"][0]["error"] and data["files"][1]["findings"]
    assert res.stderr.strip().count("\n") == 0 and "bad.docx" in res.stderr
    assert "Traceback" not in res.stderr


def test_output_file_keeps_exit_code(tmp_path, run_cli):
    path = write(tmp_path, "policy.md", OLD)
    out = tmp_path / "report.json"
    res = run_cli("check", str(path), "--select", "WT001", "--format", "json", "--output", str(out))
    assert res.returncode == 1 and res.stdout == ""
    assert json.loads(out.read_text())["summary"]["findings"] == 1


def test_missing_path_and_bad_extension(tmp_path, run_cli):
    res = run_cli("check", str(tmp_path / "nope.md"))
    assert res.returncode == 2 and "file not found" in res.stderr
    odd = write(tmp_path, "policy.odt", "x")
    res = run_cli("check", str(odd))
    assert res.returncode == 2 and "unsupported file type" in res.stderr


def test_bad_rule_pack_names_file_rule_and_field(tmp_path, run_cli):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(
        "pack: {name: p, title: P, from_edition: a, to_edition: b, version: '1'}\n", encoding="utf-8"
    )
    (pack / "r.yaml").write_text(
        "rules:\n  - id: TR001\n    title: t\n    kind: outdated_reference\n    severity: loud\n", encoding="utf-8"
    )
    res = run_cli("rules", "validate", str(pack))
    assert res.returncode == 2
    assert "r.yaml" in res.stderr and "TR001" in res.stderr and "severity" in res.stderr
    assert "Traceback" not in res.stderr


def test_rules_list_json_shape(run_cli):
    data = json.loads(run_cli("rules", "list", "--format", "json").stdout)
    assert {"rules", "not_applicable"} <= set(data)
    first = data["rules"][0]
    assert {"id", "title", "kind", "severity", "covers", "source"} <= set(first)


def test_rules_schema_is_json_schema(run_cli):
    schema = json.loads(run_cli("rules", "schema").stdout)
    assert "properties" in schema and "rules" in schema["properties"]


def test_version_and_help(run_cli):
    assert run_cli("--version").stdout.startswith("wttsc-policy ")
    res = run_cli("--help")
    assert res.returncode == 0 and "check" in res.stdout and "update" in res.stdout


def test_text_report_labels_header_and_footer_findings(tmp_path, run_cli):
    from docx_factory import sample_policy

    path = sample_policy(tmp_path / "sample.docx")
    res = run_cli("check", str(path), "--select", "WT001")
    assert "(page footer)" in res.stdout and "footer paragraph 1" in res.stdout
