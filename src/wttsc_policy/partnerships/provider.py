"""The provider behind rule WT080: former board names a policy still uses, with the
current partnership name as the replacement."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from wttsc_policy import cache as user_cache
from wttsc_policy.document import Document
from wttsc_policy.findings import Note, Severity
from wttsc_policy.partnerships.data import Partnership
from wttsc_policy.partnerships.infer import ENTRY_CACHE, document_words, entries_key
from wttsc_policy.partnerships.names import (
    GENERIC,
    guard_regex,
    key_text,
    name_variants,
    normalise,
    place_words,
    plural_regex,
)
from wttsc_policy.records import field, record
from wttsc_policy.regexcode import compile_regex

if TYPE_CHECKING:
    from wttsc_policy.context import FileContext


@record(slots=True)
class ProviderPattern:
    """One regex the matcher runs over normalised block text."""

    regex: re.Pattern[str]
    replacement: str | None  # None: reported for a person to rewrite (no automatic wording)
    severity: Severity | None
    message: str | None
    confidence: str
    hand_edit: str | None = None  # no automatic rewrite: why a person must edit the match


@record(slots=True)
class ProviderResult:
    patterns: list[ProviderPattern] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


@record(frozen=True, slots=True)
class _NamePattern:
    regex: str
    name: str
    owners: tuple[int, ...]
    needs: frozenset[str]


def _other_names(entries: list[Partnership]) -> list[tuple[str, str]]:
    """(normalised text, key) of every current and former name, for guard building."""
    out = []
    for p in entries:
        out.append(normalise(p.partnership))
        for fb in p.formers:
            out.extend(normalise(n) for n in (fb.name, *fb.aliases) if n)
    return [(t, key_text(t)) for t in dict.fromkeys(out)]


@cache
def _other_names_for(entries_key: tuple[Any, ...]) -> tuple[tuple[str, str], ...]:
    """`_other_names`, kept in the user cache like the candidates below."""
    return user_cache.cached(
        "board-rivals",
        [repr(entries_key)],
        lambda: tuple(_other_names(ENTRY_CACHE[entries_key])),
        tuple,
        lambda table: all(isinstance(row, tuple) and [type(x) for x in row] == [str, str] for row in table),
    )


@cache
def _full_name_candidates(entries_key: tuple[Any, ...]) -> tuple[_NamePattern, ...]:
    """Every former board name still current nowhere, longest first, with the words a
    document must contain for it to matter (regexes are built later, only when needed).
    Kept in the user cache (cache.py), keyed by the entries: parsing every former name
    costs more than the rest of the provider on a short policy."""
    return user_cache.cached(
        "board-names",
        [repr(entries_key)],
        lambda: _build_full_name_candidates(entries_key),
        tuple,
        lambda table: all(isinstance(row, _NamePattern) for row in table),
    )


def _build_full_name_candidates(entries_key: tuple[Any, ...]) -> tuple[_NamePattern, ...]:
    entries = ENTRY_CACHE[entries_key]
    current = {key_text(p.partnership) for p in entries}
    owners: dict[str, list[int]] = {}
    display: dict[str, str] = {}
    for i, p in enumerate(entries):
        for fb in p.formers:
            for n in (fb.name, *fb.aliases):
                k = key_text(n) if n else ""
                if not k or k in GENERIC or k in current:
                    continue
                owners.setdefault(k, [])
                if i not in owners[k]:
                    owners[k].append(i)
                display.setdefault(k, n)
    out = [_NamePattern("", display[k], tuple(idx), place_words(display[k])) for k, idx in owners.items()]
    out.sort(key=lambda n: -len(n.name))
    return tuple(out)


@cache
def _guarded_name(entries_key: tuple[Any, ...], name: str) -> str | None:
    """A name's regex (every written form of it), guarded so it matches neither a current
    name nor the inside of another known name; None when no form can be told apart."""
    k = key_text(name)
    rivals = [t for t, tk in _other_names_for(entries_key) if tk != k]
    forms = [g for g in (guard_regex(v, rivals) for v in name_variants(name)) if g is not None]
    if not forms:
        return None
    return forms[0] if len(forms) == 1 else "(?:" + "|".join(f"(?:{f})" for f in forms) + ")"


def _full_name_patterns(entries_key: tuple[Any, ...], vocabulary: str | None = None) -> list[_NamePattern]:
    """Guarded regexes for the former board names whose place words all occur in
    `vocabulary` (the policy's distinct words, one per line; a place word may sit inside a
    word, as in a name whose words run together, "northyorkshire", but never spans two: a
    name's regex matches each place word whole; every name when None). A few hundred
    substring tests of the vocabulary, not of the whole policy. Guard building is the
    costly part, so it is done per name, on first need, and cached."""
    out: list[_NamePattern] = []
    present: dict[str, bool] = {}  # place word -> in `vocabulary` (many names share their place words)

    def occurs(word: str) -> bool:
        found = present.get(word)
        if found is None:
            found = present[word] = vocabulary is None or word in vocabulary
        return found

    for cand in _full_name_candidates(entries_key):
        if vocabulary is not None and not all(occurs(w) for w in cand.needs):
            continue
        regex = _guarded_name(entries_key, cand.name)
        if regex is not None:
            out.append(_NamePattern(regex, cand.name, cand.owners, cand.needs))
    return out


def _own_names_current_elsewhere(entries: list[Partnership], la: Partnership) -> list[ProviderPattern]:
    """Former names of the known area that another area still uses as its current name:
    left out of the shared patterns, but for a school in this area they are stale."""
    current = {key_text(p.partnership) for p in entries}
    own = key_text(la.partnership)
    out: list[ProviderPattern] = []
    for fb in la.formers:
        for name in (fb.name, *fb.aliases):
            k = key_text(name) if name else ""
            if not k or k == own or k in GENERIC or k not in current:
                continue
            rivals = [t for t, tk in _other_names_for(entries_key(entries)) if tk != k]
            forms = [g for g in (guard_regex(v, rivals) for v in name_variants(name)) if g is not None]
            if forms:
                msg, sev = _message(name, la)
                regex = compile_regex("|".join(f"(?:{f})" for f in forms), re.IGNORECASE)
                out.append(ProviderPattern(regex, la.partnership, sev, msg, la.confidence))
    return out


def _message(former: str, entry: Partnership) -> tuple[str, Severity | None]:
    msg = f"'{former}' no longer exists; the area's safeguarding arrangements are now called {entry.partnership}."
    if entry.confidence == "low":
        return (
            msg + f" This name is low-confidence in the wttsc-policy data ({entry.source}): "
            "the DSL should confirm the partnership's current name.",
            "warning",
        )
    return msg, None


def _abbreviation_regex(abbr: str) -> str:
    body = r"\s+".join(re.escape(w) for w in abbr.lower().split())
    return rf"(?<![\w&]){body}(?![\w&])"


def board_patterns(doc: Document, context: FileContext) -> ProviderResult:
    """Patterns for rule WT080: former board names with the current name as replacement.

    With a known (configured or inferred) local authority its former names and bare
    initials fire; full former names of any area fire too (they name one body), but
    initials of other areas never do, and a name still current anywhere never fires.
    """
    result = ProviderResult()
    area = context.area_for(doc)
    entries, la, inference = area.entries, area.partnership, area.inference
    described = area.describe()
    if described:
        result.notes.append(Note("info", described))
    la_index = next((i for i, p in enumerate(entries) if p is la), None)
    # Only names whose place words occur in the policy: a few patterns, not hundreds.
    words = set(document_words(doc)) if doc is not None else None  # key_text's words, kept per document
    vocabulary = "\n".join(sorted(words)) if words is not None else None
    for np_ in _full_name_patterns(entries_key(entries), vocabulary):
        if la_index is not None and la_index in np_.owners:
            owner = la
        else:
            currents = {entries[i].partnership for i in np_.owners}
            if len(currents) == 1:
                owner = entries[np_.owners[0]]
            else:
                owner = None
        if owner is not None:
            msg, sev = _message(np_.name, owner)
            # "Kent Safeguarding Children Board (KSCB)" becomes one edit, initials included
            initials = {a.lower() for i in np_.owners for fb in entries[i].formers for a in fb.abbreviations}
            initials |= {"lscb", "scb"}
            bracket = "|".join(r"\s+".join(map(re.escape, a.split())) for a in sorted(initials))
            with_abbr = f"{owner.partnership} ({owner.abbreviation})" if owner.abbreviation else owner.partnership
            for source, name in ((rf"{np_.regex}\s*\((?:{bracket})\)", with_abbr), (np_.regex, owner.partnership)):
                # "our Kent Safeguarding Children Board" becomes "the" partnership, not "our"
                # before a proper name; the longer match is kept (match/findings.dedupe)
                for regex, text in ((rf"\bour\s+(?:{source})", f"the {name}"), (source, name)):
                    result.patterns.append(
                        ProviderPattern(compile_regex(regex, re.IGNORECASE), text, sev, msg, owner.confidence)
                    )
        else:
            owner = None
            names = sorted({entries[i].partnership for i in np_.owners})
            areas = ", ".join(entries[i].local_authority for i in np_.owners)
            split = (
                f"'{np_.name}' was a joint body that has since split ({areas}): its areas now publish "
                f"arrangements as {' and '.join(names)}. Set local_authority in wttsc-policy.toml so the "
                "right current name is used, or name it by hand."
            )
            result.patterns.append(  # never "A or B" in the policy: a person names the right one
                ProviderPattern(
                    compile_regex(np_.regex, re.IGNORECASE), "", "warning", split, "medium", hand_edit=split
                )
            )
        plural = plural_regex(np_.name)
        if plural is not None:  # "Shropshire, ... and Worcestershire Safeguarding Children Boards"
            result.patterns.append(
                ProviderPattern(
                    compile_regex(plural, re.IGNORECASE),
                    None,
                    "warning",
                    f"Names several former boards together (the last is '{np_.name}'); LSCBs were replaced "
                    "in 2019, so name each area's safeguarding partnership instead.",
                    "medium",
                )
            )
    if la is not None:
        result.patterns.extend(_own_names_current_elsewhere(entries, la))
        seen: set[str] = set()
        current_abbr = (la.abbreviation or "").lower()
        current_key = key_text(la.partnership)
        for fb in la.formers:
            for abbr in fb.abbreviations:
                low = abbr.lower()
                if low in GENERIC or low == current_abbr or low in seen:
                    continue
                if words is not None and not set(key_text(low).split()) <= words:
                    continue
                if key_text(fb.name) == current_key:  # same body, same name (e.g. SSCB)
                    continue
                seen.add(low)
                msg, sev = _message(f"{abbr} ({fb.name})" if fb.name else abbr, la)
                confidence = la.confidence
                if inference is not None:  # initials are only as sure as the inferred area
                    msg += " (Local authority inferred from the policy; set local_authority to confirm.)"
                    confidence = "medium" if confidence == "high" else confidence
                for regex, text in (
                    (rf"\bour\s+{_abbreviation_regex(abbr)}", f"the {la.partnership}"),
                    (_abbreviation_regex(abbr), la.partnership),
                ):
                    result.patterns.append(
                        ProviderPattern(compile_regex(regex, re.IGNORECASE), text, sev, msg, confidence)
                    )
    return result
