"""Apply an EditPlan to a .docx package: tracked changes plus one comment per change.

The document's package (opened by the reader) is edited in place and serialised; only
the parts that hold an edit, and the comments part / relationships / content types when
comments are added, are re-written. Everything else goes back byte for byte.

The module is a little over 300 lines because the order of the writer's passes (whole units,
replacements, insertions, comments, ids) matters and is easiest to check in one place.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Mapping
from functools import cached_property
from typing import Literal

from lxml import etree

from wttsc_policy.apply import Applied
from wttsc_policy.apply.docx_units import Unit, anchor_unit, replace_unit
from wttsc_policy.document import Block, BlockKind, Document, Zone
from wttsc_policy.findings import Finding
from wttsc_policy.ooxml.comments import (
    Comments,
    anchor_citing_paragraph,
    anchor_inserted,
    anchor_span,
    anchor_whole_paragraph,
)
from wttsc_policy.ooxml.elements import find_child
from wttsc_policy.ooxml.neighbours import before_page_break, block_sibling, story_child, typical_rpr
from wttsc_policy.ooxml.numbering import Numbering
from wttsc_policy.ooxml.package import DocxPackage, parent_of, w
from wttsc_policy.ooxml.paragraphs import insert_paragraphs, inserted_paragraph
from wttsc_policy.ooxml.places import vertical_text
from wttsc_policy.ooxml.revisions import EditError, IdAllocator, RevisionContext, replace_text
from wttsc_policy.plan.model import Edit, EditPlan, NewParagraph
from wttsc_policy.read.docx import DocxParagraph, DocxSource, docx_source
from wttsc_policy.records import field, record
from wttsc_policy.rulepacks.model import Rule

Template = tuple[etree._Element | None, etree._Element | None, bool]  # (pPr, rPr, keep numbering)


@record
class WriteResult:
    data: bytes
    written: list[Edit]
    failed: list[tuple[Edit, str]] = field(default_factory=list)
    uncommented: list[Edit] = field(default_factory=list)  # header/footer edits, explained at the document start
    comments: int = 0
    parts: list[str] = field(default_factory=list)


def comment_text(edit: Edit, rules: Mapping[str, Rule]) -> list[str]:
    """The paragraphs of the Word comment explaining one change."""
    out = []
    for rule_id, finding in zip(edit.rules, _first_per_rule(edit), strict=True):
        rule = rules.get(rule_id)
        out.append(f"{rule_id} {finding.title}: {finding.message}")
        rationale = rule.rationale if rule is not None else ""
        if rationale:
            out.append(" ".join(rationale.split()))
        out.append(f"Source: {finding.source}")
    if edit.placeholders:
        out.append("Fill in: " + ", ".join(edit.placeholders))
    return out


def _first_per_rule(edit: Edit) -> list[Finding]:
    seen: dict[str, Finding] = {}
    for f in edit.findings:
        seen.setdefault(f.rule, f)
    return [seen[r] for r in edit.rules]


@record
class _Gap:
    """Where new paragraphs go between two blocks of a story, and the edits that fill it."""

    anchor: etree._Element
    side: Literal["before", "after"]
    edits: list[Edit] = field(default_factory=list)

    @property
    def previous(self) -> etree._Element | None:
        if self.side == "after":
            return self.anchor
        return block_sibling(self.anchor, "previous")


class DocxWriter:
    """Writes one plan into the document's package (see module docstring)."""

    def __init__(self, doc: Document, plan: EditPlan, rules: Mapping[str, Rule], author: str, date: str) -> None:
        self.doc = doc
        self.source: DocxSource = docx_source(doc)
        self.pkg: DocxPackage = self.source.package
        self.plan = plan
        self.rules = rules
        self.ctx = RevisionContext(author=author, date=date, ids=IdAllocator(self.pkg))
        self.styles = self.source.styles  # parsed once, by the reader
        self.numbering = Numbering(self.pkg, self.styles)
        self.comments = Comments(self.pkg, self.ctx)
        # a unit's last old paragraph -> its last new one: text inserted after the unit follows it
        self.cursor: dict[etree._Element, etree._Element] = {}

    def _para(self, block: Block) -> DocxParagraph:
        return self.source.paragraphs[block.index]

    def _free_body(self, block: Block) -> bool:
        """A body paragraph outside tables whose properties may serve as a template (not
        one whose text runs vertically: new clauses would run vertically too)."""
        para = self._para(block) if block.part == "body" and block.table is None else None
        return para is not None and para.free and not vertical_text(para.p)

    # -- templates for new paragraphs ---------------------------------------------
    @cached_property
    def _free(self) -> tuple[list[Block], list[int]]:
        """The free body blocks in order, and their indexes: built once per document, not
        per new paragraph (a pass over every block)."""
        blocks = [b for b in self.doc.blocks if self._free_body(b)]
        return blocks, [b.index for b in blocks]

    def _near(self, anchor: Block, ok: Callable[[Block], bool]) -> Block | None:
        """The nearest free body block at or before `anchor` that is `ok`, else the first
        one after it (walking out from the anchor, not over the whole document)."""
        blocks, indexes = self._free
        split = bisect.bisect_right(indexes, anchor.index)
        for i in range(split - 1, -1, -1):
            if ok(blocks[i]):
                return blocks[i]
        return next((blocks[i] for i in range(split, len(blocks)) if ok(blocks[i])), None)

    def _from(self, block: Block, keep: bool) -> Template:
        p = self._para(block).p
        return find_child(p, w("pPr")), typical_rpr(p), keep

    def _template(self, anchor: Block, para: NewParagraph, before: etree._Element | None) -> Template:
        """(pPr to copy, rPr for the text, keep numbering) for a new paragraph that follows `before`."""
        if para.like is not None:  # joins the list of that block: its style and numbering
            return self._from(self.doc.blocks[para.like], True)
        if para.kind == "heading":
            src = self._near(anchor, lambda b: b.kind is BlockKind.HEADING and b.level == para.level)
            if src is not None:
                return self._from(src, True)
            return self.styles.ppr(f"Heading{para.level}", f"heading{para.level}"), None, False
        if para.kind == "bullet":
            return self._bullet(anchor, before)
        src = self._near(anchor, lambda b: b.kind is BlockKind.PARAGRAPH and b.zone is Zone.BODY)
        return self._from(src, False) if src is not None else (None, None, False)

    def _bullet(self, anchor: Block, before: etree._Element | None) -> Template:
        """A list item joins the list it follows; otherwise it starts a bulleted list."""
        joined = before is not None and before.tag == w("p") and self.numbering.level_of(before)
        if joined and before is not None:
            return find_child(before, w("pPr")), typical_rpr(before), True
        bullets = self._near(anchor, self._is_top_bullet)
        if bullets is not None:
            return self._from(bullets, True)
        num_id, _ = self.styles.numbering("ListBullet")
        if "ListBullet" in self.styles.ids and num_id is not None and self.numbering.format_of(num_id, 0) == "bullet":
            return self.styles.ppr("ListBullet"), None, True
        ppr = self.styles.ppr("ListBullet", "ListParagraph")
        if ppr is None:  # (an element's truth is its number of children: never `or`)
            ppr = etree.Element(w("pPr"))
        numpr = etree.SubElement(ppr, w("numPr"))
        etree.SubElement(numpr, w("ilvl")).set(w("val"), "0")
        etree.SubElement(numpr, w("numId")).set(w("val"), self.numbering.bullet_num())
        return ppr, None, True

    def _is_top_bullet(self, block: Block) -> bool:
        if block.kind is not BlockKind.LIST_ITEM or block.zone is not Zone.BODY:
            return False
        level = self.numbering.level_of(self._para(block).p)
        return level is not None and level.level == 0 and level.format == "bullet"

    # -- edits -----------------------------------------------------------------------
    def _replace_block(
        self, block: Block, edits: list[Edit], marks: dict[int, list[etree._Element]], result: WriteResult
    ) -> None:
        para = self._para(block)
        for edit in sorted(edits, key=lambda e: e.start, reverse=True):
            try:
                marks[edit.number] = replace_text(para.p, edit.start, edit.end, edit.new, self.ctx, para.fields)
            except EditError as exc:
                result.failed.append((edit, str(exc)))
        self.pkg.mark_modified(para.part)

    def _units(self, result: WriteResult) -> dict[int, Unit]:
        """Write every whole-unit edit; a refused unit is left for a person, untouched."""
        units: dict[int, Unit] = {}
        for edit in self.plan.edits:
            if edit.kind != "unit":
                continue
            try:
                units[edit.number] = replace_unit(self.doc, edit, lambda b: self._para(b).p, self._template, self.ctx)
            except EditError as exc:
                result.failed.append((edit, str(exc)))
                continue
            old, _, new = units[edit.number]
            self.cursor[story_child(old[-1])] = new[-1] if new else old[-1]
            self.pkg.mark_modified(self._para(self.doc.blocks[edit.block]).part)
        return units

    def _gaps(self) -> list[_Gap]:
        """Insertions grouped by the place they go, so each place is filled once."""
        gaps: dict[tuple[etree._Element, etree._Element | None], _Gap] = {}
        for edit in self.plan.edits:
            if edit.kind != "insert":
                continue
            target = story_child(self._para(self.doc.blocks[edit.block]).p)
            key: tuple[etree._Element, etree._Element | None]
            if edit.position == "before":
                target = before_page_break(target)
                key = (parent_of(target), target)
                gap = gaps.setdefault(key, _Gap(target, "before"))
            else:
                target = self.cursor.get(target, target)
                key = (parent_of(target), block_sibling(target, "next"))
                gap = gaps.setdefault(key, _Gap(target, "after"))
                if gap.side == "before":  # an earlier edit put text before the next block: follow it
                    gap.anchor, gap.side = target, "after"
            gap.edits.append(edit)
        return list(gaps.values())

    def _fill(self, gap: _Gap, inserted: dict[int, list[etree._Element]]) -> None:
        new: list[etree._Element] = []
        before = gap.previous
        for edit in gap.edits:
            block = self.doc.blocks[edit.block]
            ps = []
            for para in edit.paragraphs:
                ppr, rpr, numbered = self._template(block, para, before)
                p = inserted_paragraph(para.text, ppr, rpr, self.ctx, keep_numbering=numbered)
                ps.append(p)
                before = p if para.kind == "bullet" else None
            inserted[edit.number] = ps
            new.extend(ps)
        insert_paragraphs(gap.anchor, gap.side, new, self.ctx)
        self.pkg.mark_modified(self._para(self.doc.blocks[gap.edits[0].block]).part)

    def _comment(
        self,
        edit: Edit,
        marks: dict[int, list[etree._Element]],
        inserted: dict[int, list[etree._Element]],
        units: dict[int, Unit],
        result: WriteResult,
    ) -> None:
        block = self.doc.blocks[edit.block]
        if block.part == "body" and not (edit.kind != "insert" and vertical_text(self._para(block).p)):
            cid = self.comments.add(comment_text(edit, self.rules))
            if edit.kind == "replace":
                anchor_span(cid, marks[edit.number][0], marks[edit.number][-1])
            elif edit.kind == "unit":
                anchor_unit(cid, *units[edit.number])
            else:
                anchor_inserted(cid, inserted[edit.number][0])
            return
        reference = self._note_reference(block) if block.part in ("footnote", "endnote") else None
        if reference is not None:
            lead = f"Change {edit.number} is in this {block.part}: '{edit.old}' -> '{edit.new}'."
            cid = self.comments.add([lead, *comment_text(edit, self.rules)])
            holder = next((a for a in reference.iterancestors() if a.tag == w("p")), None)
            if holder is not None:
                anchor_citing_paragraph(cid, holder, reference)
            else:
                anchor_span(cid, reference, reference)
            self.pkg.mark_modified(self.pkg.main_part)
            return
        # Word cannot hold comments in headers and footers (nor LibreOffice in notes):
        # explain the change in a comment on the document's first paragraph instead.
        first = next((b for b in self.doc.blocks if self._free_body(b)), None)
        if first is None:
            return
        result.uncommented.append(edit)
        where = {"header": "page header", "footer": "page footer", "body": "paragraph with vertical text"}.get(
            block.part, block.part
        )
        lead = f"Change {edit.number} is in the {where}: '{edit.old}' -> '{edit.new}'."
        cid = self.comments.add([lead, *comment_text(edit, self.rules)])
        anchor_whole_paragraph(cid, self._para(first).p)
        self.pkg.mark_modified(self._para(first).part)

    def _note_reference(self, block: Block) -> etree._Element | None:
        """The body run that references the footnote or endnote holding `block`."""
        note = next((a for a in self._para(block).p.iterancestors() if a.tag == w(block.part)), None)
        nid = note.get(w("id")) if note is not None else None
        if nid is None:
            return None
        tag = w(f"{block.part}Reference")
        ref = next((el for el in self.pkg.xml(self.pkg.main_part).iter(tag) if el.get(w("id")) == nid), None)
        run = ref.getparent() if ref is not None else None
        return run if run is not None and run.tag == w("r") else None

    def write(self) -> WriteResult:
        result = WriteResult(data=b"", written=[])
        marks: dict[int, list[etree._Element]] = {}
        inserted: dict[int, list[etree._Element]] = {}
        by_block: dict[int, list[Edit]] = defaultdict(list)
        for edit in self.plan.edits:
            if edit.kind == "replace":
                by_block[edit.block].append(edit)
        for index in sorted(by_block):
            self._replace_block(self.doc.blocks[index], by_block[index], marks, result)
        units = self._units(result)
        for gap in self._gaps():
            self._fill(gap, inserted)
        failed = {e.number for e, _ in result.failed}
        for edit in self.plan.edits:
            if edit.number in failed:
                continue
            result.written.append(edit)
            self._comment(edit, marks, inserted, units, result)
        result.comments = self.comments.added
        result.parts = sorted(self.pkg.modified)
        result.data = self.pkg.to_bytes()
        return result


def write_docx(doc: Document, plan: EditPlan, rules: Mapping[str, Rule], *, author: str, date: str) -> WriteResult:
    """Apply `plan` to the document's package and return the new .docx bytes."""
    return DocxWriter(doc, plan, rules, author, date).write()


def apply_docx(doc: Document, plan: EditPlan, rules: Mapping[str, Rule], *, author: str, date: str) -> Applied:
    """The format table's writer: the redline as bytes, with what could not be tracked."""
    result = write_docx(doc, plan, rules, author=author, date=date)
    return Applied(document=result.data, failed=result.failed, uncommented=result.uncommented)
