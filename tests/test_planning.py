"""Findings -> EditPlan: placement of clauses, overlaps, refusals, determinism."""

from __future__ import annotations

from datetime import date

from wttsc_policy.config import Config
from wttsc_policy.context import ruleset_for
from wttsc_policy.findings import Finding
from wttsc_policy.pipeline import check_document
from wttsc_policy.plan.clauses import clause_paragraphs
from wttsc_policy.plan.model import expected_texts, updated_text
from wttsc_policy.plan.planner import plan_edits
from wttsc_policy.read import read_string

RULES = ruleset_for(()).by_id
VALUES = {**Config().template_values(), "school_name": "Hilltop School"}

POLICY = """# Child protection policy

## 1. Aims

We keep children safe.

## 2. Working with families

We tell parents about concerns. We follow Working Together to Safeguard Children 2018.

## 3. Multi-agency working

We work with the Local Safeguarding Children Board.

## Appendix 1: Contacts

The DSL is Ms Smith.
"""


def plan_for(text: str, rule_ids: list[str]):
    doc = read_string(text, "markdown")
    rules = [RULES[r] for r in rule_ids]
    # as of a day when WTtSC 2023 was the edition in force
    findings = check_document(doc, rules, values=VALUES, config=Config(), as_of=date(2026, 1, 15))
    return doc, plan_edits(doc, findings, RULES, VALUES)


def test_clause_goes_at_the_end_of_the_matching_section():
    doc, plan = plan_for(POLICY, ["WT021"])  # parents and carers: place_under 'parents|carers|famil'
    (edit,) = plan.edits
    assert edit.kind == "insert" and edit.position == "after"
    anchor = doc.blocks[edit.block]
    assert anchor.text.startswith("We tell parents")
    assert "2. Working with families" in edit.placement
    texts = expected_texts(doc, plan)
    i = texts.index(anchor.text)
    assert texts[i + 1] == edit.paragraphs[0].text and texts[i + 1 + len(edit.paragraphs)] == "3. Multi-agency working"


def test_clause_without_a_matching_heading_gets_its_own_heading_before_the_appendices():
    text = POLICY.replace("Working with families", "Contact details").replace(
        "tell parents about concerns", "keep records"
    )
    doc, plan = plan_for(text, ["WT021"])
    (edit,) = plan.edits
    rule = RULES["WT021"]
    assert edit.position == "before" and doc.blocks[edit.block].text == "Appendix 1: Contacts"
    heading = edit.paragraphs[0]
    assert heading.kind == "heading" and heading.text == rule.clause_heading
    assert heading.level == 2  # the level of the policy's own sections


def test_without_appendices_the_clause_goes_at_the_end():
    text = (
        POLICY.split("## Appendix", maxsplit=1)[0]
        .replace("Working with families", "Contact details")
        .replace("tell parents about concerns", "keep records")
    )
    doc, plan = plan_for(text, ["WT021"])
    (edit,) = plan.edits
    assert edit.position == "after" and edit.block == doc.blocks[-1].index


def test_replacements_and_placeholders():
    doc, plan = plan_for(POLICY, ["WT001", "WT036"])
    kinds = sorted((e.rule, e.old, e.new) for e in plan.edits)
    assert (
        "WT001",
        "Working Together to Safeguard Children 2018",
        "Working Together to Safeguard Children 2023",
    ) in kinds
    assert any(r == "WT036" and "Local Safeguarding Children Board" in old for r, old, _ in kinds)
    assert [e.number for e in plan.edits] == list(range(1, len(plan.edits) + 1))
    no_school = {**VALUES, "school_name": None}
    doc2 = read_string(POLICY, "markdown")
    findings = check_document(doc2, [RULES["WT033"]], values=no_school, config=Config())
    plan2 = plan_edits(doc2, findings, RULES, no_school)
    (insert,) = plan2.edits
    assert "[school name]" in insert.new_text and "[school name]" in insert.placeholders
    assert all(ph in insert.new_text for ph in insert.placeholders)
    assert plan2.placeholders == [(insert, ph) for ph in insert.placeholders]


def _finding(rule: str, start: int, end: int, new: str, block: int) -> Finding:
    return Finding(
        rule=rule,
        kind="outdated_reference",
        severity="warning",
        title=rule,
        message="m",
        suggestion=new,
        block=block,
        block_start=start,
        block_end=end,
        source="WTtSC 2023",
    )


