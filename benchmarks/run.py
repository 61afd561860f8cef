"""Benchmarks for issue 15: each figure is a ratio against a floor measured in the same run.

    .venv/bin/python benchmarks/run.py                    # every row, median of 5 runs
    .venv/bin/python benchmarks/run.py --quick            # 3 runs, a 40-policy folder
    .venv/bin/python benchmarks/run.py --only check70 --only update70
    .venv/bin/python benchmarks/run.py --check check1=1.5,check70=1.5,check700=1.3,update70=2.5,update700=3,mem700=2,jobs=0.65

The floor is what python-docx needs for the same file in a fresh process: open it and
read the text of every paragraph, table cell, header and footer (for `check`), or open
it and save it again (for `update`). Each command runs as a fresh process, as a user or
CI runs it, interleaved with its floor so both see the same conditions; the figure is
the median of the pairs' ratios (a run and its floor's run in the same round, seconds
apart, see the same machine), and the table's times are each side's median. Time is the child's CPU time
(user + system, from os.wait4), because the machine is shared and wall time moves with
other people's work; the wall time is printed too, and the `--jobs` row, whose point is
wall time, uses it. Peak memory is the child's maximum resident set size, measured the
same way for the floor.

The tool runs with its normal user cache (rule packs, datasets and config compiled once,
see docs/performance.md), in a cache folder of this run's own, warmed by one untimed
run; the "cold" rows show the first run on a machine. The package's bytecode is
compiled first, as an installed tool's is. `--check` exits 1 when a ratio is over its
target. Under its header it prints how big and how varied the measured policies are
(paragraphs, characters, sentences and how many differ, different words). Nothing here
is part of the test suite.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
BIN = Path(PY).parent / "wttsc-policy"
CLI = [str(BIN)] if BIN.exists() else [PY, "-m", "wttsc_policy"]

FLOOR_READ = """
import sys, docx
d = docx.Document(sys.argv[1])
n = sum(len(p.text) for p in d.paragraphs)
for t in d.tables:
    for row in t.rows:
        n += sum(len(c.text) for c in row.cells)
for s in d.sections:
    n += sum(len(p.text) for p in s.header.paragraphs) + sum(len(p.text) for p in s.footer.paragraphs)
