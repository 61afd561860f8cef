"""Dates as the guidance data gives them: a day, a month or only a year.

A policy check needs one ordering for all three, so a partial date sorts as the first day of
its period (1st of the month, 1 January) and says it is not precise; the period it covers is
kept so a rule can treat a change as uncertain until the period is over.
"""

from __future__ import annotations

import calendar
from datetime import date

from wttsc_policy.records import record
from wttsc_policy.regexcode import compile_regex

_FORM = compile_regex(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@record(frozen=True, slots=True, order=False)
class PartialDate:
    """A date known to the day, the month or the year.

    `value` is the day used for ordering; `period_start`..`period_end` is where the true day
    lies (one day when precise). `text` is the date as the data wrote it.
    """

    text: str
    value: date
    precise: bool
    period_start: date
    period_end: date

    def __str__(self) -> str:
        return self.text

    def __lt__(self, other: PartialDate) -> bool:
        return (self.value, self.period_end) < (other.value, other.period_end)

    def describe(self) -> str:
        """Human form: '18 March 2026', 'about 18 March 2026' (day unconfirmed), 'March 2026', '2015'."""
        if self.precise:
            return f"{self.value.day} {self.value:%B %Y}"
        if self.text.count("-") == 2:
            return f"about {self.value.day} {self.value:%B %Y}"
        if self.text.count("-") == 1:
            return f"{self.value:%B %Y}"
        return f"{self.value.year}"


def parse_partial_date(text: str | date | int, *, day_uncertain: bool = False) -> PartialDate:
    """Parse 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY' (or a date / a year from YAML).

    `day_uncertain` keeps a full date's day for ordering but treats its month as the period.
    Raises ValueError with a one-line message for anything else.
    """
    if isinstance(text, date):
        text = text.isoformat()
    text = str(text).strip()
    m = _FORM.match(text)
    if not m:
        raise ValueError(f"date {text!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    try:
        if month is None:
            start, end = date(year, 1, 1), date(year, 12, 31)
            return PartialDate(text, start, False, start, end)
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
        if day is None:
            return PartialDate(text, first, False, first, last)
        value = date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"date {text!r} is not a real date ({exc})") from None
    if day_uncertain:
        return PartialDate(text, value, False, first, last)
    return PartialDate(text, value, True, value, value)
