"""A per-user cache of validated data (rule packs, datasets, configs), so that a fresh
`check` neither parses YAML nor imports pydantic once the same inputs have been seen.

An entry is keyed by what it was built from: the bytes of every input file (or any
other bytes the caller gives), the package version, the Python version and the
package's own files (name, size and modification time of each: `code_fingerprint`), so
that an entry written by other code (a schema with one field fewer, a changed loader, a
development checkout between two commits) is never read. A changed input is a
different key, so an entry is never stale; it is simply not found. Entries
live in `$WTTSC_POLICY_CACHE_DIR`, else `$XDG_CACHE_HOME/wttsc-policy`, else
`~/.cache/wttsc-policy`; `WTTSC_POLICY_NO_CACHE=1` turns the cache off.

The cache can only make a run faster, never different or unsafe:
- any failure (missing, corrupt, truncated, unreadable or unwritable entry or folder)
  means the value is built as if there were no cache, silently;
- entries are written atomically (a temporary file renamed into place), mode 0600, in a
  folder of mode 0700;
- an entry is trusted only when it is a regular file owned by this user, not writable
  by group or others, in a folder owned by this user and not writable by others;
- entries are pickles read by an unpickler that can only create a short list of plain
  types (containers, numbers, strings, dates) and classes defined in this package; it
  cannot import or call anything else, so even a forged entry cannot run code.
"""

from __future__ import annotations

import functools
import io
import os
import pickle
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from wttsc_policy import __version__
from wttsc_policy.digest import sha256

T = TypeVar("T")

ENV_DIR = "WTTSC_POLICY_CACHE_DIR"
ENV_OFF = "WTTSC_POLICY_NO_CACHE"
_FORMAT = b"wttsc-cache-1\n"  # first bytes of every entry; bump when the layout changes
_KEEP_PER_KIND = 16  # older entries of a kind are removed when a new one is written

# What an entry may contain besides this package's own classes.
_ALLOWED = {
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("builtins", "complex"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "time"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
    ("collections", "OrderedDict"),
}


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is switched off."""
    if os.environ.get(ENV_OFF, "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get(ENV_DIR)
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "wttsc-policy"
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "wttsc-policy" / "cache"
    try:
        return Path.home() / ".cache" / "wttsc-policy"
    except RuntimeError:  # no home folder
        return None


_PACKAGE_DIR = Path(__file__).resolve().parent


@functools.cache
def code_fingerprint() -> str:
    """A digest of the package's files as installed (relative name, size, modification
    time): a cached value built by other code is never used. One directory scan per
    folder, about a millisecond for the package's 200 files."""
    lines: list[str] = []
    pending = [("", str(_PACKAGE_DIR))]
    while pending:
        rel, folder = pending.pop()
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda e: e.name)
        folders = []
        for entry in entries:
            if entry.is_dir():
                if entry.name != "__pycache__" and not entry.is_symlink():  # as os.walk: not followed
                    folders.append((f"{rel}{entry.name}/", entry.path))
            elif not entry.name.endswith((".pyc", ".pyo")):
                st = entry.stat()
                lines.append(f"{rel}{entry.name}\0{st.st_size}\0{st.st_mtime_ns}\n")
        pending.extend(reversed(folders))  # depth first, in name order
    return sha256("".join(lines).encode("utf-8", "surrogateescape")).hexdigest()


def key_for(kind: str, parts: Iterable[bytes | str | Path]) -> str:
    """A hex digest of the kind, the versions and every part (a Path contributes its name
    and its bytes; an unreadable file raises OSError, so the caller builds uncached)."""
    h = sha256()
    for fixed in (kind, __version__, sys.version, code_fingerprint()):
        h.update(fixed.encode() + b"\0")
    for part in parts:
        if isinstance(part, Path):
            h.update(b"P" + str(part).encode("utf-8", "surrogateescape") + b"\0")
            data = part.read_bytes()
            h.update(len(data).to_bytes(8, "little") + data)
        else:
            data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
            h.update(b"B" + len(data).to_bytes(8, "little") + data)
    return h.hexdigest()[:40]


def _owned_safely(st: os.stat_result, *, folder: bool) -> bool:
    """Owned by this user and writable by nobody else (POSIX; elsewhere the profile
    folder's permissions are relied on)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return True
    if st.st_uid != getuid():
        return False
    if folder:
        return not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return stat.S_ISREG(st.st_mode) and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


class _PlainUnpickler(pickle.Unpickler):
    """Creates only plain types and this package's classes (see module docstring)."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        if module == "wttsc_policy" or module.startswith("wttsc_policy."):
            found = super().find_class(module, name)
            if isinstance(found, type) and found.__module__ == module:
                return found
        raise pickle.UnpicklingError(f"not allowed in a cache entry: {module}.{name}")


def load(kind: str, key: str) -> Any | None:
    """The value stored under (kind, key), or None when there is none to trust."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{kind}-{key}.pickle"
    try:
        if not _owned_safely(folder.stat(), folder=True):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as fh:
            if not _owned_safely(os.fstat(fh.fileno()), folder=False):
                return None
            data = fh.read()
        if not data.startswith(_FORMAT):
            return None
        return _PlainUnpickler(io.BytesIO(data[len(_FORMAT) :])).load()
    except Exception:  # missing, unreadable, corrupt, truncated, forged: build it again
        return None


def store(kind: str, key: str, value: Any) -> None:
    """Store a value (best effort: any failure leaves the cache as it was)."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        data = _FORMAT + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _owned_safely(folder.stat(), folder=True):
            return
        import tempfile  # only when something is written: not on a warm check's path

        fd, tmp = tempfile.mkstemp(prefix=f".{kind}-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, folder / f"{kind}-{key}.pickle")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(folder, kind)
    except Exception:  # read-only home, full disk, a file where the folder should be...
        return


def _prune(folder: Path, kind: str) -> None:
    entries = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[_KEEP_PER_KIND:]:
        old.unlink(missing_ok=True)


def cached(
    kind: str,
    parts: Iterable[bytes | str | Path],
    build: Callable[[], T],
    expect: type[Any],
    valid: Callable[[Any], bool] | None = None,
) -> T:
    """`build()`, or the value an earlier `build()` stored for the same inputs.

    `build` runs exactly as it would without a cache (its errors propagate and nothing is
    stored); an input that cannot be read for the key means no caching for this call. A
    stored value that is not an `expect`, or that `valid` refuses (a container whose
    items are of the wrong shape), is built again and stored in its place.
    """
    try:
        key = key_for(kind, parts)
    except OSError:
        return build()
    found = load(kind, key)
    if isinstance(found, expect) and (valid is None or valid(found)):
        return found  # type: ignore[no-any-return]
    value = build()
    store(kind, key, value)
    return value
