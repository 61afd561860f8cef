"""Partnership data, name resolution, inference and the WT080 named-board provider."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from wttsc_policy.config import Config, PartnershipOverride
from wttsc_policy.context import context_for_text
from wttsc_policy.document import Block, BlockKind, Document
from wttsc_policy.errors import ConfigError
from wttsc_policy.normalise import fold
from wttsc_policy.partnerships.data import PartnershipDataError, load_dataset, parse_dataset, resolve_local_authority
from wttsc_policy.partnerships.infer import infer_local_authority, infer_with_note, resolve_area
from wttsc_policy.partnerships.names import key_text, parse_former_board
from wttsc_policy.partnerships.provider import ProviderResult
from wttsc_policy.partnerships.provider import board_patterns as _board_patterns
from wttsc_policy.partnerships.values import partnership_values as _partnership_values
from wttsc_policy.resources import package_data

ENTRIES = load_dataset().partnerships


def board_patterns(doc: Document, config: Config) -> ProviderResult:
    """The provider as the matcher calls it, for a document checked with `config`."""
    return _board_patterns(doc, context_for_text(doc, config=config))


def partnership_values(config: Config, doc: Document | None = None) -> dict:
    """Template values once the area of `config` (or of `doc`) is resolved."""
    return _partnership_values(config, resolve_area(config, doc))


def doc_of(*paragraphs: str) -> Document:
    blocks = [Block(index=i, kind=BlockKind.PARAGRAPH, text=t) for i, t in enumerate(paragraphs)]
    return Document(path=Path("policy.md"), format="markdown", blocks=blocks)


EMPTY = doc_of("This policy sets out how we keep children safe.")


def hits(text: str, config: Config, doc: Document | None = None) -> list[tuple[str, str]]:
    """(matched text, replacement) for every provider pattern over the normalised text,
    the way the matcher runs them (the provider sees the text as the policy)."""
    folded = fold(text)
    result = board_patterns(doc or doc_of(text), config)
    return [(m.group(0), p.replacement) for p in result.patterns for m in p.regex.finditer(folded)]


def former_names(entry) -> list[str]:
    names = []
    for fb in entry.formers:
        for name in (fb.name, *fb.aliases):
            if name and key_text(name) != key_text(entry.partnership):
                names.append(name)
    return names


# ---------------------------------------------------------------- dataset


def test_dataset_ships_with_date_source_and_confidence() -> None:
    data = load_dataset()
    assert data.as_of == "2026-02"
    assert len(data.partnerships) == 153
    assert len({p.local_authority for p in data.partnerships}) == 153
    assert all(p.source and p.confidence in ("high", "medium", "low") for p in data.partnerships)


def test_shipped_data_matches_reference_copy() -> None:
    ref = Path("/work/shared/reference/partnerships.yaml")
    if not ref.is_file():
        pytest.skip("reference copy not present")
    shipped = yaml.safe_load(package_data("partnerships.yaml").read_text(encoding="utf-8"))
    assert shipped["partnerships"] == yaml.safe_load(ref.read_text(encoding="utf-8"))["partnerships"]


def test_malformed_entry_is_a_clear_error() -> None:
    raw = yaml.safe_load(package_data("partnerships.yaml").read_text(encoding="utf-8"))
    bad = copy.deepcopy(raw)
    kent = next(i for i, e in enumerate(bad["partnerships"]) if e["local_authority"] == "Kent County Council")
    bad["partnerships"][kent]["confidence"] = "certain"
    with pytest.raises(PartnershipDataError) as exc:
        parse_dataset(bad)
    msg = str(exc.value)
    assert f"entry {kent + 1} (Kent County Council)" in msg and "confidence" in msg


def test_malformed_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "as_of: '2026-02'\npartnerships:\n- local_authority: X Council\n  partnership: X SCP\n", encoding="utf-8"
    )
    with pytest.raises(PartnershipDataError) as exc:
        load_dataset(path)
    assert "X Council" in str(exc.value) and "source" in str(exc.value)


def test_former_board_text_is_parsed() -> None:
    fb = parse_former_board(
        "Cambridgeshire and Peterborough Safeguarding Children Board (CPSCB, joint board from Jan 2018)"
    )
    assert fb.name == "Cambridgeshire and Peterborough Safeguarding Children Board"
    assert fb.abbreviations == ("CPSCB",)
    fb = parse_former_board("Durham Local Safeguarding Children Board (Durham LSCB; also styled County Durham LSCB)")
    assert set(fb.aliases) == {"Durham LSCB", "County Durham LSCB"} and fb.abbreviations == ()
    fb = parse_former_board("three-borough Local Safeguarding Children Partnership (LSCP, 2019-Mar 2021)")
    assert fb.name == "" and fb.abbreviations == ()  # generic once the descriptor is gone


# ---------------------------------------------------------------- every entry


@pytest.mark.parametrize("entry", ENTRIES, ids=[p.local_authority for p in ENTRIES])
def test_every_former_board_fires_and_current_name_does_not(entry) -> None:
    config = Config(local_authority=entry.local_authority)
    for name in former_names(entry):
        found = hits(f"Concerns go to the {name} without delay.", config)
        assert found, f"{name} did not fire"
        assert entry.partnership in {r for _, r in found}
    assert hits(f"Concerns go to the {entry.partnership} without delay.", config) == []
    assert hits(f"Concerns go to the {entry.partnership} without delay.", Config()) == []


def test_no_current_name_fires_under_any_configuration() -> None:
    text = " ".join(f"the {p.partnership}." for p in ENTRIES)
    for entry in ENTRIES[::10]:
        assert hits(text, Config(local_authority=entry.local_authority)) == []


def test_generic_wording_is_left_to_the_generic_rule() -> None:
    for text in (
        "the Local Safeguarding Children Board",
        "the LSCB",
        "the local safeguarding children partnership (LSCP)",
        "our Safeguarding Children Partnership",
    ):
        assert hits(text, Config(local_authority="Kent")) == []
        assert hits(text, Config()) == []


# ---------------------------------------------------------------- boards that keep the name


def test_staffordshire_board_is_current_but_joint_board_is_not() -> None:
    staffs = Config(local_authority="Staffordshire")
    assert hits("Refer to the Staffordshire Safeguarding Children Board (SSCB).", staffs) == []
    assert hits("Refer to the Staffordshire Safeguarding Children Board.", Config()) == []
    found = hits("the Stoke-on-Trent and Staffordshire Safeguarding Children Board", staffs)
    assert [r for _, r in found] == ["Staffordshire Safeguarding Children Board"]
    found = hits("the Stoke-on-Trent and Staffordshire Safeguarding Children Board", Config(local_authority="Stoke"))
    assert [r for _, r in found] == ["Stoke-on-Trent Safeguarding Children Partnership"]


def test_former_name_of_one_area_that_is_current_for_another() -> None:
    overrides = {"Testshire Council": PartnershipOverride(partnership="Kent Safeguarding Children Board")}
    text = "We work with the Kent Safeguarding Children Board."
    assert hits(text, Config(local_authority="Testshire", partnerships=overrides)) == []
    assert hits(text, Config(partnerships=overrides)) == []
    kent = hits(text, Config(local_authority="Kent", partnerships=overrides))
    assert [r for _, r in kent] == ["Kent Safeguarding Children Multi-Agency Partnership"]


def test_name_inside_a_longer_name_is_not_claimed_by_the_shorter() -> None:
    found = hits("the North East Lincolnshire Safeguarding Children Board", Config())
    assert {r for _, r in found} == {"North East Lincolnshire Safeguarding Children Partnership"}
    found = hits("the Kingston and Richmond LSCB", Config())
    assert {r for _, r in found} == {"Kingston & Richmond Safeguarding Children's Partnership"}


def test_joint_board_that_split_needs_the_local_authority() -> None:
    folded = fold("the Cumbria Safeguarding Children Partnership")
    result = board_patterns(doc_of(folded), Config())
    matched = [p for p in result.patterns if p.regex.search(folded)]
    assert matched and all(p.severity == "warning" and "local_authority" in p.message for p in matched)
    found = hits("the Cumbria Safeguarding Children Partnership", Config(local_authority="Cumberland"))
    assert {r for _, r in found} == {"Cumberland Safeguarding Children Partnership"}


# ---------------------------------------------------------------- abbreviations


def test_abbreviation_only_with_known_local_authority() -> None:
    text = "Contact the KSCB business unit."
    assert hits(text, Config()) == []
    assert [r for _, r in hits(text, Config(local_authority="Kent"))] == [
        "Kent Safeguarding Children Multi-Agency Partnership"
    ]
    # KSCB was Kirklees's and Knowsley's abbreviation too
    assert [r for _, r in hits(text, Config(local_authority="Kirklees"))] == [
        "Kirklees Safeguarding Children Partnership"
    ]
    assert hits(text, Config(local_authority="Essex")) == []


def test_abbreviation_still_current_for_the_area_does_not_fire() -> None:
    assert hits("Contact the SSCB.", Config(local_authority="Staffordshire")) == []
    assert hits("Contact the HSCB.", Config(local_authority="Harrow")) == []
    assert hits("Contact the HSCB.", Config(local_authority="Hampshire")) != []


def test_name_with_bracketed_initials_is_one_edit() -> None:
    found = hits("the Kent Safeguarding Children Board (KSCB) says", Config(local_authority="Kent"))
    assert (
        "kent safeguarding children board (kscb)",
        "Kent Safeguarding Children Multi-Agency Partnership (KSCMP)",
    ) in found


# ---------------------------------------------------------------- confidence


def test_low_confidence_entry_is_a_warning_asking_the_dsl() -> None:
    low = next(p for p in ENTRIES if p.confidence == "low" and former_names(p))
    folded = fold(f"the {former_names(low)[0]}")
    result = board_patterns(doc_of(folded), Config(local_authority=low.local_authority))
    matched = [p for p in result.patterns if p.regex.search(folded)]
    assert matched and all(p.severity == "warning" and "DSL" in (p.message or "") for p in matched)
    kent = board_patterns(doc_of("the Kent Safeguarding Children Board"), Config(local_authority="Kent"))
    assert all(
        p.severity is None for p in kent.patterns if p.regex.search(fold("the Kent Safeguarding Children Board"))
    )


# ---------------------------------------------------------------- resolving names


@pytest.mark.parametrize(
    ("given", "official"),
    [
        ("Kent", "Kent County Council"),
        ("Kent CC", "Kent County Council"),
        ("Kent County Council", "Kent County Council"),
        ("kent council", "Kent County Council"),
        ("City of York", "City of York Council"),
        ("York", "City of York Council"),
        ("Brighton & Hove", "Brighton and Hove City Council"),
        ("Bristol", "Bristol City Council"),
        ("Barnsley MBC", "Barnsley Metropolitan Borough Council"),
        ("London Borough of Camden", "London Borough of Camden"),
        ("Camden", "London Borough of Camden"),
        ("Kingston", "Royal Borough of Kingston upon Thames"),
        ("Southend", "Southend-on-Sea City Council"),
        ("Derby", "Derby City Council"),
        ("Derbyshire", "Derbyshire County Council"),
        ("Kingston upon Hull City Council", "Hull City Council"),
        ("BCP Council", "Bournemouth, Christchurch and Poole Council"),
    ],
)
def test_resolve_forgiving_forms(given: str, official: str) -> None:
    assert resolve_local_authority(given).local_authority == official


def test_unknown_local_authority_suggests_closest() -> None:
    with pytest.raises(ConfigError) as exc:
        resolve_local_authority("Kentt")
    assert "unknown local authority 'Kentt'" in str(exc.value)
    assert "Kent County Council" in str(exc.value)
    with pytest.raises(ConfigError) as exc:
        resolve_local_authority("Northamptonshire")
    assert "North Northamptonshire Council" in str(exc.value)


# ---------------------------------------------------------------- overrides


def test_override_corrects_an_existing_entry() -> None:
    ov = {"Bolton": PartnershipOverride(partnership="Bolton Safeguarding Partnership", source="trust check 2026")}
    entry = resolve_local_authority("Bolton Council", ov, "trust/wttsc-policy.toml")
    assert entry.partnership == "Bolton Safeguarding Partnership"
    assert entry.override_origin == "trust/wttsc-policy.toml" and entry.source == "trust check 2026"
    data_entry = resolve_local_authority("Bolton")
    assert entry.former_boards == [*data_entry.former_boards, data_entry.partnership]
    config = Config(local_authority="Bolton", partnerships=ov)
    for stale in ("the Bolton Safeguarding Children Board", "the Bolton Safeguarding Children Partnership"):
        assert {r for _, r in hits(stale, config)} == {"Bolton Safeguarding Partnership"}
    assert hits("the Bolton Safeguarding Partnership", config) == []


def test_override_adds_a_new_entry_with_its_own_former_boards() -> None:
    ov = {
        "Newtown Council": PartnershipOverride(
            partnership="Newtown Safeguarding Partnership",
            former_boards=["Newtown Safeguarding Children Board (NTSCB)"],
        )
    }
    config = Config(local_authority="Newtown", partnerships=ov)
    found = hits("the Newtown Safeguarding Children Board and the NTSCB", config)
    assert [r for _, r in found] == ["Newtown Safeguarding Partnership"] * 2
    with pytest.raises(ConfigError):
        resolve_local_authority("Newtown")


# ---------------------------------------------------------------- inference


def test_infers_from_council_name() -> None:
    doc = doc_of(
        "Child protection policy",
        "Referrals go to Kent County Council's Front Door service.",
        "Kent County Council LADO.",
    )
    inf = infer_local_authority(doc)
    assert inf is not None and inf.local_authority == "Kent County Council"
    assert inf.evidence == {"Kent County Council": 2}
    assert "Kent County Council" in inf.describe()


def test_infers_from_partnership_website() -> None:
    doc = doc_of("Procedures are on www.hsscp.co.uk and we follow the threshold document.")
    inf = infer_local_authority(doc)
    # hsscp.co.uk is shared by Hartlepool and Stockton: a tie, so nothing is guessed
    assert inf is None
    doc = doc_of("See https://www.wfscp.org.uk/procedures for the local procedures.")
    inf = infer_local_authority(doc)
    assert inf is not None and inf.local_authority == "Westmorland and Furness Council"


def test_infers_from_former_board_and_uses_its_initials() -> None:
    doc = doc_of("We follow the Surrey Safeguarding Children Board procedures.", "The SSCB threshold guidance applies.")
    inf = infer_local_authority(doc)
    assert inf is not None and inf.local_authority == "Surrey County Council"
    result = board_patterns(doc, Config())
    assert any("inferred as Surrey County Council" in n for n in (note.message for note in result.notes))
    found = hits("The SSCB threshold guidance applies.", Config(), doc)
    assert [r for _, r in found] == ["Surrey Safeguarding Children Partnership"]
    initials = [p for p in result.patterns if p.regex.search("the sscb")]
    assert initials and all("inferred" in p.message and p.confidence == "medium" for p in initials)


def test_tie_is_not_guessed() -> None:
    doc = doc_of("Kent County Council and Medway Council both fund the service.")
    inf, note = infer_with_note(doc)
    assert inf is None and note and "Kent County Council" in note and "Medway Council" in note
    result = board_patterns(doc, Config())
    assert any("not inferred" in n.message for n in result.notes)
    assert hits("Contact the KSCB.", Config(), doc) == []


def test_nothing_to_infer_from() -> None:
    assert infer_local_authority(EMPTY) is None


# ---------------------------------------------------------------- template values


def test_values_for_configured_local_authority() -> None:
    values = partnership_values(Config(local_authority="Kent"))
    assert values["partnership_name"] == "Kent Safeguarding Children Multi-Agency Partnership"
    assert values["partnership_abbreviation"] == "KSCMP"
    assert values["partnership_website"] == "kscmp.org.uk"
    assert values["partnership_source"].startswith("https://www.kscmp.org.uk")
    assert values["partnerships_as_of"] == "2026-02"
    assert values["local_authority"] == "Kent County Council"
    assert values["inferred_from"] is None


def test_explicit_partnership_name_wins() -> None:
    values = partnership_values(Config(local_authority="Kent", partnership_name="Our Local Partnership"))
    assert values["partnership_name"] == "Our Local Partnership"


def test_values_from_inference_say_so() -> None:
    doc = doc_of("Kent County Council runs the Front Door.")
    values = partnership_values(Config(), doc)
    assert values["partnership_name"] == "Kent Safeguarding Children Multi-Agency Partnership"
    assert "Kent County Council" in values["inferred_from"]
    assert partnership_values(Config(), EMPTY)["partnership_name"] is None


def test_ordinary_prose_is_not_evidence() -> None:
    # Cornwall's partnership is styled "Our Safeguarding Children Partnership"
    doc = doc_of("We work closely with our safeguarding children partnership.", "Kent County Council")
    inf = infer_local_authority(doc)
    assert inf is not None and inf.local_authority == "Kent County Council"


def test_only_patterns_for_places_in_the_policy_are_returned() -> None:
    few = board_patterns(doc_of("We follow the Kent Safeguarding Children Board procedures."), Config())
    assert 0 < len(few.patterns) < 10
    assert board_patterns(EMPTY, Config()).patterns == []


def test_everyday_place_words_need_the_full_name() -> None:
    reading = Config(local_authority="Reading")
    assert hits("Staff should be reading LSCB guidance and reading council minutes.", reading) == []
    assert hits("the Reading Local Safeguarding Children Board", reading) != []
    assert infer_local_authority(doc_of("After reading council guidance, staff act.")) is None
    assert hits("the Kent LSCB", Config(local_authority="Kent")) != []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab'& -\n\t\u2019Cé0.xK", max_size=40))
def test_document_words_are_key_text_words(raw):
    from wttsc_policy.partnerships.infer import text_words
    from wttsc_policy.partnerships.names import normalise

    text = normalise(raw)
    assert text_words(text) == frozenset(key_text(text).split())


NAME_WORDS = [
    "kent", "county", "council", "royal", "borough", "of", "leeds", "city", "safeguarding", "children", "board",
    "partnership", "-", "&", "and", "kscmp.org.uk", "www.", "the", "\n", "\n", "x", "  ", "kingston", "upon",
    "thames", "windsor", "maidenhead", "stoke-on-trent",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NAME_WORDS), max_size=40), st.booleans())
def test_counting_signals_around_their_words_equals_searching_the_whole_text(words, tight):
    """Inference counts a signal's matches only near the lines holding its words: the
    same count as a search of the whole text, names broken across lines included."""
    import re

    from wttsc_policy.partnerships import infer

    text = " ".join(words)
    if tight:
        text = re.sub(r" ?\n ?", "\n", text)
    table = infer._signal_table(infer.entries_key(ENTRIES))
    lines = infer._Lines(text)
    for regex, label, _, _ in table:
        if any(w in label.lower() for w in ("kent", "leeds", "kingston", "windsor", "stoke")):
            assert lines.count(regex) == len(infer._compiled_signal(regex).findall(text)), (label, text)
