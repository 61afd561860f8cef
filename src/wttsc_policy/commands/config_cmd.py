"""`wttsc-policy config show`: the effective config for a file or folder and where each
value came from."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from wttsc_policy.commands.check import check_rule_ids
from wttsc_policy.config.load import load_config
from wttsc_policy.context import RunOptions, extra_packs, pack_origins, ruleset_for
from wttsc_policy.errors import UsageError
from wttsc_policy.fileio import real_path


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


def config_view(
    path: Path, config_file: Path | None, extra_rules: tuple[str, ...] = (), allow_external_rules: bool = False
) -> dict[str, Any]:
    """The effective config for `path` as {key: {value, origin[, items]}}, and every
    rule pack in force with where it came from."""
    if not os.path.exists(path):
        raise UsageError("no such file or folder", path)
    loaded = load_config(path, explicit=config_file)
    opts = RunOptions(
        config_file=str(config_file) if config_file else None,
        extra_rules=extra_rules,
        allow_external_rules=allow_external_rules,
    )
    ruleset = ruleset_for(extra_packs(loaded, opts))
    check_rule_ids(loaded, set(ruleset.by_id))
    named = dict(pack_origins(loaded, opts))
    packs = []
    for pack in ruleset.packs:
        folder = str(real_path(pack.path))
        origin = named.get(folder)
        label = "built-in" if origin is None else ("--rules" if origin == "--rules" else _origin_label(origin))
        packs.append({"name": pack.meta.name, "version": pack.meta.version, "path": folder, "origin": label})
    values = loaded.config.as_dict()
    out: dict[str, Any] = {}
    for key, value in values.items():
        entry: dict[str, Any] = {"value": value, "origin": _origin_label(loaded.origins.get(key))}
        if isinstance(value, dict) and value:
            entry["items"] = {
                sub: _origin_label(loaded.item_origins.get(f"{key}.{sub}", loaded.origins.get(key))) for sub in value
            }
        out[key] = entry
    return {
        "path": str(path),
        "files": [_origin_label(f) for f in loaded.files],
        "project_root": loaded.root,
        "rule_packs": packs,
        "values": out,
    }


def _toml_value(value: Any) -> str:
    if value is None:
        return "(not set)"
    return json.dumps(value, ensure_ascii=False)


def show_config(
    *,
    path: Path,
    config_file: Path | None,
    fmt: str,
    extra_rules: tuple[str, ...] = (),
    allow_external_rules: bool = False,
) -> int:
    """Print the effective config, where each value came from, and the rule packs."""
    view = config_view(path, config_file, extra_rules, allow_external_rules)
    if fmt == "json":
        print(json.dumps(view, indent=2, ensure_ascii=False))
        return 0
    lines = [f"Effective config for {view['path']}"]
    if view["files"]:
        lines.append("Config files (farthest first, nearer ones override):")
        lines += [f"  {f}" for f in view["files"]]
    else:
        lines.append("No config file found; every value is a default.")
    root = view["project_root"]
    lines.append(f"Project root: {root}" if root else "Project root: none found (the search stopped at home or /)")
    lines.append("Rule packs:")
    lines += [f"  {p['name']} {p['version']}  # {p['origin']}: {p['path']}" for p in view["rule_packs"]]
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
