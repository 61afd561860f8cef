"""`wttsc-policy report`: the one-page trust dashboard (see render/dashboard.py)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from wttsc_policy.commands.check import check_paths, report_context, report_unreadable
from wttsc_policy.context import RunOptions, today
from wttsc_policy.fileio import check_output_path, write_text_atomic
from wttsc_policy.guidance.shipped import editions as shipped_editions
from wttsc_policy.render.dashboard import render_dashboard


def run_report(
    *,
    paths: list[Path],
    output: Path,
    config_file: Path | None,
    extra_rules: tuple[str, ...],
    force: bool,
    as_of: date | None = None,
    allow_external_rules: bool = False,
) -> int:
    """Write the one-page trust dashboard. Unreadable files appear in it and make the
    exit code 2; findings never change the exit code (this is a report, not a gate)."""
    check_output_path(output, force=force)
    day = as_of or today()
    results, packs = check_paths(paths, config_file, extra_rules, day, allow_external_rules)
    ctx = report_context(RunOptions(extra_rules=extra_rules, as_of=day), "warning", color=False, packs=packs)
    in_force = shipped_editions().all_in_force(day)
    html = render_dashboard(results, ctx.rules, ctx.packs, config_file, in_force=in_force, notes=ctx.notes)
    write_text_atomic(output, html, force=force)
    findings = sum(len(r.findings) for r in results)
    print(f"wttsc-policy: wrote {output} ({len(results)} file(s), {findings} finding(s))", file=sys.stderr)
    return report_unreadable(results)
