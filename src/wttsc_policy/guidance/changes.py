"""Dated law and guidance changes since WTtSC 2023 ("what changed between the policy's
last review and the check date").

Plain frozen records (records.py), picklable; yaml and pydantic load only inside the loader.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from wttsc_policy.guidance.dates import PartialDate, parse_partial_date
from wttsc_policy.guidance.load import pydantic_message, read_yaml
from wttsc_policy.guidance.model import GuidanceDataError
from wttsc_policy.records import record

CHANGES_FILE = Path(__file__).with_name("since2023.yaml")


@record(frozen=True, slots=True)
class Change:
    id: str
    summary: str
    action: str  # what a policy should now say or stop saying
    in_force: PartialDate | None  # None: not in force (consultation, paper, law not commenced)
    published: PartialDate | None
    editions: tuple[tuple[str, str], ...]  # (family id, edition id) links into editions.yaml
    confidence: str
    source: str
    also_seen: tuple[str, ...] = ()
    notes: str | None = None


@record(frozen=True, slots=True)
class ChangeLog:
    horizon: date
    items: tuple[Change, ...]  # ordered by in-force day, then id; undated items last

    def changes_between(self, after: date, until: date) -> tuple[Change, ...]:
        """Changes with after < in_force <= until (a partial date counts from its first day)."""
        return tuple(c for c in self.items if c.in_force is not None and after < c.in_force.value <= until)

    def pending(self, on: date) -> tuple[Change, ...]:
        """Items published by `on` that are not in force (information only)."""
        return tuple(
            c for c in self.items if c.in_force is None and c.published is not None and c.published.value <= on
        )

    def get(self, change_id: str) -> Change:
        for c in self.items:
            if c.id == change_id:
                return c
        raise KeyError(change_id)


def load_changes(path: str | Path | None = None) -> ChangeLog:
    """Read and validate since2023.yaml (the shipped file by default)."""
    path = Path(path) if path is not None else CHANGES_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GuidanceDataError(f"cannot read guidance changes: {exc}", path) from None
    return parse_changes(text, path)


def parse_changes(text: str, origin: str | Path = CHANGES_FILE) -> ChangeLog:
    from pydantic import ValidationError

    from wttsc_policy.guidance import _schema

    raw = read_yaml(text, origin, GuidanceDataError)
    try:
        model = _schema.ChangesFile.model_validate(raw)
    except ValidationError as exc:
        raise GuidanceDataError(f"invalid guidance changes: {pydantic_message(exc)}", origin) from None
    try:
        horizon = parse_partial_date(model.horizon)
        items = []
        seen: set[str] = set()
        for m in model.items:
            if m.id in seen:
                raise ValueError(f"change id {m.id!r} appears twice")
            seen.add(m.id)
            in_force = parse_partial_date(m.in_force, day_uncertain=m.day_uncertain) if m.in_force else None
            published = parse_partial_date(m.published) if m.published else None
            if in_force is None and published is None:
                raise ValueError(f"{m.id}: an item not in force needs a published date")
            items.append(
                Change(
                    id=m.id,
                    summary=" ".join(m.summary.split()),
                    action=" ".join(m.action.split()),
                    in_force=in_force,
                    published=published,
                    editions=tuple((link.family, link.edition) for link in m.editions),
                    confidence=m.confidence,
                    source=m.source,
                    also_seen=tuple(m.also_seen),
                    notes=m.notes,
                )
            )
    except ValueError as exc:
        raise GuidanceDataError(f"invalid guidance changes: {exc}", origin) from None
    far = date.max
    items.sort(key=lambda c: (c.in_force.value if c.in_force else far, c.id))
    return ChangeLog(horizon.value, tuple(items))
