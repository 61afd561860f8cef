"""Rendered clause text -> the paragraphs an insertion adds, and the placeholders in it."""

from __future__ import annotations

import re

from wttsc_policy.plan.model import NewParagraph
from wttsc_policy.rulepacks.templates import PLACEHOLDER_PATTERN

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^[-*]\s+")


def find_placeholders(text: str) -> list[str]:
    """Visible placeholders such as '[school name]' a person must fill in."""
    return list(dict.fromkeys(m.group(0) for m in PLACEHOLDER_PATTERN.finditer(text)))


def clause_paragraphs(text: str) -> list[NewParagraph]:
    """Rendered clause text -> paragraphs: blank lines separate them, '- ' lines are bullets."""
    out: list[NewParagraph] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [ln.rstrip() for ln in chunk.strip("\n").splitlines() if ln.strip()]
        para: list[str] = []
        for line in lines:
            stripped = line.strip()
            heading = _HEADING.match(stripped)
            if heading:
                _flush(para, out)
                out.append(NewParagraph(heading.group(2).strip(), "heading", len(heading.group(1))))
            elif _BULLET.match(stripped):
                _flush(para, out)
                out.append(NewParagraph(_BULLET.sub("", stripped), "bullet"))
            elif out and out[-1].kind == "bullet" and not para and line.startswith((" ", "\t")):
                last = out.pop()
                out.append(NewParagraph(f"{last.text} {stripped}", "bullet"))
            else:
                para.append(stripped)
        _flush(para, out)
    return out


def _flush(para: list[str], out: list[NewParagraph]) -> None:
    """Lines gathered so far become one paragraph."""
    if para:
        out.append(NewParagraph(" ".join(s.strip() for s in para)))
        para.clear()
