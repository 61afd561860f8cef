"""Rule regexes compiled from remembered bytecode (regexcode.py) behave exactly as
re.compile's, and a remembered entry that is wrong in any way is never used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wttsc_policy import regexcode
from wttsc_policy.normalise import normalise
from wttsc_policy.read import read_document
from wttsc_policy.rulepacks.load import load_ruleset

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty cache folder and nothing remembered in this process."""
    monkeypatch.setenv("WTTSC_POLICY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(regexcode, "_known", {})
    monkeypatch.setattr(regexcode, "_state", {"loaded": False, "added": 0})


def _rule_regexes() -> list[tuple[str, int]]:
    out: dict[tuple[str, int], None] = {}
    for rule in load_ruleset([]).rules:
        for regex in [*rule.cue_terms, *(p.regex for p in rule.compiled), *rule.compiled_exclusions]:
            out[(regex.pattern, int(regex.flags))] = None
    return list(out)


def _same(a: re.Pattern[str], b: re.Pattern[str], texts: list[str]) -> None:
    assert (a.pattern, a.flags, a.groups, dict(a.groupindex)) == (b.pattern, b.flags, b.groups, dict(b.groupindex))
    for text in texts:
        assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)], a.pattern
        assert [m.groups() for m in a.finditer(text)] == [m.groups() for m in b.finditer(text)], a.pattern


@pytest.mark.usefixtures("fresh")
def test_every_rule_regex_from_remembered_code_matches_like_re_compile() -> None:
    doc = read_document(ROOT / "examples" / "oakfield-primary-2018.md")
    texts = [normalise(b.text).folded for b in doc.blocks]
    regexes = _rule_regexes()
    assert len(regexes) > 100
    first = {key: regexcode.compile_regex(*key) for key in regexes}  # built, and remembered
    regexcode._save()
    regexcode._known.clear()
    regexcode._state["loaded"] = False
    for key in regexes:
        again = regexcode.compile_regex(*key)  # from the stored code
        plain = re.compile(*key)
        _same(again, plain, texts)
        _same(first[key], plain, texts)
    assert len(regexcode._known) >= len(regexes)  # they were read back, not rebuilt


@pytest.mark.usefixtures("fresh")
def test_wrong_entries_are_never_used() -> None:
    pattern, flags = r"\bboard(?P<s>s)?\b", int(re.IGNORECASE)
    regexcode.compile_regex(pattern, flags)
    good = regexcode._known[(pattern, flags)]
    # code the engine refuses: compiled afresh, the same regex
    regexcode._known[(pattern, flags)] = (good[0], good[1], b"\xff\xff\xff\xff" * 3, *good[3:])
    assert regexcode.compile_regex(pattern, flags).search("the boards").group("s") == "s"  # type: ignore[union-attr]
    assert regexcode._known[(pattern, flags)] == good
    # entries of another engine or of the wrong shape are dropped when they are looked up
    for wrong in [(good[0] + 1, *good[1:]), (*good[:2], list(good[2]), *good[3:]), "not an entry"]:
        regexcode._known[(pattern, flags)] = wrong
        assert regexcode.compile_regex(pattern, flags).search("the boards").group("s") == "s"  # type: ignore[union-attr]
        assert regexcode._known[(pattern, flags)] == good
    assert regexcode._well_formed((pattern, flags), good)
    assert not regexcode._well_formed((pattern, flags), (good[0] + 1, *good[1:]))
    assert not regexcode._well_formed((pattern, flags), (*good[:2], list(good[2]), *good[3:]))
    assert not regexcode._well_formed((pattern, str(flags)), good)


def _module_regexes() -> list[tuple[str, int]]:
    """Every regex the package compiles when a module is imported (through compile_regex)."""
    import importlib
    import pkgutil

    import wttsc_policy

    out: dict[tuple[str, int], None] = {}
    for info in pkgutil.walk_packages(wttsc_policy.__path__, "wttsc_policy."):
        if info.name.endswith("__main__"):
            continue  # runs the command line
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                out[(value.pattern, int(value.flags))] = None
    return list(out)


@pytest.mark.usefixtures("fresh")
def test_module_level_regexes_from_remembered_code_match_like_re_compile() -> None:
    """The package's own regexes (sentence ends, names, letter spacing...) go through the
    same remembered code as the rules' since issue 15: the same answers as re.compile."""
    doc = read_document(ROOT / "examples" / "oakfield-primary-2018.md")
    texts = [b.text for b in doc.blocks] + [normalise(b.text).folded for b in doc.blocks]
    regexes = _module_regexes()
    assert len(regexes) > 60
    for key in regexes:
        regexcode.compile_regex(*key)
    regexcode._save()
    regexcode._known.clear()
    regexcode._state["loaded"] = False
    for key in regexes:
        _same(regexcode.compile_regex(*key), re.compile(*key), texts)
