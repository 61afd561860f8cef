"""Findings -> an EditPlan: what `update` will change, where, and what it leaves to a person.

The plan is format-neutral (block indexes and offsets into block text), so the same plan
drives the Word writer, the markdown/text writer, the change notes and the tests'
expected text. Everything here is deterministic: edits are ordered by position and rule
id, so the same findings always give the same plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from wttsc_policy.model import Block, BlockKind, Document, Finding, Zone
from wttsc_policy.normalize import fold
from wttsc_policy.outline import best_heading, title_block

_APPENDIX = re.compile(r"^\s*(?:appendix|appendices|annex(?:e|es)?|schedule)\b")
_BACK_MATTER = re.compile(
    r"^\s*(?:(?:section|part)?\s*\d+(?:\.\d+)*[.):]?\s+)?(?:appendix|appendices|annex|schedule|"
    r"(?:policy )?(?:monitoring(?: and| &)? )?review(?: of (?:this|the) policy)?|monitoring|"
    r"links? (?:with|to) other policies|related (?:policies|documents|guidance)|approval|sign-? ?off)\b"
)
_FALLBACK_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{2,60}\]")


@dataclass(frozen=True)
class NewParagraph:
    """One paragraph of an inserted clause."""

    text: str
    kind: Literal["heading", "paragraph", "bullet"] = "paragraph"
    level: int = 0  # heading level for kind == "heading"


@dataclass
class Edit:
    """One tracked change: a replacement inside a block, or paragraphs inserted beside one."""

    kind: Literal["replace", "insert"]
    block: int  # the block edited, or the block the paragraphs go beside
    rules: list[str]
    findings: list[Finding]
    start: int = 0  # replace: offsets into the block text
    end: int = 0
    old: str = ""
    new: str = ""
    paragraphs: list[NewParagraph] = field(default_factory=list)
    position: Literal["after", "before"] = "after"
    placement: str = ""  # insert: where and why there, for the notes
    placeholders: list[str] = field(default_factory=list)
    number: int = 0  # 1-based, in document order

    @property
    def rule(self) -> str:
        return self.rules[0]

    @property
    def finding(self) -> Finding:
        return self.findings[0]

    @property
    def new_text(self) -> str:
        """The inserted text as one string (replacement text or the clause paragraphs)."""
        if self.kind == "replace":
            return self.new
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class ManualItem:
    """A finding the tool does not edit itself, and why a person must."""

    finding: Finding
    why: str


@dataclass
class EditPlan:
    edits: list[Edit]
    manual: list[ManualItem]

    @property
    def placeholders(self) -> list[tuple[Edit, str]]:
        return [(e, ph) for e in self.edits for ph in e.placeholders]

    def replacements_in(self, block: int) -> list[Edit]:
        return [e for e in self.edits if e.kind == "replace" and e.block == block]

    def inserts_at(self, block: int, position: str) -> list[Edit]:
        return [e for e in self.edits if e.kind == "insert" and e.block == block and e.position == position]


def find_placeholders(text: str) -> list[str]:
    """Visible placeholders such as '[school name]' a person must fill in."""
    try:
        from wttsc_policy.clauses import PLACEHOLDER_PATTERN

        pattern = PLACEHOLDER_PATTERN if not isinstance(PLACEHOLDER_PATTERN, str) else re.compile(PLACEHOLDER_PATTERN)
    except ImportError:
        pattern = _FALLBACK_PLACEHOLDER
    return list(dict.fromkeys(m.group(0) for m in pattern.finditer(text)))


def clause_paragraphs(text: str) -> list[NewParagraph]:
    """Rendered clause text -> paragraphs: blank lines separate them, '- ' lines are bullets."""
    out: list[NewParagraph] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [ln.rstrip() for ln in chunk.strip("\n").splitlines() if ln.strip()]
        para: list[str] = []

        def flush() -> None:
            if para:
                out.append(NewParagraph(" ".join(s.strip() for s in para)))
                para.clear()

        for line in lines:
            stripped = line.strip()
            heading = re.match(r"^(#{1,6})\s+(.*)$", stripped)
            if heading:
                flush()
                out.append(NewParagraph(heading.group(2).strip(), "heading", len(heading.group(1))))
            elif re.match(r"^[-*]\s+", stripped):
                flush()
                out.append(NewParagraph(re.sub(r"^[-*]\s+", "", stripped), "bullet"))
            elif out and out[-1].kind == "bullet" and not para and line.startswith((" ", "\t")):
                last = out.pop()
                out.append(NewParagraph(f"{last.text} {stripped}", "bullet"))
            else:
                para.append(stripped)
        flush()
    return out


def render_clause(template: str, values: dict[str, Any]) -> str:
    from wttsc_policy.clauses import render_clause as render

    return render(template, values)


# -- placement -----------------------------------------------------------------------
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


def _main_level(doc: Document) -> int:
    """The level of the policy's own sections: the highest heading level below the title."""
    title = title_block(doc)
    levels = [b.level for b in _body_blocks(doc) if b.kind is BlockKind.HEADING and b.zone is Zone.BODY and b is not title]
    if levels:
        return min(levels)
    return title.level + 1 if title is not None else 2


