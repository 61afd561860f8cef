"""Read a Word redline as Accept All (or Reject All) would leave it, with lxml only.

The checker resolves tracked changes itself rather than using the tool's resolver, so a bug
there cannot hide a defect here. Accept All keeps insertions (w:ins, w:moveTo) and drops
deletions (w:del, w:moveFrom); Reject All does the opposite. A paragraph whose mark was
deleted (accept) or inserted (reject) joins the paragraph after it, as in Word. Property
changes (w:pPrChange, w:rPrChange, ...) are dropped: they do not change the text.

`paragraphs()` returns the body in reading order (table cells cell by cell, then headers and
footers) as dicts: text, style (name), list_kind (bullet | number | None), level, row (table
row id or None), outline (outline level or None), part (body | header | footer).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
PROPERTY_CHANGES = (
    "pPrChange",
    "rPrChange",
    "sectPrChange",
    "tblPrChange",
    "trPrChange",
    "tcPrChange",
    "tblGridChange",
    "numberingChange",
)


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _unwrap(el) -> None:
    parent = el.getparent()
    index = parent.index(el)
    for child in list(el):
        parent.insert(index, child)
        index += 1
    parent.remove(el)


def _remove(el) -> None:
    el.getparent().remove(el)


def _merge_with_next(p) -> None:
    """Join paragraph `p` with the next paragraph: its runs move to the front of the next one,
    whose paragraph mark (and so style) survives."""
    nxt = p.getnext()
    while nxt is not None and nxt.tag != _q("p"):
        nxt = nxt.getnext()
    if nxt is None:
        ppr = p.find(_q("pPr"))
        if ppr is not None:
            rpr = ppr.find(_q("rPr"))
            if rpr is not None:
                for mark in rpr.findall(_q("del")) + rpr.findall(_q("ins")):
                    rpr.remove(mark)
        return
    content = [c for c in p if c.tag != _q("pPr")]
    anchor = nxt.find(_q("pPr"))
    index = 0 if anchor is None else nxt.index(anchor) + 1
    for child in content:
        nxt.insert(index, child)
        index += 1
    _remove(p)


def resolve(root, mode: str) -> None:
    """Resolve every tracked change in a story part's XML tree, in place (mode: accept | reject)."""
    keep, drop = (
        (("ins", "moveTo"), ("del", "moveFrom")) if mode == "accept" else (("del", "moveFrom"), ("ins", "moveTo"))
    )
    for tag in PROPERTY_CHANGES:
        for el in list(root.iter(_q(tag))):
            _remove(el)
    # paragraph marks first (they live in w:pPr/w:rPr)
    for p in list(root.iter(_q("p"))):
        rpr = p.find(f"{_q('pPr')}/{_q('rPr')}")
        if rpr is None:
            continue
        if rpr.find(_q(drop[0])) is not None:
            _merge_with_next(p)
        else:
            for mark in rpr.findall(_q(keep[0])):
                rpr.remove(mark)
    for tag in drop:
        for el in list(root.iter(_q(tag))):
            if el.getparent() is not None:
                _remove(el)
    for tag in keep:
        for el in list(root.iter(_q(tag))):
            if el.getparent() is not None:
                _unwrap(el)
    if mode == "reject":
        for el in root.iter(_q("delText")):
            el.tag = _q("t")
        for el in root.iter(_q("delInstrText")):
            el.tag = _q("instrText")
    for tag in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd"):
        for el in list(root.iter(_q(tag))):
            _remove(el)


class _Package:
    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.names = set(self.zip.namelist())
        self.styles = self._styles()
        self.numbering = self._numbering()

    def xml(self, name: str):
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        return etree.fromstring(self.zip.read(name), parser)

    def _styles(self) -> dict[str, dict]:
        if "word/styles.xml" not in self.names:
            return {}
        out = {}
        for st in self.xml("word/styles.xml").iter(_q("style")):
            sid = st.get(_q("styleId"))
            name = st.find(_q("name"))
            num = st.find(f"{_q('pPr')}/{_q('numPr')}/{_q('numId')}")
            outline = st.find(f"{_q('pPr')}/{_q('outlineLvl')}")
            based = st.find(_q("basedOn"))
            out[sid] = {
                "name": name.get(_q("val")) if name is not None else sid,
                "num": int(num.get(_q("val"))) if num is not None else None,
                "outline": int(outline.get(_q("val"))) if outline is not None else None,
                "based": based.get(_q("val")) if based is not None else None,
            }
        return out

    def _numbering(self) -> dict[int, dict[int, str]]:
        """numId -> {level: numFmt}."""
        if "word/numbering.xml" not in self.names:
            return {}
        root = self.xml("word/numbering.xml")
        abstract = {}
        for a in root.findall(_q("abstractNum")):
            levels = {}
            for lvl in a.findall(_q("lvl")):
                fmt = lvl.find(_q("numFmt"))
                levels[int(lvl.get(_q("ilvl")))] = fmt.get(_q("val")) if fmt is not None else "decimal"
            abstract[a.get(_q("abstractNumId"))] = levels
        out = {}
        for n in root.findall(_q("num")):
            ref = n.find(_q("abstractNumId"))
            out[int(n.get(_q("numId")))] = abstract.get(ref.get(_q("val")) if ref is not None else None, {})
        return out

    def style_info(self, sid: str | None) -> dict:
        seen = set()
        info = {"name": None, "num": None, "outline": None}
        while sid and sid not in seen and sid in self.styles:
            seen.add(sid)
            st = self.styles[sid]
            info["name"] = info["name"] or st["name"]
            info["num"] = info["num"] if info["num"] is not None else st["num"]
            info["outline"] = info["outline"] if info["outline"] is not None else st["outline"]
            sid = st["based"]
        return info


