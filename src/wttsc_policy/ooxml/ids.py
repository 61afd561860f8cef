"""The `w:id` values a package already uses, so new revision and comment ids stay above them.

Every XML part under word/ is searched, but a part is parsed for it only when its bytes
may hold an id: styles, theme and font tables never do, and parsing them cost about
15 ms of every `update`.
"""

from __future__ import annotations

import re

from lxml import etree

from wttsc_policy.ooxml.package import W_NS, DocxPackage

ALL_IDS = etree.XPath("//@w:id", namespaces={"w": W_NS})
_ID_ATTRIBUTE = re.compile(rb":id\s*=")


def used_ids(pkg: DocxPackage) -> set[int]:
    """Every numeric `w:id` in the package's word/ parts (parsed ones as they are now)."""
    used: set[int] = set()
    for name in pkg.names:
        if not name.endswith(".xml") or not name.startswith("word/"):
            continue
        if not pkg.is_parsed(name) and not may_hold_ids(pkg.raw[name]):
            continue
        found = ALL_IDS(pkg.xml(name))  # every w:id value, collected by libxml2
        for value in found if isinstance(found, list) else ():
            text = str(value)
            if text.lstrip("-").isdigit():
                used.add(int(text))
    return used


def may_hold_ids(data: bytes) -> bool:
    """Whether a part's bytes may hold a `w:id` attribute: a namespaced attribute named id
    is written `prefix:id=` (spaces allowed before '='), which text in an ASCII-compatible
    encoding shows as those bytes. Anything else (UTF-16 or UTF-32, a byte-order mark
    other than UTF-8's) may, and is parsed."""
    head = data[:64]
    if b"\x00" in head or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if head.lstrip()[:1] != b"<":
        return True
    return _ID_ATTRIBUTE.search(data) is not None
