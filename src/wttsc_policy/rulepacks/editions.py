"""The edition a policy is brought up to, as the packs' metadata and the editions data name it.

Help text, change notes, the dashboard and `update`'s messages cite the edition from
here, never from a literal, so a new edition is a new pack folder. The lead family is
the guidance the tool is named after; other families (KCSIE) travel with it. Which
edition applies depends on the date (`--as-of`) and the trust's `[guidance]` pins: the
per-file context passes the editions in force, and `citations` says how to cite each
(the pack describing that edition names it; otherwise the editions data does).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from wttsc_policy.records import record
from wttsc_policy.rulepacks.substitute import Citation

if TYPE_CHECKING:
    from wttsc_policy.guidance.editions import Edition as GuidanceEdition

LEAD_FAMILY = "wttsc"


@record(frozen=True, slots=True)
class Edition:
    """How to cite one edition of a guidance family."""

    family: str
    edition: str | None
    title: str  # as a policy should cite it: the full title with its year
    short_title: str  # the short form, e.g. "WTtSC" and the year
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


def _latest(editions: list[Edition]) -> Edition | None:
    """The newest of several editions of one family (by in-force day, then edition)."""
    dated = sorted(editions, key=lambda e: (e.in_force or "", e.edition or ""))
    return dated[-1] if dated else None


def lead_edition(packs: Sequence[Any], in_force: Mapping[str, GuidanceEdition] | None = None) -> Edition:
    """The lead family's edition: with `in_force` (the editions on the file's date), the
    edition in force, named by its pack (whose folder holds its briefing) or else by the
    editions data; without, the newest edition among `packs`."""
    mine = [e for p in packs if (e := edition_of(p.meta, p.path)) is not None and e.family == LEAD_FAMILY]
    current = (in_force or {}).get(LEAD_FAMILY)
    if current is None:
        return _latest(mine) or builtin_lead_edition()
    exact = [e for e in mine if e.edition == current.id]
    if exact:
        return exact[0]
    cite = citation_for(current, packs)
    before = [
        e for e in mine if e.in_force and current.came_into_force and e.in_force <= current.came_into_force.isoformat()
    ]
    folder = (_latest(before) or _latest(mine) or Edition(LEAD_FAMILY, None, "", "")).folder
    return Edition(
        family=LEAD_FAMILY,
        edition=current.id,
        title=cite.title,
        short_title=cite.short,
        published=current.published.text if current.published else None,
        in_force=current.in_force.text if current.in_force else None,
        folder=folder,
    )


def citation_for(edition: GuidanceEdition, packs: Sequence[Any] = ()) -> Citation:
    """How to cite an edition: as the pack describing it names it, else as the data does."""
    for pack in packs:
        meta = pack.meta
        if meta.family == edition.family and meta.edition == edition.id and meta.edition_title:
            return Citation(edition.family, edition.id, meta.edition_title, meta.short_title or meta.edition_title)
    short = edition.short_forms[0] if edition.short_forms else edition.title
    return Citation(edition.family, edition.id, edition.title, short)


def citations(in_force: Mapping[str, GuidanceEdition], packs: Sequence[Any] = ()) -> dict[str, Citation]:
    """Family id -> how to cite its edition in force: the `{family.*}` names of rule texts."""
    return {family: citation_for(edition, packs) for family, edition in in_force.items()}


@cache
def builtin_lead_edition() -> Edition:
    """The newest lead edition of the built-in packs, read from their pack.yaml files alone:
    cheap enough for `--help` (no rule files, no pydantic; the packs are validated when
    loaded; the parsed files are kept in the user cache, so yaml is not imported either)."""
    from wttsc_policy import cache
    from wttsc_policy.resources import data_dir

    found: list[Edition] = []
    for pack_file in sorted(data_dir("rules").glob("*/pack.yaml")):
        data = cache.cached("pack-yaml", [pack_file], lambda f=pack_file: _read_yaml(f), dict)  # type: ignore[misc]
        meta = data.get("pack") if isinstance(data, dict) else None
        edition = edition_of(_Meta(**meta), str(pack_file.parent)) if isinstance(meta, dict) else None
        if edition is not None and edition.family == LEAD_FAMILY:
            found.append(edition)
    latest = _latest(found)
    if latest is None:
        raise LookupError(f"no built-in rule pack for the '{LEAD_FAMILY}' family")
    return latest


def _read_yaml(path: Any) -> Any:
    import yaml  # (~13 ms) only when a pack.yaml is new to the user cache

    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


class _Meta:
    """Attribute access over a raw pack.yaml mapping."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> Any:
        return None
