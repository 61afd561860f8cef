"""Where text lives in a Word package, and whether the tool may edit it there.

One classification, used by the reader (which text becomes blocks, and which stretches
are locked, with a reason) and by the redline writer (which it re-checks before every
edit, and which paragraphs it may put new paragraphs beside):

- stories: the body, headers, footers, footnotes and endnotes are read; comments are not
  policy text (only their suppression directives are read);
- containers of a paragraph: table cells (nested, merged, gridBefore: ordinary text),
  content controls (block or cell level), text boxes (VML `v:textbox` or DrawingML
  `wps:txbx`; an `mc:AlternateContent` is read through its Choice only, so a box is read
  once), frames and drop caps (`w:framePr`), floating tables (`w:tblpPr`);
- containers of a run: hyperlinks, smart tags and customXml (ordinary text), content
  controls, simple fields, complex fields (the instruction is not text; the result is
  locked, and a field may run over several paragraphs, like a table of contents), other
  people's pending revisions (insertions, moves, formatting changes; deleted text is not
  text at all).

`Restriction` says why text must be left to a person; `None` means it may be edited
with a tracked change. The reasons are format-specific here; read/docx.py turns them
into the format-neutral locks of document.py.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

from lxml import etree

from wttsc_policy.ooxml.elements import find_child
from wttsc_policy.ooxml.package import R_NS, REL_FOOTER, REL_HEADER, DocxPackage, parent_of, w
from wttsc_policy.records import field, record

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
REL_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
REL_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"

StoryKind = Literal["body", "header", "footer", "footnote", "endnote"]

ALTERNATE = f"{{{MC_NS}}}AlternateContent"
CHOICE, FALLBACK = f"{{{MC_NS}}}Choice", f"{{{MC_NS}}}Fallback"
_TXBX, _SDT, _P, _PPR = w("txbxContent"), w("sdt"), w("p"), w("pPr")
_WPS_TXBX = f"{{{WPS_NS}}}txbx"
_TBL, _FLOATING = w("tbl"), f"{w('tblPr')}/{w('tblpPr')}"


class Restriction(str, Enum):
    """Why a stretch of text is not edited automatically."""

    TEXT_BOX = "text_box"
    FRAME = "frame"  # a framed paragraph or drop cap (w:framePr)
    FLOATING_TABLE = "floating_table"  # a table positioned on the page (w:tblpPr)
    CONTENT_CONTROL = "content_control"
    REVISION = "revision"  # someone's pending insertion, move or formatting change
    FIELD = "field"  # a field's result (complex or simple)
    BREAK = "break"  # a tab, line break or special hyphen


@record(slots=True, frozen=True)
class Lockout:
    """A restriction with the detail the notes show (field type, text box kind, author)."""

    restriction: Restriction
    detail: str | None = None


@record(slots=True)
class Story:
    """One story part: its name, its kind, and its paragraphs' containers in order.

    Footnotes and endnotes are one part holding many notes; `notes` maps each normal
    note's id to its element (separators and continuation notices are not text).
    """

    part: str
    kind: StoryKind
    root: etree._Element
    notes: dict[str, etree._Element] = field(default_factory=dict)
    shared: bool = False  # a header or footer LibreOffice cannot resolve changes in (shared_headers_footers)

    @property
    def containers(self) -> list[etree._Element]:
        """The elements whose paragraphs are read, in order (the body, or each note)."""
        if self.kind in ("footnote", "endnote"):
            return list(self.notes.values())
        if self.kind == "body":
            body = find_child(self.root, w("body"))
            return [body] if body is not None else []
        return [self.root]


def stories(pkg: DocxPackage) -> list[Story]:
    """Every story part with policy text: body, headers, footers, footnotes, endnotes."""
    main = pkg.main_part
    out = [Story(main, "body", pkg.xml(main))]
    kinds: tuple[tuple[str, StoryKind], ...] = (
        (REL_HEADER, "header"),
        (REL_FOOTER, "footer"),
        (REL_FOOTNOTES, "footnote"),
        (REL_ENDNOTES, "endnote"),
    )
    shared = shared_headers_footers(pkg)
    for rel_type, kind in kinds:
        for target in sorted(set(pkg.related(main, rel_type))):
            story = Story(target, kind, pkg.xml(target), shared=target in shared)
            if kind in ("footnote", "endnote"):
                for note in story.root.iterchildren(w(kind)):
                    nid = note.get(w("id"))
                    if nid is not None and note.get(w("type")) in (None, "normal"):
                        story.notes[nid] = note
            out.append(story)
    return out


def shared_headers_footers(pkg: DocxPackage) -> set[str]:
    """Header and footer parts shown by a section other than the first, or on pages with
    a negative top (headers) or bottom (footers) margin.

    A section without a reference of some kind and type (default, even, first) shows the
    previous section's. LibreOffice opens every section after the first in a page style
    of its own ("Converted1", ...), and its Reject and Accept All do not reach a tracked
    change in such a page style's header or footer: both versions stay
    (oxsdk-2003-consumer-confidence-report, a first-section footer the second section
    inherits; oxsdk-bookmark, the second section's own header). A negative margin
    ("exactly", in Word) makes LibreOffice open that page style's header or footer as a
    text frame, where Reject All does not apply either (oxsdk-complexity-part-2). Other
    headers and footers are edited; these are left to a person.
    """
    main = pkg.main_part
    body = find_child(pkg.xml(main), w("body"))
    if body is None:
        return set()
    targets = {rid: target for rid, _, target, mode in pkg.relationships(main) if mode != "External"}
    sections = [el for el in body.iter(w("sectPr")) if parent_of(el).tag in (w("pPr"), w("body"))]
    later: set[str] = set()
    current: dict[tuple[str, str], str] = {}
    for number, sect in enumerate(sections):
        for kind in ("header", "footer"):
            for ref in sect.iterchildren(w(f"{kind}Reference")):
                target = targets.get(ref.get(f"{{{R_NS}}}id") or "")
                if target is not None:
                    current[(kind, ref.get(w("type")) or "default")] = target
        if number > 0:
            later.update(current.values())
        margins = find_child(sect, w("pgMar"))
        for kind, side in (("header", "top"), ("footer", "bottom")):
            value = margins.get(w(side), "0") if margins is not None else "0"
            if value.lstrip("-").isdigit() and int(value) < 0:
                later.update(t for (k, _), t in current.items() if k == kind)
    return later


def chosen_branch(alternate: etree._Element) -> etree._Element | None:
    """The branch of an `mc:AlternateContent` that is read: the first Choice, else the Fallback."""
    branch = find_child(alternate, CHOICE)
    return branch if branch is not None else find_child(alternate, FALLBACK)


def text_boxes(el: etree._Element) -> list[etree._Element]:
    """The `w:txbxContent` of every text box under a drawing or picture, each box once.

    Inside an `mc:AlternateContent` only the chosen branch counts (the Fallback is a VML
    copy of the same box). Boxes inside another box are left to that box's paragraphs,
    which hand them back in turn.
    """
    if el.tag == ALTERNATE:
        branch = chosen_branch(el)
        if branch is None:
            return []
        el = branch
    out: list[etree._Element] = []
    for box in el.iter(_TXBX):
        if any(a.tag in (_TXBX, FALLBACK) for a in ancestors_below(box, el)):
            continue
        out.append(box)
    return out


def ancestors_below(node: etree._Element, top: etree._Element) -> list[etree._Element]:
    """The ancestors of `node` up to, not including, `top`."""
    out = []
    for a in node.iterancestors():
        if a is top:
            break
        out.append(a)
    return out


def paragraph_lockout(p: etree._Element) -> Lockout | None:
    """The restriction on a whole paragraph from where it sits, or None.

    A text box wins (its own paragraphs may be anything); then a frame or drop cap,
    a floating table, then a content control around the paragraph.
    """
    box = None
    sdt = floating = False
    # a plain walk up: a body paragraph has two ancestors, and lxml's tag-filtered
    # iterancestors costs more to set up than walking them
    node = p.getparent()
    while node is not None:
        parent = node.getparent()
        tag = node.tag
        if tag == _TXBX:
            if box is None:
                box = "dml" if parent is not None and parent.tag == _WPS_TXBX else "vml"
        elif tag == _SDT:
            sdt = True
        elif tag == _TBL and node.find(_FLOATING) is not None:  # a path: lxml's find
            floating = True
        node = parent
    if box is not None:
        return Lockout(Restriction.TEXT_BOX, box)
    ppr = find_child(p, _PPR)
    frame = find_child(ppr, w("framePr")) if ppr is not None else None
    if frame is not None:
        drop = frame.get(w("dropCap")) in ("drop", "margin")
        return Lockout(Restriction.FRAME, "drop cap" if drop else None)
    if floating:
        # LibreOffice opens a floating table as a text frame; after Reject or Accept All
        # of any change in it the table's text moves out of the frame into the body
        # (oxpt-rp001-tracked-revisions-02-accepted in the Word corpus).
        return Lockout(Restriction.FLOATING_TABLE)
    if sdt:
        return Lockout(Restriction.CONTENT_CONTROL)
    return None


def vertical_text(p: etree._Element) -> bool:
    """True when the paragraph runs vertically or bottom-to-top (`w:pPr/w:textDirection`
    other than lrTb). LibreOffice cannot hold a comment in such a paragraph: with one
    there it shifts the document's paragraphs into its footnotes on import (poi-stress011
    in the Word corpus), so a change there is explained in a comment elsewhere."""
    ppr = find_child(p, _PPR)
    direction = find_child(ppr, w("textDirection")) if ppr is not None else None
    return direction is not None and direction.get(w("val"), "lrTb") not in ("lrTb", "tb")


def mark_revision(p: etree._Element) -> str | None:
    """'ins' or 'del' when the paragraph's own mark is a pending revision, else None."""
    ppr = find_child(p, _PPR)
    rpr = find_child(ppr, w("rPr")) if ppr is not None else None
    if rpr is None:
        return None
    for tag in ("ins", "del", "moveTo", "moveFrom"):
        if rpr.find(w(tag)) is not None:
            return tag
    return None


def holds_section(p: etree._Element) -> bool:
    """True when the paragraph's mark ends a section (its pPr holds a w:sectPr)."""
    ppr = find_child(p, _PPR)
    return ppr is not None and find_child(ppr, w("sectPr")) is not None


_KEPT_TEXT = {w("t"), w("delText"), w("tab"), w("sym"), w("noBreakHyphen"), w("softHyphen"), w("ptab")}
_NEW = {w("ins"), w("moveTo")}


def keeps_text_after_reject(p: etree._Element) -> bool:
    """True when the paragraph still holds a character after Reject All (text outside
    every pending insertion; deleted text comes back). A paragraph that is empty then is
    joined differently by LibreOffice, so new paragraphs are never put right before it.
    (The paragraph's own properties are skipped: a tab stop there is `w:tabs/w:tab`.)"""
    for el in p.iter(*_KEPT_TEXT):
        if el.tag == w("tab") and parent_of(el).tag == w("tabs"):
            continue
        if el.tag in (w("t"), w("delText")) and not el.text:
            continue
        if not any(a.tag in _NEW for a in ancestors_below(el, p)):
            return True
    return False
