"""Word fidelity on real-world documents (issue 18): corpus manifest, materialisation and the run.

    python tools/word_corpus.py build                     # scan fetched snapshots, write the manifest
    python tools/word_corpus.py materialize               # copy manifest files into /work/word-corpus
    python tools/word_corpus.py run [--set main|heldout|all|refused] [--only ID[,ID]] [--jobs N]
                                    [--json out.json] [--no-lo] [--fresh]

`run` drives wttsc-policy only through its command line (`python -m wttsc_policy check` /
`update`), with the interpreter given by --python (default: this one). Results are cached
per document under the corpus folder's .results/ (keyed by document, tool source and
harness source), so an interrupted run resumes where it stopped; --fresh ignores the cache.
Exit code: 0 when every document passes, 1 when any fails, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import sys
import tempfile
import threading
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wordcorpus import manifest as mf
from wordcorpus.harness import CHECKS, check_refused, run_document
from wordcorpus.lo import LoWorker, missing
from wordcorpus.tool import Tool

HARNESS_DIR = Path(__file__).resolve().parent / "wordcorpus"


def _digest_tree(folder: Path, pattern: str = "*.py") -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob(pattern)):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        h.update(str(path.relative_to(folder)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def cache_key(entry: dict, tool_print: str, lo: bool) -> str:
    h = hashlib.sha256()
    h.update(entry["sha256"].encode())
    h.update(tool_print.encode())
    h.update(_digest_tree(HARNESS_DIR).encode())
    h.update((mf.ROOT / "tests" / "lo" / "lo_fidelity.py").read_bytes())
    h.update(b"lo" if lo else b"nolo")
    return h.hexdigest()[:24]


def tool_fingerprint(tool: Tool) -> str:
    """The tool's version and a digest of its installed source (rules and templates too)."""
    where = tool.fingerprint().splitlines()
    if not where:
        return "unknown"
    pkg_dir = Path(where[0])
    h = hashlib.sha256("\n".join(where).encode())
    for sub in (pkg_dir, pkg_dir.parent.parent / "rules", pkg_dir.parent.parent / "templates"):
        if sub.is_dir():
            h.update(_digest_tree(sub, "*").encode())
    return h.hexdigest()


def cmd_build(args) -> int:
    from wordcorpus.build import build, materialize, write_manifest

    m = build(target=args.target, seed=args.seed)
    write_manifest(m)
    print(
        f"manifest: {len(m['documents'])} documents, {len(m['refused'])} refused, from {m['candidates_scanned']} scanned"
    )
    ok, problems = materialize(m)
    print(f"materialised {ok} files into {mf.corpus_dir()}")
    for p in problems:
        print("  " + p)
    return 0


def cmd_materialize(args) -> int:
    from wordcorpus.build import materialize

    ok, problems = materialize(mf.load())
    print(f"{ok} files in {mf.corpus_dir()}; {len(problems)} problems")
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


def _select(manifest: dict, which: str, only: str | None) -> list[dict]:
    if which == "refused":
        entries = list(manifest.get("refused", []))
    else:
        entries = mf.documents(manifest, which)
        if which == "all":
            entries += list(manifest.get("refused", []))
    if only:
        wanted = set(only.split(","))
        entries = [e for e in (manifest["documents"] + manifest.get("refused", [])) if e["id"] in wanted]
    return entries


