"""Writing genuine tracked changes (`w:ins` / `w:del`) into WordprocessingML with lxml.

Kept apart from the planner and the writer: this module knows runs, revision marks and
ids, nothing about rules. A replacement splits runs only where the edit starts and ends
(each piece keeps a copy of the run's `w:rPr`), wraps the old runs in `w:del` with their
text moved to `w:delText`, and adds a `w:ins` run formatted like the first deleted
character. New paragraphs are paragraphs.py's.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime

from lxml import etree

from wttsc_policy.ooxml.elements import find_child
from wttsc_policy.ooxml.ids import used_ids
from wttsc_policy.ooxml.package import DocxPackage, parent_of, w
from wttsc_policy.ooxml.textmap import FieldStack, paragraph_text
from wttsc_policy.records import field, record

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_ID = w("id")
_R, _T, _RPR, _PPR = w("r"), w("t"), w("rPr"), w("pPr")
# Elements inside a w:rPr / w:pPr that record an earlier revision: never copied.
_REVISION_MARKS = {w("ins"), w("del"), w("rPrChange"), w("pPrChange"), w("moveFrom"), w("moveTo")}


class EditError(Exception):
    """The requested span cannot be edited safely (the writer turns it into 'edit by hand')."""


def format_date(moment: datetime) -> str:
    """The `w:date` form Word writes: UTC, whole seconds, trailing Z."""
    return moment.astimezone(UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


# Word reads w:id as a signed 32-bit number; some documents already use ids near the top.
MAX_ID = 2**31 - 1


class IdAllocator:
    """Fresh `w:id` values, above every id already used in any XML part of the package.

    Revision, comment and bookmark ids are separate spaces in the standard, but some
    consumers treat them as one; staying above all of them is always safe. When the ids
    above the largest run out (past 2**31 - 1), the smallest unused ones are taken
    instead, so an id is never repeated and never overflows.
    """

    def __init__(self, pkg: DocxPackage | None = None, start: int = 0) -> None:
        self.used: set[int] = used_ids(pkg) if pkg is not None else set()
        highest = max([start - 1, *self.used])
        self._next = highest + 1
        self._gap = 0

    def next(self) -> int:
        if self._next <= MAX_ID:
            value = self._next
            self._next += 1
            return value
        while self._gap in self.used:
            self._gap += 1
        if self._gap > MAX_ID:
            raise EditError("the document uses every revision id there is")
        value = self._gap
        self.used.add(value)
        return value


@record
class RevisionContext:
    """Who and when for every mark written in one run of the tool."""

    author: str
    date: str  # already formatted, see format_date
    ids: IdAllocator = field(default_factory=IdAllocator)

    def mark(self, tag: str) -> etree._Element:
        el = etree.Element(w(tag))
        el.set(_ID, str(self.ids.next()))
        el.set(w("author"), self.author)
        el.set(w("date"), self.date)
        return el


def clean_rpr(rpr: etree._Element | None) -> etree._Element | None:
    """A copy of a run's properties without earlier revision records."""
    if rpr is None:
        return None
    out = copy.deepcopy(rpr)
    for child in list(out):
        if child.tag in _REVISION_MARKS:
            out.remove(child)
    return out


def text_element(tag: str, text: str) -> etree._Element:
    """A `w:t` / `w:delText` holding `text`, preserving its spaces."""
    el = etree.Element(w(tag))
    el.text = text
    if text != text.strip() or "  " in text:
        el.set(XML_SPACE, "preserve")
    return el


def new_run(text: str, rpr: etree._Element | None) -> etree._Element:
    r = etree.Element(_R)
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    r.append(text_element("t", text))
    return r


def _copy_run_shell(run: etree._Element, ctx: RevisionContext) -> etree._Element:
    """An empty run with a copy of `run`'s properties (earlier revision records get new ids)."""
    shell = etree.Element(_R, attrib={str(k): str(v) for k, v in run.attrib.items()})
    rpr = find_child(run, _RPR)
    if rpr is not None:
        dup = copy.deepcopy(rpr)
        for el in dup.iter():
            if isinstance(el.tag, str) and el.get(_ID) is not None:
                el.set(_ID, str(ctx.ids.next()))
        shell.append(dup)
    return shell


