"""A long-lived LibreOffice worker (tests/lo/lo_fidelity.py --serve) with per-document timeouts.

One soffice per worker serves many documents. When a document hangs or crashes it, the
worker's whole process group is killed, that document is recorded as a LibreOffice
failure, and the next request starts a fresh worker: one bad file never loses the run.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import signal
import subprocess
import threading
from pathlib import Path

from .manifest import ROOT

LO_PYTHON = "/usr/bin/python3"
LO_FIDELITY = ROOT / "tests" / "lo" / "lo_fidelity.py"


def missing() -> str | None:
    """Why LibreOffice cannot be used here, or None."""
    if shutil.which("soffice") is None:
        return "LibreOffice (soffice) is not installed"
    if not Path(LO_PYTHON).exists():
        return f"{LO_PYTHON} not found"
    probe = subprocess.run([LO_PYTHON, "-c", "import uno"], capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        return "python3-uno is not installed (`import uno` fails under /usr/bin/python3)"
    return None


class LoWorker:
    def __init__(self, start_timeout: float = 180) -> None:
        self.proc: subprocess.Popen | None = None
        self.lines: queue.Queue = queue.Queue()
        self.start_timeout = start_timeout

    def _start(self) -> None:
        env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp"}
        self.proc = subprocess.Popen(
            [LO_PYTHON, str(LO_FIDELITY), "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            start_new_session=True,
            env=env,
        )
        self.lines = queue.Queue()
        threading.Thread(target=self._pump, args=(self.proc, self.lines), daemon=True).start()
        ready = self._next_line(self.start_timeout)
        if ready is None or not json.loads(ready).get("ready"):
            self.kill()
            raise RuntimeError("LibreOffice worker did not start")

    @staticmethod
    def _pump(proc: subprocess.Popen, lines: queue.Queue) -> None:
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    def _next_line(self, timeout: float) -> str | None:
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            return None

    def request(self, path: Path, modes: list[str], timeout: float = 240) -> dict:
        """LibreOffice's dump of `path` in each mode, or {'error': 'lo-timeout'|'lo-crash'|...}."""
        if self.proc is None or self.proc.poll() is not None:
            try:
                self._start()
            except RuntimeError as exc:
                return {"path": str(path), "modes": {}, "error": f"lo-start: {exc}"}
        assert self.proc is not None and self.proc.stdin is not None
        try:
            self.proc.stdin.write(json.dumps({"path": str(path), "modes": modes}) + "\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            self.kill()
            return {"path": str(path), "modes": {}, "error": "lo-crash"}
        proc = self.proc
        line = self._next_line(timeout)
        if line is None:
            crashed = proc is None or proc.poll() is not None
            self.kill()
            return {"path": str(path), "modes": {}, "error": "lo-crash" if crashed else "lo-timeout"}
        return json.loads(line)

    def kill(self) -> None:
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=10)
        self.proc = None

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None and self.proc.stdin is not None:
            try:
                self.proc.stdin.close()
                self.proc.wait(timeout=60)
                self.proc = None  # ended by itself: its process group is gone, kill nothing
            except (OSError, subprocess.TimeoutExpired):
                pass
        self.kill()
