"""Local safeguarding partnerships: the shipped dataset, name resolution, inference and
the named-board provider behind rule WT080.

Every upper-tier local authority in England has multi-agency safeguarding arrangements
with a name of its own. Policies often still name the board those arrangements
replaced ("Kent Safeguarding Children Board"), while a few areas kept "Board" in the
current name. The data is loaded lazily (only when a command needs it) and cached.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from wttsc_policy.errors import ConfigError, WttscError

if TYPE_CHECKING:
    from wttsc_policy.config import Config
    from wttsc_policy.model import Document

DATA_FILE = "partnerships.yaml"
Confidence = Literal["high", "medium", "low"]


class PartnershipDataError(WttscError):
    """The partnership dataset (shipped or given) is malformed."""


# --------------------------------------------------------------------------- models


class Partnership(BaseModel):
    """One local authority's children's safeguarding arrangements."""

    model_config = ConfigDict(extra="forbid")

    local_authority: str = Field(min_length=2)
    la_type: str = ""
    partnership: str = Field(min_length=3)
    abbreviation: str | None = None
    covers: list[str] = Field(default_factory=list)
    former_boards: list[str] = Field(default_factory=list)
    board_still_in_name: bool = False
    website: str | None = None
    source: str = Field(min_length=1)
    confidence: Confidence
    notes: str | None = None
    # Set when a config override corrected or added this entry.
    override_origin: str | None = Field(default=None, exclude=True)

    @field_validator("former_boards")
    @classmethod
    def _non_empty(cls, value: list[str]) -> list[str]:
        for item in value:
            if not item or not item.strip():
                raise ValueError("former board names must be non-empty text")
        return value

    @property
    def formers(self) -> list[FormerBoard]:
        return [parse_former_board(s) for s in self.former_boards]


class PartnershipData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    as_of: str = Field(min_length=4, description="When the data was last compiled (YYYY-MM)")
    partnerships: list[Partnership] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class FormerBoard:
    """A former board name parsed from the dataset's free-text entry."""

    raw: str
    name: str  # the name itself; may be "" when only a generic descriptor was left
    aliases: tuple[str, ...] = ()  # other spellings of the full name (e.g. "Suffolk LSCB")
    abbreviations: tuple[str, ...] = ()  # bare initials, resolved only for a known LA


@dataclass(frozen=True, slots=True)
class Inference:
    """A local authority inferred from a policy, with the evidence for it."""

    local_authority: str
    partnership: Partnership
    evidence: dict[str, int]  # phrase seen -> times

    def describe(self) -> str:
        parts = ", ".join(f"'{k}' x{v}" for k, v in sorted(self.evidence.items(), key=lambda kv: -kv[1]))
        return f"local authority inferred as {self.local_authority} from: {parts}"


@dataclass(slots=True)
class ProviderPattern:
    """One regex the matcher runs over normalised block text."""

    regex: re.Pattern[str]
    replacement: str
    severity: str | None
    message: str | None
    confidence: str


@dataclass(slots=True)
class ProviderResult:
    patterns: list[ProviderPattern] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- loading


def _format_error(exc: ValidationError, data: Any) -> str:
    err = exc.errors()[0]
    loc = list(err["loc"])
    where = ""
    if len(loc) >= 2 and loc[0] == "partnerships" and isinstance(loc[1], int):
        entries = data.get("partnerships") or [] if isinstance(data, dict) else []
        name = None
        if loc[1] < len(entries) and isinstance(entries[loc[1]], dict):
            name = entries[loc[1]].get("local_authority")
        where = f"entry {loc[1] + 1}" + (f" ({name})" if name else "") + ": "
        loc = loc[2:]
    key = ".".join(str(p) for p in loc) or "(entry)"
    return f"{where}field '{key}': {err['msg']}"


def parse_dataset(data: Any, origin: str | Path = DATA_FILE) -> PartnershipData:
    """Validate parsed YAML; a malformed entry is a PartnershipDataError naming it."""
    try:
        return PartnershipData.model_validate(data)
    except ValidationError as exc:
        raise PartnershipDataError(f"invalid partnership data: {_format_error(exc, data)}", origin) from None


