"""Names of partnerships and former boards: parsing the dataset's free-text former names,
comparing names forgivingly, and building regexes that match a name but not a longer one."""

from __future__ import annotations

import re
from functools import cache

from wttsc_policy.records import record
from wttsc_policy.regexcode import compile_regex


@record(frozen=True, slots=True)
class FormerBoard:
    """A former board name parsed from the dataset's free-text entry."""

    raw: str
    name: str  # the name itself; may be "" when only a generic descriptor was left
    aliases: tuple[str, ...] = ()  # other spellings of the full name (e.g. "Suffolk LSCB")
    abbreviations: tuple[str, ...] = ()  # bare initials, resolved only for a known LA


_PAREN = compile_regex(r"\(([^()]*)\)")
_QUOTED = compile_regex(r"(?:styled|written)\s+'([^']+(?:'s[^']*)?)'")
_ACRONYM = compile_regex(r"^[A-Z][A-Za-z&]*[A-Z]$")
# Generic terms: the generic LSCB rule owns them, or they are still current everywhere.
GENERIC = {
    "lscb",
    "lscp",
    "scp",
    "scb",
    "lscpb",
    "local safeguarding children board",
    "local safeguarding children partnership",
    "safeguarding children board",
    "safeguarding children partnership",
}


def _is_acronym(token: str) -> bool:
    return bool(_ACRONYM.match(token)) and sum(c.isupper() for c in token) >= 2


def _classify(token: str, aliases: list[str], abbrs: list[str]) -> None:
    token = token.strip().strip("'\"").strip()
    token = re.sub(r"^also(?:\s+(?:styled|written))?\s+", "", token)
    if not token:
        return
    words = token.split()
    if len(words) == 1:
        if _is_acronym(token):
            abbrs.append(token)
        return
    if words[0][:1].islower():  # 'pan-Lancashire CSAP', 'joint LSCB': keep the initials only
        if _is_acronym(words[-1]):
            abbrs.append(words[-1])
        return
    if all(_is_acronym(w) for w in words):  # 'WB LSCB'
        abbrs.append(token)
    elif any(w[:1].isupper() and w[1:2].islower() for w in words):
        aliases.append(token)  # 'Suffolk LSCB', 'Halton CYPS Partnership'


@cache
@cache  # the same entries are parsed by inference, the WT080 provider and the notes
def parse_former_board(raw: str) -> FormerBoard:
    """Split "Kent Safeguarding Children Board (KSCB)" into name, aliases and initials.

    The dataset writes extra facts in brackets ("(CPSCB, joint board from Jan 2018)",
    "(LSCB; also styled 'X')"); only the first item, 'also ...' items and quoted
    'styled'/'written' names are kept as other ways of writing the board.
    """
    text = " ".join(raw.split())
    name = text.split(" (", 1)[0].strip()
    # A leading lower-case descriptor ('three-borough') is not part of the name.
    words = name.split()
    while words and words[0][:1].islower():
        words.pop(0)
    name = " ".join(words)
    aliases: list[str] = []
    abbrs: list[str] = []
    groups = _PAREN.findall(text[len(text.split(" (", 1)[0]) :])
    for gi, group in enumerate(groups):
        for quoted in _QUOTED.findall(group):
            aliases.append(quoted)
        segments = re.split(r"[;,]", group)
        for si, seg in enumerate(segments):
            seg = seg.strip()
            pan = re.match(r"(?i)^(pan-[A-Z][\w-]*)\s+[A-Z]{2,8}$", seg) if gi == 0 and si == 0 else None
            if pan and name:  # "(pan-Lancashire CSAP, ...)": the shared body as written in full
                aliases.append(f"{pan.group(1)} {name}")
            if (gi == 0 and si == 0) or seg.startswith("also "):
                if "'" in seg and _QUOTED.search(seg):
                    seg = _QUOTED.sub("", seg)
                for token in seg.split("/"):
                    _classify(token, aliases, abbrs)
    if key_text(name) in GENERIC:
        name = ""
    aliases = [a for a in dict.fromkeys(aliases) if key_text(a) not in GENERIC and a != name]
    abbrs = [a for a in dict.fromkeys(abbrs) if a.lower() not in GENERIC]
    return FormerBoard(raw=raw, name=name, aliases=tuple(aliases), abbreviations=tuple(abbrs))


_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = {ord("\u2018"): "'", ord("\u2019"): "'", ord("\u201c"): '"', ord("\u201d"): '"'}


_OTHER_SPACE = compile_regex(r"[^\S ]")  # whitespace other than a plain space


def normalise(text: str) -> str:
    """The matcher's normalisation: lower case, straight quotes, '-' dashes, each
    whitespace character a single space, soft hyphens removed."""
    text = text.replace("\u00ad", "")
    if not text.isascii():  # dashes and curly quotes are never ASCII
        text = text.translate(_DASHES).translate(_QUOTES)
    return _OTHER_SPACE.sub(" ", text.lower())


_KEY_WORD = compile_regex(r"[a-z0-9']+")


def key_text(name: str) -> str:
    """Lower-case words only, '&' read as 'and', for comparing names."""
    text = normalise(name).replace("&", " and ")
    return " ".join(_KEY_WORD.findall(text)).replace("'", "")


def _word_regex(word: str) -> str:
    if word in ("&", "and"):
        return r"(?:&|and)"
    if word.endswith("'s"):
        return re.escape(word[:-2]) + r"'?s"
    if word.endswith("s'"):
        return re.escape(word[:-1]) + r"'?"
    return re.escape(word).replace("'", "'?")


