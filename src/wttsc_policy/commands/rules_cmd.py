"""`wttsc-policy rules list|show|schema|validate`."""

from __future__ import annotations

import json
from pathlib import Path

from wttsc_policy.errors import RuleError, UsageError
from wttsc_policy.pipeline import check_text, fix_text
from wttsc_policy.rulepacks.docs import render_rule
from wttsc_policy.rulepacks.load import find_packs, load_pack, load_ruleset, rule_json_schema
from wttsc_policy.rulepacks.ruleset import RuleSet
from wttsc_policy.rulepacks.schema import Rule


def _ruleset(extra: tuple[str, ...] = ()) -> RuleSet:
    return load_ruleset([Path(e) for e in extra])


def list_rules(*, fmt: str = "text", extra: tuple[str, ...] = ()) -> int:
    """Every rule as a table per pack, or as JSON."""
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
    from rich.console import Console  # rich (~30 ms to import) only for the text listing
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
    """One rule's documentation."""
    ruleset = _ruleset(extra)
    rule = ruleset.by_id.get(rule_id)
    if rule is None:
        raise UsageError(f"no rule with id {rule_id} (see 'wttsc-policy rules list')")
    print(render_rule(rule))
    return 0


def print_schema() -> int:
    """The JSON Schema of a rule file."""
    print(json.dumps(rule_json_schema(), indent=2))
    return 0


def validate_rules(*, path: Path) -> int:
    """Load the pack(s) at `path` and run every rule's examples; exit 1 on a failing example."""
    failures: list[str] = []
    count = 0
    for folder in find_packs(path):
        pack = load_pack(folder)
        for rule in pack.rules:
            count += 1
            failures.extend(example_failures(rule))
    for line in failures:
        print(line)
    print(f"{count} rule(s) validated, {len(failures)} failing example(s)")
    return 1 if failures else 0


def example_failures(rule: Rule) -> list[str]:
    """Messages for each example of `rule` that does not behave as declared: `fires`
    must be flagged, `passes` must not, `thin` mentions are no coverage (still flagged), and
    each fix must give exactly its `after`."""
    out = []
    for text in rule.examples.fires:
        if not any(f.rule == rule.id for f in check_text(text, [rule])):
            out.append(f"{rule.id}: should fire but does not: {text!r}")
    for text in rule.examples.thin:
        if not any(f.rule == rule.id for f in check_text(text, [rule])):
            out.append(f"{rule.id}: a thin mention counts as coverage: {text!r}")
    for text in rule.examples.passes:
        if any(f.rule == rule.id for f in check_text(text, [rule])):
            out.append(f"{rule.id}: should not fire but does: {text!r}")
    for example in rule.examples.fixes:
        got = fix_text(example.before, [rule])
        if got != example.after:
            out.append(f"{rule.id}: fixes {example.before!r} as {got!r}, expected {example.after!r}")
    return out


__all__ = ["RuleError", "example_failures", "list_rules", "print_schema", "show_rule", "validate_rules"]
