"""Word: a unit (a list, a definition, a paragraph) replaced as one tracked change.

When the new text has one paragraph for each old one, of the same kind, each paragraph keeps
its mark and properties and only its text is replaced (see `_replace_pairwise`). Otherwise
every old paragraph is deleted whole, its paragraph mark too, so Accept All leaves no
empty paragraph and Reject All restores each one exactly (style and numbering included);
the new paragraphs follow the last old one, each taking the list style and numbering of
the block it copies (`NewParagraph.like`). Every paragraph is checked before any is
touched, so a unit is never half replaced: a refusal raises EditError and the writer
leaves the unit for a person.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from wttsc_policy.document import Block, BlockKind, Document
from wttsc_policy.ooxml.comments import anchor_inserted, reference_run
from wttsc_policy.ooxml.deletion import delete_paragraph, deletion_refused
from wttsc_policy.ooxml.elements import find_child
from wttsc_policy.ooxml.package import w
from wttsc_policy.ooxml.paragraphs import inserted_paragraph
from wttsc_policy.ooxml.revisions import EditError, RevisionContext, replace_text
from wttsc_policy.plan.model import Edit, NewParagraph

Unit = tuple[list[etree._Element], list[etree._Element], list[etree._Element]]  # (old, deletion marks, new)
# (anchor block, new paragraph, the new paragraph before it) -> (pPr, rPr, keep numbering)
Template = Callable[
    [Block, NewParagraph, etree._Element | None], tuple[etree._Element | None, etree._Element | None, bool]
]


def replace_unit(
    doc: Document,
    edit: Edit,
    paragraph_of: Callable[[Block], etree._Element],
    template: Template,
    ctx: RevisionContext,
) -> Unit:
    """(old paragraphs, deletion marks, new paragraphs) of one unit edit, written in place."""
    blocks = [doc.blocks[i] for i in edit.blocks]
    if any(b.part != "body" or b.table is not None or not b.editable for b in blocks):
        raise EditError("the passage is in a table, a text box or a page header or footer")
    paras = [paragraph_of(b) for b in blocks]
    why = next((r for p in paras if (r := deletion_refused(p)) is not None), None)
    if why is not None:
        raise EditError(why)
    if _pairable(blocks, edit.paragraphs):
        return _replace_pairwise(blocks, paras, edit.paragraphs, ctx)
    marks: list[etree._Element] = []
    for p in paras:
        marks.extend(delete_paragraph(p, ctx))
    new: list[etree._Element] = []
    before: etree._Element | None = None
    for para in edit.paragraphs:
        ppr, rpr, numbered = template(blocks[0], para, before)
        new.append(inserted_paragraph(para.text, ppr, rpr, ctx, keep_numbering=numbered))
        before = new[-1] if para.kind == "bullet" else None
    after = paras[-1]
    for p in new:
        after.addnext(p)
        after = p
    return paras, marks, new


def _pairable(blocks: list[Block], paragraphs: list[NewParagraph]) -> bool:
    """One new paragraph for each old one, of the same kind (a list item for a list item):
    each old paragraph then keeps its mark and properties and only its text is replaced."""
    if len(blocks) != len(paragraphs):
        return False
    return all(
        (b.kind is BlockKind.LIST_ITEM) == (n.kind == "bullet") and n.kind != "heading"
        for b, n in zip(blocks, paragraphs, strict=True)
    )


def _replace_pairwise(
    blocks: list[Block], paras: list[etree._Element], paragraphs: list[NewParagraph], ctx: RevisionContext
) -> Unit:
    """Replace each old paragraph's text by its new text, keeping every paragraph mark: Accept
    All then keeps the list's own numbering (LibreOffice ties a list restart to its first
    paragraph, which a whole-paragraph deletion would remove) and Reject All is exact."""
    deletions: list[etree._Element] = []
    for block, p, para in zip(blocks, paras, paragraphs, strict=True):
        written = replace_text(p, 0, len(block.text), para.text, ctx)
        deletions.extend(m for m in written if m.tag == w("del"))
    return paras, deletions, paras


def _mark(tag: str, cid: str) -> etree._Element:
    el = etree.Element(w(tag))
    el.set(w("id"), cid)
    return el


def anchor_unit(cid: str, old: list[etree._Element], marks: list[etree._Element], new: list[etree._Element]) -> None:
    """Anchor a unit's comment where LibreOffice's Accept All and Reject All leave the
    neighbouring paragraphs alone (checked in a real LibreOffice): on the old text, inside
    its deletion, when new paragraphs replace it; when the unit only removes paragraphs, as
    a point at the end of the paragraph before them. (A comment anchored across inserted
    paragraphs, or inside a deletion that takes whole paragraphs with nothing in their
    place, makes LibreOffice restyle the next paragraph.)"""
    if new and marks:
        marks[0].insert(0, _mark("commentRangeStart", cid))
        marks[-1].append(_mark("commentRangeEnd", cid))
        marks[-1].append(reference_run(cid))
        return
    if new:
        anchor_inserted(cid, new[0])
        return
    before = old[0].getprevious()
    while before is not None and before.tag != w("p"):
        before = before.getprevious()
    if before is not None:
        before.extend([_mark("commentRangeStart", cid), _mark("commentRangeEnd", cid), reference_run(cid)])
        return
    after = old[-1].getnext()
    while after is not None and after.tag != w("p"):
        after = after.getnext()
    holder = after if after is not None else old[-1]
    ppr = find_child(holder, w("pPr"))
    at = 1 if ppr is not None else 0
    for offset, el in enumerate([_mark("commentRangeStart", cid), _mark("commentRangeEnd", cid), reference_run(cid)]):
        holder.insert(at + offset, el)
