"""A real client: LibreOffice opens each redline, Reject All gives the original's text and
Accept All gives the expected text; every change is tracked by our author and commented.

Locally this skips (with the reason) when LibreOffice or its Python bridge is missing;
with the CI environment variable set it fails instead, so CI can never pass silently.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docx_factory import sample_policy
from lo.invariants import copy_example, generated_policy, plan_for
from paths import ROOT
from wttsc_policy.ooxml.resolve import resolve_docx

pytestmark = pytest.mark.libreoffice

LO_PYTHON = "/usr/bin/python3"
LO_CHECK = Path(__file__).resolve().parent / "lo" / "lo_check.py"
AUTHOR = "wttsc-policy"


def _missing() -> str | None:
    if shutil.which("soffice") is None:
        return "LibreOffice is not installed (apt-get install libreoffice-writer python3-uno)"
    if not Path(LO_PYTHON).exists():
        return f"{LO_PYTHON} not found (the uno bridge is Debian's python3-uno)"
    probe = subprocess.run([LO_PYTHON, "-c", "import uno"], capture_output=True, text=True)
    if probe.returncode != 0:
        return "python3-uno is not installed: `import uno` fails under /usr/bin/python3"
    return None


@pytest.fixture(scope="module")
def lo_reports(tmp_path_factory):
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"LibreOffice integration test cannot run in CI: {reason}")
        pytest.skip(reason)
    work = tmp_path_factory.mktemp("lo")
    examples = sorted(p for p in (ROOT / "examples").rglob("*.docx") if not p.name.startswith("~$"))
    originals = [copy_example(p, work / f"example-{n}", ROOT / "examples") for n, p in enumerate(examples)]
    originals.append(sample_policy(work / "sample.docx"))
    originals.extend(generated_policy(work / f"generated-{seed}.docx", seed) for seed in (1, 4))
    cases = []
    for original in originals:
        result = subprocess.run(
            [sys.executable, "-m", "wttsc_policy", "update", str(original), "--date", "2024-09-01"],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        assert result.returncode == 0, result.stderr
        if "nothing to update" in result.stdout:
            continue
        redline = original.with_name(f"{original.stem}.updated.docx")
        accepted = original.with_name(f"{original.stem}.accepted.docx")
        accepted.write_bytes(resolve_docx(redline.read_bytes(), "accept"))
        cases.append((original, redline, accepted))
    files = [str(p) for case in cases for p in case]
    run = subprocess.run([LO_PYTHON, str(LO_CHECK), *files], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    reports = {r["path"]: r for r in json.loads(run.stdout)}
    return [(o, reports[str(o)], reports[str(r)], reports[str(a)]) for o, r, a in cases]


def test_reject_all_gives_the_original_text(lo_reports):
    for original, before, redline, _ in lo_reports:
        assert redline["rejected"] == before["rejected"], original.name
        assert redline["redlines_after_reject"] == 0


def test_accept_all_gives_the_expected_text(lo_reports):
    for original, _, redline, accepted in lo_reports:
        assert redline["accepted"] == accepted["text"], original.name
        assert redline["redlines_after_accept"] == 0
        assert accepted["redlines"] == {}


def test_every_change_is_tracked_by_our_author(lo_reports):
    for original, before, redline, _ in lo_reports:
        doc, plan, _, _ = plan_for(original)
        ours = redline["redlines"].get(AUTHOR, {})
        replacements = sum(1 for e in plan.edits if e.kind == "replace")
        inserts = any(e.kind == "insert" for e in plan.edits)
        # LibreOffice joins adjacent insertions by one author into one redline, so inserted
        # clauses count at least once; Reject All restoring the original proves the rest.
        assert ours.get("Delete", 0) >= replacements, original.name
        assert ours.get("Insert", 0) >= replacements + int(inserts), original.name
        # changes already in the document are still there, with their authors
        for author, counts in before["redlines"].items():
            assert redline["redlines"].get(author) == counts, (original.name, author)


def test_every_change_has_a_comment(lo_reports):
    for original, before, redline, _ in lo_reports:
        doc, plan, rules, _ = plan_for(original)
        ours = [c for c in redline["comments"] if c["author"] == AUTHOR]
        assert len(ours) == len(plan.edits), original.name
        for edit in plan.edits:
            assert any(edit.rule in c["content"] and "Source:" in c["content"] for c in ours), edit.rule
        for comment in before["comments"]:
            assert comment in redline["comments"]
