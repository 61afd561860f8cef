"""Shared fixtures: the repository root and a helper running the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture
def run_cli():
    """Run `python -m wttsc_policy ARGS` in a subprocess, like a user would."""

    def run(
        *args: str, cwd: Path | None = None, env: dict | None = None, timeout: int = 120
    ) -> subprocess.CompletedProcess:
        full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
        full_env.pop("GITHUB_ACTIONS", None) if "GITHUB_ACTIONS" not in (env or {}) else None
        return subprocess.run(
            [sys.executable, "-m", "wttsc_policy", *args],
            cwd=cwd or ROOT,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    return run
