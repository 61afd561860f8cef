"""Word comments at the lxml level: the comments part and the anchors in the text.

The comments part is created (with its relationship and content-type override) only
when the document has none; an existing one is appended to, so comments already in the
policy survive untouched.
"""

from __future__ import annotations

import posixpath

from lxml import etree

from wttsc_policy.ooxml.package import CT_NS, PKG_REL_NS, REL_COMMENTS, W_NS, DocxPackage, w
from wttsc_policy.ooxml.revisions import RevisionContext, text_element

COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_CT_PART = "[Content_Types].xml"


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
        folder = posixpath.dirname(self.pkg.main_part)
        name = posixpath.join(folder, "comments.xml")
        n = 1
        while self.pkg.has(name):
            n += 1
            name = posixpath.join(folder, f"comments{n}.xml")
        self.part = name
        self._root = etree.Element(w("comments"), nsmap={"w": W_NS})
        self.pkg.set_part(name, self._root)
        self._add_relationship(posixpath.relpath(name, folder))
        self._add_content_type("/" + name)
        return self._root

    def _add_relationship(self, target: str) -> None:
        rels_name = self.pkg.rels_name(self.pkg.main_part)
        if self.pkg.has(rels_name):
            rels = self.pkg.xml(rels_name)
        else:
            rels = etree.Element(f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS})  # type: ignore[dict-item]
        used = {rel.get("Id") for rel in rels}
        n = 1
        while f"rId{n}" in used:
            n += 1
        rel = etree.SubElement(rels, f"{{{PKG_REL_NS}}}Relationship")
        rel.set("Id", f"rId{n}")
        rel.set("Type", REL_COMMENTS)
        rel.set("Target", target)
        self.pkg.set_part(rels_name, rels)

    def _add_content_type(self, part_name: str) -> None:
        types = self.pkg.xml(_CT_PART)
        for override in types.iter(f"{{{CT_NS}}}Override"):
            if override.get("PartName") == part_name:
                return
        override = etree.SubElement(types, f"{{{CT_NS}}}Override")
        override.set("PartName", part_name)
        override.set("ContentType", COMMENTS_CT)
        self.pkg.set_part(_CT_PART, types)

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


def anchor_paragraphs(cid: str, first_p: etree._Element, last_p: etree._Element) -> None:
    """Anchor comment `cid` on whole inserted paragraphs; the reference run is inserted too."""
    ppr = first_p.find(w("pPr"))
    start = _range_mark("commentRangeStart", cid)
    if ppr is not None:
        ppr.addnext(start)
    else:
        first_p.insert(0, start)
    ins = [child for child in last_p if child.tag == w("ins")]
    holder = ins[-1] if ins else last_p  # inside the insertion, so Reject All removes it too
    holder.append(_range_mark("commentRangeEnd", cid))
    holder.append(reference_run(cid))


def anchor_whole_paragraph(cid: str, p: etree._Element) -> None:
    """Anchor comment `cid` on an existing paragraph's whole content."""
    start = _range_mark("commentRangeStart", cid)
    ppr = p.find(w("pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(_range_mark("commentRangeEnd", cid))
    p.append(reference_run(cid))
