"""Whole units: a definition, a list or a paragraph is rewritten as one piece, a list
clause merges into the policy's own list, and a half edit is never written."""

from __future__ import annotations

import re

import pytest

from wttsc_policy.apply.critic import resolve_critic
from wttsc_policy.apply.text import render_text
from wttsc_policy.config import Config
from wttsc_policy.context import ruleset_for
from wttsc_policy.pipeline import check_document
from wttsc_policy.plan.model import expected_texts
from wttsc_policy.plan.planner import plan_edits
from wttsc_policy.read import read_string

RULES = ruleset_for(()).by_id
VALUES = {**Config().template_values(), "school_name": "Hilltop School"}
NEW_FIRST = "providing help and support to meet the needs of children as soon as problems emerge"

DEFINITION = """# Child protection policy

## 3. Definitions

3.1 Safeguarding and promoting the welfare of children is defined in Working Together 2018 as:

- protecting children from maltreatment;
- preventing impairment of children's health or development;
- ensuring that children grow up in circumstances consistent with the provision of safe and effective care; and
- taking action to enable all children to have the best outcomes.

3.2 Child protection is part of safeguarding.
"""


def plan_for(text: str, rule_ids: list[str], fmt: str = "markdown"):
    doc = read_string(text, fmt)
    findings = check_document(doc, [RULES[r] for r in rule_ids], values=VALUES, config=Config())
    return doc, findings, plan_edits(doc, findings, RULES, VALUES)


def updated(doc, plan) -> str:
    clean, redline = render_text(doc, plan)
    assert resolve_critic(redline, "reject") == doc.source, "Reject All must give back the original"
    assert resolve_critic(redline, "accept") == clean
    return clean


def test_a_list_definition_is_rewritten_whole_in_one_change():
    doc, findings, plan = plan_for(DEFINITION, ["WT005", "WT001"])
    assert len([f for f in findings if f.rule == "WT005"]) == 2  # check still reports each old point
    (unit,) = [e for e in plan.edits if e.kind == "unit"]
    assert unit.rules == ["WT005"] and len(unit.findings) == 2
    assert doc.blocks[unit.block].text == "protecting children from maltreatment;"
    assert unit.paragraphs[0].text == NEW_FIRST + ";"
    assert unit.paragraphs[-1].text == "taking action to enable all children to have the best outcomes."
    assert unit.paragraphs[-2].text.endswith("; and"), "the list's own punctuation is kept"
    assert all(p.kind == "bullet" and p.like == unit.block for p in unit.paragraphs)
    text = updated(doc, plan)
    assert "- " + NEW_FIRST + ";\n- protecting children from maltreatment, whether" in text
    assert "preventing impairment of children's health" not in text
    # the lead-in stays, its citation brought to the edition in force
    assert re.search(r"defined in Working Together to Safeguard Children 20(?:23|26) as:", text)
    assert "\n\n3.2 Child protection" in text


def test_a_one_sentence_definition_is_rewritten_after_its_lead_in():
    text = (
        "# Policy\n\nFor the purposes of this policy, safeguarding and promoting the welfare of children means "
        "protecting children from maltreatment, preventing impairment of their health and development, and "
        "undertaking that role so as to enable those children to have optimum life chances. Staff know this.\n"
    )
    doc, _, plan = plan_for(text, ["WT005"])
    (edit,) = plan.edits
    assert edit.kind == "replace" and edit.old.startswith("protecting children") and edit.old.endswith("life chances")
    out = updated(doc, plan)
    assert f"welfare of children means {NEW_FIRST}; protecting children from maltreatment, whether" in out
    assert "optimum life chances" not in out and out.rstrip().endswith("best outcomes. Staff know this.")


def test_a_definition_without_a_lead_in_is_left_to_a_person():
    doc, _, plan = plan_for("# Policy\n\nOur aim is protecting children from maltreatment.\n", ["WT005"])
    assert not plan.edits
    (item,) = plan.manual
    assert "could not be found cleanly" in item.why


def test_a_half_updated_definition_is_found_and_completed():
    text = DEFINITION.replace(
        "protecting children from maltreatment;",
        "protecting children from maltreatment, whether that is within or outside the home, including online;",
    ).replace(
        "preventing impairment of children's health or development;",
        "preventing impairment of children's mental and physical health or development;",
    )
    doc, findings, plan = plan_for(text, ["WT005"])
    (finding,) = findings
    assert finding.block == 2 and finding.match == "Safeguarding and promoting the welfare of"
    (unit,) = plan.edits
    assert unit.kind == "unit" and unit.paragraphs[0].text == NEW_FIRST + ";"


