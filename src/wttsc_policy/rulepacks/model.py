"""Rule packs as the rest of the program uses them: plain classes, no pydantic.

`schema.py` validates a pack (pydantic, at the input boundary, and only when the pack's
files are new to the user cache); `convert` turns the validated models into these
classes, which are cached (see cache.py) and loaded by every later run without importing
pydantic or yaml.

`convert` copies every field a validated model has, whatever it is: a field added to the
schema reaches the run even before it is declared here (as a plain attribute). Declaring
it here gives it a type; tests/test_cache.py checks that every schema field is declared
with the same default, and that a field set in YAML reaches the rule loaded from the
cache. Cache entries are keyed by the package's source files too (cache.py), so an entry
written by older code is never read by newer code. Regexes compile on first use, once
per process. The module runs past 300 lines because every schema model has its plain
counterpart here, in one place, where they are compared field by field.
"""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from wttsc_policy import records
from wttsc_policy.findings import RuleKind, Severity
from wttsc_policy.records import field, record
from wttsc_policy.rulepacks.patterns import CompiledCue, Proximity, Regex, compile_pattern
from wttsc_policy.settings import Setting

# per process, never cached
_COMPILED = frozenset(
    {
        "compiled",
        "compiled_exclusions",
        "compiled_cues",
        "cue_terms",
        "pattern_editions",
        "compiled_intro",
        "compiled_requires",
    }
)
ReplaceScope = Literal["match", "sentence", "paragraph", "list", "definition"]
UNIT_SCOPES = ("list", "definition")  # scopes whose new text is the rule's clause
# Rule fields the loader sets (the pack's folder and metadata), not the pack's YAML
LOADER_FIELDS = frozenset({"pack_folder", "pack_family", "pack_examples_as_of"})


class _Extras:
    """Carries fields a newer schema has and this class does not declare (see docstring)."""

    def as_dict(self) -> dict[str, Any]:
        """The fields as JSON-ready data (dates as ISO text, enums as their values), as the
        schema would dump them in JSON mode."""
        out = {f.name: getattr(self, f.name) for f in records.fields(self)}
        out.update({k: v for k, v in vars(self).items() if k not in out and k not in _COMPILED})
        plain: dict[str, Any] = _plain(out)
        return plain


def _plain(value: Any) -> Any:
    if isinstance(value, _Extras):
        return value.as_dict()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


@record(eq=False)
class PatternSpec(_Extras):
    """A pattern with its own replacement (e.g. 'CCGs' -> 'ICBs'), or only in some sentences
    (`when` / `unless`), or with no safe rewrite (`hand_edit`: why a person must edit it)."""

    regex: str
    replacement: str | None = None
    edition: str | None = None  # rules with a family: the edition a match naming no year cites
    when: str | None = None
    unless: str | None = None
    hand_edit: str | None = None


@record(frozen=True, slots=True)
class CompiledPattern:
    """A rule pattern ready to run (see PatternSpec). A record, not a NamedTuple: typing
    compiles each field's annotation of a NamedTuple when the module is imported."""

    regex: Regex | re.Pattern[str]  # providers and learnt abbreviations bring compiled regexes
    replacement: str | None = None
    when: Regex | None = None
    unless: Regex | None = None
    hand_edit: str | None = None


@record(eq=False)
class Fix(_Extras):
    before: str
    after: str


@record(eq=False)
class Examples(_Extras):
    fires: list[str]
    passes: list[str]
    fixes: list[Fix] = field(default_factory=list)
    thin: list[str] = field(default_factory=list)
    as_of: date | None = None
    setting: Setting | None = None


@record(eq=False)
class NearCue(_Extras):
    """Terms (regexes) within `within` words of each other (see schema.NearCue)."""

    near: list[str]
    within: int
    ordered: bool = False
    sentence: bool = True


@record(eq=False)
class AnyCue(_Extras):
    """Alternatives that count as one cue (see schema.AnyCue)."""

    any: list[str | NearCue]


Cue = str | NearCue | AnyCue


