"""How names are compared and found: the key a name is looked up by, and the scan that finds
CCG names in a text by looking at the words before each "CCG" / "Clinical Commissioning Group".
"""

from __future__ import annotations

import re

from wttsc_policy.regexcode import compile_regex

_WORD = compile_regex(r"[a-z0-9]+")
_TOKEN = compile_regex(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?|&")
_GAP = compile_regex(r"[\s,()\-\u2010-\u2015]*")
_LAST_GAP = compile_regex(r"\)?\s+|\s*\)\s*")
_SUFFIX = compile_regex(r"(?<![A-Za-z0-9])(?:ccg|clinical\s+commissioning\s+group)(?![A-Za-z0-9])", re.IGNORECASE)
_WINDOW = 320


def name_key(text: str) -> str:
    """Lower-case words, '&' read as 'and', apostrophes dropped: how names are compared."""
    text = text.lower().replace("&", " and ").replace("'", "").replace("\u2019", "")
    return " ".join(_WORD.findall(text))


def ccg_core(name: str) -> str:
    """A CCG name without a leading "NHS" or a trailing "CCG" / "Clinical Commissioning Group"."""
    text = re.sub(r"^nhs\s+", "", name.strip(), flags=re.IGNORECASE)
    return re.sub(r"\s+(?:ccg|clinical\s+commissioning\s+group)$", "", text, flags=re.IGNORECASE)


def _token_key(token: str) -> str:
    return "and" if token == "&" else token.lower().replace("'", "").replace("\u2019", "")


_LA_DROP = {
    "council", "county", "borough", "city", "metropolitan", "district", "corporation", "the", "of",
    "royal", "london", "cc", "mbc", "bc",
}  # fmt: skip


def la_place(name: str) -> str:
    """A council name reduced to its place ("Kent County Council" -> "kent")."""
    return " ".join(w for w in name_key(name).split() if w not in _LA_DROP)


def find_names(text: str, ccg_keys: dict[str, int], max_words: int) -> list[tuple[int, int, int]]:
    """(start, end, index) of every name in `ccg_keys` followed by a CCG suffix, in text order.

    Only the places where 'CCG' or 'Clinical Commissioning Group' occurs are examined: the
    words before each are looked up, longest name first, so one pass serves all the names.
    """
    out: list[tuple[int, int, int]] = []
    last_end = 0
    for m in _SUFFIX.finditer(text):
        found = _name_before(text, m.start(), last_end, ccg_keys, max_words)
        if found is None:
            continue
        start, index = found
        out.append((start, m.end(), index))
        last_end = m.end()
    return out


def _name_before(
    text: str, suffix_at: int, floor: int, ccg_keys: dict[str, int], max_words: int
) -> tuple[int, int] | None:
    lo = max(floor, suffix_at - _WINDOW)
    tokens = list(_TOKEN.finditer(text, lo, suffix_at))
    if lo > 0 and tokens and tokens[0].start() == lo and text[lo - 1].isalnum():
        tokens = tokens[1:]  # a word cut by the window
    # Walk back while tokens are joined only by spaces, commas, hyphens or brackets; the
    # last word must be followed by the suffix directly (a space or a closing bracket).
    chain: list[re.Match[str]] = []
    end = suffix_at
    for tok in reversed(tokens):
        gap = text[tok.end() : end]
        joined = _LAST_GAP.fullmatch(gap) if not chain else _GAP.fullmatch(gap)
        if joined is None or len(chain) > max_words:
            break
        chain.append(tok)
        end = tok.start()
    chain.reverse()  # text order; the name must end at the suffix
    keys = [_token_key(t.group()) for t in chain]
    for k in range(min(len(chain), max_words), 0, -1):
        index = ccg_keys.get(" ".join(keys[-k:]))
        if index is None:
            continue
        start = chain[-k].start()
        if len(chain) > k and keys[-k - 1] == "nhs":
            start = chain[-k - 1].start()
        return start, index
    return None
