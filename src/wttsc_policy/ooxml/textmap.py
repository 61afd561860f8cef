"""A paragraph's visible text, with a map from each character back to its XML node.

python-docx's `Paragraph.text` skips text inside existing tracked insertions and
hyperlinks in older versions, and cannot say which characters are safe to edit, so we
walk the runs ourselves: text in `w:ins`/`w:moveTo` is present, text in
`w:del`/`w:moveFrom` is not, field results and content controls are read but marked
not editable, and text boxes are handed back as separate paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from wttsc_policy.ooxml.package import w

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"

_T, _R, _TAB, _BR, _CR = w("t"), w("r"), w("tab"), w("br"), w("cr")
_HYPERLINK, _INS, _DEL = w("hyperlink"), w("ins"), w("del")
_MOVE_TO, _MOVE_FROM = w("moveTo"), w("moveFrom")
_SDT, _SDT_CONTENT, _FLD_SIMPLE, _FLD_CHAR = w("sdt"), w("sdtContent"), w("fldSimple"), w("fldChar")
_TXBX = w("txbxContent")
_P = w("p")
_PASS_THROUGH = {w("smartTag"), w("customXml"), w("bdo"), w("dir")}


@dataclass(slots=True)
class Piece:
    """Characters [start, end) of the paragraph text come from `node` in `run`."""

    start: int
    end: int
    node: etree._Element
    run: etree._Element
    kind: str  # 't' | 'tab' | 'br' | 'hyphen'
    editable: bool
    in_hyperlink: bool = False


@dataclass(slots=True)
class ParagraphText:
    text: str
    pieces: list[Piece]
    textboxes: list[etree._Element] = field(default_factory=list)
    comment_ids: list[str] = field(default_factory=list)
    has_revisions: bool = False

    def editable_range(self, start: int, end: int) -> bool:
        """True when every character in [start, end) sits in plain, editable text."""
        covered = start
        for piece in self.pieces:
            if piece.end <= start or piece.start >= end:
                continue
            if not piece.editable or piece.kind != "t":
                return False
            if piece.start > covered:
                return False
            covered = max(covered, piece.end)
        return covered >= end


class _Walker:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.pieces: list[Piece] = []
        self.textboxes: list[etree._Element] = []
        self.comment_ids: list[str] = []
        self.field_depth = 0  # inside a complex field
        self.field_result = [False]  # per depth: past the 'separate' mark
        self.has_revisions = False

    def add(self, text: str, node: etree._Element, run: etree._Element, kind: str, editable: bool, link: bool) -> None:
        if not text:
            return
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        self.pieces.append(Piece(start, self.length, node, run, kind, editable, link))

    def container(self, el: etree._Element, editable: bool, link: bool) -> None:
        for child in el:
            tag = child.tag
            if tag == _R:
                self.run(child, editable, link)
            elif tag == _HYPERLINK:
                self.container(child, editable, True)
            elif tag in _PASS_THROUGH:
                self.container(child, editable, link)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self.container(content, False, link)
            elif tag in (_INS, _MOVE_TO):
                self.has_revisions = True
                self.container(child, False, link)
            elif tag in (_DEL, _MOVE_FROM):
                self.has_revisions = True
            elif tag == _FLD_SIMPLE:
                self.container(child, False, link)
            elif tag == w("commentRangeStart"):
                cid = child.get(w("id"))
                if cid is not None:
                    self.comment_ids.append(cid)

    def run(self, r: etree._Element, editable: bool, link: bool) -> None:
        for child in r:
            tag = child.tag
            in_field = self.field_depth > 0
            if in_field and not self.field_result[-1] and tag != _FLD_CHAR:
                continue  # field instructions are not visible text
            ok = editable and not in_field
            if tag == _T:
                self.add(child.text or "", child, r, "t", ok, link)
            elif tag == _TAB:
                self.add("\t", child, r, "tab", ok, link)
            elif tag in (_BR, _CR):
                self.add("\n", child, r, "br", ok, link)
            elif tag == w("noBreakHyphen"):
                self.add("\u2011", child, r, "hyphen", ok, link)
            elif tag == w("softHyphen"):
                self.add("\u00ad", child, r, "hyphen", ok, link)
            elif tag == _FLD_CHAR:
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    self.field_depth += 1
                    self.field_result.append(False)
                elif kind == "separate" and self.field_depth:
                    self.field_result[-1] = True
                elif kind == "end" and self.field_depth:
                    self.field_depth -= 1
                    self.field_result.pop()
            elif tag == f"{{{MC_NS}}}AlternateContent" or tag in (w("drawing"), w("pict"), w("object")):
                self.textboxes.extend(_textbox_paragraphs(child))


def _textbox_paragraphs(el: etree._Element) -> list[etree._Element]:
    """Paragraphs of text boxes under a drawing, once (mc:Choice preferred over Fallback)."""
    if el.tag == f"{{{MC_NS}}}AlternateContent":
        choice = el.find(f"{{{MC_NS}}}Choice")
        found = choice if choice is not None else el.find(f"{{{MC_NS}}}Fallback")
        if found is None:
            return []
        el = found
    out: list[etree._Element] = []
    for box in el.iter(_TXBX):
        # skip boxes nested inside another box's paragraphs: those come with that paragraph
        out.extend(box.findall(_P))
        break
    return out


def paragraph_text(p: etree._Element) -> ParagraphText:
    """Visible text of a `w:p` with its character map."""
    walker = _Walker()
    walker.container(p, True, False)
    return ParagraphText(
        text="".join(walker.parts),
        pieces=walker.pieces,
        textboxes=walker.textboxes,
        comment_ids=walker.comment_ids,
        has_revisions=walker.has_revisions,
    )
