"""The terminal report: findings grouped by file and heading, then a one-line summary."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable
from typing import Any

from wttsc_policy.findings import FileResult, Finding
from wttsc_policy.render import ReportContext
from wttsc_policy.safetext import path_text

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def location(f: Finding) -> str:
    """Where a finding is, for a person: line:column, (part) paragraph N, or whole document."""
    if f.line is not None:
        return f"line {f.line}:{f.column}"
    if f.paragraph is not None:
        where = "" if f.part in (None, "body") else f"{f.part} "
        return f"{where}paragraph {f.paragraph}"
    return "whole document"


class _Out:
    """Lines of the report: rich markup for a colour terminal; plain text otherwise, so
    CI and pipes never import rich (the text report is `check`'s default)."""

    def __init__(self, color: bool) -> None:
        self.color = color
        self.buf = io.StringIO()
        self.console: Any = None
        # document text and file names: control and bidi characters shown, never obeyed
        self.escape: Callable[[str], str] = path_text
        if color:
            from rich.console import Console  # rich (~30 ms) only for colour on a person's terminal
            from rich.markup import escape

            self.console = Console(file=self.buf, force_terminal=True, no_color=False, width=110, soft_wrap=False)
            self.escape = lambda text: escape(path_text(text))

    def style(self, text: str, style: str) -> str:
        """`text` (already escaped) in a rich style, or as it is without colour."""
        return f"[{style}]{text}[/]" if self.color else text

    def line(self, text: str) -> None:
        if self.console is not None:
            self.console.print(text)
        else:
            self.buf.write(text + "\n")


def render(results: list[FileResult], ctx: ReportContext) -> str:
    """The report for a person: findings grouped by file and heading, then a summary."""
    out = _Out(ctx.color)
    esc, style = out.escape, out.style
    total: Counter[str] = Counter()
    for r in results:
        if r.error:
            out.line(f"{style(esc(r.path), 'bold red')}: cannot be read: {esc(r.error)}")
            continue
        if not r.findings:
            out.line(f"{style(esc(r.path), 'green')}: no outdated content found")
        else:
            out.line(f"{style(esc(r.path), 'bold')} ({len(r.findings)} finding{'s' * (len(r.findings) != 1)})")
        heading: object = object()
        for f in r.findings:
            total[f.severity] += 1
            if (f.heading, f.part) != heading:
                heading = (f.heading, f.part)
                label = f.heading if f.heading else "(no heading)"
                if f.part in ("header", "footer"):
                    label = f"(page {f.part})"
                if f.kind == "missing_topic" and f.block is None:
                    label = "(anywhere in the policy)"
                out.line(f"  {style(esc(label), 'bold')}")
            sev = style(f.severity, _STYLE[f.severity])
            out.line(f"    {location(f)}  {sev}  {style(f.rule, 'dim')}  {esc(f.message)}")
            if f.match:
                out.line(f'        found: "{esc(" ".join(f.match.split()))}"')
            if f.suggestion and f.kind != "missing_topic":
                out.line(f'        use:   "{esc(" ".join(f.suggestion.split()))}"')
            out.line(f"        {style('source: ' + esc(f.source), 'dim')}")
        for note in r.notes:
            if note.is_warning:
                out.line(f"  {style('warning', 'yellow')}: {esc(note.message)}")
            else:
                out.line(f"  {style('note: ' + esc(note.message), 'dim')}")
        for unused in r.unused_suppressions:
            out.line(f"  {style('warning', 'yellow')}: {esc(unused.message)}")
    if ctx.fixed:
        out.line(f"{len(ctx.fixed)} baseline finding(s) fixed since the baseline was recorded:")
        for e in ctx.fixed:
            what = f' "{" ".join(str(e.get("match") or "").split())}"' if e.get("match") else ""
            where = f" under '{e['heading']}'" if e.get("heading") else ""
            rule = style(esc(str(e.get("rule"))), "dim")
            out.line(f"  fixed  {rule}  {esc(str(e.get('path')))}{esc(where)}{esc(what)}")
    for run_note in ctx.notes:
        out.line(style("note: " + esc(run_note), "dim"))
    errors = sum(1 for r in results if r.error)
    parts = [f"{total[s]} {s}{'s' * (total[s] != 1)}" for s in ("error", "warning", "info")]
    summary = f"{len(results)} file{'s' * (len(results) != 1)} checked: " + ", ".join(parts)
    if errors:
        summary += f"; {errors} file{'s' * (errors != 1)} could not be read"
    if ctx.baseline_matched:
        summary += f"; {ctx.baseline_matched} known finding(s) in the baseline not shown"
    out.line(summary)
    return out.buf.getvalue()
