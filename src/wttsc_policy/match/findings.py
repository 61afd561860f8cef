"""Making Findings: where a match is in the file, and the replacement text to suggest."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from wttsc_policy.document import Block, Document
from wttsc_policy.findings import Finding, Severity, Span
from wttsc_policy.formats import spec
from wttsc_policy.rulepacks.schema import Rule
from wttsc_policy.rulepacks.templates import render_text


def year_ok(m: re.Match[str], limit: Any) -> bool:
    """A match whose named group 'year' is earlier than `limit` (or has no year)."""
    try:
        year = int(m.group("year"))
    except (IndexError, TypeError, ValueError):
        return True
    try:
        return year < int(limit)
    except (TypeError, ValueError):
        return True


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_CAP_WORD = re.compile(r"\b([a-z])")


def suggestion_text(
    template: str | None, values: Mapping[str, Any], matched: str, *, sentence_start: bool = False
) -> str | None:
    """Replacement text: template values filled in, capitalised like the match. Text filled
    from values keeps their case (a name, or generic lower-case words) except at the start
    of a sentence."""
    if template is None:
        return None
    text = template
    filled = "{{" in text or "{%" in text  # values keep their own case (a name, or generic words)
    if filled:
        text = render_text(text, values)
    if filled:
        return text[0].upper() + text[1:] if sentence_start and text else text
    letters = [c for c in matched if c.isalpha()]
    if letters and text and text[0].islower():
        words = re.findall(r"[A-Za-z]+", matched)
        if len(words) > 1 and all(w[0].isupper() for w in words) and not matched.isupper():
            text = _CAP_WORD.sub(lambda m: m.group(1).upper(), text)  # Title Case in, Title Case out
        elif letters[0].isupper():
            text = text[0].upper() + text[1:]
    return text


def make_finding(
    rule: Rule,
    doc: Document,
    block: Block | None,
    start: int | None,
    end: int | None,
    *,
    suggestion: str | None,
    severity: Severity | None = None,
    message: str | None = None,
    confidence: str | None = None,
) -> Finding:
    """A Finding located in the file: file offsets/line/column for text, block offsets for docx."""
    span: Span | None = None
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    file_offsets = spec(doc.format).text_source
    if block is not None and start is not None and end is not None:
        if not file_offsets:
            span = Span(start=start, end=end)
        else:
            s = block.source_offset(start)
            e = block.source_offset(end - 1)
            if s is not None and e is not None:
                span = Span(start=s, end=e + 1)
                line, column = doc.line_col(s)
                end_line, end_column = doc.line_col(e + 1)
    elif block is not None and file_offsets:
        s = block.source_offset(0)
        if s is not None:
            line, column = doc.line_col(s)
    return Finding(
        rule=rule.id,
        kind=rule.kind,
        severity=severity or rule.severity,
        title=rule.title,
        message=message or rule.message,
        match=block.text[start:end] if block is not None and start is not None else "",
        span=span,
        line=line,
        column=column,
        block=block.index if block is not None else None,
        paragraph=block.paragraph if block is not None else None,
        part=block.part if block is not None else None,
        heading=(block.heading if block is not None else None),
        suggestion=suggestion,
        source=rule.source,
        covers=list(rule.covers),
        editable=bool(block is not None and block.editable),
        confidence=confidence or rule.confidence,
        block_start=start,
        block_end=end,
        end_line=end_line,
        end_column=end_column,
    )


def finding_order(f: Finding) -> tuple[int, int, str]:
    """Findings in reading order: block, position, rule."""
    return (f.block if f.block is not None else 1 << 30, f.block_start or 0, f.rule)


def dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per start position; a match starting inside a kept one is dropped."""
    seen: set[tuple[int | None, int | None, int | None]] = set()
    out: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.block or 0, f.block_start or 0, -(f.block_end or 0))):
        key = (f.block, f.block_start)
        overlapping = any(k[0] == f.block and (k[1] or 0) <= (f.block_start or 0) < (k[2] or 0) for k in seen)
        if key in {(k[0], k[1]) for k in seen} or overlapping:
            continue
        seen.add((f.block, f.block_start, f.block_end))
        out.append(f)
    return out
