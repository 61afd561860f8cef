"""NHS bodies: CCG names in policies, their successor ICBs by date, and councils' ICBs."""

from __future__ import annotations

import pickle
import re
import subprocess
import sys
from datetime import date

import pytest
import yaml

from wttsc_policy.nhs.bodies import (
    BODIES_FILE,
    NhsDataError,
    UnknownLocalAuthorityError,
    find_ccgs,
    icb_for_local_authority,
    is_real_body_name,
    load_bodies,
    parse_bodies,
    successor,
)
from wttsc_policy.resources import package_data

INDEX = load_bodies()
D = date.fromisoformat
BEFORE, AFTER = D("2026-03-31"), D("2026-04-01")

GM = "NHS Greater Manchester Integrated Care Board"
FRIMLEY = "NHS Frimley Integrated Care Board"
THAMES_VALLEY = "NHS Thames Valley Integrated Care Board"
SURREY_SUSSEX = "NHS Surrey and Sussex Integrated Care Board"
HIOW = "NHS Hampshire and Isle of Wight Integrated Care Board"


# ---------------------------------------------------------------- successors by date


@pytest.mark.parametrize(
    "ccg", ["NHS Bolton CCG", "Manchester CCG", "NHS Central Manchester CCG", "Heywood, Middleton & Rochdale CCG"]
)
def test_a_greater_manchester_ccg_that_did_not_split(ccg: str) -> None:
    for day in (D("2022-07-01"), BEFORE, AFTER, D("2026-12-07")):
        res = successor(ccg, day)
        assert (res.action, res.name) == ("replace", GM), day
        assert res.confidence in ("high", "medium") and res.sources


@pytest.mark.parametrize(
    ("ccg", "until_2026", "from_2026"),
    [
        (
            "NHS Herts Valleys CCG",
            "NHS Hertfordshire and West Essex Integrated Care Board",
            "NHS Central East Integrated Care Board",
        ),
        (
            "NHS West Essex CCG",
            "NHS Hertfordshire and West Essex Integrated Care Board",
            "NHS Essex Integrated Care Board",
        ),
        (
            "NHS West Suffolk CCG",
            "NHS Suffolk and North East Essex Integrated Care Board",
            "NHS Norfolk and Suffolk Integrated Care Board",
        ),
        ("NHS Surrey Heartlands CCG", "NHS Surrey Heartlands Integrated Care Board", SURREY_SUSSEX),
        (
            "NHS Berkshire West CCG",
            "NHS Buckinghamshire, Oxfordshire and Berkshire West Integrated Care Board",
            THAMES_VALLEY,
        ),
        ("NHS Surrey Heath CCG", FRIMLEY, SURREY_SUSSEX),
        ("NHS East Berkshire CCG", FRIMLEY, THAMES_VALLEY),
    ],
)
def test_ccgs_whose_icb_merged_or_split_in_2026(ccg: str, until_2026: str, from_2026: str) -> None:
    assert successor(ccg, BEFORE).name == until_2026
    res = successor(ccg, AFTER)
    assert (res.action, res.name) == ("replace", from_2026)
    assert "1 April 2026" in res.reason


def test_frimley_ccg_is_one_icb_until_2026_then_a_hand_edit() -> None:
    assert successor("NHS Frimley CCG", BEFORE).name == FRIMLEY
    res = successor("NHS Frimley CCG", AFTER)
    assert res.action == "hand_edit" and res.name is None
    assert set(res.candidates) == {THAMES_VALLEY, SURREY_SUSSEX, HIOW}
    assert res.hand_edit.startswith(
        f"The area of NHS Frimley CCG is now split between {THAMES_VALLEY}, {SURREY_SUSSEX} and {HIOW}; "
        "name the ICB for your school's area."
    )
    assert "East Berkshire" in res.hand_edit


@pytest.mark.parametrize(
    ("la", "expected"),
    [
        ("Slough Borough Council", THAMES_VALLEY),
        ("Surrey County Council", SURREY_SUSSEX),
        ("Hampshire County Council", HIOW),
        ("Hampshire", HIOW),  # forgiving council names
    ],
)
def test_rule_4_a_split_ccg_is_resolved_by_the_schools_council(la: str, expected: str) -> None:
    res = successor("NHS Frimley CCG", AFTER, local_authority=la)
    assert (res.action, res.name) == ("replace", expected)
    assert res.via_local_authority == INDEX.local_authority(la).name


