"""Findings -> an EditPlan: what `update` will change, where, and what it leaves to a person.

Editable or not is decided from the blocks' locks alone (see document.py), so the
planner works the same for every format. Everything is deterministic: edits are ordered
by position and rule id, so the same findings always give the same plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wttsc_policy.document import Block, Document, LockReason
from wttsc_policy.findings import Finding
from wttsc_policy.formats import spec
from wttsc_policy.plan.clauses import clause_paragraphs, find_placeholders
from wttsc_policy.plan.model import Edit, EditPlan, ManualItem, NewParagraph
from wttsc_policy.plan.placement import back_matter, last_body_block, main_level, section_end
from wttsc_policy.read.sourcemap import edit_lock
from wttsc_policy.rulepacks.schema import Rule
from wttsc_policy.rulepacks.templates import render_clause

TEXT_BOX = "the text is inside a text box, so it is not edited automatically"
UNMAPPED = "the text cannot be located exactly in the file (escapes or entities); edit it by hand"


def _locked(doc: Document, block: Block, start: int, end: int) -> str | None:
    """Why block text [start, end) is left to a person, or None when it can be edited
    (the same test gives the JSON's `editable`)."""
    lock = edit_lock(block, doc.source or "" if spec(doc.format).text_source else None, start, end)
    if lock is None:
        return None
    return UNMAPPED if lock.reason is LockReason.UNMAPPED else lock.note


def _replacement(doc: Document, finding: Finding) -> Edit | ManualItem:
    if finding.hand_edit:
        return ManualItem(finding, finding.hand_edit)
    if finding.suggestion is None or finding.block is None or finding.block_start is None or finding.block_end is None:
        return ManualItem(finding, "no automatic wording: rewrite this passage by hand")
    block = doc.blocks[finding.block]
    start, end = finding.block_start, finding.block_end
    why = _locked(doc, block, start, end)
    if why is not None:
        return ManualItem(finding, why)
    if not finding.editable or not block.editable:
        return ManualItem(finding, finding.edit_note or TEXT_BOX)
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


def _insertion(doc: Document, finding: Finding, rule: Rule | None, values: Mapping[str, Any]) -> Edit | ManualItem:
    if rule is None or not rule.clause:
        return ManualItem(finding, "no standard clause for this topic: add a paragraph on it by hand")
    text = render_clause(rule, values)
    paragraphs = clause_paragraphs(text)
    if not paragraphs:
        return ManualItem(finding, "the clause template rendered no text: add a paragraph by hand")
    placeholders = find_placeholders(text)

    def insert(anchor: Block, position: str, where: str, new: list[NewParagraph]) -> Edit:
        return Edit(
            kind="insert",
            block=anchor.index,
            rules=[finding.rule],
            findings=[finding],
            paragraphs=new,
            position="before" if position == "before" else "after",
            placement=where,
            placeholders=placeholders,
        )

    # the heading `check` reported (read/outline.py places the topic), so both agree
    heading = doc.blocks[finding.block] if finding.block is not None else None
    if heading is not None:
        return insert(section_end(doc, heading), "after", f"at the end of '{heading.text.strip()}'", paragraphs)
    title = rule.clause_heading or rule.title
    with_heading = [NewParagraph(title, "heading", main_level(doc)), *paragraphs]
    appendix = back_matter(doc)
    if appendix is not None:
        where = f"as a new section '{title}' before '{appendix.text.strip()}'"
        return insert(appendix, "before", where, with_heading)
    last = last_body_block(doc)
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
                    ManualItem(f, "overlaps another change in the same sentence; review it by hand")
                    for f in edit.findings
                )
            continue
        kept.append(edit)
    return kept


def _order(e: Edit) -> tuple[int, int, int, str]:
    if e.kind == "replace":
        return (e.block, 1, e.start, e.rule)
    return (e.block, 0 if e.position == "before" else 2, 0, e.rule)


def plan_edits(
    doc: Document, findings: list[Finding], rules: Mapping[str, Rule], values: Mapping[str, Any]
) -> EditPlan:
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
    edits.sort(key=_order)
    for number, edit in enumerate(edits, 1):
        edit.number = number
    manual.sort(
        key=lambda m: (
            m.finding.block if m.finding.block is not None else 1 << 30,
            m.finding.block_start or 0,
            m.finding.rule,
        )
    )
    return EditPlan(edits=edits, manual=manual)
