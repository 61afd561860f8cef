"""The entry point: `--version` without importing the CLI, `--help` from argparse, and
neither loads the heavy libraries the commands use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from wttsc_policy import __version__
from wttsc_policy.cli import build_parser


def test_entry_help_and_version():
    out = subprocess.run([sys.executable, "-m", "wttsc_policy", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout == build_parser().format_help()
    out = subprocess.run([sys.executable, "-m", "wttsc_policy", "--version"], capture_output=True, text=True)
    assert out.stdout.strip() == f"wttsc-policy {__version__}"


def test_help_names_the_edition_from_the_pack():
    from wttsc_policy.rulepacks.editions import builtin_lead_edition

    edition = builtin_lead_edition()
    text = " ".join(build_parser().format_help().split())
    assert edition.title in text
    check = " ".join(
        subprocess.run(
            [sys.executable, "-m", "wttsc_policy", "check", "--help"], capture_output=True, text=True
        ).stdout.split()
    )
    assert f"out of date against the guidance in force (up to {edition.short_title})" in check


def test_help_and_version_import_nothing_heavy():
    heavy = ("typer", "rich", "pydantic", "lxml", "jinja2", "markdown_it")
    for args in (["--help"], ["--version"], ["check", "--help"]):
        code = (
            f"import sys; sys.argv=['wttsc-policy', *{args!r}]\n"
            "from wttsc_policy.entry import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert out.stderr.strip().splitlines()[-1] == "[]", (args, out.stderr)


def test_usage_errors_are_one_line_and_exit_2():
    for args in (
        ["check"],
        ["check", "--format", "bogus", "x.md"],
        ["check", "--jobs", "0", "x.md"],
        ["check", "--sel", "WT001", "x.md"],  # no abbreviated options
        ["check", "x.md", "--bogus"],
        ["bogus"],
    ):
        out = subprocess.run([sys.executable, "-m", "wttsc_policy", *args], capture_output=True, text=True)
        assert out.returncode == 2, args
        assert out.stdout == "" and len(out.stderr.strip().splitlines()) == 1, (args, out.stderr)
        assert "Traceback" not in out.stderr


def test_group_without_subcommand_shows_its_help():
    out = subprocess.run([sys.executable, "-m", "wttsc_policy", "rules"], capture_output=True, text=True)
    assert out.returncode == 2 and "list" in out.stdout and "validate" in out.stdout


def test_paths_may_follow_options(run_cli):
    """As before: `check a.md --format json b.md` checks both files."""
    import json

    proc = run_cli(
        "check", "examples/oakfield-primary-2018.md", "--format", "json", "examples/riverside-academy-2023.md"
    )
    assert proc.returncode == 1, proc.stderr
    assert [f["path"] for f in json.loads(proc.stdout)["files"]] == [
        "examples/oakfield-primary-2018.md",
        "examples/riverside-academy-2023.md",
    ]


def test_check_in_ci_imports_neither_typer_nor_rich(tmp_path):
    """A machine-format or piped check never loads the CLI framework or terminal styling."""
    code = (
        "import sys\n"
        "from wttsc_policy.cli import main\n"
        "code = main(['check', '--format', 'json', 'examples/oakfield-primary-2018.md'])\n"
        "print(sorted(m for m in ('typer', 'click', 'rich') if m in sys.modules), file=sys.stderr)\n"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
    assert out.stderr.strip().splitlines()[-1] == "[]", out.stderr
