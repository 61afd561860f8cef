"""The docx reader: document order, runs joined, tracked changes, headers/footers, locators."""

from __future__ import annotations

from pathlib import Path

import pytest

from docx_factory import add_runs, add_tracked, build, sample_policy
from wttsc_policy.document import BlockKind, LockReason, Zone
from wttsc_policy.read import read_document


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return sample_policy(tmp_path_factory.mktemp("docx") / "sample.docx")


def texts(doc):
    return [b.text for b in doc.blocks]


def test_phrase_split_across_formatted_runs_is_joined(sample):
    doc = read_document(sample)
    assert "We follow Working Together to Safeguard Children 2018 and the Data Protection Act 2018." in texts(doc)


def test_tracked_insertion_counts_and_deletion_does_not(sample):
    doc = read_document(sample)
    block = next(b for b in doc.blocks if b.text.startswith("Text with"))
    assert block.text == "Text with inserted words"
    assert "deleted words" not in " ".join(texts(doc))


def test_hyperlink_text_is_read(sample):
    doc = read_document(sample)
    assert "See Working Together to Safeguard Children 2018" in texts(doc)


def test_headers_footers_and_parts(sample):
    doc = read_document(sample)
    header = [b for b in doc.blocks if b.part == "header"]
    footer = [b for b in doc.blocks if b.part == "footer"]
    assert [b.text for b in header] == ["Hilltop School – Child Protection Policy"]
    assert [b.text for b in footer] == ["Reviewed against Working Together to Safeguard Children 2018"]
    assert footer[0].paragraph == 1 and footer[0].heading_path == ()


def test_tables_in_document_order_with_nested_tables(sample):
    doc = read_document(sample)
    t = texts(doc)
    assert t.index("Outer cell") < t.index("Nested cell mentions the clinical commissioning group")
    nested = next(b for b in doc.blocks if b.text.startswith("Nested cell"))
    assert nested.kind is BlockKind.TABLE_CELL and nested.table is not None


def test_history_table_is_a_history_zone(sample):
    doc = read_document(sample)
    row = next(b for b in doc.blocks if b.text.startswith("Updated for"))
    assert row.zone is Zone.HISTORY
    body = next(b for b in doc.blocks if b.text.startswith("We follow"))
    assert body.zone is Zone.BODY


def test_headings_levels_paths_and_list_items(sample):
    doc = read_document(sample)
    headings = [(b.text, b.level) for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert headings == [("Child protection policy", 1), ("Legislation and statutory guidance", 2), ("Contacts", 2)]
    item = next(b for b in doc.blocks if b.text == "Local Safeguarding Children Board")
    assert item.kind is BlockKind.LIST_ITEM
    assert item.heading_path == ("Child protection policy", "Legislation and statutory guidance")


def test_paragraph_numbers_increase_in_document_order(sample):
    doc = read_document(sample)
    body = [b.paragraph for b in doc.blocks if b.part == "body"]
    assert body == sorted(body) and len(set(body)) == len(body)


def test_field_results_are_read_but_not_editable(sample):
    doc = read_document(sample)
    block = next(b for b in doc.blocks if b.text.startswith("See section"))
    assert block.text == "See section Working Together to Safeguard Children 2018"
    assert block.lock_in(12, len(block.text)) is not None
    assert block.lock_in(12, len(block.text)).reason is LockReason.FIELD
    assert block.lock_in(0, 3) is None


def test_existing_revision_text_is_not_editable(tmp_path):
    def fill(doc):
        p = doc.add_paragraph("Before ")
        add_tracked(p, inserted="Working Together 2018")

    doc = read_document(build(tmp_path / "rev.docx", fill))
    block = doc.blocks[0]
    assert block.text == "Before Working Together 2018"
    assert block.lock_in(7, len(block.text)) is not None
    assert block.lock_in(7, len(block.text)).reason is LockReason.TRACKED_CHANGE


def test_docx_findings_locate_paragraph_and_block_offsets(sample, run_cli):
    import json

    res = run_cli("check", str(sample), "--format", "json", "--select", "WT001")
    data = json.loads(res.stdout)
    findings = data["files"][0]["findings"]
    by_text = {(f["part"], f["paragraph"]): f for f in findings}
    body = by_text[("body", 9)]
    assert body["match"] == "Working Together to Safeguard Children 2018"
    assert body["span"] == {"start": 10, "end": 53}
    assert body["line"] is None and body["heading"] == "Legislation and statutory guidance"
    assert ("footer", 1) in by_text
    # the version-history row is never flagged
    assert all("Updated for" not in f["match"] for f in findings)


def test_runs_with_fonts_join(tmp_path):
    def fill(doc):
        p = doc.add_paragraph()
        add_runs(
            p, [("Local Safe", {"font": "Arial"}), ("guarding Children ", {"bold": True}), ("Board", {"italic": True})]
        )

    doc = read_document(build(tmp_path / "fonts.docx", fill))
    assert doc.blocks[0].text == "Local Safeguarding Children Board"


def test_find_child_is_lxml_find_of_a_tag():
    """ooxml.package.find_child replaces `el.find(tag)` on the reading and writing paths:
    the same element (the first child with the tag, never a grandchild, never a
    comment or processing instruction) for every element and tag of real documents."""
    import zipfile

    from lxml import etree

    from wttsc_policy.ooxml.elements import find_child

    root = Path(__file__).resolve().parent.parent
    tags = ["pPr", "rPr", "pStyle", "numPr", "t", "r", "tblPr", "sdtContent", "body", "ins"]
    tags = [f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{t}" for t in tags]
    extra = etree.fromstring(
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><!-- c --><?pi x?>'
        "<w:r><w:rPr/></w:r><w:rPr/><w:hyperlink><w:pPr/></w:hyperlink><w:pPr/><w:pPr/></w:p>"
    )
    trees = [extra]
    for name in ("oakfield-primary-2018.docx", "riverside-academy-2023.docx"):
        with zipfile.ZipFile(root / "examples" / name) as z:
            trees.append(etree.fromstring(z.read("word/document.xml")))
    compared = found = 0
    for tree in trees:
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            for tag in tags:
                expected = el.find(tag)
                assert find_child(el, tag) is expected
                compared += 1
                found += expected is not None
    assert found > 100 and compared > 10_000
    assert find_child(extra, tags[0]) is extra[5]  # the first of two, after a same-tag grandchild