def _proximity(cue: str | NearCue) -> Proximity:
    if isinstance(cue, str):
        return Proximity((compile_pattern(cue),), None)
    return Proximity(tuple(compile_pattern(t) for t in cue.near), cue.within, cue.ordered, cue.sentence)


def compile_cue(cue: Cue) -> CompiledCue:
    """A cue as the matcher runs it: alternatives, any one of which covers the topic."""
    if isinstance(cue, AnyCue):
        return tuple(_proximity(c) for c in cue.any)
    return (_proximity(cue),)


def cue_regexes(cue: Cue) -> list[str]:
    """Every regex a cue is written with (each term of a proximity cue, each alternative)."""
    if isinstance(cue, AnyCue):
        return [x for c in cue.any for x in cue_regexes(c)]
    if isinstance(cue, NearCue):
        return list(cue.near)
    return [cue]


@record(eq=False)
class MergeItem(_Extras):
    """One bullet of a list clause, for merging the clause into the policy's own list."""

    present: str
    replaces: str | None = None


@record(eq=False)
class Unit(_Extras):
    """How a rule finds the unit (a definition, a list) it rewrites or merges into."""

    intro: list[str] = field(default_factory=list)
    requires: list[str] = field(default_factory=list)
    items: list[MergeItem] = field(default_factory=list)


@record(eq=False)
class Rule(_Extras):
    """One validated rule (docs/rules.md explains each field)."""

    id: str
    title: str
    kind: RuleKind
    severity: Severity
    source: str
    chapter: str
    message: str
    rationale: str
    examples: Examples
    covers: list[str] = field(default_factory=list)
    patterns: list[str | PatternSpec] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    exclusions: list[str] = field(default_factory=list)
    check_history: bool = False
    learn_abbreviations: bool = False
    case_sensitive: bool = False
    replacement: str | None = None
    replace_scope: ReplaceScope = "match"
    unit: Unit | None = None
    hand_edit: bool = False
    theme: str | None = None
    replacement_extra: str | None = None
    extra_unless: str | None = None
    semicolon_ends_sentence: bool = True
    year_before: str | None = None
    cues: list[Cue] = field(default_factory=list)
    min_cues: int = 1
    clause: str | None = None
    place_under: list[str] = field(default_factory=list)
    clause_heading: str | None = None
    confidence: Literal["high", "medium", "low"] = "high"
    enabled: bool = True
    provider: str | None = None
    family: str | None = None
    settings: list[Setting] = field(default_factory=list)
    except_settings: list[Setting] = field(default_factory=list)
    applies_from: date | None = None
    applies_until: date | None = None
    # set by the loader, not by the pack's YAML (see LOADER_FIELDS)
    pack_folder: str | None = None  # the pack the rule came from
    pack_family: str | None = None  # its pack's family
    pack_examples_as_of: date | None = None  # its pack's examples_as_of

    @property
    def pack_dir(self) -> Path | None:
        """The folder of the pack the rule came from (its clause templates live there)."""
        return Path(self.pack_folder) if self.pack_folder is not None else None

    @property
    def text_family(self) -> str | None:
        """The family `{edition.*}` names in this rule's texts: its own, else its pack's."""
        return self.family or self.pack_family

    @property
    def examples_as_of(self) -> date | None:
        """The day the examples are checked as of (None: the editions data horizon)."""
        return self.examples.as_of or self.pack_examples_as_of

    @cached_property
    def pattern_editions(self) -> list[str | None]:
        """For each pattern, the edition it cites when a match names no year (rules with a family)."""
        return [p.edition if isinstance(p, PatternSpec) else None for p in self.patterns]

    # each regex is compiled on first use (patterns.Regex): most runs need only some of them
    @cached_property
    def compiled(self) -> list[CompiledPattern]:
        out: list[CompiledPattern] = []
        for p in self.patterns:
            if isinstance(p, PatternSpec):
                out.append(
                    CompiledPattern(
                        compile_pattern(p.regex, case_sensitive=self.case_sensitive),
                        p.replacement,
                        compile_pattern(p.when) if p.when else None,
                        compile_pattern(p.unless) if p.unless else None,
                        p.hand_edit,
                    )
                )
            else:
                out.append(CompiledPattern(compile_pattern(p, case_sensitive=self.case_sensitive)))
        return out

    @cached_property
    def compiled_exclusions(self) -> list[Regex]:
        return [compile_pattern(p) for p in self.exclusions]

    @cached_property
    def compiled_cues(self) -> list[CompiledCue]:
        return [compile_cue(c) for c in self.cues]

    @cached_property
    def cue_terms(self) -> list[Regex]:
        """Every term of every cue: the topic's vocabulary, for placing its clause."""
        return [term for cue in self.compiled_cues for alt in cue for term in alt.terms]

    @cached_property
    def compiled_intro(self) -> list[Regex]:
        """The unit's lead-in regexes (empty without a unit)."""
        return [compile_pattern(p) for p in self.unit.intro] if self.unit else []

    @cached_property
    def compiled_requires(self) -> list[Regex]:
        return [compile_pattern(p) for p in self.unit.requires] if self.unit else []

    def __getstate__(self) -> dict[str, Any]:
        # compiled regexes stay out of the cache: they are rebuilt on first use
        return {k: v for k, v in vars(self).items() if k not in _COMPILED}


