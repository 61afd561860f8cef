"""Text normalisation for matching, with a map back to the original characters.

Normalisation is length-preserving wherever possible (case, quotes, dashes, spaces and
line breaks are translated one character for one), so the common case needs no index
map at all. Two things shorten the text, and then an explicit index map is built so
every match still maps back to exact original offsets (edits rely on them):

- invisible characters are removed: soft hyphens, zero-width spaces and joiners,
  directional marks and isolates (LRM, RLM, ALM, LRE..RLO, LRI..PDI), the combining
  grapheme joiner, the Mongolian vowel separator, invisible operators, variation
  selectors, Hangul fillers and byte-order marks;
- letter-spaced text from OCR or PDF export ("K C S I E 2 0 2 2") is closed up: in a
  run of four or more single letters or digits each separated by one space, those
  spaces are dropped ("KCSIE2022"). A wider gap (two spaces) still separates words.
  Rule patterns allow words run together (`' ?'` in a pattern), so both the run-together
  result and OCR text that lost its spaces ("Keepingchildrensafe") match.
"""

from __future__ import annotations

import re

from wttsc_policy.records import record
from wttsc_policy.regexcode import compile_regex

_SPACES = "\t\n\r\x0b\x0c\x85\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4\u02bc"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
REMOVED = frozenset(
    "\u00ad"  # soft hyphen
    "\u034f"  # combining grapheme joiner
    "\u061c"  # Arabic letter mark
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers
    "\u17b4\u17b5"  # Khmer inherent vowels
    "\u180b\u180c\u180d\u180e\u180f"  # Mongolian free variation selectors, vowel separator
    "\u200b\u200c\u200d"  # zero-width space, non-joiner, joiner
    "\u200e\u200f"  # left-to-right and right-to-left marks
    "\u202a\u202b\u202c\u202d\u202e"  # directional embeddings and overrides
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\u2066\u2067\u2068\u2069"  # directional isolates
    "\ufe00\ufe01\ufe02\ufe03\ufe04\ufe05\ufe06\ufe07"
    "\ufe08\ufe09\ufe0a\ufe0b\ufe0c\ufe0d\ufe0e\ufe0f"  # variation selectors
    "\ufeff"  # byte-order mark / zero-width no-break space
)
_REMOVED_RE = compile_regex("[" + "".join(sorted(REMOVED)) + "]")  # one C-level scan instead of a Python loop
# OCR letter spacing: runs of single letters or digits one space apart ("K C S I E"),
# words of a letter-spaced line two spaces apart ("W o r k i n g  t o  S a f e"). A chain
# of such runs is closed up when one of its runs has four or more characters, so short
# words inside a letter-spaced line ("t o") close up too, while "options a b c" does not.
_SPACED = compile_regex(r"(?<![^\W_])(?:[^\W_] )+[^\W_](?:  (?:[^\W_] )+[^\W_])*(?![^\W_])")


# Every chain closed up holds a run of four single characters, so " x y " (a literal first
# character: re jumps between spaces); a paragraph without it has no letter spacing.
_SPACED_HINT = compile_regex(r" [^\W_] [^\W_] ")


def _spaced_gaps(text: str) -> list[int]:
    """Offsets of the single spaces inside letter-spaced runs (see _SPACED)."""
    if _SPACED_HINT.search(text) is None:
        return []
    out: list[int] = []
    for m in _SPACED.finditer(text):
        chain = m.group()
        if max(len(run) for run in chain.split("  ")) < 7:  # a run of 4 characters is 7 long
            continue
        for i, c in enumerate(chain):
            if c == " " and chain[i - 1] != " " and chain[i + 1] != " ":
                out.append(m.start() + i)
    return out


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
_SPECIAL = compile_regex("[" + re.escape("".join(_BY_CHAR)) + "]")


def _replace(m: re.Match[str]) -> str:
    return _BY_CHAR[m.group()]


def translate(text: str) -> str:
    """Spaces, quotes and dashes mapped one character for one (same as str.translate(_TABLE))."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_BYTES).decode("ascii")
    return _SPECIAL.sub(_replace, text)


@record(slots=True)
class Normalised:
    """Normalised text (`folded` is also lower-cased) and a map to original offsets."""

    plain: str
    folded: str
    index: list[int] | None  # index[i] = original offset of normalised char i; None = identity
    original_length: int

    # Written out, not generated by `record`: made by the ten thousand (see records.py).
    def __init__(self, plain: str, folded: str, index: list[int] | None, original_length: int) -> None:
        self.plain = plain
        self.folded = folded
        self.index = index
        self.original_length = original_length

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


def _dropped(plain: str) -> set[int] | None:
    """Offsets of `plain` that normalisation removes, or None when it removes nothing."""
    drop: set[int] = {m.start() for m in _REMOVED_RE.finditer(plain)} if _REMOVED_RE.search(plain) else set()
    if drop:  # letter spacing is judged on the text without invisible characters
        view = [i for i in range(len(plain)) if i not in drop]
        visible = "".join(plain[i] for i in view)
        drop.update(view[k] for k in _spaced_gaps(visible))
    else:
        drop.update(_spaced_gaps(plain))
    return drop or None


def normalise(text: str) -> Normalised:
    """Normalise `text` for matching."""
    plain = translate(text)
    index: list[int] | None = None
    drop = _dropped(plain)
    if drop:
        index = [i for i in range(len(plain)) if i not in drop]
        plain = "".join(plain[i] for i in index)
    return Normalised(plain=plain, folded=_lower_same_length(plain), index=index, original_length=len(text))


def fold(text: str) -> str:
    """Normalised, lower-cased text without a map (for cues, headings, comparisons)."""
    plain = translate(text)
    drop = _dropped(plain)
    if drop:
        plain = "".join(c for i, c in enumerate(plain) if i not in drop)
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


def ends_sentence(text: str, i: int) -> bool:
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
        if text[left - 1] == "\n" or ends_sentence(text, left - 1):
            break
        left -= 1
    right = end
    n = len(text)
    while right < n:
        if text[right] == "\n":
            break
        if ends_sentence(text, right):
            right += 1
            break
        right += 1
    return left, right
