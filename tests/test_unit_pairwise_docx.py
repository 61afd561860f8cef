"""A list rewritten whole in Word, item for item, keeps every paragraph mark: each old item's
text is deleted and the new text inserted in the same paragraph, so Accept All keeps the
list's own numbering (LibreOffice ties a restart to the list's first paragraph) and Reject
All gives back the original exactly."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

POLICY = Path(__file__).resolve().parent / "data" / "policies" / "maple-lane-primary-2018"


def _paragraphs(docx: Path) -> list[str]:
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    return re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)


def test_a_rewritten_list_keeps_its_paragraph_marks(run_cli, tmp_path):
    (tmp_path / ".git").mkdir()
    for name in ("policy.docx", "wttsc-policy.toml"):
        shutil.copy(POLICY / name, tmp_path / name)
    proc = run_cli("update", str(tmp_path / "policy.docx"), "--date", "2026-12-07", "--as-of", "2026-12-07")
    assert proc.returncode == 0, proc.stderr
    paragraphs = _paragraphs(tmp_path / "policy.updated.docx")
    (first,) = [p for p in paragraphs if "Every child has the right to be protected" in p]
    # the old first rule is deleted inside the same paragraph, whose mark is neither deleted nor inserted
    assert "Data protection law and human rights law" in first and "<w:delText" in first
    ppr = re.search(r"<w:pPr>.*?</w:pPr>", first, flags=re.S)
    assert ppr is not None and "<w:del " not in ppr.group(0) and "<w:ins " not in ppr.group(0)
    assert '<w:numId w:val="12"/>' in ppr.group(0)  # the list's own numbering, untouched
    old_items = [p for p in paragraphs if "Keep a record of what you decided" in p]
    assert len(old_items) == 1 and "Record what was shared" in old_items[0]
