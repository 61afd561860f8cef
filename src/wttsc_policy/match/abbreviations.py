"""Abbreviations a policy declares for an outdated name, learnt per document.

A policy often writes a name out once with its initials in brackets - "the Northshire
Safeguarding Children Board (NSCB)", or the other way round, "ACPC (Area Child
Protection Committee)" - and then uses the initials alone. When a rule that opts in
(`learn_abbreviations: true`) flags the long form, the initials declared next to it
are outdated too, in this document only: the matcher then looks for them as a whole
word, in the exact case declared, and reports them under the same rule.
"""

from __future__ import annotations

import re

from wttsc_policy.regexcode import compile_regex

_AFTER = compile_regex(r"\s*\(\s*[\"'\u2018\u201c]?([A-Z][A-Za-z&]{1,9})[\"'\u2019\u201d]?\s*\)")
_INSIDE_END = compile_regex(r"\(\s*([A-Z][A-Za-z&]{1,9})\s*\)\s*$")
_BEFORE = compile_regex(r"(?<![\w&])([A-Z][A-Za-z&]{1,9})\s*\(\s*$")
_WORD = compile_regex(r"[A-Za-z]+|&")
_BRACKETED = compile_regex(r"\(([A-Z][A-Za-z&]{1,9})\)\s*$")


def _initials(text: str) -> str:
    return "".join("&" if w == "&" else w[0].upper() for w in _WORD.findall(text))


def abbreviates(abbr: str, name: str) -> bool:
    """Whether `abbr` can stand for `name`: at least two capitals, the first matching
    the name's first initial, and every capital one of the name's initials, in order
    ("LSCB" for "Local Safeguarding Children Board", "DDSCP" for "Derby and Derbyshire
    Safeguarding Children Partnership")."""
    caps = [c for c in abbr if c.isupper() or c == "&"]
    initials = _initials(name)
    if len(caps) < 2 or not initials or caps[0] != initials[0]:
        return False
    pos = 0
    for c in caps:
        pos = initials.find(c, pos)
        if pos == -1:
            return False
        pos += 1
    return True


_LEAD_WORDS = compile_regex(r"([\w&'-]+)\s+$")


def _names(text: str, start: int, end: int) -> list[str]:
    """The flagged text, and the same with one, two or three words before it (a place the
    pattern left out: "Northshire" + "Area Child Protection Committee")."""
    names = [text[start:end]]
    pos = start
    for _ in range(3):
        m = _LEAD_WORDS.search(text, max(0, pos - 40), pos)
        if m is None:
            break
        pos = m.start()
        names.append(text[pos:end])
    return names


def declared(text: str, start: int, end: int) -> tuple[str, int, int, bool] | None:
    """The abbreviation declared beside text[start:end] - in brackets after it, at the end
    of it, or before it with the name in brackets - with the span of the declaration (so
    that occurrence is not reported twice) and whether it is a bracket right after the
    flagged text; None when there is none."""
    names = _names(text, start, end)
    inside = _INSIDE_END.search(names[0])
    if inside and abbreviates(inside.group(1), names[0][: inside.start()]):
        return inside.group(1), start + inside.start(1), start + inside.end(1), False
    after = _AFTER.match(text, end)
    if after and any(abbreviates(after.group(1), n) for n in names):
        return after.group(1), after.start(1), after.end(1), True
    before = _BEFORE.search(text, 0, start)
    if before and text[end : end + 1] == ")" and any(abbreviates(before.group(1), n) for n in names):
        return before.group(1), before.start(1), before.end(1), False
    return None


def bracket_end(text: str, end: int) -> int:
    """Where the bracketed initials right after offset `end` close (for widening a flagged
    name over them, so no stale initials are left behind its replacement)."""
    after = _AFTER.match(text, end)
    return after.end() if after else end


def occurrence_regex(abbr: str) -> re.Pattern[str]:
    """The initials as a whole word, in the case declared (over un-lower-cased text)."""
    return compile_regex(rf"(?<![\w&]){re.escape(abbr)}(?![\w&])")


def short_form(suggestion: str | None) -> str | None:
    """What bare initials become: the initials the suggestion declares, else the
    suggestion without a leading "the" (the initials' own sentence has its article:
    "our Board (XSCB) ... the XSCB" must not become "the the ... Partnership")."""
    if suggestion is None:
        return None
    m = _BRACKETED.search(suggestion)
    if m:
        return m.group(1)
    return suggestion[4:] if suggestion[:4].lower() == "the " else suggestion


def has_initials(suggestion: str | None) -> bool:
    return bool(suggestion and _BRACKETED.search(suggestion))
