"""Which files a run checks: explicit files, and folders walked for policies.

Folders skip hidden entries, Word lock files (`~$name.docx`) and config `exclude`
globs (relative to the config file that sets them). A file named explicitly is always
checked, so a user can still look at an excluded file on purpose.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from wttsc_policy.documents import SUPPORTED


def _excluded(path: Path, patterns: list[str], base: Path) -> bool:
    try:
        rel = path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        rel = path.as_posix()
    for pat in patterns:
        pat = pat.rstrip("/")
        if fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(rel, pat + "/*") or fnmatch.fnmatch(path.name, pat):
            return True
        if pat.endswith("/**") and (rel == pat[:-3] or rel.startswith(pat[:-3] + "/")):
            return True
    return False


def _exclude_rules(folder: Path, config_file: Path | None) -> tuple[list[str], Path]:
    from wttsc_policy.config import load_config

    loaded = load_config(folder, explicit=config_file)
    origin = loaded.origins.get("exclude")
    base = Path(origin).parent if origin and origin != "command line" else folder
    return loaded.config.exclude, base


def discover(paths: list[Path], config_file: Path | None = None) -> list[Path]:
    """Files to check, in a stable order. Missing paths are returned as they are
    (the reader reports them), so one bad argument does not hide the rest."""
    out: list[Path] = []
    for path in paths:
        if not path.is_dir():
            out.append(path)
            continue
        patterns, base = _exclude_rules(path, config_file)
        found: list[Path] = []
        for root, dirs, files in os.walk(path):
            root_path = Path(root)
            dirs[:] = sorted(
                d for d in dirs if not d.startswith(".") and not _excluded(root_path / d, patterns, base)
            )
            for name in files:
                if name.startswith((".", "~$")):
                    continue
                candidate = root_path / name
                if candidate.suffix.lower() not in SUPPORTED:
                    continue
                if _excluded(candidate, patterns, base):
                    continue
                found.append(candidate)
        out.extend(sorted(found))
    return list(dict.fromkeys(out))
