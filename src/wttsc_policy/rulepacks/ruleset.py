"""Loaded packs and the rules a run uses from them (plain classes: see model.py)."""

from __future__ import annotations

from functools import cached_property

from wttsc_policy.records import field, record
from wttsc_policy.rulepacks.model import NotApplicable, PackMeta, Rule


@record(eq=False)
class RulePack:
    """A loaded, validated pack."""

    meta: PackMeta
    path: str
    rules: list[Rule]
    not_applicable: list[NotApplicable] = field(default_factory=list)


@record(eq=False)
class RuleSet:
    """Every rule in force for a run, from one or more packs."""

    packs: list[RulePack]

    @cached_property
    def rules(self) -> list[Rule]:
        return [r for p in self.packs for r in p.rules]

    @cached_property
    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    def select(self, select: list[str] | None = None, ignore: list[str] | None = None) -> list[Rule]:
        """Rules in force after --select/--ignore (ids or id prefixes)."""

        def hit(rule: Rule, ids: list[str]) -> bool:
            return any(rule.id == i or rule.id.startswith(i) for i in ids)

        out = [r for r in self.rules if r.enabled or (select and hit(r, select))]
        if select:
            out = [r for r in out if hit(r, select)]
        if ignore:
            out = [r for r in out if not hit(r, ignore)]
        return out
