"""The corpus manifest: which public documents, from where, and where the local copies live.

The documents themselves are never committed (house rule: nothing fetched is). The
manifest names each one by repository, path, commit and sha256, so the copy under
/work/word-corpus (or $WTTSC_WORD_CORPUS) can be rebuilt and verified.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "tests" / "data" / "word_corpus" / "manifest.yaml"
DEFAULT_CORPUS = Path("/work/word-corpus")
MIRRORS = Path("/work/.mirror")

# Repository -> (licence, file it was read from). Checked by hand in each snapshot.
SOURCES: dict[str, tuple[str, str]] = {
    "python-openxml/python-docx": ("MIT", "LICENSE"),
    "plutext/docx4j": ("Apache-2.0", "legals/LICENSE"),
    "apache/poi": ("Apache-2.0", "legal/LICENSE"),
    "apache/tika": ("Apache-2.0", "LICENSE.txt"),
    "jgm/pandoc": ("GPL-2.0-or-later", "COPYING.md"),
    "mwilliamson/mammoth.js": ("BSD-2-Clause", "LICENSE"),
    "OpenXmlDev/Open-Xml-PowerTools": ("MIT", "LICENSE"),
    "dotnet/Open-XML-SDK": ("MIT", "LICENSE"),
    "ShayHill/docx2python": ("MIT", "LICENSE.txt"),
}


def corpus_dir() -> Path:
    return Path(os.environ.get("WTTSC_WORD_CORPUS") or DEFAULT_CORPUS)


def load(path: Path = MANIFEST) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def documents(manifest: dict, which: str = "main") -> list[dict]:
    docs = manifest["documents"]
    return [d for d in docs if which == "all" or d["set"] == which]


def local_path(entry: dict, folder: Path | None = None) -> Path:
    return (folder or corpus_dir()) / f"{entry['id']}.docx"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def present(entry: dict, folder: Path | None = None) -> bool:
    """The local copy exists and is exactly the manifest's file."""
    path = local_path(entry, folder)
    return path.is_file() and sha256(path.read_bytes()) == entry["sha256"]


def mirror_git_dir(repo: str) -> Path:
    return MIRRORS / repo.replace("/", "+") / "repo"


def read_from_mirror(repo: str, commit: str, path: str) -> bytes:
    """One file of a fetched snapshot (`fetch github:OWNER/NAME` brings it under /work/.mirror)."""
    return subprocess.run(
        ["git", "--git-dir", str(mirror_git_dir(repo)), "show", f"{commit}:{path}"],
        check=True,
        capture_output=True,
    ).stdout


def make_id(repo: str, path: str, taken: set[str]) -> str:
    """A short stable id: source prefix + file stem, made unique with a counter."""
    prefix = {
        "python-openxml/python-docx": "pydocx",
        "plutext/docx4j": "docx4j",
        "apache/poi": "poi",
        "apache/tika": "tika",
        "jgm/pandoc": "pandoc",
        "mwilliamson/mammoth.js": "mammoth",
        "OpenXmlDev/Open-Xml-PowerTools": "oxpt",
        "dotnet/Open-XML-SDK": "oxsdk",
        "ShayHill/docx2python": "d2py",
    }.get(repo, re.sub(r"[^a-z0-9]+", "", repo.rsplit("/", maxsplit=1)[-1].lower()))
    stem = re.sub(r"[^A-Za-z0-9]+", "-", Path(path).stem).strip("-").lower()[:40] or "doc"
    base = f"{prefix}-{stem}"
    out, n = base, 2
    while out in taken:
        out, n = f"{base}-{n}", n + 1
    taken.add(out)
    return out
