"""Document x rules -> findings.

One combined prefilter pass finds every rule keyword in the whole document at once (a
trie-shaped regex over the normalised text), so only the (rule, block) pairs that can
match run their full patterns: matching time stays flat as the rule count grows and
linear in the document's size.
"""

from __future__ import annotations

import bisect
import importlib
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator

from wttsc_policy.model import Block, Document, Finding, Span, Zone
from wttsc_policy.normalize import Normalised, normalise, sentence_bounds
from wttsc_policy.rules import Rule

# Built-in code that supplies patterns at run time, imported only when a rule uses it.
PROVIDERS: dict[str, str] = {"partnership_boards": "wttsc_policy.partnerships:board_patterns"}


def trie_regex(words: list[str]) -> str:
    """A regex matching any of `words`, shaped as a trie so one pass tests them all."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        end = node.get("") is True
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


# Patterns whose match depends on text outside the matched characters (anchors,
# lookarounds; \B, which never matches an empty string) or that never give back what
# they consumed (atomic groups, possessive quantifiers): they cannot be searched over
# joined blocks and run block by block.
_CONTEXTUAL = re.compile(r"\(\?<?[=!>]|\\[AZzB]|\$|(?<!\[)\^|[*+?}]\+")
_SEPARATOR = "\x00"  # a non-word character, so \b at a block's edge behaves as at a string's


Requirement = frozenset[frozenset[str]]  # any of these sets, all of whose strings occur
_MAX_TERMS = 32  # bound on the size of a requirement while it is being built


@lru_cache(maxsize=4096)
def required_literals(pattern: str, flags: int) -> Requirement | None:
    """What text must contain for the regex to match anywhere in it, or None.

    Read from the parsed pattern as "any of these sets of ASCII strings, all of each
    set": runs of literal characters in a sequence are all required; an alternation
    needs one of its branches; a group or a repeat taken at least once needs what its
    content needs. A block holding no complete set cannot match, so it is skipped with
    substring tests instead of a regex search. Weakening a requirement (dropping a
    string) is always safe, so strings under two characters are dropped.
    """
    try:
        from re import _parser as sre_parse  # type: ignore[attr-defined]

        parsed = sre_parse.parse(pattern, flags)
    except Exception:  # pragma: no cover - private module moved: no prefilter, same results
        return None
    found = _required(parsed, sre_parse)
    if not found:
        return None
    lower = bool(flags & re.IGNORECASE)
    terms = set()
    for term in found:
        kept = sorted((x.lower() if lower else x for x in term if len(x) >= 2 and "\x00" not in x), key=len, reverse=True)
        if not kept:
            return None  # one branch needs nothing we can test for: every block is a candidate
        terms.add(frozenset(kept[:3]))
    return frozenset(terms)


def _required(items: Any, c: Any) -> Requirement | None:
    """Requirement of a parsed sequence (None = no constraint found)."""
    result: set[frozenset[str]] = {frozenset()}
    run: list[str] = []

    def combine(option: Requirement | None) -> None:
        nonlocal result
        if not option:
            return
        product = {a | b for a in result for b in option}
        if len(product) <= _MAX_TERMS:
            result = product

    def flush() -> None:
        if run:
            combine(frozenset([frozenset(["".join(run)])]))
            run.clear()

    for op, av in items:
        if op is c.LITERAL and av < 128:
            run.append(chr(av))
            continue
        flush()
        if op is c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if not add_flags and not del_flags:
                combine(_required(sub, c))
        elif op is c.BRANCH:
            options = [_required(alt, c) for alt in av[1]]
            if options and all(options) and sum(len(o) for o in options) <= _MAX_TERMS:  # type: ignore[arg-type]
                combine(frozenset().union(*options))  # type: ignore[arg-type]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            low, _high, sub = av
            if low >= 1:
                combine(_required(sub, c))
        elif op is getattr(c, "ATOMIC_GROUP", None):
            combine(_required(av, c))
    flush()
    if result == {frozenset()}:
        return None
    return frozenset(result)


class _Joined:
    """Many block texts joined into one string, so a pattern is searched in one call.

    `blocks_matching(regex)` yields exactly the blocks where `regex.search(text)` would
    succeed on the block alone: a match found inside one block counts; a match that
    runs over a separator sends that one block to a per-block search, and the scan goes
    on from the next block. Far fewer calls than one search per block.
    """

    __slots__ = ("texts", "text", "starts", "ends", "_lower_safe", "_literal_blocks")

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.text = _SEPARATOR.join(texts)
        self.starts: list[int] = []
        self.ends: list[int] = []
        pos = 0
        for t in texts:
            self.starts.append(pos)
            pos += len(t)
            self.ends.append(pos)
            pos += 1
        self._lower_safe: bool | None = None
        self._literal_blocks: dict[str, frozenset[int]] = {}

    def _literals_apply(self, regex: re.Pattern[str]) -> bool:
        """Whether a substring test is exact for this regex on this text.

        Case-insensitive regexes get lower-cased literals, which is exact only when the
        text is already lower case and holds none of the characters that re.IGNORECASE
        also equates with ASCII letters (dotless i, long s).
        """
        if not regex.flags & re.IGNORECASE:
            return True
        if self._lower_safe is None:
            t = self.text
            self._lower_safe = t == t.lower() and "\u0131" not in t and "\u017f" not in t
        return self._lower_safe

    def blocks_matching(self, regex: re.Pattern[str]) -> Iterator[int]:
        texts = self.texts
        if _CONTEXTUAL.search(regex.pattern):
            for k, t in enumerate(texts):
                if regex.search(t):
                    yield k
            return
        n, pos = len(texts), 0
        literals = required_literals(regex.pattern, regex.flags)
        if literals and self._literals_apply(regex):
            yield from self._by_literals(regex, literals)
            return
        while n and pos <= len(self.text):
            m = regex.search(self.text, pos)
            if m is None:
                return
            k = bisect.bisect_right(self.starts, m.start()) - 1
            if m.end() <= self.ends[k] or regex.search(texts[k], m.start() - self.starts[k]):
                yield k
            if k + 1 >= n:
                return
            pos = self.starts[k + 1]

    def _blocks_with(self, literal: str) -> frozenset[int]:
        """Blocks whose text contains `literal` (cached: many patterns share words)."""
        found = self._literal_blocks.get(literal)
        if found is None:
            text, starts, n = self.text, self.starts, len(self.texts)
            hits: list[int] = []
            i = text.find(literal)
            while i != -1:
                k = bisect.bisect_right(starts, i) - 1
                hits.append(k)
                i = text.find(literal, starts[k + 1]) if k + 1 < n else -1
            found = self._literal_blocks[literal] = frozenset(hits)
        return found

    def _by_literals(self, regex: re.Pattern[str], requirement: Requirement) -> Iterator[int]:
        candidates: set[int] = set()
        texts = self.texts
        for term in requirement:
            # the longest string is usually the rarest: find its blocks, then keep those
            # that also hold the others (a substring test per remaining block)
            first, *others = sorted(term, key=lambda x: (-len(x), x))
            blocks = self._blocks_with(first)
            for literal in others:
                if not blocks:
                    break
                blocks = [k for k in blocks if literal in texts[k]]
            candidates.update(blocks)
        for k in sorted(candidates):
            if regex.search(texts[k]):
                yield k

    def first_match(self, regex: re.Pattern[str]) -> int | None:
        return next(self.blocks_matching(regex), None)


@dataclass(slots=True)
class _Prepared:
    """Per-run matching state for one document."""

    blocks: list[Block]
    norms: list[Normalised]
    hits: dict[str, set[int]]  # keyword string found -> blocks it was found in
    joined: _Joined  # every block's folded text
    body: list[int]  # indexes of body-zone blocks
    joined_body: _Joined  # folded text of the body-zone blocks only


class Matcher:
    """Rules compiled once, applied to many documents."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self.pattern_rules = [r for r in rules if r.kind != "missing_topic" and not r.provider]
        self.provider_rules = [r for r in rules if r.kind != "missing_topic" and r.provider]
        self.topic_rules = [r for r in rules if r.kind == "missing_topic"]
        keywords = sorted({k for r in self.pattern_rules for k in r.keywords})
        self._prefilter = re.compile(f"(?=({trie_regex(keywords)}))") if keywords else None
        self._heading_cache: tuple[Document, tuple[list[Block], list[str]]] | None = None

    # -- preparation ---------------------------------------------------------------
    def _prepare(self, doc: Document) -> _Prepared:
        norms = [normalise(b.text) for b in doc.blocks]
        joined = _Joined([n.folded for n in norms])
        hits: dict[str, set[int]] = defaultdict(set)
        if self._prefilter is not None:
            starts = joined.starts
            for m in self._prefilter.finditer(joined.text):
                word = m.group(1)
                if word:
                    hits[word].add(bisect.bisect_right(starts, m.start()) - 1)
        body = [i for i, b in enumerate(doc.blocks) if b.zone is Zone.BODY]
        joined_body = _Joined([norms[i].folded for i in body])
        return _Prepared(blocks=doc.blocks, norms=norms, hits=hits, joined=joined, body=body, joined_body=joined_body)

    def _candidates(self, rule: Rule, prep: _Prepared) -> list[int]:
        if not rule.keywords:
            joined = prep.joined
            if rule.case_sensitive:
                joined = _Joined([n.plain for n in prep.norms])
            found: set[int] = set()
            for regex, _ in rule.compiled:
                found.update(joined.blocks_matching(regex))
            return sorted(found)
        # a found string holds a rule keyword when the keyword is contained in it (the
        # prefilter reports the longest keyword at each position): one test per distinct
        # string found, however many blocks, so the cost stays flat as rules are added
        out: set[int] = set()
        for word, blocks in prep.hits.items():
            if any(k in word for k in rule.keywords):
                out |= blocks
        return sorted(out)

    # -- matching ------------------------------------------------------------------
    def _headings(self, doc: Document) -> tuple[list[Block], list[str]]:
        if self._heading_cache is None or self._heading_cache[0] is not doc:
            self._heading_cache = (doc, _body_headings(doc))
        return self._heading_cache[1]

    def check(self, doc: Document, values: dict[str, Any] | None = None, config: Any = None) -> list[Finding]:
        values = values or {}
        self._heading_cache = None
        prep = self._prepare(doc)
        findings: list[Finding] = []
        for rule in self.pattern_rules:
            for index in self._candidates(rule, prep):
                findings.extend(self._match_block(rule, rule.compiled, doc, prep, index, values))
        for rule in self.provider_rules:
            findings.extend(self._run_provider(rule, doc, prep, values, config))
        for rule in self.topic_rules:
            finding = self._missing_topic(rule, doc, prep)
            if finding is not None:
                findings.append(finding)
        self._heading_cache = None
        return sorted(findings, key=_order)

    def _match_block(
        self,
        rule: Rule,
        patterns: list[tuple[re.Pattern[str], str | None]],
        doc: Document,
        prep: _Prepared,
        index: int,
        values: dict[str, Any],
        *,
        severity: str | None = None,
        message: str | None = None,
        confidence: str | None = None,
    ) -> list[Finding]:
        block = prep.blocks[index]
        if block.zone is not Zone.BODY and not rule.check_history:
            return []
        norm = prep.norms[index]
        text = norm.plain if rule.case_sensitive else norm.folded
        taken: list[tuple[int, int]] = []
        out: list[Finding] = []
        for regex, replacement in patterns:
            for m in regex.finditer(text):
                start, end = m.span()
                if end <= start or any(s < end and start < e for s, e in taken):
                    continue
                if rule.year_before and not _year_ok(m, values.get(rule.year_before)):
                    continue
                s_start, s_end = sentence_bounds(norm.plain, start, end)
                sentence = norm.folded[s_start:s_end]
                if any(x.search(sentence) for x in rule.compiled_exclusions):
                    continue
                if rule.replace_scope == "sentence":
                    # one finding per sentence, however many patterns match inside it
                    if any(s < s_end and s_start < e for s, e in taken):
                        continue
                    taken.append((s_start, s_end))
                    o_start, o_end = norm.to_original(*_trim(norm.plain, s_start, s_end))
                else:
                    taken.append((start, end))
                    o_start, o_end = norm.to_original(start, end)
                out.append(
                    make_finding(
                        rule,
                        doc,
                        block,
                        o_start,
                        o_end,
                        suggestion=_render(replacement or rule.replacement, values, block.text[o_start:o_end]),
                        severity=severity,
                        message=message,
                        confidence=confidence,
                    )
                )
        return out

    def _run_provider(
        self, rule: Rule, doc: Document, prep: _Prepared, values: dict[str, Any], config: Any
    ) -> list[Finding]:
        target = PROVIDERS.get(rule.provider or "")
        if target is None:
            return []
        module, func = target.split(":")
        result = getattr(importlib.import_module(module), func)(doc, config)
        doc.warnings.extend(getattr(result, "notes", []))
        out: list[Finding] = []
        specs = list(getattr(result, "patterns", []))
        if not specs:
            return out
        combined = re.compile("|".join(f"(?:{p.regex.pattern})" for p in specs), re.IGNORECASE)
        for index in prep.joined.blocks_matching(combined):
            for p in specs:
                out.extend(
                    self._match_block(
                        rule,
                        [(p.regex, p.replacement)],
                        doc,
                        prep,
                        index,
                        values,
                        severity=p.severity,
                        message=p.message,
                        confidence=p.confidence,
                    )
                )
        return _dedupe(out)

    def _missing_topic(self, rule: Rule, doc: Document, prep: _Prepared) -> Finding | None:
        hit = 0
        for cue in rule.compiled_cues:
            if prep.joined_body.first_match(cue) is not None:
                hit += 1
                if hit >= rule.min_cues:
                    return None
        heading = best_heading(doc, rule.place_under, _headings=self._headings(doc))
        finding = make_finding(rule, doc, heading, None, None, suggestion=None)
        if heading is None:
            finding.heading = None
        return finding


