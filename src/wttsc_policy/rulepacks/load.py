"""Loading rule packs from folders: `pack.yaml` (metadata, `not_applicable`, optional
rules) plus any number of other `*.yaml` files with a top-level `rules:` list, and the
pack's own clause templates under `clauses/`.

A pack is parsed (yaml) and validated (pydantic, schema.py) only when its files are new
to the user cache; afterwards every run loads the validated pack from the cache
(cache.py, keyed by the bytes of the pack's files), importing neither.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wttsc_policy import cache
from wttsc_policy.errors import RuleError
from wttsc_policy.resources import data_dir
from wttsc_policy.rulepacks.model import NotApplicable, PackMeta, PatternSpec, Rule, convert
from wttsc_policy.rulepacks.ruleset import RulePack, RuleSet
from wttsc_policy.rulepacks.vetting import check_pack

if TYPE_CHECKING:
    from pydantic import ValidationError

PACK_FILE = "pack.yaml"


def _fmt_validation(exc: ValidationError, data: object) -> str:
    err = exc.errors()[0]
    loc = list(err["loc"])
    rule_id = None
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int) and isinstance(data, dict):
        rules = data.get("rules") or []
        if loc[1] < len(rules) and isinstance(rules[loc[1]], dict):
            rule_id = rules[loc[1]].get("id")
        loc = loc[2:]
    where = ".".join(str(p) for p in loc if not str(p).startswith("function-after")) or "(rule)"
    prefix = f"rule {rule_id}: " if rule_id else ""
    return f"{prefix}field '{where}': {err['msg']}"


def read_yaml(path: Path) -> object:
    """A YAML file parsed safely; unreadable or invalid YAML is a RuleError naming it."""
    import yaml  # only when a pack is new to the cache

    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"cannot read rule file: {exc}", path) from None
    except yaml.YAMLError as exc:
        raise RuleError(f"invalid YAML: {exc}", path) from None


def _pack_files(folder: Path) -> list[Path]:
    meta_file = folder / PACK_FILE
    if not meta_file.is_file():
        raise RuleError("not a rule pack (no pack.yaml)", folder)
    return [meta_file, *sorted(p for p in folder.glob("*.yaml") if p.name != PACK_FILE)]


def parse_rule(data: dict[str, Any]) -> Rule:
    """One rule from a mapping, validated as a pack file would be (tests, benchmarks)."""
    from wttsc_policy.rulepacks.schema import Rule as RuleModel

    rule: Rule = convert(RuleModel.model_validate(data))
    return rule


def validate_pack(folder: Path) -> RulePack:
    """Parse and validate one pack folder, bypassing the cache."""
    from pydantic import ValidationError

    from wttsc_policy.rulepacks.schema import PackFile

    folder = Path(folder)
    files = _pack_files(folder)
    meta: PackMeta | None = None
    rules: list[Rule] = []
    not_applicable: list[NotApplicable] = []
    for path in files:
        data = read_yaml(path)
        if data is None:
            continue
        try:
            parsed = PackFile.model_validate(data)
        except ValidationError as exc:
            raise RuleError(_fmt_validation(exc, data), path) from None
        if path == files[0]:
            meta = convert(parsed.pack) if parsed.pack is not None else None
        elif parsed.pack is not None:
            raise RuleError("only pack.yaml may hold 'pack' metadata", path)
        rules.extend(convert(parsed.rules))
        not_applicable.extend(convert(parsed.not_applicable))
    if meta is None:
        raise RuleError("pack.yaml has no 'pack' metadata", files[0])
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise RuleError(f"rule {rule.id}: duplicate id", folder)
        seen.add(rule.id)
        rule.pack_folder = str(folder)  # clause templates are relative to the pack
        rule.pack_family = meta.family
        rule.pack_examples_as_of = meta.examples_as_of
        problem = _rule_text_problem(rule)
        if problem:
            raise RuleError(f"rule {rule.id}: {problem}", folder)
    return RulePack(meta=meta, path=str(folder), rules=rules, not_applicable=not_applicable)


def load_pack(folder: Path) -> RulePack:
    """One pack folder, validated: from the user cache when its files are unchanged."""
    folder = Path(folder)
    files = _pack_files(folder)
    # the folder as given is part of the key: it is stored in the pack (rule.pack_dir)
    key: list[bytes | str | Path] = [str(folder), str(folder.resolve()), *files]
    return cache.cached("rulepack", key, lambda: validate_pack(folder), RulePack)


def _rule_text_problem(rule: Rule) -> str | None:
    """Why a rule's family, cited editions or substituted texts are invalid, or None."""
    from wttsc_policy.guidance.editions import GuidanceError
    from wttsc_policy.guidance.shipped import editions
    from wttsc_policy.rulepacks.substitute import check_names

    index = editions()
    families = [f.id for f in index.families]
    if rule.family is not None:
        if rule.family not in families:
            return f"field 'family': unknown guidance family {rule.family!r}"
        for p in rule.patterns:
            if isinstance(p, PatternSpec) and p.edition is not None:
                try:
                    index.edition(rule.family, p.edition)
                except GuidanceError as exc:
                    return f"field 'patterns.edition': {exc.message}"
    texts = [("replacement", rule.replacement), ("message", rule.message), ("source", rule.source)]
    texts += [("patterns.replacement", p.replacement) for p in rule.patterns if isinstance(p, PatternSpec)]
    for field, text in texts:
        if text:
            problem = check_names(text, families, own_family=rule.text_family)
            if problem:
                return f"field '{field}': {problem}"
    return None


def find_packs(path: Path) -> list[Path]:
    """A pack folder itself, or every pack folder directly inside `path`."""
    path = Path(path)
    if (path / PACK_FILE).is_file():
        return [path]
    if not path.is_dir():
        raise RuleError("rules folder not found", path)
    packs = sorted(p for p in path.iterdir() if (p / PACK_FILE).is_file())
    if not packs:
        raise RuleError("no rule packs (folders with pack.yaml) here", path)
    return packs


def builtin_rules_dir() -> Path:
    return data_dir("rules")


def load_ruleset(extra: list[Path] | None = None, *, builtin: bool = True) -> RuleSet:
    """The built-in packs plus any extra pack folders; ids must be unique across packs."""
    folders: list[Path] = []
    if builtin:
        folders.extend(find_packs(builtin_rules_dir()))
    for e in extra or []:
        folders.extend(find_packs(Path(e)))
    packs = [load_pack(f) for f in folders]
    shipped = Path(os.path.realpath(builtin_rules_dir()))
    for pack in packs:
        if not Path(os.path.realpath(pack.path)).is_relative_to(shipped):
            check_pack(pack)  # a pack from outside the tool: unsafe regexes and templates are refused (vetting.py)
    owner: dict[str, str] = {}
    for pack in packs:
        for rule in pack.rules:
            if rule.id in owner:
                raise RuleError(f"rule {rule.id}: id already used by pack '{owner[rule.id]}'", pack.path)
            owner[rule.id] = pack.meta.name
    return RuleSet(packs=packs)


def rule_json_schema() -> dict[str, Any]:
    """JSON Schema for a rule file, for editors validating custom packs."""
    from wttsc_policy.rulepacks.schema import PackFile

    return PackFile.model_json_schema()
