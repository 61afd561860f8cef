"""List numbering: which list and level a paragraph is in, and whether it shows bullets.

New list items either join the list they are put in (same `w:numId`, level and style) or
start a list of their own. A new list of bullets copies an existing bullet list's
properties, or a bullet definition this module adds; bullets never borrow a numbered
list's `w:numId` (they would show "21.", "32."). A numbered list the tool starts gets a
new `w:num` over the same definition whose levels restart at their start value.
"""

from __future__ import annotations

from lxml import etree

from wttsc_policy.ooxml.elements import find_child
from wttsc_policy.ooxml.package import W_NS, DocxPackage, w
from wttsc_policy.ooxml.parts import add_part
from wttsc_policy.ooxml.styles import Styles
from wttsc_policy.records import record

REL_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
NUMBERING_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
_VAL = w("val")


@record(slots=True, frozen=True)
class ListLevel:
    """Where a paragraph sits in the document's lists."""

    num_id: str
    level: int
    format: str  # the level's w:numFmt ("bullet", "decimal", ...; "none" when unknown)

    @property
    def bullet(self) -> bool:
        return self.format in ("bullet", "none")


def _num_pr(ppr: etree._Element | None) -> tuple[str | None, int | None]:
    numpr = find_child(ppr, w("numPr")) if ppr is not None else None
    if numpr is None:
        return None, None
    num = find_child(numpr, w("numId"))
    lvl = find_child(numpr, w("ilvl"))
    level = lvl.get(_VAL) if lvl is not None else None
    return (num.get(_VAL) if num is not None else None), (int(level) if level and level.isdigit() else None)


