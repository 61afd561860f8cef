"""Merging a list clause into the policy's own list (the early help list, for example).

A missing-topic rule whose clause is a list, with `unit.items` (one entry per bullet of
the clause) and `unit.intro` (how the policy's lead-in to that list reads), does not add a
second list beside the policy's: each bullet the list already has (its `present` regex) is
left alone, an older form of a bullet (its `replaces` regex) is rewritten in place, and the
bullets still missing join the list as new items, in its own style, numbering and
punctuation. A list written as one plain-text paragraph is merged line by line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from wttsc_policy.document import Document
from wttsc_policy.findings import Finding
from wttsc_policy.normalise import fold
from wttsc_policy.plan.clauses import clause_paragraphs, find_placeholders
from wttsc_policy.plan.editable import locked
from wttsc_policy.plan.model import Edit, ManualItem, NewParagraph
from wttsc_policy.plan.units import bare, trailing
from wttsc_policy.read.units import ListUnit, is_lead_in, list_at
from wttsc_policy.records import record
from wttsc_policy.regexcode import compile_regex
from wttsc_policy.rulepacks.model import MergeItem, Rule
from wttsc_policy.rulepacks.patterns import compile_pattern
from wttsc_policy.rulepacks.templates import render_clause

# A list marker typed into the text (plain-text lists): "- ", "• ", "1. ", "(a) ".
MARKER = compile_regex(r"^[ \t]*(?:[-*\u2022\u25aa\u25cf]|\d{1,3}[.)]|\(?[a-z][.)])[ \t]+", re.I)
ALREADY = "the list already has these points in other words; compare it with the current list by hand"


@record(frozen=True)
class _Item:
    """One item of the policy's list: where its text is (without a typed marker)."""

    block: int
    start: int
    end: int
    marker: str = ""  # the typed marker of a plain-text line ("- ")


def _items(doc: Document, unit: ListUnit) -> list[_Item]:
    if len(unit.items) == 1 and "\n" in doc.blocks[unit.first].text.strip():
        text = doc.blocks[unit.first].text
        out, pos = [], 0
        for line in text.split("\n"):
            m = MARKER.match(line)
            if line.strip():
                skip = m.end() if m else len(line) - len(line.lstrip())
                out.append(_Item(unit.first, pos + skip, pos + len(line.rstrip()), m.group(0) if m else ""))
            pos += len(line) + 1
        return out
    out = []
    for index in unit.items:
        text = doc.blocks[index].text
        m = MARKER.match(text)
        out.append(_Item(index, m.end() if m else 0, len(text.rstrip()), m.group(0) if m else ""))
    return out


def find_list(doc: Document, rule: Rule) -> ListUnit | None:
    """The policy's own list for a list clause: the first list whose lead-in matches the
    rule's `unit.intro`."""
    intro = rule.compiled_intro
    for block in doc.blocks:
        if block.part == "body" and is_lead_in(block) and any(p.search(fold(block.text)) for p in intro):
            unit = list_at(doc, block.index)
            if unit is not None:
                return unit
    return None


def merge_list(
    doc: Document, finding: Finding, rule: Rule, values: Mapping[str, Any], manual: list[ManualItem]
) -> list[Edit] | None:
    """The edits that merge the rule's list clause into the policy's list; None when the
    policy has no such list (the clause is then inserted as usual)."""
    if rule.unit is None or not rule.unit.items:
        return None
    unit = find_list(doc, rule)
    if unit is None:
        return None
    rendered = render_clause(rule, values)
    bullets = [p.text for p in clause_paragraphs(rendered) if p.kind == "bullet"]
    items = _items(doc, unit)
    texts = [fold(doc.blocks[i.block].text[i.start : i.end]) for i in items]
    edits: list[Edit] = []
    added: list[str] = []
    rewritten: set[int] = set()

    def edit(kind: str, **fields: Any) -> Edit:
        return Edit(
            kind=kind,  # type: ignore[arg-type]
            rules=[rule.id],
            findings=[finding],
            placeholders=find_placeholders(rendered),
            **fields,
        )

    for bullet, spec in _pairs(bullets, rule.unit.items):
        if fold(bare(bullet)) in texts or any(compile_pattern(spec.present).search(t) for t in texts):
            continue
        old = compile_pattern(spec.replaces) if spec.replaces else None
        k = next((k for k, t in enumerate(texts) if old and k not in rewritten and old.search(t)), None)
        if k is None:
            added.append(bare(bullet))
            continue
        rewritten.add(k)
        item = items[k]
        text = doc.blocks[item.block].text[item.start : item.end]
        end = item.start + len(bare(text))
        if locked(doc, doc.blocks[item.block], item.start, end) is None:
            edits.append(
                edit(
                    "replace",
                    block=item.block,
                    start=item.start,
                    end=end,
                    old=text[: end - item.start],
                    new=bare(bullet),
                )
            )
        else:
            added.append(bare(bullet))
    if added:
        edits.append(_addition(doc, items, added, edit))
    if not edits:
        manual.append(ManualItem(finding, ALREADY))
    return edits


def _pairs(bullets: list[str], specs: list[MergeItem]) -> list[tuple[str, MergeItem]]:
    """Each bullet of the clause with the item it is (the one whose `present` or `replaces`
    regex its own text matches): a clause written for one kind of setting may leave an item
    out or word it differently, so bullets and items are not paired by position."""
    out: list[tuple[str, MergeItem]] = []
    used: set[int] = set()
    for bullet in bullets:
        text = fold(bare(bullet))
        for k, spec in enumerate(specs):
            if k in used:
                continue
            if compile_pattern(spec.present).search(text) or (
                spec.replaces and compile_pattern(spec.replaces).search(text)
            ):
                used.add(k)
                out.append((bullet, spec))
                break
    return out


def _addition(doc: Document, items: list[_Item], added: list[str], edit: Callable[..., Edit]) -> Edit:
    """New items at the end of the list, punctuated like its middle items (before the last
    item when the last one closes the list differently, e.g. with a full stop)."""
    texts = [doc.blocks[i.block].text[i.start : i.end] for i in items]
    mid = re.sub(r"\s*(?:and|or)$", "", trailing(texts[0])) if len(texts) > 1 else ""
    last_differs = len(items) > 1 and trailing(texts[-1]) != trailing(texts[0])
    anchor = items[-2] if last_differs else items[-1]
    new = [t + mid for t in added]
    where = "added to the policy's own list"
    if items[0].block != items[-1].block or "\n" not in doc.blocks[items[0].block].text:
        like = items[-1].block
        paragraphs = [NewParagraph(t, "bullet", like=like) for t in new]
        if last_differs:
            return edit("insert", block=items[-1].block, position="before", paragraphs=paragraphs, placement=where)
        return edit("insert", block=items[-1].block, position="after", paragraphs=paragraphs, placement=where)
    # one plain-text paragraph: new lines after the anchor line, with its marker
    block = doc.blocks[anchor.block]
    at = anchor.end
    lines = "".join("\n" + items[-1].marker + t for t in new)
    old = block.text[at - 1 : at]
    return edit("replace", block=anchor.block, start=at - 1, end=at, old=old, new=old + lines, placement=where)
