"""Where a planted sentence can go: plain body runs and the tricky places of issue 18.

A *site* is one `w:t` of one run in one story part, named by an XPath-like locator that
stays valid on the unmodified package (the planter re-finds it by the same walk). Plain
sites are runs directly in a body paragraph, outside any field, revision, content
control, text box or frame. Tricky sites are one example each of: a complex field's
result (by field type), a simple field, another author's insertion, a content control,
a DrawingML / VML text box, a framed (drop-cap) paragraph, a table cell, a footnote,
an endnote, a header, a footer, a hyperlink and a smart tag / customXml run.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .ooxml import MC, Package, w

_P, _R, _T = w("p"), w("r"), w("t")
_FLD = w("fldChar")
_HIDDEN = (w("vanish"), w("webHidden"), w("specVanish"))
_REVISION_WRAPPERS = {w("ins"), w("del"), w("moveFrom"), w("moveTo")}
_LOCKED = {
    w("ins"),
    w("del"),
    w("moveFrom"),
    w("moveTo"),
    w("sdt"),
    w("hyperlink"),
    w("fldSimple"),
    w("smartTag"),
    w("customXml"),
    w("txbxContent"),
}


# Fields whose shown result is ordinary prose a person may have typed or pasted (links,
# cross-references, tables of contents, citations, form text, merged text). Fields that any
# word processor recomputes on opening (page numbers, dates, document properties,
# formulas) are left out: a sentence planted in their result would vanish for reasons
# unrelated to the tool.
KEPT_FIELDS = {
    "HYPERLINK",
    "REF",
    "TOC",
    "ADDIN",
    "CITATION",
    "BIBLIOGRAPHY",
    "FORMTEXT",
    "MERGEFIELD",
    "INCLUDETEXT",
    "INDEX",
    "TOA",
    "IF",
    "LINK",
    "MACROBUTTON",
    "QUOTE",
    "FORMDROPDOWN",
}


@dataclass(frozen=True)
class Site:
    """One run to plant into: `kind` (plain, field:REF, sdt, txbx-dml, ...), `part`, and the
    index of its `w:t` among all `w:t` of the part (document order, stable before planting)."""

    kind: str
    part: str
    t_index: int
    mirror: int | None = None  # the same text's w:t index in an mc:Fallback copy, if any


def _visible_t(t: etree._Element) -> bool:
    return bool((t.text or "").strip())


def _hidden(r: etree._Element) -> bool:
    rpr = r.find(w("rPr"))
    if rpr is None:
        return False
    for tag in _HIDDEN:
        el = rpr.find(tag)
        if el is not None and el.get(w("val")) not in ("0", "false", "off"):
            return True
    return rpr.find(w("rPrChange")) is not None


def field_states(root: etree._Element) -> dict[etree._Element, tuple[str, str] | None]:
    """For every run of a story part: None outside complex fields, else (field type, 'code'|'result')
    of the innermost field it is in. Fields may span paragraphs, so the walk is over the part."""
    out: dict[etree._Element, tuple[str, str] | None] = {}
    stack: list[list] = []  # [type, in_result]
    for r in root.iter(_R):
        if stack:
            out[r] = (stack[-1][0] or "?", "result" if stack[-1][1] else "code")
        else:
            out[r] = None
        for child in r:
            if child.tag == _FLD:
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    stack.append(["", False])
                elif kind == "separate" and stack:
                    stack[-1][1] = True
                elif kind == "end" and stack:
                    stack.pop()
            elif child.tag == w("instrText") and stack and not stack[-1][0]:
                words = (child.text or "").split()
                if words:
                    stack[-1][0] = words[0].upper()
    return out


def _ancestors(el: etree._Element, stop: etree._Element):
    p = el.getparent()
    while p is not None and p is not stop:
        yield p
        p = p.getparent()


def _in_fallback(el: etree._Element) -> bool:
    return any(a.tag == f"{{{MC}}}Fallback" for a in el.iterancestors())


def plain_sites(pkg: Package) -> list[Site]:
    """Runs in plain body paragraphs (direct children of w:body, no frame), outside fields."""
    part = pkg.main
    root = pkg.xml(part)
    body = root.find(w("body"))
    if body is None:
        return []
    states = field_states(root)
    index = {t: i for i, t in enumerate(root.iter(_T))}
    out = []
    for p in body.findall(_P):
        ppr = p.find(w("pPr"))
        if ppr is not None and (ppr.find(w("framePr")) is not None):
            continue
        for r in p.findall(_R):
            if states.get(r) is not None or _hidden(r):
                continue
            if any(c.tag in (_FLD, w("instrText"), w("fldChar")) for c in r):
                continue
            ts = [t for t in r.findall(_T) if _visible_t(t)]
            if ts and any(_visible_t(t) and len((t.text or "").strip()) >= 2 for t in ts):
                out.append(Site("plain", part, index[ts[-1]]))
    return out


def choose_plain(sites: list[Site]) -> list[Site]:
    """First, middle and last eligible run: deterministic and spread over the document."""
    if len(sites) <= 3:
        return list(sites)
    picks = [sites[0], sites[len(sites) // 2], sites[-1]]
    return list(dict.fromkeys(picks))


def _classify(t: etree._Element, part_root: etree._Element, states: dict, kind_of_part: str, body_el) -> str | None:
    """The tricky kind of one w:t, or None when it is plain or unusable."""
    r = t.getparent()
    if r is None or r.tag != _R or _hidden(r) or not _visible_t(t):
        return None
    ancestors = list(_ancestors(r, part_root))
    tags = [a.tag for a in ancestors]
    state = states.get(r)
    if state is not None:
        if state[1] != "result" or state[0] not in KEPT_FIELDS:
            return None
        return f"field:{state[0]}"
    if w("txbxContent") in tags:
        if any(a.tag == f"{{{MC}}}Fallback" for a in ancestors):
            return None  # planted through its mc:Choice twin
        if any(a.tag == "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}txbx" for a in ancestors):
            return "txbx-dml"
        return "txbx-vml"
    if kind_of_part in ("header", "footer", "footnotes", "endnotes"):
        if kind_of_part in ("footnotes", "endnotes"):
            note = next((a for a in ancestors if a.tag in (w("footnote"), w("endnote"))), None)
            if note is None or note.get(w("type")) not in (None, "normal"):
                return None
        if any(tg in _LOCKED for tg in tags):
            return None
        return {"footnotes": "footnote", "endnotes": "endnote"}.get(kind_of_part, kind_of_part)
    if kind_of_part != "body":
        return None
    if w("ins") in tags:
        return "other-ins"
    if w("moveTo") in tags:
        return "other-moveTo"
    if w("del") in tags or w("moveFrom") in tags:
        return None
    if w("fldSimple") in tags:
        return "field-simple"
    if w("sdt") in tags:
        return "sdt-in-table" if w("tc") in tags else "sdt"
    if w("smartTag") in tags or w("customXml") in tags:
        return "smarttag-customxml"
    if w("hyperlink") in tags:
        return "hyperlink"
    p = next((a for a in ancestors if a.tag == _P), None)
    ppr = p.find(w("pPr")) if p is not None else None
    if ppr is not None and ppr.find(w("framePr")) is not None:
        return "framePr"
    if tags.count(w("tbl")) >= 2:
        return "table-nested"
    if w("tc") in tags:
        return "table"
    return None


def tricky_sites(pkg: Package) -> list[Site]:
    """One site per tricky kind (the first in document order), over all story parts."""
    chosen: dict[str, Site] = {}
    for part, kind_of_part in pkg.story_parts().items():
        if kind_of_part == "comments":
            continue
        try:
            root = pkg.xml(part)
        except etree.XMLSyntaxError:
            continue
        states = field_states(root)
        all_t = list(root.iter(_T))
        index = {t: i for i, t in enumerate(all_t)}
        body_el = root.find(w("body"))
        for t in all_t:
            kind = _classify(t, root, states, kind_of_part, body_el)
            if kind is None or kind in chosen:
                continue
            mirror = _fallback_twin(t, index) if kind == "txbx-dml" else None
            chosen[kind] = Site(kind, part, index[t], mirror)
    return sorted(chosen.values(), key=lambda s: s.kind)


def _fallback_twin(t: etree._Element, index: dict) -> int | None:
    """The w:t in the mc:Fallback VML copy of the same text box that holds the same text."""
    alt = next((a for a in t.iterancestors() if a.tag == f"{{{MC}}}AlternateContent"), None)
    if alt is None:
        return None
    choice_box = next((a for a in t.iterancestors() if a.tag == w("txbxContent")), None)
    fallback = alt.find(f"{{{MC}}}Fallback")
    if fallback is None or choice_box is None:
        return None
    pos = list(choice_box.iter(_T)).index(t)
    for box in fallback.iter(w("txbxContent")):
        twins = list(box.iter(_T))
        if pos < len(twins) and twins[pos].text == t.text:
            return index[twins[pos]]
    return None
