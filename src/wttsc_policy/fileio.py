"""File I/O at the edges: inputs read within a size bound; outputs never onto an input,
never over a file unless asked, and written atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from wttsc_policy.errors import InputError, OutputError

# What a file is by its first bytes: Word packages are zips; old .doc and encrypted Word
# files are OLE2 compound files.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def read_input_bytes(path: Path, max_bytes: int) -> bytes:
    """A whole input file, refused before reading when it is over `max_bytes`."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", path) from None
    if size > max_bytes:
        raise InputError(
            f"the file is {size // (1024 * 1024)} MiB, over the {max_bytes // (1024 * 1024)} MiB limit "
            "(max_file_bytes in config)",
            path,
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", path) from None


def check_output_path(output: Path, *, inputs: Sequence[Path] = (), force: bool = False) -> None:
    """Refuse an output that is an input, exists (unless force), or cannot be written."""
    output = Path(output)
    for src in inputs:
        try:
            same = output.resolve() == Path(src).resolve() or (output.exists() and output.samefile(src))
        except OSError:
            same = False
        if same:
            raise OutputError("the output path is the input file; the input is never overwritten", output)
    if output.is_dir():
        raise OutputError("the output path is a folder", output)
    if output.exists() and not force:
        raise OutputError("already exists; use --force to overwrite it", output)
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError("the output folder does not exist", folder)
    if not os.access(folder, os.W_OK):
        raise OutputError("the output folder is not writable", folder)


def write_bytes_atomic(output: Path, data: bytes, *, inputs: Sequence[Path] = (), force: bool = False) -> None:
    """Write to a temporary file in the same folder, then rename over the target."""
    output = Path(output)
    check_output_path(output, inputs=inputs, force=force)
    folder = output.parent if str(output.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:  # read-only file system, quota, permissions root does not bypass
        raise OutputError(f"cannot write in the output folder ({exc.strerror})", folder) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, output)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text_atomic(output: Path, text: str, *, inputs: Sequence[Path] = (), force: bool = False) -> None:
    write_bytes_atomic(output, text.encode("utf-8"), inputs=inputs, force=force)