def _text(p) -> str:
    out = []
    for el in p.iter():
        tag = etree.QName(el).localname if isinstance(el.tag, str) else ""
        if tag == "t":
            out.append(el.text or "")
        elif tag in {"tab", "br", "cr"}:
            out.append(" ")
        elif tag == "noBreakHyphen":
            out.append("-")
    return "".join(out)


def _paragraph(pkg: _Package, p, part: str, row: int | None) -> dict:
    ppr = p.find(_q("pPr"))
    sid = None
    num_id = level = None
    outline = None
    if ppr is not None:
        ps = ppr.find(_q("pStyle"))
        sid = ps.get(_q("val")) if ps is not None else None
        numpr = ppr.find(_q("numPr"))
        if numpr is not None:
            nid = numpr.find(_q("numId"))
            ilvl = numpr.find(_q("ilvl"))
            num_id = int(nid.get(_q("val"))) if nid is not None else None
            level = int(ilvl.get(_q("val"))) if ilvl is not None else 0
        ol = ppr.find(_q("outlineLvl"))
        outline = int(ol.get(_q("val"))) if ol is not None else None
    info = pkg.style_info(sid or "Normal")
    if num_id is None:
        num_id = info["num"]
    list_kind = None
    if num_id:  # numId 0 means "no numbering"
        fmt = pkg.numbering.get(num_id, {}).get(level or 0, "decimal")
        list_kind = "bullet" if fmt == "bullet" else ("number" if fmt != "none" else None)
    name = info["name"] or "Normal"
    if outline is None:
        outline = info["outline"]
    if outline is not None and outline >= 9:  # level 9 is Word's "body text"
        outline = None
    return {
        "text": _text(p),
        "style": name,
        "list_kind": list_kind,
        "level": level or 0,
        "row": row,
        "outline": outline,
        "part": part,
    }


def _walk(pkg: _Package, container, part: str, out: list[dict], counter: list[int]) -> None:
    for child in container:
        tag = etree.QName(child).localname
        if tag == "p":
            out.append(_paragraph(pkg, child, part, None))
        elif tag == "tbl":
            for tr in child.findall(_q("tr")):
                counter[0] += 1
                for tc in tr.findall(_q("tc")):
                    for p in tc.iter(_q("p")):
                        out.append(_paragraph(pkg, p, part, counter[0]))
        elif tag in {"sdt", "customXml", "sdtContent"}:
            _walk(pkg, child.find(_q("sdtContent")) if tag == "sdt" else child, part, out, counter)


def paragraphs(source: bytes | str | Path, mode: str = "accept") -> list[dict]:
    """Paragraphs of a .docx after Accept All (`accept`), Reject All (`reject`) or as stored (`as_is`)."""
    data = Path(source).read_bytes() if isinstance(source, (str, Path)) else source
    pkg = _Package(data)
    out: list[dict] = []
    counter = [0]
    body = pkg.xml("word/document.xml")
    if mode != "as_is":
        resolve(body, mode)
    _walk(pkg, body.find(_q("body")), "body", out, counter)
    for name in sorted(n for n in pkg.names if re.match(r"word/(header|footer)\d*\.xml$", n)):
        root = pkg.xml(name)
        if mode != "as_is":
            resolve(root, mode)
        _walk(pkg, root, "header" if "header" in name else "footer", out, counter)
    return out


def revision_count(source: bytes | str | Path) -> int:
    """How many w:ins/w:del elements the main document holds (0 for an original)."""
    data = Path(source).read_bytes() if isinstance(source, (str, Path)) else source
    body = _Package(data).xml("word/document.xml")
    return sum(1 for el in body.iter() if isinstance(el.tag, str) and etree.QName(el).localname in {"ins", "del"})
