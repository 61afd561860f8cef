"""Build `policy.docx` for the corpus policies that have a Word variant, from their `policy.md`.

A school's policy usually lives in Word, so the corpus needs real Word documents, built the
way Word builds them: Title / Heading 1-3 paragraph styles, bulleted lists through the
"List Bullet" style and numbered lists through "List Number" with their own numbering
instance in numbering.xml (each list restarts at 1, as a person would set it), tables in
"Table Grid" with a bold header row, and a page header and a footer with a PAGE field.

    python tests/data/policies/build_docx.py            # rebuild every Word variant
    python tests/data/policies/build_docx.py --check    # exit 1 if a committed file's content is stale

Output is deterministic (fixed document properties and zip timestamps), so the committed
files only change when the markdown or this script does. Only the markdown this corpus uses
is understood: headings, paragraphs, `- ` bullets (two-space indent for level 2), `1. `
numbered items, pipe tables, `**bold**` and `*italic*`, and `---` rules (dropped).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
WORD_VARIANTS = [
    "maple-lane-primary-2018",
    "thornbury-heath-secondary-2019",
    "hartwell-house-boarding-2019",
    "castlegate-fe-college-2024",
    "little-acorns-nursery-2021",
    "harbour-pru-2025",
]
FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0)
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")
TABLE_RULE = re.compile(r"^\|\s*:?-{3,}")


def add_runs(paragraph, text: str) -> None:
    """Add `text` to a paragraph, turning **bold** and *italic* into formatted runs."""
    for piece in INLINE.split(text):
        if not piece:
            continue
        if piece.startswith("**") and piece.endswith("**"):
            paragraph.add_run(piece[2:-2]).bold = True
        elif piece.startswith("*") and piece.endswith("*") and len(piece) > 2:
            paragraph.add_run(piece[1:-1]).italic = True
        else:
            paragraph.add_run(piece)


class NumberedLists:
    """One numbering instance per numbered list, each restarting at 1 (as Word's 'Restart at 1')."""

    def __init__(self, document) -> None:
        self.numbering = document.part.numbering_part.element
        style_num = document.styles["List Number"].element.pPr.numPr.numId.val
        self.abstract = self._abstract_of(style_num)

    def _abstract_of(self, num_id: int) -> int:
        for num in self.numbering.findall(qn("w:num")):
            if int(num.get(qn("w:numId"))) == num_id:
                return int(num.find(qn("w:abstractNumId")).get(qn("w:val")))
        raise ValueError(f"numbering instance {num_id} not found")

    def new_list(self) -> int:
        ids = [int(n.get(qn("w:numId"))) for n in self.numbering.findall(qn("w:num"))]
        num_id = max(ids) + 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(num_id))
        abstract = OxmlElement("w:abstractNumId")
        abstract.set(qn("w:val"), str(self.abstract))
        num.append(abstract)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        num.append(override)
        self.numbering.append(num)
        return num_id


