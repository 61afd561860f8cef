"""The harness's judge for documents LibreOffice cannot judge: Reject/Accept All on the XML
(tools/wordcorpus/resolve.py, xmljudge.py) and the comment control (control.py), on small
hand-written packages. Each is shown to catch what it must, so it cannot pass by default."""

from __future__ import annotations

from test_harness import docx, parts
from wordcorpus.control import with_control_comments
from wordcorpus.ooxml import Package, w
from wordcorpus.plant import PHRASE
from wordcorpus.resolve import resolve
from wordcorpus.xmljudge import judge, paragraphs

BY = 'w:id="{}" w:author="wttsc-policy" w:date="2026-01-01T00:00:00Z"'
HEADING = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'


def _texts(data: bytes) -> list[tuple[str, str | None]]:
    return [(p["text"], p["style"]) for p in paragraphs(data)]


def test_reject_restores_deletions_and_drops_insertions() -> None:
    body = (
        f"<w:p><w:r><w:t>Follows </w:t></w:r><w:del {BY.format(1)}><w:r><w:delText>2018</w:delText></w:r></w:del>"
        f"<w:ins {BY.format(2)}><w:r><w:t>2026</w:t></w:r></w:ins></w:p>"
    )
    assert _texts(resolve(docx(body), "reject")) == [("Follows 2018", None)]
    assert _texts(resolve(docx(body), "accept")) == [("Follows 2026", None)]


def test_an_inserted_paragraph_mark_joins_the_next_paragraph_on_reject() -> None:
    """A new clause before a heading: its paragraph goes, the heading keeps its style."""
    body = (
        f"<w:p><w:pPr><w:rPr><w:ins {BY.format(3)}/></w:rPr></w:pPr><w:ins {BY.format(4)}><w:r><w:t>New clause.</w:t></w:r></w:ins></w:p>"
        f"<w:p>{HEADING}<w:r><w:t>Review</w:t></w:r></w:p>"
    )
    assert _texts(resolve(docx(body), "reject")) == [("Review", "Heading1")]
    assert _texts(resolve(docx(body), "accept")) == [("New clause.", None), ("Review", "Heading1")]


def test_reject_puts_old_formatting_back() -> None:
    body = (
        '<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:pPrChange w:id="5" w:author="x"><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:pPrChange></w:pPr>'
        '<w:r><w:rPr><w:b/><w:rPrChange w:id="6" w:author="x"><w:rPr/></w:rPrChange></w:rPr><w:t>Title</w:t></w:r></w:p>'
    )
    rejected = paragraphs(resolve(docx(body), "reject"))
    assert rejected[0]["style"] == "Heading1" and rejected[0]["format"] == [(len("Title"), {})]  # (length, properties)
    accepted = paragraphs(resolve(docx(body), "accept"))
    assert accepted[0]["style"] == "Heading2" and accepted[0]["format"][0][1] != {}


def test_judge_passes_a_faithful_redline_and_catches_what_reject_leaves_behind() -> None:
    planted = docx(f"<w:p><w:r><w:t>A {PHRASE}.</w:t></w:r></w:p><w:p>{HEADING}<w:r><w:t>Review</w:t></w:r></w:p>")
    good = docx(
        f"<w:p><w:r><w:t>A </w:t></w:r><w:del {BY.format(1)}><w:r><w:delText>{PHRASE}</w:delText></w:r></w:del>"
        f"<w:ins {BY.format(2)}><w:r><w:t>new</w:t></w:r></w:ins><w:r><w:t>.</w:t></w:r></w:p>"
        f"<w:p><w:pPr><w:rPr><w:ins {BY.format(3)}/></w:rPr></w:pPr><w:ins {BY.format(4)}><w:r><w:t>Clause.</w:t></w:r></w:ins></w:p>"
        f"<w:p>{HEADING}<w:r><w:t>Review</w:t></w:r></w:p>"
    )
    assert judge(planted, good, PHRASE) == ([], 0)
    # the new paragraph's mark is not tracked: Reject All leaves an empty paragraph and
    # the heading's style on it; the edit is not tracked either, so the phrase stays
    bad = docx(
        f"<w:p><w:r><w:t>A {PHRASE}.</w:t></w:r></w:p>"
        f"<w:p>{HEADING}<w:ins {BY.format(4)}><w:r><w:t>Clause.</w:t></w:r></w:ins></w:p>"
        "<w:p><w:r><w:t>Review</w:t></w:r></w:p>"
    )
    problems, left = judge(planted, bad, PHRASE)
    assert {code for code, _, _ in problems} == {"reject-text-whitespace", "reject-style"}
    assert left == 1


def test_judge_sees_a_lost_style() -> None:
    planted = docx(f"<w:p>{HEADING}<w:r><w:t>Review</w:t></w:r></w:p>")
    redline = docx("<w:p><w:r><w:t>Review</w:t></w:r></w:p>")
    problems, _ = judge(planted, redline, PHRASE)
    assert [code for code, _, _ in problems] == ["reject-style"]


def test_control_comments_the_planted_paragraphs_and_creates_the_comments_part() -> None:
    planted = docx(f"<w:p><w:r><w:t>A {PHRASE}.</w:t></w:r></w:p><w:p><w:r><w:t>Other.</w:t></w:r></w:p>")
    data, n = with_control_comments(planted, PHRASE)
    assert n == 1
    pkg = Package.from_bytes(data)
    assert pkg.related(pkg.main, "comments") == ["word/comments.xml"]
    doc = pkg.xml(pkg.main)
    first, second = doc.iter(w("p"))
    assert first.find(w("commentRangeStart")) is not None and second.find(w("commentRangeStart")) is None
    assert b"control" in parts(data)["word/comments.xml"]
    assert _texts(data) == _texts(planted)  # comments change no text


def test_text_box_text_is_counted_once_in_its_own_paragraph() -> None:
    """A VML text box's paragraph sits inside its anchor paragraph; its sentence was counted
    in both (poi-stress010: 5 outdated sentences for 4 hand edits)."""
    box = (
        '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
        f"<w:p><w:r><w:t>Box {PHRASE}.</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    planted = docx(f"<w:p><w:r><w:t>Anchor.</w:t></w:r>{box}</w:p>")
    assert _texts(planted) == [("Anchor.", None), (f"Box {PHRASE}.", None)]
    assert judge(planted, planted, PHRASE) == ([], 1)
