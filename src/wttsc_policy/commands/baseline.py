"""`wttsc-policy baseline`: record today's findings so CI fails only on new ones."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from wttsc_policy import __version__
from wttsc_policy.baseline import write_baseline
from wttsc_policy.commands.check import check_paths, report_unreadable


def run_baseline(
    *,
    paths: list[Path],
    output: Path,
    config_file: Path | None,
    extra_rules: tuple[str, ...],
    as_of: date | None = None,
    allow_external_rules: bool = False,
) -> int:
    """Record every current finding by fingerprint. Unreadable files are reported
    (exit 2) but the baseline of the readable ones is still written."""
    results, _ = check_paths(paths, config_file, extra_rules, as_of, allow_external_rules)
    count = write_baseline(results, output, __version__)
    files = sum(1 for r in results if not r.error)
    print(f"wttsc-policy: recorded {count} finding(s) from {files} file(s) in {output}", file=sys.stderr)
    return report_unreadable(results)
