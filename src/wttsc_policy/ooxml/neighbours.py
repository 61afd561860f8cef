"""A new paragraph's neighbours: the story-level block around an element, the blocks before
and after it, where a new section goes before a page break, and the run formatting a
neighbour's text mostly has (which new text copies)."""

from __future__ import annotations

import copy
from typing import Literal

from lxml import etree

from wttsc_policy.ooxml.elements import find_child
from wttsc_policy.ooxml.package import w

BLOCKS = {w("p"), w("tbl"), w("sdt"), w("customXml"), w("altChunk")}
_STORY_ROOTS = {w("body"), w("hdr"), w("ftr")}
# Run properties that would hide new text.
_HIDDEN = {w("vanish"), w("specVanish"), w("webHidden")}
_REVISIONS = {w("ins"), w("del"), w("moveFrom"), w("moveTo"), w("rPrChange"), w("pPrChange")}


def story_child(p: etree._Element) -> etree._Element:
    """The ancestor of `p` that is a direct child of the body / header / footer."""
    el = p
    parent = el.getparent()
    while parent is not None and parent.tag not in _STORY_ROOTS:
        el, parent = parent, parent.getparent()
    return el


def block_sibling(el: etree._Element | None, step: Literal["next", "previous"]) -> etree._Element | None:
    """The next or previous block-level sibling (paragraph, table, content control...)."""
    while el is not None:
        el = el.getnext() if step == "next" else el.getprevious()
        if el is not None and el.tag in BLOCKS:
            return el
    return None


def before_page_break(target: etree._Element) -> etree._Element:
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


def run_properties(rpr: etree._Element | None) -> etree._Element | None:
    """A copy of run properties for new text: without revisions or hidden text."""
    if rpr is None:
        return None
    out = etree.Element(rpr.tag)
    for child in rpr:
        if child.tag not in _REVISIONS and child.tag not in _HIDDEN:
            out.append(copy.deepcopy(child))
    return out


def typical_rpr(p: etree._Element) -> etree._Element | None:
    """The run properties covering most of a paragraph's text (its typical formatting),
    without a hyperlink character style."""
    best, best_len = None, -1
    for r in p.iter(w("r")):
        n = sum(len(t.text or "") for t in r.findall(w("t")))
        if n > best_len:
            best, best_len = r, n
    if best is None:
        return None
    rpr = run_properties(find_child(best, w("rPr")))
    if rpr is not None:
        style = find_child(rpr, w("rStyle"))
        if style is not None and "hyperlink" in (style.get(w("val")) or "").lower():
            rpr.remove(style)
    return rpr
