"""No text the tool writes states the law wrongly (issue 13, legal facts as data).

`wttsc_policy.legal.facts` lists the legal facts a policy must get right and the wrong forms
seen in real policies (section 14B for the partners' information power, the police or the
DSL deciding on a section 47 enquiry, section 175 for an academy, Operation Encompass as a
voluntary scheme, a CCG as a current body...). Every text the tool can put into a policy or
its change notes is run through `wrong_forms_in`, for every kind of setting a form depends on
and on the days forms start to apply:

- every clause template of every pack, rendered for every setting (and for an unknown one),
  with and without a known local authority, on each day;
- every rule's message, rationale, replacement texts and the `after` text of its fixes;
- the change-notes templates and each pack's staff briefing (rendered for every setting).

A hit fails the test with the text, the fact and why it is wrong.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from wttsc_policy.config import Config
from wttsc_policy.context import values_for
from wttsc_policy.guidance.editions import load_editions
from wttsc_policy.legal.facts import wrong_forms_in
from wttsc_policy.match.gating import Gate, rule_applies
from wttsc_policy.partnerships.infer import resolve_area
from wttsc_policy.resources import data_dir
from wttsc_policy.rulepacks.load import load_ruleset
from wttsc_policy.rulepacks.schema import PatternSpec, Rule
from wttsc_policy.rulepacks.templates import render_template
from wttsc_policy.settings import Setting
from wttsc_policy.template_values import template_values

RULESET = load_ruleset()
SETTINGS: list[Setting | None] = [None, *Setting]
# The day before and the day of the changes clause texts branch on (Operation Encompass
# statutory, the NHS reorganisation, recognised legitimate interests), and the horizon.
DAYS = [date(2025, 11, 6), date(2026, 3, 31), date(2026, 4, 1), date(2026, 12, 7)]
AREAS = {"known": "Kent", "unknown": None}


def _sid(setting: Setting | None) -> str:
    return setting.value if setting else "unknown"


def _hits(text: str, setting: Setting | None, on: date) -> list[str]:
    return [
        f"{h.fact_id}.{h.form_id}: {h.text!r} ({h.explanation})"
        for h in wrong_forms_in(text, on, setting.value if setting else None)
    ]


def _values(setting: Setting | None, area: str, on: date) -> dict:
    config = Config(local_authority=AREAS[area], school_name="Oakfield School")
    editions = load_editions().all_in_force(on)
    base = template_values(config, resolve_area(config, None), setting=setting, editions=editions, as_of=on)
    return values_for(base, editions, RULESET)


CLAUSES = sorted({(r.pack_dir, r.clause) for r in RULESET.rules if r.clause and r.pack_dir}, key=str)


@pytest.mark.parametrize("area", sorted(AREAS))
@pytest.mark.parametrize("setting", SETTINGS, ids=_sid)
@pytest.mark.parametrize(("folder", "clause"), CLAUSES, ids=[c for _, c in CLAUSES])
def test_clauses_state_the_law_rightly(folder: Path, clause: str, setting: Setting | None, area: str) -> None:
    problems = []
    for on in DAYS:
        text = render_template(folder, clause, _values(setting, area, on))
        problems += [f"{on}: {p}" for p in _hits(text, setting, on)]
    assert not problems, "\n".join(problems)


# A term in quotation marks is mentioned, not used ("Says 'lead professional'; ..."): rule
# messages and notes may quote the wrong form they correct.
_QUOTED = re.compile(r"(?<![\w'])'[^'\n]{1,80}'(?![\w'])|\"[^\"\n]{1,80}\"|‘[^’\n]{1,80}’|“[^”\n]{1,80}”")


def _unquoted(text: str) -> str:
    return _QUOTED.sub(" ", text)


def _rule_texts(rule: Rule) -> list[str]:
    """What a rule puts in front of people: its message, rationale and replacements
    (quotations of the wrong form left out of the message and rationale)."""
    texts = [_unquoted(rule.title), _unquoted(rule.message), _unquoted(rule.rationale)]
    texts += [p.replacement for p in rule.patterns if isinstance(p, PatternSpec) and p.replacement]
    texts += [rule.replacement or ""]
    texts += [fix.after for fix in rule.examples.fixes if fix.after != fix.before]  # unchanged: left to a person
    return [t for t in texts if t]


@pytest.mark.parametrize("rule", RULESET.rules, ids=lambda r: r.id)
def test_rule_texts_state_the_law_rightly(rule: Rule) -> None:
    on = DAYS[-1]
    settings = [s for s in SETTINGS if rule_applies(rule, Gate(on, (), s.value if s else None))]
    problems = [f"{_sid(s)}: {p}" for text in _rule_texts(rule) for s in settings for p in _hits(text, s, on)]
    assert not problems, "\n".join(problems)


_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
NOTES_TEMPLATES = sorted((data_dir("templates") / "notes").glob("*.j2"))


@pytest.mark.parametrize("template", NOTES_TEMPLATES, ids=lambda p: p.name)
def test_notes_templates_state_the_law_rightly(template: Path) -> None:
    text = _unquoted(_JINJA.sub(" ", template.read_text(encoding="utf-8")))
    problems = [p for s in SETTINGS for p in _hits(text, s, DAYS[-1])]
    assert not problems, "\n".join(problems)


BRIEFINGS = sorted({r.pack_dir for r in RULESET.rules if r.pack_dir and (r.pack_dir / "briefing.md.j2").is_file()})


@pytest.mark.parametrize("setting", SETTINGS, ids=_sid)
@pytest.mark.parametrize("folder", BRIEFINGS, ids=lambda p: p.name)
def test_staff_briefings_state_the_law_rightly(folder: Path, setting: Setting | None) -> None:
    on = DAYS[-1]
    text = render_template(folder, "briefing.md.j2", _values(setting, "known", on))
    assert not _hits(text, setting, on), "\n".join(_hits(text, setting, on))


def test_the_test_catches_a_known_wrong_form() -> None:
    """The checks above can fail: an old clause wording is caught."""
    old = "We respond to requests made under section 14B of the Children Act 2004."
    assert _hits(old, None, DAYS[-1])
    assert _hits("We meet our duty under section 175 of the Education Act 2002.", Setting.ACADEMY, DAYS[-1])