def _back_matter(doc: Document) -> Block | None:
    """The first heading of the policy's closing matter: appendices, or trailing review /
    related-policies sections. New sections go just before it."""
    level = _main_level(doc)
    title = title_block(doc)
    top = [b for b in _body_blocks(doc) if b.kind is BlockKind.HEADING and b.level <= level and b is not title]
    if not top:
        return None
    for block in top:
        if _APPENDIX.match(fold(block.text)):
            first = block
            break
    else:
        first = None
    tail = None
    for block in reversed(top):
        if not _BACK_MATTER.match(fold(block.text)):
            break
        tail = block
    candidates = [b for b in (first, tail) if b is not None]
    if not candidates or min(b.index for b in candidates) == top[0].index:
        return None
    return min(candidates, key=lambda b: b.index)


def _last_body_block(doc: Document) -> Block | None:
    body = [b for b in _body_blocks(doc) if b.editable]
    return body[-1] if body else None


# -- planning ------------------------------------------------------------------------
def _maps_exactly(doc: Document, block: Block, start: int, end: int) -> bool:
    """Every character of block text [start, end) is the same character in the file."""
    source = doc.source or ""
    for i in range(start, end):
        pos = block.source_offset(i)
        if pos is None or pos >= len(source):
            return False
        if source[pos] != block.text[i] and not (block.text[i] == "\n" and source[pos] in "\r\n"):
            return False
    return True


def _locked_by(text_map: Any, start: int, end: int) -> str:
    """Why Word text cannot take a tracked change, in words a DSL understands."""
    from wttsc_policy.ooxml.package import w

    for piece in text_map.pieces:
        if piece.end <= start or piece.start >= end:
            continue
        if piece.kind != "t":
            return "runs across a tab or line break"
        if piece.editable:
            continue
        tags = {a.tag for a in piece.run.iterancestors()}
        if tags & {w("ins"), w("moveTo")}:
            return "is inside someone else's tracked change (accept or reject it first)"
        if w("sdt") in tags:
            return "is inside a content control"
        return "is inside a field (such as a cross-reference or automatic text)"
    return "is split by a field or other special content"


def _locatable(doc: Document, block: Block, start: int, end: int) -> bool:
    from wttsc_policy.documents.text_writer import replacement_span

    return _maps_exactly(doc, block, start, end) and replacement_span(block, doc.source or "", start, end) is not None


def _replacement(doc: Document, finding: Finding) -> Edit | ManualItem:
    if finding.suggestion is None or finding.block is None or finding.block_start is None or finding.block_end is None:
        return ManualItem(finding, "no automatic wording: rewrite this passage by hand")
    block = doc.blocks[finding.block]
    start, end = finding.block_start, finding.block_end
    if not finding.editable or not block.editable:
        return ManualItem(finding, "the text is inside a text box, so it is not edited automatically")
    anchor = block.anchor
    text_map = getattr(anchor, "text", None)
    if text_map is not None and not text_map.editable_range(start, end):
        return ManualItem(finding, f"the text {_locked_by(text_map, start, end)}, so it is not edited automatically; edit it by hand")
    if doc.format != "docx" and not _locatable(doc, block, start, end):
        return ManualItem(finding, "the text cannot be located exactly in the file (escapes or entities); edit it by hand")
    old = block.text[start:end]
    if old == finding.suggestion:
        return ManualItem(finding, "the suggested wording equals the current text; review it by hand")
    return Edit(
        kind="replace",
        block=block.index,
        rules=[finding.rule],
        findings=[finding],
        start=start,
        end=end,
        old=old,
        new=finding.suggestion,
        placeholders=find_placeholders(finding.suggestion),
    )


