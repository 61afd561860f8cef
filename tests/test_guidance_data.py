"""Guidance editions in force by date, and the dated changes since WTtSC 2023."""

from __future__ import annotations

import pickle
import subprocess
import sys
from datetime import date, timedelta

import pytest
import yaml

from wttsc_policy.errors import WttscError
from wttsc_policy.guidance.changes import CHANGES_FILE, load_changes, parse_changes
from wttsc_policy.guidance.dates import parse_partial_date
from wttsc_policy.guidance.editions import (
    EDITIONS_FILE,
    GuidanceDataError,
    GuidanceError,
    NotInForceError,
    UnknownEditionError,
    UnknownFamilyError,
    load_editions,
    parse_editions,
)

INDEX = load_editions()
CHANGES = load_changes()
D = date.fromisoformat


def ids(editions: dict) -> dict[str, str]:
    return {family: ed.id for family, ed in editions.items()}


# ---------------------------------------------------------------- boundary days


@pytest.mark.parametrize(
    ("family", "day", "expected"),
    [
        ("wttsc", "2023-12-14", "2018"),
        ("wttsc", "2023-12-15", "2023"),
        ("wttsc", "2026-03-17", "2023"),
        ("wttsc", "2026-03-18", "2026"),
        ("kcsie", "2025-08-31", "2024"),
        ("kcsie", "2025-09-01", "2025"),
        ("kcsie", "2026-08-31", "2025"),
        ("kcsie", "2026-09-01", "2026"),
        ("rshe_guidance", "2026-08-31", "2019"),
        ("rshe_guidance", "2026-09-01", "2025"),
        ("prevent_duty_guidance", "2023-12-30", "2015"),
        ("prevent_duty_guidance", "2023-12-31", "2023"),
    ],
)
def test_edition_in_force_on_boundary_days(family: str, day: str, expected: str) -> None:
    ed = INDEX.in_force(family, D(day))
    assert ed is not None and ed.id == expected


def test_nothing_in_force_before_the_first_edition() -> None:
    assert INDEX.in_force("wttsc", D("1998-12-31")) is None
    assert INDEX.in_force("operation_encompass_guidance", D("2025-11-06")) is None
    assert INDEX.in_force("operation_encompass_guidance", D("2025-11-07")).id == "2025"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-03-01", {"wttsc": "2023", "kcsie": "2025", "rshe_guidance": "2019"}),
        ("2026-06-01", {"wttsc": "2026", "kcsie": "2025", "rshe_guidance": "2019"}),
        ("2026-09-01", {"wttsc": "2026", "kcsie": "2026", "rshe_guidance": "2025"}),
        ("2026-12-07", {"wttsc": "2026", "kcsie": "2026", "rshe_guidance": "2025"}),
    ],
)
def test_current_editions_in_2026(day: str, expected: dict[str, str]) -> None:
    current = ids(INDEX.all_in_force(D(day)))
    assert {k: current[k] for k in expected} == expected
    assert "acts" not in current  # Acts are not editions of one document


def test_partial_in_force_dates_count_from_the_start_of_their_period() -> None:
    # filtering and monitoring 2024 is dated "2024-10": in force from 1 October 2024
    assert INDEX.in_force("filtering_monitoring_standards", D("2024-09-30")).id == "2023"
    assert INDEX.in_force("filtering_monitoring_standards", D("2024-10-01")).id == "2024"
    # "2015" = 1 January 2015 for ordering, and not precise
    year = parse_partial_date("2015")
    assert (year.value, year.precise, year.period_end) == (D("2015-01-01"), False, D("2015-12-31"))
    month = parse_partial_date("2026-03")
    assert (month.value, month.precise, month.period_end) == (D("2026-03-01"), False, D("2026-03-31"))
    day = parse_partial_date("2026-03-18")
    assert (day.value, day.precise) == (D("2026-03-18"), True)
    with pytest.raises(ValueError, match="not YYYY-MM-DD"):
        parse_partial_date("March 2026")
    with pytest.raises(ValueError, match="not a real date"):
        parse_partial_date("2026-02-30")


def test_came_into_and_went_out_of_force() -> None:
    wt23 = INDEX.edition("wttsc", "2023")
    assert wt23.came_into_force == D("2023-12-15")
    assert wt23.went_out_of_force == D("2026-03-18")
    assert wt23.confidence == "high"
    wt26 = INDEX.edition("wttsc", "2026")
    assert wt26.went_out_of_force is None
    assert wt26.confidence == "medium"
    assert INDEX.edition("kcsie", "2025").went_out_of_force == D("2026-09-01")


