"""What a regex needs of a text, read from its parsed form: the literal strings every
match must contain (so a text without them is skipped with substring tests), and how
many line breaks one match can span (so a search can stay near those strings).

Both are conservative: a weaker answer (fewer strings, no bound) is always safe. Both
are remembered across runs in the user cache (cache.py): parsing the few hundred regexes
of the rule packs with re's parser costs more than checking a one-page policy.
"""

from __future__ import annotations

import atexit
import re
from collections.abc import Callable
from typing import Any, TypeVar

from wttsc_policy import cache

T = TypeVar("T")
_KIND = "regex-facts"
_MAX_REMEMBERED = 20_000
_known: dict[tuple[str, str, int], Any] = {}
_state = {"loaded": False, "added": 0}


def _remember(name: str, pattern: str, flags: int, work: Callable[[str, int], T]) -> T:
    """work(pattern, flags), remembered for this process and, at exit, in the user cache."""
    if not _state["loaded"]:
        _state["loaded"] = True
        stored = cache.load(_KIND, cache.key_for(_KIND, []))
        if isinstance(stored, dict):
            _known.update((k, v) for k, v in stored.items() if _well_formed(k, v))
    key = (name, pattern, int(flags))  # a plain int: re.RegexFlag is not a plain type for the cache
    try:
        return _known[key]  # type: ignore[no-any-return]
    except KeyError:
        pass
    value = _known[key] = work(pattern, flags)
    if not _state["added"]:
        atexit.register(_save)
    _state["added"] += 1
    return value


def _well_formed(key: Any, value: Any) -> bool:
    """A remembered fact of the shape its function returns (anything else is ignored)."""
    if not (isinstance(key, tuple) and len(key) == 3 and isinstance(key[1], str) and isinstance(key[2], int)):
        return False
    if key[0] == "breaks":
        return value is None or (isinstance(value, int) and value >= 0)
    if key[0] == "width":
        return value is None or (
            isinstance(value, tuple) and len(value) == 3 and all(isinstance(x, int) and x >= 0 for x in value)
        )
    if key[0] == "word":
        return isinstance(value, bool)
    if key[0] == "required":
        return value is None or (
            isinstance(value, frozenset)
            and all(isinstance(t, frozenset) and all(isinstance(x, str) for x in t) for t in value)
        )
    return False


def _save() -> None:
    if _state["added"] and len(_known) <= _MAX_REMEMBERED:
        cache.store(_KIND, cache.key_for(_KIND, []), dict(_known))
        _state["added"] = 0


Requirement = frozenset[frozenset[str]]  # any of these sets, all of whose strings occur
_MAX_TERMS = 32  # bound on the size of a requirement while it is being built


def required_literals(pattern: str, flags: int) -> Requirement | None:
    """What text must contain for the regex to match anywhere in it, or None.

    Read from the parsed pattern as "any of these sets of ASCII strings, all of each
    set": runs of literal characters in a sequence are all required; an alternation
    needs one of its branches; a group or a repeat taken at least once needs what its
    content needs. A block holding no complete set cannot match, so it is skipped with
    substring tests instead of a regex search. Weakening a requirement (dropping a
    string) is always safe, so strings under two characters are dropped.
    """
    return _remember("required", pattern, flags, _required_literals)


def parse(pattern: str, flags: int) -> tuple[Any, Any] | None:
    """(re's parsed form of a pattern, re's parser module), or None when the private parser
    has moved (another Python): the regex facts derived from it are then not claimed."""
    try:
        from re import _parser as sre_parse  # type: ignore[attr-defined]

        return sre_parse.parse(pattern, flags), sre_parse
    except Exception:  # pragma: no cover
        return None


def _required_literals(pattern: str, flags: int) -> Requirement | None:
    got = parse(pattern, flags)
    if got is None:  # private module moved: no prefilter, same results
        return None
    parsed, sre_parse = got
    found = _required(parsed, sre_parse)
    if not found:
        return None
    lower = bool(flags & re.IGNORECASE)
    terms = set()
    for term in found:
        kept = sorted(
            (x.lower() if lower else x for x in term if len(x) >= 2 and "\x00" not in x), key=len, reverse=True
        )
        if not kept:
            return None  # one branch needs nothing we can test for: every block is a candidate
        terms.add(frozenset(kept[:3]))
    return frozenset(terms)


