"""The legal data's objects: facts, their known wrong forms, a wrong form found in a text,
and the error. Plain frozen records (records.py), picklable; nothing here imports yaml or pydantic.
"""

from __future__ import annotations

from datetime import date

from wttsc_policy.errors import WttscError
from wttsc_policy.records import record


class LegalFactsError(WttscError):
    """facts.yaml is malformed, or a lookup names an unknown fact or setting."""


@record(frozen=True, slots=True)
class WrongForm:
    fact_id: str
    id: str
    pattern: str  # over normalised text (see `normalise`)
    explanation: str
    since: date | None  # wrong on and after this day (None: whatever the date)
    settings: tuple[str, ...] | None  # wrong only for these settings (None: any setting)
    unless: tuple[str, ...]
    context: tuple[str, ...]
    confidence: str
    severity: str  # suggested maximum
    examples_wrong: tuple[str, ...]
    examples_right: tuple[str, ...]

    @property
    def always(self) -> bool:
        return self.since is None and self.settings is None

    def applies(self, on: date | None, setting: str | None) -> bool:
        if self.since is not None and (on is None or on < self.since):
            return False
        return self.settings is None or (setting is not None and setting in self.settings)

    def describe_when(self) -> str:
        bits = []
        if self.settings is not None:
            bits.append("for " + " or ".join(s.replace("_", " ") for s in self.settings) + " settings")
        if self.since is not None:
            bits.append(f"from {self.since.day} {self.since:%B %Y}")
        return " ".join(bits) or "always"


@record(frozen=True, slots=True)
class Fact:
    id: str
    law: str
    statement: str
    duty_holder: str
    citations: tuple[str, ...]  # correct wording a clause may use
    confidence: str
    source: str
    also_seen: tuple[str, ...]
    notes: str | None
    wrong_forms: tuple[WrongForm, ...]


@record(frozen=True, slots=True)
class WrongFormHit:
    fact_id: str
    form_id: str
    explanation: str
    start: int  # span in the text given to wrong_forms_in
    end: int
    text: str
    confidence: str
    severity: str
    when: str  # "always", "from 7 November 2025", "for academy or independent school settings"