def test_timeline_and_superseded_before() -> None:
    assert [e.id for e in INDEX.timeline("wttsc")] == ["1999", "2006", "2010", "2013", "2015", "2018", "2023", "2026"]
    assert [e.id for e in INDEX.superseded_before("wttsc", "2023")] == ["1999", "2006", "2010", "2013", "2015", "2018"]
    assert [e.id for e in INDEX.superseded_before("kcsie", "2016")] == ["2014", "2015"]
    assert INDEX.superseded_before("wttsc", INDEX.edition("wttsc", "1999")) == ()
    with pytest.raises(NotInForceError):
        INDEX.superseded_before("kcsie", "2026-draft")


# ---------------------------------------------------------------- pins


def test_a_pin_forces_the_edition() -> None:
    assert INDEX.in_force("wttsc", D("2026-06-01"), {"wttsc": "2023"}).id == "2023"
    assert INDEX.in_force("kcsie", D("2026-10-01"), {"kcsie": 2025}).id == "2025"  # config gives an int
    assert INDEX.in_force("kcsie", D("2026-10-01"), {"kcsie": "KCSIE 2024"}).id == "2024"  # a citation form
    assert INDEX.in_force("kcsie", D("2026-10-01"), {"wttsc": "2023"}).id == "2026"  # other families unaffected
    current = ids(INDEX.all_in_force(D("2026-10-01"), {"wttsc": "2023", "kcsie": "2025"}))
    assert (current["wttsc"], current["kcsie"], current["rshe_guidance"]) == ("2023", "2025", "2025")


def test_unknown_pin_is_a_one_line_error_listing_known_editions() -> None:
    with pytest.raises(UnknownEditionError) as err:
        INDEX.in_force("kcsie", D("2026-10-01"), {"kcsie": "2017"})
    message = str(err.value)
    assert "\n" not in message
    assert "'2017'" in message and "known editions: 2014, 2015, 2016, 2018" in message
    assert isinstance(err.value, WttscError) and err.value.exit_code == 2
    with pytest.raises(UnknownFamilyError, match="unknown guidance family 'kcsi'; known families: wttsc, kcsie"):
        INDEX.all_in_force(D("2026-10-01"), {"kcsi": "2025"})


def test_a_draft_cannot_be_pinned() -> None:
    with pytest.raises(NotInForceError, match="never in force; pin one of: 2014"):
        INDEX.check_pins({"kcsie": "2026-draft"})
    assert INDEX.check_pins({"wttsc": "2018"})["wttsc"].id == "2018"


def test_unknown_family_and_edition_errors() -> None:
    with pytest.raises(UnknownFamilyError) as err:
        INDEX.in_force("working together", D("2026-01-01"))
    assert "known families:" in str(err.value) and "operation_encompass_guidance" in str(err.value)
    with pytest.raises(UnknownEditionError, match=r"unknown edition '2024' of Working Together .* \(wttsc\)"):
        INDEX.edition("wttsc", "2024")
    with pytest.raises(GuidanceError, match="use acts_in_force"):
        INDEX.in_force("acts", D("2026-01-01"))


# ---------------------------------------------------------------- drafts, acts, pending


def test_drafts_and_consultations_are_never_in_force() -> None:
    drafts = [e for f in INDEX.families for e in f.editions if e.status in ("draft", "consultation")]
    assert {(e.family, e.id) for e in drafts} == {("wttsc", "2026-update"), ("kcsie", "2026-draft")}
    day = D("2013-01-01")
    while day <= D("2028-12-31"):
        for fam in INDEX.families:
            if not fam.concurrent:
                ed = INDEX.in_force(fam.id, day)
                assert ed is None or ed.status not in ("draft", "consultation")
        day += timedelta(days=30)
    for ed in drafts:
        assert ed not in INDEX.timeline(ed.family)
        assert ed.came_into_force is None and not ed.in_force_on(D("2026-12-07"))


def test_acts_in_force_and_partial_commencement() -> None:
    assert [a.id for a in INDEX.acts_in_force(D("2026-01-01"))] == ["vpa-2024"]
    acts = {a.id: a for a in INDEX.acts_in_force(D("2026-05-01"))}
    assert set(acts) == {"vpa-2024", "duaa-2025", "cwsa-2026"}
    assert acts["cwsa-2026"].commencement == "partial"


