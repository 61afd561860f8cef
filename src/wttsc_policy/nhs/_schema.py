"""Pydantic models for nhs/bodies.yaml; imported only by the loader."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Confidence = Literal["high", "medium", "low"]
Action = Literal["replace", "hand_edit"]


def _as_text(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceModel(_Strict):
    tier: Literal["official", "official-derived", "secondary", "inference"]
    where: str = Field(min_length=3)
    about: str = Field(min_length=5)


class SuccessorModel(_Strict):
    bodies: dict[str, str] = Field(min_length=1)  # code -> part of the area
    confidence: Confidence
    sources: list[str] = Field(min_length=1)


class BodyModel(_Strict):
    code: str = Field(pattern=r"^[A-Z0-9]{3,5}$")
    ons: str = Field(pattern=r"^E54\d{6}$")
    name: str = Field(pattern=r"^NHS .+ Integrated Care Board$")
    established: str
    ended: str | None = None
    successor: SuccessorModel | None = None
    predecessors: list[str] = Field(default_factory=list)
    short_names: list[str] = Field(min_length=1)
    system_names: list[str] = Field(default_factory=list)
    names_seen: list[str] = Field(default_factory=list)
    confidence: Confidence
    sources: list[str] = Field(min_length=1)

    _text = field_validator("established", "ended", mode="before")(_as_text)


class CcgModel(_Strict):
    name: str = Field(pattern=r"^NHS .+ CCG$")
    code: str | None = None
    kind: Literal["at_abolition", "merged_2019_2021", "early_2013_2018"]
    abolished: str | None = None
    abolished_before: str | None = None
    date_confidence: Confidence | None = None
    merged_into: str | None = None
    aliases: list[str] = Field(default_factory=list)
    icb_2022: list[str] = Field(min_length=1)
    today: list[str] = Field(min_length=1)
    split_2022: bool = False
    split_today: bool = False
    parts: dict[str, str] = Field(default_factory=dict)
    action_2022: Action
    action_today: Action
    confidence: Confidence
    sources: list[str] = Field(min_length=1)

    _text = field_validator("abolished", "abolished_before", mode="before")(_as_text)


class LocalAuthorityModel(_Strict):
    name: str = Field(min_length=3)
    icb_2022: list[str] = Field(min_length=1)
    today: list[str] = Field(min_length=1)
    split_2022: bool = False
    split_today: bool = False
    parts: dict[str, str] = Field(default_factory=dict)
    note: str | None = None
    action_2022: Action
    action_today: Action
    confidence: Confidence
    sources: list[str] = Field(min_length=1)


class BodiesFile(_Strict):
    schema_version: Literal[1]
    horizon: str
    icbs_established: str
    reorganised: str
    next_change: str
    next_change_note: str
    sources: dict[str, SourceModel] = Field(min_length=1)
    bodies: list[BodyModel] = Field(min_length=1)
    ccgs: list[CcgModel] = Field(min_length=1)
    local_authorities: list[LocalAuthorityModel] = Field(min_length=1)

    _text = field_validator("horizon", "icbs_established", "reorganised", "next_change", mode="before")(_as_text)
