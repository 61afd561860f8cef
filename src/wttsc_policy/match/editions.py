"""Which edition a citation names, and whether it is older than the edition in force.

A rule with a `family` (WTtSC, KCSIE, the Prevent guidance, ...) matches citations of any
edition; its pattern captures the year in a named group `year` (`year2` where a pattern
writes it in two places; `yy` for two digits, as in "WT18"), or the exact edition in a
group `edition`. A year is read as the edition with that title year when the family has
one, otherwise as the edition in force at the end of that year (Working Together cited
with a year it never had means the edition then in force, as corrected that year). A citation of the edition in force,
or of a newer one, is never outdated; one older than every known edition always is.
"""

from __future__ import annotations

import re
from datetime import date

from wttsc_policy.guidance.editions import Edition, EditionIndex, GuidanceError
from wttsc_policy.guidance.shipped import editions as shipped_editions
from wttsc_policy.regexcode import compile_regex


def _year_of(edition_id: str) -> int | None:
    head = edition_id[:4]
    return int(head) if head.isdigit() else None


_YEARS: dict[tuple[int, str], tuple[EditionIndex, dict[int, Edition]]] = {}  # the index is kept alive


def _by_year(index: EditionIndex, family: str) -> dict[int, Edition]:
    """Title year -> edition, over the editions that were in force (drafts left out);
    built once per index and family."""
    key = (id(index), family)
    entry = _YEARS.get(key)
    if entry is None:
        found: dict[int, Edition] = {}
        for ed in index.timeline(family):
            year = _year_of(ed.id)
            if year is not None:
                found.setdefault(year, ed)
        entry = _YEARS[key] = (index, found)
    return entry[1]


def cited_edition(family: str, year: int, index: EditionIndex | None = None) -> Edition | None:
    """The edition a citation with this year means (None: older than any edition known)."""
    index = index or shipped_editions()
    found = _by_year(index, family).get(year)
    if found is not None:
        return found
    return index.in_force(family, date(year, 12, 31)) if 1900 <= year <= 2999 else None


def is_outdated(cited: Edition | None, in_force: Edition, index: EditionIndex | None = None) -> bool:
    """Whether a citation of `cited` is older than the edition in force."""
    if cited is None:
        return True
    line = (index or shipped_editions()).timeline(in_force.family)
    if cited not in line or in_force not in line:
        return False
    return line.index(cited) < line.index(in_force)


def match_cites(
    m: re.Match[str], family: str, default: str | None, index: EditionIndex | None = None
) -> Edition | None:
    """The edition a rule's match cites: its `edition` group, its `year` group, or the
    pattern's own `edition` when the match names no year. Raises LookupError when the
    match says nothing about which edition it means."""
    index = index or shipped_editions()
    groups = m.groupdict()
    if groups.get("edition"):
        try:
            return index.edition(family, groups["edition"])
        except GuidanceError:
            pass
    year = next((v for k, v in groups.items() if k.startswith("year") and v), None)  # year, year2, ...
    if year:
        return cited_edition(family, int(year), index)
    if groups.get("yy"):  # two digits, as in "WT18"
        return cited_edition(family, 2000 + int(groups["yy"]), index)
    if default is not None:
        return index.edition(family, default)
    raise LookupError("no edition named")


def superseded_by(
    m: re.Match[str], family: str, in_force: Edition | None, default: str | None = None
) -> Edition | None:
    """The edition that made the match's citation outdated (the one after the cited edition),
    or None when the citation is of the edition in force or newer. A family with nothing in
    force on the date has nothing outdated; a match that names no edition is left to the
    pattern (it is outdated by the edition in force)."""
    if in_force is None:
        return None
    try:
        cited = match_cites(m, family, default)
    except LookupError:
        return in_force
    if not is_outdated(cited, in_force):
        return None
    line = shipped_editions().timeline(family)
    return line[line.index(cited) + 1] if cited in line else line[0]


def citation_outdated(m: re.Match[str], family: str, in_force: Edition | None, default: str | None = None) -> bool:
    """True when the match cites an edition of `family` older than `in_force`."""
    return superseded_by(m, family, in_force, default) is not None


# An account of something done on a past date ("In September 2018 all staff were briefed on
# Working Together 2018"): the edition it names is the one that was current then, so it is a
# record, not a citation to bring up to date.
PAST_EVENT = compile_regex(
    r"^\W{0,3}(?:\d+(?:\.\d+)*\.? )?(?:in|on|during|since|by) (?:(?:\d{1,2} )?[a-z]{3,9} )?(?:19|20)\d\d\b,?"
    r"[^.;]{0,200}?\b(?:were|was|had|received|attended|completed|included|took part|briefed|trained)\b"
)


def past_event(sentence: str) -> bool:
    """Whether a (folded) sentence records a dated past event, whose citations stay as they are."""
    return PAST_EVENT.search(sentence.strip()) is not None


# An undated account of a briefing already given ("Staff have been briefed on Working
# Together 2023"): rewriting its edition would claim training that has not happened, and
# leaving it says nothing about the edition in force, so a person updates it once staff have
# been briefed. ("Staff have read KCSIE <year>" is how policies state the yearly reading
# requirement, and is brought up to date like any citation.)
PAST_ACCOUNT = compile_regex(
    r"\b(?:have|has|had) (?:all |each |also )?been (?:briefed|trained|taken through|introduced to)\b"
    r"|\b(?:were|was) (?:all |each |also )?(?:briefed|trained)\b"
)
PAST_ACCOUNT_NOTE = (
    "This sentence records a briefing or training that has already happened, so its edition is not "
    "rewritten (that would claim a briefing that has not taken place). Once staff have been "
    "briefed on the edition in force, update the sentence by hand."
)


def past_account(sentence: str) -> bool:
    """Whether a (folded) sentence records a briefing already given (see PAST_ACCOUNT)."""
    return PAST_ACCOUNT.search(sentence) is not None
