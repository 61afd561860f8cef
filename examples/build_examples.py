"""Build the example Word policies from their markdown sources, byte for byte the same each time.

Rebuild: `.venv/bin/python examples/build_examples.py` (writes next to the sources), or
`.venv/bin/python examples/build_examples.py --out DIR` (writes the same tree under DIR).

The markdown is the text of record: every .docx carries the same headings, paragraphs, lists
and tables, plus what only Word has (header with a logo, footer, a real hyperlink, a phrase
split across runs with different formatting, an existing tracked insertion and deletion by
"J. Smith", and an existing comment). The readers, rules and redline writer are tested on them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import struct
import sys
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
UTC = dt.UTC


# --------------------------------------------------------------------------- specs


@dataclass(frozen=True)
class Revision:
    """An existing tracked change by a reviewer: `insert` (text of the source) is wrapped in
    w:ins, and `delete` (text absent from the source) is kept as w:del just before it, or just
    after `anchor` when there is no insertion."""

    delete: str
    insert: str | None = None
    anchor: str | None = None
    author: str = "J. Smith"
    date: str = "2018-09-20T09:30:00Z"


@dataclass(frozen=True)
class Comment:
    """An existing Word comment anchored on the whole paragraph that contains `anchor`."""

    anchor: str
    text: str
    author: str = "J. Smith"
    initials: str = "JS"
    date: dt.datetime = dt.datetime(2018, 9, 21, 14, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Spec:
    """One Word document to build: where its text comes from and what only Word carries."""

    output: str  # relative to the examples folder (or --out DIR)
    header: str
    footer: str
    title: str
    author: str
    created: dt.datetime
    source: str | None = None  # markdown file relative to the examples folder
    text: str | None = None  # inline markdown (for a docx with no markdown twin)
    logo_rgb: tuple[int, int, int] = (31, 78, 121)
    revisions: tuple[Revision, ...] = ()
    comments: tuple[Comment, ...] = field(default_factory=tuple)

    def markdown(self) -> str:
        if self.text is not None:
            return self.text
        assert self.source is not None
        return (HERE / self.source).read_text(encoding="utf-8")


# A secondary school in the trust keeps only a Word copy of its (outdated) policy.
NORTHGATE_MD = """\
# Northgate Secondary School: Child Protection Policy

Adopted by the governing body in October 2019. This policy should be read with the trust's safer recruitment policy.

## Version history

| Version | Date | Change |
| --- | --- | --- |
| 1.0 | October 2016 | Written to follow Working Together to Safeguard Children 2015 |
| 2.0 | October 2019 | Updated for KCSIE 2019 |

## 1. Purpose

Northgate Secondary School is committed to keeping every student safe. This policy explains how staff recognise concerns and what they must do about them.

## 2. Statutory framework

We follow Keeping Children Safe in Education 2019 and Working Together to **Safeguard Children** 2018. Referrals follow the thresholds of the Local Safeguarding Children Board (LSCB).

- The Children Act 1989 and the Children Act 2004
- Section 175 of the Education Act 2002
- The Data Protection Act 2018

## 3. Roles and responsibilities

The designated safeguarding lead (DSL) manages referrals, keeps records and advises staff. Every member of staff reports concerns to the DSL on the same day.

## 4. Multi-agency working

The school works with the local authority, the police and the clinical commissioning group (CCG), which are the safeguarding partners for our area. Where a student's case leads to a serious case review, the DSL provides a report for the review panel.

## 5. Early help

The DSL may act as lead professional for a family receiving early help.

## 6. Specific safeguarding issues

Staff are alert to county lines, child sexual exploitation and domestic violence, and know how to report each of them.

## 7. Training

