"""The NHS data's objects: ICBs, CCGs, councils, sources, a CCG name found in a text, and
the answer to "what replaces this name on this day" (`Resolution`), plus the errors.

Plain frozen records (records.py), picklable; nothing here imports yaml or pydantic or reads the clock.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from wttsc_policy.errors import WttscError
from wttsc_policy.records import record

Action = Literal["replace", "hand_edit", "keep"]
CONFIDENCE_RANK = {"low": 0, "medium": 1, "high": 2}


class NhsError(WttscError):
    """A problem with the NHS data or a lookup the user must fix."""


class NhsDataError(NhsError):
    """bodies.yaml is malformed."""


class UnknownLocalAuthorityError(NhsError):
    """A local authority name the data does not hold."""


@record(frozen=True, slots=True)
class Body:
    """An ICB (2022 or 2026)."""

    code: str
    ons_code: str
    name: str  # legal name
    short_names: tuple[str, ...]  # forms that name the ICB itself
    system_names: tuple[str, ...]  # ICS/ICP and older system names: recognition only
    established: date
    ended: date | None  # replaced on this day (None: still exists at the horizon)
    successors: tuple[tuple[str, str], ...]  # (code, part of the area) from `ended`
    predecessors: tuple[str, ...]
    confidence: str
    sources: tuple[str, ...]

    def exists_on(self, on: date) -> bool:
        return self.established <= on and (self.ended is None or on < self.ended)


@record(frozen=True, slots=True)
class Ccg:
    name: str
    code: str | None
    kind: str  # at_abolition | merged_2019_2021 | early_2013_2018
    abolished: date | None  # None: only known to be before `abolished_before`
    abolished_before: date | None
    date_confidence: str | None
    merged_into: str | None
    aliases: tuple[str, ...]  # spellings other than "[NHS] <name> CCG / Clinical Commissioning Group"
    icb_2022: tuple[str, ...]
    today: tuple[str, ...]
    split_2022: bool
    split_today: bool
    parts: tuple[tuple[str, str], ...]  # (body code, area)
    action_2022: str
    action_today: str
    confidence: str
    sources: tuple[str, ...]


@record(frozen=True, slots=True)
class LocalAuthority:
    name: str
    icb_2022: tuple[str, ...]
    today: tuple[str, ...]
    split_2022: bool
    split_today: bool
    parts: tuple[tuple[str, str], ...]
    note: str | None
    action_2022: str
    action_today: str
    confidence: str
    sources: tuple[str, ...]


@record(frozen=True, slots=True)
class Source:
    id: str
    tier: str
    where: str
    about: str


@record(frozen=True, slots=True)
class CcgMention:
    """A CCG name found in a text; `start`/`end` index the text given to find_ccgs."""

    start: int
    end: int
    text: str
    ccg: Ccg

    @property
    def name(self) -> str:
        return self.ccg.name


@record(frozen=True, slots=True)
class Resolution:
    """What to do with a CCG name or which ICB covers a council, on a date.

    action "replace": `name` is a real body to write. "hand_edit": `reason` is the note for a
    person (the tool must not guess). "keep": nothing to change on that date.
    """

    action: Action
    reason: str
    name: str | None = None
    code: str | None = None
    candidates: tuple[str, ...] = ()  # body names involved (for a hand edit: the possible ones)
    confidence: str = "high"
    sources: tuple[str, ...] = ()
    via_local_authority: str | None = None  # set when a split was resolved by the school's council

    @property
    def hand_edit(self) -> str | None:
        return self.reason if self.action == "hand_edit" else None
