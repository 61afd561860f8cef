"""`wttsc-policy guidance`: which edition of each guidance family is in force on a date.

Shows, for the date (`--as-of`, default today), each family the rules cite (every family
and the Acts with `--all`): the edition in force, the day it came into force, the day it
went out of force and what replaced it, and how sure the data is. Given a PATH or
`--config`, the `[guidance]` pins of that config hold families back and are marked. Items
that are pending or unverified, and the data horizon, are listed for information.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from wttsc_policy.config.load import load_config
from wttsc_policy.context import editions_in_force, ruleset_for, today
from wttsc_policy.errors import UsageError
from wttsc_policy.guidance.editions import Edition, EditionIndex
from wttsc_policy.guidance.shipped import editions as shipped_editions
from wttsc_policy.match.information import horizon_note
from wttsc_policy.rulepacks.editions import citation_for


def _day(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _families_cited() -> set[str]:
    """Families the built-in rules cite: the packs' own and the rules' `family`."""
    ruleset = ruleset_for(())
    found = {p.meta.family for p in ruleset.packs if p.meta.family}
    return found | {r.family for r in ruleset.rules if r.family}


def _row(index: EditionIndex, edition: Edition, pinned: bool) -> dict[str, Any]:
    fam = index.family(edition.family)
    successor = index.edition(edition.family, edition.superseded_by) if edition.superseded_by else None
    cite = citation_for(edition, ruleset_for(()).packs)
    return {
        "family": fam.id,
        "family_title": fam.title,
        "edition": edition.id,
        "title": cite.title,
        "short": cite.short,
        "came_into_force": _day(edition.came_into_force),
        "came_into_force_text": edition.in_force.describe() if edition.in_force else None,
        "went_out_of_force": _day(edition.went_out_of_force),
        "went_out_of_force_text": successor.in_force.describe() if successor and successor.in_force else None,
        "replaced_by": citation_for(successor, ruleset_for(()).packs).title if successor else None,
        "confidence": edition.confidence,
        "pinned": pinned,
        "source": edition.source,
    }


def guidance_view(on: date, *, path: Path | None, config_file: Path | None, everything: bool) -> dict[str, Any]:
    """The editions in force on `on` (pins from the config of `path` / `config_file`) as data."""
    index = shipped_editions()
    pins: dict[str, str] = {}
    config_files: list[str] = []
    if path is not None or config_file is not None:
        start = path if path is not None else Path.cwd()
        if not start.exists():
            raise UsageError("no such file or folder", start)
        loaded = load_config(start, explicit=config_file)
        pins, in_force = editions_in_force(loaded, on)
        config_files = list(loaded.files)
    else:
        in_force = index.all_in_force(on)
    cited = _families_cited()
    wanted = [f.id for f in index.families if not f.concurrent and (everything or f.id in cited)]  # data order
    rows = [_row(index, in_force[f], f in pins) for f in wanted if f in in_force]
    acts = [
        {
            "id": act.id,
            "title": act.title,
            "provision": act.provision,
            "came_into_force": _day(act.came_into_force),
            "commencement": act.commencement,
            "confidence": act.confidence,
        }
        for act in index.acts_in_force(on)
    ]
    pending = [
        {"kind": p.kind, "family": p.family, "edition": p.edition.id, "message": p.message}
        for p in index.pending(on)
        if everything or p.family in set(wanted) | {"acts"}
    ]
    note = horizon_note(index, on)
    return {
        "as_of": on.isoformat(),
        "data_reviewed": index.horizon.isoformat(),
        "config": config_files,
        "pins": pins,
        "families": rows,
        "acts": acts if everything else [a for a in acts if a["commencement"] == "partial"],
        "pending": pending,
        "notes": [note] if note else [],
    }


def _text(view: dict[str, Any]) -> str:
    on = date.fromisoformat(view["as_of"])
    lines = [f"Guidance in force on {on.day} {on:%B %Y} (editions data last reviewed {view['data_reviewed']})", ""]
    for row in view["families"]:
        start = row["came_into_force_text"] or "?"
        until = ""
        if row["went_out_of_force"]:
            until = f"; replaced by {row['replaced_by']} from {row['went_out_of_force_text']}"
        pin = " [pinned by config]" if row["pinned"] else ""
        lines.append(f"{row['family_title']}:")
        lines.append(f"  {row['title']}{pin}")
        lines.append(f"  in force from {start}{until} (confidence: {row['confidence']})")
    if view["acts"]:
        lines += ["", "Acts:"]
        for act in view["acts"]:
            partial = ", only partly in force" if act["commencement"] == "partial" else ""
            lines.append(f"  {act['title']}: {act['provision']} from {act['came_into_force']}{partial}")
    if view["config"]:
        lines += ["", "Config: " + ", ".join(view["config"])]
    if view["pending"] or view["notes"]:
        lines += ["", "For information:"]
        lines += [f"- {p['message']}" for p in view["pending"]]
        lines += [f"- {n}" for n in view["notes"]]
    return "\n".join(lines) + "\n"


def show_guidance(
    *,
    path: Path | None = None,
    config_file: Path | None = None,
    fmt: str = "text",
    as_of: date | None = None,
    everything: bool = False,
) -> int:
    """Print the editions in force on the date."""
    view = guidance_view(as_of or today(), path=path, config_file=config_file, everything=everything)
    if fmt == "json":
        print(json.dumps(view, indent=2, ensure_ascii=False))
    else:
        print(_text(view), end="")
    return 0
