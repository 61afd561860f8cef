"""Guidance in force on a date (issue 12), through the real CLI on real files.

The day before and the day an edition comes into force, a `[guidance]` pin, the older
`kcsie_edition` pin, a 2018 policy updated as of the data horizon, the grace period of an
edition whose in-force day is uncertain, retired requirements, setting-gated rules, and the
information notes (pending facts, the data horizon) that never become edits.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from paths import ROOT

OAKFIELD = ROOT / "examples" / "oakfield-primary-2018.md"
HORIZON = "2026-12-07"  # the day the editions data was last reviewed

CITATIONS = """# Child protection policy

## 2. Legislation and statutory guidance

This policy follows Working Together to Safeguard Children 2023 (updated February 2024) and Keeping Children Safe in Education 2024.

Staff have read KCSIE 2025 Part one.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # the config walk-up stops here
    return tmp_path


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def findings(run_cli, path: Path, *args: str) -> list[dict]:
    proc = run_cli("check", str(path), "--format", "json", "--fail-on", "never", *args)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["files"][0]["findings"]


def update_as_of(run_cli, policy: Path, select: str, day: str = "2026-12-02") -> tuple[str, str]:
    """`update` of a markdown policy as of `day` with some rules: (updated policy, notes)."""
    proc = run_cli("update", str(policy), "--as-of", day, "--select", select, "--date", day)
    assert proc.returncode == 0, proc.stderr
    return (
        policy.with_name(policy.stem + ".updated.md").read_text(encoding="utf-8"),
        policy.with_name(policy.stem + ".changes.md").read_text(encoding="utf-8"),
    )


def by_rule(found: list[dict], rule: str) -> list[tuple[str, str]]:
    return [(f["match"], f["suggestion"]) for f in found if f["rule"] == rule]


# -- the "done when" -------------------------------------------------------------


def test_as_of_2026_12_02_the_2023_and_2024_citations_are_outdated(run_cli, folder):
    policy = write(folder, "policy.md", CITATIONS)
    found = findings(run_cli, policy, "--as-of", "2026-12-02", "--select", "WT001,KC001")
    assert by_rule(found, "WT001") == [
        (
            "Working Together to Safeguard Children 2023 (updated February 2024)",
            "Working Together to Safeguard Children 2026",
        )
    ]
    assert by_rule(found, "KC001") == [
        ("Keeping Children Safe in Education 2024", "Keeping Children Safe in Education 2026"),
        ("KCSIE 2025", "KCSIE 2026"),
    ]
    wt001 = next(f for f in found if f["rule"] == "WT001")
    assert "Working Together to Safeguard Children 2026" in wt001["message"]
    assert wt001["severity"] == "warning" and wt001["confidence"] == "medium"  # the 2026 edition is medium


def test_as_of_2026_12_02_update_cites_the_editions_in_force(run_cli, folder):
    policy = write(folder, "policy.md", CITATIONS)
    updated, notes = update_as_of(run_cli, policy, "WT001,KC001")
    assert "follows Working Together to Safeguard Children 2026 and Keeping Children Safe in Education 2026." in updated
    assert "Staff have read KCSIE 2026 Part one." in updated
    assert "*Working Together to Safeguard Children 2026* (WTtSC 2026)" in notes


def test_an_account_of_a_past_briefing_is_a_hand_edit_not_a_new_claim(run_cli, folder):
    """'Staff have been briefed on WTtSC 2023' is true history: rewriting it to the edition in
    force would claim a briefing that has not happened, so a person updates it."""
    text = CITATIONS + "\nAll staff have been briefed on Working Together to Safeguard Children 2023.\n"
    policy = write(folder, "policy.md", text)
    found = findings(run_cli, policy, "--as-of", "2026-12-02", "--select", "WT001")
    assert len(found) == 2
    (account,) = [f for f in found if not f["editable"]]
    assert account["suggestion"] is None and "briefing" in (account["edit_note"] or "")
    updated, notes = update_as_of(run_cli, policy, "WT001")
    assert "have been briefed on Working Together to Safeguard Children 2023." in updated
    assert "follows Working Together to Safeguard Children 2026" in updated
    assert "briefing or training that has already happened" in notes


def test_a_part_the_new_edition_is_only_presumed_to_keep_is_not_credited_to_it(run_cli, folder):
    """The practice standards are in WTtSC 2023; that 2026 keeps them is low confidence in the
    data, so the sentence crediting the edition with them is left to a person."""
    text = "# Policy\n\nStaff follow the practice standards set out in Working Together to Safeguard Children 2023.\n"
    policy = write(folder, "policy.md", text)
    (finding,) = findings(run_cli, policy, "--as-of", "2026-12-02", "--select", "WT001")
    assert not finding["editable"] and finding["suggestion"] is None
    assert "not confirmed" in (finding["edit_note"] or "")


