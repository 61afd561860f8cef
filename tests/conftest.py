"""Shared fixtures: the repository root and a helper running the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))


def pytest_configure(config: pytest.Config) -> None:
    """The suite (and every CLI it runs) uses a user cache of its own, never the user's."""
    if "WTTSC_POLICY_CACHE_DIR" not in os.environ:
        import tempfile

        os.environ["WTTSC_POLICY_CACHE_DIR"] = tempfile.mkdtemp(prefix="wttsc-policy-test-cache-")
        config._wttsc_cache = os.environ["WTTSC_POLICY_CACHE_DIR"]  # type: ignore[attr-defined]


def pytest_unconfigure(config: pytest.Config) -> None:
    made = getattr(config, "_wttsc_cache", None)
    if made:
        import shutil

        shutil.rmtree(made, ignore_errors=True)
        os.environ.pop("WTTSC_POLICY_CACHE_DIR", None)


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
