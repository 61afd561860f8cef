"""Is a rule regex safe to run on text anyone can write? (No catastrophic backtracking.)

Python's `re` backtracks: a pattern such as `(\\w+\\s?)+` or `\\s*\\s*x` takes
exponential or high-polynomial time on a long run of words or spaces that almost
matches. A rule pack comes from whoever can edit the trust's repository, so every
pattern (built-in or not) passes `unsafe_reason` when its pack is loaded:

* a repeated group (`+`, `*`, `{2,}`, `{0,9}`...) whose body can match different
  lengths and can end with a character it can also start with: the same text then
  splits into repetitions in many ways (`(a+)+`, `(?:\\w+\\s*){2,8}`, `(a|ab)+`);
  a repeated body that can match the empty string (`(a*)*`);
* two quantified items next to each other (with only optional items between them)
  whose characters overlap: `\\s*\\s*`, `\\w+\\s*\\w+`, `.*\\s+`, where a run of the
  shared characters can be divided between them in many ways.

The check works on the parsed pattern (`re._parser`), after `compile_pattern` has
turned spaces into whitespace runs, and compares character classes on a sample
alphabet (ASCII plus the Unicode letters, spaces and punctuation policies contain).
It is conservative: it may refuse a pattern that is in fact fast, never the other way
round for these shapes. The matcher's per-file time budget backs it up.
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from typing import Any

from wttsc_policy.records import record
from wttsc_policy.rulepacks.patterns import compile_pattern

# the regex parser prefilter.py reads too (private, but stable since Python 3.11)
_p: Any = importlib.import_module("re._parser")

# Characters that policy text is made of: enough to tell classes apart.
_SAMPLE = "".join(chr(i) for i in range(32, 127)) + "\t\n\r\u00a0\u2019\u201c\u2013éÉßø\u0131"
_ALL = frozenset(range(len(_SAMPLE)))
_NONE: frozenset[int] = frozenset()
_BIG = 1 << 30
# A repeat allowed more times than this counts as a loop: its cost grows with the text.
# A bounded window (`{0,4}`, `[^.]{0,200}`) only multiplies the work by a constant.
_LOOP = 255


@record(frozen=True)
class _Info:
    first: frozenset[int]  # sample characters a match can start with
    last: frozenset[int]  # ... end with
    nullable: bool  # can match the empty string
    variable: bool  # can match strings of different lengths
    loops: frozenset[int]  # characters some unbounded repeat inside can consume
    lead: frozenset[int]  # ... a loop at the very start of a match can consume
    trail: frozenset[int]  # ... a loop at the very end of a match can consume


class UnsafePattern(ValueError):
    """A pattern shaped for catastrophic backtracking."""


def _chars(test: re.Pattern[str] | _InClass) -> frozenset[int]:
    return frozenset(i for i, ch in enumerate(_SAMPLE) if test.fullmatch(ch))


@cache
def _class_of(pattern: str, flags: int) -> frozenset[int]:
    return _chars(re.compile(pattern, (flags & re.IGNORECASE) | re.DOTALL))


def _single(op: Any, av: Any, flags: int) -> frozenset[int]:
    """The sample characters matched by one single-character item."""
    if op is _p.ANY:
        return _ALL
    if op is _p.LITERAL:
        return _class_of(re.escape(chr(av)), flags)
    if op is _p.NOT_LITERAL:
        return _class_of(f"[^{re.escape(chr(av))}]", flags)
    # IN: rebuild the class from its parsed items (cached: the same classes recur)
    return _in_class(tuple(av), flags & re.IGNORECASE)


@cache
def _in_class(items: tuple[tuple[Any, Any], ...], flags: int) -> frozenset[int]:
    return _chars(_InClass(list(items), flags))


class _InClass:
    """A parsed character class as a fullmatch-able object (so `_chars` can test it)."""

    def __init__(self, items: list[tuple[Any, Any]], flags: int) -> None:
        self.items = items
        self.flags = flags

    def fullmatch(self, ch: str) -> bool:
        negate = False
        hit = False
        ignore = bool(self.flags & re.IGNORECASE)
        cands = {c for c in (ch, ch.lower(), ch.upper()) if len(c) == 1} if ignore else {ch}
        for op, av in self.items:
            if op is _p.NEGATE:
                negate = True
            elif op is _p.LITERAL:
                hit = hit or chr(av) in cands
            elif op is _p.RANGE:
                lo, hi = av
                hit = hit or any(lo <= ord(c) <= hi for c in cands)
            elif op is _p.CATEGORY:
                hit = hit or _category(av, ch)
        return hit != negate


def _category(cat: Any, ch: str) -> bool:
    name = str(cat)
    if name.endswith("DIGIT"):
        res = ch.isdigit()
    elif name.endswith("SPACE"):
        res = ch.isspace()
    elif name.endswith("WORD"):
        res = ch.isalnum() or ch == "_"
    else:
        res = True
    return not res if "_NOT_" in name else res


def _seq(items: list[tuple[Any, Any]], flags: int, path: str) -> _Info:
    """Info for a sequence of items; raises UnsafePattern on a dangerous shape."""
    infos = [_item(op, av, flags, path) for op, av in items]
    _adjacent(infos, path)
    first: set[int] = set()
    for info in infos:
        first |= info.first
        if not info.nullable:
            break
    last: set[int] = set()
    for info in reversed(infos):
        last |= info.last
        if not info.nullable:
            break
    loops: set[int] = set()
    for info in infos:
        loops |= info.loops
    lead: set[int] = set()
    for info in infos:
        lead |= info.lead
        if not info.nullable:
            break
    trail: set[int] = set()
    for info in reversed(infos):
        trail |= info.trail
        if not info.nullable:
            break
    return _Info(
        first=frozenset(first),
        last=frozenset(last),
        nullable=all(i.nullable for i in infos),
        variable=any(i.variable for i in infos),
        loops=frozenset(loops),
        lead=frozenset(lead),
        trail=frozenset(trail),
    )


def _adjacent(infos: list[_Info], path: str) -> None:
    """Two looping items with only optional items between them must not share characters."""
    for i, left in enumerate(infos):
        if not left.trail:
            continue
        for right in infos[i + 1 :]:
            shared = left.trail & right.lead
            if shared:
                sample = "".join(_SAMPLE[k] for k in sorted(shared)[:5])
                raise UnsafePattern(
                    f"two repeats next to each other can both match {sample!r} (in {path}); "
                    "a long run of such characters makes matching very slow"
                )
            if not right.nullable:
                break


def _item(op: Any, av: Any, flags: int, path: str) -> _Info:
    if op in (_p.LITERAL, _p.NOT_LITERAL, _p.ANY, _p.IN):
        chars = _single(op, av, flags)
        return _Info(chars, chars, False, False, _NONE, _NONE, _NONE)
    if op is _p.SUBPATTERN:
        _group, add, _del, sub = av
        return _seq(list(sub), (flags | add) & ~_del, path)
    if op in (_p.ATOMIC_GROUP,):
        return _seq(list(av), flags, path)
    if op is _p.BRANCH:
        alts = [_seq(list(alt), flags, path) for alt in av[1]]
        lengths = {_width(alt) for alt in av[1]}
        return _Info(
            first=frozenset().union(*(a.first for a in alts)),
            last=frozenset().union(*(a.last for a in alts)),
            nullable=any(a.nullable for a in alts),
            variable=any(a.variable for a in alts) or len(lengths) > 1,
            loops=frozenset().union(*(a.loops for a in alts)),
            lead=frozenset().union(*(a.lead for a in alts)),
            trail=frozenset().union(*(a.trail for a in alts)),
        )
    if op in (_p.MAX_REPEAT, _p.MIN_REPEAT, _p.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        body = _seq(list(sub), flags, path)
        if hi == _p.MAXREPEAT:
            hi = _BIG
        if hi > 1 and op is not _p.POSSESSIVE_REPEAT:
            if body.nullable and hi > _LOOP:
                raise UnsafePattern(f"a repeated part can match nothing (in {path}); it can loop without progress")
            if ((body.variable and hi > _LOOP) or body.loops) and (body.first | body.lead) & (body.last | body.trail):
                sample = "".join(_SAMPLE[k] for k in sorted(body.first & body.last)[:5])
                raise UnsafePattern(
                    f"a repeated group can split the same text in many ways around {sample!r} (in {path}); "
                    "nested repeats over overlapping characters make matching exponentially slow"
                )
        looping = hi > _LOOP
        return _Info(
            first=body.first,
            last=body.last,
            nullable=lo == 0 or body.nullable,
            variable=body.variable or lo != hi,
            loops=body.loops | (body.first | body.last if looping else _NONE),
            lead=body.lead | (body.first if looping else _NONE),
            trail=body.trail | (body.last if looping else _NONE),
        )
    if op in (_p.AT, _p.ASSERT, _p.ASSERT_NOT):
        if op is not _p.AT:
            _seq(list(av[1]), flags, path)  # a lookaround is checked like any other part
        return _Info(_NONE, _NONE, True, False, _NONE, _NONE, _NONE)
    if op is _p.GROUPREF_EXISTS:
        _cond, yes, no = av
        parts = [_seq(list(yes), flags, path)] + ([_seq(list(no), flags, path)] if no else [])
        return _Info(
            first=frozenset().union(*(p.first for p in parts)),
            last=frozenset().union(*(p.last for p in parts)),
            nullable=True,
            variable=True,
            loops=frozenset().union(*(p.loops for p in parts)),
            lead=frozenset().union(*(p.lead for p in parts)),
            trail=frozenset().union(*(p.trail for p in parts)),
        )
    # GROUPREF (a backreference) and anything else: could be any text
    return _Info(_ALL, _ALL, True, True, _ALL, _ALL, _ALL)


def _width(items: Any) -> tuple[int, int]:
    try:
        lo, hi = items.getwidth()
    except AttributeError:  # a plain list from a branch
        return (0, _BIG)
    return int(lo), int(min(hi, _BIG))


def unsafe_reason(pattern: str, *, case_sensitive: bool = False) -> str | None:
    """Why `pattern` (a rule regex as written in a pack) could backtrack catastrophically,
    or None when it is safe."""
    compiled = compile_pattern(pattern, case_sensitive=case_sensitive)
    try:
        parsed = _p.parse(compiled.pattern, compiled.flags & ~re.UNICODE)
    except re.error as exc:  # compile_pattern succeeded, so this should not happen
        return f"cannot be analysed ({exc})"
    try:
        _seq(list(parsed), compiled.flags, repr(pattern))
    except UnsafePattern as exc:
        return str(exc)
    except RecursionError:
        return "is nested too deeply to analyse"
    return None


def check_pattern(pattern: str, *, case_sensitive: bool = False) -> None:
    """ValueError (for the pack schema) when the pattern is unsafe."""
    reason = unsafe_reason(pattern, case_sensitive=case_sensitive)
    if reason is not None:
        raise UnsafePattern(f"unsafe regex: {reason}")
