"""Pydantic models for legal/facts.yaml; imported only by the loader."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Confidence = Literal["high", "medium", "low"]


def _as_text(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class WhenModel(_Strict):
    from_: str | None = Field(default=None, alias="from")
    settings: list[str] | None = Field(default=None, min_length=1)

    _text = field_validator("from_", mode="before")(_as_text)


class ExamplesModel(_Strict):
    wrong: list[str] = Field(min_length=1)
    right: list[str] = Field(min_length=1)


class WrongFormModel(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    pattern: str = Field(min_length=3)
    explanation: str = Field(min_length=10)
    when: Literal["always"] | WhenModel
    unless: list[str] = Field(default_factory=list)
    context: list[str] = Field(default_factory=list)
    confidence: Confidence | None = None
    severity: Literal["info", "warning", "error"] = "warning"
    examples: ExamplesModel


class FactModel(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    law: str = Field(min_length=3)
    statement: str = Field(min_length=20)
    duty_holder: str = Field(min_length=3)
    citations: list[str] = Field(min_length=1)
    confidence: Confidence
    source: str = Field(min_length=8)
    also_seen: list[str] = Field(default_factory=list)
    notes: str | None = None
    wrong_forms: list[WrongFormModel] = Field(min_length=1)


class FactsFile(_Strict):
    schema_version: Literal[1]
    horizon: str
    window: int = Field(ge=20, le=1000)
    settings: list[str] = Field(min_length=1)
    facts: list[FactModel] = Field(min_length=1)

    _text = field_validator("horizon", mode="before")(_as_text)
