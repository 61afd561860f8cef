"""The document's paragraph styles, parsed once per package.

The reader asks which styles are headings (and at what level) or lists; the redline
writer asks which style ids exist, to give a new heading or bullet a built-in style when
the policy has no paragraph of that kind to copy.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from wttsc_policy.ooxml.elements import find_child
from wttsc_policy.ooxml.package import REL_STYLES, DocxPackage, w
from wttsc_policy.records import record
from wttsc_policy.regexcode import compile_regex

_HEADING_NAME = compile_regex(r"^heading\s*(\d)$", re.I)


@record(slots=True)
class Style:
    name: str
    outline: int | None
    based_on: str | None
    numbered: bool
    num_id: str | None = None  # the style's own w:numPr, if it has one
    num_level: int | None = None


# A styles part this large is read from the user cache (keyed by its bytes) once seen:
# Word's own templates carry 100-400 KB of style definitions, which take longer to parse
# (about 9 ms for 350 KB) than a page of text. Smaller parts are parsed every time.
_CACHE_FROM = 64 * 1024

StyleTable = tuple[dict[str, Style], frozenset[str]]


class Styles:
    """Paragraph styles by id, with heading levels and list-ness resolved through `basedOn`."""

    def __init__(self, pkg: DocxPackage) -> None:
        self.styles: dict[str, Style] = {}
        self.ids: set[str] = set()  # every style id, of any type
        self._levels: dict[str | None, int] = {}
        self._lists: dict[str | None, bool] = {}
        for target in pkg.related(pkg.main_part, REL_STYLES):
            data = pkg.xml_bytes(target)
            if len(data) < _CACHE_FROM:
                styles, ids = _style_table(pkg.xml(target))
            else:
                styles, ids = _cached_style_table(pkg, target, data)
            self.styles.update(styles)
            self.ids |= ids

    def heading_level(self, sid: str | None) -> int:
        """Heading level of a paragraph style (0 = not a heading), once per style id."""
        if sid not in self._levels:
            self._levels[sid] = self._heading_level(sid)
        return self._levels[sid]

    def _heading_level(self, sid: str | None) -> int:
        seen = 0
        while sid and sid in self.styles and seen < 10:
            st = self.styles[sid]
            m = _HEADING_NAME.match(st.name.strip())
            if m:
                return int(m.group(1))
            if st.name.strip().lower() == "title":
                return 1
            if st.outline is not None and st.outline < 9:
                return st.outline + 1
            sid, seen = st.based_on, seen + 1
        return 0

    def is_list(self, sid: str | None) -> bool:
        if sid not in self._lists:
            self._lists[sid] = self._is_list(sid)
        return self._lists[sid]

    def _is_list(self, sid: str | None) -> bool:
        seen = 0
        while sid and sid in self.styles and seen < 10:
            st = self.styles[sid]
            if st.numbered or "list" in st.name.lower():
                return True
            sid, seen = st.based_on, seen + 1
        return False

    def numbering(self, sid: str | None) -> tuple[str | None, int | None]:
        """(numId, level) a paragraph style gives its paragraphs, through `basedOn`."""
        num_id: str | None = None
        level: int | None = None
        seen = 0
        while sid and sid in self.styles and seen < 10:
            st = self.styles[sid]
            num_id = num_id if num_id is not None else st.num_id
            level = level if level is not None else st.num_level
            sid, seen = st.based_on, seen + 1
        return num_id, level

    def ppr(self, *candidates: str) -> etree._Element | None:
        """A `w:pPr` naming the first of `candidates` the document defines, or None."""
        for sid in candidates:
            if sid in self.ids:
                ppr = etree.Element(w("pPr"))
                etree.SubElement(ppr, w("pStyle")).set(w("val"), sid)
                return ppr
        return None


def _cached_style_table(pkg: DocxPackage, target: str, data: bytes) -> StyleTable:
    """The table of a large styles part: from the user cache when these exact bytes have
    been parsed before (so they passed parse_xml's checks), else parsed and stored."""
    from wttsc_policy import cache

    return cache.cached("styles", [data], lambda: _style_table(pkg.xml(target)), tuple, _well_formed)


def _well_formed(table: tuple[Any, ...]) -> bool:
    if len(table) != 2:
        return False
    styles, ids = table
    return (
        isinstance(styles, dict)
        and isinstance(ids, frozenset)
        and all(isinstance(k, str) and isinstance(v, Style) for k, v in styles.items())
        and all(isinstance(i, str) for i in ids)
    )


def _style_table(root: etree._Element) -> StyleTable:
    """Paragraph styles by id, and every style id of any type, from a styles part."""
    styles: dict[str, Style] = {}
    ids: set[str] = set()
    for st in root.iter(w("style")):
        sid = st.get(w("styleId"))
        if sid:
            ids.add(sid)
        if st.get(w("type")) != "paragraph":
            continue
        sid = sid or ""
        name_el = find_child(st, w("name"))
        based = find_child(st, w("basedOn"))
        ppr = find_child(st, w("pPr"))
        outline = None
        numpr = find_child(ppr, w("numPr")) if ppr is not None else None
        if ppr is not None:
            ol = find_child(ppr, w("outlineLvl"))
            value = ol.get(w("val")) if ol is not None else None
            if value is not None and value.isdigit():
                outline = int(value)
        num = find_child(numpr, w("numId")) if numpr is not None else None
        lvl = find_child(numpr, w("ilvl")) if numpr is not None else None
        level = lvl.get(w("val")) if lvl is not None else None
        styles[sid] = Style(
            name=(name_el.get(w("val")) if name_el is not None else sid) or sid,
            outline=outline,
            based_on=based.get(w("val")) if based is not None else None,
            numbered=numpr is not None,
            num_id=num.get(w("val")) if num is not None else None,
            num_level=int(level) if level is not None and level.isdigit() else None,
        )
    return styles, frozenset(ids)