@cache
def load_dataset(path: Path | None = None) -> PartnershipData:
    """The shipped dataset (or another file), parsed and validated once per process."""
    import yaml

    from wttsc_policy.resources import package_data

    path = Path(path) if path is not None else package_data(DATA_FILE)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError) as exc:
        raise PartnershipDataError(f"cannot read partnership data: {exc}", path) from None
    except yaml.YAMLError as exc:
        raise PartnershipDataError(f"invalid YAML: {exc}", path) from None
    return parse_dataset(data, path)


# --------------------------------------------------------------------------- former names

_PAREN = re.compile(r"\(([^()]*)\)")
_QUOTED = re.compile(r"(?:styled|written)\s+'([^']+(?:'s[^']*)?)'")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z&]*[A-Z]$")
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
            if gi == 0 and si == 0 or seg.startswith("also "):
                if "'" in seg and _QUOTED.search(seg):
                    seg = _QUOTED.sub("", seg)
                for token in seg.split("/"):
                    _classify(token, aliases, abbrs)
    if key_text(name) in GENERIC:
        name = ""
    aliases = [a for a in dict.fromkeys(aliases) if key_text(a) not in GENERIC and a != name]
    abbrs = [a for a in dict.fromkeys(abbrs) if a.lower() not in GENERIC]
    return FormerBoard(raw=raw, name=name, aliases=tuple(aliases), abbreviations=tuple(abbrs))


# --------------------------------------------------------------------------- text helpers

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = {ord("\u2018"): "'", ord("\u2019"): "'", ord("\u201c"): '"', ord("\u201d"): '"'}


_OTHER_SPACE = re.compile(r"[^\S ]")  # whitespace other than a plain space


def normalise(text: str) -> str:
    """The matcher's normalisation: lower case, straight quotes, '-' dashes, each
    whitespace character a single space, soft hyphens removed."""
    text = text.replace("\u00ad", "")
    if not text.isascii():  # dashes and curly quotes are never ASCII
        text = text.translate(_DASHES).translate(_QUOTES)
    return _OTHER_SPACE.sub(" ", text.lower())


def key_text(name: str) -> str:
    """Lower-case words only, '&' read as 'and', for comparing names."""
    text = normalise(name).replace("&", " and ")
    return " ".join(re.findall(r"[a-z0-9']+", text)).replace("'", "")


def _word_regex(word: str) -> str:
    if word in ("&", "and"):
        return r"(?:&|and)"
    if word.endswith("'s"):
        return re.escape(word[:-2]) + r"'?s"
    if word.endswith("s'"):
        return re.escape(word[:-1]) + r"'?"
    return re.escape(word).replace("'", "'?")


def name_regex(name: str) -> str:
    """A forgiving regex for a proper name over normalised text: any whitespace or a
    hyphen between words, '&' for 'and', optional apostrophes."""
    words = [w for w in re.split(r"[\s\-]+", normalise(name).strip()) if w]
    body = r"(?:\s+|\s*-\s*)".join(_word_regex(w) for w in words)
    return rf"(?<![\w&]){body}(?![\w&])"


def _body(name: str) -> str:
    """name_regex without its word-boundary guards, to build longer regexes from."""
    return name_regex(name)[len(r"(?<![\w&])") : -len(r"(?![\w&])")]


# Places whose name is also an everyday word: no short forms ("Reading SCB", "Bury council").
COMMON_WORD_PLACES = {"reading", "bury"}

_BOARD_TAIL = re.compile(r"^(.*?)\s+(?:local\s+)?safeguarding\s+children'?s?\s+board$", re.I)


def _name_variants(name: str) -> list[str]:
    """Regex forms of a former board name: the loose spelling first, then the exact one.

    "X (Local) Safeguarding Children Board" is also written "X LSCB" / "X SCB", and
    "City of York ..." as "York ...".
    """
    exact = name_regex(name)
    m = _BOARD_TAIL.match(" ".join(name.split()))
    if not m:
        return [exact]
    place = m.group(1)
    place_re = _body(place)
    if place.lower().startswith("city of "):
        place_re = r"(?:city\s+of\s+)?" + _body(place[8:])
    tail = r"(?:local\s+)?safeguarding\s+children'?s?\s+board"
    if key_text(place) not in COMMON_WORD_PLACES:  # "reading LSCB guidance" is prose
        tail = rf"(?:{tail}|l?scb)"
    return [rf"(?<![\w&]){place_re}(?:\s+|\s*-\s*){tail}(?![\w&])", exact]


