"""The checker checked: for every check, a small draft it must pass and one it must fail.

Drafts are tiny markdown policies. `make()` builds a Draft whose original and updated texts
differ only where a test says, so "written by the tool" is exactly the sentences a test adds.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from draft_quality import checks
from draft_quality.draft import Draft
from draft_quality.text import blocks_from_markdown, blocks_from_text, split_sentences

AS_OF = dt.date(2026, 12, 7)
BASE = """# Oak Tree Primary School: Child Protection Policy

## 1. Aims

We keep every pupil safe and act on every concern straight away.

## 2. Working with others

We work with children's social care and the police.
"""
GOOD_NOTES = """# Changes to the child protection policy

## For governors

### Must change before approval
- The policy named a board that closed in 2019. It now names the local partnership.

### Recommended
- Add a short section on online safety.

### For information
- 1 change needs no action.

### What the tool did not check
- Local contact numbers and names of staff.

## Appendix for the DSL
- WT036: Local Safeguarding Children Boards no longer exist.
"""
SURREY = {
    "local_authority": "Surrey County Council",
    "school_name": "Oak Tree Primary School",
    "setting": "maintained_school",
}


def make(
    added: str = "",
    *,
    original_extra: str = "",
    notes: str = GOOD_NOTES,
    as_of: dt.date = AS_OF,
    base: str = BASE,
    **expect,
) -> Draft:
    """A draft whose original is `base` (+ original_extra) and whose update adds `added` at the end."""
    exp = {**SURREY, **expect}
    original = base + original_extra
    updated = original + ("\n" + added + "\n" if added else "")
    return Draft.build(original, updated, notes, exp, as_of)


def classes(defects) -> list[str]:
    return [d.cls for d in defects]


# -- text model -------------------------------------------------------------------------------


def test_sentences_keep_abbreviations_together():
    assert split_sentences("Staff read KCSIE, e.g. Part one. Then they sign.") == [
        "Staff read KCSIE, e.g. Part one.",
        "Then they sign.",
    ]


def test_markdown_blocks_cover_tables_and_lists():
    blocks = blocks_from_markdown("# T\n\n| A | B |\n| --- | --- |\n| x | y |\n\n- one\n- two\n\n1. first\n")
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "T"),
        ("cell", "A"),
        ("cell", "B"),
        ("cell", "x"),
        ("cell", "y"),
        ("item", "one"),
        ("item", "two"),
        ("item", "first"),
    ]
    assert blocks[-1].list_kind == "number"


def test_text_blocks_find_capitalised_headings_and_bullets():
    blocks = blocks_from_text("1. INTRODUCTION\n\nWe keep children safe.\n\n  • first\n  • second\n")
    assert [b.kind for b in blocks] == ["heading", "paragraph", "item", "item"]


def test_only_new_sentences_count_as_written_by_the_tool():
    d = make("We also meet the DSL network each term.", original_extra="\nWe meet the DSL network each term.\n")
    assert [s.text for s in d.inserted] == ["We also meet the DSL network each term."]


# -- legal_wrong_form -------------------------------------------------------------------------


def test_s14b_written_by_the_tool_is_wrong():
    bad = make("The safeguarding partners may require information from us under section 14B of the Children Act 2004.")
    good = make("The safeguarding partners may request information from us under section 16H of the Children Act 2004.")
    assert classes(checks.check_legal_wrong_form(bad)) == ["legal_wrong_form"]
    assert checks.check_legal_wrong_form(good) == []


def test_an_error_the_tool_did_not_write_is_not_its_legal_error():
    kept = make(original_extra="\nThe LSCB can ask for information under section 14B of the Children Act 2004.\n")
    assert checks.check_legal_wrong_form(kept) == []


def test_section_175_is_wrong_only_for_academies_and_independent_schools():
    sentence = "The governing board meets its duty under section 175 of the Education Act 2002."
    assert classes(checks.check_legal_wrong_form(make(sentence, setting="academy"))) == ["legal_wrong_form"]
    assert checks.check_legal_wrong_form(make(sentence, setting="maintained_school")) == []


def test_operation_encompass_as_a_voluntary_scheme_is_wrong_after_november_2025():
    sentence = "Where our area takes part in Operation Encompass, the police tell the DSL about incidents."
    assert classes(checks.check_legal_wrong_form(make(sentence))) == ["legal_wrong_form"]
    assert checks.check_legal_wrong_form(make(sentence, as_of=dt.date(2025, 6, 1))) == []
    right = "Under section 49A of the Domestic Abuse Act 2021 the police must notify the school when a pupil may be a victim of domestic abuse."
    assert checks.check_legal_wrong_form(make(right)) == []


def test_schools_as_fourth_partner_is_wrong_but_its_denial_is_not():
    assert classes(checks.check_legal_wrong_form(make("Schools are the fourth safeguarding partner."))) == [
        "legal_wrong_form"
    ]
    assert (
        checks.check_legal_wrong_form(
            make("Schools are not the fourth safeguarding partner; they are relevant agencies.")
        )
        == []
    )


def test_s47_decided_by_the_local_authority_not_the_dsl_or_police():
    assert classes(checks.check_legal_wrong_form(make("The DSL will carry out a section 47 enquiry."))) == [
        "legal_wrong_form"
    ]
    assert classes(
        checks.check_legal_wrong_form(make("The police decide whether a section 47 enquiry is needed."))
    ) == ["legal_wrong_form"]
    assert (
        checks.check_legal_wrong_form(
            make("Children's social care decides whether to make section 47 enquiries; we assist.")
        )
        == []
    )


def test_bill_after_royal_assent_and_macpts_in_place_are_wrong():
    assert "legal_wrong_form" in classes(
        checks.check_legal_wrong_form(make("The Children's Wellbeing and Schools Bill makes changes."))
    )
    assert classes(
        checks.check_legal_wrong_form(make("Multi-agency child protection teams support section 47 work in our area."))
    ) == ["legal_wrong_form"]
    assert (
        checks.check_legal_wrong_form(
            make("Multi-agency child protection teams will be set up once regulations are made.")
        )
        == []
    )


def test_lado_one_working_day_is_local_not_kcsie():
    assert classes(
        checks.check_legal_wrong_form(make("KCSIE requires us to tell the LADO within one working day."))
    ) == ["legal_wrong_form"]
    assert (
        checks.check_legal_wrong_form(make("Our local procedures ask us to tell the LADO within one working day."))
        == []
    )


def test_ccg_as_a_current_body_is_wrong():
    assert classes(
        checks.check_legal_wrong_form(make("The clinical commissioning group is a safeguarding partner."))
    ) == ["legal_wrong_form"]
    assert checks.check_legal_wrong_form(make("Clinical commissioning groups were abolished in July 2022.")) == []


# -- invented_body ----------------------------------------------------------------------------


def test_an_icb_built_from_a_place_name_is_invented():
    bad = make("Our health partner is NHS North West Surrey Integrated Care Board.")
    good = make("Our health partner is NHS Surrey and Sussex Integrated Care Board.")
    assert classes(checks.check_invented_body(bad)) == ["invented_body"]
    assert checks.check_invented_body(good) == []
    kent = make(
        "Our health partner is East Kent and Medway Integrated Care Board.", local_authority="Kent County Council"
    )
    assert classes(checks.check_invented_body(kent)) == ["invented_body"]


def test_a_2022_icb_that_merged_is_wrong_after_april_2026():
    sentence = "Our health partner is NHS Surrey Heartlands Integrated Care Board."
    assert classes(checks.check_invented_body(make(sentence))) == ["invented_body"]
    assert checks.check_invented_body(make(sentence, as_of=dt.date(2025, 1, 1))) == []


def test_a_real_icb_of_another_area_is_wrong():
    assert classes(
        checks.check_invented_body(make("Our health partner is NHS Kent and Medway Integrated Care Board."))
    ) == ["invented_body"]


def test_partnership_names_must_be_real_current_and_local():
    assert checks.check_invented_body(make("We follow the Surrey Safeguarding Children Partnership procedures.")) == []
    assert classes(
        checks.check_invented_body(make("We follow the North Surrey Safeguarding Children Partnership procedures."))
    ) == ["invented_body"]
    assert classes(
        checks.check_invented_body(make("We follow the Surrey Safeguarding Children Board procedures."))
    ) == ["invented_body"]
    assert classes(
        checks.check_invented_body(
            make("We follow the Kent Safeguarding Children Multi-Agency Partnership procedures.")
        )
    ) == ["invented_body"]


# -- generic_name -----------------------------------------------------------------------------


def test_a_generic_partnership_name_is_wrong_when_the_area_is_known():
    bad = make("We follow the Local Safeguarding Children Partnership procedures.")
    good = make("We follow the Surrey Safeguarding Children Partnership procedures.")
    assert classes(checks.check_generic_name(bad)) == ["generic_name"]
    assert checks.check_generic_name(good) == []
    assert (
        checks.check_generic_name(
            make("We follow the local safeguarding partnership's procedures.", local_authority=None)
        )
        == []
    )


def test_a_real_name_containing_the_generic_words_is_not_generic():
    d = make(
        "We follow the Sutton Local Safeguarding Children Partnership procedures.",
        local_authority="London Borough of Sutton",
    )
    assert checks.check_generic_name(d) == []


def test_an_old_name_in_brackets_is_a_half_rename():
    bad = make("We follow the Surrey Safeguarding Children Partnership (LSCB) procedures.")
    good = make("We follow the Surrey Safeguarding Children Partnership (SSCP) procedures.")
    assert classes(checks.check_generic_name(bad)) == ["generic_name"]
    assert checks.check_generic_name(good) == []


# -- wrong_successor --------------------------------------------------------------------------


def test_ukhsa_is_not_the_successor_for_wellbeing():
    bad = make("We use UK Health Security Agency resources on emotional wellbeing in PSHE.")
    good = make("We follow UK Health Security Agency guidance on infection control when pupils are unwell.")
    assert classes(checks.check_wrong_successor(bad)) == ["wrong_successor"]
    assert checks.check_wrong_successor(good) == []


# -- half_edit --------------------------------------------------------------------------------

OLD_DEF = """
Safeguarding and promoting the welfare of children means:

