"""Bounds that keep a hostile input from exhausting time or memory (config can raise them)."""

from __future__ import annotations

from wttsc_policy.records import record


@record(frozen=True, slots=True)
class Limits:
    """Sizes in bytes, and the largest compression ratio a zip part may have."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_part_bytes: int = 100 * 1024 * 1024
    max_total_bytes: int = 400 * 1024 * 1024
    max_ratio: int = 200
    max_entries: int = 5000
    max_text_bytes: int = 8 * 1024 * 1024  # a markdown or text file (memory grows ~25x while checking)
    max_xml_bytes: int = 32 * 1024 * 1024  # one XML part of a Word document that is parsed
    max_findings: int = 5000  # per file: a real policy has a few hundred at most
    time_limit: float = 120.0  # seconds to check one file (budget.py)
