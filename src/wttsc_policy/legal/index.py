"""`LegalFacts`: the known wrong statements of the law in a text, for a day and a setting.

Patterns run over normalised text (lower case, straight quotes and dashes, single spaces) and
spans map back to the original. Regexes are compiled on first use and cached per process;
`load` builds the object.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from wttsc_policy.legal.model import Fact, LegalFactsError, WrongForm, WrongFormHit
from wttsc_policy.records import record
from wttsc_policy.regexcode import compile_regex
from wttsc_policy.settings import parse_setting


@record(frozen=True, slots=True)
class LegalFacts:
    horizon: date
    window: int
    settings: tuple[str, ...]
    facts: tuple[Fact, ...]

    def fact(self, fact_id: str) -> Fact:
        for f in self.facts:
            if f.id == fact_id:
                return f
        known = ", ".join(f.id for f in self.facts)
        raise LegalFactsError(f"unknown legal fact {fact_id!r}; known facts: {known}")

    def _setting_value(self, setting: str) -> str | None:
        """A setting as the data spells it (config aliases accepted; "school" = not known)."""
        try:
            known = parse_setting(setting)
        except ValueError:
            key = " ".join(setting.casefold().split())
            if key not in self.settings:
                raise LegalFactsError(f"unknown setting {key!r}; known settings: {', '.join(self.settings)}") from None
            return key
        return known.value if known is not None else None

    @property
    def wrong_forms(self) -> tuple[WrongForm, ...]:
        return tuple(w for f in self.facts for w in f.wrong_forms)

    def wrong_forms_in(self, text: str, on: date | None = None, setting: str | None = None) -> list[WrongFormHit]:
        """Known wrong forms in `text` that apply on `on` for `setting`, in text order.

        Within one fact, overlapping matches are reported once (the first form listed wins).
        """
        if setting is not None:
            setting = self._setting_value(setting)
        norm, index = normalise(text)
        hits: list[WrongFormHit] = []
        for fact in self.facts:
            kept: list[tuple[int, int]] = []
            for form in fact.wrong_forms:
                if not form.applies(on, setting):
                    continue
                for m in _compiled(form.pattern).finditer(norm):
                    start, end = m.span()
                    if start == end or any(start < e and s < end for s, e in kept):
                        continue
                    window = norm[max(0, start - self.window) : end + self.window]
                    if form.context and not any(_compiled(c).search(window) for c in form.context):
                        continue
                    if any(_compiled(u).search(window) for u in form.unless):
                        continue
                    kept.append((start, end))
                    o_start, o_end = _to_original(index, start, end, len(text))
                    hits.append(
                        WrongFormHit(
                            fact.id,
                            form.id,
                            form.explanation,
                            o_start,
                            o_end,
                            text[o_start:o_end],
                            form.confidence,
                            form.severity,
                            form.describe_when(),
                        )
                    )
        hits.sort(key=lambda h: (h.start, h.end, h.fact_id, h.form_id))
        return hits

    def example_failures(self) -> list[str]:
        """Every wrong example that no longer triggers its form, and every right example or
        citation that triggers any form (checked on the horizon date for each setting)."""
        problems: list[str] = []
        settings: tuple[str | None, ...] = (None, *self.settings)
        for form in self.wrong_forms:
            setting = form.settings[0] if form.settings else None
            on = max(self.horizon, form.since) if form.since else self.horizon
            for example in form.examples_wrong:
                if not any(h.form_id == form.id for h in self.wrong_forms_in(example, on, setting)):
                    problems.append(f"{form.fact_id}.{form.id}: wrong example not caught: {example!r}")
        rights = [(f"{w.fact_id}.{w.id} right example", t) for w in self.wrong_forms for t in w.examples_right]
        rights += [(f"{f.id} citation", t) for f in self.facts for t in f.citations]
        for label, example in rights:
            for setting in settings:
                for hit in self.wrong_forms_in(example, self.horizon, setting):
                    problems.append(f"{label} triggers {hit.fact_id}.{hit.form_id} ({setting}): {example!r}")
        return problems


# --------------------------------------------------------------------------- normalising

_STRAIGHT = {ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u02bc"}
_STRAIGHT.update({ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033"})
_STRAIGHT.update({ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
_NEEDS_MAP = compile_regex(r"[^\S ]|  |[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_RUN = compile_regex(r"\s+|[\u00ad\u200b\u200c\u200d\u2060\ufeff]+")


def normalise(text: str) -> tuple[str, list[int] | None]:
    """Lower case, straight quotes and dashes, each whitespace run one space, soft hyphens and
    zero-width characters removed. Returns the text and, when lengths changed, a map from each
    normalised character to its offset in `text` (None means the offsets are the same)."""
    low = text.lower()
    if len(low) != len(text):  # a few characters lower-case to two
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if not low.isascii():
        low = low.translate(_STRAIGHT)
    if not _NEEDS_MAP.search(low):
        return low, None
    out: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _RUN.finditer(low):
        out.append(low[pos : m.start()])
        index.extend(range(pos, m.start()))
        if any(c.isspace() for c in m.group()):  # a run of only removed characters adds nothing
            out.append(" ")
            index.append(m.start())
        pos = m.end()
    out.append(low[pos:])
    index.extend(range(pos, len(low)))
    return "".join(out), index


def _to_original(index: list[int] | None, start: int, end: int, length: int) -> tuple[int, int]:
    if index is None:
        return start, end
    if start >= len(index):
        return length, length
    return index[start], index[end - 1] + 1


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)
