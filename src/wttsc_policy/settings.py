"""The kinds of setting a policy can belong to, and the names a config may use for them.

Which law applies depends on the setting: a maintained school's governing body has the
section 175 Education Act 2002 duty, an academy's or independent school's proprietor meets
the Independent School Standards, an early years provider follows the EYFS framework, a
college works with adults as well as 16-18s. Rules and clauses are gated by these values;
`None` means the setting is not known (the tool then writes wording that fits every setting
or leaves a hand-edit note).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from enum import Enum

from wttsc_policy.match.textscan import finditer_lower, ignorecase, lower_text, words_absent
from wttsc_policy.records import record


class Setting(str, Enum):
    """One kind of setting (value = the config spelling)."""

    MAINTAINED_SCHOOL = "maintained_school"
    ACADEMY = "academy"  # academies and free schools (an academy trust is the proprietor)
    INDEPENDENT_SCHOOL = "independent_school"
    COLLEGE = "college"  # further education and sixth-form colleges
    EARLY_YEARS = "early_years"  # nurseries, pre-schools and other group early years providers
    CHILDMINDER = "childminder"

    @property
    def label(self) -> str:
        """Plain words for notes and messages."""
        return _LABELS[self]

    @property
    def is_school(self) -> bool:
        return self in (Setting.MAINTAINED_SCHOOL, Setting.ACADEMY, Setting.INDEPENDENT_SCHOOL)


_LABELS = {
    Setting.MAINTAINED_SCHOOL: "maintained school",
    Setting.ACADEMY: "academy or free school",
    Setting.INDEPENDENT_SCHOOL: "independent school",
    Setting.COLLEGE: "further education or sixth-form college",
    Setting.EARLY_YEARS: "early years setting",
    Setting.CHILDMINDER: "childminder",
}

# Other spellings a config may use. "school" (the old default) says only that the policy is a
# school's, not which kind: it resolves to no setting, so the kind is inferred or left open.
ALIASES: dict[str, Setting | None] = {
    "school": None,
    "maintained school": Setting.MAINTAINED_SCHOOL,
    "maintained": Setting.MAINTAINED_SCHOOL,
    "free school": Setting.ACADEMY,
    "free_school": Setting.ACADEMY,
    "academy trust": Setting.ACADEMY,
    "independent school": Setting.INDEPENDENT_SCHOOL,
    "independent": Setting.INDEPENDENT_SCHOOL,
    "fe college": Setting.COLLEGE,
    "fe_college": Setting.COLLEGE,
    "further education college": Setting.COLLEGE,
    "sixth form college": Setting.COLLEGE,
    "sixth-form college": Setting.COLLEGE,
    "sixth_form_college": Setting.COLLEGE,
    "nursery": Setting.EARLY_YEARS,
    "pre-school": Setting.EARLY_YEARS,
    "preschool": Setting.EARLY_YEARS,
    "early years": Setting.EARLY_YEARS,
    "early years setting": Setting.EARLY_YEARS,
    "day nursery": Setting.EARLY_YEARS,
    "pupil referral unit": Setting.MAINTAINED_SCHOOL,
    "childminding": Setting.CHILDMINDER,
}


def parse_setting(value: str) -> Setting | None:
    """A config value -> its Setting (None for the generic "school"); ValueError if unknown."""
    key = " ".join(value.strip().lower().split())
    for setting in Setting:
        if key == setting.value:
            return setting
    if key in ALIASES:
        return ALIASES[key]
    known = ", ".join(s.value for s in Setting)
    raise ValueError(f"unknown setting '{value}'; use one of: {known} (or 'school' when the kind is not known)")


# --------------------------------------------------------------------------- inference
#
# When config does not say which kind of setting a policy is for, the words it uses do:
# "childminder", "day nursery", "the college", "academy trust", "proprietor", "governing
# body". Each phrase has a weight; a phrase in the title counts many times over, because a
# title ("Little Acorns Day Nursery", "Longmynd Sixth Form College") is the surest sign.
# EYFS on its own is weak evidence: schools with a Reception class follow it too.

# Each signal is counted over the whole policy: every alternative starts with \b and a
# letter (write "\bthe academy\b|\bour academy\b", not "\b(?:the|our) academy\b"), so
# match/textscan.py can search it without re's slow word-boundary scan (a test checks).
_SIGNALS: dict[Setting, tuple[tuple[str, int], ...]] = {
    Setting.CHILDMINDER: ((r"\bchildmind(?:er|ers|ing)\b", 5),),
    Setting.EARLY_YEARS: (
        (r"\bday nurser(?:y|ies)\b", 4),
        (r"\bpre-?schools?\b", 3),
        (r"\bnursery (?:manager|owners?|practitioners?|staff|room)\b", 3),
        (r"\bearly years (?:settings?|providers?|practitioners?)\b", 2),
        (r"\bofsted[- ]registered\b|\bregistered with ofsted\b|\bearly years register\b", 2),
        (r"\bkey person\b", 1),
    ),
    Setting.COLLEGE: (
        (r"\bsixth[- ]form college\b", 5),
        (r"\bthe college(?:'s)?\b|\bour college(?:'s)?\b|\bthis college(?:'s)?\b", 3),
        (r"\bfurther education\b", 2),
        (r"\bapprentices(?:hips?)?\b", 2),
        (r"\badult learners\b|\badults at risk\b|\blearners aged (?:18|19)\b", 2),
        (r"\blearners\b", 1),
    ),
    Setting.ACADEMY: (
        (r"\bmulti-academy trust\b|\bacademy trust\b", 4),
        (r"\bfree school\b", 3),
        (r"\bfunding agreement\b", 3),
        (r"\bthe academy(?:'s)?\b|\bour academy(?:'s)?\b|\bthis academy(?:'s)?\b", 3),
        (r"\btrust board\b|\btrustees\b", 2),
    ),
    Setting.INDEPENDENT_SCHOOL: (
        (r"\bindependent schools inspectorate\b|\bisi\b", 4),
        (r"\bprep(?:aratory)? school\b", 4),
        (r"\bindependent school\b", 3),
        (r"\bnational minimum standards\b", 2),
        (r"\bboarding\b|\bboarders?\b", 1),
        (r"\bproprietors?\b", 1),
        (r"\bbursar\b", 1),
    ),
    Setting.MAINTAINED_SCHOOL: (
        (
            r"\blocal authority maintained (?:school|special school|nursery school)s?\b|\bmaintained (?:school|special school|nursery school)s?\b",
            4,
        ),
        (r"\bvoluntary (?:aided|controlled)\b|\bcommunity school\b|\bfoundation school\b", 3),
        (r"\bpupil referral unit\b|\bmanagement committee\b", 3),
        (r"\bgoverning (?:body|board)\b", 1),
    ),
}
_TITLE: dict[Setting, str] = {
    Setting.CHILDMINDER: r"\bchildmind",
    Setting.EARLY_YEARS: r"\bnursery\b|\bpre-?school\b",
    Setting.COLLEGE: r"\bcollege\b",
    Setting.ACADEMY: r"\bacademy\b|\bfree school\b",
    Setting.INDEPENDENT_SCHOOL: r"\bprep(?:aratory)?\b",
    Setting.MAINTAINED_SCHOOL: r"\bpupil referral unit\b|\bcommunity (?:primary |secondary |special )?school\b",
}
TITLE_WEIGHT = 20
MIN_SCORE = 3


@record(frozen=True, slots=True)
class SettingGuess:
    """A setting inferred from a policy's wording, with the phrases that decided it."""

    setting: Setting
    evidence: tuple[tuple[str, int], ...]  # (phrase as written, times), most frequent first
    title: str | None = None  # the title, when it named the setting

    def describe(self) -> str:
        """Plain words for the notes: "setting inferred as early years setting from: ..."."""
        bits = [f"the title ('{self.title}')"] if self.title else []
        bits += [f"'{phrase}' x{n}" for phrase, n in self.evidence[:4]]
        return f"setting inferred as {self.setting.label} from: {', '.join(bits)}"