def test_rule_4_needs_the_council_to_map_to_exactly_one_of_the_ccgs_bodies() -> None:
    # Bolton maps to Greater Manchester, which is not one of Frimley's bodies
    assert successor("NHS Frimley CCG", AFTER, local_authority="Bolton Council").action == "hand_edit"
    # Tameside and Glossop: Derbyshire -> Derby and Derbyshire; Tameside -> Greater Manchester
    assert successor("NHS Tameside and Glossop CCG", AFTER, "Derbyshire County Council").name == (
        "NHS Derby and Derbyshire Integrated Care Board"
    )
    assert successor("NHS Tameside and Glossop CCG", BEFORE, "Tameside").name == GM
    # a council that is itself split cannot resolve anything
    assert successor("NHS Tameside and Glossop CCG", AFTER, "North Yorkshire Council").action == "hand_edit"
    # Hampshire was split in 2022 (Frimley + HIOW), so before April 2026 it cannot resolve NE Hampshire and Farnham...
    assert (
        successor("NHS North East Hampshire and Farnham CCG", BEFORE, "Hampshire").name == FRIMLEY
    )  # ...but that CCG was not split then
    assert successor("NHS North East Hampshire and Farnham CCG", AFTER).action == "hand_edit"
    assert successor("NHS North East Hampshire and Farnham CCG", AFTER, "Hampshire").name == HIOW
    assert successor("NHS Black Country and West Birmingham CCG", BEFORE, "Birmingham City Council").name == (
        "NHS Birmingham and Solihull Integrated Care Board"
    )


def test_low_confidence_is_always_a_hand_edit() -> None:
    for day in (BEFORE, AFTER):
        res = successor("NHS Cumbria CCG", day, local_authority="Lancashire County Council")
        assert res.action == "hand_edit" and res.confidence == "low"
        assert "not sure" in res.hand_edit and "name the ICB for your school's area" in res.hand_edit
    res = icb_for_local_authority("Westmorland and Furness Council", AFTER)
    assert res.action == "hand_edit" and res.confidence == "low"


def test_unknown_ccg_and_dates_outside_the_data() -> None:
    res = successor("NHS Atlantis CCG", AFTER)
    assert res.action == "hand_edit" and "not a CCG the tool knows" in res.hand_edit
    early = successor("NHS Bolton CCG", D("2022-06-30"))
    assert early.action == "keep" and early.name is None
    assert successor("NHS Bolton CCG", D("2022-07-01")).action == "replace"
    late = successor("NHS Bolton CCG", INDEX.next_change)
    assert late.action == "hand_edit" and "1 April 2027" in late.hand_edit and GM in late.hand_edit
    assert successor("NHS Bolton CCG", D("2027-03-31")).action == "replace"


# ---------------------------------------------------------------- councils


def test_icb_for_local_authority_by_date() -> None:
    assert icb_for_local_authority("Essex County Council", BEFORE).action == "hand_edit"  # three ICBs in 2022
    res = icb_for_local_authority("Essex County Council", AFTER)
    assert (res.action, res.name) == ("replace", "NHS Essex Integrated Care Board")
    assert icb_for_local_authority("Kent", AFTER).name == "NHS Kent and Medway Integrated Care Board"
    assert icb_for_local_authority("kent county council", BEFORE).name == "NHS Kent and Medway Integrated Care Board"
    split = icb_for_local_authority("Cumberland Council", AFTER)
    assert split.action == "hand_edit" and "Millom" in split.hand_edit


def test_unknown_local_authority_is_a_one_line_error() -> None:
    with pytest.raises(UnknownLocalAuthorityError) as err:
        icb_for_local_authority("Kent County Councl", AFTER)
    assert "did you mean 'Kent County Council'" in str(err.value) and "\n" not in str(err.value)


