"""The word_corpus marker and the shared pieces of the real-document fidelity tests (issue 18)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[2] / "tools"
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "word_corpus: round trip on public Word documents kept outside git (skipped when the corpus is absent)",
    )


@pytest.fixture(scope="session")
def lo_worker():
    """One LibreOffice for the whole session, or None (with the reason) when it cannot run."""
    from wordcorpus.lo import LoWorker, missing

    why = missing()
    if why:
        yield why
        return
    worker = LoWorker()
    try:
        yield worker
    finally:
        worker.close()
