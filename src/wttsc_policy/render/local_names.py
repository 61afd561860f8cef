"""What the change notes ask a person to supply: generic names standing in for the area's
real bodies, placeholders left in the new text, and where the partnership name came from.

Kept apart from render/notes.py, which lays the notes out; these read the school's values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from wttsc_policy.plan.model import EditPlan
from wttsc_policy.rulepacks.templates import placeholder as label_of
from wttsc_policy.template_values import GENERIC_COUNCIL, GENERIC_ICB, GENERIC_PARTNERSHIP


def generic_names(changes: Sequence[Mapping[str, Any]], values: Mapping[str, Any]) -> list[str]:
    """Generic words the new text uses where the area's real body is not known (the local
    authority is not set or inferred): each is a hand edit for the DSL."""
    text = " ".join(str(c.get("new") or "") for c in changes).lower()
    out = []
    if not values.get("partnership_name") and GENERIC_PARTNERSHIP.removeprefix("the ") in text:
        out.append("the local safeguarding partnership")
    if not values.get("local_authority") and GENERIC_COUNCIL.removeprefix("the ") in text:
        out.append("the local authority")
    if "integrated care board" in text and values.get("icb") in (None, GENERIC_ICB):
        out.append("the integrated care board")
    return out


def partnership_source(values: Mapping[str, Any]) -> dict[str, Any] | None:
    """Where the partnership name used in the new text came from (issue: name the source)."""
    name = values.get("partnership_name")
    if not name:
        return None
    return {
        "name": name,
        "local_authority": values.get("local_authority"),
        "website": values.get("partnership_website"),
        "source": values.get("partnership_source"),
        "confidence": values.get("partnership_confidence"),
        "as_of": values.get("partnerships_as_of"),
        "inferred_from": values.get("inferred_from"),
        "note": values.get("partnership_note"),
    }


def _config_key_for(placeholder: str, values: Mapping[str, Any]) -> str | None:
    """The config key whose value would replace a placeholder, when there is one."""
    for key in values:
        if label_of(key) == placeholder:
            return key
    return None


def placeholder_rows(plan: EditPlan, values: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per distinct placeholder: which changes hold it and how to fill it."""
    rows: dict[str, dict[str, Any]] = {}
    for edit, ph in plan.placeholders:
        row = rows.setdefault(ph, {"placeholder": ph, "numbers": [], "key": _config_key_for(ph, values)})
        if edit.number not in row["numbers"]:
            row["numbers"].append(edit.number)
    return list(rows.values())


_PLURAL = {"academy": "academies", "setting": "settings", "college": "colleges", "school": "schools"}


def setting_title(title: str, values: Mapping[str, Any]) -> str:
    """A rule title in the words of the policy's kind of setting: governors of a nursery read
    "Settings are relevant agencies", not "Schools are ..." (titles are written for schools)."""
    noun = str(values.get("setting_noun") or "school")
    if noun == "school" or "school" not in title.lower():
        return title
    plural = _PLURAL.get(noun, noun + "s")

    def swap(m: re.Match[str]) -> str:
        word = m.group(0)
        new = plural if word.lower() == "schools" else noun
        return new[0].upper() + new[1:] if word[0].isupper() else new

    return re.sub(r"\b[Ss]chools?\b(?! census)", swap, title)