def infer_setting(text: str, title: str | None = None, words: Collection[str] | None = None) -> SettingGuess | None:
    """The kind of setting a policy's words point to, or None when they do not clearly
    point to one (the best score must reach MIN_SCORE and beat the next by half again).

    `words`, when given, are the policy's lower-case words (partnerships.infer's
    document_words): a signal needing a word no policy word contains is skipped without
    a substring test of the whole text."""

    low, exact = lower_text(text)
    absent = words_absent(words) if words is not None else None
    scores: dict[Setting, int] = {}
    evidence: dict[Setting, Counter[str]] = {}
    for setting, signals in _SIGNALS.items():
        seen: Counter[str] = Counter()
        score = 0
        for pattern, weight in signals:
            for m in finditer_lower(pattern, text, low, exact, absent):
                seen[" ".join(m.group(0).lower().split())] += 1
                score += weight
        named = bool(title and ignorecase(_TITLE[setting]).search(title))
        scores[setting] = score + (TITLE_WEIGHT if named else 0)
        evidence[setting] = seen
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < MIN_SCORE or top * 2 < second * 3:
        return None
    named_title = title if title and ignorecase(_TITLE[best]).search(title) else None
    return SettingGuess(
        best, tuple(evidence[best].most_common()), " ".join(named_title.split()) if named_title else None
    )


