"""How rule regexes are written: a literal space matches any run of whitespace; and the
compiled form of a missing-topic cue (see match/cues.py for how it is evaluated).

A rule regex is compiled on first use (`Regex`): most runs need only some of a pack's
several hundred regexes, since the matcher first checks, with substring tests, that a
document holds the words a regex needs (match/prefilter.py)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from wttsc_policy.records import record
from wttsc_policy.regexcode import compile_regex


@record(frozen=True, slots=True)
class Proximity:
    """Terms that must all be found, within `within` words of each other (None: a single
    regex anywhere in a block)."""

    terms: tuple[Regex, ...]
    within: int | None
    ordered: bool = False
    sentence: bool = True


CompiledCue = tuple[Proximity, ...]  # alternatives: any one of them is the cue


_SPECIAL = compile_regex(r"[\\\[\] ]")  # the characters translate looks at


def translate(pattern: str) -> str:
    """The regex as written with each literal space made a whitespace run (see
    compile_pattern). Jumps between the characters that matter (backslash, brackets,
    space): a pack has a few hundred patterns and 30,000 characters."""
    if " " not in pattern:
        return pattern
    out: list[str] = []
    i, n, in_class = 0, len(pattern), False
    while i < n:
        m = _SPECIAL.search(pattern, i)
        if m is None:
            out.append(pattern[i:])
            break
        j = m.start()
        if j > i:
            out.append(pattern[i:j])
        ch = pattern[j]
        i = j + 1
        if ch == "\\":  # an escape, in a class or not: kept with the character it escapes
            out.append(pattern[j : j + 2])
            i = j + 2
        elif in_class or ch != " ":
            out.append(ch)
            if ch == "[" and not in_class:
                in_class = True
            elif ch == "]" and in_class:
                in_class = False
        else:
            nxt = pattern[i] if i < n else ""
            if nxt and nxt in "?*":  # ' ?' / ' *': optional whitespace run
                out.append(r"\s*")
                i += 1
            elif out and out[-1] == r"\s+":
                continue
            else:
                if nxt == "+":
                    i += 1
                out.append(r"\s+")
    return "".join(out)


class Regex:
    """A regex compiled on first use; otherwise used like `re.Pattern`."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = compile_regex(self.pattern, self.flags)
        return self._compiled

    @property
    def groupindex(self) -> Mapping[str, int]:
        return self.compiled.groupindex

    @property
    def groups(self) -> int:
        return self.compiled.groups

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled.findall(string, pos, endpos)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)

    def __repr__(self) -> str:
        return f"Regex({self.pattern!r}, {self.flags})"


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str, *, case_sensitive: bool = False) -> Regex:
    """A rule regex for matching against normalised text, compiled on first use (the
    same object for the same pattern: heading cues are asked for once per missing topic).

    A literal space outside a character class matches any run of whitespace (line
    breaks included), and ' ?' an optional run, so authors can write phrases naturally
    and allow for words joined or split by PDF extraction. An invalid regex raises
    re.error when it is first used (schema.py uses it at once, to validate packs).
    """
    return Regex(translate(pattern), 0 if case_sensitive else re.IGNORECASE)