def kinds(on: str) -> set[tuple[str, str, str]]:
    return {(p.kind, p.family, p.edition.id) for p in INDEX.pending(D(on))}


def test_pending_items_on_the_review_date() -> None:
    pending = kinds("2026-12-07")
    assert ("partly_commenced", "acts", "cwsa-2026") in pending
    assert ("consultation", "wttsc", "2026-update") in pending
    assert ("withdrawn_date_unknown", "svsh_advice", "2021") in pending
    assert ("unverified", "behaviour_in_schools", "2024") in pending
    assert ("unverified", "out_of_school_settings", "2023") in pending
    # the final KCSIE 2026 is in force, so its draft is no longer news
    assert not any(p[2] == "2026-draft" for p in pending)
    assert not any(p[0] == "upcoming" for p in pending)
    for item in INDEX.pending(D("2026-12-07")):
        assert item.message and "\n" not in item.message


def test_pending_items_earlier_in_2026() -> None:
    march = kinds("2026-03-01")
    assert ("consultation", "kcsie", "2026-draft") in march
    assert ("upcoming", "rshe_guidance", "2025") in march
    assert ("consultation", "wttsc", "2026-update") not in march  # published 22 June 2026
    assert ("uncertain_date", "wttsc", "2026") in march
    assert ("partly_commenced", "acts", "cwsa-2026") not in march  # Royal Assent 29 April 2026


def test_grace_period_for_an_uncertain_in_force_day() -> None:
    wt26 = INDEX.edition("wttsc", "2026")
    assert not wt26.in_force.precise and wt26.in_force.text == "2026-03-18"
    assert wt26.grace_until == D("2026-03-31") + timedelta(days=INDEX.grace_days)
    assert not INDEX.grace(wt26, D("2026-02-28"))
    assert INDEX.grace(wt26, D("2026-03-01"))  # the whole month is uncertain
    assert INDEX.grace(wt26, wt26.grace_until)
    assert not INDEX.grace(wt26, wt26.grace_until + timedelta(days=1))
    kc25 = INDEX.edition("kcsie", "2025")
    assert kc25.in_force.precise and not INDEX.grace(kc25, D("2025-09-01"))


def test_horizon() -> None:
    assert INDEX.horizon == D("2026-12-07")
    assert not INDEX.is_past_horizon(D("2026-12-07"))
    assert not INDEX.is_past_horizon(D("2027-03-07"))
    assert INDEX.is_past_horizon(D("2027-03-08"))
    assert INDEX.is_past_horizon(D("2027-01-01"), margin_days=7)


# ---------------------------------------------------------------- the data itself


def test_all_families_and_editions_are_present() -> None:
    families = [f.id for f in INDEX.families]
    assert len(families) == 19
    assert families[:2] == ["wttsc", "kcsie"]
    assert sum(len(f.editions) for f in INDEX.families) == 64
    for fam in INDEX.families:
        assert fam.kind in ("statutory", "non-statutory", "framework", "act")


def test_data_validates() -> None:
    for fam in INDEX.families:
        for ed in fam.editions:
            if ed.superseded_by:
                successor = INDEX.edition(fam.id, ed.superseded_by)
                assert successor.came_into_force is not None
                if ed.came_into_force:
                    assert successor.came_into_force >= ed.came_into_force
            if ed.published and ed.in_force:
                assert ed.published.value <= ed.in_force.period_end
            assert ed.confidence in ("high", "medium", "low")
            if ed.confidence != "low":
                assert ed.source, (fam.id, ed.id)
            for url in (ed.source, *ed.also_seen, *ed.official_links):
                assert url is None or url.startswith(("http://", "https://", "project reference notes"))
        line = INDEX.timeline(fam.id)
        assert list(line) == sorted(line, key=lambda e: e.came_into_force)


def test_low_confidence_editions_are_kept_and_flagged() -> None:
    low = {(e.family, e.id) for f in INDEX.families for e in f.editions if e.confidence == "low"}
    assert ("behaviour_in_schools", "2024") in low
    assert ("svsh_advice", "2021") in low
    assert ("eyfs_framework", "2021") in low


def raw_editions() -> dict:
    return yaml.safe_load(EDITIONS_FILE.read_text(encoding="utf-8"))


