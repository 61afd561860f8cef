"""Read a .docx into the Document model.

Body paragraphs and tables (nested too) in document order, then headers and footers.
Each block's `anchor` is a `DocxAnchor` holding the paragraph element and its text map,
so the redline writer can edit exactly the runs a finding covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from wttsc_policy.documents.builder import BlockBuilder, is_history_table
from wttsc_policy.model import BlockKind, Document, Zone
from wttsc_policy.ooxml.package import (
    REL_COMMENTS,
    REL_FOOTER,
    REL_HEADER,
    REL_STYLES,
    DocxPackage,
    Limits,
    w,
)
from wttsc_policy.ooxml.textmap import ParagraphText, paragraph_text

_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = w("p"), w("tbl"), w("tr"), w("tc"), w("sdt"), w("sdtContent")
_PPR, _PSTYLE, _VAL, _OUTLINE, _NUMPR = w("pPr"), w("pStyle"), w("val"), w("outlineLvl"), w("numPr")
_R, _T, _RPR, _B, _CUSTOM_XML = w("r"), w("t"), w("rPr"), w("b"), w("customXml")
_HEADING_NAME = re.compile(r"^heading\s*(\d)$", re.I)
_NUMBERED = re.compile(r"^\s*(\d+(?:\.\d+)*)[.)]?\s+\S")


@dataclass(slots=True)
class DocxAnchor:
    """Where a block lives in the package, for the redline writer."""

    part: str  # zip part name, e.g. word/document.xml
    p: etree._Element
    text: ParagraphText
    in_textbox: bool = False


@dataclass(slots=True)
class _Style:
    name: str
    outline: int | None
    based_on: str | None
    numbered: bool


class _Styles:
    def __init__(self, pkg: DocxPackage) -> None:
        self.styles: dict[str, _Style] = {}
        self._levels: dict[str | None, int] = {}
        self._lists: dict[str | None, bool] = {}
        for target in pkg.related(pkg.main_part, REL_STYLES):
            root = pkg.xml(target)
            for st in root.iter(w("style")):
                if st.get(w("type")) != "paragraph":
                    continue
                sid = st.get(w("styleId"), "")
                name_el = st.find(w("name"))
                based = st.find(w("basedOn"))
                ppr = st.find(w("pPr"))
                outline = None
                numbered = False
                if ppr is not None:
                    ol = ppr.find(w("outlineLvl"))
                    if ol is not None and (ol.get(w("val")) or "").isdigit():
                        outline = int(ol.get(w("val")))
                    numbered = ppr.find(w("numPr")) is not None
                self.styles[sid] = _Style(
                    name=(name_el.get(w("val")) if name_el is not None else sid) or sid,
                    outline=outline,
                    based_on=based.get(w("val")) if based is not None else None,
                    numbered=numbered,
                )

    def heading_level(self, sid: str | None) -> int:
        """Heading level of a paragraph style (0 = not a heading), once per style id."""
        if sid not in self._levels:
            self._levels[sid] = self._heading_level(sid)
        return self._levels[sid]

    def _heading_level(self, sid: str | None) -> int:
        seen = 0
        while sid and sid in self.styles and seen < 10:
            st = self.styles[sid]
            m = _HEADING_NAME.match(st.name.strip())
            if m:
                return int(m.group(1))
            if st.name.strip().lower() == "title":
                return 1
            if st.outline is not None and st.outline < 9:
                return st.outline + 1
            sid, seen = st.based_on, seen + 1
        return 0

    def is_list(self, sid: str | None) -> bool:
        if sid not in self._lists:
            self._lists[sid] = self._is_list(sid)
        return self._lists[sid]

    def _is_list(self, sid: str | None) -> bool:
        seen = 0
        while sid and sid in self.styles and seen < 10:
            st = self.styles[sid]
            if st.numbered or "list" in st.name.lower():
                return True
            sid, seen = st.based_on, seen + 1
        return False


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
    if ol is not None and (ol.get(_VAL) or "").isdigit():
        v = int(ol.get(_VAL))
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
        self.styles = _Styles(pkg)
        self.builder = BlockBuilder()
        self.table_no = 0
        self.comment_blocks: dict[str, int] = {}

    def paragraph(
        self,
        p: etree._Element,
        part: str,
        part_kind: str,
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
            if not level and stripped and len(stripped) < 90 and not stripped.endswith((".", ",", ";", ":")) and _all_bold(p):
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
            part=part_kind,
            paragraph=number,
            table=table,
            editable=not in_textbox,
            anchor=DocxAnchor(part=part, p=p, text=pt, in_textbox=in_textbox),
        )
        for cid in pt.comment_ids:
            self.comment_blocks.setdefault(cid, block.index)
        self._textboxes(pt, part, part_kind, number)

    def _textboxes(self, pt: ParagraphText, part: str, part_kind: str, number: int) -> None:
        for inner in pt.textboxes:
            self.paragraph(inner, part, part_kind, number, None, None, in_textbox=True)

    def container(self, el: etree._Element, part: str, part_kind: str, counter: list[int], table=None, zone=None) -> None:
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

    def table(self, tbl: etree._Element, part: str, part_kind: str, counter: list[int], zone: Zone | None) -> None:
        number = self.table_no
        self.table_no += 1
        rows = [tr for tr in _children(tbl, _TR)]
        if rows:
            header = [paragraph_text_all(tc) for tc in _children(rows[0], _TC)]
            if is_history_table(header):
                zone = Zone.HISTORY
        for r, tr in enumerate(rows):
            for c, tc in enumerate(_children(tr, _TC)):
                self.container(tc, part, part_kind, counter, (number, r, c), zone)


def _children(el: etree._Element, tag: str) -> list[etree._Element]:
    """Direct children with `tag`, looking through content controls and customXml."""
    out = []
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


def read_docx(path: Path, limits: Limits | None = None, *, package: DocxPackage | None = None) -> Document:
    """Read a .docx file (or an already opened package) into a Document."""
    pkg = package or DocxPackage.open(path, limits)
    reader = _Reader(pkg)
    root = pkg.xml(pkg.main_part)
    body = root.find(w("body"))
    if body is None:
        from wttsc_policy.errors import InputError

        raise InputError("the main document part has no body; the file is damaged", path)
    reader.container(body, pkg.main_part, "body", [0])
    for rel_type, kind in ((REL_HEADER, "header"), (REL_FOOTER, "footer")):
        for target in sorted(set(pkg.related(pkg.main_part, rel_type))):
            reader.container(pkg.xml(target), target, kind, [0])
    doc = Document(path=Path(path), format="docx", blocks=reader.builder.blocks, package=pkg)
    doc.suppressions.extend(_comment_suppressions(pkg, reader.comment_blocks, doc))
    return doc


def _comment_suppressions(pkg: DocxPackage, anchors: dict[str, int], doc: Document) -> list:
    from wttsc_policy.suppressions import parse_directive

    out = []
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
