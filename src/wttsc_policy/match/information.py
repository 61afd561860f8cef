"""Information notes for the DSL: what the tool knows but will never edit.

Two sources, both decided per file on its "as of" date:

- the editions data's pending items for the guidance the tool checks (Working Together,
  KCSIE): a consultation, an edition whose in-force day is uncertain, one published but
  not yet in force; and for an Act the policy names, provisions not yet commenced;
- the packs' own `notes` (pack.yaml): unverified or pending facts, each shown while it
  applies (dates, settings) and, when it says so, only if the policy mentions its topic.

A note is information, never a finding: it does not change the exit code or the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import cache
from typing import Any

from wttsc_policy.findings import Note
from wttsc_policy.guidance.editions import EditionIndex, PendingItem
from wttsc_policy.match.prefilter import Joined
from wttsc_policy.records import record
from wttsc_policy.rulepacks.model import PackNote
from wttsc_policy.rulepacks.patterns import Regex, compile_pattern
from wttsc_policy.rulepacks.substitute import substitute

# Families whose pending items concern every policy (the guidance the tool is about).
ALWAYS = frozenset({"wttsc", "kcsie"})


@record(frozen=True, slots=True)
class InfoNote:
    """A note to show when the policy matches one of `when` (or always, when empty) and
    none of `unless`."""

    id: str
    message: str
    when: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()

    def compiled(self) -> tuple[list[Regex], list[Regex]]:
        return [_compiled(p) for p in self.when], [_compiled(p) for p in self.unless]

    def applies(self, text: str | Joined) -> bool:
        """Whether the note applies to a policy whose folded text is `text` (or whose
        folded blocks are `text`: a regex is then searched only in the blocks holding
        the strings it needs, see prefilter.py)."""
        when, unless = self.compiled()
        found = text.any_matching if isinstance(text, Joined) else (lambda p: p.search(text) is not None)
        if when and not any(found(p) for p in when):
            return False
        return not any(found(p) for p in unless)

    def note(self) -> Note:
        return Note(kind="guidance", message=self.message)


def _act_name(title: str) -> str:
    """A forgiving regex for an Act's name without its year ("Children's ... Act")."""
    words = re.sub(r"\s+Act\s+\d{4}$", "", title).lower().split()
    return r"\b" + " ".join(re.escape(w).replace("'", "(?:'|\u2019)?") for w in words) + r"\b"


def pending_notes(index: EditionIndex, on: date) -> list[InfoNote]:
    """The editions data's pending items that concern a policy on `on`."""
    out: list[InfoNote] = []
    for item in index.pending(on):
        note = _pending_note(item)
        if note is not None:
            out.append(note)
    return out


def _pending_note(item: PendingItem) -> InfoNote | None:
    ident = f"pending:{item.family}:{item.edition.id}:{item.kind}"
    if item.family in ALWAYS:
        return InfoNote(ident, item.message)
    if item.family == "acts" and item.kind == "partly_commenced":
        return InfoNote(ident, item.message, when=(_act_name(item.edition.title),))
    return None


def pack_notes(
    notes: Iterable[PackNote], on: date, setting: str | None, values: Mapping[str, Any], family: str | None
) -> list[InfoNote]:
    """A pack's notes that apply on `on` for the setting (and, for `while_in_force`, the
    edition of the pack's family in force), with their names filled in."""
    out: list[InfoNote] = []
    current = values.get(family) if family else None
    for n in notes:
        if n.while_in_force is not None and getattr(current, "id", None) != n.while_in_force:
            continue
        if n.applies_from is not None and on < n.applies_from:
            continue
        if n.applies_until is not None and on > n.applies_until:
            continue
        if n.settings and (setting is None or setting not in {s.value for s in n.settings}):
            continue
        message = substitute(n.message, values, family) or n.message
        out.append(InfoNote(f"pack:{n.id}", " ".join(message.split()), tuple(n.when), tuple(n.unless)))
    return out


@cache
def _compiled(pattern: str) -> Regex:
    """A note's regex, compiled once per process (on first use)."""
    return compile_pattern(pattern)


def notes_for(text: str | Joined, infos: Sequence[InfoNote]) -> list[Note]:
    """The notes that apply to a policy (folded body text, or its folded blocks), in
    order, without repeats."""
    seen: dict[str, Note] = {}
    for info in infos:
        if info.id not in seen and info.applies(text):
            seen[info.id] = info.note()
    return list(seen.values())


def horizon_note(index: EditionIndex, on: date) -> str | None:
    """Said once per run when `on` is well past the day the editions data was last
    reviewed: newer editions may exist that the tool does not know."""
    if not index.is_past_horizon(on):
        return None
    return (
        f"The guidance data was last reviewed on {index.horizon.day} {index.horizon:%B %Y}; "
        f"on {on.day} {on:%B %Y} newer editions of the guidance may exist that this version of "
        "wttsc-policy does not know about. Check GOV.UK, or update wttsc-policy."
    )