def _split_run(
    run: etree._Element, offsets: dict[etree._Element, tuple[int, int]], start: int, end: int, ctx: RevisionContext
) -> etree._Element | None:
    """Split `run` into before / middle / after runs around paragraph offsets [start, end).

    `offsets` maps each text child element of the run to its (start, end) paragraph offsets;
    children without text stay beside their neighbour. Returns the middle run (now in the
    tree), or None when the run has no text in range.
    """
    sides: list[list[etree._Element]] = [[], [], []]
    side = 0
    for child in list(run):
        if child.tag == _RPR:
            continue
        span = offsets.get(child)
        if span is None:
            sides[side].append(child)
            continue
        c_start, c_end = span
        if c_end <= start:
            side = 0
            sides[0].append(child)
        elif c_start >= end:
            side = 2
            sides[2].append(child)
        elif child.tag != _T:
            side = 1
            sides[1].append(child)
        else:
            text = child.text or ""
            a = max(start - c_start, 0)
            b = min(end - c_start, len(text))
            if a == 0 and b == len(text):
                sides[1].append(child)
                side = 1
                continue
            if a > 0:
                sides[0].append(text_element("t", text[:a]))
            sides[1].append(text_element("t", text[a:b]))
            side = 1
            if b < len(text):
                sides[2].append(text_element("t", text[b:]))
                side = 2
    if not sides[1]:
        return None
    if not sides[0] and not sides[2]:
        return run  # the whole run is in range: nothing to split
    parent = parent_of(run)
    position = parent.index(run)
    built: list[etree._Element] = []
    middle = None
    for i, children in enumerate(sides):
        if not children:
            continue
        if not built:
            # the first piece keeps the run's own properties; later ones get copies
            piece = etree.Element(_R, attrib={str(k): str(v) for k, v in run.attrib.items()})
            rpr = find_child(run, _RPR)
            if rpr is not None:
                piece.append(copy.deepcopy(rpr))
        else:
            piece = _copy_run_shell(run, ctx)
        for child in children:
            piece.append(child)
        built.append(piece)
        if i == 1:
            middle = piece
    parent.remove(run)
    for offset, piece in enumerate(built):
        parent.insert(position + offset, piece)
    return middle


def isolate(
    p: etree._Element, start: int, end: int, ctx: RevisionContext, fields: FieldStack | None = None
) -> list[etree._Element]:
    """Split runs so paragraph characters [start, end) are exactly a list of whole runs.

    `fields` are the complex fields open where the paragraph starts (read/docx keeps
    them). Raises EditError when the range is not plain editable text (fields, content
    controls, existing revisions, text boxes, frames are left for a person).
    """
    pt = paragraph_text(p, fields.copy() if fields is not None else None)
    if start >= end or not pt.editable_range(start, end):
        raise EditError("the text sits inside a field, content control or existing tracked change")
    runs: list[etree._Element] = []
    offsets: dict[etree._Element, dict[etree._Element, tuple[int, int]]] = {}
    for piece in pt.pieces:
        offsets.setdefault(piece.run, {})[piece.node] = (piece.start, piece.end)
        if piece.end > start and piece.start < end and piece.run not in runs:
            runs.append(piece.run)
    middles = []
    for run in runs:
        middle = _split_run(run, offsets[run], start, end, ctx)
        if middle is not None:
            middles.append(middle)
    return middles


def _groups(runs: list[etree._Element]) -> list[list[etree._Element]]:
    """Consecutive sibling runs, grouped so each group can be wrapped by one mark."""
    groups: list[list[etree._Element]] = []
    for run in runs:
        if groups and groups[-1][-1].getnext() is run:
            groups[-1].append(run)
        else:
            groups.append([run])
    return groups


def _wrap(group: list[etree._Element], mark: etree._Element) -> etree._Element:
    parent = parent_of(group[0])
    parent.insert(parent.index(group[0]), mark)
    for run in group:
        mark.append(run)
    return mark


def delete_runs(runs: list[etree._Element], ctx: RevisionContext) -> list[etree._Element]:
    """Wrap runs in `w:del` marks, turning their `w:t` into `w:delText`."""
    marks = []
    for group in _groups(runs):
        for run in group:
            for t in run.findall(_T):
                t.tag = w("delText")
                if t.text and (t.text != t.text.strip() or "  " in t.text):
                    t.set(XML_SPACE, "preserve")
        marks.append(_wrap(group, ctx.mark("del")))
    return marks


def replace_text(
    p: etree._Element, start: int, end: int, new: str, ctx: RevisionContext, fields: FieldStack | None = None
) -> list[etree._Element]:
    """Track the replacement of paragraph characters [start, end) by `new`.

    Returns the marks written, in document order (for anchoring a comment).
    """
    runs = isolate(p, start, end, ctx, fields)
    if not runs:
        raise EditError("nothing to replace")
    rpr = clean_rpr(runs[0].find(_RPR))
    marks = delete_runs(runs, ctx)
    if new:
        ins = ctx.mark("ins")
        ins.append(new_run(new, rpr))
        marks[0].addnext(ins)
        marks.insert(1, ins)
    return marks
