"""A paragraph's visible text, with a map from each character back to its XML node.

python-docx's `Paragraph.text` skips text inside existing tracked insertions and
hyperlinks in older versions, and cannot say which characters are safe to edit, so we
walk the runs ourselves: text in `w:ins`/`w:moveTo` is present, text in
`w:del`/`w:moveFrom` is not, field instructions are not text, and every piece carries
the restriction of the place it sits in (see places.py), or None when it may be edited.
Text boxes are handed back as separate containers.

Complex fields can run over several paragraphs (a table of contents does), so the
walk takes the fields still open when the paragraph starts (`FieldStack`) and leaves
in it those still open at its end.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from lxml import etree

from wttsc_policy.ooxml.package import w
from wttsc_policy.ooxml.places import (
    ALTERNATE,
    Lockout,
    Restriction,
    chosen_branch,
    paragraph_lockout,
    text_boxes,
)

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"

_T, _R, _TAB, _BR, _CR = w("t"), w("r"), w("tab"), w("br"), w("cr")
_HYPERLINK, _INS, _DEL = w("hyperlink"), w("ins"), w("del")
_MOVE_TO, _MOVE_FROM = w("moveTo"), w("moveFrom")
_SDT, _SDT_CONTENT, _FLD_SIMPLE, _FLD_CHAR = w("sdt"), w("sdtContent"), w("fldSimple"), w("fldChar")
_INSTR, _RPR, _RPR_CHANGE = w("instrText"), w("rPr"), w("rPrChange")
_PASS_THROUGH = {w("smartTag"), w("customXml"), w("bdo"), w("dir")}
_NOTE_REFS = {w("footnoteReference"): "footnote", w("endnoteReference"): "endnote"}
_SHAPES = {ALTERNATE, w("drawing"), w("pict"), w("object")}
_BREAKS = {_TAB: ("\t", "tab"), w("ptab"): ("\t", "tab"), _BR: ("\n", "br"), _CR: ("\n", "br")}
_HYPHENS = {w("noBreakHyphen"): "\u2011", w("softHyphen"): "\u00ad"}


@dataclass(slots=True)
class OpenField:
    """A complex field that has begun: its instruction so far, and whether its result has started."""

    instruction: str = ""
    in_result: bool = False

    @property
    def kind(self) -> str:
        words = self.instruction.split()
        return words[0].upper() if words else "?"


@dataclass(slots=True)
class FieldStack:
    """Complex fields open at a point of a story, outermost first."""

    fields: list[OpenField] = field(default_factory=list)

    def copy(self) -> FieldStack:
        return FieldStack([copy.copy(f) for f in self.fields])

    @property
    def visible(self) -> bool:
        """Text here is shown: every open field is past its instruction."""
        return all(f.in_result for f in self.fields)

    @property
    def lockout(self) -> Lockout | None:
        """Text inside a field's result is the field's: the outermost field names it."""
        return Lockout(Restriction.FIELD, self.fields[0].kind) if self.fields else None


@dataclass(slots=True)
class Piece:
    """Characters [start, end) of the paragraph text come from `node` in `run`."""

    start: int
    end: int
    node: etree._Element
    run: etree._Element
    kind: str  # 't' | 'tab' | 'br' | 'hyphen'
    lockout: Lockout | None  # why it may not be edited, or None
    in_hyperlink: bool = False

    @property
    def editable(self) -> bool:
        return self.lockout is None and self.kind == "t"


@dataclass(slots=True)
class ParagraphText:
    text: str
    pieces: list[Piece]
    boxes: list[etree._Element] = field(default_factory=list)  # w:txbxContent of its text boxes
    comment_ids: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (footnote|endnote, id) referenced
    has_revisions: bool = False

    def editable_range(self, start: int, end: int) -> bool:
        """True when every character in [start, end) sits in plain, editable text."""
        covered = start
        for piece in self.pieces:
            if piece.end <= start or piece.start >= end:
                continue
            if not piece.editable or piece.start > covered:
                return False
            covered = max(covered, piece.end)
        return covered >= end


class _Walker:
    def __init__(self, fields: FieldStack) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.pieces: list[Piece] = []
        self.boxes: list[etree._Element] = []
        self.comment_ids: list[str] = []
        self.notes: list[tuple[str, str]] = []
        self.fields = fields
        self.has_revisions = False

    def add(
        self, text: str, node: etree._Element, run: etree._Element, kind: str, lock: Lockout | None, link: bool
    ) -> None:
        if not text:
            return
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        self.pieces.append(Piece(start, self.length, node, run, kind, lock, link))

    def container(self, el: etree._Element, lock: Lockout | None, link: bool) -> None:
        for child in el:
            tag = child.tag
            if tag == _R:
                self.run(child, lock, link)
            elif tag == _HYPERLINK:
                self.container(child, lock, True)
            elif tag in _PASS_THROUGH:
                self.container(child, lock, link)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self.container(content, lock or Lockout(Restriction.CONTENT_CONTROL), link)
            elif tag in (_INS, _MOVE_TO):
                self.has_revisions = True
                author = child.get(w("author")) or None
                self.container(child, lock or Lockout(Restriction.REVISION, author), link)
            elif tag in (_DEL, _MOVE_FROM):
                self.has_revisions = True
            elif tag == _FLD_SIMPLE:
                kind = (child.get(w("instr")) or "?").split()
                self.container(child, lock or Lockout(Restriction.FIELD, kind[0].upper() if kind else "?"), link)
            elif tag == ALTERNATE:
                branch = chosen_branch(child)
                if branch is not None:
                    self.container(branch, lock, link)
            elif tag == w("commentRangeStart"):
                cid = child.get(w("id"))
                if cid is not None:
                    self.comment_ids.append(cid)

    def run(self, r: etree._Element, lock: Lockout | None, link: bool) -> None:
        rpr = r.find(_RPR)
        change = rpr.find(_RPR_CHANGE) if rpr is not None else None
        if change is not None:
            self.has_revisions = True
            lock = lock or Lockout(Restriction.REVISION, change.get(w("author")) or None)
        for child in r:
            tag = child.tag
            if tag == _FLD_CHAR:
                self.field_char(child.get(w("fldCharType")))
                continue
            if tag == _INSTR:
                if self.fields.fields and not self.fields.fields[-1].in_result:
                    self.fields.fields[-1].instruction += child.text or ""
                continue
            if not self.fields.visible:
                continue  # field instructions are not visible text
            here = lock or self.fields.lockout
            if tag == _T:
                self.add(child.text or "", child, r, "t", here, link)
            elif tag in _BREAKS:
                text, kind = _BREAKS[tag]
                self.add(text, child, r, kind, here or Lockout(Restriction.BREAK), link)
            elif tag in _HYPHENS:
                self.add(_HYPHENS[tag], child, r, "hyphen", here or Lockout(Restriction.BREAK), link)
            elif tag in _NOTE_REFS:
                nid = child.get(w("id"))
                if nid is not None:
                    self.notes.append((_NOTE_REFS[tag], nid))
            elif tag in _SHAPES:
                self.boxes.extend(text_boxes(child))

    def field_char(self, kind: str | None) -> None:
        stack = self.fields.fields
        if kind == "begin":
            stack.append(OpenField())
        elif kind == "separate" and stack:
            stack[-1].in_result = True
        elif kind == "end" and stack:
            stack.pop()


def paragraph_text(p: etree._Element, fields: FieldStack | None = None) -> ParagraphText:
    """Visible text of a `w:p` with its character map.

    `fields` are the complex fields open where the paragraph starts; it is updated to
    those open at its end (pass the same stack for consecutive paragraphs of a story).
    """
    walker = _Walker(fields if fields is not None else FieldStack())
    walker.container(p, paragraph_lockout(p), False)
    return ParagraphText(
        text="".join(walker.parts),
        pieces=walker.pieces,
        boxes=walker.boxes,
        comment_ids=walker.comment_ids,
        notes=walker.notes,
        has_revisions=walker.has_revisions,
    )
