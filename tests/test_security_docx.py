"""Hostile Word packages (audit issue 16, MEDIUM and LOW): ambiguous or unsafe entry
names, content the tool cannot see, macros, Strict Open XML, Restrict Editing.

Each is refused with exit 2 and one line naming the file and saying what to do, or
read with a warning; the input is never changed and nothing is written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hostile_support import OUTDATED, W, assert_one_line_error, body_xml, cli, docx, project, snapshot
from test_hostile import CONTENT_TYPES

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
ALT_CHUNK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
SETTINGS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings"


def _refused_by_both(root: Path, name: str, data: bytes, *hints: str) -> None:
    (root / name).write_bytes(data)
    before = snapshot(root)
    for command in ("check", "update"):
        assert_one_line_error(cli(command, name, cwd=root), name, *hints)
        assert snapshot(root) == before


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_duplicate_entry_names_are_refused(tmp_path: Path) -> None:
    """Two word/document.xml entries: zip readers disagree on which one is the text."""
    other = body_xml("An innocent paragraph.")
    data = docx({}, entries=[("word/document.xml", other)])
    _refused_by_both(project(tmp_path), "twice.docx", data, "two entries", "word/document.xml")


def test_entry_names_differing_only_in_case_are_refused(tmp_path: Path) -> None:
    data = docx({}, entries=[("WORD/DOCUMENT.XML", body_xml("Hidden."))])
    _refused_by_both(project(tmp_path), "case.docx", data, "two entries")


@pytest.mark.parametrize("name", ["../evil.xml", "/abs.xml", "word/../../x.xml", "word\\\\x.xml"])
def test_entry_names_outside_the_package_are_refused(tmp_path: Path, name: str) -> None:
    _refused_by_both(project(tmp_path), "escape.docx", docx({}, entries=[(name, b"x")]), "not a valid part name")


def test_alt_chunk_content_is_warned_about(tmp_path: Path) -> None:
    root = project(tmp_path)
    rels = (
        f'<?xml version="1.0"?><Relationships xmlns="{REL_NS}">'
        f'<Relationship Id="rId9" Type="{ALT_CHUNK}" Target="afchunk.htm"/></Relationships>'
    )
    document = body_xml(
        filler='<w:altChunk xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId9"/>'
    )
    data = docx(
        {
            "word/document.xml": document,
            "word/_rels/document.xml.rels": rels,
            "word/afchunk.htm": "<html><body>Working Together 2018, hidden from the tool</body></html>",
        }
    )
    (root / "chunk.docx").write_bytes(data)
    proc = cli("check", "chunk.docx", "--format", "json", cwd=root)
    assert proc.returncode == 1, proc.stderr
    notes = json.loads(proc.stdout)["files"][0]["notes"]
    assert any("word/afchunk.htm" in str(n) and "by hand" in str(n) for n in notes), notes
    text = cli("check", "chunk.docx", cwd=root).stdout
    assert "word/afchunk.htm" in text


def test_macro_enabled_document_renamed_docx_is_refused(tmp_path: Path) -> None:
    types = CONTENT_TYPES.replace(
        "wordprocessingml.document.main+xml", "application/vnd.ms-word.document.macroEnabled.main+xml"
    )
    data = docx({"[Content_Types].xml": types, "word/vbaProject.bin": b"\x00VBA"})
    _refused_by_both(project(tmp_path), "macros.docx", data, "macros", "docx")


def test_strict_open_xml_gets_a_helpful_message(tmp_path: Path) -> None:
    strict_rels = (
        f'<?xml version="1.0"?><Relationships xmlns="{REL_NS}"><Relationship Id="rId1" '
        'Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    strict_doc = (
        '<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body><w:p><w:r>'
        f"<w:t>{OUTDATED}</w:t></w:r></w:p></w:body></w:document>"
    )
    data = docx({"_rels/.rels": strict_rels, "word/document.xml": strict_doc})
    _refused_by_both(project(tmp_path), "strict.docx", data, "strict open xml", "save it as")


def test_protected_document_is_checked_but_not_edited(tmp_path: Path) -> None:
    root = project(tmp_path)
    rels = (
        f'<?xml version="1.0"?><Relationships xmlns="{REL_NS}">'
        f'<Relationship Id="rId3" Type="{SETTINGS}" Target="settings.xml"/></Relationships>'
    )
    settings = (
        f'<?xml version="1.0"?><w:settings {W}><w:documentProtection w:edit="readOnly" w:enforcement="1"/></w:settings>'
    )
    data = docx({"word/_rels/document.xml.rels": rels, "word/settings.xml": settings})
    (root / "locked.docx").write_bytes(data)
    before = snapshot(root)
    assert cli("check", "locked.docx", cwd=root).returncode == 1
    assert_one_line_error(cli("update", "locked.docx", cwd=root), "locked.docx", "protected", "restrict editing")
    assert snapshot(root) == before
