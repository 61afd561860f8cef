"""Build the manifest from fetched snapshots, and rebuild the local corpus from the manifest.

Selection favours variety: a greedy pick that scores each candidate by the structures it
would add that the selection has few of (fields by type, content controls, text boxes,
revisions, numbering overrides, tables, frames, generators, ...), with a small push
towards sources not yet well represented. Everything is deterministic for a given set of
snapshots and seed.
"""

from __future__ import annotations

import random
import subprocess
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from .manifest import MANIFEST, SOURCES, corpus_dir, local_path, make_id, mirror_git_dir, read_from_mirror, sha256
from .ooxml import NotWordDocument
from .scan import scan

MAX_BYTES = 4_000_000  # snapshots lack files of 4 MiB and more anyway
MIN_WORDS = 20
# Structures too common or too generic to steer the selection.
_BORING = {
    "paragraphs_body",
    "paragraphs_header",
    "paragraphs_footer",
    "paragraphs_footnotes",
    "paragraphs_endnotes",
    "bookmarks",
    "page_breaks",
    "sections",
}


def _listing(repo: str) -> tuple[str, list[tuple[str, int, str]]]:
    git = str(mirror_git_dir(repo))
    commit = subprocess.run(
        ["git", "--git-dir", git, "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()
    out = subprocess.run(
        ["git", "--git-dir", git, "ls-tree", "-r", "-l", commit], check=True, capture_output=True, text=True
    ).stdout
    files = []
    for line in out.splitlines():
        meta, path = line.split("\t", 1)
        _mode, kind, _blob, size = meta.split()
        if kind == "blob" and path.lower().endswith(".docx") and size.isdigit() and int(size) < MAX_BYTES:
            files.append((path, int(size), commit))
    return commit, sorted(files)


def _features(info: dict) -> set[str]:
    feats = {k for k in info["structures"] if k not in _BORING}
    feats |= {f"site:{k}" for k in info["plant_tricky"]}
    feats.add(f"gen:{info['generator']}")
    levels = info["structures"].get("list_levels", 0)
    if levels >= 3:
        feats.add("list_levels>=3")
    if info["structures"].get("sections", 0) >= 2:
        feats.add("sections>=2")
    if info["structures"].get("rev_authors", 0) >= 2:
        feats.add("rev_authors>=2")
    return feats


def _greedy(cands: list[dict], target: int) -> list[dict]:
    chosen: list[dict] = []
    have: Counter[str] = Counter()
    per_source: Counter[str] = Counter()
    left = sorted(cands, key=lambda c: c["sha256"])
    while left and len(chosen) < target:

        def score(c: dict) -> float:
            s = sum(1.0 / (1 + have[f]) for f in c["_feats"])
            return s + 2.0 / (1 + per_source[c["source"]])

        best = max(left, key=lambda c: (score(c), c["sha256"]))
        left.remove(best)
        chosen.append(best)
        have.update(best["_feats"])
        per_source[best["source"]] += 1
    return chosen


def _split(docs: list[dict], seed: int) -> None:
    """About a third of each source goes to the held-out set, chosen at random (fixed seed)."""
    rng = random.Random(seed)
    by_source: dict[str, list[dict]] = defaultdict(list)
    for d in docs:
        by_source[d["source"]].append(d)
    for source in sorted(by_source):
        group = sorted(by_source[source], key=lambda d: d["id"])
        rng.shuffle(group)
        n_held = round(len(group) / 3)
        for i, d in enumerate(group):
            d["set"] = "heldout" if i < n_held else "main"


def build(target: int = 210, seed: int = 18, refused_per_reason: int = 4) -> dict:
    """Scan every .docx of every fetched source and write the manifest."""
    seen: set[str] = set()
    cands: list[dict] = []
    refused: dict[str, list[dict]] = defaultdict(list)
    sources = {}
    for repo, (licence, licence_file) in SOURCES.items():
        if not mirror_git_dir(repo).is_dir():
            continue
        commit, files = _listing(repo)
        sources[repo] = {"commit": commit, "licence": licence, "licence_file": licence_file}
        for path, _size, _ in files:
            data = read_from_mirror(repo, commit, path)
            digest = sha256(data)
            if digest in seen:
                continue
            seen.add(digest)
            entry = {"source": repo, "path": path, "commit": commit, "sha256": digest, "size": len(data)}
            try:
                info = scan(data)
            except NotWordDocument as exc:
                reason = str(exc)
                refused[reason.split(":", maxsplit=1)[0]].append({**entry, "reason": reason})
                continue
            except Exception as exc:  # a file our own scanner cannot read: not a candidate
                refused["scanner-error"].append({**entry, "reason": f"scanner-error: {type(exc).__name__}"})
                continue
            if info["kind"] != "document" or info["plant_plain"] == 0 or info["words"] < MIN_WORDS:
                continue
            cands.append({**entry, **{k: v for k, v in info.items() if k != "kind"}, "_feats": _features(info)})
    chosen = _greedy(cands, target)
    taken: set[str] = set()
    for d in sorted(chosen, key=lambda d: (d["source"], d["path"])):
        d["id"] = make_id(d["source"], d["path"], taken)
    _split(chosen, seed)
    docs = []
    for d in sorted(chosen, key=lambda d: d["id"]):
        docs.append(
            {
                "id": d["id"],
                "set": d["set"],
                "source": d["source"],
                "path": d["path"],
                "commit": d["commit"],
                "sha256": d["sha256"],
                "size": d["size"],
                "licence": sources[d["source"]]["licence"],
                "generator": d["generator"],
                "words": d["words"],
                "plain_runs": d["plain_runs"],
                "tricky_sites": d["plant_tricky"],
                "structures": d["structures"],
            }
        )
    ref_list = []
    for reason in sorted(refused):
        if reason == "scanner-error":
            continue
        for e in sorted(refused[reason], key=lambda e: e["sha256"])[:refused_per_reason]:
            ref_list.append(
                {**e, "id": make_id(e["source"], e["path"], taken), "licence": sources[e["source"]]["licence"]}
            )
    return {
        "version": 1,
        "seed": seed,
        "about": "Public Word documents of other projects, never committed: see tools/word_corpus_fetch.md",
        "planted_sentence": "This policy follows Working Together to Safeguard Children 2018.",
        "sources": sources,
        "candidates_scanned": len(seen),
        "documents": docs,
        "refused": sorted(ref_list, key=lambda e: e["id"]),
    }


def write_manifest(manifest: dict, path: Path = MANIFEST) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True, width=120)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def materialize(manifest: dict, folder: Path | None = None) -> tuple[int, list[str]]:
    """Copy every manifest file from the fetched snapshots into the corpus folder, verified.

    Returns (files written or already right, problems)."""
    folder = folder or corpus_dir()
    folder.mkdir(parents=True, exist_ok=True)
    ok, problems = 0, []
    for entry in [*manifest["documents"], *manifest.get("refused", [])]:
        path = local_path(entry, folder)
        if path.is_file() and sha256(path.read_bytes()) == entry["sha256"]:
            ok += 1
            continue
        try:
            data = read_from_mirror(entry["source"], entry["commit"], entry["path"])
        except (subprocess.CalledProcessError, FileNotFoundError):
            problems.append(f"{entry['id']}: {entry['source']} is not fetched (fetch github:{entry['source']})")
            continue
        if sha256(data) != entry["sha256"]:
            problems.append(f"{entry['id']}: sha256 differs from the manifest")
            continue
        tmp = path.with_suffix(".part")
        tmp.write_bytes(data)
        tmp.replace(path)
        ok += 1
    return ok, problems