def cmd_run(args) -> int:
    manifest = mf.load()
    entries = _select(manifest, args.set, args.only)
    folder = mf.corpus_dir()
    absent = [e["id"] for e in entries if not mf.present(e, folder)]
    if absent:
        print(
            f"{len(absent)} document(s) not in {folder} (run `materialize`): {', '.join(absent[:5])}…", file=sys.stderr
        )
        entries = [e for e in entries if e["id"] not in absent]
    use_lo = not args.no_lo
    if use_lo and (why := missing()):
        print(f"LibreOffice checks skipped: {why}", file=sys.stderr)
        use_lo = False
    tool = Tool(python=args.python)
    tprint = tool_fingerprint(tool)
    cache = folder / ".results"
    cache.mkdir(parents=True, exist_ok=True)
    work_root = Path(tempfile.mkdtemp(prefix="wttsc-word-corpus-"))
    local = threading.local()
    workers: list[LoWorker] = []
    lock = threading.Lock()

    def worker() -> LoWorker | None:
        if not use_lo:
            return None
        if not hasattr(local, "lo"):
            local.lo = LoWorker()
            with lock:
                workers.append(local.lo)
        return local.lo

    def one(entry: dict) -> dict:
        key = cache_key(entry, tprint, use_lo)
        cached = cache / f"{entry['id']}.{key}.json"
        if cached.is_file() and not args.fresh:
            return json.loads(cached.read_text(encoding="utf-8"))
        src = mf.local_path(entry, folder)
        try:
            if "reason" in entry:
                res = check_refused(entry, src, work_root / entry["id"], tool)
            else:
                res = run_document(entry, src, work_root / entry["id"], tool, worker())
        except Exception as exc:  # the harness must survive any one document
            res = {
                "id": entry["id"],
                "set": entry.get("set", "refused"),
                "source": entry["source"],
                "structures": [],
                "checks": dict.fromkeys(CHECKS, "n/a"),
                "failures": [
                    {
                        "class": "harness-error",
                        "variant": "all",
                        "detail": f"{type(exc).__name__}: {exc}"[:300],
                        "count": 1,
                    }
                ],
                "notes": [],
            }
        tmp = cached.with_suffix(".tmp")
        tmp.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(cached)
        return res

    def stop(signum, frame):  # a killed run must not leave soffice processes behind
        for w in workers:
            w.kill()
        os._exit(130)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    results: list[dict] = []
    try:
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = {pool.submit(one, e): e for e in entries}
            for n, fut in enumerate(as_completed(futures), 1):
                res = fut.result()
                results.append(res)
                if not args.quiet:
                    print(f"[{n}/{len(entries)}] {_row(res)}", flush=True)
    finally:
        for w in workers:
            w.close()
    results.sort(key=lambda r: r["id"])
    print(report(results, absent))
    if args.json:
        out = Path(args.json)
        out.write_text(
            json.dumps({"results": results, "absent": absent}, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return 1 if any(r["failures"] for r in results) else 0


def _row(res: dict) -> str:
    marks = " ".join(f"{c}={v}" for c, v in res["checks"].items())
    classes = sorted({f["class"] for f in res["failures"]})
    return f"{res['id']:<48} {marks}  {', '.join(classes)}"


def report(results: list[dict], absent: list[str]) -> str:
    lines = []
    cols = CHECKS
    head = f"{'document':<44} {'structures':<30} " + " ".join(f"{c[:8]:>8}" for c in cols)
    lines.append(head)
    lines.append("-" * len(head))
    for r in results:
        if r.get("set") == "refused":
            lines.append(f"{r['id']:<44} {'refused: ' + r.get('reason', '')[:21]:<30} {r['checks']['refused']:>8}")
            continue
        structs = ",".join(s for s in r.get("structures", []) if not s.startswith(("paragraphs_", "field_")))[:30]
        lines.append(f"{r['id']:<44} {structs:<30} " + " ".join(f"{r['checks'].get(c, 'n/a'):>8}" for c in cols))
    docs = [r for r in results if r.get("set") != "refused"]
    refused = [r for r in results if r.get("set") == "refused"]
    lines.append("")
    lines.append(
        f"documents: {len(docs)}  pass: {sum(1 for r in docs if not r['failures'])}  fail: {sum(1 for r in docs if r['failures'])}"
    )
    for c in cols:
        cnt = Counter(r["checks"].get(c, "n/a") for r in docs)
        lines.append(f"  {c:<14} pass {cnt['pass']:>4}  fail {cnt['fail']:>4}  n/a {cnt['n/a']:>4}")
    if refused:
        lines.append(
            f"refused files: {len(refused)}  refused correctly: {sum(1 for r in refused if not r['failures'])}"
        )
    if absent:
        lines.append(f"not present locally: {len(absent)}")
    xml_judged = [r for r in docs if r.get("judged_without_libreoffice")]
    if xml_judged:
        lines.append("")
        lines.append("judged without LibreOffice (Reject/Accept All on the XML, tools/wordcorpus/resolve.py):")
        for r in xml_judged:
            lines.append(f"  {r['id']}: {'; '.join(r['judged_without_libreoffice'])}")
    by_class: dict[str, set[str]] = defaultdict(set)
    for r in results:
        for f in r["failures"]:
            by_class[f["class"]].add(r["id"])
    lines.append("")
    lines.append("failure classes (documents affected):")
    for cls, ids in sorted(by_class.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        lines.append(f"  {len(ids):>4}  {cls}   e.g. {', '.join(sorted(ids)[:3])}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="scan the fetched snapshots and write the manifest")
    b.add_argument("--target", type=int, default=210)
    b.add_argument("--seed", type=int, default=18)
    sub.add_parser("materialize", help="copy the manifest's files from the fetched snapshots")
    r = sub.add_parser("run", help="run the round trip on the corpus")
    r.add_argument("--set", choices=["main", "heldout", "all", "refused"], default="main")
    r.add_argument("--only", help="comma-separated document ids")
    r.add_argument("--jobs", type=int, default=2)
    r.add_argument("--json", help="write every result to this JSON file")
    r.add_argument("--python", default=sys.executable, help="interpreter that has wttsc_policy installed")
    r.add_argument("--no-lo", action="store_true", help="skip the LibreOffice checks")
    r.add_argument("--fresh", action="store_true", help="ignore cached results")
    r.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    return {"build": cmd_build, "materialize": cmd_materialize, "run": cmd_run}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
