"""Text normalisation for matching, with a map back to the original characters.

Normalisation is length-preserving wherever possible (case, quotes, dashes, spaces and
line breaks are translated one character for one), so the common case needs no index
map at all. Only soft hyphens and zero-width characters are removed; when a block has
any, an explicit index map is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACES = "\t\n\r\x0b\x0c\x85\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4\u02bc"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
REMOVED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_REMOVED_RE = re.compile("[" + "".join(sorted(REMOVED)) + "]")  # one C-level scan instead of a Python loop

_TABLE: dict[int, str] = {}
_TABLE.update({ord(c): " " for c in _SPACES})
_TABLE.update({ord(c): "'" for c in _SINGLE_QUOTES})
_TABLE.update({ord(c): '"' for c in _DOUBLE_QUOTES})
_TABLE.update({ord(c): "-" for c in _DASHES})

# str.translate with a dict costs ~30 ns a character. Pure-ASCII text (most paragraphs)
# goes through bytes.translate instead, other text through one regex pass that only
# calls back for the characters that change.
_ASCII_KEYS = "".join(chr(k) for k in _TABLE if k < 128)
_ASCII_BYTES = bytes.maketrans(
    _ASCII_KEYS.encode("ascii"), "".join(_TABLE[ord(c)] for c in _ASCII_KEYS).encode("ascii")
)
_BY_CHAR = {chr(k): v for k, v in _TABLE.items()}
_SPECIAL = re.compile("[" + re.escape("".join(_BY_CHAR)) + "]")


def _replace(m: re.Match[str]) -> str:
    return _BY_CHAR[m.group()]


def translate(text: str) -> str:
    """Spaces, quotes and dashes mapped one character for one (same as str.translate(_TABLE))."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_BYTES).decode("ascii")
    return _SPECIAL.sub(_replace, text)


@dataclass(slots=True)
class Normalised:
    """Normalised text (`folded` is also lower-cased) and a map to original offsets."""

    plain: str
    folded: str
    index: list[int] | None  # index[i] = original offset of normalised char i; None = identity
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised [start, end) range back to the original text."""
        if self.index is None:
            return start, end
        if start >= len(self.index):
            return self.original_length, self.original_length
        orig_start = self.index[start]
        orig_end = self.index[end - 1] + 1 if end > start else orig_start
        return orig_start, orig_end


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def normalise(text: str) -> Normalised:
    """Normalise `text` for matching."""
    plain = translate(text)
    index: list[int] | None = None
    if _REMOVED_RE.search(plain):
        kept: list[str] = []
        index = []
        for i, c in enumerate(plain):
            if c not in REMOVED:
                kept.append(c)
                index.append(i)
        plain = "".join(kept)
    return Normalised(plain=plain, folded=_lower_same_length(plain), index=index, original_length=len(text))


def fold(text: str) -> str:
    """Normalised, lower-cased text without a map (for cues, headings, comparisons)."""
    plain = translate(text)
    if _REMOVED_RE.search(plain):
        plain = _REMOVED_RE.sub("", plain)
    return _lower_same_length(plain)


_ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "etc",
        "no",
        "nos",
        "para",
        "paras",
        "p",
        "pp",
        "cf",
        "vs",
        "approx",
        "dept",
        "govt",
        "st",
        "mr",
        "mrs",
        "ms",
        "dr",
        "ch",
        "sec",
        "s",
        "ss",
        "vol",
        "fig",
        "incl",
    ]
)


def _ends_sentence(text: str, i: int) -> bool:
    """Is the punctuation at text[i] a sentence end (not 'e.g.', 'para.', 'v2.0')?"""
    c = text[i]
    if c not in ".!?;":
        return False
    if i + 1 < len(text) and not text[i + 1].isspace():
        return False
    if c == ".":
        j = i
        floor = max(0, i - 8)  # no abbreviation is longer: bounded, so a run of "a.a.a." stays linear
        while j > floor and (text[j - 1].isalpha() or text[j - 1] == "."):
            j -= 1
        word = text[j:i].lower()
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return False
    return True


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or list line) of `text` around [start, end).

    A full stop counts as a sentence end only when followed by whitespace, so
    abbreviations like "e.g." inside a phrase or "v2.0" don't split it.
    """
    left = start
    while left > 0:
        if text[left - 1] == "\n" or _ends_sentence(text, left - 1):
            break
        left -= 1
    right = end
    n = len(text)
    while right < n:
        if text[right] == "\n":
            break
        if _ends_sentence(text, right):
            right += 1
            break
        right += 1
    return left, right
