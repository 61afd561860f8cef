"""Accept All / Reject All in pure lxml, to check a redline without a word processor.

Used by the tests (Reject All must give back the original text, Accept All the planned
text) and available to callers that want the clean text of a redline. Covers what Word
and this tool write: run-level insertions and deletions, moves, inserted or deleted
paragraph marks (Word's way: the text before a removed mark joins the next paragraph,
which keeps its own properties), and formatting changes (Accept keeps the new
properties, Reject puts the recorded old ones back).
"""

from __future__ import annotations

import io
import zipfile
from typing import Literal

from lxml import etree

from wttsc_policy.ooxml.elements import find_child
from wttsc_policy.ooxml.package import W_NS, parent_of, safe_parser, w

Mode = Literal["accept", "reject"]

_INS, _DEL, _MOVE_TO, _MOVE_FROM = w("ins"), w("del"), w("moveTo"), w("moveFrom")
_RPR, _PPR, _P = w("rPr"), w("pPr"), w("p")
_FORMAT_CHANGES = {
    w("rPrChange"),
    w("pPrChange"),
    w("sectPrChange"),
    w("tblPrChange"),
    w("trPrChange"),
    w("tcPrChange"),
    w("numberingChange"),
}
_RANGE_MARKS = {w("moveFromRangeStart"), w("moveFromRangeEnd"), w("moveToRangeStart"), w("moveToRangeEnd")}


def _unwrap(el: etree._Element) -> None:
    parent = parent_of(el)
    index = parent.index(el)
    for offset, child in enumerate(list(el)):
        parent.insert(index + offset, child)
    parent.remove(el)


def _merge_with_next(p: etree._Element) -> None:
    """Remove `p`'s paragraph mark: its content joins the start of the next paragraph."""
    nxt = p.getnext()
    while nxt is not None and nxt.tag != _P:
        nxt = nxt.getnext() if nxt.tag in _RANGE_MARKS or not isinstance(nxt.tag, str) else None
    content = [c for c in p if c.tag != _PPR]
    if nxt is None:
        return  # the last paragraph of a story keeps its mark
    ppr = find_child(nxt, _PPR)
    position = 1 if ppr is not None else 0
    for offset, child in enumerate(content):
        nxt.insert(position + offset, child)
    parent_of(p).remove(p)


_KEPT_ON_RESTORE = {w("rPr"), w("sectPr"), w("pPrChange"), w("rPrChange"), _INS, _DEL, _MOVE_TO, _MOVE_FROM}


def _restore(change: etree._Element) -> None:
    """Reject a formatting change: its properties element gets the recorded old ones back
    (paragraph-mark formatting, section and revision records stay where they are)."""
    props = parent_of(change)
    old = change.find(w("pPr") if change.tag == w("pPrChange") else w("rPr"))
    for child in list(props):
        if child.tag not in _KEPT_ON_RESTORE:
            props.remove(child)
    start = sum(1 for child in props if child.tag in (_INS, _DEL, _MOVE_TO, _MOVE_FROM))  # they come first
    for offset, child in enumerate(list(old) if old is not None else []):
        props.insert(start + offset, child)


def resolve(root: etree._Element, mode: Mode) -> etree._Element:
    """Accept or reject every tracked change in one XML part, in place."""
    keep, drop = ((_INS, _MOVE_TO), (_DEL, _MOVE_FROM)) if mode == "accept" else ((_DEL, _MOVE_FROM), (_INS, _MOVE_TO))
    merge: list[etree._Element] = []
    for el in list(root.iter(_INS, _DEL, _MOVE_TO, _MOVE_FROM)):
        parent = el.getparent()
        if parent is None:
            continue
        if parent.tag == _RPR:  # a paragraph mark (or table row) revision
            grand = parent.getparent()
            if el.tag in drop and grand is not None and grand.tag == _PPR:
                merge.append(parent_of(grand))
            parent.remove(el)
        elif el.tag in drop:
            parent.remove(el)
        elif el.tag in keep:
            if mode == "reject":
                for text in el.iter(w("delText")):
                    text.tag = w("t")
                for text in el.iter(w("delInstrText")):
                    text.tag = w("instrText")
            _unwrap(el)
    for el in list(root.iter(*_FORMAT_CHANGES)):
        if mode == "reject" and el.tag in (w("pPrChange"), w("rPrChange")):
            _restore(el)
        parent_of(el).remove(el)
    for el in list(root.iter(*_RANGE_MARKS)):
        parent_of(el).remove(el)
    for p in merge:
        if p.getparent() is not None:
            _merge_with_next(p)
    return root


def resolve_docx(data: bytes, mode: Mode) -> bytes:
    """A copy of a .docx with every tracked change accepted or rejected."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename.endswith(".xml") and W_NS.encode() in blob:
                root = etree.fromstring(blob, safe_parser())
                blob = etree.tostring(resolve(root, mode), xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info, blob)
    return out.getvalue()
