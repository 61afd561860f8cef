"""Judge Reject All and Accept All without LibreOffice, on the package XML.

Used only where LibreOffice cannot be the judge, and said so in the result: it cannot
open the file, or it imports none of the document's tracked changes (not even the
original's own). Reject All of the redline (tools/wordcorpus/resolve.py) must give back
Reject All of the planted document, paragraph by paragraph in every story part: the text,
the paragraph style, the list numbering (`w:numPr`) and the character formatting of each
stretch of text. Accept All must leave no outdated sentence but the hand edits.
"""

from __future__ import annotations

import difflib

from lxml import etree

from .ooxml import MC, Package, w
from .resolve import resolve

_FALLBACK = f"{{{MC}}}Fallback"


def _canonical(el: etree._Element | None, skip: frozenset[str] = frozenset()) -> tuple:
    """Properties as a comparable tree, without revision-save ids."""
    if el is None:
        return ()
    return tuple(
        (c.tag, tuple(sorted((k, v) for k, v in c.attrib.items() if "rsid" not in k)), _canonical(c))
        for c in el
        if c.tag not in skip and c.tag is not etree.Comment
    )


def _runs(p: etree._Element) -> list[tuple[str, tuple]]:
    out: list[tuple[str, tuple]] = []
    for r in p.iter(w("r")):
        if any(a.tag == _FALLBACK for a in r.iterancestors()):
            continue
        if r.find(w("commentReference")) is not None:
            continue  # the tool's comments are no tracked change
        text = "".join((t.text or "") if t.tag == w("t") else "\t" for t in r if t.tag in (w("t"), w("tab")))
        if not text:
            continue
        props = _canonical(r.find(w("rPr")))
        if out and out[-1][1] == props:
            out[-1] = (out[-1][0] + text, props)
        else:
            out.append((text, props))
    return out


def paragraphs(data: bytes) -> list[dict]:
    """Every paragraph of every story part: where, text, style, numbering, formatting."""
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
            runs = _runs(p)
            out.append(
                {
                    "where": name,
                    "text": "".join(t for t, _ in runs),
                    "style": style.get(w("val")) if style is not None else None,
                    "numbering": _canonical(ppr.find(w("numPr"))) if ppr is not None else (),
                    "format": runs,
                }
            )
    return out


def compare(planted: list[dict], redline: list[dict]) -> list[tuple[str, str, int]]:
    """(code, detail, count) like fidelity.compare_reject, codes prefixed by their column."""
    ta = [p["text"] for p in planted]
    tb = [p["text"] for p in redline]
    problems: list[tuple[str, str, int]] = []
    sm = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    if ta != tb:
        diffs = [op for op in sm.get_opcodes() if op[0] != "equal"]
        examples = []
        for tag, i1, i2, j1, j2 in diffs[:3]:
            where = planted[min(i1, len(planted) - 1)]["where"] if planted else "?"
            left = " | ".join(t[:40] for t in ta[i1:i2][:2]) or "-"
            right = " | ".join(t[:40] for t in tb[j1:j2][:2]) or "-"
            examples.append(f"{where} #{i1}: {tag} [{left}] -> [{right}]")
        squash = "".join("".join(t.split()) for t in ta) == "".join("".join(t.split()) for t in tb)
        problems.append(("reject-text-whitespace" if squash else "reject-text", "; ".join(examples), len(diffs)))
    found: dict[str, list[str]] = {"reject-style": [], "reject-list": [], "reject-format": []}
    for block in sm.get_matching_blocks():
        for k in range(block.size):
            a, b = planted[block.a + k], redline[block.b + k]
            label = f"{a['where']} #{block.a + k} '{a['text'][:40]}'"
            if a["style"] != b["style"]:
                found["reject-style"].append(f"{label}: style {a['style']!r} -> {b['style']!r}")
            if a["numbering"] != b["numbering"]:
                found["reject-list"].append(f"{label}: numbering differs")
            if a["format"] != b["format"]:
                found["reject-format"].append(f"{label}: character formatting differs")
    for code, items in found.items():
        if items:
            problems.append((code, "; ".join(items[:3]), len(items)))
    return problems


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
    return compare(a, b), sum(p["text"].count(phrase) for p in accepted)
