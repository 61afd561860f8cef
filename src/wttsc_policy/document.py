"""One Document model for every input format: ordered blocks, where each one lives, and
which parts of its text must not be edited automatically.

Blocks are plain slotted dataclasses (a long policy has thousands of them). Nothing here
knows WordprocessingML: a Word reader keeps its paragraph handles in `Document.native`,
whose type only the docx reader and the docx writer know.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Literal

FormatName = Literal["docx", "markdown", "text"]
PartKind = Literal["body", "header", "footer", "footnote", "endnote"]


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


class LockReason(str, Enum):
    """Why a stretch of block text is left for a person to edit."""

    TEXT_BOX = "text_box"
    FRAME = "frame"  # a framed paragraph or drop cap: word processors show no tracked change there
    BREAK = "break"  # a tab, line break or special hyphen inside the range
    TRACKED_CHANGE = "tracked_change"  # someone else's pending revision
    CONTENT_CONTROL = "content_control"
    FIELD = "field"  # a field result (cross-reference, automatic text)
    CONTENTS = "contents"  # a table of contents, rebuilt from the headings
    TYPED_CONTENTS = "typed_contents"  # a table of contents typed by hand, under a "Contents" heading
    FLOATING_TABLE = "floating_table"  # a table positioned on the page: LibreOffice moves it
    HEADER_FOOTER = "header_footer"  # a header or footer LibreOffice cannot resolve changes in
    SPECIAL = "special"  # anything else the text map cannot edit (e.g. past the end)
    UNMAPPED = "unmapped"  # text formats: the characters are not 1:1 with the file


# How the change notes and the JSON say why (after "the text ...").
LOCK_WORDS: dict[LockReason, str] = {
    LockReason.TEXT_BOX: "is inside a text box",
    LockReason.FRAME: "is in a frame or drop cap, where Word and LibreOffice cannot show a tracked change",
    LockReason.BREAK: "runs across a tab or line break",
    LockReason.TRACKED_CHANGE: "is inside someone else's tracked change (accept or reject it first)",
    LockReason.CONTENT_CONTROL: "is inside a content control",
    LockReason.FIELD: "is inside a field (such as a cross-reference or automatic text)",
    LockReason.CONTENTS: (
        "is in the table of contents, which Word rebuilds from the headings (update the table after the changes)"
    ),
    LockReason.TYPED_CONTENTS: (
        "is an entry of a typed table of contents (change it to match its heading once the heading is updated)"
    ),
    LockReason.FLOATING_TABLE: (
        "is in a floating table, which LibreOffice moves out of its place when a tracked change in it "
        "is accepted or rejected"
    ),
    LockReason.HEADER_FOOTER: (
        "is in a page header or footer where LibreOffice cannot accept or reject a tracked change "
        "(one a later section of the document shows, or one on pages with negative margins)"
    ),
    LockReason.SPECIAL: "is split by a field or other special content",
    LockReason.UNMAPPED: "cannot be located exactly in the file (escapes or entities)",
}

# With a detail (a field's type, a reviewer's name), some reasons say more.
_DETAILED: dict[LockReason, str] = {
    LockReason.FIELD: "is the result of a {} field, which Word fills in itself",
    LockReason.TRACKED_CHANGE: "is inside a tracked change by {} (accept or reject it first)",
}


@dataclass(slots=True, frozen=True)
class Lock:
    """Block text [start, end) that must not be edited automatically, and why."""

    start: int
    end: int
    reason: LockReason
    detail: str | None = None  # e.g. the field type or the reviewer, for the words

    @property
    def words(self) -> str:
        if self.detail and self.reason in _DETAILED:
            return _DETAILED[self.reason].format(self.detail)
        return LOCK_WORDS[self.reason]

    @property
    def note(self) -> str:
        """The plain-words reason the JSON and the change notes give."""
        return f"the text {self.words}, so it is not edited automatically; edit it by hand"


@dataclass(slots=True, frozen=True)
class Locator:
    """Where a block lives in its file, in format-neutral terms."""

    part: PartKind = "body"  # body | header | footer | footnote | endnote (text formats: always body)
    part_name: str | None = None  # the file part holding it (docx: e.g. word/header1.xml)
    paragraph: int | None = None  # docx: 1-based paragraph number within its part
    table: tuple[int, int, int] | None = None  # (table number, row, column), 0-based


@dataclass(slots=True)
class Segment:
    """A contiguous piece of block text that maps 1:1 onto source characters.

    For text formats `source` is a character offset into the file; Word blocks have none.
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
    locator: Locator = Locator()
    zone: Zone = Zone.BODY
    segments: list[Segment] = field(default_factory=list)
    locks: tuple[Lock, ...] = ()  # in text order

    @property
    def heading(self) -> str | None:
        return self.heading_path[-1] if self.heading_path else None

    @property
    def part(self) -> PartKind:
        return self.locator.part

    @property
    def paragraph(self) -> int | None:
        return self.locator.paragraph

    @property
    def table(self) -> tuple[int, int, int] | None:
        return self.locator.table

    @property
    def editable(self) -> bool:
        """False for a block the tool never edits as a whole (text in a text box)."""
        return not any(lock.reason is LockReason.TEXT_BOX for lock in self.locks)

    def lock_in(self, start: int, end: int) -> Lock | None:
        """The first lock overlapping text [start, end), or a SPECIAL one when the range
        runs past the text; None when the range may be edited."""
        for lock in self.locks:
            if lock.start < end and start < lock.end:
                return lock
        if end > len(self.text):
            return Lock(len(self.text), end, LockReason.SPECIAL)
        return None

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
    format: FormatName
    blocks: list[Block]
    source: str | None = None  # full text of a text-format file
    suppressions: list[Suppression] = field(default_factory=list)
    native: object | None = None  # reader-private handles (docx: read.docx.DocxSource)
    warnings: list[str] = field(default_factory=list)  # content the reader could not see (e.g. altChunk)
    protection: str | None = None  # the file forbids editing (Word's Restrict Editing): update refuses
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
