"""The terminal report: findings grouped by file and heading, then a one-line summary."""

from __future__ import annotations

import io
from collections import Counter

from wttsc_policy.findings import FileResult, Finding
from wttsc_policy.render import ReportContext

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def location(f: Finding) -> str:
    """Where a finding is, for a person: line:column, (part) paragraph N, or whole document."""
    if f.line is not None:
        return f"line {f.line}:{f.column}"
    if f.paragraph is not None:
        where = "" if f.part in (None, "body") else f"{f.part} "
        return f"{where}paragraph {f.paragraph}"
    return "whole document"


def render(results: list[FileResult], ctx: ReportContext) -> str:
    from rich.console import Console  # rich only when a text report is printed
    from rich.markup import escape

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=ctx.color, no_color=not ctx.color, width=110, soft_wrap=not ctx.color)
    total: Counter[str] = Counter()
    for r in results:
        if r.error:
            console.print(f"[bold red]{escape(r.path)}[/]: cannot be read: {escape(r.error)}")
            continue
        if not r.findings:
            console.print(f"[green]{escape(r.path)}[/]: no outdated content found")
        else:
            console.print(f"[bold]{escape(r.path)}[/] ({len(r.findings)} finding{'s' * (len(r.findings) != 1)})")
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
                console.print(f"  [bold]{escape(label)}[/]")
            sev = f"[{_STYLE[f.severity]}]{f.severity}[/]"
            console.print(f"    {location(f)}  {sev}  [dim]{f.rule}[/]  {escape(f.message)}")
            if f.match:
                console.print(f'        found: "{escape(" ".join(f.match.split()))}"')
            if f.suggestion and f.kind != "missing_topic":
                console.print(f'        use:   "{escape(" ".join(f.suggestion.split()))}"')
            console.print(f"        [dim]source: {escape(f.source)}[/]")
        for note in r.notes:
            if note.is_warning:
                console.print(f"  [yellow]warning[/]: {escape(note.message)}")
            else:
                console.print(f"  [dim]note: {escape(note.message)}[/]")
        for unused in r.unused_suppressions:
            console.print(f"  [yellow]warning[/]: {escape(unused.message)}")
    if ctx.fixed:
        console.print(f"{len(ctx.fixed)} baseline finding(s) fixed since the baseline was recorded:")
        for e in ctx.fixed:
            what = f' "{" ".join(str(e.get("match") or "").split())}"' if e.get("match") else ""
            where = f" under '{e['heading']}'" if e.get("heading") else ""
            console.print(
                f"  fixed  [dim]{escape(str(e.get('rule')))}[/]  {escape(str(e.get('path')))}{escape(where)}{escape(what)}"
            )
    errors = sum(1 for r in results if r.error)
    parts = [f"{total[s]} {s}{'s' * (total[s] != 1)}" for s in ("error", "warning", "info")]
    summary = f"{len(results)} file{'s' * (len(results) != 1)} checked: " + ", ".join(parts)
    if errors:
        summary += f"; {errors} file{'s' * (errors != 1)} could not be read"
    if ctx.baseline_matched:
        summary += f"; {ctx.baseline_matched} known finding(s) in the baseline not shown"
    console.print(summary)
    return buf.getvalue()
