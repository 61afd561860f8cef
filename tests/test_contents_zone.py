"""A typed table of contents (a "Contents" heading followed by entries typed by hand).

Its lines are read, so an outdated heading repeated there is a finding, but never edited
(a hand edit: the entry follows its heading). The contents list ends at the first heading
after it, whatever that heading's level: a level-1 "Contents" before level-2 sections
used to swallow the whole policy, so no outdated reference in it was found.
"""

from __future__ import annotations

import json
from pathlib import Path

from docx_factory import add_runs, build
from wttsc_policy.document import BlockKind, LockReason, Zone
from wttsc_policy.read import read_string

OLD = "Working Together to Safeguard Children 2018"


def _findings(run_cli, path: Path) -> list[dict]:
    proc = run_cli("check", str(path), "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    return [f for f in json.loads(proc.stdout)["files"][0]["findings"] if f["rule"] == "WT001"]


def test_level_one_contents_does_not_swallow_level_two_sections(tmp_path, run_cli):
    policy = tmp_path / "policy.md"
    policy.write_text(
        "# Child protection policy\n\n# Contents\n\n1. Introduction\n2. Roles\n\n"
        f"## 1. Introduction\n\nThis policy follows {OLD}.\n",
        encoding="utf-8",
    )
    found = _findings(run_cli, policy)
    assert [f["line"] for f in found] == [10]
    assert found[0]["editable"] is True


def test_typed_contents_entry_is_a_hand_edit_and_its_heading_is_edited(tmp_path, run_cli):
    policy = tmp_path / "policy.md"
    policy.write_text(
        f"# Policy\n\n## Contents\n\n- {OLD} ...... 3\n- Roles ...... 4\n\n## {OLD}\n\nText.\n",
        encoding="utf-8",
    )
    found = {f["line"]: f for f in _findings(run_cli, policy)}
    assert sorted(found) == [5, 8]
    assert found[5]["editable"] is False and "typed table of contents" in found[5]["edit_note"]
    assert found[8]["editable"] is True


def test_contents_lines_are_locked_and_the_zone_ends_at_the_next_heading():
    doc = read_string("# P\n\n# Contents\n\n- Intro\n- Roles\n\n## Intro\n\nBody text.\n", "markdown")
    zones = [(b.kind, b.text, b.zone) for b in doc.blocks if b.kind is not BlockKind.HEADING]
    assert zones == [
        (BlockKind.LIST_ITEM, "Intro", Zone.CONTENTS),
        (BlockKind.LIST_ITEM, "Roles", Zone.CONTENTS),
        (BlockKind.PARAGRAPH, "Body text.", Zone.BODY),
    ]
    entry = next(b for b in doc.blocks if b.text == "Roles")
    assert [lock.reason for lock in entry.locks] == [LockReason.TYPED_CONTENTS]


def _typed_toc(doc) -> None:
    doc.add_heading("Child protection policy", level=1)
    doc.add_heading("Contents", level=1)
    for title, page in ((OLD, 3), ("Roles and responsibilities", 4)):
        add_runs(doc.add_paragraph(), [(f"{title}\t{page}", {"bold": True})])  # bold: looks like a heading
    doc.add_heading("Roles and responsibilities", level=2)
    doc.add_paragraph(f"Staff follow {OLD}.")


def test_word_typed_contents_bold_entries_are_not_headings(tmp_path, run_cli):
    path = build(tmp_path / "toc.docx", _typed_toc)
    from wttsc_policy.read import read_document

    doc = read_document(path)
    entries = [b for b in doc.blocks if b.zone is Zone.CONTENTS and b.text != "Contents"]
    assert [b.kind for b in entries] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]
    found = _findings(run_cli, path)
    assert [f["editable"] for f in found] == [False, True]
    out = tmp_path / "out.docx"
    proc = run_cli("update", str(path), "-o", str(out))
    assert proc.returncode in (0, 1), proc.stderr
    after = read_document(out)  # the accepted view: insertions read, deletions not
    assert [b.zone for b in after.blocks if OLD in b.text] == [Zone.CONTENTS]