def _body_headings(doc: Document) -> tuple[list[Block], list[str]]:
    from wttsc_policy.outline import section_headings

    return section_headings(doc)


def best_heading(
    doc: Document, cues: list[str], *, _headings: tuple[list[Block], list[str]] | None = None
) -> Block | None:
    """The heading a missing topic belongs under (see outline.best_heading)."""
    from wttsc_policy.outline import best_heading as outline_best

    return outline_best(doc, cues, headings=_headings)


def _year_ok(m: re.Match[str], limit: Any) -> bool:
    try:
        year = int(m.group("year"))
    except (IndexError, TypeError, ValueError):
        return True
    try:
        return year < int(limit)
    except (TypeError, ValueError):
        return True


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_CAP_WORD = re.compile(r"\b([a-z])")


def _render(template: str | None, values: dict[str, Any], matched: str) -> str | None:
    """Replacement text: template values filled in, capitalised like the match."""
    if template is None:
        return None
    text = template
    if "{{" in text or "{%" in text:
        from wttsc_policy.clauses import render_text

        text = render_text(text, values)
    letters = [c for c in matched if c.isalpha()]
    if letters and text and text[0].islower():
        words = [w for w in re.findall(r"[A-Za-z]+", matched)]
        if len(words) > 1 and all(w[0].isupper() for w in words) and not matched.isupper():
            text = _CAP_WORD.sub(lambda m: m.group(1).upper(), text)  # Title Case in, Title Case out
        elif letters[0].isupper():
            text = text[0].upper() + text[1:]
    return text


