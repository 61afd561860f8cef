"""CCG names in a policy and the NHS bodies that replaced them, by date.

CCGs were abolished on 1 July 2022 and their areas passed to integrated care boards (ICBs);
on 1 April 2026 twelve ICBs were merged or split into six new ones. The tool may only ever
write a body name that is in the data: never one built from a place. Where a CCG's area is
split, or the data is not sure, the answer is a hand edit in plain words.

The public API, gathered from the modules that do the work: `model` (frozen records and
errors), `names` (name keys and the CCG-name scan), `index` (`NhsIndex` and its lookups) and
`load` (reading and validating bodies.yaml). yaml and pydantic load only inside `load_bodies` /
`parse_bodies`. Every lookup takes the date as an argument.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from wttsc_policy.nhs.index import NhsIndex
from wttsc_policy.nhs.load import BODIES_FILE, load_bodies, parse_bodies
from wttsc_policy.nhs.model import (
    CONFIDENCE_RANK,
    Action,
    Body,
    Ccg,
    CcgMention,
    LocalAuthority,
    NhsDataError,
    NhsError,
    Resolution,
    Source,
    UnknownLocalAuthorityError,
)
from wttsc_policy.nhs.names import name_key

__all__ = [
    "BODIES_FILE",
    "CONFIDENCE_RANK",
    "Action",
    "Body",
    "Ccg",
    "CcgMention",
    "LocalAuthority",
    "NhsDataError",
    "NhsError",
    "NhsIndex",
    "Resolution",
    "Source",
    "UnknownLocalAuthorityError",
    "default_index",
    "find_ccgs",
    "icb_for_local_authority",
    "is_real_body_name",
    "load_bodies",
    "name_key",
    "parse_bodies",
    "successor",
]


@cache
def default_index() -> NhsIndex:
    """The shipped data, parsed and validated once: per process, and per user while the file
    is unchanged (cache.py), so a warm run imports neither yaml nor pydantic."""
    from wttsc_policy import cache as user_cache

    return user_cache.cached("nhs", [BODIES_FILE], load_bodies, NhsIndex)


def find_ccgs(text: str, index: NhsIndex | None = None) -> list[CcgMention]:
    return (index or default_index()).find_ccgs(text)


def successor(
    ccg: str | Ccg, on: date, local_authority: str | None = None, index: NhsIndex | None = None
) -> Resolution:
    return (index or default_index()).successor(ccg, on, local_authority)


def icb_for_local_authority(la: str, on: date, index: NhsIndex | None = None) -> Resolution:
    return (index or default_index()).icb_for_local_authority(la, on)


def is_real_body_name(name: str, on: date | None = None, index: NhsIndex | None = None) -> bool:
    return (index or default_index()).is_real_body_name(name, on)
