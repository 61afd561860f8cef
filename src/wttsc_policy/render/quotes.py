"""How the change notes quote policy text: short previews, and the sentence around a
finding, cut so the outdated words always show."""

from __future__ import annotations

from wttsc_policy.document import Block
from wttsc_policy.findings import Finding

CLAUSE_PREVIEW = 280


def preview(text: str, limit: int = CLAUSE_PREVIEW) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def sentence_of(block: Block | None, finding: Finding, limit: int = 200) -> str:
    """The sentence a hand-edit finding sits in: the DSL needs to see what to rewrite, not
    just the matched words ("Public Health England" says nothing about which resource).
    A sentence over `limit` characters is cut around the matched words, never before them."""
    if block is None or finding.block_start is None or finding.block_end is None:
        return preview(finding.match or "", limit)
    from wttsc_policy.match.sentences import Sentences

    start, end = Sentences(block.text).bounds(finding.block_start, finding.block_end)
    sentence = block.text[start:end]
    if not sentence.strip():
        return preview(finding.match or "", limit)
    return around(sentence, finding.block_start - start, finding.block_end - start, limit)


def around(text: str, start: int, end: int, limit: int) -> str:
    """`text` on one line, at most `limit` characters, keeping [start, end) whole."""
    before = " ".join(text[:start].split())
    match = " ".join(text[start:end].split())
    after = " ".join(text[end:].split())
    pad_before = " " if text[:start][-1:].isspace() and before else ""
    pad_after = " " if text[end:][:1].isspace() and after else ""
    whole = f"{before}{pad_before}{match}{pad_after}{after}"
    if len(whole) <= limit:
        return whole
    room = max(limit - len(match) - 2, 0)  # two ellipses at most
    keep_after = min(len(after), room // 3)  # some words after the match, the rest before it
    keep_before = min(len(before), room - keep_after)
    keep_after = min(len(after), room - keep_before)
    head = before[len(before) - keep_before :] if keep_before else ""
    if len(head) < len(before) and " " in head:
        head = head[head.index(" ") + 1 :]  # whole words only
    tail = after[:keep_after]
    if len(tail) < len(after) and " " in tail:
        tail = tail[: tail.rindex(" ")]
    left = ("…" if len(head) < len(before) else "") + head + (pad_before if head else "")
    right = (pad_after if tail else "") + tail + ("…" if len(tail) < len(after) else "")
    return f"{left}{match}{right}"
