"""The rule-pack schema (pydantic): what a rule, a pack's metadata and a pack file may hold.

Validation happens here, at the input boundary, when a pack is new to the user cache;
the JSON Schema for editors (`wttsc-policy rules schema`) is generated from these
models. The program itself uses the plain classes of model.py, built from these models
field by field whatever the fields are (model.convert), so that a run with a warm cache
never imports pydantic. It runs past 300 lines because the rule model, its cue forms and
the pack models validate together.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from wttsc_policy.findings import RuleKind, Severity
from wttsc_policy.rulepacks.patterns import compile_pattern
from wttsc_policy.settings import Setting, parse_setting

RULE_ID = r"^[A-Z][A-Z0-9]{1,7}[0-9]{3}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PatternSpec(_Strict):
    """A pattern with its own replacement (e.g. 'CCGs' -> 'ICBs'), optionally only in some
    sentences (`when` / `unless`), or with no safe rewrite at all (`hand_edit`: why a person
    must edit it; the finding is then not editable and the notes give the reason)."""

    regex: str
    replacement: str | None = None
    edition: str | None = Field(
        default=None,
        description="Rules with a `family`: the edition a match of this pattern cites when it names no year "
        "(e.g. a title only older editions had)",
    )
    when: str | None = Field(default=None, description="Regex: the pattern counts only in a sentence matching it")
    unless: str | None = Field(default=None, description="Regex: the pattern does not count in a sentence matching it")
    hand_edit: str | None = Field(
        default=None, description="No automatic rewrite: why a person must edit the match (shown in the notes)"
    )

    @model_validator(mode="after")
    def _one_outcome(self) -> PatternSpec:
        if self.replacement is not None and self.hand_edit is not None:
            raise ValueError("a pattern has either 'replacement' or 'hand_edit', not both")
        for text in (self.when, self.unless):
            if text is not None:
                _vetted(text)
        return self


class Fix(_Strict):
    """What `update` makes of a text: the whole text before and after (default config)."""

    before: str
    after: str


class Examples(_Strict):
    fires: list[str] = Field(min_length=1, description="Texts the rule must flag")
    passes: list[str] = Field(min_length=1, description="Similar texts it must not flag")
    fixes: list[Fix] = Field(
        default_factory=list, description="Replacement rules: a text and exactly what `update` makes of it"
    )
    thin: list[str] = Field(
        default_factory=list,
        description="Missing-topic rules: texts that mention the topic only in passing; they are not "
        "coverage, so the rule still flags them",
    )
    as_of: date | None = Field(
        default=None,
        description="The day the examples are checked as of (default: the pack's `examples_as_of`, else the "
        "editions data horizon), so they never depend on the day the tests run",
    )
    setting: Setting | None = Field(default=None, description="The setting the examples are checked for")


# What a pattern finding's edit rewrites: the matched text, its sentence, its paragraph, the
# whole list it sits in (items only; the lead-in stays), or a definition (the items after its
# lead-in, or the rest of a one-sentence definition after its lead-in words).
ReplaceScope = Literal["match", "sentence", "paragraph", "list", "definition"]
UNIT_SCOPES = ("list", "definition")


class MergeItem(_Strict):
    """One bullet of a list clause, for merging the clause into the policy's own list."""

    present: str = Field(description="Regex: a list item that already says this (then the bullet is not added)")
    replaces: str | None = Field(
        default=None, description="Regex: an older form of this item, rewritten in place to the bullet"
    )


class Unit(_Strict):
    """How a rule finds the unit it rewrites (a definition, a list) or merges into (a list)."""

    intro: list[str] = Field(
        default_factory=list,
        description="Regexes for the unit's lead-in ('... means:', 'the seven golden rules:'); a unit "
        "is only rewritten when its lead-in matches one",
    )
    requires: list[str] = Field(
        default_factory=list,
        description="Regexes every current form of the unit contains: a unit found by `intro` that "
        "lacks one is out of date even where no pattern matches (a half-updated definition)",
    )
    items: list[MergeItem] = Field(
        default_factory=list,
        description="missing_topic list clauses: merge into the policy's own list (found by `intro`), "
        "adding only the bullets it lacks; one entry per bullet of the clause, in order",
    )


