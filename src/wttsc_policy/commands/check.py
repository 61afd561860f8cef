"""`wttsc-policy check`: many files, in parallel, one report, a meaningful exit code.

The module is over 300 lines because the worker pool's recovery (a killed worker fails only its
file; in-flight files are re-checked) belongs with the loop that drives the pool.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wttsc_policy import __version__
from wttsc_policy.baseline import apply_baseline
from wttsc_policy.baseline import load as load_baseline
from wttsc_policy.config.load import load_config
from wttsc_policy.config.model import LoadedConfig
from wttsc_policy.context import RunOptions, editions_in_force, extra_packs, ruleset_for, today
from wttsc_policy.discovery import discover
from wttsc_policy.errors import ConfigError, UsageError
from wttsc_policy.fileio import check_output_path, real_path, write_text_atomic
from wttsc_policy.findings import SEVERITY_RANK, FileResult
from wttsc_policy.fingerprints import compute
from wttsc_policy.guidance.shipped import editions as shipped_editions
from wttsc_policy.match.information import horizon_note
from wttsc_policy.pipeline import check_file
from wttsc_policy.render import ReportContext, render
from wttsc_policy.rulepacks.editions import citations
from wttsc_policy.safetext import path_text, visible

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


def _check_one(args: tuple[Path, RunOptions]) -> FileResult:
    """Check one file; even an unexpected error only fails that file, not the run."""
    path, opts = args
    _fault(path)
    try:
        return check_file(path, opts).result
    except Exception as exc:  # a bug on one odd document must not hide the other schools
        if os.environ.get("WTTSC_POLICY_DEBUG"):
            raise
        return FileResult(
            path=str(path),
            error=f"{path_text(str(path))}: internal error while checking ({type(exc).__name__}: {exc}); "
            "set WTTSC_POLICY_DEBUG=1 for a traceback and please report it",
        )


def _fault(path: Path) -> None:
    """Test hook: WTTSC_POLICY_FAULT=kill-worker:NAME kills the worker process that
    checks the file called NAME, as the out-of-memory killer would. Inert otherwise."""
    if os.environ.get("WTTSC_POLICY_FAULT", "") != f"kill-worker:{path.name}":
        return
    import multiprocessing

    if multiprocessing.parent_process() is not None:
        os.kill(os.getpid(), signal.SIGKILL)


def _pooled(work: list[tuple[Path, RunOptions]], jobs: int, advance: Callable[[], None]) -> list[FileResult]:
    """Check files in worker processes, in order. A worker that dies (killed, out of
    memory) breaks the pool and every file then in flight: those are checked again in
    a fresh pool, and if that breaks too, one per process, so only the file that kills
    its worker is reported as failed and the rest of the run goes on."""
    # imported here: multiprocessing and concurrent.futures (~15 ms) only for a pool
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    done: dict[int, FileResult] = {}
    pending = list(range(len(work)))
    for attempt in range(2):
        if not pending:
            break
        broken: list[int] = []
        with ProcessPoolExecutor(max_workers=jobs if attempt == 0 else max(1, min(jobs, len(pending)))) as pool:
            futures = {pool.submit(_check_one, work[i]): i for i in pending}
            for future in as_completed(futures):
                i = futures[future]
                try:
                    done[i] = future.result()
                    advance()
                except BrokenProcessPool:
                    broken.append(i)
        pending = sorted(broken)
    for i in pending:  # still breaking the pool: one file per process finds the culprit
        with ProcessPoolExecutor(max_workers=1) as solo:
            try:
                done[i] = solo.submit(_check_one, work[i]).result()
            except BrokenProcessPool:
                path = work[i][0]
                done[i] = FileResult(
                    path=str(path),
                    error=f"{path_text(str(path))}: the process checking this file stopped (killed, or out of "
                    "memory); the other files were checked",
                )
        advance()
    return [done[i] for i in range(len(work))]


def show_progress() -> bool:
    """A progress bar only for a person at a terminal: never in CI or when piped."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def check_many(files: list[Path], opts: RunOptions, jobs: int | None) -> list[FileResult]:
    """Check files, in worker processes when there are several; order is preserved."""
    jobs = jobs or os.cpu_count() or 1
    jobs = max(1, min(jobs, len(files)))
    work = [(f, opts) for f in files]
    progress: Progress | None = None
    task: TaskID | None = None
    if show_progress() and len(files) > 1:
        # rich (~35 ms to import) only for a person at a terminal, never on a CI run
        from rich.console import Console
        from rich.progress import Progress

        progress = Progress(console=Console(stderr=True), transient=True)
        progress.start()
        task = progress.add_task("Checking policies", total=len(files))
    try:
        if jobs == 1:
            results: list[FileResult] = []
            for item in work:
                results.append(_check_one(item))
                if progress is not None and task is not None:
                    progress.advance(task)
            return results
        # The first file is checked here: rules, patterns and partnership data are then
        # loaded once, and forked workers inherit them instead of each loading its own.
        results = [_check_one(work[0])]

        if progress is not None and task is not None:
            progress.advance(task)

        def advance() -> None:
            if progress is not None and task is not None:
                progress.advance(task)

        rest = _pooled(work[1:], jobs, advance)
        return results + rest
    finally:
        if progress is not None:
            progress.stop()


