"""Small Word documents, each built around one structure real documents have and the redline
writer must survive (issue 18): a table or content control that ends the body, numbered and
bulleted lists (with a level-3 item), fields (cross-references, links, a table of contents,
simple fields), other reviewers' insertions, deletions, moves and formatting changes, text
boxes (DrawingML in mc:AlternateContent with its VML fallback, and VML alone), footnotes and
endnotes, frames and drop caps, revision ids near the 32-bit limit, and a leading table.

The documents hold ordinary prose but no outdated sentence: tests plant one (see
tools/wordcorpus) exactly as the real-document corpus does. python-docx supplies the
package around our own document.xml (styles, numbering, settings); everything else is
written here as WordprocessingML.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document as make_docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"'
)
OTHER = 'w:author="Other Reviewer" w:date="2021-03-04T10:00:00Z"'
SECTION = (
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/>'
    "</w:sectPr>"
)
BULLETS, NUMBERS = "101", "102"  # the w:numId of the lists added to the template's numbering


def run(text: str, rpr: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(content: str | list[str], style: str | None = None, num: tuple[str, int] | None = None, ppr: str = "") -> str:
    """A paragraph of runs (plain strings become runs), with a style and list numbering."""
    runs = content if isinstance(content, list) else [run(content)]
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    props += ppr
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{''.join(runs)}</w:p>"


def heading(text: str, level: int = 1) -> str:
    return para(text, f"Heading{level}")


def _cell(content: str | None) -> str:
    """A table cell: text, a nested table (a cell must still end with a paragraph), or
    None for the lower part of a vertically merged cell."""
    merge = ""
    if content is None:
        merge, content = "<w:vMerge/>", ""
    elif content.startswith("MERGE:"):
        merge, content = '<w:vMerge w:val="restart"/>', content[len("MERGE:") :]
    inner = content if content.startswith("<w:") else para(content)
    if content.startswith("<w:tbl"):
        inner += "<w:p/>"
    return f'<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/>{merge}</w:tcPr>{inner}</w:tc>'


def table(rows: list[list[str | None]], grid_before: bool = False) -> str:
    """A table of cells (see `_cell`); with `grid_before` the second row starts one column in."""
    body = ""
    for r, cells in enumerate(rows):
        pr = '<w:trPr><w:gridBefore w:val="1"/></w:trPr>' if grid_before and r == 1 else ""
        body += f"<w:tr>{pr}{''.join(_cell(c) for c in cells)}</w:tr>"
    cols = "".join('<w:gridCol w:w="3000"/>' for _ in rows[0])
    return f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr><w:tblGrid>{cols}</w:tblGrid>{body}</w:tbl>'


def sdt(inner: str, tag: str = "box", bound: bool = False) -> str:
    """A content control around block content (or runs, when `inner` is runs)."""
    binding = '<w:dataBinding w:xpath="/root/a" w:storeItemID="{00000000-0000-0000-0000-000000000001}"/>'
    return (
        f'<w:sdt><w:sdtPr><w:alias w:val="{tag}"/><w:tag w:val="{tag}"/><w:id w:val="{sum(map(ord, tag))}"/>'
        f"{binding if bound else ''}</w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>"
    )


def field(instruction: str, result: str) -> list[str]:
    """The runs of a complex field showing `result`."""
    return [
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        run(result),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ]


def simple_field(instruction: str, result: str) -> str:
    return f'<w:fldSimple w:instr=" {escape(instruction)} ">{run(result)}</w:fldSimple>'


def table_of_contents(entries: list[str]) -> str:
    """A TOC field whose result runs over several paragraphs, as Word writes it."""
    out = []
    for i, entry in enumerate(entries):
        runs = [run(entry), "<w:r><w:tab/></w:r>", run(str(i + 2))]
        if i == 0:
            runs = field('TOC \\o "1-3" \\h \\z \\u', "")[:3] + runs
        if i == len(entries) - 1:
            runs.append('<w:r><w:fldChar w:fldCharType="end"/></w:r>')
        out.append(para(runs, "TOC1"))
    return "".join(out)


def inserted(text: str, rid: int) -> str:
    return f'<w:ins w:id="{rid}" {OTHER}>{run(text)}</w:ins>'


def deleted(text: str, rid: int) -> str:
    return f'<w:del w:id="{rid}" {OTHER}><w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>'


def moved(text: str, rid: int) -> tuple[str, str]:
    """(the moved-from paragraph content, the moved-to paragraph content) of one move."""
    name = f"move{rid}"
    source = (
        f'<w:moveFromRangeStart w:id="{rid}" w:name="{name}" {OTHER}/>'
        f'<w:moveFrom w:id="{rid + 1}" {OTHER}>{run(text)}</w:moveFrom><w:moveFromRangeEnd w:id="{rid}"/>'
    )
    target = (
        f'<w:moveToRangeStart w:id="{rid + 2}" w:name="{name}" {OTHER}/>'
        f'<w:moveTo w:id="{rid + 3}" {OTHER}>{run(text)}</w:moveTo><w:moveToRangeEnd w:id="{rid + 2}"/>'
    )
    return source, target


def dml_text_box(text: str, ident: int) -> str:
    """A run holding a DrawingML text box, with the VML copy Word writes as its fallback."""
    inner = para(text)
    anchor = (
        f'<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="{ident}" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="2000000" cy="600000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/>'
        f'<wp:docPr id="{ident}" name="Text Box {ident}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2000000" cy="600000"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor>"
    )
    fallback = f'<w:pict><v:shape id="box{ident}" style="width:160pt;height:48pt" type="#_x0000_t202"><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict>'
    return (
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>{anchor}</w:drawing></mc:Choice>'
        f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent></w:r>"
    )


def vml_text_box(text: str, ident: int) -> str:
    return (
        f'<w:r><w:pict><v:shape id="vml{ident}" style="position:absolute;width:160pt;height:48pt" type="#_x0000_t202">'
        f"<v:textbox><w:txbxContent>{para(text)}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )


def note_reference(kind: str, nid: int) -> str:
    style = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
    return f'<w:r><w:rPr><w:rStyle w:val="{style}"/><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Reference w:id="{nid}"/></w:r>'


@dataclass
class Spec:
    """One synthetic document: its body XML and the notes it references."""

    name: str
    body: list[str]
    footnotes: dict[int, str] = dataclasses.field(default_factory=dict)
    endnotes: dict[int, str] = dataclasses.field(default_factory=dict)
    ends_with_section: bool = True
    libreoffice: bool = True  # False: LibreOffice cannot show its tracked changes at all
    headers: dict[int, str] = dataclasses.field(default_factory=dict)  # word/header{n}.xml, r:id rIdH{n}


PROSE = [
    "Everyone who works at the school shares the duty to keep children safe.",
    "Staff speak to the designated safeguarding lead the same day about any worry.",
    "The governing board reviews this policy each year and records what changed.",
]


def _opening() -> list[str]:
    return [para("Child protection and safeguarding policy", "Title"), heading("Purpose"), para(PROSE[0])]


def final_table() -> Spec:
    return Spec(
        "final-table",
        [*_opening(), heading("Key contacts"), para(PROSE[1]), table([["Role", "Name"], ["DSL", "A. Patel"]])],
    )


def final_table_then_paragraph() -> Spec:
    body = [*_opening(), heading("Key contacts"), table([["Role", "Name"], ["DSL", "A. Patel"]]), para("")]
    return Spec("final-table-paragraph", body)


def final_empty_with_tab_stops() -> Spec:
    """The body ends with an empty paragraph that has tab stops (`w:pPr/w:tabs/w:tab` is no text)."""
    tabs = '<w:tabs><w:tab w:val="left" w:pos="5760"/></w:tabs>'
    body = [*_opening(), para(PROSE[1], "BodyText", ppr=tabs), para([], "BodyText", ppr=tabs)]
    return Spec("final-empty-tab-stops", body)


def final_content_control() -> Spec:
    body = [*_opening(), heading("Approval"), para(PROSE[2]), sdt(para("Approved by the governing board."), "approval")]
    return Spec("final-sdt", body)


def lists() -> Spec:
    body = [
        *_opening(),
        heading("Roles"),
        para("The designated safeguarding lead will:"),
        para("keep records of every concern", num=(BULLETS, 0)),
        para("attend child protection conferences", num=(BULLETS, 0)),
        para("for a child in need, give what the social worker asks for", num=(BULLETS, 2)),
        heading("Procedure"),
        para("Staff follow these steps in order:"),
        para("listen to the child", num=(NUMBERS, 0)),
        para("write down what was said", num=(NUMBERS, 0)),
        para("tell the designated safeguarding lead", num=(NUMBERS, 1)),
        para("in an emergency, call the police first", num=(NUMBERS, 2)),
        heading("Training"),
        para(PROSE[1], "ListBullet"),
        para(PROSE[2], "ListNumber"),
        heading("Review"),
        para(PROSE[2]),
    ]
    return Spec("lists", body)


def fields() -> Spec:
    body = [
        para("Contents", "TOCHeading"),
        table_of_contents(["Purpose", "Cross-references", "Review"]),
        para("This text follows the table of contents and belongs to the introduction."),
        *_opening()[1:],
        heading("Cross-references"),
        para([run("See "), *field("REF _Ref1 \\h", "the section on early help"), run(" for details.")]),
        para([run("Guidance: "), *field('HYPERLINK "https://www.gov.uk/"', "the statutory guidance page")]),
        para([run("Page "), *field("PAGEREF _Ref1 \\h", "4"), run(" explains referrals.")]),
        para([run("As reported "), *field("CITATION Ofs22 \\l 2057", "(Ofsted, 2022)"), run(".")]),
        para([run("Owner: "), simple_field("DOCPROPERTY Manager", "the headteacher of the school")]),
        para([run("Form: "), *field("FORMTEXT", "write the name of the child here")]),
        heading("Review"),
        para(PROSE[2]),
    ]
    return Spec("fields", body)


def revisions() -> Spec:
    source, target = moved("This sentence was moved by another reviewer.", 620)
    body = [
        *_opening(),
        heading("Tracked changes by someone else"),
        para([run("Staff record concerns "), inserted("in the safeguarding log", 601), run(" straight away.")]),
        para([run("Records are kept "), deleted("for ever", 603), run(" securely.")]),
        para([source]),
        para([target]),
        para(
            [
                run(
                    "Formatting was changed here by another reviewer.",
                    f'<w:b/><w:rPrChange w:id="605" {OTHER}><w:rPr/></w:rPrChange>',
                )
            ]
        ),
        para(PROSE[1], ppr=f'<w:jc w:val="center"/><w:pPrChange w:id="606" {OTHER}><w:pPr/></w:pPrChange>'),
        f'<w:p><w:pPr><w:rPr><w:ins w:id="607" {OTHER}/></w:rPr></w:pPr>{inserted("A paragraph another reviewer added.", 608)}</w:p>',
        heading("Review"),
        para(PROSE[2]),
    ]
    return Spec("revisions", body)


def text_boxes() -> Spec:
    body = [
        *_opening(),
        heading("Key messages"),
        para(
            [
                run("Remember the key message. "),
                dml_text_box("Any worry about a child goes to the safeguarding lead.", 11),
            ]
        ),
        para([run("A second message. "), vml_text_box("The safeguarding lead is in room twelve every day.", 12)]),
        heading("Review"),
        para(PROSE[2]),
    ]
    return Spec("text-boxes", body)


def final_box_anchor() -> Spec:
    """The policy ends with a paragraph that holds only a positioned VML text box (tika-018367):
    new sections at the end used to be joined onto it, and LibreOffice's Reject All then
    dropped the box with its text."""
    body = [
        *_opening(),
        heading("Mission"),
        para(PROSE[1]),
        para([vml_text_box("Our mission: every child safe, every concern heard.", 13)]),
    ]
    return Spec("final-box-anchor", body)


def notes() -> Spec:
    body = [
        *_opening(),
        heading("Sources"),
        para([run("This policy draws on national guidance."), note_reference("footnote", 1)]),
        para([run("Local procedures apply as well."), note_reference("endnote", 1)]),
        heading("Review"),
        para(PROSE[2]),
    ]
    footnotes = {1: "The statutory guidance for schools in England, read with local procedures."}
    endnotes = {1: "The local partnership publishes its procedures on its website each year."}
    return Spec("notes", body, footnotes, endnotes)


def frames() -> Spec:
    framed = (
        '<w:framePr w:w="3000" w:hSpace="180" w:wrap="around" w:vAnchor="text" w:hAnchor="page" w:x="1500" w:y="1"/>'
    )
    body = [
        *_opening(),
        heading("Framed text"),
        para("Staff read this policy every year and sign to say they have done so."),
        para("A framed note for all visitors to the school site.", ppr=framed),
        heading("Review"),
        para(PROSE[2]),
    ]
    return Spec("frames", body)


def drop_cap() -> Spec:
    """A drop cap (a one-letter framed paragraph). LibreOffice 7.4 drops every tracked
    change that comes after a drop cap when it opens a file, so this one is checked
    without LibreOffice (see tests/data/word_corpus/RESULTS.md)."""
    drop = '<w:framePr w:dropCap="drop" w:lines="2" w:wrap="around" w:vAnchor="text" w:hAnchor="text"/>'
    body = [
        *_opening(),
        heading("Framed text"),
        para("S", ppr=drop),
        para("taff read this policy every year and sign to say they have done so."),
        heading("Review"),
        para(PROSE[2]),
    ]
    return Spec("drop-cap", body, libreoffice=False)


def vertical_text() -> Spec:
    """A paragraph whose text runs top to bottom (`w:textDirection tbRlV`, as in a UN
    report's side heading). LibreOffice cannot hold a comment in it (poi-stress011), so the
    change there is explained in a comment on another paragraph."""
    vertical = '<w:textDirection w:val="tbRlV"/>'
    body = [
        *_opening(),
        para("The safeguarding committee meets each term to review referrals.", ppr=vertical),
        heading("Review"),
        para(PROSE[2]),
    ]
    return Spec("vertical-text", body)


def sections() -> Spec:
    """Two sections: the first names its page header, the second names none and so shows
    the first one's. LibreOffice opens the second section in a page style of its own and
    cannot accept or reject a tracked change in that header there
    (oxsdk-2003-consumer-confidence-report): the header is a hand edit."""
    first = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/>'
        "</w:sectPr>"
    )
    body = [*_opening(), para(PROSE[1], ppr=first), heading("Review"), para(PROSE[2])]
    return Spec("sections", body, headers={1: "Child protection policy, reviewed each September."})


def negative_margins() -> Spec:
    """A page whose top margin is negative ("exactly" in Word): LibreOffice opens its header
    as a text frame, where Reject All does not apply (oxsdk-complexity-part-2), so the
    header is a hand edit."""
    section = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="-1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/>'
        "</w:sectPr>"
    )
    body = [*_opening(), para(PROSE[1]), heading("Review"), para(PROSE[2]), section]
    return Spec(
        "negative-margins",
        body,
        ends_with_section=False,
        headers={1: "Child protection policy, reviewed each September."},
    )


def floating_table() -> Spec:
    """A table positioned on the page (`w:tblpPr`): its text is a hand edit. LibreOffice
    opens such a table as a text frame and, once a tracked change in it is rejected,
    showed the table's text in the body instead in oxpt-rp001-tracked-revisions-02-accepted
    (one edit in one cell was enough). This small table does not reproduce the move in
    LibreOffice 7.x; it pins the decision, the real document is the reproduction."""
    floating = table([["Contact", "When to call"], ["Designated safeguarding lead", "Any worry about a child"]])
    floating = floating.replace(
        '<w:tblPr><w:tblStyle w:val="TableGrid"/>',
        '<w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblpPr w:leftFromText="180" w:rightFromText="180" '
        'w:vertAnchor="text" w:horzAnchor="margin" w:tblpY="35"/>',
    )
    body = [*_opening(), heading("Contacts"), para(PROSE[1]), floating, para(PROSE[2]), heading("Review"), para("")]
    return Spec("floating-table", body)


def huge_ids() -> Spec:
    top = 2**31 - 3
    body = [
        *_opening(),
        heading("Reviewed text"),
        para([run("Staff record concerns "), inserted("in the log", top), run(" the same day.")]),
        para(
            [f'<w:bookmarkStart w:id="{top + 1}" w:name="_Ref1"/>', run(PROSE[1]), f'<w:bookmarkEnd w:id="{top + 1}"/>']
        ),
        heading("Review"),
        para(PROSE[2]),
    ]
    return Spec("huge-ids", body)


def leading_table() -> Spec:
    body = [
        table([["School", "Hilltop"], ["Policy owner", "A. Patel"]]),
        *_opening(),
        heading("Review"),
        para(PROSE[2]),
    ]
    return Spec("leading-table", body)


def content_controls() -> Spec:
    body = [
        *_opening(),
        heading("Controls"),
        para([run("The lead is "), sdt(run("named by the governing board each year"), "lead"), run(".")]),
        sdt(para("Text kept in a data-bound control for the school name and address."), "bound", bound=True),
        table([["Contact", sdt(para("The local authority designated officer"), "lado")]]),
        table([["Outer cell text", table([["Nested cell text about the local partnership"]])]]),
        table([["MERGE:Merged cell about referrals", "Referrals go to the front door"], [None, "Out of hours line"]]),
        table([["Role", "Name"], ["Deputy lead named each term"]], grid_before=True),
        heading("Review"),
        para(PROSE[2]),
    ]
    return Spec("content-controls", body)


ALL: list[Callable[[], Spec]] = [
    final_table,
    final_table_then_paragraph,
    final_empty_with_tab_stops,
    final_content_control,
    lists,
    fields,
    revisions,
    text_boxes,
    final_box_anchor,
    notes,
    frames,
    drop_cap,
    vertical_text,
    sections,
    negative_margins,
    floating_table,
    huge_ids,
    leading_table,
    content_controls,
]

_LISTS = (
    f'<w:abstractNum w:abstractNumId="{BULLETS}"><w:multiLevelType w:val="hybridMultilevel"/>'
    + "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="{m}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for i, m in enumerate("\u2022o\u25aa")
    )
    + f'</w:abstractNum><w:abstractNum w:abstractNumId="{NUMBERS}"><w:multiLevelType w:val="multilevel"/>'
    + "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{f}"/><w:lvlText w:val="%{i + 1}."/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for i, f in enumerate(("decimal", "lowerLetter", "lowerRoman"))
    )
    + "</w:abstractNum>"
)
_NUMS = (
    f'<w:num w:numId="{BULLETS}"><w:abstractNumId w:val="{BULLETS}"/></w:num>'
    f'<w:num w:numId="{NUMBERS}"><w:abstractNumId w:val="{NUMBERS}"/></w:num>'
)
_NOTE_TYPES = {
    "footnote": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
    "endnote": "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
}


_HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"


def _notes_part(kind: str, notes: dict[int, str]) -> str:
    separators = (
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>'
    )
    style = "FootnoteText" if kind == "footnote" else "EndnoteText"
    ref = "footnoteRef" if kind == "footnote" else "endnoteRef"
    body = "".join(
        f'<w:{kind} w:id="{nid}"><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
        f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{ref}/></w:r>{run(" " + text)}</w:p></w:{kind}>'
        for nid, text in notes.items()
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s {NAMESPACES}>{separators}{body}</w:{kind}s>'
    )


def build(spec: Spec, path: Path) -> Path:
    """Write the document: python-docx's package with our document.xml, lists and notes."""
    buf = io.BytesIO()
    make_docx().save(buf)
    parts = {i.filename: zipfile.ZipFile(buf).read(i) for i in zipfile.ZipFile(buf).infolist()}
    body = "".join(spec.body) + (SECTION if spec.ends_with_section else "")
    parts["word/document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NAMESPACES}><w:body>{body}</w:body></w:document>'
    ).encode()
    numbering = parts["word/numbering.xml"].decode()
    first_num = numbering.index("<w:num ")
    numbering = numbering[:first_num] + _LISTS + numbering[first_num:]
    parts["word/numbering.xml"] = numbering.replace("</w:numbering>", _NUMS + "</w:numbering>").encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    types = parts["[Content_Types].xml"].decode()
    for kind, notes in (("footnote", spec.footnotes), ("endnote", spec.endnotes)):
        if not notes:
            continue
        parts[f"word/{kind}s.xml"] = _notes_part(kind, notes).encode()
        rel = f"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}s"
        rels = rels.replace(
            "</Relationships>", f'<Relationship Id="rIdN{kind}" Type="{rel}" Target="{kind}s.xml"/></Relationships>'
        )
        types = types.replace(
            "</Types>", f'<Override PartName="/word/{kind}s.xml" ContentType="{_NOTE_TYPES[kind]}"/></Types>'
        )
    for number, text in spec.headers.items():
        parts[f"word/header{number}.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {NAMESPACES}>{para(text, "Header")}</w:hdr>'
        ).encode()
        rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
        rels = rels.replace(
            "</Relationships>",
            f'<Relationship Id="rIdH{number}" Type="{rel}" Target="header{number}.xml"/></Relationships>',
        )
        types = types.replace(
            "</Types>", f'<Override PartName="/word/header{number}.xml" ContentType="{_HEADER_TYPE}"/></Types>'
        )
    parts["word/_rels/document.xml.rels"] = rels.encode()
    parts["[Content_Types].xml"] = types.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path
