"""Where a text-format block's characters are in the file.

Shared by the readers (which mark characters that are not 1:1 with the file as locked),
the planner (which leaves a replacement it cannot place exactly to a person) and the
markdown/text writer (which needs the same file span the planner approved).
"""

from __future__ import annotations

import re

from wttsc_policy.document import Block, Lock, LockReason, Segment
from wttsc_policy.regexcode import compile_regex

_DELIMS = compile_regex(r"\*\*|__|\*|_|~~|`")


def unmapped_locks(text: str, segments: list[Segment], source: str) -> tuple[Lock, ...]:
    """Locks over block characters that are not the same character in the file
    (markdown escapes and entities), merged into runs."""
    bad: list[int] = []
    n = len(source)
    for seg in segments:
        piece = text[seg.text_start : seg.text_start + seg.length]
        if source[seg.source : seg.source + seg.length] == piece and seg.source + len(piece) <= n:
            continue
        for k, ch in enumerate(piece):
            pos = seg.source + k
            if pos >= n or (source[pos] != ch and not (ch == "\n" and source[pos] in "\r\n")):
                bad.append(seg.text_start + k)
    covered = sum(s.length for s in segments)
    bad.extend(range(covered, len(text)))
    locks: list[Lock] = []
    for i in sorted(set(bad)):
        if locks and locks[-1].end == i:
            locks[-1] = Lock(locks[-1].start, i + 1, LockReason.UNMAPPED)
        else:
            locks.append(Lock(i, i + 1, LockReason.UNMAPPED))
    return tuple(locks)


def source_span(block: Block, start: int, end: int) -> tuple[int, int] | None:
    """File offsets of block text [start, end), or None when they cannot be mapped exactly."""
    s = block.source_offset(start)
    e = block.source_offset(end - 1)
    if s is None or e is None:
        return None
    return s, e + 1


def _balanced(markup: list[str]) -> bool:
    """Emphasis markers pair up and brackets close, counting each stretch of markup apart."""
    counts: dict[str, int] = {}
    for stretch in markup:
        for m in _DELIMS.finditer(stretch):
            counts[m.group(0)] = counts.get(m.group(0), 0) + 1
    joined = "".join(markup)
    brackets = joined.count("[") == joined.count("]") and joined.count("(") == joined.count(")")
    return brackets and all(n % 2 == 0 for n in counts.values())


def _gaps(block: Block, source: str, s: int, e: int) -> list[str]:
    """The stretches of source[s:e] that are markup (not block text)."""
    covered = [False] * (e - s)
    for seg in block.segments:
        a, b = max(seg.source, s), min(seg.source + seg.length, e)
        for i in range(a, b):
            covered[i - s] = True
    stretches: list[str] = []
    current = ""
    for ch, c in zip(source[s:e], covered, strict=False):
        if c:
            if current:
                stretches.append(current)
            current = ""
        else:
            current += ch
    if current:
        stretches.append(current)
    return stretches


def replacement_span(block: Block, source: str, start: int, end: int) -> tuple[int, int] | None:
    """A source span for a replacement, widened over emphasis markers it would otherwise split."""
    span = source_span(block, start, end)
    if span is None:
        return None
    s, e = span
    for _ in range(4):
        if _balanced(_gaps(block, source, s, e)):
            return s, e
        before = re.search(r"(?:\*\*|__|\*|_|~~|!?\[)$", source[:s])
        after = re.match(r"\*\*|__|\*|_|~~|\]\([^()\s]*\)|\]", source[e:])
        if after:
            e += len(after.group(0))
        elif before:
            s -= len(before.group(0))
        else:
            break
    return (s, e) if _balanced(_gaps(block, source, s, e)) else None


def edit_lock(block: Block, source: str | None, start: int, end: int) -> Lock | None:
    """Why block text [start, end) is not edited automatically, or None when it can be.

    The block's own locks (Word: fields, content controls, text boxes, revisions...), and
    for text formats (`source` given) a span whose replacement would split inline markup.
    The JSON's `editable` and the planner both ask this, so they always agree.
    """
    lock = block.lock_in(start, end)
    if lock is not None:
        return lock
    if source is not None and replacement_span(block, source, start, end) is None:
        return Lock(start, end, LockReason.UNMAPPED)
    return None
