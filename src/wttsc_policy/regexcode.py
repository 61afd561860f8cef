"""Rule regexes compiled from remembered bytecode.

Compiling a regex runs re's parser and code generator, written in Python: about a
hundred microseconds a pattern, and a check compiles a few hundred of them (most of the
cost of matching a one-page policy). The code re generates for a pattern depends only on
the pattern, its flags and the Python version, so it is kept in the user cache
(cache.py, keyed by the Python version among the rest) and handed back to the regex
engine (`_sre.compile`, which checks the code before using it) on the next run.

This uses CPython's private `re._compiler` and `_sre` modules the way `re.compile` does;
any difference (another Python, a moved function, an entry of the wrong shape, code the
engine refuses) means a plain `re.compile`, so results never depend on the cache.
"""

from __future__ import annotations

import atexit
import re
from array import array
from typing import Any

from wttsc_policy import cache

_KIND = "regex-code"
_MAX_REMEMBERED = 1_000  # about 1 MB, read at every start (a check uses 150-450)
Entry = tuple[int, int, bytes, int, dict[str, int], tuple[str | None, ...]]  # magic, flags, code, groups...
_known: dict[tuple[str, int], Entry] = {}
_state = {"loaded": False, "added": 0}

try:  # the engine's private interface, as re._compiler.compile uses it
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _MAGIC: int | None = int(_sre.MAGIC) if array("I").itemsize == _sre.CODESIZE else None
except Exception:  # pragma: no cover - another Python: plain re.compile
    _MAGIC = None


def compile_regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), from remembered code when there is some."""
    if _MAGIC is None:
        return re.compile(pattern, flags)
    if not _state["loaded"]:
        _load()
    key = (pattern, int(flags))
    entry = _known.get(key)
    if entry is not None and not _well_formed(key, entry):  # checked on use, not all at load
        del _known[key]
        entry = None
    if entry is not None:
        try:
            _magic, all_flags, stored, groups, names, numbers = entry
            return _sre.compile(  # type: ignore[no-any-return]
                pattern, all_flags, array("I", stored).tolist(), groups, names, numbers
            )
        except Exception:
            del _known[key]  # refused: compile it afresh below
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        entry = (_MAGIC, int(flags | parsed.state.flags), array("I", code).tobytes(), parsed.state.groups - 1,
                 groupindex, tuple(indexgroup))  # fmt: skip
        compiled = _sre.compile(pattern, entry[1], code, entry[3], groupindex, entry[5])
    except re.error:
        raise
    except Exception:  # pragma: no cover - private interface changed
        return re.compile(pattern, flags)
    _known[key] = entry
    if not _state["added"]:
        atexit.register(_save)
    _state["added"] += 1
    return compiled  # type: ignore[no-any-return]


def _load() -> None:
    _state["loaded"] = True
    stored = cache.load(_KIND, cache.key_for(_KIND, []))
    if isinstance(stored, dict):
        _known.update(stored)  # each entry is checked when it is used (a check uses a few hundred)


def _well_formed(key: Any, value: Any) -> bool:
    """An entry of the shape compile_regex writes, for this engine (anything else is ignored)."""
    if not (isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str) and isinstance(key[1], int)):
        return False
    if not (isinstance(value, tuple) and len(value) == 6 and value[0] == _MAGIC):
        return False
    _magic, flags, code, groups, groupindex, indexgroup = value
    return (
        isinstance(flags, int)
        and isinstance(code, bytes)
        and isinstance(groups, int)
        and isinstance(groupindex, dict)
        and all(isinstance(k, str) and isinstance(v, int) for k, v in groupindex.items())
        and isinstance(indexgroup, tuple)
        and all(x is None or isinstance(x, str) for x in indexgroup)
    )


def _save() -> None:
    if _state["added"] and len(_known) <= _MAX_REMEMBERED:
        cache.store(_KIND, cache.key_for(_KIND, []), dict(_known))
        _state["added"] = 0
