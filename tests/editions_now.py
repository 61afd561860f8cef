"""The editions in force today, read from the shipped editions data, so that tests about
"the current edition" follow the data instead of naming a year."""

from __future__ import annotations

from datetime import date


def title_in_force(family: str = "wttsc", on: date | None = None) -> str:
    """Full title of `family`'s edition in force on `on` (default: today)."""
    from wttsc_policy.guidance.shipped import editions

    edition = editions().in_force(family, on or date.today())
    assert edition is not None, f"no {family} edition in force"
    return edition.title


WTTSC_NOW = title_in_force("wttsc")
