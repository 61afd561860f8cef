"""Composition: one passage per theme, no sentence twice, a growth budget with suggested
additions, no clause that passes for another topic, and values the document already gives."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from wttsc_policy import records
from wttsc_policy.config import Config
from wttsc_policy.context import RunOptions, context_for_text, ruleset_for
from wttsc_policy.errors import RuleError
from wttsc_policy.findings import SEVERITY_RANK
from wttsc_policy.pipeline import check_document, check_file, check_text
from wttsc_policy.plan import sentences
from wttsc_policy.plan.model import expected_texts
from wttsc_policy.plan.planner import plan_edits
from wttsc_policy.read import read_document, read_string
from wttsc_policy.rulepacks.load import load_ruleset
from wttsc_policy.rulepacks.sandbox import check_template
from wttsc_policy.rulepacks.templates import render_clause

RULESET = load_ruleset()
RULES = ruleset_for(()).by_id
VALUES = {
    **context_for_text(read_string("", "markdown")).values,
    "school_name": "Oakfield Primary School",
    "partnership_name": "Northshire Safeguarding Children Partnership",
    "local_authority": "Northshire County Council",
}
CORPUS = Path(__file__).resolve().parent / "data" / "policies"
POLICIES = sorted(p for d in CORPUS.iterdir() if d.is_dir() for p in d.glob("policy.*") if p.suffix in (".md", ".txt"))
AS_OF = date(2026, 12, 7)

# Clauses that satisfy another topic's cues because they really cover it (beyond rules of
# one theme, which are written to go in together).
REAL_OVERLAPS = {
    (
        "WT005",
        "WT006",
    ): "the current definition of safeguarding itself says within or outside the home, including online",
    ("WT024", "WT026"): "the 2024 golden rules themselves state the information sharing expectations",
    ("WT044", "WT070"): "family networks and kinship care are the current glossary terms WT070 asks for",
    ("WT051", "WT070"): "extra-familial harm is a current glossary term WT070 asks for",
    ("WT103", "WT070"): "kinship care is a current glossary term WT070 asks for",
}


@pytest.mark.parametrize("clause_rule", [r for r in RULESET.rules if r.clause], ids=lambda r: r.id)
def test_no_clause_passes_for_another_topic(clause_rule):
    """Text the tool inserts must not count as covering a topic it does not really cover
    (a passing mention that satisfies another rule's cues)."""
    text = render_clause(clause_rule, VALUES)
    for other in RULESET.rules:
        if other.kind != "missing_topic" or other.id == clause_rule.id:
            continue
        where = {"as_of": AS_OF, "setting": other.examples.setting}
        if not check_text("# Policy\n\nStaff keep children safe.\n", [other], **where):
            continue  # not in force on the day, or not for that setting
        if [f for f in check_text(text, [other], **where) if f.rule == other.id]:
            continue  # still missing: the clause does not pass for it
        same_theme = clause_rule.theme is not None and clause_rule.theme == other.theme
        assert same_theme or (clause_rule.id, other.id) in REAL_OVERLAPS, (
            f"{clause_rule.id}'s clause satisfies {other.id}'s cues ({other.title}) without covering it"
        )


def test_list_clauses_have_one_merge_entry_per_bullet():
    for rule in RULESET.rules:
        if rule.unit is None or not rule.unit.items:
            continue
        bullets = [ln for ln in render_clause(rule, VALUES).splitlines() if ln.startswith("- ")]
        assert len(bullets) == len(rule.unit.items), rule.id
        for bullet, item in zip(bullets, rule.unit.items, strict=True):
            assert re.search(item.present, bullet[2:].lower()), f"{rule.id}: {item.present!r} misses its own bullet"


def _planned(path: Path, budget: float | None):
    checked = check_file(path, RunOptions(as_of=AS_OF), keep_document=True)
    assert checked.document is not None and checked.context is not None, checked.result.error
    doc, context = checked.document, checked.context
    plan = plan_edits(doc, checked.result.findings, context.ruleset.by_id, context.values, growth_budget=budget)
    return doc, checked.result.findings, plan


@pytest.mark.parametrize("path", POLICIES, ids=lambda p: p.parent.name)
def test_no_sentence_twice_and_the_policy_stays_within_budget(path):
    doc, findings, plan = _planned(path, 0.35)
    before = Counter(sentences.key(s) for b in doc.blocks for s in sentences.split(b.text) if sentences.words(s) >= 8)
    after = Counter(
        sentences.key(s) for t in expected_texts(doc, plan) for s in sentences.split(t) if sentences.words(s) >= 8
    )
    repeated = [k for k, n in after.items() if n > max(before[k], 1)]
    assert not repeated
    original = sum(sentences.words(b.text) for b in doc.blocks if b.part == "body")
    planned = sum(sentences.words(t) for t in expected_texts(doc, plan))
    assert plan.budget is not None and plan.budget.original == original
    assert planned <= original * 1.35 + 1
    # every missing topic is inserted, suggested, merged into a list, or left to a person
    handled = {f.rule for e in plan.edits for f in e.findings} | {s.rule for s in plan.suggestions}
    handled |= {m.finding.rule for m in plan.manual}
    assert {f.rule for f in findings if f.kind == "missing_topic"} <= handled
    ranks = [(-SEVERITY_RANK[s.findings[0].severity]) for s in plan.suggestions]
    assert ranks == sorted(ranks), "suggestions come most important first"
    assert all(s.paragraphs and s.why for s in plan.suggestions)


def test_one_passage_per_theme_in_one_place():
    policy = "# Policy\n\n## Multi-agency working\n\nWe work with other agencies.\n\n## Appendix A\n\nContacts.\n"
    doc = read_string(policy)
    findings = check_document(doc, [RULES[r] for r in ("WT030", "WT033", "WT034")], values=VALUES, config=Config())
    plan = plan_edits(doc, findings, RULES, VALUES)
    (edit,) = plan.edits
    assert edit.rules == ["WT033", "WT030", "WT034"], "most important first"
    assert "Multi-agency working" in edit.placement


def test_without_a_budget_everything_goes_in_and_with_none_left_it_is_suggested():
    path = CORPUS / "sunflower-childminder-2019" / "policy.md"
    _, findings, everything = _planned(path, None)
    assert not everything.suggestions
    _, _, tight = _planned(path, 0.0)
    assert not [e for e in tight.edits if e.kind == "insert" and e.paragraphs[0].like is None]
    assert tight.suggestions and {s.rule for s in tight.suggestions} <= {f.rule for f in findings}


def test_a_clause_sentence_the_policy_already_has_is_left_out():
    clause = render_clause(RULES["WT021"], VALUES)
    repeated = sentences.split(clause.splitlines()[-1])[0]
    assert repeated.startswith("We make a particular effort")
    doc = read_string(f"# Policy\n\n## Families\n\nWe talk to families. {repeated}\n")
    findings = check_document(doc, [RULES["WT021"]], values=VALUES, config=Config())
    (edit,) = plan_edits(doc, findings, RULES, VALUES).edits
    assert repeated not in edit.new_text and "We will normally tell parents" in edit.new_text


def test_a_clause_can_leave_out_what_the_policy_already_says(tmp_path):
    """`mentions('regex')` in a clause asks the original policy (outside the passages the
    plan rewrites), so an inserted clause does not repeat what the policy keeps saying."""
    pack = tmp_path / "pack"
    (pack / "clauses").mkdir(parents=True)
    clause = "Staff report signs of domestic abuse.{% if not mentions('operation encompass') %} We take part in Operation Encompass.{% endif %}\n"
    (pack / "clauses" / "da.md.j2").write_text(clause, encoding="utf-8")
    rule = records.replace(RULES["WT008"], clause="clauses/da.md.j2", pack_folder=str(pack))
    assert "Operation Encompass" in render_clause(rule, VALUES)
    said = "# Policy\n\n## Domestic abuse\n\nWe take part in Operation Encompass.\n"
    doc = read_string(said)
    findings = check_document(doc, [rule], values=VALUES, config=Config(), as_of=AS_OF)
    (edit,) = plan_edits(doc, findings, {rule.id: rule}, VALUES).edits
    assert "Operation Encompass" not in edit.new_text


def test_mentions_answers_as_a_search_of_the_whole_policy_does():
    """`mentions` skips the search when the policy lacks the strings a match needs; its
    answers must be those of searching the folded text, for patterns the text holds, lacks,
    or holds only part of (every string of a match, but not in order), in any case."""
    from wttsc_policy.plan.clauses import Mentions
    from wttsc_policy.rulepacks.patterns import compile_pattern

    text = (
        "# Policy\n\n## Partners\n\nThe school is a Relevant Agency under the 2023 guidance.\n\n"
        "Agencies that are relevant work with us. We take part in Operation Encompass.\n"
    )
    patterns = [
        "(?:is|are) (?:an? )?relevant agenc",
        "relevant agencies are",
        "operation encompass",
        "encompass operation",
        "channel panel",
        "(?:the|a) school",
        "[a-z]+ agency",
    ]
    root = Path(__file__).resolve().parent.parent
    docs = [
        read_string(text),
        *(read_document(root / "examples" / n) for n in ("oakfield-primary-2018.md", "riverside-academy-2023.docx")),
    ]
    answers = set()
    for doc in docs:
        mentions = Mentions(doc)
        for pattern in patterns:
            plain = compile_pattern(pattern).search(mentions._text) is not None
            assert mentions(pattern) == plain, pattern
            answers.add(plain)
    assert answers == {True, False}


def test_mentions_is_the_only_call_a_pack_template_may_make():
    check_template("{% if not mentions('operation encompass') %}x{% endif %}", "t")
    for bad in ["{{ range(3) }}", "{{ mentions(x) }}", "{{ mentions('(a+)+b') }}", "{{ mentions('a', 'b') }}"]:
        with pytest.raises(RuleError):
            check_template(bad, "t")


def test_the_school_name_comes_from_the_title_when_config_has_none(tmp_path, run_cli):
    (tmp_path / ".git").mkdir()
    (tmp_path / "wttsc-policy.toml").write_text("growth_budget = 100\n", encoding="utf-8")
    (tmp_path / "policy.md").write_text(
        "# Larkspur Academy: Safeguarding and Child Protection Policy 2019-20\n\n## Relevant agencies\n\n"
        "Staff keep children safe.\n",
        encoding="utf-8",
    )
    proc = run_cli("update", "policy.md", "--select", "WT033", "--date", "2026-12-07", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    updated = (tmp_path / "policy.updated.md").read_text(encoding="utf-8")
    assert "Larkspur Academy is a relevant agency" in updated and "[school name]" not in updated
    assert ": 1 change tracked, 0 to edit by hand" in proc.stdout


def test_the_growth_budget_is_validated(tmp_path, run_cli):
    (tmp_path / ".git").mkdir()
    (tmp_path / "wttsc-policy.toml").write_text("growth_budget = -0.5\n", encoding="utf-8")
    (tmp_path / "policy.md").write_text("# Policy\n\nText.\n", encoding="utf-8")
    proc = run_cli("update", "policy.md", cwd=tmp_path)
    assert proc.returncode == 2 and "growth_budget" in proc.stderr and "Traceback" not in proc.stderr


def test_suggestions_are_in_the_notes_and_the_summary(tmp_path, run_cli):
    (tmp_path / ".git").mkdir()
    (tmp_path / "wttsc-policy.toml").write_text("growth_budget = 0\n", encoding="utf-8")
    (tmp_path / "policy.md").write_text(
        "# Hilltop School Child Protection Policy\n\n## Aims\n\nWe keep children safe.\n", encoding="utf-8"
    )
    proc = run_cli("update", "policy.md", "--select", "WT022,WT054", "--date", "2026-12-07", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "2 suggested additions in the change notes" in proc.stdout
    notes = (tmp_path / "policy.changes.md").read_text(encoding="utf-8")
    section = notes.split("Suggested additions", 1)[1]
    online, family = section.index("Responding to online harm"), section.index("Child-centred and whole-family")
    assert online < family, "a warning comes before an info, whatever the rule ids"


def test_a_rewritten_sentence_names_the_partners_once_and_only_where_the_policy_no_longer_does():
    """WT032 rewrites two wrong sentences that were the only ones naming the partners: the
    partners are named in the first rewrite only; a policy that names them elsewhere gets none."""
    wrong = (
        "# Policy\n\n## Partners\n\nEducation is now the fourth statutory safeguarding partner alongside the local "
        "authority, the ICB and the police. The safeguarding partners are the local authority, the integrated care "
        "board, the police and schools.\n"
    )
    named = "\n## Arrangements\n\nThe three safeguarding partners lead the local arrangements.\n"
    for text, times in [(wrong, 1), (wrong + named, 0)]:
        doc = read_string(text)
        findings = check_document(doc, [RULES["WT032"]], values=VALUES, config=Config(), as_of=AS_OF)
        edits = plan_edits(doc, findings, RULES, VALUES).edits
        assert len(edits) == 2
        assert sum("the three partners are" in e.new for e in edits) == times


def test_a_dated_account_of_past_training_keeps_the_edition_it_names():
    text = "# Policy\n\n## Training\n\nIn September 2018 all staff were briefed on Working Together 2018. We follow Working Together 2018.\n"
    found = check_text(text, [RULES["WT001"]], as_of=AS_OF)
    assert [f.match for f in found] == ["Working Together 2018"] and found[0].block_start > 60


@pytest.mark.parametrize(
    ("policy_says", "expected"),
    [("the DSL", "the DSL, who considers"), ("the designated safeguarding lead", "(DSL), who considers")],
)
def test_new_text_uses_the_initials_the_policy_already_uses(tmp_path, run_cli, policy_says, expected):
    """A policy that says "the DSL" gets clauses that say "the DSL", not "the designated
    safeguarding lead (DSL)" at every mention; one that never uses the initials gets them
    spelled out."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "wttsc-policy.toml").write_text("growth_budget = 100\n", encoding="utf-8")
    (tmp_path / "policy.md").write_text(
        f"# Child protection policy\n\n## Domestic abuse\n\nStaff tell {policy_says} about any concern.\n",
        encoding="utf-8",
    )
    proc = run_cli("update", "policy.md", "--select", "WT008", "--date", "2026-12-07", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    updated = (tmp_path / "policy.updated.md").read_text(encoding="utf-8")
    assert expected in updated
    assert ("designated safeguarding lead (DSL)" in updated) is (policy_says != "the DSL")
