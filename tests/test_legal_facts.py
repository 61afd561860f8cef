"""Legal facts and their known wrong forms: every example in the data is run."""

from __future__ import annotations

import itertools
import pickle
import subprocess
import sys
from datetime import date, timedelta

import pytest
import yaml

from wttsc_policy.legal.facts import (
    FACTS_FILE,
    LegalFactsError,
    WrongForm,
    load_facts,
    parse_facts,
    wrong_forms_in,
)

FACTS = load_facts()
FORMS = FACTS.wrong_forms
SETTINGS: tuple[str | None, ...] = (None, *FACTS.settings)
D = date.fromisoformat


def form_ids(text: str, on: date | None = FACTS.horizon, setting: str | None = None) -> list[str]:
    return [h.form_id for h in FACTS.wrong_forms_in(text, on, setting)]


def conditions(form: WrongForm) -> tuple[date, str | None]:
    """A date and setting on which `form` applies."""
    on = max(FACTS.horizon, form.since) if form.since else FACTS.horizon
    return on, form.settings[0] if form.settings else None


# ---------------------------------------------------------------- the examples in the data


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f"{f.fact_id}.{f.id}")
def test_wrong_examples_trigger_their_form(form: WrongForm) -> None:
    on, setting = conditions(form)
    for example in form.examples_wrong:
        assert form.id in form_ids(example, on, setting), example


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f"{f.fact_id}.{f.id}")
def test_right_examples_trigger_nothing(form: WrongForm) -> None:
    on, _ = conditions(form)
    for example in form.examples_right:
        for setting in SETTINGS:
            assert form_ids(example, on, setting) == [], (example, setting)


@pytest.mark.parametrize("fact", FACTS.facts, ids=lambda f: f.id)
def test_correct_citations_never_trigger_a_wrong_form(fact) -> None:
    for citation in fact.citations:
        for setting in SETTINGS:
            for on in (None, D("2023-01-01"), FACTS.horizon):
                assert form_ids(citation, on, setting) == [], (citation, setting, on)


def test_the_data_checks_itself() -> None:
    assert FACTS.example_failures() == []


@pytest.mark.parametrize("form", [f for f in FORMS if f.since], ids=lambda f: f"{f.fact_id}.{f.id}")
def test_date_conditional_forms_start_on_their_day(form: WrongForm) -> None:
    setting = form.settings[0] if form.settings else None
    for example in form.examples_wrong:
        assert form.id not in form_ids(example, form.since - timedelta(days=1), setting), example
        assert form.id in form_ids(example, form.since, setting), example
        assert form.id not in form_ids(example, None, setting), example  # no date: not reported


@pytest.mark.parametrize("form", [f for f in FORMS if f.settings], ids=lambda f: f"{f.fact_id}.{f.id}")
def test_setting_conditional_forms_need_their_setting(form: WrongForm) -> None:
    on, _ = conditions(form)
    others = [s for s in SETTINGS if s not in form.settings]
    for example in form.examples_wrong:
        for setting in form.settings:
            assert form.id in form_ids(example, on, setting)
        for setting in others:
            assert form.id not in form_ids(example, on, setting), setting


# ---------------------------------------------------------------- specific facts


@pytest.mark.parametrize(
    ("text", "before", "from_day", "form"),
    [
        ("Operation Encompass is a voluntary scheme.", "2025-11-06", "2025-11-07", "oe_voluntary"),
        ("The Children's Wellbeing and Schools Bill changes this.", "2026-04-28", "2026-04-29", "cwsa_still_a_bill"),
        ("Contact the CCG for health advice.", "2022-06-30", "2022-07-01", "ccg_as_current_body"),
        ("We follow the Revised Prevent duty guidance (2015).", "2023-12-30", "2023-12-31", "prevent_2015_guidance"),
    ],
)
def test_wrong_only_from_a_date(text: str, before: str, from_day: str, form: str) -> None:
    assert form not in form_ids(text, D(before))
    assert form in form_ids(text, D(from_day))


