"""The harness's own pieces, on small hand-written packages (no corpus, no LibreOffice).

A harness that cannot fail is worthless, so each static check is shown to catch the
defect it names, the planter to change nothing but the planted text, the site finder to
tell plain runs from fields, revisions, content controls and text boxes, and the
LibreOffice comparison to report style, list and formatting differences.
"""

from __future__ import annotations

import io
import zipfile

from wordcorpus.fidelity import compare_reject
from wordcorpus.ooxml import Package
from wordcorpus.plant import PHRASE, SENTENCE, plant
from wordcorpus.sites import choose_plain, plain_sites, tricky_sites
from wordcorpus.static import check, count_phrase
from wordcorpus.tool import hand_edit_rows

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>"""


def docx(body: str, extra: dict[str, str] | None = None) -> bytes:
    doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", CT)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/_rels/document.xml.rels", DOC_RELS)
        zf.writestr("word/document.xml", doc)
        zf.writestr("docProps/app.xml", "<Properties/>")
        for name, text in (extra or {}).items():
            zf.writestr(name, text)
    return buf.getvalue()


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


BODY = (
    "<w:p><w:r><w:t>First plain run.</w:t></w:r></w:p>"
    '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "http://x" </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>link text</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    '<w:p><w:ins w:id="5" w:author="Someone"><w:r><w:t>their insertion</w:t></w:r></w:ins></w:p>'
    "<w:sdt><w:sdtContent><w:p><w:r><w:t>in a control</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    "<w:p><w:r><w:t>Middle plain run.</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>Last plain run.</w:t></w:r></w:p>"
)


def test_sites_tell_plain_runs_from_tricky_places() -> None:
    pkg = Package.from_bytes(docx(BODY))
    plain = plain_sites(pkg)
    assert len(plain) == 3 and choose_plain(plain) == plain
    assert [s.kind for s in tricky_sites(pkg)] == ["field:HYPERLINK", "other-ins", "sdt"]


def test_plant_changes_only_the_planted_text() -> None:
    data = docx(BODY)
    pkg = Package.from_bytes(data)
    planted, records = plant(pkg, choose_plain(plain_sites(pkg)))
    before, after = parts(data), parts(planted)
    assert [n for n in before if before[n] != after[n]] == ["word/document.xml"]
    assert count_phrase(planted, PHRASE) == 3
    assert records[0]["run_text"] == "First plain run."
    assert SENTENCE.encode() in after["word/document.xml"]


def test_static_check_passes_an_identical_package() -> None:
    data = docx(BODY)
    assert check(data, data) == []


def _problems(before_body: str, after_body: str) -> set[str]:
    return {code for code, _ in check(docx(before_body), docx(after_body))}


def test_static_check_catches_duplicate_revision_ids_and_double_marks() -> None:
    after = (
        BODY + '<w:p><w:pPr><w:rPr><w:ins w:id="5" w:author="a"/><w:ins w:id="9" w:author="a"/></w:rPr></w:pPr></w:p>'
    )
    assert {"duplicate-revision-id", "double-ins-in-rPr"} <= _problems(BODY, after)


def test_static_check_catches_nested_insertions_and_misplaced_deleted_text() -> None:
    after = BODY + (
        '<w:p><w:ins w:id="20" w:author="a"><w:ins w:id="21" w:author="a"><w:r><w:t>x</w:t></w:r></w:ins></w:ins>'
        '<w:r><w:delText>gone</w:delText></w:r><w:del w:id="22" w:author="a"><w:r><w:t>kept</w:t></w:r></w:del></w:p>'
    )
    assert {"nested-ins", "delText-outside-del", "t-inside-del"} <= _problems(BODY, after)


def test_static_check_catches_open_comment_ranges() -> None:
    after = BODY + '<w:p><w:commentRangeStart w:id="40"/><w:r><w:t>x</w:t></w:r></w:p>'
    assert {
        "comment-range-unclosed",
        "comment-range-without-reference",
        "comment-id-not-in-comments-part",
    } <= _problems(BODY, after)


def test_static_check_ignores_defects_the_input_already_had() -> None:
    broken = BODY + '<w:p><w:ins w:id="5" w:author="b"><w:r><w:t>dup id</w:t></w:r></w:ins></w:p>'
    assert "duplicate-revision-id" not in _problems(broken, broken)


def test_static_check_catches_a_changed_part_that_holds_no_text() -> None:
    before = docx(BODY, {"word/settings.xml": f'<w:settings xmlns:w="{W}"/>'})
    after = docx(BODY, {"word/settings.xml": f'<w:settings xmlns:w="{W}"><w:zoom w:percent="90"/></w:settings>'})
    assert ("untouched-part-changed", "word/settings.xml") in check(before, after)


def test_accept_view_drops_deleted_text_and_keeps_inserted() -> None:
    body = (
        f'<w:p><w:del w:id="1" w:author="a"><w:r><w:delText>{PHRASE}</w:delText></w:r></w:del>'
        f'<w:ins w:id="2" w:author="a"><w:r><w:t>{PHRASE.replace("2018", "2023")}</w:t></w:r></w:ins></w:p>'
    )
    data = docx(body)
    assert count_phrase(data, PHRASE, accept=True) == 0
    assert count_phrase(data, PHRASE, accept=False) == 1


def _para(text: str, style: str = "Standard", label: str = "", level=None, bold: float = 100.0) -> dict:
    return {
        "where": "body",
        "text": text,
        "style": style,
        "label": label,
        "level": level,
        "format": [[len(text), {"CharWeight": bold}]],
    }


def test_compare_reject_reports_each_kind_of_difference() -> None:
    planted = [_para("Title", "Heading 1"), _para("one", label="1.", level=0), _para("body"), _para("")]
    same = compare_reject(planted, [dict(p) for p in planted])
    assert same == []
    redline = [
        _para("Title", "Text Body"),
        _para("one", label="1.", level=2),
        _para("body", bold=150.0),
        _para(""),
        _para(""),
    ]
    codes = {code for code, _, _ in compare_reject(planted, redline)}
    assert codes == {"reject-text-whitespace", "reject-style", "reject-list", "reject-format"}
    assert {code for code, _, _ in compare_reject(planted, [_para("Title", "Heading 1"), _para("other")])} >= {
        "reject-text"
    }


def test_hand_edit_rows_read_only_the_not_changed_table() -> None:
    notes = (
        f"# Change notes\n\n| 1 | body | {PHRASE} | x |\n\n### Not changed automatically\n\nText.\n\n"
        f"| Rule | Where |\n| --- | --- |\n| WT001 Cite | body | {PHRASE} | fix | inside a field |\n\n## Next\n| {PHRASE} |\n"
    )
    assert len(hand_edit_rows(notes)) == 1
    assert hand_edit_rows("# Change notes\n") == []


def test_a_header_shown_in_several_page_styles_counts_once() -> None:
    """LibreOffice shows one header in every page style using it, page numbers and all."""
    from wordcorpus.fidelity import count_in

    def header(style: str, page: str) -> dict:
        return {"where": f"{style}/HeaderText", "text": f"{PHRASE} ⟦field⟧", "full": f"{PHRASE} {page}"}

    shown = [header("Standard", "1"), header("Converted1", "7"), {"where": "body", "text": PHRASE}]
    assert count_in(shown, PHRASE) == 2
