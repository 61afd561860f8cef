"""`wttsc-policy update` on Word documents, through the real CLI: the redline invariants,
comments, determinism and output safety."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from docx_factory import sample_policy
from editions_now import WTTSC_NOW
from lo.invariants import assert_docx_invariants, copy_example, generated_policy, plan_for, zip_parts
from paths import ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DATE = "2024-09-01T09:00:00Z"
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*.docx"))
OUTDATED_EXAMPLES = [p for p in EXAMPLES if "2018" in p.name]
ALL_EXAMPLES = sorted(p for p in (ROOT / "examples").rglob("*.docx") if not p.name.startswith("~$"))


def _copy(src: Path, folder: Path) -> Path:
    dst = folder / src.name
    shutil.copy2(src, dst)
    return dst


def _update(run_cli, path: Path, *args: str, env: dict | None = None):
    result = run_cli("update", str(path), "--date", DATE, *args, env=env)
    assert result.returncode == 0, result.stderr
    return result


def _xml(data: bytes, part: str) -> etree._Element:
    return etree.fromstring(zip_parts(data)[part])


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: str(p.relative_to(ROOT / "examples")))
def test_example_redline_invariants(run_cli, tmp_path, example):
    policy = copy_example(example, tmp_path, ROOT / "examples")
    result = _update(run_cli, policy)
    redline = policy.with_name(f"{policy.stem}.updated.docx")
    if "nothing to update" in result.stdout:
        assert "2018" not in example.name and not redline.exists()
        return
    assert redline.is_file() and policy.with_name(f"{policy.stem}.changes.md").is_file()
    assert "changes tracked" in result.stdout and str(redline) in result.stdout
    plan = assert_docx_invariants(policy, redline, tmp_path)
    assert any(e.kind == "insert" for e in plan.edits) and any(e.kind == "replace" for e in plan.edits)


@pytest.mark.parametrize("seed", range(8))
def test_generated_documents_invariants(run_cli, tmp_path, seed):
    policy = generated_policy(tmp_path / f"generated-{seed}.docx", seed)
    _update(run_cli, policy)
    assert_docx_invariants(policy, tmp_path / f"generated-{seed}.updated.docx", tmp_path)


def test_sample_with_fields_tracked_changes_and_nested_tables(run_cli, tmp_path):
    policy = sample_policy(tmp_path / "sample.docx")
    result = _update(run_cli, policy)
    plan = assert_docx_invariants(policy, tmp_path / "sample.updated.docx", tmp_path)
    # the citation inside a cross-reference field is left for a person, and said so
    manual = [m for m in plan.manual if "field" in m.why]
    assert manual and manual[0].finding.match == "Working Together to Safeguard Children 2018"
    assert "1 to edit by hand" in result.stdout or f"{len(plan.manual)} to edit by hand" in result.stdout
    notes = (tmp_path / "sample.changes.md").read_text()
    assert "Not changed automatically" in notes and "field" in notes


def test_formatting_survives_run_splits(run_cli, tmp_path):
    policy = sample_policy(tmp_path / "sample.docx")
    _update(run_cli, policy)
    body = _xml((tmp_path / "sample.updated.docx").read_bytes(), "word/document.xml")
    # "We follow " + italic "Working Together to " + bold "Safeguard Children" + " 2018 and ..."
    deleted = {}
    for d in body.iter(f"{W}del"):
        for r in d.iter(f"{W}r"):
            text = "".join(t.text or "" for t in r.iter(f"{W}delText"))
            deleted[text] = r
    assert deleted["Working Together to "].find(f"{W}rPr/{W}i") is not None
    assert deleted["Safeguard Children"].find(f"{W}rPr/{W}b") is not None
    assert deleted[" 2018"].find(f"{W}rPr/{W}b") is None
    preserve = deleted["Working Together to "].find(f"{W}delText").get("{http://www.w3.org/XML/1998/namespace}space")
    assert preserve == "preserve"
    # the inserted run takes the formatting of the first deleted character (italic)
    ins_runs = [i for i in body.iter(f"{W}ins") if "".join(t.text or "" for t in i.iter(f"{W}t")) == WTTSC_NOW]
    assert ins_runs and ins_runs[0].find(f"{W}r/{W}rPr/{W}i") is not None
    # the untouched text around the edit keeps its own run
    texts = ["".join(t.text or "" for t in r.iter(f"{W}t")) for r in body.iter(f"{W}r")]
    assert "We follow " in texts and " and the Data Protection Act 2018." in texts


def test_marks_go_inside_hyperlinks(run_cli, tmp_path):
    policy = sample_policy(tmp_path / "sample.docx")
    _update(run_cli, policy)
    body = _xml((tmp_path / "sample.updated.docx").read_bytes(), "word/document.xml")
    links = list(body.iter(f"{W}hyperlink"))
    assert links
    for link in links:
        assert link.getparent().tag not in (f"{W}ins", f"{W}del")
    assert any(link.find(f"{W}del") is not None and link.find(f"{W}ins") is not None for link in links)


RANGE_TAGS = ("commentRangeStart", "commentRangeEnd", "commentReference")


def test_ids_author_date_and_comments(run_cli, tmp_path):
    policy = _copy(OUTDATED_EXAMPLES[0], tmp_path)
    before = zip_parts(policy.read_bytes())
    _update(run_cli, policy, "--author", "A. Patel (DSL)")
    data = (tmp_path / f"{policy.stem}.updated.docx").read_bytes()
    parts = zip_parts(data)
    ids: list[str] = []
    ours = 0
    for name, blob in parts.items():
        if not (name.startswith("word/") and name.endswith(".xml")):
            continue
        root = etree.fromstring(blob)
        for el in root.iter(f"{W}ins", f"{W}del", f"{W}comment", f"{W}bookmarkStart"):
            if el.getparent() is not None and el.getparent().tag == f"{W}rPr" and el.tag == f"{W}ins":
                pass
            ids.append(el.get(f"{W}id"))
            if el.get(f"{W}author") == "A. Patel (DSL)":
                ours += 1
                assert el.get(f"{W}date") == DATE
    assert len(ids) == len(set(ids)), "revision/comment/bookmark ids must be unique"
    assert ours > 0
    doc, plan, _, _ = plan_for(policy)
    comments = _xml(data, "word/comments.xml")
    new = [c for c in comments.iter(f"{W}comment") if c.get(f"{W}author") == "A. Patel (DSL)"]
    assert len(new) == len(plan.edits)  # one comment per change, header/footer ones included
    texts = ["".join(t.text or "" for t in c.iter(f"{W}t")) for c in new]
    for edit in plan.edits:
        assert any(edit.rule in text and "Source: " in text for text in texts), edit.rule
    footer = [e for e in plan.edits if doc.blocks[e.block].part != "body"]
    assert footer and any(f"Change {footer[0].number} is in the page footer" in text for text in texts)
    # existing comments are kept, unchanged
    old_comments = etree.fromstring(before["word/comments.xml"])
    for old in old_comments.iter(f"{W}comment"):
        match = [c for c in comments.iter(f"{W}comment") if c.get(f"{W}id") == old.get(f"{W}id")]
        assert match and etree.tostring(match[0]) == etree.tostring(old)
    # every new comment is anchored in the body: a reference, and a range only when closed
    # (comments on inserted paragraphs mark a point: a range there splits LibreOffice's
    # insertion and restyles the next paragraph on Reject All)
    body = _xml(data, "word/document.xml")
    for c in new:
        cid = c.get(f"{W}id")
        marks = {tag: sum(el.get(f"{W}id") == cid for el in body.iter(f"{W}{tag}")) for tag in RANGE_TAGS}
        assert marks["commentReference"] == 1, (cid, marks)
        assert marks["commentRangeStart"] == marks["commentRangeEnd"] <= 1, (cid, marks)


def test_comments_part_created_when_missing(run_cli, tmp_path):
    policy = generated_policy(tmp_path / "plain.docx", 3)
    assert not any("comments" in n for n in zip_parts(policy.read_bytes()))
    _update(run_cli, policy)
    parts = zip_parts((tmp_path / "plain.updated.docx").read_bytes())
    assert "word/comments.xml" in parts
    assert b"comments.xml" in parts["word/_rels/document.xml.rels"]
    assert b'PartName="/word/comments.xml"' in parts["[Content_Types].xml"]
    import docx

    reopened = docx.Document(str(tmp_path / "plain.updated.docx"))  # a second client reads the comments
    comments = list(reopened.comments)
    doc, plan, _, _ = plan_for(policy)
    assert len(comments) == len(plan.edits)
    assert all(c.author == "wttsc-policy" and "Source: " in c.text for c in comments)


def test_inserted_paragraphs_mark_their_paragraph_mark(run_cli, tmp_path):
    policy = _copy(OUTDATED_EXAMPLES[0], tmp_path)
    _update(run_cli, policy)
    body = _xml((tmp_path / f"{policy.stem}.updated.docx").read_bytes(), "word/document.xml")
    new_paragraphs = [p for p in body.iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}ins") is not None]
    assert new_paragraphs
    for p in new_paragraphs:
        # all of its visible text is inserted
        for t in p.iter(f"{W}t"):
            assert any(a.tag == f"{W}ins" for a in t.iterancestors()), t.text


def test_same_input_and_date_give_identical_bytes(run_cli, tmp_path):
    policy = _copy(OUTDATED_EXAMPLES[0], tmp_path)
    out_a, out_b = tmp_path / "a.docx", tmp_path / "b.docx"
    _update(run_cli, policy, "--output", str(out_a), "--notes", str(tmp_path / "a.md"))
    env = {"SOURCE_DATE_EPOCH": "1725181200"}  # 2024-09-01T09:00:00Z
    result = run_cli("update", str(policy), "--output", str(out_b), "--notes", str(tmp_path / "b.md"), env=env)
    assert result.returncode == 0, result.stderr
    assert out_a.read_bytes() == out_b.read_bytes()
    assert (tmp_path / "a.md").read_text().replace("a.docx", "X") == (tmp_path / "b.md").read_text().replace(
        "b.docx", "X"
    )


def test_outputs_are_safe(run_cli, tmp_path):
    policy = _copy(OUTDATED_EXAMPLES[0], tmp_path)
    original = policy.read_bytes()
    _update(run_cli, policy)
    redline = tmp_path / f"{policy.stem}.updated.docx"
    first = redline.read_bytes()
    again = run_cli("update", str(policy), "--date", DATE)
    assert again.returncode == 2 and "already exists" in again.stderr and "--force" in again.stderr
    assert redline.read_bytes() == first
    forced = run_cli("update", str(policy), "--date", "2025-01-01", "--force")
    assert forced.returncode == 0 and redline.read_bytes() != first
    onto_input = run_cli("update", str(policy), "--output", str(policy), "--force")
    assert onto_input.returncode == 2 and "input" in onto_input.stderr
    in_place = run_cli("update", str(policy), "--in-place")
    assert in_place.returncode == 2 and "--in-place" in in_place.stderr
    assert policy.read_bytes() == original
    assert not list(tmp_path.glob(".*.tmp"))


def test_notes_options(run_cli, tmp_path):
    policy = _copy(OUTDATED_EXAMPLES[0], tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    _update(run_cli, policy, "--output", str(out / "redline.docx"), "--notes-format", "html")
    notes = out / "redline.changes.html"  # named after the output, beside it
    assert notes.is_file()
    html = notes.read_text()
    assert html.startswith("<!DOCTYPE html>") and "<table>" in html
    assert "<script" not in html and "<link" not in html and "src=" not in html  # self-contained


def test_bad_date_is_a_usage_error(run_cli, tmp_path):
    policy = _copy(OUTDATED_EXAMPLES[0], tmp_path)
    result = run_cli("update", str(policy), "--date", "next tuesday")
    assert result.returncode == 2 and "--date" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / f"{policy.stem}.updated.docx").exists()


def test_up_to_date_policy_needs_nothing(run_cli, tmp_path):
    current = [p for p in EXAMPLES if "2023" in p.name]
    if not current:
        pytest.skip("no up-to-date example")
    policy = _copy(current[0], tmp_path)
    # WTtSC 2023 in force; the Working Together rules only (the example predates later DfE standards)
    result = _update(run_cli, policy, "--as-of", "2026-01-15", "--select", "WT")
    # nothing to change in the document (optional items, if any, are left to the DSL in the notes)
    assert "nothing to update" in result.stdout or "0 changes tracked" in result.stdout
    assert not (tmp_path / f"{policy.stem}.updated.docx").exists()


def _no_growth_limit(folder: Path) -> None:
    """Let every clause in: these tests are about where clauses go, not how many fit."""
    (folder / ".git").mkdir(exist_ok=True)
    (folder / "wttsc-policy.toml").write_text("growth_budget = 100\n", encoding="utf-8")


def test_new_sections_end_the_page_before_the_appendix(run_cli, tmp_path):
    _no_growth_limit(tmp_path)
    policy = generated_policy(tmp_path / "paged.docx", 2)
    doc, plan, _, _ = plan_for(policy)
    assert any(e.position == "before" for e in plan.edits), "expected a clause placed before the appendix"
    _update(run_cli, policy)
    body = _xml((tmp_path / "paged.updated.docx").read_bytes(), "word/document.xml").find(f"{W}body")
    children = list(body)
    heading = next(
        i for i, el in enumerate(children) if "Appendix 1" in "".join(t.text or "" for t in el.iter(f"{W}t"))
    )
    page_break = children[heading - 1]
    assert any(br.get(f"{W}type") == "page" for br in page_break.iter(f"{W}br"))
    assert children[heading - 2].find(f"{W}ins") is not None  # our section sits before the break


def test_author_from_config_and_notes_only_when_nothing_can_be_edited(run_cli, tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from docx_factory import add_field, build

    (tmp_path / ".git").mkdir()
    (tmp_path / "wttsc-policy.toml").write_text('author = "Safeguarding Team"\nselect = ["WT001"]\n')

    def fill(doc):
        doc.add_heading("Policy", level=1)
        add_field(doc.add_paragraph("See "), "REF _Ref1 \\h", "Working Together to Safeguard Children 2018")

    fielded = build(tmp_path / "fielded.docx", fill)
    result = run_cli("update", str(fielded), "--date", DATE)
    assert result.returncode == 0, result.stderr
    assert "0 changes tracked, 1 to edit by hand" in result.stdout
    assert not (tmp_path / "fielded.updated.docx").exists()
    assert "Not changed automatically" in (tmp_path / "fielded.changes.md").read_text()

    policy = generated_policy(tmp_path / "plain.docx", 5)
    assert run_cli("update", str(policy), "--date", DATE).returncode == 0
    parts = zip_parts((tmp_path / "plain.updated.docx").read_bytes())
    authors = {
        el.get(f"{W}author")
        for name, blob in parts.items()
        if name.startswith("word/") and name.endswith(".xml")
        for el in etree.fromstring(blob).iter(f"{W}ins", f"{W}del", f"{W}comment")
    }
    assert authors == {"Safeguarding Team"}


def test_several_clauses_after_a_table_keep_their_order(run_cli, tmp_path):
    from docx_factory import build

    def fill(doc):
        doc.add_heading("Child protection policy", level=1)
        doc.add_heading("1. Multi-agency working", level=2)
        table = doc.add_table(rows=2, cols=2)
        for row, (role, contact) in enumerate([("Partnership", "See website"), ("Police", "101")]):
            table.rows[row].cells[0].text = role
            table.rows[row].cells[1].text = contact
        doc.add_heading("2. Training", level=2)
        doc.add_paragraph("Staff are trained every year.")

    _no_growth_limit(tmp_path)
    policy = build(tmp_path / "tabled.docx", fill)
    doc, plan, _, _ = plan_for(policy)
    after_table = [e for e in plan.edits if e.kind == "insert" and doc.blocks[e.block].table is not None]
    assert len(after_table) >= 3
    _update(run_cli, policy)
    assert_docx_invariants(policy, tmp_path / "tabled.updated.docx", tmp_path)


@pytest.mark.parametrize("seed", [0, 1, 9, 10, 11])
def test_long_generated_policies(tmp_path, seed):
    """Realistic long policies from the benchmark generator (several clauses per anchor,
    tables ending sections, lists, headers and footers)."""
    import contextlib
    import importlib.util
    import io

    spec_file = ROOT / "benchmarks" / "generate.py"
    if not spec_file.is_file():
        pytest.skip("benchmark generator not present")
    spec = importlib.util.spec_from_file_location("bench_generate", spec_file)
    generate = importlib.util.module_from_spec(spec)
    import sys

    sys.modules.setdefault("bench_generate", generate)  # dataclasses look their module up
    spec.loader.exec_module(generate)
    (tmp_path / ".git").mkdir()
    policy = tmp_path / f"long-{seed}.docx"
    generate.write_docx(generate.policy_spec(seed=seed, paragraphs=200), policy)
    from wttsc_policy.commands.update import run_update

    with contextlib.redirect_stdout(io.StringIO()):
        assert run_update(policy, date=DATE) == 0
    assert_docx_invariants(policy, tmp_path / f"long-{seed}.updated.docx", tmp_path)


def test_edit_by_hand_says_why(tmp_path):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from docx_factory import add_field, add_tracked, build

    phrase = "Working Together to Safeguard Children 2018"

    def fill(doc):
        doc.add_heading("Policy", level=1)
        add_field(doc.add_paragraph("See "), "REF _Ref1 \\h", phrase)
        add_tracked(doc.add_paragraph("We follow "), inserted=phrase)
        p = doc.add_paragraph("Guidance: ")
        p._p.append(
            parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtContent><w:r><w:t>{phrase}</w:t></w:r></w:sdtContent></w:sdt>")
        )

    (tmp_path / ".git").mkdir()
    (tmp_path / "wttsc-policy.toml").write_text('select = ["WT001"]\n')
    policy = build(tmp_path / "locked.docx", fill)
    _, plan, _, _ = plan_for(policy)
    assert not plan.edits
    reasons = [m.why for m in plan.manual]
    assert len(reasons) == 3
    assert "field" in reasons[0] and "tracked change" in reasons[1] and "content control" in reasons[2]
