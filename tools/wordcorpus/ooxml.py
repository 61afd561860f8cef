"""Just enough OOXML to scan, plant and statically check .docx packages.

Written independently of the package under test (`wttsc_policy`), so the harness keeps
working while that package is refactored and never agrees with it by construction.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V = "urn:schemas-microsoft-com:vml"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Main part content types of a Word-processing document (not a template, not macro-enabled).
DOCUMENT_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def parser() -> etree.XMLParser:
    """No entities, no DTD, no network: the corpus is other people's files."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


def parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, parser())


class NotWordDocument(Exception):
    """The file is no plain Word-processing package; the message says why (for 'refused')."""


@dataclass
class Package:
    """A zip of parts, kept as bytes in zip order."""

    names: list[str]
    raw: dict[str, bytes]
    main: str

    @classmethod
    def from_bytes(cls, data: bytes) -> Package:
        if data.startswith(OLE2_MAGIC):
            raise NotWordDocument("ole2: an encrypted (password-protected) or old binary Word file")
        if not data.startswith(b"PK"):
            raise NotWordDocument("not-zip: not a zip package")
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
            raw: dict[str, bytes] = {}
            names: list[str] = []
            for info in zf.infolist():
                if info.is_dir() or info.filename in raw:
                    continue
                raw[info.filename] = zf.read(info)
                names.append(info.filename)
        except Exception as exc:  # any damage in the zip
            raise NotWordDocument(f"broken-zip: {type(exc).__name__}") from None
        return cls(names=names, raw=raw, main=_main_part(raw))

    def xml(self, name: str) -> etree._Element:
        return parse(self.raw[name])

    def rels(self, part: str) -> list[tuple[str, str, str, str | None]]:
        """(rId, short type, resolved target, mode) of a part's relationships."""
        folder, base = posixpath.split(part)
        name = posixpath.join(folder, "_rels", base + ".rels")
        if name not in self.raw:
            return []
        out = []
        for rel in parse(self.raw[name]).iter(f"{{{PKG_REL}}}Relationship"):
            target, mode = rel.get("Target", ""), rel.get("TargetMode")
            if mode != "External":
                target = (
                    target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
                )
            out.append((rel.get("Id", ""), rel.get("Type", "").rsplit("/", 1)[-1], target, mode))
        return out

    def related(self, part: str, short_type: str) -> list[str]:
        return [t for _, ty, t, mode in self.rels(part) if ty == short_type and mode != "External" and t in self.raw]

    def story_parts(self) -> dict[str, str]:
        """Part name -> kind for every part holding text: body, header, footer, footnotes, endnotes, comments."""
        out = {self.main: "body"}
        for kind in ("header", "footer", "footnotes", "endnotes", "comments"):
            for target in self.related(self.main, kind):
                out.setdefault(target, kind)
        return out

    def content_type(self, part: str) -> str | None:
        if "[Content_Types].xml" not in self.raw:
            return None
        types = parse(self.raw["[Content_Types].xml"])
        for o in types.iter(f"{{{CT}}}Override"):
            if o.get("PartName", "").lstrip("/") == part:
                return o.get("ContentType")
        ext = part.rsplit(".", 1)[-1].lower()
        for d in types.iter(f"{{{CT}}}Default"):
            if (d.get("Extension") or "").lower() == ext:
                return d.get("ContentType")
        return None

    def to_bytes(self, replaced: dict[str, bytes]) -> bytes:
        """The package with some parts replaced; everything else verbatim, in order."""
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name in self.names:
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, replaced.get(name, self.raw[name]))
        return buf.getvalue()


def _main_part(raw: dict[str, bytes]) -> str:
    if "_rels/.rels" in raw:
        try:
            rels = parse(raw["_rels/.rels"])
        except etree.XMLSyntaxError:
            raise NotWordDocument("broken-xml: _rels/.rels") from None
        for rel in rels.iter(f"{{{PKG_REL}}}Relationship"):
            kind = rel.get("Type", "")
            if kind.endswith("/officeDocument"):
                if "purl.oclc.org" in kind:
                    raise NotWordDocument("strict: Strict Open XML (ISO 29500 strict namespaces)")
                target = rel.get("Target", "").lstrip("/")
                if target in raw:
                    return target
    if "word/document.xml" in raw:
        return "word/document.xml"
    raise NotWordDocument("no-main-part: no word/document.xml")


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