# A cue regex that bridges a gap with a bounded wildcard ("[^.]{0,80}", ".{0,250}") is a
# proximity test written the slow and brittle way: write it as a `near:` cue instead.
_GAP = re.compile(r"\[\^[^\]]*\][*+{]|(?<![\\\[])\.[*+{]")


def _vetted(text: str) -> str:
    """The regex, compiled now (compile_pattern is lazy): an invalid one fails validation."""
    try:
        _ = compile_pattern(text).compiled
    except re.error as exc:
        raise ValueError(f"invalid regex {text!r}: {exc}") from None
    return text


def _cue_regex(text: str) -> str:
    """A cue's regex: valid, and no wildcard gap (see _GAP)."""
    _vetted(text)
    if _GAP.search(text):
        raise ValueError(
            f"cue {text!r} bridges a gap with a wildcard; write it as a proximity cue (near: [A, B], within: N words)"
        )
    return text


class NearCue(_Strict):
    """Every term (a regex) within `within` words of the others, counted on word positions
    in one block (and one sentence unless `sentence` is false)."""

    near: list[str] = Field(min_length=2, max_length=6, description="Terms (regexes), each found on its own")
    within: int = Field(ge=1, le=120, description="Largest distance in words from the first term found to the last")
    ordered: bool = Field(default=False, description="The terms must appear in the order given")
    sentence: bool = Field(default=True, description="All terms in one sentence")

    @field_validator("near")
    @classmethod
    def _terms_compile(cls, value: list[str]) -> list[str]:
        return [_cue_regex(t) for t in value]


class AnyCue(_Strict):
    """Alternatives that count as one cue (for `min_cues`): any one of them is enough."""

    any: list[str | NearCue] = Field(min_length=2)

    @field_validator("any")
    @classmethod
    def _alternatives_compile(cls, value: list[str | NearCue]) -> list[str | NearCue]:
        return [_cue_regex(v) if isinstance(v, str) else v for v in value]


Cue = str | NearCue | AnyCue


