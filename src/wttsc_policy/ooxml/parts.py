"""Adding a part to the package: a free name beside the main part, its relationship from
the main part and its content-type override (comments and numbering parts are added
this way when a document has none)."""

from __future__ import annotations

import posixpath

from lxml import etree

from wttsc_policy.ooxml.package import CT_NS, PKG_REL_NS, DocxPackage

_CT_PART = "[Content_Types].xml"


def add_part(pkg: DocxPackage, base: str, root: etree._Element, rel_type: str, content_type: str) -> str:
    """Add `root` as a new part named like `base` (e.g. 'comments') next to the main part; return its name."""
    folder = posixpath.dirname(pkg.main_part)
    name = posixpath.join(folder, f"{base}.xml")
    n = 1
    while pkg.has(name):
        n += 1
        name = posixpath.join(folder, f"{base}{n}.xml")
    pkg.set_part(name, root)
    _relate(pkg, posixpath.relpath(name, folder), rel_type)
    _content_type(pkg, "/" + name, content_type)
    return name


def _relate(pkg: DocxPackage, target: str, rel_type: str) -> None:
    rels_name = pkg.rels_name(pkg.main_part)
    if pkg.has(rels_name):
        rels = pkg.xml(rels_name)
    else:
        rels = etree.Element(f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS})  # type: ignore[dict-item]
    used = {rel.get("Id") for rel in rels}
    n = 1
    while f"rId{n}" in used:
        n += 1
    rel = etree.SubElement(rels, f"{{{PKG_REL_NS}}}Relationship")
    rel.set("Id", f"rId{n}")
    rel.set("Type", rel_type)
    rel.set("Target", target)
    pkg.set_part(rels_name, rels)


def _content_type(pkg: DocxPackage, part_name: str, content_type: str) -> None:
    types = pkg.xml(_CT_PART)
    for override in types.iter(f"{{{CT_NS}}}Override"):
        if override.get("PartName") == part_name:
            return
    override = etree.SubElement(types, f"{{{CT_NS}}}Override")
    override.set("PartName", part_name)
    override.set("ContentType", content_type)
    pkg.set_part(_CT_PART, types)
