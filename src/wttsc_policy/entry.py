"""Console-script entry point: answers `--version` and top-level `--help` before importing
the CLI framework, so both return instantly."""

from __future__ import annotations

import sys


def main() -> None:
    args = sys.argv[1:]
    if args == ["--version"]:
        from wttsc_policy import __version__

        print(f"wttsc-policy {__version__}")
        return
    if args in (["--help"], ["-h"]) or not args:
        from wttsc_policy.help_text import HELP

        sys.stdout.write(HELP)
        return
    from wttsc_policy.cli import main as cli_main

    cli_main()
