"""A time budget for checking one file: the backstop behind the regex safety check.

Python's `re` checks for signals while it backtracks, so an interval timer can stop a
pattern that runs away on hostile text (rulepacks/safety.py refuses the known shapes;
this catches what it cannot foresee). Only the main thread receives signals, which is
where `check` runs each file (in the parent or in a worker process); elsewhere the
budget is not enforced.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from wttsc_policy.errors import InputError


class OverBudget(InputError):
    """Checking a file took longer than its time budget."""


@contextmanager
def time_budget(seconds: float, path: Path | str) -> Iterator[None]:
    """Raise OverBudget (naming `path`) when the block runs longer than `seconds`."""
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0  # never override someone else's timer
    )
    if not usable:
        yield
        return

    def expired(signum: int, frame: FrameType | None) -> None:
        raise OverBudget(
            f"checking the file took longer than {seconds:g} seconds (time_limit in config); "
            "its text may be built to slow the checker down",
            path,
        )

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
