"""Whole lines for markdown and plain text: a unit replaced or deleted line for line, and
list items written with the list's own marker.

A unit edit (a rewritten list, a deleted paragraph) replaces every line of its blocks,
list markers included, so nothing of the old unit is left on a line of the new one. New
items take the marker, indentation and spacing of the item they copy (`like`): "- ",
"* ", "1. " (numbered on from that item), tight or with blank lines between them.
"""

from __future__ import annotations

import re

from wttsc_policy.document import Block, Document
from wttsc_policy.plan.model import Edit, NewParagraph
from wttsc_policy.regexcode import compile_regex

_MARKER = compile_regex(r"^([ \t]*)(?:([-*+\u2022])|(\d{1,3})([.)])|\(?([a-z])\))([ \t]+)", re.I)


def line_start(source: str, offset: int) -> int:
    return source.rfind("\n", 0, offset) + 1


def line_end(source: str, offset: int) -> int:
    """The end of the line holding `offset` (before its line break)."""
    pos = source.find("\n", offset)
    pos = len(source) if pos == -1 else pos
    return pos - 1 if pos > 0 and source[pos - 1] == "\r" else pos


def block_lines(block: Block, source: str) -> tuple[int, int]:
    """File range of a block's whole lines (from its line start, marker included)."""
    first = block.source_offset(0) or 0
    last = block.source_offset(max(len(block.text) - 1, 0)) or first
    return line_start(source, first), line_end(source, last)


def _marker(block: Block, source: str) -> tuple[str, int | None, str]:
    """(marker before the number or the bullet, the item's number or None, after it)."""
    s, _ = block_lines(block, source)
    m = _MARKER.match(source[s : s + 40])
    if m is None:
        return "- ", None, ""
    indent, bullet, number, close, letter, space = m.groups()
    if bullet:
        return f"{indent}{bullet}{space}", None, ""
    if number:
        return indent, int(number), f"{close}{space}"
    return f"{indent}(", None, f"{letter}){space}"  # lettered items keep their letter


def _gap(doc: Document, like: Block, source: str) -> str:
    """The separator between the list's items: one line break, or a blank line."""
    for other in (doc.blocks[like.index - 1] if like.index else None, *doc.blocks[like.index + 1 : like.index + 2]):
        if other is None or other.kind is not like.kind:
            continue
        a, b = sorted((block_lines(like, source), block_lines(other, source)))
        between = source[a[1] : b[0]].replace("\r", "")
        return "\n\n" if between.count("\n") > 1 else "\n"
    return "\n"


def items_markup(doc: Document, paragraphs: list[NewParagraph], first_number: int) -> tuple[list[str], str]:
    """List paragraphs as lines with their list's marker, and the separator between them."""
    source = doc.source or ""
    like = doc.blocks[paragraphs[0].like or 0]
    lead, number, tail = _marker(like, source)
    lines = []
    for k, para in enumerate(paragraphs):
        mark = f"{lead}{first_number + k}{tail}" if number is not None else f"{lead}{tail}"
        lines.append(mark + para.text)
    return lines, _gap(doc, like, source)


def number_of(doc: Document, index: int) -> int:
    """The typed number of a numbered item (1 when it has none)."""
    _, number, _ = _marker(doc.blocks[index], doc.source or "")
    return number or 1


def unit_range(doc: Document, edit: Edit) -> tuple[int, int]:
    """File range a unit edit replaces: its blocks' whole lines; a deletion also takes the
    line breaks that separated it from the next text (or, at the end, from the previous)."""
    source = doc.source or ""
    start, _ = block_lines(doc.blocks[edit.block], source)
    _, end = block_lines(doc.blocks[edit.last], source)
    if edit.paragraphs:
        return start, end
    nxt = end
    while nxt < len(source) and source[nxt] in "\r\n":
        nxt += 1
    if nxt < len(source):
        return start, nxt
    prev = start
    while prev > 0 and source[prev - 1] in "\r\n":
        prev -= 1
    return prev, end


def unit_text(doc: Document, edit: Edit) -> str:
    """The new lines of a unit edit (list items with the list's marker)."""
    if not edit.paragraphs:
        return ""
    if all(p.like is not None for p in edit.paragraphs):
        lines, gap = items_markup(doc, edit.paragraphs, number_of(doc, edit.block))
        return gap.join(lines)
    return "\n\n".join(p.text for p in edit.paragraphs)


def join_list(doc: Document, edit: Edit) -> tuple[int, str]:
    """Where new items go in the file and their text, for an insertion that joins a list."""
    source = doc.source or ""
    anchor = doc.blocks[edit.block]
    start, end = block_lines(anchor, source)
    first = number_of(doc, anchor.index) + (1 if edit.position == "after" else 0)
    lines, gap = items_markup(doc, edit.paragraphs, first)
    if edit.position == "after":
        return end, "".join(gap + line for line in lines)
    return start, "".join(line + gap for line in lines)
