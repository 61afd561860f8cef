"""`wttsc-policy rules list|show|schema|validate`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from wttsc_policy.context import today
from wttsc_policy.errors import RuleError, UsageError
from wttsc_policy.guidance.shipped import editions as shipped_editions
from wttsc_policy.match.gating import Gate, active_rules
from wttsc_policy.pipeline import check_text, fix_text
from wttsc_policy.rulepacks.docs import render_rule
from wttsc_policy.rulepacks.editions import citations
from wttsc_policy.rulepacks.load import find_packs, load_ruleset, rule_json_schema, validate_pack
from wttsc_policy.rulepacks.model import Rule
from wttsc_policy.rulepacks.ruleset import RuleSet
from wttsc_policy.rulepacks.substitute import substitute
from wttsc_policy.rulepacks.vetting import pack_problems
from wttsc_policy.settings import Setting


def _ruleset(extra: tuple[str, ...] = ()) -> RuleSet:
    return load_ruleset([Path(e) for e in extra])


def _on(ruleset: RuleSet, day: date) -> tuple[set[str], dict[str, Any]]:
    """(ids of the rules that apply on `day` for some kind of setting, how to cite the
    editions in force on it)."""
    in_force = shipped_editions().all_in_force(day)
    applying: set[str] = set()
    for setting in [None, *(s.value for s in Setting)]:
        active = active_rules(ruleset.packs, ruleset.rules, Gate.of(day, in_force, setting))
        applying |= {r.id for r in active.rules}
    return applying, dict(citations(in_force, ruleset.packs))


def list_rules(*, fmt: str = "text", extra: tuple[str, ...] = (), as_of: date | None = None) -> int:
    """Every rule as a table per pack, or as JSON, with whether it applies on the date."""
    ruleset = _ruleset(extra)
    day = as_of or today()
    applying, values = _on(ruleset, day)
    if fmt == "json":
        data = {
            "as_of": day.isoformat(),
            "rules": [
                {
                    "id": r.id,
                    "title": r.title,
                    "kind": r.kind,
                    "severity": r.severity,
                    "covers": r.covers,
                    "source": substitute(r.source, values, r.text_family),
                    "enabled": r.enabled,
                    "pack": pack.meta.name,
                    "applies": r.id in applying,
                    "settings": [s.value for s in r.settings],
                }
                for pack in ruleset.packs
                for r in pack.rules
            ],
            "not_applicable": [n.key for pack in ruleset.packs for n in pack.not_applicable],
            "packs": [pack.meta.as_dict() for pack in ruleset.packs],
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
            if r.id not in applying:
                sev += f" (not in force on {day.isoformat()})"
            table.add_row(r.id, sev, r.kind, r.title, substitute(r.source, values, r.text_family) or "")
        console.print(table)
    return 0


def show_rule(*, rule_id: str, extra: tuple[str, ...] = (), as_of: date | None = None) -> int:
    """One rule's documentation, naming the editions in force on the date."""
    ruleset = _ruleset(extra)
    rule = ruleset.by_id.get(rule_id)
    if rule is None:
        raise UsageError(f"no rule with id {rule_id} (see 'wttsc-policy rules list')")
    day = as_of or today()
    applying, values = _on(ruleset, day)
    text = render_rule(rule, values=values)
    state = "applies" if rule.id in applying else "does not apply"
    print(text.rstrip("\n") + f"\n\n*On {day.isoformat()} this rule {state}.*\n")
    return 0


def print_schema() -> int:
    """The JSON Schema of a rule file."""
    print(json.dumps(rule_json_schema(), indent=2))
    return 0


def validate_rules(*, path: Path) -> int:
    """Load the pack(s) at `path`, refuse unsafe regexes and templates (exit 2, one line
    each), and run every rule's examples (exit 1 on a failing example)."""
    failures: list[str] = []
    unsafe: list[str] = []
    count = 0
    for folder in find_packs(path):
        pack = validate_pack(folder)  # always validated afresh: this command is the check
        problems = pack_problems(pack)  # regexes that can backtrack for ever, templates that could run code
        unsafe.extend(f"{folder}: {line}" for line in problems)
        for rule in pack.rules:
            count += 1
            if not problems:  # never run an unsafe pattern, not even on its own examples
                failures.extend(example_failures(rule))
    for line in unsafe + failures:
        print(line)
    print(
        f"{count} rule(s) validated, {len(unsafe)} unsafe regex(es) or template(s), {len(failures)} failing example(s)"
    )
    if unsafe:
        return 2
    return 1 if failures else 0


def example_run(rule: Rule) -> dict[str, Any]:
    """How a rule's examples are checked: on its examples' day (never today) and setting."""
    setting = rule.examples.setting
    return {"as_of": rule.examples_as_of, "setting": setting.value if setting else None}


def example_failures(rule: Rule) -> list[str]:
    """Messages for each example of `rule` that does not behave as declared: `fires`
    must be flagged, `passes` must not, `thin` mentions are no coverage (still flagged), and
    each fix must give exactly its `after`."""
    out = []
    run = example_run(rule)
    for text in rule.examples.fires:
        if not any(f.rule == rule.id for f in check_text(text, [rule], **run)):
            out.append(f"{rule.id}: should fire but does not: {text!r}")
    for text in rule.examples.thin:
        if not any(f.rule == rule.id for f in check_text(text, [rule])):
            out.append(f"{rule.id}: a thin mention counts as coverage: {text!r}")
    for text in rule.examples.passes:
        if any(f.rule == rule.id for f in check_text(text, [rule], **run)):
            out.append(f"{rule.id}: should not fire but does: {text!r}")
    for example in rule.examples.fixes:
        got = fix_text(example.before, [rule], **run)
        if got != example.after:
            out.append(f"{rule.id}: fixes {example.before!r} as {got!r}, expected {example.after!r}")
    return out


__all__ = ["RuleError", "example_failures", "list_rules", "print_schema", "show_rule", "validate_rules"]