def test_every_local_authority_is_a_partnership_local_authority() -> None:
    data = yaml.safe_load(package_data("partnerships.yaml").read_text(encoding="utf-8"))
    partnership_las = [p["local_authority"] for p in data["partnerships"]]
    ours = [la.name for la in INDEX.local_authorities]
    assert set(ours) <= set(partnership_las)
    assert sorted(ours) == sorted(partnership_las)  # and none is missing


# ---------------------------------------------------------------- real bodies only


def test_names_built_from_places_are_not_bodies() -> None:
    assert not is_real_body_name("North West Surrey Integrated Care Board")
    assert not is_real_body_name("NHS North West Surrey ICB")
    assert not is_real_body_name("Frimley Health and Care ICS")  # a system name, not the ICB
    assert not is_real_body_name("Greater Manchester Integrated Care System")
    assert not is_real_body_name("North West and North Central London ICB")  # a name used before the merger
    assert is_real_body_name("NHS Greater Manchester ICB")
    assert is_real_body_name("nhs kent & medway integrated care board")
    assert is_real_body_name(FRIMLEY, BEFORE) and not is_real_body_name(FRIMLEY, AFTER)
    assert is_real_body_name(SURREY_SUSSEX, AFTER) and not is_real_body_name(SURREY_SUSSEX, BEFORE)
    assert is_real_body_name(HIOW, BEFORE) and is_real_body_name(HIOW, AFTER)  # continued, larger


def test_every_name_the_api_returns_is_a_real_body_on_that_day() -> None:
    days = (D("2022-07-01"), D("2024-01-01"), BEFORE, AFTER, D("2026-12-07"), D("2027-04-01"))
    returned = 0
    for day in days:
        for ccg in INDEX.ccgs:
            councils = [None, *INDEX.local_authorities] if (ccg.split_2022 or ccg.split_today) else [None]
            for la in councils:
                res = INDEX.successor(ccg, day, la.name if la else None)
                if res.name is not None:
                    returned += 1
                    assert res.action == "replace"
                    assert INDEX.is_real_body_name(res.name, day), (ccg.name, day, res.name)
                for name in res.candidates:
                    assert INDEX.is_real_body_name(name), name
        for la in INDEX.local_authorities:
            res = INDEX.icb_for_local_authority(la, day)
            if res.name is not None:
                assert INDEX.is_real_body_name(res.name, day)
    assert returned > 1000


def test_bodies_by_date() -> None:
    assert len(INDEX.bodies) == 48
    assert sum(b.exists_on(D("2022-07-01")) for b in INDEX.bodies.values()) == 42
    assert sum(b.exists_on(AFTER) for b in INDEX.bodies.values()) == 36
    frimley = INDEX.body("QNQ")
    assert frimley.ended == AFTER and {c for c, _ in frimley.successors} == {"S0E4D", "S9B9J", "QRL"}


# ---------------------------------------------------------------- finding CCG names


def test_find_ccgs_recognises_the_name_forms() -> None:
    text = (
        "Referrals went to NHS Kent & Medway CCG. The kent and medway clinical commissioning group "
        "funded the post. Tameside and Glossop CCG's designated nurse, the Herts Valley CCG, "
        "the West London (K&C & QPP) CCG and NHS Bristol, North Somerset and South Gloucestershire CCG."
    )
    found = find_ccgs(text)
    assert [m.name for m in found] == [
        "NHS Kent and Medway CCG",
        "NHS Kent and Medway CCG",
        "NHS Tameside and Glossop CCG",
        "NHS Herts Valleys CCG",
        "NHS West London CCG",
        "NHS Bristol, North Somerset and South Gloucestershire CCG",
    ]
    assert [m.text for m in found][:2] == ["NHS Kent & Medway CCG", "kent and medway clinical commissioning group"]
    for m in found:
        assert text[m.start : m.end] == m.text


def test_every_name_and_alias_is_found_whole() -> None:
    for ccg in INDEX.ccgs:
        core = re.sub(r"^NHS ", "", ccg.name)[: -len(" CCG")]
        for form in (ccg.name, f"{core} Clinical Commissioning Group", *(f"{a} CCG" for a in ccg.aliases)):
            text = f"Please contact {form} for advice."
            found = find_ccgs(text)
            assert len(found) == 1 and found[0].ccg == ccg, form
            assert found[0].text == form


