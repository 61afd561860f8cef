"""Trust-wide commands: `baseline`, `report` (the dashboard) and `config show`."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from wttsc_policy import __version__
from wttsc_policy.baseline import write_baseline
from wttsc_policy.commands.check import check_many, check_rule_ids, find_files, report_context, validate_configs
from wttsc_policy.config.load import load_config
from wttsc_policy.context import RunOptions, extra_packs, ruleset_for
from wttsc_policy.errors import UsageError
from wttsc_policy.fileio import check_output_path, write_text_atomic
from wttsc_policy.findings import FileResult
from wttsc_policy.render.dashboard import render_dashboard


def _check_all(
    paths: list[Path], config_file: Path | None, extra_rules: tuple[str, ...]
) -> tuple[list[FileResult], tuple[str, ...]]:
    """(results, every extra rule pack folder in use) for the paths, as `check` does."""
    opts = RunOptions(config_file=str(config_file) if config_file else None, extra_rules=extra_rules)
    files = find_files(paths, config_file)
    packs = validate_configs(files, config_file, opts)
    return check_many(files, opts, None), packs


def _report_errors(results: list[FileResult]) -> int:
    bad = [r for r in results if r.error]
    for r in bad:
        print(f"wttsc-policy: {r.error}", file=sys.stderr)
    return 2 if bad else 0


def run_baseline(*, paths: list[Path], output: Path, config_file: Path | None, extra_rules: tuple[str, ...]) -> int:
    """Record every current finding by fingerprint. Unreadable files are reported
    (exit 2) but the baseline of the readable ones is still written."""
    results, _ = _check_all(paths, config_file, extra_rules)
    count = write_baseline(results, output, __version__)
    files = sum(1 for r in results if not r.error)
    print(f"wttsc-policy: recorded {count} finding(s) from {files} file(s) in {output}", file=sys.stderr)
    return _report_errors(results)


def run_report(
    *, paths: list[Path], output: Path, config_file: Path | None, extra_rules: tuple[str, ...], force: bool
) -> int:
    """Write the one-page trust dashboard. Unreadable files appear in it and make the
    exit code 2; findings never change the exit code (this is a report, not a gate)."""
    check_output_path(output, force=force)
    results, packs = _check_all(paths, config_file, extra_rules)
    ctx = report_context(RunOptions(extra_rules=extra_rules), "warning", color=False, packs=packs)
    html = render_dashboard(results, ctx.rules, ctx.packs, config_file)
    write_text_atomic(output, html, force=force)
    findings = sum(len(r.findings) for r in results)
    print(f"wttsc-policy: wrote {output} ({len(results)} file(s), {findings} finding(s))", file=sys.stderr)
    return _report_errors(results)


# --- config show -----------------------------------------------------------------


def _origin_label(origin: str | None) -> str:
    if origin is None:
        return "default"
    if origin == "command line":
        return origin
    try:
        rel = os.path.relpath(origin)
    except ValueError:
        return origin
    return origin if rel.startswith("..") else rel


def config_view(path: Path, config_file: Path | None) -> dict[str, Any]:
    """The effective config for `path` as {key: {value, origin[, items]}}."""
    if not path.exists():
        raise UsageError("no such file or folder", path)
    loaded = load_config(path, explicit=config_file)
    opts = RunOptions(config_file=str(config_file) if config_file else None)
    check_rule_ids(loaded, set(ruleset_for(extra_packs(loaded, opts)).by_id))
    values = loaded.config.model_dump(mode="json")
    out: dict[str, Any] = {}
    for key, value in values.items():
        entry: dict[str, Any] = {"value": value, "origin": _origin_label(loaded.origins.get(key))}
        if isinstance(value, dict) and value:
            entry["items"] = {
                sub: _origin_label(loaded.item_origins.get(f"{key}.{sub}", loaded.origins.get(key))) for sub in value
            }
        out[key] = entry
    return {"path": str(path), "files": [_origin_label(f) for f in loaded.files], "values": out}


def _toml_value(value: Any) -> str:
    if value is None:
        return "(not set)"
    return json.dumps(value, ensure_ascii=False)


def show_config(*, path: Path, config_file: Path | None, fmt: str) -> int:
    """Print the effective config and where each value came from."""
    view = config_view(path, config_file)
    if fmt == "json":
        print(json.dumps(view, indent=2, ensure_ascii=False))
        return 0
    lines = [f"Effective config for {view['path']}"]
    if view["files"]:
        lines.append("Config files (farthest first, nearer ones override):")
        lines += [f"  {f}" for f in view["files"]]
    else:
        lines.append("No config file found; every value is a default.")
    lines.append("")
    width = max(len(k) for k in view["values"]) + 2
    for key, entry in view["values"].items():
        if "items" in entry:
            lines.append(f"{key}:".ljust(width + 30) + f"  # {entry['origin']}")
            for sub, origin in entry["items"].items():
                lines.append(f"  {sub} = {_toml_value(entry['value'][sub])}  # {origin}")
        else:
            lines.append(f"{key} = {_toml_value(entry['value'])}".ljust(width + 30) + f"  # {entry['origin']}")
    print("\n".join(lines))
    return 0
