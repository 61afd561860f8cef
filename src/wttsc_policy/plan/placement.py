"""Where a new clause goes: after the section it belongs to, or as a new section before
the policy's closing matter (appendices, review, related policies), or at the end."""

from __future__ import annotations

from functools import cached_property

from wttsc_policy.document import Block, BlockKind, Document, Zone
from wttsc_policy.normalise import fold
from wttsc_policy.read.outline import title_block
from wttsc_policy.regexcode import compile_regex

_APPENDIX = compile_regex(r"^\s*(?:appendix|appendices|annex(?:e|es)?|schedule)\b")
_BACK_MATTER = compile_regex(
    r"^\s*(?:(?:section|part)?\s*\d+(?:\.\d+)*[.):]?\s+)?(?:appendix|appendices|annex|schedule|"
    r"(?:policy )?(?:monitoring(?: and| &)? )?review(?: of (?:this|the) policy)?|monitoring|"
    r"links? (?:with|to) other policies|related (?:policies|documents|guidance)|approval|sign-? ?off)\b"
)


def _body_blocks(doc: Document) -> list[Block]:
    return [b for b in doc.blocks if b.part == "body"]


def section_end(doc: Document, heading: Block) -> Block:
    """The last block of a heading's own text (before the next heading of any level)."""
    last = heading
    for block in doc.blocks[heading.index + 1 :]:
        if block.part != "body" or block.kind is BlockKind.HEADING:
            break
        if block.editable and block.zone is Zone.BODY:
            last = block
    return last


def main_level(doc: Document) -> int:
    """The level of the policy's own sections: the highest heading level below the title."""
    title = title_block(doc)
    levels = [
        b.level for b in _body_blocks(doc) if b.kind is BlockKind.HEADING and b.zone is Zone.BODY and b is not title
    ]
    if levels:
        return min(levels)
    return title.level + 1 if title is not None else 2


def back_matter(doc: Document) -> Block | None:
    """The first heading of the policy's closing matter: appendices, or trailing review /
    related-policies sections. New sections go just before it."""
    level = main_level(doc)
    title = title_block(doc)
    top = [b for b in _body_blocks(doc) if b.kind is BlockKind.HEADING and b.level <= level and b is not title]
    if not top:
        return None
    first = next((b for b in top if _APPENDIX.match(fold(b.text))), None)
    tail = None
    for block in reversed(top):
        if not _BACK_MATTER.match(fold(block.text)):
            break
        tail = block
    candidates = [b for b in (first, tail) if b is not None]
    if not candidates or min(b.index for b in candidates) == top[0].index:
        return None
    return min(candidates, key=lambda b: b.index)


def last_body_block(doc: Document) -> Block | None:
    body = [b for b in _body_blocks(doc) if b.editable]
    return body[-1] if body else None


class Outline:
    """What every clause placement of one plan asks about the document (its main heading
    level, closing matter, last body block), each worked out once
    per plan instead of once per clause: each is a pass over every block."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    @cached_property
    def main_level(self) -> int:
        return main_level(self.doc)

    @cached_property
    def back_matter(self) -> Block | None:
        return back_matter(self.doc)

    @cached_property
    def last_body_block(self) -> Block | None:
        return last_body_block(self.doc)
