"""Shared by every reader: heading paths and context zones while blocks are added."""

from __future__ import annotations

from wttsc_policy.document import Block, BlockKind, Locator, Lock, LockReason, Segment, Zone
from wttsc_policy.normalise import fold
from wttsc_policy.regexcode import compile_regex

HISTORY_HEADING = compile_regex(
    r"\b(?:version (?:control|history|log)|document (?:control|history|information|details)|"
    r"change ?log|revision (?:history|log)|amendments?(?: log| history| record)?|"
    r"review history|record of (?:changes|amendments|reviews?)|policy history)\b"
)
CONTENTS_HEADING = compile_regex(r"^\s*(?:table of )?contents\s*$")
# a line of a typed table of contents: ends with its page number after a tab or dot leaders
_CONTENTS_ENTRY = compile_regex(r"(?:\t|\.{2,}|\u2026)\s*\d{1,4}\s*$")
_HISTORY_HEADER_A = compile_regex(r"\b(?:version|revision|amend\w*|changes?|history|v\d)\b")
_HISTORY_HEADER_B = compile_regex(r"\b(?:date|author|by|summary|description|approved|reason|details?|reviewed)\b")
_HISTORY_LEAD = compile_regex(r"^\s*(?:document control|version control|version history|change log|revision history)\b")


def is_history_table(header_cells: list[str]) -> bool:
    """A version-history / change-log table, judged by its first row."""
    text = fold(" | ".join(header_cells))
    return bool(_HISTORY_HEADER_A.search(text) and _HISTORY_HEADER_B.search(text))


class BlockBuilder:
    """Collects blocks in order, tracking the heading stack and history zones."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._stack: list[tuple[int, str]] = []
        self._path: tuple[str, ...] = ()  # the stack's titles, rebuilt only when it changes
        self._zone_level: int | None = None
        self._zone: Zone = Zone.BODY

    def end_zone(self, zone: Zone) -> None:
        """The zone a heading opened ends here (a Word table of contents ends with its field)."""
        if self._zone is zone:
            self._zone_level, self._zone = None, Zone.BODY

    def add(
        self,
        kind: BlockKind,
        text: str,
        *,
        level: int = 0,
        zone: Zone | None = None,
        segments: list[Segment] | None = None,
        in_body: bool = True,
        locator: Locator | None = None,
        locks: tuple[Lock, ...] = (),
    ) -> Block:
        if kind is BlockKind.HEADING and in_body and self._zone is Zone.CONTENTS and _CONTENTS_ENTRY.search(text):
            kind, level = BlockKind.PARAGRAPH, 0  # a bold or styled contents line, not a heading
        if kind is BlockKind.HEADING and in_body:
            while self._stack and self._stack[-1][0] >= level:
                self._stack.pop()
            # a typed contents list ends at the first heading after it, whatever its level
            # (a level-1 "Contents" before level-2 sections must not swallow the policy)
            if self._zone_level is not None and (level <= self._zone_level or self._zone is Zone.CONTENTS):
                self._zone_level, self._zone = None, Zone.BODY
            clean = " ".join(text.split())
            self._stack.append((level, clean))
            self._path = tuple(t for _, t in self._stack)
            folded = fold(clean)
            if HISTORY_HEADING.search(folded):
                self._zone_level, self._zone = level, Zone.HISTORY
            elif CONTENTS_HEADING.match(folded):
                self._zone_level, self._zone = level, Zone.CONTENTS
        if zone is None:
            zone = self._zone if in_body else Zone.BODY
            if zone is Zone.BODY and kind is not BlockKind.HEADING and _HISTORY_LEAD.match(fold(text[:40])):
                zone = Zone.HISTORY
        if zone is Zone.CONTENTS and kind is not BlockKind.HEADING and text:
            # rules read a typed contents line (it may repeat an outdated heading) but never edit it
            locks = (Lock(0, len(text), LockReason.TYPED_CONTENTS), *locks)
        path = self._path if in_body else ()
        block = Block(
            index=len(self.blocks),
            kind=kind,
            text=text,
            heading_path=path,
            level=level if kind is BlockKind.HEADING else 0,
            zone=zone,
            locator=locator or Locator(),
            segments=segments or [],
            locks=locks,
        )
        self.blocks.append(block)
        return block
