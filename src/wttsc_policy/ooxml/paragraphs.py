"""New paragraphs beside existing ones, recorded so that Reject All gives back exactly the original.

A rejected insertion that holds paragraph marks joins the paragraphs around it. Word
keeps the properties of the mark that survives; LibreOffice keeps the *first*
paragraph's attributes, unless the removed range starts at the very beginning of a
paragraph and stops before the end of the paragraph after it, when it keeps that one's.
So where the new paragraphs' marks go depends on their neighbours (`insert_paragraphs`):

1. Before a paragraph that still holds text after Reject All: every new paragraph mark
   is an insertion. Rejecting empties them and joins them onto that paragraph, which
   keeps its own properties in both programs.
2. Otherwise after a paragraph P, the way Word records pressing Enter at the end of P
   and typing: P's mark is recorded as inserted, and the last new paragraph takes over
   P's original mark (it keeps its own new properties, with P's recorded in
   `w:pPrChange` / `w:rPrChange`). Rejecting joins P's text onto that mark, with P's
   properties; LibreOffice keeps P's attributes as the first paragraph's.
3. Otherwise (between tables, say) every mark is an insertion. A story that ends with a
   table or content control gets the empty paragraph Word shows after it anyway,
   untracked, and 2 hands that paragraph's mark over.

A paragraph whose mark is already someone's revision, or that holds a section break, a
frame, a floating shape or a footnote/endnote reference, is never used for 2; an empty
paragraph, or one holding a floating shape, never for 1.
Where no paragraph can be used at the end of a story, the new paragraphs go before its
last paragraph instead (its floating shapes stay where they are).
"""

from __future__ import annotations

import copy
from typing import Literal

from lxml import etree

from wttsc_policy.ooxml.elements import find_child
from wttsc_policy.ooxml.neighbours import block_sibling, run_properties
from wttsc_policy.ooxml.package import parent_of, w
from wttsc_policy.ooxml.places import holds_section, keeps_text_after_reject, mark_revision
from wttsc_policy.ooxml.revisions import RevisionContext, new_run

WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_P, _PPR, _RPR = w("p"), w("pPr"), w("rPr")
_REVISIONS = {w("ins"), w("del"), w("moveFrom"), w("moveTo"), w("rPrChange"), w("pPrChange"), w("numberingChange")}
# Paragraph properties that belong to one paragraph only (a section break, a page break
# before it, a frame, its mark's formatting and revisions), never copied to a new one.
_NOT_COPIED = {w("sectPr"), w("rPr"), w("pPrChange"), w("pageBreakBefore"), w("framePr")}
# Shapes anchored to a paragraph: LibreOffice keeps an empty paragraph when it joins one
# onto a paragraph that holds them, so such a paragraph never hands its mark over.
_FLOATING = {f"{{{WP_NS}}}anchor", w("pict"), w("object")}
# Note references: LibreOffice keeps an empty paragraph when it joins one onto a paragraph
# that holds a footnote or endnote reference, so such a paragraph never hands its mark over.
_NOTE_REFERENCES = {w("footnoteReference"), w("endnoteReference")}


def paragraph_properties(template: etree._Element | None, *, keep_numbering: bool) -> etree._Element:
    """A `w:pPr` for a new paragraph, copied from a neighbour minus what must not be copied."""
    ppr = copy.deepcopy(template) if template is not None else etree.Element(_PPR)
    for child in list(ppr):
        if child.tag in _NOT_COPIED or (child.tag == w("numPr") and not keep_numbering):
            ppr.remove(child)
    for el in list(ppr.iter(*_REVISIONS)):
        parent_of(el).remove(el)
    return ppr


def inserted_paragraph(
    text: str,
    ppr_template: etree._Element | None,
    rpr: etree._Element | None,
    ctx: RevisionContext,
    *,
    keep_numbering: bool = False,
) -> etree._Element:
    """A new `w:p` whose paragraph mark and content are both tracked insertions."""
    p = etree.Element(_P)
    ppr = paragraph_properties(ppr_template, keep_numbering=keep_numbering)
    mark_rpr = etree.SubElement(ppr, _RPR)
    mark_rpr.append(ctx.mark("ins"))
    cleaned = run_properties(rpr)
    if cleaned is not None:
        for child in cleaned:
            mark_rpr.append(copy.deepcopy(child))
    p.append(ppr)
    ins = ctx.mark("ins")
    ins.append(new_run(text, cleaned))
    p.append(ins)
    return p


def _joins_onto(p: etree._Element | None) -> bool:
    """New paragraphs may go before `p` with all their marks inserted (case 1). Not when
    `p` anchors a floating shape: LibreOffice's Reject All joins the new paragraphs onto
    it, and the shape's paragraph takes the new text's style or loses the shape (its
    text-box text counted as text kept, tika-018367)."""
    return (
        p is not None
        and p.tag == _P
        and keeps_text_after_reject(p)
        and not _framed(p)
        and mark_revision(p) is None
        and next(p.iter(*_FLOATING), None) is None
    )


def _hands_over(p: etree._Element | None) -> bool:
    """`p`'s mark may be handed over to the last new paragraph (case 2)."""
    return (
        p is not None
        and p.tag == _P
        and mark_revision(p) is None
        and not holds_section(p)
        and not _framed(p)
        and next(p.iter(*_FLOATING, *_NOTE_REFERENCES), None) is None
    )