def make_finding(
    rule: Rule,
    doc: Document,
    block: Block | None,
    start: int | None,
    end: int | None,
    *,
    suggestion: str | None,
    severity: str | None = None,
    message: str | None = None,
    confidence: str | None = None,
) -> Finding:
    """A Finding located in the file: file offsets/line/column for text, block offsets for docx."""
    span = line = column = None
    if block is not None and start is not None and end is not None:
        if doc.format == "docx":
            span = Span(start=start, end=end)
        else:
            s = block.source_offset(start)
            e = block.source_offset(end - 1)
            if s is not None and e is not None:
                span = Span(start=s, end=e + 1)
                line, column = doc.line_col(s)
    elif block is not None and doc.format != "docx":
        s = block.source_offset(0)
        if s is not None:
            line, column = doc.line_col(s)
    return Finding(
        rule=rule.id,
        kind=rule.kind,
        severity=severity or rule.severity,  # type: ignore[arg-type]
        title=rule.title,
        message=message or rule.message,
        match=block.text[start:end] if block is not None and start is not None else "",
        span=span,
        line=line,
        column=column,
        block=block.index if block is not None else None,
        paragraph=block.paragraph if block is not None else None,
        part=block.part if block is not None else None,
        heading=(block.heading if block is not None else None),
        suggestion=suggestion,
        source=rule.source,
        covers=list(rule.covers),
        editable=bool(block is not None and block.editable),
        confidence=confidence or rule.confidence,
        block_start=start,
        block_end=end,
    )


