"""Read a .docx into the Document model.

Body paragraphs and tables (nested too) in document order, then headers and footers.
Each block gets a format-neutral locator and locks (text in fields, content controls,
other people's tracked changes, text boxes, across tabs and breaks). The paragraph
elements and text maps the redline writer needs stay in a `DocxSource` on
`Document.native`: only this module and apply/docx.py know that type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from wttsc_policy.document import BlockKind, Document, Locator, Lock, LockReason, PartKind, Suppression, Zone
from wttsc_policy.errors import InputError
from wttsc_policy.limits import Limits
from wttsc_policy.ooxml.package import (
    REL_COMMENTS,
    REL_FOOTER,
    REL_HEADER,
    DocxPackage,
    w,
)
from wttsc_policy.ooxml.styles import Styles
from wttsc_policy.ooxml.textmap import ParagraphText, paragraph_text
from wttsc_policy.read.blocks import BlockBuilder, is_history_table
from wttsc_policy.suppressions import parse_directive

_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = w("p"), w("tbl"), w("tr"), w("tc"), w("sdt"), w("sdtContent")
_PPR, _PSTYLE, _VAL, _OUTLINE, _NUMPR = w("pPr"), w("pStyle"), w("val"), w("outlineLvl"), w("numPr")
_R, _T, _RPR, _B, _CUSTOM_XML = w("r"), w("t"), w("rPr"), w("b"), w("customXml")
_NUMBERED = re.compile(r"^\s*(\d+(?:\.\d+)*)[.)]?\s+\S")
_REVISED = {w("ins"), w("moveTo")}


@dataclass(slots=True)
class DocxParagraph:
    """Where one block lives in the package, for the redline writer."""

    part: str  # zip part name, e.g. word/document.xml
    p: etree._Element
    text: ParagraphText


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


def paragraph_locks(pt: ParagraphText, in_textbox: bool) -> tuple[Lock, ...]:
    """Block-text ranges of a paragraph the tool must not edit, with the reason for each.

    A text box locks the whole block; otherwise every piece of the text map that is not
    plain editable text (a tab, break or special hyphen; a field result; a content
    control; text inside someone else's tracked change) is a lock.
    """
    if in_textbox:
        return (Lock(0, max(len(pt.text), 1), LockReason.TEXT_BOX),)
    locks: list[Lock] = []
    for piece in pt.pieces:
        if piece.kind != "t":
            reason = LockReason.BREAK
        elif piece.editable:
            continue
        else:
            tags = {a.tag for a in piece.run.iterancestors()}
            if tags & _REVISED:
                reason = LockReason.TRACKED_CHANGE
            elif _SDT in tags:
                reason = LockReason.CONTENT_CONTROL
            else:
                reason = LockReason.FIELD
        if locks and locks[-1].end == piece.start and locks[-1].reason is reason:
            locks[-1] = Lock(locks[-1].start, piece.end, reason)
        else:
            locks.append(Lock(piece.start, piece.end, reason))
    return tuple(locks)


def _style_id(p: etree._Element) -> str | None:
    ppr = p.find(_PPR)
    if ppr is None:
        return None
    ps = ppr.find(_PSTYLE)
    return ps.get(_VAL) if ps is not None else None


def _direct_outline(p: etree._Element) -> int | None:
    ppr = p.find(_PPR)
    if ppr is None:
        return None
    ol = ppr.find(_OUTLINE)
    value = ol.get(_VAL) if ol is not None else None
    if value is not None and value.isdigit():
        v = int(value)
        return v + 1 if v < 9 else None
    return None


def _has_numpr(p: etree._Element) -> bool:
    ppr = p.find(_PPR)
    return ppr is not None and ppr.find(_NUMPR) is not None


def _all_bold(p: etree._Element) -> bool:
    """A short paragraph whose runs are all bold: a heading typed by hand."""
    runs = p.findall(_R)
    if not runs:
        return False
    for r in runs:
        if not "".join(t.text or "" for t in r.iter(_T)).strip():
            continue
        rpr = r.find(_RPR)
        b = rpr.find(_B) if rpr is not None else None
        if b is None or b.get(_VAL) in ("0", "false"):
            return False
    return True


class _Reader:
    def __init__(self, pkg: DocxPackage) -> None:
        self.pkg = pkg
        self.styles = Styles(pkg)
        self.paragraphs: list[DocxParagraph] = []
        self.builder = BlockBuilder()
        self.table_no = 0
        self.comment_blocks: dict[str, int] = {}

    def paragraph(
        self,
        p: etree._Element,
        part: str,
        part_kind: PartKind,
        number: int,
        table: tuple[int, int, int] | None,
        zone: Zone | None,
        in_textbox: bool = False,
    ) -> None:
        pt = paragraph_text(p)
        text = pt.text
        body = part_kind == "body"
        sid = _style_id(p)
        level = 0
        if body and table is None and not in_textbox:
            level = self.styles.heading_level(sid) or (_direct_outline(p) or 0)
            stripped = text.strip()
            if (
                not level
                and stripped
                and len(stripped) < 90
                and not stripped.endswith((".", ",", ";", ":"))
                and _all_bold(p)
            ):
                m = _NUMBERED.match(stripped)
                level = min(m.group(1).count(".") + 1, 6) if m else 3
        if level:
            kind = BlockKind.HEADING
        elif table is not None:
            kind = BlockKind.TABLE_CELL
        elif _has_numpr(p) or self.styles.is_list(sid):
            kind = BlockKind.LIST_ITEM
        else:
            kind = BlockKind.PARAGRAPH
        if not text.strip() and kind is not BlockKind.HEADING:
            # keep numbering of paragraphs but no empty blocks
            self._textboxes(pt, part, part_kind, number)
            return
        block = self.builder.add(
            kind,
            text,
            level=level,
            zone=zone,
            in_body=body and not in_textbox,
            locator=Locator(part=part_kind, part_name=part, paragraph=number, table=table),
            locks=paragraph_locks(pt, in_textbox),
        )
        self.paragraphs.append(DocxParagraph(part=part, p=p, text=pt))
        for cid in pt.comment_ids:
            self.comment_blocks.setdefault(cid, block.index)
        self._textboxes(pt, part, part_kind, number)

    def _textboxes(self, pt: ParagraphText, part: str, part_kind: PartKind, number: int) -> None:
        for inner in pt.textboxes:
            self.paragraph(inner, part, part_kind, number, None, None, in_textbox=True)

    def container(
        self,
        el: etree._Element,
        part: str,
        part_kind: PartKind,
        counter: list[int],
        table: tuple[int, int, int] | None = None,
        zone: Zone | None = None,
    ) -> None:
        for child in el:
            tag = child.tag
            if tag == _P:
                counter[0] += 1
                self.paragraph(child, part, part_kind, counter[0], table, zone)
            elif tag == _TBL:
                self.table(child, part, part_kind, counter, zone)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self.container(content, part, part_kind, counter, table, zone)
            elif tag == _CUSTOM_XML:
                self.container(child, part, part_kind, counter, table, zone)

    def table(self, tbl: etree._Element, part: str, part_kind: PartKind, counter: list[int], zone: Zone | None) -> None:
        number = self.table_no
        self.table_no += 1
        rows = list(_children(tbl, _TR))
        if rows:
            header = [paragraph_text_all(tc) for tc in _children(rows[0], _TC)]
            if is_history_table(header):
                zone = Zone.HISTORY
        for r, tr in enumerate(rows):
            for c, tc in enumerate(_children(tr, _TC)):
                self.container(tc, part, part_kind, counter, (number, r, c), zone)


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
    root = pkg.xml(pkg.main_part)
    body = root.find(w("body"))
    if body is None:
        raise InputError("the main document part has no body; the file is damaged", path)
    reader.container(body, pkg.main_part, "body", [0])
    stories: tuple[tuple[str, PartKind], ...] = ((REL_HEADER, "header"), (REL_FOOTER, "footer"))
    for rel_type, kind in stories:
        for target in sorted(set(pkg.related(pkg.main_part, rel_type))):
            reader.container(pkg.xml(target), target, kind, [0])
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
