"""Checking one file end to end: config -> read -> context -> match -> overlaps ->
severity overrides -> suppressions.

Kept apart from the CLI so `check`, `update`, `baseline` and `report` share it, and so
worker processes can run it for `--jobs`. `check_text` and `fix_text` run the same
stages over a string (rule examples, `rules validate`, tests).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wttsc_policy import suppressions
from wttsc_policy.apply.text import render_text
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
from wttsc_policy.match.matcher import Matcher
from wttsc_policy.match.overlaps import resolve_overlaps
from wttsc_policy.partnerships.infer import resolve_area
from wttsc_policy.plan.planner import plan_edits
from wttsc_policy.read import read_document, read_string
from wttsc_policy.rulepacks.schema import Rule
from wttsc_policy.safetext import path_text

__all__ = ["Checked", "RunOptions", "check_document", "check_file", "check_text", "fix_text"]


@dataclass
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
        with time_budget(loaded.config.time_limit, path):
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
    )
    return Checked(result=result, document=doc if keep_document else None, context=context)


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
) -> list[Finding]:
    """Run `rules` over a text as if it were a whole document (no suppressions or
    severity overrides)."""
    return check_document(read_string(text, fmt), rules, values=values, config=config)


def check_document(
    doc: Document, rules: list[Rule], *, values: Mapping[str, Any] | None = None, config: Config | None = None
) -> list[Finding]:
    """Run `rules` over a document with the default (or given) config, outside any file's
    context: no suppressions, severity overrides or partnership values."""
    return Matcher(rules).check(doc, context_for_text(doc, config=config, values=values))


def fix_text(text: str, rules: list[Rule], *, fmt: str = "markdown") -> str:
    """What `update` makes of a text with the default config: the clean updated text."""
    doc = read_string(text, fmt)
    context = context_for_text(doc)
    findings = Matcher(rules).check(doc, context)
    plan = plan_edits(doc, findings, {r.id: r for r in rules}, context.values)
    return render_text(doc, plan)[0]