def test_as_of_2026_01_15_the_2023_citation_is_current(run_cli, folder):
    policy = write(folder, "policy.md", CITATIONS)
    found = findings(run_cli, policy, "--as-of", "2026-01-15", "--select", "WT001,KC001")
    assert by_rule(found, "WT001") == []
    assert by_rule(found, "KC001") == [
        ("Keeping Children Safe in Education 2024", "Keeping Children Safe in Education 2025")
    ]


def test_a_2018_policy_goes_straight_to_the_current_wording(run_cli, folder):
    """Updated as of the data horizon, every Working Together citation names 2026 (never the
    intermediate 2023 edition), and checking the result as of the same day finds nothing."""
    policy = folder / "policy.md"
    shutil.copy(OAKFIELD, policy)
    # every clause goes in (no growth budget), so checking the result finds nothing
    (folder / "wttsc-policy.toml").write_text("growth_budget = 100\n", encoding="utf-8")
    proc = run_cli("update", str(policy), "--as-of", HORIZON, "--date", HORIZON)
    assert proc.returncode == 0, proc.stderr
    updated = (folder / "policy.updated.md").read_text(encoding="utf-8")
    assert "Working Together to Safeguard Children 2026" in updated
    assert "Keeping Children Safe in Education 2026" in updated
    assert "Working Together to Safeguard Children 2023" not in updated
    assert "Operation Encompass" in updated  # the since-2023 pack's clause
    # what is left is only what update hands to a person (Public Health England's wellbeing
    # advice: the successor, OHID or UKHSA, depends on the work)
    left = findings(run_cli, folder / "policy.updated.md", "--as-of", HORIZON)
    assert [f["rule"] for f in left if f["editable"]] == []
    assert {f["rule"] for f in left} <= {"WT060"}


# -- boundaries ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "flagged"),
    [("2026-08-31", ["KCSIE 2024"]), ("2026-09-01", ["KCSIE 2024", "KCSIE 2025"])],
)
def test_the_day_before_and_the_day_kcsie_2026_comes_into_force(run_cli, folder, day, flagged):
    policy = write(folder, "policy.md", "# Policy\n\nWe cite KCSIE 2024. We cite KCSIE 2025. We cite KCSIE 2026.\n")
    found = findings(run_cli, policy, "--as-of", day, "--select", "KC001")
    assert [m for m, _ in by_rule(found, "KC001")] == flagged


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-03-17", []),  # the day before: WTtSC 2023 is still in force
        ("2026-03-18", [("Working Together to Safeguard Children 2023", "info")]),  # in force, day uncertain
        ("2026-05-12", [("Working Together to Safeguard Children 2023", "info")]),  # last day of the grace period
        ("2026-05-13", [("Working Together to Safeguard Children 2023", "warning")]),
    ],
)
def test_wttsc_2026_comes_into_force_with_a_grace_period(run_cli, folder, day, expected):
    policy = write(folder, "policy.md", "# Policy\n\nWe follow Working Together to Safeguard Children 2023.\n")
    found = findings(run_cli, policy, "--as-of", day, "--select", "WT001")
    assert [(f["match"], f["severity"]) for f in found] == expected


def test_the_2026_pack_applies_only_once_its_edition_is_in_force(run_cli):
    before = {f["rule"] for f in findings(run_cli, OAKFIELD, "--as-of", "2026-03-17")}
    after = {f["rule"] for f in findings(run_cli, OAKFIELD, "--as-of", HORIZON)}
    new = {"WT101", "WT103", "WT104", "WT105", "WT106"}
    assert not before & new and new <= after
    assert "WT027" in before and "WT027" not in after  # renamed: WT101 takes over


def test_a_retired_requirement_stops_applying(run_cli):
    """WT004 (the February 2024 corrections) is retired by the 2026 pack's key_mapping."""
    text = "# Policy\n\nThis policy follows Working Together to Safeguard Children 2023.\n"
    assert any(f["rule"] == "WT004" for f in check_selected(run_cli, text, "WT004", "2026-01-15"))
    assert not check_selected(run_cli, text, "WT004", HORIZON)


def check_selected(run_cli, text: str, rule: str, day: str) -> list[dict]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / ".git").mkdir()
        return findings(run_cli, write(folder, "p.md", text), "--as-of", day, "--select", rule)


