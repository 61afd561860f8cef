"""Compare what LibreOffice shows for an original and its redline (tests/lo/lo_styles.py output).

Kept apart from the LibreOffice driver so it can be unit-tested without LibreOffice.

- Reject All must give back the original exactly: every paragraph's text, style name, list
  kind and list label (issue 13: headings after an inserted block became body text);
- Accept All must leave the original's paragraphs their styles and list kinds, and a list
  item the tool inserted must match the list it joins (a bullet in a bulleted list) or, when
  it starts a list, start at 1 (issue 13: inserted items became "21.", "32.").
"""

from __future__ import annotations

import difflib
import re

from .checks import Defect

FIRST_LABEL = re.compile(r"^\(?(1|a|A|i|I)[.)]$")


def _row(p: dict) -> tuple:
    return (p["text"], p["style"], p["kind"], p["label"])


def reject_defects(original: list[dict], rejected: list[dict], limit: int = 12) -> list[Defect]:
    """Paragraphs that Reject All does not give back exactly."""
    out = []
    a = [_row(p) for p in original]
    b = [_row(p) for p in rejected]
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            before = a[i1 + k] if i1 + k < i2 else None
            after = b[j1 + k] if j1 + k < j2 else None
            if before and after and before[0] == after[0]:
                detail = (
                    f"style {before[1]!r} -> {after[1]!r}, list {before[2]}/{before[3]!r} -> {after[2]}/{after[3]!r}"
                )
                out.append(Defect("libreoffice", before[0][:100], f"after Reject All: {detail}"))
            elif before:
                out.append(
                    Defect(
                        "libreoffice",
                        before[0][:100],
                        f"after Reject All: paragraph missing or changed ({after[0][:60] if after else 'nothing'!r})",
                    )
                )
            else:
                out.append(Defect("libreoffice", after[0][:100], "after Reject All: extra paragraph"))
    return out[:limit]


def accept_defects(original: list[dict], accepted: list[dict], limit: int = 12) -> list[Defect]:
    """Original paragraphs restyled by Accept All, and inserted list items that do not fit."""
    out = []
    matcher = difflib.SequenceMatcher(a=[p["text"] for p in original], b=[p["text"] for p in accepted], autojunk=False)
    inserted = set()
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2)):
                before, after = original[i], accepted[j]
                if before["style"] != after["style"] or before["kind"] != after["kind"]:
                    out.append(
                        Defect(
                            "libreoffice",
                            before["text"][:100],
                            f"after Accept All: style {before['style']!r}/{before['kind']} -> {after['style']!r}/{after['kind']}",
                        )
                    )
        else:
            inserted.update(range(j1, j2))
    for j in sorted(inserted):
        p = accepted[j]
        if not p["kind"] or p["table"]:
            continue
        prev = accepted[j - 1] if j > 0 else None
        if prev and prev["kind"] and not prev["table"]:
            if prev["kind"] != p["kind"]:
                out.append(
                    Defect(
                        "libreoffice",
                        p["text"][:100],
                        f"inserted {p['kind']} item ({p['label']!r}) in a {prev['kind']} list",
                    )
                )
        elif p["kind"] == "number" and not FIRST_LABEL.match(p["label"] or ""):
            out.append(
                Defect(
                    "libreoffice",
                    p["text"][:100],
                    f"inserted list starts at {p['label']!r}: numbering continues from another list",
                )
            )
    return out[:limit]
