"""Read a .docx into the Document model.

Story by story (ooxml/places.py says which): the body's paragraphs and tables (nested
too) in document order, then headers, footers, footnotes and endnotes; text boxes are
read where they are anchored. Each block gets a format-neutral locator and locks: the
places the tool must not edit (fields, content controls, frames, other people's tracked
changes, text boxes, tabs and breaks) with the reason for each. The paragraph elements
and text maps the redline writer needs stay in a `DocxSource` on `Document.native`:
only this module and apply/docx.py know that type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from wttsc_policy.document import BlockKind, Document, Locator, Lock, LockReason, PartKind, Suppression, Zone
from wttsc_policy.errors import InputError
from wttsc_policy.limits import Limits
from wttsc_policy.ooxml.package import REL_COMMENTS, DocxPackage, w
from wttsc_policy.ooxml.places import Story, stories
from wttsc_policy.ooxml.styles import Styles
from wttsc_policy.ooxml.textmap import FieldStack, ParagraphText, paragraph_text
from wttsc_policy.read.blocks import BlockBuilder, is_history_table
from wttsc_policy.read.docx_blocks import CONTENTS_FIELDS, kind_and_level, paragraph_locks
from wttsc_policy.suppressions import parse_directive

_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = w("p"), w("tbl"), w("tr"), w("tc"), w("sdt"), w("sdtContent")
_CUSTOM_XML = w("customXml")


@dataclass(slots=True)
class DocxParagraph:
    """Where one block lives in the package, for the redline writer."""

    part: str  # zip part name, e.g. word/document.xml
    p: etree._Element
    text: ParagraphText
    fields: FieldStack = field(default_factory=FieldStack)  # complex fields open where it starts
    free: bool = True  # no restriction on the paragraph as a whole (a template for new ones)


@dataclass(slots=True)
class DocxSource:
    """Reader-private handles of a Word document (Document.native)."""

    package: DocxPackage
    styles: Styles
    paragraphs: list[DocxParagraph] = field(default_factory=list)  # by block index


def docx_source(doc: Document) -> DocxSource:
    """The Word handles of a document read by this module."""
    if not isinstance(doc.native, DocxSource):
        raise ValueError("the document was not read from a .docx file")
    return doc.native


@dataclass(slots=True)
class _Story:
    """Reading state of one story part: its name and kind, and the paragraphs counted so far."""

    part: str
    kind: PartKind
    count: int = 0
    heading_path: tuple[str, ...] | None = None  # notes: the heading where the note is referenced
    shared: bool = False  # a header or footer a later section shows: every paragraph is locked


def _in_contents(stack: FieldStack) -> bool:
    return any(f.kind in CONTENTS_FIELDS for f in stack.fields)


class _Reader:
    def __init__(self, pkg: DocxPackage) -> None:
        self.pkg = pkg
        self.styles = Styles(pkg)
        self.paragraphs: list[DocxParagraph] = []
        self.builder = BlockBuilder()
        self.table_no = 0
        self.comment_blocks: dict[str, int] = {}
        self.note_paths: dict[tuple[str, str], tuple[str, ...]] = {}  # (footnote, id) -> heading path

    def paragraph(
        self,
        p: etree._Element,
        story: _Story,
        number: int,
        table: tuple[int, int, int] | None,
        zone: Zone | None,
        fields: FieldStack,
    ) -> None:
        at_start = fields.copy()
        toc_before = _in_contents(fields)
        pt = paragraph_text(p, fields)
        locks = paragraph_locks(pt)
        if story.shared and pt.text:
            locks = (Lock(0, len(pt.text), LockReason.HEADER_FOOTER),)
        in_box = any(lock.reason is LockReason.TEXT_BOX for lock in locks)
        text = pt.text
        body = story.kind == "body"
        kind, level = kind_and_level(self.styles, p, text, body, not in_box and not toc_before, table)
        in_toc = toc_before or _in_contents(fields) or any(lock.reason is LockReason.CONTENTS for lock in locks)
        if in_toc:
            zone = Zone.BODY  # table-of-contents entries are read (and locked) like any text
        if text.strip() or kind is BlockKind.HEADING:
            block = self.builder.add(
                kind,
                text,
                level=level,
                zone=zone,
                in_body=body and not in_box,
                locator=Locator(part=story.kind, part_name=story.part, paragraph=number, table=table),
                locks=locks,
            )
            if story.heading_path is not None:
                block.heading_path = story.heading_path
            free = not locks or all(lock.reason is LockReason.BREAK for lock in locks)
            self.paragraphs.append(DocxParagraph(story.part, p, pt, at_start, free and not toc_before))
            for cid in pt.comment_ids:
                self.comment_blocks.setdefault(cid, block.index)
            for ref in pt.notes:
                self.note_paths.setdefault(ref, block.heading_path)
        if in_toc and not _in_contents(fields):
            self.builder.end_zone(Zone.CONTENTS)  # a Word table of contents ends with its field
        for box in pt.boxes:
            # a text box is its own story: its fields are its own
            self.container(box, story, None, None, FieldStack(), number=number)

    def container(
        self,
        el: etree._Element,
        story: _Story,
        table: tuple[int, int, int] | None,
        zone: Zone | None,
        fields: FieldStack,
        number: int | None = None,
    ) -> None:
        """Read the paragraphs and tables under `el`; `number` pins the paragraph number
        (text-box paragraphs take their anchor's)."""
        for child in el:
            tag = child.tag
            if tag == _P:
                if number is None:
                    story.count += 1
                self.paragraph(child, story, number or story.count, table, zone, fields)
            elif tag == _TBL:
                self.table(child, story, zone, fields, number)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self.container(content, story, table, zone, fields, number)
            elif tag == _CUSTOM_XML:
                self.container(child, story, table, zone, fields, number)

    def table(
        self, tbl: etree._Element, story: _Story, zone: Zone | None, fields: FieldStack, number: int | None
    ) -> None:
        table_no = self.table_no
        self.table_no += 1
        rows = list(_children(tbl, _TR))
        if rows:
            header = [paragraph_text_all(tc) for tc in _children(rows[0], _TC)]
            if is_history_table(header):
                zone = Zone.HISTORY
        for r, tr in enumerate(rows):
            for c, tc in enumerate(_children(tr, _TC)):
                self.container(tc, story, (table_no, r, c), zone, fields, number)

    def story(self, story: Story) -> None:
        """Every paragraph of one story part; a note's blocks take the heading where it is referenced."""
        state = _Story(story.part, story.kind, shared=story.shared)
        for container in story.containers:
            if story.kind in ("footnote", "endnote"):
                state.heading_path = self.note_paths.get((story.kind, container.get(w("id")) or ""), ())
            self.container(container, state, None, None, FieldStack())


def _children(el: etree._Element, tag: str) -> list[etree._Element]:
    """Direct children with `tag`, looking through content controls and customXml."""
    out: list[etree._Element] = []
    for child in el:
        if child.tag == tag:
            out.append(child)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                out.extend(_children(content, tag))
        elif child.tag == _CUSTOM_XML:
            out.extend(_children(child, tag))
    return out


def paragraph_text_all(el: etree._Element) -> str:
    return " ".join(paragraph_text(p).text for p in el.iter(_P))


def read_docx_file(path: Path, limits: Limits) -> Document:
    """Read a .docx file within the limits (the format table's reader)."""
    return read_docx(path, limits)


def read_docx(path: Path, limits: Limits | None = None, *, package: DocxPackage | None = None) -> Document:
    """Read a .docx file (or an already opened package) into a Document."""
    pkg = package or DocxPackage.open(path, limits)
    reader = _Reader(pkg)
    if pkg.xml(pkg.main_part).find(w("body")) is None:
        raise InputError("the main document part has no body; the file is damaged", path)
    for story in stories(pkg):
        reader.story(story)
    native = DocxSource(package=pkg, styles=reader.styles, paragraphs=reader.paragraphs)
    doc = Document(
        path=Path(path),
        format="docx",
        blocks=reader.builder.blocks,
        native=native,
        warnings=list(pkg.warnings),
        protection=pkg.protection,
    )
    doc.suppressions.extend(_comment_suppressions(pkg, reader.comment_blocks, doc))
    return doc


def _comment_suppressions(pkg: DocxPackage, anchors: dict[str, int], doc: Document) -> list[Suppression]:
    out: list[Suppression] = []
    for target in pkg.related(pkg.main_part, REL_COMMENTS):
        for comment in pkg.xml(target).iter(w("comment")):
            cid = comment.get(w("id"))
            text = " ".join(paragraph_text(p).text for p in comment.iter(_P)).strip()
            if cid not in anchors or "wttsc-policy:" not in text:
                continue
            index = anchors[cid]
            sup = parse_directive(text, blocks=(index, index + 1), paragraph=doc.blocks[index].paragraph)
            if sup is not None:
                out.append(sup)
    return out