def _framed(p: etree._Element | None) -> bool:
    ppr = find_child(p, _PPR) if p is not None and p.tag == _P else None
    return ppr is not None and find_child(ppr, w("framePr")) is not None


def insert_paragraphs(
    anchor: etree._Element, side: Literal["before", "after"], new: list[etree._Element], ctx: RevisionContext
) -> None:
    """Put `new` (built by `inserted_paragraph`) just before or after the block `anchor`,
    choosing where their marks go (see the module docstring)."""
    if not new:
        return
    # Framed paragraphs (frames, drop caps) float out of the text in LibreOffice, anchored
    # to the paragraph after them: new paragraphs go before them, never right after.
    if side == "after" and _framed(anchor):
        side = "before"
    while side == "before" and _framed(block_sibling(anchor, "previous")):
        anchor = block_sibling(anchor, "previous")  # type: ignore[assignment]
    prev, nxt = (
        (anchor, block_sibling(anchor, "next")) if side == "after" else (block_sibling(anchor, "previous"), anchor)
    )
    beside_frame = _framed(nxt)
    while _framed(nxt):
        nxt = block_sibling(nxt, "next")
    if _joins_onto(nxt) and not beside_frame:
        _place(new, after=anchor) if side == "after" else _place(new, before=anchor)
        return
    if nxt is None and prev is not None and prev.tag == _P and not _hands_over(prev):
        # The story ends with a paragraph that cannot hand its mark over (it holds a
        # floating shape, say): the new paragraphs go just before it instead.
        side, prev, nxt = "before", block_sibling(anchor, "previous"), anchor
        if _joins_onto(nxt):
            _place(new, before=anchor)
            return
    elif nxt is None and not _hands_over(prev):
        # The story ends with a table or content control and no paragraph after it. Word
        # adds one when it opens the file; write it out (untracked) and hand its mark over,
        # so Reject All leaves just that paragraph. (LibreOffice shows no paragraph after
        # a final table, so there it shows one empty paragraph more; moving the new
        # section before the table would put the table under the new heading.)
        prev = etree.Element(_P)
        anchor.addnext(prev)
    for owner in (prev, nxt):
        if owner is not None and _hands_over(owner):
            _hand_over(owner, new, ctx)
            _place(new, after=owner)
            return
    _place(new, after=anchor) if side == "after" else _place(new, before=anchor)


def _place(
    new: list[etree._Element], *, after: etree._Element | None = None, before: etree._Element | None = None
) -> None:
    for p in new:
        if after is not None:
            after.addnext(p)
            after = p
        elif before is not None:
            before.addprevious(p)


def _untrack_mark(p: etree._Element) -> etree._Element | None:
    """Remove the insertion mark from a new paragraph's mark; return the mark's w:rPr."""
    rpr = p.find(f"{w('pPr')}/{w('rPr')}")
    if rpr is not None:
        for ins in rpr.findall(w("ins")):
            rpr.remove(ins)
    return rpr


def _canonical(elements: list[etree._Element]) -> list[bytes]:
    return [etree.tostring(el, method="c14n") for el in elements]


def _hand_over(owner: etree._Element, new: list[etree._Element], ctx: RevisionContext) -> None:
    """Record `owner`'s mark as inserted; the last new paragraph takes over its original mark."""
    ppr = find_child(owner, _PPR)
    old_base = [c for c in ppr if c.tag not in (_RPR, w("sectPr"), w("pPrChange"))] if ppr is not None else []
    old_mark = owner.find(f"{w('pPr')}/{w('rPr')}")
    old_mark_props = [c for c in old_mark if c.tag not in _REVISIONS] if old_mark is not None else []
    mark_paragraph_inserted(owner, ctx)
    last = new[-1]
    last_ppr = find_child(last, _PPR)
    if last_ppr is None:
        last_ppr = etree.Element(_PPR)
        last.insert(0, last_ppr)
    mark = _untrack_mark(last)
    if mark is None:
        mark = etree.SubElement(last_ppr, _RPR)
    if _canonical([c for c in mark if c.tag not in _REVISIONS]) != _canonical(old_mark_props):
        change = ctx.mark("rPrChange")
        inner = etree.SubElement(change, _RPR)
        for child in old_mark_props:
            inner.append(copy.deepcopy(child))
        mark.append(change)
    new_base = [c for c in last_ppr if c.tag not in (_RPR, w("sectPr"), w("pPrChange"))]
    if _canonical(new_base) != _canonical(old_base):
        change = ctx.mark("pPrChange")
        inner = etree.SubElement(change, _PPR)
        for child in old_base:
            inner.append(copy.deepcopy(child))
        last_ppr.append(change)
    if len(mark) == 0:
        last_ppr.remove(mark)


def mark_paragraph_inserted(p: etree._Element, ctx: RevisionContext) -> None:
    """Record a paragraph's mark as inserted (its text stays original)."""
    mark_paragraph(p, ctx.mark("ins"))


def mark_paragraph(p: etree._Element, mark: etree._Element) -> None:
    """Put a revision mark (`w:ins` or `w:del`) on a paragraph's mark, its `w:pPr/w:rPr`,
    in schema order."""
    ppr = find_child(p, _PPR)
    if ppr is None:
        ppr = etree.Element(_PPR)
        p.insert(0, ppr)
    rpr = find_child(ppr, _RPR)
    if rpr is None:
        rpr = etree.Element(_RPR)
        later = [c for c in ppr if c.tag in (w("sectPr"), w("pPrChange"))]
        if later:
            later[0].addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, mark)
