"""Vetting a rule pack that does not ship with the tool: every regex through the
backtracking check (safety.py) and every template through the sandbox check
(sandbox.py). `rules validate` lists every problem; loading a pack from `--rules` or a
config stops at the first one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from wttsc_policy.errors import RuleError, WttscError
from wttsc_policy.rulepacks.model import PatternSpec, cue_regexes
from wttsc_policy.rulepacks.safety import unsafe_reason
from wttsc_policy.rulepacks.sandbox import check_template, read_pack_file

if TYPE_CHECKING:
    from wttsc_policy.rulepacks.ruleset import RulePack


def pack_problems(pack: RulePack) -> list[str]:
    """Every unsafe regex or template in a pack, one line each ("rule ID: ..."): what
    `rules validate` prints and what stops a pack from outside the tool being loaded."""
    problems: list[str] = []
    for rule in pack.rules:
        fields: list[tuple[str, str, bool]] = []
        for p in rule.patterns:
            text = p.regex if isinstance(p, PatternSpec) else p
            fields.append(("patterns", text, rule.case_sensitive))
            if isinstance(p, PatternSpec):
                fields += [(f"patterns.{k}", x, False) for k, x in (("when", p.when), ("unless", p.unless)) if x]
        fields += [("exclusions", x, False) for x in rule.exclusions]
        fields += [("cues", x, False) for cue in rule.cues for x in cue_regexes(cue)]
        fields += [("place_under", x, False) for x in rule.place_under]
        if rule.extra_unless:
            fields.append(("extra_unless", rule.extra_unless, False))
        if rule.unit is not None:
            fields += [("unit.intro", x, False) for x in rule.unit.intro]
            fields += [("unit.requires", x, False) for x in rule.unit.requires]
            for item in rule.unit.items:
                fields.append(("unit.items.present", item.present, False))
                if item.replaces:
                    fields.append(("unit.items.replaces", item.replaces, False))
        for name, text, case in fields:
            reason = unsafe_reason(text, case_sensitive=case)
            if reason:
                problems.append(f"rule {rule.id}: field '{name}': unsafe regex: {reason}")
        texts: list[str | None] = [rule.replacement] + [
            p.replacement for p in rule.patterns if isinstance(p, PatternSpec)
        ]
        for template in texts:
            if template and ("{{" in template or "{%" in template or "{#" in template):
                try:
                    check_template(template, repr(template))
                except WttscError as exc:
                    problems.append(f"rule {rule.id}: field 'replacement': {exc.message}")
        if rule.clause:
            try:
                check_template(read_pack_file(Path(pack.path), rule.clause), rule.clause)
            except WttscError as exc:
                problems.append(f"rule {rule.id}: field 'clause': {exc.message}")
    return problems


def check_pack(pack: RulePack) -> None:
    """RuleError naming the pack folder and the first unsafe regex or template."""
    problems = pack_problems(pack)
    if problems:
        more = f" (and {len(problems) - 1} more; run 'wttsc-policy rules validate')" if len(problems) > 1 else ""
        raise RuleError(problems[0] + more, pack.path)
