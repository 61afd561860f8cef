"""Whether a stretch of block text may be edited automatically, and if not, why.

Decided from the blocks' locks alone (see document.py), so every format plans the same
way; text formats also need the span to map onto the file without splitting inline markup.
"""

from __future__ import annotations

from wttsc_policy.document import Block, Document, LockReason
from wttsc_policy.formats import spec
from wttsc_policy.read.sourcemap import replacement_span

TEXT_BOX = "the text is inside a text box, so it is not edited automatically"
UNMAPPED = "the text cannot be located exactly in the file (escapes or entities); edit it by hand"


def locked(doc: Document, block: Block, start: int, end: int) -> str | None:
    """Why block text [start, end) is left to a person, or None when it can be edited."""
    if not block.editable:
        return TEXT_BOX
    lock = block.lock_in(start, end)
    if lock is not None:
        if lock.reason is LockReason.UNMAPPED:
            return UNMAPPED
        return f"the text {lock.words}, so it is not edited automatically; edit it by hand"
    if spec(doc.format).text_source and start < end and replacement_span(block, doc.source or "", start, end) is None:
        return UNMAPPED  # the edit would split inline markup it cannot keep balanced
    return None
