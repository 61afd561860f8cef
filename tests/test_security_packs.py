"""Hostile rule packs (audit issue 16, CRITICAL): a pack is data, never code.

A pack's replacement, clause templates and briefing are checked (only variables,
filters, if, for) and rendered in a Jinja sandbox; a pack's regexes must not be shaped
for catastrophic backtracking. A pack from outside the tool that breaks either rule is
refused before anything runs: exit 2, one line naming the pack; `rules validate`
lists every problem and exits 2.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from hostile_support import assert_one_line_error, cli, pack, policy_md, project, snapshot
from wttsc_policy.errors import RuleError
from wttsc_policy.rulepacks.load import load_ruleset
from wttsc_policy.rulepacks.safety import unsafe_reason
from wttsc_policy.rulepacks.sandbox import check_template, sandboxed_environment
from wttsc_policy.rulepacks.vetting import pack_problems

CANARY_NAME = "pwned-by-pack"

# Templates that would run code or read files in a plain Jinja environment.
HOSTILE_TEMPLATES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('touch " + CANARY_NAME + "').read() }}",
    "{{ lipsum.__globals__['os'].system('touch " + CANARY_NAME + "') }}",
    "{% include '/etc/passwd' %}",
    "{% import 'x' as y %}",
    "{% macro m() %}x{% endmacro %}{{ m() }}",
    "{{ range(10**9) | length }}",
    "{{ 'a' * 100000000 }}",
    "{{ school_name | attr('__class__') }}",
    "{{ config.items() }}",
    "{% for a in x %}{% for b in x %}{% for c in x %}.{% endfor %}{% endfor %}{% endfor %}",
]


@pytest.mark.parametrize("template", HOSTILE_TEMPLATES)
def test_unsafe_templates_are_refused_by_the_check(template: str) -> None:
    with pytest.raises(RuleError):
        check_template(template, "test")


@pytest.mark.parametrize(
    "template",
    [
        "{{ school_name }}",
        "{{ dsl_title | capitalize }} and {{ school_name | default('the school') }}",
        "{% if partnership_name %}{{ partnership_name }}{% else %}our partnership{% endif %}",
        "{% for item in items %}- {{ item }}\n{% endfor %}",
        "{% set who = headteacher_title %}{{ who | upper }}",
        "{{ edition.title }}",
    ],
)
def test_what_clauses_need_is_allowed(template: str) -> None:
    check_template(template, "test")


def test_the_sandbox_blocks_code_even_without_the_check() -> None:
    """Second layer: the environment itself refuses attributes that lead to code."""
    from jinja2.exceptions import SecurityError

    env = sandboxed_environment()
    with pytest.raises(SecurityError):
        env.from_string("{{ ''.__class__.__mro__[1].__subclasses__() }}").render()


@pytest.mark.parametrize("template", HOSTILE_TEMPLATES[:3])
def test_check_with_a_code_running_replacement_is_refused(tmp_path: Path, template: str) -> None:
    root = project(tmp_path)
    policy_md(root, text="We do safeguarding here.")
    pack(root / "trust-pack", replacement=template)
    before = snapshot(root)
    for args in (("check", "policy.md"), ("update", "policy.md"), ("rules", "validate", "trust-pack")):
        extra = ("--rules", "trust-pack") if args[0] != "rules" else ()
        proc = cli(*args, *extra, cwd=root)
        assert proc.returncode == 2, proc.stderr
        assert "Traceback" not in proc.stderr + proc.stdout
        # replacements are plain substitution: any template code is refused outright
        assert "no template code" in proc.stderr + proc.stdout
        assert not (root / CANARY_NAME).exists(), "the pack ran code"
        assert snapshot(root) == before


def test_config_named_pack_is_vetted_too(tmp_path: Path) -> None:
    root = project(tmp_path)
    policy_md(root, text="We do safeguarding here.")
    pack(root / "trust-pack", replacement=HOSTILE_TEMPLATES[1])
    (root / "wttsc-policy.toml").write_text('rules = ["trust-pack"]\n', encoding="utf-8")
    assert_one_line_error(cli("check", "policy.md", cwd=root), "trust-pack", "no template code")
    assert not (root / CANARY_NAME).exists()


def test_unsafe_clause_template_is_refused(tmp_path: Path) -> None:
    root = project(tmp_path)
    policy_md(root, text="Nothing about the topic.")
    pack(root / "trust-pack", clause="Hello {{ cycler.__init__.__globals__.os.getcwd() }}")
    proc = cli("update", "policy.md", "--rules", "trust-pack", cwd=root)
    assert_one_line_error(proc, "trust-pack", "not allowed")
    assert not list(root.glob("policy.updated*")) and not list(root.glob("policy.changes*"))


def test_clause_symlinked_out_of_the_pack_is_never_read(tmp_path: Path) -> None:
    root = project(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-do-not-insert", encoding="utf-8")
    folder = pack(root / "trust-pack", clause="placeholder")
    (folder / "clauses" / "topic.md.j2").unlink()
    os.symlink(secret, folder / "clauses" / "topic.md.j2")
    policy_md(root, text="Nothing about the topic.")
    proc = cli("update", "policy.md", "--rules", "trust-pack", cwd=root)
    assert proc.returncode == 2
    assert "outside the pack folder" in proc.stderr
    for produced in root.rglob("*"):
        if produced.is_file() and not produced.is_symlink():
            assert b"SECRET-do-not-insert" not in produced.read_bytes()


def test_safe_trust_pack_still_works(tmp_path: Path) -> None:
    root = project(tmp_path)
    policy_md(root, text="Nothing about the topic. We do safeguarding here.")
    pack(root / "trust-pack", replacement="{dsl_title}", clause="{{ school_name | upper }} covers the topic.")
    proc = cli("check", "policy.md", "--rules", "trust-pack", "--format", "json", cwd=root)
    assert proc.returncode == 1, proc.stderr
    found = {f["rule"]: f for f in json.loads(proc.stdout)["files"][0]["findings"]}
    assert found["TR001"]["suggestion"] == "designated safeguarding lead (DSL)"
    assert "TR002" in found
    # a one-line policy: lift the growth budget so the clause goes in, not into the notes
    (root / "wttsc-policy.toml").write_text("growth_budget = 100\n", encoding="utf-8")
    proc = cli("update", "policy.md", "--rules", "trust-pack", "--select", "TR", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert "[SCHOOL NAME] covers the topic." in (root / "policy.updated.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- regexes


@pytest.mark.parametrize(
    "pattern",
    [
        r"(a+)+b",  # classic exponential
        r"(?:\w+ ?){2,12}zzz",  # words split many ways
        r"working together ? ?statutory",  # adjacent whitespace runs
        r"(?:x|xy)*z",  # ambiguous alternation repeated
        r"(a*)*b",  # empty repeat
        r"domestic.*\s+abuse",  # any-run next to a whitespace run
    ],
)
def test_unsafe_regex_shapes_are_detected(pattern: str) -> None:
    assert unsafe_reason(pattern) is not None


@pytest.mark.parametrize(
    "pattern",
    [
        r"\bworking together to safeguard children (?:2015|2018)\b",
        r"(?:\w+ ){0,6}partnership",
        r"[^.]{0,200}\bonline\b",
        r"local safeguarding children boards?|lscbs?",
        r"\bsafe ?(?:- ?)?guarding\b",
    ],
)
def test_ordinary_rule_patterns_pass(pattern: str) -> None:
    assert unsafe_reason(pattern) is None


def test_every_built_in_pattern_is_safe() -> None:
    """The built-in packs are not vetted at run time (for speed), so here."""
    problems = [line for p in load_ruleset().packs for line in pack_problems(p)]
    assert not problems, problems


def test_pack_with_a_backtracking_pattern_is_refused(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "policy.md").write_text("# Policy\n\n" + "word " * 5000 + "\n", encoding="utf-8")
    pack(root / "trust-pack", pattern=r"(?:\w+ ?)+zzz")
    before = snapshot(root)
    assert_one_line_error(cli("check", "policy.md", "--rules", "trust-pack", cwd=root), "trust-pack", "unsafe regex")
    proc = cli("rules", "validate", "trust-pack", cwd=root)
    assert proc.returncode == 2 and "unsafe regex" in proc.stdout
    assert snapshot(root) == before


def test_a_backtracking_when_regex_is_refused_too(tmp_path: Path) -> None:
    """A pattern's `when` / `unless` sentence tests are regexes like any other."""
    root = project(tmp_path)
    (root / "policy.md").write_text("# Policy\n\nWe do safeguarding.\n", encoding="utf-8")
    pack(root / "trust-pack", pattern={"regex": "safeguarding", "when": r"(?:\w+ ?)+zzz"})
    proc = cli("rules", "validate", "trust-pack", cwd=root)
    assert proc.returncode == 2 and "patterns.when" in proc.stdout and "unsafe regex" in proc.stdout


def test_rules_validate_passes_the_built_in_packs(tmp_path: Path) -> None:
    from wttsc_policy.rulepacks.load import builtin_rules_dir

    proc = cli("rules", "validate", str(builtin_rules_dir()), cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"0 unsafe", proc.stdout)
