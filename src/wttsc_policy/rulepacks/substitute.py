"""Plain substitution for rule texts: replacements, messages and sources.

A rule's replacement is data, not code: `{edition.title}` or `{partnership_name}` is
swapped for a value, and nothing else happens (no expressions, filters or loops), so a
trust's pack cannot run anything by writing a replacement. The names are a fixed set:

- `{edition.title}`, `{edition.short}`, `{edition.year}`, `{edition.id}`: the edition in
  force (on the file's "as of" date, or pinned) of the rule's guidance family;
- `{<family>.title}` and so on for any family of the editions data, e.g. `{kcsie.short}`;
- the school's values from config and the partnership data (`VALUE_NAMES`).

`{{ name }}` (the Jinja spelling older packs used) is accepted for the same names. An
unknown name, or any other template syntax, is a pack validation error (`check_names`).
A value that is not set becomes its visible placeholder, e.g. "[school name]".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from wttsc_policy.records import record
from wttsc_policy.regexcode import compile_regex
from wttsc_policy.rulepacks.templates import placeholder

# Values from config and the partnership data that a rule text may use.
VALUE_NAMES = frozenset(
    {
        "school_name",
        "trust_name",
        "local_authority",
        "partnership_name",
        "partnership_website",
        "dsl_title",
        "deputy_dsl_title",
        "headteacher_title",
        "governing_body",
        "setting_type",
        "kcsie_edition",  # deprecated: the year of the KCSIE edition in force; prefer {kcsie.year}
        # what the tool knows about the file (template_values.py): the area's real names, or
        # generic words when the local authority is not known, and the setting's own words
        "partnership",
        "partnership_term",
        "council",
        "icb",
        "learners",
        "setting_noun",
        "settings_plural",  # "Schools", "Colleges", "Early years settings", "Childminders"
        "welfare_duty",
        "we",
        "We",
        "us",
        "our",
    }
)
EDITION_FIELDS = ("title", "short", "year", "id")
EDITION = "edition"  # the rule's own family

_NAME = compile_regex(r"\{\{ *([A-Za-z_][A-Za-z0-9_.]*) *\}\}|\{([A-Za-z_][A-Za-z0-9_.]*)\}")
_OTHER_SYNTAX = compile_regex(r"\{%|%\}|\{#|#\}|\{\{|\}\}")


@record(frozen=True, slots=True)
class Citation:
    """How to cite the edition of one family in force: what `{family.*}` gives."""

    family: str
    id: str
    title: str
    short: str

    @property
    def year(self) -> str:
        """The edition's year ("2026"; "2014" for an id such as "2014-2016")."""
        return self.id[:4] if self.id[:4].isdigit() else self.id


def names_in(text: str) -> list[str]:
    """The substitution names a text uses, in order."""
    return [m.group(1) or m.group(2) for m in _NAME.finditer(text)]


def check_names(text: str, families: Iterable[str], *, own_family: str | None) -> str | None:
    """Why `text` is not a valid rule text, or None: unknown names, `{edition.*}` in a rule
    without a family, or template syntax other than plain names."""
    known_families = set(families)
    rest = _NAME.sub("", text)
    if _OTHER_SYNTAX.search(rest):
        return f"{text!r}: only plain names such as {{edition.title}} can be substituted (no template code)"
    for name in names_in(text):
        if name in VALUE_NAMES:
            continue
        head, _, field = name.partition(".")
        if field not in EDITION_FIELDS:
            return f"{text!r}: unknown name {{{name}}}"
        if head == EDITION:
            if own_family is None or own_family not in known_families:
                return (
                    f"{text!r}: {{{name}}} needs the rule (or its pack) to name a guidance family of the editions data"
                )
            continue
        if head not in known_families:
            return f"{text!r}: unknown guidance family in {{{name}}}"
    return None


def value_of(name: str, values: Mapping[str, Any], family: str | None) -> str:
    """The text for one name (a placeholder when the value is not known)."""
    head, _, field = name.partition(".")
    if not field:
        value = values.get(name)
        return placeholder(name) if value is None else str(value)
    if head == EDITION:
        head = family or ""
    citation = values.get(head)
    if not isinstance(citation, Citation):
        return placeholder(f"{head} edition in force")
    return str(getattr(citation, field))


def substitute(text: str | None, values: Mapping[str, Any], family: str | None = None) -> str | None:
    """`text` with every `{name}` replaced (see the module docstring); None stays None."""
    if text is None or "{" not in text:
        return text
    return _NAME.sub(lambda m: value_of(m.group(1) or m.group(2), values, family), text)
