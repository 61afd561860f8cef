"""Apply an EditPlan to a markdown or plain-text policy.

Two outputs from one list of source edits: the clean updated file, and a CriticMarkup
redline (`{--old--}{++new++}{>>why<<}`) that gives back the original exactly when every
addition is dropped and every deletion kept. Edits are located through each block's
segments, so inline markup around a match is kept balanced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wttsc_policy.model import Block, Document
from wttsc_policy.planning import Edit, EditPlan, NewParagraph

_DELIMS = re.compile(r"\*\*|__|\*|_|~~|`")


@dataclass(order=True)
class _Op:
    start: int
    order: int
    end: int
    clean: str
    critic: str


def source_span(block: Block, start: int, end: int) -> tuple[int, int] | None:
    """File offsets of block text [start, end), or None when they cannot be mapped exactly."""
    s = block.source_offset(start)
    e = block.source_offset(end - 1)
    if s is None or e is None:
        return None
    return s, e + 1


def _balanced(markup: list[str]) -> bool:
    """Emphasis markers pair up and brackets close, counting each stretch of markup apart."""
    counts: dict[str, int] = {}
    for stretch in markup:
        for m in _DELIMS.finditer(stretch):
            counts[m.group(0)] = counts.get(m.group(0), 0) + 1
    joined = "".join(markup)
    brackets = joined.count("[") == joined.count("]") and joined.count("(") == joined.count(")")
    return brackets and all(n % 2 == 0 for n in counts.values())


def _gaps(block: Block, source: str, s: int, e: int) -> list[str]:
    """The stretches of source[s:e] that are markup (not block text)."""
    covered = [False] * (e - s)
    for seg in block.segments:
        a, b = max(seg.source, s), min(seg.source + seg.length, e)
        for i in range(a, b):
            covered[i - s] = True
    stretches: list[str] = []
    current = ""
    for ch, c in zip(source[s:e], covered):
        if c:
            if current:
                stretches.append(current)
            current = ""
        else:
            current += ch
    if current:
        stretches.append(current)
    return stretches


def replacement_span(block: Block, source: str, start: int, end: int) -> tuple[int, int] | None:
    """A source span for a replacement, widened over emphasis markers it would otherwise split."""
    span = source_span(block, start, end)
    if span is None:
        return None
    s, e = span
    for _ in range(4):
        if _balanced(_gaps(block, source, s, e)):
            return s, e
        before = re.search(r"(?:\*\*|__|\*|_|~~|!?\[)$", source[:s])
        after = re.match(r"\*\*|__|\*|_|~~|\]\([^()\s]*\)|\]", source[e:])
        if after:
            e += len(after.group(0))
        elif before:
            s -= len(before.group(0))
        else:
            break
    return (s, e) if _balanced(_gaps(block, source, s, e)) else None


def paragraph_markup(para: NewParagraph, fmt: str) -> str:
    if para.kind == "heading":
        return ("#" * max(para.level, 1) + " " + para.text) if fmt == "markdown" else para.text
    if para.kind == "bullet":
        return "- " + para.text
    return para.text


def clause_markup(paragraphs: list[NewParagraph], fmt: str) -> str:
    """Paragraphs as file text; in markdown consecutive bullets form one list."""
    out = ""
    prev: NewParagraph | None = None
    for para in paragraphs:
        if prev is not None:
            tight = fmt == "markdown" and prev.kind == "bullet" and para.kind == "bullet"
            out += "\n" if tight else "\n\n"
        out += paragraph_markup(para, fmt)
        prev = para
    return out


def comment(edit: Edit) -> str:
    finding = edit.finding
    text = f"{' + '.join(edit.rules)} {finding.title}: {finding.message} Source: {finding.source}."
    return text.replace("<<", "< <").replace("\n", " ")


def _eol(text: str, source: str) -> str:
    """Inserted text in the file's own line endings."""
    return text.replace("\n", "\r\n") if "\r\n" in source else text


def _ops(doc: Document, plan: EditPlan) -> list[_Op]:
    source = doc.source or ""
    ops: list[_Op] = []
    for edit in plan.edits:
        block = doc.blocks[edit.block]
        note = "{>>" + comment(edit) + "<<}"
        if edit.kind == "replace":
            span = replacement_span(block, source, edit.start, edit.end)
            if span is None:
                continue
            s, e = span
            old = source[s:e]
            ops.append(_Op(s, edit.number, e, edit.new, "{--" + old + "--}{++" + edit.new + "++}" + note))
            continue
        body = clause_markup(edit.paragraphs, doc.format)
        if edit.position == "after":
            last = block.source_offset(max(len(block.text) - 1, 0)) or 0
            pos = source.find("\n", last)
            pos = len(source) if pos == -1 else pos
            if pos > 0 and source[pos - 1] == "\r":
                pos -= 1
            rest = source[pos:].replace("\r\n", "\n")
            text = "\n\n" + body
            if rest.startswith("\n") and not rest.startswith("\n\n") and rest.strip():
                text += "\n"
            text = _eol(text, source)
            ops.append(_Op(pos, edit.number, pos, text, "{++" + text + "++}" + note))
        else:
            first = block.source_offset(0) or 0
            pos = source.rfind("\n", 0, first) + 1
            text = body + "\n\n"
            if pos > 1 and source[:pos].replace("\r\n", "\n")[-2:] != "\n\n":
                text = "\n" + text
            text = _eol(text, source)
            ops.append(_Op(pos, edit.number, pos, text, "{++" + text + "++}" + note))
    return sorted(ops)


def render_text(doc: Document, plan: EditPlan, rules: dict | None = None) -> tuple[str, str]:
    """(clean updated text, CriticMarkup redline) for a markdown or text document."""
    source = doc.source or ""
    clean: list[str] = []
    critic: list[str] = []
    cursor = 0
    for op in _ops(doc, plan):
        if op.start < cursor:
            continue  # overlapping (the planner prevents this; never corrupt the file)
        clean.append(source[cursor : op.start])
        critic.append(source[cursor : op.start])
        clean.append(op.clean)
        critic.append(op.critic)
        cursor = op.end
    clean.append(source[cursor:])
    critic.append(source[cursor:])
    return "".join(clean), "".join(critic)


_CRITIC = re.compile(r"\{\+\+(.*?)\+\+\}|\{--(.*?)--\}|\{>>(.*?)<<\}|\{~~(.*?)~>(.*?)~~\}", re.S)


def resolve_critic(text: str, mode: str) -> str:
    """Accept or reject every CriticMarkup change (comments are dropped)."""

    def sub(m: re.Match[str]) -> str:
        added, deleted, _note, sub_old, sub_new = m.groups()
        if added is not None:
            return added if mode == "accept" else ""
        if deleted is not None:
            return "" if mode == "accept" else deleted
        if sub_old is not None:
            return sub_new if mode == "accept" else sub_old
        return ""

    return _CRITIC.sub(sub, text)
