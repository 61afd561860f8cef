"""What clause and replacement templates are filled with, for one file.

Config values first; then what the tool knows about the file: the partnership and council
from the area (official names), the words for people and bodies in the file's kind of
setting (when config does not name them), the edition of each guidance family in force on
the "as of" date, and plain flags templates branch on (`setting`, `partnership_known`).
Templates see only plain data: strings, booleans and dicts of strings.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import date
from typing import Any

from wttsc_policy.config.model import Config
from wttsc_policy.document import Document
from wttsc_policy.guidance.editions import Edition
from wttsc_policy.partnerships.infer import Area
from wttsc_policy.partnerships.values import partnership_values
from wttsc_policy.regexcode import compile_regex
from wttsc_policy.settings import Setting, setting_words

# Generic wording for new text when the local authority (and so the partnership) is unknown;
# the change notes then ask the DSL to name the real body (see render/notes.py).
GENERIC_PARTNERSHIP = "the local safeguarding partnership"
GENERIC_COUNCIL = "the local authority"
GENERIC_ICB = "the integrated care board"
# Role titles a school may write with their initials: "designated safeguarding lead (DSL)".
_TITLES = ("dsl_title", "deputy_dsl_title")
_WITH_INITIALS = compile_regex(r"(?P<title>.+?) \((?P<initials>[A-Z][A-Za-z]{1,9})\)")


def icb_name(local_authority: str | None, on: date | None) -> str | None:
    """The real ICB covering a council on a day, when the NHS data is sure of exactly one
    (never a name built from a place); None otherwise."""
    if not local_authority or on is None:
        return None
    from wttsc_policy.nhs.bodies import NhsError, icb_for_local_authority  # data loads on first use

    try:
        found = icb_for_local_authority(local_authority, on)
    except NhsError:
        return None
    return found.name if found.action == "replace" else None


def template_values(
    config: Config,
    area: Area,
    *,
    setting: Setting | None = None,
    explicit: Collection[str] = (),
    editions: Mapping[str, Edition] | None = None,
    as_of: date | None = None,
    doc: Document | None = None,
) -> dict[str, Any]:
    """Values for templates (see module docstring). `explicit`: config keys the school set;
    `doc`: the policy, whose title names the school when config does not."""
    values = config.template_values()
    for key, value in partnership_values(config, area).items():
        if value is not None and (values.get(key) is None or key == "local_authority"):
            values[key] = value  # the official council name replaces the configured spelling
    if values.get("school_name") is None and doc is not None:
        from wttsc_policy.read.title import school_name_from_title

        values["school_name"] = school_name_from_title(doc)
    if doc is not None:
        _short_forms_the_policy_uses(values, doc)
    values["icb"] = icb_name(values.get("local_authority"), as_of)
    return _complete(values, config, setting, explicit, editions, as_of)


def _short_forms_the_policy_uses(values: dict[str, Any], doc: Document) -> None:
    """A title written out with its initials, "designated safeguarding lead (DSL)", becomes
    the initials alone when the policy already uses them: its readers know them, and new
    text that spells them out at every mention reads as pasted in."""
    body = [b.text for b in doc.blocks if b.part == "body"]
    for key in _TITLES:
        value = values.get(key)
        m = _WITH_INITIALS.fullmatch(value) if isinstance(value, str) else None
        if m is None:
            continue
        initials = m.group("initials")
        word = compile_regex(rf"(?<![\w-]){re.escape(initials)}(?![\w-])")
        if any(initials in text and word.search(text) for text in body):
            values[key] = initials


def text_values(
    config: Config, editions: Mapping[str, Edition], as_of: date, setting: Setting | None = None
) -> dict[str, Any]:
    """Values for a text outside any file (rule examples, tests): config's, no area."""
    return _complete(config.template_values(), config, setting, (), editions, as_of)


def _complete(
    values: dict[str, Any],
    config: Config,
    setting: Setting | None,
    explicit: Collection[str],
    editions: Mapping[str, Edition] | None,
    as_of: date | None,
) -> dict[str, Any]:
    words = setting_words(setting, school=config.setting_type == "school" and "setting_type" in explicit)
    for key in ("headteacher_title", "governing_body"):
        if key in explicit:
            words.pop(key)
    values.update(words)
    values["setting"] = setting.value if setting is not None else "unknown"
    values["partnership_known"] = bool(values.get("partnership_name"))
    values["partnership"] = values.get("partnership_name") or GENERIC_PARTNERSHIP
    # the name on its own, or generic words without an article (replacement texts)
    values["partnership_term"] = values.get("partnership_name") or GENERIC_PARTNERSHIP.removeprefix("the ")
    values["council"] = values.get("local_authority") or GENERIC_COUNCIL
    values["icb"] = values.get("icb") or GENERIC_ICB
    if as_of is not None:
        values["as_of"] = as_of.isoformat()
    return values
