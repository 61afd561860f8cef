"""Readers: every input format becomes one Document model (see document.py).

`read_document` validates the path before any parser sees the bytes; the format table
in formats.py says which reader handles a suffix.
"""

from __future__ import annotations

from pathlib import Path

from wttsc_policy.document import Document
from wttsc_policy.fileio import stat_input
from wttsc_policy.formats import Format, format_of, spec
from wttsc_policy.limits import Limits
from wttsc_policy.read.markdown import read_markdown
from wttsc_policy.read.text import read_text


def read_document(path: Path, limits: Limits | None = None) -> Document:
    """Read a policy file of any supported format into a Document."""
    path = Path(path)
    stat_input(path)  # missing, a folder, a pipe or device, a symlink loop: one clear line
    fmt = spec(format_of(path))
    doc: Document = fmt.load(fmt.reader)(path, limits or Limits())
    return doc


def read_string(text: str, fmt: str = "markdown", name: str = "<text>") -> Document:
    """A Document from a string (rule examples, tests)."""
    if Format(fmt) is Format.MARKDOWN:
        return read_markdown(Path(name), text)
    return read_text(Path(name), text)
