"""Apply an EditPlan to a .docx package: tracked changes plus one comment per change.

The document's package (opened by the reader) is edited in place and serialised; only
the parts that hold an edit, and the comments part / relationships / content types when
comments are added, are re-written. Everything else goes back byte for byte.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from lxml import etree

from wttsc_policy.apply import Applied
from wttsc_policy.apply.docx_units import anchor_unit, replace_unit
from wttsc_policy.document import Block, BlockKind, Document, Zone
from wttsc_policy.findings import Finding
from wttsc_policy.ooxml.comments import Comments, anchor_paragraphs, anchor_span, anchor_whole_paragraph
from wttsc_policy.ooxml.package import DocxPackage, w
from wttsc_policy.ooxml.revisions import (
    EditError,
    IdAllocator,
    RevisionContext,
    clean_rpr,
    inserted_paragraph,
    mark_paragraph_inserted,
    replace_text,
)
from wttsc_policy.plan.model import Edit, EditPlan, NewParagraph
from wttsc_policy.read.docx import DocxParagraph, DocxSource, docx_source
from wttsc_policy.rulepacks.schema import Rule

_STORY_ROOTS = {w("body"), w("hdr"), w("ftr")}


@dataclass
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


def _story_child(p: etree._Element) -> etree._Element:
    """The ancestor of `p` that is a direct child of the body / header / footer."""
    el = p
    parent = el.getparent()
    while parent is not None and parent.tag not in _STORY_ROOTS:
        el, parent = parent, parent.getparent()
    return el


def _main_rpr(p: etree._Element) -> etree._Element | None:
    """The run properties covering most of a paragraph's text (its typical formatting)."""
    best, best_len = None, -1
    for r in p.iter(w("r")):
        n = sum(len(t.text or "") for t in r.findall(w("t")))
        if n > best_len:
            best, best_len = r, n
    if best is None:
        return None
    rpr = clean_rpr(best.find(w("rPr")))
    if rpr is not None:
        style = rpr.find(w("rStyle"))
        if style is not None and "hyperlink" in (style.get(w("val")) or "").lower():
            rpr.remove(style)
    return rpr


def _before_page_break(target: etree._Element) -> etree._Element:
    """Step back over empty paragraphs that only break the page before `target`, so a new
    section ends the previous page instead of starting the appendix page."""
    prev = target.getprevious()
    while (
        prev is not None
        and prev.tag == w("p")
        and not "".join(t.text or "" for t in prev.iter(w("t"))).strip()
        and any(br.get(w("type")) == "page" for br in prev.iter(w("br")))
        and prev.find(f"{w('pPr')}/{w('sectPr')}") is None
    ):
        target, prev = prev, prev.getprevious()
    return target


def _ends_story(el: etree._Element) -> bool:
    """True when no paragraph or table follows `el` in its story (only section properties)."""
    return el.tag == w("p") and not any(
        sib.tag in (w("p"), w("tbl"), w("sdt"), w("customXml")) for sib in el.itersiblings()
    )


