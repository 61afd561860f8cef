"""`NhsIndex`: CCG names in a text, and which body replaces a CCG or covers a council on a date.

The tool may only ever write a body name that is in the data, never one built from a place;
a split area or an unsure entry is a hand edit in plain words. Every lookup takes the date as
an argument; `load` builds the index.
"""

from __future__ import annotations

from datetime import date

from wttsc_policy.nhs.model import (
    CONFIDENCE_RANK,
    Body,
    Ccg,
    CcgMention,
    LocalAuthority,
    Resolution,
    Source,
    UnknownLocalAuthorityError,
)
from wttsc_policy.nhs.names import ccg_core, find_names, la_place, name_key
from wttsc_policy.records import field, record


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _or(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _lowest(*levels: str) -> str:
    return min(levels, key=CONFIDENCE_RANK.__getitem__)


@record(frozen=True, slots=True)
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
        return [
            CcgMention(s, e, text[s:e], self.ccgs[i]) for s, e, i in find_names(text, self.ccg_keys, self.max_words)
        ]

    def ccg(self, name: str) -> Ccg | None:
        """The CCG a name (any known form, with or without NHS / CCG) refers to."""
        index = self.ccg_keys.get(name_key(ccg_core(name)))
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
            index = self.la_keys.get("place:" + la_place(name))
        if index is None:
            import difflib  # only to suggest names in the error message

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
