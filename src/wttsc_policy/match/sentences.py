"""Sentence bounds for many matches in one block, in linear time.

`normalise.sentence_bounds` walks the text from each match outwards: fine for a few
matches, quadratic for thousands in one paragraph (hostile or broken text). This index
finds every sentence end of a block once and answers each match with a binary search;
the answers are the same as `sentence_bounds` gives.
"""

from __future__ import annotations

import bisect

from wttsc_policy.normalise import ends_sentence
from wttsc_policy.regexcode import compile_regex

_CANDIDATE = compile_regex(r"[\n.!?;]")


class Sentences:
    """Where sentences (or list lines) of one block's text end."""

    __slots__ = ("_breaks", "_length", "_newlines")

    def __init__(self, text: str, *, semicolons: bool = True) -> None:
        self._breaks: list[int] = []
        self._newlines: set[int] = set()
        for m in _CANDIDATE.finditer(text):
            i = m.start()
            if text[i] == "\n":
                self._breaks.append(i)
                self._newlines.add(i)
            elif text[i] == ";" and not semicolons:
                continue  # the rule reads a semicolon as joining two halves of one statement
            elif ends_sentence(text, i):
                self._breaks.append(i)
        self._length = len(text)

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around [start, end), as `normalise.sentence_bounds` gives it."""
        k = bisect.bisect_left(self._breaks, start) - 1
        left = self._breaks[k] + 1 if k >= 0 else 0
        k = bisect.bisect_left(self._breaks, end)
        if k == len(self._breaks):
            return left, self._length
        j = self._breaks[k]
        return left, j if j in self._newlines else j + 1


class Spans:
    """Disjoint [start, end) spans kept in order: overlap tests in O(log n)."""

    __slots__ = ("_ends", "_starts")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self._starts, end)  # spans starting before `end`
        return k > 0 and self._ends[k - 1] > start

    def add(self, start: int, end: int) -> None:
        k = bisect.bisect_left(self._starts, start)
        self._starts.insert(k, start)
        self._ends.insert(k, end)
