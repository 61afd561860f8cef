"""Legal facts a child protection policy must state correctly, and their known wrong forms.

`wrong_forms_in(text, on, setting)` finds wrong statements ("section 157 for an English
academy", "Operation Encompass is voluntary" after 7 November 2025, "the CCG" as a current
body). Each wrong form says whether it is always wrong or wrong only from a date or for some
settings; without a date or a setting, forms that depend on them are not reported.

The public API, gathered from the modules that do the work: `model` (frozen records and
the error), `index` (`LegalFacts`, the search and text normalising) and `load` (reading and
validating facts.yaml). yaml and pydantic load only inside `load_facts` / `parse_facts`.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from wttsc_policy.legal.index import LegalFacts, normalise
from wttsc_policy.legal.load import FACTS_FILE, load_facts, parse_facts
from wttsc_policy.legal.model import Fact, LegalFactsError, WrongForm, WrongFormHit

__all__ = [
    "FACTS_FILE",
    "Fact",
    "LegalFacts",
    "LegalFactsError",
    "WrongForm",
    "WrongFormHit",
    "default_facts",
    "load_facts",
    "normalise",
    "parse_facts",
    "wrong_forms_in",
]


@cache
def default_facts() -> LegalFacts:
    """The shipped facts, loaded once per process."""
    return load_facts()


def wrong_forms_in(
    text: str, on: date | None = None, setting: str | None = None, facts: LegalFacts | None = None
) -> list[WrongFormHit]:
    return (facts or default_facts()).wrong_forms_in(text, on, setting)
