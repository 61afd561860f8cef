"""Reports and notes: each report module renders one list of FileResults as a string.

Every emitter has the same signature, `render(results, ctx) -> str`, so adding a
format means adding a module and a line in FORMATS (the CLI's --format choices are
read from it).
"""

from __future__ import annotations

import importlib
from datetime import date
from typing import TYPE_CHECKING, Any

from wttsc_policy import fingerprints
from wttsc_policy.findings import FileResult, Finding
from wttsc_policy.records import field, record

if TYPE_CHECKING:
    from wttsc_policy.rulepacks.model import Rule
    from wttsc_policy.rulepacks.ruleset import RulePack

FORMATS = {
    "text": "wttsc_policy.render.text",
    "json": "wttsc_policy.render.json",
    "sarif": "wttsc_policy.render.sarif",
    "junit": "wttsc_policy.render.junit",
    "github": "wttsc_policy.render.github",
}


@record
class ReportContext:
    """What every emitter may need besides the findings."""

    version: str
    packs: list[RulePack] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)  # id -> Rule
    fail_on: str = "warning"
    color: bool = False
    fixed: list[dict[str, Any]] = field(default_factory=list)  # baseline entries no longer found
    baseline_matched: int = 0
    baseline: str | None = None  # the baseline file, when --baseline was given
    fingerprints: dict[int, str] = field(default_factory=dict)  # id(finding) -> fingerprint
    as_of: date | None = None  # the day whose guidance applied
    values: dict[str, Any] = field(default_factory=dict)  # how to cite each edition in force (rule help)
    notes: list[str] = field(default_factory=list)  # said once per run (e.g. past the data horizon)

    def fingerprint(self, result: FileResult, finding: Finding) -> str:
        """The finding's stable fingerprint (computed for the whole file when missing)."""
        fp = self.fingerprints.get(id(finding))
        if fp is None:
            self.fingerprints.update(fingerprints.compute([result]))
            fp = self.fingerprints[id(finding)]
        return fp


def render(fmt: str, results: list[FileResult], ctx: ReportContext) -> str:
    """The report in format `fmt` (a key of FORMATS)."""
    module = importlib.import_module(FORMATS[fmt])
    text: str = module.render(results, ctx)
    return text
