"""Checks that an updated policy is one a DSL could sign as written (issue 13).

Each `check_*` function takes a `Draft` (original, updated text, change notes, expect.yaml, the
as-of date) and returns `Defect`s: a defect class and the offending text. `run_all` runs them
all. The classes mirror the defect classes of the issue; every check's docstring says what it
catches and why, and tests/draft_quality/test_checks.py has a good and a bad example for each.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from .data import editions, icb_key, names, strip_parenthetical, wrong_forms
from .draft import Draft, Sentence
from .text import normalize, words

CLASSES = (
    "legal_wrong_form",
    "invented_body",
    "generic_name",
    "wrong_successor",
    "half_edit",
    "contradictory_history",
    "duplicate_sentence",
    "growth",
    "placeholder_known",
    "setting_mismatch",
    "notes_quality",
    "outdated_left",
    "stale_edition",
    "count_grammar",
    "decoy_changed",
    "coverage_gap",
    "libreoffice",
)
ICB_SWITCH = dt.date(2026, 4, 1)


@dataclass(frozen=True)
class Defect:
    cls: str
    text: str
    detail: str = ""

    def __str__(self) -> str:
        return f"[{self.cls}] {self.text!r}" + (f" - {self.detail}" if self.detail else "")


def squash(text: str) -> str:
    """Lower case, straight quotes, plain dashes, single spaces; punctuation kept."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = text.replace("–", "-").replace("—", "-").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


