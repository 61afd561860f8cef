"""Where findings are, in the terms CI formats want (line/column ranges, URIs).

Findings carry a start line/column and a character span for text formats; SARIF also
wants where the match ends, which this module works out from the file itself.
"""

from __future__ import annotations

import bisect
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from wttsc_policy.model import Finding


@dataclass(frozen=True)
class TextRegion:
    """A 1-based line/column range plus the 0-based character offset and length."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int
    char_offset: int
    char_length: int


class SourceText:
    """Line starts of text-format files, read once per file and cached."""

    def __init__(self) -> None:
        self._starts: dict[str, list[int] | None] = {}

    def _line_starts(self, path: str) -> list[int] | None:
        if path not in self._starts:
            try:
                text = Path(path).read_bytes().decode("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                self._starts[path] = None
            else:
                starts = [0]
                pos = text.find("\n")
                while pos != -1:
                    starts.append(pos + 1)
                    pos = text.find("\n", pos + 1)
                self._starts[path] = starts
        return self._starts[path]

    def line_col(self, path: str, offset: int) -> tuple[int, int] | None:
        starts = self._line_starts(path)
        if starts is None:
            return None
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def region(self, path: str, f: Finding) -> TextRegion | None:
        """The finding's range in a markdown/text file, or None without a span."""
        if f.span is None or f.line is None:
            return None
        start = (f.line, f.column or 1)
        end = self.line_col(path, f.span.end)
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
