"""Whole paragraphs deleted as tracked changes (a list or definition rewritten as a unit).

Their runs go into `w:del` and their paragraph mark is marked deleted, so Accept All
leaves no empty paragraph and Reject All restores them exactly, properties and numbering
included. Kept apart from revisions.py, which edits text inside one paragraph.
"""

from __future__ import annotations

from lxml import etree

from wttsc_policy.ooxml.package import w
from wttsc_policy.ooxml.paragraphs import mark_paragraph
from wttsc_policy.ooxml.revisions import EditError, RevisionContext, delete_runs, isolate
from wttsc_policy.ooxml.textmap import paragraph_text


def deletion_refused(p: etree._Element) -> str | None:
    """Why a whole paragraph cannot be deleted as a tracked change, or None (checked for
    every paragraph of a unit before any is touched, so a unit is never half deleted)."""
    if p.getparent() is None or not any(sib.tag in (w("p"), w("tbl"), w("sdt")) for sib in p.itersiblings()):
        return "the paragraph ends the document, so its paragraph mark cannot be deleted"
    pt = paragraph_text(p)
    if pt.text and not pt.editable_range(0, len(pt.text)):
        return "the paragraph holds a field, content control or existing tracked change"
    return None


def delete_paragraph(p: etree._Element, ctx: RevisionContext) -> list[etree._Element]:
    """Track the deletion of a whole paragraph: its text and its paragraph mark.

    The last paragraph of a story has a mark that cannot be deleted, and text that is not
    plain editable runs (fields, content controls, someone else's revision) is refused:
    both raise EditError. Returns the deletion marks written, in order.
    """
    why = deletion_refused(p)
    if why is not None:
        raise EditError(why)
    pt = paragraph_text(p)
    marks: list[etree._Element] = []
    if pt.text:
        runs = isolate(p, 0, len(pt.text), ctx)
        marks = delete_runs(runs, ctx)
    mark_paragraph(p, ctx.mark("del"))
    return marks
