"""The fast entry point answers exactly as the full CLI would."""

from __future__ import annotations

import subprocess
import sys

from wttsc_policy import __version__
from wttsc_policy.cli import render_help
from wttsc_policy.help_text import HELP


def test_stored_help_matches_typer():
    assert HELP == render_help(), "run: python -m wttsc_policy.help_text --write"


def test_entry_help_and_version():
    out = subprocess.run([sys.executable, "-m", "wttsc_policy", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout == HELP
    out = subprocess.run([sys.executable, "-m", "wttsc_policy", "--version"], capture_output=True, text=True)
    assert out.stdout.strip() == f"wttsc-policy {__version__}"


def test_entry_help_does_not_import_typer():
    code = "import sys; sys.argv=['wttsc-policy','--help']; from wttsc_policy.entry import main; main(); print('typer' in sys.modules, file=sys.stderr)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stderr.strip() == "False"
