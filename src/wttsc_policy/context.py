"""One typed context per checked file, resolved once and passed down.

Everything that depends on *which* file is checked, but not on its findings: the
effective config and where each value came from, the setting, the local authority and
its partnership (configured or inferred), the values clause templates use, the rule
packs in force and the compiled rule selection. `check`, `update`, `baseline` and
`report` build it through pipeline.check_file; nothing below it looks any of this up
again.

The "as of" date (the day whose guidance applies; `--as-of`, default today) and the
edition of each guidance family in force on it (`[guidance]` pins in config can hold a
family at an earlier edition) are resolved here too, once per file.

The module is over 300 lines because the context is one object with one builder: splitting
the resolution steps apart would scatter the once-per-file guarantee across modules.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from wttsc_policy.config.load import load_config
from wttsc_policy.config.model import Config, LoadedConfig
from wttsc_policy.document import Document
from wttsc_policy.errors import ConfigError
from wttsc_policy.fileio import real_path
from wttsc_policy.guidance.editions import Edition as GuidanceEdition
from wttsc_policy.guidance.editions import GuidanceError
from wttsc_policy.guidance.shipped import editions as shipped_editions
from wttsc_policy.limits import Limits
from wttsc_policy.match.gating import Gate, active_rules
from wttsc_policy.match.matcher import Matcher
from wttsc_policy.partnerships.infer import Area, known_words, resolve_area
from wttsc_policy.read.outline import title_block
from wttsc_policy.records import field, record
from wttsc_policy.rulepacks.editions import Edition, citations, lead_edition
from wttsc_policy.rulepacks.load import load_ruleset
from wttsc_policy.rulepacks.ruleset import RuleSet
from wttsc_policy.settings import Setting, SettingGuess, infer_setting, parse_setting
from wttsc_policy.template_values import template_values, text_values


@record(frozen=True)
class RunOptions:
    """What the command line asked for, the same for every file of a run."""

    config_file: str | None = None
    extra_rules: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    inline_config: bool = True
    overrides: tuple[tuple[str, Any], ...] = ()
    as_of: date | None = None  # None: today (commands resolve it once per run)
    allow_external_rules: bool = False  # load packs named by configs outside the project

    @property
    def day(self) -> date:
        """The "as of" date of the run."""
        return self.as_of or today()


def today() -> date:
    """The default "as of" date: the day the tool runs."""
    return date.today()


@record(frozen=True)
class FileContext:
    """Everything resolved for one file before its findings (see module docstring)."""

    path: Path
    loaded: LoadedConfig  # effective config + where each key came from
    packs: tuple[str, ...]  # extra rule pack folders in force (config `rules` and --rules)
    ruleset: RuleSet  # every pack in force: built-in and extra
    matcher: Matcher  # the rules selected for this file, compiled
    values: Mapping[str, Any]  # what clause and replacement templates are filled with
    area: Area | None = None  # local authority and partnership; None = resolve on first use
    as_of: date = field(default_factory=today)  # the day whose guidance applies
    pins: Mapping[str, str] = field(default_factory=dict)  # [guidance] family -> edition held back
    editions: Mapping[str, GuidanceEdition] = field(default_factory=dict)  # family -> edition in force
    inferred_setting: SettingGuess | None = None  # when config does not name the setting
    _lazy_area: list[Area] = field(default_factory=list, repr=False, compare=False)

    @property
    def config(self) -> Config:
        return self.loaded.config

    @property
    def setting_type(self) -> str:
        return self.config.setting_type

    @property
    def setting(self) -> Setting | None:
        """The kind of setting: config's, else inferred from the policy (None = not known)."""
        configured = parse_setting(self.config.setting_type)
        if configured is not None:
            return configured
        return self.inferred_setting.setting if self.inferred_setting is not None else None

    @property
    def setting_source(self) -> str | None:
        """Where the setting came from, in plain words for the notes (None = not known)."""
        if parse_setting(self.config.setting_type) is not None:
            return "set in the school's configuration"
        return self.inferred_setting.describe() if self.inferred_setting is not None else None

    @property
    def limits(self) -> Limits:
        return limits_of(self.config)

    @property
    def edition(self) -> Edition:
        """The edition of the lead guidance the file is checked against (in force on the
        file's date, or pinned)."""
        return lead_edition(self.ruleset.packs, self.editions)

    def area_for(self, doc: Document | None) -> Area:
        """The resolved area, or (for contexts built without one) resolve it now, once."""
        if self.area is not None:
            return self.area
        if not self._lazy_area:
            self._lazy_area.append(resolve_area(self.config, doc))
        return self._lazy_area[0]


