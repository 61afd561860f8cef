"""Stable finding fingerprints: the same finding keeps its fingerprint when text is
added, removed or reflowed elsewhere in the policy.

A fingerprint hashes what the finding *is*, never where it is:
the rule id, the matched text (normalised), the heading it sits under (without its
section number, so renumbering sections does not matter) and, when the same rule
matches the same text under the same heading several times, the occurrence index.
Line, column and paragraph numbers are deliberately left out. A missing topic is
fingerprinted by its rule alone (its heading is just where a clause would go).
"""

from __future__ import annotations

import re
from collections import Counter

from wttsc_policy.digest import sha256
from wttsc_policy.findings import FileResult, Finding
from wttsc_policy.regexcode import compile_regex

VERSION = "v1"
SARIF_KEY = f"wttscFinding/{VERSION}"

_NUMBERING = compile_regex(
    r"^(?:(?:section|part|appendix)\s+)?(?:[0-9]+(?:\.[0-9]+)*[.):]?|[ivxlc]+[.)]|[a-z][.)])\s+", re.I
)
_SPACE = compile_regex(r"\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def normalise_text(text: str | None) -> str:
    """Case, whitespace, curly quotes and dashes do not change a fingerprint."""
    return _SPACE.sub(" ", (text or "").translate(_QUOTES)).strip().lower()


def normalise_heading(heading: str | None) -> str:
    """'4. Early help' and '5 Early Help' are the same section for fingerprinting."""
    text = normalise_text(heading)
    return _NUMBERING.sub("", text, count=1) if text else ""


def _key(f: Finding) -> tuple[str, str, str]:
    if f.kind == "missing_topic":
        # a missing topic is about the whole policy; its heading is only where a clause
        # would be placed, which moves when headings change
        return (f.rule, "", "")
    return (f.rule, normalise_heading(f.heading), normalise_text(f.match))


def _digest(key: tuple[str, str, str], occurrence: int) -> str:
    raw = "\x1f".join((VERSION, *key, str(occurrence)))
    return sha256(raw.encode("utf-8")).hexdigest()[:32]


def for_result(result: FileResult) -> list[str]:
    """Fingerprints of a file's findings, in the same order as `result.findings`."""
    seen: Counter[tuple[str, str, str]] = Counter()
    out: list[str] = []
    for f in result.findings:
        key = _key(f)
        out.append(_digest(key, seen[key]))
        seen[key] += 1
    return out


def compute(results: list[FileResult]) -> dict[int, str]:
    """Fingerprints for every finding of a run, keyed by `id(finding)`.

    Computed once over the full findings (before a baseline filters them), so the
    occurrence index of a finding never shifts because a sibling was filtered out.
    """
    out: dict[int, str] = {}
    for r in results:
        for f, fp in zip(r.findings, for_result(r)):
            out[id(f)] = fp
    return out
