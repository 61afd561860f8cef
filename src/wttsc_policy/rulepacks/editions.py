"""The edition a policy is brought up to, as the built-in packs' metadata names it.

Help text, change notes, the dashboard and `update`'s messages cite the edition from
here, never from a literal, so a new edition is a new pack folder. The lead family is
the guidance the tool is named after; other families (KCSIE) travel with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

LEAD_FAMILY = "wttsc"


@dataclass(frozen=True, slots=True)
class Edition:
    """How to cite one edition of a guidance family."""

    family: str
    edition: str | None
    title: str  # e.g. "Working Together to Safeguard Children 2023"
    short_title: str  # e.g. "WTtSC 2023"
    published: str | None = None
    in_force: str | None = None
    folder: str | None = None  # the pack folder (its own notes texts, e.g. the staff briefing)

    def as_dict(self) -> dict[str, Any]:
        return {
            "family": self.family,
            "edition": self.edition,
            "title": self.title,
            "short_title": self.short_title,
            "published": self.published,
            "in_force": self.in_force,
        }


def edition_of(meta: Any, folder: str | None = None) -> Edition | None:
    """The edition a pack's metadata describes (None for a pack without a family)."""
    if not getattr(meta, "family", None) or not getattr(meta, "edition_title", None):
        return None
    return Edition(
        family=meta.family,
        edition=meta.edition,
        title=meta.edition_title,
        short_title=meta.short_title or meta.edition_title,
        published=meta.published,
        in_force=meta.in_force,
        folder=folder,
    )


def lead_edition(packs: list[Any]) -> Edition:
    """The lead family's edition among `packs` (each with a `.meta`)."""
    for pack in packs:
        edition = edition_of(pack.meta, pack.path)
        if edition is not None and edition.family == LEAD_FAMILY:
            return edition
    return builtin_lead_edition()


@cache
def builtin_lead_edition() -> Edition:
    """The lead edition of the built-in packs, read from their pack.yaml files alone: cheap
    enough for `--help` (no rule files, no pydantic; the packs are validated when loaded;
    the parsed files are kept in the user cache, so yaml is not imported either)."""
    from wttsc_policy import cache
    from wttsc_policy.resources import data_dir

    for pack_file in sorted(data_dir("rules").glob("*/pack.yaml")):
        data = cache.cached("pack-yaml", [pack_file], lambda f=pack_file: _read_yaml(f), dict)  # type: ignore[misc]
        meta = data.get("pack") if isinstance(data, dict) else None
        edition = edition_of(_Meta(**meta), str(pack_file.parent)) if isinstance(meta, dict) else None
        if edition is not None and edition.family == LEAD_FAMILY:
            return edition
    raise LookupError(f"no built-in rule pack for the '{LEAD_FAMILY}' family")


def _read_yaml(path: Any) -> Any:
    import yaml  # (~13 ms) only when a pack.yaml is new to the user cache

    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


class _Meta:
    """Attribute access over a raw pack.yaml mapping."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> Any:
        return None
