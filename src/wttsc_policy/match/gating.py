"""Which rules run for a file, and at what severity, on its "as of" date.

Packs chain by edition: a pack that brings a policy up to edition E of a family applies
when E, or a later edition, is in force (on the date or pinned), so a 2018 policy checked
today meets every pack up to the current edition at once. A later pack's `key_mapping`
retires what the new edition dropped (and, for a renamed requirement, hands it to its own
rule). A rule can be limited to dates (`applies_from` / `applies_until`) and to kinds of
setting (`settings`: only when the file's setting is known and listed). While the day an
edition came into force is uncertain (its grace period in the editions data), findings
from it are information only. The information notes that apply on the day come along.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from datetime import date
from typing import Any

from wttsc_policy.findings import Severity
from wttsc_policy.guidance.editions import Edition, EditionIndex, GuidanceError
from wttsc_policy.guidance.shipped import editions as shipped_editions
from wttsc_policy.match.information import InfoNote, pack_notes, pending_notes
from wttsc_policy.records import record
from wttsc_policy.rulepacks.editions import citations
from wttsc_policy.rulepacks.model import PackMeta, Rule


@record(frozen=True, slots=True)
class Gate:
    """What decides the rules of one file: the day, the editions in force, the setting."""

    on: date
    editions: tuple[tuple[str, str], ...]  # (family, edition id) in force, sorted
    setting: str | None = None

    @classmethod
    def of(cls, on: date, editions: Mapping[str, Edition], setting: str | None = None) -> Gate:
        return cls(on, tuple(sorted((f, e.id) for f, e in editions.items())), setting)

    def in_force(self, index: EditionIndex) -> dict[str, Edition]:
        return {family: index.edition(family, edition) for family, edition in self.editions}


def _position(index: EditionIndex, family: str, edition: str) -> int | None:
    try:
        ed = index.edition(family, edition)
        return index.timeline(family).index(ed)
    except (GuidanceError, ValueError):
        return None


def pack_applies(meta: PackMeta, gate: Gate, index: EditionIndex) -> bool:
    """A pack for edition E of a family applies once E or a later edition is in force; a
    pack without an edition (KCSIE's wording, a trust's own rules) always applies."""
    if not meta.family or not meta.edition:
        return True
    current = dict(gate.editions).get(meta.family)
    if current is not None:
        have, need = _position(index, meta.family, current), _position(index, meta.family, meta.edition)
        if have is not None and need is not None:
            return have >= need
    if meta.in_force:  # an edition the data does not know: its own in-force day decides
        try:
            return date.fromisoformat(meta.in_force) <= gate.on
        except ValueError:
            return True
    return True


def _order(meta: PackMeta, index: EditionIndex) -> int:
    pos = _position(index, meta.family, meta.edition) if meta.family and meta.edition else None
    return -1 if pos is None else pos


def dropped_keys(packs: Sequence[Any], index: EditionIndex) -> dict[tuple[str, str], int]:
    """(family, catalogue key) -> the edition position from which earlier packs' rules on
    it stop applying: keys a pack in force retired, or renamed and covers itself."""
    out: dict[tuple[str, str], int] = {}
    for pack in packs:
        meta = pack.meta
        if not meta.family or not meta.key_mapping:
            continue
        own = {k for rule in pack.rules for k in rule.covers}
        for key, status in meta.key_mapping.items():
            if status.status == "retired" or (status.status == "renamed" and key in own):
                pos = _order(meta, index)
                out[(meta.family, key)] = max(pos, out.get((meta.family, key), -1))
    return out


def rule_applies(rule: Rule, gate: Gate) -> bool:
    """The rule's own dates and settings."""
    if rule.applies_from is not None and gate.on < rule.applies_from:
        return False
    if rule.applies_until is not None and gate.on > rule.applies_until:
        return False
    if gate.setting is not None and gate.setting in {s.value for s in rule.except_settings}:
        return False
    return not rule.settings or (gate.setting is not None and gate.setting in {s.value for s in rule.settings})


@record(frozen=True, slots=True)
class Active:
    """What runs for a file: rules, severity caps (rule id -> highest severity), notes."""

    rules: list[Rule]
    caps: dict[str, Severity]
    notes: list[InfoNote]


def active_rules(
    packs: Sequence[Any], selected: Iterable[Rule], gate: Gate, index: EditionIndex | None = None
) -> Active:
    """The selected rules that run on the gate's day, their severity caps, and the
    information notes of the editions data and of the packs that apply."""
    index = index or shipped_editions()
    applying = [p for p in packs if pack_applies(p.meta, gate, index)]
    owner = {rule.id: pack for pack in packs for rule in pack.rules}
    applying_names = {p.meta.name for p in applying}
    dropped = dropped_keys(applying, index)
    in_force = gate.in_force(index)
    rules: list[Rule] = []
    caps: dict[str, Severity] = {}
    for rule in selected:
        pack = owner.get(rule.id)
        meta = pack.meta if pack is not None else None
        if meta is not None and meta.name not in applying_names:
            continue
        if not rule_applies(rule, gate):
            continue
        if meta is not None and meta.family and rule.covers:
            mine = _order(meta, index)
            if all(dropped.get((meta.family, key), -1) > mine for key in rule.covers):
                continue
        rules.append(rule)
        if _in_grace(rule, meta, in_force, gate.on, index):
            caps[rule.id] = "info"
    notes = pending_notes(index, gate.on) if packs else []
    values = citations(in_force, packs)
    for pack in applying:
        notes += pack_notes(pack.meta.notes, gate.on, gate.setting, values, pack.meta.family)
    return Active(rules, caps, notes)


def _in_grace(
    rule: Rule, meta: PackMeta | None, in_force: Mapping[str, Edition], on: date, index: EditionIndex
) -> bool:
    """Whether the edition the rule rests on came into force on a day still uncertain."""
    editions: list[Edition] = []
    if rule.family and rule.family in in_force:
        editions.append(in_force[rule.family])
    if meta is not None and meta.family and meta.edition:
        with suppress(GuidanceError):  # a trust's edition the data does not know
            editions.append(index.edition(meta.family, meta.edition))
    return any(ed.in_grace(on) for ed in editions)