- protecting children from maltreatment;
- preventing impairment of children's health or development;
- ensuring that children grow up with safe and effective care;
- taking action to enable all children to have the best outcomes.
"""
NEW_DEF = """
Safeguarding and promoting the welfare of children means:

- providing help and support to meet the needs of children as soon as problems emerge;
- protecting children from maltreatment, whether that is within or outside the home, including online;
- preventing impairment of children's mental and physical health or development;
- ensuring that children grow up with safe and effective care;
- taking action to enable all children to have the best outcomes.
"""


def test_old_and_new_definition_side_by_side_is_a_half_edit():
    assert "half_edit" in classes(checks.check_half_edit(make(NEW_DEF, original_extra=OLD_DEF)))
    assert checks.check_half_edit(make(base=BASE + NEW_DEF)) == []


def test_a_2023_definition_without_its_first_point_is_a_half_edit():
    partial = NEW_DEF.replace(
        "- providing help and support to meet the needs of children as soon as problems emerge;\n", ""
    )
    assert classes(checks.check_half_edit(make(base=BASE + partial))) == ["half_edit"]


def test_two_early_help_lists_are_a_half_edit():
    one = "\nStaff are particularly alert to a child who:\n\n- is a young carer;\n- is frequently missing from education, home or care;\n- has a parent or carer in custody.\n"
    assert checks.check_half_edit(make(base=BASE + one)) == []
    assert "half_edit" in classes(
        checks.check_half_edit(make(one, original_extra=one.replace("young carer", "privately fostered child")))
    )


def test_mixed_golden_rules_are_a_half_edit():
    old = "\nWhere possible, share information with consent.\n"
    assert checks.check_half_edit(make(base=BASE + old)) == []
    assert classes(
        checks.check_half_edit(make("Consent is not needed to share where a child may be at risk.", original_extra=old))
    ) == ["half_edit"]


def test_two_terms_for_the_lead_practitioner_role_in_one_section():
    d = make("The DSL may be the lead practitioner.", original_extra="\nThe DSL may act as lead professional.\n")
    assert classes(checks.check_half_edit(d)) == ["half_edit"]
    assert checks.check_half_edit(make("The DSL may be the lead practitioner.")) == []


# -- contradictory_history --------------------------------------------------------------------


def test_the_2019_transition_told_as_future_is_contradictory():
    assert classes(
        checks.check_contradictory_history(
            make("The Surrey Safeguarding Children Board is being replaced by the partnership.")
        )
    ) == ["contradictory_history"]
    assert classes(
        checks.check_contradictory_history(
            make("From September 2019 the work of the LSCB will move to new local arrangements.")
        )
    ) == ["contradictory_history"]
    assert (
        checks.check_contradictory_history(
            make("The partnership replaced the Surrey Safeguarding Children Board in September 2019.")
        )
        == []
    )


def test_version_history_is_not_contradictory():
    table = "\n## Version history\n\n| Version | Date | Change |\n| --- | --- | --- |\n| 1.0 | May 2019 | The LSCB will be replaced by new arrangements |\n"
    assert checks.check_contradictory_history(make(base=BASE + table)) == []


def test_a_bill_expected_to_become_law_is_contradictory_after_assent():
    sentence = "The Children's Wellbeing and Schools Bill is expected to become law in 2026."
    assert classes(checks.check_contradictory_history(make(sentence))) == ["contradictory_history"]
    assert checks.check_contradictory_history(make(sentence, as_of=dt.date(2026, 2, 1))) == []


def test_an_lscb_in_the_present_tense_is_contradictory_but_a_current_board_name_is_not():
    assert classes(checks.check_contradictory_history(make("The LSCB publishes our threshold document."))) == [
        "contradictory_history"
    ]
    essex = make(
        "The Essex Safeguarding Children Board publishes the SET procedures.", local_authority="Essex County Council"
    )
    assert checks.check_contradictory_history(essex) == []


# -- duplicate_sentence -----------------------------------------------------------------------


def test_a_sentence_added_twice_is_a_duplicate():
    s = "Schools are not statutory safeguarding partners but relevant agencies in the local arrangements."
    assert "duplicate_sentence" in classes(checks.check_duplicate_sentence(make(s + "\n\n" + s)))
    repeated_by_author = make(original_extra="\n" + s + "\n\n" + s + "\n")
    assert checks.check_duplicate_sentence(repeated_by_author) == []


def test_the_three_partners_named_twice_is_a_duplicate_theme():
    once = "The safeguarding partners are Surrey County Council, the integrated care board and Surrey Police."
    twice = (
        once + "\n\nOur area's three partners are the local authority, the NHS integrated care board and the police."
    )
    assert checks.check_duplicate_sentence(make(once)) == []
    assert classes(checks.check_duplicate_sentence(make(twice))) == ["duplicate_sentence"]


def test_two_section_47_passages_are_a_duplicate_theme():
    one = "Section 47 enquiries are led by a social worker; we share what we know."
    two = one + "\n\nWhen children's social care makes section 47 enquiries, the DSL attends the strategy discussion."
    assert checks.check_duplicate_sentence(make(one)) == []
    assert classes(checks.check_duplicate_sentence(make(two))) == ["duplicate_sentence"]


# -- growth -----------------------------------------------------------------------------------


def test_growth_over_the_budget():
    long = " ".join(["We keep children safe at all times."] * 10)
    assert classes(checks.check_growth(make(long))) == ["growth"]
    assert checks.check_growth(make("We keep children safe.")) == []


# -- placeholder_known ------------------------------------------------------------------------


def test_a_placeholder_for_a_known_value():
    assert classes(checks.check_placeholder_known(make("[school name] is a relevant agency."))) == ["placeholder_known"]
    template = make("We keep records.", original_extra="\n[school name] keeps records.\n")
    assert checks.check_placeholder_known(template) == []  # the template's own placeholder, not a new one
    assert checks.check_placeholder_known(make("[trust name] sets the framework.", trust_name=None)) == []


# -- setting_mismatch -------------------------------------------------------------------------


def test_a_nursery_is_not_told_about_the_school_census():
    sentence = "We record young carers in the school census."
    assert "setting_mismatch" in classes(checks.check_setting_mismatch(make(sentence, setting="early_years")))
    assert checks.check_setting_mismatch(make(sentence, setting="maintained_school")) == []


def test_college_text_uses_learners_and_covers_adults():
    base = "# Vale College Safeguarding Policy\n\nOur students include adults.\n"
    assert classes(
        checks.check_setting_mismatch(make("Staff talk to pupils about online risks.", base=base, setting="fe_college"))
    ) == ["setting_mismatch"]
    scope_bad = make(
        "Children means everyone under the age of 18.", base=base, setting="fe_college", adults_on_roll=True
    )
    scope_good = make(
        "Children means everyone under the age of 18; learners aged 18 or over are adults.",
        base=base,
        setting="fe_college",
        adults_on_roll=True,
    )
    assert classes(checks.check_setting_mismatch(scope_bad)) == ["setting_mismatch"]
    assert checks.check_setting_mismatch(scope_good) == []


def test_a_maintained_school_is_not_under_the_independent_school_standards():
    sentence = "The Independent School Standards require us to safeguard pupils."
    assert classes(checks.check_setting_mismatch(make(sentence))) == ["setting_mismatch"]
    assert checks.check_setting_mismatch(make(sentence, setting="academy")) == []


# -- count_grammar ----------------------------------------------------------------------------


def test_counts_agree_with_their_nouns():
    assert classes(checks.check_count_grammar(make("The trust has 1 schools in the area."))) == ["count_grammar"]
    assert checks.check_count_grammar(make("The trust has 1 school in the area and 2 schools nearby.")) == []


# -- notes_quality ----------------------------------------------------------------------------


def test_good_notes_pass():
    assert checks.check_notes_quality(make("x")) == []
    named = GOOD_NOTES.replace("### Recommended", "The updated policy is `oak-tree.updated.docx`.\n\n### Recommended")
    assert checks.check_notes_quality(make("x", notes=named)) == []


def test_notes_without_tiers_with_rule_ids_and_bad_counts_fail():
    bad = "# Change notes\n\n## Summary\n- WT036 (2 places): set `local_authority` in wttsc-policy.toml.\n- 1 changes made.\n"
    found = checks.check_notes_quality(make("x", notes=bad))
    texts = " ".join(d.text + d.detail for d in found)
    assert "recommended" in texts and "WT036" in texts and "1 changes" in texts and "jargon" in texts
    assert "DSL appendix" in texts and "not check" in texts


def test_notes_links_resolve_from_the_notes_folder(tmp_path: Path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "policy.updated.md").write_text("x", encoding="utf-8")
    notes = tmp_path / "out" / "policy.changes.md"
    assert checks.check_notes_links("See [the policy](policy.updated.md).", notes) == []
    assert classes(checks.check_notes_links("Updated file: `out/policy.updated.md`", notes)) == ["notes_quality"]


def test_notes_are_named_after_the_output():
    assert checks.check_notes_name(Path("out/maple.updated.docx"), Path("out/maple.updated.changes.md")) == []
    assert checks.check_notes_name(Path("out/maple.updated.docx"), Path("out/maple.changes.md")) == []
    assert classes(checks.check_notes_name(Path("out/maple.updated.docx"), Path("out/policy.changes.md"))) == [
        "notes_quality"
    ]


# -- outdated_left ----------------------------------------------------------------------------


def test_editable_findings_left_after_update():
    finding = {
        "rule": "WT036",
        "kind": "outdated_reference",
        "title": "LSCBs no longer exist",
        "match": "LSCB",
        "editable": True,
    }
    topic = {"rule": "WT050", "kind": "missing_topic", "title": "Young carers", "match": "", "editable": True}
    bad = make("x")
    bad.check_report = {"files": [{"path": "p.md", "error": None, "findings": [finding]}]}
    assert classes(checks.check_outdated_left(bad)) == ["outdated_left"]
    offered = make("x", notes=GOOD_NOTES + "\n- Suggested addition: Young carers.\n")
    offered.check_report = {"files": [{"path": "p.md", "error": None, "findings": [topic]}]}
    assert checks.check_outdated_left(offered) == []


# -- stale_edition ----------------------------------------------------------------------------


def test_a_superseded_edition_written_by_the_tool_is_stale():
    sentence = (
        "This policy follows Working Together to Safeguard Children 2023 and Keeping Children Safe in Education 2026."
    )
    found = checks.check_stale_edition(make(sentence))
    assert [d.text for d in found] == ["Working Together to Safeguard Children 2023"]
    assert checks.check_stale_edition(make(sentence, as_of=dt.date(2026, 9, 1))) != []
    assert checks.check_stale_edition(make("This policy follows Working Together to Safeguard Children 2026.")) == []


def test_a_citation_in_an_account_of_the_past_is_history():
    assert checks.check_stale_edition(make("In September 2023 all staff were trained on KCSIE 2023.")) == []
    assert (
        checks.check_stale_edition(
            make("In March 2026 the 2026 edition replaced Working Together to Safeguard Children 2023.")
        )
        == []
    )
    assert (
        checks.check_stale_edition(
            make("The 2026 edition now applies instead of Working Together to Safeguard Children 2023.")
        )
        != []
    )


# -- planted traps, decoys and topics ---------------------------------------------------------


def test_planted_traps_decoys_and_topics():
    base = (
        BASE
        + "\nThe LSCB sets our procedures.\n\nWe follow What to do if you're worried a child is being abused (2015).\n"
    )
    traps = {"generic_name": [{"key": "The LSCB sets our procedures.", "must": "change"}]}
    decoys = [{"key": "What to do if you're worried a child is being abused (2015)"}]
    topics = [{"id": "online", "label": "online safety", "needs": [r"\bonline\b", "filter"]}]
    left = Draft.build(
        base,
        base,
        GOOD_NOTES.replace("online safety", "e-safety"),
        {**SURREY, "traps": traps, "decoys": decoys, "topics": topics},
        AS_OF,
    )
    assert sorted(classes(checks.check_planted(left))) == ["coverage_gap", "generic_name"]
    fixed = (
        base.replace("The LSCB sets our procedures.", "We follow the Surrey Safeguarding Children Partnership.")
        + "\nOnline, we filter and monitor every device.\n"
    )
    done = Draft.build(base, fixed, GOOD_NOTES, {**SURREY, "traps": traps, "decoys": decoys, "topics": topics}, AS_OF)
    assert checks.check_planted(done) == []
    broken = Draft.build(
        base, fixed.replace("(2015)", "(2024)"), GOOD_NOTES, {**SURREY, "traps": traps, "decoys": decoys}, AS_OF
    )
    assert classes(checks.check_planted(broken)) == ["decoy_changed"]


def test_a_flag_trap_may_stay_when_the_notes_quote_it():
    base = BASE + "\nOur health partner is NHS Frimley CCG.\n"
    traps = {"invented_body": [{"key": "NHS Frimley CCG", "must": "flag"}]}
    silent = Draft.build(base, base, GOOD_NOTES, {**SURREY, "traps": traps}, AS_OF)
    noted = Draft.build(
        base,
        base,
        GOOD_NOTES + "\n- 'NHS Frimley CCG': this area was split; name the right ICB by hand.\n",
        {**SURREY, "traps": traps},
        AS_OF,
    )
    assert classes(checks.check_planted(silent)) == ["invented_body"]
    assert checks.check_planted(noted) == []


def test_a_complete_trap_needs_the_missing_element():
    partial = BASE + NEW_DEF.replace(
        "- providing help and support to meet the needs of children as soon as problems emerge;\n", ""
    )
    traps = {
        "half_edit": [
            {"key": "taking action to enable all children", "must": "complete", "needs": "as soon as problems emerge"}
        ]
    }
    assert classes(
        checks.check_planted(Draft.build(partial, partial, GOOD_NOTES, {**SURREY, "traps": traps}, AS_OF))
    ) == ["half_edit"]
    full = BASE + NEW_DEF
    assert checks.check_planted(Draft.build(partial, full, GOOD_NOTES, {**SURREY, "traps": traps}, AS_OF)) == []


# -- run_all ----------------------------------------------------------------------------------


def test_run_all_drops_a_trap_already_reported_by_its_pattern_check():
    base = BASE + "\nThe LSCB is being replaced by new arrangements.\n"
    traps = {"contradictory_history": [{"key": "is being replaced", "must": "change"}]}
    found = checks.run_all(Draft.build(base, base, GOOD_NOTES, {**SURREY, "traps": traps}, AS_OF))
    assert classes(found).count("contradictory_history") == 1


@pytest.mark.parametrize("check", checks.CHECKS, ids=lambda c: c.__name__)
def test_every_check_explains_itself(check):
    assert check.__doc__ and len(check.__doc__.split()) >= 8


# -- docx resolver ----------------------------------------------------------------------------


def _redline(tmp_path: Path) -> Path:
    """A small Word file with a replacement (w:del + w:ins) and an inserted paragraph."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    first = document.add_paragraph("We follow the ")
    first._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="1" w:author="t" w:date="2026-12-07T00:00:00Z"><w:r><w:delText>LSCB</w:delText></w:r></w:del>'
        )
    )
    first._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="2" w:author="t" w:date="2026-12-07T00:00:00Z"><w:r><w:t>partnership</w:t></w:r></w:ins>'
        )
    )
    first.add_run(" procedures.")
    added = document.add_paragraph()
    added._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="3" w:author="t" w:date="2026-12-07T00:00:00Z"><w:r><w:t>A new paragraph.</w:t></w:r></w:ins>'
        )
    )
    ppr = added._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:ins w:id="4" w:author="t" w:date="2026-12-07T00:00:00Z"/></w:rPr>'))
    document.add_paragraph("Last paragraph.", style="List Bullet")
    path = tmp_path / "redline.docx"
    document.save(path)
    return path


