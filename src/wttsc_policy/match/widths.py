"""How long one match of a regex can be, read from its parsed form: a long text (an
outline section) is then searched only in windows that wide around the strings a match
needs (prefilter.Joined._search); and whether a match always lies inside one word, so
that searching the words a document holds answers for the whole document
(prefilter.Joined). Conservative: no bound claimed is always safe. Remembered across
runs with the other regex facts (literals.py)."""

from __future__ import annotations

from typing import Any

from wttsc_policy.match.literals import _remember, parse

Width = tuple[int, int, int]  # a + b * (longest whitespace run) + c * (longest run of other characters)
# Every character str.isspace() and re's \s accept (none lies above U+3000), written out:
# finding them by testing the first 12,289 code points took longer than a one-page check's
# matching (tests/test_fuzz_matching.py checks the list against this Python).
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_WHITESPACE_CHARS = frozenset(WHITESPACE)


def max_width(pattern: str, flags: int) -> Width | None:
    """An upper bound on the length of one match, as (a, b, c): at most a + b * S + c * T
    characters in a text whose longest run of whitespace is S characters and longest run
    of anything else (a whitespace-separated word) is T. None when there is no such bound
    (a repeated group, a class that matches both kinds of character, a back-reference...).
    Rule regexes write word gaps as `\\s+` and word endings as `\\w*`: both are bounded."""
    return _remember("width", pattern, flags, _max_width)


def _max_width(pattern: str, flags: int) -> Width | None:
    got = parse(pattern, flags)
    if got is None:  # private module moved: no bound
        return None
    return _width(*got)


def _class_kind(items: Any, c: Any) -> str | None:
    """'space' when a class matches only whitespace, 'word' when it matches none, else None."""
    kinds = set()
    for op, av in items:
        if op is c.LITERAL:
            kinds.add("space" if chr(av) in _WHITESPACE_CHARS else "word")
        elif op is c.RANGE:
            lo, hi = av
            has_space = any(lo <= ord(ch) <= hi for ch in _WHITESPACE_CHARS)
            if has_space and (hi - lo + 1 > sum(lo <= ord(ch) <= hi for ch in _WHITESPACE_CHARS)):
                return None
            kinds.add("space" if has_space else "word")
        elif op is c.CATEGORY and av is c.CATEGORY_SPACE:
            kinds.add("space")
        elif op is c.CATEGORY and av in (c.CATEGORY_WORD, c.CATEGORY_DIGIT, c.CATEGORY_NOT_SPACE):
            kinds.add("word")
        else:  # a negated class, \\W, \\D...: both kinds
            return None
    return kinds.pop() if len(kinds) == 1 else None


def _width(items: Any, c: Any) -> Width | None:
    """Sum over a sequence of each item's width bound (None: unbounded)."""
    a = b = t = 0
    for op, av in items:
        if op in (c.LITERAL, c.NOT_LITERAL, c.ANY, c.IN):
            a += 1
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # assertions consume nothing
        elif op is c.SUBPATTERN:
            sub = _width(av[3], c)
            if sub is None:
                return None
            a, b, t = a + sub[0], b + sub[1], t + sub[2]
        elif op is c.BRANCH:
            options = [_width(alt, c) for alt in av[1]]
            if any(o is None for o in options):
                return None
            bounded = [o for o in options if o is not None]
            a += max((o[0] for o in bounded), default=0)
            b += max((o[1] for o in bounded), default=0)
            t += max((o[2] for o in bounded), default=0)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            _low, high, sub = av
            if high == c.MAXREPEAT:
                kind = _class_kind(sub[0][1], c) if len(sub) == 1 and sub[0][0] is c.IN else None
                if kind is None and len(sub) == 1 and sub[0][0] is c.LITERAL:
                    kind = "space" if chr(sub[0][1]) in _WHITESPACE_CHARS else "word"
                if kind == "space":
                    b += 1  # a run of whitespace: at most the longest in the text
                elif kind == "word":
                    t += 1
                else:
                    return None
                continue
            inner = _width(sub, c)
            if inner is None:
                return None
            a, b, t = a + inner[0] * high, b + inner[1] * high, t + inner[2] * high
        else:  # back-references, atomic groups, anything newer: no bound claimed
            return None
    return a, b, t


def within_a_word(pattern: str, flags: int) -> bool:
    """Whether the regex matches a text exactly when it matches one of the text's
    whitespace-separated words searched on its own: it matches no whitespace character
    and never the empty string, and looks at nothing outside the match but word
    boundaries (\\b, \\B see whitespace and a word's edge alike). False when unsure."""
    return bool(_remember("word", pattern, flags, _within_a_word))


def _within_a_word(pattern: str, flags: int) -> bool:
    got = parse(pattern, flags)
    if got is None:  # private module moved: not claimed
        return False
    parsed, c = got
    try:
        empty = parsed.getwidth()[0] == 0
    except Exception:  # pragma: no cover - another parser
        return False
    return not empty and _stays(parsed, c)


def _stays(items: Any, c: Any) -> bool:
    """Whether a parsed sequence can only match characters other than whitespace and
    asserts nothing but word boundaries."""
    for op, av in items:
        if op is c.LITERAL:
            if chr(av) in _WHITESPACE_CHARS:
                return False
        elif op is c.IN:
            if _class_kind(av, c) != "word":
                return False
        elif op is c.AT:
            if av not in (c.AT_BOUNDARY, c.AT_NON_BOUNDARY):
                return False
        elif op is c.SUBPATTERN:
            if not _stays(av[3], c):
                return False
        elif op is c.BRANCH:
            if not all(_stays(alt, c) for alt in av[1]):
                return False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            if not _stays(av[2], c):
                return False
        elif op is getattr(c, "ATOMIC_GROUP", None):
            if not _stays(av, c):
                return False
        else:  # any character, a negated literal, look-arounds, back-references...
            return False
    return True
