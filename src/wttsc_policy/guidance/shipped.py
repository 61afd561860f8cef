"""The shipped editions and changes data, loaded once per process.

Parsing and validating the YAML costs tens of milliseconds (and importing yaml and
pydantic more); every checked file needs the index (the editions in force, the comparison
of cited editions), so the loaders sit behind a per-process cache here, and the built
index behind the user cache (cache.py, keyed by the data file's bytes). The data is
read-only and the results are frozen records (records.py).
"""

from __future__ import annotations

from functools import cache

from wttsc_policy import cache as user_cache
from wttsc_policy.guidance.changes import CHANGES_FILE, ChangeLog, load_changes
from wttsc_policy.guidance.editions import EditionIndex, load_editions
from wttsc_policy.guidance.load import EDITIONS_FILE


@cache
def editions() -> EditionIndex:
    """The shipped editions index (guidance/editions.yaml)."""
    return user_cache.cached("editions", [EDITIONS_FILE], load_editions, EditionIndex)


@cache
def changes() -> ChangeLog:
    """The shipped log of dated law and guidance changes (guidance/since2023.yaml)."""
    return user_cache.cached("changes", [CHANGES_FILE], load_changes, ChangeLog)
