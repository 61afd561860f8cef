"""Build small .docx files for tests: python-docx plus raw XML for what it cannot do
(hyperlinks, existing tracked changes, text boxes, fields)."""

from __future__ import annotations

from pathlib import Path

from docx import Document as make_docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def add_runs(paragraph, parts: list[tuple[str, dict]]) -> None:
    """Add runs with formatting, e.g. [("Working Together to ", {}), ("Safeguard", {"bold": True})]."""
    for text, fmt in parts:
        run = paragraph.add_run(text)
        run.bold = fmt.get("bold")
        run.italic = fmt.get("italic")
        if fmt.get("font"):
            run.font.name = fmt["font"]


def add_hyperlink(paragraph, text: str, url: str) -> None:
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = parse_xml(
        f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
        f'<w:t xml:space="preserve">{text}</w:t></w:r></w:hyperlink>'
    )
    paragraph._p.append(link)


def add_tracked(paragraph, inserted: str | None = None, deleted: str | None = None, author: str = "J. Smith") -> None:
    """Append an existing tracked insertion and/or deletion to a paragraph."""
    if deleted:
        paragraph._p.append(
            parse_xml(
                f'<w:del {nsdecls("w")} w:id="901" w:author="{author}" w:date="2020-01-01T00:00:00Z">'
                f'<w:r><w:delText xml:space="preserve">{deleted}</w:delText></w:r></w:del>'
            )
        )
    if inserted:
        paragraph._p.append(
            parse_xml(
                f'<w:ins {nsdecls("w")} w:id="902" w:author="{author}" w:date="2020-01-01T00:00:00Z">'
                f'<w:r><w:t xml:space="preserve">{inserted}</w:t></w:r></w:ins>'
            )
        )


def add_field(paragraph, instruction: str, result: str) -> None:
    """A complex field (e.g. a cross-reference) whose visible result is `result`."""
    for xml in (
        '<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r {ns}><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>',
        '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
        '<w:r {ns}><w:t xml:space="preserve">{result}</w:t></w:r>',
        '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml.format(ns=nsdecls("w"), instr=instruction, result=result)))


def build(path: Path, build_fn) -> Path:
    doc = make_docx()
    build_fn(doc)
    doc.save(str(path))
    return path


def sample_policy(path: Path) -> Path:
    """A small but realistic policy exercising every reader feature."""

    def fill(doc) -> None:
        doc.sections[0].header.paragraphs[0].text = "Hilltop School – Child Protection Policy"
        doc.sections[0].footer.paragraphs[0].text = "Reviewed against Working Together to Safeguard Children 2018"
        doc.add_heading("Child protection policy", level=1)
        table = doc.add_table(rows=2, cols=3)
        for cell, text in zip(table.rows[0].cells, ["Version", "Date", "Changes"]):
            cell.text = text
        for cell, text in zip(
            table.rows[1].cells, ["2.0", "Sept 2018", "Updated for Working Together to Safeguard Children 2018"]
        ):
            cell.text = text
        doc.add_heading("Legislation and statutory guidance", level=2)
        p = doc.add_paragraph()
        add_runs(
            p,
            [
                ("We follow ", {}),
                ("Working Together to ", {"italic": True}),
                ("Safeguard Children", {"bold": True}),
                (" 2018 and the Data Protection Act 2018.", {}),
            ],
        )
        p = doc.add_paragraph("See ")
        add_hyperlink(p, "Working Together to Safeguard Children 2018", "https://example.org/wt")
        doc.add_paragraph("Local Safeguarding Children Board", style="List Bullet")
        p = doc.add_paragraph("Text with ")
        add_tracked(p, inserted="inserted words", deleted="deleted words")
        doc.add_heading("Contacts", level=2)
        outer = doc.add_table(rows=1, cols=2)
        outer.rows[0].cells[0].text = "Outer cell"
        inner = outer.rows[0].cells[1].add_table(rows=1, cols=1)
        inner.rows[0].cells[0].text = "Nested cell mentions the clinical commissioning group"
        p = doc.add_paragraph("See section ")
        add_field(p, "REF _Ref1 \\h", "Working Together to Safeguard Children 2018")

    return build(path, fill)
