"""Detect the structures a .docx holds (fields, content controls, text boxes, revisions, ...).

The manifest records these per document so a failure can be read against what the
document contains, and the corpus selection can favour variety. Detection is by element
names only: cheap, and independent of the package under test.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from .ooxml import DOCUMENT_CT, MC, WPS, M, NotWordDocument, Package, V, parse, w
from .sites import choose_plain, field_states, plain_sites, tricky_sites

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff\u0590-\u06ff]{2,}")


def generator(pkg: Package) -> str:
    """Which program wrote the file, from docProps/app.xml (coarse: Word version, LibreOffice, ...)."""
    app = pkg.raw.get("docProps/app.xml")
    if app is None:
        return "unknown (no app.xml)"
    try:
        root = parse(app)
    except etree.XMLSyntaxError:
        return "unknown (bad app.xml)"
    name = version = ""
    for el in root:
        local = etree.QName(el).localname
        if local == "Application":
            name = (el.text or "").strip()
        elif local == "AppVersion":
            version = (el.text or "").strip()
    low = name.lower()
    if "libreoffice" in low or "openoffice" in low:
        return "LibreOffice/OpenOffice"
    if "microsoft" in low and "word" in low:
        major = version.split(".")[0]
        return {"12": "Word 2007", "14": "Word 2010", "15": "Word 2013", "16": "Word 2016+"}.get(
            major, f"Word {version or '?'}"
        )
    if "microsoft office" in low:
        return "Microsoft Office (other)"
    return name or "unknown"


def structures(pkg: Package) -> dict[str, int]:
    """Counts of every structure of interest (zero counts are left out)."""
    c: Counter[str] = Counter()
    story = pkg.story_parts()
    for part, kind in story.items():
        try:
            root = pkg.xml(part)
        except etree.XMLSyntaxError:
            c["broken_part"] += 1
            continue
        if kind in ("header", "footer"):
            c[kind + "s"] += 1
        if kind == "footnotes":
            c["footnotes"] += sum(1 for n in root.iter(w("footnote")) if n.get(w("type")) in (None, "normal"))
        if kind == "endnotes":
            c["endnotes"] += sum(1 for n in root.iter(w("endnote")) if n.get(w("type")) in (None, "normal"))
        if kind == "comments":
            c["comments"] += sum(1 for _ in root.iter(w("comment")))
            continue
        _count_story(root, c, kind)
    _count_numbering(pkg, c)
    if protection(pkg):
        c[f"protection_{protection(pkg)}"] += 1
    return {k: v for k, v in sorted(c.items()) if v}


def _count_story(root: etree._Element, c: Counter, kind: str) -> None:
    for tag in (
        "ins",
        "del",
        "moveFrom",
        "moveTo",
        "pPrChange",
        "rPrChange",
        "sectPrChange",
        "tblPrChange",
        "trPrChange",
        "tcPrChange",
        "numberingChange",
    ):
        n = sum(1 for _ in root.iter(w(tag)))
        if n:
            c[f"rev_{tag}"] += n
    authors = {
        el.get(w("author"))
        for el in root.iter(w("ins"), w("del"), w("moveFrom"), w("moveTo"), w("pPrChange"), w("rPrChange"))
    }
    c["rev_authors"] = max(c["rev_authors"], len({a for a in authors if a}))
    c["fld_simple"] += sum(1 for _ in root.iter(w("fldSimple")))
    c["fld_complex"] += sum(1 for el in root.iter(w("fldChar")) if el.get(w("fldCharType")) == "begin")
    for instr in list(root.iter(w("instrText"))) + list(root.iter(w("fldSimple"))):
        text = instr.text if instr.tag == w("instrText") else instr.get(w("instr"))
        words = (text or "").split()
        if words and words[0].isupper() and len(words[0]) > 1:
            c[f"field_{words[0]}"] += 1
    c["hyperlink"] += sum(1 for _ in root.iter(w("hyperlink")))
    sdts = list(root.iter(w("sdt")))
    c["sdt"] += len(sdts)
    c["sdt_nested"] += sum(1 for s in sdts if any(a.tag == w("sdt") for a in s.iterancestors()))
    c["sdt_in_table"] += sum(1 for s in sdts if any(a.tag == w("tc") for a in s.iterancestors()))
    c["sdt_run_level"] += sum(1 for s in sdts if s.getparent() is not None and s.getparent().tag == w("p"))
    c["txbx_dml"] += sum(1 for _ in root.iter(f"{{{WPS}}}txbx"))
    c["txbx_vml"] += sum(1 for _ in root.iter(f"{{{V}}}textbox"))
    c["mc_alternate"] += sum(1 for _ in root.iter(f"{{{MC}}}AlternateContent"))
    c["drawing"] += sum(1 for _ in root.iter(w("drawing")))
    tables = list(root.iter(w("tbl")))
    c["tables"] += len(tables)
    c["tables_nested"] += sum(1 for t in tables if any(a.tag == w("tbl") for a in t.iterancestors()))
    c["gridBefore"] += sum(1 for _ in root.iter(w("gridBefore")))
    c["vMerge"] += sum(1 for _ in root.iter(w("vMerge")))
    c["gridSpan"] += sum(1 for _ in root.iter(w("gridSpan")))
    frames = list(root.iter(w("framePr")))
    c["framePr"] += len(frames)
    c["dropCap"] += sum(1 for f in frames if f.get(w("dropCap")) in ("drop", "margin"))
    c["sections"] += sum(1 for _ in root.iter(w("sectPr"))) if kind == "body" else 0
    c["bidi"] += sum(1 for _ in root.iter(w("bidi"))) + sum(1 for _ in root.iter(w("rtl")))
    c["smartTag"] += sum(1 for _ in root.iter(w("smartTag")))
    c["customXml"] += sum(1 for _ in root.iter(w("customXml")))
    c["bookmarks"] += sum(1 for _ in root.iter(w("bookmarkStart")))
    c["comment_ranges"] += sum(1 for _ in root.iter(w("commentRangeStart")))
    c["math"] += sum(1 for _ in root.iter(f"{{{M}}}oMath"))
    c["numPr"] += sum(1 for _ in root.iter(w("numPr")))
    levels = [int(el.get(w("val"))) for el in root.iter(w("ilvl")) if (el.get(w("val")) or "").isdigit()]
    c["list_levels"] = max(c["list_levels"], len(set(levels)))
    c["page_breaks"] += sum(1 for br in root.iter(w("br")) if br.get(w("type")) == "page")
    c["paragraphs_" + kind] += sum(1 for _ in root.iter(w("p")))


def _count_numbering(pkg: Package, c: Counter) -> None:
    for target in pkg.related(pkg.main, "numbering"):
        try:
            root = pkg.xml(target)
        except etree.XMLSyntaxError:
            continue
        c["num_instances"] += sum(1 for _ in root.iter(w("num")))
        c["num_lvlOverride"] += sum(1 for _ in root.iter(w("lvlOverride")))
        c["num_startOverride"] += sum(1 for _ in root.iter(w("startOverride")))


def protection(pkg: Package) -> str | None:
    """The document's enforced editing protection (w:documentProtection in settings), if any."""
    for target in pkg.related(pkg.main, "settings"):
        try:
            el = pkg.xml(target).find(w("documentProtection"))
        except etree.XMLSyntaxError:
            return None
        if el is not None and el.get(w("enforcement")) in ("1", "true", "on"):
            return el.get(w("edit")) or "enforced"
    return None


