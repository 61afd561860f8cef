"""Property tests for `update` on generated Word documents with planted outdated references.

Documents come from hypothesis: outdated phrases split into runs at random points with
mixed formatting and proofing/bookmark marks between them, placed in paragraphs, list
items, (nested) table cells, content controls, headers and footers, around other
people's tracked changes. For each:

- Reject All on the redline gives back the original's text;
- Accept All gives a document on which `check` finds none of the outdated references
  or incorrect claims again, except those the tool said must be edited by hand;
- the input file is byte-for-byte unchanged.

Accept/Reject come from the update engineer's pure-lxml resolver (ooxml/resolve.py).
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_fuzz_readers import NOISE, RUN_PROPS, cell, make_docx, paragraph, run, table

ROOT = Path(__file__).resolve().parent.parent
if not (ROOT / "src" / "wttsc_policy" / "commands" / "update.py").exists():  # pragma: no cover
    pytest.skip("update is not built yet", allow_module_level=True)

from wttsc_policy.ooxml.resolve import resolve_docx
from wttsc_policy.pipeline import RunOptions, check_file
from wttsc_policy.read.docx import read_docx

UPDATE = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
DATE = "2024-09-01T09:00:00Z"
FIXABLE = ("outdated_reference", "incorrect_claim")

# Each fires an outdated-reference rule that has a replacement.
PLANTED = [
    "Working Together to Safeguard Children 2018",
    "the Local Safeguarding Children Board",
    "the clinical commissioning group",
    "domestic violence",
    "Working Together 2018",
    "the LSCB",
]
LEADS = ["Staff act in line with ", "Concerns are shared with ", "This section follows ", "We work with "]
TAILS = [".", " and local procedures.", " at all times.", ", as set out below."]


@st.composite
def split(draw, text: str) -> str:
    cuts = sorted(draw(st.sets(st.integers(1, len(text) - 1), max_size=6)))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
    out = []
    for piece in pieces:
        out.append(draw(st.sampled_from(NOISE)))
        out.append(run(piece, draw(st.sampled_from(RUN_PROPS))))
    return "".join(out)


@st.composite
def planted_paragraph(draw) -> str:
    phrase = draw(st.sampled_from(PLANTED))
    style = draw(
        st.sampled_from(
            [
                "",
                "",
                '<w:pPr><w:pStyle w:val="ListBullet"/></w:pPr>',
                '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>',
            ]
        )
    )
    return (
        f"<w:p>{style}{run(draw(st.sampled_from(LEADS)))}{draw(split(phrase))}{run(draw(st.sampled_from(TAILS)))}</w:p>"
    )


@st.composite
def placed(draw) -> str:
    p = draw(planted_paragraph())
    where = draw(st.sampled_from(["body", "body", "table", "nested", "sdt"]))
    if where == "table":
        return f"<w:tbl><w:tr><w:tc><w:p>{run('Role')}</w:p></w:tc><w:tc>{p}</w:tc></w:tr></w:tbl>"
    if where == "nested":
        return f"<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc>{p}</w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>"
    if where == "sdt":
        return f"<w:sdt><w:sdtPr/><w:sdtContent>{p}</w:sdtContent></w:sdt>"
    return p


HEADINGS = [
    "Aims",
    "Legislation and statutory guidance",
    "Working with parents and carers",
    "Multi-agency working",
    "Training",
]


@st.composite
def policy(draw) -> tuple[str, str | None, str | None]:
    body = [f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>{run("Child protection policy")}</w:p>']
    for n, heading in enumerate(draw(st.lists(st.sampled_from(HEADINGS), min_size=1, max_size=4, unique=True))):
        body.append(f'<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr>{run(f"{n + 1}. {heading}")}</w:p>')
        for item in draw(st.lists(st.one_of(placed(), paragraph(), table(cell)), min_size=1, max_size=4)):
            body.append(item)
    if not any(any(p.split(" ")[-1] in b or p in b for p in PLANTED) for b in body):
        body.append(draw(planted_paragraph()))
    header = draw(st.none() | planted_paragraph())
    footer = draw(st.none() | st.just(f"<w:p>{run('Reviewed each year.')}</w:p>"))
    return "".join(body), header, footer


def texts(data: bytes, folder: Path, name: str) -> list[str]:
    path = folder / name
    path.write_bytes(data)
    return [b.text for b in read_docx(path).blocks]


def fixable(path: Path) -> list:
    checked = check_file(path, RunOptions())
    assert checked.result.error is None, checked.result.error
    return [f for f in checked.result.findings if f.kind in FIXABLE]


@UPDATE
@given(doc=policy())
def test_reject_all_is_original_accept_all_rechecks_clean(doc) -> None:
    from wttsc_policy.commands.update import run_update

    body, header, footer = doc
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / ".git").mkdir()  # keep config discovery inside the scratch folder
        original = folder / "policy.docx"
        original.write_bytes(make_docx(body, header=header, footer=footer))
        before = original.read_bytes()
        planted = fixable(original)
        assert planted, "the generated policy should contain an outdated reference"

        with contextlib.redirect_stdout(io.StringIO()):
            code = run_update(path=original, date=DATE)
        assert code == 0
        assert original.read_bytes() == before, "update changed its input"
        if not (folder / "policy.updated.docx").exists():
            # nothing the tool may edit (e.g. only text inside a content control): hand edits only
            assert not any(f.editable for f in planted), [(f.rule, f.match) for f in planted]
            return
        redline = (folder / "policy.updated.docx").read_bytes()

        assert texts(resolve_docx(redline, "reject"), folder, "rejected.docx") == texts(
            resolve_docx(before, "reject"), folder, "original-rejected.docx"
        )

        (folder / "accepted.docx").write_bytes(resolve_docx(redline, "accept"))
        left = fixable(folder / "accepted.docx")
        by_hand = {(f.rule, f.match) for f in planted if not f.editable}
        assert all((f.rule, f.match) in by_hand for f in left), [(f.rule, f.match) for f in left]
