"""A policy as the checker sees it: blocks (headings, paragraphs, list items, table cells) and sentences.

Markdown, plain text and Word all become the same list of `Block`s, so every check works on
every format. The parsing is deliberately simple and independent of the tool's own readers:
the checker must not share the tool's blind spots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HEADING_STYLES = re.compile(r"^(Title|Subtitle|Heading\s*\d)$", re.I)
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
MD_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
MD_NUMBER = re.compile(r"^(\s*)(\d+)[.)]\s+(.*)$")
TXT_BULLET = re.compile(r"^\s*[•·▪‣◦-]\s+(.*)$")
TXT_NUMBER = re.compile(r"^\s*(\d+)[.)]\s+(.*)$")
TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
MD_EMPHASIS = re.compile(r"(\*\*|__|(?<![\w*])\*(?!\s)|(?<![\w_])_(?!\s)|`)")
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = (
    "e.g.",
    "i.e.",
    "etc.",
    "No.",
    "no.",
    "para.",
    "paras.",
    "s.",
    "ss.",
    "St.",
    "Mr.",
    "Mrs.",
    "Dr.",
    "Ms.",
    "approx.",
    "cf.",
    "vs.",
    "v.",
)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


@dataclass
class Block:
    """One unit of text in reading order."""

    kind: str  # heading | paragraph | item | cell
    text: str
    level: int = 0  # heading level, or list level
    list_kind: str | None = None  # bullet | number (list items)
    style: str | None = None  # Word paragraph style name
    section: str = ""  # text of the nearest heading above
    row: int | None = None  # table row id (cells of one row share it)
    index: int = 0
    sentences: list[str] = field(default_factory=list)


def normalize(text: str) -> str:
    """Lower case, straight quotes, plain dashes, single spaces, no trailing list punctuation."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = text.replace("–", "-").replace("—", "-").replace("\u00a0", " ")
    text = re.sub(r"\s+", " ", text).strip().lower()
    return text.rstrip(" ;,.:")


def plain(text: str) -> str:
    """Markdown inline markup removed (links keep their text)."""
    text = MD_LINK.sub(r"\1", text)
    text = MD_EMPHASIS.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def words(text: str) -> int:
    return len(WORD.findall(text))


def split_sentences(text: str) -> list[str]:
    """Sentences of one block's text (a list item or a table cell is at least one sentence)."""
    protected = text
    for i, abbr in enumerate(ABBREVIATIONS):
        protected = protected.replace(abbr, abbr.replace(".", f"\x00{i}\x00"))
    parts = [p.strip() for p in SENTENCE_END.split(protected) if p.strip()]
    out = []
    for part in parts:
        for i, abbr in enumerate(ABBREVIATIONS):
            part = part.replace(abbr.replace(".", f"\x00{i}\x00"), abbr)
        out.append(part)
    return out


def _finish(blocks: list[Block]) -> list[Block]:
    section = ""
    for i, block in enumerate(blocks):
        block.index = i
        if block.kind == "heading":
            section = block.text
        block.section = section
        block.sentences = split_sentences(block.text)
    return blocks


def blocks_from_markdown(source: str) -> list[Block]:
    """Markdown (the subset policies use) to blocks."""
    source = HTML_COMMENT.sub("", source)
    blocks: list[Block] = []
    lines = source.splitlines()
    row_id = 0
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Block("paragraph", plain(" ".join(para))))
            para.clear()

    for line in lines:
        stripped = line.strip()
        if not stripped or stripped in {"---", "***", "___"}:
            flush()
            continue
        heading = MD_HEADING.match(line)
        if heading:
            flush()
            blocks.append(Block("heading", plain(heading.group(2)), level=len(heading.group(1))))
            continue
        if stripped.startswith("|"):
            flush()
            if TABLE_RULE.match(stripped):
                continue
            row_id += 1
            for cell in stripped.strip("|").split("|"):
                cell = plain(cell.strip())
                if cell:
                    blocks.append(Block("cell", cell, row=row_id))
            continue
        bullet = MD_BULLET.match(line)
        number = MD_NUMBER.match(line)
        if bullet or number:
            flush()
            if bullet:
                blocks.append(
                    Block("item", plain(bullet.group(2)), level=len(bullet.group(1)) // 2, list_kind="bullet")
                )
            else:
                blocks.append(
                    Block("item", plain(number.group(3)), level=len(number.group(1)) // 2, list_kind="number")
                )
            continue
        if line.startswith(("  ", "\t")) and blocks and blocks[-1].kind == "item" and not para:
            blocks[-1].text += " " + plain(stripped)  # continuation of a list item
            continue
        para.append(stripped)
    flush()
    return _finish(blocks)


def _looks_like_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    if not letters or len(line) > 90:
        return False
    upper = sum(1 for c in letters if c.isupper()) / len(letters)
    return upper > 0.8 and not line.rstrip().endswith((".", ";", ","))


def blocks_from_text(source: str) -> list[Block]:
    """Plain text (an exported Word document): blank-line paragraphs, bullets, capitalised headings."""
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Block("paragraph", " ".join(para)))
            para.clear()

    for line in source.splitlines():
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        bullet = TXT_BULLET.match(line)
        number = TXT_NUMBER.match(line)
        if bullet:
            flush()
            blocks.append(Block("item", bullet.group(1).strip(), list_kind="bullet"))
        elif number and not _looks_like_heading(stripped):
            flush()
            blocks.append(Block("item", number.group(2).strip(), list_kind="number"))
        elif _looks_like_heading(stripped) and not para:
            flush()
            blocks.append(Block("heading", stripped, level=1))
        else:
            para.append(stripped)
    flush()
    return _finish(blocks)


def blocks_from_word(paragraphs: list[dict]) -> list[Block]:
    """Blocks from the paragraph dicts of `docx_text.paragraphs` (style, text, list kind, table row)."""
    blocks = []
    for p in paragraphs:
        text = re.sub(r"\s+", " ", p["text"]).strip()
        if not text:
            continue
        style = p.get("style") or ""
        if p.get("row") is not None:
            kind = "cell"
        elif HEADING_STYLES.match(style) or p.get("outline") is not None:
            kind = "heading"
        elif p.get("list_kind"):
            kind = "item"
        else:
            kind = "paragraph"
        level = int(re.sub(r"\D", "", style) or 0) if kind == "heading" else p.get("level", 0)
        blocks.append(Block(kind, text, level=level, list_kind=p.get("list_kind"), style=style, row=p.get("row")))
    return _finish(blocks)


def blocks_for(path_suffix: str, source: str) -> list[Block]:
    """Blocks for a markdown or text file's content, by its suffix."""
    return blocks_from_text(source) if path_suffix == ".txt" else blocks_from_markdown(source)


def text_of(blocks: list[Block]) -> str:
    return "\n".join(b.text for b in blocks)