class Numbering:
    """The numbering part (if any), read once; new definitions are added to it on demand."""

    def __init__(self, pkg: DocxPackage, styles: Styles) -> None:
        self.pkg = pkg
        self.styles = styles
        found = pkg.related(pkg.main_part, REL_NUMBERING)
        self.part: str | None = found[0] if found else None
        self.root: etree._Element | None = pkg.xml(self.part) if self.part else None
        self._bullet: str | None = None

    # -- reading -------------------------------------------------------------------
    def _num(self, num_id: str) -> etree._Element | None:
        if self.root is None:
            return None
        return next((n for n in self.root.iterchildren(w("num")) if n.get(w("numId")) == num_id), None)

    def _abstract(self, abstract_id: str) -> etree._Element | None:
        if self.root is None:
            return None
        for a in self.root.iterchildren(w("abstractNum")):
            if a.get(w("abstractNumId")) == abstract_id:
                return a
        return None

    def format_of(self, num_id: str, level: int) -> str:
        """The number format of one level of a list ('none' when the definition is missing)."""
        num = self._num(num_id)
        if num is None:
            return "none"
        for override in num.iterchildren(w("lvlOverride")):
            lvl = find_child(override, w("lvl"))
            if override.get(w("ilvl")) == str(level) and lvl is not None and find_child(lvl, w("numFmt")) is not None:
                return find_child(lvl, w("numFmt")).get(_VAL) or "decimal"  # type: ignore[union-attr]
        ref = find_child(num, w("abstractNumId"))
        abstract = self._abstract(ref.get(_VAL) or "") if ref is not None else None
        for _ in range(3):  # a definition may point at a numbering style's list
            if abstract is None:
                return "none"
            link = find_child(abstract, w("numStyleLink"))
            if link is None:
                break
            abstract = self._style_list(link.get(_VAL))
        if abstract is None:
            return "none"
        for lvl in abstract.iterchildren(w("lvl")):
            if lvl.get(w("ilvl")) == str(level):
                fmt = find_child(lvl, w("numFmt"))
                return (fmt.get(_VAL) if fmt is not None else None) or "decimal"
        return "none"

    def _style_list(self, style_id: str | None) -> etree._Element | None:
        num_id, _ = self.styles.numbering(style_id)
        num = self._num(num_id) if num_id is not None else None
        ref = find_child(num, w("abstractNumId")) if num is not None else None
        return self._abstract(ref.get(_VAL) or "") if ref is not None else None

    def level_of(self, p: etree._Element) -> ListLevel | None:
        """The list and level a paragraph is in (direct numbering, else its style's), or None."""
        ppr = find_child(p, w("pPr"))
        num_id, level = _num_pr(ppr)
        if num_id is None:
            style = find_child(ppr, w("pStyle")) if ppr is not None else None
            num_id, style_level = self.styles.numbering(style.get(_VAL) if style is not None else None)
            level = level if level is not None else style_level
        if num_id is None or num_id == "0":
            return None
        level = level or 0
        return ListLevel(num_id, level, self.format_of(num_id, level))

    # -- adding --------------------------------------------------------------------
    def bullet_num(self) -> str:
        """A `w:numId` showing bullets, added with its definition (and the part) if needed."""
        if self._bullet is not None:
            return self._bullet
        root = self._ensure()
        used_abstract = {int(a.get(w("abstractNumId")) or 0) for a in root.iterchildren(w("abstractNum"))}
        abstract_id = str(max(used_abstract, default=-1) + 1)
        abstract = etree.Element(w("abstractNum"))
        abstract.set(w("abstractNumId"), abstract_id)
        etree.SubElement(abstract, w("multiLevelType")).set(_VAL, "hybridMultilevel")
        for level, mark in enumerate(("\u2022", "o", "\u25aa")):
            lvl = etree.SubElement(abstract, w("lvl"))
            lvl.set(w("ilvl"), str(level))
            etree.SubElement(lvl, w("start")).set(_VAL, "1")
            etree.SubElement(lvl, w("numFmt")).set(_VAL, "bullet")
            etree.SubElement(lvl, w("lvlText")).set(_VAL, mark)
            etree.SubElement(lvl, w("lvlJc")).set(_VAL, "left")
            ind = etree.SubElement(etree.SubElement(lvl, w("pPr")), w("ind"))
            ind.set(w("left"), str(720 * (level + 1)))
            ind.set(w("hanging"), "360")
        # every w:abstractNum comes before the first w:num (schema order)
        nums = list(root.iterchildren(w("num")))
        if nums:
            nums[0].addprevious(abstract)
        else:
            root.append(abstract)
        self._bullet = self._add_num(abstract_id)
        return self._bullet

    def restarted(self, num_id: str) -> str:
        """A new `w:numId` over the same definition as `num_id`, whose levels start afresh."""
        num = self._num(num_id)
        ref = find_child(num, w("abstractNumId")) if num is not None else None
        if ref is None or ref.get(_VAL) is None:
            return num_id
        new_id = self._add_num(ref.get(_VAL) or "0")
        new = self._num(new_id)
        for level in range(9):
            override = etree.SubElement(new, w("lvlOverride"))  # type: ignore[arg-type]
            override.set(w("ilvl"), str(level))
            etree.SubElement(override, w("startOverride")).set(_VAL, "1")
        return new_id

    def _add_num(self, abstract_id: str) -> str:
        root = self._ensure()
        used = [int(n.get(w("numId")) or 0) for n in root.iterchildren(w("num"))]
        num_id = str(max(used, default=0) + 1)
        num = etree.Element(w("num"))
        num.set(w("numId"), num_id)
        etree.SubElement(num, w("abstractNumId")).set(_VAL, abstract_id)
        later = list(root.iterchildren(w("numIdMacAtCleanup")))
        if later:
            later[0].addprevious(num)
        else:
            root.append(num)
        self.pkg.mark_modified(self.part or "")
        return num_id

    def _ensure(self) -> etree._Element:
        if self.root is None:
            self.root = etree.Element(w("numbering"), nsmap={"w": W_NS})
            self.part = add_part(self.pkg, "numbering", self.root, REL_NUMBERING, NUMBERING_CT)
        self.pkg.mark_modified(self.part or "")
        return self.root
