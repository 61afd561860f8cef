"""Helpers shared by the trust-wide tests: small policies, configs and JSON runs."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

# Two findings that every version of the built-in rules reports: an outdated edition
# of Working Together (WT001, error) and "domestic violence" (WT007, warning).
POLICY_MD = """# {school}: Child Protection Policy

## 1. Statutory framework

This policy follows Working Together to Safeguard Children 2018.

## 2. Specific safeguarding issues

Staff know the signs of domestic violence and report them to the DSL.
"""

FOCUS = ("--select", "WT001,WT007")


def write_policy(folder: Path, school: str = "Oak School", name: str = "policy.md", text: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text if text is not None else POLICY_MD.format(school=school), encoding="utf-8")
    return path


def make_repo(root: Path) -> Path:
    """A folder that stops the config walk-up (as a git checkout's root does)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / ".git").mkdir(exist_ok=True)
    return root


def run_json(
    run_cli, *args: str, cwd: Path | None = None, env: dict | None = None
) -> tuple[subprocess.CompletedProcess, dict]:
    proc = run_cli("check", "--format", "json", *args, cwd=cwd, env=env)
    assert proc.stdout, proc.stderr
    return proc, json.loads(proc.stdout)


def findings_by_file(payload: dict) -> dict[str, list[dict]]:
    return {Path(f["path"]).as_posix(): f["findings"] for f in payload["files"]}


def rules_of(findings: list[dict]) -> list[str]:
    return sorted(f["rule"] for f in findings)


def build_docx(path: Path, paragraphs: list[str], *, comment_on: int | None = None, comment: str = "") -> Path:
    """A .docx with one body paragraph per string; optionally a Word comment anchored on
    paragraph `comment_on` (0-based), made with python-docx's comments API."""
    from docx import Document

    doc = Document()
    for i, text in enumerate(paragraphs):
        if text.startswith("# "):
            doc.add_heading(text[2:], level=1)
        elif text.startswith("## "):
            doc.add_heading(text[3:], level=2)
        else:
            para = doc.add_paragraph(text)
            if i == comment_on:
                doc.add_comment(para.runs, text=comment, author="Safeguarding lead")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def docx_paragraph_texts(path: Path) -> list[str]:
    """Text of every w:p in the body in document order: paragraph N is item N-1."""
    from docx import Document
    from docx.oxml.ns import qn

    body = Document(str(path)).element.body
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]
