"""Benchmarks: every target is a ratio against a floor measured in the same run.

    .venv/bin/python benchmarks/run.py            # full run (generates the corpus once)
    .venv/bin/python benchmarks/run.py --quick    # fewer repeats, 40-policy folder

Each command runs as a fresh process, like a user or CI would run it, best of N
repeats (the minimum is the figure least disturbed by other work on the machine), with
the command and its floor interleaved so both see the same conditions; the "cpu ratio"
column compares the children's CPU time (user + system), which a busy machine barely
changes. Peak memory is the child's own maximum resident set size (os.wait4). The
per-document and matching sections run in one warm process and use its CPU time.
Nothing here is part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

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
"""
FLOOR_SAVE = """
import sys, docx
docx.Document(sys.argv[1]).save(sys.argv[2])
"""


def clock() -> float:
    """In-process timings use this process's CPU time: other work on the machine
    (tests, other builds) then barely moves them."""
    return time.process_time()


@dataclass
class Run:
    seconds: float
    max_rss_kb: int
    code: int
    cpu: float = 0.0  # user + system seconds of the child: less disturbed by a busy machine


def run_once(cmd: list[str], cwd: Path | None = None) -> Run:
    env = {**os.environ, "NO_COLOR": "1", "CI": "1"}
    env.pop("GITHUB_ACTIONS", None)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=env)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.decode(errors='replace')[:500]}")
    return Run(elapsed, usage.ru_maxrss, proc.returncode, usage.ru_utime + usage.ru_stime)


def best_of(cmds: dict[str, list[str]], repeats: int, cwd: Path | None = None) -> dict[str, Run]:
    """Run the commands interleaved `repeats` times; per command the fastest run and peak RSS."""
    runs: dict[str, list[Run]] = {k: [] for k in cmds}
    for _ in range(repeats):
        for key, cmd in cmds.items():
            runs[key].append(run_once(cmd, cwd))
    return {
        k: Run(min(r.seconds for r in rs), max(r.max_rss_kb for r in rs), rs[-1].code, min(r.cpu for r in rs))
        for k, rs in runs.items()
    }


@dataclass
class Row:
    what: str
    measured: str
    floor: str
    ratio: float | None
    target: str
    ok: bool | None
    cpu_ratio: float | None = None


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def ratio_row(
    what: str, value: float, floor: float, limit: float, unit: str = "s", cpu: tuple[float, float] | None = None
) -> Row:
    ratio = value / floor if floor else float("inf")
    show = fmt_s if unit == "s" else (lambda kb: f"{kb / 1024:.0f} MiB")
    cpu_ratio = cpu[0] / cpu[1] if cpu and cpu[1] else None
    return Row(what, show(value), show(floor), ratio, f"<= {limit}x", ratio <= limit, cpu_ratio)


# ----------------------------------------------------------------------------- sections


def bench_startup(repeats: int) -> list[Row]:
    r = best_of(
        {
            "version": [*CLI, "--version"],
            "help": [*CLI, "--help"],
            "check_help": [*CLI, "check", "--help"],
            "python": [PY, "-c", "pass"],
        },
        repeats * 2,
    )
    rows = []
    for key in ("version", "help"):
        t = r[key].seconds
        rows.append(
            Row(
                f"wttsc-policy --{key}",
                fmt_s(t),
                f"python -c pass {fmt_s(r['python'].seconds)}",
                None,
                "<= 120 ms",
                t <= 0.120,
            )
        )
    rows.append(Row("wttsc-policy check --help (for reference)", fmt_s(r["check_help"].seconds), "", None, "-", None))
    return rows


def bench_check(corpus: dict[str, Path], repeats: int) -> list[Row]:
    rows = []
    for name, limit in (("policy-70", 1.5), ("policy-700", 1.3)):
        doc = corpus[f"{name}.docx"]
        r = best_of(
            {
                "floor": [PY, "-c", FLOOR_READ, str(doc)],
                "check": [*CLI, "check", str(doc), "--jobs", "1"],
                "check_md": [*CLI, "check", str(corpus[f"{name}.md"]), "--jobs", "1"],
            },
            repeats,
        )
        label = "70-page" if name == "policy-70" else "10x (700-page)"
        rows.append(
            ratio_row(
                f"check {label} .docx vs python-docx open+read",
                r["check"].seconds,
                r["floor"].seconds,
                limit,
                cpu=(r["check"].cpu, r["floor"].cpu),
            )
        )
        rows.append(
            Row(
                f"check {label} .md (for reference)",
                fmt_s(r["check_md"].seconds),
                "",
                r["check_md"].seconds / r["floor"].seconds,
                "-",
                None,
            )
        )
        rows.append(
            ratio_row(f"peak memory, check {label} .docx", r["check"].max_rss_kb, r["floor"].max_rss_kb, 3.0, unit="kb")
        )
    return rows