def _hand_over_final_mark(last_original: etree._Element, last_new: etree._Element, ctx: RevisionContext) -> None:
    """Text added after the story's final paragraph, the way Word records it.

    The story's last paragraph mark cannot be removed, so Reject All would leave an empty
    paragraph. Instead the original paragraph's mark is recorded as inserted and its
    original properties move to the last new paragraph: rejecting joins the original text
    onto that mark, which is exactly the original paragraph again.
    """
    original = last_original.find(w("pPr"))
    kept = copy.deepcopy(original) if original is not None else None
    mark_paragraph_inserted(last_original, ctx)
    ppr = last_new.find(w("pPr"))
    if ppr is not None:
        last_new.remove(ppr)
    if kept is not None:
        last_new.insert(0, kept)


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
        self.comments = Comments(self.pkg, self.ctx)
        # anchor element -> last paragraph inserted after it (keyed by the element itself: an
        # lxml proxy stays the same object only while a reference to it is held)
        self.cursor: dict[etree._Element, etree._Element] = {}

    def _para(self, block: Block) -> DocxParagraph:
        return self.source.paragraphs[block.index]

    # -- templates for new paragraphs ---------------------------------------------
    def _near(self, anchor: Block, ok: Callable[[Block], bool]) -> Block | None:
        blocks = [b for b in self.doc.blocks if b.part == "body" and b.editable]
        before = [b for b in blocks if b.index <= anchor.index and ok(b)]
        if before:
            return before[-1]
        after = [b for b in blocks if b.index > anchor.index and ok(b)]
        return after[0] if after else None

    def _template(self, anchor: Block, para: NewParagraph) -> tuple[etree._Element | None, etree._Element | None, bool]:
        """(pPr to copy, rPr for the text, keep numbering) for a new paragraph."""
        if para.like is not None:  # joins the list of that block: its style and numbering
            src_p = self._para(self.doc.blocks[para.like]).p
            return src_p.find(w("pPr")), _main_rpr(src_p), True
        if para.kind == "heading":
            src = self._near(
                anchor, lambda b: b.kind is BlockKind.HEADING and b.level == para.level and b.table is None
            )
            if src is not None:
                return self._para(src).p.find(w("pPr")), _main_rpr(self._para(src).p), True
            return self.styles.ppr(f"Heading{para.level}", f"heading{para.level}"), None, False
        if para.kind == "bullet":
            src = self._near(
                anchor, lambda b: b.kind is BlockKind.LIST_ITEM and b.table is None and b.zone is Zone.BODY
            )
            if src is not None:
                return self._para(src).p.find(w("pPr")), _main_rpr(self._para(src).p), True
            ppr = self.styles.ppr("ListBullet", "ListParagraph")
            if ppr is not None:
                return ppr, None, False
        src = self._near(anchor, lambda b: b.kind is BlockKind.PARAGRAPH and b.table is None and b.zone is Zone.BODY)
        if src is not None:
            return self._para(src).p.find(w("pPr")), _main_rpr(self._para(src).p), False
        return None, None, False

    # -- edits -----------------------------------------------------------------------
    def _replace_block(
        self, block: Block, edits: list[Edit], marks: dict[int, list[etree._Element]], result: WriteResult
    ) -> None:
        p = self._para(block).p
        for edit in sorted(edits, key=lambda e: e.start, reverse=True):
            try:
                marks[edit.number] = replace_text(p, edit.start, edit.end, edit.new, self.ctx)
            except EditError as exc:
                result.failed.append((edit, str(exc)))
        self.pkg.mark_modified(self._para(block).part)

    def _insert(self, edit: Edit) -> list[etree._Element]:
        block = self.doc.blocks[edit.block]
        target = _story_child(self._para(block).p)
        new = []
        for para in edit.paragraphs:
            ppr, rpr, numbered = self._template(block, para)
            new.append(inserted_paragraph(para.text, ppr, rpr, self.ctx, keep_numbering=numbered))
        if edit.position == "before":
            target = _before_page_break(target)
            for p in new:
                target.addprevious(p)
        else:
            after = self.cursor.get(target, target)
            if _ends_story(after):
                _hand_over_final_mark(after, new[-1], self.ctx)
            for p in new:
                after.addnext(p)
                after = p
            self.cursor[target] = after
        self.pkg.mark_modified(self._para(block).part)
        return new

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
        units: dict[int, tuple[list[etree._Element], list[etree._Element], list[etree._Element]]] = {}
        for edit in self.plan.edits:
            if edit.kind == "unit":
                try:
                    units[edit.number] = replace_unit(
                        self.doc, edit, lambda b: self._para(b).p, self._template, self.ctx
                    )
                except EditError as exc:
                    result.failed.append((edit, str(exc)))
                    continue
                old, _, new = units[edit.number]
                self.cursor[_story_child(old[-1])] = new[-1] if new else old[-1]
                self.pkg.mark_modified(self._para(self.doc.blocks[edit.block]).part)
        for edit in self.plan.edits:
            if edit.kind == "insert":
                inserted[edit.number] = self._insert(edit)
        failed = {e.number for e, _ in result.failed}
        for edit in self.plan.edits:
            if edit.number in failed:
                continue
            result.written.append(edit)
            block = self.doc.blocks[edit.block]
            if block.part != "body":
                # Word cannot hold comments in headers and footers: explain the change in a
                # comment on the document's first paragraph instead.
                first = next((b for b in self.doc.blocks if b.part == "body" and b.editable), None)
                if first is None:
                    continue
                result.uncommented.append(edit)
                lead = f"Change {edit.number} is in the page {block.part}: '{edit.old}' -> '{edit.new}'."
                cid = self.comments.add([lead, *comment_text(edit, self.rules)])
                anchor_whole_paragraph(cid, self._para(first).p)
                continue
            cid = self.comments.add(comment_text(edit, self.rules))
            if edit.kind == "replace":
                anchor_span(cid, marks[edit.number][0], marks[edit.number][-1])
            elif edit.kind == "unit":
                anchor_unit(cid, *units[edit.number])
            else:
                anchor_paragraphs(cid, inserted[edit.number][0], inserted[edit.number][-1])
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
