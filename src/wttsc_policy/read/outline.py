"""The policy's outline: its title and the headings a topic can be placed under.

Shared by `check` (where a missing topic is reported) and `update` (where its clause
goes), so both always name the same heading.
"""

from __future__ import annotations

import re

from wttsc_policy.document import Block, BlockKind, Document, Zone
from wttsc_policy.normalise import fold
from wttsc_policy.rulepacks.patterns import compile_pattern

NUMBERED = re.compile(r"^\s*(?:section\s+)?\d+(?:\.\d+)*[.):]?\s")


def _body_blocks(doc: Document) -> list[Block]:
    return [b for b in doc.blocks if b.part == "body"]


def title_block(doc: Document) -> Block | None:
    """The document's title: the first heading when it sits above every other heading's
    level, names the policy, or is the only unnumbered one among numbered sections."""
    body = _body_blocks(doc)
    headings = [b for b in body if b.kind is BlockKind.HEADING]
    if not headings:
        return None
    first, rest = headings[0], headings[1:]
    if not rest:
        return first if first.index == min(b.index for b in body) else None
    if all(h.level > first.level for h in rest) or re.search(r"\bpolicy\b", fold(first.text)):
        return first
    peers = [h for h in rest if h.level == first.level]
    numbered = sum(1 for h in peers if NUMBERED.match(h.text))
    if not NUMBERED.match(first.text) and peers and numbered * 2 > len(peers):
        return first
    return None


def section_headings(doc: Document) -> tuple[list[Block], list[str]]:
    """Body headings outside history/contents zones, never the title, with folded text."""
    title = title_block(doc)
    headings = [b for b in _body_blocks(doc) if b.kind is BlockKind.HEADING and b.zone is Zone.BODY and b is not title]
    return headings, [fold(h.text) for h in headings]


def best_heading(
    doc: Document, cues: list[str], *, headings: tuple[list[Block], list[str]] | None = None
) -> Block | None:
    """The first section heading matching the earliest cue (cues are ordered best first)."""
    blocks, folded = headings if headings is not None else section_headings(doc)
    for cue in cues:
        regex = compile_pattern(cue)
        for heading, text in zip(blocks, folded, strict=True):
            if regex.search(text):
                return heading
    return None