def edit(raw: dict, family: str, edition: str, **changes) -> str:
    fam = next(f for f in raw["families"] if f["id"] == family)
    ed = next(e for e in fam["editions"] if str(e["id"]) == edition)
    ed.update(changes)
    return yaml.safe_dump(raw, sort_keys=False)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"superseded_by": "2027"}, "superseded_by '2027' is not another edition of kcsie"),
        ({"in_force": "2026-09-02"}, "its successor '2026' came into force before it"),
        ({"source": None}, "needs a source"),
        ({"in_force": "2025-13-01"}, "not a real date"),
        ({"confidence": "certain"}, "confidence"),
        ({"status": "in force"}, "cannot have superseded_by"),
    ],
)
def test_malformed_editions_are_one_line_errors_naming_the_file(changes: dict, message: str) -> None:
    text = edit(raw_editions(), "kcsie", "2025", **changes)
    with pytest.raises(GuidanceDataError) as err:
        parse_editions(text, "editions.yaml")
    line = str(err.value)
    assert line.startswith("editions.yaml: ") and message in line and "\n" not in line


def test_overlapping_editions_are_rejected() -> None:
    raw = raw_editions()
    text = edit(raw, "kcsie", "2025", superseded_by=None, status="in force")
    with pytest.raises(GuidanceDataError, match=r"never goes out of force|followed in time"):
        parse_editions(text, "editions.yaml")


def test_loading_is_pure_and_picklable() -> None:
    again = load_editions()
    assert again == INDEX
    restored = pickle.loads(pickle.dumps(INDEX))
    assert restored == INDEX
    assert restored.in_force("wttsc", D("2026-06-01")).id == "2026"
    assert pickle.loads(pickle.dumps(CHANGES)) == CHANGES


def test_api_module_does_not_import_yaml_or_pydantic() -> None:
    code = (
        "import sys, wttsc_policy.guidance.editions, wttsc_policy.guidance.changes;"
        "print(sorted(m for m in ('yaml', 'pydantic') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# ---------------------------------------------------------------- since 2023


def test_changes_between_is_after_exclusive_and_until_inclusive() -> None:
    got = [c.id for c in CHANGES.changes_between(D("2025-08-31"), D("2025-09-01"))]
    assert got == ["eyfs_2025_safeguarding", "kcsie_2025"]
    assert CHANGES.changes_between(D("2025-09-01"), D("2025-09-01")) == ()
    got = [c.id for c in CHANGES.changes_between(D("2026-03-01"), D("2026-09-01"))]
    assert got == [
        "wttsc_2026",
        "cwsa_2026_royal_assent",
        "duaa_complaints",
        "kcsie_2026",
        "rshe_2025_mandatory",
        "rshe_2025_published",
    ]


def test_partial_change_dates_count_from_their_first_day() -> None:
    assert [c.id for c in CHANGES.changes_between(D("2024-09-30"), D("2024-10-01"))] == [
        "filtering_monitoring_update_2024"
    ]


def test_changes_not_in_force_are_pending() -> None:
    pending = {c.id for c in CHANGES.pending(D("2026-12-07"))}
    assert pending == {
        "macpt_policy_paper",
        "kcsie_2026_consultation",
        "cwsa_2026_s4_information_sharing_duty",
        "wttsc_2026_update_consultation",
    }
    assert {c.id for c in CHANGES.pending(D("2026-01-31"))} == {"macpt_policy_paper"}
    everything = CHANGES.changes_between(D("1990-01-01"), D("2100-01-01"))
    assert all(c.in_force is not None for c in everything)
    assert len(everything) + 4 == len(CHANGES.items)


def test_changes_link_to_known_editions_and_keep_sources() -> None:
    assert len(CHANGES.items) == 24
    assert CHANGES.horizon == D("2026-12-07")
    for c in CHANGES.items:
        assert c.source.startswith("http") and c.confidence in ("high", "medium", "low")
        for family, edition in c.editions:
            INDEX.edition(family, edition)
    dated = [c.in_force.value for c in CHANGES.items if c.in_force]
    assert dated == sorted(dated)


def test_malformed_changes_are_one_line_errors() -> None:
    raw = yaml.safe_load(CHANGES_FILE.read_text(encoding="utf-8"))
    raw["items"][0]["in_force"] = "soon"
    with pytest.raises(GuidanceDataError, match=r"^since2023.yaml: invalid guidance changes: date 'soon'"):
        parse_changes(yaml.safe_dump(raw), "since2023.yaml")


def test_index_is_hashable() -> None:
    assert hash(INDEX) == hash(load_editions())
