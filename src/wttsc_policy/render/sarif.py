"""`--format sarif`: SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDE viewers).

Locations (documented in docs/ci.md, "SARIF locations"):

* markdown / text: `region` has startLine/startColumn/endLine/endColumn (1-based,
  Unicode code points) and charOffset/charLength (0-based) of the matched text.
* docx: a Word file has no lines, so `region.startLine` is the paragraph number
  within its part (body, header or footer; 1-based, counting every paragraph including
  table cells) and start/endColumn are 1-based character positions within that
  paragraph's text. A `logicalLocations` entry names the part, paragraph and heading,
  and `properties` repeats them as `docxPart`, `paragraph` and `heading`.
* A finding about the whole policy (a missing topic with nowhere better to point)
  gets `startLine: 1` and `properties.wholeDocument: true`.

`partialFingerprints["wttscFinding/v1"]` is the line-independent fingerprint from
fingerprints.py. Unreadable files, unused suppressions and notes are
`toolExecutionNotifications` of the run's invocation.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from wttsc_policy.findings import FileResult, Finding, Note
from wttsc_policy.fingerprints import SARIF_KEY
from wttsc_policy.formats import spec
from wttsc_policy.render import ReportContext
from wttsc_policy.render.positions import relative_uri, root_uri, text_region
from wttsc_policy.rulepacks.model import Rule
from wttsc_policy.rulepacks.substitute import substitute

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
BASE_ID = "SRCROOT"


def _rule_name(title: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", title)
    return "".join(w[:1].upper() + w[1:] for w in words) or "Rule"


def rule_descriptor(rule: Rule, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A reportingDescriptor: title, message, rationale and source of a rule, naming the
    editions in force on the run's day (`values`: how to cite each family)."""
    message = substitute(rule.message, values or {}, rule.text_family) or ""
    source = substitute(rule.source, values or {}, rule.text_family) or ""
    help_text = f"{message}\n\nWhy: {rule.rationale}\n\nSource: {source}"
    help_md = f"{message}\n\n**Why:** {rule.rationale}\n\n**Source:** {source}"
    return {
        "id": rule.id,
        "name": _rule_name(rule.title),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": message},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": LEVEL[rule.severity], "enabled": bool(rule.enabled)},
        "properties": {
            "tags": ["safeguarding", rule.kind.replace("_", "-")],
            "kind": rule.kind,
            "chapter": rule.chapter,
            "source": source,
            "covers": list(rule.covers),
            "precision": {"high": "high", "medium": "medium", "low": "low"}.get(rule.confidence, "high"),
        },
    }


def _artifact_location(path: str, index: int) -> dict[str, Any]:
    uri, relative = relative_uri(path)
    loc: dict[str, Any] = {"uri": uri, "index": index}
    if relative:
        loc["uriBaseId"] = BASE_ID
    return loc


def _location(r: FileResult, f: Finding, index: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """(location, extra result properties) for one finding."""
    props: dict[str, Any] = {}
    physical: dict[str, Any] = {"artifactLocation": _artifact_location(r.path, index)}
    logical: dict[str, Any] | None = None
    if not _text_source(r):
        if f.paragraph is not None:
            region: dict[str, Any] = {"startLine": f.paragraph}
            if f.span is not None:
                region["startColumn"] = f.span.start + 1
                region["endColumn"] = max(f.span.end + 1, f.span.start + 2)
            part = f.part or "body"
            props.update({"docxPart": part, "paragraph": f.paragraph})
            name = f"{part} paragraph {f.paragraph}"
            logical = {"name": name, "fullyQualifiedName": f"{part}/paragraph[{f.paragraph}]", "kind": "element"}
        else:
            region = {"startLine": 1}
            props["wholeDocument"] = True
    else:
        found = text_region(f)
        if found is not None:
            region = {
                "startLine": found.start_line,
                "startColumn": found.start_column,
                "endLine": found.end_line,
                "endColumn": max(found.end_column, found.start_column + 1)
                if found.end_line == found.start_line
                else found.end_column,
                "charOffset": found.char_offset,
                "charLength": found.char_length,
            }
        elif f.line is not None:
            region = {"startLine": f.line}
            if f.column is not None:
                region["startColumn"] = f.column
        else:
            region = {"startLine": 1}
            props["wholeDocument"] = True
    if f.match:
        region["snippet"] = {"text": f.match}
    physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    if f.heading:
        props["heading"] = f.heading
    logical_locations = []
    if logical is not None:
        logical_locations.append(logical)
    if f.heading:
        logical_locations.append({"name": f.heading, "kind": "section"})
    if logical_locations:
        location["logicalLocations"] = logical_locations
    return location, props


def _result(
    r: FileResult, f: Finding, index: int, rule_index: dict[str, int], ctx: ReportContext, baseline: bool
) -> dict[str, Any]:
    location, props = _location(r, f, index)
    text = f.message
    if f.match:
        text += f' Found: "{" ".join(f.match.split())}".'
    if f.suggestion and f.kind != "missing_topic":
        text += f' Use: "{" ".join(f.suggestion.split())}".'
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "level": LEVEL[f.severity],
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {SARIF_KEY: ctx.fingerprint(r, f)},
        "properties": {
            "severity": f.severity,
            "kind": f.kind,
            "source": f.source,
            "covers": list(f.covers),
            **({"suggestion": f.suggestion} if f.suggestion else {}),
            **({"confidence": f.confidence} if f.confidence else {}),
            **props,
        },
    }
    if f.rule in rule_index:
        out["ruleIndex"] = rule_index[f.rule]
    if baseline:
        out["baselineState"] = "new"
    return out