def test_accept_and_reject_all(tmp_path: Path):
    from draft_quality import docx_text

    path = _redline(tmp_path)
    accepted = [p["text"] for p in docx_text.paragraphs(path, "accept") if p["part"] == "body"]
    rejected = [p["text"] for p in docx_text.paragraphs(path, "reject") if p["part"] == "body"]
    assert accepted == ["We follow the partnership procedures.", "A new paragraph.", "Last paragraph."]
    assert rejected == ["We follow the LSCB procedures.", "Last paragraph."]
    assert docx_text.paragraphs(path, "reject")[-1]["list_kind"] == "bullet"
    assert docx_text.revision_count(path) == 4  # three changes and one inserted paragraph mark


# -- LibreOffice comparisons (no LibreOffice needed) ------------------------------------------


def _p(text, style="Standard", kind=None, label=""):
    return {"text": text, "style": style, "kind": kind, "label": label, "level": 0, "outline": 0, "table": False}


def test_reject_all_must_give_back_styles_and_labels():
    from draft_quality.lo_compare import reject_defects

    original = [_p("1. Aims", "Heading 1"), _p("We keep pupils safe."), _p("first", "List Bullet", "bullet")]
    assert reject_defects(original, [dict(p) for p in original]) == []
    broken = [dict(p) for p in original]
    broken[0]["style"] = "Standard"
    found = reject_defects(original, broken)
    assert [d.cls for d in found] == ["libreoffice"] and "Heading 1" in found[0].detail


def test_accept_all_keeps_styles_and_fits_inserted_list_items():
    from draft_quality.lo_compare import accept_defects

    original = [_p("Intro"), _p("one", "List Bullet", "bullet"), _p("two", "List Bullet", "bullet"), _p("After")]
    good = [*original[:3], _p("three", "List Bullet", "bullet"), *original[3:]]
    assert accept_defects(original, good) == []
    numbered = [*original[:3], _p("three", "List Number", "number", "21."), *original[3:]]
    assert [d.cls for d in accept_defects(original, numbered)] == ["libreoffice"]
    new_list = [*original, _p("Lead in:"), _p("a new item", "List Number", "number", "32.")]
    assert "continues" in accept_defects(original, new_list)[0].detail
    restyled = [dict(p) for p in original]
    restyled[3]["style"] = "List Number"
    assert [d.cls for d in accept_defects(original, restyled)] == ["libreoffice"]
