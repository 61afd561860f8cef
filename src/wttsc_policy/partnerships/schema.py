"""The schema of the partnership dataset (pydantic): validated where the dataset is read,
and only when its file is new to the user cache (data.py keeps the plain values)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Confidence = Literal["high", "medium", "low"]


class Partnership(BaseModel):
    """One local authority's children's safeguarding arrangements."""

    model_config = ConfigDict(extra="forbid")

    local_authority: str = Field(min_length=2)
    la_type: str = ""
    partnership: str = Field(min_length=3)
    abbreviation: str | None = None
    covers: list[str] = Field(default_factory=list)
    former_boards: list[str] = Field(default_factory=list)
    board_still_in_name: bool = False
    website: str | None = None
    source: str = Field(min_length=1)
    confidence: Confidence
    notes: str | None = None
    # Set when a config override corrected or added this entry.
    override_origin: str | None = Field(default=None, exclude=True)

    @field_validator("former_boards")
    @classmethod
    def _non_empty(cls, value: list[str]) -> list[str]:
        for item in value:
            if not item or not item.strip():
                raise ValueError("former board names must be non-empty text")
        return value


class PartnershipData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    as_of: str = Field(min_length=4, description="When the data was last compiled (YYYY-MM)")
    partnerships: list[Partnership] = Field(min_length=1)
