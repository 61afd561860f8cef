"""Plain text: paragraphs are separated by blank lines; short title-like lines are headings."""

from __future__ import annotations

import re
from pathlib import Path

from wttsc_policy.document import BlockKind, Document, Segment
from wttsc_policy.limits import Limits
from wttsc_policy.read.blocks import BlockBuilder
from wttsc_policy.read.sourcemap import unmapped_locks
from wttsc_policy.read.textfile import read_text_input
from wttsc_policy.regexcode import compile_regex

# A paragraph ends at a line holding only spaces or tabs (or a CR: Windows line ends).
# Found as separator positions, then stripped: linear however long a run of spaces is.
_BLANK_LINE = compile_regex(r"\n[ \t\r]*(?=\n)")
_NUMBERED = compile_regex(r"^(?:(?:section|part|appendix)\s+[\w.]+[:.]?\s+|(\d+(?:\.\d+)*)[.)]?\s+)\S", re.I)
_BULLET = compile_regex(r"^\s*(?:[-*\u2022\u25aa\u25cf]|\(?[a-z0-9]{1,3}[.)])\s+", re.I)


_RUNNING_LINE = compile_regex(r"\bpage \d+(?: of \d+)?\s*$|^\s*page \d+\b|^\s*\d+\s*$", re.I)


def heading_level(line: str) -> int:
    """Guess whether a one-line paragraph is a heading, and its level (0 = not).

    Running page headers and footers left in exported text ("... Page 2 of 9") are not."""
    s = line.strip()
    if not s or len(s) > 90 or "\n" in s or s.endswith((".", ",", ";", ":")):
        return 0
    if _RUNNING_LINE.search(s):
        return 0
    m = _NUMBERED.match(s)
    if m:  # "Part A" / "Section 2" sit at the top, "1." under a title, "1.2" below that
        return min(m.group(1).count(".") + 2, 6) if m.group(1) else 1
    words = list(re.findall(r"[A-Za-z][\w'-]*", s))
    if not words or len(words) > 12:
        return 0
    if s.isupper():
        return 1
    small = {"and", "or", "of", "the", "to", "in", "for", "with", "a", "an", "on", "at", "by", "from"}
    if all(w[0].isupper() or w.lower() in small for w in words):
        return 2
    return 0


# A title underlined (and perhaps overlined) with one repeated punctuation character, as
# plain-text and reStructuredText documents write section titles:  Procedures / ---------
_RULE_LINE = compile_regex(r"^([=\-~^`*+#])\1{2,}\s*$")
_UNDERLINE_LEVEL = {"=": 1, "#": 1, "*": 2, "-": 2, "+": 3, "^": 3, "~": 3, "`": 4}


def underlined_title(para: str) -> tuple[int, int, int] | None:
    """(level, start, end) of the title line of an underlined section title, else None."""
    lines = para.split("\n")
    if len(lines) == 3 and _RULE_LINE.match(lines[0]) and _RULE_LINE.match(lines[2]):
        title_start = len(lines[0]) + 1
        title, rule = lines[1], lines[2]
    elif len(lines) == 2 and _RULE_LINE.match(lines[1]):
        title_start, title, rule = 0, lines[0], lines[1]
    else:
        return None
    stripped = title.strip()
    if not stripped or len(stripped) > 90 or _RULE_LINE.match(title) or len(rule.strip()) < len(stripped) // 2:
        return None
    lead = len(title) - len(title.lstrip())
    start = title_start + lead
    return _UNDERLINE_LEVEL[rule.strip()[0]], start, start + len(stripped)


def read_plain_file(path: Path, limits: Limits) -> Document:
    """A .txt policy, read within the size bound."""
    return read_text(path, read_text_input(path, limits))


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each paragraph: non-blank text between blank lines, stripped."""
    out: list[tuple[int, str]] = []
    cut = 0
    for end in [m.start() for m in _BLANK_LINE.finditer(text)] + [len(text)]:
        chunk = text[cut:end]
        body = chunk.strip()
        if body:
            out.append((cut + len(chunk) - len(chunk.lstrip()), body))
        cut = end + 1
    return out


def read_text(path: Path, text: str) -> Document:
    """Paragraphs of plain text, each mapped 1:1 onto the file."""
    builder = BlockBuilder()
    for start, para in paragraphs(text):
        underlined = underlined_title(para)
        if underlined is not None:
            level, t_start, t_end = underlined
            title = para[t_start:t_end]
            segments = [Segment(0, start + t_start, len(title))]
            builder.add(
                BlockKind.HEADING, title, level=level, segments=segments, locks=unmapped_locks(title, segments, text)
            )
            continue
        level = heading_level(para)
        if level:
            kind = BlockKind.HEADING
        elif _BULLET.match(para):
            kind = BlockKind.LIST_ITEM
        else:
            kind = BlockKind.PARAGRAPH
        segments = [Segment(0, start, len(para))]
        builder.add(kind, para, level=level, segments=segments, locks=unmapped_locks(para, segments, text))
    return Document(path=Path(path), format="text", blocks=builder.blocks, source=text)
