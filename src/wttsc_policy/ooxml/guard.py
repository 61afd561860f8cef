"""Package checks for hostile or unusual Word files, before any text is read.

* Entry names: two entries with one name (compared as OPC does, ignoring case) would
  let different programs show different text, and a name with `..`, a leading slash,
  a backslash or a NUL is not a part name at all; both are refused.
* Macros: a macro-enabled document (.docm content, or a VBA project part) renamed to
  .docx is refused rather than written back with its macros.
* Strict Open XML: refused with a message saying how to save it, instead of "damaged".
* altChunk: content embedded in another format (HTML, RTF, another .docx) that Word
  merges in when it opens the file; the tool cannot see its text, so it warns.
* Restrict Editing: a document protected against editing is reported, so `update`
  refuses it instead of editing it without a word.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from wttsc_policy.errors import InputError

_STRICT = "http://purl.oclc.org/ooxml/"
_ALT_CHUNK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
_MACRO_TYPES = ("macroEnabled", "vbaProject", "ms-office.vbaProject")
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PROTECTING = {"readOnly": "read only", "comments": "comments only", "forms": "filling in forms only"}


def check_entries(infos: list[zipfile.ZipInfo], path: Path) -> None:
    """InputError for duplicate or unsafe entry names."""
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        parts = name.rstrip("/").split("/")
        if name.startswith("/") or "\\" in name or "\x00" in name or any(p in ("", ".", "..") for p in parts):
            raise InputError(
                f"the package has an entry named {name!r}, which is not a valid part name; refusing it", path
            )
        key = name.lower()
        if key in seen:
            raise InputError(
                f"the package holds two entries named {name!r}; programs would disagree on which text is the "
                "document, so it is refused (save it again in Word)",
                path,
            )
        seen.add(key)


def check_content(raw: dict[str, bytes], rels: list[tuple[str, str, str, str | None]], path: Path) -> None:
    """InputError for macro-enabled or Strict documents (from content types and rels)."""
    types = raw.get("[Content_Types].xml", b"")
    if any(marker.encode() in types for marker in _MACRO_TYPES) or any(
        n.lower().endswith("vbaproject.bin") for n in raw
    ):
        raise InputError(
            "the document contains macros (a .docm renamed to .docx); save it in Word as a Word Document (.docx) "
            "without macros",
            path,
        )
    package_rels = raw.get("_rels/.rels", b"")
    if _STRICT.encode() in package_rels or any(t.startswith(_STRICT) for _, t, _, _ in rels):
        raise InputError(
            "this is a Strict Open XML document; open it in Word and save it as 'Word Document (.docx)'", path
        )


def alt_chunks(rels: list[tuple[str, str, str, str | None]]) -> list[str]:
    """Warnings for content embedded as altChunk parts (text the tool cannot see)."""
    return [
        f"the document embeds content the tool cannot read ({target}, merged in by Word when it opens "
        "the file); check that part by hand"
        for _, rel_type, target, _ in rels
        if rel_type == _ALT_CHUNK
    ]


def edit_protection(settings: etree._Element | None) -> str | None:
    """How Restrict Editing limits the document ('read only', ...), or None."""
    if settings is None:
        return None
    for el in settings.iter(f"{{{_W_NS}}}documentProtection"):
        enforced = el.get(f"{{{_W_NS}}}enforcement", "0").lower() in ("1", "true", "on")
        edit = el.get(f"{{{_W_NS}}}edit", "none")
        if enforced and edit in _PROTECTING:
            return _PROTECTING[edit]
    return None
