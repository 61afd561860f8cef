"""The document formats the tool reads and writes, and every convention that differs
between them, in one table. Code asks `spec(fmt)` instead of comparing names.

Readers and writers are named as "module:function" and imported on first use, so this
module stays cheap to import (the CLI and discovery use it on every run).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

from wttsc_policy.errors import InputError
from wttsc_policy.records import record


class Format(str, Enum):
    DOCX = "docx"
    MARKDOWN = "markdown"
    TEXT = "text"


@record(frozen=True, slots=True)
class FormatSpec:
    """What the rest of the tool needs to know about one format."""

    format: Format
    suffixes: tuple[str, ...]
    reader: str  # "module:function" turning (path, limits) into a Document
    writer: str  # "module:function" applying a plan: (doc, plan, rules, *, author, date) -> Applied
    output_label: str  # what update calls the updated file in its summary and notes
    mime_type: str
    text_source: bool  # the file is text: spans are file offsets with line/column
    has_parts: bool  # blocks live in parts (body, header, footer) with paragraph numbers
    edits_in_place: bool  # `update --in-place` and `--redline` apply (text formats)
    output_suffix: str | None  # update's output suffix; None = the input's own

    def load(self, target: str) -> Callable[..., Any]:
        module, func = target.split(":")
        fn: Callable[..., Any] = getattr(importlib.import_module(module), func)
        return fn


FORMATS: dict[Format, FormatSpec] = {
    Format.DOCX: FormatSpec(
        format=Format.DOCX,
        suffixes=(".docx",),
        reader="wttsc_policy.read.docx:read_docx_file",
        writer="wttsc_policy.apply.docx:apply_docx",
        output_label="redline",
        mime_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        text_source=False,
        has_parts=True,
        edits_in_place=False,
        output_suffix=".docx",
    ),
    Format.MARKDOWN: FormatSpec(
        format=Format.MARKDOWN,
        suffixes=(".md", ".markdown"),
        reader="wttsc_policy.read.markdown:read_markdown_file",
        writer="wttsc_policy.apply.text:apply_text",
        output_label="updated file",
        mime_type="text/markdown",
        text_source=True,
        has_parts=False,
        edits_in_place=True,
        output_suffix=None,
    ),
    Format.TEXT: FormatSpec(
        format=Format.TEXT,
        suffixes=(".txt", ".text"),
        reader="wttsc_policy.read.text:read_plain_file",
        writer="wttsc_policy.apply.text:apply_text",
        output_label="updated file",
        mime_type="text/plain",
        text_source=True,
        has_parts=False,
        edits_in_place=True,
        output_suffix=None,
    ),
}

SUPPORTED: frozenset[str] = frozenset(s for f in FORMATS.values() for s in f.suffixes)
_BY_SUFFIX: dict[str, Format] = {s: f.format for f in FORMATS.values() for s in f.suffixes}


def spec(fmt: str | Format) -> FormatSpec:
    """The spec of a format given by name ('docx') or enum member."""
    return FORMATS[Format(fmt)]


def format_of(path: Path) -> Format:
    """The format of a file by its suffix, or an InputError saying what to do."""
    suffix = path.suffix.lower()
    found = _BY_SUFFIX.get(suffix)
    if found is not None:
        return found
    if suffix in (".doc", ".dot"):
        raise InputError("old-format Word file (.doc); open it in Word and save it as .docx", path)
    if suffix in (".docm", ".dotx", ".dotm"):
        raise InputError(f"{suffix} files are not supported; save the document as .docx", path)
    if suffix == ".pdf":
        raise InputError("PDF is not supported; use the Word original, or save the text as .txt", path)
    raise InputError(f"unsupported file type '{suffix or '(none)'}'; use .docx, .md or .txt", path)
