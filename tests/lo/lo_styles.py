"""Open .docx files in a real LibreOffice (headless) and report each paragraph's style and list label.

Run with Debian's /usr/bin/python3 (the only interpreter where `uno` imports):

    /usr/bin/python3 tests/lo/lo_styles.py FILE.docx [FILE.docx ...]

lo_check.py reports text and tracked changes; this reports layout that Reject All / Accept All
must not break: for each file, three states (as opened, after Reject All, after Accept All, the
last from a fresh load), each a list of body paragraphs in reading order (tables cell by cell):
text, paragraph style name, list label as LibreOffice renders it ("1.", "a)"; bullets have an
empty label), list kind (bullet | number | null), list level, outline level and whether the
paragraph sits in a table. The LibreOffice process handling is lo_check.py's.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lo_check import Office

BULLET_TYPES = {6, 8}  # com.sun.star.style.NumberingType CHAR_SPECIAL, BITMAP
NO_NUMBER = 5  # NumberingType NUMBER_NONE


def _kind(paragraph) -> str | None:
    try:
        if not paragraph.getPropertyValue("NumberingIsNumber"):
            return None
        rules = paragraph.getPropertyValue("NumberingRules")
        level = paragraph.getPropertyValue("NumberingLevel")
    except Exception:
        return None
    if rules is None:
        return None
    props = {p.Name: p.Value for p in rules.getByIndex(level)}
    kind = props.get("NumberingType")
    if kind in BULLET_TYPES:
        return "bullet"
    if kind == NO_NUMBER:
        return None
    return "number"


def _paragraph(el, in_table: bool) -> dict:
    def get(name, default=None):
        try:
            return el.getPropertyValue(name)
        except Exception:
            return default

    kind = _kind(el)
    return {
        "text": el.getString(),
        "style": get("ParaStyleName", ""),
        "label": get("ListLabelString", "") if kind else "",
        "kind": kind,
        "level": get("NumberingLevel", 0) if kind else 0,
        "outline": get("OutlineLevel", 0),
        "table": in_table,
    }


def paragraphs(text, out: list[dict], in_table: bool = False) -> None:
    enum = text.createEnumeration()
    while enum.hasMoreElements():
        el = enum.nextElement()
        if el.supportsService("com.sun.star.text.Paragraph"):
            out.append(_paragraph(el, in_table))
        elif el.supportsService("com.sun.star.text.TextTable"):
            for name in el.getCellNames():
                paragraphs(el.getCellByName(name).getText(), out, True)


def dump(doc) -> list[dict]:
    out: list[dict] = []
    paragraphs(doc.getText(), out)
    return out


def inspect(office: Office, path: Path) -> dict:
    report: dict = {"path": str(path)}
    doc = office.load(path)
    try:
        report["as_opened"] = dump(doc)
        office.dispatch(doc, ".uno:RejectAllTrackedChanges")
        report["rejected"] = dump(doc)
    finally:
        doc.close(True)
    doc = office.load(path)
    try:
        office.dispatch(doc, ".uno:AcceptAllTrackedChanges")
        report["accepted"] = dump(doc)
    finally:
        doc.close(True)
    return report


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    office = Office()
    try:
        reports = [inspect(office, Path(a)) for a in argv]
    finally:
        office.close()
    json.dump(reports, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("SAL_USE_VCLPLUGIN", "svp")
    sys.exit(main(sys.argv[1:]))
