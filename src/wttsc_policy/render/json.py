"""`--format json`: the documented, stable machine schema (see README, "JSON output")."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from wttsc_policy.findings import FileResult
from wttsc_policy.render import ReportContext

SCHEMA_VERSION = 1


def payload(results: list[FileResult], ctx: ReportContext) -> dict[str, Any]:
    """The report as plain data (keys and order are the documented contract)."""
    severities = Counter(f.severity for r in results for f in r.findings)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "wttsc-policy", "version": ctx.version},
        "rule_packs": [{"name": p.meta.name, "version": p.meta.version} for p in ctx.packs],
        "files": [
            {
                "path": r.path,
                "format": r.format,
                "error": r.error,
                "findings": [{**f.to_dict(), "fingerprint": ctx.fingerprint(r, f)} for f in r.findings],
                "suppressed": r.suppressed,
                "unused_suppressions": [n.message for n in r.unused_suppressions],
                "notes": [n.message for n in r.notes],
                "editions": dict(r.editions),
            }
            for r in results
        ],
        "fixed_since_baseline": ctx.fixed,
        "summary": {
            "files": len(results),
            "errors": sum(1 for r in results if r.error),
            "findings": sum(len(r.findings) for r in results),
            "by_severity": {s: severities.get(s, 0) for s in ("error", "warning", "info")},
        },
        "as_of": ctx.as_of.isoformat() if ctx.as_of else None,
        "notes": list(ctx.notes),
    }


def render(results: list[FileResult], ctx: ReportContext) -> str:
    return json.dumps(payload(results, ctx), indent=2, ensure_ascii=False) + "\n"
