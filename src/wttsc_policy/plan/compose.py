"""Missing topics -> clauses: one clause per theme, no sentence twice, within the budget.

Every missing topic was found on the ORIGINAL policy (one pass), so a clause the tool
inserts never counts as covering another topic. Each topic's clause is rendered, stripped
of sentences the policy (or a more important clause) already has, and ranked: severity,
then confidence. In that order each is kept while the updated policy stays within the
growth budget; the rest become suggested additions for the notes. Among topics of equal
severity and confidence the shorter clause goes first, so more topics fit. The kept clauses of one
theme (rules sharing `theme`) are inserted together, as one passage, at the end of the
section the topic belongs to (the heading `check` reported), or as a new section before
the policy's closing matter.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wttsc_policy.document import Block, Document
from wttsc_policy.findings import SEVERITY_RANK, Finding
from wttsc_policy.plan.clauses import clause_paragraphs, find_placeholders
from wttsc_policy.plan.model import Edit, ManualItem, NewParagraph, Suggestion
from wttsc_policy.plan.placement import back_matter, last_body_block, main_level, section_end
from wttsc_policy.plan.sentences import Seen, paragraphs_words, without_repeats, words
from wttsc_policy.records import record
from wttsc_policy.rulepacks.model import Rule
from wttsc_policy.rulepacks.templates import render_clause

CONFIDENCE_RANK = {"high": 3, "medium": 2, "low": 1}
OVER_BUDGET = "it did not fit the growth budget for the updated policy"
SAID_ALREADY = "everything its clause says is already in the policy; check the section by hand"


@record
class Topic:
    """One missing topic's clause, ready to be kept or suggested."""

    finding: Finding
    rule: Rule
    paragraphs: list[NewParagraph]
    placeholders: list[str]

    @property
    def theme(self) -> str:
        return self.rule.theme or self.rule.id

    @property
    def heading(self) -> int | None:
        """The section `check` placed the topic under (a heading block), if any."""
        return self.finding.block

    def rank(self) -> tuple[int, int, int, str]:
        """Most important first: severity, then confidence; among equals the shorter clause
        first (so more topics fit the budget), then rule id for a stable order."""
        confidence = CONFIDENCE_RANK.get(self.finding.confidence or self.rule.confidence, 0)
        return (-SEVERITY_RANK[self.finding.severity], -confidence, paragraphs_words(self.paragraphs), self.rule.id)


def topic(finding: Finding, rule: Rule | None, values: Mapping[str, Any]) -> Topic | ManualItem:
    if rule is None or not rule.clause:
        return ManualItem(finding, "no standard clause for this topic: add a paragraph on it by hand")
    text = render_clause(rule, values)
    paragraphs = clause_paragraphs(text)
    if not paragraphs:
        return ManualItem(finding, "the clause template rendered no text: add a paragraph by hand")
    return Topic(finding, rule, paragraphs, find_placeholders(text))


def _where(doc: Document, heading: Block | None, title: str) -> str:
    if heading is not None:
        return f"at the end of '{heading.text.strip()}'"
    appendix = back_matter(doc)
    if appendix is not None:
        return f"as a new section '{title}' before '{appendix.text.strip()}'"
    return f"as a new section '{title}' at the end of the policy"


def select(
    doc: Document, topics: list[Topic], seen: Seen, available: int | None, manual: list[ManualItem]
) -> tuple[list[tuple[Topic, list[NewParagraph]]], list[Suggestion]]:
    """Keep the most important clauses that fit `available` words (None: all of them);
    the rest become suggestions. Sentences already seen are dropped first."""
    kept: list[tuple[Topic, list[NewParagraph]]] = []
    suggestions: list[Suggestion] = []
    sections: set[str] = set()  # themes that already have their passage's heading counted
    for t in sorted(topics, key=Topic.rank):
        paragraphs = without_repeats(t.paragraphs, seen)
        if not paragraphs:
            manual.append(ManualItem(t.finding, SAID_ALREADY))
            continue
        title = t.rule.clause_heading or t.rule.title
        cost = paragraphs_words(paragraphs)
        new_section = t.heading is None and t.theme not in sections
        if new_section:
            cost += words(title)
        if available is not None and cost > available:
            heading = doc.blocks[t.heading] if t.heading is not None else None
            suggestions.append(
                Suggestion(
                    findings=[t.finding],
                    rules=[t.rule.id],
                    title=t.rule.title,
                    paragraphs=paragraphs,
                    where=_where(doc, heading, title),
                    why=OVER_BUDGET,
                    words=cost,
                    placeholders=find_placeholders("\n".join(p.text for p in paragraphs)),
                )
            )
            continue
        if available is not None:
            available -= cost
        if new_section:
            sections.add(t.theme)
        for p in paragraphs:
            seen.add(p.text)
        kept.append((t, paragraphs))
    return kept, suggestions


def passages(doc: Document, kept: list[tuple[Topic, list[NewParagraph]]], manual: list[ManualItem]) -> list[Edit]:
    """One insertion per theme: its kept clauses together, in the section of its most
    important topic that has one (or as a new section)."""
    themes: dict[str, list[tuple[Topic, list[NewParagraph]]]] = {}
    for t, paragraphs in kept:
        themes.setdefault(t.theme, []).append((t, paragraphs))
    edits: list[Edit] = []
    for members in themes.values():
        lead = members[0][0]
        heading_index = next((t.heading for t, _ in members if t.heading is not None), None)
        heading = doc.blocks[heading_index] if heading_index is not None else None
        paragraphs = [p for _, ps in members for p in ps]
        common: dict[str, Any] = {
            "rules": [t.rule.id for t, _ in members],
            "findings": [t.finding for t, _ in members],
            "placeholders": list(dict.fromkeys(ph for t, _ in members for ph in t.placeholders)),
        }
        title = lead.rule.clause_heading or lead.rule.title
        if heading is not None:
            where = _where(doc, heading, title)
            edits.append(
                Edit(
                    kind="insert",
                    block=section_end(doc, heading).index,
                    paragraphs=paragraphs,
                    placement=where,
                    **common,
                )
            )
            continue
        with_heading = [NewParagraph(title, "heading", main_level(doc)), *paragraphs]
        appendix = back_matter(doc)
        if appendix is not None:
            edits.append(
                Edit(
                    kind="insert",
                    block=appendix.index,
                    position="before",
                    paragraphs=with_heading,
                    placement=_where(doc, None, title),
                    **common,
                )
            )
            continue
        last = last_body_block(doc)
        if last is None:
            manual.extend(
                ManualItem(f, "the document has no body text to add the clause to") for f in common["findings"]
            )
            continue
        edits.append(
            Edit(kind="insert", block=last.index, paragraphs=with_heading, placement=_where(doc, None, title), **common)
        )
    return edits
