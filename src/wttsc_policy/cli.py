"""The command line: a thin typer app. Each command's work lives in `commands/`.

Heavy modules are imported inside the command functions so `--help` and `--version`
start instantly. Every user error becomes one line on stderr and exit code 2.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from wttsc_policy import __version__

app = typer.Typer(
    name="wttsc-policy",
    help="Check and update a school's child protection policy against Working Together to Safeguard Children 2023.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
rules_app = typer.Typer(help="List, show and validate rules.", no_args_is_help=True)
config_app = typer.Typer(help="Show the effective configuration.", no_args_is_help=True)
partnerships_app = typer.Typer(help="Local safeguarding partnerships (England).", no_args_is_help=True)
app.add_typer(rules_app, name="rules")
app.add_typer(config_app, name="config")
app.add_typer(partnerships_app, name="partnerships")

_DEBUG = False


class Format(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class NotesFormat(str, Enum):
    md = "md"
    html = "html"


class ListFormat(str, Enum):
    text = "text"
    json = "json"


def _version(value: bool) -> None:
    if value:
        print(f"wttsc-policy {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for unexpected errors.")] = False,
) -> None:
    global _DEBUG
    _DEBUG = debug or _DEBUG
    if _DEBUG:
        os.environ["WTTSC_POLICY_DEBUG"] = "1"  # --jobs workers inherit it


def _split(values: list[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip().upper() for x in v.split(",") if x.strip())
    return tuple(out)


PathsArg = Annotated[list[Path], typer.Argument(help="Files or folders (.docx, .md, .txt).", show_default=False)]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="Config file (default: found by walking up).")]
RulesOpt = Annotated[Optional[list[Path]], typer.Option("--rules", help="Extra rule pack folder (repeatable).")]
SelectOpt = Annotated[Optional[list[str]], typer.Option("--select", help="Only these rule ids/prefixes (comma list).")]
IgnoreOpt = Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rule ids/prefixes (comma list).")]


@app.command()
def check(
    paths: PathsArg,
    format: Annotated[Optional[Format], typer.Option("--format", "-f", help="Output format (default text; github under GitHub Actions).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to FILE (exit code unchanged).")] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option("--fail-on", help="Lowest severity that makes the exit code 1 (default warning).")] = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    config: ConfigOpt = None,
    rules: RulesOpt = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Files checked in parallel (default: CPU count).")] = None,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="Only fail on findings not in this baseline file.")] = None,
    no_inline_config: Annotated[bool, typer.Option("--no-inline-config", help="Ignore suppressions written in documents (auditor's view).")] = False,
    kcsie_edition: Annotated[Optional[int], typer.Option("--kcsie-edition", help="Current KCSIE edition year (overrides config).")] = None,
    local_authority: Annotated[Optional[str], typer.Option("--local-authority", help="Local authority (overrides config).")] = None,
) -> None:
    """Report what in each policy is out of date against WTtSC 2023."""
    from wttsc_policy.commands.check import run_check

    fmt = format.value if format else ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    code = _guard(
        run_check,
        paths=paths,
        fmt=fmt,
        output=output,
        fail_on=fail_on.value if fail_on else None,
        select=_split(select),
        ignore=_split(ignore),
        config_file=config,
        extra_rules=tuple(str(r) for r in rules or []),
        jobs=jobs,
        baseline=baseline,
        inline_config=not no_inline_config,
        overrides=(("kcsie_edition", kcsie_edition), ("local_authority", local_authority)),
    )
    raise typer.Exit(code)


@app.command()
def update(
    path: Annotated[Path, typer.Argument(help="The policy to update (.docx, .md or .txt).", show_default=False)],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Output file (default: NAME.updated.EXT beside the input).")] = None,
    notes: Annotated[Optional[Path], typer.Option("--notes", help="Change notes file (default: NAME.changes.md beside the output).")] = None,
    notes_format: Annotated[NotesFormat, typer.Option("--notes-format", help="Change notes as markdown or HTML.")] = NotesFormat.md,
    author: Annotated[Optional[str], typer.Option("--author", help="Author of the tracked changes (default wttsc-policy).")] = None,
    date: Annotated[Optional[str], typer.Option("--date", help="Date of the tracked changes (ISO 8601; default now, or SOURCE_DATE_EPOCH).")] = None,
    config: ConfigOpt = None,
    rules: RulesOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    in_place: Annotated[bool, typer.Option("--in-place", help="Markdown/text only: rewrite the file itself (for git workflows).")] = False,
    redline: Annotated[bool, typer.Option("--redline", help="Markdown/text: also write a CriticMarkup redline.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing output files.")] = False,
    kcsie_edition: Annotated[Optional[int], typer.Option("--kcsie-edition", help="Current KCSIE edition year (overrides config).")] = None,
    local_authority: Annotated[Optional[str], typer.Option("--local-authority", help="Local authority (overrides config).")] = None,
) -> None:
    """Write an updated policy with tracked changes and comments, plus change notes."""
    from wttsc_policy.commands.update import run_update

    code = _guard(
        run_update,
        path=path,
        output=output,
        notes=notes,
        notes_format=notes_format.value,
        author=author,
        date=date,
        config_file=config,
        extra_rules=tuple(str(r) for r in rules or []),
        select=_split(select),
        ignore=_split(ignore),
        in_place=in_place,
        redline=redline,
        force=force,
        overrides=(("kcsie_edition", kcsie_edition), ("local_authority", local_authority)),
    )
    raise typer.Exit(code)


@app.command()
def baseline(
    paths: PathsArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="Baseline file to write.")] = Path(".wttsc-policy-baseline.json"),
    config: ConfigOpt = None,
    rules: RulesOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing baseline.")] = True,
) -> None:
    """Record today's findings so CI fails only on new ones (gradual adoption)."""
    from wttsc_policy.commands.trust import run_baseline

    raise typer.Exit(_guard(run_baseline, paths=paths, output=output, config_file=config, extra_rules=tuple(str(r) for r in rules or [])))