# --------------------------------------------------------------------------- wording
#
# The words new text uses for the people and bodies of each kind of setting, when config
# does not name them (`headteacher_title`, `governing_body`). `None` (not known) gets
# wording that fits any setting.

_SCHOOL_DUTY = "section 175 of the Education Act 2002"
_ISS_DUTY = "the Education (Independent School Standards) Regulations 2014 (Schedule, Part 3, paragraph 7)"
_EYFS_DUTY = "the safeguarding and welfare requirements of the early years foundation stage (EYFS)"
_WE = {"we": "we", "We": "We", "us": "us", "our": "our"}
_I = {"we": "I", "We": "I", "us": "me", "our": "my"}
_WORDS: dict[Setting | None, dict[str, str]] = {
    Setting.MAINTAINED_SCHOOL: {
        "settings_plural": "Schools", "setting_noun": "school", "learners": "pupils",
        "headteacher_title": "headteacher", "governing_body": "governing board",
        "welfare_duty": _SCHOOL_DUTY, **_WE,
    },
    Setting.ACADEMY: {
        "settings_plural": "Schools", "setting_noun": "academy", "learners": "pupils",
        "headteacher_title": "headteacher", "governing_body": "trust board",
        "welfare_duty": _ISS_DUTY, **_WE,
    },
    Setting.INDEPENDENT_SCHOOL: {
        "settings_plural": "Schools", "setting_noun": "school", "learners": "pupils",
        "headteacher_title": "head", "governing_body": "proprietor",
        "welfare_duty": _ISS_DUTY, **_WE,
    },
    Setting.COLLEGE: {
        "settings_plural": "Colleges", "setting_noun": "college", "learners": "students",
        "headteacher_title": "principal", "governing_body": "governing body",
        "welfare_duty": _SCHOOL_DUTY, **_WE,
    },
    Setting.EARLY_YEARS: {
        "settings_plural": "Early years settings", "setting_noun": "setting", "learners": "children",
        "headteacher_title": "manager", "governing_body": "registered provider",
        "welfare_duty": _EYFS_DUTY, **_WE,
    },
    Setting.CHILDMINDER: {
        "settings_plural": "Childminders", "setting_noun": "setting", "learners": "children",
        "headteacher_title": "childminder", "governing_body": "registered childminder",
        "welfare_duty": _EYFS_DUTY, **_I,
    },
    None: {
        "settings_plural": "Schools", "setting_noun": "setting", "learners": "children",
        "headteacher_title": "headteacher", "governing_body": "governing board or proprietor",
        "welfare_duty": f"{_SCHOOL_DUTY} (maintained schools and colleges) or, for academies, free schools and "
        f"independent schools, {_ISS_DUTY}",
        **_WE,
    },
}  # fmt: skip


def setting_words(setting: Setting | None, *, school: bool = False) -> dict[str, str]:
    """Default words for new text in a setting (a copy). `school`: the setting is known to
    be a school of some kind, though not which (config's generic "school")."""
    words = dict(_WORDS[setting])
    if setting is None and school:
        words["setting_noun"] = "school"
    return words
