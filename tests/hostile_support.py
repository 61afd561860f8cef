"""Helpers for the security tests (test_security_*.py): the real CLI in a subprocess,
hostile inputs built on the fly, and the assertions every hostile case shares."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import yaml

from test_hostile import CONTENT_TYPES, PACKAGE_RELS, W, body_xml

GUARD_SECONDS = 90  # a hang fails the test instead of blocking CI; far below the pathological times
OUTDATED = "Staff follow Working Together to Safeguard Children 2018 and the local procedures."


def cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: int = GUARD_SECONDS
) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "NO_COLOR": "1", "CI": "1", **(env or {})}
    for name in ("GITHUB_ACTIONS", "WTTSC_POLICY_DEBUG", "WTTSC_POLICY_FAULT", "GITHUB_STEP_SUMMARY"):
        if name not in (env or {}):
            full.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "wttsc_policy", *args],
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every regular file under `folder` (not .git) with its bytes."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if ".git" in p.parts or p.is_symlink() or not p.is_file():
            continue
        out[str(p.relative_to(folder))] = p.read_bytes()
    return out


def assert_one_line_error(proc: subprocess.CompletedProcess[str], name: str, *hints: str) -> str:
    """Exit 2, exactly one stderr line naming the file, no traceback, no internal error."""
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 2, (proc.returncode, proc.stdout[-1500:], proc.stderr[-1500:])
    assert len(lines) == 1, proc.stderr
    assert name in lines[0], lines[0]
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "internal error" not in lines[0], lines[0]
    for hint in hints:
        assert hint.lower() in lines[0].lower(), (hint, lines[0])
    return lines[0]


def no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    assert "internal error" not in proc.stderr, proc.stderr


def project(tmp_path: Path) -> Path:
    """A folder that is a project root (config discovery stops here)."""
    root = tmp_path / "project"
    root.mkdir()
    (root / ".git").mkdir()
    return root


def policy_md(folder: Path, name: str = "policy.md", text: str = OUTDATED) -> Path:
    path = folder / name
    path.write_text(f"# Child protection policy\n\n{text}\n", encoding="utf-8")
    return path


def docx(parts: dict[str, str | bytes], *, entries: list[tuple[str, str | bytes]] | None = None) -> bytes:
    """A .docx-shaped zip (content types, package rels, a main part) plus `parts`, and
    raw `entries` appended as they are (duplicates and odd names included)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", parts.pop("[Content_Types].xml", CONTENT_TYPES))
        zf.writestr("_rels/.rels", parts.pop("_rels/.rels", PACKAGE_RELS))
        if "word/document.xml" not in parts:
            zf.writestr("word/document.xml", body_xml())
        for name, data in parts.items():
            zf.writestr(name, data)
        for name, data in entries or []:
            zf.writestr(zipfile.ZipInfo(name), data)
    return buf.getvalue()


def pack(
    folder: Path,
    *,
    replacement: str = "child protection",
    pattern: str | dict[str, str] = "safeguarding",
    clause: str = "",
) -> Path:
    """A one-rule pack (id TR001) in `folder`; `clause` adds a missing-topic rule TR002."""
    folder.mkdir(parents=True, exist_ok=True)
    rules: list[dict[str, object]] = [
        {
            "id": "TR001",
            "title": "Test rule",
            "kind": "outdated_reference",
            "severity": "error",
            "source": "Test",
            "chapter": "Test",
            "patterns": [pattern],
            "replacement": replacement,
            "message": "Test message",
            "rationale": "Test rationale",
            "examples": {"fires": ["we do safeguarding"], "passes": ["nothing here"]},
        }
    ]
    if clause:
        (folder / "clauses").mkdir(exist_ok=True)
        (folder / "clauses" / "topic.md.j2").write_text(clause, encoding="utf-8")
        rules.append(
            {
                "id": "TR002",
                "title": "Topic rule",
                "kind": "missing_topic",
                "severity": "warning",
                "source": "Test",
                "chapter": "Test",
                "cues": ["zebra crossing"],
                "clause": "clauses/topic.md.j2",
                "message": "Missing topic",
                "rationale": "Test rationale",
                "examples": {"fires": ["nothing about it"], "passes": ["a zebra crossing"]},
            }
        )
    meta = {"name": "test-pack", "title": "Test pack", "from_edition": "a", "to_edition": "b", "version": "1"}
    (folder / "pack.yaml").write_text(yaml.safe_dump({"pack": meta, "rules": rules}), encoding="utf-8")
    return folder


__all__ = ["W", "body_xml"]
