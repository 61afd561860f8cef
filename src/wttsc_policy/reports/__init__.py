"""Output formats: each module renders one list of FileResults as a string.

Every emitter has the same signature, `render(results, ctx) -> str`, so adding a
format means adding a module and a line in FORMATS.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

from wttsc_policy.model import FileResult, Finding

FORMATS = {
    "text": "wttsc_policy.reports.text",
    "json": "wttsc_policy.reports.json_report",
    "sarif": "wttsc_policy.reports.sarif",
    "junit": "wttsc_policy.reports.junit",
    "github": "wttsc_policy.reports.github",
}


@dataclass
class ReportContext:
    """What every emitter may need besides the findings."""

    version: str
    packs: list[Any] = field(default_factory=list)  # RulePack
    rules: dict[str, Any] = field(default_factory=dict)  # id -> Rule
    fail_on: str = "warning"
    color: bool = False
    fixed: list[dict[str, Any]] = field(default_factory=list)  # baseline entries no longer found
    baseline_matched: int = 0
    baseline: str | None = None  # the baseline file, when --baseline was given
    fingerprints: dict[int, str] = field(default_factory=dict)  # id(finding) -> fingerprint

    def fingerprint(self, result: FileResult, finding: Finding) -> str:
        """The finding's stable fingerprint (computed for the whole file when missing)."""
        fp = self.fingerprints.get(id(finding))
        if fp is None:
            from wttsc_policy import fingerprints

            self.fingerprints.update(fingerprints.compute([result]))
            fp = self.fingerprints[id(finding)]
        return fp


def render(fmt: str, results: list[FileResult], ctx: ReportContext) -> str:
    module = importlib.import_module(FORMATS[fmt])
    return module.render(results, ctx)
