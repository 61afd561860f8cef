"""Markdown with markdown-it-py: headings, paragraphs, list items and table cells.

Inline markup (`*`, `_`, links) is dropped from block text so phrases match across it;
each piece of text keeps its character offset in the file so findings point at the
exact source, line and column. YAML front matter is skipped (masked to keep offsets).
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path
from typing import Any

from wttsc_policy.document import BlockKind, Document, Locator, Segment, Suppression, Zone
from wttsc_policy.errors import InputError
from wttsc_policy.limits import Limits
from wttsc_policy.read.blocks import BlockBuilder, is_history_table
from wttsc_policy.read.sourcemap import unmapped_locks
from wttsc_policy.read.textfile import read_text_input
from wttsc_policy.suppressions import parse as parse_directive


def _mask_front_matter(src: str) -> str:
    """Blank out a leading YAML front matter block, keeping every offset and newline."""
    if not (src.startswith(("---\n", "---\r\n"))):
        return src
    end = -1
    pos = src.find("\n") + 1
    while pos < len(src):
        nl = src.find("\n", pos)
        line = src[pos : nl if nl != -1 else len(src)].rstrip("\r")
        if line in ("---", "..."):
            end = nl if nl != -1 else len(src)
            break
        if nl == -1:
            break
        pos = nl + 1
    if end == -1:
        return src
    return "".join(c if c == "\n" else " " for c in src[:end]) + src[end:]


def _bold_title(tokens: list[Any], i: int, text: str) -> bool:
    """A paragraph that is one short bold line ("**Reporting a concern**"): a section
    title typed by hand, as Word exports and many school websites write them."""
    if i == 0 or tokens[i - 1].type != "paragraph_open" or tokens[i - 1].level != 0:
        return False
    children = [c for c in tokens[i].children or [] if not (c.type == "text" and not c.content.strip())]
    if len(children) < 3 or children[0].type != "strong_open" or children[-1].type != "strong_close":
        return False
    if any(c.type in ("softbreak", "hardbreak", "strong_open") for c in children[1:-1]):
        return False
    title = text.strip()
    return 0 < len(title) <= 90 and any(c.isalpha() for c in title) and not title.endswith((".", ",", ";"))


# markdown-it stops reading silently once blocks nest this deep (each list level counts
# twice); a file that gets there is refused instead, so no text is ever lost unseen.
MAX_NESTING = 100


def _parser() -> Any:
    from markdown_it import MarkdownIt  # (~30 ms) on the first markdown file: Word-only runs never need it

    options = {"html": True, "maxNesting": MAX_NESTING}
    return MarkdownIt("commonmark", options).enable("table").enable("strikethrough")


def read_markdown_file(path: Path, limits: Limits) -> Document:
    """A markdown policy, read within the size bound."""
    return read_markdown(path, read_text_input(path, limits))


def read_markdown(path: Path, text: str) -> Document:
    """Blocks of a markdown text; every piece of block text keeps its file offset."""
    # Keep offsets identical to the file: CR becomes a space (markdown-it would drop it).
    masked = _mask_front_matter(text).replace("\r\n", " \n").replace("\r", "\n")
    tokens = _parser().parse(masked)
    if any(tok.level >= MAX_NESTING - 1 for tok in tokens):
        raise InputError(
            f"lists or quotes are nested more than {MAX_NESTING // 2} levels deep; the text below that "
            "level could not be read, so the file is refused",
            path,
        )
    line_starts = [0]
    nl = masked.find("\n")
    while nl != -1:
        line_starts.append(nl + 1)
        nl = masked.find("\n", nl + 1)
    line_starts.append(len(masked))

    builder = BlockBuilder()
    suppressions: list[Suppression] = []
    pending: list[tuple[tuple[str, ...], str, int]] = []  # ignore directives for the next block
    open_ranges: dict[tuple[str, ...], tuple[str, int, int]] = {}

    list_depth = 0
    heading_level = 0
    last_heading = 0  # level of the last real heading, for bold-line section titles
    table_no = -1
    row = col = -1
    table_zone: Zone | None = None

    def region(line_map: list[int] | None) -> tuple[int, int]:
        if not line_map:
            return 0, len(masked)
        a, b = line_map
        return line_starts[min(a, len(line_starts) - 1)], line_starts[min(b, len(line_starts) - 1)]

    for i, tok in enumerate(tokens):
        t = tok.type
        if t in {"bullet_list_open", "ordered_list_open"}:
            list_depth += 1
        elif t in {"bullet_list_close", "ordered_list_close"}:
            list_depth -= 1
        elif t == "heading_open":
            heading_level = last_heading = int(tok.tag[1])
        elif t == "heading_close":
            heading_level = 0
        elif t == "table_open":
            table_no += 1
            row = -1
            header: list[str] = []
            for nxt in islice(tokens, i + 1, None):  # no copy of the rest of the list per table
                if nxt.type == "tr_close":
                    break
                if nxt.type == "inline":
                    header.append(nxt.content)
            table_zone = Zone.HISTORY if is_history_table(header) else None
        elif t == "table_close":
            table_zone = None
        elif t == "tr_open":
            row += 1
            col = -1
        elif t in ("th_open", "td_open"):
            col += 1
        elif t == "html_block":
            d = parse_directive(tok.content)
            if d is not None:
                line = (tok.map[0] + 1) if tok.map else None
                if d.verb == "ignore":
                    pending.append((d.rules, d.reason, line or 0))
                elif d.verb == "disable":
                    open_ranges[d.rules] = (d.reason, len(builder.blocks), line or 0)
                elif d.verb == "enable" and d.rules in open_ranges:
                    reason, start, ln = open_ranges.pop(d.rules)
                    suppressions.append(Suppression(d.rules, reason, (start, len(builder.blocks)), line=ln))
        elif t == "inline":
            start, end = region(tok.map)
            parts: list[str] = []
            segments: list[Segment] = []
            length = 0
            cursor = start
            for child in tok.children or []:
                ct = child.type
                if ct in ("text", "code_inline"):
                    content = child.content
                    if not content:
                        continue
                    pos = masked.find(content, cursor, end)
                    if pos == -1:
                        pos = cursor  # escapes/entities: point at the nearest position
                    else:
                        cursor = pos + len(content)
                    segments.append(Segment(length, pos, len(content)))
                    parts.append(content)
                    length += len(content)
                elif ct in ("softbreak", "hardbreak"):
                    pos = masked.find("\n", cursor, end)
                    if pos == -1:
                        pos = cursor
                    else:
                        cursor = pos + 1
                    segments.append(Segment(length, pos, 1))
                    parts.append("\n")
                    length += 1
            block_text = "".join(parts)
            if not block_text.strip():
                continue
            level = heading_level
            if not level and not list_depth and table_zone is None and _bold_title(tokens, i, block_text):
                level = min(last_heading + 1, 6) if last_heading else 2
            if level:
                kind = BlockKind.HEADING
            elif col >= 0 and table_no >= 0 and tokens[i - 1].type in ("th_open", "td_open"):
                kind = BlockKind.TABLE_CELL
            elif list_depth:
                kind = BlockKind.LIST_ITEM
            else:
                kind = BlockKind.PARAGRAPH
            table = (table_no, row, col) if kind is BlockKind.TABLE_CELL else None
            block = builder.add(
                kind,
                block_text,
                level=level,
                zone=table_zone if kind is BlockKind.TABLE_CELL else None,
                segments=segments,
                locator=Locator(table=table),
                locks=unmapped_locks(block_text, segments, text),
            )
            for rules, reason, line in pending:
                suppressions.append(Suppression(rules, reason, (block.index, block.index + 1), line=line))
            pending.clear()
    for rules, (reason, start, line) in open_ranges.items():
        suppressions.append(Suppression(rules, reason, (start, len(builder.blocks)), line=line))
    return Document(path=Path(path), format="markdown", blocks=builder.blocks, source=text, suppressions=suppressions)
