"""`--format github`: GitHub Actions workflow commands, plus the job summary.

Each finding becomes `::error|warning|notice file=…,line=…,col=…,endColumn=…,title=…::message`
(info findings are notices). GitHub displays at most 10 error, 10 warning and 10 notice
annotations per step, so at most that many of each are emitted and a plain line says how
many were left out. When `$GITHUB_STEP_SUMMARY` is set, the full list is appended to it
as a markdown table (trimmed to stay under GitHub's 1 MiB summary limit).

Word files have no lines: their annotations name the file only and the message says
which paragraph. Values are escaped as the workflow-command rules require: `%`, CR and
LF in messages; additionally `:` and `,` in properties.
"""

from __future__ import annotations

import os
import sys
from collections import Counter

from wttsc_policy.findings import FileResult, Finding, Note
from wttsc_policy.formats import spec
from wttsc_policy.records import record
from wttsc_policy.render import ReportContext
from wttsc_policy.render.text import location
from wttsc_policy.safetext import one_line, path_text, visible

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
LIMIT_PER_LEVEL = 10
SUMMARY_LIMIT_BYTES = 1_000_000  # GitHub refuses step summaries over 1 MiB


def escape_data(value: str) -> str:
    """Escape a workflow command's message (control and bidi characters made visible)."""
    return visible(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(value: str) -> str:
    """Escape a workflow command property value (file, title, ...)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


@record
class Annotation:
    level: str  # error | warning | notice
    file: str
    message: str
    title: str
    line: int | None = None
    col: int | None = None
    end_column: int | None = None

    def command(self) -> str:
        props = [f"file={escape_property(self.file)}"]
        if self.line is not None:
            props.append(f"line={self.line}")
            if self.col is not None:
                props.append(f"col={self.col}")
                if self.end_column is not None:
                    props.append(f"endColumn={self.end_column}")
        props.append(f"title={escape_property(self.title)}")
        return f"::{self.level} {','.join(props)}::{escape_data(self.message)}"


def display_path(path: str) -> str:
    """Paths relative to the working folder (the checkout), as GitHub expects."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, os.getcwd())
    except ValueError:
        return path
    return path if rel.startswith("..") else rel.replace(os.sep, "/")


def _finding_annotation(r: FileResult, f: Finding) -> Annotation:
    message = f.message
    if f.match:
        message += f'\nFound: "{" ".join(f.match.split())}"'
    if f.suggestion and f.kind != "missing_topic":
        message += f'\nUse: "{" ".join(f.suggestion.split())}"'
    lines = _text_source(r)
    if not lines or f.line is None:
        message += f"\nWhere: {location(f)}" + (f" under '{f.heading}'" if f.heading else "")
    message += f"\nSource: {f.source}"
    ann = Annotation(COMMAND[f.severity], display_path(r.path), message, f"{f.rule}: {f.title}")
    if lines and f.line is not None:
        ann.line = f.line
        ann.col = f.column
        if f.span is not None and f.column is not None and "\n" not in f.match:
            ann.end_column = f.column + (f.span.end - f.span.start)
    return ann


def _text_source(r: FileResult) -> bool:
    return r.format is not None and spec(r.format).text_source


def all_annotations(results: list[FileResult]) -> list[Annotation]:
    """Every annotation of a run, in file order (before capping)."""
    out: list[Annotation] = []
    for r in results:
        path = display_path(r.path)
        if r.error:
            out.append(Annotation("error", path, f"cannot be read: {r.error}", "wttsc-policy: unreadable file"))
            continue
        out.extend(_finding_annotation(r, f) for f in r.findings)
        problems: list[tuple[Note, str]] = [(u, "unused suppression") for u in r.unused_suppressions]
        problems += [(n, "suppression without a reason") for n in r.notes if n.is_warning]
        for note, title in problems:
            ann = Annotation("warning", path, note.message, f"wttsc-policy: {title}")
            if note.line is not None and _text_source(r):
                ann.line = note.line
            out.append(ann)
    return out


def _cell(value: object) -> str:
    text = one_line(str(value if value is not None else ""))
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;") or " "


def summary_markdown(results: list[FileResult], ctx: ReportContext, omitted: int) -> tuple[str, bool]:
    """The findings as a markdown table for the job summary, most severe first; returns
    (markdown, complete) - complete is False when rows were left out to fit 1 MiB."""
    counts = Counter(f.severity for r in results for f in r.findings)
    unreadable = [r for r in results if r.error]
    lines = [
        "## wttsc-policy",
        "",
        f"{len(results)} file(s) checked: {counts['error']} error(s), {counts['warning']} warning(s), "
        f"{counts['info']} info" + (f"; {len(unreadable)} file(s) could not be read" if unreadable else "") + ".",
    ]
    if omitted:
        lines.append(
            f"{omitted} finding(s) are not shown as annotations (GitHub's per-step limit); all are listed here."
        )
    if ctx.baseline is not None:
        lines.append(
            f"Baseline `{_cell(ctx.baseline)}`: {ctx.baseline_matched} known finding(s) not shown, "
            f"{len(ctx.fixed)} fixed since it was recorded."
        )
    lines += ["", "| Severity | Rule | File | Where | Message |", "| --- | --- | --- | --- | --- |"]
    size = sum(len(x) + 1 for x in lines)
    items: list[tuple[str, str, str, str, str]] = []
    for r in results:
        path = display_path(r.path)
        if r.error:
            items.append(("unreadable", "-", path, "-", f"cannot be read: {r.error}"))
            continue
        items.extend(
            (
                f.severity,
                f"{f.rule}: {f.title}",
                path,
                location(f) + (f" ({f.heading})" if f.heading else ""),
                f.message,
            )
            for f in r.findings
        )
    order = {"unreadable": 0, "error": 1, "warning": 2, "info": 3}
    items.sort(key=lambda item: order[item[0]])  # stable: file order within a severity
    for rows, (sev, rule, file, where, message) in enumerate(items):
        row = f"| {_cell(sev)} | {_cell(rule)} | {_cell(file)} | {_cell(where)} | {_cell(message)} |"
        if size + len(row.encode("utf-8")) + 200 > SUMMARY_LIMIT_BYTES:
            lines.append("")
            lines.append(
                f"{len(items) - rows} more row(s) left out to keep the summary under 1 MiB; "
                "use `--format sarif` or `--format json` for the full list."
            )
            return "\n".join(lines) + "\n", False
        lines.append(row)
        size += len(row.encode("utf-8")) + 1
    if ctx.fixed:
        lines += ["", "### Fixed since the baseline", ""]
        lines += [f"- `{_cell(e.get('rule'))}` in {_cell(e.get('path'))}: {_cell(e.get('message'))}" for e in ctx.fixed]
    return "\n".join(lines) + "\n", True


def render(results: list[FileResult], ctx: ReportContext) -> str:
    everything = all_annotations(results)
    shown: list[Annotation] = []
    per_level: Counter[str] = Counter()
    for ann in everything:
        if per_level[ann.level] < LIMIT_PER_LEVEL:
            shown.append(ann)
        per_level[ann.level] += 1
    omitted = len(everything) - len(shown)
    lines = [a.command() for a in shown]
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    summary, complete = summary_markdown(results, ctx, omitted) if summary_file else ("", False)
    if omitted:
        if summary_file:
            where = "the job summary lists them all" if complete else "the job summary lists as many as fit in 1 MiB"
        else:
            where = "run with --format text or sarif to see them all"
        lines.append(
            f"wttsc-policy: {omitted} more annotation(s) left out (GitHub shows at most {LIMIT_PER_LEVEL} errors, "
            f"{LIMIT_PER_LEVEL} warnings and {LIMIT_PER_LEVEL} notices per step); {where}."
        )
    lines += [f"::notice title=wttsc-policy::{escape_data(note)}" for note in ctx.notes]
    counts = Counter(f.severity for r in results for f in r.findings)
    lines.append(
        f"wttsc-policy: {len(results)} file(s) checked: {counts['error']} error(s), "
        f"{counts['warning']} warning(s), {counts['info']} info"
    )
    if ctx.baseline is not None:
        lines.append(
            f"wttsc-policy: baseline {ctx.baseline}: {ctx.baseline_matched} known finding(s) not shown, "
            f"{len(ctx.fixed)} fixed since it was recorded"
        )
    if summary_file:
        try:
            with open(summary_file, "a", encoding="utf-8") as fh:
                fh.write(summary)
        except OSError as exc:  # the runner's file: a warning, the annotations still count
            print(
                f"wttsc-policy: {path_text(summary_file)}: cannot append the job summary "
                f"({exc.strerror or exc}); GITHUB_STEP_SUMMARY should name a file in an existing folder",
                file=sys.stderr,
            )
    return "\n".join(lines) + "\n"
