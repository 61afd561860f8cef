"""Finding and merging config files: `wttsc-policy.toml` or `[tool.wttsc-policy]` in
`pyproject.toml`, walking up from each checked file to the project root.

The walk stops at the first folder that is a project root: a repository root (it
holds `.git`, a folder or a worktree's file), a folder whose `pyproject.toml` has a
`[tool.wttsc-policy]` table, or one whose `wttsc-policy.toml` says `root = true`.
Without one it stops at the user's home folder (when the file is under it) or at the
filesystem root, so a config left in a shared folder above a project is never read.

Nearer files override farther ones key by key, so a school's folder can override the
trust root. Each effective value remembers which file set it (`wttsc-policy config show`).

Every file's table and the merged result are validated with pydantic (schema.py) the
first time a combination is seen; the validated values are kept in the user cache
(cache.py, keyed by the tables' contents), so later runs import no pydantic.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from wttsc_policy import cache
from wttsc_policy.config.model import Config, LoadedConfig
from wttsc_policy.errors import ConfigError, InputError
from wttsc_policy.fileio import read_input_bytes

CONFIG_NAMES = ("wttsc-policy.toml", "pyproject.toml")
MAX_CONFIG_BYTES = 1024 * 1024


def _read_table(path: Path) -> dict[str, Any] | None:
    try:
        text = read_input_bytes(path, MAX_CONFIG_BYTES, "a config file's").decode("utf-8-sig")  # a BOM is fine
    except InputError as exc:
        raise ConfigError(f"cannot read config: {exc.message}", path) from None
    except UnicodeDecodeError:
        raise ConfigError("cannot read config: it is not UTF-8 text", path) from None
    import tomllib  # only when there is a config file to read (most single-file checks have none)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", path) from None
    except RecursionError:
        raise ConfigError("invalid TOML: nested too deeply", path) from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("wttsc-policy")
    else:
        table = data.get("tool", {}).get("wttsc-policy", data)
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError("[tool.wttsc-policy] must be a table", path)
    return {normalise_key(k): v for k, v in table.items()}


def normalise_key(key: str) -> str:
    """Accept `fail-on` as well as `fail_on` (TOML files often use dashes)."""
    return key.replace("-", "_")


def _validate(table: dict[str, Any], path: Path) -> None:
    """ConfigError naming the file and key when one file's table is invalid on its own."""
    from pydantic import ValidationError

    from wttsc_policy.config.schema import Config as ConfigModel

    try:
        ConfigModel.model_validate(table)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "(table)"
        msg = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
        raise ConfigError(f"key '{key}': {msg}", path) from None


@lru_cache(maxsize=256)
def _config_files_in(folder: Path) -> tuple[Path, dict[str, Any]] | None:
    for name in CONFIG_NAMES:
        candidate = folder / name
        if os.path.isfile(candidate):
            table = _read_table(candidate)
            if table is not None:
                return candidate, table  # validated with the others in load_config
    return None


def exclude_layers(start: Path, *, explicit: Path | None = None) -> list[tuple[Path, list[str]]]:
    """Every `exclude` list that applies under `start`, each with the folder its globs
    are relative to (the folder of the file that sets it). Unlike other keys, excludes
    add up: a school's own excludes do not switch off the trust's."""
    if explicit is not None:
        loaded = load_config(None, explicit=explicit)
        return [(Path(os.path.realpath(explicit)).parent, loaded.config.exclude)] if loaded.config.exclude else []
    layers: list[tuple[Path, list[str]]] = []
    for path, table in config_layers(start):
        patterns = table.get("exclude") or []
        if isinstance(patterns, list) and patterns:
            layers.append((path.parent, [str(p) for p in patterns]))
    return layers


def _home() -> Path | None:
    try:
        return Path(os.path.realpath(Path.home()))
    except (RuntimeError, KeyError, OSError):
        return None


def is_project_root(folder: Path, found: tuple[Path, dict[str, Any]] | None) -> bool:
    """A repository root (`.git` folder or file), a pyproject.toml with our table, or
    a wttsc-policy.toml with `root = true`."""
    if os.path.lexists(folder / ".git"):
        return True
    if found is None:
        return False
    path, table = found
    return path.name == "pyproject.toml" or table.get("root") is True


def _walk(start: Path) -> tuple[list[tuple[Path, dict[str, Any]]], Path | None]:
    """(config files from `start` up, nearest first; the project root or None)."""
    folder = Path(os.path.realpath(start))
    if not os.path.isdir(folder):
        folder = folder.parent
    home = _home()
    layers: list[tuple[Path, dict[str, Any]]] = []
    for d in [folder, *folder.parents]:
        found = _config_files_in(d)
        if found:
            layers.append(found)
        if is_project_root(d, found):
            return layers, d
        if home is not None and d == home:
            break  # never above the user's home folder
    return layers, None


def config_layers(start: Path) -> list[tuple[Path, dict[str, Any]]]:
    """Config files from `start` up to the project root (see the module docstring),
    farthest first."""
    layers, _ = _walk(start)
    layers.reverse()
    return layers


def project_root(start: Path) -> Path | None:
    """The project root above `start`, or None when the walk found none."""
    return _walk(start)[1]


def load_config(
    start: Path | None = None, *, explicit: Path | None = None, overrides: dict[str, Any] | None = None
) -> LoadedConfig:
    """Effective config for a file or folder `start` (walking up), or from `explicit`."""
    layers: list[tuple[Path, dict[str, Any]]] = []
    root: Path | None = None
    if explicit is not None:
        explicit = Path(explicit)
        if not os.path.isfile(explicit):
            raise ConfigError("config file not found", explicit)
        table = _read_table(explicit)
        if table is None:
            raise ConfigError("no [tool.wttsc-policy] table", explicit)
        layers.append((explicit, table))
    elif start is not None:
        layers = config_layers(start)
        root = project_root(start)
    merged: dict[str, Any] = {}
    origins: dict[str, str] = {}
    item_origins: dict[str, str] = {}
    for path, table in layers:
        for key, value in table.items():
            key = normalise_key(key)
            if isinstance(value, dict):
                # tables (severity, per-file-ignores, partnerships) merge key by key
                merged[key] = {**merged.get(key, {}), **value} if isinstance(merged.get(key), dict) else dict(value)
                for sub in value:
                    sub = sub.strip().upper() if key == "severity" else sub
                    item_origins[f"{key}.{sub}"] = str(path)
            else:
                merged[key] = value
            origins[key] = str(path)
    for key, value in (overrides or {}).items():
        if value is not None:
            merged[key] = value
            origins[key] = "command line"
    config = _validated(layers, merged, origins, item_origins)
    base = str(layers[-1][0].parent) if layers else None
    return LoadedConfig(
        config=config,
        origins=origins,
        item_origins=item_origins,
        files=[str(p) for p, _ in layers],
        base=base,
        root=str(root) if root is not None else None,
        explicit=explicit is not None,
    )


def _tagged(value: Any) -> str:
    """JSON for the TOML values JSON has no type for (dates and times), type included."""
    return f"{type(value).__name__}:{value.isoformat() if hasattr(value, 'isoformat') else value!r}"


def _validated(
    layers: list[tuple[Path, dict[str, Any]]],
    merged: dict[str, Any],
    origins: dict[str, str],
    item_origins: dict[str, str],
) -> Config:
    """The validated Config for the merged values: every file's table must be valid on its
    own, and the merged result too. Cached by the tables' contents (see module docstring)."""
    if not merged and not layers:
        return Config()
    try:
        content = json.dumps([[t for _, t in layers], merged], sort_keys=True, default=_tagged)
    except (TypeError, ValueError):  # not plain TOML data (a caller's override): no caching
        content = None
    if content is not None:
        key = cache.key_for("config", [content])
        found = cache.load("config", key)
        if isinstance(found, dict):
            return Config.from_validated(found)
    values = _validate_all(layers, merged, origins, item_origins)
    if content is not None:
        cache.store("config", key, values)
    return Config.from_validated(values)


def _validate_all(
    layers: list[tuple[Path, dict[str, Any]]],
    merged: dict[str, Any],
    origins: dict[str, str],
    item_origins: dict[str, str],
) -> dict[str, Any]:
    from pydantic import ValidationError

    from wttsc_policy.config.schema import Config as ConfigModel

    for path, table in layers:
        _validate(table, path)
    try:
        model = ConfigModel.model_validate(merged)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        where = item_origins.get(".".join(str(p) for p in err["loc"][:2])) or origins.get(str(err["loc"][0]))
        raise ConfigError(f"key '{key}': {err['msg']}", where) from None
    return model.model_dump()