def _needs(name: str) -> frozenset[str]:
    """Words every spelling of `name` contains (its place), for a cheap prefilter."""
    m = _BOARD_TAIL.match(" ".join(name.split()))
    place = m.group(1) if m else name
    words = key_text(place).split()
    if words[:2] == ["city", "of"]:
        words = words[2:]
    return frozenset(words)


def _guards(regex: str, others: list[str]) -> str | None:
    """Add look-arounds so `regex` no longer matches inside any longer known name.

    Returns None when it still matches one (it is that name, or cannot be told apart).
    """
    compiled = re.compile(regex)
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
        if re.search(regex, other):
            return None
    return regex


# --------------------------------------------------------------------------- resolving names

_STRIP_PHRASES = ("royal borough of", "london borough of", "council of the", "council of")
_STRIP_WORDS = {
    "council", "county", "borough", "city", "metropolitan", "district", "cc", "mbc", "bc",
    "corporation", "the", "of",
}  # fmt: skip


# Other names in common use for a council whose dataset name differs.
_ALIASES = {
    "kingston upon hull": "hull",
    "bcp": "bournemouth christchurch and poole",
    "banes": "bath and north east somerset",
    "bathnes": "bath and north east somerset",
    "rbkc": "kensington and chelsea",
    "rbwm": "windsor and maidenhead",
}


def la_key(name: str) -> str:
    """Reduce a council name to its place: 'Kent County Council' -> 'kent'."""
    text = key_text(name)
    for phrase in _STRIP_PHRASES:
        text = re.sub(rf"\b{phrase}\b", " ", text)
    key = " ".join(w for w in text.split() if w not in _STRIP_WORDS)
    return _ALIASES.get(key, key)


def _apply_overrides(
    entries: list[Partnership], overrides: dict[str, Any] | None, origin: str | None
) -> list[Partnership]:
    if not overrides:
        return entries
    from wttsc_policy.config import PartnershipOverride

    out = list(entries)
    by_key = {la_key(p.local_authority): i for i, p in enumerate(out)}
    for la, raw in overrides.items():
        ov = raw if isinstance(raw, PartnershipOverride) else PartnershipOverride.model_validate(raw)
        where = origin or "config"
        i = _find(la, by_key, [p.local_authority for p in out], strict=False)
        if i is not None:
            base = out[i]
            out[i] = base.model_copy(
                update={
                    "partnership": ov.partnership,
                    # the old initials belong to the old name
                    "abbreviation": ov.abbreviation
                    if ov.abbreviation is not None or ov.partnership != base.partnership
                    else base.abbreviation,
                    "website": ov.website if ov.website is not None else base.website,
                    # the trust says the data's name is out of date, so treat it as former
                    "former_boards": list(
                        dict.fromkeys(
                            [
                                *base.former_boards,
                                *([base.partnership] if key_text(base.partnership) != key_text(ov.partnership) else []),
                                *ov.former_boards,
                            ]
                        )
                    ),
                    "board_still_in_name": "board" in ov.partnership.lower(),
                    "source": ov.source or f"override in {where}",
                    "confidence": "high",
                    "override_origin": where,
                }
            )
        else:
            out.append(
                Partnership(
                    local_authority=la,
                    la_type="added by config",
                    partnership=ov.partnership,
                    abbreviation=ov.abbreviation,
                    former_boards=ov.former_boards,
                    board_still_in_name="board" in ov.partnership.lower(),
                    website=ov.website,
                    source=ov.source or f"override in {where}",
                    confidence="high",
                    override_origin=where,
                )
            )
            by_key[la_key(la)] = len(out) - 1
    return out


