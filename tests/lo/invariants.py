"""Checks shared by the update tests: the redline invariants of issue 4, without LibreOffice.

- Reject All on the redline gives the original's text (with the original's own
  revisions rejected too), Accept All gives the planned text;
- `check` on the accepted document finds no outdated reference or incorrect claim, and
  no missing topic that has a clause except those the growth budget left as suggested
  additions; planning on it proposes nothing but those additions;
- every package part other than the edited ones is byte-identical.
"""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

from wttsc_policy.ooxml.resolve import resolve_docx
from wttsc_policy.pipeline import RunOptions, check_file
from wttsc_policy.plan.model import EditPlan, expected_texts
from wttsc_policy.plan.planner import plan_edits
from wttsc_policy.read.docx import read_docx

# Parts `update` may rewrite: the story parts it edits, plus comment bookkeeping.
BOOKKEEPING = {"word/comments.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"}


def plan_for(path: Path, opts: RunOptions | None = None):
    """(document, plan, rules, checked) for a file, as `update` computes them."""
    opts = opts or RunOptions()
    checked = check_file(path, opts, keep_document=True)
    assert checked.result.error is None, checked.result.error
    rules = checked.context.ruleset.by_id
    budget = checked.context.config.growth_budget
    plan = plan_edits(checked.document, checked.result.findings, rules, checked.context.values, growth_budget=budget)
    return checked.document, plan, rules, checked


def docx_texts(data: bytes, folder: Path, name: str = "_texts.docx") -> list[str]:
    path = folder / name
    path.write_bytes(data)
    return [b.text for b in read_docx(path).blocks]


def zip_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def changed_parts(original: bytes, redline: bytes) -> set[str]:
    a, b = zip_parts(original), zip_parts(redline)
    assert set(a) <= set(b), f"parts lost: {set(a) - set(b)}"
    return {name for name in b if a.get(name) != b[name]}


def edited_story_parts(doc, plan: EditPlan) -> set[str]:
    return {doc.blocks[e.block].locator.part_name for e in plan.edits}


def assert_docx_invariants(original: Path, redline: Path, work: Path) -> EditPlan:
    """Assert every invariant for one original/redline pair; return the plan."""
    doc, plan, rules, _ = plan_for(original)
    before = original.read_bytes()
    after = redline.read_bytes()
    assert plan.edits, "expected the original to need changes"

    assert docx_texts(resolve_docx(after, "reject"), work) == docx_texts(resolve_docx(before, "reject"), work)
    accepted = resolve_docx(after, "accept")
    assert docx_texts(accepted, work) == expected_texts(doc, plan)

    allowed = edited_story_parts(doc, plan) | BOOKKEEPING
    changed = changed_parts(before, after)
    assert changed <= allowed, f"parts changed that hold no edit: {sorted(changed - allowed)}"

    accepted_path = work / f"{original.stem}.accepted.docx"
    accepted_path.write_bytes(accepted)
    assert_clean(
        accepted_path,
        rules,
        manual={(m.finding.rule, m.finding.match) for m in plan.manual},
        suggested={s.rule for s in plan.suggestions},
    )
    return plan


def assert_clean(
    path: Path, rules: dict, manual: set[tuple[str, str]] = frozenset(), suggested: set[str] = frozenset()
) -> None:
    """Nothing left that update could fix: no outdated/incorrect text, no coverable gap.

    Findings the original plan left for a person (`manual`: rule, matched text) may remain,
    and so may the missing topics it offered as suggested additions (`suggested`).
    """
    doc, plan, _, checked = plan_for(path)
    left = [
        f
        for f in checked.result.findings
        if (f.kind != "missing_topic" or getattr(rules.get(f.rule), "clause", None))
        and (f.rule, f.match) not in manual
        and f.rule not in suggested
    ]
    assert not left, [(f.rule, f.match) for f in left]
    again = [e for e in plan.edits if not set(e.rules) <= suggested]
    assert not again, [(e.rule, e.old) for e in again]


def copy_example(src: Path, tmp_path: Path, examples: Path) -> Path:
    """Copy an example policy with the config files above it (inside `examples`), keeping
    the layout, and stop the config walk at the copy's root."""
    import shutil

    dst = tmp_path / "examples" / src.relative_to(examples)
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dst)
    folder = src.parent
    while folder != examples and folder != folder.parent:
        config = folder / "wttsc-policy.toml"
        if config.is_file():
            target = tmp_path / "examples" / folder.relative_to(examples) / config.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(config, target)
        folder = folder.parent
    (tmp_path / ".git").mkdir(exist_ok=True)
    return dst


# -- generated documents --------------------------------------------------------------
OUTDATED = [
    "Working Together to Safeguard Children 2018",
    "the Local Safeguarding Children Board",
    "the clinical commissioning group",
    "Public Health England",
    "domestic violence",
]
FILLER = [
    "Staff record every concern on the same day.",
    "The designated safeguarding lead reviews records each week.",
    "Pupils are taught how to keep themselves safe.",
    "Visitors sign in at reception and wear a badge.",
]


def split_runs(paragraph, text: str, rng: random.Random) -> None:
    """Add `text` as runs cut at random places with mixed bold/italic/fonts."""
    cuts = sorted(rng.sample(range(1, len(text)), k=min(3, len(text) - 1)))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
    for piece in pieces:
        run = paragraph.add_run(piece)
        style = rng.randrange(4)
        run.bold = style == 1 or None
        run.italic = style == 2 or None
        if style == 3:
            run.font.name = "Georgia"


def generated_policy(path: Path, seed: int) -> Path:
    """A small policy with outdated wording in randomly split, formatted runs."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from docx_factory import add_hyperlink, build

    rng = random.Random(seed)

    def fill(doc) -> None:
        doc.sections[0].header.paragraphs[0].text = "Child protection policy"
        doc.sections[0].footer.paragraphs[0].text = "Written to " + OUTDATED[0] + "."
        doc.add_heading("Child protection policy", level=1)
        for n, heading in enumerate(
            [
                "Aims",
                "Legislation and statutory guidance",
                "Working with parents and carers",
                "Multi-agency working",
                "Training",
            ]
        ):
            doc.add_heading(f"{n + 1}. {heading}", level=2)
            for _ in range(rng.randint(1, 3)):
                phrase = rng.choice(OUTDATED)
                sentence = f"{rng.choice(FILLER)[:-1]}, in line with {phrase}."
                if rng.random() < 0.25:
                    p = doc.add_paragraph("We follow ")
                    add_hyperlink(p, phrase, "https://example.org/guidance")
                    p.add_run(" at all times.")
                else:
                    style = "List Bullet" if rng.random() < 0.3 else None
                    split_runs(doc.add_paragraph(style=style), sentence, rng)
                doc.add_paragraph(rng.choice(FILLER))
        doc.add_page_break()
        doc.add_heading("Appendix 1: Contacts", level=2)
        table = doc.add_table(rows=2, cols=2)
        table.rows[0].cells[0].text = "Role"
        table.rows[0].cells[1].text = "Contact"
        table.rows[1].cells[0].text = "Designated safeguarding lead"
        table.rows[1].cells[1].text = "Via " + OUTDATED[1]

    return build(path, fill)