def _insertion(doc: Document, finding: Finding, rule: Any, values: dict[str, Any]) -> Edit | ManualItem:
    if rule is None or not getattr(rule, "clause", None):
        return ManualItem(finding, "no standard clause for this topic: add a paragraph on it by hand")
    text = render_clause(rule.clause, values)
    paragraphs = clause_paragraphs(text)
    if not paragraphs:
        return ManualItem(finding, "the clause template rendered no text: add a paragraph by hand")
    placeholders = find_placeholders(text)

    def insert(anchor: Block, position: str, where: str, new: list) -> Edit:
        return Edit(
            kind="insert",
            block=anchor.index,
            rules=[finding.rule],
            findings=[finding],
            paragraphs=new,
            position=position,
            placement=where,
            placeholders=placeholders,
        )

    heading = best_heading(doc, rule.place_under)
    if heading is not None:
        return insert(section_end(doc, heading), "after", f"at the end of '{heading.text.strip()}'", paragraphs)
    title = getattr(rule, "clause_heading", None) or rule.title
    with_heading = [NewParagraph(title, "heading", _main_level(doc)), *paragraphs]
    appendix = _back_matter(doc)
    if appendix is not None:
        where = f"as a new section '{title}' before '{appendix.text.strip()}'"
        return insert(appendix, "before", where, with_heading)
    last = _last_body_block(doc)
    if last is None:
        return ManualItem(finding, "the document has no body text to add the clause to")
    return insert(last, "after", f"as a new section '{title}' at the end of the policy", with_heading)


def _merge_overlaps(edits: list[Edit], manual: list[ManualItem]) -> list[Edit]:
    """Keep one edit per overlapping span: a wider edit absorbs those inside it.

    Partly overlapping edits cannot both be tracked; the later one goes to the
    'edit by hand' list so nothing is silently lost.
    """
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.block, e.start, -e.end, e.rule)):
        prev = kept[-1] if kept and kept[-1].block == edit.block else None
        if prev is not None and edit.start < prev.end:
            if edit.end <= prev.end:
                prev.rules.extend(r for r in edit.rules if r not in prev.rules)
                prev.findings.extend(edit.findings)
            else:
                manual.extend(
                    ManualItem(f, "overlaps another change in the same sentence; review it by hand") for f in edit.findings
                )
            continue
        kept.append(edit)
    return kept


def plan_edits(doc: Document, findings: list[Finding], rules: dict[str, Any], values: dict[str, Any]) -> EditPlan:
    """Turn findings into an EditPlan (see module docstring)."""
    replacements: list[Edit] = []
    inserts: list[Edit] = []
    manual: list[ManualItem] = []
    for finding in findings:
        rule = rules.get(finding.rule)
        if finding.kind == "missing_topic":
            result = _insertion(doc, finding, rule, values)
        else:
            result = _replacement(doc, finding)
        if isinstance(result, ManualItem):
            manual.append(result)
        elif result.kind == "replace":
            replacements.append(result)
        else:
            inserts.append(result)
    edits = _merge_overlaps(replacements, manual) + inserts

    def order(e: Edit) -> tuple:
        if e.kind == "replace":
            return (e.block, 1, e.start, e.rule)
        return (e.block, 0 if e.position == "before" else 2, 0, e.rule)

    edits.sort(key=order)
    for number, edit in enumerate(edits, 1):
        edit.number = number
    manual.sort(key=lambda m: (m.finding.block if m.finding.block is not None else 1 << 30, m.finding.block_start or 0, m.finding.rule))
    return EditPlan(edits=edits, manual=manual)


def updated_text(text: str, edits: list[Edit]) -> str:
    """A block's text with its replacements applied."""
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.new + text[edit.end :]
    return text


def expected_texts(doc: Document, plan: EditPlan) -> list[str]:
    """Every block's text after Accept All, in reading order (inserted paragraphs included)."""
    out: list[str] = []
    for block in doc.blocks:
        for edit in plan.inserts_at(block.index, "before"):
            out.extend(p.text for p in edit.paragraphs)
        out.append(updated_text(block.text, plan.replacements_in(block.index)))
        for edit in plan.inserts_at(block.index, "after"):
            out.extend(p.text for p in edit.paragraphs)
    return out
