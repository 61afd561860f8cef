"""Overlapping findings in one block: the longer span wins."""

from __future__ import annotations

from collections import defaultdict

from wttsc_policy.findings import Finding
from wttsc_policy.match.sentences import Spans


def resolve_overlaps(findings: list[Finding]) -> list[Finding]:
    """Where two replaceable findings overlap in one block, keep the longer span (a named
    board beats the generic term inside it); ties go to the lower rule id. Block by
    block, with sorted spans: linear-logarithmic however many findings a block has."""
    spans = [f for f in findings if f.kind != "missing_topic" and f.block is not None and f.block_start is not None]
    if len(spans) < 2:
        return findings
    spans.sort(key=lambda f: (f.block or 0, -((f.block_end or 0) - (f.block_start or 0)), f.rule))
    kept: dict[int, Spans] = defaultdict(Spans)
    dropped: set[int] = set()
    for f in spans:
        start, end = f.block_start or 0, f.block_end or 0
        block = kept[f.block or 0]
        if end > start and block.overlaps(start, end):
            dropped.add(id(f))
        elif end > start:
            block.add(start, end)
    return [f for f in findings if id(f) not in dropped]