def bench_update(corpus: dict[str, Path], repeats: int) -> list[Row]:
    if not (ROOT / "src" / "wttsc_policy" / "commands" / "update.py").exists():
        return [Row("update (not built yet)", "-", "-", None, "<= 2.5x", None)]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("policy-70", "policy-700"):
            doc = corpus[f"{name}.docx"]
            out = Path(tmp) / f"{name}.updated.docx"
            r = best_of(
                {
                    "floor": [PY, "-c", FLOOR_SAVE, str(doc), str(Path(tmp) / f"{name}.saved.docx")],
                    "update": [
                        *CLI,
                        "update",
                        str(doc),
                        "--output",
                        str(out),
                        "--notes",
                        str(Path(tmp) / f"{name}.changes.md"),
                        "--force",
                        "--date",
                        "2024-09-01T00:00:00Z",
                    ],
                },
                repeats,
            )
            label = "70-page" if name == "policy-70" else "10x (700-page)"
            rows.append(
                ratio_row(
                    f"update {label} .docx vs python-docx open+save",
                    r["update"].seconds,
                    r["floor"].seconds,
                    2.5,
                    cpu=(r["update"].cpu, r["floor"].cpu),
                )
            )
            rows.append(
                ratio_row(
                    f"peak memory, update {label} .docx", r["update"].max_rss_kb, r["floor"].max_rss_kb, 3.0, unit="kb"
                )
            )
    return rows


