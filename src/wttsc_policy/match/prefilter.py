"""Finding candidate blocks fast: one pass for every rule keyword, and substring tests
before regex searches.

One combined prefilter pass finds every rule keyword in the whole document at once (a
trie-shaped regex over the normalised text), so only the (rule, block) pairs that can
match run their full patterns: matching time stays flat as the rule count grows and
linear in the document's size. This module is over 200 lines because the literal
analysis of a parsed regex and the joined-text search belong together.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any


def trie_regex(words: list[str]) -> str:
    """A regex matching any of `words`, shaped as a trie so one pass tests them all."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        end = node.get("") is True
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


# Patterns whose match depends on text outside the matched characters (anchors,
# lookarounds; \B, which never matches an empty string) or that never give back what
# they consumed (atomic groups, possessive quantifiers): they cannot be searched over
# joined blocks and run block by block.
_CONTEXTUAL = re.compile(r"\(\?<?[=!>]|\\[AZzB]|\$|(?<!\[)\^|[*+?}]\+")
_SEPARATOR = "\x00"  # a non-word character, so \b at a block's edge behaves as at a string's


Requirement = frozenset[frozenset[str]]  # any of these sets, all of whose strings occur
_MAX_TERMS = 32  # bound on the size of a requirement while it is being built


@lru_cache(maxsize=4096)
def required_literals(pattern: str, flags: int) -> Requirement | None:
    """What text must contain for the regex to match anywhere in it, or None.

    Read from the parsed pattern as "any of these sets of ASCII strings, all of each
    set": runs of literal characters in a sequence are all required; an alternation
    needs one of its branches; a group or a repeat taken at least once needs what its
    content needs. A block holding no complete set cannot match, so it is skipped with
    substring tests instead of a regex search. Weakening a requirement (dropping a
    string) is always safe, so strings under two characters are dropped.
    """
    try:
        from re import _parser as sre_parse  # type: ignore[attr-defined]

        parsed = sre_parse.parse(pattern, flags)
    except Exception:  # pragma: no cover - private module moved: no prefilter, same results
        return None
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


def literal_tests_exact(text: str) -> bool:
    """Whether substring tests of lower-cased literals are exact for case-insensitive
    regexes on `text`: it is lower case and holds none of the characters re.IGNORECASE
    also equates with ASCII letters (dotless i, long s)."""
    return text == text.lower() and "\u0131" not in text and "\u017f" not in text


@lru_cache(maxsize=4096)
def max_line_breaks(pattern: str, flags: int) -> int | None:
    """The most line breaks one match can contain in text without a blank line (a line of
    whitespace only), or None when there is no such bound (a repeated negated class or
    \\W, '.' with DOTALL, a back-reference...)."""
    try:
        from re import _parser as sre_parse  # type: ignore[attr-defined]

        parsed = sre_parse.parse(pattern, flags)
    except Exception:  # pragma: no cover - private module moved: no bound
        return None
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


class Joined:
    """Many block texts joined into one string, so a pattern is searched in one call.

    `blocks_matching(regex)` yields exactly the blocks where `regex.search(text)` would
    succeed on the block alone: a match found inside one block counts; a match that
    runs over a separator sends that one block to a per-block search, and the scan goes
    on from the next block. Far fewer calls than one search per block.
    """

    __slots__ = ("_literal_blocks", "_lower_safe", "ends", "starts", "text", "texts")

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.text = _SEPARATOR.join(texts)
        self.starts: list[int] = []
        self.ends: list[int] = []
        pos = 0
        for t in texts:
            self.starts.append(pos)
            pos += len(t)
            self.ends.append(pos)
            pos += 1
        self._lower_safe: bool | None = None
        self._literal_blocks: dict[str, frozenset[int]] = {}

    def _literals_apply(self, regex: re.Pattern[str]) -> bool:
        """Whether a substring test is exact for this regex on this text.

        Case-insensitive regexes get lower-cased literals, which is exact only when the
        text is already lower case and holds none of the characters that re.IGNORECASE
        also equates with ASCII letters (dotless i, long s).
        """
        if not regex.flags & re.IGNORECASE:
            return True
        if self._lower_safe is None:
            self._lower_safe = literal_tests_exact(self.text)
        return self._lower_safe

    def blocks_matching(self, regex: re.Pattern[str]) -> Iterator[int]:
        texts = self.texts
        if _CONTEXTUAL.search(regex.pattern):
            for k, t in enumerate(texts):
                if regex.search(t):
                    yield k
            return
        n, pos = len(texts), 0
        literals = required_literals(regex.pattern, regex.flags)
        if literals and self._literals_apply(regex):
            yield from self._by_literals(regex, literals)
            return
        while n and pos <= len(self.text):
            m = regex.search(self.text, pos)
            if m is None:
                return
            k = bisect.bisect_right(self.starts, m.start()) - 1
            if m.end() <= self.ends[k] or regex.search(texts[k], m.start() - self.starts[k]):
                yield k
            if k + 1 >= n:
                return
            pos = self.starts[k + 1]

    def _blocks_with(self, literal: str) -> frozenset[int]:
        """Blocks whose text contains `literal` (cached: many patterns share words)."""
        found = self._literal_blocks.get(literal)
        if found is None:
            text, starts, n = self.text, self.starts, len(self.texts)
            hits: list[int] = []
            i = text.find(literal)
            while i != -1:
                k = bisect.bisect_right(starts, i) - 1
                hits.append(k)
                i = text.find(literal, starts[k + 1]) if k + 1 < n else -1
            found = self._literal_blocks[literal] = frozenset(hits)
        return found

    def _by_literals(self, regex: re.Pattern[str], requirement: Requirement) -> Iterator[int]:
        candidates: set[int] = set()
        texts = self.texts
        for term in requirement:
            # the longest string is usually the rarest: find its blocks, then keep those
            # that also hold the others (a substring test per remaining block)
            first, *others = sorted(term, key=lambda x: (-len(x), x))
            blocks: Iterable[int] = self._blocks_with(first)
            for literal in others:
                blocks = [k for k in blocks if literal in texts[k]]
                if not blocks:
                    break
            candidates.update(blocks)
        for k in sorted(candidates):
            if regex.search(texts[k]):
                yield k

    def first_match(self, regex: re.Pattern[str]) -> int | None:
        return next(self.blocks_matching(regex), None)
