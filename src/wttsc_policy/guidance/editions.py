"""Which edition of each guidance document (and which Act) is in force on a date.

The public objects are plain frozen dataclasses, so an `EditionIndex` can be pickled and
cached; yaml and pydantic are imported only inside `load_editions` / `parse_editions`.
Every lookup takes the date as an argument and never reads the clock.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

from wttsc_policy.errors import WttscError
from wttsc_policy.guidance.dates import PartialDate, parse_partial_date

EDITIONS_FILE = Path(__file__).with_name("editions.yaml")

NEVER_IN_FORCE = frozenset({"draft", "consultation"})
PendingKind = Literal[
    "consultation", "draft", "upcoming", "partly_commenced", "withdrawn_date_unknown", "unverified", "uncertain_date"
]


class GuidanceError(WttscError):
    """A problem with guidance editions the user must fix (data, family, edition or pin)."""


class GuidanceDataError(GuidanceError):
    """The editions or changes data file is malformed."""


class UnknownFamilyError(GuidanceError):
    """A family id that the data does not hold."""


class UnknownEditionError(GuidanceError):
    """An edition (or a pin) that the family does not hold."""


class NotInForceError(GuidanceError):
    """A pin or question about an edition that is never in force (a draft or consultation)."""


# --------------------------------------------------------------------------- dataclasses


@dataclass(frozen=True, slots=True)
class Edition:
    """One edition of a guidance document, or one Act in the `acts` family."""

    family: str
    id: str
    title: str  # as a policy should cite it
    short_forms: tuple[str, ...]
    citation_forms: tuple[str, ...]  # other full forms seen in policies
    kind: str  # statutory | non-statutory | framework | act
    status: str  # in force | superseded | draft | consultation | withdrawn (as of the horizon)
    published: PartialDate | None
    in_force: PartialDate | None
    superseded_by: str | None
    confidence: str  # high | medium | low
    source: str | None
    also_seen: tuple[str, ...] = ()
    official_links: tuple[str, ...] = ()
    notes: str | None = None
    provision: str | None = None  # acts: the provision whose commencement in_force gives
    commencement: str | None = None  # acts: full | partial
    withdrawn_on: PartialDate | None = None
    moved_to: str | None = None  # withdrawn: the family that took over its content
    came_into_force: date | None = None  # in_force.value
    went_out_of_force: date | None = None  # the successor's in-force day (or withdrawal)
    grace_until: date | None = None  # last day of the grace period when the in-force day is uncertain

    @property
    def never_in_force(self) -> bool:
        return self.status in NEVER_IN_FORCE

    @property
    def names(self) -> tuple[str, ...]:
        """Every way the data knows of citing this edition, preferred form first."""
        return (self.title, *self.short_forms, *self.citation_forms)

    def in_force_on(self, on: date) -> bool:
        if self.never_in_force or self.came_into_force is None or self.came_into_force > on:
            return False
        return self.went_out_of_force is None or self.went_out_of_force > on

    def in_grace(self, on: date) -> bool:
        """True while the day this edition came into force is uncertain and `on` is within
        its uncertain period or the grace days after it."""
        if self.grace_until is None or self.in_force is None:
            return False
        return self.in_force.period_start <= on <= self.grace_until


@dataclass(frozen=True, slots=True)
class Family:
    id: str
    title: str
    publisher: str
    kind: str
    editions: tuple[Edition, ...]  # in data order
    notes: str | None = None
    timeline: tuple[Edition, ...] = ()  # editions that have been in force, oldest first

    @property
    def concurrent(self) -> bool:
        """Acts are listed side by side; no entry supersedes another."""
        return self.kind == "act"


@dataclass(frozen=True, slots=True)
class PendingItem:
    """Something not (or not certainly) in force that the tool should mention as information."""

    kind: PendingKind
    family: str
    edition: Edition
    message: str

    @property
    def confidence(self) -> str:
        return self.edition.confidence

    @property
    def source(self) -> str | None:
        return self.edition.source


@dataclass(frozen=True, slots=True)
class EditionIndex:
    """All families and editions, with date lookups."""

    horizon: date
    grace_days: int
    families: tuple[Family, ...]
    by_family: dict[str, Family] = field(repr=False, hash=False)
    by_edition: dict[tuple[str, str], Edition] = field(repr=False, hash=False)

    # ------------------------------------------------------------------ lookups

    def family(self, family: str) -> Family:
        try:
            return self.by_family[family]
        except KeyError:
            known = ", ".join(f.id for f in self.families)
            raise UnknownFamilyError(f"unknown guidance family {family!r}; known families: {known}") from None

    def edition(self, family: str, edition: str | int) -> Edition:
        fam = self.family(family)
        key = str(edition).strip()
        found = self.by_edition.get((fam.id, key))
        if found is not None:
            return found
        folded = key.casefold()
        for ed in fam.editions:
            if folded == ed.id.casefold() or any(folded == n.casefold() for n in ed.names):
                return ed
        known = ", ".join(e.id for e in fam.editions)
        raise UnknownEditionError(f"unknown edition {key!r} of {fam.title} ({fam.id}); known editions: {known}")

    def _pinned(self, fam: Family, pin: str | int) -> Edition:
        ed = self.edition(fam.id, pin)
        if ed.never_in_force:
            usable = ", ".join(e.id for e in fam.editions if not e.never_in_force)
            raise NotInForceError(
                f"edition {ed.id!r} of {fam.title} is a {ed.status} and never in force; pin one of: {usable}"
            )
        return ed

    def check_pins(self, pins: Mapping[str, str | int] | None) -> dict[str, Edition]:
        """Validate a trust's pins up front (config loading): family -> pinned edition."""
        out: dict[str, Edition] = {}
        for family_id, pin in sorted((pins or {}).items()):
            fam = self.family(family_id)
            out[fam.id] = self._pinned(fam, pin)
        return out

    def timeline(self, family: str) -> tuple[Edition, ...]:
        """Editions that have been in force, oldest first (drafts and consultations left out)."""
        return self.family(family).timeline

    def in_force(self, family: str, on: date, pins: Mapping[str, str | int] | None = None) -> Edition | None:
        """The edition in force on `on` (None before the first one), or the pinned edition.

        A pin (e.g. {"kcsie": 2025} from a trust's config) wins over the date.
        """
        fam = self.family(family)
        if fam.concurrent:
            raise GuidanceError(f"{fam.id!r} lists separate Acts, not editions of one document; use acts_in_force(on)")
        if pins and fam.id in pins:
            return self._pinned(fam, pins[fam.id])
        current = None
        for ed in self.timeline(fam.id):
            if ed.in_force_on(on):
                current = ed  # the timeline is validated to have one edition at a time
        return current

    def all_in_force(self, on: date, pins: Mapping[str, str | int] | None = None) -> dict[str, Edition]:
        """Family id -> edition in force on `on`, in data order (Acts and empty families left out)."""
        if pins:
            self.check_pins(pins)
        out: dict[str, Edition] = {}
        for fam in self.families:
            if fam.concurrent:
                continue
            ed = self.in_force(fam.id, on, pins)
            if ed is not None:
                out[fam.id] = ed
        return out

    def acts_in_force(self, on: date) -> tuple[Edition, ...]:
        """Acts whose relevant provisions had begun by `on` (check `commencement` for 'partial')."""
        return tuple(
            e
            for fam in self.families
            if fam.concurrent
            for e in fam.editions
            if not e.never_in_force and e.came_into_force is not None and e.came_into_force <= on
        )

    def superseded_before(self, family: str, edition: str | int | Edition) -> tuple[Edition, ...]:
        """Editions older than `edition`, oldest first: the ones a policy should no longer cite
        once `edition` is in force."""
        ed = edition if isinstance(edition, Edition) else self.edition(family, edition)
        if ed.never_in_force:
            raise NotInForceError(f"edition {ed.id!r} of {ed.family} is a {ed.status} and never in force")
        line = self.timeline(family)
        return line[: line.index(ed)]

    # ------------------------------------------------------------------ horizon and uncertainty

    def is_past_horizon(self, on: date, margin_days: int = 90) -> bool:
        """True when `on` is more than `margin_days` after the day the data was last reviewed,
        so newer editions may exist that the tool does not know."""
        return on > self.horizon + timedelta(days=margin_days)

    def grace(self, edition: Edition, on: date) -> bool:
        """Whether `on` falls in the grace period of an edition whose in-force day is uncertain."""
        return edition.in_grace(on)

    def pending(self, on: date) -> tuple[PendingItem, ...]:
        """Items to mention as information on `on`: drafts and consultations, editions
        published but not yet in force, partly commenced Acts, withdrawals without a date,
        low-confidence editions in force, and editions in their grace period."""
        out: list[PendingItem] = []
        for fam in self.families:
            for ed in fam.editions:
                out.extend(self._pending_for(fam, ed, on))
        return tuple(out)

    def _pending_for(self, fam: Family, ed: Edition, on: date) -> list[PendingItem]:
        items: list[PendingItem] = []
        if ed.never_in_force:
            if ed.published is None or ed.published.value > on:
                return items
            final = self.by_edition.get((fam.id, ed.superseded_by)) if ed.superseded_by else None
            if final is not None and final.came_into_force is not None and final.came_into_force <= on:
                return items
            kind: PendingKind = "consultation" if ed.status == "consultation" else "draft"
            items.append(
                PendingItem(
                    kind,
                    fam.id,
                    ed,
                    f"{ed.title} was published as a {kind} ({ed.published.describe()}); it is not in force.",
                )
            )
            return items
        started = ed.came_into_force is not None and ed.came_into_force <= on
        if ed.published is not None and ed.published.period_end <= on and not started and ed.in_force is not None:
            items.append(
                PendingItem(
                    "upcoming",
                    fam.id,
                    ed,
                    f"{ed.title} has been published and applies from {ed.in_force.describe()}.",
                )
            )
        if ed.in_grace(on) and ed.in_force is not None:
            items.append(
                PendingItem(
                    "uncertain_date",
                    fam.id,
                    ed,
                    f"The day {ed.title} came into force is not confirmed ({ed.in_force.describe()}); "
                    f"treat changes from it as information until {ed.grace_until:%d %B %Y}.",
                )
            )
        if not started:
            return items
        if ed.commencement == "partial":
            items.append(
                PendingItem(
                    "partly_commenced",
                    fam.id,
                    ed,
                    f"Only part of the {ed.title} is in force; provisions still awaiting commencement "
                    "must not be described as current law.",
                )
            )
        in_force_now = ed.in_force_on(on) if not fam.concurrent else True
        if ed.status == "withdrawn" and ed.withdrawn_on is None and in_force_now:
            into = self.by_family[ed.moved_to].title if ed.moved_to in self.by_family else "other guidance"
            items.append(
                PendingItem(
                    "withdrawn_date_unknown",
                    fam.id,
                    ed,
                    f"{ed.title} is believed to have been withdrawn, with its content moved into {into}, "
                    "but the date is not known (unverified).",
                )
            )
        if ed.confidence == "low" and in_force_now and not (items and items[-1].kind == "withdrawn_date_unknown"):
            items.append(
                PendingItem(
                    "unverified",
                    fam.id,
                    ed,
                    f"{ed.title} is the latest edition of {fam.title} the tool knows of, but its date or "
                    "status is unverified (low confidence).",
                )
            )
        return items


