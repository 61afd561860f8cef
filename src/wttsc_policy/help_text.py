"""Top-level --help, stored so it prints without importing typer.

Regenerate after changing cli.py: python -m wttsc_policy.help_text --write
"""

HELP = "Usage: wttsc-policy [OPTIONS] COMMAND [ARGS]...\n\n  Check and update a school's child protection policy against Working Together\n  to Safeguard Children 2023.\n\nOptions:\n  --version  Print the version.\n  --debug    Show tracebacks for unexpected errors.\n  --help     Show this message and exit.\n\nCommands:\n  check         Report what in each policy is out of date against WTtSC 2023.\n  update        Write an updated policy with tracked changes and comments,...\n  baseline      Record today's findings so CI fails only on new ones...\n  report        A one-page trust dashboard: schools x rules, totals per...\n  rules         List, show and validate rules.\n  config        Show the effective configuration.\n  partnerships  Local safeguarding partnerships (England).\n"


if __name__ == "__main__":
    import sys
    from pathlib import Path

    if sys.argv[1:] == ["--write"]:
        from wttsc_policy.cli import render_help

        text = Path(__file__).read_text(encoding="utf-8")
        Path(__file__).write_text(text.replace(repr(HELP), repr(render_help()), 1), encoding="utf-8")