def test_overlapping_edits_are_merged_or_left_for_a_person():
    doc = read_string("# T\n\nAlpha beta gamma delta.\n", "markdown")
    block = doc.blocks[1].index
    wide = _finding("WT100", 0, 16, "Everything", block)  # "Alpha beta gamma"
    inside = _finding("WT101", 6, 10, "BETA", block)  # "beta", inside the wide one
    partial = _finding("WT102", 11, 22, "GAMMA DELTA", block)  # "gamma delta", half inside
    plan = plan_edits(doc, [partial, inside, wide], {}, {})
    (edit,) = plan.edits
    assert edit.rules == ["WT100", "WT101"] and edit.new == "Everything"
    assert [m.finding.rule for m in plan.manual] == ["WT102"]
    assert updated_text(doc.blocks[1].text, plan.edits) == "Everything delta."
    again = plan_edits(doc, [wide, inside, partial], {}, {})
    assert [(e.rules, e.start, e.end) for e in again.edits] == [(e.rules, e.start, e.end) for e in plan.edits]


def test_missing_topic_without_a_clause_is_left_for_a_person():
    no_clause = [r for r in RULES.values() if r.kind == "missing_topic" and not r.clause]
    if not no_clause:
        return
    doc = read_string(POLICY, "markdown")
    findings = check_document(doc, no_clause[:1], values=VALUES, config=Config())
    plan = plan_edits(doc, findings, RULES, VALUES)
    assert not plan.edits
    assert all("by hand" in m.why for m in plan.manual) and len(plan.manual) == len(findings)


def test_clause_text_becomes_paragraphs_bullets_and_headings():
    paras = clause_paragraphs("Intro line\ncontinues here.\n\n- one\n- two\n  wrapped\n\n### Sub\n\nEnd.")
    assert [(p.kind, p.text) for p in paras] == [
        ("paragraph", "Intro line continues here."),
        ("bullet", "one"),
        ("bullet", "two wrapped"),
        ("heading", "Sub"),
        ("paragraph", "End."),
    ]
    assert paras[3].level == 3


def test_new_sections_go_before_closing_review_sections():
    text = (
        POLICY.split("## Appendix", maxsplit=1)[0]
        .replace("Working with families", "Contact details")
        .replace("tell parents about concerns", "keep records")
    )
    text += "\n## 4. Monitoring and review\n\nWe review this policy every year.\n\n## 5. Links with other policies\n\nSee the behaviour policy.\n"
    doc, plan = plan_for(text, ["WT021"])
    (edit,) = plan.edits
    assert edit.position == "before" and doc.blocks[edit.block].text == "4. Monitoring and review"
    assert "before '4. Monitoring and review'" in edit.placement


def test_a_clause_never_goes_under_the_document_title():
    # WT052's last heading cue is 'child protection', which only the title matches here
    doc, plan = plan_for(POLICY, ["WT052"])
    (edit,) = plan.edits
    assert doc.blocks[edit.block].text != "Child protection policy"
    assert edit.paragraphs[0].kind == "heading" and edit.position == "before"


def test_a_title_at_section_level_is_recognised():
    # the title has the same level as the numbered sections; WT052's cue 'child protection'
    # would otherwise put the clause under it, above the document-control table
    text = (
        "## Oak School: Child Protection Arrangements\n\n| Version | Date | Changes |\n| --- | --- | --- |\n"
        "| 1 | 2018 | First |\n\n## 1. Aims\n\nWe keep children safe.\n\n## 2. Review\n\nYearly.\n"
    )
    doc, plan = plan_for(text, ["WT052"])
    (edit,) = plan.edits
    assert doc.blocks[edit.block].text == "2. Review" and edit.position == "before"


def test_a_new_section_has_the_level_of_the_top_sections_even_among_many_subsections():
    subsections = "".join(f"### 1.{n} Topic {n}\n\nText {n}.\n\n" for n in range(1, 6))
    text = f"# Child protection policy\n\n## 1. Contacts\n\n{subsections}## Appendix A: Forms\n\nForm.\n"
    doc, plan = plan_for(text, ["WT021"])
    (edit,) = plan.edits
    assert edit.paragraphs[0].kind == "heading" and edit.paragraphs[0].level == 2
    assert doc.blocks[edit.block].text == "Appendix A: Forms"
