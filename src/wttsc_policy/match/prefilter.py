"""Finding candidate blocks fast: which blocks hold a string, without a pass per string,
and substring tests before regex searches.

The document's words are indexed in one pass (`Joined`: which blocks hold each word):
after that, whether a string occurs anywhere, in about how many blocks, and which, is a
lookup in a few kilobytes of vocabulary, not a scan of the document. Rule keywords and
the strings a regex needs (literals.required_literals) go through it: a rule, cue or pattern whose strings the
document does not hold is settled without compiling or running its regex, and the
others only search the blocks that hold their rarest string. Matching time stays flat
as the rule count grows and linear in the document's size.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Protocol

from wttsc_policy.match.literals import Requirement, literal_tests_exact, required_literals

__all__ = ["Joined", "RegexLike", "literal_tests_exact", "required_literals"]


class RegexLike(Protocol):
    """A compiled regex, or a rule regex compiled on first use (rulepacks.patterns.Regex)."""

    @property
    def pattern(self) -> str: ...

    @property
    def flags(self) -> int: ...

    @property
    def groupindex(self) -> Mapping[str, int]: ...

    def search(self, string: str, pos: int = ..., endpos: int = ...) -> re.Match[str] | None: ...

    def finditer(self, string: str, pos: int = ..., endpos: int = ...) -> Iterator[re.Match[str]]: ...


# Patterns whose match depends on text outside the matched characters (anchors,
# lookarounds; \B, which never matches an empty string) or that never give back what
# they consumed (atomic groups, possessive quantifiers): they cannot be searched over
# joined blocks and run block by block.
_CONTEXTUAL = re.compile(r"\(\?<?[=!>]|\\[AZzB]|\$|(?<!\[)\^|[*+?}]\+")
_SEPARATOR = "\x00"  # a non-word character, so \b at a block's edge behaves as at a string's
_WHITESPACE = re.compile(r"\s")


class _Vocabulary:
    """Every whitespace-separated word of some texts (the blocks) with the blocks holding
    it, for "does this string occur, in about how many blocks, and which?". A string
    without whitespace occurs in a block exactly when one of the block's words contains
    it; the words are a few kilobytes to search, the text megabytes."""

    __slots__ = ("_frequency", "blocks_of", "lines")

    def __init__(self, texts: Iterable[str]) -> None:
        blocks_of: defaultdict[str, list[int]] = defaultdict(list)
        for k, text in enumerate(texts):
            for word in set(text.split()):
                blocks_of[word].append(k)
        self.blocks_of = blocks_of
        self.lines = "\n".join(blocks_of)  # one word a line, for substring searches
        self._frequency: dict[str, int] = {}

    def _words_with(self, piece: str) -> Iterator[str]:
        lines = self.lines
        i = lines.find(piece)
        while i != -1:
            start = lines.rfind("\n", 0, i) + 1
            end = lines.find("\n", i)
            end = len(lines) if end == -1 else end
            yield lines[start:end]
            i = lines.find(piece, end)

    def frequency(self, piece: str) -> int:
        """How many blocks hold the words containing `piece` (a string without
        whitespace), added up word by word: 0 when and only when `piece` is nowhere in
        the texts. Past `_COMMON` words it stops counting: the string is common, and the
        answer is only used to rank strings."""
        found = self._frequency.get(piece)
        if found is None:
            blocks_of, total = self.blocks_of, 0
            for n, word in enumerate(self._words_with(piece)):
                if n >= _COMMON:
                    break
                total += len(blocks_of[word])
            found = self._frequency[piece] = total
        return found

    def blocks_with(self, piece: str) -> set[int]:
        """The blocks holding `piece` (a string without whitespace)."""
        out: set[int] = set()
        blocks_of = self.blocks_of
        for word in self._words_with(piece):
            out.update(blocks_of[word])
        return out


_COMMON = 64


class Joined:
    """Many block texts joined into one string, so a pattern is searched in one call.

    `blocks_matching(regex)` yields exactly the blocks where `regex.search(text)` would
    succeed on the block alone: a match found inside one block counts; a match that
    runs over a separator sends that one block to a per-block search, and the scan goes
    on from the next block. Far fewer calls than one search per block. `blocks_with`
    answers which blocks hold a string (see the module docstring).

    A Joined made `of` another (a selection of its blocks) shares its vocabulary.
    """

    __slots__ = (
        "_frequency",
        "_literal_blocks",
        "_lower_safe",
        "_members",
        "_parent",
        "_vocabulary",
        "ends",
        "starts",
        "text",
        "texts",
    )

    def __init__(self, texts: list[str], *, of: Joined | None = None, members: list[int] | None = None) -> None:
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
        self._vocabulary: _Vocabulary | None = None
        self._frequency: dict[str, int] = {}
        self._parent = of
        # parent block index -> index here
        self._members = {k: i for i, k in enumerate(members)} if of is not None and members is not None else None

    def _literals_apply(self, regex: RegexLike) -> bool:
        """Whether a substring test is exact for this regex on this text (see
        literals.literal_tests_exact)."""
        if not regex.flags & re.IGNORECASE:
            return True
        if self._lower_safe is None:
            self._lower_safe = literal_tests_exact(self.text)
        return self._lower_safe

    # -- which blocks hold a string --------------------------------------------------
    def frequency(self, literal: str) -> int:
        """About how often `literal` occurs (to pick the rarest of several); 0 exactly
        when it does not occur at all."""
        if self._parent is not None:
            return self._parent.frequency(literal)
        found = self._frequency.get(literal)
        if found is None:
            pieces = literal.split()
            if pieces and self._vocabulary is None:
                self._vocabulary = _Vocabulary(self.texts)
            counts = [self._vocabulary.frequency(p) for p in pieces] if self._vocabulary is not None else []
            if len(pieces) == 1 and not _WHITESPACE.search(literal):
                found = counts[0]
            else:  # several words, or only whitespace: count the string itself when its words occur
                found = self.text.count(literal) if all(counts) else 0
            self._frequency[literal] = found
        return found

    def blocks_with(self, literal: str) -> frozenset[int]:
        """Blocks whose text contains `literal` (cached: many patterns share words)."""
        found = self._literal_blocks.get(literal)
        if found is None:
            if self._parent is not None and self._members is not None:
                members = self._members
                found = frozenset(members[k] for k in self._parent.blocks_with(literal) if k in members)
            elif not self.frequency(literal):
                found = frozenset()
            else:
                found = self._find_blocks(literal)
            self._literal_blocks[literal] = found
        return found

    def _find_blocks(self, literal: str) -> frozenset[int]:
        """The blocks holding `literal`: those of its rarest word (an index lookup), then a
        substring test on each; a scan of the joined text only for whitespace alone."""
        pieces = literal.split()
        if pieces:
            if self._vocabulary is None:
                self._vocabulary = _Vocabulary(self.texts)
            vocabulary = self._vocabulary
            rarest = min(pieces, key=vocabulary.frequency)
            blocks = vocabulary.blocks_with(rarest)
            if len(pieces) == 1 and literal == rarest:
                return frozenset(blocks)
            texts = self.texts
            return frozenset(k for k in blocks if literal in texts[k])
        text, starts, n = self.text, self.starts, len(self.texts)
        hits: list[int] = []
        i = text.find(literal)
        while i != -1:
            k = bisect.bisect_right(starts, i) - 1
            if i + len(literal) <= self.ends[k]:  # not across a separator
                hits.append(k)
                i = text.find(literal, starts[k + 1]) if k + 1 < n else -1
            else:
                i = text.find(literal, i + 1)
        return frozenset(hits)

    # -- which blocks a regex matches --------------------------------------------------
    def blocks_matching(self, regex: RegexLike) -> Iterator[int]:
        texts = self.texts
        literals = required_literals(regex.pattern, regex.flags)
        usable = bool(literals) and self._literals_apply(regex)
        if _CONTEXTUAL.search(regex.pattern):
            candidates: Iterable[int] = self._candidates(literals) if usable and literals else range(len(texts))
            for k in candidates:
                if regex.search(texts[k]):
                    yield k
            return
        if usable and literals:
            for k in self._candidates(literals):
                if regex.search(texts[k]):
                    yield k
            return
        n, pos = len(texts), 0
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

    def candidates(self, regex: RegexLike) -> list[int] | None:
        """Blocks that hold the strings `regex` needs (a superset of those it matches), or
        None when nothing can be said."""
        literals = required_literals(regex.pattern, regex.flags)
        if not literals or not self._literals_apply(regex):
            return None
        return self._candidates(literals)

    def _candidates(self, requirement: Requirement) -> list[int]:
        """Blocks holding every string of at least one term of the requirement, in order."""
        candidates: set[int] = set()
        texts = self.texts
        for term in requirement:
            ranked = sorted((self.frequency(x), -len(x), x) for x in term)
            if not ranked[0][0]:
                continue  # a string of the term is nowhere in the document
            blocks: Iterable[int] = self.blocks_with(ranked[0][2])
            for _, _, literal in ranked[1:]:
                blocks = [k for k in blocks if literal in texts[k]]
                if not blocks:
                    break
            candidates.update(blocks)
        return sorted(candidates)

    def first_match(self, regex: RegexLike) -> int | None:
        return next(self.blocks_matching(regex), None)

    def any_matching(self, regex: RegexLike) -> bool:
        return self.first_match(regex) is not None