All staff complete safeguarding training each September. The DSL attends [Working Together to Safeguard Children 2018](https://www.gov.uk/government/publications/working-together-to-safeguard-children--2) briefings run by the local authority.

## 8. Review

The governing body reviews this policy every year.
"""

SPECS: tuple[Spec, ...] = (
    Spec(
        output="oakfield-primary-2018.docx",
        source="oakfield-primary-2018.md",
        header="Oakfield Primary School – Child Protection Policy",
        footer="Version 2.0, September 2018. Reviewed against Working Together to Safeguard Children 2018.",
        title="Oakfield Primary School: Child Protection and Safeguarding Policy",
        author="A. Patel",
        created=dt.datetime(2018, 9, 3, 8, 0, tzinfo=UTC),
        revisions=(
            Revision(insert="every year by the DSL", delete="annually by the DSL"),
            Revision(
                anchor="approved by the full governing board",
                delete=" and sent to the Local Safeguarding Children Board for information",
            ),
        ),
        comments=(Comment(anchor="Listen calmly", text="Check this wording against the staff code of conduct."),),
    ),
    Spec(
        output="riverside-academy-2023.docx",
        source="riverside-academy-2023.md",
        header="Riverside Academy – Child Protection and Safeguarding Policy",
        footer="Version 3.0, September 2025. Reviewed against Working Together to Safeguard Children 2023.",
        title="Riverside Academy: Child Protection and Safeguarding Policy",
        author="S. Adeyemi",
        created=dt.datetime(2024, 1, 8, 8, 0, tzinfo=UTC),
        logo_rgb=(0, 110, 90),
        comments=(
            Comment(
                anchor="Operation Encompass",
                text="Confirm the Encompass contact with the office.",
                author="G. Whitfield",
                initials="GW",
                date=dt.datetime(2025, 9, 10, 11, 0, tzinfo=UTC),
            ),
        ),
    ),
    Spec(
        output="trust/schools/northgate-secondary/child-protection-policy.docx",
        text=NORTHGATE_MD,
        header="Northgate Secondary School – Child Protection Policy",
        footer="Northgate Secondary School, part of the Beacon Learning Trust.",
        title="Northgate Secondary School: Child Protection Policy",
        author="K. Lowe",
        created=dt.datetime(2019, 10, 1, 8, 0, tzinfo=UTC),
        logo_rgb=(150, 30, 40),
        revisions=(Revision(insert="on the same day", delete="as soon as possible", date="2019-10-02T10:00:00Z"),),
        comments=(
            Comment(
                anchor="clinical commissioning group",
                text="wttsc-policy: ignore WT031 -- the health partner's name is being agreed with the trust's lawyers",
                author="K. Lowe",
                initials="KL",
                date=dt.datetime(2019, 10, 3, 9, 0, tzinfo=UTC),
            ),
        ),
    ),
)


# --------------------------------------------------------------------------- markdown


@dataclass(frozen=True)
class Block:
    kind: str  # heading | para | bullet | table
    text: str = ""
    level: int = 0
    rows: tuple[tuple[str, ...], ...] = ()


_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}")


def parse_markdown(text: str) -> list[Block]:
    """The small markdown subset the examples use: ATX headings, paragraphs, '-' bullets,
    pipe tables and HTML comments (dropped)."""
    blocks: list[Block] = []
    para: list[str] = []
    table: list[tuple[str, ...]] = []

    def flush() -> None:
        if para:
            blocks.append(Block("para", " ".join(para)))
            para.clear()
        if table:
            blocks.append(Block("table", rows=tuple(table)))
            table.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line or (line.startswith("<!--") and line.endswith("-->")):
            flush()
        elif line.startswith("|"):
            if para:
                flush()
            if not _TABLE_RULE.match(line.strip("|").strip()):
                table.append(tuple(cell.strip() for cell in line.strip("|").split("|")))
        elif m := re.match(r"^(#{1,6})\s+(.*)$", line):
            flush()
            blocks.append(Block("heading", m.group(2).strip(), level=len(m.group(1))))
        elif line.startswith("- "):
            flush()
            blocks.append(Block("bullet", line[2:].strip()))
        else:
            if table:
                flush()
            para.append(line)
    flush()
    return blocks


_INLINE = re.compile(r"\[(?P<ltext>[^\]]+)\]\((?P<url>[^)]+)\)|\*\*(?P<bold>.+?)\*\*|\*(?P<ital>.+?)\*")


@dataclass(frozen=True)
class Segment:
    text: str
    bold: bool = False
    italic: bool = False
    url: str | None = None


def parse_inline(text: str) -> list[Segment]:
    """Split a line into plain, bold, italic and link segments."""
    out: list[Segment] = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            out.append(Segment(text[pos : m.start()]))
        if m.group("url"):
            out.append(Segment(m.group("ltext"), url=m.group("url")))
        elif m.group("bold"):
            out.append(Segment(m.group("bold"), bold=True))
        else:
            out.append(Segment(m.group("ital"), italic=True))
        pos = m.end()
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def plain_text(text: str) -> str:
    """Visible text of an inline markdown string."""
    return "".join(s.text for s in parse_inline(text))


def headings(text: str) -> list[tuple[int, str]]:
    """(level, text) of every heading in a markdown source; used by the tests."""
    return [(b.level, plain_text(b.text)) for b in parse_markdown(text) if b.kind == "heading"]


# --------------------------------------------------------------------------- docx


def tiny_png(rgb: tuple[int, int, int], size: int = 16) -> bytes:
    """A square logo: a coloured disc on white, built with zlib so no image library is needed."""
    rows = []
    c = (size - 1) / 2
    for y in range(size):
        row = bytearray([0])  # filter type: none
        for x in range(size):
            inside = (x - c) ** 2 + (y - c) ** 2 <= (size / 2 - 1) ** 2
            row += bytes(rgb) if inside else b"\xff\xff\xff"
        rows.append(bytes(row))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


class Builder:
    """Writes one Spec into a python-docx Document, with lxml for what python-docx lacks."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.doc: DocumentObject = Document()
        self.pending = list(spec.revisions)
        self.next_revision_id = 901

    # -- runs ----------------------------------------------------------------

    def _run(self, p: Paragraph, text: str, seg: Segment) -> None:
        run = p.add_run(text)
        if seg.bold:
            run.bold = True
        if seg.italic:
            run.italic = True

    def _tracked(self, p: Paragraph, tag: str, text: str, rev: Revision) -> None:
        el = OxmlElement(f"w:{tag}")
        el.set(qn("w:id"), str(self.next_revision_id))
        el.set(qn("w:author"), rev.author)
        el.set(qn("w:date"), rev.date)
        self.next_revision_id += 1
        r = OxmlElement("w:r")
        t = OxmlElement("w:delText" if tag == "del" else "w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        r.append(t)
        el.append(r)
        p._p.append(el)

    def _plain(self, p: Paragraph, seg: Segment) -> None:
        for rev in list(self.pending):
            key = rev.insert or rev.anchor
            assert key is not None
            i = seg.text.find(key)
            if i < 0:
                continue
            self.pending.remove(rev)
            before, after = seg.text[: i + (0 if rev.insert else len(key))], seg.text[i + len(key) :]
            if before:
                self._run(p, before, seg)
            self._tracked(p, "del", rev.delete, rev)
            if rev.insert:
                self._tracked(p, "ins", rev.insert, rev)
            if after:
                self._plain(p, Segment(after, seg.bold, seg.italic))
            return
        self._run(p, seg.text, seg)

    def _hyperlink(self, p: Paragraph, seg: Segment) -> None:
        assert seg.url is not None
        r_id = p.part.relate_to(seg.url, RT.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), r_id)
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        color = OxmlElement("w:color")
        color.set(qn("w:val"), "0563C1")
        underline = OxmlElement("w:u")
        underline.set(qn("w:val"), "single")
        rpr.append(color)
        rpr.append(underline)
        r.append(rpr)
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = seg.text
        r.append(t)
        link.append(r)
        p._p.append(link)

    def fill(self, p: Paragraph, text: str) -> None:
        for seg in parse_inline(text):
            if seg.url:
                self._hyperlink(p, seg)
            elif seg.bold or seg.italic:
                self._run(p, seg.text, seg)
            else:
                self._plain(p, seg)

    # -- blocks --------------------------------------------------------------

    def table(self, rows: tuple[tuple[str, ...], ...]) -> None:
        width = max(len(r) for r in rows)
        table = self.doc.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for i, row in enumerate(rows):
            for j, cell_text in enumerate(row):
                para = table.cell(i, j).paragraphs[0]
                self.fill(para, f"**{cell_text}**" if i == 0 else cell_text)
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        tr_pr.append(header)

    def body(self) -> None:
        for block in parse_markdown(self.spec.markdown()):
            if block.kind == "heading":
                style = "Title" if block.level == 1 else f"Heading {block.level - 1}"
                self.fill(self.doc.add_paragraph(style=style), block.text)
            elif block.kind == "para":
                self.fill(self.doc.add_paragraph(), block.text)
            elif block.kind == "bullet":
                self.fill(self.doc.add_paragraph(style="List Bullet"), block.text)
            else:
                self.table(block.rows)
        if self.pending:
            raise SystemExit(f"{self.spec.output}: revision anchors not found: {self.pending}")

    def header_footer(self) -> None:
        section = self.doc.sections[0]
        logo = section.header.paragraphs[0]
        logo.add_run().add_picture(io.BytesIO(tiny_png(self.spec.logo_rgb)), width=Cm(1.2))
        section.header.add_paragraph(self.spec.header)
        section.footer.paragraphs[0].text = self.spec.footer

    def comments(self) -> None:
        for c in self.spec.comments:
            para = next((p for p in self.doc.paragraphs if c.anchor in p.text), None)
            if para is None or not para.runs:
                raise SystemExit(f"{self.spec.output}: comment anchor not found: {c.anchor!r}")
            comment = self.doc.add_comment(para.runs, text=c.text, author=c.author, initials=c.initials)
            comment._comment_elm.date = c.date

    def properties(self) -> None:
        cp = self.doc.core_properties
        cp.title = self.spec.title
        cp.author = self.spec.author
        cp.last_modified_by = self.spec.author
        cp.comments = "Example policy written for wttsc-policy (fictional school)."
        cp.created = self.spec.created.replace(tzinfo=None)
        cp.modified = self.spec.created.replace(tzinfo=None)
        cp.revision = 1

    def build(self) -> bytes:
        self.header_footer()
        self.body()
        self.comments()
        self.properties()
        buf = io.BytesIO()
        self.doc.save(buf)
        return normalise_zip(buf.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a package with fixed timestamps and attributes, keeping the entry order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 0
            zout.writestr(fixed, zin.read(info.filename), compresslevel=9)
    return out.getvalue()


def build_all(out_dir: Path) -> list[Path]:
    """Build every spec under `out_dir`; returns the written paths."""
    written = []
    for spec in SPECS:
        target = out_dir / spec.output
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(Builder(spec).build())
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the example .docx policies.")
    parser.add_argument("--out", type=Path, default=HERE, help="folder to write into (default: examples/)")
    args = parser.parse_args(argv)
    for path in build_all(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
