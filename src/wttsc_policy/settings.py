"""The kinds of setting a policy can belong to, and the names a config may use for them.

Which law applies depends on the setting: a maintained school's governing body has the
section 175 Education Act 2002 duty, an academy's or independent school's proprietor meets
the Independent School Standards, an early years provider follows the EYFS framework, a
college works with adults as well as 16-18s. Rules and clauses are gated by these values;
`None` means the setting is not known (the tool then writes wording that fits every setting
or leaves a hand-edit note).
"""

from __future__ import annotations

from enum import Enum


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
