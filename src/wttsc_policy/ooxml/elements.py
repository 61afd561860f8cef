"""Finding an element's children fast.

lxml's `find` and `findall` run their path through lxml's ElementPath module, which is
Python: for a plain tag that is three times the cost of lxml's own filtered child
iteration. Reading a long policy asks for a paragraph's or run's properties a hundred
thousand times, so the reading and writing paths ask here instead.
"""

from __future__ import annotations

from lxml import etree


def find_child(el: etree._Element, tag: str) -> etree._Element | None:
    """The first child element of `el` with this (Clark) tag: `el.find(tag)`."""
    for found in el.iterchildren(tag):
        return found
    return None