# --------------------------------------------------------------------------- loading


def load_editions(path: str | Path | None = None) -> EditionIndex:
    """Read, validate and index the editions file (the shipped one by default).

    Pure: the same file gives an equal, picklable index, so a caller may cache it by content.
    """
    path = Path(path) if path is not None else EDITIONS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GuidanceDataError(f"cannot read guidance editions: {exc}", path) from None
    return parse_editions(text, path)


def read_yaml(text: str, origin: str | Path, error: type[WttscError]) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise error(f"invalid YAML: {' '.join(str(exc).split())}", origin) from None


def pydantic_message(exc: Any) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "(top)"
    return f"{where}: {err['msg']}"


def parse_editions(text: str, origin: str | Path = EDITIONS_FILE) -> EditionIndex:
    """Validate the YAML text of an editions file and build the index."""
    from pydantic import ValidationError

    from wttsc_policy.guidance import _schema

    raw = read_yaml(text, origin, GuidanceDataError)
    try:
        model = _schema.EditionsFile.model_validate(raw)
    except ValidationError as exc:
        raise GuidanceDataError(f"invalid guidance editions: {pydantic_message(exc)}", origin) from None
    try:
        return _build_index(model)
    except ValueError as exc:
        raise GuidanceDataError(f"invalid guidance editions: {exc}", origin) from None


