"""Golden outputs: what the real CLI prints and writes for every policy in examples/.

Stored under tests/golden/<file>/: `check --format json` (and the text and SARIF reports
of the whole examples folder), and everything `update` writes (the .docx bytes or the
updated markdown and its CriticMarkup redline, the change notes, and what it prints).
A refactor must leave every byte as it was; a change that alters output on purpose
regenerates them and shows the difference in review:

    WTTSC_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py

Paths are given relative to the repository root (so the JSON is stable), the date of
the changes is fixed (`--date` and SOURCE_DATE_EPOCH), and so is the day whose guidance
applies (`--as-of` AS_OF, the editions data horizon): goldens never depend on the day. The temporary output folder and the
repository's own location are replaced by `<out>` / `<root>` before comparing.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("WTTSC_UPDATE_GOLDEN") == "1"
DATE = "2026-01-01T00:00:00Z"
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
SUFFIXES = {".docx", ".md", ".txt"}
AS_OF = "2026-12-07"  # the guidance in force on this day: WTtSC 2026, KCSIE 2026


def policies() -> list[str]:
    """Every policy under examples/, as the tool's folder walk finds them: hidden folders,
    archive/ (excluded by the trust config) and Word lock files are skipped."""
    found: list[str] = []
    for root, dirs, files in os.walk(EXAMPLES):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "archive")
        for name in sorted(files):
            if name.startswith(("~$", ".")) or Path(name).suffix not in SUFFIXES:
                continue
            found.append((Path(root) / name).relative_to(ROOT).as_posix())
    return sorted(found)


POLICIES = policies()


def slug(rel: str) -> str:
    return rel.removeprefix("examples/").replace("/", "__")


def cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    if args and args[0] in ("check", "update"):
        args = (args[0], "--as-of", AS_OF, *args[1:])
    env = {**os.environ, "NO_COLOR": "1", "CI": "1", "SOURCE_DATE_EPOCH": EPOCH}
    env.pop("GITHUB_ACTIONS", None)
    env.pop("GITHUB_STEP_SUMMARY", None)
    return subprocess.run(
        [sys.executable, "-m", "wttsc_policy", *args], cwd=ROOT, env=env, capture_output=True, timeout=300
    )


def _stable(data: bytes, out: Path | None = None) -> bytes:
    """Replace the places that differ between machines (temporary folder, checkout)."""
    if out is not None:
        data = data.replace(str(out).encode(), b"<out>")
    data = data.replace(ROOT.as_uri().encode(), b"<root-uri>")
    return data.replace(str(ROOT).encode(), b"<root>")


def _xml_parts(data: bytes) -> dict[str, str]:
    from lxml import etree

    parts: dict[str, str] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            blob = zf.read(name)
            if name.endswith((".xml", ".rels")):
                with contextlib.suppress(etree.XMLSyntaxError):
                    blob = etree.tostring(etree.fromstring(blob), pretty_print=True)
            parts[name] = blob.decode("utf-8", "replace")
    return parts


def _docx_diff(expected: bytes, actual: bytes) -> str:
    """The XML parts that differ, as unified diffs (the zips themselves are opaque)."""
    try:
        old, new = _xml_parts(expected), _xml_parts(actual)
    except zipfile.BadZipFile:
        return "(not a zip)"
    out: list[str] = []
    if list(old) != list(new):
        out.append(f"part list differs:\n  expected {list(old)}\n  actual   {list(new)}")
    for name in sorted(set(old) | set(new)):
        if old.get(name) != new.get(name):
            diff = difflib.unified_diff(
                (old.get(name) or "").splitlines(), (new.get(name) or "").splitlines(), name, name, lineterm="", n=2
            )
            out.append("\n".join(list(diff)[:80]))
    return "\n".join(out) or "(same XML, different zip bytes: entry order, timestamps or compression)"


def compare(name: str, actual: bytes) -> None:
    """Assert `actual` equals the stored golden file (or store it when regenerating)."""
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_bytes() != actual:
            path.write_bytes(actual)
        return
    assert path.is_file(), f"no golden file {path.relative_to(ROOT)}; run WTTSC_UPDATE_GOLDEN=1 pytest {__file__}"
    expected = path.read_bytes()
    if expected == actual:
        return
    if name.endswith(".docx"):
        detail = _docx_diff(expected, actual)
    else:
        lines = difflib.unified_diff(
            expected.decode("utf-8", "replace").splitlines(),
            actual.decode("utf-8", "replace").splitlines(),
            "golden",
            "now",
            lineterm="",
        )
        detail = "\n".join(list(lines)[:120])
    pytest.fail(f"{name} differs from the golden copy:\n{detail}", pytrace=False)


def test_examples_are_found():
    assert len(POLICIES) >= 6
    assert not any("archive" in p or "/." in p or "~$" in p for p in POLICIES)


@pytest.mark.parametrize("rel", POLICIES, ids=slug)
def test_check_json(rel: str) -> None:
    proc = cli("check", "--format", "json", rel)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    compare(f"{slug(rel)}/check.json", proc.stdout)
    compare(f"{slug(rel)}/check.exit", f"{proc.returncode}\n{proc.stderr.decode()}".encode())


@pytest.mark.parametrize("fmt", ["text", "sarif"])
def test_check_whole_folder(fmt: str) -> None:
    proc = cli("check", "--format", fmt, "--jobs", "1", "examples")
    assert proc.returncode in (0, 1), proc.stderr.decode()
    compare(f"examples.check.{fmt}", _stable(proc.stdout))


@pytest.mark.parametrize("rel", POLICIES, ids=slug)
def test_update(rel: str, tmp_path: Path) -> None:
    suffix = Path(rel).suffix
    document = tmp_path / f"updated{suffix}"
    notes = tmp_path / "changes.md"
    args = ["update", rel, "--date", DATE, "--output", str(document), "--notes", str(notes)]
    if suffix != ".docx":
        args.append("--redline")
    proc = cli(*args)
    assert proc.returncode == 0, proc.stderr.decode()
    written = sorted(p.name for p in tmp_path.iterdir())
    report = f"exit {proc.returncode}\nwritten: {', '.join(written) or '-'}\n--- stdout\n"
    compare(f"{slug(rel)}/update.out", _stable(report.encode() + proc.stdout + b"--- stderr\n" + proc.stderr, tmp_path))
    for path in sorted(tmp_path.iterdir()):
        data = path.read_bytes() if path.suffix == ".docx" else _stable(path.read_bytes(), tmp_path)
        compare(f"{slug(rel)}/{path.name}", data)


def test_update_html_notes(tmp_path: Path) -> None:
    rel = "examples/oakfield-primary-2018.docx"
    notes = tmp_path / "changes.html"
    proc = cli(
        "update",
        rel,
        "--date",
        DATE,
        "--output",
        str(tmp_path / "x.docx"),
        "--notes",
        str(notes),
        "--notes-format",
        "html",
    )
    assert proc.returncode == 0, proc.stderr.decode()
    compare(f"{slug(rel)}/changes.html", _stable(notes.read_bytes(), tmp_path))


def test_golden_folder_has_no_strays():
    """Every stored file belongs to a current example (a removed example leaves none behind)."""
    if UPDATE:
        pytest.skip("regenerating")
    expected = {slug(rel) for rel in POLICIES}
    stray = [p.name for p in GOLDEN.iterdir() if p.is_dir() and p.name not in expected]
    assert not stray, f"golden outputs for examples that no longer exist: {stray}"


def test_json_is_valid():
    """The stored JSON reports parse (a guard against storing an error page)."""
    for rel in POLICIES:
        data = json.loads((GOLDEN / slug(rel) / "check.json").read_text(encoding="utf-8"))
        assert data["files"][0]["path"] == rel