class Rule(_Strict):
    """One rule. See docs/rules.md for the meaning of each field."""

    id: str = Field(pattern=RULE_ID)
    title: str
    kind: RuleKind
    severity: Severity
    covers: list[str] = Field(default_factory=list, description="changes.yaml keys")
    source: str = Field(description="Where in the guidance the change is (edition, chapter/section)")
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
    check_history: bool = Field(default=False, description="Also match inside version-history / document-control zones")
    learn_abbreviations: bool = Field(
        default=False,
        description="Initials a policy declares beside a flagged name ('... Board (NSCB)') are flagged "
        "too wherever the policy uses them alone, in that policy only",
    )
    case_sensitive: bool = False
    replacement: str | None = None
    replace_scope: ReplaceScope = Field(
        default="match",
        description="What an edit rewrites: the match, its sentence, its paragraph, its whole list, or "
        "the definition it belongs to (list and definition take their new text from `clause`)",
    )
    unit: Unit | None = Field(default=None, description="How the list or definition this rule rewrites is found")
    hand_edit: bool = Field(
        default=False,
        description="Pattern rules: what the rule finds is left to a person (a hand-edit note quoting the "
        "sentence), never rewritten; no replacement is needed",
    )
    theme: str | None = Field(
        default=None,
        description="missing_topic: rules of one theme are inserted as one clause, in one place",
    )
    replacement_extra: str | None = Field(
        default=None,
        description="Sentence rules: words added to the end of the first replacement sentence (before its full "
        "stop), unless the policy outside the passages `update` rewrites matches `extra_unless`; so a fact the "
        "policy loses with a rewritten sentence is said once, and only where it is not said already",
    )
    extra_unless: str | None = Field(default=None, description="Regex: the policy already says `replacement_extra`")
    semicolon_ends_sentence: bool = Field(
        default=True,
        description='Sentence rules: false when a clause joined by a semicolon belongs to the rewrite ("Schools '
        'can choose to join X; we signed up in 2023." is one statement about a choice that no longer exists)',
    )
    year_before: str | None = Field(
        default=None,
        description="Config value name (e.g. 'kcsie_edition'): keep a match only when its named "
        "group 'year' is earlier than that value",
    )
    cues: list[Cue] = Field(
        default_factory=list,
        description="Missing-topic rules: the topic is covered when `min_cues` different cues are found "
        "(a regex, a proximity cue `near: [...]` with `within: N` words, or `any: [...]` alternatives)",
    )
    min_cues: int = Field(default=1, ge=1)
    clause: str | None = Field(
        default=None,
        description="Clause template, relative to the pack folder: the text a missing topic inserts, or "
        "the new list or definition a list/definition rewrite writes",
    )
    place_under: list[str] = Field(default_factory=list, description="Heading cues (regexes)")
    clause_heading: str | None = Field(default=None, description="Sub-heading for the clause when no heading fits")
    message: str
    rationale: str
    confidence: Literal["high", "medium", "low"] = "high"
    enabled: bool = True
    provider: str | None = Field(default=None, description="Built-in code that supplies patterns at run time")
    family: str | None = Field(
        default=None,
        description="Guidance family (editions data id) whose citations the rule checks: a match whose named "
        "group 'year' cites an edition older than the one in force fires; the edition in force or a newer "
        "one never does. `{edition.title}` in texts names the edition in force",
    )
    settings: list[Setting] = Field(
        default_factory=list,
        description="Run only when the file's setting is known and one of these (empty: every setting)",
    )
    except_settings: list[Setting] = Field(
        default_factory=list,
        description="Do not run when the file's setting is known and one of these (e.g. school-only duties)",
    )
    applies_from: date | None = Field(
        default=None, description="First day the rule applies (the law or guidance in force)"
    )
    applies_until: date | None = Field(default=None, description="Last day the rule applies")
    examples: Examples

    @field_validator("cues")
    @classmethod
    def _cue_regexes(cls, value: list[Cue]) -> list[Cue]:
        return [_cue_regex(c) if isinstance(c, str) else c for c in value]

    @field_validator("patterns", "exclusions")
    @classmethod
    def _regexes_compile(cls, value: list[str | PatternSpec]) -> list[str | PatternSpec]:
        for item in value:
            _vetted(item.regex if isinstance(item, PatternSpec) else item)
        return value

    @field_validator("settings", "except_settings", mode="before")
    @classmethod
    def _setting_aliases(cls, value: object) -> object:
        """Config spellings ('nursery', 'free school') name the same kinds of setting."""
        if not isinstance(value, list):
            return value
        out: list[object] = []
        for item in value:
            if isinstance(item, str):
                setting = parse_setting(item)  # ValueError names the known values
                if setting is None:
                    raise ValueError(f"setting {item!r} names no kind of setting")
                out.append(setting)
            else:
                out.append(item)
        return out

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
            if (
                self.replacement is None
                and not self.provider
                and not self.hand_edit
                and not (self.replace_scope in UNIT_SCOPES and self.clause)
                and not all(isinstance(p, PatternSpec) and (p.replacement or p.hand_edit) for p in self.patterns)
            ):
                raise ValueError(f"a {self.kind} rule needs 'replacement'")
        self._check_unit()
        if self.kind == "missing_topic" and not self.cues:
            raise ValueError("a missing_topic rule needs 'cues'")
        if self.kind != "missing_topic" and self.examples.thin:
            raise ValueError("'thin' examples belong to missing_topic rules")
        if self.min_cues > max(len(self.cues), 1):
            raise ValueError("'min_cues' is larger than the number of cues")
        if self.applies_from and self.applies_until and self.applies_until < self.applies_from:
            raise ValueError("'applies_until' is before 'applies_from'")
        if self.confidence == "low" and self.severity != "info":
            raise ValueError("a low-confidence rule may only be severity 'info'")
        if self.confidence == "medium" and self.severity == "error":
            raise ValueError("a medium-confidence rule may be at most severity 'warning'")
        return self

    def _check_unit(self) -> None:
        """A list or definition rewrite needs its new text and its lead-in; merge items belong
        to a missing topic's list clause."""
        if self.replace_scope in UNIT_SCOPES and self.kind != "missing_topic":
            if not self.clause:
                raise ValueError(f"replace_scope '{self.replace_scope}' needs 'clause' (the new {self.replace_scope})")
            if self.unit is None or not self.unit.intro:
                raise ValueError(f"replace_scope '{self.replace_scope}' needs 'unit.intro' (how its lead-in reads)")
        if self.unit is not None:
            for regex in [*self.unit.intro, *self.unit.requires, *(i.present for i in self.unit.items)] + [
                i.replaces for i in self.unit.items if i.replaces
            ]:
                _vetted(regex)
            if self.unit.requires and not self.unit.intro:
                raise ValueError("'unit.requires' needs 'unit.intro' (the lead-in that finds the unit)")
            if self.unit.items and (self.kind != "missing_topic" or not self.clause or not self.unit.intro):
                raise ValueError("'unit.items' is for a missing_topic rule with a list clause and 'unit.intro'")
        if self.extra_unless is not None:
            _vetted(self.extra_unless)
        if self.replacement_extra is not None and (self.extra_unless is None or self.replace_scope != "sentence"):
            raise ValueError("'replacement_extra' needs 'extra_unless' and replace_scope 'sentence'")
        if self.theme is not None and self.kind != "missing_topic":
            raise ValueError("'theme' is for missing_topic rules")