print(n)
"""
FLOOR_SAVE = """
import sys, docx
docx.Document(sys.argv[1]).save(sys.argv[2])
"""
# The targets of issue 15 (ratio to the floor; jobs: --jobs 2 time / --jobs 1 time).
TARGETS = {
    "check1": 1.5,
    "check70": 1.5,
    "check700": 1.3,
    "update70": 2.5,
    "update700": 3.0,
    "mem700": 2.0,
    "jobs": 0.65,
}


@dataclass
class Run:
    wall: float
    cpu: float  # user + system seconds of the child
    rss_kb: int
    code: int
    # every round's times, in order (median_runs; see pair_ratio)
    cpus: tuple[float, ...] = ()
    walls: tuple[float, ...] = ()


@dataclass
class Row:
    key: str  # a TARGETS key, or "" for a row shown for information
    what: str
    ours: str
    floor: str
    ratio: float | None
    wall_ratio: float | None = None

    def verdict(self, targets: dict[str, float]) -> str:
        limit = targets.get(self.key)
        if limit is None or self.ratio is None:
            return ""
        return "ok" if self.ratio <= limit else "OVER"


class Env:
    """Environment of every measured child: CI-like, its own cache folder."""

    def __init__(self, cache: Path) -> None:
        self.base = {**os.environ, "NO_COLOR": "1", "CI": "1", "WTTSC_POLICY_CACHE_DIR": str(cache)}
        for key in ("GITHUB_ACTIONS", "WTTSC_POLICY_NO_CACHE", "WTTSC_POLICY_DEBUG"):
            self.base.pop(key, None)

    def cold(self) -> dict[str, str]:
        return {**self.base, "WTTSC_POLICY_NO_CACHE": "1"}


def run_once(cmd: list[str], env: dict[str, str]) -> Run:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({code}): {err.decode(errors='replace')[:500]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code)


def median_runs(cmds: dict[str, tuple[list[str], dict[str, str]]], repeats: int) -> dict[str, Run]:
    """Run the commands interleaved `repeats` times: median times, largest peak memory."""
    runs: dict[str, list[Run]] = {k: [] for k in cmds}
    for _ in range(repeats):
        for key, (cmd, env) in cmds.items():
            runs[key].append(run_once(cmd, env))
    return {
        k: Run(
            statistics.median(r.wall for r in rs),
            statistics.median(r.cpu for r in rs),
            max(r.rss_kb for r in rs),
            rs[-1].code,
            tuple(r.cpu for r in rs),
            tuple(r.wall for r in rs),
        )
        for k, rs in runs.items()
    }


def pair_ratio(ours: tuple[float, ...], floor: tuple[float, ...]) -> float:
    """The median of the ratios of runs made in the same round of median_runs (a command
    and its floor, seconds apart): the two runs of a pair see the same machine, so a slow
    minute on a shared machine moves both and cancels out, where the ratio of the two
    medians would not."""
    return statistics.median(o / f for o, f in zip(ours, floor, strict=True))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def mib(kb: int) -> str:
    return f"{kb / 1024:.0f} MiB"


def time_row(key: str, what: str, ours: Run, floor: Run) -> Row:
    return Row(
        key,
        what,
        f"{ms(ours.cpu)} cpu, {ms(ours.wall)} wall",
        f"{ms(floor.cpu)} cpu, {ms(floor.wall)} wall",
        pair_ratio(ours.cpus, floor.cpus),
        pair_ratio(ours.walls, floor.walls),
    )


# ----------------------------------------------------------------------------- sections


def bench_startup(corpus: dict[str, Path], env: Env, repeats: int) -> list[Row]:
    r = median_runs(
        {
            "python": ([PY, "-c", "pass"], env.base),
            "version": ([*CLI, "--version"], env.base),
            "help": ([*CLI, "--help"], env.base),
        },
        repeats,
    )
    return [
        Row("", "wttsc-policy --version (python -c pass in floor)", ms(r["version"].cpu), ms(r["python"].cpu), None),
        Row("", "wttsc-policy --help", ms(r["help"].cpu), ms(r["python"].cpu), None),
    ]


def bench_check(corpus: dict[str, Path], env: Env, repeats: int, pages: str) -> list[Row]:
    doc = corpus[f"policy-{pages}.docx"]
    cmd = [*CLI, "check", str(doc), "--jobs", "1", "--format", "json"]
    cmds = {"floor": ([PY, "-c", FLOOR_READ, str(doc)], env.base), "check": (cmd, env.base)}
    if pages == "70":
        cmds["cold"] = (cmd, env.cold())
        cmds["text"] = ([*CLI, "check", str(doc), "--jobs", "1"], env.base)
        cmds["md"] = ([*CLI, "check", str(corpus["policy-70.md"]), "--jobs", "1", "--format", "json"], env.base)
    r = median_runs(cmds, repeats)
    rows = [time_row(f"check{pages}", f"check, {pages} page(s), json", r["check"], r["floor"])]
    if pages == "70":
        rows.append(time_row("", "  same, text report", r["text"], r["floor"]))
        rows.append(time_row("", "  same, cold cache (first run)", r["cold"], r["floor"]))
        rows.append(time_row("", "  same policy as markdown", r["md"], r["floor"]))
    if pages == "700":
        rows.append(
            Row(
                "mem700",
                "peak memory, check 700 pages",
                mib(r["check"].rss_kb),
                mib(r["floor"].rss_kb),
                r["check"].rss_kb / r["floor"].rss_kb,
            )
        )
    return rows


def bench_update(corpus: dict[str, Path], env: Env, repeats: int, pages: str) -> list[Row]:
    doc = corpus[f"policy-{pages}.docx"]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        update = [*CLI, "update", str(doc), "--output", str(out / "u.docx"), "--notes", str(out / "u.md"),
                  "--force", "--date", "2026-09-01T00:00:00Z"]  # fmt: skip
        r = median_runs(
            {"floor": ([PY, "-c", FLOOR_SAVE, str(doc), str(out / "s.docx")], env.base), "update": (update, env.base)},
            repeats,
        )
    rows = [time_row(f"update{pages}", f"update, {pages} pages", r["update"], r["floor"])]
    if pages == "700":
        rows.append(
            Row(
                "",
                "peak memory, update 700 pages (vs open+save)",
                mib(r["update"].rss_kb),
                mib(r["floor"].rss_kb),
                r["update"].rss_kb / r["floor"].rss_kb,
            )
        )
    return rows


def bench_jobs(corpus: dict[str, Path], env: Env, repeats: int) -> list[Row]:
    folder = corpus["trust"]
    count = len(list(folder.glob("*.docx")))
    base = [*CLI, "check", str(folder), "--format", "json"]
    r = median_runs(
        {"j1": ([*base, "--jobs", "1"], env.base), "j2": ([*base, "--jobs", "2"], env.base)}, max(1, repeats // 2)
    )
    return [
        Row("jobs", f"{count} policies: --jobs 2 vs --jobs 1 (wall)", f"{ms(r['j2'].wall)} wall",
            f"{ms(r['j1'].wall)} wall", pair_ratio(r["j2"].walls, r["j1"].walls))
    ]  # fmt: skip


SECTIONS: dict[str, Callable[[dict[str, Path], Env, int], list[Row]]] = {
    "startup": bench_startup,
    "check1": lambda c, e, n: bench_check(c, e, n, "1"),
    "check70": lambda c, e, n: bench_check(c, e, n, "70"),
    "check700": lambda c, e, n: bench_check(c, e, n, "700"),
    "update70": lambda c, e, n: bench_update(c, e, n, "70"),
    "update700": lambda c, e, n: bench_update(c, e, n, "700"),
    "jobs": bench_jobs,
}


def parse_targets(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in text.split(","):
        key, _, value = item.partition("=")
        key = key.strip()
        if key not in TARGETS:
            raise SystemExit(f"--check: unknown row '{key}' (rows: {', '.join(TARGETS)})")
        out[key] = float(value)
    return out


def print_table(rows: list[Row], targets: dict[str, float]) -> None:
    head = ("row", "measurement", "ours", "floor", "ratio", "wall ratio", "target", "")
    table = [head] + [
        (
            r.key,
            r.what,
            r.ours,
            r.floor,
            f"{r.ratio:.2f}x" if r.ratio is not None else "",
            f"{r.wall_ratio:.2f}x" if r.wall_ratio is not None else "",
            f"<= {targets[r.key]}x" if r.key in targets else "",
            r.verdict(targets),
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    for n, row in enumerate(table):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def corpus_description() -> str:
    """The policies' size and variety, one line each (generate.py --describe, in a child
    so that this process stays small)."""
    done = subprocess.run([PY, str(HERE / "generate.py"), "--describe"], check=True, capture_output=True, text=True)
    return "".join(f"  {line}\n" for line in done.stdout.splitlines())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the wttsc-policy benchmarks and print a table of ratios.")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="corpus folder (generated when missing)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="3 runs and a 40-policy folder")
    parser.add_argument("--only", choices=list(SECTIONS), action="append")
    parser.add_argument("--check", metavar="TARGETS", help="e.g. check70=1.5,mem700=2: exit 1 when a ratio is over")
    args = parser.parse_args(argv)
    targets = parse_targets(args.check) if args.check else dict(TARGETS)
    repeats = min(3, args.repeats) if args.quick else args.repeats
    folder_count = 40 if args.quick else 200
    out = args.out / ("quick" if args.quick else "full")
    t0 = time.perf_counter()
    # in a child: this process stays small, so each measured child's peak memory is its own
    subprocess.run(
        [PY, str(HERE / "generate.py"), "--out", str(out), "--folder-count", str(folder_count)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    if time.perf_counter() - t0 > 1:
        print(f"generated the corpus in {out} ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    compileall.compile_dir(ROOT / "src" / "wttsc_policy", quiet=1)  # as an installed package has it
    names = [f"policy-{n}.{s}" for n in (1, 70, 700) for s in ("docx", "md")]
    corpus = {name: out / name for name in [*names, "trust"]}
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="wttsc-bench-cache-") as cache:
        env = Env(Path(cache))
        run_once([*CLI, "check", str(corpus["policy-1.docx"]), "--jobs", "1"], env.base)  # warm the cache
        for section in args.only or list(SECTIONS):
            print(f"running {section} ...", file=sys.stderr)
            rows.extend(SECTIONS[section](corpus, env, repeats))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"wttsc-policy benchmarks - {time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, load {load:.1f}, median of {repeats}; ratio = CPU time"
    )
    print(corpus_description(), end="")
    print_table(rows, targets)
    if args.check:
        over = [r for r in rows if r.verdict(targets) == "OVER"]
        return 1 if over else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
