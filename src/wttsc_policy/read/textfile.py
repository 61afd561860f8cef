"""Decoding text-format input (markdown and plain text) safely.

Decision (documented in README): invalid UTF-8 and NUL bytes are a clear error, not a
silent replacement, because a tracked edit written back into a mis-decoded file would
corrupt it. A UTF-8 byte-order mark is accepted and dropped.
"""

from __future__ import annotations

from pathlib import Path

from wttsc_policy.errors import InputError
from wttsc_policy.fileio import OLE2_MAGIC, ZIP_MAGIC, read_input_bytes
from wttsc_policy.limits import Limits


def read_text_input(path: Path, limits: Limits) -> str:
    """A markdown or text file's content, read within the size bounds and decoded."""
    if limits.max_text_bytes < limits.max_file_bytes:
        data = read_input_bytes(path, limits.max_text_bytes, "max_text_bytes")
    else:
        data = read_input_bytes(path, limits.max_file_bytes)
    return decode_text(data, path)


def decode_text(data: bytes, path: Path) -> str:
    """UTF-8 (a byte-order mark is dropped); anything else is an InputError saying what to do."""
    if not data.strip():
        raise InputError("the file is empty", path)
    if data.startswith((ZIP_MAGIC, OLE2_MAGIC)):
        raise InputError("this is a Word or zip file, not text; give it a .docx name or save it as text", path)
    nul = data.find(b"\x00")
    if nul != -1:
        raise InputError(
            f"the file contains NUL bytes (first at byte {nul}); it is binary or UTF-16, save it as UTF-8 text",
            path,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the file is not valid UTF-8 (bad byte at offset {exc.start}); save it as UTF-8 text", path
        ) from None
