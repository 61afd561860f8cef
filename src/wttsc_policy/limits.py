"""Bounds that keep a hostile input from exhausting time or memory (config can raise them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Sizes in bytes, and the largest compression ratio a zip part may have."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_part_bytes: int = 100 * 1024 * 1024
    max_total_bytes: int = 400 * 1024 * 1024
    max_ratio: int = 200
    max_entries: int = 5000
