"""The guidance data's objects: editions, families, pending items, and the errors.

Plain frozen records (records.py), so an index built from them pickles and can be cached; nothing here
imports yaml or pydantic (that is `load`'s job) or reads the clock.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from wttsc_policy.errors import WttscError
from wttsc_policy.guidance.dates import PartialDate
from wttsc_policy.records import record

NEVER_IN_FORCE = frozenset({"draft", "consultation"})
PendingKind = Literal[
    "consultation", "draft", "upcoming", "partly_commenced", "withdrawn_date_unknown", "unverified", "uncertain_date"
]


class GuidanceError(WttscError):
    """A problem with guidance editions the user must fix (data, family, edition or pin)."""


class GuidanceDataError(GuidanceError):
    """The editions or changes data file is malformed."""


class UnknownFamilyError(GuidanceError):
    """A family id that the data does not hold."""


class UnknownEditionError(GuidanceError):
    """An edition (or a pin) that the family does not hold."""


class NotInForceError(GuidanceError):
    """A pin or question about an edition that is never in force (a draft or consultation)."""


@record(frozen=True, slots=True)
class Edition:
    """One edition of a guidance document, or one Act in the `acts` family."""

    family: str
    id: str
    title: str  # as a policy should cite it
    short_forms: tuple[str, ...]
    citation_forms: tuple[str, ...]  # other full forms seen in policies
    kind: str  # statutory | non-statutory | framework | act
    status: str  # in force | superseded | draft | consultation | withdrawn (as of the horizon)
    published: PartialDate | None
    in_force: PartialDate | None
    superseded_by: str | None
    confidence: str  # high | medium | low
    source: str | None
    also_seen: tuple[str, ...] = ()
    official_links: tuple[str, ...] = ()
    notes: str | None = None
    provision: str | None = None  # acts: the provision whose commencement in_force gives
    commencement: str | None = None  # acts: full | partial
    withdrawn_on: PartialDate | None = None
    moved_to: str | None = None  # withdrawn: the family that took over its content
    came_into_force: date | None = None  # in_force.value
    went_out_of_force: date | None = None  # the successor's in-force day (or withdrawal)
    grace_until: date | None = None  # last day of the grace period when the in-force day is uncertain

    @property
    def never_in_force(self) -> bool:
        return self.status in NEVER_IN_FORCE

    @property
    def names(self) -> tuple[str, ...]:
        """Every way the data knows of citing this edition, preferred form first."""
        return (self.title, *self.short_forms, *self.citation_forms)

    def in_force_on(self, on: date) -> bool:
        if self.never_in_force or self.came_into_force is None or self.came_into_force > on:
            return False
        return self.went_out_of_force is None or self.went_out_of_force > on

    def in_grace(self, on: date) -> bool:
        """True while the day this edition came into force is uncertain and `on` is within
        its uncertain period or the grace days after it."""
        if self.grace_until is None or self.in_force is None:
            return False
        return self.in_force.period_start <= on <= self.grace_until


@record(frozen=True, slots=True)
class Family:
    id: str
    title: str
    publisher: str
    kind: str
    editions: tuple[Edition, ...]  # in data order
    notes: str | None = None
    timeline: tuple[Edition, ...] = ()  # editions that have been in force, oldest first

    @property
    def concurrent(self) -> bool:
        """Acts are listed side by side; no entry supersedes another."""
        return self.kind == "act"


@record(frozen=True, slots=True)
class PendingItem:
    """Something not (or not certainly) in force that the tool should mention as information."""

    kind: PendingKind
    family: str
    edition: Edition
    message: str

    @property
    def confidence(self) -> str:
        return self.edition.confidence

    @property
    def source(self) -> str | None:
        return self.edition.source
