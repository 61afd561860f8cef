"""The effective config as the program uses it: plain classes, no pydantic.

A config file is validated by schema.py (pydantic) where it is read (load.py), and only
when it is new to the user cache; these classes hold the validated values. The fields
and defaults mirror schema.py one for one (tests/test_cache.py checks that).
"""

from __future__ import annotations

from typing import Any, Literal

from wttsc_policy import records
from wttsc_policy.records import field, record


@record(eq=True)
class PartnershipOverride:
    """A trust's correction or addition to the shipped partnership data."""

    partnership: str
    abbreviation: str | None = None
    website: str | None = None
    former_boards: list[str] = field(default_factory=list)
    source: str | None = None


@record(eq=True)
class Config:
    """Effective settings for one file. Values for clause templates come first."""

    # School / trust values used by clause templates and change notes.
    school_name: str | None = None
    trust_name: str | None = None
    local_authority: str | None = None
    partnership_name: str | None = None
    partnership_website: str | None = None
    dsl_title: str = "designated safeguarding lead (DSL)"
    deputy_dsl_title: str = "deputy designated safeguarding lead"
    headteacher_title: str = "headteacher"
    governing_body: str = "governing board"
    # The kind of setting (see settings.py): maintained_school, academy, independent_school,
    # college, early_years, childminder; "school" (default) = a school of unknown kind.
    setting_type: str = "school"
    # Deprecated: pins KCSIE at this edition (prefer [guidance] kcsie = "..."); unset, the KCSIE
    # edition in force on the date checked applies.
    kcsie_edition: int | None = None

    # Marks the project root: config files above this one are not read.
    root: bool = False

    # Rule selection.
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Literal["error", "warning", "info"]] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    fail_on: Literal["error", "warning", "info", "never"] = "warning"

    # update
    author: str = "wttsc-policy"
    # The most the updated policy may grow, as a fraction of its words (0.35: 35% more).
    # Corrections always go in; new clauses are added most important first while they fit,
    # and the rest are offered in the change notes as suggested additions.
    growth_budget: float = 0.35

    # Hostile-input limits (bytes / ratio), configurable for unusual documents.
    max_file_bytes: int = 50 * 1024 * 1024
    max_part_bytes: int = 100 * 1024 * 1024
    max_compression_ratio: int = 200
    max_text_bytes: int = 8 * 1024 * 1024
    max_xml_bytes: int = 32 * 1024 * 1024
    max_findings: int = 5000
    time_limit: float = 120.0

    partnerships: dict[str, PartnershipOverride] = field(default_factory=dict)

    # [guidance]: hold a guidance family at an edition (e.g. working_together = "2023") for a
    # trust that has not moved yet; checked against the editions data when a file is checked.
    guidance: dict[str, str] = field(default_factory=dict)

    def template_values(self) -> dict[str, Any]:
        """Variables handed to clause and replacement templates."""
        return {
            "school_name": self.school_name,
            "trust_name": self.trust_name,
            "local_authority": self.local_authority,
            "partnership_name": self.partnership_name,
            "partnership_website": self.partnership_website,
            "dsl_title": self.dsl_title,
            "deputy_dsl_title": self.deputy_dsl_title,
            "headteacher_title": self.headteacher_title,
            "governing_body": self.governing_body,
            "setting_type": self.setting_type,
            "kcsie_edition": self.kcsie_edition,
        }

    def as_dict(self) -> dict[str, Any]:
        """Every value as plain data (what `config show` prints)."""
        return records.asdict(self)

    @classmethod
    def from_validated(cls, values: dict[str, Any]) -> Config:
        """A Config from schema.Config's dump (validated values, field names as keys);
        a key this class does not declare (a newer schema) is kept as an attribute."""
        known = {f.name for f in records.fields(cls)}
        data = dict(values)
        data["partnerships"] = {
            name: PartnershipOverride(**ov) for name, ov in (data.get("partnerships") or {}).items()
        }
        config = cls(**{k: v for k, v in data.items() if k in known})
        for k, v in data.items():
            if k not in known:
                setattr(config, k, v)
        return config


@record
class LoadedConfig:
    """The effective config plus where each key came from."""

    config: Config
    origins: dict[str, str] = field(default_factory=dict)  # key -> file path
    item_origins: dict[str, str] = field(default_factory=dict)  # "severity.WT060" -> file path (table keys)
    files: list[str] = field(default_factory=list)  # farthest first
    base: str | None = None  # folder of the nearest config file (globs are relative to it)
    root: str | None = None  # the project root the walk stopped at (None: home or filesystem root)
    explicit: bool = False  # given with --config (its folder is trusted like a project root)
