"""Where a missing topic goes: section titles written as bold lines or underlined text are
headings, the heading cues come first, then the section's own text; headings about staff
or naming the policy are never a place; and `update` inserts under the heading `check`
reported."""

from __future__ import annotations

from pathlib import Path

from wttsc_policy.document import BlockKind
from wttsc_policy.pipeline import check_text
from wttsc_policy.read.markdown import read_markdown
from wttsc_policy.read.text import read_text, underlined_title
from wttsc_policy.rulepacks.load import load_ruleset

RULES = load_ruleset()


def _heading(text: str, rule_id: str, fmt: str = "markdown") -> str | None:
    (finding,) = [f for f in check_text(text, [RULES.by_id[rule_id]], fmt=fmt) if f.rule == rule_id]
    return finding.heading


def test_bold_lines_are_section_titles_below_the_last_heading():
    doc = read_markdown(
        Path("p.md"),
        "## Safeguarding policy\n\nIntro.\n\n**Reporting a concern**\n\nTell the DSL.\n\n"
        "A sentence with **bold words** in it.\n\n- **Bold list item**\n",
    )
    headings = [(b.text, b.level) for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert headings == [("Safeguarding policy", 2), ("Reporting a concern", 3)]


def test_a_long_or_sentence_like_bold_paragraph_is_not_a_title():
    doc = read_markdown(Path("p.md"), "**All staff must report every concern to the DSL on the same day.**\n")
    assert doc.blocks[0].kind is BlockKind.PARAGRAPH


def test_underlined_plain_text_titles():
    assert underlined_title("Procedures\n----------") == (2, 0, 10)
    assert underlined_title("============\nSafeguarding\n============") == (1, 13, 25)
    assert underlined_title("A sentence.\n--") is None
    doc = read_text(Path("p.txt"), "Procedures\n----------\n\nStaff tell the DSL.\n")
    heading = doc.blocks[0]
    assert heading.kind is BlockKind.HEADING and heading.text == "Procedures"
    assert doc.source[heading.segments[0].source : heading.segments[0].source + 10] == "Procedures"


def test_heading_cues_place_a_topic_under_a_bold_title():
    text = (
        "# Child protection policy\n\n**Our commitment**\n\nWe keep children safe.\n\n"
        "**Reporting a concern**\n\nStaff tell the DSL, who refers to children's social care.\n"
    )
    assert _heading(text, "WT052") == "Reporting a concern"


def test_the_sections_text_decides_when_no_heading_fits():
    text = (
        "# Child protection policy\n\n## 1. Our school\n\nWe are a small school.\n\n"
        "## 2. Looking after every child\n\nDisabled children can find it harder to tell us about abuse, "
        "so staff learn each pupil's way of communicating. Families of disabled children tell us about "
        "short breaks and other help.\n\n## 3. Site\n\nThe gate is locked.\n"
    )
    assert _heading(text, "WT049") == "2. Looking after every child"
    assert _heading(text.replace("Disabled children", "Pupils").replace("disabled children", "pupils"), "WT049") is None


def test_staff_matters_and_policy_subtitles_are_never_a_place():
    text = (
        "# Hilltop School\n\n## Safeguarding (Child Protection) Policy\n\nIntro.\n\n"
        "## Allegations against staff and carers\n\nReport to the head.\n\n## Working with parents\n\nWe talk.\n"
    )
    assert _heading(text, "WT021") == "Working with parents"
    assert _heading(text, "WT052") is None


def test_update_inserts_the_clause_under_the_heading_check_reported(tmp_path, run_cli):
    policy = tmp_path / "policy.md"
    policy.write_text(
        "# Child protection policy\n\n**Reporting a concern**\n\nStaff tell the DSL the same day.\n\n"
        "**Site security**\n\nVisitors sign in.\n",
        encoding="utf-8",
    )
    # a few-line policy: lift the growth budget so the clause goes in, not into the notes
    (tmp_path / "wttsc-policy.toml").write_text("growth_budget = 100\n", encoding="utf-8")
    out = run_cli("update", str(policy), "--select", "WT052", "--date", "2026-01-15T00:00:00Z")
    assert out.returncode == 0, out.stderr
    updated = (tmp_path / "policy.updated.md").read_text(encoding="utf-8")
    concern, security = updated.index("**Reporting a concern**"), updated.index("**Site security**")
    inserted = updated.index("practice standards")
    assert concern < inserted < security