def bench_jobs(corpus: dict[str, Path], repeats: int) -> list[Row]:
    folder = corpus["trust"]
    count = len(list(folder.glob("*.docx")))
    r = best_of(
        {
            "j1": [*CLI, "check", str(folder), "--jobs", "1", "--format", "json"],
            "j2": [*CLI, "check", str(folder), "--jobs", "2", "--format", "json"],
        },
        max(1, repeats // 2),
    )
    row = ratio_row(f"{count} policies in a folder: --jobs 2 vs --jobs 1", r["j2"].seconds, r["j1"].seconds, 0.65)
    return [row]


def bench_perdoc(repeats: int, corpus_dir: Path) -> list[Row]:
    """In one warm process (rules loaded, imports done): the cost a document adds.

    This is what a folder run pays per file, and the fair comparison with python-docx
    once start-up is set aside.
    """
    import docx

    from wttsc_policy.pipeline import RunOptions, check_file

    def floor(path: Path) -> None:
        d = docx.Document(str(path))
        sum(len(p.text) for p in d.paragraphs)
        for t in d.tables:
            for row in t.rows:
                sum(len(c.text) for c in row.cells)

    rows = []
    for name, limit in (("policy-70", 1.5), ("policy-700", 1.3)):
        path = corpus_dir / f"{name}.docx"
        check_file(path, RunOptions())
        floor(path)
        a, b = [], []
        for _ in range(max(3, repeats)):
            t = clock()
            floor(path)
            a.append(clock() - t)
            t = clock()
            check_file(path, RunOptions())
            b.append(clock() - t)
        label = "70-page" if name == "policy-70" else "10x (700-page)"
        rows.append(ratio_row(f"per document, warm: check {label} vs open+read", min(b), min(a), limit))
    rows.extend(_perdoc_update(repeats, corpus_dir))
    return rows


def _perdoc_update(repeats: int, corpus_dir: Path) -> list[Row]:
    import contextlib
    import io

    import docx

    try:
        from wttsc_policy.commands.update import run_update
    except ImportError:
        return []
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("policy-70", "policy-700"):
            path = corpus_dir / f"{name}.docx"
            out, notes, saved = Path(tmp) / "u.docx", Path(tmp) / "u.md", Path(tmp) / "s.docx"

            def update() -> None:
                with contextlib.redirect_stdout(io.StringIO()):
                    run_update(path=path, output=out, notes=notes, force=True, date="2024-09-01T00:00:00Z")

            update()
            a, b = [], []
            for _ in range(max(3, repeats)):
                t = clock()
                docx.Document(str(path)).save(str(saved))
                a.append(clock() - t)
                t = clock()
                update()
                b.append(clock() - t)
            label = "70-page" if name == "policy-70" else "10x (700-page)"
            rows.append(ratio_row(f"per document, warm: update {label} vs open+save", min(b), min(a), 2.5))
    return rows


def bench_matching(repeats: int) -> list[Row]:
    """Matcher alone: time as the rule count grows (flat) and as the document grows (linear)."""
    from generate import policy_spec, to_markdown

    from wttsc_policy.context import context_for_text
    from wttsc_policy.match.matcher import Matcher
    from wttsc_policy.read import read_string
    from wttsc_policy.rulepacks.load import load_ruleset

    rules = load_ruleset([]).select(None, None)

    def timed(matcher: Matcher, doc) -> float:
        context = context_for_text(doc)
        matcher.check(doc, context)  # compile patterns once, as a long run would
        samples = []
        for _ in range(max(3, repeats)):
            t = clock()
            matcher.check(doc, context)
            samples.append(clock() - t)
        return min(samples)

    base_doc = read_string(to_markdown(policy_spec(seed=7, paragraphs=700)), "markdown", "bench.md")
    rows = []
    base = timed(Matcher(rules), base_doc)
    for factor in (4, 16):
        extra = synthetic_rules(len(rules) * (factor - 1))
        t = timed(Matcher(rules + extra), base_doc)
        rows.append(ratio_row(f"matching: {len(rules) * factor} rules vs {len(rules)} (70-page)", t, base, 1.5))
    sizes = (700, 2800, 7000)
    per_para = []
    for n in sizes:
        doc = read_string(to_markdown(policy_spec(seed=7, paragraphs=n)), "markdown", "bench.md")
        per_para.append(timed(Matcher(rules), doc) / len(doc.blocks))
    growth = per_para[-1] / per_para[0]
    rows.append(
        Row(
            f"matching: time per block, {sizes[-1]} vs {sizes[0]} paragraphs",
            f"{per_para[-1] * 1e6:.1f} us",
            f"{per_para[0] * 1e6:.1f} us",
            growth,
            "<= 1.3x (linear)",
            growth <= 1.3,
        )
    )
    return rows


def synthetic_rules(count: int):
    """Plausible extra rules that rarely fire: each has its own keyword and pattern, or
    cues of which one is met (so no rule adds a finding: this measures matching, not
    reporting)."""
    from wttsc_policy.rulepacks.schema import Rule

    out = []
    for i in range(count):
        word = "".join(chr(ord("a") + (i * 7 + k * 3) % 26) for k in range(6))
        if i % 3 == 2:
            out.append(
                Rule.model_validate(
                    {
                        "id": f"ZZ{i:05d}",
                        "title": "synthetic topic",
                        "kind": "missing_topic",
                        "severity": "info",
                        "source": "bench",
                        "chapter": "bench",
                        "cues": [
                            f"\\b{word} (?:plan|policy)\\b|\\bsafeguarding (?:lead|policy)\\b",
                            f"\\b{word}s?\\b[^.]{{0,80}}\\bchild",
                        ],
                        "message": "m",
                        "rationale": "r",
                        "examples": {"fires": ["x"], "passes": ["y"]},
                    }
                )
            )
        else:
            out.append(
                Rule.model_validate(
                    {
                        "id": f"ZZ{i:05d}",
                        "title": "synthetic reference",
                        "kind": "outdated_reference",
                        "severity": "warning",
                        "source": "bench",
                        "chapter": "bench",
                        "keywords": [word],
                        "patterns": [f"\\b{word} (?:guidance|board) (?:19|20)\\d\\d\\b"],
                        "replacement": "new",
                        "message": "m",
                        "rationale": "r",
                        "examples": {"fires": ["x"], "passes": ["y"]},
                    }
                )
            )
    return out


# ----------------------------------------------------------------------------- main

SECTIONS = ["startup", "check", "perdoc", "update", "jobs", "matching"]


def print_table(rows: list[Row]) -> None:
    head = ("measurement", "measured", "floor", "ratio", "cpu ratio", "target", "")
    table = [head] + [
        (
            r.what,
            r.measured,
            r.floor,
            f"{r.ratio:.2f}x" if r.ratio is not None else "",
            f"{r.cpu_ratio:.2f}x" if r.cpu_ratio is not None else "",
            r.target,
            "" if r.ok is None else ("ok" if r.ok else "MISSED"),
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    for n, row in enumerate(table):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the wttsc-policy benchmarks and print a table of ratios.")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="corpus folder (generated when missing)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="3 repeats and a 40-policy folder")
    parser.add_argument("--only", choices=SECTIONS, action="append")
    parser.add_argument("--child", choices=["matching", "perdoc"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    repeats = min(3, args.repeats) if args.quick else args.repeats
    folder_count = 40 if args.quick else 200
    out = args.out / ("quick" if args.quick else "full")
    if args.child:
        import json

        rows = bench_matching(repeats) if args.child == "matching" else bench_perdoc(repeats, out)
        print(json.dumps([r.__dict__ for r in rows]))
        return 0
    # Generated in a child process: this process stays small, so the peak memory the
    # kernel reports for each measured child is that child's own (a forked child starts
    # with its parent's resident size on the books).
    t0 = time.perf_counter()
    subprocess.run(
        [PY, str(HERE / "generate.py"), "--out", str(out), "--folder-count", str(folder_count)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    if time.perf_counter() - t0 > 1:
        print(f"generated the corpus in {out} ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    corpus = {
        name: out / name for name in ("policy-70.docx", "policy-70.md", "policy-700.docx", "policy-700.md", "trust")
    }
    sections = args.only or SECTIONS
    rows: list[Row] = []
    for section in sections:
        print(f"running {section} ...", file=sys.stderr)
        if section in ("matching", "perdoc"):  # in a child: this process stays small
            import json

            cmd = [PY, __file__, "--child", section, "--repeats", str(repeats), "--out", str(args.out)]
            proc = subprocess.run(
                [*cmd, *(["--quick"] if args.quick else [])], check=True, capture_output=True, text=True
            )
            rows.extend(Row(**r) for r in json.loads(proc.stdout))
        elif section == "startup":
            rows.extend(bench_startup(repeats))
        else:
            rows.extend(globals()[f"bench_{section}"](corpus, repeats))
    print(f"wttsc-policy benchmarks - Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, best of {repeats}")
    print_table(rows)
    return 0 if all(r.ok is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
