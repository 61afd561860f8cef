"""The markdown and text readers: block kinds, inline markup, front matter, locations."""

from __future__ import annotations

from wttsc_policy.document import BlockKind, Zone
from wttsc_policy.read import read_document, read_string

MD = """---
title: Child protection policy
reviewed: 2018
---
# Child protection policy

## 1. Legislation

This policy follows *Working Together* to [Safeguard Children](https://example.org) 2018
and the Data Protection Act 2018.

- Children Act **1989**
- the _Local Safeguarding_ Children Board

| Version | Date | Changes |
|---|---|---|
| 2.0 | 2018 | Updated for Working Together to Safeguard Children 2018 |

| Contact | Name |
|---|---|
| LSCB | Jo Bloggs |
"""


def blocks(text=MD):
    return read_string(text, "markdown").blocks


def test_front_matter_is_skipped():
    assert all("title:" not in b.text for b in blocks())
    assert blocks()[0].text == "Child protection policy"


def test_kinds_levels_and_heading_paths():
    bs = blocks()
    assert [(b.text, b.level) for b in bs if b.kind is BlockKind.HEADING] == [
        ("Child protection policy", 1),
        ("1. Legislation", 2),
    ]
    item = next(b for b in bs if b.text.startswith("the Local"))
    assert item.kind is BlockKind.LIST_ITEM
    assert item.heading_path == ("Child protection policy", "1. Legislation")
    cell = next(b for b in bs if b.text == "Jo Bloggs")
    assert cell.kind is BlockKind.TABLE_CELL and cell.table == (1, 1, 1)


def test_inline_markup_does_not_break_phrases():
    para = next(b for b in blocks() if b.text.startswith("This policy"))
    assert para.text.startswith("This policy follows Working Together to Safeguard Children 2018\nand")


def test_history_table_zone_and_plain_table():
    bs = blocks()
    assert next(b for b in bs if b.text.startswith("Updated for")).zone is Zone.HISTORY
    assert next(b for b in bs if b.text == "LSCB").zone is Zone.BODY


def test_source_offsets_point_into_the_file(tmp_path):
    path = tmp_path / "p.md"
    path.write_text(MD, encoding="utf-8")
    doc = read_document(path)
    para = next(b for b in doc.blocks if b.text.startswith("This policy"))
    i = para.text.index("Safeguard Children")
    off = para.source_offset(i)
    assert MD[off : off + len("Safeguard Children")] == "Safeguard Children"
    line, col = doc.line_col(off)
    assert MD.splitlines()[line - 1][col - 1 :].startswith("Safeguard Children")


def test_crlf_files_keep_offsets(tmp_path):
    text = "# Title\r\n\r\nWe follow Working Together to Safeguard Children 2018.\r\n"
    path = tmp_path / "crlf.md"
    path.write_bytes(text.encode())
    doc = read_document(path)
    para = doc.blocks[1]
    off = para.source_offset(para.text.index("Working"))
    assert text[off:].startswith("Working Together")
    assert doc.line_col(off) == (3, 11)


def test_plain_text_paragraphs_and_headings(tmp_path):
    text = "CHILD PROTECTION POLICY\n\n1. Legislation\n\nWe follow Working Together to\nSafeguard Children 2018.\n\n- a bullet\n"
    path = tmp_path / "p.txt"
    path.write_text(text)
    doc = read_document(path)
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert kinds[0] == (BlockKind.HEADING, "CHILD PROTECTION POLICY")
    assert kinds[1] == (BlockKind.HEADING, "1. Legislation")
    assert kinds[2] == (BlockKind.PARAGRAPH, "We follow Working Together to\nSafeguard Children 2018.")
    assert kinds[3][0] is BlockKind.LIST_ITEM
    assert doc.blocks[2].heading_path == ("CHILD PROTECTION POLICY", "1. Legislation")
    off = doc.blocks[2].source_offset(0)
    assert doc.line_col(off) == (5, 1)


def test_suppression_directives_are_collected():
    doc = read_string(
        "Intro.\n\n<!-- wttsc-policy: ignore WT001 -- local wording -->\nText WT 2018.\n\nMore.\n", "markdown"
    )
    assert len(doc.suppressions) == 1
    sup = doc.suppressions[0]
    assert sup.rules == ("WT001",) and sup.reason == "local wording"
    assert doc.blocks[sup.blocks[0]].text == "Text WT 2018."


def test_running_page_footers_in_text_are_not_headings(tmp_path):
    from wttsc_policy.read.text import heading_level

    assert heading_level("Oakwood Primary School Child Protection Policy Page 2 of 9") == 0
    assert heading_level("Page 3") == 0
    assert heading_level("12") == 0
    assert heading_level("Early Help") == 2
