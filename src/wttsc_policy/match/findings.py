"""Making Findings: where a match is in the file, and the replacement text to suggest."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from wttsc_policy.document import Block, Document
from wttsc_policy.findings import Finding, Severity, Span
from wttsc_policy.formats import spec
from wttsc_policy.read.sourcemap import edit_lock
from wttsc_policy.regexcode import compile_regex
from wttsc_policy.rulepacks.model import Rule
from wttsc_policy.rulepacks.substitute import names_in, substitute


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


# A paragraph number typed before a sentence ("2.3 ", "(a) "): not part of the sentence.
_TYPED_NUMBER = compile_regex(r"(?:\(?\d+(?:\.\d+)*[.)]?|\(?[a-z]\))\s+(?=\S)", re.I)


def trim_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """A sentence span without surrounding whitespace or a leading typed paragraph number,
    so a whole-sentence rewrite keeps the paragraph's number."""
    start, end = trim(text, start, end)
    m = _TYPED_NUMBER.match(text, start, end)
    return (m.end(), end) if m else (start, end)


_CAP_WORD = compile_regex(r"\b([a-z])")


def suggestion_text(
    template: str | None,
    values: Mapping[str, Any],
    matched: str,
    family: str | None = None,
    *,
    sentence_start: bool = False,
    own_case: bool = False,
) -> str | None:
    """Replacement text: names filled in (plain substitution, see rulepacks/substitute.py),
    capitalised like the match. A school value (a name such as the area's partnership, or
    generic lower-case words) keeps its own case except at the start of a sentence; so does
    `own_case` text (a finished replacement reused for a policy's own initials)."""
    if template is None:
        return None
    text = substitute(template, values, family) or ""
    if own_case or any("." not in name for name in names_in(template)):
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
    values: Mapping[str, Any] | None = None,
) -> Finding:
    """A Finding located in the file: file offsets/line/column for text, block offsets for docx.
    The rule's message and source name the editions in force (`values`)."""
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
    lock = None
    if block is not None and start is not None and end is not None:
        lock = edit_lock(block, doc.source or "" if file_offsets else None, start, end)
    editable = block is not None and block.editable and lock is None
    return Finding(
        rule=rule.id,
        kind=rule.kind,
        severity=severity or rule.severity,
        title=rule.title,
        message=message or substitute(rule.message, values or {}, rule.text_family) or "",
        match=block.text[start:end] if block is not None and start is not None else "",
        span=span,
        line=line,
        column=column,
        block=block.index if block is not None else None,
        paragraph=block.paragraph if block is not None else None,
        part=block.part if block is not None else None,
        heading=(block.heading if block is not None else None),
        suggestion=suggestion,
        source=substitute(rule.source, values or {}, rule.text_family) or "",
        covers=list(rule.covers),
        editable=editable,
        confidence=confidence or rule.confidence,
        edit_note=lock.note if lock is not None else None,
        block_start=start,
        block_end=end,
        end_line=end_line,
        end_column=end_column,
    )


def finding_order(f: Finding) -> tuple[int, int, str]:
    """Findings in reading order: block, position, rule."""
    return (f.block if f.block is not None else 1 << 30, f.block_start or 0, f.rule)


def dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per start position; a match starting inside a kept one is dropped.
    (Sorted by start, a kept span can only contain a later start if it is the kept span
    reaching furthest so far in that block, so one running end per block suffices.)"""
    reach: dict[int | None, tuple[int, int]] = {}  # block -> (start, furthest end) of kept spans
    starts: set[tuple[int | None, int | None]] = set()
    out: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.block or 0, f.block_start or 0, -(f.block_end or 0))):
        start = f.block_start or 0
        furthest = reach.get(f.block)
        inside = furthest is not None and furthest[0] <= start < furthest[1]
        if (f.block, f.block_start) in starts or inside:
            continue
        starts.add((f.block, f.block_start))
        end = f.block_end or 0
        if furthest is None or end > furthest[1]:
            reach[f.block] = (start, end)
        out.append(f)
    return out