def test_section_157_for_an_english_academy() -> None:
    text = "The proprietor meets its safeguarding duty under section 157 of the Education Act 2002."
    assert "s157_english_independent" in form_ids(text, D("2026-01-01"))
    assert form_ids(text, D("2014-12-31")) == []  # before the 2014 Regulations took over
    bare = "We meet our duties under section 157 of the Education Act 2002."
    assert form_ids(bare, D("2026-01-01"), "academy") == ["s157_for_this_setting"]
    assert form_ids(bare, D("2026-01-01"), "school") == []
    assert form_ids(bare, D("2026-01-01"), None) == []
    hit = FACTS.wrong_forms_in(bare, D("2026-01-01"), "Independent School")[0]  # settings match forgivingly
    assert hit.when == "for academy or independent school settings from 5 January 2015"
    assert hit.severity == "info"


def test_the_data_protection_act_2018_is_never_flagged() -> None:
    for text in (
        "We comply with the Data Protection Act 2018.",
        "UK GDPR and the DPA 2018 allow us to share information.",
        "the Data Protection Act 2018 and UK GDPR (as amended by the Data (Use and Access) Act 2025)",
    ):
        for setting in SETTINGS:
            for on in (None, D("2019-01-01"), FACTS.horizon, D("2030-01-01")):
                assert form_ids(text, on, setting) == [], (text, setting, on)


def test_operation_encompass_is_a_police_duty() -> None:
    fact = FACTS.fact("operation_encompass_statutory")
    assert "police" in fact.duty_holder
    assert any("49A" in c for c in fact.citations)
    assert form_ids("Under Operation Encompass schools have a statutory duty under Operation Encompass to act.") == [
        "oe_duty_on_schools"
    ]


def test_one_hit_per_fact_for_overlapping_forms() -> None:
    text = "The safeguarding partners are the local authority, the CCG and the police."
    hits = FACTS.wrong_forms_in(text, FACTS.horizon)
    assert [(h.fact_id, h.form_id) for h in hits] == [("icb_replaces_ccg", "ccg_as_partner")]


def test_spans_index_the_original_text() -> None:
    text = "Intro.\n\nThe  Children\u2019s Wellbeing\tand Schools\u00a0Bill says   so; the\u00adCCG too."
    hits = FACTS.wrong_forms_in(text, FACTS.horizon)
    assert [h.form_id for h in hits] == ["cwsa_still_a_bill"]
    assert hits[0].text == "Children\u2019s Wellbeing\tand Schools\u00a0Bill"
    assert text[hits[0].start : hits[0].end] == hits[0].text
    upper = "OPERATION ENCOMPASS IS A VOLUNTARY SCHEME."
    hit = wrong_forms_in(upper, FACTS.horizon)[0]
    assert (hit.start, hit.text) == (0, "OPERATION ENCOMPASS IS A VOLUNTARY")


def test_hits_are_in_text_order_and_deterministic() -> None:
    text = (
        "We follow the Data Protection Act 1998. Staff have a CRB check. "
        "Operation Encompass is voluntary. Public Health England advises us."
    )
    first = FACTS.wrong_forms_in(text, FACTS.horizon)
    assert [h.form_id for h in first] == ["dpa_1998", "crb_check", "oe_voluntary", "phe_current"]
    assert first == FACTS.wrong_forms_in(text, FACTS.horizon)
    assert all(a.start <= b.start for a, b in itertools.pairwise(first))


def test_without_a_date_only_forms_wrong_whatever_the_date_are_reported() -> None:
    text = "Operation Encompass is voluntary. Staff have a CRB check."
    assert form_ids(text, None) == ["crb_check"]


# ---------------------------------------------------------------- the data itself


