"""The corpus and the checker's data are what they claim to be.

A trap that is not in the policy, a fact id that is not in the reference file, or a stale Word
variant would make the draft-quality test pass or fail for the wrong reason.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import pytest
import yaml

from draft_quality import docx_text
from draft_quality.checks import CLASSES, squash
from draft_quality.data import POLICIES, fact_ids, load_expect, names, wrong_forms
from draft_quality.runner import variants
from draft_quality.text import blocks_for, blocks_from_word

FOLDERS = sorted(p for p in POLICIES.iterdir() if (p / "expect.yaml").is_file())
SETTINGS = {
    "maintained_school",
    "academy",
    "free_school",
    "independent_school",
    "fe_college",
    "sixth_form_college",
    "early_years",
    "childminder",
    "special_school",
    "alternative_provision",
}
CONFIG_SETTINGS = {"school", "academy", "college", "nursery", "independent school"}


def _text(path) -> str:
    if path.suffix == ".docx":
        return "\n".join(b.text for b in blocks_from_word(docx_text.paragraphs(path, "as_is")))
    return "\n".join(b.text for b in blocks_for(path.suffix, path.read_text(encoding="utf-8")))


def test_every_fact_id_used_exists_in_the_reference_copy():
    used = {f.fact for f in wrong_forms()}
    for folder in FOLDERS:
        for items in load_expect(folder)["traps"].values():
            used |= {i["fact"] for i in items if i.get("fact")}
    assert used <= fact_ids(), sorted(used - fact_ids())
    assert len(fact_ids()) == 20


def test_wrong_forms_are_unique_and_explained():
    ids = [f.id for f in wrong_forms()]
    assert len(ids) == len(set(ids))
    assert all(f.why for f in wrong_forms())


def test_names_hold_every_icb_and_partnership():
    data = names()
    assert len(data.icbs_2022) == 42
    assert len(data.icbs_2026) == 6
    assert len(data.local_authorities) == 153


def test_the_corpus_covers_every_setting_year_and_format():
    expects = [load_expect(f) for f in FOLDERS]
    assert len(FOLDERS) >= 12
    settings = {e["setting"] for e in expects}
    assert settings == SETTINGS, SETTINGS - settings
    years = {e["policy_year"] for e in expects}
    assert min(years) <= 2016 and max(years) >= 2025 and {2018, 2023, 2024} <= years
    assert len({e["local_authority"] for e in expects}) == len(FOLDERS)
    assert sum(1 for f in FOLDERS if (f / "policy.docx").is_file()) >= 5
    assert any((f / "policy.txt").is_file() for f in FOLDERS)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_policy_length_and_config(folder):
    expect = load_expect(folder)
    source = next(folder / n for n in ("policy.md", "policy.txt") if (folder / n).is_file())
    lines = source.read_text(encoding="utf-8").count("\n")
    low = 50 if expect["setting"] == "childminder" else 120
    assert low <= lines <= 400, lines
    config = tomllib.loads((folder / "wttsc-policy.toml").read_text(encoding="utf-8"))
    assert config.get("setting_type", "school") in CONFIG_SETTINGS
    assert set(expect["traps"]) <= set(CLASSES), set(expect["traps"]) - set(CLASSES)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_names_in_expect_are_the_real_ones(folder):
    expect = load_expect(folder)
    row = names().la(expect["local_authority"])
    assert row is not None, expect["local_authority"]
    assert expect["partnership"] == row["partnership"]
    assert expect["nhs_body_today"] == row["body_today"]
    assert row["partnership_confidence"] in {"high", "medium"}


@pytest.mark.parametrize("variant", variants(), ids=lambda v: v.id)
def test_traps_and_decoys_are_in_the_policy(variant):
    expect = load_expect(variant.folder)
    text = squash(_text(variant.path))
    keys = [i["key"] for items in expect["traps"].values() for i in items] + [d["key"] for d in expect["decoys"]]
    missing = [k for k in keys if squash(k) not in text]
    assert not missing, missing
    title = squash(expect["title"])
    assert squash(expect["school_name"]) in title or squash(expect["school_name"]) in text[:300]


def test_topics_are_not_already_covered():
    for folder in FOLDERS:
        expect = load_expect(folder)
        source = next(folder / n for n in ("policy.md", "policy.txt") if (folder / n).is_file())
        blocks = blocks_for(source.suffix, source.read_text(encoding="utf-8"))
        for topic in expect["topics"]:
            needs = [re.compile(p, re.I) for p in topic["needs"]]
            assert not any(all(p.search(b.text) for p in needs) for b in blocks), (folder.name, topic["id"])


def test_word_variants_are_up_to_date():
    run = subprocess.run([sys.executable, str(POLICIES / "build_docx.py"), "--check"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_word_variants_use_real_styles_and_numbering():
    for folder in FOLDERS:
        path = folder / "policy.docx"
        if not path.is_file():
            continue
        paras = docx_text.paragraphs(path, "as_is")
        styles = {p["style"].lower() for p in paras}
        assert {"title", "heading 1"} <= styles, folder.name
        kinds = {p["list_kind"] for p in paras}
        assert "bullet" in kinds, folder.name
        assert any(p["row"] for p in paras) and any(p["part"] == "footer" for p in paras), folder.name
    assert any(
        "number" in {p["list_kind"] for p in docx_text.paragraphs(f / "policy.docx", "as_is")}
        for f in FOLDERS
        if (f / "policy.docx").is_file()
    )


def test_expect_files_parse_with_the_documented_keys():
    allowed = {
        "title",
        "school_name",
        "setting",
        "phase",
        "boarding",
        "adults_on_roll",
        "local_authority",
        "partnership",
        "nhs_body_today",
        "trust_name",
        "policy_year",
        "style",
        "formats",
        "config",
        "traps",
        "decoys",
        "topics",
        "growth_budget",
    }
    for folder in FOLDERS:
        raw = yaml.safe_load((folder / "expect.yaml").read_text(encoding="utf-8"))
        assert set(raw) <= allowed, (folder.name, set(raw) - allowed)
        for items in raw["traps"].values():
            for item in items:
                assert item.get("must", "change") in {"change", "flag", "complete"}, item
