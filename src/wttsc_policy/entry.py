"""Console-script entry point: answers `--version` before importing anything else, so it
returns instantly; everything else goes to the argparse CLI (cli.py)."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from wttsc_policy import __version__

        print(f"wttsc-policy {__version__}")
        return
    from wttsc_policy.cli import main as cli_main

    sys.exit(cli_main())