REFERENCE_ERRORS = {  # every common error of the reference file has a wrong form
    "ca2004_s16e_safeguarding_partners": {"education_fourth_partner", "lscb_sets_procedures"},
    "ca2004_s16h_information": {"s14b_information"},
    "ca2004_s11": {"s11_school_duty"},
    "ca2004_s10": {"s10_as_partners"},
    "ea2002_s175_s157": {"academies_s175", "s157_maintained", "s157_english_independent", "old_iss_regulations"},
    "ca1989_s17_s47": {"school_runs_s47", "wrong_s47_decider", "s47_child_in_need", "s17_child_protection"},
    "fgm_mandatory_reporting": {"dsl_decides_fgm_report", "known_fgm_to_social_care", "fgm_duty_all_staff"},
    "prevent_duty_s26": {"prevent_2015_guidance", "prevent_wrong_section"},
    "operation_encompass_statutory": {"oe_duty_on_schools", "oe_since_may_2024", "oe_voluntary", "oe_daa_section_20"},
    "icb_replaces_ccg": {"ccg_as_partner", "ccg_designated_professionals"},
    "phe_successors": {"phe_current", "nhs_digital_current", "ukhsa_for_wellbeing"},
    "duaa_2025": {"consent_needed_to_share"},
    "uk_gdpr_dpa2018": {"dpa_1998", "gdpr_without_uk"},
    "cwsa_2026_status": {"cwsa_still_a_bill", "cwsa_wrong_year", "cwsa_fourth_partner", "macpts_in_place"},
    "safeguarding_definition": {
        "maltreatment_without_home_online",
        "health_without_mental_physical",
        "optimum_life_chances",
    },
    "early_help": {"caf_current", "lead_professional"},
    "lado": {"allegations_to_lscb", "investigate_before_lado", "kcsie_one_working_day"},
    "ofsted_isi": {"overall_effectiveness_grade", "safeguarding_effective_judgement"},
    "dbs_barred_list": {"crb_check", "isa_current", "list_99"},
    "wttsc_not_kcsie_attendance": {"wttsc_2024_edition", "attendance_non_statutory"},
}


def test_every_reference_fact_and_error_is_present() -> None:
    assert [f.id for f in FACTS.facts] == list(REFERENCE_ERRORS)
    for fact in FACTS.facts:
        assert REFERENCE_ERRORS[fact.id] <= {w.id for w in fact.wrong_forms}, fact.id


def test_facts_keep_law_duty_holder_sources_and_confidence() -> None:
    assert FACTS.horizon == D("2026-12-07")
    for fact in FACTS.facts:
        assert fact.law and fact.statement and fact.duty_holder and fact.citations
        assert fact.source.startswith("http") and fact.confidence in ("high", "medium", "low")
        for form in fact.wrong_forms:
            assert form.confidence in ("high", "medium", "low")
            assert form.severity in ("info", "warning", "error")
            assert form.explanation and "\n" not in form.explanation
    low = {(w.fact_id, w.id) for w in FORMS if w.confidence == "low"}
    assert ("ca2004_s16h_information", "s14b_information") in low  # the s14B repeal was not seen


def test_unknown_setting_and_fact_are_one_line_errors() -> None:
    with pytest.raises(LegalFactsError, match="unknown setting 'castle'; known settings: maintained_school, academy"):
        FACTS.wrong_forms_in("text", FACTS.horizon, "Castle")
    with pytest.raises(LegalFactsError, match="unknown legal fact 'ca2004_s99'"):
        FACTS.fact("ca2004_s99")


def raw_facts() -> dict:
    return yaml.safe_load(FACTS_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"pattern": "section (175"}, "ca2004_s16e_safeguarding_partners.education_fourth_partner: bad regex"),
        ({"pattern": "(?:x)?"}, "the regex matches empty text"),
        ({"when": {"settings": ["trust"]}}, "unknown setting 'trust'"),
        ({"when": {"from": "7 Nov 2025"}}, "is not a YYYY-MM-DD date"),
        ({"when": {}}, "needs 'from' or 'settings'"),
        ({"examples": {"wrong": ["x"], "right": []}}, "examples.right"),
    ],
)
def test_malformed_facts_are_one_line_errors(change: dict, message: str) -> None:
    raw = raw_facts()
    raw["facts"][0]["wrong_forms"][0].update(change)
    with pytest.raises(LegalFactsError) as err:
        parse_facts(yaml.safe_dump(raw, sort_keys=False), "facts.yaml")
    line = str(err.value)
    assert line.startswith("facts.yaml: invalid legal facts: ") and message in line and "\n" not in line


def test_loading_is_pure_and_picklable() -> None:
    assert load_facts() == FACTS
    restored = pickle.loads(pickle.dumps(FACTS))
    assert restored == FACTS
    assert [h.form_id for h in restored.wrong_forms_in("Staff have a CRB check.")] == ["crb_check"]


def test_api_module_does_not_import_yaml_or_pydantic() -> None:
    code = "import sys, wttsc_policy.legal.facts; print(sorted(m for m in ('yaml', 'pydantic') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
