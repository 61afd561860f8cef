"""CCG names in a policy and the NHS bodies that replaced them, by date.

CCGs were abolished on 1 July 2022 and their areas passed to integrated care boards (ICBs);
on 1 April 2026 twelve ICBs were merged or split into six new ones. The tool may only ever
write a body name that is in the data: never one built from a place. Where a CCG's area is
split, or the data is not sure, the answer is a hand edit in plain words.

Public objects are frozen dataclasses (picklable); yaml and pydantic load only inside
`load_bodies` / `parse_bodies`. Every lookup takes the date as an argument.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal

from wttsc_policy.errors import WttscError

BODIES_FILE = Path(__file__).with_name("bodies.yaml")

Action = Literal["replace", "hand_edit", "keep"]
CONFIDENCE_RANK = {"low": 0, "medium": 1, "high": 2}


class NhsError(WttscError):
    """A problem with the NHS data or a lookup the user must fix."""


class NhsDataError(NhsError):
    """bodies.yaml is malformed."""


class UnknownLocalAuthorityError(NhsError):
    """A local authority name the data does not hold."""


# --------------------------------------------------------------------------- dataclasses


@dataclass(frozen=True, slots=True)
class Body:
    """An ICB (2022 or 2026)."""

    code: str
    ons_code: str
    name: str  # legal name
    short_names: tuple[str, ...]  # forms that name the ICB itself
    system_names: tuple[str, ...]  # ICS/ICP and older system names: recognition only
    established: date
    ended: date | None  # replaced on this day (None: still exists at the horizon)
    successors: tuple[tuple[str, str], ...]  # (code, part of the area) from `ended`
    predecessors: tuple[str, ...]
    confidence: str
    sources: tuple[str, ...]

    def exists_on(self, on: date) -> bool:
        return self.established <= on and (self.ended is None or on < self.ended)


@dataclass(frozen=True, slots=True)
class Ccg:
    name: str
    code: str | None
    kind: str  # at_abolition | merged_2019_2021 | early_2013_2018
    abolished: date | None  # None: only known to be before `abolished_before`
    abolished_before: date | None
    date_confidence: str | None
    merged_into: str | None
    aliases: tuple[str, ...]  # spellings other than "[NHS] <name> CCG / Clinical Commissioning Group"
    icb_2022: tuple[str, ...]
    today: tuple[str, ...]
    split_2022: bool
    split_today: bool
    parts: tuple[tuple[str, str], ...]  # (body code, area)
    action_2022: str
    action_today: str
    confidence: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LocalAuthority:
    name: str
    icb_2022: tuple[str, ...]
    today: tuple[str, ...]
    split_2022: bool
    split_today: bool
    parts: tuple[tuple[str, str], ...]
    note: str | None
    action_2022: str
    action_today: str
    confidence: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    tier: str
    where: str
    about: str


@dataclass(frozen=True, slots=True)
class CcgMention:
    """A CCG name found in a text; `start`/`end` index the text given to find_ccgs."""

    start: int
    end: int
    text: str
    ccg: Ccg

    @property
    def name(self) -> str:
        return self.ccg.name


@dataclass(frozen=True, slots=True)
class Resolution:
    """What to do with a CCG name or which ICB covers a council, on a date.

    action "replace": `name` is a real body to write. "hand_edit": `reason` is the note for a
    person (the tool must not guess). "keep": nothing to change on that date.
    """

    action: Action
    reason: str
    name: str | None = None
    code: str | None = None
    candidates: tuple[str, ...] = ()  # body names involved (for a hand edit: the possible ones)
    confidence: str = "high"
    sources: tuple[str, ...] = ()
    via_local_authority: str | None = None  # set when a split was resolved by the school's council

    @property
    def hand_edit(self) -> str | None:
        return self.reason if self.action == "hand_edit" else None


# --------------------------------------------------------------------------- text keys

_WORD = re.compile(r"[a-z0-9]+")
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?|&")
_GAP = re.compile(r"[\s,()\-\u2010-\u2015]*")
_LAST_GAP = re.compile(r"\)?\s+|\s*\)\s*")
_SUFFIX = re.compile(r"(?<![A-Za-z0-9])(?:ccg|clinical\s+commissioning\s+group)(?![A-Za-z0-9])", re.IGNORECASE)
_WINDOW = 320


def name_key(text: str) -> str:
    """Lower-case words, '&' read as 'and', apostrophes dropped: how names are compared."""
    text = text.lower().replace("&", " and ").replace("'", "").replace("\u2019", "")
    return " ".join(_WORD.findall(text))


def _ccg_core(name: str) -> str:
    text = re.sub(r"^nhs\s+", "", name.strip(), flags=re.IGNORECASE)
    return re.sub(r"\s+(?:ccg|clinical\s+commissioning\s+group)$", "", text, flags=re.IGNORECASE)


def _token_key(token: str) -> str:
    return "and" if token == "&" else token.lower().replace("'", "").replace("\u2019", "")


_LA_DROP = {
    "council", "county", "borough", "city", "metropolitan", "district", "corporation", "the", "of",
    "royal", "london", "cc", "mbc", "bc",
}  # fmt: skip


def _la_place(name: str) -> str:
    return " ".join(w for w in name_key(name).split() if w not in _LA_DROP)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _or(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _lowest(*levels: str) -> str:
    return min(levels, key=CONFIDENCE_RANK.__getitem__)


# --------------------------------------------------------------------------- the index


@dataclass(frozen=True, slots=True)
class NhsIndex:
    horizon: date
    icbs_established: date
    reorganised: date
    next_change: date
    next_change_note: str
    sources: dict[str, Source] = field(repr=False, hash=False)
    bodies: dict[str, Body] = field(repr=False, hash=False)  # code -> body, in data order
    ccgs: tuple[Ccg, ...] = field(repr=False)
    local_authorities: tuple[LocalAuthority, ...] = field(repr=False)
    ccg_keys: dict[str, int] = field(repr=False, hash=False)  # name key of every form -> index into ccgs
    max_words: int = 0
    la_keys: dict[str, int] = field(repr=False, hash=False, default_factory=dict)  # exact and place keys
    body_keys: dict[str, str] = field(repr=False, hash=False, default_factory=dict)  # real name key -> code

    # ------------------------------------------------------------------ finding CCG names

    def find_ccgs(self, text: str) -> list[CcgMention]:
        """Every known CCG name in `text` (whole phrase, any case), with its span.

        Only the places where 'CCG' or 'Clinical Commissioning Group' occurs are examined: the
        words before each are looked up, longest name first, so one pass serves all 250 names.
        """
        out: list[CcgMention] = []
        last_end = 0
        for m in _SUFFIX.finditer(text):
            found = self._name_before(text, m.start(), last_end)
            if found is None:
                continue
            start, index = found
            out.append(CcgMention(start, m.end(), text[start : m.end()], self.ccgs[index]))
            last_end = m.end()
        return out

    def _name_before(self, text: str, suffix_at: int, floor: int) -> tuple[int, int] | None:
        lo = max(floor, suffix_at - _WINDOW)
        tokens = list(_TOKEN.finditer(text, lo, suffix_at))
        if lo > 0 and tokens and tokens[0].start() == lo and text[lo - 1].isalnum():
            tokens = tokens[1:]  # a word cut by the window
        # Walk back while tokens are joined only by spaces, commas, hyphens or brackets; the
        # last word must be followed by the suffix directly (a space or a closing bracket).
        chain: list[re.Match[str]] = []
        end = suffix_at
        for tok in reversed(tokens):
            gap = text[tok.end() : end]
            joined = _LAST_GAP.fullmatch(gap) if not chain else _GAP.fullmatch(gap)
            if joined is None or len(chain) > self.max_words:
                break
            chain.append(tok)
            end = tok.start()
        chain.reverse()  # text order; the name must end at the suffix
        keys = [_token_key(t.group()) for t in chain]
        for k in range(min(len(chain), self.max_words), 0, -1):
            index = self.ccg_keys.get(" ".join(keys[-k:]))
            if index is None:
                continue
            start = chain[-k].start()
            if len(chain) > k and keys[-k - 1] == "nhs":
                start = chain[-k - 1].start()
            return start, index
        return None

    def ccg(self, name: str) -> Ccg | None:
        """The CCG a name (any known form, with or without NHS / CCG) refers to."""
        index = self.ccg_keys.get(name_key(_ccg_core(name)))
        return self.ccgs[index] if index is not None else None

    # ------------------------------------------------------------------ bodies

    def body(self, code: str) -> Body:
        return self.bodies[code]

    def is_real_body_name(self, name: str, on: date | None = None) -> bool:
        """True if `name` is the legal or short name of an ICB (that existed on `on`, if given).
        System (ICS/ICP) names and names built from places are not bodies."""
        code = self.body_keys.get(name_key(name))
        if code is None:
            return False
        return on is None or self.bodies[code].exists_on(on)

    def _names(self, codes: tuple[str, ...]) -> list[str]:
        return [self.bodies[code].name for code in codes]

    def _parts(self, codes: tuple[str, ...], parts: tuple[tuple[str, str], ...]) -> str:
        """' Which part went where: X to A; Y to B.' (empty when the data has no parts)."""
        where = dict(parts)
        bits = [f"{where[c]} to {self.bodies[c].name}" for c in codes if where.get(c, "whole area") != "whole area"]
        return f" Which part went where: {'; '.join(bits)}." if bits else ""

    # ------------------------------------------------------------------ local authorities

    def local_authority(self, name: str) -> LocalAuthority:
        """Find a council by its name or its place ('Kent', 'Kent County Council')."""
        key = name_key(name)
        index = self.la_keys.get(key)
        if index is None:
            index = self.la_keys.get("place:" + _la_place(name))
        if index is None:
            names = [la.name for la in self.local_authorities]
            close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
            hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            raise UnknownLocalAuthorityError(f"unknown local authority {name!r} in the NHS data{hint}")
        return self.local_authorities[index]

    def icb_for_local_authority(self, la: str | LocalAuthority, on: date) -> Resolution:
        """The ICB covering a council on `on`, or a hand edit when it is split or uncertain."""
        entry = la if isinstance(la, LocalAuthority) else self.local_authority(la)
        early = self._before_icbs(on)
        if early is not None:
            return early
        codes, action, split = self._period(entry, on)
        later = self._after_data(on, codes, entry.confidence, entry.sources)
        if later is not None:
            return later
        names = self._names(codes)
        if action == "replace":
            body = self.bodies[codes[0]]
            return Resolution(
                "replace",
                f"{entry.name} is covered by {body.name}.",
                body.name,
                body.code,
                (body.name,),
                entry.confidence,
                entry.sources,
            )
        if entry.confidence == "low":
            reason = (
                f"The tool is not sure which ICB covers the area of {entry.name} (low confidence in its data; "
                f"possibly {_or(names)}); name the ICB for your school's area."
            )
        else:
            reason = (
                f"The area of {entry.name} is covered by more than one ICB: {_join(names)}; "
                "name the ICB for your school's area."
            )
        reason += self._parts(codes, entry.parts)
        assert split or entry.confidence == "low"
        return Resolution(
            "hand_edit",
            reason,
            candidates=tuple(self.bodies[c].name for c in codes),
            confidence=entry.confidence,
            sources=entry.sources,
        )

    # ------------------------------------------------------------------ CCG successors

    def successor(self, ccg: str | Ccg, on: date, local_authority: str | None = None) -> Resolution:
        """What replaces a CCG name on `on`.

        The 2022 ICB before 1 April 2026 and the 2026 body from then on, when the data says
        replace (high/medium confidence, one body). A split area is resolved by the school's
        council only when that council maps to exactly one of the CCG's bodies; anything else
        is a hand edit.
        """
        la = self.local_authority(local_authority) if local_authority else None  # unknown names fail early
        entry = ccg if isinstance(ccg, Ccg) else self.ccg(ccg)
        if entry is None:
            return Resolution(
                "hand_edit",
                f"'{ccg}' is not a CCG the tool knows; name the integrated care board (ICB) for your school's area.",
                confidence="low",
            )
        early = self._before_icbs(on)
        if early is not None:
            return early
        codes, action, split = self._period(entry, on)
        later = self._after_data(on, codes, entry.confidence, entry.sources)
        if later is not None:
            return later
        history = self._history(entry)
        if action == "replace":
            body = self.bodies[codes[0]]
            since = " since 1 April 2026" if on >= self.reorganised and body.code not in entry.icb_2022 else ""
            return Resolution(
                "replace",
                f"{entry.name} {history}; its area has been covered by {body.name}{since}.",
                body.name,
                body.code,
                (body.name,),
                entry.confidence,
                entry.sources,
            )
        candidates = tuple(self.bodies[c].name for c in codes)
        if entry.confidence == "low":
            reason = (
                f"The tool is not sure which ICB now covers the area of {entry.name} (low confidence in its "
                f"data; possibly {_or(list(candidates))}); name the ICB for your school's area."
            ) + self._parts(codes, entry.parts)
            return Resolution("hand_edit", reason, candidates=candidates, confidence="low", sources=entry.sources)
        assert split
        if la is not None:
            by_la = self.icb_for_local_authority(la, on)
            if by_la.action == "replace" and by_la.code in codes:
                return Resolution(
                    "replace",
                    f"{entry.name} {history}; its area is now split between {_join(list(candidates))}, "
                    f"and for a school in the area of {la.name} that is {by_la.name}.",
                    by_la.name,
                    by_la.code,
                    candidates,
                    _lowest(entry.confidence, la.confidence),
                    entry.sources + tuple(s for s in la.sources if s not in entry.sources),
                    la.name,
                )
        reason = (
            f"The area of {entry.name} is now split between {_join(list(candidates))}; "
            "name the ICB for your school's area."
        ) + self._parts(codes, entry.parts)
        return Resolution(
            "hand_edit", reason, candidates=candidates, confidence=entry.confidence, sources=entry.sources
        )

    # ------------------------------------------------------------------ helpers

    def _period(self, entry: Ccg | LocalAuthority, on: date) -> tuple[tuple[str, ...], str, bool]:
        if on < self.reorganised:
            return entry.icb_2022, entry.action_2022, entry.split_2022
        return entry.today, entry.action_today, entry.split_today

    def _before_icbs(self, on: date) -> Resolution | None:
        if on >= self.icbs_established:
            return None
        return Resolution(
            "keep",
            f"ICBs replaced CCGs on {self.icbs_established:%-d %B %Y}; the tool does not rename CCGs for earlier dates.",
        )

    def _after_data(
        self, on: date, codes: tuple[str, ...], confidence: str, sources: tuple[str, ...]
    ) -> Resolution | None:
        if on < self.next_change:
            return None
        names = tuple(self.bodies[c].name for c in codes)
        return Resolution(
            "hand_edit",
            f"ICB mergers were due from {self.next_change:%-d %B %Y} and the tool's NHS data (reviewed "
            f"{self.horizon:%-d %B %Y}) does not include them; check which ICB now covers your school's area "
            f"(before then: {_join(list(names))}).",
            candidates=names,
            confidence="low",
            sources=sources,
        )

    def _history(self, entry: Ccg) -> str:
        if entry.kind == "at_abolition":
            return f"was abolished on {self.icbs_established:%-d %B %Y}"
        when = f"in {entry.abolished:%B %Y}" if entry.abolished else f"before {entry.abolished_before:%B %Y}"
        return f"merged into {entry.merged_into} {when}, and CCGs were abolished on {self.icbs_established:%-d %B %Y}"


# --------------------------------------------------------------------------- module-level API


@cache
def default_index() -> NhsIndex:
    """The shipped data, loaded once per process (a later cache may sit in front of load_bodies)."""
    return load_bodies()


def find_ccgs(text: str, index: NhsIndex | None = None) -> list[CcgMention]:
    return (index or default_index()).find_ccgs(text)


def successor(
    ccg: str | Ccg, on: date, local_authority: str | None = None, index: NhsIndex | None = None
) -> Resolution:
    return (index or default_index()).successor(ccg, on, local_authority)


def icb_for_local_authority(la: str, on: date, index: NhsIndex | None = None) -> Resolution:
    return (index or default_index()).icb_for_local_authority(la, on)


def is_real_body_name(name: str, on: date | None = None, index: NhsIndex | None = None) -> bool:
    return (index or default_index()).is_real_body_name(name, on)


# --------------------------------------------------------------------------- loading


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
            key = name_key(_ccg_core(form))
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
        places.setdefault(_la_place(la.name), []).append(i)
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
