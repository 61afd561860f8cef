"""Names as policies write them: initials declared once and used alone (learnt per
document), lists of boards, a table row's year, and list items read with their lead-in."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from wttsc_policy.match.abbreviations import abbreviates, declared, short_form
from wttsc_policy.pipeline import check_text as _check_text
from wttsc_policy.pipeline import fix_text as _fix_text

# WTtSC 2023 and KCSIE 2025 are in force on this day: the texts below are checked as of it,
# never as of the day the tests run
ON = date(2025, 10, 1)


def check_text(text: str, rules: list[Any], **kw: Any) -> list[Any]:
    return _check_text(text, rules, as_of=ON, **kw)


def fix_text(text: str, rules: list[Any]) -> str:
    return _fix_text(text, rules, as_of=ON)


from wttsc_policy.rulepacks.load import load_ruleset

RULES = load_ruleset()
WT036, WT080, KC001, WT031 = (RULES.by_id[i] for i in ("WT036", "WT080", "KC001", "WT031"))


@pytest.mark.parametrize(
    ("abbr", "name", "expected"),
    [
        ("LSCB", "Local Safeguarding Children Board", True),
        ("DDSCP", "Derby and Derbyshire Safeguarding Children Partnership", True),
        ("WiltsSCB", "Wiltshire Safeguarding Children Board", True),
        ("ACPC", "Area Child Protection Committee", True),
        ("DSL", "Local Safeguarding Children Board", False),
        ("SCBL", "Safeguarding Children Board", False),
        ("S", "Safeguarding", False),
    ],
)
def test_initials_must_fit_the_name(abbr, name, expected):
    assert abbreviates(abbr, name) is expected


def test_declarations_after_inside_and_before_the_name():
    after = "the Area Child Protection Committee (ACPC) met"
    start = after.index("Area")
    assert declared(after, start, start + len("Area Child Protection Committee"))[0] == "ACPC"
    inside = "the Safeguarding Children Board (SCB) met"
    start = inside.index("Safeguarding")
    assert declared(inside, start, inside.index(" met"))[0] == "SCB"
    before = "ACPC (Area Child Protection Committee) guidance"
    start = before.index("Area")
    assert declared(before, start, start + len("Area Child Protection Committee"))[0] == "ACPC"
    assert declared("the board met", 4, 9) is None


def test_short_form_uses_the_new_initials():
    assert short_form("Kent Safeguarding Children Multi-Agency Partnership (KSCMP)") == "KSCMP"
    assert short_form("local safeguarding children partnership") == "local safeguarding children partnership"


def test_initials_declared_in_a_policy_are_flagged_where_used_alone():
    text = "The Northshire Area Child Protection Committee (NACPC) sets thresholds.\n\nAsk NACPC for advice."
    findings = check_text(text, [WT036])
    bare = [f for f in findings if f.match == "NACPC"]
    assert bare and "short form" in bare[0].message
    # the area is not known here: the new words are generic, in their own case (the change
    # notes ask the DSL to name the partnership), and the initials take the same words
    assert fix_text(text, [WT036]) == (
        "The Northshire local safeguarding partnership sets thresholds.\n\n"
        "Ask local safeguarding partnership for advice."
    )


def test_learning_is_per_document_and_current_initials_are_left_alone():
    assert not check_text("Ask NACPC for advice.", [WT036])
    text = "The designated safeguarding lead (DSL) and the Safeguarding Children Board (SCB) meet. The DSL reports."
    assert [f.match for f in check_text(text, [WT036])] == ["Safeguarding Children Board (SCB)"]


def test_initials_not_in_the_partnership_data_are_learnt_for_a_named_board():
    text = "We work with the Wiltshire Safeguarding Children Board (WiltsSCB). WiltsSCB training is open to staff."
    matches = [f.match for f in check_text(text, [WT080])]
    assert matches == ["Wiltshire Safeguarding Children Board (WiltsSCB)", "WiltsSCB"]


def test_a_list_of_several_former_boards_is_left_for_a_person(tmp_path, run_cli):
    text = "Schools follow the Shropshire, Herefordshire and Worcestershire Safeguarding Children Boards' procedures."
    (finding,) = check_text(text, [WT080])
    assert finding.match == "Worcestershire Safeguarding Children Boards" and finding.suggestion is None
    assert fix_text(text, [WT080]) == text


def test_a_table_row_changes_only_the_year():
    text = "| Keeping Children Safe in Education | 2019 | DfE |"
    (finding,) = check_text(text, [KC001], values={"kcsie_edition": 2025})
    assert finding.match == "2019" and finding.suggestion == "2025"
    assert fix_text(text, [KC001]) == "| Keeping Children Safe in Education | 2025 | DfE |"


def test_a_list_item_is_read_with_its_lead_in():
    replaced = "This document replaces:\n\n- Keeping Children Safe in Education (2014)\n- the 2006 guidance\n"
    assert not check_text(replaced, [KC001], values={"kcsie_edition": 2025})
    followed = "This policy follows:\n\n- Keeping Children Safe in Education (2014)\n"
    assert check_text(followed, [KC001], values={"kcsie_edition": 2025})


def test_clinical_commissioning_group_with_its_initials():
    text = "Advice comes from the clinical commissioning group (CCG); the CCG funds the nurse."
    assert fix_text(text, [WT031]) == "Advice comes from the integrated care board (ICB); the ICB funds the nurse."
