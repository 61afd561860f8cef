"""Units a rewrite treats as one piece: a list with its lead-in, a sentence, a paragraph.

A policy's safeguarding definition, its golden rules of information sharing and its early
help list are lists introduced by a lead-in ("... means:"). Rewriting them item by item
leaves old and new points side by side, so the planner rewrites (or merges into) the whole
list, and the matcher checks a definition as a whole. Format-neutral: a list is a run of
consecutive list-item blocks outside tables (a plain-text list may be a single block), and
its lead-in is the paragraph just before it when that paragraph ends with a colon.
"""

from __future__ import annotations

import re

from wttsc_policy.document import Block, BlockKind, Document
from wttsc_policy.normalise import sentence_bounds
from wttsc_policy.records import record
from wttsc_policy.regexcode import compile_regex

# A paragraph number typed into the text ("2.3 ", "4.1.1 ", "(a) "): what is left of a
# paragraph once all its sentences are gone.
NUMBER_ONLY = compile_regex(r"^\s*(?:\(?\d+(?:\.\d+)*[.)]?|\(?[a-z][.)])?\s*$", re.I)


@record(frozen=True, slots=True)
class ListUnit:
    """A list: the blocks of its items, in order, and its lead-in block (None when the
    paragraph before it does not introduce it)."""

    items: tuple[int, ...]
    lead: int | None = None

    @property
    def first(self) -> int:
        return self.items[0]

    @property
    def last(self) -> int:
        return self.items[-1]

    def blocks(self) -> tuple[int, ...]:
        """Every block of the unit, lead-in first."""
        return self.items if self.lead is None else (self.lead, *self.items)


def _in_list(block: Block, like: Block) -> bool:
    return (
        block.kind is BlockKind.LIST_ITEM
        and block.table is None
        and block.part == like.part
        and block.zone is like.zone
        and block.editable
    )


def is_lead_in(block: Block) -> bool:
    """A paragraph that introduces a list: it ends with a colon."""
    return block.kind is BlockKind.PARAGRAPH and block.table is None and block.text.rstrip().endswith(":")


def list_at(doc: Document, index: int) -> ListUnit | None:
    """The list a block belongs to (an item of it, or its lead-in), or None."""
    blocks = doc.blocks
    block = blocks[index]
    if block.kind is not BlockKind.LIST_ITEM or block.table is not None:
        nxt = blocks[index + 1] if index + 1 < len(blocks) else None
        if is_lead_in(block) and nxt is not None and _in_list(nxt, block) and nxt.zone is block.zone:
            return list_at(doc, index + 1)
        return None
    first = last = index
    while first > 0 and _in_list(blocks[first - 1], block):
        first -= 1
    while last + 1 < len(blocks) and _in_list(blocks[last + 1], block):
        last += 1
    before = blocks[first - 1] if first > 0 else None
    lead = first - 1 if before is not None and before.part == block.part and is_lead_in(before) else None
    return ListUnit(items=tuple(range(first, last + 1)), lead=lead)


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of `text` around [start, end), without surrounding spaces."""
    s, e = sentence_bounds(text, start, end)
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def deletion_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span to delete so sentence [start, end) goes with the space that joined it to its
    neighbours (the space before it, or after it when it opens the paragraph)."""
    s, e = start, end
    if s > 0:
        while s > 0 and text[s - 1] in " \t":
            s -= 1
    else:
        while e < len(text) and text[e] in " \t":
            e += 1
    return s, e


def is_empty_paragraph(text: str) -> bool:
    """Nothing left but whitespace or a typed paragraph number."""
    return bool(NUMBER_ONLY.match(text))
