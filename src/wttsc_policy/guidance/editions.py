"""Which edition of each guidance document (and which Act) is in force on a date.

The public API, gathered from the modules that do the work: `model` (the frozen records
and errors), `index` (`EditionIndex` and its date lookups) and `load` (reading and validating
editions.yaml). Callers import from here; yaml and pydantic load only inside `load_editions` /
`parse_editions`, and every lookup takes the date as an argument and never reads the clock.
"""

from __future__ import annotations

from wttsc_policy.guidance.index import EditionIndex
from wttsc_policy.guidance.load import EDITIONS_FILE, load_editions, parse_editions, pydantic_message, read_yaml
from wttsc_policy.guidance.model import (
    NEVER_IN_FORCE,
    Edition,
    Family,
    GuidanceDataError,
    GuidanceError,
    NotInForceError,
    PendingItem,
    PendingKind,
    UnknownEditionError,
    UnknownFamilyError,
)

__all__ = [
    "EDITIONS_FILE",
    "NEVER_IN_FORCE",
    "Edition",
    "EditionIndex",
    "Family",
    "GuidanceDataError",
    "GuidanceError",
    "NotInForceError",
    "PendingItem",
    "PendingKind",
    "UnknownEditionError",
    "UnknownFamilyError",
    "load_editions",
    "parse_editions",
    "pydantic_message",
    "read_yaml",
]
