"""The one-page trust dashboard (`wttsc-policy report`): schools x rules, totals per
chapter, per-school details, as one self-contained HTML page."""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from wttsc_policy import __version__
from wttsc_policy.config.load import load_config
from wttsc_policy.errors import WttscError
from wttsc_policy.findings import FileResult
from wttsc_policy.render.escape import visible
from wttsc_policy.render.text import location
from wttsc_policy.resources import data_dir
from wttsc_policy.rulepacks.editions import lead_edition
from wttsc_policy.rulepacks.model import Rule
from wttsc_policy.rulepacks.ruleset import RulePack


def chapter_order(chapter: str) -> tuple[int, int, str]:
    """Introduction, Chapter 1..n, Appendix A.., then anything else (e.g. KCSIE)."""
    if chapter.lower().startswith("introduction"):
        return (0, 0, chapter)
    m = re.match(r"chapter\s+(\d+)", chapter, re.I)
    if m:
        return (1, int(m.group(1)), chapter)
    m = re.match(r"appendix\s+([a-z])", chapter, re.I)
    if m:
        return (2, ord(m.group(1).upper()), chapter)
    return (3, 0, chapter)


def natural_key(name: str) -> list[object]:
    """'School 2' before 'School 10'; case does not matter."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", name)]


def school_of(path: str, config_file: Path | None) -> tuple[str, str]:
    """(school name, folder): config `school_name` when set, else the folder holding the policy."""
    folder = Path(path).parent
    try:
        name = load_config(Path(path), explicit=config_file).config.school_name
    except WttscError:
        name = None
    label = folder.resolve().name if str(folder) in ("", ".") else folder.name
    return (name or label or str(folder)), str(folder)


def dashboard_data(results: list[FileResult], rules: dict[str, Rule], config_file: Path | None) -> dict[str, Any]:
    """Everything the template shows, computed here so the template stays simple."""
    schools: dict[str, dict[str, Any]] = {}
    for r in results:
        name, folder = school_of(r.path, config_file)
        school = schools.setdefault(
            name,
            {"name": name, "folder": folder, "files": [], "counts": Counter(), "by_rule": defaultdict(list)},
        )
        file_entry: dict[str, Any] = {
            "path": r.path,
            "error": r.error,
            "findings": [],
            "unused": [n.message for n in r.unused_suppressions],
            "suppressed": r.suppressed,
        }
        for f in r.findings:
            rule = rules.get(f.rule)
            item = {
                "rule": f.rule,
                "title": f.title,
                "severity": f.severity,
                "chapter": rule.chapter if rule else "Other",
                "where": location(f),
                "heading": f.heading,
                "message": f.message,
                "match": " ".join(f.match.split()) if f.match else "",
                "suggestion": " ".join(f.suggestion.split()) if f.suggestion and f.kind != "missing_topic" else "",
                "source": f.source,
            }
            file_entry["findings"].append(item)
            school["counts"][f.severity] += 1
            school["by_rule"][f.rule].append(item)
        school["files"].append(file_entry)

    fired = sorted({rid for s in schools.values() for rid in s["by_rule"]})
    columns = []
    for rid in fired:
        rule = rules.get(rid)
        columns.append(
            {
                "id": rid,
                "title": rule.title if rule else rid,
                "chapter": rule.chapter if rule else "Other",
                "schools": sum(1 for s in schools.values() if rid in s["by_rule"]),
            }
        )
    columns.sort(key=lambda c: (chapter_order(c["chapter"]), c["id"]))
    rank = {"info": 1, "warning": 2, "error": 3}
    school_rows = []
    for s in sorted(schools.values(), key=lambda s: natural_key(s["name"])):
        cells = []
        for c in columns:
            items = s["by_rule"].get(c["id"], [])
            worst = max((i["severity"] for i in items), key=rank.__getitem__, default=None)
            cells.append({"count": len(items), "severity": worst, "rule": c["id"]})
        s["cells"] = cells
        s["total"] = sum(s["counts"].values())
        s["anchor"] = "school-" + re.sub(r"[^a-z0-9]+", "-", s["name"].lower()).strip("-")
        s["unreadable"] = sum(1 for f in s["files"] if f["error"])
        school_rows.append(s)

    chapter_totals: dict[str, dict[str, Any]] = {}
    for s in school_rows:
        for items in s["by_rule"].values():
            for i in items:
                ch = chapter_totals.setdefault(
                    i["chapter"],
                    {"chapter": i["chapter"], "error": 0, "warning": 0, "info": 0, "schools": set(), "rules": set()},
                )
                ch[i["severity"]] += 1
                ch["schools"].add(s["name"])
                ch["rules"].add(i["rule"])
    chapters = []
    for ch in sorted(chapter_totals.values(), key=lambda c: chapter_order(c["chapter"])):
        chapters.append(
            {
                **ch,
                "total": ch["error"] + ch["warning"] + ch["info"],
                "schools": len(ch["schools"]),
                "rules": len(ch["rules"]),
            }
        )
    totals: Counter[str] = Counter()
    for s in school_rows:
        totals.update(s["counts"])
    trust_name = None
    for r in results:
        try:
            trust_name = load_config(Path(r.path), explicit=config_file).config.trust_name
        except WttscError:
            continue
        if trust_name:
            break
    quiet_rules = sorted(rid for rid, rule in rules.items() if rid not in fired and rule.enabled)
    return {
        "trust_name": trust_name,
        "schools": school_rows,
        "columns": columns,
        "chapters": chapters,
        "totals": {s: totals.get(s, 0) for s in ("error", "warning", "info")},
        "files": len(results),
        "unreadable": sum(1 for r in results if r.error),
        "clean_schools": sum(1 for s in school_rows if s["total"] == 0 and not s["unreadable"]),
        "quiet_rules": quiet_rules,
    }


def _generated_at() -> str:
    """Now, or SOURCE_DATE_EPOCH for reproducible reports."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch and epoch.isdigit() else datetime.now(UTC)
    return moment.strftime("%d %B %Y %H:%M UTC")


def _visible(value: Any) -> Any:
    return visible(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def render_dashboard(
    results: list[FileResult],
    rules: dict[str, Rule],
    packs: list[RulePack],
    config_file: Path | None,
    *,
    in_force: Mapping[str, Any] | None = None,
    notes: Sequence[str] = (),
) -> str:
    """The dashboard page as HTML, citing the lead edition in force on the report's day."""
    env = Environment(
        loader=FileSystemLoader(str(data_dir("templates") / "reports")),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_visible,  # bidi and control characters from documents shown, never obeyed
    )
    template = env.get_template("dashboard.html.j2")
    return template.render(
        **dashboard_data(results, rules, config_file),
        version=__version__,
        packs=[{"name": p.meta.name, "version": p.meta.version, "title": p.meta.title} for p in packs],
        generated=_generated_at(),
        edition=lead_edition(packs, in_force).as_dict(),
        notes=list(notes),
    )
