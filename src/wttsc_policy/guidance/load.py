"""Reading editions.yaml: YAML and pydantic validation, the cross-checks the schema cannot
express (one edition in force at a time, successors, sources), and building the `EditionIndex`.

yaml and pydantic are imported inside the functions, so importing this module stays cheap.
"""

from __future__ import annotations

import itertools
from datetime import timedelta
from pathlib import Path
from typing import Any

from wttsc_policy.errors import WttscError
from wttsc_policy.guidance.dates import PartialDate, parse_partial_date
from wttsc_policy.guidance.index import EditionIndex
from wttsc_policy.guidance.model import Edition, Family, GuidanceDataError
from wttsc_policy.records import replace

EDITIONS_FILE = Path(__file__).with_name("editions.yaml")


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
