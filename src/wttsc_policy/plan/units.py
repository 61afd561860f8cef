"""Whole-unit rewrites: a list or a definition replaced as one piece, never point by point.

A rule with `replace_scope: list` or `definition` takes its new text from its clause
template (a lead-in and '- ' items). Every finding of the rule inside one unit becomes a
single `unit` edit:

- a list (items after a lead-in the rule's `unit.intro` recognises): the items are
  replaced by the clause's items, in the list's own style and punctuation; the lead-in
  stays (other rules fix what is in it);
- a one-sentence definition ("Safeguarding means protecting ..., preventing ..."): the
  sentence is rewritten after its lead-in words, as one replacement.

When the unit cannot be found cleanly the finding is left to a person (a list rule with a
`replacement` falls back to rewriting the whole sentence), so old and new points never
stand side by side.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from wttsc_policy.document import BlockKind, Document, LockReason
from wttsc_policy.findings import Finding
from wttsc_policy.normalise import normalise
from wttsc_policy.plan.clauses import clause_paragraphs, find_placeholders
from wttsc_policy.plan.editable import locked
from wttsc_policy.plan.model import Edit, ManualItem, NewParagraph
from wttsc_policy.read.units import ListUnit, list_at, sentence_span
from wttsc_policy.records import field, record
from wttsc_policy.regexcode import compile_regex
from wttsc_policy.rulepacks.model import UNIT_SCOPES, Rule
from wttsc_policy.rulepacks.templates import render_clause

NOT_FOUND = "the whole {what} could not be found cleanly (no recognisable lead-in); rewrite it by hand as one piece"
LOCKED = "part of the {what} cannot be edited automatically ({why}); rewrite it by hand as one piece"
# The full stop that ends a definition written as one sentence (its points are separated
# by commas or semicolons, which end a "sentence" for matching but not here).
_FULL_STOP = compile_regex(r"(?<!\be\.g)(?<!\bi\.e)\.(?=\s+[\"“‘(\[]?[A-Z0-9]|\s*$)")
_TRAIL = compile_regex(r"(?:\s*[;,.:])?(?:\s+(?:and|or))?\s*$", re.I)


@record
class _Target:
    """One unit to rewrite and the findings inside it."""

    rule: Rule
    blocks: tuple[int, ...]  # list: the item blocks; prose: the one block
    start: int = 0  # prose: the replaced range of the block text
    end: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.rule.id, self.blocks[0], self.start)


def trailing(text: str) -> str:
    """An item's closing punctuation and joining word ('; and', ';', '.', '')."""
    m = _TRAIL.search(text)
    return m.group(0).strip() if m else ""


def bare(text: str) -> str:
    """Item text without its closing punctuation and joining word."""
    return _TRAIL.sub("", text).strip()


def punctuate(items: list[str], old: list[str]) -> list[str]:
    """New list items punctuated the way the old list was: the middle items like the old
    first item, the last like the old last, and an 'and'/'or' before the last if it had one."""
    if not items:
        return []
    mid = trailing(old[0]) if old else ""
    mid = re.sub(r"\s*(?:and|or)$", "", mid)
    end = trailing(old[-1]) if old else ""
    joiner = ""
    if len(old) >= 2:
        m = re.search(r"(and|or)$", trailing(old[-2]))
        joiner = m.group(1) if m else ""
    out = []
    for i, item in enumerate(items):
        text = bare(item)
        if i == len(items) - 1:
            out.append(text + end)
        elif i == len(items) - 2 and joiner:
            out.append(f"{text}{mid} {joiner}".rstrip())
        else:
            out.append(text + mid)
    return out


def _intro_at(rule: Rule, doc: Document, index: int) -> bool:
    folded = normalise(doc.blocks[index].text).folded
    return any(p.search(folded) for p in rule.compiled_intro)


def _list_target(rule: Rule, doc: Document, unit: ListUnit) -> _Target | None:
    if unit.lead is None or not _intro_at(rule, doc, unit.lead):
        return None
    return _Target(rule, unit.items)


