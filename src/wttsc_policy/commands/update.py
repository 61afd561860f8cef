"""`wttsc-policy update`: check one policy, plan the edits, write the redline and the notes.

Every output path is decided and checked before anything is written, so a refusal
(an existing file without --force, an output equal to the input) leaves nothing behind.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime
from datetime import date as Day
from pathlib import Path
from typing import Any

from wttsc_policy.apply import apply_plan
from wttsc_policy.context import RunOptions, today
from wttsc_policy.errors import InputError, UsageError
from wttsc_policy.fileio import OutputSet, check_output_path, real_path, stat_input
from wttsc_policy.formats import FormatSpec, format_of, spec
from wttsc_policy.gcpause import paused_gc
from wttsc_policy.guidance.shipped import editions as shipped_editions
from wttsc_policy.match.information import horizon_note
from wttsc_policy.ooxml.revisions import format_date
from wttsc_policy.pipeline import check_file
from wttsc_policy.plan.model import EditPlan, ManualItem
from wttsc_policy.plan.planner import plan_edits
from wttsc_policy.records import record
from wttsc_policy.render.notes import render_notes


@record
class Outputs:
    document: Path | None  # the clean updated file (md/txt) or the redline (docx)
    redline: Path | None  # md/txt CriticMarkup
    notes: Path


def change_date(value: str | None, env: Mapping[str, str] | None = None) -> datetime:
    """The moment recorded on every change: --date, else SOURCE_DATE_EPOCH, else now (UTC)."""
    env = os.environ if env is None else env
    if value:
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise UsageError(
                f"--date '{value}' is not an ISO 8601 date such as 2024-09-01 or 2024-09-01T09:00:00Z"
            ) from None
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    epoch = env.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH '{epoch}' is not a whole number of seconds") from None
    return datetime.now(UTC)


def output_stem(document: Path) -> str:
    """'policy' for policy.updated.md, policy.md or policy.updated.docx: what the notes are named after."""
    name = document.name[: -len(document.suffix)] if document.suffix else document.name
    return name.removesuffix(".updated") or name


def plan_outputs(
    path: Path,
    fmt: FormatSpec,
    output: Path | None,
    notes: Path | None,
    notes_format: str,
    in_place: bool,
    redline: bool,
) -> Outputs:
    """Every output path, decided before anything is written."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    if not fmt.edits_in_place:
        if in_place:
            raise UsageError("--in-place is for markdown and text files; a .docx is never overwritten (use --output)")
        if redline:
            raise UsageError(
                "--redline is for markdown and text files; the .docx output already holds the tracked changes"
            )
        document = output or path.with_name(f"{stem}.updated{fmt.output_suffix or path.suffix}")
        red = None
    else:
        if in_place and output is not None:
            raise UsageError("use either --in-place or --output, not both")
        document = path if in_place else (output or path.with_name(f"{stem}.updated{path.suffix}"))
        red = document.with_name(f"{stem}.redline{path.suffix}") if redline else None
    ext = "html" if notes_format == "html" else "md"
    # named after the output, so two updates of one input to two outputs get two notes files
    notes_path = notes or document.with_name(f"{output_stem(document)}.changes.{ext}")
    return Outputs(document=document, redline=red, notes=notes_path)


def _check_paths(outputs: Outputs, path: Path, in_place: bool, force: bool) -> None:
    targets = [p for p in (outputs.document, outputs.redline, outputs.notes) if p is not None]
    resolved = [real_path(t) for t in targets]
    if len(set(resolved)) != len(resolved):
        raise UsageError("two outputs would be written to the same file; choose different --output / --notes paths")
    for target in targets:
        if in_place and target is outputs.document:
            check_output_path(real_path(target), inputs=[], force=True)  # the file a link points at
        else:
            check_output_path(target, inputs=[path], force=force)


def run_update(
    path: Path,
    output: Path | None = None,
    notes: Path | None = None,
    notes_format: str = "md",
    author: str | None = None,
    date: str | None = None,
    config_file: str | Path | None = None,
    extra_rules: tuple[str, ...] = (),
    select: tuple[str, ...] | list[str] | None = (),
    ignore: tuple[str, ...] | list[str] | None = (),
    in_place: bool = False,
    redline: bool = False,
    force: bool = False,
    overrides: tuple[tuple[str, Any], ...] = (),
    as_of: Day | None = None,
    allow_external_rules: bool = False,
) -> int:
    """Write the updated policy and its change notes; return the exit code."""
    with paused_gc():
        return _run_update(
            Path(path), output, notes, notes_format, author, date, config_file, extra_rules, select, ignore,
            in_place, redline, force, overrides, as_of, allow_external_rules,
        )  # fmt: skip


