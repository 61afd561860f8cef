"""Console-script entry point: answers `--version` before importing the CLI framework."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from wttsc_policy import __version__

        print(f"wttsc-policy {__version__}")
        return
    from wttsc_policy.cli import main as cli_main

    cli_main()
