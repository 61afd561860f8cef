"""`EditionIndex`: which edition of each guidance family is in force on a date, and what
to mention as information (drafts, editions not yet in force, uncertain days).

Every lookup takes the date as an argument and never reads the clock; `load` builds the index.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from wttsc_policy.guidance.model import (
    Edition,
    Family,
    GuidanceError,
    NotInForceError,
    PendingItem,
    PendingKind,
    UnknownEditionError,
    UnknownFamilyError,
)
from wttsc_policy.records import field, record


@record(frozen=True, slots=True)
class EditionIndex:
    """All families and editions, with date lookups."""

    horizon: date
    grace_days: int
    families: tuple[Family, ...]
    by_family: dict[str, Family] = field(repr=False, hash=False)
    by_edition: dict[tuple[str, str], Edition] = field(repr=False, hash=False)

    # ------------------------------------------------------------------ lookups

    def family(self, family: str) -> Family:
        try:
            return self.by_family[family]
        except KeyError:
            known = ", ".join(f.id for f in self.families)
            raise UnknownFamilyError(f"unknown guidance family {family!r}; known families: {known}") from None

    def edition(self, family: str, edition: str | int) -> Edition:
        fam = self.family(family)
        key = str(edition).strip()
        found = self.by_edition.get((fam.id, key))
        if found is not None:
            return found
        folded = key.casefold()
        for ed in fam.editions:
            if folded == ed.id.casefold() or any(folded == n.casefold() for n in ed.names):
                return ed
        known = ", ".join(e.id for e in fam.editions)
        raise UnknownEditionError(f"unknown edition {key!r} of {fam.title} ({fam.id}); known editions: {known}")

    def _pinned(self, fam: Family, pin: str | int) -> Edition:
        ed = self.edition(fam.id, pin)
        if ed.never_in_force:
            usable = ", ".join(e.id for e in fam.editions if not e.never_in_force)
            raise NotInForceError(
                f"edition {ed.id!r} of {fam.title} is a {ed.status} and never in force; pin one of: {usable}"
            )
        return ed

    def check_pins(self, pins: Mapping[str, str | int] | None) -> dict[str, Edition]:
        """Validate a trust's pins up front (config loading): family -> pinned edition."""
        out: dict[str, Edition] = {}
        for family_id, pin in sorted((pins or {}).items()):
            fam = self.family(family_id)
            out[fam.id] = self._pinned(fam, pin)
        return out

    def timeline(self, family: str) -> tuple[Edition, ...]:
        """Editions that have been in force, oldest first (drafts and consultations left out)."""
        return self.family(family).timeline

    def in_force(self, family: str, on: date, pins: Mapping[str, str | int] | None = None) -> Edition | None:
        """The edition in force on `on` (None before the first one), or the pinned edition.

        A pin (e.g. {"kcsie": 2025} from a trust's config) wins over the date.
        """
        fam = self.family(family)
        if fam.concurrent:
            raise GuidanceError(f"{fam.id!r} lists separate Acts, not editions of one document; use acts_in_force(on)")
        if pins and fam.id in pins:
            return self._pinned(fam, pins[fam.id])
        current = None
        for ed in self.timeline(fam.id):
            if ed.in_force_on(on):
                current = ed  # the timeline is validated to have one edition at a time
        return current

    def all_in_force(self, on: date, pins: Mapping[str, str | int] | None = None) -> dict[str, Edition]:
        """Family id -> edition in force on `on`, in data order (Acts and empty families left out)."""
        if pins:
            self.check_pins(pins)
        out: dict[str, Edition] = {}
        for fam in self.families:
            if fam.concurrent:
                continue
            ed = self.in_force(fam.id, on, pins)
            if ed is not None:
                out[fam.id] = ed
        return out

    def acts_in_force(self, on: date) -> tuple[Edition, ...]:
        """Acts whose relevant provisions had begun by `on` (check `commencement` for 'partial')."""
        return tuple(
            e
            for fam in self.families
            if fam.concurrent
            for e in fam.editions
            if not e.never_in_force and e.came_into_force is not None and e.came_into_force <= on
        )

    def superseded_before(self, family: str, edition: str | int | Edition) -> tuple[Edition, ...]:
        """Editions older than `edition`, oldest first: the ones a policy should no longer cite
        once `edition` is in force."""
        ed = edition if isinstance(edition, Edition) else self.edition(family, edition)
        if ed.never_in_force:
            raise NotInForceError(f"edition {ed.id!r} of {ed.family} is a {ed.status} and never in force")
        line = self.timeline(family)
        return line[: line.index(ed)]

    # ------------------------------------------------------------------ horizon and uncertainty

    def is_past_horizon(self, on: date, margin_days: int = 90) -> bool:
        """True when `on` is more than `margin_days` after the day the data was last reviewed,
        so newer editions may exist that the tool does not know."""
        return on > self.horizon + timedelta(days=margin_days)

    def grace(self, edition: Edition, on: date) -> bool:
        """Whether `on` falls in the grace period of an edition whose in-force day is uncertain."""
        return edition.in_grace(on)

    def pending(self, on: date) -> tuple[PendingItem, ...]:
        """Items to mention as information on `on`: drafts and consultations, editions
        published but not yet in force, partly commenced Acts, withdrawals without a date,
        low-confidence editions in force, and editions in their grace period."""
        out: list[PendingItem] = []
        for fam in self.families:
            for ed in fam.editions:
                out.extend(self._pending_for(fam, ed, on))
        return tuple(out)

    def _pending_for(self, fam: Family, ed: Edition, on: date) -> list[PendingItem]:
        items: list[PendingItem] = []
        if ed.never_in_force:
            if ed.published is None or ed.published.value > on:
                return items
            final = self.by_edition.get((fam.id, ed.superseded_by)) if ed.superseded_by else None
            if final is not None and final.came_into_force is not None and final.came_into_force <= on:
                return items
            kind: PendingKind = "consultation" if ed.status == "consultation" else "draft"
            items.append(
                PendingItem(
                    kind,
                    fam.id,
                    ed,
                    f"{ed.title} was published as a {kind} ({ed.published.describe()}); it is not in force.",
                )
            )
            return items
        started = ed.came_into_force is not None and ed.came_into_force <= on
        if ed.published is not None and ed.published.period_end <= on and not started and ed.in_force is not None:
            items.append(
                PendingItem(
                    "upcoming",
                    fam.id,
                    ed,
                    f"{ed.title} has been published and applies from {ed.in_force.describe()}.",
                )
            )
        if ed.in_grace(on) and ed.in_force is not None:
            items.append(
                PendingItem(
                    "uncertain_date",
                    fam.id,
                    ed,
                    f"The day {ed.title} came into force is not confirmed ({ed.in_force.describe()}); "
                    f"treat changes from it as information until {ed.grace_until:%d %B %Y}.",
                )
            )
        if not started:
            return items
        if ed.commencement == "partial":
            items.append(
                PendingItem(
                    "partly_commenced",
                    fam.id,
                    ed,
                    f"Only part of the {ed.title} is in force; provisions still awaiting commencement "
                    "must not be described as current law.",
                )
            )
        in_force_now = ed.in_force_on(on) if not fam.concurrent else True
        if ed.status == "withdrawn" and ed.withdrawn_on is None and in_force_now:
            into = self.by_family[ed.moved_to].title if ed.moved_to in self.by_family else "other guidance"
            items.append(
                PendingItem(
                    "withdrawn_date_unknown",
                    fam.id,
                    ed,
                    f"{ed.title} is believed to have been withdrawn, with its content moved into {into}, "
                    "but the date is not known (unverified).",
                )
            )
        if ed.confidence == "low" and in_force_now and not (items and items[-1].kind == "withdrawn_date_unknown"):
            items.append(
                PendingItem(
                    "unverified",
                    fam.id,
                    ed,
                    f"{ed.title} is the latest edition of {fam.title} the tool knows of, but its date or "
                    "status is unverified (low confidence).",
                )
            )
        return items
