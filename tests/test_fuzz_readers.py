"""Property tests for the readers: whatever the bytes, a reader returns a Document or
raises the tool's own InputError; and a phrase Word has split into runs at arbitrary
points (with formatting, bookmarks, proofing marks, deleted text in between) reads
back whole and is found by the rules.

Budgets are bounded (`max_examples`, no deadline) so CI stays fast.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from wttsc_policy.document import BlockKind
from wttsc_policy.errors import InputError
from wttsc_policy.ooxml.package import Limits
from wttsc_policy.read import read_document

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
SMALL = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PHRASE = "Working Together to Safeguard Children 2018"

# --------------------------------------------------------------------------- helpers


class Scratch:
    """One temporary folder per test function (hypothesis reuses it across examples)."""

    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory()
        self.root = Path(self._dir.name)

    def write(self, name: str, data: bytes) -> Path:
        path = self.root / name
        path.write_bytes(data)
        return path

    def close(self) -> None:
        self._dir.cleanup()


@pytest.fixture(scope="module")
def scratch():
    s = Scratch()
    yield s
    s.close()


def read_or_input_error(path: Path, limits: Limits | None = None):
    """The property: a Document, or InputError naming the file. Anything else fails."""
    try:
        doc = read_document(path, limits)
    except InputError as exc:
        assert str(path) in exc.one_line()
        assert "\n" not in exc.one_line()
        return None
    assert doc.path == path
    for block in doc.blocks:
        assert isinstance(block.text, str)
    return doc


def make_docx(body: str, *, header: str | None = None, footer: str | None = None, styles: bool = True) -> bytes:
    rels = []
    overrides = [
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    ]
    parts: dict[str, str] = {}
    if styles:
        rels.append(f'<Relationship Id="rIdS" Type="{R_NS}/styles" Target="styles.xml"/>')
        parts["word/styles.xml"] = (
            f'<w:styles xmlns:w="{W_NS}">'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
            '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
            '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
            '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>'
            '<w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
            '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/></w:style>'
            "</w:styles>"
        )
    for kind, content in (("header", header), ("footer", footer)):
        if content is not None:
            tag = "hdr" if kind == "header" else "ftr"
            rels.append(f'<Relationship Id="rId{kind}" Type="{R_NS}/{kind}" Target="{kind}1.xml"/>')
            parts[f"word/{kind}1.xml"] = f'<w:{tag} xmlns:w="{W_NS}" xmlns:r="{R_NS}">{content}</w:{tag}>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>' + "".join(overrides) + "</Types>",
        )
        zf.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{R_NS}/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        zf.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
            f"<w:body>{body}<w:sectPr/></w:body></w:document>",
        )
        if rels:
            zf.writestr(
                "word/_rels/document.xml.rels",
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                + "".join(rels)
                + "</Relationships>",
            )
        for name, xml in parts.items():
            zf.writestr(name, xml)
    return buf.getvalue()


# --------------------------------------------------------------------------- strategies

# Printable text that XML 1.0 allows (no control characters, no surrogates).
xml_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Co"), blacklist_characters="\ufffe\uffff"),
    max_size=40,
)
RUN_PROPS = [
    "",
    "<w:rPr><w:b/></w:rPr>",
    '<w:rPr><w:i/><w:u w:val="single"/></w:rPr>',
    '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:sz w:val="24"/><w:color w:val="1F4E79"/></w:rPr>',
    '<w:rPr><w:b w:val="0"/><w:highlight w:val="yellow"/></w:rPr>',
]
# Markup Word puts between runs that carries no visible text.
NOISE = [
    "",
    '<w:proofErr w:type="spellStart"/>',
    '<w:proofErr w:type="gramEnd"/>',
    '<w:bookmarkStart w:id="0" w:name="_Toc1"/>',
    '<w:bookmarkEnd w:id="0"/>',
    '<w:del w:id="90" w:author="J. Smith" w:date="2020-01-01T00:00:00Z"><w:r><w:delText>old words</w:delText></w:r></w:del>',
    "<w:r><w:rPr><w:vanish/></w:rPr></w:r>",
    '<w:commentRangeStart w:id="3"/>',
]


def run(text: str, props: str = "") -> str:
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


@st.composite
def split_phrase(draw, phrase: str = PHRASE) -> str:
    """`phrase` as runs cut at random points, each with its own formatting and noise between."""
    cuts = sorted(draw(st.sets(st.integers(1, len(phrase) - 1), max_size=8)))
    pieces = [phrase[a:b] for a, b in zip([0, *cuts], [*cuts, len(phrase)])]
    out = []
    for piece in pieces:
        out.append(draw(st.sampled_from(NOISE)))
        xml = run(piece, draw(st.sampled_from(RUN_PROPS)))
        wrapper = draw(st.sampled_from(["plain", "plain", "smartTag", "ins"]))
        if wrapper == "smartTag":
            xml = f'<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place">{xml}</w:smartTag>'
        elif wrapper == "ins":
            xml = f'<w:ins w:id="91" w:author="J. Smith" w:date="2020-01-01T00:00:00Z">{xml}</w:ins>'
        out.append(xml)
    return "".join(out)


@st.composite
def paragraph(draw, in_table: bool = False) -> str:
    style = draw(st.sampled_from(["", "", "Heading1", "Heading2", "ListBullet", "Missing"]))
    ppr = ""
    if style:
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
    elif draw(st.booleans()):
        ppr = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    runs = "".join(
        run(t, draw(st.sampled_from(RUN_PROPS))) + draw(st.sampled_from(NOISE))
        for t in draw(st.lists(xml_text, max_size=4))
    )
    extra = draw(
        st.sampled_from(
            [
                "",
                "<w:r><w:tab/></w:r>",
                "<w:r><w:br/></w:r>",
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                '<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                '<w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
            ]
        )
    )
    return f"<w:p>{ppr}{runs}{extra}</w:p>"


def table(cell_content: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    @st.composite
    def build(draw) -> str:
        rows = draw(st.integers(1, 3))
        cols = draw(st.integers(1, 3))
        body = "".join(
            "<w:tr>" + "".join(f"<w:tc>{draw(cell_content)}</w:tc>" for _ in range(cols)) + "</w:tr>"
            for _ in range(rows)
        )
        return f"<w:tbl><w:tblPr/>{body}</w:tbl>"

    return build()


cell = st.lists(paragraph(in_table=True), min_size=1, max_size=2).map("".join)
block = st.one_of(
    paragraph(),
    table(cell),
    table(st.one_of(cell, table(cell).map(lambda t: t + "<w:p/>"))),  # nested tables
    paragraph().map(lambda p: f"<w:sdt><w:sdtPr/><w:sdtContent>{p}</w:sdtContent></w:sdt>"),
)


# --------------------------------------------------------------------------- docx properties


@FUZZ
@given(
    blocks=st.lists(block, max_size=8),
    header=st.none() | paragraph(),
    footer=st.none() | paragraph(),
    styles=st.booleans(),
)
def test_random_docx_structures_read_or_refuse(scratch: Scratch, blocks, header, footer, styles) -> None:
    data = make_docx("".join(blocks), header=header, footer=footer, styles=styles)
    doc = read_or_input_error(scratch.write("random.docx", data))
    assert doc is not None, "a well-formed random document must be readable"
    assert [b.index for b in doc.blocks] == list(range(len(doc.blocks)))
    for b in doc.blocks:
        if b.kind is BlockKind.HEADING:
            assert b.level >= 1


@FUZZ
@given(
    before=st.lists(block, max_size=3),
    after=st.lists(block, max_size=3),
    phrase=split_phrase(),
    lead=st.sampled_from(["", "This policy follows ", "Staff must read "]),
    place=st.sampled_from(["body", "table", "header"]),
)
def test_phrase_split_across_runs_reads_whole(scratch: Scratch, before, after, phrase, lead, place) -> None:
    p = f"<w:p>{run(lead)}{phrase}{run('. It is reviewed each year.')}</w:p>"
    header = None
    if place == "table":
        p = f"<w:tbl><w:tr><w:tc><w:p/></w:tc><w:tc>{p}</w:tc></w:tr></w:tbl>"
    if place == "header":
        header, p = p, ""
    data = make_docx("".join(before) + p + "".join(after), header=header)
    doc = read_or_input_error(scratch.write("split.docx", data))
    assert doc is not None
    hosts = [b for b in doc.blocks if PHRASE in b.text]
    assert hosts, [b.text for b in doc.blocks]
    assert "old words" not in hosts[0].text  # deleted text is not part of what the policy says
    if place != "header":
        from wttsc_policy.pipeline import check_document
        from wttsc_policy.rulepacks.load import load_ruleset

        rules = [r for r in load_ruleset([]).rules if r.id == "WT001"]
        findings = check_document(doc, rules)
        assert any(f.rule == "WT001" and PHRASE in f.match for f in findings), [f.match for f in findings]


@SMALL
@given(data=st.data())
def test_mutated_docx_bytes_read_or_refuse(scratch: Scratch, data) -> None:
    """Damage a valid package anywhere: flipped bytes, cuts, inserted junk."""
    body = f"<w:p>{run('Child protection policy')}</w:p><w:p>{run(PHRASE)}</w:p>"
    original = make_docx(body * 3, header=f"<w:p>{run('Header')}</w:p>")
    mutated = bytearray(original)
    for _ in range(data.draw(st.integers(1, 6))):
        action = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        at = data.draw(st.integers(0, max(len(mutated) - 1, 0)))
        if action == "flip" and mutated:
            mutated[at] = data.draw(st.integers(0, 255))
        elif action == "cut":
            del mutated[at : at + data.draw(st.integers(1, 64))]
        else:
            mutated[at:at] = data.draw(st.binary(min_size=1, max_size=32))
    read_or_input_error(scratch.write("mutated.docx", bytes(mutated)))


@SMALL
@given(data=st.data())
def test_mutated_document_xml_read_or_refuse(scratch: Scratch, data) -> None:
    """Damage the XML itself (inside an intact zip): cut or duplicate markup anywhere."""
    body = f"<w:p>{run('Aims')}</w:p><w:tbl><w:tr><w:tc><w:p>{run(PHRASE)}</w:p></w:tc></w:tr></w:tbl>"
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        f"<w:body>{body}</w:body></w:document>"
    )
    a = data.draw(st.integers(0, len(xml)))
    b = data.draw(st.integers(a, min(len(xml), a + 80)))
    mode = data.draw(st.sampled_from(["delete", "duplicate", "replace"]))
    if mode == "delete":
        xml = xml[:a] + xml[b:]
    elif mode == "duplicate":
        xml = xml[:b] + xml[a:b] + xml[b:]
    else:
        xml = xml[:a] + data.draw(st.text(max_size=10)) + xml[b:]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{R_NS}/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        zf.writestr("word/document.xml", xml.encode("utf-8", "surrogatepass"))
    read_or_input_error(scratch.write("xml.docx", buf.getvalue()))


# --------------------------------------------------------------------------- markdown and text

md_piece = st.one_of(
    st.sampled_from(
        [
            "# Child protection policy\n",
            "## 2. Legislation\n",
            "### Early help\n",
            "Setext heading\n=====\n",
            "- item one\n- item two\n",
            "1. first\n2. second\n   - nested\n",
            "> quoted text\n",
            "| Version | Date |\n| --- | --- |\n| v1 | 2018 |\n",
            "```\ncode block\n```\n",
            "    indented code\n",
            "<!-- wttsc-policy: ignore WT001 -->\n",
            "<!-- wttsc-policy: disable WT036 -->\n",
            "<div>html block</div>\n",
            "---\ntitle: policy\n---\n",
            "***\n",
            "[link](http://example.org) and ![img](x.png)\n",
            f"We follow **{PHRASE}**.\n",
            "We follow *Working Together* to Safeguard Children 2018.\n",
            "\r\n",
            "\n\n",
            "Term\n: definition\n",
            "[^1]: footnote\n",
            "&amp; &#169; &nbsp;\n",
            "\\*escaped\\*\n",
            "a  \nhard break\n",
        ]
    ),
    st.text(max_size=60),
)


@FUZZ
@given(pieces=st.lists(md_piece, max_size=15), suffix=st.sampled_from([".md", ".markdown", ".txt"]))
def test_random_markdown_and_text_read_or_refuse(scratch: Scratch, pieces, suffix) -> None:
    text = "".join(pieces)
    data = text.encode("utf-8", "surrogatepass")
    doc = read_or_input_error(scratch.write(f"random{suffix}", data))
    if doc is not None:
        for b in doc.blocks:
            # every block's text can be located in the source it came from
            assert b.text.strip()


@FUZZ
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".md", ".txt", ".docx"]))
def test_random_bytes_read_or_refuse(scratch: Scratch, data, suffix) -> None:
    read_or_input_error(scratch.write(f"bytes{suffix}", data))


@FUZZ
@given(text=st.text(max_size=300), bom=st.booleans(), crlf=st.booleans())
def test_text_offsets_point_into_the_source(scratch: Scratch, text, bom, crlf) -> None:
    """For text formats a block's segments map each character back to the file's text."""
    assume("\x00" not in text)
    if crlf:
        text = text.replace("\n", "\r\n")
    encoded = ("\ufeff" if bom else "") + text
    doc = read_or_input_error(scratch.write("offsets.txt", encoded.encode("utf-8", "surrogatepass")))
    if doc is None:
        return
    for b in doc.blocks:
        for i, ch in enumerate(b.text):
            off = b.source_offset(i)
            assert off is not None and doc.source[off] == ch


def test_every_single_byte_flip_reads_or_refuses(scratch: Scratch) -> None:
    """Exhaustive over one small package: each byte inverted in turn (local headers,
    deflate streams, central directory) gives a Document or an InputError."""
    original = make_docx(f"<w:p>{run(PHRASE)}</w:p>" * 5, header=f"<w:p>{run('Header')}</w:p>")
    target = scratch.root / "flip.docx"
    for at in range(len(original)):
        damaged = bytearray(original)
        damaged[at] ^= 0xFF
        target.write_bytes(damaged)
        read_or_input_error(target)
