"""`wttsc-policy partnerships list|show NAME`: let users see the local data the tool uses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from wttsc_policy.config.load import load_config
from wttsc_policy.errors import UsageError
from wttsc_policy.partnerships.data import load_dataset, resolve_local_authority

if TYPE_CHECKING:
    from rich.console import Console


def _console() -> Console:
    from rich.console import Console  # rich (~30 ms to import) only for these listings for a person

    return Console(highlight=False, soft_wrap=True)


def list_partnerships(fmt: str = "text") -> None:
    """Every local authority with its current partnership, abbreviation and confidence."""
    data = load_dataset()
    if fmt == "json":
        rows = [
            {
                "local_authority": p.local_authority,
                "partnership": p.partnership,
                "abbreviation": p.abbreviation,
                "confidence": p.confidence,
            }
            for p in data.partnerships
        ]
        print(json.dumps({"as_of": data.as_of, "partnerships": rows}, indent=2, ensure_ascii=False))
        return
    if fmt != "text":
        raise UsageError(f"unknown format {fmt!r} (use text or json)")
    from rich.table import Table

    table = Table(title=f"Local safeguarding partnerships in England (data as of {data.as_of})")
    for col in ("Local authority", "Partnership", "Abbreviation", "Confidence"):
        table.add_column(col)
    for p in data.partnerships:
        table.add_row(p.local_authority, p.partnership, p.abbreviation or "", p.confidence)
    _console().print(table)


def show_partnership(name: str, start: Path | None = None, config_file: Path | None = None, fmt: str = "text") -> None:
    """One entry in full, after any override from the config that applies at `start`."""
    loaded = load_config(start or Path.cwd(), explicit=config_file)
    overrides = loaded.config.partnerships
    origin = loaded.origins.get("partnerships")
    entry = resolve_local_authority(name, overrides, origin)
    as_of = load_dataset().as_of
    formers = [fb.raw for fb in entry.formers]
    if fmt == "json":
        out = entry.as_dict()
        out.update({"as_of": as_of, "override_origin": entry.override_origin})
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return
    if fmt != "text":
        raise UsageError(f"unknown format {fmt!r} (use text or json)")
    from rich.markup import escape

    con = _console()
    con.print(f"[bold]{escape(entry.local_authority)}[/bold]")
    rows = [
        ("Partnership", entry.partnership),
        ("Abbreviation", entry.abbreviation or "-"),
        ("Also covers", ", ".join(entry.covers) or "-"),
        ("Board still in name", "yes" if entry.board_still_in_name else "no"),
        ("Website", entry.website or "-"),
        ("Source", entry.source),
        ("Confidence", entry.confidence),
        ("Data as of", as_of),
    ]
    for label, value in rows:
        con.print(f"  {label + ':':<21}{escape(value)}")
    con.print("  Former boards:" if formers else "  Former boards:      -")
    for raw in formers:
        con.print(f"    - {escape(raw)}")
    if entry.notes:
        con.print(f"  Notes: {escape(entry.notes)}")
    if entry.override_origin:
        con.print(f"  [yellow]Override in effect[/yellow], set by {escape(entry.override_origin)}")
    if entry.confidence == "low":
        con.print("  [yellow]Low confidence:[/yellow] the DSL should confirm the current name.")
