"""Compare LibreOffice dumps: Reject All of the redline must equal the planted input.

Paragraphs are aligned by text (difflib), so one extra or missing paragraph is reported
once and the rest are still compared for style, list label and character formatting.
"""

from __future__ import annotations

import difflib

MAX_EXAMPLES = 3


def _short(text: str, n: int = 50) -> str:
    text = text.replace("\n", "\\n").replace("\t", "\\t")
    return text if len(text) <= n else text[: n - 1] + "…"


def _around(a: str, b: str) -> tuple[str, str]:
    """The two texts from a little before their first difference, so the detail shows it."""
    k = 0
    while k < min(len(a), len(b)) and a[k] == b[k]:
        k += 1
    start = max(0, k - 15)
    lead = "…" if start else ""
    return lead + _short(a[start:], 45), lead + _short(b[start:], 45)


def _squash(texts: list[str]) -> str:
    return "".join("".join(t.split()) for t in texts)


def _format_diff(fa: list, fb: list) -> str:
    """First difference between two formatting run lists, in words."""
    pos = 0
    for (la, pa), (lb, pb) in zip(fa, fb):
        if pa != pb:
            keys = [k for k in pa if pa.get(k) != pb.get(k)]
            return f"at char {pos}: " + ", ".join(f"{k} {pa.get(k)!r}->{pb.get(k)!r}" for k in keys[:3])
        if la != lb:
            return f"run lengths differ at char {pos}: {la} vs {lb}"
        pos += la
    return f"{len(fa)} vs {len(fb)} formatting runs"


def compare_reject(planted: list[dict], redline: list[dict]) -> list[tuple[str, str, int]]:
    """Problems as (code, detail with up to three examples, count)."""
    ta = [p["text"] for p in planted]
    tb = [p["text"] for p in redline]
    problems: list[tuple[str, str, int]] = []
    sm = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    if ta != tb:
        diffs = [op for op in sm.get_opcodes() if op[0] != "equal"]
        examples = []
        for tag, i1, i2, j1, j2 in diffs[:MAX_EXAMPLES]:
            if tag == "replace" and i2 - i1 == 1 and j2 - j1 == 1:
                left, right = _around(ta[i1], tb[j1])
            else:
                left = " | ".join(_short(t, 40) for t in ta[i1:i2][:2]) + (" | …" if i2 - i1 > 2 else "") or "-"
                right = " | ".join(_short(t, 40) for t in tb[j1:j2][:2]) + (" | …" if j2 - j1 > 2 else "") or "-"
                left, right = left or "-", right or "-"
                if tag != "replace":
                    left, right = f"{i2 - i1} para: {left}", f"{j2 - j1} para: {right}"
            where = (planted[i1] if i1 < len(planted) else planted[-1] if planted else {"where": "?"})["where"]
            examples.append(f"{where} #{i1}: {tag} [{left}] -> [{right}]")
        code = "reject-text-whitespace" if _squash(ta) == _squash(tb) else "reject-text"
        extra_empty = sum(1 for t in tb if not t.strip()) - sum(1 for t in ta if not t.strip())
        note = f" (empty paragraphs {extra_empty:+d})" if extra_empty else ""
        problems.append((code, "; ".join(examples) + note, len(diffs)))
    found: dict[str, list[str]] = {"reject-style": [], "reject-list": [], "reject-format": []}
    for block in sm.get_matching_blocks():
        for k in range(block.size):
            a, b = planted[block.a + k], redline[block.b + k]
            label = f"{a['where']} #{block.a + k} '{_short(a['text'], 40)}'"
            if a.get("style") != b.get("style"):
                found["reject-style"].append(f"{label}: style {a.get('style')!r} -> {b.get('style')!r}")
            if (a.get("label"), a.get("level")) != (b.get("label"), b.get("level")):
                found["reject-list"].append(
                    f"{label}: list {a.get('label')!r}/lvl {a.get('level')} -> {b.get('label')!r}/lvl {b.get('level')}"
                )
            if "format" in a and "format" in b and a["format"] != b["format"]:
                found["reject-format"].append(f"{label}: {_format_diff(a['format'], b['format'])}")
    for code, items in found.items():
        if items:
            problems.append((code, "; ".join(items[:MAX_EXAMPLES]), len(items)))
    return problems


def count_in(paragraphs: list[dict], phrase: str) -> int:
    """Occurrences of `phrase`, field results included (they are masked in `text`).

    LibreOffice shows one header or footer in every page style (and left/right/first
    variant) that uses it, so a header paragraph is counted once per distinct text."""
    seen: set[str] = set()
    total = 0
    for p in paragraphs:
        if _page_story(p["where"]):
            if p["text"] in seen:  # field results masked: page numbers differ per page style
                continue
            seen.add(p["text"])
        total += p.get("full", p["text"]).count(phrase)
    return total


def _page_story(where: str) -> bool:
    """A header or footer paragraph of the dump ("<page style>/HeaderText", ...)."""
    tail = where.rsplit("/", 1)[-1]
    return "/" in where and tail.startswith(("Header", "Footer"))
