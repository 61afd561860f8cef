"""The shipped editions and changes data, loaded once per process.

Parsing and validating the YAML costs tens of milliseconds; every checked file needs the
index (the editions in force, the comparison of cited editions), so the loaders sit behind
a per-process cache here. The data is read-only and the results are frozen dataclasses.
"""

from __future__ import annotations

from functools import cache

from wttsc_policy.guidance.changes import ChangeLog, load_changes
from wttsc_policy.guidance.editions import EditionIndex, load_editions


@cache
def editions() -> EditionIndex:
    """The shipped editions index (guidance/editions.yaml)."""
    return load_editions()


@cache
def changes() -> ChangeLog:
    """The shipped log of dated law and guidance changes (guidance/since2023.yaml)."""
    return load_changes()
