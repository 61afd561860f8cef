"""Definitions and lists checked as a whole: a unit lacking a point it must have.

A rule with `unit.requires` finds each unit by its lead-in (`unit.intro`: "Safeguarding
... means:") and reads the unit whole (the lead-in and its list items, or the rest of a
one-sentence definition). A unit missing one of the required points is out of date even
where no old wording matches: a half-updated definition that has the 2023 wording for
some points but not the first ("as soon as problems emerge"). The finding sits on the
lead-in; `update` rewrites the whole unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from wttsc_policy.document import Block, BlockKind, Document, Zone
from wttsc_policy.findings import Finding
from wttsc_policy.match.findings import make_finding
from wttsc_policy.match.prefilter import Joined
from wttsc_policy.normalise import Normalised, sentence_bounds
from wttsc_policy.read.units import list_at
from wttsc_policy.regexcode import compile_regex
from wttsc_policy.rulepacks.model import Rule
from wttsc_policy.rulepacks.templates import render_clause

_WORDS = compile_regex(r"\S+")
SPAN_WORDS = 6  # the finding quotes the lead-in's first words, clear of other findings in it


def _suggestion(rule: Rule, values: Mapping[str, Any]) -> str | None:
    """The unit's current points as one line, for reports."""
    if not rule.clause or rule.pack_dir is None:
        return None
    items = [ln[2:].strip().rstrip(";.") for ln in render_clause(rule, values).splitlines() if ln.startswith("- ")]
    return "; ".join(items) or None


def incomplete_units(
    rule: Rule,
    doc: Document,
    norms: list[Normalised],
    found: list[Finding],
    values: Mapping[str, Any],
    joined: Joined | None = None,
) -> list[Finding]:
    """Units of `rule` (found by its lead-in) that lack a required point, outside the
    blocks where the rule already found old wording. `joined` (the folded text of every
    block) picks the blocks a lead-in can match with its prefilter instead of searching
    every block."""
    taken = {f.block for f in found if f.rule == rule.id}
    out: list[Finding] = []
    if joined is None:
        blocks_to_read: Iterable[Block] = doc.blocks
    else:
        hits: set[int] = set()
        for p in rule.compiled_intro:
            hits.update(joined.blocks_matching(p))
        blocks_to_read = [doc.blocks[k] for k in sorted(hits)]
    for block in blocks_to_read:
        if block.kind is BlockKind.HEADING or (block.zone is not Zone.BODY and not rule.check_history):
            continue
        folded = norms[block.index].folded
        m = next((m for p in rule.compiled_intro if (m := p.search(folded))), None)
        if m is None:
            continue
        unit = list_at(doc, block.index)
        if unit is not None and unit.lead == block.index:
            blocks: tuple[int, ...] = unit.blocks()
            text = " ".join(norms[i].folded for i in blocks)
        elif unit is None:
            s, e = sentence_bounds(folded, m.start(), m.end())
            if not folded[m.end() : e].strip(" :."):
                continue  # a lead-in without its points
            blocks, text = (block.index,), folded[s:e]
        else:
            continue
        if taken.intersection(blocks) or all(p.search(text) for p in rule.compiled_requires):
            continue
        first = list(_WORDS.finditer(folded, m.start(), m.end()))[:SPAN_WORDS]
        end = first[-1].end() if first else m.end()
        start, stop = norms[block.index].to_original(m.start(), end)
        out.append(make_finding(rule, doc, block, start, stop, suggestion=_suggestion(rule, values)))
    return out
