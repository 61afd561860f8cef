"""Run the real CLI on a corpus policy and check what it wrote.

Used by tests/test_draft_quality.py and by `python -m draft_quality.baseline`. The tool is only
driven through `python -m wttsc_policy`; nothing of the package is imported.

For each policy variant (policy.md / policy.txt / policy.docx):
1. `update` with `--output out/<slug>.updated.<ext>` (relative to a scratch working folder, as
   a user types it) and no `--notes` (so the default notes name is tested), `--date
   2026-12-07T09:00:00Z`, and `--as-of` when the CLI has it; a path in the notes written
   relative to the working folder instead of the notes shows up as a broken link;
2. a second `update` of the same input to another output in the same folder (the notes of
   the first run must not block it);
3. `check --format json` on the updated file with the policy's own config;
4. every check in checks.py.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from . import docx_text
from .checks import Defect, run_all
from .data import POLICIES, load_expect
from .draft import Draft
from .text import blocks_for, blocks_from_word

AS_OF = dt.date(2026, 12, 7)
RUN_DATE = "2026-12-07T09:00:00Z"
ROOT = POLICIES.parent.parent.parent


@dataclass
class Variant:
    slug: str
    path: Path

    @property
    def id(self) -> str:
        return f"{self.slug}[{self.path.suffix[1:]}]"

    @property
    def folder(self) -> Path:
        return self.path.parent


@dataclass
class Result:
    variant: Variant
    output: Path
    notes: Path | None
    update: subprocess.CompletedProcess
    defects: list[Defect] = field(default_factory=list)
    draft: Draft | None = None


def variants() -> list[Variant]:
    out = []
    for folder in sorted(p for p in POLICIES.iterdir() if (p / "expect.yaml").is_file()):
        for name in ("policy.md", "policy.txt", "policy.docx"):
            if (folder / name).is_file():
                out.append(Variant(folder.name, folder / name))
    return out


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": os.environ.get("PYTHONPATH", "")}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "wttsc_policy", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


@cache
def supports_as_of(command: str) -> bool:
    """Whether `wttsc-policy COMMAND --help` lists --as-of (the option is being added)."""
    return "--as-of" in cli(command, "--help", cwd=ROOT).stdout


def as_of_args(command: str) -> list[str]:
    return ["--as-of", AS_OF.isoformat()] if supports_as_of(command) else []


def _new_notes(folder: Path, before: set[Path]) -> Path | None:
    found = sorted(p for p in folder.rglob("*") if p.is_file() and ".changes." in p.name and p not in before)
    return found[0] if found else None


def _blocks(path: Path, accept: bool = True):
    if path.suffix == ".docx":
        return blocks_from_word(docx_text.paragraphs(path, "accept" if accept else "as_is"))
    return blocks_for(path.suffix, path.read_text(encoding="utf-8"))


def run_variant(variant: Variant, work: Path) -> Result:
    """Update one policy in `work`, check the result, and return every defect found."""
    work.mkdir(parents=True, exist_ok=True)
    out_dir = work / "out"
    out_dir.mkdir(exist_ok=True)
    ext = variant.path.suffix
    output = out_dir / f"{variant.slug}.updated{ext}"
    before = {p for p in work.rglob("*") if p.is_file()}
    # the output is given relative to the working folder, as a user types it
    update = cli(
        "update",
        str(variant.path),
        "--output",
        str(output.relative_to(work)),
        "--date",
        RUN_DATE,
        *as_of_args("update"),
        cwd=work,
    )
    notes = _new_notes(work, before)
    result = Result(variant, output, notes, update)
    expect = load_expect(variant.folder)
    defects: list[Defect] = []
    if update.returncode != 0:
        defects.append(Defect("notes_quality", f"update exit {update.returncode}", update.stderr.strip()[-300:]))
    if not output.exists():
        defects.append(Defect("outdated_left", str(output.name), "update wrote no updated policy"))
        result.defects = defects
        return result
    check = cli(
        "check",
        str(output),
        "--format",
        "json",
        "--fail-on",
        "never",
        "--config",
        str(variant.folder / "wttsc-policy.toml"),
        *as_of_args("check"),
        cwd=work,
    )
    report = (
        json.loads(check.stdout)
        if check.returncode in (0, 1) and check.stdout.strip().startswith("{")
        else {"files": [{"path": str(output), "error": check.stderr.strip()[-300:], "findings": []}]}
    )
    draft = Draft.build(
        _blocks(variant.path, accept=False),
        _blocks(output),
        notes.read_text(encoding="utf-8") if notes else "",
        expect,
        AS_OF,
        notes_path=notes,
        output_path=output,
        check_report=report,
    )
    defects.extend(run_all(draft))
    # a second update of the same input to another output, in the same folder
    second = out_dir / f"{variant.slug}-second{ext}"
    before = {p for p in work.rglob("*") if p.is_file()}
    again = cli(
        "update",
        str(variant.path),
        "--output",
        str(second.relative_to(work)),
        "--date",
        RUN_DATE,
        *as_of_args("update"),
        cwd=work,
    )
    if again.returncode != 0:
        defects.append(
            Defect(
                "notes_quality", "second update to another output failed", (again.stderr or again.stdout).strip()[-200:]
            )
        )
    else:
        second_notes = _new_notes(work, before)
        if second_notes is None:
            defects.append(Defect("notes_quality", second.name, "the second update wrote no notes of its own"))
    result.defects = defects
    result.draft = draft
    return result