def _find(name: str, by_key: dict[str, int], names: list[str], *, strict: bool = True) -> int | None:
    key = la_key(name)
    if not key:
        key = key_text(name)
    if key in by_key:
        return by_key[key]
    starts = [i for k, i in by_key.items() if k.startswith(key + " ")]
    if len(starts) == 1:
        return starts[0]
    if not strict:
        return None
    close = difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.6) or difflib.get_close_matches(
        key, list(by_key), n=3, cutoff=0.45
    )
    suggestions = [names[by_key[k]] for k in close]
    if len(starts) > 1:
        suggestions = [names[i] for i in starts] + suggestions
    hint = f"; did you mean {', '.join(repr(s) for s in dict.fromkeys(suggestions))}?" if suggestions else ""
    raise ConfigError(
        f"local_authority: unknown local authority {name!r}{hint} "
        "(`wttsc-policy partnerships list` shows every name)"
    )


def all_partnerships(overrides: dict[str, Any] | None = None, origin: str | None = None) -> list[Partnership]:
    """Every entry, with config overrides applied."""
    return _apply_overrides(load_dataset().partnerships, overrides, origin)


def resolve_local_authority(
    name: str, overrides: dict[str, Any] | None = None, origin: str | None = None
) -> Partnership:
    """Find a council forgivingly ('Kent', 'Kent CC', 'kent council', 'York').

    Unknown names raise ConfigError suggesting the closest official names.
    """
    entries = all_partnerships(overrides, origin)
    by_key = {la_key(p.local_authority): i for i, p in enumerate(entries)}
    i = _find(name, by_key, [p.local_authority for p in entries])
    assert i is not None
    return entries[i]


# --------------------------------------------------------------------------- inference


def _council_regex(entry: Partnership) -> str:
    """Ways a policy names the council itself."""
    place = la_key(entry.local_authority)
    p = _body(place)
    forms = [
        name_regex(entry.local_authority),
        rf"(?<![\w&])(?:royal\s+|london\s+)borough\s+of\s+{p}(?![\w&])",
        rf"(?<![\w&])city\s+of\s+{p}\s+council(?![\w&])",
    ]
    if place not in COMMON_WORD_PLACES:
        forms.append(
            rf"(?<![\w&]){p}\s+(?:metropolitan\s+)?(?:county\s+|city\s+|borough\s+|district\s+)?council(?![\w&])"
        )
    return "|".join(f"(?:{f})" for f in forms)


@cache
def _signal_table(
    entries_key: tuple[Any, ...],
) -> list[tuple[str, str, frozenset[int], frozenset[str]]]:
    """(regex, label, owning entry indexes, words it needs) for every council name,
    partnership name and website in the data. The words let a document skip, in one
    set lookup, the many signals it cannot contain."""
    entries = _ENTRY_CACHE[entries_key]
    owners: dict[str, set[int]] = {}
    labels: dict[str, str] = {}
    needs: dict[str, frozenset[str]] = {}

    def add(regex: str, label: str, i: int, words: str) -> None:
        owners.setdefault(regex, set()).add(i)
        labels.setdefault(regex, label)
        needs.setdefault(regex, frozenset(words.split()))

    for i, p in enumerate(entries):
        add(_council_regex(p), p.local_authority, i, la_key(p.local_authority))
        if key_text(p.partnership).split()[0] not in _UNPLACED:  # 'Our Safeguarding Children Partnership'
            add(name_regex(p.partnership), p.partnership, i, key_text(p.partnership))
        for fb in p.formers:
            for n in (fb.name, *fb.aliases):
                if n:
                    add(name_regex(n), n, i, key_text(n))
        if p.website:
            site = p.website.lower().rstrip("/")
            add(rf"(?:(?<=www\.)|(?<![\w.-])){re.escape(site)}(?![\w-])", p.website, i, key_text(site))
    # compiled only when a document holds every word a signal needs (see infer_from_text)
    return [(regex, labels[regex], frozenset(idx), needs[regex]) for regex, idx in owners.items()]


@cache
def _compiled_signal(regex: str) -> re.Pattern[str]:
    return re.compile(regex, re.IGNORECASE)


# Names that start like ordinary prose say nothing about the area.
_UNPLACED = {"our", "local", "the"}

_ENTRY_CACHE: dict[tuple[Any, ...], list[Partnership]] = {}


