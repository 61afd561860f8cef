"""Findings -> an EditPlan: what `update` will change, where, and what it leaves to a person.

One pass over the findings of the ORIGINAL policy, in this order:

1. units: a list or definition found outdated is rewritten as one piece (plan/units.py);
2. replacements: names and sentences, a wider edit absorbing those inside it; a sentence
   deleted whole takes its joining space with it, and a paragraph left empty is deleted
   as a whole paragraph;
3. missing topics: a list clause merges into the policy's own list (plan/merge.py);
   other clauses are ranked, stripped of sentences the policy already has, kept while the
   growth budget allows and inserted one passage per theme (plan/compose.py); the rest
   become suggested additions.

Editable or not is decided from the blocks' locks alone (see document.py), so the
planner works the same for every format. Everything is deterministic: edits are ordered
by position and rule id, so the same findings always give the same plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from wttsc_policy.document import Document
from wttsc_policy.findings import Finding
from wttsc_policy.match.findings import suggestion_text, trim_sentence
from wttsc_policy.normalise import fold
from wttsc_policy.plan.clauses import Mentions, find_placeholders
from wttsc_policy.plan.compose import Topic, passages, select, topic
from wttsc_policy.plan.editable import TEXT_BOX, UNMAPPED, locked
from wttsc_policy.plan.merge import merge_list
from wttsc_policy.plan.model import Budget, Edit, EditPlan, ManualItem, updated_text
from wttsc_policy.plan.sentences import Seen, paragraphs_words, words
from wttsc_policy.plan.units import unit_edits
from wttsc_policy.read.units import deletion_span, is_empty_paragraph
from wttsc_policy.rulepacks.model import Rule
from wttsc_policy.rulepacks.patterns import compile_pattern

__all__ = ["TEXT_BOX", "UNMAPPED", "plan_edits"]


def _replacement(doc: Document, finding: Finding, rule: Rule | None, seen: Seen) -> Edit | ManualItem:
    if finding.hand_edit:
        return ManualItem(finding, finding.hand_edit)
    if finding.suggestion is None or finding.block is None or finding.block_start is None or finding.block_end is None:
        return ManualItem(finding, "no automatic wording: rewrite this passage by hand")
    block = doc.blocks[finding.block]
    start, end = finding.block_start, finding.block_end
    if rule is not None and rule.replace_scope == "paragraph":  # the whole paragraph, its typed number kept
        start, end = trim_sentence(block.text, 0, len(block.text))
    why = locked(doc, block, start, end)
    if why is not None:
        return ManualItem(finding, why)
    if not finding.editable or not block.editable:
        return ManualItem(finding, finding.edit_note or TEXT_BOX)
    old = block.text[start:end]
    new = finding.suggestion
    if old == new:
        return ManualItem(finding, "the suggested wording equals the current text; review it by hand")
    if new and _sentence_like(old, new):
        # a whole-sentence rewrite does not repeat a sentence the policy already has (but
        # is never emptied by that: the old sentence still has to change)
        new = seen.new_part(new) or new
    if not new:
        start, end = deletion_span(block.text, start, end)
        old = block.text[start:end]
    return Edit(
        kind="replace",
        block=block.index,
        rules=[finding.rule],
        findings=[finding],
        start=start,
        end=end,
        old=old,
        new=new,
        placeholders=find_placeholders(new),
    )


def _extend(
    edit: Edit, rule: Rule, values: Mapping[str, Any], done: set[str], finding: Finding, written: Sequence[str]
) -> bool:
    """Add a rule's `replacement_extra` (names filled in) to the first of its rewritten
    sentences when neither the rest of the policy nor the text the plan already writes
    (`written`) says it (a fact the old sentence carried, said once)."""
    mentions: Mentions = values["mentions"]
    if not rule.replacement_extra or rule.id in done or not rule.extra_unless or mentions(rule.extra_unless):
        return False
    said = compile_pattern(rule.extra_unless)
    if any(said.search(fold(text)) for text in written):
        return False
    base = suggestion_text(rule.replacement, values, "x") or ""
    if fold(base.rstrip(" .")) != fold(edit.new.rstrip(" .")):
        return False  # another of the rule's rewrites (a pattern's own replacement): nothing to add
    extra = suggestion_text(rule.replacement_extra, values, "x") or ""
    body = edit.new.rstrip()
    stop = body[-1] if body and body[-1] in ".!" else ""
    edit.new = (body[:-1] if stop else body) + extra + (stop or ".")
    edit.placeholders = find_placeholders(edit.new)
    return True


def _sentence_like(old: str, new: str) -> bool:
    """A rewrite of whole sentences (not a name or a phrase inside one)."""
    return new.rstrip().endswith((".", "!", "?")) and old.rstrip().endswith((".", "!", "?", ";"))


def _merge_overlaps(edits: list[Edit], manual: list[ManualItem]) -> list[Edit]:
    """Keep one edit per overlapping span: a wider edit (or a unit) absorbs those inside it.

    Partly overlapping edits cannot both be tracked; the later one goes to the
    'edit by hand' list so nothing is silently lost.
    """
    units = [e for e in edits if e.kind == "unit"]
    kept: list[Edit] = units + [e for e in edits if e.kind == "insert"]
    covered = {b: u for u in units for b in u.blocks}
    for edit in sorted((e for e in edits if e.kind == "replace"), key=lambda e: (e.block, e.start, -e.end, e.rule)):
        unit = covered.get(edit.block)
        if unit is not None:
            unit.rules.extend(r for r in edit.rules if r not in unit.rules)
            unit.findings.extend(edit.findings)
            continue
        prev = next((k for k in reversed(kept) if k.kind == "replace"), None)
        prev = prev if prev is not None and prev.block == edit.block else None
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


def _empty_paragraphs(doc: Document, edits: list[Edit]) -> list[Edit]:
    """A paragraph whose every sentence is deleted goes as a whole paragraph (its mark
    too), never as an empty line or a bare paragraph number."""
    by_block: dict[int, list[Edit]] = {}
    for edit in edits:
        if edit.kind == "replace":
            by_block.setdefault(edit.block, []).append(edit)
    out = [e for e in edits if e.kind != "replace"]
    for index, group in by_block.items():
        block = doc.blocks[index]
        if block.part == "body" and is_empty_paragraph(updated_text(block.text, group)):
            out.append(
                Edit(
                    kind="unit",
                    block=index,
                    last=index,
                    rules=list(dict.fromkeys(r for e in group for r in e.rules)),
                    findings=[f for e in group for f in e.findings],
                    old=block.text,
                    placement="the whole paragraph removed",
                )
            )
        else:
            out.extend(group)
    return out


def _growth(doc: Document, edits: list[Edit]) -> int:
    """Words the edits add to the policy (negative when they shorten it)."""
    total = 0
    for edit in edits:
        if edit.kind == "replace":
            total += words(edit.new) - words(edit.old)
        elif edit.kind == "unit":
            total += paragraphs_words(edit.paragraphs) - sum(words(doc.blocks[b].text) for b in edit.blocks)
        else:
            total += paragraphs_words(edit.paragraphs)
    return total


def _order(e: Edit) -> tuple[int, int, int, str]:
    if e.kind != "insert":
        return (e.block, 1, e.start, e.rule)
    return (e.block, 0 if e.position == "before" else 2, 0, e.rule)


def plan_edits(
    doc: Document,
    findings: list[Finding],
    rules: Mapping[str, Rule],
    values: Mapping[str, Any],
    *,
    growth_budget: float | None = None,
) -> EditPlan:
    """Turn findings into an EditPlan (see module docstring). `growth_budget` is the most
    the policy may grow, as a fraction of its words (0.35: 35% more); None: no limit."""
    manual: list[ManualItem] = []
    rewritten = [
        (f.block, f.block_start, f.block_end)
        for f in findings
        if f.kind != "missing_topic" and f.block is not None and f.block_start is not None and f.block_end is not None
    ]
    values = {**values, "mentions": Mentions(doc, rewritten)}
    seen = Seen(b.text for b in doc.blocks)
    patterns = [f for f in findings if f.kind != "missing_topic"]
    units, rest = unit_edits(doc, patterns, rules, values, manual)
    for unit in units:
        seen.add(unit.new_text)
    replacements: list[Edit] = []
    extended: set[str] = set()
    for finding in rest:
        rule = rules.get(finding.rule)
        result = _replacement(doc, finding, rule, seen)
        if isinstance(result, ManualItem):
            manual.append(result)
        else:
            written = (
                [r.new for r in replacements] + [u.new_text for u in units]
                if rule is not None and rule.replacement_extra
                else []
            )  # only a rule with words to add needs what the plan already writes
            if rule is not None and result.new and _extend(result, rule, values, extended, finding, written):
                extended.add(rule.id)
            seen.add(result.new)
            replacements.append(result)
    topics: list[Topic] = []
    merged: list[Edit] = []
    for finding in (f for f in findings if f.kind == "missing_topic"):
        rule = rules.get(finding.rule)
        into_list = merge_list(doc, finding, rule, values, manual) if rule is not None else None
        if into_list is not None:
            merged.extend(into_list)
            continue
        made = topic(finding, rule, values)
        if isinstance(made, ManualItem):
            manual.append(made)
        else:
            topics.append(made)
    edits = _empty_paragraphs(doc, _merge_overlaps(units + replacements + merged, manual))
    for edit in merged:
        seen.add(edit.new_text)
    original = sum(words(b.text) for b in doc.blocks if b.part == "body")
    limit = None if growth_budget is None else int(original * (1 + growth_budget))
    planned = original + _growth(doc, edits)
    kept, suggestions = select(doc, topics, seen, None if limit is None else limit - planned, manual)
    inserted = passages(doc, kept, manual)
    edits.extend(inserted)
    planned += _growth(doc, inserted)
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
    return EditPlan(
        edits=edits,
        manual=manual,
        suggestions=suggestions,
        budget=Budget(original=original, limit=limit, planned=planned),
    )
