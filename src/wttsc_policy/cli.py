"""The command line: argparse over one declarative table of commands (COMMANDS).

Each command's work lives in `commands/`, imported only when that command runs, so
`--help` and `--version` start instantly and `check` never loads what `update` or the
dashboard need. Every user error becomes one line on stderr and exit code 2.

The module is over 300 lines because the whole command table lives here as data, in one
place (every command, option, default and help text); the code around it is short.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from importlib import import_module
from pathlib import Path
from typing import Any, NoReturn

from wttsc_policy import __version__
from wttsc_policy.errors import WttscError
from wttsc_policy.records import field, record
from wttsc_policy.render import FORMATS
from wttsc_policy.rulepacks.editions import builtin_lead_edition

PROG = "wttsc-policy"
FAIL_ON = ("error", "warning", "info", "never")
LIST_FORMATS = ("text", "json")


@record(frozen=True)
class Opt:
    """One argument or option: argparse's own flags and keywords."""

    flags: tuple[str, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)


@record(frozen=True)
class Command:
    """A command (or a group of subcommands) and the function that runs it."""

    name: str
    summary: str  # one line, in the parent's command list
    description: str = ""  # the help page's text (default: the summary)
    target: str = ""  # "module:function" in wttsc_policy.commands, called with call(args)
    call: Callable[[argparse.Namespace], dict[str, Any]] = lambda a: {}
    options: tuple[Opt, ...] = ()
    subcommands: tuple[Command, ...] = ()


def _ids(values: list[str] | None) -> tuple[str, ...]:
    """--select/--ignore values: repeatable, comma lists, upper case."""
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip().upper() for x in v.split(",") if x.strip())
    return tuple(out)


def _rules(args: argparse.Namespace) -> tuple[str, ...]:
    return tuple(str(r) for r in args.rules or [])


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number} is less than 1")
    return number