def _entries_key(entries: list[Partnership]) -> tuple[Any, ...]:
    """A content key for caching work done over a list of entries (overrides change it)."""
    key = tuple((p.local_authority, p.partnership, tuple(p.former_boards), p.website) for p in entries)
    _ENTRY_CACHE[key] = entries
    return key


_LAST_TEXT: list = []  # [(document, its normalised text)]: three callers, one document at a time


def document_text(doc: Document) -> str:
    if not _LAST_TEXT or _LAST_TEXT[0][0] is not doc:
        _LAST_TEXT[:] = [(doc, "\n".join(normalise(b.text) for b in doc.blocks))]
    return _LAST_TEXT[0][1]


_LAST_INFERENCE: list = []  # [((text, entries key), result)]: the same document is asked twice


def infer_from_text(
    text: str, entries: list[Partnership]
) -> tuple[Inference | None, str | None]:
    """Best-supported local authority for normalised `text`, or None and a reason."""
    key = (text, _entries_key(entries))
    if _LAST_INFERENCE and _LAST_INFERENCE[0][0] == key:
        return _LAST_INFERENCE[0][1]
    result = _infer_from_text(text, entries)
    _LAST_INFERENCE[:] = [(key, result)]
    return result


def _infer_from_text(
    text: str, entries: list[Partnership]
) -> tuple[Inference | None, str | None]:
    scores: Counter[int] = Counter()
    evidence: dict[int, Counter[str]] = {}
    words = set(key_text(text).split())
    for regex, label, idx, needed in _signal_table(_entries_key(entries)):
        if not needed <= words:
            continue
        hits = len(_compiled_signal(regex).findall(text))
        if not hits:
            continue
        for i in idx:
            scores[i] += hits
            evidence.setdefault(i, Counter())[label] += hits
    if not scores:
        return None, None
    ranked = scores.most_common()
    best, top = ranked[0]
    tied = [i for i, s in ranked if s == top]
    if len(tied) > 1:
        names = ", ".join(entries[i].local_authority for i in tied)
        return None, (
            f"local authority not inferred: the policy names {names} equally often; "
            "set local_authority in wttsc-policy.toml"
        )
    entry = entries[best]
    return Inference(entry.local_authority, entry, dict(evidence[best])), None


def infer_local_authority(doc: Document, config: Config | None = None) -> Inference | None:
    """The local authority a policy is most likely written for, with its evidence.

    Council names, partnership names (current and former) and partnership websites
    each count once per mention; a tie gives None. Use `infer_with_note` for the reason.
    """
    return infer_with_note(doc, config)[0]


def infer_with_note(doc: Document, config: Config | None = None) -> tuple[Inference | None, str | None]:
    entries = all_partnerships(config.partnerships if config else None)
    return infer_from_text(document_text(doc), entries)


# --------------------------------------------------------------------------- provider


@dataclass(frozen=True, slots=True)
class _NamePattern:
    regex: str
    name: str
    owners: tuple[int, ...]
    needs: frozenset[str]


def _other_names(entries: list[Partnership]) -> list[tuple[str, str]]:
    """(normalised text, key) of every current and former name, for guard building."""
    out = []
    for p in entries:
        out.append(normalise(p.partnership))
        for fb in p.formers:
            out.extend(normalise(n) for n in (fb.name, *fb.aliases) if n)
    return [(t, key_text(t)) for t in dict.fromkeys(out)]


@cache
def _other_names_for(entries_key: tuple[Any, ...]) -> tuple[tuple[str, str], ...]:
    return tuple(_other_names(_ENTRY_CACHE[entries_key]))


@cache
def _full_name_candidates(entries_key: tuple[Any, ...]) -> tuple[_NamePattern, ...]:
    """Every former board name still current nowhere, longest first, with the words a
    document must contain for it to matter (regexes are built later, only when needed)."""
    entries = _ENTRY_CACHE[entries_key]
    current = {key_text(p.partnership) for p in entries}
    owners: dict[str, list[int]] = {}
    display: dict[str, str] = {}
    for i, p in enumerate(entries):
        for fb in p.formers:
            for n in (fb.name, *fb.aliases):
                k = key_text(n) if n else ""
                if not k or k in GENERIC or k in current:
                    continue
                owners.setdefault(k, [])
                if i not in owners[k]:
                    owners[k].append(i)
                display.setdefault(k, n)
    out = [_NamePattern("", display[k], tuple(idx), _needs(display[k])) for k, idx in owners.items()]
    out.sort(key=lambda n: -len(n.name))
    return tuple(out)