def _clip(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _written(d: Draft) -> list[Sentence]:
    """Sentences the tool wrote, outside version history and accounts of past events."""
    return [s for s in d.inserted if not d.is_history(s)]


# -- legal_wrong_form -------------------------------------------------------------------------


def check_legal_wrong_form(d: Draft) -> list[Defect]:
    """A known wrong legal form (wrong_forms.yaml) in a sentence the tool wrote.

    Only tool-written sentences count: an error the tool left alone is caught by the planted
    traps and by `check` itself, but an error the tool introduced or re-wrote is its own.
    """
    out = []
    for s in _written(d):
        for form in wrong_forms():
            if form.applies(s.text, d.as_of, d.setting):
                out.append(Defect("legal_wrong_form", _clip(s.text), f"{form.id} ({form.fact}): {form.why}"))
    return out


# -- invented_body ----------------------------------------------------------------------------

CONNECTORS = {"and", "&", "of", "the", "upon", "on", "for", "-"}
GENERIC_LEADS = {
    "the",
    "our",
    "an",
    "a",
    "local",
    "this",
    "each",
    "your",
    "their",
    "its",
    "area",
    "relevant",
    "new",
    "that",
    "nhs",
}
SENTENCE_WORDS = GENERIC_LEADS | {
    "we",
    "staff",
    "contact",
    "follow",
    "see",
    "under",
    "with",
    "in",
    "at",
    "from",
    "for",
    "by",
    "both",
    "all",
    "schools",
    "school",
    "governors",
    "dsl",
    "or",
    "if",
    "when",
    "where",
    "as",
    "to",
    "also",
    "then",
    "is",
    "are",
    "us",
    "every",
    "any",
}


def _extra_place_words(leftover: list[str]) -> bool:
    """Whether words before a real name make it a different name ("North" + "Surrey ... Partnership").
    Only the words joined to the name count: "the London Child Protection Procedures and the
    Greenwich ... Partnership" names two things, so what comes before "and the" is not part of it."""
    for k in range(len(leftover) - 1, 0, -1):
        if leftover[k - 1].lower() == "and" and leftover[k].lower() == "the":
            leftover = leftover[k + 1 :]
            break
    return any(w[:1].isupper() and w.lower() not in SENTENCE_WORDS and w.lower() not in CONNECTORS for w in leftover)


HISTORY_WORDS = re.compile(r"\b(until|formerly|previously|replaced|merged|was|were|in 2022|from 2022|former)\b", re.I)


def _name_run(prefix: str, limit: int = 12, stop_at_comma: bool = False) -> list[str]:
    """The capitalised run of words just before a position (a proper name), oldest first.

    Real names may contain commas ("Bath and North East Somerset, Swindon and Wiltshire"), so
    the run crosses them unless `stop_at_comma` (used when reporting an unknown name)."""
    tokens = re.findall(r"[\w'’&.,-]+|[()]", prefix)[-limit:]
    run: list[str] = []
    for tok in reversed(tokens):
        if tok in "()":
            break
        clean = tok.strip(",.")
        if stop_at_comma and run and tok.endswith((",", ";", ":")):
            break
        if clean and (clean[0].isupper() or clean.lower() in CONNECTORS):
            run.insert(0, clean)
        else:
            break
    while run and run[0].lower() in CONNECTORS:
        run.pop(0)
    return run


def _icb_mentions(text: str) -> list[tuple[str, str | None]]:
    """(name as written, canonical real name or None) for each capitalised ICB name in a sentence."""
    table = names().icb_canonical
    out = []
    for m in re.finditer(r"\b(Integrated Care Board|ICB)\b", text):
        run = _name_run(text[: m.start()])
        short = _name_run(text[: m.start()], stop_at_comma=True)
        found = None
        for k in range(len(run), 0, -1):
            candidate = " ".join(run[-k:]) + " " + m.group(1)
            if icb_key(candidate) in table:
                found = (candidate, table[icb_key(candidate)])
                if k <= len(short) and _extra_place_words(short[:-k]):
                    found = (" ".join(short) + " " + m.group(1), None)
                break
        if found:
            out.append(found)
            continue
        short = _name_run(text[: m.start()], stop_at_comma=True)
        meaningful = [w for w in short if w.lower() not in GENERIC_LEADS and w.lower() not in CONNECTORS]
        if meaningful:
            out.append((" ".join(short) + " " + m.group(1), None))
    return out


def _partnership_mentions(text: str) -> list[tuple[str, str]]:
    """(name as written, status) for capitalised safeguarding partnership/board names.

    status: current (a real current name), former (a real pre-2019 board or intermediate
    name), unknown (looks like a partnership name but is not a real one).
    """
    data = names()
    current = {n.lower(): n for n in data.partnerships}
    former = {n.lower(): n for n in data.former}
    out = []
    for m in re.finditer(r"\b(Partnership|Board|Together)\b", text):
        run = _name_run(text[: m.start()], limit=10)
        if not run:
            continue
        status = None
        for k in range(len(run), 0, -1):
            candidate = " ".join(run[-k:]) + " " + m.group(1)
            after = text[m.end() :]
            bracket = re.match(r"\s*(\([^)]*\))", after)
            with_bracket = candidate + (" " + bracket.group(1) if bracket else "")
            for cand in (with_bracket, candidate):
                low = cand.lower()
                if low in current:
                    status = (cand, "current")
                    break
                if low in former:
                    status = (cand, "former")
                    break
            if status:
                short = _name_run(text[: m.start()], limit=10, stop_at_comma=True)
                if k <= len(short) and _extra_place_words(short[:-k]):
                    status = (" ".join(short) + " " + m.group(1), "unknown")
                break
        if status:
            out.append(status)
            continue
        run = _name_run(text[: m.start()], limit=10, stop_at_comma=True) or run
        whole = " ".join(run) + " " + m.group(1)
        if (
            "Safeguarding" in whole
            and not re.search(r"Adult", whole)
            and run[0].lower() not in GENERIC_LEADS
            and run[0] != "Safeguarding"
        ):
            out.append((whole, "unknown"))
    return out


def check_invented_body(d: Draft) -> list[Defect]:
    """An ICB or safeguarding partnership name the tool wrote that is not real, not current on the
    as-of date, or not the body for the school's area.

    Real names come from tests/data/policies/_names.yaml (the 2022 ICBs, the bodies created on
    1 April 2026, each area's partnership and its former boards). A 2022 ICB that merged or split
    on 1 April 2026 is wrong after that date unless the sentence is about the past.
    """
    out = []
    data = names()
    la = data.la(d.expect.get("local_authority"))
    for s in _written(d):
        for written, real in _icb_mentions(s.text):
            if real is None:
                out.append(
                    Defect("invented_body", written, f"no such integrated care board (in: {_clip(s.text, 100)})")
                )
                continue
            historic = bool(HISTORY_WORDS.search(s.text))
            info = data.icbs_2022.get(real)
            if d.as_of >= ICB_SWITCH and info and info["successor_2026"] and not historic:
                out.append(
                    Defect(
                        "invented_body", written, f"{real} became {', '.join(info['successor_2026'])} on 1 April 2026"
                    )
                )
                continue
            if d.as_of < ICB_SWITCH and real in data.icbs_2026:
                out.append(Defect("invented_body", written, "this body only exists from 1 April 2026"))
                continue
            if la and not historic:
                allowed = la["body_today"] if d.as_of >= ICB_SWITCH else la["icb_2022"]
                if real not in allowed:
                    out.append(
                        Defect(
                            "invented_body",
                            written,
                            f"not the NHS body for {d.expect.get('local_authority')} ({', '.join(allowed)})",
                        )
                    )
        for written, status in _partnership_mentions(s.text):
            if status == "unknown":
                out.append(Defect("invented_body", written, "no such safeguarding partnership"))
            elif status == "former" and not HISTORY_WORDS.search(s.text):
                out.append(Defect("invented_body", written, "a former board or name, used as if current"))
            elif status == "current" and la:
                owners = data.partnerships.get(written) or next(
                    (v for k, v in data.partnerships.items() if k.lower() == written.lower()), set()
                )
                if d.expect.get("local_authority") not in owners:
                    out.append(
                        Defect(
                            "invented_body",
                            written,
                            f"another area's partnership (the school's is {la['partnership']})",
                        )
                    )
    return out


# -- generic_name -----------------------------------------------------------------------------

GENERIC_PROPER = re.compile(r"\bLocal Safeguarding (?:Children(?:'s|’s)? )?Partnership\b")
GENERIC_PARTNERSHIP = re.compile(
    r"\blocal safeguarding (?:children(?:'s|’s)? )?partnership\b|\blocal safeguarding children's partnership\b|\blocal safeguarding arrangements partnership\b|\bsafeguarding children partnership for (?:our|the) area\b",
    re.I,
)
OLD_TERMS = re.compile(
    r"\b(LSCBs?|Local Safeguarding Children Boards?|Safeguarding Children Boards?|CCGs?|clinical commissioning groups?|Public Health England|PHE|lead professionals?|serious case reviews?|domestic violence|Designated Senior Person|DSP|CAF|Common Assessment Framework|peer on peer)\b",
    re.I,
)
FORMERLY = re.compile(r"^\s*(formerly|previously|was|old name|now called|known as|once called)\b", re.I)


def _former_abbreviations() -> set[str]:
    out = set()
    for row in names().local_authorities.values():
        for board in row["former_boards"]:
            for m in re.finditer(r"\(([A-Z][A-Za-z&]{1,10})\b", board):
                if m.group(1) not in {"LSCB"}:
                    out.add(m.group(1))
    current = {row.get("abbreviation") for row in names().local_authorities.values()}
    return out - current


def check_generic_name(d: Draft) -> list[Defect]:
    """Generic names where the real one is known, and old names kept in brackets.

    - "Local Safeguarding Children Partnership" and the like in tool-written text when the
      school's local authority (and so its partnership's real name) is known, unless the same
      sentence gives the real name (real names that contain the words, such as "Sutton Local
      Safeguarding Children Partnership", are not generic);
    - "new (old)" constructions: an outdated term, a generic name, a former board or
      abbreviation, or "formerly ..." inside brackets in tool-written text.
    """
    out = []
    data = names()
    la = data.la(d.expect.get("local_authority"))
    real_names = sorted(set(data.partnerships) | set(data.former), key=len, reverse=True)
    old_abbr = _former_abbreviations()
    for s in _written(d):
        text = s.text
        scrubbed = text
        for name in real_names:
            scrubbed = re.sub(re.escape(name), " ", scrubbed, flags=re.I)
        if la:
            proper = GENERIC_PROPER.search(scrubbed)
            m = GENERIC_PARTNERSHIP.search(scrubbed)
            if proper:
                out.append(
                    Defect(
                        "generic_name",
                        proper.group(0),
                        f"a generic name written as a proper name; the partnership is {la['partnership']} (in: {_clip(text, 100)})",
                    )
                )
            elif m and la["partnership"].lower() not in text.lower():
                out.append(
                    Defect(
                        "generic_name",
                        m.group(0),
                        f"the partnership is known: {la['partnership']} (in: {_clip(text, 100)})",
                    )
                )
            abbr = re.search(r"\bLSCP\b", scrubbed)
            if abbr and la.get("abbreviation") != "LSCP":
                out.append(
                    Defect("generic_name", "LSCP", f"generic abbreviation; the partnership is {la['partnership']}")
                )
        for m in re.finditer(r"\(([^()]{2,90})\)", text):
            inner = m.group(1).strip()
            if (
                OLD_TERMS.search(inner)
                or GENERIC_PARTNERSHIP.search(inner)
                or FORMERLY.match(inner)
                or inner in old_abbr
                or strip_parenthetical(inner) in data.former
            ):
                start = max(0, m.start() - 60)
                if _noted(d, text[start : m.end()]):
                    continue  # left for a person, and the notes quote it as a hand edit
                out.append(
                    Defect(
                        "generic_name",
                        _clip(text[start : m.end()], 120),
                        "old or generic name kept in brackets (new (old))",
                    )
                )
    return out


# -- wrong_successor --------------------------------------------------------------------------

UKHSA = re.compile(r"UK Health Security Agency|\bUKHSA\b")
OHID = re.compile(r"Office for Health Improvement and Disparities|\bOHID\b")
WELLBEING = re.compile(
    r"well-?being|mental health|emotional health|health improvement|healthy eating|obesity|\bPSHE\b|health inequalit|physical activity|resilience|Every Mind Matters|Start4Life|Rise Above|Change4Life|active play|menus",
    re.I,
)
INFECTION = re.compile(
    r"infect|outbreak|vaccin|immunis|immuniz|health protection|communicable|exclusion period|hand ?washing|diarrh|vomit|chickenpox|scarlet fever|measles|unwell|illness",
    re.I,
)


def check_wrong_successor(d: Draft) -> list[Defect]:
    """Public Health England's successor chosen wrongly in a tool-written sentence.

    UKHSA took health protection (infection control, outbreaks); OHID took health improvement
    and wellbeing. UKHSA in a wellbeing sentence, or OHID in an infection-control sentence, is
    wrong; where a sentence mixes both, the tool should leave a hand-edit note instead.
    """
    out = []
    for s in _written(d):
        if UKHSA.search(s.text) and WELLBEING.search(s.text) and not INFECTION.search(s.text):
            out.append(
                Defect("wrong_successor", _clip(s.text), "wellbeing / health improvement went to OHID, not UKHSA")
            )
        if OHID.search(s.text) and INFECTION.search(s.text) and not WELLBEING.search(s.text):
            out.append(Defect("wrong_successor", _clip(s.text), "health protection went to UKHSA, not OHID"))
    return out


# -- half_edit --------------------------------------------------------------------------------

DEF_OLD = [
    re.compile(
        r"protecting children from maltreatment(?!,?\s*(whether|within|wherever|inside|including|in or outside))", re.I
    ),
    re.compile(r"impairment of (children'?s|children’s|their|pupils'?) health (or|and) development", re.I),
    re.compile(r"optimum life chances", re.I),
]
DEF_NEW = [re.compile(r"within or outside the home", re.I), re.compile(r"mental and physical health", re.I)]
DEF_FIRST = re.compile(r"as soon as problems emerge", re.I)
DEF_INTRO = re.compile(
    r"safeguarding and promoting (the )?welfare of (children|pupils|students|learners)\b[^.]{0,80}\b(means|is defined|is:|as:|includes|is described)|^safeguarding means\b",
    re.I,
)
RULES_OLD = re.compile(
    r"\bshare (information )?with consent where (appropriate|possible)|\bwhere (possible|you can),? share (information )?with (their )?consent|necessary, proportionate, relevant, adequate, accurate, timely and secure",
    re.I,
)
RULES_NEW = re.compile(
    r"consent is not (always )?(needed|required|necessary)|\b(do not|don't|never) need (their |a person's )?consent|protect(ing)? the identit|before (the right to )?privacy|outranks privacy",
    re.I,
)
EH_INTRO = re.compile(
    r"(particularly|especially) alert to|alert to (the )?(potential )?need for (early help|support)|(any|all) (child|children|pupils?|students?) (may|might|could) benefit from early help|alert to (students|pupils|children) who may need early help",
    re.I,
)
EH_OLD = re.compile(
    r"goes missing from (care or (from )?home|home or (from )?care)|missing/goes missing from care or from home", re.I
)
EH_NEW = re.compile(r"missing from education, home or care", re.I)


def _regions(d: Draft, intro: re.Pattern, min_items: int = 3) -> list[list[int]]:
    """Blocks that introduce a list (matching `intro`) followed by at least `min_items` list items
    (or carrying the list inline), as lists of block indexes."""
    out = []
    blocks = d.updated
    for i, b in enumerate(blocks):
        if b.kind not in {"paragraph", "item", "cell"} or not intro.search(b.text):
            continue
        j = i + 1
        while j < len(blocks) and blocks[j].kind == "item":
            j += 1
        inline = b.text.count(";") >= min_items - 1
        if j - i - 1 >= min_items or inline:
            out.append(list(range(i, j)))
    return out


def _live(d: Draft) -> list:
    """Updated blocks outside version history."""
    return [
        b
        for b in d.updated
        if not re.search(r"version|history|document control|changes in this version|change log", b.section or "", re.I)
    ]


def check_half_edit(d: Draft) -> list[Defect]:
    """A unit updated in part, or old and new versions of one unit side by side.

    - safeguarding definition: old points (2018 four-point, 2013 'optimum life chances') next to
      2023 points; more than one definition list; a 2023-style list without 'providing help and
      support ... as soon as problems emerge';
    - information-sharing golden rules: the 2018 consent-first rule next to the 2024 rule that
      consent is not needed; two golden-rules lists;
    - early help: two 'children who may benefit from early help' lists, or the old 'missing
      from home or care' item next to the new 'missing from education, home or care';
    - 'lead professional' and 'lead practitioner' for the same role in one section.
    """
    out = []
    live = _live(d)
    text = "\n".join(b.text for b in live)
    old = [m.group(0) for p in DEF_OLD for m in p.finditer(text)]
    new = [m.group(0) for p in DEF_NEW for m in p.finditer(text)]
    if old and new:
        out.append(
            Defect("half_edit", f"{old[0]} / {new[0]}", "old and new safeguarding definition wording side by side")
        )
    definitions = _regions(d, DEF_INTRO, min_items=3)
    if len(definitions) > 1:
        out.append(Defect("half_edit", _clip(d.updated[definitions[1][0]].text), "a second safeguarding definition"))
    for region in definitions:
        region_text = " ".join(d.updated[i].text for i in region)
        if any(p.search(region_text) for p in DEF_NEW) and not DEF_FIRST.search(region_text):
            out.append(
                Defect(
                    "half_edit",
                    _clip(d.updated[region[0]].text),
                    "2023 definition without 'as soon as problems emerge'",
                )
            )
    rules_old = RULES_OLD.search(text)
    rules_new = RULES_NEW.search(text)
    if rules_old and rules_new:
        out.append(
            Defect(
                "half_edit",
                f"{rules_old.group(0)} / {rules_new.group(0)}",
                "2018 and 2024 information-sharing rules mixed",
            )
        )
    rules_lists = _regions(d, re.compile(r"golden rules", re.I), min_items=4)
    if len(rules_lists) > 1:
        out.append(Defect("half_edit", _clip(d.updated[rules_lists[1][0]].text), "a second golden-rules list"))
    eh_lists = _regions(d, EH_INTRO, min_items=3)
    if len(eh_lists) > 1:
        out.append(
            Defect("half_edit", _clip(d.updated[eh_lists[1][0]].text), "a second early help list beside the first")
        )
    eh_old, eh_new = EH_OLD.search(text), EH_NEW.search(text)
    if eh_old and eh_new:
        out.append(
            Defect(
                "half_edit", f"{eh_old.group(0)} / {eh_new.group(0)}", "old and new early help list items side by side"
            )
        )
    by_section: dict[str, set[str]] = defaultdict(set)
    for b in live:
        for term in re.findall(r"lead (professional|practitioner)\b(?! for safeguarding)", b.text, re.I):
            by_section[b.section].add(term.lower())
    for section, terms in by_section.items():
        if len(terms) > 1:
            out.append(
                Defect(
                    "half_edit",
                    f"lead professional / lead practitioner under '{section}'",
                    "two terms for the same role",
                )
            )
    return out


# -- contradictory_history --------------------------------------------------------------------

TRANSITION_SUBJECT = re.compile(
    r"\b(LSCBs?|Local Safeguarding Children Boards?|Safeguarding Children Board|safeguarding partners?|safeguarding arrangements|new (local )?(safeguarding )?arrangements|new procedures|Children and Social Work Act|partnership|CCGs?|clinical commissioning|integrated care boards?|ICBs?|Public Health England)\b",
    re.I,
)
TRANSITION_FUTURE = re.compile(
    r"\bwill (move|transfer|replace|be replaced|take over|come into|begin|start|change|be published|be agreed|be shared|be set up|be abolished)\b"
    r"|\bis being replaced\b|\bare being (replaced|developed|agreed|put in place|set up|introduced)\b|\bis being (developed|introduced|set up)\b"
    r"|\b(is|are) taking over\b|\b(is|are) changing to\b"
    r"|\buntil (they|the new arrangements|these) (are|have been) published\b"
    r"|\bwhen (they|the new arrangements|its new procedures|the new procedures|these) (are|is|have been) (published|agreed|in place|ready)\b"
    r"|\bas soon as the [A-Za-z ]{2,40} publishes\b|\bwhen the new arrangements are published\b",
    re.I,
)
BILL_FUTURE = re.compile(
    r"expected to become law|currently (going|passing) through Parliament|before Parliament|when (it|the Bill) becomes law",
    re.I,
)
DATED_FUTURE = re.compile(
    rf"\bFrom\s+(\d{{1,2}}\s+)?(?P<month>{'|'.join(['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'])})\s+(?P<year>\d{{4}})\b[^.]{{0,160}}\b(will|becomes|is due to|is set to)\b",
    re.I,
)
MONTH_NUM = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
LSCB_PRESENT = re.compile(
    r"\b(LSCB|Local Safeguarding Children Board|Safeguarding Children Board)\b(\s*\([A-Z]+\))?\s+(is|are|has|have|sets|publishes|provides|requires|can require|may require|will|runs|leads)\b"
    r"|\b(our|the) (LSCB|Local Safeguarding Children Board)'?s?\b(?! (was|were|replaced|closed))",
    re.I,
)
PAST_MARKERS = re.compile(
    r"\b(was|were|replaced|until|former|formerly|abolished|no longer|previously|closed|ended|in 2019|since 2019)\b",
    re.I,
)


def check_contradictory_history(d: Draft) -> list[Defect]:
    """Past changes described as future or ongoing, anywhere in the updated text.

    The 2018-19 move from LSCBs to safeguarding partners ("will move to", "is being replaced",
    "new arrangements are being developed", "when they are published"), a Bill that is now an
    Act ("expected to become law"), "From <month year> ... will" for a date already past, and an
    LSCB spoken of in the present tense. Current names that keep "Board" (Essex Safeguarding
    Children Board) are not LSCBs. Version history and accounts of past events are exempt.
    """
    out = []
    data = names()
    current = sorted(data.partnerships, key=len, reverse=True)
    for s in d.sentences:
        if d.is_history(s):
            continue
        text = s.text
        if TRANSITION_SUBJECT.search(text) and TRANSITION_FUTURE.search(text):
            out.append(
                Defect(
                    "contradictory_history",
                    _clip(text),
                    "a change that happened in 2019-2022 told as future or ongoing",
                )
            )
            continue
        if BILL_FUTURE.search(text) and re.search(r"\bBill\b", text) and d.as_of >= dt.date(2026, 4, 29):
            out.append(Defect("contradictory_history", _clip(text), "the Bill received Royal Assent on 29 April 2026"))
            continue
        m = DATED_FUTURE.search(text)
        if m:
            when = dt.date(int(m.group("year")), MONTH_NUM[m.group("month").lower()], 1)
            if when <= d.as_of:
                out.append(
                    Defect(
                        "contradictory_history",
                        _clip(text),
                        f"'{m.group(0)[:40]}…' describes {when:%B %Y} as the future",
                    )
                )
                continue
        scrubbed = text
        for name in current:
            scrubbed = re.sub(re.escape(name), "the partnership", scrubbed, flags=re.I)
        if LSCB_PRESENT.search(scrubbed) and not PAST_MARKERS.search(scrubbed):
            out.append(Defect("contradictory_history", _clip(text), "an LSCB spoken of as if it still exists"))
    return out


# -- duplicate_sentence -----------------------------------------------------------------------

THEMES: dict[str, tuple[str, re.Pattern, bool]] = {
    # name: (scope, pattern, count surviving original text too)
    "three safeguarding partners named": ("partners", re.compile(r"."), True),
    "schools are not safeguarding partners": (
        "sentence",
        re.compile(r"\bnot (a |the )?(statutory |fourth )*(safeguarding )?partners?\b", re.I),
        True,
    ),
    "relevant agency": ("block", re.compile(r"\brelevant agenc(y|ies)\b", re.I), True),
    "section 47 enquiries": ("block", re.compile(r"\bsection 47\b|\bs\.? ?47\b", re.I), False),
    "section 17 / children in need": ("block", re.compile(r"\bsection 17\b", re.I), False),
    "Operation Encompass": ("block", re.compile(r"Operation Encompass", re.I), True),
    "information requests from the partners": (
        "block",
        re.compile(r"\b16H\b|\b14B\b|\b(require|request)s? (information|data) from\b", re.I),
        False,
    ),
    "what early help is": ("block", re.compile(r"\bearly help (is|means)\b", re.I), True),
    "definition of domestic abuse": (
        "block",
        re.compile(r"definition of domestic abuse|Domestic Abuse Act 2021 (defines|definition)", re.I),
        True,
    ),
}
PARTNER_LA = re.compile(r"\b(local authority|council)\b", re.I)
PARTNER_NHS = re.compile(r"integrated care board|\bICB\b|clinical commissioning|\bCCGs?\b|\bNHS\b", re.I)
PARTNER_POLICE = re.compile(r"\bpolice\b|constabulary|chief officer", re.I)


def _is_partner_list(text: str) -> bool:
    return bool(PARTNER_LA.search(text) and PARTNER_NHS.search(text) and PARTNER_POLICE.search(text))


def check_duplicate_sentence(d: Draft) -> list[Defect]:
    """A sentence twice, or two passages on one theme, because of the tool.

    - any sentence of 8 words or more that appears more often in the updated text than in the
      original (normalised);
    - a theme covered twice where the tool wrote at least one of the passages: the three
      partners named, "schools are not partners", relevant agency, Operation Encompass, what
      early help is and the domestic abuse definition (counting the original's surviving
      passages too); section 47, section 17 and information requests (counting distinct
      tool-written blocks).
    """
    out = []
    before = Counter(normalize(s) for b in d.original for s in b.sentences if words(s) >= 8)
    after = Counter(normalize(s.text) for s in d.sentences if words(s.text) >= 8)
    for key, n in after.items():
        if n > max(before.get(key, 0), 1):
            sample = next(s.text for s in d.sentences if normalize(s.text) == key)
            out.append(Defect("duplicate_sentence", _clip(sample), f"appears {n} times"))
    for theme, (scope, pattern, count_original) in THEMES.items():
        hits_new: set[int] = set()
        hits_old: set[int] = set()
        first: dict[int, str] = {}
        for s in d.sentences:
            if d.is_history(s) or d.block(s.block).kind == "heading":
                continue
            matched = _is_partner_list(s.text) if scope == "partners" else bool(pattern.search(s.text))
            if not matched:
                continue
            unit = id(s) if scope in {"sentence", "partners"} else s.block
            if s.inserted:
                hits_new.add(unit)
            elif count_original:
                hits_old.add(unit)
            first.setdefault(unit, s.text)
        hits_old -= hits_new
        if hits_new and len(hits_new) + len(hits_old) > 1:
            samples = [first[u] for u in list(hits_new)[:2]]
            out.append(
                Defect(
                    "duplicate_sentence",
                    _clip(" || ".join(samples), 220),
                    f"theme '{theme}' covered {len(hits_new) + len(hits_old)} times ({len(hits_new)} by the tool)",
                )
            )
    return out


# -- growth -----------------------------------------------------------------------------------


def check_growth(d: Draft) -> list[Defect]:
    """The updated text is more than the growth budget (default 35%) longer than the original.

    What does not fit belongs in the notes as suggested additions.
    """
    before, after = d.word_counts()
    budget = float(d.expect.get("growth_budget", 1.35))
    if before and after > before * budget:
        return [Defect("growth", f"{before} -> {after} words ({after / before:.2f}x)", f"budget {budget:.2f}x")]
    return []


# -- placeholder_known ------------------------------------------------------------------------

PLACEHOLDER = re.compile(
    r"\[(?:insert |enter |add )?(?P<what>school(?:'s)? name|name of (?:the )?school|school|setting(?: name)?|nursery(?: name)?|college(?: name)?|academy(?: name)?|"
    r"local authority(?: name)?|LA|council|partnership(?: name)?|local safeguarding partnership|safeguarding partnership|trust(?: name)?|area|ICB|integrated care board)\]",
    re.I,
)


def check_placeholder_known(d: Draft) -> list[Defect]:
    """A placeholder such as "[school name]" added although the value is known.

    The school name is always known (the title names it); the local authority, partnership,
    area and ICB are known when expect.yaml names the local authority; the trust when it names a
    trust. Placeholders already in the original (a template's own) are not counted.
    """
    before = Counter(m.group(0).lower() for m in PLACEHOLDER.finditer(d.original_text))
    after = Counter(m.group(0).lower() for m in PLACEHOLDER.finditer(d.updated_text))
    out = []
    for ph, n in after.items():
        if n <= before.get(ph, 0):
            continue
        what = PLACEHOLDER.match(ph).group("what").lower()
        if what.startswith("trust"):
            known = d.expect.get("trust_name")
        elif re.match(
            r"local authority|la$|council|partnership|local safeguarding|safeguarding|area|icb|integrated", what
        ):
            known = d.expect.get("local_authority")
        else:
            known = d.expect.get("school_name")
        if known:
            out.append(Defect("placeholder_known", ph, f"{n - before.get(ph, 0)} added; known value: {known}"))
    return out


# -- setting_mismatch -------------------------------------------------------------------------

SCHOOL_WORDS = {
    "pupils": re.compile(r"\bpupils?\b(?! referral unit)", re.I),
    "headteacher": re.compile(r"\bhead ?teachers?\b", re.I),
    "governors": re.compile(r"\bgoverning (board|body)\b|\bgovernors?\b", re.I),
    "our school": re.compile(r"\b(our|this) school\b|\bthe school'?s\b", re.I),
}
CENSUS = re.compile(r"\b(school|spring|autumn|summer) census\b|\bcensus\b", re.I)
SCOPE = re.compile(
    r"\b(children|a child)\b[^.]{0,30}\b(means|is defined as|are defined as)\b|\bunder the age of 18\b|\bunder 18\b|\beveryone under\b",
    re.I,
)
ADULT_SCOPE = re.compile(
    r"\badults?\b|18 (or|and) over|over 18|aged 18|16.{0,3}(to|-|–).{0,3}1[89]|\blearners\b|\bstudents\b", re.I
)


def check_setting_mismatch(d: Draft) -> list[Defect]:
    """Tool-written text that does not fit the setting (expect.yaml `setting`).

    - early years and childminders: the school census; "pupils", "headteacher", "governors",
      "our school" when the original never uses them (a maintained nursery school may); for a
      childminder also "all staff" when the original has no staff;
    - colleges: "pupils" or "headteacher" when the original does not use them, the school
      census, and a scope clause ("children means everyone under 18") that leaves out the
      college's adult learners and 16-18s;
    - maintained schools (incl. special schools and PRUs): the Independent School Standards, or
      "proprietor"/"academy trust" when the original never uses them.
    (s175 for an academy or independent school is a legal_wrong_form.)
    """
    out = []
    setting = d.setting or ""
    original = d.original_text
    for s in _written(d):
        text = s.text
        if setting in {"early_years", "childminder"}:
            if CENSUS.search(text):
                out.append(
                    Defect(
                        "setting_mismatch", _clip(text), "the school census does not apply to an early years setting"
                    )
                )
            for word, pattern in SCHOOL_WORDS.items():
                if pattern.search(text) and not pattern.search(original):
                    out.append(
                        Defect("setting_mismatch", _clip(text), f"'{word}' in a {setting.replace('_', ' ')} policy")
                    )
            if (
                setting == "childminder"
                and re.search(r"\ball staff\b|\bstaff (are|receive|must|should|know)\b", text, re.I)
                and not re.search(r"\bstaff\b", original, re.I)
            ):
                out.append(Defect("setting_mismatch", _clip(text), "a childminder has no staff team"))
        elif setting in {"fe_college", "sixth_form_college"}:
            for word in ("pupils", "headteacher"):
                if SCHOOL_WORDS[word].search(text) and not SCHOOL_WORDS[word].search(original):
                    out.append(Defect("setting_mismatch", _clip(text), f"'{word}' in a college policy"))
            if CENSUS.search(text):
                out.append(Defect("setting_mismatch", _clip(text), "the school census does not apply to a college"))
            if d.expect.get("adults_on_roll") and SCOPE.search(text):
                block_text = d.block(s.block).text
                if not ADULT_SCOPE.search(block_text):
                    out.append(
                        Defect(
                            "setting_mismatch",
                            _clip(text),
                            "a scope clause that forgets the college's adult learners and 16-18s",
                        )
                    )
        elif setting in {"maintained_school", "special_school", "alternative_provision"}:
            if re.search(r"Independent School Standards", text, re.I):
                out.append(
                    Defect(
                        "setting_mismatch",
                        _clip(text),
                        "the Independent School Standards do not apply to a maintained school",
                    )
                )
            for word in ("proprietor", "academy trust"):
                if re.search(rf"\b{word}s?\b", text, re.I) and not re.search(rf"\b{word}", original, re.I):
                    out.append(Defect("setting_mismatch", _clip(text), f"'{word}' in a maintained school policy"))
    return out


# -- count_grammar ----------------------------------------------------------------------------

NOT_PLURAL = "has|was|is|this|does|across|always|process|access|class|address|business|status|plus|less|its|yes|as|us|bus|gas|series|news|thus|focus|basis|campus|bonus|census|analysis|crisis|whereas|its"
ONE_PLURAL = re.compile(rf"\b1 (?!(?:{NOT_PLURAL})\b)([a-z]+s)\b")
MANY_SINGULAR = re.compile(
    r"(?<![\d.,])\b([2-9]|[1-9]\d{1,2}) (change|item|school|place|detail|passage|topic|policy|finding|placeholder|edit|section|suggestion|update|sentence|clause|addition|pupil|child|governor)\b(?!['’]?s)"
)


def _count_errors(text: str) -> list[str]:
    return [m.group(0) for m in ONE_PLURAL.finditer(text)] + [m.group(0) for m in MANY_SINGULAR.finditer(text)]


def check_count_grammar(d: Draft) -> list[Defect]:
    """Counts with the wrong number ("1 schools", "3 change") in tool-written policy text."""
    out = []
    for s in _written(d):
        for bad in _count_errors(s.text):
            out.append(Defect("count_grammar", bad, _clip(s.text, 100)))
    return out


# -- notes_quality ----------------------------------------------------------------------------

TIERS = {
    "must change": re.compile(
        r"\bmust\b|required|action (needed|required)|before (approval|approving|the policy is approved)|essential|needs? a person|to do before",
        re.I,
    ),
    "recommended": re.compile(r"recommend|suggest|\bshould\b|advis|optional|consider", re.I),
    "for information": re.compile(
        r"for information|information only|\bFYI\b|no action|for your information|good to know|background|for reference",
        re.I,
    ),
}
NOT_CHECKED = re.compile(
    r"not check|did not check|does not check|not covered|outside (the|its) scope|limits|what (the tool|this tool|wttsc-policy|it) (does|did) not",
    re.I,
)
APPENDIX = re.compile(
    r"appendix|for the (dsl|designated)|technical|details? (of|for) (each|every|the) change|rule|reference for", re.I
)
RULE_ID = re.compile(r"\b(WT|KC|LP|TR|[A-Z]{2,3})\d{3}\b")
JARGON = re.compile(
    r"`(?![^`]+\.(?:docx|md|txt|html)`)[^`]+`|\.toml\b|\bconfig(uration)?\b|\bsetting_type\b|\brule ids?\b|\bregex|\bYAML\b|\bJSON\b|(?<!\w)--[a-z][a-z-]+",
    re.I,
)
GOVERNOR_WORDS = 700


def governor_part(notes: str) -> str:
    """The notes up to the DSL appendix (a heading such as 'Appendix' or 'For the DSL'), or the
    first level-2 section when there is no such heading."""
    lines = notes.splitlines()
    for i, line in enumerate(lines):
        if line.lstrip().startswith("#") and i > 0 and APPENDIX.search(line):
            return "\n".join(lines[:i])
    starts = [i for i, line in enumerate(lines) if re.match(r"^##\s", line)]
    if len(starts) >= 2:
        return "\n".join(lines[: starts[1]])
    return notes


def check_notes_quality(d: Draft) -> list[Defect]:
    """Change notes a governor can read, with the DSL's detail after them.

    - three tiers, matched loosely on headings: must change / recommended / for information;
    - a DSL appendix (rule ids and sources go there) and a short section on what the tool did
      not check (headings);
    - the governor part (before the appendix) has no rule ids, no config or command-line jargon,
      and fits on a page (at most 700 words);
    - counts agree with their nouns ("1 schools", "1 changes" are wrong);
    - when the notes file is known: links and file paths in it resolve relative to the notes
      file, and its name is derived from the output's name.
    """
    out = []
    notes = d.notes
    if not notes.strip():
        return [Defect("notes_quality", "(no change notes)", "update wrote no notes")]
    headings = [line.lstrip("# ").strip() for line in notes.splitlines() if line.lstrip().startswith("#")]
    for tier, pattern in TIERS.items():
        if not any(pattern.search(h) for h in headings):
            out.append(Defect("notes_quality", tier, "no section for this tier"))
    if not any(APPENDIX.search(h) for h in headings[1:]):
        out.append(
            Defect("notes_quality", "DSL appendix", "no appendix heading for the DSL's detail (rule ids, sources)")
        )
    if not any(NOT_CHECKED.search(h) for h in headings):
        out.append(Defect("notes_quality", "what was not checked", "no section saying what the tool did not check"))
    gov = governor_part(notes)
    ids = sorted({m.group(0) for m in RULE_ID.finditer(gov)})
    if ids:
        out.append(Defect("notes_quality", ", ".join(ids[:8]), "rule ids in the governor summary"))
    jargon = sorted({m.group(0) for m in JARGON.finditer(gov)})
    if jargon:
        out.append(
            Defect("notes_quality", ", ".join(jargon[:8]), "config or command-line jargon in the governor summary")
        )
    n = words(gov)
    if n > GOVERNOR_WORDS:
        out.append(
            Defect(
                "notes_quality", f"{n} words", f"the governor summary is longer than a page ({GOVERNOR_WORDS} words)"
            )
        )
    for bad in _count_errors(notes):
        out.append(Defect("notes_quality", bad, "count and noun disagree"))
    if d.notes_path is not None:
        out.extend(check_notes_links(notes, d.notes_path))
        if d.output_path is not None:
            out.extend(check_notes_name(d.output_path, d.notes_path))
    return out


def check_notes_links(notes: str, notes_path: Path) -> list[Defect]:
    """Markdown links and `file` references in the notes must resolve from the notes' folder."""
    out = []
    base = notes_path.parent
    targets = [m.group(1) for m in re.finditer(r"\[[^\]]*\]\(([^)\s]+)\)", notes)]
    targets += [m.group(1) for m in re.finditer(r"`([^`\s]+\.(?:md|docx|txt|html))`", notes)]
    targets += [m.group(1) for m in re.finditer(r'href="([^"#]+)"', notes)]
    for target in targets:
        if re.match(r"^[a-z]+:", target) or target.startswith("#"):
            continue
        path = Path(target.split("#")[0])
        resolved = path if path.is_absolute() else base / path
        if not resolved.exists():
            out.append(Defect("notes_quality", target, f"does not resolve from the notes' folder ({base.name}/)"))
    return out


def output_base(output_path: Path) -> str:
    name = output_path.name
    for suffix in (".docx", ".md", ".txt", ".markdown"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name[: -len(".updated")] if name.endswith(".updated") else name


def check_notes_name(output_path: Path, notes_path: Path) -> list[Defect]:
    """The notes are named after the output (so two outputs of one input get two notes files)."""
    base = output_base(output_path)
    if not notes_path.name.startswith(base):
        return [Defect("notes_quality", notes_path.name, f"notes not named after the output '{output_path.name}'")]
    return []


# -- outdated_left ----------------------------------------------------------------------------


def check_outdated_left(d: Draft) -> list[Defect]:
    """`check` on the updated file still finds something the tool could have edited.

    Editable outdated references and incorrect claims must be gone. A missing topic may remain
    only if the notes name it (by title or rule id) as a suggested addition.
    """
    report = d.check_report
    if report is None:
        return []
    out = []
    for f in report.get("files", []):
        if f.get("error"):
            out.append(Defect("outdated_left", f["path"], f"check could not read the updated file: {f['error']}"))
        for finding in f.get("findings", []):
            kind = finding.get("kind")
            if kind in {"outdated_reference", "incorrect_claim"} and finding.get("editable", True):
                out.append(
                    Defect(
                        "outdated_left",
                        finding.get("match") or finding.get("title"),
                        f"{finding['rule']}: {finding.get('title')}",
                    )
                )
            elif kind == "missing_topic":
                title = finding.get("title") or ""
                if title.lower() not in d.notes.lower() and finding["rule"] not in d.notes:
                    out.append(
                        Defect("outdated_left", title, f"{finding['rule']}: missing topic not offered in the notes")
                    )
    return out


# -- stale_edition ----------------------------------------------------------------------------


EDITION_HISTORY = re.compile(r"\b(replac\w*|supersed\w*|formerly|former|previous(ly)?|earlier|until)\b", re.I)


def _citations(text: str) -> list[tuple[str, str, int]]:
    """(family id, matched text, cited year) for every guidance citation in a sentence."""
    out = []
    for fam in editions():
        for m in fam.cite.finditer(text):
            groups = m.groupdict()
            year = groups.get("year") or groups.get("year2")
            if year:
                out.append((fam.id, m.group(0), int(year)))
            elif groups.get("implied") and fam.implied_year:
                out.append((fam.id, m.group(0), fam.implied_year))
    return out


def check_stale_edition(d: Draft) -> list[Defect]:
    """A tool-written sentence cites an edition of guidance that is not the one in force on the
    as-of date (editions.yaml): e.g. WTtSC 2023 after March 2026, KCSIE 2025 from 1 September
    2026, EYFS 2021, the 2018 information-sharing advice. History is exempt: accounts of past
    events and sentences saying what replaced what ("WTtSC 2026 replaced the 2023 edition")."""
    fams = {f.id: f for f in editions()}
    found: dict[tuple[str, int], list[str]] = {}
    for s in _written(d):
        if EDITION_HISTORY.search(s.text):
            continue
        for fid, _match, year in _citations(s.text):
            if year != fams[fid].in_force(d.as_of):
                found.setdefault((fid, year), []).append(s.text)
    out = []
    for (fid, year), sentences in found.items():
        current = fams[fid].in_force(d.as_of)
        times = f"{len(sentences)} sentences, e.g. " if len(sentences) > 1 else ""
        out.append(
            Defect(
                "stale_edition",
                f"{fams[fid].title} {year}",
                f"{fams[fid].title} {current} is in force on {d.as_of}; {times}{_clip(sentences[0], 90)!r}",
            )
        )
    return out


# -- planted traps, decoys and topics (expect.yaml) -------------------------------------------


def _present(d: Draft, key: str) -> int | None:
    """Index of the first updated block containing `key` (squashed), or None."""
    needle = squash(key)
    for b in d.updated:
        if needle in squash(b.text):
            return b.index
    return None


def _noted(d: Draft, key: str) -> bool:
    notes = squash(d.notes)
    needle = squash(key)
    return needle in notes or needle[:40] in notes


def check_planted(d: Draft) -> list[Defect]:
    """The traps planted in the policy (expect.yaml `traps`, grouped by defect class).

    - must: change   the key text must be gone from the updated policy;
    - must: flag     gone, or quoted in the notes for a person to decide;
    - must: complete the key stays but the unit must gain `needs` (a regex) nearby;
    decoys (text that is right and must survive) are reported as decoy_changed, and topics whose
    only coverage was thin (expect.yaml `topics`) as coverage_gap unless some block of the
    updated text matches all of the topic's `needs` or the notes name the topic.
    """
    out = []
    for group, items in (d.expect.get("traps") or {}).items():
        for item in items or []:
            key, must = item["key"], item.get("must", "change")
            at = _present(d, key)
            if must == "change" and at is not None:
                out.append(
                    Defect(
                        group,
                        key,
                        "planted trap left in the updated policy" + (f": {item['note']}" if item.get("note") else ""),
                    )
                )
            elif must == "flag" and at is not None and not _noted(d, key):
                out.append(Defect(group, key, "planted trap neither changed nor flagged in the notes"))
            elif must == "complete":
                needs = re.compile(item["needs"], re.I)
                window = d.updated[max(0, (at or 0) - 8) : (at or 0) + 9] if at is not None else d.updated
                if not any(needs.search(b.text) for b in window):
                    out.append(Defect(group, key, f"unit not completed: no '{item['needs']}'"))
    for decoy in d.expect.get("decoys") or []:
        if _present(d, decoy["key"]) is None:
            out.append(Defect("decoy_changed", decoy["key"], decoy.get("note", "correct text was changed")))
    for topic in d.expect.get("topics") or []:
        needs = [re.compile(p, re.I) for p in topic["needs"]]
        covered = any(all(p.search(b.text) for p in needs) for b in d.updated)
        if not covered and squash(topic["label"]) not in squash(d.notes):
            out.append(
                Defect(
                    "coverage_gap",
                    topic["label"],
                    topic.get("note", "only a thin mention; neither covered nor offered in the notes"),
                )
            )
    return out


# -- all ----------------------------------------------------------------------------------------

CHECKS = (
    check_legal_wrong_form,
    check_invented_body,
    check_generic_name,
    check_wrong_successor,
    check_half_edit,
    check_contradictory_history,
    check_duplicate_sentence,
    check_growth,
    check_placeholder_known,
    check_setting_mismatch,
    check_count_grammar,
    check_notes_quality,
    check_outdated_left,
    check_stale_edition,
    check_planted,
)


def run_all(d: Draft) -> list[Defect]:
    """Every check; a planted trap already reported by a pattern check of the same class is dropped."""
    found: list[Defect] = []
    for check in CHECKS:
        found.extend(check(d))
    out: list[Defect] = []
    seen = set()
    for defect in found:
        key = (defect.cls, defect.text, defect.detail)
        if key in seen:
            continue
        seen.add(key)
        out.append(defect)
    pattern_texts = defaultdict(list)
    for defect in out:
        if not defect.detail.startswith("planted"):
            pattern_texts[defect.cls].append(squash(defect.text))
    return [
        defect
        for defect in out
        if not (
            defect.detail.startswith("planted") and any(squash(defect.text) in t for t in pattern_texts[defect.cls])
        )
    ]


def by_class(defects: list[Defect]) -> dict[str, list[Defect]]:
    grouped: dict[str, list[Defect]] = {}
    for defect in defects:
        grouped.setdefault(defect.cls, []).append(defect)
    return dict(sorted(grouped.items(), key=lambda kv: CLASSES.index(kv[0]) if kv[0] in CLASSES else 99))


def report(defects: list[Defect]) -> str:
    """Defects grouped by class, for a test failure message."""
    lines = []
    for cls, items in by_class(defects).items():
        lines.append(f"{cls} ({len(items)}):")
        lines.extend(f"  - {_clip(x.text, 140)!r}" + (f"  [{_clip(x.detail, 140)}]" if x.detail else "") for x in items)
    return "\n".join(lines)
