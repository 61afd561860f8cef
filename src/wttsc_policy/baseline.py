"""Baselines for gradual adoption: record today's findings, then fail only on new ones.

A baseline file lists findings by file and fingerprint (see fingerprints.py), never by
line number, so editing a policy elsewhere does not turn known findings into new ones.
Paths are stored relative to the baseline file's folder, so the file can be committed
and used from any working directory.

Matching is a multiset: if a baseline records two identical findings in a file and the
file now has three, one is new. Entries for files checked in this run that no longer
match anything are "fixed"; entries for files not checked in this run are left alone.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from wttsc_policy import fingerprints as fpmod
from wttsc_policy.errors import InputError, UsageError
from wttsc_policy.fileio import read_input_bytes, write_text_atomic
from wttsc_policy.findings import FileResult

FORMAT_VERSION = 1
MAX_BASELINE_BYTES = 256 * 1024 * 1024


def key_path(path: str | Path, base: Path) -> str:
    """A file's path as stored in a baseline: relative to `base`, with forward slashes."""
    resolved = Path(os.path.abspath(path))
    try:
        return resolved.relative_to(base).as_posix()
    except ValueError:
        try:
            return Path(os.path.relpath(resolved, base)).as_posix()
        except ValueError:  # another drive on Windows
            return resolved.as_posix()


def entries(results: list[FileResult], base: Path, fingerprints: dict[int, str] | None = None) -> list[dict[str, Any]]:
    """Baseline entries for every finding of readable files, in a stable order."""
    fps = fingerprints if fingerprints is not None else fpmod.compute(results)
    out: list[dict[str, Any]] = []
    for r in sorted(results, key=lambda r: key_path(r.path, base)):
        if r.error:
            continue
        for f in r.findings:
            out.append(
                {
                    "path": key_path(r.path, base),
                    "rule": f.rule,
                    "fingerprint": fps[id(f)],
                    "severity": f.severity,
                    "heading": f.heading,
                    "match": f.match,
                    "message": f.message,
                }
            )
    return out


def dumps(results: list[FileResult], base: Path, version: str) -> str:
    data = {
        "wttsc_policy_baseline": FORMAT_VERSION,
        "fingerprint_version": _fp_version(),
        "tool_version": version,
        "findings": entries(results, base),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _fp_version() -> str:
    return fpmod.VERSION


def write_baseline(results: list[FileResult], output: Path, version: str) -> int:
    """Write the baseline atomically; returns the number of findings recorded."""
    base = Path(os.path.abspath(output)).parent
    text = dumps(results, base, version)
    write_text_atomic(output, text, force=True)
    return len(json.loads(text)["findings"])


def load(path: Path) -> list[dict[str, Any]]:
    """The entries of a baseline file; a missing or malformed file is a user error."""
    path = Path(path)
    if not os.path.isfile(path):
        raise UsageError("baseline file not found (create it with `wttsc-policy baseline PATH... --output FILE`)", path)
    try:
        data = json.loads(read_input_bytes(path, MAX_BASELINE_BYTES, "a baseline's").decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read baseline: {exc}", path) from None
    except RecursionError:
        raise InputError("cannot read baseline: it is nested too deeply to be a baseline", path) from None
    if not isinstance(data, dict) or data.get("wttsc_policy_baseline") != FORMAT_VERSION:
        raise InputError("not a wttsc-policy baseline file (version 1)", path)
    if data.get("fingerprint_version") != _fp_version():
        raise InputError(
            f"baseline uses fingerprint version {data.get('fingerprint_version')!r}; "
            f"record it again with this version of wttsc-policy",
            path,
        )
    found = data.get("findings")
    if not isinstance(found, list) or not all(
        isinstance(e, dict) and isinstance(e.get("path"), str) and isinstance(e.get("fingerprint"), str) for e in found
    ):
        raise InputError("'findings' must be a list of entries with 'path' and 'fingerprint'", path)
    return found


def apply_baseline(
    results: list[FileResult], baseline_path: Path, fingerprints: dict[int, str] | None = None
) -> tuple[list[FileResult], list[dict[str, Any]], int]:
    """Keep only findings not in the baseline.

    Returns (results with only new findings, baseline entries since fixed, number of
    findings matched by the baseline). Finding objects are kept (not copied), so
    fingerprints keyed by `id(finding)` stay valid.
    """
    known = load(baseline_path)
    base = Path(os.path.abspath(baseline_path)).parent
    fps = fingerprints if fingerprints is not None else fpmod.compute(results)
    remaining: Counter[tuple[str, str]] = Counter((e["path"], e["fingerprint"]) for e in known)
    checked: set[str] = set()
    matched = 0
    out: list[FileResult] = []
    for r in results:
        if r.error:
            out.append(r)
            continue
        path = key_path(r.path, base)
        checked.add(path)
        keep = []
        for f in r.findings:
            k = (path, fps[id(f)])
            if remaining[k] > 0:
                remaining[k] -= 1
                matched += 1
            else:
                keep.append(f)
        out.append(r.with_findings(keep))
    fixed: list[dict[str, Any]] = []
    for e in known:
        k = (e["path"], e["fingerprint"])
        if e["path"] in checked and remaining[k] > 0:
            remaining[k] -= 1
            fixed.append(e)
    return out, fixed, matched