@app.command()
def report(
    paths: PathsArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("report.html"),
    config: ConfigOpt = None,
    rules: RulesOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing report.")] = False,
) -> None:
    """A one-page trust dashboard: schools x rules, totals per WTtSC chapter."""
    from wttsc_policy.commands.trust import run_report

    raise typer.Exit(_guard(run_report, paths=paths, output=output, config_file=config, extra_rules=tuple(str(r) for r in rules or []), force=force))


@rules_app.command("list")
def rules_list(
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.text,
    rules: RulesOpt = None,
) -> None:
    """List every rule (id, title, kind, severity, covers, source)."""
    from wttsc_policy.commands.rules_cmd import list_rules

    raise typer.Exit(_guard(list_rules, fmt=format.value, extra=tuple(str(r) for r in rules or [])))


@rules_app.command("show")
def rules_show(rule_id: Annotated[str, typer.Argument(help="Rule id, e.g. WT001.")], rules: RulesOpt = None) -> None:
    """Show one rule: message, rationale, source and examples."""
    from wttsc_policy.commands.rules_cmd import show_rule

    raise typer.Exit(_guard(show_rule, rule_id=rule_id.upper(), extra=tuple(str(r) for r in rules or [])))


@rules_app.command("schema")
def rules_schema() -> None:
    """Print the JSON Schema of a rule file."""
    from wttsc_policy.commands.rules_cmd import print_schema

    raise typer.Exit(_guard(print_schema))


@rules_app.command("validate")
def rules_validate(path: Annotated[Path, typer.Argument(help="A rule pack folder, or a folder of packs.")]) -> None:
    """Validate a rule pack, including running every rule's examples."""
    from wttsc_policy.commands.rules_cmd import validate_rules

    raise typer.Exit(_guard(validate_rules, path=path))


@config_app.command("show")
def config_show(
    path: Annotated[Path, typer.Argument(help="A file or folder.")] = Path("."),
    config: ConfigOpt = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.text,
) -> None:
    """Print the effective config for PATH and where each value came from."""
    from wttsc_policy.commands.trust import show_config

    raise typer.Exit(_guard(show_config, path=path, config_file=config, fmt=format.value))


@partnerships_app.command("list")
def partnerships_list(format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.text) -> None:
    """List every local authority and its safeguarding partnership."""
    from wttsc_policy.commands.partnerships_cmd import list_partnerships

    raise typer.Exit(_guard(list_partnerships, fmt=format.value))


@partnerships_app.command("show")
def partnerships_show(
    name: Annotated[str, typer.Argument(help="Local authority, e.g. 'Kent'.")],
    config: ConfigOpt = None,
) -> None:
    """Show one partnership: current name, former boards, website, source."""
    from wttsc_policy.commands.partnerships_cmd import show_partnership

    raise typer.Exit(_guard(show_partnership, name=name, start=Path.cwd(), config_file=config))


def _guard(func, **kwargs) -> int:
    """Run a command; user errors -> one line on stderr and exit 2, no traceback."""
    from wttsc_policy.errors import WttscError

    try:
        result = func(**kwargs)
        return int(result or 0)
    except WttscError as exc:
        print(f"wttsc-policy: {exc.one_line()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("wttsc-policy: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # an unexpected bug: still one line unless --debug
        if _DEBUG or os.environ.get("WTTSC_POLICY_DEBUG"):
            raise
        print(f"wttsc-policy: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return 2


def render_help() -> str:
    """Top-level help as typer prints it (80 columns); entry.py serves a stored copy."""
    from typer.testing import CliRunner

    return CliRunner().invoke(app, ["--help"], prog_name="wttsc-policy", terminal_width=80).output


def main() -> None:
    global _DEBUG
    argv = sys.argv[1:]
    if "--debug" in argv:
        _DEBUG = True
    app(prog_name="wttsc-policy")


if __name__ == "__main__":
    main()