def limits_of(config: Config) -> Limits:
    """Reading limits from config (hostile-input bounds)."""
    return Limits(
        max_file_bytes=config.max_file_bytes,
        max_part_bytes=config.max_part_bytes,
        max_ratio=config.max_compression_ratio,
        max_text_bytes=config.max_text_bytes,
        max_xml_bytes=config.max_xml_bytes,
        max_findings=config.max_findings,
        time_limit=config.time_limit,
    )


def effective_config(path: Path, opts: RunOptions) -> LoadedConfig:
    """The config in force for `path` (walk-up, or --config), with command-line overrides."""
    return load_config(
        path,
        explicit=Path(opts.config_file) if opts.config_file else None,
        overrides=dict(opts.overrides),
    )


def extra_packs(loaded: LoadedConfig, opts: RunOptions) -> tuple[str, ...]:
    """Rule pack folders from config (relative to the config file) and --rules."""
    return tuple(dict.fromkeys(path for path, _ in pack_origins(loaded, opts)))


def pack_origins(loaded: LoadedConfig, opts: RunOptions) -> list[tuple[str, str]]:
    """(pack folder, where it was named: a config file or "--rules") for the extra packs.

    A pack runs its patterns on every file checked, so a config may name only packs
    inside its own folder tree, and only when the config itself is inside the project
    (the project root, or without one the current folder) or was given with --config.
    Anything else is a ConfigError naming the config file, unless --allow-external-rules.
    """
    out: list[tuple[str, str]] = []
    origin = loaded.origins.get("rules")
    if loaded.config.rules and origin and origin != "command line":
        config_dir = real_path(Path(origin).parent)
        trusted = real_path(loaded.root) if loaded.root else real_path(Path.cwd())
        for value in loaded.config.rules:
            folder = real_path(config_dir / value)
            if not opts.allow_external_rules:
                if not loaded.explicit and not config_dir.is_relative_to(trusted):
                    raise ConfigError(
                        f"key 'rules': the config is outside the project ({trusted}), so its rule pack '{value}' "
                        "is not loaded; pass --allow-external-rules if you trust it",
                        origin,
                    )
                if not folder.is_relative_to(config_dir):
                    raise ConfigError(
                        f"key 'rules': the rule pack '{value}' is outside the config file's folder; "
                        "pass --allow-external-rules if you trust it",
                        origin,
                    )
            out.append((str(folder), origin))
    out.extend((str(real_path(p)), "--rules") for p in opts.extra_rules)
    return out


@lru_cache(maxsize=32)
def ruleset_for(extra: tuple[str, ...]) -> RuleSet:
    """The built-in packs plus `extra` pack folders, loaded once per process."""
    return load_ruleset([Path(e) for e in extra])


@lru_cache(maxsize=64)
def matcher_for(
    extra: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...], gate: Gate | None = None
) -> Matcher:
    """A compiled rule selection, shared by every file that selects the same rules on the
    same day, editions and setting (`gate`; None: every selected rule, undated)."""
    ruleset = ruleset_for(extra)
    rules = ruleset.select(list(select) or None, list(ignore) or None)
    if gate is None:
        return Matcher(rules)
    active = active_rules(ruleset.packs, rules, gate)
    return Matcher(active.rules, active.caps, active.notes)


def per_file_ignores(path: Path, loaded: LoadedConfig) -> tuple[str, ...]:
    """Rule ids the config's `per-file-ignores` globs switch off for this file."""
    patterns = loaded.config.per_file_ignores
    if not patterns:
        return ()
    origin = loaded.origins.get("per_file_ignores")
    base = Path(origin).parent if origin and origin != "command line" else Path.cwd()
    try:
        rel = real_path(path).relative_to(real_path(base)).as_posix()
    except ValueError:
        rel = Path(path).as_posix()
    out: list[str] = []
    for glob, ids in patterns.items():
        if fnmatch.fnmatch(rel, glob) or fnmatch.fnmatch(Path(path).name, glob):
            out.extend(i.upper() for i in ids)
    return tuple(out)


def pins_of(loaded: LoadedConfig) -> dict[str, str]:
    """The `[guidance]` pins of a config, keyed by family id (aliases accepted). A
    `kcsie_edition` set in config or on the command line (the older way) pins KCSIE."""
    pins = {GUIDANCE_ALIASES.get(k, k): str(v) for k, v in loaded.config.guidance.items()}
    if loaded.config.kcsie_edition is not None and "kcsie" not in pins:
        pins["kcsie"] = str(loaded.config.kcsie_edition)
    return pins


# Friendlier names a trust may use in `[guidance]` for the family ids of the editions data.
GUIDANCE_ALIASES = {
    "working_together": "wttsc",
    "working-together": "wttsc",
    "keeping_children_safe": "kcsie",
    "keeping-children-safe": "kcsie",
}


