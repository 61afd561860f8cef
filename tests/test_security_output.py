"""Document text in every output (audit issue 16, MEDIUM and LOW): escaped, never obeyed.

A policy carrying HTML, a markdown image pointing at a remote server, a terminal escape
sequence and bidi override characters: the change notes (markdown and HTML), the text
report, GitHub annotations and the dashboard show them as text, fetch nothing, run
nothing, and keep the order of the characters as stored.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from hostile_support import OUTDATED, body_xml, cli, docx, pack, project

ESC = "\x1b"
RLO = "\u202e"
# Each line: an outdated citation (so it is changed and quoted) next to hostile text.
HOSTILE_LINES = [
    f"<script>alert(1)</script> {OUTDATED}",
    f"![tracker](https://evil.example/pixel.png) {OUTDATED}",
    f"[click](javascript:alert(1)) {OUTDATED}",
    f"{ESC}[31mred{ESC}[0m {ESC}]0;title{chr(7)} {OUTDATED}",
    f"txt{RLO}.exe {OUTDATED}",  # inside the line: a leading invisible is left out of the match
    f'<img src="https://evil.example/x.png"> CCGs and {OUTDATED}',
]


def _hostile_policy(root: Path) -> Path:
    """A plain-text policy (text is taken as written) and a pack whose rule quotes each
    hostile line whole, so the hostile text is in every finding and every change."""
    path = root / "policy.txt"
    body = "\n\n".join(f"{line} zebra." for line in HOSTILE_LINES)
    path.write_text(f"Child protection policy\n\n{body}\n", encoding="utf-8")
    pack(root / "quote-pack", pattern=r"[^\n]{1,200} zebra", replacement="fixed text")
    return path


def _cli(*args: str, cwd: Path, env: dict[str, str] | None = None):
    return cli(*args, "--rules", str(cwd / "quote-pack"), cwd=cwd, env=env)


def _no_live_markup(text: str, *, markdown: bool = False) -> None:
    """No tag, link or image that a viewer would act on; no control or bidi character.
    In markdown, escaped forms (a backslash before '<' or ']') are text, not markup."""
    if markdown:
        assert not re.search(r"(?<!\\)<[a-zA-Z/]", text), "raw HTML passed through"
        assert not re.search(r"(?<!\\)\]\((https?|javascript):", text), "a live markdown link or image"
    else:
        low = text.lower()
        assert "<script" not in low and "<img" not in low and "<b " not in low, "raw HTML passed through"
        assert not re.search(r"""(src|href)=["']?(https?:|javascript:)""", text), "would load or run something"
    assert ESC not in text and RLO not in text, "control or bidi characters passed through"


def test_markdown_and_html_notes_escape_document_text(tmp_path: Path) -> None:
    root = project(tmp_path)
    _hostile_policy(root)
    proc = _cli("update", "policy.txt", cwd=root)
    assert proc.returncode == 0, proc.stderr
    notes = (root / "policy.changes.md").read_text(encoding="utf-8")
    _no_live_markup(notes, markdown=True)
    assert "\\<script\\>" in notes  # shown as text
    proc = _cli("update", "policy.txt", "--notes-format", "html", "-o", "second.txt", cwd=root)
    assert proc.returncode == 0, proc.stderr
    html = (root / "second.changes.html").read_text(encoding="utf-8")  # named after the output
    _no_live_markup(html)
    assert "&lt;script&gt;" in html
    assert "Content-Security-Policy" in html


def test_text_report_never_sends_escape_sequences(tmp_path: Path) -> None:
    root = project(tmp_path)
    _hostile_policy(root)
    for env in ({}, {"NO_COLOR": ""}):  # plain, and rich markup (colour forced off by CI in both)
        proc = _cli("check", "policy.txt", cwd=root, env=env)
        assert proc.returncode == 1, proc.stderr
        assert ESC not in proc.stdout + proc.stderr
        assert RLO not in proc.stdout
        assert "\\x1b[31m" in proc.stdout and "<U+202E>" in proc.stdout


def test_github_annotations_and_summary_escape_document_text(tmp_path: Path) -> None:
    root = project(tmp_path)
    _hostile_policy(root)
    summary = root / "summary.md"
    proc = _cli("check", "policy.txt", "--format", "github", cwd=root, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert proc.returncode == 1, proc.stderr
    assert ESC not in proc.stdout and RLO not in proc.stdout
    table = summary.read_text(encoding="utf-8")
    assert ESC not in table and RLO not in table and "<script" not in table.lower()


def test_step_summary_in_a_missing_folder_is_a_warning(tmp_path: Path) -> None:
    root = project(tmp_path)
    _hostile_policy(root)
    missing = root / "no-such-folder" / "summary.md"
    proc = _cli("check", "policy.txt", "--format", "github", cwd=root, env={"GITHUB_STEP_SUMMARY": str(missing)})
    assert proc.returncode == 1
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "GITHUB_STEP_SUMMARY" in lines[0] and "internal error" not in lines[0], lines
    assert "::" in proc.stdout  # the annotations were still printed


def test_dashboard_shows_bidi_characters_as_text(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "school").mkdir()
    _hostile_policy(root / "school")
    (root / "school" / "w.docx").write_bytes(docx({"word/document.xml": body_xml(f"{RLO}gnp.exe {OUTDATED}")}))
    proc = cli("report", "school", "-o", "report.html", "--rules", str(root / "school" / "quote-pack"), cwd=root)
    assert proc.returncode == 0, proc.stderr
    html = (root / "report.html").read_text(encoding="utf-8")
    _no_live_markup(html)
    assert "Content-Security-Policy" in html


def test_error_lines_show_odd_file_names_safely(tmp_path: Path) -> None:
    root = project(tmp_path)
    name = f"evil{ESC}[2J{RLO}.docx"
    (root / name).write_bytes(b"not a zip")
    proc = cli("check", ".", cwd=root)
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and ESC not in proc.stderr and RLO not in proc.stderr, lines
    assert "evil\\x1b[2J<U+202E>.docx" in lines[0]
    assert os.path.exists(root / name)
