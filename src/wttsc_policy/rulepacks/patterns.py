"""How rule regexes are written: a literal space matches any run of whitespace; and the
compiled form of a missing-topic cue (see match/cues.py for how it is evaluated)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Proximity:
    """Terms that must all be found, within `within` words of each other (None: a single
    regex anywhere in a block)."""

    terms: tuple[re.Pattern[str], ...]
    within: int | None
    ordered: bool = False
    sentence: bool = True


CompiledCue = tuple[Proximity, ...]  # alternatives: any one of them is the cue


def compile_pattern(pattern: str, *, case_sensitive: bool = False) -> re.Pattern[str]:
    """Compile a rule regex for matching against normalised text.

    A literal space outside a character class matches any run of whitespace (line
    breaks included), and ' ?' an optional run, so authors can write phrases naturally
    and allow for words joined or split by PDF extraction.
    """
    out: list[str] = []
    in_class = escaped = False
    chars = iter(enumerate(pattern))
    for i, ch in chars:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif in_class:
            out.append(ch)
            if ch == "]":
                in_class = False
        elif ch == "[":
            out.append(ch)
            in_class = True
        elif ch == " ":
            nxt = pattern[i + 1] if i + 1 < len(pattern) else ""
            if nxt in "?*":  # ' ?' / ' *': optional whitespace run
                next(chars)
                out.append(r"\s*")
            elif out and out[-1] == r"\s+":
                continue
            else:
                if nxt == "+":
                    next(chars)
                out.append(r"\s+")
        else:
            out.append(ch)
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile("".join(out), flags)