def _date(text: str | None, where: str, *, day_uncertain: bool = False) -> PartialDate | None:
    if text is None:
        return None
    try:
        return parse_partial_date(text, day_uncertain=day_uncertain)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None


def _build_index(model: Any) -> EditionIndex:
    horizon = _date(model.horizon, "horizon")
    assert horizon is not None
    if not horizon.precise:
        raise ValueError("horizon must be a full date")
    seen_families: set[str] = set()
    for fm in model.families:
        if fm.id in seen_families:
            raise ValueError(f"family {fm.id!r} appears twice")
        seen_families.add(fm.id)
    families: list[Family] = []
    by_edition: dict[tuple[str, str], Edition] = {}
    for fm in model.families:
        eds = [_first_pass(fm, em) for em in fm.editions]
        _check_family(fm, eds, seen_families)
        by_id = {e.id: e for e in eds}
        finished = []
        for e in eds:
            successor = by_id.get(e.superseded_by) if e.superseded_by else None
            out = successor.came_into_force if successor and not successor.never_in_force else None
            if e.withdrawn_on is not None:
                out = e.withdrawn_on.value
            grace = None
            if e.in_force is not None and not e.in_force.precise:
                grace = e.in_force.period_end + timedelta(days=model.grace_days)
            finished.append(replace(e, went_out_of_force=out, grace_until=grace))
        dated = [(e.in_force, i, e) for i, e in enumerate(finished) if not e.never_in_force and e.in_force]
        dated.sort(key=lambda t: (t[0].value, t[0].period_end, t[1]))
        fam = Family(fm.id, fm.title, fm.publisher, fm.kind, tuple(finished), fm.notes, tuple(e for _, _, e in dated))
        families.append(fam)
        by_edition.update({(fam.id, e.id): e for e in finished})
    index = EditionIndex(horizon.value, model.grace_days, tuple(families), {f.id: f for f in families}, by_edition)
    for fam in families:
        if not fam.concurrent:
            _check_timeline(index, fam)
    return index


