"""Checking one file end to end: config -> read -> match -> overrides -> suppressions.

Kept apart from the CLI so `check`, `update`, `baseline` and `report` share it, and so
worker processes can run it for `--jobs`.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from wttsc_policy.config import Config, LoadedConfig, load_config
from wttsc_policy.errors import WttscError
from wttsc_policy.model import Document, FileResult, Finding


@dataclass(frozen=True)
class RunOptions:
    """What the command line asked for, the same for every file of a run."""

    config_file: str | None = None
    extra_rules: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    inline_config: bool = True
    overrides: tuple[tuple[str, Any], ...] = ()


@dataclass
class Checked:
    """A file's result plus what `update` needs to edit it."""

    result: FileResult
    document: Document | None = None
    config: Config | None = None
    values: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=32)
def _ruleset(extra: tuple[str, ...]):
    from wttsc_policy.rules import load_ruleset

    return load_ruleset([Path(e) for e in extra])


@lru_cache(maxsize=64)
def _matcher(extra: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...]):
    from wttsc_policy.matching import Matcher

    rules = _ruleset(extra).select(list(select) or None, list(ignore) or None)
    return Matcher(rules)


def effective_config(path: Path, opts: RunOptions) -> LoadedConfig:
    return load_config(
        path,
        explicit=Path(opts.config_file) if opts.config_file else None,
        overrides=dict(opts.overrides),
    )


def extra_packs(loaded: LoadedConfig, opts: RunOptions) -> tuple[str, ...]:
    """Rule pack folders from config (relative to the config file) and --rules."""
    packs: list[str] = []
    for value in loaded.config.rules:
        origin = loaded.origins.get("rules")
        base = Path(origin).parent if origin and origin != "command line" else Path.cwd()
        packs.append(str((base / value).resolve()))
    packs.extend(str(Path(p).resolve()) for p in opts.extra_rules)
    return tuple(dict.fromkeys(packs))


def template_values(config: Config, doc: Document | None) -> dict[str, Any]:
    """Config values for templates, completed from the partnership data when known."""
    values = config.template_values()
    if config.local_authority or doc is not None:
        try:
            from wttsc_policy.partnerships import partnership_values
        except ImportError:  # pragma: no cover - partnerships module always ships
            return values
        for key, value in partnership_values(config, doc).items():
            if value is not None and (values.get(key) is None or key == "local_authority"):
                values[key] = value  # the official council name replaces the configured spelling
    return values


def resolve_overlaps(findings: list[Finding]) -> list[Finding]:
    """Where two replaceable findings overlap in one block, keep the longer span (a named
    board beats the generic term inside it); ties go to the lower rule id."""
    spans = [f for f in findings if f.kind != "missing_topic" and f.block is not None and f.block_start is not None]
    if len(spans) < 2:
        return findings
    spans.sort(key=lambda f: (f.block, -((f.block_end or 0) - (f.block_start or 0)), f.rule))
    kept: list[Finding] = []
    dropped: set[int] = set()
    for f in spans:
        if any(k.block == f.block and k.block_start < f.block_end and f.block_start < k.block_end for k in kept):
            dropped.add(id(f))
        else:
            kept.append(f)
    return [f for f in findings if id(f) not in dropped]


def check_file(path: Path, opts: RunOptions, *, keep_document: bool = False) -> Checked:
    """Check one file; errors become a FileResult with `error` set, never an exception."""
    display = str(path)
    try:
        loaded = effective_config(path, opts)
        config = loaded.config
        if config.local_authority:
            from wttsc_policy.partnerships import resolve_local_authority

            resolve_local_authority(config.local_authority, config.partnerships)
        from wttsc_policy.documents import read_document
        from wttsc_policy.ooxml.package import Limits

        limits = Limits(
            max_file_bytes=config.max_file_bytes,
            max_part_bytes=config.max_part_bytes,
            max_ratio=config.max_compression_ratio,
        )
        doc = read_document(path, limits)
        select = tuple(opts.select) or tuple(config.select)
        ignore = tuple(opts.ignore) + tuple(config.ignore) + _per_file_ignores(path, loaded)
        matcher = _matcher(extra_packs(loaded, opts), select, ignore)
        values = template_values(config, doc)
        findings = resolve_overlaps(matcher.check(doc, values, config))
        findings = _apply_severity(findings, config)
        suppressed = 0
        unused: list[str] = []
        if opts.inline_config:
            from wttsc_policy import suppressions

            findings, suppressed, unused = suppressions.apply(doc, findings)
        result = FileResult(
            path=display,
            format=doc.format,
            findings=findings,
            suppressed=suppressed,
            unused_suppressions=unused,
            notes=list(dict.fromkeys(doc.warnings)),
        )
        return Checked(result=result, document=doc if keep_document else None, config=config, values=values)
    except WttscError as exc:
        return Checked(result=FileResult(path=display, error=exc.one_line()))
    except RecursionError:
        return Checked(result=FileResult(path=display, error=f"{display}: the document is nested too deeply to read"))
    except MemoryError:
        return Checked(result=FileResult(path=display, error=f"{display}: the document is too large to read"))


def _per_file_ignores(path: Path, loaded: LoadedConfig) -> tuple[str, ...]:
    patterns = loaded.config.per_file_ignores
    if not patterns:
        return ()
    origin = loaded.origins.get("per_file_ignores")
    base = Path(origin).parent if origin and origin != "command line" else Path.cwd()
    try:
        rel = Path(path).resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        rel = Path(path).as_posix()
    out: list[str] = []
    for glob, ids in patterns.items():
        if fnmatch.fnmatch(rel, glob) or fnmatch.fnmatch(Path(path).name, glob):
            out.extend(i.upper() for i in ids)
    return tuple(out)


def _apply_severity(findings: list[Finding], config: Config) -> list[Finding]:
    if not config.severity:
        return findings
    for f in findings:
        new = config.severity.get(f.rule)
        if new:
            f.severity = new  # type: ignore[assignment]
    return findings
