"""Readers: every input format becomes one Document model (see model.py).

`read_document` validates the path and the bytes before any parser sees them.
"""

from __future__ import annotations

from pathlib import Path

from wttsc_policy.errors import InputError
from wttsc_policy.model import Document
from wttsc_policy.ooxml.package import Limits

DOCX_SUFFIXES = {".docx"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = {".txt", ".text"}
SUPPORTED = DOCX_SUFFIXES | MARKDOWN_SUFFIXES | TEXT_SUFFIXES


def format_of(path: Path) -> str:
    """'docx' | 'markdown' | 'text', or an InputError saying what to do."""
    suffix = path.suffix.lower()
    if suffix in DOCX_SUFFIXES:
        return "docx"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in (".doc", ".dot"):
        raise InputError("old-format Word file (.doc); open it in Word and save it as .docx", path)
    if suffix in (".docm", ".dotx", ".dotm"):
        raise InputError(f"{suffix} files are not supported; save the document as .docx", path)
    if suffix == ".pdf":
        raise InputError("PDF is not supported; use the Word original, or save the text as .txt", path)
    raise InputError(f"unsupported file type '{suffix or '(none)'}'; use .docx, .md or .txt", path)


def read_document(path: Path, limits: Limits | None = None) -> Document:
    path = Path(path)
    if not path.exists():
        raise InputError("file not found", path)
    if path.is_dir():
        raise InputError("is a folder, not a file", path)
    fmt = format_of(path)
    limits = limits or Limits()
    if fmt == "docx":
        from wttsc_policy.documents.docx_reader import read_docx

        return read_docx(path, limits)
    from wttsc_policy.documents.textfile import read_text_file

    text = read_text_file(path, limits.max_file_bytes)
    if fmt == "markdown":
        from wttsc_policy.documents.markdown_reader import read_markdown

        return read_markdown(path, text)
    from wttsc_policy.documents.text_reader import read_text

    return read_text(path, text)


def read_string(text: str, fmt: str = "markdown", name: str = "<text>") -> Document:
    """A Document from a string (rule examples, tests)."""
    if fmt == "markdown":
        from wttsc_policy.documents.markdown_reader import read_markdown

        return read_markdown(Path(name), text)
    from wttsc_policy.documents.text_reader import read_text

    return read_text(Path(name), text)
