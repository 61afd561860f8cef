"""Which files a run checks: explicit files, and folders walked for policies.

Folders are walked for .docx, .md and .txt files, skipping hidden entries (`.git`,
`.hidden/`, `.notes.md`), Word's lock files (`~$name.docx`) and config `exclude` globs.
Excludes are read from every config file on the way down (a school's folder can add
its own) and each glob is relative to the folder of the config file that sets it:

* `archive/**` or `archive` - that folder (a pattern without a slash also matches a
  file or folder of that name anywhere below);
* `**/drafts/**` - a `drafts` folder at any depth;
* `*.old.md` - matching file names anywhere.

A file named explicitly on the command line is always checked, so a user can still
look at an excluded file on purpose. Missing paths are passed on as they are so that
the reader reports them and one bad argument does not hide the rest.
"""

from __future__ import annotations

import fnmatch
import os
from functools import lru_cache
from pathlib import Path

from wttsc_policy.config.load import exclude_layers
from wttsc_policy.formats import SUPPORTED


def _pattern_matches(rel: str, name: str, pattern: str) -> bool:
    pat = pattern.strip().replace("\\", "/")
    if pat.startswith("./"):
        pat = pat[2:]
    anchored = pat.startswith("/")
    pat = pat.lstrip("/").rstrip("/")
    if not pat:
        return False
    candidates = [pat]
    if pat.startswith("**/"):
        candidates.append(pat[3:])
    for p in candidates:
        if p.endswith("/**"):
            stem = p[:-3]
            if fnmatch.fnmatchcase(rel, stem) or fnmatch.fnmatchcase(rel, stem + "/*"):
                return True
        if fnmatch.fnmatchcase(rel, p):
            return True
    return bool("/" not in pat and not anchored and fnmatch.fnmatchcase(name, pat))


def excluded(path: Path, layers: list[tuple[Path, list[str]]]) -> bool:
    """True when any exclude layer's globs match `path` (relative to that layer's folder)."""
    resolved = Path(os.path.abspath(path))
    for base, patterns in layers:
        try:
            rel = resolved.relative_to(base).as_posix()
        except ValueError:
            continue
        if any(_pattern_matches(rel, resolved.name, p) for p in patterns):
            return True
    return False


@lru_cache(maxsize=1024)
def _layers(folder: Path, config_file: Path | None) -> tuple[tuple[Path, tuple[str, ...]], ...]:
    return tuple((base, tuple(p)) for base, p in exclude_layers(folder, explicit=config_file))


def _layers_for(folder: Path, config_file: Path | None) -> list[tuple[Path, list[str]]]:
    return [(b, list(p)) for b, p in _layers(Path(os.path.abspath(folder)), config_file)]


def is_candidate(name: str) -> bool:
    """A policy file by name: supported suffix, not hidden, not a Word lock file."""
    return not name.startswith((".", "~$")) and Path(name).suffix.lower() in SUPPORTED


def walk(folder: Path, config_file: Path | None = None) -> list[Path]:
    """Policy files under `folder`, sorted, honouring hidden entries and excludes."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        root_path = Path(root)
        layers = _layers_for(root_path, config_file)
        kept = []
        for d in sorted(dirs):
            if d.startswith("."):
                continue
            child = root_path / d
            if excluded(child, layers):
                continue
            kept.append(d)
        dirs[:] = kept
        for name in sorted(files):
            if not is_candidate(name):
                continue
            candidate = root_path / name
            if excluded(candidate, layers):
                continue
            found.append(candidate)
    return sorted(found)


def discover(paths: list[Path], config_file: Path | None = None) -> list[Path]:
    """Files to check, in a stable order, without duplicates."""
    out: list[Path] = []
    for path in paths:
        if os.path.isdir(path):  # never raises (a name too long, a loop: the reader says so)
            out.extend(walk(path, config_file))
        else:
            out.append(path)
    seen: set[str] = set()
    unique: list[Path] = []
    for p in out:
        key = os.path.abspath(p)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique
