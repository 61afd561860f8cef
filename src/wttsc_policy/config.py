"""Configuration: `wttsc-policy.toml` or `[tool.wttsc-policy]` in `pyproject.toml`.

Config files are found by walking up from each checked file; nearer files override
farther ones key by key, so a school's folder can override the trust root. Each
effective value remembers which file set it (`wttsc-policy config show`).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from wttsc_policy.errors import ConfigError

CONFIG_NAMES = ("wttsc-policy.toml", "pyproject.toml")


class PartnershipOverride(BaseModel):
    """A trust's correction or addition to the shipped partnership data."""

    model_config = ConfigDict(extra="forbid")
    partnership: str
    abbreviation: str | None = None
    website: str | None = None
    former_boards: list[str] = Field(default_factory=list)
    source: str | None = None


class Config(BaseModel):
    """Effective settings for one file. Values for clause templates come first."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    # School / trust values used by clause templates and change notes.
    school_name: str | None = None
    trust_name: str | None = None
    local_authority: str | None = None
    partnership_name: str | None = None
    partnership_website: str | None = None
    dsl_title: str = "designated safeguarding lead (DSL)"
    deputy_dsl_title: str = "deputy designated safeguarding lead"
    headteacher_title: str = "headteacher"
    governing_body: str = "governing board"
    setting_type: Literal["school", "academy", "college", "nursery", "independent school"] = "school"
    kcsie_edition: int = Field(default=2025, ge=2015, le=2100)

    # Rule selection.
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    exclude: list[str] = Field(default_factory=list)
    rules: list[str] = Field(default_factory=list, description="Extra rule pack folders")
    fail_on: Literal["error", "warning", "info", "never"] = "warning"

    # update
    author: str = "wttsc-policy"

    # Hostile-input limits (bytes / ratio), configurable for unusual documents.
    max_file_bytes: int = Field(default=50 * 1024 * 1024, gt=0)
    max_part_bytes: int = Field(default=100 * 1024 * 1024, gt=0)
    max_compression_ratio: int = Field(default=200, gt=0)

    partnerships: dict[str, PartnershipOverride] = Field(default_factory=dict)

    @field_validator("select", "ignore")
    @classmethod
    def _ids_upper(cls, value: list[str]) -> list[str]:
        return [v.strip().upper() for v in value if v.strip()]

    @field_validator("severity")
    @classmethod
    def _severity_ids_upper(cls, value: dict[str, str]) -> dict[str, str]:
        return {k.strip().upper(): v for k, v in value.items()}

    def template_values(self) -> dict[str, Any]:
        """Variables handed to clause and replacement templates."""
        return {
            "school_name": self.school_name,
            "trust_name": self.trust_name,
            "local_authority": self.local_authority,
            "partnership_name": self.partnership_name,
            "partnership_website": self.partnership_website,
            "dsl_title": self.dsl_title,
            "deputy_dsl_title": self.deputy_dsl_title,
            "headteacher_title": self.headteacher_title,
            "governing_body": self.governing_body,
            "setting_type": self.setting_type,
            "kcsie_edition": self.kcsie_edition,
        }


class LoadedConfig(BaseModel):
    """The effective config plus where each key came from."""

    config: Config
    origins: dict[str, str] = Field(default_factory=dict)  # key -> file path
    item_origins: dict[str, str] = Field(default_factory=dict)  # "severity.WT060" -> file path (table keys)
    files: list[str] = Field(default_factory=list)  # farthest first
    base: str | None = None  # folder of the nearest config file (globs are relative to it)


def _read_table(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config: {exc}", path) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", path) from None
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
    try:
        Config.model_validate(table)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "(table)"
        msg = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
        raise ConfigError(f"key '{key}': {msg}", path) from None


@lru_cache(maxsize=256)
def _config_files_in(folder: Path) -> tuple[Path, dict[str, Any]] | None:
    for name in CONFIG_NAMES:
        candidate = folder / name
        if candidate.is_file():
            table = _read_table(candidate)
            if table is not None:
                _validate(table, candidate)
                return candidate, table
    return None


def exclude_layers(start: Path, *, explicit: Path | None = None) -> list[tuple[Path, list[str]]]:
    """Every `exclude` list that applies under `start`, each with the folder its globs
    are relative to (the folder of the file that sets it). Unlike other keys, excludes
    add up: a school's own excludes do not switch off the trust's."""
    if explicit is not None:
        loaded = load_config(None, explicit=explicit)
        return [(Path(explicit).resolve().parent, loaded.config.exclude)] if loaded.config.exclude else []
    layers: list[tuple[Path, list[str]]] = []
    for path, table in config_layers(start):
        patterns = table.get("exclude") or []
        if isinstance(patterns, list) and patterns:
            layers.append((path.parent, [str(p) for p in patterns]))
    return layers


def config_layers(start: Path) -> list[tuple[Path, dict[str, Any]]]:
    """Config files from `start` up to the repository root (or /), farthest first."""
    layers: list[tuple[Path, dict[str, Any]]] = []
    folder = Path(start).resolve()
    if not folder.is_dir():
        folder = folder.parent
    for d in [folder, *folder.parents]:
        found = _config_files_in(d)
        if found:
            layers.append(found)
        if (d / ".git").exists():
            break
    layers.reverse()
    return layers


def load_config(
    start: Path | None = None, *, explicit: Path | None = None, overrides: dict[str, Any] | None = None
) -> LoadedConfig:
    """Effective config for a file or folder `start` (walking up), or from `explicit`."""
    layers: list[tuple[Path, dict[str, Any]]] = []
    if explicit is not None:
        explicit = Path(explicit)
        if not explicit.is_file():
            raise ConfigError("config file not found", explicit)
        table = _read_table(explicit)
        if table is None:
            raise ConfigError("no [tool.wttsc-policy] table", explicit)
        _validate(table, explicit)
        layers.append((explicit, table))
    elif start is not None:
        layers = config_layers(start)
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
    try:
        config = Config.model_validate(merged)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        where = item_origins.get(".".join(str(p) for p in err["loc"][:2])) or origins.get(str(err["loc"][0]))
        raise ConfigError(f"key '{key}': {err['msg']}", where) from None
    base = str(layers[-1][0].parent) if layers else None
    return LoadedConfig(
        config=config, origins=origins, item_origins=item_origins, files=[str(p) for p, _ in layers], base=base
    )
