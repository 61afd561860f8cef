"""The user cache (cache.py): validated rule packs, datasets and configs are reused only
when they are exactly what the current inputs would give, never trusted when someone
else could have written them, and any problem with the cache just means a slower run
with the same results."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wttsc_policy import cache, records

ROOT = Path(__file__).resolve().parent.parent
DOCX = ROOT / "examples" / "oakfield-primary-2018.docx"
MD = ROOT / "examples" / "oakfield-primary-2018.md"


def cli(*args: str, cache_dir: Path | None, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "WTTSC_POLICY_NO_CACHE")}
    full.update({"NO_COLOR": "1", "CI": "1", **env})
    if cache_dir is None:
        full["WTTSC_POLICY_NO_CACHE"] = "1"
    else:
        full["WTTSC_POLICY_CACHE_DIR"] = str(cache_dir)
    return subprocess.run(
        [sys.executable, "-m", "wttsc_policy", *args], cwd=cwd, env=full, capture_output=True, text=True, timeout=300
    )


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle"))


@pytest.fixture
def trust_pack(tmp_path: Path) -> Path:
    """A one-rule trust pack the tests can edit."""
    pack = tmp_path / "trust-pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(
        "pack:\n  name: trust\n  title: Trust wording\n  from_edition: local\n  to_edition: local\n  version: '1'\n"
    )
    (pack / "rules.yaml").write_text(
        "rules:\n"
        "  - id: TR001\n"
        "    title: Say governing board\n"
        "    kind: outdated_reference\n"
        "    severity: warning\n"
        "    source: trust style guide\n"
        "    chapter: Local\n"
        "    patterns: ['\\bgoverning body\\b']\n"
        "    replacement: governing board\n"
        "    message: FIRST MESSAGE\n"
        "    rationale: house style\n"
        "    examples: {fires: ['The governing body meets.'], passes: ['The governing board meets.']}\n"
    )
    (tmp_path / "policy.md").write_text("# Policy\n\nThe governing body approves this policy.\n")
    return pack


def test_results_are_identical_with_and_without_the_cache(tmp_path: Path) -> None:
    store = tmp_path / "cache"
    for args in (["check", "--format", "json", str(DOCX)], ["check", "--format", "sarif", str(MD)], ["rules", "list"]):
        cold = cli(*args, cache_dir=None)
        first = cli(*args, cache_dir=store)  # builds the entries
        warm = cli(*args, cache_dir=store)  # uses them
        assert cold.returncode == first.returncode == warm.returncode
        assert cold.stdout == first.stdout == warm.stdout, args
    assert entries(store)
    # update writes byte-identical files either way
    outputs = []
    out = tmp_path / "out"
    out.mkdir()
    for where in (None, store):
        proc = cli(
            "update", str(DOCX), "--output", str(out / "u.docx"), "--notes", str(out / "u.md"),
            "--date", "2026-09-01T00:00:00Z", "--force", cache_dir=where,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        outputs.append(((out / "u.docx").read_bytes(), (out / "u.md").read_text()))
    assert outputs[0] == outputs[1]


def test_no_cache_variable_writes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "cache"
    proc = cli("check", str(MD), cache_dir=store, WTTSC_POLICY_NO_CACHE="1")
    assert proc.returncode == 1 and not store.exists()


def test_a_changed_pack_is_loaded_afresh(tmp_path: Path, trust_pack: Path) -> None:
    store = tmp_path / "cache"
    policy = tmp_path / "policy.md"
    first = cli("check", str(policy), "--rules", str(trust_pack), "--select", "TR", "--format", "json", cache_dir=store)
    assert "FIRST MESSAGE" in first.stdout
    rules = trust_pack / "rules.yaml"
    rules.write_text(rules.read_text().replace("FIRST MESSAGE", "SECOND MESSAGE"))
    second = cli(
        "check", str(policy), "--rules", str(trust_pack), "--select", "TR", "--format", "json", cache_dir=store
    )
    assert "SECOND MESSAGE" in second.stdout and "FIRST MESSAGE" not in second.stdout
    # an invalid edit is reported, never hidden by an older valid entry
    rules.write_text(rules.read_text().replace("severity: warning", "severity: loud"))
    third = cli("check", str(policy), "--rules", str(trust_pack), cache_dir=store)
    assert third.returncode == 2 and "TR001" in third.stderr and "Traceback" not in third.stderr


def test_a_changed_config_is_validated_afresh(tmp_path: Path) -> None:
    store = tmp_path / "cache"
    (tmp_path / ".git").mkdir()
    policy = tmp_path / "policy.md"
    shutil.copy(MD, policy)
    config = tmp_path / "wttsc-policy.toml"
    config.write_text('fail_on = "never"\n')
    assert cli("check", str(policy), cache_dir=store).returncode == 0
    assert cli("check", str(policy), cache_dir=store).returncode == 0  # from the cache
    config.write_text('fail_on = "warning"\n')
    assert cli("check", str(policy), cache_dir=store).returncode == 1
    config.write_text('fail_on = "sometimes"\n')
    bad = cli("check", str(policy), cache_dir=store)
    assert bad.returncode == 2 and "fail_on" in bad.stderr and "wttsc-policy.toml" in bad.stderr


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "wrong type", "directory"])
def test_a_damaged_entry_is_rebuilt_silently(tmp_path: Path, damage: str) -> None:
    store = tmp_path / "cache"
    args = ("check", "--format", "json", str(DOCX))
    expected = cli(*args, cache_dir=store)
    for entry in entries(store):
        data = entry.read_bytes()
        if damage == "directory":
            entry.unlink()
            entry.mkdir()
            continue
        entry.write_bytes(
            {
                "garbage": b"\x00not a cache entry" * 10,
                "truncated": data[: len(data) // 2],
                "empty": b"",
                "wrong type": data[: data.index(b"\n") + 1] + pickle.dumps(["a list, not the stored value"]),
            }[damage]
        )
    again = cli(*args, cache_dir=store)
    assert (again.returncode, again.stdout, again.stderr) == (expected.returncode, expected.stdout, expected.stderr)
    if damage != "directory":  # rewritten with good entries
        assert cli(*args, cache_dir=store).stdout == expected.stdout
        assert all(e.read_bytes()[: len(cache._FORMAT)] == cache._FORMAT for e in entries(store))


def test_an_unusable_cache_folder_is_ignored(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    expected = cli("check", "--format", "json", str(DOCX), cache_dir=None)
    proc = cli("check", "--format", "json", str(DOCX), cache_dir=blocker / "cache")
    assert (proc.returncode, proc.stdout, proc.stderr) == (expected.returncode, expected.stdout, expected.stderr)


def _forge(entry: Path) -> None:
    """Rewrite a rule-pack entry so every message says FORGED (a well-formed entry)."""
    pack = cache._PlainUnpickler(__import__("io").BytesIO(entry.read_bytes()[len(cache._FORMAT) :])).load()
    for rule in pack.rules:
        rule.message = "FORGED"
    entry.write_bytes(cache._FORMAT + pickle.dumps(pack))


def test_entries_writable_by_others_are_not_trusted(tmp_path: Path) -> None:
    store = tmp_path / "cache"
    cli("check", str(MD), cache_dir=store)
    packs = [e for e in entries(store) if e.name.startswith("rulepack-")]
    assert packs
    for entry in packs:
        _forge(entry)
    assert "FORGED" in cli("check", "--format", "json", str(MD), cache_dir=store).stdout  # the forgery is read...
    for entry in packs:
        _forge(entry)
        entry.chmod(0o666)  # ...but not when others could have written it
    assert "FORGED" not in cli("check", "--format", "json", str(MD), cache_dir=store).stdout
    for entry in packs:
        _forge(entry)
        entry.chmod(0o600)
    store.chmod(0o777)  # nor from a folder others can write to
    try:
        assert "FORGED" not in cli("check", "--format", "json", str(MD), cache_dir=store).stdout
    finally:
        store.chmod(0o700)


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to give a file away")
def test_entries_owned_by_someone_else_are_not_trusted(tmp_path: Path) -> None:
    store = tmp_path / "cache"
    cli("check", str(MD), cache_dir=store)
    for entry in entries(store):
        if entry.name.startswith("rulepack-"):
            _forge(entry)
            os.chown(entry, 12345, 12345)
    assert "FORGED" not in cli("check", "--format", "json", str(MD), cache_dir=store).stdout


def test_an_entry_cannot_run_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = tmp_path / "ran"

    class Exploit:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (os.system, (f"touch {marker}",))

    monkeypatch.setenv("WTTSC_POLICY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("WTTSC_POLICY_NO_CACHE", raising=False)
    key = cache.key_for("test", ["x"])
    cache.store("test", key, "placeholder")
    entry = next((tmp_path / "cache").glob("test-*.pickle"))
    entry.write_bytes(cache._FORMAT + pickle.dumps(Exploit()))
    assert cache.load("test", key) is None
    assert not marker.exists()
    assert cache.cached("test", ["x"], lambda: "built", str) == "built"


def test_keys_depend_on_content_and_versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "a.yaml"
    f.write_text("one")
    first = cache.key_for("k", [f])
    f.write_text("two")
    assert cache.key_for("k", [f]) != first
    assert cache.key_for("k", ["x"]) != cache.key_for("other", ["x"])
    now = cache.key_for("k", [f])
    monkeypatch.setattr(cache, "__version__", "999.0")
    assert cache.key_for("k", [f]) != now
    # the package's own code is part of the key: an entry written by other code (a schema
    # with a field fewer) is never read
    later = cache.key_for("k", [f])
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "other code")
    assert cache.key_for("k", [f]) != later


def test_code_fingerprint_follows_the_package_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "a.py").write_text("x = 1\n")
    (package / "sub" / "b.yaml").write_text("k: v\n")
    monkeypatch.setattr(cache, "_PACKAGE_DIR", package)
    cache.code_fingerprint.cache_clear()
    first = cache.code_fingerprint()
    (package / "sub" / "b.yaml").write_text("k: w, longer\n")
    cache.code_fingerprint.cache_clear()
    assert cache.code_fingerprint() != first
    cache.code_fingerprint.cache_clear()


def test_rule_fields_set_in_yaml_reach_the_rule_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every field of the rule schema reaches the rule the program uses, whether the pack
    was validated now or read back from the cache: a field added to the schema is never
    dropped on the way (model.convert copies them all)."""
    from wttsc_policy.rulepacks import schema as rule_schema
    from wttsc_policy.rulepacks.load import load_pack
    from wttsc_policy.settings import Setting

    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(
        "pack:\n  name: fields\n  title: Fields\n  from_edition: a\n  to_edition: b\n  version: '1'\n"
        "  family: wttsc\n  examples_as_of: 2026-01-05\n"
        "  notes:\n    - {id: a_note, message: Check this, applies_from: 2026-02-01}\n"
        "  key_mapping:\n    some_key: {status: retired, note: gone}\n"
    )
    (pack / "rules.yaml").write_text(
        "rules:\n"
        "  - id: FD001\n"
        "    title: Fields\n"
        "    kind: outdated_reference\n"
        "    severity: warning\n"
        "    source: somewhere\n"
        "    chapter: Local\n"
        "    patterns: [{regex: '\\bold words\\b', replacement: new words}]\n"
        "    keywords: [old words]\n"
        "    hand_edit: true\n"
        "    settings: [academy, college]\n"
        "    except_settings: [childminder]\n"
        "    applies_from: 2025-04-01\n"
        "    applies_until: 2027-03-31\n"
        "    replace_scope: sentence\n"
        "    confidence: medium\n"
        "    message: A message\n"
        "    rationale: why\n"
        "    examples: {fires: ['old words here'], passes: ['new words here'], as_of: 2026-03-01}\n"
    )
    monkeypatch.setenv("WTTSC_POLICY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("WTTSC_POLICY_NO_CACHE", raising=False)
    cold = load_pack(pack)
    assert entries(tmp_path / "cache"), "the pack was not cached"
    warm = load_pack(pack)
    assert warm is not cold
    for loaded in (cold, warm):
        (rule,) = loaded.rules
        for name in rule_schema.Rule.model_fields:
            assert hasattr(rule, name), name
        assert rule.hand_edit is True
        assert rule.settings == [Setting.ACADEMY, Setting.COLLEGE]
        assert rule.except_settings == [Setting.CHILDMINDER]
        assert str(rule.applies_from) == "2025-04-01" and str(rule.applies_until) == "2027-03-31"
        assert rule.replace_scope == "sentence" and rule.confidence == "medium"
        assert rule.text_family == "wttsc" and str(rule.examples_as_of) == "2026-03-01"
        assert rule.compiled[0].replacement == "new words"
        meta = loaded.meta
        assert [n.id for n in meta.notes] == ["a_note"] and str(meta.notes[0].applies_from) == "2026-02-01"
        assert meta.key_mapping["some_key"].status == "retired"
        assert str(meta.examples_as_of) == "2026-01-05"


def test_cache_folder_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WTTSC_POLICY_CACHE_DIR", raising=False)
    monkeypatch.delenv("WTTSC_POLICY_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "wttsc-policy"
    monkeypatch.setenv("WTTSC_POLICY_CACHE_DIR", str(tmp_path / "own"))
    assert cache.cache_dir() == tmp_path / "own"
    monkeypatch.setenv("WTTSC_POLICY_NO_CACHE", "1")
    assert cache.cache_dir() is None


def test_check_with_a_warm_cache_imports_no_validation_or_template_library(tmp_path: Path) -> None:
    """`check --format json` on a .docx: no pydantic, yaml, jinja2, typer or rich once the
    packs, datasets and config have been seen, and no dataclasses (see records.py)."""
    (tmp_path / ".git").mkdir()
    policy = tmp_path / "policy.docx"
    shutil.copy(DOCX, policy)
    (tmp_path / "wttsc-policy.toml").write_text('school_name = "Oakfield Primary School"\nlocal_authority = "Kent"\n')
    heavy = ("pydantic", "yaml", "jinja2", "typer", "click", "rich", "markdown_it", "dataclasses")
    code = (
        "import sys\n"
        "from wttsc_policy.cli import main\n"
        f"code = main(['check', '--format', 'json', {str(policy)!r}])\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)\n"
    )
    env = {**os.environ, "CI": "1", "WTTSC_POLICY_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("WTTSC_POLICY_NO_CACHE", None)
    cold = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert "pydantic" in cold.stderr.strip().splitlines()[-1]  # the first run validates
    warm = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert warm.stderr.strip().splitlines()[-1] == "[]", warm.stderr
    assert json.loads(warm.stdout) == json.loads(cold.stdout)


def test_plain_classes_mirror_the_schemas() -> None:
    """Every field of the pydantic schemas exists, with the same default, on the plain
    classes the program uses (add a field to both, or a run would lose its type)."""
    from pydantic_core import PydanticUndefined

    from wttsc_policy.config import model as config_model
    from wttsc_policy.config import schema as config_schema
    from wttsc_policy.partnerships import data as partnership_data
    from wttsc_policy.partnerships import schema as partnership_schema
    from wttsc_policy.rulepacks import model as rule_model
    from wttsc_policy.rulepacks import schema as rule_schema

    pairs = [
        (config_schema.Config, config_model.Config),
        (config_schema.PartnershipOverride, config_model.PartnershipOverride),
        (partnership_schema.Partnership, partnership_data.Partnership),
        (partnership_schema.PartnershipData, partnership_data.PartnershipData),
        *[(getattr(rule_schema, name), cls) for name, cls in rule_model.RUNTIME.items()],
    ]
    for schema_cls, plain in pairs:
        fields = {f.name: f for f in records.fields(plain)}
        for name, info in schema_cls.model_fields.items():
            assert name in fields, f"{plain.__module__}.{plain.__name__} lacks field {name!r}"
            f = fields[name]
            if info.default_factory is not None:
                assert f.default_factory is not records.MISSING, (plain, name)
                assert f.default_factory() == info.default_factory(), (plain, name)
            elif info.default is PydanticUndefined:
                assert f.default is records.MISSING and f.default_factory is records.MISSING, (plain, name)
            else:
                assert f.default == info.default, (plain, name)
        extra = set(fields) - set(schema_cls.model_fields) - rule_model.LOADER_FIELDS
        assert not extra, f"{plain.__name__} has fields the schema does not: {extra}"


def test_every_entry_written_can_be_read_back(tmp_path: Path) -> None:
    """Entries hold only what the restricted unpickler accepts (an enum or a compiled
    regex in an entry would make it useless: rebuilt on every run)."""
    store = tmp_path / "cache"
    for args in (["check", str(DOCX)], ["check", str(MD)], ["update", str(MD), "--output", str(tmp_path / "u.md")]):
        cli(*args, cache_dir=store)
    names = [e.name for e in entries(store)]
    assert {n.split("-")[0] for n in names} >= {
        "rulepack",
        "partnerships",
        "regex",
        "pack",
        "editions",
        "signals",
        "board",
        "styles",
    }, names
    for name in names:
        kind, _, key = name.removesuffix(".pickle").rpartition("-")
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("WTTSC_POLICY_CACHE_DIR", str(store))
            mp.delenv("WTTSC_POLICY_NO_CACHE", raising=False)
            assert cache.load(kind, key) is not None, name


def test_only_the_loader_uses_the_pydantic_rule_schema() -> None:
    """The program works on the plain classes of rulepacks/model.py: code that imported
    the pydantic schema instead would import pydantic on every run, and its isinstance
    tests (PatternSpec, cue kinds) would silently never match a loaded rule."""
    allowed = {"rulepacks/schema.py", "rulepacks/load.py"}
    package = ROOT / "src" / "wttsc_policy"
    offenders = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        text = path.read_text(encoding="utf-8")
        if rel not in allowed and ("rulepacks.schema import" in text or "rulepacks import schema" in text):
            offenders.append(rel)
    assert not offenders, f"import the plain classes from wttsc_policy.rulepacks.model instead: {offenders}"


def test_a_styles_table_from_the_cache_still_obeys_the_size_limit(tmp_path: Path) -> None:
    """The styles part's table comes from the cache once seen, but a lower max_xml_bytes
    still refuses the part (the limit is checked before the cache is asked)."""
    store = tmp_path / "cache"
    folder = tmp_path / "school"
    folder.mkdir()
    (folder / ".git").mkdir()
    policy = folder / "policy.docx"
    shutil.copy(DOCX, policy)
    first = cli("check", "--format", "json", str(policy), cache_dir=store, cwd=folder)
    assert first.returncode in (0, 1), first.stderr
    assert any(e.name.startswith("styles-") for e in entries(store))
    (folder / "wttsc-policy.toml").write_text("max_xml_bytes = 100000\n")  # styles.xml is 349 KB
    limited = cli("check", "--format", "json", str(policy), cache_dir=store, cwd=folder)
    assert limited.returncode == 2
    assert "word/styles.xml" in limited.stderr and "max_xml_bytes" in limited.stderr, limited.stderr


def test_a_stored_value_of_the_wrong_shape_is_built_again_and_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cached(..., valid=...)`: a stored container whose items are wrong is not used; the
    value is built again and stored in its place, so the next run reads the good one."""
    monkeypatch.setenv("WTTSC_POLICY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("WTTSC_POLICY_NO_CACHE", raising=False)
    calls: list[int] = []

    def build() -> tuple[str, ...]:
        calls.append(1)
        return ("a", "b")

    def valid(value: tuple[object, ...]) -> bool:
        return all(isinstance(x, str) for x in value)

    key = cache.key_for("shape-test", ["x"])
    cache.store("shape-test", key, (1, 2))  # a tuple, as expected, but of the wrong items
    assert cache.cached("shape-test", ["x"], build, tuple, valid) == ("a", "b")
    assert cache.load("shape-test", key) == ("a", "b")  # replaced
    assert cache.cached("shape-test", ["x"], build, tuple, valid) == ("a", "b")
    assert len(calls) == 1  # the second call read it