def find_files(paths: list[Path], config_file: Path | None) -> list[Path]:
    """The files to check; none at all is a usage error (a mistyped folder in CI must
    not pass silently)."""
    files = discover(paths, config_file)
    if not files:
        raise UsageError(
            "no policy files (.docx, .md, .txt) found in "
            + ", ".join(str(p) for p in paths)
            + " (hidden folders, ~$ lock files and config excludes are skipped)"
        )
    return files


def validate_configs(files: list[Path], config_file: Path | None, opts: RunOptions | None = None) -> tuple[str, ...]:
    """Load the config of every folder once, up front: an invalid config is the user's
    to fix and stops the run (exit 2, naming file and key) rather than failing file by
    file. Rule ids in select/ignore/severity/per-file-ignores must exist (a typo would
    otherwise silently do nothing). Returns every extra rule pack folder in use (from
    --rules and from configs), so reports can describe all the rules that ran."""
    opts = opts or RunOptions(config_file=str(config_file) if config_file else None)
    if config_file is not None:
        loaded_all = [load_config(None, explicit=config_file)]
    else:
        loaded_all = [load_config(folder) for folder in dict.fromkeys(f.parent for f in files) if os.path.isdir(folder)]
    seen: set[tuple[str, ...]] = set()
    packs: dict[str, None] = dict.fromkeys(str(real_path(p)) for p in opts.extra_rules)
    for loaded in loaded_all:
        key = tuple(loaded.files)
        if key in seen:
            continue
        seen.add(key)
        folders = extra_packs(loaded, opts)
        check_rule_ids(loaded, set(ruleset_for(folders).by_id))
        editions_in_force(loaded, opts.day)  # an unknown [guidance] pin stops the run here
        packs.update(dict.fromkeys(folders))
    return tuple(packs)


def check_rule_ids(loaded: LoadedConfig, known: set[str]) -> None:
    """ConfigError naming the file and key of the first unknown rule id."""

    def exists(rule_id: str, prefix: bool) -> bool:
        return rule_id in known or (prefix and any(k.startswith(rule_id) for k in known))

    cfg = loaded.config
    for key, ids in (("select", cfg.select), ("ignore", cfg.ignore)):
        for rule_id in ids:
            if not exists(rule_id, True):
                raise ConfigError(f"key '{key}': no rule or rule prefix '{rule_id}'", loaded.origins.get(key))
    for rule_id in cfg.severity:
        if not exists(rule_id, False):
            where = loaded.item_origins.get(f"severity.{rule_id}") or loaded.origins.get("severity")
            raise ConfigError(f"key 'severity.{rule_id}': no such rule", where)
    for glob, ids in cfg.per_file_ignores.items():
        for rule_id in ids:
            if not exists(rule_id.strip().upper(), True):
                where = loaded.item_origins.get(f"per_file_ignores.{glob}") or loaded.origins.get("per_file_ignores")
                raise ConfigError(f"key 'per-file-ignores.\"{glob}\"': no rule '{rule_id}'", where)