def editions_in_force(loaded: LoadedConfig, on: date) -> tuple[dict[str, str], dict[str, GuidanceEdition]]:
    """(pins, edition of every family in force on `on`), or a ConfigError naming the
    config file and the `[guidance]` key that names an unknown family or edition."""
    pins = pins_of(loaded)
    index = shipped_editions()
    for family, edition in pins.items():
        try:
            index.check_pins({family: edition})
        except GuidanceError as exc:
            key = f"guidance.{family}"
            where = loaded.item_origins.get(key) or loaded.origins.get("guidance")
            if family == "kcsie" and "kcsie" not in {GUIDANCE_ALIASES.get(k, k) for k in loaded.config.guidance}:
                key, where = "kcsie_edition", loaded.origins.get("kcsie_edition")
            raise ConfigError(f"key '{key}': {exc.message}", where) from None
    return pins, index.all_in_force(on, pins)


def setting_of(config: Config, doc: Document) -> tuple[Setting | None, SettingGuess | None]:
    """The configured setting, or (when config says only "school" or nothing) the one the
    policy's own words point to, with the evidence."""
    configured = parse_setting(config.setting_type)
    if configured is not None:
        return configured, None
    title = title_block(doc)
    title_text = title.text if title is not None else next((b.text for b in doc.blocks if b.text.strip()), None)
    # the area inference's word list, when it made one, spares the whole-text substring
    # tests of signals whose words the policy never uses
    guess = infer_setting("\n".join(b.text for b in doc.blocks), title_text, known_words(doc))
    return (guess.setting if guess else None), guess


def values_for(base: Mapping[str, Any], editions: Mapping[str, GuidanceEdition], ruleset: RuleSet) -> dict[str, Any]:
    """Template values plus how to cite the edition of each family in force (`{kcsie.title}`,
    `{{ wttsc.title }}` in clauses); `kcsie_edition` follows the KCSIE edition in force."""
    cites = citations(editions, ruleset.packs)
    values: dict[str, Any] = {**base, **cites}
    if "kcsie" in cites:
        values["kcsie_edition"] = cites["kcsie"].year
    return values


def resolve_context(path: Path, loaded: LoadedConfig, opts: RunOptions, doc: Document, area: Area) -> FileContext:
    """The context of a file once it has been read (the area may be inferred from it)."""
    config = loaded.config
    setting, guess = setting_of(config, doc)
    pins, editions = editions_in_force(loaded, opts.day)
    packs = extra_packs(loaded, opts)
    select = tuple(opts.select) or tuple(config.select)
    ignore = tuple(opts.ignore) + tuple(config.ignore) + per_file_ignores(path, loaded)
    gate = Gate.of(opts.day, editions, setting.value if setting else None)
    ruleset = ruleset_for(packs)
    return FileContext(
        path=path,
        loaded=loaded,
        packs=packs,
        ruleset=ruleset,
        matcher=matcher_for(packs, select, ignore, gate),
        values=values_for(
            {
                **template_values(
                    config,
                    area,
                    setting=setting,
                    explicit=loaded.origins.keys(),
                    editions=editions,
                    as_of=opts.day,
                    doc=doc,
                ),
                # which kind of setting the new text was written for, and how the tool knows
                "setting_label": setting.label if setting is not None else None,
                "setting_source": "set in the school's configuration"
                if parse_setting(config.setting_type) is not None
                else (guess.describe() if guess is not None else None),
            },
            editions,
            ruleset,
        ),
        area=area,
        as_of=opts.day,
        pins=pins,
        editions=editions,
        inferred_setting=guess,
    )


def context_for_text(
    doc: Document,
    *,
    config: Config | None = None,
    values: Mapping[str, Any] | None = None,
    as_of: date | None = None,
    pins: Mapping[str, str] | None = None,
) -> FileContext:
    """A context for matching a text outside any file (rule examples, `rules validate`,
    tests): default config, the given values over config's, the area resolved on demand.
    `as_of` defaults to the editions data horizon, so results never depend on the day."""
    config = config or Config()
    on = as_of or shipped_editions().horizon
    editions = shipped_editions().all_in_force(on, dict(pins or {}))
    ruleset = ruleset_for(())
    setting, guess = setting_of(config, doc)  # an example's own words may name its setting
    merged = {**values_for(text_values(config, editions, on, setting), editions, ruleset), **(values or {})}
    return FileContext(
        path=doc.path,
        loaded=LoadedConfig(config=config),
        packs=(),
        ruleset=ruleset,
        matcher=matcher_for((), (), ()),
        values=merged,
        as_of=on,
        pins=dict(pins or {}),
        editions=editions,
        inferred_setting=guess,
    )
