"""What a check produces: Findings, structured Notes and one FileResult per file.

Plain slotted records (records.py): they are made by the thousand on the `check` path and cross
process boundaries for `--jobs`. `to_dict()` is the JSON contract documented in the
README ("JSON output"); its keys and order must not change.
"""

from __future__ import annotations

from typing import Any, Literal

from wttsc_policy.records import field, record, replace

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}
RuleKind = Literal["outdated_reference", "missing_topic", "incorrect_claim"]
NoteKind = Literal["info", "missing_reason", "unused_suppression", "guidance"]  # guidance: pending/unverified


@record(slots=True, frozen=True)
class Span:
    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@record(slots=True)
class Finding:
    """One thing that is out of date, as reported in every output format.

    `span` is a character range into the file for text formats and into the block's
    text for docx; `block_start`/`block_end` are always into the block's text (used by
    the planner, not part of the JSON contract).
    """

    rule: str
    kind: RuleKind
    severity: Severity
    title: str
    message: str
    match: str = ""
    span: Span | None = None
    line: int | None = None
    column: int | None = None
    block: int | None = None
    paragraph: int | None = None
    part: str | None = None
    heading: str | None = None
    suggestion: str | None = None
    source: str = ""
    covers: list[str] = field(default_factory=list)
    editable: bool = True
    confidence: str | None = None
    edit_note: str | None = None  # why `update` leaves it to a person (None when editable)
    block_start: int | None = None
    block_end: int | None = None
    # Where the span ends in a text file (1-based line/column), for SARIF regions.
    end_line: int | None = None
    end_column: int | None = None
    # Why the tool leaves this to a person although it knows what is wrong (a split NHS area,
    # a Public Health England mention whose successor depends on the work): shown in the notes.
    hand_edit: str | None = None

    @property
    def rank(self) -> int:
        return SEVERITY_RANK[self.severity]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "kind": self.kind,
            "severity": self.severity,
            "title": self.title,
            "message": self.message,
            "match": self.match,
            "span": self.span.to_dict() if self.span is not None else None,
            "line": self.line,
            "column": self.column,
            "block": self.block,
            "paragraph": self.paragraph,
            "part": self.part,
            "heading": self.heading,
            "suggestion": self.suggestion,
            "source": self.source,
            "covers": list(self.covers),
            "editable": self.editable,
            "confidence": self.confidence,
            "edit_note": self.edit_note,
        }


@record(slots=True, frozen=True)
class Note:
    """Something a report mentions besides findings: an inference, a suppression without
    a reason, an unused suppression. Reports read `line`/`paragraph`, never the text."""

    kind: NoteKind
    message: str
    line: int | None = None  # text formats: where the directive is written
    paragraph: int | None = None  # docx: the paragraph a directive comment is anchored on

    @property
    def is_warning(self) -> bool:
        """Notes that deserve a warning rather than an aside (a suppression with no reason)."""
        return self.kind == "missing_reason"

    def __str__(self) -> str:
        return self.message


@record(slots=True)
class FileResult:
    """Findings for one file, or the error that stopped it being read."""

    path: str
    format: str | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    suppressed: int = 0
    unused_suppressions: list[Note] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    editions: dict[str, str] = field(default_factory=dict)  # family -> edition checked against

    def with_findings(self, findings: list[Finding]) -> FileResult:
        """A copy holding other findings (the Finding objects themselves are shared)."""
        return replace(self, findings=findings)
