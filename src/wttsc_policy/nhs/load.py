"""Reading bodies.yaml: YAML and pydantic validation, the cross-checks the schema cannot
express (codes, successors and predecessors, one action per period, unique name forms), and
building the `NhsIndex`.

yaml and pydantic are imported inside `parse_bodies`, so importing this module stays cheap.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from wttsc_policy.nhs.index import NhsIndex
from wttsc_policy.nhs.model import Body, Ccg, LocalAuthority, NhsDataError, Source
from wttsc_policy.nhs.names import ccg_core, la_place, name_key

BODIES_FILE = Path(__file__).with_name("bodies.yaml")


def load_bodies(path: str | Path | None = None) -> NhsIndex:
    """Read, validate and index bodies.yaml (the shipped file by default). Pure and picklable."""
    path = Path(path) if path is not None else BODIES_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise NhsDataError(f"cannot read NHS data: {exc}", path) from None
    return parse_bodies(text, path)


def parse_bodies(text: str, origin: str | Path = BODIES_FILE) -> NhsIndex:
    import yaml
    from pydantic import ValidationError

    from wttsc_policy.nhs import _schema

    try:
        raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise NhsDataError(f"invalid YAML: {' '.join(str(exc).split())}", origin) from None
    try:
        model = _schema.BodiesFile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "(top)"
        raise NhsDataError(f"invalid NHS data: {where}: {err['msg']}", origin) from None
    try:
        return _build(model)
    except ValueError as exc:
        raise NhsDataError(f"invalid NHS data: {exc}", origin) from None


def _day(text: str, where: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{where}: {text!r} is not a YYYY-MM-DD date") from None


def _check_entry(entry: Any, where: str, bodies: dict[str, Body], sources: dict[str, Source]) -> None:
    for period, codes, split, action in (
        ("2022", entry.icb_2022, entry.split_2022, entry.action_2022),
        ("today", entry.today, entry.split_today, entry.action_today),
    ):
        for code in codes:
            if code not in bodies:
                raise ValueError(f"{where}: unknown body code {code!r}")
        if split != (len(codes) > 1):
            raise ValueError(f"{where}: split_{period} must be {len(codes) > 1} for {len(codes)} bodies")
        expected = "replace" if entry.confidence != "low" and len(codes) == 1 else "hand_edit"
        if action != expected:
            raise ValueError(
                f"{where}: action_{period} must be {expected} ({entry.confidence} confidence, {len(codes)} bodies)"
            )
    for code, d in ((c, bodies[c]) for c in entry.icb_2022):
        if d.established.year != 2022:
            raise ValueError(f"{where}: icb_2022 {code!r} is not a 2022 ICB")
    for code in entry.today:
        if bodies[code].ended is not None:
            raise ValueError(f"{where}: today's body {code!r} ended on {bodies[code].ended}")
    for code in entry.parts:
        if code not in entry.icb_2022 and code not in entry.today:
            raise ValueError(f"{where}: parts names {code!r}, which is not one of its bodies")
    for sid in entry.sources:
        if sid not in sources:
            raise ValueError(f"{where}: unknown source {sid!r}")


def _build(model: Any) -> NhsIndex:
    sources = {sid: Source(sid, s.tier, s.where, s.about) for sid, s in model.sources.items()}
    bodies: dict[str, Body] = {}
    body_keys: dict[str, str] = {}
    for b in model.bodies:
        if b.code in bodies:
            raise ValueError(f"body {b.code} appears twice")
        succ = b.successor
        if (b.ended is None) != (succ is None):
            raise ValueError(f"body {b.code}: 'ended' and 'successor' go together")
        bodies[b.code] = Body(
            b.code,
            b.ons,
            b.name,
            tuple(b.short_names),
            tuple(b.system_names) + tuple(b.names_seen),
            _day(b.established, b.code),
            _day(b.ended, b.code) if b.ended else None,
            tuple(succ.bodies.items()) if succ else (),
            tuple(b.predecessors),
            b.confidence,
            tuple(b.sources),
        )
        for name in (b.name, *b.short_names):
            other = body_keys.setdefault(name_key(name), b.code)
            if other != b.code:
                raise ValueError(f"body {b.code}: name {name!r} also names {other}")
    for body in bodies.values():
        for code, _ in body.successors:
            if code not in bodies or body.ended is None or not bodies[code].exists_on(body.ended):
                raise ValueError(f"body {body.code}: successor {code!r} does not exist on {body.ended}")
        for code in body.predecessors:
            if code not in bodies or bodies[code].ended != body.established:
                raise ValueError(f"body {body.code}: predecessor {code!r} did not end on {body.established}")
        for sid in body.sources:
            if sid not in sources:
                raise ValueError(f"body {body.code}: unknown source {sid!r}")
        for name in body.system_names:
            if name_key(name) in body_keys:
                raise ValueError(f"body {body.code}: system name {name!r} is also a body name")
    ccgs: list[Ccg] = []
    ccg_keys: dict[str, int] = {}
    max_words = 0
    for i, c in enumerate(model.ccgs):
        where = c.name
        _check_entry(c, where, bodies, sources)
        if (c.abolished is None) == (c.abolished_before is None):
            raise ValueError(f"{where}: give exactly one of abolished / abolished_before")
        if c.kind != "at_abolition" and not c.merged_into:
            raise ValueError(f"{where}: a merged CCG needs merged_into")
        ccgs.append(
            Ccg(
                c.name,
                c.code,
                c.kind,
                _day(c.abolished, where) if c.abolished else None,
                _day(c.abolished_before, where) if c.abolished_before else None,
                c.date_confidence,
                c.merged_into,
                tuple(c.aliases),
                tuple(c.icb_2022),
                tuple(c.today),
                c.split_2022,
                c.split_today,
                tuple(c.parts.items()),
                c.action_2022,
                c.action_today,
                c.confidence,
                tuple(c.sources),
            )
        )
        for form in (c.name, *c.aliases):
            key = name_key(ccg_core(form))
            owner = ccg_keys.setdefault(key, i)
            if owner != i:
                raise ValueError(f"{where}: name form {form!r} also names {model.ccgs[owner].name}")
            max_words = max(max_words, len(key.split()))
    las: list[LocalAuthority] = []
    la_keys: dict[str, int] = {}
    places: dict[str, list[int]] = {}
    for i, la in enumerate(model.local_authorities):
        _check_entry(la, la.name, bodies, sources)
        if name_key(la.name) in la_keys:
            raise ValueError(f"local authority {la.name!r} appears twice")
        la_keys[name_key(la.name)] = i
        places.setdefault(la_place(la.name), []).append(i)
        las.append(
            LocalAuthority(
                la.name,
                tuple(la.icb_2022),
                tuple(la.today),
                la.split_2022,
                la.split_today,
                tuple(la.parts.items()),
                la.note,
                la.action_2022,
                la.action_today,
                la.confidence,
                tuple(la.sources),
            )
        )
    for place, owners in places.items():
        if place and len(owners) == 1:
            la_keys["place:" + place] = owners[0]
    days = [
        _day(t, n)
        for n, t in (
            ("horizon", model.horizon),
            ("icbs_established", model.icbs_established),
            ("reorganised", model.reorganised),
            ("next_change", model.next_change),
        )
    ]
    horizon, established, reorganised, next_change = days
    if not established < reorganised <= horizon < next_change:
        raise ValueError("dates must run icbs_established < reorganised <= horizon < next_change")
    return NhsIndex(
        horizon,
        established,
        reorganised,
        next_change,
        " ".join(model.next_change_note.split()),
        sources,
        bodies,
        tuple(ccgs),
        tuple(las),
        ccg_keys,
        max_words,
        la_keys,
        body_keys,
    )
