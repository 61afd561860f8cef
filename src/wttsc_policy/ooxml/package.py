"""The low-level .docx package: a validated zip of XML parts.

Everything hostile is rejected here, before any XML is parsed: OLE2 files (.doc,
password-protected Word), truncated zips, zip bombs (size and ratio limits), parts
with a DTD or entity declarations. XML is parsed with entity resolution, DTD loading
and network access off. Parts the tool does not change are written back as the
original bytes, in the original order, so only edited parts differ.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from wttsc_policy.errors import InputError
from wttsc_policy.fileio import OLE2_MAGIC, ZIP_MAGIC, read_input_bytes
from wttsc_policy.limits import Limits
from wttsc_policy.ooxml.guard import alt_chunks, check_content, check_entries, edit_protection
from wttsc_policy.records import field, record

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
REL_HEADER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
REL_FOOTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
REL_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
REL_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def w(tag: str) -> str:
    """Clark name for a WordprocessingML tag: w('p') -> '{...main}p'."""
    return f"{{{W_NS}}}{tag}"


def parent_of(el: etree._Element) -> etree._Element:
    """The parent of an element that is known to sit inside a part (never the root)."""
    parent = el.getparent()
    if parent is None:
        raise ValueError(f"{el.tag} has no parent")
    return parent


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def _dtd_refusal(part: str, path: Path | str) -> InputError:
    return InputError(f"part {part} declares a DTD or entities, which Word never writes; refusing to read it", path)


def parse_xml(data: bytes, path: Path | str, part: str) -> etree._Element:
    """Parse one XML part safely; reject DTDs and entity declarations outright.

    A byte scan catches the usual case before parsing. A DTD the scan cannot see (a
    UTF-16 part, or one after a long comment) is caught from the parsed tree; the
    parser never loads or expands entities either way, so nothing is read or inflated.
    """
    if b"<!DOCTYPE" in data[:65536] or b"<!ENTITY" in data[:65536] or b"<!doctype" in data[:65536]:
        raise _dtd_refusal(part, path)
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        if "depth" in (exc.msg or "").lower():  # libxml2's nesting limit (256 levels)
            raise InputError(f"part {part} is nested too deeply (over 256 levels); refusing it", path) from None
        raise InputError(f"part {part} is not well-formed XML ({exc.msg}); the file is damaged", path) from None
    except (ValueError, MemoryError):
        raise InputError(f"part {part} cannot be parsed as XML; the file is damaged", path) from None
    if root is None:
        raise InputError(f"part {part} is empty; the file is damaged", path)
    info = root.getroottree().docinfo
    if info.internalDTD is not None or info.externalDTD is not None or info.doctype:
        raise _dtd_refusal(part, path)
    return root


# What a damaged zip can raise while its directory is read or a part is inflated.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    struct.error,
    ValueError,
    EOFError,
    OSError,
    OverflowError,
)


def sniff(data: bytes, path: Path) -> None:
    """Reject files that are not zip packages with a message saying what to do."""
    if not data:
        raise InputError("the file is empty", path)
    if data.startswith(OLE2_MAGIC):
        raise InputError(
            "this is an old-format Word file (.doc) or a password-protected document; "
            "open it in Word, remove any password and save it as .docx",
            path,
        )
    if not data.startswith(ZIP_MAGIC):
        raise InputError("not a Word .docx file (it is not a zip package); save it as .docx", path)


@record
class DocxPackage:
    """An opened .docx: raw part bytes in zip order, XML parsed on demand."""

    path: Path
    names: list[str]
    raw: dict[str, bytes]
    infos: dict[str, zipfile.ZipInfo]
    main_part: str
    _xml: dict[str, etree._Element] = field(default_factory=dict)
    modified: set[str] = field(default_factory=set)
    limits: Limits = field(default_factory=Limits)
    warnings: list[str] = field(default_factory=list)  # content the tool cannot see (guard.py)
    protection: str | None = None  # Word's Restrict Editing, when enforced (guard.py)

    # -- opening -----------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, limits: Limits | None = None) -> DocxPackage:
        limits = limits or Limits()
        path = Path(path)
        data = read_input_bytes(path, limits.max_file_bytes)
        sniff(data, path)
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
            infos = zf.infolist()
        except (*_ZIP_ERRORS, NotImplementedError):
            raise InputError("the .docx is damaged or truncated (not a complete zip archive)", path) from None
        check_entries(infos, path)  # duplicate or unsafe entry names (guard.py)
        if len(infos) > limits.max_entries:
            raise InputError(f"the package has {len(infos)} parts, more than a Word document has", path)
        total = 0
        for info in infos:
            if info.file_size > limits.max_part_bytes:
                raise InputError(
                    f"part {info.filename} would unpack to {info.file_size} bytes, over the limit "
                    "(max_part_bytes in config); refusing a possible zip bomb",
                    path,
                )
            if (
                info.compress_size
                and info.file_size / max(info.compress_size, 1) > limits.max_ratio
                and info.file_size > 1024 * 1024
            ):
                raise InputError(
                    f"part {info.filename} is compressed {info.file_size // max(info.compress_size, 1)}:1, "
                    "over the ratio limit (max_compression_ratio in config); refusing a possible zip bomb",
                    path,
                )
            total += info.file_size
        if total > limits.max_total_bytes:
            raise InputError(
                "the package would unpack to more than the total size limit; refusing a possible zip bomb", path
            )
        raw: dict[str, bytes] = {}
        names: list[str] = []
        by_name: dict[str, zipfile.ZipInfo] = {}
        try:
            for info in infos:
                if info.is_dir() or info.filename in raw:
                    continue
                with zf.open(info) as fh:
                    blob = fh.read(limits.max_part_bytes + 1)
                if len(blob) > limits.max_part_bytes:
                    raise InputError(f"part {info.filename} is larger than its header says; refusing it", path)
                raw[info.filename] = blob
                names.append(info.filename)
                by_name[info.filename] = info
        except NotImplementedError:
            raise InputError(
                "a part uses a compression method Word does not; save the document again as .docx", path
            ) from None
        except (*_ZIP_ERRORS, RuntimeError) as exc:
            if "encrypted" in str(exc).lower() or "password" in str(exc).lower():
                raise InputError("the package is encrypted; remove the password and save it as .docx", path) from None
            raise InputError("the .docx is damaged or truncated (a part cannot be unpacked)", path) from None
        pkg = cls(path=path, names=names, raw=raw, infos=by_name, main_part="", limits=limits)
        check_content(raw, [], path)  # macros, Strict Open XML (guard.py)
        pkg.main_part = pkg._find_main_part()
        rels = pkg.relationships(pkg.main_part)
        pkg.warnings.extend(alt_chunks(rels))
        settings = [t for _, ty, t, mode in rels if ty.endswith("/settings") and mode != "External" and t in raw]
        pkg.protection = edit_protection(pkg.xml(settings[0]) if settings else None)
        return pkg

    def _find_main_part(self) -> str:
        if "_rels/.rels" in self.raw:
            rels = parse_xml(self.raw["_rels/.rels"], self.path, "_rels/.rels")
            for rel in rels.iter(f"{{{PKG_REL_NS}}}Relationship"):
                if rel.get("Type") == REL_OFFICE_DOCUMENT:
                    target = rel.get("Target", "").lstrip("/")
                    if target in self.raw:
                        return target
        if "word/document.xml" in self.raw:
            return "word/document.xml"
        raise InputError(
            "the package has no main Word document part (word/document.xml); it is not a Word document", self.path
        )

    # -- parts -------------------------------------------------------------------
    def xml(self, name: str) -> etree._Element:
        if name not in self._xml:
            self._xml[name] = parse_xml(self.xml_bytes(name), self.path, name)
        return self._xml[name]

    def xml_bytes(self, name: str) -> bytes:
        """A part's bytes as read, refused as `xml` would refuse them before parsing
        (missing, or over the XML size limit)."""
        if name not in self.raw:
            raise InputError(f"part {name} is missing from the package", self.path)
        if len(self.raw[name]) > self.limits.max_xml_bytes:
            mib = 1024 * 1024
            raise InputError(
                f"part {name} is {len(self.raw[name]) / mib:.1f} MiB of XML, over the "
                f"{self.limits.max_xml_bytes / mib:g} MiB limit (max_xml_bytes in config)",
                self.path,
            )
        return self.raw[name]

    def is_parsed(self, name: str) -> bool:
        """Whether the part has been parsed (its tree may differ from its bytes)."""
        return name in self._xml

    def has(self, name: str) -> bool:
        return name in self.raw or name in self._xml

    @staticmethod
    def rels_name(part: str) -> str:
        folder, base = posixpath.split(part)
        return posixpath.join(folder, "_rels", base + ".rels")

    def relationships(self, part: str) -> list[tuple[str, str, str, str | None]]:
        """(rId, type, target part name, target mode) for a part's relationships."""
        name = self.rels_name(part)
        if not self.has(name):
            return []
        out = []
        base = posixpath.dirname(part)
        for rel in self.xml(name).iter(f"{{{PKG_REL_NS}}}Relationship"):
            target = rel.get("Target", "")
            mode = rel.get("TargetMode")
            if mode != "External":
                target = (
                    posixpath.normpath(posixpath.join(base, target))
                    if not target.startswith("/")
                    else target.lstrip("/")
                )
            out.append((rel.get("Id", ""), rel.get("Type", ""), target, mode))
        return out

    def related(self, part: str, rel_type: str) -> list[str]:
        return [
            t for _, ty, t, mode in self.relationships(part) if ty == rel_type and mode != "External" and t in self.raw
        ]

    def mark_modified(self, name: str) -> None:
        self.modified.add(name)

    def set_part(self, name: str, root: etree._Element) -> None:
        """Add or replace a part (new parts are appended at the end of the zip)."""
        self._xml[name] = root
        if name not in self.names:
            self.names.append(name)
        self.modified.add(name)

    # -- saving ------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """Serialise deterministically: original order, fixed timestamps, untouched parts verbatim."""
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name in self.names:
                if name in self.modified:
                    data = etree.tostring(self._xml[name], xml_declaration=True, encoding="UTF-8", standalone=True)
                else:
                    data = self.raw[name]
                info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o600 << 16
                zf.writestr(info, data)
        return buf.getvalue()
