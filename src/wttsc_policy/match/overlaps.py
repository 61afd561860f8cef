"""Overlapping findings in one block: the longer span wins."""

from __future__ import annotations

from wttsc_policy.findings import Finding


def resolve_overlaps(findings: list[Finding]) -> list[Finding]:
    """Where two replaceable findings overlap in one block, keep the longer span (a named
    board beats the generic term inside it); ties go to the lower rule id."""
    spans = [f for f in findings if f.kind != "missing_topic" and f.block is not None and f.block_start is not None]
    if len(spans) < 2:
        return findings
    spans.sort(key=lambda f: (f.block or 0, -((f.block_end or 0) - (f.block_start or 0)), f.rule))
    kept: dict[int | None, list[Finding]] = {}  # by block: only findings in one block can overlap
    dropped: set[int] = set()
    for f in spans:
        same = kept.setdefault(f.block, [])
        if any((k.block_start or 0) < (f.block_end or 0) and (f.block_start or 0) < (k.block_end or 0) for k in same):
            dropped.add(id(f))
        else:
            same.append(f)
    return [f for f in findings if id(f) not in dropped]