def _notification(
    level: str, text: str, path: str | None, index: int | None, line: int | None = None
) -> dict[str, Any]:
    note: dict[str, Any] = {"level": level, "message": {"text": text}}
    if path is not None and index is not None:
        physical: dict[str, Any] = {"artifactLocation": _artifact_location(path, index)}
        if line:
            physical["region"] = {"startLine": line}
        note["locations"] = [{"physicalLocation": physical}]
    return note


def _text_source(r: FileResult) -> bool:
    """Whether the file's findings carry lines and columns (markdown, text)."""
    return r.format is not None and spec(r.format).text_source


def _note_line(r: FileResult, note: Note) -> int | None:
    """The line a note points at: its line in a text file, its paragraph in a Word file."""
    if note.line is not None:
        return note.line
    if note.paragraph is not None and r.format is not None and spec(r.format).has_parts:
        return note.paragraph
    return None


def payload(results: list[FileResult], ctx: ReportContext) -> dict[str, Any]:
    rules = [ctx.rules[k] for k in sorted(ctx.rules)]
    rule_index = {rule.id: i for i, rule in enumerate(rules)}
    artifacts: list[dict[str, Any]] = []
    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    baseline = ctx.baseline is not None
    for index, r in enumerate(results):
        uri, relative = relative_uri(r.path)
        artifact: dict[str, Any] = {"location": {"uri": uri, **({"uriBaseId": BASE_ID} if relative else {})}}
        if r.format is not None:
            artifact["mimeType"] = spec(r.format).mime_type
        artifacts.append(artifact)
        if r.error:
            notifications.append(_notification("error", f"cannot be read: {r.error}", r.path, index))
            continue
        for f in r.findings:
            sarif_results.append(_result(r, f, index, rule_index, ctx, baseline))
        for unused in r.unused_suppressions:
            notifications.append(_notification("warning", unused.message, r.path, index, _note_line(r, unused)))
        for note in r.notes:
            level = "warning" if note.is_warning else "note"
            line = _note_line(r, note) if level == "warning" else None
            notifications.append(_notification(level, note.message, r.path, index, line))
    notifications += [{"level": "note", "message": {"text": note}} for note in ctx.notes]
    invocation: dict[str, Any] = {
        "executionSuccessful": not any(r.error for r in results),
        "toolExecutionNotifications": notifications,
    }
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "wttsc-policy",
                "version": ctx.version,
                "rules": [rule_descriptor(rule, ctx.values) for rule in rules],
                "properties": {
                    "rulePacks": [{"name": p.meta.name, "version": p.meta.version} for p in ctx.packs],
                    "failOn": ctx.fail_on,
                },
            }
        },
        "originalUriBaseIds": {BASE_ID: {"uri": root_uri()}},
        "artifacts": artifacts,
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    if baseline:
        run["properties"] = {"baseline": {"file": ctx.baseline, "matched": ctx.baseline_matched, "fixed": ctx.fixed}}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(results: list[FileResult], ctx: ReportContext) -> str:
    return json.dumps(payload(results, ctx), indent=2, ensure_ascii=False) + "\n"