def _date(value: str) -> date:
    """--as-of: a calendar date such as 2026-09-01."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date in the form YYYY-MM-DD") from None


def _overrides(args: argparse.Namespace) -> tuple[tuple[str, Any], ...]:
    return (("kcsie_edition", args.kcsie_edition), ("local_authority", args.local_authority))


def _report_format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


PATHS = Opt(("paths",), {"nargs": "+", "type": Path, "metavar": "PATH", "help": "Files or folders (.docx, .md, .txt)."})
CONFIG = Opt(("--config",), {"type": Path, "metavar": "FILE", "help": "Config file (default: found by walking up)."})
RULES = Opt(
    ("--rules",), {"type": Path, "action": "append", "metavar": "DIR", "help": "Extra rule pack folder (repeatable)."}
)
SELECT = Opt(
    ("--select",), {"action": "append", "metavar": "IDS", "help": "Only these rule ids/prefixes (comma list)."}
)
IGNORE = Opt(
    ("--ignore",), {"action": "append", "metavar": "IDS", "help": "Skip these rule ids/prefixes (comma list)."}
)
KCSIE = Opt(
    ("--kcsie-edition",), {"type": int, "metavar": "YEAR", "help": "Current KCSIE edition year (overrides config)."}
)
EXTERNAL_RULES = Opt(
    ("--allow-external-rules",),
    {
        "action": "store_true",
        "help": "Load rule packs named by a config outside the project, or outside the config's folder.",
    },
)
LOCAL_AUTHORITY = Opt(("--local-authority",), {"metavar": "NAME", "help": "Local authority (overrides config)."})
AS_OF = Opt(
    ("--as-of",),
    {
        "type": _date,
        "metavar": "YYYY-MM-DD",
        "help": "Check against the guidance in force on this date (default: today).",
    },
)
LIST_FORMAT = Opt(("-f", "--format"), {"choices": LIST_FORMATS, "default": "text", "help": "Output format."})


def commands(edition: str) -> tuple[Command, ...]:
    """Every command, with help texts citing `edition` (the newest lead edition the packs know)."""
    report_formats = tuple(FORMATS)
    return (
        Command(
            "check",
            f"Report what in each policy is out of date against the guidance in force (up to {edition}).",
            target="wttsc_policy.commands.check:run_check",
            call=lambda a: {
                "paths": a.paths,
                "fmt": _report_format(a),
                "output": a.output,
                "fail_on": a.fail_on,
                "select": _ids(a.select),
                "ignore": _ids(a.ignore),
                "config_file": a.config,
                "extra_rules": _rules(a),
                "jobs": a.jobs,
                "baseline": a.baseline,
                "inline_config": not a.no_inline_config,
                "overrides": _overrides(a),
                "as_of": a.as_of,
                "allow_external_rules": a.allow_external_rules,
            },
            options=(
                PATHS,
                Opt(
                    ("-f", "--format"),
                    {"choices": report_formats, "help": "Output format (default text; github under GitHub Actions)."},
                ),
                Opt(
                    ("-o", "--output"),
                    {"type": Path, "metavar": "FILE", "help": "Write the report to FILE (exit code unchanged)."},
                ),
                Opt(
                    ("--fail-on",),
                    {"choices": FAIL_ON, "help": "Lowest severity that makes the exit code 1 (default warning)."},
                ),
                SELECT,
                IGNORE,
                CONFIG,
                RULES,
                EXTERNAL_RULES,
                Opt(
                    ("-j", "--jobs"),
                    {"type": _positive, "metavar": "N", "help": "Files checked in parallel (default: CPU count)."},
                ),
                Opt(
                    ("--baseline",),
                    {"type": Path, "metavar": "FILE", "help": "Only fail on findings not in this baseline file."},
                ),
                Opt(
                    ("--no-inline-config",),
                    {"action": "store_true", "help": "Ignore suppressions written in documents (auditor's view)."},
                ),
                KCSIE,
                LOCAL_AUTHORITY,
                AS_OF,
            ),
        ),
        Command(
            "update",
            "Write an updated policy with tracked changes and comments, plus change notes.",
            target="wttsc_policy.commands.update:run_update",
            call=lambda a: {
                "path": a.path,
                "output": a.output,
                "notes": a.notes,
                "notes_format": a.notes_format,
                "author": a.author,
                "date": a.date,
                "config_file": a.config,
                "extra_rules": _rules(a),
                "select": _ids(a.select),
                "ignore": _ids(a.ignore),
                "in_place": a.in_place,
                "redline": a.redline,
                "force": a.force,
                "overrides": _overrides(a),
                "as_of": a.as_of,
                "allow_external_rules": a.allow_external_rules,
            },
            options=(
                Opt(("path",), {"type": Path, "metavar": "PATH", "help": "The policy to update (.docx, .md or .txt)."}),
                Opt(
                    ("-o", "--output"),
                    {
                        "type": Path,
                        "metavar": "OUT",
                        "help": "Output file (default: NAME.updated.EXT beside the input).",
                    },
                ),
                Opt(
                    ("--notes",),
                    {
                        "type": Path,
                        "metavar": "FILE",
                        "help": "Change notes file (default: NAME.changes.md beside the output).",
                    },
                ),
                Opt(
                    ("--notes-format",),
                    {"choices": ("md", "html"), "default": "md", "help": "Change notes as markdown or HTML."},
                ),
                Opt(
                    ("--author",), {"metavar": "NAME", "help": "Author of the tracked changes (default wttsc-policy)."}
                ),
                Opt(
                    ("--date",),
                    {
                        "metavar": "ISO",
                        "help": "Date of the tracked changes (ISO 8601; default now, or SOURCE_DATE_EPOCH).",
                    },
                ),
                CONFIG,
                RULES,
                EXTERNAL_RULES,
                SELECT,
                IGNORE,
                Opt(
                    ("--in-place",),
                    {
                        "action": "store_true",
                        "help": "Markdown/text only: rewrite the file itself (for git workflows).",
                    },
                ),
                Opt(
                    ("--redline",),
                    {"action": "store_true", "help": "Markdown/text: also write a CriticMarkup redline."},
                ),
                Opt(("--force",), {"action": "store_true", "help": "Overwrite existing output files."}),
                KCSIE,
                LOCAL_AUTHORITY,
                AS_OF,
            ),
        ),
        Command(
            "baseline",
            "Record today's findings so CI fails only on new ones (gradual adoption).",
            target="wttsc_policy.commands.baseline:run_baseline",
            call=lambda a: {
                "paths": a.paths,
                "output": a.output,
                "config_file": a.config,
                "extra_rules": _rules(a),
                "as_of": a.as_of,
                "allow_external_rules": a.allow_external_rules,
            },
            options=(
                PATHS,
                Opt(
                    ("-o", "--output"),
                    {
                        "type": Path,
                        "metavar": "FILE",
                        "default": Path(".wttsc-policy-baseline.json"),
                        "help": "Baseline file to write (default .wttsc-policy-baseline.json).",
                    },
                ),
                CONFIG,
                RULES,
                AS_OF,
                EXTERNAL_RULES,
                Opt(("--force",), {"action": "store_true", "help": "Overwrite an existing baseline."}),
            ),
        ),
        Command(
            "report",
            "A one-page trust dashboard: schools x rules, totals per WTtSC chapter.",
            target="wttsc_policy.commands.report:run_report",
            call=lambda a: {
                "paths": a.paths,
                "output": a.output,
                "config_file": a.config,
                "extra_rules": _rules(a),
                "force": a.force,
                "as_of": a.as_of,
                "allow_external_rules": a.allow_external_rules,
            },
            options=(
                PATHS,
                Opt(
                    ("-o", "--output"),
                    {
                        "type": Path,
                        "metavar": "FILE",
                        "default": Path("report.html"),
                        "help": "HTML file to write (default report.html).",
                    },
                ),
                CONFIG,
                RULES,
                AS_OF,
                EXTERNAL_RULES,
                Opt(("--force",), {"action": "store_true", "help": "Overwrite an existing report."}),
            ),
        ),
        Command(
            "rules",
            "List, show and validate rules.",
            subcommands=(
                Command(
                    "list",
                    "List every rule (id, title, kind, severity, covers, source) and whether it applies on the date.",
                    target="wttsc_policy.commands.rules_cmd:list_rules",
                    call=lambda a: {"fmt": a.format, "extra": _rules(a), "as_of": a.as_of},
                    options=(LIST_FORMAT, RULES, AS_OF),
                ),
                Command(
                    "show",
                    "Show one rule: message, rationale, source and examples, naming the editions in force.",
                    target="wttsc_policy.commands.rules_cmd:show_rule",
                    call=lambda a: {"rule_id": a.rule_id.upper(), "extra": _rules(a), "as_of": a.as_of},
                    options=(Opt(("rule_id",), {"metavar": "ID", "help": "Rule id, e.g. WT001."}), RULES, AS_OF),
                ),
                Command(
                    "schema",
                    "Print the JSON Schema of a rule file.",
                    target="wttsc_policy.commands.rules_cmd:print_schema",
                ),
                Command(
                    "validate",
                    "Validate a rule pack, including running every rule's examples.",
                    target="wttsc_policy.commands.rules_cmd:validate_rules",
                    call=lambda a: {"path": a.path},
                    options=(
                        Opt(
                            ("path",),
                            {"type": Path, "metavar": "PATH", "help": "A rule pack folder, or a folder of packs."},
                        ),
                    ),
                ),
            ),
        ),
        Command(
            "guidance",
            "Which edition of each guidance family is in force on a date, and since when.",
            description=(
                "Which edition of each guidance family (Working Together, KCSIE and the guidance and "
                "advice the rules cite) is in force on the date, when it came into force, when it went "
                "out of force and what replaced it. With PATH or --config, the [guidance] pins of that "
                "config are applied and shown."
            ),
            target="wttsc_policy.commands.guidance_cmd:show_guidance",
            call=lambda a: {
                "path": a.path,
                "config_file": a.config,
                "fmt": a.format,
                "as_of": a.as_of,
                "everything": a.all,
            },
            options=(
                Opt(
                    ("path",),
                    {
                        "type": Path,
                        "nargs": "?",
                        "default": None,
                        "metavar": "PATH",
                        "help": "A policy or folder whose config pins editions (optional).",
                    },
                ),
                CONFIG,
                AS_OF,
                LIST_FORMAT,
                Opt(("--all",), {"action": "store_true", "help": "Every family in the data, and the Acts."}),
            ),
        ),
        Command(
            "config",
            "Show the effective configuration.",
            subcommands=(
                Command(
                    "show",
                    "Print the effective config for PATH and where each value came from.",
                    target="wttsc_policy.commands.config_cmd:show_config",
                    call=lambda a: {
                        "path": a.path,
                        "config_file": a.config,
                        "fmt": a.format,
                        "extra_rules": _rules(a),
                        "allow_external_rules": a.allow_external_rules,
                    },
                    options=(
                        Opt(
                            ("path",),
                            {
                                "type": Path,
                                "nargs": "?",
                                "default": Path("."),
                                "metavar": "PATH",
                                "help": "A file or folder (default: the current folder).",
                            },
                        ),
                        CONFIG,
                        RULES,
                        EXTERNAL_RULES,
                        LIST_FORMAT,
                    ),
                ),
            ),
        ),
        Command(
            "partnerships",
            "Local safeguarding partnerships (England).",
            subcommands=(
                Command(
                    "list",
                    "List every local authority and its safeguarding partnership.",
                    target="wttsc_policy.commands.partnerships_cmd:list_partnerships",
                    call=lambda a: {"fmt": a.format},
                    options=(LIST_FORMAT,),
                ),
                Command(
                    "show",
                    "Show one partnership: current name, former boards, website, source.",
                    target="wttsc_policy.commands.partnerships_cmd:show_partnership",
                    call=lambda a: {"name": a.name, "start": Path.cwd(), "config_file": a.config},
                    options=(Opt(("name",), {"metavar": "NAME", "help": "Local authority, e.g. 'Kent'."}), CONFIG),
                ),
            ),
        ),
    )


class _Parser(argparse.ArgumentParser):
    """Usage errors are one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        print(f"{PROG}: {message} (see '{self.prog} --help')", file=sys.stderr)
        raise SystemExit(2)


