"""Inline suppressions: deliberate local wording a school wants left alone, with a reason.

Markdown: `<!-- wttsc-policy: ignore WT012 -- reason -->` covers the next block;
`<!-- wttsc-policy: disable WT012 -- reason -->` ... `<!-- wttsc-policy: enable WT012 -->`
covers a range. Word: a comment starting `wttsc-policy: ignore WT012 -- reason`
covers the paragraph it is anchored on.

A directive that names a `missing_topic` rule covers that rule's finding wherever the
directive is written: a missing topic has no text to sit next to, and the reason
("covered in our separate early help policy") is about the whole document.
Every directive should give a reason after ` -- `; one without is reported as a note.
"""

from __future__ import annotations

import re

from wttsc_policy.document import Document, Suppression
from wttsc_policy.findings import Finding, Note, NoteKind
from wttsc_policy.records import record
from wttsc_policy.regexcode import compile_regex

DIRECTIVE = compile_regex(
    r"wttsc-policy:\s*(?P<verb>ignore|disable|enable)\b(?P<ids>[^\n]*?)(?:\s+--(?!>)\s*(?P<reason>.*?))?\s*(?:-->|$)",
    re.I | re.S,
)
_ID = compile_regex(r"[A-Z][A-Z0-9]{1,7}[0-9]{3}")


@record(slots=True)
class Directive:
    verb: str
    rules: tuple[str, ...]
    reason: str


def parse(text: str) -> Directive | None:
    """The first directive in `text`, or None."""
    m = DIRECTIVE.search(text)
    if not m:
        return None
    ids = tuple(_ID.findall(m.group("ids").upper()))
    return Directive(verb=m.group("verb").lower(), rules=ids, reason=(m.group("reason") or "").strip())


def parse_directive(
    text: str, *, blocks: tuple[int, int], line: int | None = None, paragraph: int | None = None
) -> Suppression | None:
    """An `ignore` directive as a Suppression over `blocks` (used for Word comments)."""
    d = parse(text)
    if d is None or d.verb != "ignore":
        return None
    return Suppression(rules=d.rules, reason=d.reason, blocks=blocks, line=line, paragraph=paragraph)


def _covers(sup: Suppression, finding: Finding) -> bool:
    if sup.rules and finding.rule not in sup.rules:
        return False
    if finding.block is None or finding.kind == "missing_topic":
        # missing topics are covered by a directive naming the rule, wherever it is written
        return bool(sup.rules)
    return sup.blocks[0] <= finding.block < sup.blocks[1]


def apply(doc: Document, findings: list[Finding]) -> tuple[list[Finding], int, list[Note], list[Note]]:
    """Drop suppressed findings.

    Returns (kept findings, number suppressed, unused directives, directives without a
    reason), the last two as Notes that carry where the directive is written.
    """
    kept: list[Finding] = []
    suppressed = 0
    for f in findings:
        hit = next((s for s in doc.suppressions if _covers(s, f)), None)
        if hit is None:
            kept.append(f)
        else:
            hit.used = True
            suppressed += 1
    unused = [describe(s) for s in doc.suppressions if not s.used]
    no_reason = [missing_reason(s) for s in doc.suppressions if not s.reason]
    return kept, suppressed, unused, no_reason


def _where(sup: Suppression) -> str:
    return f"line {sup.line}" if sup.line else f"paragraph {sup.paragraph}" if sup.paragraph else "document"


def _note(kind: NoteKind, message: str, sup: Suppression) -> Note:
    line = sup.line or None
    paragraph = None if line else (sup.paragraph or None)
    return Note(kind, message, line=line, paragraph=paragraph)


def describe(sup: Suppression) -> Note:
    """How an unused suppression is reported."""
    ids = ", ".join(sup.rules) or "all rules"
    return _note("unused_suppression", f"unused suppression ({ids}) at {_where(sup)}", sup)


MISSING_REASON = "suppression without a reason"


def missing_reason(sup: Suppression) -> Note:
    """A note that reports show as a warning (see Note.is_warning)."""
    ids = " ".join(sup.rules) or "(all rules)"
    message = f"{MISSING_REASON} at {_where(sup)}: write it as 'wttsc-policy: ignore {ids} -- reason'"
    return _note("missing_reason", message, sup)
