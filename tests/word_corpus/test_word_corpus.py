"""Issue 18: the round trip on every document of the manifest's main set.

For each public Word document (kept outside git, see tools/word_corpus_fetch.md): the
outdated sentence planted in body runs (and in the document's tricky places) is found;
`update` writes a package that passes the static checks; LibreOffice's Reject All gives
the planted document back (text, paragraph styles, list labels, character formatting);
Accept All leaves no outdated reference unless the change notes ask for a hand edit.
Refused files (encrypted, damaged, Strict OOXML) must be refused with exit code 2.

The documents are not in the repository, and CI has no copy. The round trip is opt-in: it
runs only when $WTTSC_WORD_CORPUS names the corpus folder, and every case skips, saying so,
when that folder lacks the file - also when CI=true.
The held-out set is not run here: `python tools/word_corpus.py run --set heldout`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest
from wordcorpus import manifest as mf
from wordcorpus.harness import check_refused, run_document
from wordcorpus.tool import Tool

pytestmark = pytest.mark.word_corpus

MANIFEST = mf.load()
MAIN = mf.documents(MANIFEST, "main")
REFUSED = MANIFEST.get("refused", [])


def _local(entry: dict) -> Path:
    if not os.environ.get("WTTSC_WORD_CORPUS"):
        pytest.skip(
            "the real-document round trip is opt-in (about 10 s a document with LibreOffice): "
            "set WTTSC_WORD_CORPUS to the corpus folder (e.g. /work/word-corpus) to run it"
        )
    if not mf.present(entry):
        pytest.skip(
            f"{entry['id']} is not in {mf.corpus_dir()} (the corpus is kept outside git and CI has none; "
            "rebuild it with tools/word_corpus_fetch.md or set WTTSC_WORD_CORPUS)"
        )
    return mf.local_path(entry)


def _explain(failures: list[dict]) -> str:
    return "\n".join(f"- {f['class']} [{f['variant']}]: {f['detail']}" for f in failures)


@pytest.mark.parametrize("entry", MAIN, ids=[e["id"] for e in MAIN])
def test_round_trip(entry: dict, lo_worker) -> None:
    src = _local(entry)
    lo = None if isinstance(lo_worker, str) else lo_worker
    with tempfile.TemporaryDirectory(prefix="wttsc-wc-") as tmp:
        result = run_document(entry, src, Path(tmp) / entry["id"], Tool(python=sys.executable), lo)
    assert not result["failures"], f"{entry['id']} ({entry['source']}:{entry['path']}):\n" + _explain(
        result["failures"]
    )
    if lo is None:
        pytest.skip(f"LibreOffice checks not run: {lo_worker}")


@pytest.mark.parametrize("entry", REFUSED, ids=[e["id"] for e in REFUSED])
def test_refused_with_exit_2(entry: dict) -> None:
    src = _local(entry)
    with tempfile.TemporaryDirectory(prefix="wttsc-wc-") as tmp:
        result = check_refused(entry, src, Path(tmp) / entry["id"], Tool(python=sys.executable))
    assert not result["failures"], _explain(result["failures"])
