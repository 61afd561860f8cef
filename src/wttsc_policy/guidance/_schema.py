"""Pydantic models for the guidance data files.

Imported only by the loaders (never on the check path): they validate the YAML and are
then turned into the plain records (records.py) of `editions` and `changes`.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Confidence = Literal["high", "medium", "low"]
Status = Literal["in force", "superseded", "draft", "consultation", "withdrawn"]
Kind = Literal["statutory", "non-statutory", "framework", "act"]


def _as_text(value: object) -> object:
    """YAML reads 2024-01-04 as a date and 2015 as an int; the data means text."""
    if isinstance(value, (date, int)) and not isinstance(value, bool):
        return value.isoformat() if isinstance(value, date) else str(value)
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EditionModel(_Strict):
    id: str = Field(min_length=1)
    title: str = Field(min_length=3)
    short_forms: list[str] = Field(default_factory=list)
    citation_forms: list[str] = Field(default_factory=list)
    kind: Kind | None = None
    provision: str | None = None
    published: str | None = None
    in_force: str | None = None
    day_uncertain: bool = False
    commencement: Literal["full", "partial"] | None = None
    status: Status
    superseded_by: str | None = None
    withdrawn_on: str | None = None
    moved_to: str | None = None
    confidence: Confidence
    source: str | None = None
    also_seen: list[str] = Field(default_factory=list)
    official_links: list[str] = Field(default_factory=list)
    notes: str | None = None

    _text = field_validator("id", "published", "in_force", "superseded_by", "withdrawn_on", mode="before")(_as_text)


class FamilyModel(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str = Field(min_length=3)
    publisher: str = Field(min_length=2)
    kind: Kind
    notes: str | None = None
    editions: list[EditionModel] = Field(min_length=1)


class EditionsFile(_Strict):
    schema_version: Literal[1]
    horizon: str
    grace_days: int = Field(ge=0, le=366)
    families: list[FamilyModel] = Field(min_length=1)

    _text = field_validator("horizon", mode="before")(_as_text)


class EditionLink(_Strict):
    family: str
    edition: str

    _text = field_validator("edition", mode="before")(_as_text)


class ChangeModel(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    summary: str = Field(min_length=10)
    published: str | None = None
    in_force: str | None = None
    day_uncertain: bool = False
    action: str = Field(min_length=5)
    editions: list[EditionLink] = Field(default_factory=list)
    confidence: Confidence
    source: str = Field(min_length=8)
    also_seen: list[str] = Field(default_factory=list)
    notes: str | None = None

    _text = field_validator("published", "in_force", mode="before")(_as_text)


class ChangesFile(_Strict):
    schema_version: Literal[1]
    horizon: str
    items: list[ChangeModel] = Field(min_length=1)

    _text = field_validator("horizon", mode="before")(_as_text)
