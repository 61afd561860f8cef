"""The EditPlan: tracked changes to make, findings left for a person, and additions
suggested in the notes instead of made (they did not fit the growth budget).

Format-neutral (block indexes and offsets into block text), so the same plan drives the
Word writer, the markdown/text writer, the change notes and the tests' expected text.

Three kinds of edit:
- `replace`: text [start, end) of one block becomes `new` (a name, a sentence; `new` may be
  empty: the sentence is deleted);
- `insert`: new paragraphs beside a block (a clause, or items joining a list);
- `unit`: blocks `block`..`last` are replaced as one piece by `paragraphs` (a list, a
  definition, a paragraph; no paragraphs = the blocks are deleted). Writers delete the
  whole paragraphs, paragraph marks included, so accepting leaves no empty paragraph and
  rejecting restores them exactly.
"""

from __future__ import annotations

from typing import Literal

from wttsc_policy.document import Document
from wttsc_policy.findings import Finding
from wttsc_policy.records import field, record


@record(frozen=True)
class NewParagraph:
    """One paragraph of an inserted clause."""

    text: str
    kind: Literal["heading", "paragraph", "bullet"] = "paragraph"
    level: int = 0  # heading level for kind == "heading"
    # The block whose list the paragraph joins (its style, bullet or numbering): "join the
    # list of block N". None: formatted like the paragraphs around it.
    like: int | None = None


@record
class Edit:
    """One tracked change: a replacement inside a block, paragraphs inserted beside one, or
    a run of whole blocks replaced as one unit (see the module docstring)."""

    kind: Literal["replace", "insert", "unit"]
    block: int  # the block edited, the block the paragraphs go beside, or a unit's first block
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
    last: int = -1  # unit: its last block (inclusive)

    @property
    def blocks(self) -> range:
        """The blocks a unit edit replaces (a replacement's own block; none for an insertion)."""
        if self.kind == "unit":
            return range(self.block, self.last + 1)
        return range(self.block, self.block + 1) if self.kind == "replace" else range(0)

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

    @property
    def deletes(self) -> bool:
        """True when the edit only removes text."""
        return (self.kind == "replace" and not self.new) or (self.kind == "unit" and not self.paragraphs)


@record
class ManualItem:
    """A finding the tool does not edit itself, and why a person must."""

    finding: Finding
    why: str


@record
class Suggestion:
    """A missing topic's clause that was not inserted, offered in the notes instead.

    `why` says why it was not inserted (it did not fit the growth budget); `paragraphs` is
    the clause text the school can paste (already rendered with its values and without
    sentences the policy or the inserted text already has); `where` is the section it
    belongs in. Suggestions come most important first (severity, then confidence).
    """

    findings: list[Finding]
    rules: list[str]
    title: str
    paragraphs: list[NewParagraph]
    where: str
    why: str
    words: int
    placeholders: list[str] = field(default_factory=list)

    @property
    def rule(self) -> str:
        return self.rules[0]

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


@record
class Budget:
    """The growth budget and how the plan used it (words of the whole policy)."""

    original: int  # words in the original policy
    limit: int | None  # most words the updated policy may have (None: no budget)
    planned: int  # words in the updated policy as planned


@record
class EditPlan:
    """What `update` does: tracked edits, findings for a person, and suggested additions.

    `suggestions` are missing-topic clauses that did not fit the growth budget (config
    `growth_budget`), most important first, each with its clause text; the notes list them
    so a person can add them. `budget` records the word counts behind that choice.
    """

    edits: list[Edit]
    manual: list[ManualItem]
    suggestions: list[Suggestion] = field(default_factory=list)
    budget: Budget | None = None

    @property
    def placeholders(self) -> list[tuple[Edit, str]]:
        return [(e, ph) for e in self.edits for ph in e.placeholders]

    def replacements_in(self, block: int) -> list[Edit]:
        return [e for e in self.edits if e.kind == "replace" and e.block == block]

    def unit_at(self, block: int) -> Edit | None:
        """The unit edit whose blocks include `block`, if any."""
        return next((e for e in self.edits if e.kind == "unit" and e.block <= block <= e.last), None)

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
        unit = plan.unit_at(block.index)
        if unit is None:
            out.append(updated_text(block.text, plan.replacements_in(block.index)))
        elif block.index == unit.last:
            out.extend(p.text for p in unit.paragraphs)
        for edit in plan.inserts_at(block.index, "after"):
            out.extend(p.text for p in edit.paragraphs)
    return out