GOLDEN = """# Policy

## 8. Information sharing

8.1 We follow the seven golden rules for sharing information:

1. Data protection law is not a barrier to sharing.
2. Be open and honest with the person and their family about why, what, how and with whom information will be shared.
3. Where possible, share information with consent, and respect the wishes of those who do not consent.
4. Keep a record of what you decided and why.

8.2 Records are kept securely.
"""


def test_the_golden_rules_list_is_replaced_whole_with_numbers_kept():
    doc, findings, plan = plan_for(GOLDEN, ["WT024"])
    assert len(findings) == 2
    (unit,) = plan.edits
    assert unit.kind == "unit" and len(unit.paragraphs) == 7
    out = updated(doc, plan)
    assert "\n1. Every child has the right to be protected" in out and "\n7. Record what was shared" in out
    assert "share information with consent" not in out and "Data protection law is not a barrier" not in out
    assert "8.1 We follow the seven golden rules for sharing information:\n\n1. " in out


def test_a_consent_first_sentence_outside_a_list_is_rewritten_as_one_sentence():
    text = "# Policy\n\n9.1 We share with consent where appropriate, and without consent where a pupil is at risk. The DSL records it.\n"
    doc, _, plan = plan_for(text, ["WT024"])
    (edit,) = plan.edits
    assert edit.kind == "replace" and edit.old.startswith("We share with consent") and edit.old.endswith("at risk.")


EARLY_HELP = """# Policy

## 7. Early help

7.1 Any child may benefit from early help, but staff are alert to the need for early help for a child who:

- is disabled and has specific additional needs;
- frequently goes missing from home or care;
- has a family member in prison;
- is privately fostered.

7.2 The DSL leads early help.
"""


def test_the_early_help_list_gains_only_its_missing_items_in_its_own_style():
    doc, _, plan = plan_for(EARLY_HELP, ["WT041"])
    kinds = sorted(e.kind for e in plan.edits)
    assert kinds == ["insert", "replace"], "one item rewritten in place, the missing ones added; no second list"
    insert = next(e for e in plan.edits if e.kind == "insert")
    assert insert.position == "before" and doc.blocks[insert.block].text == "is privately fostered."
    assert all(p.like is not None and p.text.endswith(";") for p in insert.paragraphs)
    out = updated(doc, plan)
    assert "- is frequently missing from education, home or care, or is persistently absent;\n" in out
    assert "goes missing from home or care" not in out
    assert "custody" not in out, "a parent in prison is already on the list"
    assert "- has experienced multiple suspensions" in out and out.count("Any child may benefit") == 1
    assert ";\n- is privately fostered.\n\n7.2" in out
    texts = expected_texts(doc, plan)
    assert texts.index("is privately fostered.") == len(texts) - 2


def test_a_plain_text_list_in_one_paragraph_is_merged_line_by_line():
    text = (
        "POLICY\n\nStaff are alert to the need for early help for a child who:\n\n"
        "- is disabled;\n- frequently goes missing from care or from home;\n- is privately fostered.\n\nEnd of list.\n"
    )
    doc, _, plan = plan_for(text, ["WT041"], fmt="text")
    out = updated(doc, plan)
    assert "- is frequently missing from education, home or care, or is persistently absent;\n" in out
    assert "- has a parent or carer in custody, or is affected by parental offending;\n" in out
    assert "parental mental ill health;\n- is privately fostered.\n\nEnd of list." in out


