"""Where the project's files are, for tests (not in conftest.py: tests/word_corpus has a
conftest of its own, and `from conftest import ...` then picks whichever was imported first)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
