"""Invisible characters and OCR letter spacing inside phrases: found, and edited at the
exact original offsets (markdown, plain text and Word), so nothing is lost or doubled."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from docx import Document as make_docx

from docx_factory import add_runs
from lo.invariants import docx_texts
from wttsc_policy.normalise import REMOVED, fold, normalise
from wttsc_policy.ooxml.resolve import resolve_docx
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
WT001, KC001 = RULES.by_id["WT001"], RULES.by_id["KC001"]

INVISIBLE = {
    "soft hyphen": "\u00ad",
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "left-to-right mark": "\u200e",
    "right-to-left mark": "\u200f",
    "combining grapheme joiner": "\u034f",
    "Mongolian vowel separator": "\u180e",
    "word joiner": "\u2060",
    "byte-order mark": "\ufeff",
    "left-to-right isolate": "\u2066",
    "pop directional isolate": "\u2069",
    "right-to-left override": "\u202e",
    "variation selector": "\ufe0f",
}


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_every_invisible_character_is_removed_with_a_map(char):
    assert char in REMOVED
    text = f"Work{char}ing Together"
    n = normalise(text)
    assert n.plain == "Working Together"
    assert n.to_original(0, len(n.plain)) == (0, len(text))
    assert fold(text) == "working together"


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_a_citation_with_an_invisible_character_is_found_and_replaced_whole(char):
    text = f"We follow Working Tog{char}ether to Safe{char}guard Children 2018{char} here."
    (finding,) = check_text(text, [WT001])
    assert finding.match.replace(char, "") == "Working Together to Safeguard Children 2018"
    assert fix_text(text, [WT001]) == f"We follow Working Together to Safeguard Children 2023{char} here."


def test_non_breaking_and_other_spaces_are_spaces():
    text = "Keeping\u00a0Children\u202fSafe\u2007in Education\u00a02022"
    (finding,) = check_text(text, [KC001], values={"kcsie_edition": 2025})
    assert finding.match == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Staff read K C S I E 2 0 2 2 each year.", "Staff read KCSIE 2025 each year."),
        ("Staff read K C S I E  2 0 2 2 each year.", "Staff read KCSIE 2025 each year."),
        ("Staff read Keepingchildrensafe in education 2022.", "Staff read Keeping Children Safe in Education 2025."),
        ("W o r k i n g  T o g e t h e r 2 0 1 8 applies.", None),
    ],
)
def test_ocr_letter_spacing_and_run_together_words(text, expected):
    rules = [WT001, KC001]
    findings = check_text(text, rules, values={"kcsie_edition": 2025})
    assert findings, text
    if expected is not None:
        assert fix_text(text, [KC001]) == expected


def test_ordinary_single_letters_are_left_alone():
    assert normalise("grades A, B and C").index is None
    assert normalise("options a b c").plain == "options a b c"  # three are not a run
    assert normalise("Part A B C D").plain == "Part ABCD"  # closed up for matching only


def test_plain_text_file_keeps_its_offsets(tmp_path, run_cli):
    path = tmp_path / "policy.txt"
    body = "Guidance\n\nWe follow Working\u00a0Together to Safe\u00adguard Children\u200e 2018 and KCSIE.\n"
    path.write_text(body, encoding="utf-8")
    out = run_cli("update", str(path), "--select", "WT001", "--date", "2026-01-15T00:00:00Z", "--as-of", ON.isoformat())
    assert out.returncode == 0, out.stderr
    updated = (tmp_path / "policy.updated.txt").read_text(encoding="utf-8")
    assert updated == "Guidance\n\nWe follow Working Together to Safeguard Children 2023 and KCSIE.\n"


def test_word_runs_with_invisible_characters_are_edited_exactly(tmp_path, run_cli):
    path = tmp_path / "policy.docx"
    doc = make_docx()
    doc.add_heading("Legislation", level=1)
    p = doc.add_paragraph()
    add_runs(
        p,
        [
            ("We follow Work\u200bing ", {}),
            ("Toge\u00adther to Safe", {"bold": True}),
            ("guard Children\u200f 2018.", {}),
        ],
    )
    doc.add_paragraph("Staff read K C S I E 2 0 2 2 and act on it.")
    doc.save(str(path))
    out = run_cli(
        "update",
        str(path),
        "--select",
        "WT001,KC001",
        "--kcsie-edition",
        "2025",
        "--date",
        "2026-01-15T00:00:00Z",
        "--as-of",
        ON.isoformat(),
    )
    assert out.returncode == 0, out.stderr
    accepted = resolve_docx((tmp_path / "policy.updated.docx").read_bytes(), "accept")
    texts = docx_texts(accepted, tmp_path)
    assert "We follow Working Together to Safeguard Children 2023." in texts
    assert "Staff read KCSIE 2025 and act on it." in texts
    rejected = resolve_docx((tmp_path / "policy.updated.docx").read_bytes(), "reject")
    assert docx_texts(rejected, tmp_path, "_r.docx") == docx_texts(path.read_bytes(), tmp_path, "_o.docx")