def _run_update(
    path: Path,
    output: Path | None,
    notes: Path | None,
    notes_format: str,
    author: str | None,
    date: str | None,
    config_file: str | Path | None,
    extra_rules: tuple[str, ...],
    select: tuple[str, ...] | list[str] | None,
    ignore: tuple[str, ...] | list[str] | None,
    in_place: bool,
    redline: bool,
    force: bool,
    overrides: tuple[tuple[str, Any], ...],
    as_of: Day | None,
    allow_external_rules: bool,
) -> int:
    """run_update's steps, with the cyclic garbage collector paused (gcpause.py)."""
    stat_input(path)
    fmt = spec(format_of(path))
    outputs = plan_outputs(
        path, fmt, Path(output) if output else None, Path(notes) if notes else None, notes_format, in_place, redline
    )
    moment = change_date(date)
    opts = RunOptions(
        config_file=str(config_file) if config_file else None,
        extra_rules=tuple(extra_rules or ()),
        select=tuple(select or ()),
        ignore=tuple(ignore or ()),
        overrides=tuple(overrides or ()),
        as_of=as_of or today(),
        allow_external_rules=allow_external_rules,
    )
    checked = check_file(path, opts, keep_document=True)
    if checked.result.error:
        raise InputError(checked.result.error)
    _check_paths(outputs, path, in_place, force)
    doc, context = checked.document, checked.context
    assert doc is not None and context is not None  # a result without error has both
    if doc.protection:
        raise InputError(
            f"the document is protected against editing in Word (Restrict Editing: {doc.protection}); "
            "remove the protection (Review > Restrict Editing) and run update again",
            path,
        )
    config = context.config
    rules = context.ruleset.by_id
    edition = context.edition
    plan = plan_edits(doc, checked.result.findings, rules, context.values, growth_budget=config.growth_budget)
    written_files: list[tuple[str, Path]] = []
    uncommented: set[int] = set()
    horizon = horizon_note(shipped_editions(), context.as_of)
    information = [n.message for n in checked.result.notes if n.kind == "guidance"] + ([horizon] if horizon else [])
    if not plan.edits and not plan.manual and not plan.suggestions:
        for message in information:
            print(f"{path}: note: {message}")
        print(
            f"{path}: nothing to update; the policy already reflects {edition.short_title} "
            "for every rule in force. No files written."
        )
        return 0
    # every output is staged and written as one set: all appear, or none (fileio.py)
    staged = OutputSet(inputs=[path], force=force, in_place=outputs.document if in_place else None)
    if plan.edits and outputs.document is not None:
        applied = apply_plan(doc, plan, rules, author=author or config.author, date=format_date(moment))
        for edit, why in applied.failed:
            plan.edits.remove(edit)
            plan.manual.extend(
                ManualItem(f, f"could not be tracked automatically ({why}); edit it by hand") for f in edit.findings
            )
        uncommented = {e.number for e in applied.uncommented}
        staged.add(outputs.document, applied.document)
        written_files.append((fmt.output_label, outputs.document))
        if outputs.redline is not None and applied.redline is not None:
            staged.add(outputs.redline, applied.redline)
            written_files.append(("redline", outputs.redline))
    notes_text = render_notes(
        doc,
        plan,
        rules,
        config,
        context.values,
        edition=edition,
        fmt=notes_format,
        date=moment,
        # links resolve from the notes' own folder, wherever the command was run
        outputs=[(label, Path(os.path.relpath(p, outputs.notes.parent))) for label, p in written_files],
        uncommented=uncommented,
        information=information,
    )
    staged.add(outputs.notes, notes_text)
    written_files.append(("change notes", outputs.notes))
    staged.commit()
    _summary(path, plan, uncommented, written_files)
    return 0


def count(n: int, noun: str, plural: str | None = None) -> str:
    """'1 change', '2 changes' (or the given plural)."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _summary(path: Path, plan: EditPlan, uncommented: set[int], files: list[tuple[str, Path]]) -> None:
    placeholders = len({ph for _, ph in plan.placeholders})
    line = f"{path}: {count(len(plan.edits), 'change')} tracked, {len(plan.manual)} to edit by hand"
    if placeholders:
        line += f", {count(placeholders, 'detail')} to fill in (placeholders in [brackets])"
    if plan.suggestions:
        line += f", {count(len(plan.suggestions), 'suggested addition')} in the change notes"
    print(line + ".")
    if uncommented:
        print(
            f"  {count(len(uncommented), 'change')} {'is' if len(uncommented) == 1 else 'are'} in a page header "
            "or footer; Word cannot hold comments there, so the comment is on the first paragraph."
        )
    for label, target in files:
        print(f"  {label}: {target}")
