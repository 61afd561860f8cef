"""The shipped templates compiled ahead of time (rulepacks/precompiled.py): one module for
each, none stale, taken only for the exact text and Jinja version they were written for,
and `update` writes the same bytes with them as without them."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest

from paths import ROOT
from wttsc_policy import precompile
from wttsc_policy.commands.update import run_update
from wttsc_policy.rulepacks import precompiled, templates

WRITTEN = {p.stem for p in precompiled.FOLDER.glob("t_*.py")}
REGENERATE = "run `python -m wttsc_policy.precompile` and commit the result"


def _recorded_version() -> str:
    text = next(precompiled.FOLDER.glob("t_*.py")).read_text(encoding="utf-8")
    return text.split("JINJA_VERSION = ", 1)[1].split("\n", 1)[0].strip("'\"")


def test_every_shipped_template_has_its_module_and_no_module_is_stale():
    wanted = set(precompile.modules())
    assert wanted - WRITTEN == set(), f"shipped templates without a compiled module: {REGENERATE}"
    assert WRITTEN - wanted == set(), f"compiled modules no shipped template needs: {REGENERATE}"
    names = {name for _, name, _ in precompile.shipped()}
    assert {"changes.md.j2", "changes.html.j2", "briefing.md.j2", "clauses/training.md.j2"} <= names


def test_the_modules_are_what_the_installed_jinja_writes():
    if _recorded_version() != jinja2.__version__:
        pytest.skip(f"modules written by Jinja {_recorded_version()}; {jinja2.__version__} compiles from the text")
    for module, text in precompile.modules().items():
        assert (precompiled.FOLDER / f"{module}.py").read_text(encoding="utf-8") == text, REGENERATE


def test_a_template_comes_from_its_module_only_for_the_text_it_was_written_for():
    env, name, source = next(precompile.shipped())
    if _recorded_version() == jinja2.__version__:
        assert precompiled.load(env, name, source, {}) is not None
    assert precompiled.load(env, name, source + "\nOne more sentence.", {}) is None
    assert precompiled.load(env, name.replace(".md.j2", "2.md.j2"), source, {}) is None


def test_a_module_written_by_another_jinja_is_not_used(tmp_path, monkeypatch):
    env, name, source = next(precompile.shipped())
    module = precompiled.key(env, name, source)
    text = precompiled.compiled_source(env, name, source).replace(
        f"JINJA_VERSION = {jinja2.__version__!r}", "JINJA_VERSION = '0.1'"
    )
    (tmp_path / f"{module}.py").write_text(text, encoding="utf-8")
    monkeypatch.setattr(precompiled, "FOLDER", tmp_path)
    assert precompiled.load(env, name, source, {}) is None
    # and one whose code does not run under this Jinja at all
    (tmp_path / f"{module}.py").write_text("from jinja2.runtime import NoSuchName\n", encoding="utf-8")
    assert precompiled.load(env, name, source, {}) is None


def _update(policy: Path, out: Path) -> tuple[bytes, bytes]:
    templates._environment.cache_clear()  # clause environments keep the templates they loaded
    code = run_update(
        policy, output=out / policy.name, notes=out / "changes.md", date="2026-12-01T09:00:00Z", as_of=None
    )
    assert code == 0
    return (out / policy.name).read_bytes(), (out / "changes.md").read_bytes()


@pytest.mark.parametrize("example", ["oakfield-primary-2018.docx", "riverside-academy-2023.md"])
def test_update_writes_the_same_bytes_with_and_without_the_modules(example, tmp_path, monkeypatch, capsys):
    policy = tmp_path / example
    shutil.copy(ROOT / "examples" / example, policy)
    loaded: list[str] = []
    real_load = precompiled.load

    def counting(env, name, source, globals):
        found = real_load(env, name, source, globals)
        if found is not None:
            loaded.append(name)
        return found

    monkeypatch.setattr(precompiled, "load", counting)
    (tmp_path / "a").mkdir()
    with_modules = _update(policy, tmp_path / "a")
    if _recorded_version() == jinja2.__version__:
        assert "changes.md.j2" in loaded and any(n.startswith("clauses/") for n in loaded), loaded
    monkeypatch.setattr(precompiled, "FOLDER", tmp_path / "none")
    (tmp_path / "b").mkdir()
    loaded.clear()
    without = _update(policy, tmp_path / "b")
    assert loaded == []
    assert with_modules == without
    templates._environment.cache_clear()
