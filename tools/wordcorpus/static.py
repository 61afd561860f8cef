"""Static checks of a redline package, against the package it was made from.

Only problems the update *introduced* count: the corpus holds other projects' files, some
already carrying duplicate ids or odd markup, and those are not the tool's fault. Each
problem is a (code, detail) pair; codes are stable names used in the baseline report.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from .ooxml import CT, MC, Package, w

AUTHOR = "wttsc-policy"
REVISION_TAGS = [
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "rPrChange",
    "pPrChange",
    "sectPrChange",
    "tblPrChange",
    "trPrChange",
    "tcPrChange",
    "tblGridChange",
    "numberingChange",
    "cellIns",
    "cellDel",
    "cellMerge",
    "moveFromRangeStart",
    "moveToRangeStart",
]
_REV = {w(t) for t in REVISION_TAGS}
_BOOKKEEPING = {"[Content_Types].xml"}


def _xml_parts(pkg: Package) -> dict[str, etree._Element | str]:
    out: dict[str, etree._Element | str] = {}
    for name in pkg.names:
        if name.endswith((".xml", ".rels")):
            try:
                out[name] = pkg.xml(name)
            except etree.XMLSyntaxError as exc:
                out[name] = f"{exc.msg}"
    return out


def _facts(parts: dict) -> Counter:
    """Countable facts about a package; a fact whose count grows in the redline is a problem."""
    c: Counter = Counter()
    ids: Counter = Counter()
    for name, root in parts.items():
        if isinstance(root, str):
            c[("malformed", name)] += 1
            continue
        for el in root.iter(*_REV):
            if el.get(w("id")) is not None:
                ids[el.get(w("id"))] += 1
        for el in root.iter(w("ins"), w("del")):
            anc = {a.tag for a in el.iterancestors()}
            if el.tag in anc:
                c[(f"nested-{etree.QName(el).localname}", name)] += 1
        for rpr in root.iter(w("rPr")):
            kids = Counter(k.tag for k in rpr if k.tag in (w("ins"), w("del")))
            for tag, n in kids.items():
                if n > 1:
                    c[(f"double-{etree.QName(tag).localname}-in-rPr", name)] += 1
        for t in root.iter(w("delText")):
            if not any(a.tag in (w("del"), w("moveFrom")) for a in t.iterancestors()):
                c[("delText-outside-del", name)] += 1
        for t in root.iter(w("t")):
            if any(a.tag in (w("del"), w("moveFrom")) for a in t.iterancestors()):
                c[("t-inside-del", name)] += 1
        c.update(_comment_facts(root, name))
    for value, n in ids.items():
        if n > 1:
            c[("duplicate-revision-id", value)] += n - 1
    return c


def _comment_facts(root: etree._Element, name: str) -> Counter:
    c: Counter = Counter()
    starts = Counter(el.get(w("id")) for el in root.iter(w("commentRangeStart")))
    ends = Counter(el.get(w("id")) for el in root.iter(w("commentRangeEnd")))
    refs = Counter(el.get(w("id")) for el in root.iter(w("commentReference")))
    for cid in starts:
        if ends[cid] != starts[cid]:
            c[("comment-range-unclosed", name)] += 1
        if not refs[cid]:
            c[("comment-range-without-reference", name)] += 1
    return c


def _comment_ids(pkg: Package, parts: dict) -> tuple[set, set]:
    """(ids defined in comments parts, ids referenced from story parts)."""
    defined, used = set(), set()
    story = pkg.story_parts()
    for name, root in parts.items():
        if isinstance(root, str):
            continue
        if story.get(name) == "comments":
            defined |= {el.get(w("id")) for el in root.iter(w("comment"))}
        elif name in story:
            used |= {el.get(w("id")) for el in root.iter(w("commentReference"), w("commentRangeStart"))}
    return defined, used


def _package_facts(pkg: Package) -> Counter:
    c: Counter = Counter()
    for name in pkg.names:
        if name.endswith(".rels"):
            folder = name.split("_rels/")[0]
            source = folder + name.rsplit("/", 1)[-1][: -len(".rels")]
            for _, _ty, target, mode in pkg.rels(source if source else ""):
                if mode != "External" and target not in pkg.raw and not target.startswith(("http:", "https:", "#")):
                    c[("relationship-target-missing", f"{name} -> {target}")] += 1
    if "[Content_Types].xml" in pkg.raw:
        for name in pkg.names:
            if name == "[Content_Types].xml":
                continue
            if pkg.content_type(name) is None:
                c[("part-without-content-type", name)] += 1
        types = pkg.xml("[Content_Types].xml")
        for o in types.iter(f"{{{CT}}}Override"):
            if o.get("PartName", "").lstrip("/") not in pkg.raw:
                c[("content-type-for-missing-part", o.get("PartName"))] += 1
    return c


def check(before: bytes, after: bytes) -> list[tuple[str, str]]:
    """Problems in `after` (the redline) that `before` (its input) did not already have."""
    a, b = Package.from_bytes(before), Package.from_bytes(after)
    pa, pb = _xml_parts(a), _xml_parts(b)
    fa, fb = _facts(pa) + _package_facts(a), _facts(pb) + _package_facts(b)
    problems = []
    for key, n in sorted(fb.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        if n > fa.get(key, 0):
            problems.append((key[0], f"{key[1]} (+{n - fa.get(key, 0)})"))
    defined_a, used_a = _comment_ids(a, pa)
    defined_b, used_b = _comment_ids(b, pb)
    for cid in sorted((used_b - defined_b) - (used_a - defined_a), key=str):
        problems.append(("comment-id-not-in-comments-part", str(cid)))
    for cid in sorted((defined_b - used_b) - (defined_a - used_a), key=str):
        problems.append(("comment-without-anchor", str(cid)))
    lost = [n for n in a.names if n not in b.raw]
    for name in lost:
        problems.append(("part-lost", name))
    story = set(b.story_parts())
    main_rels = "word/_rels/" + b.main.rsplit("/", 1)[-1] + ".rels"
    numbering = set(b.related(b.main, "numbering"))
    for name in a.names:
        if (
            name in b.raw
            and a.raw[name] != b.raw[name]
            and name not in story
            and name not in _BOOKKEEPING
            and name != main_rels
        ):
            if name in numbering and not isinstance(pa.get(name), str) and not isinstance(pb.get(name), str):
                problems.extend(_numbering_problems(pa[name], pb[name], name))
            else:
                problems.append(("untouched-part-changed", name))
    for name in a.names:
        if name in story and name in b.raw and a.raw[name] != b.raw[name] and not isinstance(pb.get(name), str):
            ours = [el for el in pb[name].iter(*_REV) if el.get(w("author")) == AUTHOR]
            if not ours and b.story_parts().get(name) != "comments":
                problems.append(("part-rewritten-without-edit", name))
    return problems


def visible_paragraph_texts(data: bytes, *, accept: bool) -> list[tuple[str, str]]:
    """(part, text) per paragraph as a reader would see it after Accept All (accept=True) or
    Reject All (accept=False); mc:Fallback copies are skipped so text boxes count once."""
    pkg = Package.from_bytes(data)
    hide = (w("del"), w("moveFrom")) if accept else (w("ins"), w("moveTo"))
    out = []
    for part, kind in pkg.story_parts().items():
        if kind == "comments":
            continue
        root = pkg.xml(part)
        texts: dict[etree._Element, list[str]] = {}
        order: list[etree._Element] = []
        for t in root.iter(w("t"), w("delText")):
            anc = list(t.iterancestors())
            if any(x.tag == f"{{{MC}}}Fallback" for x in anc):
                continue
            if any(x.tag in hide for x in anc):
                continue
            if t.tag == w("delText") and accept:
                continue
            p = next((x for x in anc if x.tag == w("p")), None)
            if p is None:
                continue
            if p not in texts:
                texts[p] = []
                order.append(p)
            texts[p].append(t.text or "")
        out.extend((part, "".join(texts[p])) for p in order)
    return out


def count_phrase(data: bytes, phrase: str, *, accept: bool = True) -> int:
    return sum(text.count(phrase) for _, text in visible_paragraph_texts(data, accept=accept))


def _numbering_problems(before: etree._Element, after: etree._Element, name: str) -> list[tuple[str, str]]:
    """A numbering part may gain list definitions (a new bullet list, a restarted list);
    every definition it had must stay exactly as it was."""
    old = {
        (el.tag, el.get(w("abstractNumId")) or el.get(w("numId"))): etree.tostring(el, method="c14n") for el in before
    }
    new = {
        (el.tag, el.get(w("abstractNumId")) or el.get(w("numId"))): etree.tostring(el, method="c14n") for el in after
    }
    changed = [key for key, xml in old.items() if new.get(key) != xml]
    return [("numbering-definition-changed", f"{name}: {key[1]}") for key in changed]