def set_numbering(paragraph, num_id: int, level: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    nid = OxmlElement("w:numId")
    nid.set(qn("w:val"), str(num_id))
    numpr.append(ilvl)
    numpr.append(nid)
    ppr.append(numpr)


def add_field(paragraph, instruction: str, placeholder: str) -> None:
    """A simple field (PAGE, NUMPAGES) with a cached result, as Word writes it."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def add_table(document, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = document.styles["Table Grid"]
    for r, row in enumerate(rows):
        for c in range(width):
            cell = table.cell(r, c)
            paragraph = cell.paragraphs[0]
            add_runs(paragraph, row[c] if c < len(row) else "")
            if r == 0:
                for run in paragraph.runs:
                    run.bold = True


def split_row(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def build(markdown: str, school: str):
    """A python-docx Document for one policy's markdown."""
    document = docx.Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    numbering = NumberedLists(document)
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = f"{school}: Safeguarding and Child Protection Policy"
    header.style = document.styles["Header"]
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.add_run("Page ")
    add_field(footer, "PAGE", "1")
    footer.add_run(" of ")
    add_field(footer, "NUMPAGES", "1")
    footer.add_run(". Uncontrolled when printed.")

    lines = markdown.splitlines()
    first_heading = True
    current_list: int | None = None
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            current_list = None if not _next_is_numbered(lines, i) else current_list
            i += 1
            continue
        if line.strip() == "---":
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                if not TABLE_RULE.match(lines[i]):
                    rows.append(split_row(lines[i]))
                i += 1
            add_table(document, rows)
            current_list = None
            continue
        heading = re.match(r"^(#{1,4})\s+(.*)$", line)
        if heading:
            level = len(heading.group(1))
            if level == 1 and first_heading:
                paragraph = document.add_paragraph(style="Title")
                first_heading = False
            else:
                paragraph = document.add_paragraph(style=f"Heading {max(1, level - 1)}")
            add_runs(paragraph, heading.group(2))
            current_list = None
            i += 1
            continue
        bullet = re.match(r"^(\s*)- (.*)$", line)
        if bullet:
            style = "List Bullet 2" if len(bullet.group(1)) >= 2 else "List Bullet"
            add_runs(document.add_paragraph(style=style), bullet.group(2))
            i += 1
            continue
        number = re.match(r"^\s*\d+\.\s+(.*)$", line)
        if number and not re.match(r"^\s*\d+\.\d", line):
            if current_list is None:
                current_list = numbering.new_list()
            paragraph = document.add_paragraph(style="List Number")
            set_numbering(paragraph, current_list)
            add_runs(paragraph, number.group(1))
            i += 1
            continue
        current_list = None
        add_runs(document.add_paragraph(), line.strip())
        i += 1
    _fix_properties(document, school)
    return document


def _next_is_numbered(lines: list[str], i: int) -> bool:
    """A blank line inside a numbered list does not end it (markdown 'loose' lists)."""
    j = i + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    return j < len(lines) and bool(re.match(r"^\s*\d+\.\s+\S", lines[j]))


def _fix_properties(document, school: str) -> None:
    props = document.core_properties
    props.author = "Designated Safeguarding Lead"
    props.last_modified_by = "Designated Safeguarding Lead"
    props.title = f"{school}: child protection policy"
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    props.revision = 1


def deterministic_bytes(document) -> bytes:
    """Save, then rewrite the zip with fixed timestamps and a stable member order."""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            clone = zipfile.ZipInfo(info.filename, ZIP_TIME)
            clone.compress_type = zipfile.ZIP_DEFLATED
            clone.external_attr = 0o600 << 16
            dst.writestr(clone, src.read(info.filename))
    return out.getvalue()


CONTENT_PARTS = ("word/document.xml", "word/numbering.xml")


def content(data: bytes) -> dict[str, bytes]:
    """The parts that carry the policy (body, numbering, headers, footers), for --check: package
    metadata and the library's default styles may differ between python-docx versions."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {
            n: z.read(n) for n in z.namelist() if n in CONTENT_PARTS or re.match(r"word/(header|footer)\d*\.xml$", n)
        }


def school_of(folder: Path) -> str:
    for line in (folder / "expect.yaml").read_text(encoding="utf-8").splitlines():
        if line.startswith("school_name:"):
            return line.split(":", 1)[1].strip().strip('"')
    raise SystemExit(f"{folder / 'expect.yaml'}: no school_name")


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for slug in WORD_VARIANTS:
        folder = HERE / slug
        data = deterministic_bytes(build((folder / "policy.md").read_text(encoding="utf-8"), school_of(folder)))
        target = folder / "policy.docx"
        if check:
            if not target.exists() or content(target.read_bytes()) != content(data):
                stale.append(str(target))
        else:
            target.write_bytes(data)
    if stale:
        print("stale Word variants (run build_docx.py):", *stale, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
