"""Whether a stretch of block text may be edited automatically, and if not, why.

Decided from the blocks' locks alone (see document.py), so every format plans the same
way; text formats also need the span to map onto the file without splitting inline markup.
"""

from __future__ import annotations

from wttsc_policy.document import Block, Document, LockReason
from wttsc_policy.formats import spec
from wttsc_policy.read.sourcemap import edit_lock

TEXT_BOX = "the text is inside a text box, so it is not edited automatically"
UNMAPPED = "the text cannot be located exactly in the file (escapes or entities); edit it by hand"


def locked(doc: Document, block: Block, start: int, end: int) -> str | None:
    """Why block text [start, end) is left to a person, or None when it can be edited
    (the same lock test gives the JSON's `editable`, see read/sourcemap.edit_lock)."""
    source = doc.source or "" if spec(doc.format).text_source and start < end else None
    lock = edit_lock(block, source, start, end)
    if lock is not None:
        return UNMAPPED if lock.reason is LockReason.UNMAPPED else lock.note
    if not block.editable:
        return TEXT_BOX
    return None