@record(eq=False)
class KeyStatus(_Extras):
    """What an edition did to a requirement of the editions before it (see schema.KeyStatus)."""

    status: Literal["unchanged", "extended", "renamed", "retired"]
    confidence: Literal["high", "medium", "low"] = "medium"
    note: str = ""


@record(eq=False)
class PackNote(_Extras):
    """An information note for the DSL, never an edit (see schema.PackNote)."""

    id: str
    message: str
    applies_from: date | None = None
    applies_until: date | None = None
    when: list[str] = field(default_factory=list)
    unless: list[str] = field(default_factory=list)
    settings: list[Setting] = field(default_factory=list)
    while_in_force: str | None = None
    confidence: Literal["high", "medium", "low"] = "medium"
    source: str | None = None


@record(eq=False)
class PackMeta(_Extras):
    """A pack's `pack.yaml` metadata (see schema.PackMeta)."""

    name: str
    title: str
    from_edition: str
    to_edition: str
    version: str
    description: str = ""
    family: str | None = None
    edition: str | None = None
    edition_title: str | None = None
    short_title: str | None = None
    published: str | None = None
    in_force: str | None = None
    supersedes: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    key_mapping: dict[str, KeyStatus] = field(default_factory=dict)
    notes: list[PackNote] = field(default_factory=list)
    examples_as_of: date | None = None


@record(eq=False)
class NotApplicable(_Extras):
    key: str
    reason: str


# schema class name -> the class here (convert() maps validated models through this)
RUNTIME: dict[str, type[Any]] = {
    "PatternSpec": PatternSpec,
    "MergeItem": MergeItem,
    "Unit": Unit,
    "Fix": Fix,
    "Examples": Examples,
    "NearCue": NearCue,
    "AnyCue": AnyCue,
    "Rule": Rule,
    "KeyStatus": KeyStatus,
    "PackNote": PackNote,
    "PackMeta": PackMeta,
    "NotApplicable": NotApplicable,
}


def convert(value: Any) -> Any:
    """A validated pydantic value as plain data: models become the classes above (a
    model unknown here becomes a `Record`), lists and dicts are converted item by item."""
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:
        data = {name: convert(getattr(value, name)) for name in fields}
        cls = RUNTIME.get(type(value).__name__)
        if cls is None:
            return Record(**data)
        known = {f.name for f in records.fields(cls) if f.init}
        obj = cls(**{k: v for k, v in data.items() if k in known})
        for k, v in data.items():
            if k not in known:
                setattr(obj, k, v)
        return obj
    if isinstance(value, list | tuple):
        return [convert(v) for v in value]
    if isinstance(value, dict):
        return {k: convert(v) for k, v in value.items()}
    return value


class Record:
    """Attribute access over the fields of a schema model this module has no class for."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)

    def __repr__(self) -> str:
        return f"Record({self.__dict__!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return id(self)
