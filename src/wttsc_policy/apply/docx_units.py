"""Word: a unit (a list, a definition, a paragraph) replaced as one tracked change.

Every old paragraph is deleted whole, its paragraph mark too, so Accept All leaves no
empty paragraph and Reject All restores each one exactly (style and numbering included);
the new paragraphs follow the last old one, each taking the list style and numbering of
the block it copies (`NewParagraph.like`). Every paragraph is checked before any is
touched, so a unit is never half replaced: a refusal raises EditError and the writer
leaves the unit for a person.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from wttsc_policy.document import Block, Document
from wttsc_policy.ooxml.revisions import (
    EditError,
    RevisionContext,
    delete_paragraph,
    deletion_refused,
    inserted_paragraph,
)
from wttsc_policy.plan.model import Edit, NewParagraph

Template = Callable[[Block, NewParagraph], tuple[etree._Element | None, etree._Element | None, bool]]


def replace_unit(
    doc: Document,
    edit: Edit,
    paragraph_of: Callable[[Block], etree._Element],
    template: Template,
    ctx: RevisionContext,
) -> tuple[list[etree._Element], list[etree._Element], list[etree._Element]]:
    """(old paragraphs, deletion marks, new paragraphs) of one unit edit, written in place."""
    blocks = [doc.blocks[i] for i in edit.blocks]
    if any(b.part != "body" or b.table is not None or not b.editable for b in blocks):
        raise EditError("the passage is in a table, a text box or a page header or footer")
    paras = [paragraph_of(b) for b in blocks]
    why = next((r for p in paras if (r := deletion_refused(p)) is not None), None)
    if why is not None:
        raise EditError(why)
    marks: list[etree._Element] = []
    for p in paras:
        marks.extend(delete_paragraph(p, ctx))
    new = []
    for para in edit.paragraphs:
        ppr, rpr, numbered = template(blocks[0], para)
        new.append(inserted_paragraph(para.text, ppr, rpr, ctx, keep_numbering=numbered))
    after = paras[-1]
    for p in new:
        after.addnext(p)
        after = p
    return paras, marks, new
