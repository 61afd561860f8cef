"""Checking one file end to end: config -> read -> context -> match -> overlaps ->
severity overrides -> suppressions.

Kept apart from the CLI so `check`, `update`, `baseline` and `report` share it, and so
worker processes can run it for `--jobs`. `check_text` and `fix_text` run the same
stages over a string (rule examples, `rules validate`, tests).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from wttsc_policy import records, suppressions
from wttsc_policy.budget import time_budget
from wttsc_policy.config.model import Config, LoadedConfig
from wttsc_policy.context import (
    FileContext,
    RunOptions,
    context_for_text,
    effective_config,
    limits_of,
    resolve_context,
)
from wttsc_policy.document import Document
from wttsc_policy.errors import InputError, WttscError
from wttsc_policy.findings import FileResult, Finding, Note
from wttsc_policy.gcpause import paused_gc
from wttsc_policy.match.gating import Gate, active_rules
from wttsc_policy.match.matcher import Matcher
from wttsc_policy.match.overlaps import resolve_overlaps
from wttsc_policy.partnerships.infer import resolve_area
from wttsc_policy.read import read_document, read_string
from wttsc_policy.records import record
from wttsc_policy.rulepacks.model import Rule
from wttsc_policy.safetext import path_text

__all__ = ["Checked", "RunOptions", "check_document", "check_file", "check_text", "fix_text"]


@record
class Checked:
    """A file's result plus what `update` needs to edit it."""

    result: FileResult
    document: Document | None = None
    context: FileContext | None = None


def check_file(path: Path, opts: RunOptions, *, keep_document: bool = False) -> Checked:
    """Check one file; errors become a FileResult with `error` set, never an exception."""
    display = str(path)
    shown = path_text(display)  # for messages: line breaks and controls escaped
    try:
        loaded = effective_config(path, opts)
        with time_budget(loaded.config.time_limit, path), paused_gc():
            return _check(path, opts, loaded, display, keep_document)
    except WttscError as exc:
        return Checked(result=FileResult(path=display, error=exc.one_line()))
    except RecursionError:
        return Checked(result=FileResult(path=display, error=f"{shown}: the document is nested too deeply to read"))
    except MemoryError:
        return Checked(result=FileResult(path=display, error=f"{shown}: the document is too large to read"))


def _check(path: Path, opts: RunOptions, loaded: LoadedConfig, display: str, keep_document: bool) -> Checked:
    """check_file's stages, inside the file's time budget."""
    config = loaded.config
    # an unknown council in config is reported before the file is read
    area = resolve_area(config, None) if config.local_authority else None
    doc = read_document(path, limits_of(config))
    if not keep_document:
        doc.native = None  # the parsed Word XML is for the writer only: freed before matching (peak memory)
    context = resolve_context(path, loaded, opts, doc, area or resolve_area(config, doc))
    notes: list[Note] = [Note("info", warning) for warning in doc.warnings]
    findings = resolve_overlaps(context.matcher.check(doc, context, notes))
    if len(findings) > config.max_findings:
        raise InputError(
            f"{len(findings)} findings, over the limit of {config.max_findings} for one file (max_findings "
            "in config); this does not look like a policy",
            path,
        )
    findings = _apply_severity(findings, config)
    suppressed = 0
    unused: list[Note] = []
    if opts.inline_config:
        findings, suppressed, unused, no_reason = suppressions.apply(doc, findings)
        notes.extend(no_reason)
    result = FileResult(
        path=display,
        format=doc.format,
        findings=findings,
        suppressed=suppressed,
        unused_suppressions=unused,
        notes=list(dict.fromkeys(notes)),
        editions=editions_checked(context),
    )
    return Checked(result=result, document=doc if keep_document else None, context=context)


def editions_checked(context: FileContext) -> dict[str, str]:
    """Family -> the edition the file was checked against, for the families its rules cite."""
    families = {r.text_family for r in context.matcher.rules} | {"wttsc", "kcsie"}
    return {f: e.id for f, e in context.editions.items() if f in families}


def _apply_severity(findings: list[Finding], config: Config) -> list[Finding]:
    if not config.severity:
        return findings
    for f in findings:
        new = config.severity.get(f.rule)
        if new:
            f.severity = new
    return findings


def check_text(
    text: str,
    rules: list[Rule],
    *,
    fmt: str = "markdown",
    values: Mapping[str, Any] | None = None,
    config: Config | None = None,
    as_of: date | None = None,
    setting: str | None = None,
    pins: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Run `rules` over a text as if it were a whole document (no suppressions or
    severity overrides), as of `as_of` (default: the editions data horizon)."""
    return check_document(
        read_string(text, fmt), rules, values=values, config=config, as_of=as_of, setting=setting, pins=pins
    )


def _text_run(
    doc: Document,
    rules: list[Rule],
    config: Config | None,
    values: Mapping[str, Any] | None,
    as_of: date | None,
    setting: str | None,
    pins: Mapping[str, str] | None,
) -> tuple[Matcher, FileContext]:
    """The matcher and context for checking a text outside any file: the rules given
    (even disabled ones), limited by their own dates and settings on the day."""
    if setting is not None:
        config = records.replace(config or Config(), setting_type=setting)
    context = context_for_text(doc, config=config, values=values, as_of=as_of, pins=pins)
    active = active_rules((), rules, Gate.of(context.as_of, context.editions, setting))
    return Matcher(active.rules, active.caps), context


def check_document(
    doc: Document,
    rules: list[Rule],
    *,
    values: Mapping[str, Any] | None = None,
    config: Config | None = None,
    as_of: date | None = None,
    setting: str | None = None,
    pins: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Run `rules` over a document with the default (or given) config, outside any file's
    context: no suppressions, severity overrides or partnership values."""
    matcher, context = _text_run(doc, rules, config, values, as_of, setting, pins)
    return matcher.check(doc, context)


def fix_text(
    text: str,
    rules: list[Rule],
    *,
    fmt: str = "markdown",
    as_of: date | None = None,
    setting: str | None = None,
    pins: Mapping[str, str] | None = None,
) -> str:
    """What `update` makes of a text with the default config: the clean updated text."""
    doc = read_string(text, fmt)
    matcher, context = _text_run(doc, rules, None, None, as_of, setting, pins)
    findings = matcher.check(doc, context)
    from wttsc_policy.apply.text import render_text  # planning and writing are not on the check path
    from wttsc_policy.plan.planner import plan_edits

    plan = plan_edits(doc, findings, {r.id: r for r in rules}, context.values)
    return render_text(doc, plan)[0]