def _required(items: Any, c: Any) -> Requirement | None:
    """Requirement of a parsed sequence (None = no constraint found)."""
    result: set[frozenset[str]] = {frozenset()}
    run: list[str] = []

    def combine(option: Requirement | None) -> None:
        nonlocal result
        if not option:
            return
        product = {a | b for a in result for b in option}
        if len(product) <= _MAX_TERMS:
            result = product

    def flush() -> None:
        if run:
            combine(frozenset([frozenset(["".join(run)])]))
            run.clear()

    for op, av in items:
        if op is c.LITERAL and av < 128:
            run.append(chr(av))
            continue
        flush()
        if op is c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if not add_flags and not del_flags:
                combine(_required(sub, c))
        elif op is c.BRANCH:
            options = [_required(alt, c) for alt in av[1]]
            present = [o for o in options if o]
            if options and len(present) == len(options) and sum(len(o) for o in present) <= _MAX_TERMS:
                combine(frozenset().union(*present))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            low, _high, sub = av
            if low >= 1:
                combine(_required(sub, c))
        elif op is getattr(c, "ATOMIC_GROUP", None):
            combine(_required(av, c))
    flush()
    if result == {frozenset()}:
        return None
    return frozenset(result)


def satisfied(requirement: Requirement, text: str, absent: Callable[[str], bool] | None = None) -> bool:
    """Whether `text` holds every string of some set of `requirement` (so a regex needing
    it may match there; False means it cannot). `absent(s)`, when given, answers cheaply
    that a string is not in the text, before the substring test."""
    return any(all((absent is None or not absent(x)) and x in text for x in term) for term in requirement)


def literal_tests_exact(text: str) -> bool:
    """Whether substring tests of lower-cased literals are exact for case-insensitive
    regexes on `text`: it is lower case and holds none of the characters re.IGNORECASE
    also equates with ASCII letters (dotless i, long s)."""
    return text == text.lower() and "\u0131" not in text and "\u017f" not in text


def max_line_breaks(pattern: str, flags: int) -> int | None:
    """The most line breaks one match can contain in text without a blank line (a line of
    whitespace only), or None when there is no such bound (a repeated negated class or
    \\W, '.' with DOTALL, a back-reference...)."""
    return _remember("breaks", pattern, flags, _max_line_breaks)


def _max_line_breaks(pattern: str, flags: int) -> int | None:
    got = parse(pattern, flags)
    if got is None:  # private module moved: no bound
        return None
    parsed, sre_parse = got
    return _breaks(parsed, sre_parse, bool((flags | parsed.state.flags) & re.DOTALL))


def _class_takes_break(items: Any, c: Any) -> bool:
    """Can a character class match a line break?"""
    for op, av in items:
        if op is c.NEGATE:
            return True  # (even when "\\n" is listed: no bound is lost by saying so)
        if op is c.CATEGORY and av in (c.CATEGORY_SPACE, c.CATEGORY_NOT_WORD, c.CATEGORY_NOT_DIGIT):
            return True
        if (op is c.LITERAL and av == 10) or (op is c.RANGE and av[0] <= 10 <= av[1]):
            return True
    return False


def _breaks(items: Any, c: Any, dotall: bool) -> int | None:
    """Sum over a sequence of the most line breaks each item can take (None: unbounded)."""
    total = 0
    for op, av in items:
        if op is c.LITERAL:
            total += av == 10
        elif op is c.NOT_LITERAL:
            total += av != 10
        elif op is c.ANY:
            total += dotall
        elif op is c.IN:
            total += _class_takes_break(av, c)
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # assertions consume nothing
        elif op is c.SUBPATTERN:
            _group, add_flags, del_flags, body = av
            sub = _breaks(body, c, (dotall or bool(add_flags & re.DOTALL)) and not del_flags & re.DOTALL)
            if sub is None:
                return None
            total += sub
        elif op is c.BRANCH:
            options = [_breaks(alt, c, dotall) for alt in av[1]]
            if None in options:
                return None
            total += max((o or 0 for o in options), default=0)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            _low, high, sub = av
            if len(sub) == 1 and sub[0][0] is c.IN and all(x == (c.CATEGORY, c.CATEGORY_SPACE) for x in sub[0][1]):
                total += 1  # a run of whitespace holds one break at most: no line is blank
                continue
            inner = _breaks(sub, c, dotall)
            if inner is None or (inner and high == c.MAXREPEAT):
                return None
            total += inner * high
        else:  # back-references, atomic groups, anything newer: no bound claimed
            return None
    return total
