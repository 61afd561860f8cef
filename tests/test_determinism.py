"""Same input, same bytes: every report format of `check`, and every output of `update`,
is identical across two runs (and across --jobs settings), so CI diffs and caches work."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FORMATS = ["text", "json", "sarif", "junit", "github"]
GUARD_SECONDS = 180


def _format_available(fmt: str) -> bool:
    from wttsc_policy.render import FORMATS as MODULES

    module = MODULES.get(fmt)
    return module is not None and importlib.util.find_spec(module) is not None


def cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full = {**os.environ, "NO_COLOR": "1", "CI": "1", **(env or {})}
    full.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "wttsc_policy", *args], cwd=cwd, env=full, capture_output=True, timeout=GUARD_SECONDS
    )


@pytest.fixture(scope="module")
def trust(tmp_path_factory) -> Path:
    """Several policies of both formats in one folder (copies of the examples)."""
    root = tmp_path_factory.mktemp("trust")
    (root / ".git").mkdir()
    for src in sorted(EXAMPLES.glob("*.docx")) + sorted(EXAMPLES.glob("*.md")):
        shutil.copy(src, root / src.name)
    shutil.copy(EXAMPLES / "oakfield-primary-2018.md", root / "copy-of-oakfield.md")
    return root


@pytest.mark.parametrize("fmt", FORMATS)
def test_check_formats_are_byte_identical(trust: Path, fmt: str) -> None:
    if not _format_available(fmt):
        pytest.skip(f"the {fmt} emitter is not built yet")
    outputs = []
    for jobs in ("1", "1", "2"):
        proc = cli("check", ".", "--format", fmt, "--jobs", jobs, cwd=trust)
        assert proc.returncode in (0, 1), proc.stderr.decode()
        assert proc.stdout.strip(), "empty report"
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1], f"{fmt}: two runs differ"
    assert outputs[0] == outputs[2], f"{fmt}: --jobs 2 differs from --jobs 1"


@pytest.mark.parametrize("fmt", FORMATS)
def test_check_report_file_is_byte_identical(trust: Path, tmp_path: Path, fmt: str) -> None:
    if not _format_available(fmt):
        pytest.skip(f"the {fmt} emitter is not built yet")
    digests = []
    for n in range(2):
        out = tmp_path / f"report-{n}.{fmt}"
        proc = cli("check", "oakfield-primary-2018.docx", "--format", fmt, "--output", str(out), cwd=trust)
        assert proc.returncode in (0, 1), proc.stderr.decode()
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def _update_outputs(source: Path, workdir: Path, extra: list[str], env: dict[str, str] | None) -> dict[str, bytes]:
    workdir.mkdir()
    target = workdir / source.name
    shutil.copy(source, target)
    before = set(workdir.iterdir())
    proc = cli("update", target.name, *extra, cwd=workdir, env=env)
    assert proc.returncode == 0, proc.stderr.decode()
    produced = {p.name: p.read_bytes() for p in sorted(set(workdir.iterdir()) - before)}
    assert produced, "update wrote nothing"
    assert target.read_bytes() == source.read_bytes(), "update changed its input"
    return produced


UPDATE_CASES = {
    "docx": ("oakfield-primary-2018.docx", []),
    "markdown": ("oakfield-primary-2018.md", ["--redline"]),
    "html-notes": ("oakfield-primary-2018.md", ["--notes-format", "html"]),
}


@pytest.mark.parametrize("case", sorted(UPDATE_CASES))
@pytest.mark.parametrize("how", ["--date", "SOURCE_DATE_EPOCH"])
def test_update_outputs_are_byte_identical(tmp_path: Path, case: str, how: str) -> None:
    if not (ROOT / "src" / "wttsc_policy" / "commands" / "update.py").exists():
        pytest.skip("update is not built yet")
    name, extra = UPDATE_CASES[case]
    if how == "--date":
        extra, env = [*extra, "--date", "2024-09-01T09:00:00Z"], None
    else:
        env = {"SOURCE_DATE_EPOCH": "1725181200"}
    first = _update_outputs(EXAMPLES / name, tmp_path / "a", extra, env)
    second = _update_outputs(EXAMPLES / name, tmp_path / "b", extra, env)
    assert first.keys() == second.keys()
    for key in first:
        assert first[key] == second[key], f"{key} differs between two runs"


def test_update_docx_is_a_stable_zip(tmp_path: Path) -> None:
    """Parts the update did not touch are copied byte for byte, in the original order."""
    import zipfile

    if not (ROOT / "src" / "wttsc_policy" / "commands" / "update.py").exists():
        pytest.skip("update is not built yet")
    source = EXAMPLES / "oakfield-primary-2018.docx"
    produced = _update_outputs(source, tmp_path / "a", ["--date", "2024-09-01T09:00:00Z"], None)
    redline = next(data for name, data in produced.items() if name.endswith(".docx"))
    import io

    with zipfile.ZipFile(source) as original, zipfile.ZipFile(io.BytesIO(redline)) as updated:
        names = [i.filename for i in original.infolist()]
        new_names = [i.filename for i in updated.infolist()]
        assert new_names[: len(names)] == names
        changed = [n for n in names if original.read(n) != updated.read(n)]
        assert "word/document.xml" in changed
        # text stories, comments and package bookkeeping may change; pictures, themes,
        # fonts, numbering and document properties never do
        editable = re.compile(
            r"^(?:\[Content_Types\]\.xml|(?:.*/)?_rels/.*|word/(?:document|header\d*|footer\d*|footnotes|endnotes|"
            r"comments\w*|people|settings|styles)\.xml)$"
        )
        untouched = [n for n in changed if not editable.match(n)]
        assert not untouched, untouched
        assert {i.date_time for i in updated.infolist()} == {(1980, 1, 1, 0, 0, 0)}