def test_the_longest_known_name_wins() -> None:
    cores = {re.sub(r"^NHS ", "", c.name)[: -len(" CCG")]: c.name for c in INDEX.ccgs}
    pairs = [(long, short) for long in cores for short in cores if long != short and long.endswith(" " + short)]
    assert pairs, "the data has names ending in other names"
    for long, _short in pairs:
        found = find_ccgs(f"the {long} CCG area")
        assert [m.name for m in found] == [cores[long]]


def test_find_ccgs_ignores_what_is_not_a_known_name() -> None:
    assert find_ccgs("Contact the CCG or the local clinical commissioning group.") == []
    assert find_ccgs("NHS Atlantis CCG is not real.") == []
    assert find_ccgs("The Kent and Medway CCGs merged.") == []  # plural: not one body's name
    assert find_ccgs("Kent and Medway ICB") == []
    assert find_ccgs("") == []


def test_a_ccg_is_found_by_any_form_for_successor() -> None:
    assert successor("bolton clinical commissioning group", AFTER).name == GM
    assert INDEX.ccg("Newcastle & Gateshead CCG").name == "NHS Newcastle Gateshead CCG"


# ---------------------------------------------------------------- the data itself


def test_data_size_sources_and_confidence() -> None:
    assert INDEX.horizon == D("2026-12-07")
    assert len(INDEX.ccgs) == 250
    assert sum(c.kind == "at_abolition" for c in INDEX.ccgs) == 106
    assert len(INDEX.local_authorities) == 153
    for entry in (*INDEX.ccgs, *INDEX.local_authorities):
        assert entry.confidence in ("high", "medium", "low")
        assert entry.sources and all(s in INDEX.sources for s in entry.sources)
        assert (entry.action_today == "replace") == (entry.confidence != "low" and len(entry.today) == 1)
    for body in INDEX.bodies.values():
        assert body.sources and all(s in INDEX.sources for s in body.sources)


LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def raw_data() -> dict:
    return yaml.load(BODIES_FILE.read_text(encoding="utf-8"), Loader=LOADER)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["ccgs"][0].update(today=["QXX"]), "unknown body code 'QXX'"),
        (lambda d: d["ccgs"][0].update(action_today="hand_edit"), "action_today must be replace"),
        (lambda d: d["ccgs"][0].update(today=["QHM", "QE1"]), "split_today must be True"),
        (lambda d: d["ccgs"][0].update(sources=["a_blog"]), "unknown source 'a_blog'"),
        (lambda d: d["ccgs"][1].update(aliases=["Northumberland"]), "also names NHS Northumberland CCG"),
        (lambda d: d["local_authorities"][0].update(confidence="sure"), "confidence"),
    ],
)
def test_malformed_data_is_a_one_line_error(change, message: str) -> None:
    data = raw_data()
    change(data)
    with pytest.raises(NhsDataError) as err:
        parse_bodies(yaml.dump(data, Dumper=DUMPER, sort_keys=False), "bodies.yaml")
    line = str(err.value)
    assert line.startswith("bodies.yaml: invalid NHS data: ") and message in line and "\n" not in line


def test_loading_is_pure_and_picklable() -> None:
    assert load_bodies() == INDEX
    restored = pickle.loads(pickle.dumps(INDEX))
    assert restored == INDEX
    assert restored.successor("NHS Frimley CCG", AFTER, "Slough").name == THAMES_VALLEY


def test_api_module_does_not_import_yaml_or_pydantic() -> None:
    code = "import sys, wttsc_policy.nhs.bodies; print(sorted(m for m in ('yaml', 'pydantic') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_an_unknown_council_is_an_error_even_when_not_needed() -> None:
    with pytest.raises(UnknownLocalAuthorityError):
        successor("NHS Bolton CCG", AFTER, local_authority="Atlantis Council")


def test_indexes_hash_without_their_lookup_tables() -> None:
    assert hash(INDEX) == hash(load_bodies())
