"""Judge Reject All and Accept All without LibreOffice, on the package XML.

Used only where LibreOffice cannot be the judge, and said so in the result: it cannot
open the file, or it imports none of the document's tracked changes (not even the
original's own). Reject All of the redline (tools/wordcorpus/resolve.py) must give back
Reject All of the planted document, paragraph by paragraph in every story part: the text,
the paragraph style, the list numbering (`w:numPr`) and the character formatting of each
stretch of text. Accept All must leave no outdated sentence but the hand edits.
"""

from __future__ import annotations

from lxml import etree

from .fidelity import compare_reject
from .ooxml import MC, Package, w
from .resolve import resolve

_FALLBACK = f"{{{MC}}}Fallback"
_P = w("p")


def _canonical(el: etree._Element | None, skip: frozenset[str] = frozenset()) -> tuple:
    """Properties as a comparable tree, without revision-save ids."""
    if el is None:
        return ()
    return tuple(
        (c.tag, tuple(sorted((k, v) for k, v in c.attrib.items() if "rsid" not in k)), _canonical(c))
        for c in el
        if c.tag not in skip and c.tag is not etree.Comment
    )


def _content(p: etree._Element) -> tuple[str, list[tuple[int, dict[str, tuple]]]]:
    """The paragraph's text, and its stretches of text with the same character properties
    as (length, properties by element name): the shape fidelity.compare_reject compares."""
    text = ""
    runs: list[tuple[int, dict[str, tuple]]] = []
    for r in p.iter(w("r")):
        if any(a.tag == _FALLBACK for a in r.iterancestors()):
            continue
        if next(r.iterancestors(_P)) is not p:
            continue  # a text box's paragraph inside this one is a paragraph of its own

        if r.find(w("commentReference")) is not None:
            continue  # the tool's comments are no tracked change
        piece = "".join((t.text or "") if t.tag == w("t") else "\t" for t in r if t.tag in (w("t"), w("tab")))
        if not piece:
            continue
        text += piece
        props = {etree.QName(tag).localname: value for tag, *value in _canonical(r.find(w("rPr")))}
        if runs and runs[-1][1] == props:
            runs[-1] = (runs[-1][0] + len(piece), props)
        else:
            runs.append((len(piece), props))
    return text, runs


def paragraphs(data: bytes) -> list[dict]:
    """Every paragraph of every story part, in the shape of fidelity's dumps: where, text,
    style, numbering (as `label`) and formatting."""
    pkg = Package.from_bytes(data)
    out: list[dict] = []
    for name, kind in pkg.story_parts().items():
        if kind == "comments":
            continue
        for p in pkg.xml(name).iter(w("p")):
            if any(a.tag == _FALLBACK for a in p.iterancestors()):
                continue
            ppr = p.find(w("pPr"))
            style = ppr.find(w("pStyle")) if ppr is not None else None
            text, runs = _content(p)
            out.append(
                {
                    "where": name,
                    "text": text,
                    "style": style.get(w("val")) if style is not None else None,
                    # fidelity.compare_reject compares (label, level): here the numbering itself
                    "label": _canonical(ppr.find(w("numPr"))) if ppr is not None else (),
                    "level": None,
                    "format": runs,
                }
            )
    return out


def judge(
    planted: bytes, redline: bytes, phrase: str, ends_with_block: bool = False
) -> tuple[list[tuple[str, str, int]], int]:
    """(Reject All problems, outdated sentences left after Accept All), on the XML alone.

    Both sides are rejected, so the original's own pending revisions cancel out. With
    `ends_with_block` (the body ends in a table or content control) the one empty body
    paragraph the tool writes after it is left out, as in the LibreOffice comparison."""
    pkg = Package.from_bytes(planted)
    a = paragraphs(resolve(planted, "reject"))
    b = paragraphs(resolve(redline, "reject"))
    if ends_with_block:
        body = [i for i, p in enumerate(b) if p["where"] == pkg.main]
        in_a = sum(1 for p in a if p["where"] == pkg.main)
        if body and b[body[-1]]["text"] == "" and len(body) == in_a + 1:
            del b[body[-1]]
    accepted = paragraphs(resolve(redline, "accept"))
    return compare_reject(a, b), sum(p["text"].count(phrase) for p in accepted)
