"""The cyclic garbage collector paused while one file is checked or updated.

Reading and matching a policy allocate hundreds of thousands of objects that live until
the file is done (blocks, normalised text, indexes) and almost no reference cycles (a
700-page policy leaves under a thousand cyclic objects), so the collector's passes over
them are pure cost: 5-8% of a `check`. Reference counting still frees everything else at
once, and the collector runs again as soon as the file is done (between the files of a
folder, it collects what one file left)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic collection inside the block (restored after it, also on error)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
