"""Missing-topic cues, evaluated on word positions.

A cue is one regex, or a proximity test ("these terms within N words of each other,
in one sentence"), or alternatives of those. A proximity test is not a gap regex such
as `A[^.]{0,80}B`: each term is searched on its own (with the literal prefilter of
`Joined`), only blocks holding every term are looked at, and there the term matches are
placed on word and sentence numbers and a sliding window finds the closest group. Word
distance does not depend on how long the words are, a sentence end is recognised the
same way the replacement rules recognise it ("e.g." and "v2.0" do not end one), and the
work stays linear in the document's size however wide the window.
"""

from __future__ import annotations

import bisect

from wttsc_policy.match.prefilter import Joined
from wttsc_policy.normalise import ends_sentence
from wttsc_policy.regexcode import compile_regex
from wttsc_policy.rulepacks.patterns import CompiledCue, Proximity

_WORD = compile_regex(r"[^\W_]+")
_SENTENCE_PUNCT = compile_regex(r"[.!?]")

Event = tuple[int, int, int]  # (word number, sentence number, term number)


def cue_present(cue: CompiledCue, joined: Joined) -> bool:
    """Whether any alternative of `cue` holds in some block of `joined`."""
    return any(_holds(alt, joined) for alt in cue)


def _holds(prox: Proximity, joined: Joined) -> bool:
    if prox.within is None:
        return joined.first_match(prox.terms[0]) is not None
    # Blocks holding the strings every term needs (the literal prefilter: no regex run),
    # then, block by block in order, the terms' regexes and the word positions, stopping
    # at the first block where the cue holds. Terms nothing is known about are searched
    # in that first pass.
    candidates = joined.candidates_of_all(prox.terms)
    if candidates is not None and not candidates:
        return False
    if candidates is None:
        candidates = set(joined.blocks_matching(prox.terms[0]))
    texts = joined.texts
    for k in sorted(candidates):
        text = texts[k]
        if all(term.search(text) for term in prox.terms) and near_in_text(text, prox):
            return True
    return False


def _positions(text: str) -> tuple[list[int], list[int]]:
    """Start offsets of the words of `text`, and the offsets where sentences end."""
    starts = [m.start() for m in _WORD.finditer(text)]
    ends = [m.start() for m in _SENTENCE_PUNCT.finditer(text) if ends_sentence(text, m.start())]
    return starts, ends


def near_in_text(text: str, prox: Proximity) -> bool:
    """Whether every term of `prox` occurs in `text` within `prox.within` words (and, when
    asked, in one sentence and in the order given)."""
    starts, ends = _positions(text)
    events: list[Event] = []
    for t, term in enumerate(prox.terms):
        for m in term.finditer(text):
            word = max(bisect.bisect_right(starts, m.start()) - 1, 0)
            sentence = bisect.bisect_left(ends, m.start()) if prox.sentence else 0
            events.append((word, sentence, t))
            if m.end() == m.start():
                break
    if len({t for _, _, t in events}) < len(prox.terms):
        return False
    events.sort()
    assert prox.within is not None
    by_sentence: dict[int, list[Event]] = {}
    for e in events:
        by_sentence.setdefault(e[1], []).append(e)
    check = _ordered_window if prox.ordered else _window
    return any(check(group, len(prox.terms), prox.within) for group in by_sentence.values())


def _window(events: list[Event], n: int, within: int) -> bool:
    """Some window of at most `within` words holds all n terms (two pointers)."""
    counts = [0] * n
    missing = n
    left = 0
    for word, _, t in events:
        if counts[t] == 0:
            missing -= 1
        counts[t] += 1
        while missing == 0:
            if word - events[left][0] <= within:
                return True
            lt = events[left][2]
            counts[lt] -= 1
            if counts[lt] == 0:
                missing += 1
            left += 1
    return False


def _ordered_window(events: list[Event], n: int, within: int) -> bool:
    """Terms 0..n-1 appear in that order, the last at most `within` words after the first."""
    best: list[int | None] = [None] * n  # latest start word of a chain ending with term k
    i = 0
    while i < len(events):
        j = i
        while j < len(events) and events[j][0] == events[i][0]:
            j += 1
        snapshot = list(best)  # terms in the same word never chain with each other
        for word, _, t in events[i:j]:
            start = word if t == 0 else snapshot[t - 1]
            if start is None:
                continue
            if t == n - 1 and word - start <= within:
                return True
            if best[t] is None or start > (best[t] or -1):
                best[t] = start
        i = j
    return False