# -- pins ----------------------------------------------------------------------------------


def test_a_guidance_pin_holds_a_trust_at_2023(run_cli, folder):
    write(folder, "wttsc-policy.toml", '[guidance]\nworking_together = "2023"\n')
    policy = write(folder, "policy.md", CITATIONS)
    found = findings(run_cli, policy, "--as-of", "2026-12-02")
    assert by_rule(found, "WT001") == []
    assert not {"WT101", "WT103", "WT104", "WT105", "WT106"} & {f["rule"] for f in found}
    assert ("KCSIE 2025", "KCSIE 2026") in by_rule(found, "KC001")  # KCSIE still follows the date


def test_kcsie_edition_still_pins_kcsie(run_cli, folder):
    """The older `kcsie_edition` value (and --kcsie-edition) is a pin for the kcsie family."""
    policy = write(folder, "policy.md", CITATIONS)
    found = findings(run_cli, policy, "--as-of", "2026-12-02", "--kcsie-edition", "2025", "--select", "KC001")
    assert by_rule(found, "KC001") == [
        ("Keeping Children Safe in Education 2024", "Keeping Children Safe in Education 2025")
    ]
    write(folder, "wttsc-policy.toml", "kcsie_edition = 2017\n")
    proc = run_cli("check", str(policy), "--as-of", "2026-12-02")
    assert proc.returncode == 2
    assert "kcsie_edition" in proc.stderr and "2017" in proc.stderr and "Traceback" not in proc.stderr


# -- settings and dates of the since-2023 pack ----------------------------------------------


@pytest.mark.parametrize(("setting", "fires"), [("early_years", True), ("academy", False), ("school", False)])
def test_eyfs_2025_requirements_only_for_early_years_providers(run_cli, folder, setting, fires):
    write(folder, "wttsc-policy.toml", f'setting_type = "{setting}"\n')
    policy = write(folder, "policy.md", "# Policy\n\n## Safer recruitment\n\nWe follow safer recruitment.\n")
    found = findings(run_cli, policy, "--as-of", HORIZON, "--select", "LG016")
    assert bool(found) == fires


@pytest.mark.parametrize(("day", "fires"), [("2025-11-06", False), ("2025-11-07", True)])
def test_operation_encompass_is_a_police_duty_from_7_november_2025(run_cli, folder, day, fires):
    policy = write(folder, "policy.md", "# Policy\n\nWhere our area takes part in Operation Encompass, we are told.\n")
    assert bool(findings(run_cli, policy, "--as-of", day, "--select", "LG012")) == fires


# -- information, never edits ---------------------------------------------------------------


def test_pending_and_unverified_facts_are_notes_not_edits(run_cli, folder):
    policy = write(folder, "policy.md", "# Policy\n\n## Early help\n\nWe offer early help to families.\n")
    proc = run_cli("check", str(policy), "--as-of", HORIZON, "--format", "json", "--fail-on", "never")
    result = json.loads(proc.stdout)["files"][0]
    notes = " ".join(result["notes"])
    assert "Family Help" in notes  # WTtSC 2026 wording not verified
    assert "consultation" in notes  # the June 2026 consultation on WTtSC 2026
    assert "final text was not checked" in notes  # KCSIE 2026
    # a one-line policy: lift the growth budget so clauses are inserted and a draft is written
    (folder / "wttsc-policy.toml").write_text("growth_budget = 100\n", encoding="utf-8")
    upd = run_cli("update", str(policy), "--as-of", HORIZON, "--date", HORIZON)
    assert upd.returncode == 0, upd.stderr
    assert "We offer early help to families." in (folder / "policy.updated.md").read_text(encoding="utf-8")
    changes = (folder / "policy.changes.md").read_text(encoding="utf-8")
    assert "For information" in changes and "Family Help" in changes


def test_past_the_data_horizon_the_tool_says_so_once(run_cli, folder):
    write(folder, "a.md", CITATIONS)
    write(folder, "b.md", CITATIONS)
    late = run_cli("check", str(folder), "--as-of", "2027-06-01", "--fail-on", "never")
    assert late.stdout.count("newer editions of the guidance may exist") == 1
    data = json.loads(run_cli("check", str(folder), "--as-of", "2027-06-01", "--format", "json").stdout)
    assert len(data["notes"]) == 1 and data["as_of"] == "2027-06-01"
    on_time = run_cli("check", str(folder), "--as-of", HORIZON, "--fail-on", "never")
    assert "newer editions" not in on_time.stdout


