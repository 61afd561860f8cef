"""The provider behind rule WT031: clinical commissioning groups (and 2022 integrated care
boards replaced in the 2026 mergers) a policy still names, with the real NHS body that covers
the area on the "as of" date, or a hand edit.

A named CCG ("NHS Herts Valleys CCG", "the NHS Herts Valleys and East and North
Hertfordshire CCGs") is replaced only when the NHS data says so for that date (one body,
high or medium confidence; a split area resolved by the school's council): the 2022 ICB
before 1 April 2026, the merged body from then on. Anything else is a hand edit with the
data's reason; a name is never built from a place. A generic "CCG" or "clinical
commissioning group" becomes "ICB" or "integrated care board".
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from wttsc_policy.document import Document
from wttsc_policy.nhs.bodies import Ccg, NhsError, NhsIndex, Resolution, default_index, name_key
from wttsc_policy.nhs.model import Body
from wttsc_policy.partnerships.provider import ProviderPattern, ProviderResult
from wttsc_policy.regexcode import compile_regex

if TYPE_CHECKING:
    from wttsc_policy.context import FileContext

GENERIC = [
    (r"\bclinical\s+commissioning\s+groups\b", "integrated care boards"),
    (r"\bclinical\s+commissioning\s+group\b", "integrated care board"),
    (r"(?<![./@-])\bccgs\b(?![./@]\w)", "ICBs"),
    (r"(?<![./@-])\bccg\b(?![./@]\w)", "ICB"),
]
GENERIC_MESSAGE = (
    "Refers to a clinical commissioning group (CCG); CCGs were abolished on 1 July 2022 and the health "
    "safeguarding partner is now the integrated care board (ICB)."
)
# A capitalised word of a name; the initials of the bodies themselves are never part of one
# ("CCG CCG" is two mentions, not a CCG called "CCG").
_WORD = r"(?!(?:CCGs?|ICBs?)(?![\w'’-]))[A-Z][\w'’-]*"
# "NHS Herts Valleys and East and North Hertfordshire CCGs": capitalised words (and joining
# words) before a plural suffix; split into CCG names below.
_LIST = compile_regex(
    r"(?P<names>(?:NHS\s+)?" + _WORD + r"(?:(?:\s+|,\s*)(?:and|&|of|upon|on|the|NHS|" + _WORD + r"))*)"
    r"\s+(?:CCGs|Clinical\s+Commissioning\s+Groups)\b"
)
_JOIN = compile_regex(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
# Any capitalised name before "CCG(s)" / "clinical commissioning group(s)": a CCG the data
# does not know ("NHS Foo CCG"), or a place ("the Surrey clinical commissioning groups").
_NAMED = compile_regex(
    r"(?P<name>" + _WORD + r"(?:\s+(?:and|&|of|upon|on|" + _WORD + r"))*)"
    r"\s+(?:CCGs?|[Cc]linical\s+[Cc]ommissioning\s+[Gg]roups?)\b"
)
# Capitalised words that start sentences or list items rather than names.
_NOT_NAMES = {
    "the", "our", "your", "their", "its", "this", "that", "these", "those", "local", "each", "every",
    "any", "all", "both", "a", "an", "contact", "ask", "see", "call", "via", "from", "by", "with", "to",
    "and", "or", "former", "previous", "old", "new", "nhs", "health", "and/or", "relevant", "partner",
}  # fmt: skip


def _regex_for(text: str) -> re.Pattern[str]:
    """A mention as written, any case and spacing (block text is matched normalised)."""
    words = [re.escape(w.lower().replace("’", "'")) for w in text.split()]
    return compile_regex(r"(?<![\w&])" + r"\s+".join(words) + r"(?![\w&])", re.IGNORECASE)


def _split(names: str, index: NhsIndex) -> list[Ccg] | None:
    """The CCGs a list of names ('A and B', 'A, B and C') is made of, or None. A name may
    itself contain 'and' ('East and North Hertfordshire'): every way of splitting is tried."""
    parts = _JOIN.split(names.strip())
    seps = _JOIN.findall(names.strip())
    if len(parts) < 2:
        return None

    def join(i: int, j: int) -> str:
        text = parts[i]
        for k in range(i, j - 1):
            text += seps[k] + parts[k + 1]
        return text

    best: dict[int, list[Ccg]] = {0: []}
    for i in range(len(parts)):
        if i not in best:
            continue
        for j in range(i + 1, len(parts) + 1):
            found = index.ccg(join(i, j))
            if found is not None and j not in best:
                best[j] = [*best[i], found]
    result = best.get(len(parts))
    return result if result and len(result) > 1 else None


def _resolve(index: NhsIndex, ccgs: list[Ccg], context: FileContext, la: str | None) -> Resolution:
    """One answer for one or more CCGs: replace when all go to the same body."""
    answers = [index.successor(c, context.as_of, la) for c in ccgs]
    if all(a.action == "replace" for a in answers) and len({a.name for a in answers}) == 1:
        first = answers[0]
        if len(answers) == 1:
            return first
        return Resolution(
            "replace",
            " ".join(a.reason for a in answers),
            first.name,
            first.code,
            (first.name or "",),
            min((a.confidence for a in answers), key=["low", "medium", "high"].index),
        )
    if any(a.action == "keep" for a in answers):
        return answers[0]
    reasons = [a.reason for a in answers if a.action == "hand_edit"] or [
        "These CCGs' areas are now covered by different bodies: "
        + "; ".join(f"{c.name} by {a.name}" for c, a in zip(ccgs, answers, strict=True))
        + ". Name the integrated care board (ICB) for your school's area."
    ]
    return Resolution("hand_edit", " ".join(dict.fromkeys(reasons)), confidence="low")


def _pattern(text: str, found: Resolution) -> ProviderPattern | None:
    if found.action == "replace" and found.name:
        return ProviderPattern(_regex_for(text), found.name, None, found.reason, found.confidence)
    if found.action == "hand_edit":
        return ProviderPattern(_regex_for(text), "", "warning", found.reason, found.confidence, hand_edit=found.reason)
    return None


def _place_or_unknown(
    index: NhsIndex, name: str, written: str, context: FileContext, la: str | None
) -> ProviderPattern | None:
    """A CCG mention the data does not know as a CCG: the school's own area ("the Surrey
    CCGs") becomes the ICB covering it when the data is sure of one; anything else is a
    hand edit (the tool never builds a body's name from a place)."""
    words = name.split()
    while words and words[0].lower() in _NOT_NAMES:
        words.pop(0)
    if not words:
        return None
    place = name_key(" ".join(words))
    if la is not None and place and f" {place} " in f" {name_key(la)} ":
        found = index.icb_for_local_authority(la, context.as_of)
        if found.action == "replace" and found.name:
            text = written[written.index(words[0]) :]
            reason = f"The CCGs of {la} were abolished on 1 July 2022; {found.reason}"
            return ProviderPattern(_regex_for(text), found.name, None, reason, found.confidence)
    text = written[written.index(words[0]) :]
    return _pattern(text, index.successor(text, context.as_of, la))


def _icb_successor(index: NhsIndex, body: Body, on: date, la: str | None) -> Resolution:
    """What replaces the name of an ICB that no longer exists on `on`: its one successor, or
    the one the school's council is in when the area was split; otherwise a hand edit."""
    ended = body.ended
    assert ended is not None
    when = f"{body.name} was replaced on {ended.day} {ended:%B %Y}"
    successors = [(index.bodies[code], part) for code, part in body.successors if code in index.bodies]
    if len(successors) == 1 and successors[0][0].exists_on(on) and body.confidence != "low":
        new = successors[0][0]
        return Resolution("replace", f"{when} by {new.name}.", new.name, new.code, (new.name,), body.confidence)
    names = {b.name for b, _ in successors}
    if la is not None and len(successors) > 1:
        found = index.icb_for_local_authority(la, on)
        if found.action == "replace" and found.name in names:
            return Resolution(
                "replace", f"{when}; {found.reason}", found.name, found.code, (found.name,), found.confidence
            )
    parts = "; ".join(f"{b.name} ({part})" for b, part in successors) or "a body the data does not name"
    return Resolution(
        "hand_edit",
        f"{when} by {parts}; name the integrated care board (ICB) for your school's area.",
        candidates=tuple(sorted(names)),
        confidence="low",
    )


def _guarded(form: str, current: list[str]) -> str:
    """A retired name's regex that does not fire inside a current body's name ("Sussex
    Integrated Care Board" inside "NHS Surrey and Sussex Integrated Care Board")."""
    guards = []
    for name in current:
        at = name.lower().find(form.lower())
        if at > 0:
            guards.append(f"(?<!{re.escape(name[:at].lower())})")
    return "(?:" + "".join(guards) + _regex_for(form).pattern + ")"


def retired_icb_patterns(doc: Document, index: NhsIndex, on: date, la: str | None) -> list[ProviderPattern]:
    """Names of 2022 ICBs that had been replaced by the "as of" date (the 2026 mergers), each
    with its successor or a hand edit. ICS/ICP names are left alone (partnerships that may
    keep their names)."""
    text = "\n".join(b.text for b in doc.blocks).lower()
    if "nhs" not in text and "icb" not in text and "integrated care" not in text:
        return []
    out: list[ProviderPattern] = []
    current = [b.name for b in index.bodies.values() if b.exists_on(on)]
    for body in index.bodies.values():
        if body.ended is None or on < body.ended:
            continue
        forms = sorted({body.name, *body.short_names}, key=len, reverse=True)
        present = [f for f in forms if " ".join(f.lower().split()) in text]
        if not present:
            continue
        regex = compile_regex("|".join(_guarded(f, current) for f in present), re.IGNORECASE)
        found = _icb_successor(index, body, on, la)
        if found.action == "replace" and found.name:
            out.append(ProviderPattern(regex, found.name, None, found.reason, found.confidence))
        else:
            out.append(ProviderPattern(regex, "", "warning", found.reason, found.confidence, hand_edit=found.reason))
    return out


def ccg_patterns(doc: Document, context: FileContext) -> ProviderResult:
    """Patterns for rule WT031 (see module docstring)."""
    index = default_index()
    if context.as_of < index.icbs_established:
        return ProviderResult()  # CCGs still existed: nothing to rename
    area = context.area_for(doc)
    la = area.partnership.local_authority if area.partnership is not None else None
    try:
        if la is not None:
            index.local_authority(la)
    except NhsError:
        la = None  # a council the NHS data does not hold: resolve without it
    result = ProviderResult()
    seen: set[str] = set()
    for block in doc.blocks:
        text = block.text
        low = text.lower()
        if "ccg" not in low and "commissioning" not in low:
            continue  # every search below needs "CCG" or "Clinical Commissioning Group"
        found: list[tuple[str, list[Ccg]]] = []
        for m in _LIST.finditer(text):
            # the run of capitalised words may start before the names ("Hertfordshire County
            # Council, the NHS Herts Valleys and ..."): try each later word as the start
            for w in re.finditer(r"[A-Z][\w'’-]*", m.group("names")):
                start = m.start("names") + w.start()
                ccgs = _split(text[start : m.end("names")], index)
                if ccgs:
                    found.append((text[start : m.end()], ccgs))
                    break
        spans = []
        for mention in index.find_ccgs(text):
            found.append((mention.text, [mention.ccg]))
            spans.append((mention.start, mention.end))
        spans += [(text.find(w), text.find(w) + len(w)) for w, _ in found if text.find(w) >= 0]
        for m in _NAMED.finditer(text):
            if any(s <= m.start("name") < e or m.start("name") <= s < m.end() for s, e in spans):
                continue
            key = name_key(m.group(0))
            if key not in seen:
                seen.add(key)
                pattern = _place_or_unknown(index, m.group("name"), m.group(0), context, la)
                if pattern is not None:
                    result.patterns.append(pattern)
        for written, ccgs in found:
            key = name_key(written)
            if key in seen:
                continue
            seen.add(key)
            pattern = _pattern(written, _resolve(index, ccgs, context, la))
            if pattern is not None:
                result.patterns.append(pattern)
    result.patterns += retired_icb_patterns(doc, index, context.as_of, la)
    result.patterns.sort(key=lambda p: -len(p.regex.pattern))  # lists before the names inside them
    for regex, replacement in GENERIC:
        result.patterns.append(
            ProviderPattern(compile_regex(regex, re.IGNORECASE), replacement, None, GENERIC_MESSAGE, "high")
        )
    return result
