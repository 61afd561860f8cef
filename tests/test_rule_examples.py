"""Every rule's own examples, run through the real matcher: `fires` must be flagged by
that rule and `passes` must not. Disabled rules are tested too (they are passed in
directly, as `--select` would)."""

from __future__ import annotations

from datetime import date

import pytest

from wttsc_policy.commands.rules_cmd import example_run
from wttsc_policy.pipeline import check_text, fix_text
from wttsc_policy.rulepacks.load import load_ruleset

RULESET = load_ruleset()


def _cases() -> list:
    """Every example of every rule of every pack: texts that fire, texts that pass, fixes."""
    out = []
    for rule in RULESET.rules:
        groups = (("fires", rule.examples.fires), ("passes", rule.examples.passes), ("thin", rule.examples.thin))
        for which, items in groups:
            out.extend(pytest.param(rule, which, text, id=f"{rule.id}-{which}-{i}") for i, text in enumerate(items))
        out.extend(
            pytest.param(rule, "fixes", fix, id=f"{rule.id}-fixes-{i}") for i, fix in enumerate(rule.examples.fixes)
        )
    return out


@pytest.mark.parametrize(("rule", "which", "example"), _cases())
def test_rule_example(rule, which, example):
    """`fires` is flagged by its rule (with kind, covers, match and replacement), `passes`
    is not, a `thin` mention of a missing topic is not coverage (still flagged), and each
    fix is exactly what `update` makes of its text."""
    run = example_run(rule)  # a fixed day (the pack's, or the data horizon), never today
    if which == "fixes":
        assert fix_text(example.before, [rule], **run) == example.after
        return
    findings = [f for f in check_text(example, [rule], **run) if f.rule == rule.id]
    if which == "passes":
        assert not findings, f"{rule.id} should not flag {example!r}, got {[f.match for f in findings]}"
        return
    assert findings, f"{rule.id} should flag: {example!r}"
    for f in findings:
        assert f.kind == rule.kind
        assert f.covers == rule.covers
        if rule.kind != "missing_topic":
            assert f.match, "a pattern finding quotes the matched text"
            if f.hand_edit or rule.hand_edit:  # no safe rewrite: left to a person
                assert not f.suggestion, "a hand-edit finding carries no replacement"
            else:
                # a replacement, or "" where the rule removes a sentence that only announces history
                assert f.suggestion is not None, "a pattern finding carries its replacement or a hand-edit reason"
            assert f.match.count("(") == f.match.count(")"), f"replacing {f.match!r} would leave a bracket"


def test_every_replacement_rule_shows_its_fix():
    """Rules that rewrite text carry at least one exact before/after example."""
    missing = [r.id for r in RULESET.rules if r.kind != "missing_topic" and not r.hand_edit and not r.examples.fixes]
    assert not missing


def test_validate_runs_fixes(tmp_path, run_cli):
    """`rules validate` fails a pack whose fix example does not hold."""
    import shutil

    pack = tmp_path / "pack"
    shutil.copytree(RULESET.by_id["KC003"].pack_dir, pack)
    kcsie = pack / "kcsie.yaml"
    kcsie.write_text(kcsie.read_text(encoding="utf-8").replace("See our child-on-child abuse policy.", "Wrong."))
    proc = run_cli("rules", "validate", str(pack))
    assert proc.returncode == 1 and "KC003: fixes" in proc.stdout, proc.stdout + proc.stderr


def test_every_rule_has_two_examples_each_way():
    thin = [r.id for r in RULESET.rules if len(r.examples.fires) < 2 or len(r.examples.passes) < 2]
    assert not thin


def test_plain_text_format_behaves_like_markdown():
    """Examples hold in .txt documents too (paragraphs split on blank lines)."""
    for rule in RULESET.rules:
        for text in rule.examples.fires:
            if text.startswith("#"):
                continue
            found = check_text(text, [rule], fmt="text", **example_run(rule))
            assert [f for f in found if f.rule == rule.id], (rule.id, text)


KC001 = RULESET.by_id["KC001"]


@pytest.mark.parametrize(
    ("edition", "expected"),
    [
        ("2024", ["KCSIE 2023"]),
        ("2025", ["KCSIE 2023", "KCSIE 2024"]),
        ("2026", ["KCSIE 2023", "KCSIE 2024", "KCSIE 2025"]),
    ],
)
def test_a_kcsie_pin_decides_the_current_edition(edition, expected):
    """Pinned (as `[guidance] kcsie` or the older `kcsie_edition` do), the date no longer decides."""
    text = "We cite KCSIE 2023. We cite KCSIE 2024. We cite KCSIE 2025."
    findings = check_text(text, [KC001], as_of=date(2026, 12, 7), pins={"kcsie": edition})
    assert [f.match for f in findings] == expected
    assert {f.suggestion for f in findings} == {f"KCSIE {edition}"}


@pytest.mark.parametrize(
    ("day", "current"),
    [(date(2025, 8, 31), "2024"), (date(2025, 9, 1), "2025"), (date(2026, 8, 31), "2025"), (date(2026, 9, 1), "2026")],
)
def test_the_kcsie_edition_in_force_follows_the_date(day, current):
    """KCSIE changes on 1 September: the day before, the old edition is still current."""
    previous = str(int(current) - 1)
    assert not check_text(f"Keeping Children Safe in Education {current}", [KC001], as_of=day)
    (f,) = check_text(f"Keeping Children Safe in Education {previous}", [KC001], as_of=day)
    assert f.suggestion == f"Keeping Children Safe in Education {current}"
    assert f"Keeping children safe in education {current}" in f.message


def test_replacement_keeps_title_case_and_sentence_scope():
    wt001 = RULESET.by_id["WT001"]
    text = "Staff follow Working Together to Safeguard Children 2018 at all times."
    (f,) = check_text(text, [wt001], as_of=date(2026, 1, 15))
    assert f.match == "Working Together to Safeguard Children 2018"
    assert f.suggestion == "Working Together to Safeguard Children 2023"
    wt032 = RULESET.by_id["WT032"]
    text = "Intro. Schools are now the fourth safeguarding partner. Next sentence."
    (f,) = check_text(text, [wt032])
    assert f.match == "Schools are now the fourth safeguarding partner."
    assert f.suggestion.startswith("Schools are not statutory safeguarding partners")
