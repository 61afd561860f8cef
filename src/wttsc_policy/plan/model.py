"""The EditPlan: tracked changes to make and findings left for a person.

Format-neutral (block indexes and offsets into block text), so the same plan drives the
Word writer, the markdown/text writer, the change notes and the tests' expected text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from wttsc_policy.document import Document
from wttsc_policy.findings import Finding


@dataclass(frozen=True)
class NewParagraph:
    """One paragraph of an inserted clause."""

    text: str
    kind: Literal["heading", "paragraph", "bullet"] = "paragraph"
    level: int = 0  # heading level for kind == "heading"


@dataclass
class Edit:
    """One tracked change: a replacement inside a block, or paragraphs inserted beside one."""

    kind: Literal["replace", "insert"]
    block: int  # the block edited, or the block the paragraphs go beside
    rules: list[str]
    findings: list[Finding]
    start: int = 0  # replace: offsets into the block text
    end: int = 0
    old: str = ""
    new: str = ""
    paragraphs: list[NewParagraph] = field(default_factory=list)
    position: Literal["after", "before"] = "after"
    placement: str = ""  # insert: where and why there, for the notes
    placeholders: list[str] = field(default_factory=list)
    number: int = 0  # 1-based, in document order

    @property
    def rule(self) -> str:
        return self.rules[0]

    @property
    def finding(self) -> Finding:
        return self.findings[0]

    @property
    def new_text(self) -> str:
        """The inserted text as one string (replacement text or the clause paragraphs)."""
        if self.kind == "replace":
            return self.new
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class ManualItem:
    """A finding the tool does not edit itself, and why a person must."""

    finding: Finding
    why: str


@dataclass
class EditPlan:
    edits: list[Edit]
    manual: list[ManualItem]

    @property
    def placeholders(self) -> list[tuple[Edit, str]]:
        return [(e, ph) for e in self.edits for ph in e.placeholders]

    def replacements_in(self, block: int) -> list[Edit]:
        return [e for e in self.edits if e.kind == "replace" and e.block == block]

    def inserts_at(self, block: int, position: str) -> list[Edit]:
        return [e for e in self.edits if e.kind == "insert" and e.block == block and e.position == position]


def updated_text(text: str, edits: list[Edit]) -> str:
    """A block's text with its replacements applied."""
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.new + text[edit.end :]
    return text


def expected_texts(doc: Document, plan: EditPlan) -> list[str]:
    """Every block's text after Accept All, in reading order (inserted paragraphs included)."""
    out: list[str] = []
    for block in doc.blocks:
        for edit in plan.inserts_at(block.index, "before"):
            out.extend(p.text for p in edit.paragraphs)
        out.append(updated_text(block.text, plan.replacements_in(block.index)))
        for edit in plan.inserts_at(block.index, "after"):
            out.extend(p.text for p in edit.paragraphs)
    return out
