"""Word comments at the lxml level: the comments part and the anchors in the text.

The comments part is created (with its relationship and content-type override) only
when the document has none; an existing one is appended to, so comments already in the
policy survive untouched.
"""

from __future__ import annotations

from lxml import etree

from wttsc_policy.ooxml.elements import find_child
from wttsc_policy.ooxml.package import REL_COMMENTS, W_NS, DocxPackage, w
from wttsc_policy.ooxml.parts import add_part
from wttsc_policy.ooxml.revisions import RevisionContext, text_element

COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"


def _initials(author: str) -> str:
    letters = [word[0] for word in author.replace("-", " ").split() if word[:1].isalnum()]
    return "".join(letters).upper()[:4] or "WP"


class Comments:
    """The package's comments part, opened or created on first use."""

    def __init__(self, pkg: DocxPackage, ctx: RevisionContext) -> None:
        self.pkg = pkg
        self.ctx = ctx
        self._root: etree._Element | None = None
        self.part: str | None = None
        self.added = 0

    def _ensure(self) -> etree._Element:
        if self._root is not None:
            return self._root
        existing = self.pkg.related(self.pkg.main_part, REL_COMMENTS)
        if existing:
            self.part = existing[0]
            self._root = self.pkg.xml(self.part)
            self.pkg.mark_modified(self.part)
            return self._root
        self._root = etree.Element(w("comments"), nsmap={"w": W_NS})
        self.part = add_part(self.pkg, "comments", self._root, REL_COMMENTS, COMMENTS_CT)
        return self._root

    def add(self, paragraphs: list[str]) -> str:
        """Append a comment with the given paragraphs; return its id."""
        root = self._ensure()
        cid = str(self.ctx.ids.next())
        comment = etree.SubElement(root, w("comment"))
        comment.set(w("id"), cid)
        comment.set(w("author"), self.ctx.author)
        comment.set(w("date"), self.ctx.date)
        comment.set(w("initials"), _initials(self.ctx.author))
        for i, text in enumerate(paragraphs):
            p = etree.SubElement(comment, w("p"))
            if i == 0:
                ref = etree.SubElement(p, w("r"))
                etree.SubElement(ref, w("annotationRef"))
            r = etree.SubElement(p, w("r"))
            r.append(text_element("t", text))
        self.added += 1
        return cid


def _range_mark(tag: str, cid: str) -> etree._Element:
    el = etree.Element(w(tag))
    el.set(w("id"), cid)
    return el


def reference_run(cid: str) -> etree._Element:
    r = etree.Element(w("r"))
    ref = etree.SubElement(r, w("commentReference"))
    ref.set(w("id"), cid)
    return r


def anchor_span(cid: str, first: etree._Element, last: etree._Element) -> None:
    """Anchor comment `cid` on the elements from `first` to `last` (siblings or cousins in one paragraph)."""
    first.addprevious(_range_mark("commentRangeStart", cid))
    end = _range_mark("commentRangeEnd", cid)
    last.addnext(end)
    end.addnext(reference_run(cid))


def anchor_inserted(cid: str, p: etree._Element) -> None:
    """Anchor comment `cid` at the end of an inserted paragraph (the first of a clause).

    The reference sits inside the paragraph's own insertion, so Reject All removes it
    with it. It marks a point, not a range: LibreOffice splits an insertion at a comment
    range's start, and a split insertion makes it restyle the paragraph after the clause
    on Reject All (a heading becomes body text).
    """
    ins = find_child(p, w("ins"))
    (ins if ins is not None else p).append(reference_run(cid))


def _open_range(cid: str, p: etree._Element) -> etree._Element:
    """Start comment `cid`'s range at the start of paragraph `p`'s content (after its pPr)."""
    start = _range_mark("commentRangeStart", cid)
    ppr = find_child(p, w("pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    return start


def anchor_whole_paragraph(cid: str, p: etree._Element) -> None:
    """Anchor comment `cid` on an existing paragraph's whole content."""
    _open_range(cid, p)
    p.append(_range_mark("commentRangeEnd", cid))
    p.append(reference_run(cid))


def anchor_citing_paragraph(cid: str, p: etree._Element, reference: etree._Element) -> None:
    """Anchor comment `cid` on paragraph `p`, which cites a footnote or endnote with the run
    `reference`: from the paragraph's start up to just before that run.

    Never on the reference alone, and never ending right after it: LibreOffice moves the
    note's text into the next note when a comment range ends at its reference (the
    right-to-left poi-stress010 of the Word corpus). When the reference opens the
    paragraph, the range covers the whole paragraph instead.
    """
    top = reference
    for ancestor in reference.iterancestors():
        if ancestor is p:
            break
        top = ancestor
    start = _open_range(cid, p)
    if top.getparent() is not p or start.getnext() is top:
        p.append(_range_mark("commentRangeEnd", cid))
        p.append(reference_run(cid))
        return
    top.addprevious(_range_mark("commentRangeEnd", cid))
    top.addprevious(reference_run(cid))