def _add(sub: Any, cmd: Command, *, bare: bool = False) -> None:
    parser = sub.add_parser(cmd.name, help=cmd.summary, description=cmd.description or cmd.summary, allow_abbrev=False)
    parser.set_defaults(command=cmd, group=None, parser=parser)
    if bare:  # a command this run does not use: its name and summary are enough
        return
    for opt in cmd.options:
        parser.add_argument(*opt.flags, **opt.kwargs)
    if cmd.subcommands:
        parser.set_defaults(group=parser)
        children = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
        for child in cmd.subcommands:
            _add(children, child)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line, from COMMANDS; help cites the edition from the packs.

    Given the arguments of this run, only the command they name gets its options and
    subcommands (the others are listed by name and summary, as `--help` shows them):
    building every option of every command took about 10 ms of each run."""
    edition = builtin_lead_edition()
    parser = _Parser(
        prog=PROG,
        allow_abbrev=False,
        description=(
            "Check and update a school's child protection policy against the safeguarding guidance "
            f"in force on a date (--as-of, default today; the newest edition known is {edition.title})."
        ),
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}", help="Print the version.")
    parser.add_argument("--debug", action="store_true", help="Show tracebacks for unexpected errors.")
    parser.set_defaults(command=None, group=parser, parser=parser)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    used = None if argv is None else next((a for a in argv if not a.startswith("-")), "")
    for cmd in commands(edition.short_title):
        _add(sub, cmd, bare=used is not None and cmd.name != used)
    return parser


def _debug(argv: Sequence[str]) -> bool:
    return "--debug" in argv or bool(os.environ.get("WTTSC_POLICY_DEBUG"))


def _guard(cmd: Command, args: argparse.Namespace, debug: bool) -> int:
    """Run a command; user errors -> one line on stderr and exit 2, no traceback."""
    try:
        module, func = cmd.target.split(":")
        result = getattr(import_module(module), func)(**cmd.call(args))
        return int(result or 0)
    except WttscError as exc:
        print(f"{PROG}: {exc.one_line()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # an unexpected bug: still one line unless --debug
        if debug:
            raise
        print(f"{PROG}: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Parse `argv` (default sys.argv[1:]) and run the command; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = _debug(argv)
    if "--debug" in argv:
        argv.remove("--debug")  # accepted anywhere, as before
        os.environ["WTTSC_POLICY_DEBUG"] = "1"  # --jobs workers inherit it
    parser = build_parser(argv)
    if not argv:
        parser.print_help()
        return 0
    args, extra = parser.parse_known_args(argv)
    if extra:  # paths after an option (`check a.md --jobs 1 b.md`) are still paths
        if isinstance(getattr(args, "paths", None), list) and not any(x.startswith("-") for x in extra):
            args.paths.extend(Path(x) for x in extra)
        else:
            args.parser.error(f"unrecognized arguments: {' '.join(extra)}")
    cmd: Command | None = args.command
    if cmd is None or not cmd.target:
        group: argparse.ArgumentParser = args.group or parser
        group.print_help()
        return 2
    return _guard(cmd, args, debug)


if __name__ == "__main__":
    sys.exit(main())