def exit_code(results: list[FileResult], fail_on: str) -> int:
    """2 when a file could not be read, 1 for findings at or above `fail_on`, else 0."""
    if any(r.error for r in results):
        return 2
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    return 1 if any(f.rank >= threshold for r in results for f in r.findings) else 0


def report_context(opts: RunOptions, fail_on: str, color: bool, packs: tuple[str, ...] | None = None) -> ReportContext:
    """What emitters need: every rule that could have run (built-in, --rules, config packs),
    the day, how to cite the editions in force on it, and the notes said once per run."""
    if packs is None:
        packs = tuple(str(real_path(p)) for p in opts.extra_rules)
    ruleset = ruleset_for(packs)
    index = shipped_editions()
    note = horizon_note(index, opts.day)
    return ReportContext(
        version=__version__,
        packs=ruleset.packs,
        rules=ruleset.by_id,
        fail_on=fail_on,
        color=color,
        as_of=opts.day,
        values=dict(citations(index.all_in_force(opts.day), ruleset.packs)),
        notes=[note] if note else [],
    )


def run_check(
    *,
    paths: list[Path],
    fmt: str,
    output: Path | None,
    fail_on: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_file: Path | None,
    extra_rules: tuple[str, ...],
    jobs: int | None,
    baseline: Path | None,
    inline_config: bool,
    overrides: tuple[tuple[str, Any], ...],
    as_of: date | None = None,
    allow_external_rules: bool = False,
) -> int:
    """Check every policy under `paths` and print one report; return the exit code."""
    opts = RunOptions(
        config_file=str(config_file) if config_file else None,
        extra_rules=extra_rules,
        select=select,
        ignore=ignore,
        inline_config=inline_config,
        overrides=tuple((k, v) for k, v in overrides if v is not None),
        as_of=as_of or today(),
        allow_external_rules=allow_external_rules,
    )
    if fail_on is None:
        start = paths[0] if paths else Path.cwd()
        try:
            fail_on = load_config(start if os.path.exists(start) else Path.cwd(), explicit=config_file).config.fail_on
        except Exception:
            fail_on = "warning"
    if baseline is not None:
        load_baseline(baseline)  # a missing or malformed baseline fails before a long run, not after
    files = find_files(paths, config_file)
    if output is not None:
        check_output_path(output, inputs=files, force=True)  # never write a report over a policy
    packs = validate_configs(files, config_file, opts)
    results = check_many(files, opts, jobs)
    to_terminal = output is None and sys.stdout.isatty()
    color = fmt == "text" and to_terminal and not os.environ.get("NO_COLOR")
    ctx = report_context(opts, fail_on, color=color, packs=packs)
    ctx.fingerprints = compute(results)
    if baseline is not None:
        results, ctx.fixed, ctx.baseline_matched = apply_baseline(results, baseline, ctx.fingerprints)
        ctx.baseline = str(baseline)
    text = render(fmt, results, ctx)
    if output is not None:
        write_text_atomic(output, text, inputs=files, force=True)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    for r in results:
        if r.error:
            print(f"wttsc-policy: {visible(r.error or '')}", file=sys.stderr)
    return exit_code(results, fail_on)


def check_paths(
    paths: list[Path],
    config_file: Path | None,
    extra_rules: tuple[str, ...],
    as_of: date | None = None,
    allow_external_rules: bool = False,
) -> tuple[list[FileResult], tuple[str, ...]]:
    """(results, every extra rule pack folder in use) for the paths, as `check` does."""
    opts = RunOptions(
        config_file=str(config_file) if config_file else None,
        extra_rules=extra_rules,
        as_of=as_of or today(),
        allow_external_rules=allow_external_rules,
    )
    files = find_files(paths, config_file)
    packs = validate_configs(files, config_file, opts)
    return check_many(files, opts, None), packs


def report_unreadable(results: list[FileResult]) -> int:
    """Name each unreadable file on stderr; exit code 2 when there is one."""
    bad = [r for r in results if r.error]
    for r in bad:
        print(f"wttsc-policy: {visible(r.error or '')}", file=sys.stderr)
    return 2 if bad else 0