class KeyStatus(_Strict):
    """What an edition did to a requirement of the editions before it."""

    status: Literal["unchanged", "extended", "renamed", "retired"] = Field(
        description="retired: earlier packs' rules covering the key stop applying once this edition is in "
        "force; renamed: they stop applying when this pack has a rule covering the key (its successor); "
        "unchanged/extended: they carry over"
    )
    confidence: Literal["high", "medium", "low"] = "medium"
    note: str = ""


class PackNote(_Strict):
    """An information note for the DSL (never an edit): something unverified, pending or
    not yet in force that the policy's author should know about, shown in reports and the
    change notes while it applies."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    message: str
    applies_from: date | None = None
    applies_until: date | None = None
    when: list[str] = Field(
        default_factory=list, description="Regexes: the note applies only when the policy matches one (empty: always)"
    )
    unless: list[str] = Field(default_factory=list, description="Regexes: no note when the policy matches one")
    settings: list[Setting] = Field(default_factory=list, description="Only for these settings (empty: every setting)")
    while_in_force: str | None = Field(
        default=None, description="Only while this edition of the pack's family is in force (on the date or pinned)"
    )
    confidence: Literal["high", "medium", "low"] = "medium"
    source: str | None = None

    @field_validator("when", "unless")
    @classmethod
    def _regexes(cls, value: list[str]) -> list[str]:
        for text in value:
            _vetted(text)
        return value


class PackMeta(_Strict):
    """A pack's `pack.yaml` metadata: what the pack is and which edition of which guidance
    it brings a policy up to. Notes, help and reports cite the edition from here."""

    name: str
    title: str = Field(description="What the pack does, e.g. 'Working Together ... 2018 -> 2023'")
    from_edition: str
    to_edition: str
    version: str
    description: str = ""
    family: str | None = Field(default=None, description="Guidance family, e.g. 'wttsc' or 'kcsie'")
    edition: str | None = Field(
        default=None,
        description="The edition the pack brings a policy up to, e.g. '2023'; unset when the date decides (KCSIE)",
    )
    edition_title: str | None = Field(
        default=None, description="The edition as a policy should cite it, e.g. 'Working Together ... 2023'"
    )
    short_title: str | None = Field(default=None, description="Short form for headings and help: 'WTtSC' and the year")
    published: str | None = Field(default=None, description="Publication date of the edition (ISO)")
    in_force: str | None = Field(default=None, description="Date the edition came into force (ISO)")
    supersedes: list[str] = Field(default_factory=list, description="Earlier editions this one replaces")
    aliases: list[str] = Field(default_factory=list, description="Other names a policy may use for the edition")
    key_mapping: dict[str, KeyStatus] = Field(
        default_factory=dict,
        description="Catalogue keys of earlier editions of the family and what this edition did to them",
    )
    notes: list[PackNote] = Field(default_factory=list, description="Information notes for the DSL (never edits)")
    examples_as_of: date | None = Field(
        default=None, description="The day the pack's rule examples are checked as of (default: the data horizon)"
    )


class NotApplicable(_Strict):
    key: str
    reason: str


class PackFile(_Strict):
    pack: PackMeta | None = None
    not_applicable: list[NotApplicable] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)
