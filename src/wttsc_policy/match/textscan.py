"""Case-insensitive regex searches over a whole policy's lower-cased text, fast.

Inference (the kind of setting, the area) counts a few dozen signal regexes over the whole
text of the policy. Written as `\\bphrase\\b` with re.IGNORECASE, each costs a full scan of
the text at re's slowest pace (about 30 ms at 700 pages): a leading `\\b` or the flag stops
re from jumping between occurrences of the phrase's first characters. Here a signal
whose required strings (match/literals.py) are absent is skipped with substring tests, and
one that starts with `\\b` and a letter runs without that `\\b` on the lower-cased text, the
boundary checked by hand. The matches are exactly those of the original regex.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from functools import cache
from itertools import pairwise

from wttsc_policy.match.literals import literal_tests_exact, required_literals, satisfied
from wttsc_policy.regexcode import compile_regex


@cache
def ignorecase(pattern: str) -> re.Pattern[str]:
    """The pattern compiled case-insensitively, once per process (remembered code)."""
    return compile_regex(pattern, re.IGNORECASE)


def _branches(pattern: str) -> list[str]:
    """The pattern's top-level alternatives (`a|b|c` gives three; no bar gives one)."""
    out, depth, i, n, last = [], 0, 0, len(pattern), 0
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[last:i])
            last = i + 1
        i += 1
    out.append(pattern[last:])
    return out


@cache
def _unbounded(pattern: str) -> tuple[re.Pattern[str], ...] | None:
    """Each top-level alternative without its leading `\\b`, for lower-cased text; None
    when one has no `\\b` then a letter to drop, or holds an upper-case letter."""
    if re.sub(r"\\.", "", pattern) != re.sub(r"\\.", "", pattern).lower():
        return None  # an upper-case letter would never match the lower-cased text
    out = []
    for branch in _branches(pattern):
        if not (branch.startswith("\\b") and branch[2:3].isalpha()):
            return None
        try:
            out.append(compile_regex(branch[2:]))
        except re.error:
            return None
    return tuple(out)


def _word(c: str) -> bool:
    return c.isalnum() or c == "_"  # re's \w for str patterns


def words_absent(words: Collection[str]) -> Callable[[str], bool]:
    """A test that a string cannot occur in a text whose lower-case words (runs of letters,
    digits and apostrophes, apostrophes then dropped; see partnerships.infer.text_words)
    are `words`: some run of its letters and digits is in none of them. Searching a few
    thousand distinct words is much cheaper than the text they come from."""
    lines = "\n".join(sorted(words))
    return lambda s: any(piece not in lines for piece in _ALNUM.findall(s))


_ALNUM = compile_regex(r"[a-z0-9]+")


def finditer_lower(
    pattern: str, text: str, low: str, exact: bool, absent: Callable[[str], bool] | None = None
) -> Iterator[re.Match[str]]:
    """re.finditer(pattern, text, re.IGNORECASE) for a pattern written in lower case, given
    `low` = text.lower() and `exact` = literal_tests_exact(low). The matches are over
    `low` when `exact` (same offsets: lower() kept the length), else over `text`.
    `absent(s)`, when given, says cheaply that a string is not in the text (words_absent)."""
    if not exact:
        yield from ignorecase(pattern).finditer(text)
        return
    need = required_literals(pattern, re.IGNORECASE)
    if need is not None and not satisfied(need, low, absent):
        return
    fast = _unbounded(pattern)
    if fast is None:
        yield from ignorecase(pattern).finditer(low)
        return
    if len(fast) == 1:
        yield from _bounded(fast[0], low)
        return
    # an alternation: each branch on its own, merged; where two branches' matches overlap
    # the alternation's own leftmost-first choice decides, so the plain regex runs instead
    found = sorted((m for rx in fast for m in _bounded(rx, low)), key=lambda m: (m.start(), -m.end()))
    if any(b.start() < a.end() for a, b in pairwise(found)):
        yield from ignorecase(pattern).finditer(low)
        return
    yield from found


def _bounded(fast: re.Pattern[str], low: str) -> Iterator[re.Match[str]]:
    """Matches of `fast` that start on a word boundary (the `\\b` it was stripped of)."""
    pos, n = 0, len(low)
    while pos <= n:
        m = fast.search(low, pos)
        if m is None:
            return
        start = m.start()
        if start and _word(low[start - 1]):
            pos = start + 1  # the dropped \\b fails here: a later match may start inside
            continue
        yield m
        pos = m.end() if m.end() > start else start + 1


def lower_text(text: str) -> tuple[str, bool]:
    """(text.lower(), whether finditer_lower may search it): lower-casing must keep every
    offset, and the text must hold no character IGNORECASE folds onto an ASCII letter."""
    low = text.lower()
    return low, len(low) == len(text) and literal_tests_exact(low)
