"""Trust-wide commands: `baseline`, `report` (the dashboard) and `config show`."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any

from wttsc_policy.model import FileResult


def _check_all(
    paths: list[Path], config_file: Path | None, extra_rules: tuple[str, ...]
) -> tuple[list[FileResult], tuple[str, ...]]:
    """(results, every extra rule pack folder in use) for the paths, as `check` does."""
    from wttsc_policy.commands.check import check_many, find_files, validate_configs
    from wttsc_policy.pipeline import RunOptions

    opts = RunOptions(config_file=str(config_file) if config_file else None, extra_rules=extra_rules)
    files = find_files(paths, config_file)
    packs = validate_configs(files, config_file, opts)
    return check_many(files, opts, None), packs


def _report_errors(results: list[FileResult]) -> int:
    bad = [r for r in results if r.error]
    for r in bad:
        print(f"wttsc-policy: {r.error}", file=sys.stderr)
    return 2 if bad else 0


def run_baseline(*, paths: list[Path], output: Path, config_file: Path | None, extra_rules: tuple[str, ...]) -> int:
    """Record every current finding by fingerprint. Unreadable files are reported
    (exit 2) but the baseline of the readable ones is still written."""
    from wttsc_policy import __version__
    from wttsc_policy.baseline import write_baseline

    results, _ = _check_all(paths, config_file, extra_rules)
    count = write_baseline(results, output, __version__)
    files = sum(1 for r in results if not r.error)
    print(f"wttsc-policy: recorded {count} finding(s) from {files} file(s) in {output}", file=sys.stderr)
    return _report_errors(results)


# --- the dashboard ---------------------------------------------------------------


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
    from wttsc_policy.config import load_config
    from wttsc_policy.errors import WttscError

    folder = Path(path).parent
    try:
        name = load_config(Path(path), explicit=config_file).config.school_name
    except WttscError:
        name = None
    label = folder.resolve().name if str(folder) in ("", ".") else folder.name
    return (name or label or str(folder)), str(folder)


def dashboard_data(results: list[FileResult], rules: dict[str, Any], config_file: Path | None) -> dict[str, Any]:
    """Everything the template shows, computed here so the template stays simple."""
    from collections import Counter, defaultdict

    from wttsc_policy.config import load_config
    from wttsc_policy.errors import WttscError
    from wttsc_policy.reports.text import location

    schools: dict[str, dict[str, Any]] = {}
    for r in results:
        name, folder = school_of(r.path, config_file)
        school = schools.setdefault(
            name,
            {"name": name, "folder": folder, "files": [], "counts": Counter(), "by_rule": defaultdict(list)},
        )
        file_entry = {"path": r.path, "error": r.error, "findings": [], "unused": r.unused_suppressions, "suppressed": r.suppressed}
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
                    i["chapter"], {"chapter": i["chapter"], "error": 0, "warning": 0, "info": 0, "schools": set(), "rules": set()}
                )
                ch[i["severity"]] += 1
                ch["schools"].add(s["name"])
                ch["rules"].add(i["rule"])
    chapters = []
    for ch in sorted(chapter_totals.values(), key=lambda c: chapter_order(c["chapter"])):
        chapters.append(
            {**ch, "total": ch["error"] + ch["warning"] + ch["info"], "schools": len(ch["schools"]), "rules": len(ch["rules"])}
        )
    totals = Counter()
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
    from datetime import datetime, timezone

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch and epoch.isdigit() else datetime.now(timezone.utc)
    return moment.strftime("%d %B %Y %H:%M UTC")


def render_dashboard(results: list[FileResult], rules: dict[str, Any], packs: list[Any], config_file: Path | None) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    from wttsc_policy import __version__
    from wttsc_policy.resources import data_dir

    env = Environment(
        loader=FileSystemLoader(str(data_dir("templates") / "reports")),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = env.get_template("dashboard.html.j2")
    return template.render(
        **dashboard_data(results, rules, config_file),
        version=__version__,
        packs=[{"name": p.meta.name, "version": p.meta.version, "title": p.meta.title} for p in packs],
        generated=_generated_at(),
    )


def run_report(
    *, paths: list[Path], output: Path, config_file: Path | None, extra_rules: tuple[str, ...], force: bool
) -> int:
    """Write the one-page trust dashboard. Unreadable files appear in it and make the
    exit code 2; findings never change the exit code (this is a report, not a gate)."""
    from wttsc_policy.commands.check import report_context
    from wttsc_policy.fileio import check_output_path, write_text_atomic
    from wttsc_policy.pipeline import RunOptions

    check_output_path(output, force=force)
    results, packs = _check_all(paths, config_file, extra_rules)
    ctx = report_context(RunOptions(extra_rules=extra_rules), "warning", color=False, packs=packs)
    html = render_dashboard(results, ctx.rules, ctx.packs, config_file)
    write_text_atomic(output, html, force=force)
    findings = sum(len(r.findings) for r in results)
    print(f"wttsc-policy: wrote {output} ({len(results)} file(s), {findings} finding(s))", file=sys.stderr)
    return _report_errors(results)


# --- config show -----------------------------------------------------------------


def _origin_label(origin: str | None) -> str:
    if origin is None:
        return "default"
    if origin == "command line":
        return origin
    try:
        rel = os.path.relpath(origin)
    except ValueError:
        return origin
    return origin if rel.startswith("..") else rel


def config_view(path: Path, config_file: Path | None) -> dict[str, Any]:
    """The effective config for `path` as {key: {value, origin[, items]}}."""
    from wttsc_policy.config import load_config
    from wttsc_policy.errors import UsageError

    if not path.exists():
        raise UsageError("no such file or folder", path)
    loaded = load_config(path, explicit=config_file)
    from wttsc_policy.commands.check import check_rule_ids
    from wttsc_policy.pipeline import RunOptions, _ruleset, extra_packs

    opts = RunOptions(config_file=str(config_file) if config_file else None)
    check_rule_ids(loaded, set(_ruleset(extra_packs(loaded, opts)).by_id))
    values = loaded.config.model_dump(mode="json")
    out: dict[str, Any] = {}
    for key, value in values.items():
        entry: dict[str, Any] = {"value": value, "origin": _origin_label(loaded.origins.get(key))}
        if isinstance(value, dict) and value:
            entry["items"] = {
                sub: _origin_label(loaded.item_origins.get(f"{key}.{sub}", loaded.origins.get(key))) for sub in value
            }
        out[key] = entry
    return {"path": str(path), "files": [_origin_label(f) for f in loaded.files], "values": out}


def _toml_value(value: Any) -> str:
    if value is None:
        return "(not set)"
    return json.dumps(value, ensure_ascii=False)


def show_config(*, path: Path, config_file: Path | None, fmt: str) -> int:
    view = config_view(path, config_file)
    if fmt == "json":
        print(json.dumps(view, indent=2, ensure_ascii=False))
        return 0
    lines = [f"Effective config for {view['path']}"]
    if view["files"]:
        lines.append("Config files (farthest first, nearer ones override):")
        lines += [f"  {f}" for f in view["files"]]
    else:
        lines.append("No config file found; every value is a default.")
    lines.append("")
    width = max(len(k) for k in view["values"]) + 2
    for key, entry in view["values"].items():
        if "items" in entry:
            lines.append(f"{key}:".ljust(width + 30) + f"  # {entry['origin']}")
            for sub, origin in entry["items"].items():
                lines.append(f"  {sub} = {_toml_value(entry['value'][sub])}  # {origin}")
        else:
            lines.append(f"{key} = {_toml_value(entry['value'])}".ljust(width + 30) + f"  # {entry['origin']}")
    print("\n".join(lines))
    return 0
