"""GitHub workflow commands: chosen under Actions, escaped, capped, full list in the summary."""

from __future__ import annotations

import json
import re
from pathlib import Path

from editions_now import WTTSC_NOW
from trust_support import FOCUS, build_docx, make_repo, write_policy
from wttsc_policy.render.github import escape_data, escape_property

COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def unescape(value: str) -> str:
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def parse(stdout: str) -> tuple[list[dict], list[str]]:
    commands, plain = [], []
    for line in stdout.splitlines():
        m = COMMAND.match(line)
        if not m:
            plain.append(line)
            continue
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        commands.append(
            {"level": m.group(1), **{k: unescape(v) for k, v in props.items()}, "message": unescape(m.group(3))}
        )
    return commands, plain


def test_escaping_rules():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("WT043: a, b") == "WT043%3A a%2C b"
    assert escape_property("100%") == "100%25"


def test_chosen_automatically_under_github_actions(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    write_policy(repo)
    proc = run_cli("check", *FOCUS, "policy.md", cwd=repo, env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": ""})
    assert proc.returncode == 1
    commands, _ = parse(proc.stdout)
    by_title = {c["title"].split(":")[0]: c for c in commands}
    assert by_title["WT001"]["level"] == "error" and by_title["WT007"]["level"] == "warning"
    wt001 = by_title["WT001"]
    assert wt001["file"] == "policy.md" and wt001["line"] == "5"
    line = (repo / "policy.md").read_text(encoding="utf-8").splitlines()[4]
    start, end = int(wt001["col"]), int(wt001["endColumn"])
    assert line[start - 1 : end - 1] == "Working Together to Safeguard Children 2018"
    assert WTTSC_NOW in wt001["message"]
    # without GITHUB_ACTIONS the default is the text report
    plain = run_cli("check", *FOCUS, "policy.md", cwd=repo)
    assert "::error" not in plain.stdout


def test_messages_with_special_characters_round_trip(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    write_policy(repo / "a, b: c%")
    proc = run_cli("check", "--format", "github", *FOCUS, "a, b: c%/policy.md", cwd=repo)
    commands, _ = parse(proc.stdout)
    assert commands and {c["file"] for c in commands} == {"a, b: c%/policy.md"}
    assert all("\n" in c["message"] for c in commands)  # multi-line messages were escaped, then restored


def test_docx_annotations_have_no_line_but_say_the_paragraph(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    build_docx(repo / "p.docx", ["# Policy", "We follow Working Together to Safeguard Children 2018."])
    proc = run_cli("check", "--format", "github", *FOCUS, "p.docx", cwd=repo)
    (cmd,) = parse(proc.stdout)[0]
    assert "line" not in cmd and cmd["file"] == "p.docx"
    assert "paragraph 2" in cmd["message"]


def test_caps_per_level_and_full_list_in_step_summary(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    body = "\n\n".join(
        f"Paragraph {i}: Working Together to Safeguard Children 2018 and domestic violence." for i in range(14)
    )
    write_policy(repo, text="# Policy\n\n" + body + "\n")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    proc = run_cli(
        "check", "--format", "github", *FOCUS, "policy.md", cwd=repo, env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert proc.returncode == 1
    commands, plain = parse(proc.stdout)
    levels = [c["level"] for c in commands]
    assert levels.count("error") == 10 and levels.count("warning") == 10
    total = len(
        json.loads(run_cli("check", "--format", "json", *FOCUS, "policy.md", cwd=repo).stdout)["files"][0]["findings"]
    )
    assert total == 28
    (note,) = [p for p in plain if "left out" in p]
    assert f"{total - 20} more annotation" in note
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n")  # appended, not overwritten
    rows = [line for line in text.splitlines() if line.startswith("| ") and "policy.md" in line]
    assert len(rows) == total
    assert sum("WT001" in r for r in rows) == 14


def test_unused_suppression_is_a_warning_annotation(run_cli, tmp_path):
    repo = make_repo(tmp_path / "repo")
    text = Path(write_policy(repo)).read_text(encoding="utf-8")
    (repo / "policy.md").write_text(
        text.replace("## 2.", "<!-- wttsc-policy: ignore WT001 -- not here -->\n\n## 2."), encoding="utf-8"
    )
    commands, _ = parse(run_cli("check", "--format", "github", *FOCUS, "policy.md", cwd=repo).stdout)
    unused = [c for c in commands if "unused suppression" in c["message"]]
    assert len(unused) == 1 and unused[0]["level"] == "warning" and unused[0]["line"] == "7"


def test_summary_stays_under_one_mebibyte_with_errors_first():
    from wttsc_policy.findings import FileResult, Finding
    from wttsc_policy.render import ReportContext
    from wttsc_policy.render.github import SUMMARY_LIMIT_BYTES, summary_markdown

    def finding(i: int, severity: str) -> Finding:
        return Finding(
            rule="WT007", kind="outdated_reference", severity=severity, title="t", message="m" * 300, line=i, column=1
        )

    results = [
        FileResult(
            path=f"s{n}/policy.md",
            format="markdown",
            findings=[finding(i, "info" if i % 50 else "error") for i in range(100)],
        )
        for n in range(60)
    ]
    text, complete = summary_markdown(results, ReportContext(version="0"), omitted=0)
    assert not complete and len(text.encode("utf-8")) < SUMMARY_LIMIT_BYTES
    rows = [line for line in text.splitlines() if line.startswith("| ") and "policy.md" in line]
    errors = sum(1 for r in results for f in r.findings if f.severity == "error")
    assert all(r.startswith("| error |") for r in rows[:errors]) and rows[errors].startswith("| info |")
    assert f"{6000 - len(rows)} more row(s) left out" in text
