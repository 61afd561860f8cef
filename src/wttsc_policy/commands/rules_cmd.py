"""`wttsc-policy rules list|show|schema|validate`."""

from __future__ import annotations

import json
from pathlib import Path

from wttsc_policy.errors import RuleError, UsageError


def _ruleset(extra: tuple[str, ...] = ()):
    from wttsc_policy.rules import load_ruleset

    return load_ruleset([Path(e) for e in extra])


def list_rules(*, fmt: str = "text", extra: tuple[str, ...] = ()) -> int:
    ruleset = _ruleset(extra)
    if fmt == "json":
        data = {
            "rules": [
                {
                    "id": r.id,
                    "title": r.title,
                    "kind": r.kind,
                    "severity": r.severity,
                    "covers": r.covers,
                    "source": r.source,
                    "enabled": r.enabled,
                    "pack": pack.meta.name,
                }
                for pack in ruleset.packs
                for r in pack.rules
            ],
            "not_applicable": [n.key for pack in ruleset.packs for n in pack.not_applicable],
            "packs": [pack.meta.model_dump() for pack in ruleset.packs],
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    from rich.console import Console
    from rich.table import Table

    console = Console(width=140)
    for pack in ruleset.packs:
        table = Table(title=f"{pack.meta.title} (pack {pack.meta.name} {pack.meta.version})", show_lines=False)
        for col in ("id", "severity", "kind", "title", "source"):
            table.add_column(col)
        for r in pack.rules:
            sev = r.severity if r.enabled else f"{r.severity} (off)"
            table.add_row(r.id, sev, r.kind, r.title, r.source)
        console.print(table)
    return 0


def show_rule(*, rule_id: str, extra: tuple[str, ...] = ()) -> int:
    ruleset = _ruleset(extra)
    rule = ruleset.by_id.get(rule_id)
    if rule is None:
        raise UsageError(f"no rule with id {rule_id} (see 'wttsc-policy rules list')")
    from wttsc_policy.rule_docs import render_rule

    print(render_rule(rule))
    return 0


def print_schema() -> int:
    from wttsc_policy.rules import rule_json_schema

    print(json.dumps(rule_json_schema(), indent=2))
    return 0


def validate_rules(*, path: Path) -> int:
    """Load the pack(s) at `path` and run every rule's examples; exit 1 on a failing example."""
    from wttsc_policy.matching import check_text
    from wttsc_policy.rules import find_packs, load_pack

    failures: list[str] = []
    count = 0
    for folder in find_packs(path):
        pack = load_pack(folder)
        for rule in pack.rules:
            count += 1
            failures.extend(example_failures(rule, check_text))
    for line in failures:
        print(line)
    print(f"{count} rule(s) validated, {len(failures)} failing example(s)")
    return 1 if failures else 0


def example_failures(rule, check_text) -> list[str]:
    """Messages for each example of `rule` that does not behave as declared."""
    out = []
    for text in rule.examples.fires:
        if not any(f.rule == rule.id for f in check_text(text, [rule])):
            out.append(f"{rule.id}: should fire but does not: {text!r}")
    for text in rule.examples.passes:
        if any(f.rule == rule.id for f in check_text(text, [rule])):
            out.append(f"{rule.id}: should not fire but does: {text!r}")
    return out


__all__ = ["list_rules", "show_rule", "print_schema", "validate_rules", "example_failures", "RuleError"]
