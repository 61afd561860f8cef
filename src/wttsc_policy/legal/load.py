"""Reading facts.yaml: YAML and pydantic validation, the cross-checks the schema cannot
express (unique ids, regexes that compile and never match empty text, known settings), and
building `LegalFacts`.

yaml and pydantic are imported inside `parse_facts`, so importing this module stays cheap.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from wttsc_policy.legal.index import LegalFacts
from wttsc_policy.legal.model import Fact, LegalFactsError, WrongForm

FACTS_FILE = Path(__file__).with_name("facts.yaml")


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
