"""Legal facts a child protection policy must state correctly, and their known wrong forms.

`wrong_forms_in(text, on, setting)` finds wrong statements ("section 157 for an English
academy", "Operation Encompass is voluntary" after 7 November 2025, "the CCG" as a current
body). Each wrong form says whether it is always wrong or wrong only from a date or for some
settings; without a date or a setting, forms that depend on them are not reported.

Public objects are frozen dataclasses (picklable); yaml and pydantic load only inside
`load_facts` / `parse_facts`. Regexes are compiled on first use and cached per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from wttsc_policy.errors import WttscError
from wttsc_policy.settings import parse_setting

FACTS_FILE = Path(__file__).with_name("facts.yaml")


class LegalFactsError(WttscError):
    """facts.yaml is malformed, or a lookup names an unknown fact or setting."""


# --------------------------------------------------------------------------- dataclasses


@dataclass(frozen=True, slots=True)
class WrongForm:
    fact_id: str
    id: str
    pattern: str  # over normalised text (see `normalise`)
    explanation: str
    since: date | None  # wrong on and after this day (None: whatever the date)
    settings: tuple[str, ...] | None  # wrong only for these settings (None: any setting)
    unless: tuple[str, ...]
    context: tuple[str, ...]
    confidence: str
    severity: str  # suggested maximum
    examples_wrong: tuple[str, ...]
    examples_right: tuple[str, ...]

    @property
    def always(self) -> bool:
        return self.since is None and self.settings is None

    def applies(self, on: date | None, setting: str | None) -> bool:
        if self.since is not None and (on is None or on < self.since):
            return False
        return self.settings is None or (setting is not None and setting in self.settings)

    def describe_when(self) -> str:
        bits = []
        if self.settings is not None:
            bits.append("for " + " or ".join(s.replace("_", " ") for s in self.settings) + " settings")
        if self.since is not None:
            bits.append(f"from {self.since.day} {self.since:%B %Y}")
        return " ".join(bits) or "always"


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    law: str
    statement: str
    duty_holder: str
    citations: tuple[str, ...]  # correct wording a clause may use
    confidence: str
    source: str
    also_seen: tuple[str, ...]
    notes: str | None
    wrong_forms: tuple[WrongForm, ...]


@dataclass(frozen=True, slots=True)
class WrongFormHit:
    fact_id: str
    form_id: str
    explanation: str
    start: int  # span in the text given to wrong_forms_in
    end: int
    text: str
    confidence: str
    severity: str
    when: str  # "always", "from 7 November 2025", "for academy or independent school settings"


@dataclass(frozen=True, slots=True)
class LegalFacts:
    horizon: date
    window: int
    settings: tuple[str, ...]
    facts: tuple[Fact, ...]

    def fact(self, fact_id: str) -> Fact:
        for f in self.facts:
            if f.id == fact_id:
                return f
        known = ", ".join(f.id for f in self.facts)
        raise LegalFactsError(f"unknown legal fact {fact_id!r}; known facts: {known}")

    def _setting_value(self, setting: str) -> str | None:
        """A setting as the data spells it (config aliases accepted; "school" = not known)."""
        try:
            known = parse_setting(setting)
        except ValueError:
            known = None
            key = " ".join(setting.casefold().split())
            if key not in self.settings:
                raise LegalFactsError(f"unknown setting {key!r}; known settings: {', '.join(self.settings)}") from None
            return key
        return known.value if known is not None else None

    @property
    def wrong_forms(self) -> tuple[WrongForm, ...]:
        return tuple(w for f in self.facts for w in f.wrong_forms)

    def wrong_forms_in(self, text: str, on: date | None = None, setting: str | None = None) -> list[WrongFormHit]:
        """Known wrong forms in `text` that apply on `on` for `setting`, in text order.

        Within one fact, overlapping matches are reported once (the first form listed wins).
        """
        if setting is not None:
            setting = self._setting_value(setting)
        norm, index = normalise(text)
        hits: list[WrongFormHit] = []
        for fact in self.facts:
            kept: list[tuple[int, int]] = []
            for form in fact.wrong_forms:
                if not form.applies(on, setting):
                    continue
                for m in _compiled(form.pattern).finditer(norm):
                    start, end = m.span()
                    if start == end or any(start < e and s < end for s, e in kept):
                        continue
                    window = norm[max(0, start - self.window) : end + self.window]
                    if form.context and not any(_compiled(c).search(window) for c in form.context):
                        continue
                    if any(_compiled(u).search(window) for u in form.unless):
                        continue
                    kept.append((start, end))
                    o_start, o_end = _to_original(index, start, end, len(text))
                    hits.append(
                        WrongFormHit(
                            fact.id,
                            form.id,
                            form.explanation,
                            o_start,
                            o_end,
                            text[o_start:o_end],
                            form.confidence,
                            form.severity,
                            form.describe_when(),
                        )
                    )
        hits.sort(key=lambda h: (h.start, h.end, h.fact_id, h.form_id))
        return hits

    def example_failures(self) -> list[str]:
        """Every wrong example that no longer triggers its form, and every right example or
        citation that triggers any form (checked on the horizon date for each setting)."""
        problems: list[str] = []
        settings: tuple[str | None, ...] = (None, *self.settings)
        for form in self.wrong_forms:
            setting = form.settings[0] if form.settings else None
            on = max(self.horizon, form.since) if form.since else self.horizon
            for example in form.examples_wrong:
                if not any(h.form_id == form.id for h in self.wrong_forms_in(example, on, setting)):
                    problems.append(f"{form.fact_id}.{form.id}: wrong example not caught: {example!r}")
        rights = [(f"{w.fact_id}.{w.id} right example", t) for w in self.wrong_forms for t in w.examples_right]
        rights += [(f"{f.id} citation", t) for f in self.facts for t in f.citations]
        for label, example in rights:
            for setting in settings:
                for hit in self.wrong_forms_in(example, self.horizon, setting):
                    problems.append(f"{label} triggers {hit.fact_id}.{hit.form_id} ({setting}): {example!r}")
        return problems


# --------------------------------------------------------------------------- normalising

_STRAIGHT = {ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u02bc"}
_STRAIGHT.update({ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033"})
_STRAIGHT.update({ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
_NEEDS_MAP = re.compile(r"[^\S ]|  |[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_RUN = re.compile(r"\s+|[\u00ad\u200b\u200c\u200d\u2060\ufeff]+")


def normalise(text: str) -> tuple[str, list[int] | None]:
    """Lower case, straight quotes and dashes, each whitespace run one space, soft hyphens and
    zero-width characters removed. Returns the text and, when lengths changed, a map from each
    normalised character to its offset in `text` (None means the offsets are the same)."""
    low = text.lower()
    if len(low) != len(text):  # a few characters lower-case to two
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if not low.isascii():
        low = low.translate(_STRAIGHT)
    if not _NEEDS_MAP.search(low):
        return low, None
    out: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _RUN.finditer(low):
        out.append(low[pos : m.start()])
        index.extend(range(pos, m.start()))
        if any(c.isspace() for c in m.group()):  # a run of only removed characters adds nothing
            out.append(" ")
            index.append(m.start())
        pos = m.end()
    out.append(low[pos:])
    index.extend(range(pos, len(low)))
    return "".join(out), index


def _to_original(index: list[int] | None, start: int, end: int, length: int) -> tuple[int, int]:
    if index is None:
        return start, end
    if start >= len(index):
        return length, length
    return index[start], index[end - 1] + 1


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# --------------------------------------------------------------------------- module-level API


@cache
def default_facts() -> LegalFacts:
    """The shipped facts, loaded once per process."""
    return load_facts()


def wrong_forms_in(
    text: str, on: date | None = None, setting: str | None = None, facts: LegalFacts | None = None
) -> list[WrongFormHit]:
    return (facts or default_facts()).wrong_forms_in(text, on, setting)


# --------------------------------------------------------------------------- loading


def load_facts(path: str | Path | None = None) -> LegalFacts:
    """Read and validate facts.yaml (the shipped file by default). Pure and picklable."""
    path = Path(path) if path is not None else FACTS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LegalFactsError(f"cannot read legal facts: {exc}", path) from None
    return parse_facts(text, path)


def parse_facts(text: str, origin: str | Path = FACTS_FILE) -> LegalFacts:
    import yaml
    from pydantic import ValidationError

    from wttsc_policy.legal import _schema

    try:
        raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise LegalFactsError(f"invalid YAML: {' '.join(str(exc).split())}", origin) from None
    try:
        model = _schema.FactsFile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "(top)"
        raise LegalFactsError(f"invalid legal facts: {where}: {err['msg']}", origin) from None
    try:
        return _build(model)
    except ValueError as exc:
        raise LegalFactsError(f"invalid legal facts: {exc}", origin) from None


def _check_regex(pattern: str, where: str) -> None:
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"{where}: bad regex ({exc})") from None
    if compiled.search(""):
        raise ValueError(f"{where}: the regex matches empty text")


def _day(text: str, where: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{where}: {text!r} is not a YYYY-MM-DD date") from None


def _build(model: Any) -> LegalFacts:
    settings = tuple(model.settings)
    facts: list[Fact] = []
    seen_facts: set[str] = set()
    seen_forms: set[str] = set()
    for fm in model.facts:
        if fm.id in seen_facts:
            raise ValueError(f"fact {fm.id!r} appears twice")
        seen_facts.add(fm.id)
        forms = []
        for wm in fm.wrong_forms:
            where = f"{fm.id}.{wm.id}"
            if wm.id in seen_forms:
                raise ValueError(f"{where}: wrong form id {wm.id!r} appears twice")
            seen_forms.add(wm.id)
            for pattern in (wm.pattern, *wm.unless, *wm.context):
                _check_regex(pattern, where)
            since = None
            only: tuple[str, ...] | None = None
            if wm.when != "always":
                since = _day(wm.when.from_, where) if wm.when.from_ else None
                if wm.when.settings is not None:
                    unknown = [s for s in wm.when.settings if s not in settings]
                    if unknown:
                        raise ValueError(
                            f"{where}: unknown setting {unknown[0]!r}; known settings: {', '.join(settings)}"
                        )
                    only = tuple(wm.when.settings)
                if since is None and only is None:
                    raise ValueError(f"{where}: 'when' needs 'from' or 'settings' (or write always)")
            forms.append(
                WrongForm(
                    fm.id,
                    wm.id,
                    wm.pattern,
                    " ".join(wm.explanation.split()),
                    since,
                    only,
                    tuple(wm.unless),
                    tuple(wm.context),
                    wm.confidence or fm.confidence,
                    wm.severity,
                    tuple(wm.examples.wrong),
                    tuple(wm.examples.right),
                )
            )
        facts.append(
            Fact(
                fm.id,
                " ".join(fm.law.split()),
                " ".join(fm.statement.split()),
                fm.duty_holder,
                tuple(" ".join(c.split()) for c in fm.citations),
                fm.confidence,
                fm.source,
                tuple(fm.also_seen),
                " ".join(fm.notes.split()) if fm.notes else None,
                tuple(forms),
            )
        )
    return LegalFacts(_day(model.horizon, "horizon"), model.window, settings, tuple(facts))