def _order(f: Finding) -> tuple:
    return (f.block if f.block is not None else 1 << 30, f.block_start or 0, f.rule)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple] = set()
    out = []
    for f in sorted(findings, key=lambda f: (f.block or 0, f.block_start or 0, -(f.block_end or 0))):
        key = (f.block, f.block_start)
        overlapping = any(k[0] == f.block and k[1] <= (f.block_start or 0) < k[2] for k in seen)
        if key in {(k[0], k[1]) for k in seen} or overlapping:
            continue
        seen.add((f.block, f.block_start, f.block_end))
        out.append(f)
    return out


def check_document(
    doc: Document, rules: list[Rule], values: dict[str, Any] | None = None, config: Any = None
) -> list[Finding]:
    """Run `rules` over `doc` (no suppressions or severity overrides: see pipeline.py)."""
    return Matcher(rules).check(doc, values, config)


def check_text(
    text: str,
    rules: list[Rule],
    *,
    fmt: str = "markdown",
    values: dict[str, Any] | None = None,
    config: Any = None,
) -> list[Finding]:
    """Run `rules` over a text as if it were a whole document (rule examples, tests)."""
    from wttsc_policy.config import Config
    from wttsc_policy.documents import read_string

    config = config or Config()
    merged = {**config.template_values(), **(values or {})}
    return check_document(read_string(text, fmt), rules, merged, config)
