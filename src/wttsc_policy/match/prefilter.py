"""Finding candidate blocks fast: which blocks hold a string, without a pass per string,
and substring tests before regex searches.

The document's words are indexed in one pass (`Joined`: which blocks hold each word):
after that, whether a string occurs anywhere, in about how many blocks, and which, is a
lookup in a few kilobytes of vocabulary, not a scan of the document. Rule keywords and
the strings a regex needs (literals.required_literals) go through it: a rule, cue or pattern whose strings the
document does not hold is settled without compiling or running its regex, and the
others only search the blocks that hold their rarest string. Matching time stays flat
as the rule count grows and linear in the document's size.

It runs past 300 lines because the vocabulary, the candidate blocks and the windowed
search of long texts share one Joined and its caches; splitting them is a follow-up.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Protocol

from wttsc_policy.match.literals import Requirement, literal_tests_exact, required_literals, satisfied
from wttsc_policy.match.widths import WHITESPACE, max_width, within_a_word
from wttsc_policy.regexcode import compile_regex

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
_CONTEXTUAL = compile_regex(r"\(\?<?[=!>]|\\[AZzB]|\$|(?<!\[)\^|[*+?}]\+")
_SEPARATOR = "\x00"  # a non-word character, so \b at a block's edge behaves as at a string's
_WHITESPACE = compile_regex(r"\s")
# Texts at least this long (the sections of an outline) are searched only in windows
# around the strings a match needs (Joined._search).
LONG_TEXT = 1500
_OTHER_SPACES = WHITESPACE.replace(" ", "")
_OTHER_ASCII_SPACES = "".join(c for c in _OTHER_SPACES if c.isascii())
_SPACE_RUNS = compile_regex(r"\s+")


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
        self.blocks_of: dict[str, list[int]] = blocks_of
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

    def words_matching(self, regex: RegexLike) -> Iterator[str]:
        """The words a regex matches (one that matches no whitespace: a match never
        runs into the next word's line)."""
        lines, pos = self.lines, 0
        while pos <= len(lines):
            m = regex.search(lines, pos)
            if m is None:
                return
            end = lines.find("\n", m.end())
            end = len(lines) if end == -1 else end
            yield lines[lines.rfind("\n", 0, m.start()) + 1 : end]
            pos = end + 1

    def blocks_with(self, piece: str) -> set[int]:
        """The blocks holding `piece` (a string without whitespace)."""
        out: set[int] = set()
        blocks_of = self.blocks_of
        for word in self._words_with(piece):
            out.update(blocks_of[word])
        return out


_COMMON = 64


class _Grouped(dict[str, list[int]]):
    """Word -> groups holding it, worked out from the blocks holding it on first asking."""

    def __init__(self, blocks_of: Mapping[str, list[int]], group_of: Mapping[int, int]) -> None:
        super().__init__()
        self._blocks_of = blocks_of
        self._group_of = group_of

    def __missing__(self, word: str) -> list[int]:
        group_of = self._group_of
        found = sorted({group_of[k] for k in self._blocks_of.get(word, ()) if k in group_of})
        self[word] = found
        return found

    def __iter__(self) -> Iterator[str]:  # every word a group may hold (a superset)
        return iter(self._blocks_of)


class _GroupVocabulary(_Vocabulary):
    """The vocabulary of texts that are blocks joined with whitespace (an outline's
    sections), taken from the blocks' vocabulary instead of splitting the texts again:
    a group holds a word exactly when one of its blocks does. Its word list may also hold
    words of blocks in no group; they count for no group."""

    __slots__ = ()

    def __init__(self, blocks: _Vocabulary, group_of: Mapping[int, int]) -> None:
        self.blocks_of = _Grouped(blocks.blocks_of, group_of)
        self.lines = blocks.lines
        self._frequency = {}


def _holding(texts: list[str], blocks: list[int], literals: list[str]) -> Iterator[int]:
    """The blocks whose text holds every one of `literals`."""
    for k in blocks:
        text = texts[k]
        if all(x in text for x in literals):
            yield k


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
        "_runs",
        "_vocabulary",
        "ends",
        "starts",
        "text",
        "texts",
    )

    def __init__(
        self,
        texts: list[str],
        *,
        of: Joined | None = None,
        members: list[int] | None = None,
        groups: tuple[Joined, list[list[int]]] | None = None,
    ) -> None:
        """`of` and `members`: a selection of the blocks of `of`. `groups`: each text is
        the listed blocks of another Joined, joined with whitespace (its words are theirs)."""
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
        self._runs: tuple[int, int] | None = None  # longest whitespace run, longest word
        self._literal_blocks: dict[str, frozenset[int]] = {}
        self._vocabulary: _Vocabulary | None = None
        if groups is not None:
            parts, lists = groups
            group_of = {k: g for g, blocks in enumerate(lists) for k in blocks}
            self._vocabulary = _GroupVocabulary(parts.vocabulary(), group_of)
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

    def vocabulary(self) -> _Vocabulary:
        """The words of these texts and the texts holding each (built on first use)."""
        if self._vocabulary is None:
            self._vocabulary = _Vocabulary(self.texts)
        return self._vocabulary

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
        by_words = self._by_words(regex, literals if usable else None)
        if by_words is not None:
            yield from by_words
            return
        if _CONTEXTUAL.search(regex.pattern):
            candidates: Iterable[int] = self._candidate_stream(literals) if usable and literals else range(len(texts))
            for k in candidates:
                if regex.search(texts[k]):
                    yield k
            return
        if usable and literals:
            picks: list[tuple[str, list[str]]] | None = None
            width: int | None = None
            for k in self._candidate_stream(literals):
                if len(texts[k]) >= LONG_TEXT and picks is None:
                    # every match of a term holds each of its strings: windows around the
                    # rarest, and only those holding the others too
                    picks = []
                    for term in literals:
                        ranked = sorted(term, key=lambda x: (self.frequency(x), -len(x), x))
                        picks.append((ranked[0], ranked[1:]))
                    width = self._width(regex)
                if len(texts[k]) < LONG_TEXT or picks is None or width is None:
                    if regex.search(texts[k]):
                        yield k
                elif self._search(regex, texts[k], picks, width):
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

    def _by_words(self, regex: RegexLike, literals: Requirement | None) -> list[int] | None:
        """The blocks a regex matches, from the words they hold, when every match lies in
        one word (widths.within_a_word) and searching the distinct words once is cheaper
        than searching the blocks that hold the strings the regex needs; else None. Only
        where the words are indexed already (building the index costs a search)."""
        if self._parent is not None and self._members is not None:
            vocabulary, members = self._parent._vocabulary, self._members
        else:
            vocabulary, members = self._vocabulary, None
        if vocabulary is None or not within_a_word(regex.pattern, regex.flags):
            return None
        if literals:  # the candidates' text against the distinct words'
            frequency = self._parent.frequency if self._parent is not None else self.frequency
            blocks = sum(min(frequency(x) for x in term) for term in literals)
            if blocks * len(self.text) <= len(vocabulary.lines) * max(len(self.texts), 1):
                return None
        blocks_of = vocabulary.blocks_of
        found: set[int] = set()
        for word in vocabulary.words_matching(regex):
            found.update(blocks_of[word])
        if members is not None:
            return sorted(members[k] for k in found if k in members)
        return sorted(found)

    def _search(self, regex: RegexLike, text: str, picks: list[tuple[str, list[str]]], width: int) -> bool:
        """Whether `regex` matches a long text (the regex is not contextual, the
        literal tests are exact for it, and every match holds the strings of one of
        `picks`: a string to look for, and the others of its term).

        Only windows around the strings picked are searched: every match holds one of
        them and is at most `width` characters long (literals.max_width, with these
        texts' longest runs of whitespace and of other characters), so it lies inside
        the window around that string. A window starts anywhere (a search sees the
        characters before it) and ends one character after the last place a match could
        end, so a match found in it ends inside it and is a match of the whole text; one
        that reaches the window's edge (where a \\b would see the end of the text) sends
        it to a whole search."""
        n = len(text)
        window = self._window
        for literal, others in picks:
            size = len(literal)
            i = text.find(literal)
            lo = hi = -1  # the window being grown: [lo, hi)
            while i != -1:
                start, stop = max(0, i + size - width), min(n, i + width + 1)
                if hi >= 0 and start > hi:
                    found = window(regex, text, lo, hi, others)
                    if found is not None:
                        return found
                    lo = -1
                if lo < 0:
                    lo = start
                hi = stop
                i = text.find(literal, i + 1)
            if hi >= 0:
                found = window(regex, text, lo, hi, others)
                if found is not None:
                    return found
        return False

    @staticmethod
    def _window(regex: RegexLike, text: str, lo: int, hi: int, others: list[str]) -> bool | None:
        """True when a match lies inside text[lo:hi], None when there is none there; when
        one reaches the window's end, the answer of a whole search. A window without one
        of `others` (strings every match sought here holds) is not searched."""
        for other in others:
            if text.find(other, lo, hi) == -1:
                return None
        m = regex.search(text, lo, hi)
        if m is None:
            return None
        if m.end() < hi or hi == len(text):
            return True
        return regex.search(text) is not None

    def _width(self, regex: RegexLike) -> int | None:
        """The longest a match of `regex` can be in these texts, or None (no bound)."""
        bound = max_width(regex.pattern, regex.flags)
        if bound is None:
            return None
        if self._runs is None:
            self._runs = self._longest_runs()
        return bound[0] + bound[1] * self._runs[0] + bound[2] * self._runs[1]

    def _longest_runs(self) -> tuple[int, int]:
        """The longest run of whitespace and of other characters in any of the texts."""
        if self._vocabulary is None:
            self._vocabulary = _Vocabulary(self.texts)
        words = max(map(len, self._vocabulary.blocks_of), default=0)
        text = self.text
        others = _OTHER_ASCII_SPACES if text.isascii() else _OTHER_SPACES
        if any(c in text for c in others):
            return max((len(m) for m in _SPACE_RUNS.findall(text)), default=0), words
        low, high = 0, 1  # " " * low occurs, " " * high may not
        while " " * high in text:
            low, high = high, high * 2
        while high - low > 1:
            mid = (low + high) // 2
            low, high = (mid, high) if " " * mid in text else (low, mid)
        return low, words

    def candidates(self, regex: RegexLike) -> list[int] | None:
        """Blocks that hold the strings `regex` needs (a superset of those it matches), or
        None when nothing can be said."""
        literals = required_literals(regex.pattern, regex.flags)
        if not literals or not self._literals_apply(regex):
            return None
        return self._candidates(literals)

    def candidates_of_all(self, regexes: Iterable[RegexLike]) -> set[int] | None:
        """Blocks holding the strings each of `regexes` needs (the intersection of their
        `candidates`), or None when nothing is known of any of them. The rarest
        requirement picks the blocks; the others are substring tests on those alone."""
        requirements = []
        for regex in regexes:
            literals = required_literals(regex.pattern, regex.flags)
            if literals and self._literals_apply(regex):
                requirements.append(literals)
        if not requirements:
            return None
        requirements.sort(key=lambda req: sum(min(self.frequency(x) for x in term) for term in req))
        found = set(self._candidates(requirements[0]))
        texts = self.texts
        for req in requirements[1:]:
            if not found:
                break
            found = {k for k in found if satisfied(req, texts[k])}
        return found

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

    def _candidate_stream(self, requirement: Requirement) -> Iterator[int]:
        """The blocks of `_candidates`, in order, found as they are consumed: a search
        that stops early (the first match, a count that is already too high) does not
        pay for testing the rest."""
        streams: list[Iterator[int]] = []
        for term in requirement:
            ranked = sorted((self.frequency(x), -len(x), x) for x in term)
            if not ranked[0][0]:
                continue  # a string of the term is nowhere in the document
            streams.append(_holding(self.texts, sorted(self.blocks_with(ranked[0][2])), [x for _, _, x in ranked[1:]]))
        if len(streams) == 1:
            yield from streams[0]
            return
        last = -1
        for k in heapq.merge(*streams):
            if k != last:
                yield k
                last = k

    def first_match(self, regex: RegexLike) -> int | None:
        return next(self.blocks_matching(regex), None)

    def any_matching(self, regex: RegexLike) -> bool:
        return self.first_match(regex) is not None