@cache
def _guarded_name(entries_key: tuple[Any, ...], name: str) -> str | None:
    """A name's regex, guarded so it matches neither a current name nor the inside of
    another known name; None when it cannot be told apart from one."""
    k = key_text(name)
    rivals = [t for t, tk in _other_names_for(entries_key) if tk != k]
    for variant in _name_variants(name):
        guarded = _guards(variant, rivals)
        if guarded is not None:
            return guarded
    return None


def _full_name_patterns(entries_key: tuple[Any, ...], words: set[str] | None = None) -> list[_NamePattern]:
    """Guarded regexes for the former board names whose words all occur in `words`
    (every name when `words` is None). Guard building is the costly part, so it is done
    per name, on first need, and cached."""
    out: list[_NamePattern] = []
    for cand in _full_name_candidates(entries_key):
        if words is not None and not cand.needs <= words:
            continue
        regex = _guarded_name(entries_key, cand.name)
        if regex is not None:
            out.append(_NamePattern(regex, cand.name, cand.owners, cand.needs))
    return out


def _own_names_current_elsewhere(entries: list[Partnership], la: Partnership) -> list[ProviderPattern]:
    """Former names of the known area that another area still uses as its current name:
    left out of the shared patterns, but for a school in this area they are stale."""
    current = {key_text(p.partnership) for p in entries}
    own = key_text(la.partnership)
    out: list[ProviderPattern] = []
    for fb in la.formers:
        for name in (fb.name, *fb.aliases):
            k = key_text(name) if name else ""
            if not k or k == own or k in GENERIC or k not in current:
                continue
            rivals = [t for t, tk in _other_names_for(_entries_key(entries)) if tk != k]
            for variant in _name_variants(name):
                guarded = _guards(variant, rivals)
                if guarded is not None:
                    msg, sev = _message(name, la)
                    out.append(ProviderPattern(re.compile(guarded, re.IGNORECASE), la.partnership, sev, msg, la.confidence))
                    break
    return out


def _message(former: str, entry: Partnership) -> tuple[str, str | None]:
    msg = f"'{former}' no longer exists; the area's safeguarding arrangements are now called {entry.partnership}."
    if entry.confidence == "low":
        return (
            msg + f" This name is low-confidence in the wttsc-policy data ({entry.source}): "
            "the DSL should confirm the partnership's current name.",
            "warning",
        )
    return msg, None


def _abbreviation_regex(abbr: str) -> str:
    body = r"\s+".join(re.escape(w) for w in abbr.lower().split())
    return rf"(?<![\w&]){body}(?![\w&])"


def _resolve_context(
    doc: Document | None, config: Config
) -> tuple[list[Partnership], Partnership | None, Inference | None, str | None]:
    entries = all_partnerships(config.partnerships)
    if config.local_authority:
        entry = resolve_local_authority(config.local_authority, config.partnerships)
        # the same object as in `entries`, so owner checks work by identity
        entry = next(p for p in entries if p.local_authority == entry.local_authority)
        return entries, entry, None, None
    if doc is None:
        return entries, None, None, None
    inference, note = infer_from_text(document_text(doc), entries)
    if inference is not None:
        return entries, inference.partnership, inference, None
    return entries, None, None, note


