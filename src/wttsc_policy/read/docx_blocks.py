"""How a Word paragraph becomes a block: its kind and heading level, and its locks.

A heading is a paragraph whose style (through `basedOn`) is a heading or has an outline
level, or a short all-bold line typed as one; a list item has numbering or a list style.
Every stretch the tool must not edit gets a format-neutral lock with its reason (see
ooxml/places.py for where text lives and why it is restricted).
"""

from __future__ import annotations

from lxml import etree

from wttsc_policy.document import BlockKind, Lock, LockReason
from wttsc_policy.ooxml.elements import find_child
from wttsc_policy.ooxml.package import w
from wttsc_policy.ooxml.places import Lockout, Restriction
from wttsc_policy.ooxml.styles import Styles
from wttsc_policy.ooxml.textmap import ParagraphText
from wttsc_policy.regexcode import compile_regex

_PPR, _PSTYLE, _VAL, _OUTLINE, _NUMPR = w("pPr"), w("pStyle"), w("val"), w("outlineLvl"), w("numPr")
_R, _T, _RPR, _B = w("r"), w("t"), w("rPr"), w("b")
_NUMBERED = compile_regex(r"^\s*(\d+(?:\.\d+)*)[.)]?\s+\S")
CONTENTS_FIELDS = {"TOC", "TOA", "INDEX"}
_REASONS = {
    Restriction.TEXT_BOX: LockReason.TEXT_BOX,
    Restriction.FRAME: LockReason.FRAME,
    Restriction.FLOATING_TABLE: LockReason.FLOATING_TABLE,
    Restriction.CONTENT_CONTROL: LockReason.CONTENT_CONTROL,
    Restriction.REVISION: LockReason.TRACKED_CHANGE,
    Restriction.FIELD: LockReason.FIELD,
    Restriction.BREAK: LockReason.BREAK,
}


def lock_of(lockout: Lockout, start: int, end: int) -> Lock:
    """The format-neutral lock for a restricted stretch of text."""
    if lockout.restriction is Restriction.FIELD and lockout.detail in CONTENTS_FIELDS:
        return Lock(start, end, LockReason.CONTENTS)
    detail = lockout.detail if lockout.restriction in (Restriction.FIELD, Restriction.REVISION) else None
    return Lock(start, end, _REASONS[lockout.restriction], detail)


def paragraph_locks(pt: ParagraphText) -> tuple[Lock, ...]:
    """Block-text ranges of a paragraph the tool must not edit, with the reason for each.

    A text box locks the whole block (even where it has no text); otherwise every piece
    of the text map that is not plain editable text is a lock.
    """
    locks: list[Lock] = []
    for piece in pt.pieces:
        if piece.lockout is None:
            continue
        lock = lock_of(piece.lockout, piece.start, piece.end)
        last = locks[-1] if locks else None
        if last is not None and last.end == piece.start and (last.reason, last.detail) == (lock.reason, lock.detail):
            locks[-1] = Lock(last.start, piece.end, lock.reason, lock.detail)
        else:
            locks.append(lock)
    if any(lock.reason is LockReason.TEXT_BOX for lock in locks):
        return (Lock(0, max(len(pt.text), 1), LockReason.TEXT_BOX),)
    return tuple(locks)


def _style_id(ppr: etree._Element | None) -> str | None:
    """The paragraph style named in a paragraph's `w:pPr` (looked up once per paragraph)."""
    if ppr is None:
        return None
    ps = find_child(ppr, _PSTYLE)
    return ps.get(_VAL) if ps is not None else None


def _direct_outline(ppr: etree._Element | None) -> int | None:
    if ppr is None:
        return None
    ol = find_child(ppr, _OUTLINE)
    value = ol.get(_VAL) if ol is not None else None
    if value is not None and value.isdigit():
        v = int(value)
        return v + 1 if v < 9 else None
    return None


def _has_numpr(ppr: etree._Element | None) -> bool:
    return ppr is not None and find_child(ppr, _NUMPR) is not None


def _all_bold(p: etree._Element) -> bool:
    """A short paragraph whose runs are all bold: a heading typed by hand."""
    runs = list(p.iterchildren(_R))  # p.findall(_R) without lxml's path parser
    if not runs:
        return False
    for r in runs:
        if not "".join(t.text or "" for t in r.iter(_T)).strip():
            continue
        rpr = find_child(r, _RPR)
        b = find_child(rpr, _B) if rpr is not None else None
        if b is None or b.get(_VAL) in ("0", "false"):
            return False
    return True


def kind_and_level(
    styles: Styles, p: etree._Element, text: str, body: bool, plain: bool, table: object
) -> tuple[BlockKind, int]:
    ppr = find_child(p, _PPR)
    sid = _style_id(ppr)
    level = 0
    if body and table is None and plain:
        level = styles.heading_level(sid) or (_direct_outline(ppr) or 0)
        stripped = text.strip()
        if (
            not level
            and stripped
            and len(stripped) < 90
            and not stripped.endswith((".", ",", ";", ":"))
            and _all_bold(p)
        ):
            m = _NUMBERED.match(stripped)
            level = min(m.group(1).count(".") + 1, 6) if m else 3
    if level:
        return BlockKind.HEADING, level
    if table is not None:
        return BlockKind.TABLE_CELL, 0
    if _has_numpr(ppr) or styles.is_list(sid):
        return BlockKind.LIST_ITEM, 0
    return BlockKind.PARAGRAPH, 0
