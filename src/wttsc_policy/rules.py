"""Rule packs: the pydantic schema for rules, and loading/validating YAML packs.

A pack is a folder holding `pack.yaml` (metadata, `not_applicable`, optional rules) and
any number of other `*.yaml` files with a top-level `rules:` list.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from wttsc_policy.errors import RuleError
from wttsc_policy.model import RuleKind, Severity

RULE_ID = r"^[A-Z][A-Z0-9]{1,7}[0-9]{3}$"


def compile_pattern(pattern: str, *, case_sensitive: bool = False) -> re.Pattern[str]:
    """Compile a rule regex for matching against normalised text.

    A literal space outside a character class matches any run of whitespace (line
    breaks included), and ' ?' an optional run, so authors can write phrases naturally
    and allow for words joined or split by PDF extraction.
    """
    out: list[str] = []
    in_class = escaped = False
    chars = iter(enumerate(pattern))
    for i, ch in chars:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif in_class:
            out.append(ch)
            if ch == "]":
                in_class = False
        elif ch == "[":
            out.append(ch)
            in_class = True
        elif ch == " ":
            nxt = pattern[i + 1] if i + 1 < len(pattern) else ""
            if nxt in "?*":  # ' ?' / ' *': optional whitespace run
                next(chars)
                out.append(r"\s*")
            elif out and out[-1] == r"\s+":
                continue
            else:
                if nxt == "+":
                    next(chars)
                out.append(r"\s+")
        else:
            out.append(ch)
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile("".join(out), flags)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PatternSpec(_Strict):
    """A pattern with its own replacement (e.g. 'CCGs' -> 'ICBs')."""

    regex: str
    replacement: str | None = None


class Examples(_Strict):
    fires: list[str] = Field(min_length=1, description="Texts the rule must flag")
    passes: list[str] = Field(min_length=1, description="Similar texts it must not flag")


class Rule(_Strict):
    """One rule. See docs/rules.md for the meaning of each field."""

    id: str = Field(pattern=RULE_ID)
    title: str
    kind: RuleKind
    severity: Severity
    covers: list[str] = Field(default_factory=list, description="changes.yaml keys")
    source: str = Field(description="Where in WTtSC 2023 the change is (chapter/section)")
    chapter: str = Field(description="Chapter label used to group counts, e.g. 'Chapter 2'")
    patterns: list[str | PatternSpec] = Field(default_factory=list)
    keywords: list[str] = Field(
        default_factory=list,
        description="Lower-case substrings, one of which every match contains (prefilter)",
    )
    exclusions: list[str] = Field(
        default_factory=list,
        description="Regexes: a match is ignored when its sentence matches one",
    )
    check_history: bool = Field(
        default=False, description="Also match inside version-history / document-control zones"
    )
    case_sensitive: bool = False
    replacement: str | None = None
    replace_scope: Literal["match", "sentence"] = "match"
    year_before: str | None = Field(
        default=None,
        description="Config value name (e.g. 'kcsie_edition'): keep a match only when its named "
        "group 'year' is earlier than that value",
    )
    cues: list[str] = Field(default_factory=list)
    min_cues: int = Field(default=1, ge=1)
    clause: str | None = Field(default=None, description="Template under templates/")
    place_under: list[str] = Field(default_factory=list, description="Heading cues (regexes)")
    clause_heading: str | None = Field(
        default=None, description="Sub-heading for the clause when no heading fits"
    )
    message: str
    rationale: str
    confidence: Literal["high", "medium", "low"] = "high"
    enabled: bool = True
    provider: str | None = Field(
        default=None, description="Built-in code that supplies patterns at run time"
    )
    examples: Examples

    @field_validator("patterns", "exclusions", "cues")
    @classmethod
    def _regexes_compile(cls, value: list[str | PatternSpec]) -> list[str | PatternSpec]:
        for item in value:
            text = item.regex if isinstance(item, PatternSpec) else item
            try:
                compile_pattern(text)
            except re.error as exc:
                raise ValueError(f"invalid regex {text!r}: {exc}") from None
        return value

    @field_validator("keywords")
    @classmethod
    def _keywords_lower(cls, value: list[str]) -> list[str]:
        for kw in value:
            if kw != kw.lower() or not kw.strip():
                raise ValueError(f"keyword {kw!r} must be non-empty lower-case text")
        return value

    @model_validator(mode="after")
    def _fields_for_kind(self) -> Rule:
        if self.kind in ("outdated_reference", "incorrect_claim"):
            if not self.patterns and not self.provider:
                raise ValueError(f"a {self.kind} rule needs 'patterns'")
            if self.replacement is None and not self.provider and not all(
                isinstance(p, PatternSpec) and p.replacement for p in self.patterns
            ):
                raise ValueError(f"a {self.kind} rule needs 'replacement'")
        if self.kind == "missing_topic" and not self.cues:
            raise ValueError("a missing_topic rule needs 'cues'")
        if self.min_cues > max(len(self.cues), 1):
            raise ValueError("'min_cues' is larger than the number of cues")
        return self

    @cached_property
    def compiled(self) -> list[tuple[re.Pattern[str], str | None]]:
        out = []
        for p in self.patterns:
            if isinstance(p, PatternSpec):
                out.append((compile_pattern(p.regex, case_sensitive=self.case_sensitive), p.replacement))
            else:
                out.append((compile_pattern(p, case_sensitive=self.case_sensitive), None))
        return out

    @cached_property
    def compiled_exclusions(self) -> list[re.Pattern[str]]:
        return [compile_pattern(p) for p in self.exclusions]

    @cached_property
    def compiled_cues(self) -> list[re.Pattern[str]]:
        return [compile_pattern(p) for p in self.cues]


class PackMeta(_Strict):
    name: str
    title: str
    from_edition: str
    to_edition: str
    version: str
    description: str = ""


class NotApplicable(_Strict):
    key: str
    reason: str


class PackFile(_Strict):
    pack: PackMeta | None = None
    not_applicable: list[NotApplicable] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)


class RulePack(BaseModel):
    """A loaded, validated pack."""

    meta: PackMeta
    path: str
    rules: list[Rule]
    not_applicable: list[NotApplicable] = Field(default_factory=list)


class RuleSet(BaseModel):
    """Every rule in force for a run, from one or more packs."""

    packs: list[RulePack]

    @cached_property
    def rules(self) -> list[Rule]:
        return [r for p in self.packs for r in p.rules]

    @cached_property
    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    def select(self, select: list[str] | None = None, ignore: list[str] | None = None) -> list[Rule]:
        """Rules in force after --select/--ignore (ids or id prefixes)."""

        def hit(rule: Rule, ids: list[str]) -> bool:
            return any(rule.id == i or rule.id.startswith(i) for i in ids)

        out = [r for r in self.rules if r.enabled or (select and hit(r, select))]
        if select:
            out = [r for r in out if hit(r, select)]
        if ignore:
            out = [r for r in out if not hit(r, ignore)]
        return out


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


def _read_yaml(path: Path) -> object:
    import yaml

    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"cannot read rule file: {exc}", path) from None
    except yaml.YAMLError as exc:
        raise RuleError(f"invalid YAML: {exc}", path) from None


def load_pack(folder: Path) -> RulePack:
    """Load and validate one pack folder."""
    folder = Path(folder)
    meta_file = folder / "pack.yaml"
    if not meta_file.is_file():
        raise RuleError("not a rule pack (no pack.yaml)", folder)
    meta: PackMeta | None = None
    rules: list[Rule] = []
    not_applicable: list[NotApplicable] = []
    for path in [meta_file, *sorted(p for p in folder.glob("*.yaml") if p.name != "pack.yaml")]:
        data = _read_yaml(path)
        if data is None:
            continue
        try:
            parsed = PackFile.model_validate(data)
        except ValidationError as exc:
            raise RuleError(_fmt_validation(exc, data), path) from None
        if path == meta_file:
            meta = parsed.pack
        elif parsed.pack is not None:
            raise RuleError("only pack.yaml may hold 'pack' metadata", path)
        rules.extend(parsed.rules)
        not_applicable.extend(parsed.not_applicable)
    if meta is None:
        raise RuleError("pack.yaml has no 'pack' metadata", meta_file)
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise RuleError(f"rule {rule.id}: duplicate id", folder)
        seen.add(rule.id)
    return RulePack(meta=meta, path=str(folder), rules=rules, not_applicable=not_applicable)


def find_packs(path: Path) -> list[Path]:
    """A pack folder itself, or every pack folder directly inside `path`."""
    path = Path(path)
    if (path / "pack.yaml").is_file():
        return [path]
    if not path.is_dir():
        raise RuleError("rules folder not found", path)
    packs = sorted(p for p in path.iterdir() if (p / "pack.yaml").is_file())
    if not packs:
        raise RuleError("no rule packs (folders with pack.yaml) here", path)
    return packs


def builtin_rules_dir() -> Path:
    from wttsc_policy.resources import data_dir

    return data_dir("rules")


def load_ruleset(extra: list[Path] | None = None, *, builtin: bool = True) -> RuleSet:
    """The built-in packs plus any extra pack folders; ids must be unique across packs."""
    folders: list[Path] = []
    if builtin:
        folders.extend(find_packs(builtin_rules_dir()))
    for e in extra or []:
        folders.extend(find_packs(Path(e)))
    packs = [load_pack(f) for f in folders]
    owner: dict[str, str] = {}
    for pack in packs:
        for rule in pack.rules:
            if rule.id in owner:
                raise RuleError(
                    f"rule {rule.id}: id already used by pack '{owner[rule.id]}'", pack.path
                )
            owner[rule.id] = pack.meta.name
    return RuleSet(packs=packs)


def rule_json_schema() -> dict:
    """JSON Schema for a rule file, for editors validating custom packs."""
    return PackFile.model_json_schema()