def board_patterns(doc: Document, config: Config | None) -> ProviderResult:
    """Patterns for rule WT080: former board names with the current name as replacement.

    With a known (configured or inferred) local authority its former names and bare
    initials fire; full former names of any area fire too (they name one body), but
    initials of other areas never do, and a name still current anywhere never fires.
    """
    from wttsc_policy.config import Config

    result = ProviderResult()
    entries, la, inference, note = _resolve_context(doc, config or Config())
    if inference is not None:
        result.notes.append(inference.describe())
    elif note:
        result.notes.append(note)
    la_index = next((i for i, p in enumerate(entries) if p is la), None)
    # Only names whose place words occur in the policy: a few patterns, not hundreds.
    words = set(key_text(document_text(doc)).split()) if doc is not None else None
    for np_ in _full_name_patterns(_entries_key(entries), words):
        if la_index is not None and la_index in np_.owners:
            owner = la
        else:
            currents = {entries[i].partnership for i in np_.owners}
            if len(currents) == 1:
                owner = entries[np_.owners[0]]
            else:
                owner = None
        if owner is not None:
            msg, sev = _message(np_.name, owner)
            # "Kent Safeguarding Children Board (KSCB)" becomes one edit, initials included
            initials = {a.lower() for i in np_.owners for fb in entries[i].formers for a in fb.abbreviations}
            initials |= {"lscb", "scb"}
            bracket = "|".join(r"\s+".join(map(re.escape, a.split())) for a in sorted(initials))
            with_abbr = f"{owner.partnership} ({owner.abbreviation})" if owner.abbreviation else owner.partnership
            result.patterns.append(
                ProviderPattern(
                    re.compile(rf"{np_.regex}\s*\((?:{bracket})\)", re.IGNORECASE), with_abbr, sev, msg, owner.confidence
                )
            )
            result.patterns.append(
                ProviderPattern(re.compile(np_.regex, re.IGNORECASE), owner.partnership, sev, msg, owner.confidence)
            )
        else:
            names = sorted({entries[i].partnership for i in np_.owners})
            areas = ", ".join(entries[i].local_authority for i in np_.owners)
            result.patterns.append(
                ProviderPattern(
                    re.compile(np_.regex, re.IGNORECASE),
                    " or ".join(names),
                    "warning",
                    f"'{np_.name}' was a joint body that has since split ({areas}); set local_authority "
                    "in wttsc-policy.toml so the right current name is used.",
                    "medium",
                )
            )
    if la is not None:
        result.patterns.extend(_own_names_current_elsewhere(entries, la))
        seen: set[str] = set()
        current_abbr = (la.abbreviation or "").lower()
        current_key = key_text(la.partnership)
        for fb in la.formers:
            for abbr in fb.abbreviations:
                low = abbr.lower()
                if low in GENERIC or low == current_abbr or low in seen:
                    continue
                if words is not None and not set(key_text(low).split()) <= words:
                    continue
                if key_text(fb.name) == current_key:  # same body, same name (e.g. SSCB)
                    continue
                seen.add(low)
                msg, sev = _message(f"{abbr} ({fb.name})" if fb.name else abbr, la)
                confidence = la.confidence
                if inference is not None:  # initials are only as sure as the inferred area
                    msg += " (Local authority inferred from the policy; set local_authority to confirm.)"
                    confidence = "medium" if confidence == "high" else confidence
                result.patterns.append(
                    ProviderPattern(
                        re.compile(_abbreviation_regex(abbr), re.IGNORECASE), la.partnership, sev, msg, confidence
                    )
                )
    return result


# --------------------------------------------------------------------------- template values


def partnership_values(config: Config, doc: Document | None = None) -> dict[str, Any]:
    """Values for clause templates and change notes once the local authority is known.

    An explicit `partnership_name` / `partnership_website` in config always wins.
    """
    entries, la, inference, note = _resolve_context(doc, config)
    if la is None:
        return {
            "partnership_name": config.partnership_name,
            "partnership_abbreviation": None,
            "partnership_website": config.partnership_website,
            "partnership_source": None,
            "partnership_confidence": None,
            "partnerships_as_of": load_dataset().as_of,
            "local_authority": config.local_authority,
            "inferred_from": None,
            "partnership_note": note,
        }
    return {
        "partnership_name": config.partnership_name or la.partnership,
        "partnership_abbreviation": None if config.partnership_name else la.abbreviation,
        "partnership_website": config.partnership_website or la.website,
        "partnership_source": "config (partnership_name)" if config.partnership_name else la.source,
        "partnership_confidence": "high" if config.partnership_name else la.confidence,
        "partnerships_as_of": load_dataset().as_of,
        "local_authority": la.local_authority,
        "inferred_from": inference.describe() if inference else None,
        "partnership_note": None,
    }
