"""Drive wttsc-policy through its command line only (its internals are being refactored)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .plant import PHRASE

DATE = "2026-01-01T00:00:00Z"
AUTHOR = "wttsc-policy"
# Every missing-topic clause goes in (no growth budget): the harness measures how the Word
# writer copes with each document's structures, so it inserts as much as it can.
CONFIG = "growth_budget = 100\n"


@dataclass
class Tool:
    python: str = sys.executable
    timeout: int = 180

    def _run(self, args: list[str], cwd: Path) -> subprocess.CompletedProcess:
        env = {**os.environ, "NO_COLOR": "1"}
        env.pop("GITHUB_ACTIONS", None)
        return subprocess.run(  # noqa: PLW1510 - the caller reads returncode
            [self.python, "-m", "wttsc_policy", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=self.timeout,
        )

    def check(self, files: list[Path], cwd: Path) -> tuple[int, dict | None, str]:
        """(exit code, parsed JSON or None, stderr) of `check --format json` on several files."""
        proc = self._run(["check", "--format", "json", "--fail-on", "never", "--jobs", "1", *map(str, files)], cwd)
        try:
            payload = json.loads(proc.stdout) if proc.stdout.strip() else None
        except json.JSONDecodeError:
            payload = None
        return proc.returncode, payload, proc.stderr

    def update(self, src: Path, out: Path, notes: Path, cwd: Path) -> subprocess.CompletedProcess:
        config = cwd / "wttsc-policy.toml"
        config.write_text(CONFIG, encoding="utf-8")
        return self._run(
            [
                "update",
                str(src),
                "--config",
                str(config),
                "--output",
                str(out),
                "--notes",
                str(notes),
                "--date",
                DATE,
                "--author",
                AUTHOR,
                "--force",
            ],
            cwd,
        )

    def fingerprint(self) -> str:
        """Where the package lives and its version: part of the result cache key."""
        proc = subprocess.run(  # noqa: PLW1510 - the caller reads returncode
            [
                self.python,
                "-c",
                "import wttsc_policy, os; print(os.path.dirname(wttsc_policy.__file__)); print(wttsc_policy.__version__)",
            ],
            capture_output=True,
            text=True,
        )
        return proc.stdout + CONFIG


def planted_findings(payload: dict | None, path: Path) -> list[dict]:
    """WT001 findings on the planted phrase for one file of a check report."""
    if not payload:
        return []
    for f in payload.get("files", []):
        if Path(f.get("path", "")).resolve() == path.resolve():
            return [x for x in f.get("findings", []) if x.get("rule") == "WT001" and PHRASE in (x.get("match") or "")]
    return []


def file_error(payload: dict | None, path: Path) -> str | None:
    if not payload:
        return "no JSON"
    for f in payload.get("files", []):
        if Path(f.get("path", "")).resolve() == path.resolve():
            return f.get("error")
    return "file missing from the report"


_SECTION = re.compile(r"^#+\s*Not changed automatically\s*$", re.M)


def hand_edit_rows(notes: str) -> list[str]:
    """Rows of the notes' 'Not changed automatically' table that name the planted phrase."""
    m = _SECTION.search(notes)
    if not m:
        return []
    rest = notes[m.end() :]
    nxt = re.search(r"^#+\s", rest, re.M)
    block = rest[: nxt.start()] if nxt else rest
    return [line for line in block.splitlines() if line.startswith("|") and PHRASE in line]
