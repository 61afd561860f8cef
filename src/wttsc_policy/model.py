"""The shared data model: one Document model for every input format, and Findings.

Blocks are plain dataclasses (a long policy has thousands of them and they never cross
a boundary); Findings are pydantic models because they are what reports serialise.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}
RuleKind = Literal["outdated_reference", "missing_topic", "incorrect_claim"]


class BlockKind(str, Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"


class Zone(str, Enum):
    """Where a block sits, for context exclusions."""

    BODY = "body"
    HISTORY = "history"  # version history / document control / change log
    CONTENTS = "contents"  # table of contents


@dataclass(slots=True)
class Segment:
    """A contiguous piece of block text that maps 1:1 onto source characters.

    For text formats `source` is a character offset into the file; the docx reader
    uses its own run map and leaves segments empty.
    """

    text_start: int
    source: int
    length: int


@dataclass(slots=True)
class Block:
    """One unit of text: a heading, paragraph, list item or table cell."""

    index: int
    kind: BlockKind
    text: str
    heading_path: tuple[str, ...] = ()
    level: int = 0  # heading level (1 = top); 0 for non-headings
    part: str = "body"  # body | header | footer (docx); body for text formats
    paragraph: int | None = None  # docx: 1-based paragraph number within its part
    zone: Zone = Zone.BODY
    table: tuple[int, int, int] | None = None  # (table number, row, column), 0-based
    segments: list[Segment] = field(default_factory=list)
    editable: bool = True  # False inside fields, text boxes, existing revisions
    anchor: Any = None  # reader-private handle (docx: paragraph element + run map)

    @property
    def heading(self) -> str | None:
        return self.heading_path[-1] if self.heading_path else None

    def source_offset(self, text_offset: int) -> int | None:
        """Map an offset in `text` to a source offset (text formats only)."""
        if not self.segments:
            return None
        starts = [s.text_start for s in self.segments]
        i = max(bisect.bisect_right(starts, text_offset) - 1, 0)
        seg = self.segments[i]
        return seg.source + min(text_offset - seg.text_start, seg.length)


@dataclass(slots=True)
class Suppression:
    """An inline `wttsc-policy: ignore ID -- reason` directive found in a document."""

    rules: tuple[str, ...]  # empty = all rules
    reason: str
    blocks: tuple[int, int]  # block index range [start, end) it applies to
    line: int | None = None  # where the directive is written (text formats)
    paragraph: int | None = None  # docx: paragraph the comment is anchored on
    used: bool = False


@dataclass(slots=True)
class Document:
    """A policy read from any format: ordered blocks plus enough to locate them."""

    path: Path
    format: Literal["docx", "markdown", "text"]
    blocks: list[Block]
    source: str | None = None  # full text of a text-format file
    suppressions: list[Suppression] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    package: Any = None  # docx: the opened DocxPackage the blocks' anchors point into
    _line_starts: list[int] | None = None

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset in `source`."""
        if self._line_starts is None:
            starts = [0]
            src = self.source or ""
            pos = src.find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = src.find("\n", pos + 1)
            self._line_starts = starts
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    @property
    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind is BlockKind.HEADING]


class Span(BaseModel):
    start: int
    end: int


class Finding(BaseModel):
    """One thing that is out of date, as reported in every output format.

    `span` is a character range into the file for text formats and into the block's
    text for docx; `block_start`/`block_end` are always into the block's text.
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
    covers: list[str] = Field(default_factory=list)
    editable: bool = True
    confidence: str | None = None
    # Offsets into the block text, used by the planner; not part of the JSON contract.
    block_start: int | None = Field(default=None, exclude=True)
    block_end: int | None = Field(default=None, exclude=True)

    @property
    def rank(self) -> int:
        return SEVERITY_RANK[self.severity]


class FileResult(BaseModel):
    """Findings for one file, or the error that stopped it being read."""

    path: str
    format: str | None = None
    findings: list[Finding] = Field(default_factory=list)
    error: str | None = None
    suppressed: int = 0
    unused_suppressions: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
