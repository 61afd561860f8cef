"""The config schema (pydantic): school and trust values for templates, rule selection,
limits and partnership overrides.

Used where a config is read (load.py), and only when that config is new to the user
cache; the program itself uses the plain classes of model.py, which have the same
fields (tests/test_cache.py checks that), so a run with a warm cache never imports
pydantic.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


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
    setting_type: Literal["school", "academy", "college", "nursery", "independent school"] = "school"
    kcsie_edition: int = Field(default=2025, ge=2015, le=2100)

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

    # Hostile-input limits (bytes / ratio), configurable for unusual documents.
    max_file_bytes: int = Field(default=50 * 1024 * 1024, gt=0)
    max_part_bytes: int = Field(default=100 * 1024 * 1024, gt=0)
    max_compression_ratio: int = Field(default=200, gt=0)

    partnerships: dict[str, PartnershipOverride] = Field(default_factory=dict)

    @field_validator("select", "ignore")
    @classmethod
    def _ids_upper(cls, value: list[str]) -> list[str]:
        return [v.strip().upper() for v in value if v.strip()]

    @field_validator("severity")
    @classmethod
    def _severity_ids_upper(cls, value: dict[str, str]) -> dict[str, str]:
        return {k.strip().upper(): v for k, v in value.items()}