_GAP = r"(?:\s*-\s*|\s*)"  # between words: any whitespace, a hyphen, or nothing (words run together)


def name_regex(name: str) -> str:
    """A forgiving regex for a proper name over normalised text: any whitespace, a hyphen
    or nothing between words (PDF and OCR text runs words together), '&' for 'and',
    optional apostrophes."""
    words = [w for w in re.split(r"[\s\-]+", normalise(name).strip()) if w]
    body = _GAP.join(_word_regex(w) for w in words)
    return rf"(?<![\w&]){body}(?![\w&])"


def name_body(name: str) -> str:
    """name_regex without its word-boundary guards, to build longer regexes from."""
    return name_regex(name)[len(r"(?<![\w&])") : -len(r"(?![\w&])")]


# Places whose name is also an everyday word: no short forms ("Reading SCB", "Bury council").
COMMON_WORD_PLACES = {"reading", "bury"}

_BOARD_TAIL = compile_regex(
    r"^(.*?)\s+(?:local\s+)?(?:safeguarding\s+children'?s?|children'?s?\s+safeguarding)\s+board$", re.I
)
# How schools write a board's name, besides its own spelling: the usual word order with
# or without "Local" and an apostrophe, the words swapped ("Children's Safeguarding
# Board"), the initials after the place, and "Children" dropped ("Camden Safeguarding
# Board"). Words may run together. Initials and the dropped word are not tried for
# places that are everyday words ("reading LSCB guidance" is prose).
_TAILS = (
    r"(?:local\s*)?safeguarding\s*children'?s?\s*board",
    r"(?:local\s*)?children'?s?\s*safeguarding\s*board",
)
_SHORT_TAILS = (r"l?scb", r"safeguarding\s*board")


def name_variants(name: str) -> list[str]:
    """Regex forms of a former board name: the loose spellings first, then the exact one.

    For "X (Local) Safeguarding Children Board" (or "X Children's Safeguarding Board"):
    both word orders, "X LSCB" / "X SCB", "X Safeguarding Board", and "City of York ..."
    as "York ...". Each form is guarded on its own (see `guard_regex`), so one form that
    collides with another area's name does not cost the others.
    """
    exact = name_regex(name)
    m = _BOARD_TAIL.match(" ".join(name.split()))
    if not m:
        return [exact]
    place = m.group(1)
    place_re = name_body(place)
    if place.lower().startswith("city of "):
        place_re = r"(?:city\s+of\s+)?" + name_body(place[8:])
    tails = _TAILS if key_text(place) in COMMON_WORD_PLACES else _TAILS + _SHORT_TAILS
    return [rf"(?<![\w&]){place_re}{_GAP}{tail}(?![\w&])" for tail in tails] + [exact]


def plural_regex(name: str) -> str | None:
    """The board's name closing a list of several boards ("Shropshire, Herefordshire and
    Worcestershire Safeguarding Children Boards"), or None for a name of another shape."""
    m = _BOARD_TAIL.match(" ".join(name.split()))
    if not m:
        return None
    place = name_body(m.group(1))
    boards = r"(?:local\s*)?(?:safeguarding\s*children'?s?|children'?s?\s*safeguarding)\s*boards"
    return rf"(?:(?<=,\s)|(?<=\sand\s)|(?<=\s&\s)){place}{_GAP}{boards}(?![\w&])"


def place_words(name: str) -> frozenset[str]:
    """Words every spelling of `name` contains (its place), for a cheap prefilter."""
    m = _BOARD_TAIL.match(" ".join(name.split()))
    place = m.group(1) if m else name
    words = key_text(place).split()
    if words[:2] == ["city", "of"]:
        words = words[2:]
    return frozenset(words)


def guard_regex(regex: str, others: list[str]) -> str | None:
    """Add look-arounds so `regex` no longer matches inside any longer known name.

    Returns None when it still matches one (it is that name, or cannot be told apart).
    """
    compiled = compile_regex(regex)  # remembered between runs (regexcode): re's parser is the cost here
    for other in others:
        m = compiled.search(other)
        if not m:
            continue
        prefix, suffix = other[: m.start()], other[m.end() :]
        if not prefix.strip() and not suffix.strip():
            return None
        added = ""
        pm = re.search(r"([\w&]+)([\s-])$", prefix)
        if pm:
            word = pm.group(1)
            sep = r"\s" if pm.group(2) != "-" else "-"
            alts = ["&", "and"] if word in ("&", "and") else [word]
            added += "".join(f"(?<!{re.escape(w)}{sep})" for w in alts)
        sm = re.match(r"\s*-?\s*([\w&']+)", suffix)
        if sm and not pm:
            regex = regex + rf"(?!(?:\s+|\s*-\s*){re.escape(sm.group(1))})"
        regex = added + regex
        if compile_regex(regex).search(other):
            return None
    return regex


def unnested_regexes(names: list[str]) -> dict[str, str]:
    """Each name's regex, guarded so it does not fire inside a longer name of the list:
    "Dorset Safeguarding Children Partnership" inside "Pan-Dorset Safeguarding Children
    Partnership" is a mention of the longer (shared, former) body, not of Dorset's."""
    texts = list(dict.fromkeys(normalise(n) for n in names if n))
    keyed = [(t, key_text(t)) for t in texts]  # once, not once per name: n squared calls otherwise
    out: dict[str, str] = {}
    for name in dict.fromkeys(n for n in names if n):
        key = key_text(name)
        rivals = [t for t, k in keyed if key in k and k != key]
        guarded = guard_regex(name_regex(name), rivals) if rivals else None
        out[name] = guarded or name_regex(name)
    return out