def _prose_target(rule: Rule, doc: Document, finding: Finding) -> _Target | None:
    """The rest of a one-sentence definition after its lead-in words."""
    block = doc.blocks[finding.block or 0]
    norm = normalise(block.text)
    if rule.replace_scope != "definition" or norm.index is not None or block.kind is BlockKind.HEADING:
        return None
    s, _ = sentence_span(block.text, finding.block_start or 0, finding.block_end or 0)
    for pattern in rule.compiled_intro:
        m = pattern.search(norm.folded, s)
        if m is None or m.start() > (finding.block_start or 0) or m.end() >= (finding.block_end or 0):
            continue
        start = m.end()
        while start < len(block.text) and block.text[start] in " :":
            start += 1
        stop = _FULL_STOP.search(block.text, finding.block_end or start)
        end = stop.start() if stop else len(block.text.rstrip())
        return _Target(rule, (block.index,), start, end)
    return None


def locate(doc: Document, rule: Rule, finding: Finding) -> _Target | None:
    """The unit a finding of a list/definition rule belongs to, or None."""
    if finding.block is None:
        return None
    unit = list_at(doc, finding.block)
    if unit is not None:
        return _list_target(rule, doc, unit)
    return _prose_target(rule, doc, finding)


def _items(rule: Rule, values: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """(the clause's items, its placeholders)."""
    text = render_clause(rule, values)
    return [p.text for p in clause_paragraphs(text) if p.kind == "bullet"], find_placeholders(text)


def _locked(doc: Document, target: _Target) -> str | None:
    """Why the unit cannot be rewritten automatically, or None. Whole blocks are replaced
    line for line, so characters that only differ in the file (escapes) do not matter."""
    if target.end:
        return locked(doc, doc.blocks[target.blocks[0]], target.start, target.end)
    for index in target.blocks:
        block = doc.blocks[index]
        if not block.editable:
            return "the text is inside a text box"
        lock = next((k for k in block.locks if k.reason is not LockReason.UNMAPPED), None)
        if lock is not None:
            return f"the text {lock.words}"
    return None


def _edit(doc: Document, target: _Target, values: Mapping[str, Any], manual: list[ManualItem]) -> Edit | None:
    rule, what = target.rule, target.rule.replace_scope
    items, placeholders = _items(rule, values)
    why = _locked(doc, target)
    if not items or why is not None:
        reason = LOCKED.format(what=what, why=why or "the rule's clause has no items")
        manual.extend(ManualItem(f, reason) for f in target.findings)
        return None
    first = doc.blocks[target.blocks[0]]
    common: dict[str, Any] = {"rules": [rule.id], "findings": list(target.findings), "placeholders": placeholders}
    if target.end:  # prose: one sentence rewritten after its lead-in words
        prose = (
            "; ".join(bare(i) for i in items[:-1]) + f"; and {bare(items[-1])}" if len(items) > 1 else bare(items[0])
        )
        old = first.text[target.start : target.end]
        return Edit(kind="replace", block=first.index, start=target.start, end=target.end, old=old, new=prose, **common)
    old_items = [doc.blocks[i].text for i in target.blocks]
    like = first.index if first.kind is BlockKind.LIST_ITEM else None
    new = [NewParagraph(t, "bullet", like=like) for t in punctuate(items, old_items)]
    return Edit(
        kind="unit",
        block=target.blocks[0],
        last=target.blocks[-1],
        old="\n".join(old_items),
        paragraphs=new,
        placement=f"the whole {what} rewritten",
        **common,
    )


def unit_edits(
    doc: Document,
    findings: list[Finding],
    rules: Mapping[str, Rule],
    values: Mapping[str, Any],
    manual: list[ManualItem],
) -> tuple[list[Edit], list[Finding]]:
    """One edit per list or definition that list/definition rules found outdated, and the
    findings that are not theirs (or fall back to a sentence rewrite)."""
    targets: dict[tuple[str, int, int], _Target] = {}
    rest: list[Finding] = []
    for finding in findings:
        rule = rules.get(finding.rule)
        if rule is None or rule.replace_scope not in UNIT_SCOPES or finding.kind == "missing_topic":
            rest.append(finding)
            continue
        target = locate(doc, rule, finding)
        if target is None:
            if rule.replace_scope == "list" and finding.suggestion:
                rest.append(finding)  # not in a recognisable list: rewrite its whole sentence
            else:
                manual.append(ManualItem(finding, NOT_FOUND.format(what=rule.replace_scope)))
            continue
        targets.setdefault(target.key, target).findings.append(finding)
    edits = [e for t in targets.values() if (e := _edit(doc, t, values, manual)) is not None]
    return edits, rest
