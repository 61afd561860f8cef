"""The tracked-change writer at the XML level: run splitting, marks, ids, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from wttsc_policy.ooxml.package import W_NS
from wttsc_policy.ooxml.paragraphs import inserted_paragraph
from wttsc_policy.ooxml.resolve import resolve
from wttsc_policy.ooxml.revisions import (
    EditError,
    IdAllocator,
    RevisionContext,
    replace_text,
)
from wttsc_policy.ooxml.textmap import paragraph_text

W = f"{{{W_NS}}}"
NS = f'xmlns:w="{W_NS}"'


def para(inner: str) -> etree._Element:
    body = etree.fromstring(f"<w:body {NS}><w:p>{inner}</w:p><w:p><w:r><w:t>Next.</w:t></w:r></w:p></w:body>")
    return body[0]


def ctx(start: int = 100) -> RevisionContext:
    return RevisionContext(author="Tester", date="2024-09-01T00:00:00Z", ids=IdAllocator(start=start))


def text_of(p: etree._Element) -> str:
    return paragraph_text(p).text


def reject_text(p: etree._Element) -> str:
    body = p.getparent()
    resolve(body, "reject")
    return paragraph_text(body[0]).text


def accept_text(p: etree._Element) -> str:
    body = p.getparent()
    resolve(body, "accept")
    return paragraph_text(body[0]).text


FORMATTED = (
    '<w:r><w:t xml:space="preserve">We follow </w:t></w:r>'
    '<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">Working Together to </w:t></w:r>'
    '<w:r><w:rPr><w:b/><w:rFonts w:ascii="Georgia"/></w:rPr><w:t>Safeguard Children 2018 now</w:t></w:r>'
)


def test_replacement_across_formatted_runs():
    p = para(FORMATTED)
    old = text_of(p)
    start = old.index("Working")
    end = old.index(" now")
    marks = replace_text(p, start, end, "Working Together to Safeguard Children 2023", ctx())
    assert [m.tag for m in marks] == [f"{W}del", f"{W}ins"]
    deleted = marks[0].findall(f"{W}r")
    assert ["".join(t.text for t in r.findall(f"{W}delText")) for r in deleted] == [
        "Working Together to ",
        "Safeguard Children 2018",
    ]
    assert deleted[0].find(f"{W}rPr/{W}i") is not None
    assert deleted[1].find(f"{W}rPr/{W}b") is not None and deleted[1].find(f"{W}rPr/{W}rFonts") is not None
    assert deleted[0].find(f"{W}delText").get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    assert marks[0].find(f"{W}r/{W}t") is None  # no live text inside a deletion
    # the inserted run is formatted like the first deleted character
    assert marks[1].find(f"{W}r/{W}rPr/{W}i") is not None
    # the tail of the split run keeps bold and font
    tail = marks[1].getnext()
    assert tail.find(f"{W}t").text == " now" and tail.find(f"{W}rPr/{W}b") is not None
    assert tail.find(f"{W}t").get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    for mark in marks:
        assert mark.get(f"{W}author") == "Tester" and mark.get(f"{W}date") == "2024-09-01T00:00:00Z"
    assert text_of(p) == "We follow Working Together to Safeguard Children 2023 now"
    assert reject_text(p) == old


def test_split_inside_one_run_touches_only_that_run():
    p = para("<w:r><w:rPr><w:b/></w:rPr><w:t>abcXYZdef</w:t></w:r><w:r><w:t>!</w:t></w:r>")
    replace_text(p, 3, 6, "new", ctx())
    runs = [child for child in p if child.tag == f"{W}r"]
    assert [r.find(f"{W}t").text for r in runs] == ["abc", "def", "!"]
    assert all(r.find(f"{W}rPr/{W}b") is not None for r in runs[:2])
    assert accept_text(p) == "abcnewdef!"


def test_marks_stay_inside_a_hyperlink():
    p = para(
        '<w:r><w:t xml:space="preserve">See </w:t></w:r><w:hyperlink w:anchor="x"><w:r><w:t>the LSCB site</w:t></w:r></w:hyperlink>'
    )
    start = text_of(p).index("LSCB")
    marks = replace_text(p, start, start + 4, "partnership", ctx())
    link = p.find(f"{W}hyperlink")
    assert all(m.getparent() is link for m in marks)
    assert accept_text(p) == "See the partnership site"


@pytest.mark.parametrize(
    "inner",
    [
        # a complex field's result
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF x </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>LSCB</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
        # an existing tracked insertion
        '<w:ins w:id="1" w:author="A" w:date="2020-01-01T00:00:00Z"><w:r><w:t>LSCB</w:t></w:r></w:ins>',
        # a content control
        "<w:sdt><w:sdtContent><w:r><w:t>LSCB</w:t></w:r></w:sdtContent></w:sdt>",
    ],
)
def test_refuses_fields_revisions_and_content_controls(inner):
    p = para(inner)
    before = etree.tostring(p)
    with pytest.raises(EditError):
        replace_text(p, 0, 4, "partnership", ctx())
    assert etree.tostring(p) == before


def test_ids_are_above_every_existing_id(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from docx_factory import add_tracked, build
    from wttsc_policy.ooxml.package import DocxPackage

    def fill(doc):
        add_tracked(doc.add_paragraph("x"), inserted="a", deleted="b")  # ids 901, 902

    pkg = DocxPackage.open(build(tmp_path / "ids.docx", fill))
    allocator = IdAllocator(pkg)
    assert allocator.next() == 903 and allocator.next() == 904


def test_text_under_someone_elses_formatting_change_is_refused():
    # LibreOffice does not reject a formatting change under a deletion: Reject All would
    # leave the deleted characters in the new formatting, so such text is a hand edit.
    rpr_change = '<w:rPrChange w:id="7" w:author="A" w:date="2020-01-01T00:00:00Z"><w:rPr/></w:rPrChange>'
    p = para(f"<w:r><w:rPr><w:b/>{rpr_change}</w:rPr><w:t>abcXYZdef</w:t></w:r>")
    before = etree.tostring(p)
    with pytest.raises(EditError):
        replace_text(p, 3, 6, "new", ctx(start=50))
    assert etree.tostring(p) == before


def test_inserted_paragraph_marks_its_paragraph_mark():
    template = etree.fromstring(
        f'<w:pPr {NS}><w:pStyle w:val="ListBullet"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>'
        '<w:pageBreakBefore/><w:rPr><w:sz w:val="22"/></w:rPr></w:pPr>'
    )
    c = ctx()
    bullet = inserted_paragraph("An item", template, None, c, keep_numbering=True)
    plain = inserted_paragraph("Text", template, None, c, keep_numbering=False)
    assert bullet.find(f"{W}pPr/{W}rPr/{W}ins") is not None
    assert bullet.find(f"{W}pPr/{W}numPr") is not None and plain.find(f"{W}pPr/{W}numPr") is None
    assert bullet.find(f"{W}pPr/{W}rPr/{W}sz") is None  # template's own mark formatting is not copied
    assert bullet.find(f"{W}pPr/{W}pageBreakBefore") is None  # nor its page break
    assert bullet.find(f"{W}ins/{W}r/{W}t").text == "An item"
    body = etree.fromstring(
        f"<w:body {NS}><w:p><w:r><w:t>Before.</w:t></w:r></w:p><w:p><w:r><w:t>After.</w:t></w:r></w:p></w:body>"
    )
    body[0].addnext(bullet)
    bullet.addnext(plain)
    original = [paragraph_text(p).text for p in etree.fromstring(etree.tostring(body))]
    rejected = resolve(etree.fromstring(etree.tostring(body)), "reject")
    assert [paragraph_text(p).text for p in rejected] == ["Before.", "After."]
    accepted = resolve(etree.fromstring(etree.tostring(body)), "accept")
    assert [paragraph_text(p).text for p in accepted] == original


from hypothesis import given, settings
from hypothesis import strategies as st

_RUN_TEXT = st.text(alphabet="ab cXY.", min_size=1, max_size=8)
_FORMAT = st.sampled_from(["", "<w:b/>", "<w:i/>", '<w:rFonts w:ascii="Georgia"/>'])


@settings(max_examples=150, deadline=None)
@given(
    runs=st.lists(st.tuples(_RUN_TEXT, _FORMAT), min_size=1, max_size=6),
    data=st.data(),
    new=st.text(alphabet="NEW new", min_size=0, max_size=6),
)
def test_any_replacement_round_trips(runs, data, new):
    inner = "".join(
        f'<w:r>{"<w:rPr>" + fmt + "</w:rPr>" if fmt else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'
        for text, fmt in runs
    )
    p = para(inner)
    old = text_of(p)
    start = data.draw(st.integers(0, len(old) - 1))
    end = data.draw(st.integers(start + 1, len(old)))
    formats = [fmt for text, fmt in runs for _ in text]  # formatting of every original character
    replace_text(p, start, end, new, ctx())
    # every character that is still live text keeps its original formatting
    live = [
        (t.text, etree.tostring(r.find(f"{W}rPr")).decode() if r.find(f"{W}rPr") is not None else "")
        for r in p.iter(f"{W}r")
        for t in r.findall(f"{W}t")
        if not any(a.tag == f"{W}ins" for a in r.iterancestors())
    ]
    kept = "".join(text for text, _ in live)
    assert kept == old[:start] + old[end:]
    position = 0
    for text, rpr in live:
        for _ in text:
            source = position if position < start else position + (end - start)
            expected = formats[source]
            assert (expected == "" and rpr == "") or (expected and expected.split()[0].split("/")[0].strip("<") in rpr)
            position += 1
    body = p.getparent()
    accepted = resolve(etree.fromstring(etree.tostring(body)), "accept")
    rejected = resolve(etree.fromstring(etree.tostring(body)), "reject")
    assert paragraph_text(accepted[0]).text == old[:start] + new + old[end:]
    assert paragraph_text(rejected[0]).text == old


def test_a_span_half_inside_a_hyperlink_is_marked_on_both_sides():
    p = para(
        '<w:r><w:t xml:space="preserve">Read </w:t></w:r><w:hyperlink w:anchor="wt"><w:r><w:t>Working Together</w:t></w:r></w:hyperlink>'
        '<w:r><w:t xml:space="preserve"> to Safeguard Children 2018 today.</w:t></w:r>'
    )
    old = text_of(p)
    start, end = old.index("Working"), old.index(" today")
    marks = replace_text(p, start, end, "Working Together to Safeguard Children 2023", ctx())
    link = p.find(f"{W}hyperlink")
    assert link.getparent() is p  # never wrapped by a mark
    assert {m.getparent() for m in marks} == {link, p}
    copy = etree.fromstring(etree.tostring(p.getparent()))[0]
    assert accept_text(p) == "Read Working Together to Safeguard Children 2023 today."
    assert reject_text(copy) == old


def test_a_list_inserted_where_the_document_has_no_bullet_style_is_written_without_warnings(tmp_path):
    """A clause's bullets go into a document with no bulleted list near and no List
    Bullet style: the writer builds the list from List Paragraph and a bullet numbering
    of its own. Run with warnings as errors (an lxml element's truth value once warned
    here on real documents, and a warning on stderr is noise a DSL should not see)."""
    import subprocess
    import sys
    import zipfile

    from docx_factory import build

    def fill(doc) -> None:
        styles = doc.styles.element
        for style in styles.findall(f"{{{W_NS}}}style"):
            if style.get(f"{{{W_NS}}}styleId", "").startswith("ListBullet"):
                styles.remove(style)
        doc.add_heading("Hilltop School child protection policy", level=1)
        doc.add_heading("Early help", level=2)
        doc.add_paragraph("Staff tell the designated safeguarding lead about any child who may need early help.")
        doc.add_heading("Information sharing", level=2)
        doc.add_paragraph("We share information with the local authority when a child is at risk.")

    src = build(tmp_path / "policy.docx", fill)
    (tmp_path / "wttsc-policy.toml").write_text("growth_budget = 50\n", encoding="utf-8")  # room for the clauses
    out = tmp_path / "out.docx"
    proc = subprocess.run(
        [
            sys.executable,
            "-W",
            "error",
            "-m",
            "wttsc_policy",
            "update",
            str(src),
            "--output",
            str(out),
            "--notes",
            str(tmp_path / "notes.md"),
            "--date",
            "2026-12-08",
            "--force",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    body = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert 'w:pStyle w:val="ListParagraph"' in body and "<w:numPr>" in body  # the list built here


def test_ids_are_found_without_parsing_parts_that_cannot_hold_one(tmp_path):
    """IdAllocator skips parts whose bytes show no `prefix:id=` (styles, theme, fonts):
    the ids it finds are those of parsing every part, on the examples, on a part whose
    id attribute is spaced around '=', and on parts in UTF-16, which a byte scan cannot read."""
    import zipfile

    from wttsc_policy.ooxml.ids import ALL_IDS, may_hold_ids
    from wttsc_policy.ooxml.package import DocxPackage

    def every_id(pkg: DocxPackage) -> set[int]:
        out: set[int] = set()
        for name in pkg.names:
            if name.endswith(".xml") and name.startswith("word/"):
                out |= {int(v) for v in ALL_IDS(pkg.xml(name)) if str(v).lstrip("-").isdigit()}
        return out

    root = Path(__file__).resolve().parent.parent
    crafted = tmp_path / "crafted.docx"
    with zipfile.ZipFile(root / "examples" / "oakfield-primary-2018.docx") as src, zipfile.ZipFile(crafted, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("word/extra1.xml", f'<?xml version="1.0"?><x xmlns:q="{W_NS}"><y q:id = "7001"/></x>')
        utf16 = f'<?xml version="1.0" encoding="UTF-16"?><x xmlns:w="{W_NS}"><y w:id="7002"/></x>'
        dst.writestr("word/extra2.xml", "\ufeff".encode("utf-16-le") + utf16.encode("utf-16-le"))
    skipped = 0
    for path in [
        root / "examples" / "oakfield-primary-2018.docx",
        root / "examples" / "riverside-academy-2023.docx",
        crafted,
    ]:
        pkg = DocxPackage.open(path)
        allocator = IdAllocator(pkg)
        assert allocator.used == every_id(DocxPackage.open(path))
        skipped += sum(1 for n in pkg.names if n.startswith("word/") and n.endswith(".xml") and not pkg.is_parsed(n))
    assert {7001, 7002} <= IdAllocator(DocxPackage.open(crafted)).used
    assert skipped > 0  # some parts were judged by their bytes alone
    assert may_hold_ids("<a/>".encode("utf-16"))
    assert not may_hold_ids(b'<?xml version="1.0"?><w:styles xmlns:w="x"><w:style w:styleId="a"/></w:styles>')
