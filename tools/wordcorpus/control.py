"""A control for LibreOffice itself: the planted document with comments and nothing else.

The tool writes a comment for every change. Some documents LibreOffice misreads as soon
as they hold one more comment, whoever wrote it (`oxpt-saturn`: with endnotes at the end
of the section, a comment on a heading empties every endnote). When the round trip
differs, the harness asks LibreOffice to read the planted document with a comment by
"control" on each paragraph that holds a planted sentence, cites a note holding one, or
holds (or is joined by) one of the tool's comments in the redline, and no tracked change. If that alone changes what LibreOffice shows, LibreOffice
cannot judge this document with comments, and Reject/Accept All are judged on the XML.
"""

from __future__ import annotations

from lxml import etree

from .ooxml import Package, W, parse, serialise, w

CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
REL_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
FIRST_ID = 990000  # above any id the corpus uses for comments


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


def _mark_inserted(p: etree._Element) -> bool:
    rpr = p.find(f"{w('pPr')}/{w('rPr')}")
    return rpr is not None and rpr.find(w("ins")) is not None


def commented_paragraphs(redline: bytes, author: str) -> set[int]:
    """Positions, among the body paragraphs that exist before the change, of the paragraphs
    holding `author`'s comments in the redline. A comment in an inserted paragraph counts
    for the original paragraph that paragraph joins on Reject All (the next one whose mark
    is not inserted)."""
    pkg = Package.from_bytes(redline)
    ids: set[str] = set()
    for part in pkg.related(pkg.main, "comments"):
        ids |= {c.get(w("id"), "") for c in pkg.xml(part).iter(w("comment")) if c.get(w("author")) == author}
    body = pkg.xml(pkg.main).find(w("body"))
    if body is None or not ids:
        return set()
    out: set[int] = set()
    pending = False
    position = 0
    for p in body.iter(w("p")):
        if any(ref.get(w("id")) in ids for ref in p.iter(w("commentReference"))):
            pending = True
        if _mark_inserted(p):
            continue
        if pending:
            out.add(position)
            pending = False
        position += 1
    return out


def with_control_comments(data: bytes, phrase: str, also: set[int] | None = None) -> tuple[bytes, int]:
    """(the package with a control comment on every body paragraph holding `phrase`,
    citing a note that holds it, or at a position in `also`; how many)."""
    pkg = Package.from_bytes(data)
    doc = pkg.xml(pkg.main)
    body = doc.find(w("body"))
    if body is None:
        return data, 0
    planted_notes: set[tuple[str, str]] = set()
    for kind in ("footnote", "endnote"):
        for part in pkg.related(pkg.main, f"{kind}s"):
            for note in pkg.xml(part).iter(w(kind)):
                if phrase in _text(note):
                    planted_notes.add((kind, note.get(w("id"), "")))
    also = also or set()
    targets = [
        p
        for n, p in enumerate(body.iter(w("p")))
        if n in also
        or phrase in _text(p)
        or any(
            (kind, ref.get(w("id"), "")) in planted_notes
            for kind in ("footnote", "endnote")
            for ref in p.iter(w(f"{kind}Reference"))
        )
    ]
    if not targets:
        return data, 0
    existing = pkg.related(pkg.main, "comments")
    replaced: dict[str, bytes] = {}
    if existing:
        part = existing[0]
        comments = pkg.xml(part)
    else:
        part = "word/comments.xml"
        comments = etree.Element(w("comments"), nsmap={"w": W})
        rels_name = "word/_rels/" + pkg.main.rsplit("/", 1)[-1] + ".rels"
        rels = parse(pkg.raw[rels_name])
        rel = etree.SubElement(rels, f"{{{PKG_REL}}}Relationship")
        rel.set("Id", "rIdControlComments")
        rel.set("Type", REL_COMMENTS)
        rel.set("Target", "comments.xml")
        replaced[rels_name] = serialise(rels)
        types = parse(pkg.raw["[Content_Types].xml"])
        over = etree.SubElement(types, f"{{{CT}}}Override")
        over.set("PartName", "/" + part)
        over.set("ContentType", CT_COMMENTS)
        replaced["[Content_Types].xml"] = serialise(types)
        pkg.names.append(part)
    for n, p in enumerate(targets):
        cid = str(FIRST_ID + n)
        start = etree.Element(w("commentRangeStart"))
        start.set(w("id"), cid)
        ppr = p.find(w("pPr"))
        p.insert(p.index(ppr) + 1 if ppr is not None else 0, start)
        end = etree.SubElement(p, w("commentRangeEnd"))
        end.set(w("id"), cid)
        ref = etree.SubElement(etree.SubElement(p, w("r")), w("commentReference"))
        ref.set(w("id"), cid)
        comment = etree.SubElement(comments, w("comment"))
        comment.set(w("id"), cid)
        comment.set(w("author"), "control")
        comment.set(w("date"), "2026-01-01T00:00:00Z")
        cp = etree.SubElement(comment, w("p"))
        etree.SubElement(etree.SubElement(cp, w("r")), w("annotationRef"))
        etree.SubElement(etree.SubElement(cp, w("r")), w("t")).text = "control"
    replaced[pkg.main] = serialise(doc)
    replaced[part] = serialise(comments)
    if not existing:
        pkg.raw[part] = replaced[part]
    return pkg.to_bytes(replaced), len(targets)
