"""Which local authority a policy is written for: configured, or inferred from the names
of councils, partnerships, former boards and websites the policy mentions. (It runs a few
lines past 300 lines because the signal table, the policy's text view and the scoring are
one reading of the policy and are kept together.)"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from functools import cache
from typing import Any

from wttsc_policy import cache as user_cache
from wttsc_policy.config.model import Config
from wttsc_policy.document import Document
from wttsc_policy.match.literals import literal_tests_exact, max_line_breaks, required_literals
from wttsc_policy.partnerships.data import Partnership, all_partnerships, la_key, resolve_local_authority
from wttsc_policy.partnerships.names import (
    COMMON_WORD_PLACES,
    key_text,
    name_body,
    name_regex,
    normalise,
    unnested_regexes,
)
from wttsc_policy.records import record
from wttsc_policy.regexcode import compile_regex


@record(frozen=True, slots=True)
class Inference:
    """A local authority inferred from a policy, with the evidence for it."""

    local_authority: str
    partnership: Partnership
    evidence: dict[str, int]  # phrase seen -> times

    def describe(self) -> str:
        parts = ", ".join(f"'{k}' x{v}" for k, v in sorted(self.evidence.items(), key=lambda kv: -kv[1]))
        return f"local authority inferred as {self.local_authority} from: {parts}"


def _council_regex(entry: Partnership) -> str:
    """Ways a policy names the council itself."""
    place = la_key(entry.local_authority)
    p = name_body(place)
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


Signal = tuple[str, str, frozenset[int], frozenset[str]]


@cache
def _signal_table(entries_key: tuple[Any, ...]) -> list[Signal]:
    """(regex, label, owning entry indexes, words it needs) for every council name,
    partnership name and website in the data. The words let a document skip, in one
    set lookup, the many signals it cannot contain. Kept in the user cache (cache.py),
    keyed by the entries: building it takes longer than checking a one-page policy."""
    return user_cache.cached(
        "signals", [repr(entries_key)], lambda: _build_signal_table(entries_key), list, _well_formed
    )


def _well_formed(table: list[Any]) -> bool:
    return all(isinstance(row, tuple) and [type(x) for x in row] == [str, str, frozenset, frozenset] for row in table)


def _build_signal_table(entries_key: tuple[Any, ...]) -> list[Signal]:
    entries = ENTRY_CACHE[entries_key]
    owners: dict[str, set[int]] = {}
    labels: dict[str, str] = {}
    needs: dict[str, frozenset[str]] = {}

    def add(regex: str, label: str, i: int, words: str) -> None:
        owners.setdefault(regex, set()).add(i)
        labels.setdefault(regex, label)
        needs.setdefault(regex, frozenset(words.split()))

    names = [n for p in entries for n in (p.partnership, *(x for fb in p.formers for x in (fb.name, *fb.aliases)))]
    named = unnested_regexes(names)  # a name inside a longer one is not a mention of it

    for i, p in enumerate(entries):
        add(_council_regex(p), p.local_authority, i, la_key(p.local_authority))
        if key_text(p.partnership).split()[0] not in _UNPLACED:  # 'Our Safeguarding Children Partnership'
            add(named[p.partnership], p.partnership, i, key_text(p.partnership))
        for fb in p.formers:
            for n in (fb.name, *fb.aliases):
                if n:
                    add(named[n], n, i, key_text(n))
        if p.website:
            site = p.website.lower().rstrip("/")
            add(rf"(?:(?<=www\.)|(?<![\w.-])){re.escape(site)}(?![\w-])", p.website, i, key_text(site))
    # compiled only when a document holds every word a signal needs (see infer_from_text)
    return [(regex, labels[regex], frozenset(idx), needs[regex]) for regex, idx in owners.items()]


@cache
def _compiled_signal(regex: str) -> re.Pattern[str]:
    return compile_regex(regex, re.IGNORECASE)


# Names that start like ordinary prose say nothing about the area.
_UNPLACED = {"our", "local", "the"}

ENTRY_CACHE: dict[tuple[Any, ...], list[Partnership]] = {}


def entries_key(entries: list[Partnership]) -> tuple[Any, ...]:
    """A content key for caching work done over a list of entries (overrides change it)."""
    key = tuple((p.local_authority, p.partnership, tuple(p.former_boards), p.website) for p in entries)
    ENTRY_CACHE[key] = entries
    return key


_WORD = compile_regex(r"[a-z0-9']+")

# (document, its text, its words) for the last document seen: inference and the WT080
# provider both need them, once per document.
_LAST: list[tuple[Document, str, frozenset[str]]] = []


def document_text(doc: Document) -> str:
    """The whole policy as normalised text (what inference and the provider search)."""
    return _view(doc)[0]


def document_words(doc: Document) -> frozenset[str]:
    """The words of document_text(doc), as key_text would split them."""
    return _view(doc)[1]


def known_words(doc: Document) -> frozenset[str] | None:
    """document_words(doc) when inference has already worked them out, else None (they
    take a pass over the whole text: not worth it for a caller that only saves time)."""
    return _LAST[0][2] if _LAST and _LAST[0][0] is doc else None


def _view(doc: Document) -> tuple[str, frozenset[str]]:
    if not _LAST or _LAST[0][0] is not doc:
        texts = [b.text for b in doc.blocks]
        joined = "\0".join(texts)
        if joined.count("\0") == max(len(texts) - 1, 0):
            # normalise() works character by character, and leaves "\0" as it is
            text = normalise(joined).replace("\0", "\n")
        else:
            text = "\n".join(normalise(t) for t in texts)
        _LAST[:] = [(doc, text, text_words(text))]
    return _LAST[0][1], _LAST[0][2]


def text_words(text: str) -> frozenset[str]:
    """set(key_text(text).split()) for already normalised text, without building the
    joined string: each word once, apostrophes dropped, '&' read as 'and'."""
    # a word never spans whitespace: split each distinct whitespace-separated token
    words = {w.replace("'", "") for token in set(text.split()) for w in _WORD.findall(token)}
    words.discard("")
    if "&" in text:
        words.add("and")
    return frozenset(words)


class _Lines:
    """Counting a signal's matches in a text of "\n"-separated blocks without scanning
    all of it: only around the lines that hold a string every match must contain.

    Exact, for the signal regexes of this module: every match contains one of the
    strings found, and a match can only run across as many line breaks as
    prefilter.max_line_breaks says (a run of whitespace holds one at most, as no line is
    blank), so it lies inside the window of lines searched around the string. Windows
    start and end at line boundaries, where the signals' look-arounds see what they see
    in the whole text (a line break or nothing: neither is a word character). With a
    blank line, a regex without such a bound, or text the substring test would not be
    exact for (see prefilter), the whole text is searched.
    """

    def __init__(self, text: str) -> None:
        lines = text.split("\n")
        self.text = text
        self.starts = [0, *itertools.accumulate(len(line) + 1 for line in lines[:-1])]
        self.whole = any(not line.strip() for line in lines) or not literal_tests_exact(text)
        self._counts: dict[str, int] = {}

    def _count(self, literal: str) -> int:
        """How often `literal` occurs in the text (remembered: signals share words)."""
        found = self._counts.get(literal)
        if found is None:
            found = self._counts[literal] = self.text.count(literal)
        return found

    def _lines_with(self, literal: str) -> set[int]:
        text, starts, found = self.text, self.starts, set()
        i = text.find(literal)
        while i != -1:
            k = bisect.bisect_right(starts, i) - 1
            found.add(k)
            i = text.find(literal, starts[k + 1]) if k + 1 < len(starts) else -1
        return found

    def count(self, regex: str) -> int:
        compiled = _compiled_signal(regex)
        radius = None if self.whole else max_line_breaks(regex, re.IGNORECASE)
        requirement = None if radius is None else required_literals(regex, re.IGNORECASE)
        if requirement is None:
            return len(compiled.findall(self.text))
        lines: set[int] = set()
        for term in requirement:
            # any string of the term will do: the rarest gives the fewest windows (the
            # longest is often "safeguarding", on nearly every line)
            lines |= self._lines_with(min(term, key=lambda x: (self._count(x), -len(x), x)))
        assert radius is not None
        last, total = len(self.starts) - 1, 0
        window: list[int] = []  # [first, last] line of the current window
        for k in sorted(lines):
            lo, hi = max(0, k - radius), min(last, k + radius)
            if window and lo <= window[1] + 1:
                window[1] = max(window[1], hi)
                continue
            total += self._count_in(compiled, window)
            window = [lo, hi]
        return total + self._count_in(compiled, window)

    def _count_in(self, compiled: re.Pattern[str], window: list[int]) -> int:
        if not window:
            return 0
        first, last = window
        end = self.starts[last + 1] - 1 if last + 1 < len(self.starts) else len(self.text)
        return len(compiled.findall(self.text, self.starts[first], end))


def infer_from_text(
    text: str, entries: list[Partnership], words: frozenset[str] | None = None
) -> tuple[Inference | None, str | None]:
    """Best-supported local authority for normalised `text`, or None and a reason."""
    return _infer_from_text(text, entries, text_words(text) if words is None else words)


def _infer_from_text(
    text: str, entries: list[Partnership], words: frozenset[str]
) -> tuple[Inference | None, str | None]:
    scores: Counter[int] = Counter()
    evidence: dict[int, Counter[str]] = {}
    lines: _Lines | None = None
    for regex, label, idx, needed in _signal_table(entries_key(entries)):
        if not needed <= words:
            continue
        lines = lines or _Lines(text)
        hits = lines.count(regex)
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
    return infer_from_text(document_text(doc), entries, document_words(doc))


@record(frozen=True, slots=True)
class Area:
    """The local authority a file is checked for, resolved once per file (FileContext):
    configured, or inferred from the policy, or unknown (with the reason in `note`)."""

    entries: list[Partnership]  # every partnership, with the config's overrides applied
    partnership: Partnership | None = None  # the same object as in `entries`
    inference: Inference | None = None
    note: str | None = None  # why none was inferred (a tie)

    def describe(self) -> str | None:
        """How the area was inferred, or why it could not be (a note for the reports)."""
        if self.inference is not None:
            return self.inference.describe()
        return self.note


def resolve_area(config: Config, doc: Document | None) -> Area:
    """The configured local authority (unknown names raise ConfigError), else the one the
    policy names most often, else none."""
    entries = all_partnerships(config.partnerships)
    if config.local_authority:
        entry = resolve_local_authority(config.local_authority, config.partnerships)
        # the same object as in `entries`, so owner checks work by identity
        entry = next(p for p in entries if p.local_authority == entry.local_authority)
        return Area(entries, entry)
    if doc is None:
        return Area(entries)
    inference, note = infer_from_text(document_text(doc), entries, document_words(doc))
    if inference is not None:
        return Area(entries, inference.partnership, inference)
    return Area(entries, note=note)
