"""Word: whole units as tracked changes. Old paragraphs are deleted with their paragraph
marks (Accept All leaves no empty paragraph, Reject All restores them with their style and
numbering), new list items take the list's own style, and merged items join the list."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from docx_factory import build
from lo.invariants import docx_texts, zip_parts
from wttsc_policy.ooxml.deletion import delete_paragraph
from wttsc_policy.ooxml.resolve import resolve, resolve_docx
from wttsc_policy.ooxml.revisions import EditError, IdAllocator, RevisionContext

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DATE = "2026-12-07T09:00:00Z"


def _policy(path: Path) -> Path:
    def fill(doc) -> None:
        doc.add_heading("Hilltop School Child Protection Policy", level=1)
        doc.add_heading("Definitions", level=2)
        doc.add_paragraph("Safeguarding and promoting the welfare of children means:")
        for item in (
            "protecting children from maltreatment;",
            "preventing impairment of children's health or development;",
            "ensuring that children grow up in circumstances consistent with the provision of safe and effective care; and",
            "taking action to enable all children to have the best outcomes.",
        ):
            doc.add_paragraph(item, style="List Bullet")
        doc.add_paragraph("Child protection is part of safeguarding.")
        doc.add_heading("Early help", level=2)
        doc.add_paragraph("Staff are alert to the need for early help for a child who:")
        for item in ("is disabled;", "frequently goes missing from home or care;", "is privately fostered."):
            doc.add_paragraph(item, style="List Number")
        doc.add_heading("Records", level=2)
        doc.add_paragraph("Records are kept securely.")

    return build(path, fill)


def _body(data: bytes) -> etree._Element:
    return etree.fromstring(zip_parts(data)["word/document.xml"])


def _styles(root: etree._Element) -> list[tuple[str, str | None]]:
    out = []
    for p in root.iter(f"{W}p"):
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        style = p.find(f"{W}pPr/{W}pStyle")
        out.append((text, style.get(f"{W}val") if style is not None else None))
    return out


def test_a_definition_list_and_a_merged_list_in_word(run_cli, tmp_path):
    original = _policy(tmp_path / "policy.docx")
    (tmp_path / ".git").mkdir()
    (tmp_path / "wttsc-policy.toml").write_text("growth_budget = 0.5\n", encoding="utf-8")
    proc = run_cli("update", str(original), "--select", "WT005,WT041", "--date", DATE, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    redline = (tmp_path / "policy.updated.docx").read_bytes()
    before = original.read_bytes()
    # Reject All gives back every paragraph with its own style; Accept All leaves no empty paragraph
    assert _styles(resolve(_body(redline), "reject")) == _styles(_body(before))
    accepted = docx_texts(resolve_docx(redline, "accept"), tmp_path)
    assert "" not in accepted
    i = accepted.index("Safeguarding and promoting the welfare of children means:")
    assert accepted[i + 1].startswith("providing help and support") and accepted[i + 5].startswith("taking action")
    assert accepted[i + 6] == "Child protection is part of safeguarding."
    assert "protecting children from maltreatment;" not in accepted
    styles = dict(_styles(resolve(_body(redline), "accept")))
    assert (
        styles["providing help and support to meet the needs of children as soon as problems emerge;"] == "ListBullet"
    )
    j = accepted.index("Staff are alert to the need for early help for a child who:")
    assert accepted[j + 2] == "is frequently missing from education, home or care, or is persistently absent;"
    assert accepted[j : j + 9][-1] == "is privately fostered." and accepted.count("is privately fostered.") == 1
    assert styles["has a parent or carer in custody, or is affected by parental offending;"] == "ListNumber"
    # the old definition's paragraphs are deleted with their paragraph marks
    root = _body(redline)
    deleted_marks = root.findall(f".//{W}pPr/{W}rPr/{W}del")
    assert len(deleted_marks) == 4


def _ctx() -> RevisionContext:
    return RevisionContext(author="wttsc-policy", date=DATE, ids=IdAllocator(start=100))


def test_delete_paragraph_round_trips_and_refuses_the_last_paragraph():
    body = etree.fromstring(
        f"<w:body {NS}><w:p><w:r><w:t>Keep.</w:t></w:r></w:p>"
        '<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr><w:r><w:t>Old item.</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>Last.</w:t></w:r></w:p></w:body>"
    )
    delete_paragraph(body[1], _ctx())
    accepted = resolve(etree.fromstring(etree.tostring(body)), "accept")
    assert ["".join(t.text for t in p.iter(f"{W}t")) for p in accepted] == ["Keep.", "Last."]
    rejected = resolve(etree.fromstring(etree.tostring(body)), "reject")
    texts = ["".join(t.text for t in p.iter(f"{W}t")) for p in rejected]
    assert texts == ["Keep.", "Old item.", "Last."]
    assert rejected[1].find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "ListBullet"
    try:
        delete_paragraph(body[2], _ctx())
    except EditError as exc:
        assert "ends the document" in str(exc)
    else:
        raise AssertionError("the story's last paragraph mark cannot be deleted")