def _first_pass(fm: Any, em: Any) -> Edition:
    where = f"{fm.id} {em.id}"
    published = _date(em.published, f"{where} published", day_uncertain=em.day_uncertain)
    in_force = _date(em.in_force, f"{where} in_force", day_uncertain=em.day_uncertain)
    return Edition(
        family=fm.id,
        id=em.id,
        title=em.title,
        short_forms=tuple(em.short_forms),
        citation_forms=tuple(em.citation_forms),
        kind=em.kind or fm.kind,
        status=em.status,
        published=published,
        in_force=in_force,
        superseded_by=em.superseded_by,
        confidence=em.confidence,
        source=em.source,
        also_seen=tuple(em.also_seen),
        official_links=tuple(em.official_links),
        notes=em.notes,
        provision=em.provision,
        commencement=em.commencement,
        withdrawn_on=_date(em.withdrawn_on, f"{where} withdrawn_on"),
        moved_to=em.moved_to,
        came_into_force=in_force.value if in_force else None,
    )


def _check_family(fm: Any, eds: list[Edition], families: set[str]) -> None:
    ids = [e.id for e in eds]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValueError(f"{fm.id}: edition id {dupes[0]!r} appears twice")
    names: dict[str, str] = {}
    for e in eds:
        where = f"{fm.id} {e.id}"
        for name in e.names:
            other = names.setdefault(name.casefold(), e.id)
            if other != e.id:
                raise ValueError(f"{where}: citation form {name!r} also names edition {other!r}")
        if e.confidence != "low" and not e.source:
            raise ValueError(f"{where}: a {e.confidence}-confidence edition needs a source")
        if e.never_in_force:
            if e.in_force is not None:
                raise ValueError(f"{where}: a {e.status} is never in force, so in_force must be null")
        elif e.in_force is None:
            raise ValueError(f"{where}: in_force is required unless the status is draft or consultation")
        if e.superseded_by is not None:
            if e.superseded_by not in ids or e.superseded_by == e.id:
                raise ValueError(f"{where}: superseded_by {e.superseded_by!r} is not another edition of {fm.id}")
            succ = eds[ids.index(e.superseded_by)]
            if succ.never_in_force:
                raise ValueError(f"{where}: superseded_by {succ.id!r} is a {succ.status}, never in force")
            if e.in_force is not None and succ.in_force is not None and succ.in_force.value < e.in_force.value:
                raise ValueError(f"{where}: its successor {succ.id!r} came into force before it")
        if e.status == "superseded" and e.superseded_by is None:
            raise ValueError(f"{where}: a superseded edition must name superseded_by")
        if e.status in ("in force", "withdrawn") and e.superseded_by is not None:
            raise ValueError(f"{where}: status {e.status!r} cannot have superseded_by")
        if e.status == "withdrawn":
            if e.moved_to is not None and e.moved_to not in families:
                raise ValueError(f"{where}: moved_to {e.moved_to!r} is not a family")
        elif e.withdrawn_on is not None or e.moved_to is not None:
            raise ValueError(f"{where}: withdrawn_on/moved_to only apply to withdrawn editions")
        if e.published is not None and e.in_force is not None and e.published.value > e.in_force.period_end:
            raise ValueError(f"{where}: published after it came into force")
        is_act = fm.kind == "act"
        if is_act != (e.commencement is not None):
            raise ValueError(f"{where}: commencement is required for Acts and only for Acts")


def _check_timeline(index: EditionIndex, fam: Family) -> None:
    """Exactly one edition at a time: each edition in the timeline hands over to the next."""
    line = index.timeline(fam.id)
    for older, newer in itertools.pairwise(line):
        if older.superseded_by != newer.id:
            raise ValueError(
                f"{fam.id}: edition {older.id!r} is followed in time by {newer.id!r} "
                f"but names {older.superseded_by!r} as its successor"
            )
    for ed in line[:-1]:
        if ed.went_out_of_force is None:
            raise ValueError(f"{fam.id}: edition {ed.id!r} never goes out of force but is not the latest")
