"""What the reader makes of one paragraph: its locks, and its text without the character
map when it is only runs of plain text.

Most paragraphs of a real policy are just that; building the full character map
(ooxml/textmap.py) for each costs time and memory the reader does not need. Anything
that makes a paragraph's text more than its runs' `w:t` text, or locks part of it,
sends the paragraph to the full map instead.
"""

from __future__ import annotations

from lxml import etree

from wttsc_policy.document import Lock, LockReason
from wttsc_policy.ooxml.package import w
from wttsc_policy.ooxml.textmap import ParagraphText

_R, _T, _TAB_STOP, _SDT = w("r"), w("t"), w("tab"), w("sdt")
_REVISED = {w("ins"), w("moveTo")}
# Anything in a paragraph that makes its text more than its runs' w:t text, or locks part
# of it: such paragraphs go through the full character map (ooxml/textmap.py).
_SPECIAL = (
    *(
        w(tag)
        for tag in (
            "fldChar", "fldSimple", "sdt", "ins", "del", "moveTo", "moveFrom", "tab", "br", "cr", "noBreakHyphen",
            "softHyphen", "drawing", "pict", "object", "commentRangeStart", "txbxContent",
        )
    ),
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent",
)  # fmt: skip
_TABS = w("tabs")
_PASS_THROUGH = {w("hyperlink"), w("smartTag"), w("customXml"), w("bdo"), w("dir")}


def plain_text(p: etree._Element) -> str | None:
    """The text of a paragraph that is only runs of plain text (the common case), without
    building its character map; None when it holds anything else. Gives exactly
    paragraph_text(p).text, with no locks, comments or text boxes."""
    for el in p.iter(*_SPECIAL):
        parent = el.getparent()
        if el.tag == _TAB_STOP and parent is not None and parent.tag == _TABS:  # a tab stop in pPr
            continue
        return None
    parts: list[str] = []
    for t in p.iter(_T):
        run = t.getparent()
        if run is None or run.tag != _R:
            return None
        above = run.getparent()
        while above is not p:
            if above is None or above.tag not in _PASS_THROUGH:
                return None
            above = above.getparent()
        parts.append(t.text or "")
    return "".join(parts)


def paragraph_locks(pt: ParagraphText, in_textbox: bool) -> tuple[Lock, ...]:
    """Block-text ranges of a paragraph the tool must not edit, with the reason for each.

    A text box locks the whole block; otherwise every piece of the text map that is not
    plain editable text (a tab, break or special hyphen; a field result; a content
    control; text inside someone else's tracked change) is a lock.
    """
    if in_textbox:
        return (Lock(0, max(len(pt.text), 1), LockReason.TEXT_BOX),)
    locks: list[Lock] = []
    for piece in pt.pieces:
        if piece.kind != "t":
            reason = LockReason.BREAK
        elif piece.editable:
            continue
        else:
            tags = {a.tag for a in piece.run.iterancestors()}
            if tags & _REVISED:
                reason = LockReason.TRACKED_CHANGE
            elif _SDT in tags:
                reason = LockReason.CONTENT_CONTROL
            else:
                reason = LockReason.FIELD
        if locks and locks[-1].end == piece.start and locks[-1].reason is reason:
            locks[-1] = Lock(locks[-1].start, piece.end, reason)
        else:
            locks.append(Lock(piece.start, piece.end, reason))
    return tuple(locks)
