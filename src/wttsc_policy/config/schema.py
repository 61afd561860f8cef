"""The config schema (pydantic): school and trust values for templates, rule selection,
limits and partnership overrides.

Used where a config is read (load.py), and only when that config is new to the user
cache; the program itself uses the plain classes of model.py, which have the same
fields and defaults (tests/test_cache.py checks that), so a run with a warm cache never
imports pydantic.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from wttsc_policy.settings import parse_setting


class PartnershipOverride(BaseModel):
    """A trust's correction or addition to the shipped partnership data."""

    model_config = ConfigDict(extra="forbid")
    partnership: str
    abbreviation: str | None = None
    website: str | None = None
    former_boards: list[str] = Field(default_factory=list)
    source: str | None = None


class Config(BaseModel):
    """Effective settings for one file. Values for clause templates come first."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

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
    kcsie_edition: int | None = Field(default=None, ge=2015, le=2100)

    # Marks the project root: config files above this one are not read.
    root: bool = False

    # Rule selection.
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    exclude: list[str] = Field(default_factory=list)
    rules: list[str] = Field(default_factory=list, description="Extra rule pack folders")
    fail_on: Literal["error", "warning", "info", "never"] = "warning"

    # update
    author: str = "wttsc-policy"
    growth_budget: float = Field(
        default=0.35,
        ge=0,
        le=100,
        description="The most the updated policy may grow, as a fraction of its words (0.35: 35% more); "
        "clauses that do not fit are offered in the change notes as suggested additions",
    )

    # Hostile-input limits (bytes / ratio), configurable for unusual documents.
    max_file_bytes: int = Field(default=50 * 1024 * 1024, gt=0)
    max_part_bytes: int = Field(default=100 * 1024 * 1024, gt=0)
    max_compression_ratio: int = Field(default=200, gt=0)
    max_text_bytes: int = Field(default=8 * 1024 * 1024, gt=0, description="Largest markdown or text file")
    max_xml_bytes: int = Field(default=32 * 1024 * 1024, gt=0, description="Largest XML part of a Word file")
    max_findings: int = Field(default=5000, gt=0, description="Most findings in one file")
    time_limit: float = Field(default=120.0, gt=0, description="Seconds to check one file")

    partnerships: dict[str, PartnershipOverride] = Field(default_factory=dict)

    # [guidance]: hold a guidance family at an edition (e.g. working_together = "2023") for a
    # trust that has not moved yet; checked against the editions data when a file is checked.
    guidance: dict[str, str] = Field(default_factory=dict)

    @field_validator("setting_type")
    @classmethod
    def _known_setting(cls, value: str) -> str:
        setting = parse_setting(value)  # ValueError names the known values
        return setting.value if setting is not None else "school"

    @field_validator("select", "ignore")
    @classmethod
    def _ids_upper(cls, value: list[str]) -> list[str]:
        return [v.strip().upper() for v in value if v.strip()]

    @field_validator("guidance", mode="before")
    @classmethod
    def _guidance_text(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k).strip().lower(): str(v).strip() for k, v in value.items()}
        return value

    @field_validator("severity")
    @classmethod
    def _severity_ids_upper(cls, value: dict[str, str]) -> dict[str, str]:
        return {k.strip().upper(): v for k, v in value.items()}