def test_without_its_list_the_early_help_clause_is_inserted_as_usual():
    text = "# Policy\n\n## Early help\n\nThe DSL offers early help to families who need it.\n"
    _, _, plan = plan_for(text, ["WT041"])
    (edit,) = plan.edits
    assert edit.kind == "insert" and edit.paragraphs[0].text.startswith("Any child may benefit")


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_a_paragraph_whose_sentences_all_go_is_deleted_whole(fmt, tmp_path):
    from wttsc_policy.rulepacks.load import load_pack

    pack = tmp_path / "history"
    (pack / "clauses").mkdir(parents=True)
    (pack / "pack.yaml").write_text(
        "pack: {name: history, title: History, from_edition: a, to_edition: b, version: '1'}\nrules:\n"
        "  - id: HS001\n    title: Past transition told as future\n    kind: outdated_reference\n    severity: warning\n"
        "    source: test\n    chapter: test\n    replace_scope: sentence\n    replacement: ''\n"
        "    patterns: ['\\bwill move to new local arrangements\\b', '\\bwhen the new arrangements are published\\b']\n"
        "    message: m\n    rationale: r\n"
        "    examples: {fires: ['It will move to new local arrangements.', 'x'], passes: ['a', 'b']}\n",
        encoding="utf-8",
    )
    rule = load_pack(pack).rules[0]
    text = (
        "# Policy\n\n2.2 We follow the local procedures.\n\n2.3 From 2019 the board will move to new local arrangements. "
        "We will update this policy when the new arrangements are published.\n\n2.4 Records are kept.\n"
    )
    doc = read_string(text, fmt)
    findings = check_document(doc, [rule], values=VALUES, config=Config())
    plan = plan_edits(doc, findings, {**RULES, rule.id: rule}, VALUES)
    (unit,) = plan.edits
    assert unit.kind == "unit" and not unit.paragraphs and len(unit.findings) == 2
    out = updated(doc, plan)
    assert "2.3" not in out and "2.2 We follow the local procedures.\n\n2.4 Records are kept." in out


def test_one_deleted_sentence_takes_its_joining_space_with_it():
    doc = read_string(
        "# Policy\n\nWe follow the procedures. The board will move to new local arrangements. Staff know.\n"
    )
    from wttsc_policy.findings import Finding

    start = doc.blocks[1].text.index("The board")
    end = doc.blocks[1].text.index(" Staff")
    f = Finding(
        rule="WT036",
        kind="outdated_reference",
        severity="warning",
        title="t",
        message="m",
        block=1,
        block_start=start,
        block_end=end,
        suggestion="",
    )
    plan = plan_edits(doc, [f], RULES, VALUES)
    assert updated(doc, plan).endswith("We follow the procedures. Staff know.\n")


def test_a_paragraph_rule_rewrites_the_whole_paragraph_and_keeps_its_number(tmp_path):
    from wttsc_policy.rulepacks.load import load_pack

    pack = tmp_path / "para"
    pack.mkdir()
    (pack / "pack.yaml").write_text(
        "pack: {name: para, title: P, from_edition: a, to_edition: b, version: '1'}\nrules:\n"
        "  - id: PA001\n    title: Old arrangements paragraph\n    kind: outdated_reference\n    severity: warning\n"
        "    source: test\n    chapter: test\n    replace_scope: paragraph\n"
        "    replacement: 'The safeguarding partners published their arrangements in 2019.'\n"
        "    patterns: ['\\bnew arrangements are being developed\\b']\n    message: m\n    rationale: r\n"
        "    examples: {fires: ['New arrangements are being developed.', 'x'], passes: ['a', 'b']}\n",
        encoding="utf-8",
    )
    rule = load_pack(pack).rules[0]
    text = "# Policy\n\n3.4 The board is closing. New arrangements are being developed over the summer.\n\n3.5 Next.\n"
    doc = read_string(text)
    findings = check_document(doc, [rule], values=VALUES, config=Config())
    plan = plan_edits(doc, findings, {**RULES, rule.id: rule}, VALUES)
    assert updated(doc, plan) == (
        "# Policy\n\n3.4 The safeguarding partners published their arrangements in 2019.\n\n3.5 Next.\n"
    )


def test_a_hand_edit_rule_leaves_the_whole_sentence_to_a_person(tmp_path):
    from wttsc_policy.rulepacks.load import load_pack

    pack = tmp_path / "flag"
    pack.mkdir()
    (pack / "pack.yaml").write_text(
        "pack: {name: flag, title: F, from_edition: a, to_edition: b, version: '1'}\nrules:\n"
        "  - id: FL001\n    title: Deferred review\n    kind: outdated_reference\n    severity: info\n"
        "    source: test\n    chapter: test\n    replace_scope: sentence\n    hand_edit: true\n"
        "    patterns: ['\\bmove to new local arrangements\\b']\n    message: m\n    rationale: r\n"
        "    examples: {fires: ['The move to new local arrangements delayed it.', 'x'], passes: ['a', 'b']}\n",
        encoding="utf-8",
    )
    rule = load_pack(pack).rules[0]
    text = "# Policy\n\n1.2 Because of the move to new local arrangements, the review was deferred. It is due.\n"
    doc = read_string(text)
    findings = check_document(doc, [rule], values=VALUES, config=Config())
    plan = plan_edits(doc, findings, {**RULES, rule.id: rule}, VALUES)
    assert not plan.edits
    (item,) = plan.manual
    assert item.finding.match == "Because of the move to new local arrangements, the review was deferred."