# -- the guidance command --------------------------------------------------------------------


def guidance(run_cli, *args: str) -> dict:
    proc = run_cli("guidance", "--format", "json", *args)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_guidance_lists_each_family_with_its_dates(run_cli):
    view = guidance(run_cli, "--as-of", "2026-01-15")
    rows = {r["family"]: r for r in view["families"]}
    assert list(rows)[:2] == ["wttsc", "kcsie"]
    wt = rows["wttsc"]
    assert (wt["edition"], wt["came_into_force"], wt["went_out_of_force"]) == ("2023", "2023-12-15", "2026-03-18")
    assert wt["replaced_by"] == "Working Together to Safeguard Children 2026"
    assert rows["kcsie"]["edition"] == "2025" and rows["kcsie"]["went_out_of_force"] == "2026-09-01"
    assert rows["prevent_duty_guidance"]["edition"] == "2023"
    later = {r["family"]: r["edition"] for r in guidance(run_cli, "--as-of", "2026-12-02")["families"]}
    assert (later["wttsc"], later["kcsie"]) == ("2026", "2026")


def test_guidance_shows_pins_and_everything(run_cli, folder):
    write(folder, "wttsc-policy.toml", '[guidance]\nworking_together = "2023"\n')
    view = guidance(run_cli, str(folder), "--as-of", "2026-12-02")
    wt = next(r for r in view["families"] if r["family"] == "wttsc")
    assert wt["edition"] == "2023" and wt["pinned"] and view["pins"] == {"wttsc": "2023"}
    everything = guidance(run_cli, "--all", "--as-of", HORIZON)
    assert len(everything["families"]) > len(guidance(run_cli, "--as-of", HORIZON)["families"])
    assert any(a["id"] == "cwsa-2026" and a["commencement"] == "partial" for a in everything["acts"])
    text = run_cli("guidance", "--as-of", "2027-06-01").stdout
    assert "newer editions of the guidance may exist" in text


@pytest.mark.parametrize("args", [("--as-of", "2026-02-30"), ("--as-of", "next week")])
def test_guidance_rejects_a_bad_date(run_cli, args):
    proc = run_cli("guidance", *args)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1


def test_rules_list_says_which_rules_apply_on_the_date(run_cli):
    def applies(day: str) -> dict[str, bool]:
        proc = run_cli("rules", "list", "--format", "json", "--as-of", day)
        return {r["id"]: r["applies"] for r in json.loads(proc.stdout)["rules"]}

    early, late = applies("2026-01-15"), applies(HORIZON)
    assert early["WT027"] and not late["WT027"]
    assert not early["WT101"] and late["WT101"]
    assert late["LG016"]  # applies for early years providers
    shown = run_cli("rules", "show", "KC001", "--as-of", "2026-01-15").stdout
    assert "Keeping children safe in education 2025" in shown and "{edition" not in shown


# -- every form schools write a citation in --------------------------------------------------

FORMS = [
    ("Working Together to Safeguard Children 2023", "WT001"),
    ("Working Together to Safeguard Children 2023 (updated February 2024)", "WT001"),
    ("Working Together to Safeguard Children (DfE, 2023)", "WT001"),
    ("Working Together to Safeguard Children (HM Government, December 2023)", "WT001"),
    ("Working Together to Safeguard Children, updated for 2024", "WT001"),
    ("WTtSC 2023", "WT001"),
    ("WT 2023", "WT001"),
    ("WT23", "WT001"),
    ("Keeping Children Safe in Education 2024", "KC001"),
    ("Keeping Children Safe in Education, September 2024", "KC001"),
    ("Keeping children safe in education (DfE, 2025)", "KC001"),
    ("KCSIE 2025", "KC001"),
    ("KCSiE 2024", "KC001"),
    ("KCSIE (updated for 2025)", "KC001"),
]


@pytest.mark.parametrize(("text", "rule"), FORMS)
def test_every_citation_form_of_an_older_edition_is_outdated(text, rule):
    from datetime import date

    from wttsc_policy.pipeline import check_text
    from wttsc_policy.rulepacks.load import load_ruleset

    rules = load_ruleset().by_id
    found = check_text(f"We follow {text}.", [rules["WT001"], rules["KC001"]], as_of=date(2026, 12, 2))
    assert [(f.rule, f.match) for f in found] == [(rule, text)]
    assert found[0].suggestion and found[0].suggestion.endswith("2026")
    current = found[0].suggestion
    assert not check_text(f"We follow {current}.", [rules[rule]], as_of=date(2026, 12, 2))
