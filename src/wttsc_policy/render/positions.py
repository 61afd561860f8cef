"""Where findings are, in the terms CI formats want (line/column ranges, URIs).

Findings carry start and end line/column and a character span for text formats.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from wttsc_policy.findings import Finding
from wttsc_policy.records import record


@record(frozen=True)
class TextRegion:
    """A 1-based line/column range plus the 0-based character offset and length."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int
    char_offset: int
    char_length: int


def text_region(f: Finding) -> TextRegion | None:
    """The finding's range in a markdown/text file, or None without a span (the end was
    worked out from the file's text when the finding was made)."""
    if f.span is None or f.line is None:
        return None
    start = (f.line, f.column or 1)
    end = (f.end_line, f.end_column) if f.end_line is not None and f.end_column is not None else None
    if end is None or end < start:
        end = (f.line, (f.column or 1) + (f.span.end - f.span.start))
    return TextRegion(start[0], start[1], end[0], end[1], f.span.start, f.span.end - f.span.start)


def relative_uri(path: str, root: str | None = None) -> tuple[str, bool]:
    """(URI, is_relative): a path relative to `root` (default: the working folder) as a
    percent-encoded relative URI reference, or an absolute file URI when it lies outside."""
    root = os.path.abspath(root or os.getcwd())
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, root)
    except ValueError:
        rel = None
    if rel is not None and not rel.startswith(".."):
        return quote(Path(rel).as_posix(), safe="/"), True
    return Path(absolute).as_uri(), False


def root_uri(root: str | None = None) -> str:
    """The working folder as a file URI ending in '/', for SARIF's originalUriBaseIds."""
    uri = Path(os.path.abspath(root or os.getcwd())).as_uri()
    return uri if uri.endswith("/") else uri + "/"
