"""Apply an EditPlan to a markdown or plain-text policy.

Two outputs from one list of source edits: the clean updated file, and a CriticMarkup
redline (`{--old--}{++new++}{>>why<<}`) that gives back the original exactly when every
addition is dropped and every deletion kept. Edits are located through each block's
segments, so inline markup around a match is kept balanced.
"""

from __future__ import annotations

from collections.abc import Mapping

from wttsc_policy.apply import Applied
from wttsc_policy.apply.text_units import join_list, unit_range, unit_text
from wttsc_policy.document import Document
from wttsc_policy.formats import Format
from wttsc_policy.plan.model import Edit, EditPlan, NewParagraph
from wttsc_policy.read.sourcemap import replacement_span
from wttsc_policy.records import record
from wttsc_policy.rulepacks.model import Rule


@record(order=True)
class _Op:
    """One source edit: clean text and its CriticMarkup twin over file [start, end)."""

    start: int
    order: int
    end: int
    clean: str
    critic: str


def paragraph_markup(para: NewParagraph, fmt: str) -> str:
    """One new paragraph as file text (markdown heading marks; '- ' bullets)."""
    if para.kind == "heading":
        return ("#" * max(para.level, 1) + " " + para.text) if fmt == Format.MARKDOWN else para.text
    if para.kind == "bullet":
        return "- " + para.text
    return para.text


def clause_markup(paragraphs: list[NewParagraph], fmt: str) -> str:
    """Paragraphs as file text; in markdown consecutive bullets form one list."""
    out = ""
    prev: NewParagraph | None = None
    for para in paragraphs:
        if prev is not None:
            tight = fmt == Format.MARKDOWN and prev.kind == "bullet" and para.kind == "bullet"
            out += "\n" if tight else "\n\n"
        out += paragraph_markup(para, fmt)
        prev = para
    return out


def comment(edit: Edit) -> str:
    """The CriticMarkup comment explaining one change."""
    finding = edit.finding
    text = f"{' + '.join(edit.rules)} {finding.title}: {finding.message} Source: {finding.source}."
    return text.replace("<<", "< <").replace("\n", " ")


def _eol(text: str, source: str) -> str:
    """Inserted text in the file's own line endings."""
    return text.replace("\n", "\r\n") if "\r\n" in source else text


def _critic(old: str, new: str) -> str:
    """CriticMarkup for a replacement (a deletion when there is no new text)."""
    return "{--" + old + "--}" + ("{++" + new + "++}" if new else "")


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
            ops.append(
                _Op(s, edit.number, e, _eol(edit.new, source), _critic(source[s:e], _eol(edit.new, source)) + note)
            )
            continue
        if edit.kind == "unit":
            s, e = unit_range(doc, edit)
            new = _eol(unit_text(doc, edit), source)
            ops.append(_Op(s, edit.number, e, new, _critic(source[s:e], new) + note))
            continue
        if edit.paragraphs and all(p.like is not None for p in edit.paragraphs):
            pos, text = join_list(doc, edit)
            text = _eol(text, source)
            ops.append(_Op(pos, edit.number, pos, text, "{++" + text + "++}" + note))
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


def render_text(doc: Document, plan: EditPlan) -> tuple[str, str]:
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


BOM = b"\xef\xbb\xbf"


def apply_text(doc: Document, plan: EditPlan, rules: Mapping[str, Rule], *, author: str, date: str) -> Applied:
    """The format table's writer: clean text and CriticMarkup, in UTF-8, keeping a
    byte-order mark the file had. (Author and date are for Word's marks only.)"""
    clean, critic = render_text(doc, plan)
    if doc.path.is_file() and doc.path.read_bytes()[:3] == BOM:
        clean, critic = "\ufeff" + clean, "\ufeff" + critic
    return Applied(document=clean.encode("utf-8"), redline=critic.encode("utf-8"))
