"""The change notes a DSL takes to governors: every change listed, counts that add up,
what needs a person, and the staff briefing; markdown and self-contained HTML."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

from docx_factory import sample_policy
from lo.invariants import plan_for
from paths import ROOT

EXAMPLE = ROOT / "examples" / "oakfield-primary-2018.docx"


def _section(text: str, title: str) -> str:
    """A heading's section: up to the next heading of the same or a higher level."""
    start = re.search(rf"^{re.escape(title)}$", text, re.M).start()
    level = len(title) - len(title.lstrip("#"))
    nxt = re.search(rf"^#{{1,{level}}} ", text[start + len(title) :], re.M)
    return text[start : start + len(title) + nxt.start()] if nxt else text[start:]


def test_markdown_notes_list_every_change_and_add_up(run_cli, tmp_path):
    policy = tmp_path / EXAMPLE.name
    shutil.copy2(EXAMPLE, policy)
    result = run_cli("update", str(policy), "--date", "2024-09-01")
    assert result.returncode == 0, result.stderr
    notes = (tmp_path / f"{policy.stem}.changes.md").read_text()
    doc, plan, rules, _ = plan_for(policy)

    summary = _section(notes, "## Summary for governors")
    assert f"**{len(plan.edits)} changes**" in summary
    # the count by part of the guidance is in the DSL's appendix
    by_part = _section(notes, next(h for h in notes.splitlines() if h.startswith("### Changes by part of")))
    counts = [int(n) for n in re.findall(r"^\| [^|*]+ \| (\d+) \|$", by_part, re.M)]
    assert sum(counts) == len(plan.edits)
    chapters = {getattr(rules[e.rule], "chapter", None) for e in plan.edits}
    for chapter in chapters:
        # each part is named with the edition whose chapter numbering it uses ("WTtSC 2023, Chapter 3")
        assert re.search(rf"^\| (?:[^|]*, )?{re.escape(chapter)} \|", by_part, re.M), chapter

    table = _section(notes, "### Every change")
    rows = re.findall(r"^\| (\d+) \|", table, re.M)
    assert [int(r) for r in rows] == [e.number for e in plan.edits]
    for edit in plan.edits:
        assert edit.rule in table
        if edit.kind == "replace":
            assert edit.old.replace("|", "\\|") in table

    person = _section(notes, "### What needs a person")
    for edit, placeholder in plan.placeholders:
        row = next(line for line in person.splitlines() if line.startswith(f"| {placeholder} |"))
        assert str(edit.number) in row.split("|")[2].replace(" ", "").split(",")
    assert "## Staff briefing" in notes and "relevant agencies" in notes


def test_notes_list_what_was_not_edited(run_cli, tmp_path):
    policy = sample_policy(tmp_path / "sample.docx")
    result = run_cli("update", str(policy), "--date", "2024-09-01")
    assert result.returncode == 0, result.stderr
    notes = (tmp_path / "sample.changes.md").read_text()
    _, plan, _, _ = plan_for(policy)
    manual = _section(notes, "#### Not changed automatically")
    assert plan.manual
    for item in plan.manual:
        assert item.finding.rule in manual
    # header/footer changes say where their comment is (Word has none in headers/footers)
    assert any(f.part == "footer" for e in plan.edits for f in e.findings)
    assert "(comment on the first paragraph)" in notes


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)


def test_html_notes_are_self_contained_and_escaped(run_cli, tmp_path):
    policy = tmp_path / EXAMPLE.name
    shutil.copy2(EXAMPLE, policy)
    result = run_cli(
        "update", str(policy), "--date", "2024-09-01", "--notes-format", "html", "--notes", str(tmp_path / "notes.html")
    )
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "notes.html").read_text()
    parsed = _Collector()
    parsed.feed(html)
    assert "table" in parsed.tags and "h2" in parsed.tags
    assert not {"script", "link", "img", "iframe"} & set(parsed.tags)
    assert not [v for k, v in parsed.attrs if k in ("src", "href") and v and v.startswith(("http", "//"))]
    assert "Summary for governors" in html and "Staff briefing" in html
    assert "<w:" not in html and "{{" not in html


def test_a_long_hand_edit_sentence_is_quoted_around_the_outdated_words():
    """The quote used to be the first 200 characters: in a long sentence the outdated words
    were cut off, and the DSL could not see what to rewrite (found on a real document)."""
    from wttsc_policy.render.quotes import around

    old = "Working Together to Safeguard Children 2018"
    text = ("Staff read the comments and reply to them in the shared folder every week. " * 4) + f"We follow {old}."
    i = text.index(old)
    quoted = around(text, i, i + len(old), 120)
    assert old in quoted and len(quoted) <= 120
    assert quoted.startswith("…") and not quoted.startswith("… ")
    assert quoted.split("…", 1)[1].split()[0] in text.split()  # cut between words
    short = f"We follow {old}."
    assert around(short, 10, 10 + len(old), 120) == short