def body_words(pkg: Package) -> int:
    root = pkg.xml(pkg.main)
    states = field_states(root)
    text = " ".join(t.text or "" for t in root.iter(w("t")) if states.get(t.getparent()) is None)
    return len(_WORD.findall(text))


def scan(data: bytes) -> dict:
    """Everything the manifest says about one file; raises NotWordDocument for refusals.

    Returns kind: 'document' (usable), or 'skip' with a reason (a template, macro file or
    a document without body text: not refused by the tool, just not useful here).
    """
    pkg = Package.from_bytes(data)
    ct = pkg.content_type(pkg.main) or ""
    try:
        root = pkg.xml(pkg.main)
    except etree.XMLSyntaxError as exc:
        raise NotWordDocument(f"broken-xml: {pkg.main}: {exc.msg}") from None
    if root.find(w("body")) is None:
        if b"purl.oclc.org/ooxml" in pkg.raw[pkg.main][:4000]:
            raise NotWordDocument("strict: Strict Open XML (ISO 29500 strict namespaces)")
        return {"kind": "skip", "reason": "no w:body"}
    if ct != DOCUMENT_CT:
        return {"kind": "skip", "reason": f"main part content type {ct or 'missing'}"}
    plain = plain_sites(pkg)
    tricky = tricky_sites(pkg)
    return {
        "kind": "document",
        "generator": generator(pkg),
        "words": body_words(pkg),
        "structures": structures(pkg),
        "plain_runs": len(plain),
        "plant_plain": len(choose_plain(plain)),
        "plant_tricky": [s.kind for s in tricky],
    }
