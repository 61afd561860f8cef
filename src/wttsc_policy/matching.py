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
from typing import Any

from wttsc_policy.model import Block, BlockKind, Document, Finding, Span, Zone
from wttsc_policy.normalize import Normalised, fold, normalise, sentence_bounds
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


@dataclass(slots=True)
class _Prepared:
    """Per-run matching state for one document."""

    blocks: list[Block]
    norms: list[Normalised]
    hits: dict[int, set[str]]  # block index -> keyword strings found there


class Matcher:
    """Rules compiled once, applied to many documents."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self.pattern_rules = [r for r in rules if r.kind != "missing_topic" and not r.provider]
        self.provider_rules = [r for r in rules if r.kind != "missing_topic" and r.provider]
        self.topic_rules = [r for r in rules if r.kind == "missing_topic"]
        keywords = sorted({k for r in self.pattern_rules for k in r.keywords})
        self._prefilter = re.compile(f"(?=({trie_regex(keywords)}))") if keywords else None

    # -- preparation ---------------------------------------------------------------
    def _prepare(self, doc: Document) -> _Prepared:
        norms = [normalise(b.text) for b in doc.blocks]
        hits: dict[int, set[str]] = defaultdict(set)
        if self._prefilter is not None:
            joined = "\n".join(n.folded for n in norms)
            starts: list[int] = []
            pos = 0
            for n in norms:
                starts.append(pos)
                pos += len(n.folded) + 1
            for m in self._prefilter.finditer(joined):
                word = m.group(1)
                if word:
                    hits[bisect.bisect_right(starts, m.start()) - 1].add(word)
        return _Prepared(blocks=doc.blocks, norms=norms, hits=hits)

    def _candidates(self, rule: Rule, prep: _Prepared) -> list[int]:
        if not rule.keywords:
            return list(range(len(prep.blocks)))
        out = []
        for index, found in prep.hits.items():
            if any(k in f for f in found for k in rule.keywords):
                out.append(index)
        return sorted(out)

    # -- matching ------------------------------------------------------------------
    def check(self, doc: Document, values: dict[str, Any] | None = None, config: Any = None) -> list[Finding]:
        values = values or {}
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
                taken.append((start, end))
                if rule.replace_scope == "sentence":
                    o_start, o_end = norm.to_original(*_trim(norm.plain, s_start, s_end))
                else:
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
        for index, norm in enumerate(prep.norms):
            if not combined.search(norm.folded):
                continue
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
            if any(cue.search(n.folded) for b, n in zip(prep.blocks, prep.norms) if b.zone is Zone.BODY):
                hit += 1
                if hit >= rule.min_cues:
                    return None
        heading = best_heading(doc, rule.place_under)
        finding = make_finding(rule, doc, heading, None, None, suggestion=None)
        if heading is None:
            finding.heading = None
        return finding


def best_heading(doc: Document, cues: list[str]) -> Block | None:
    """The first heading matching the earliest cue (cues are ordered best first)."""
    from wttsc_policy.rules import compile_pattern

    headings = [b for b in doc.blocks if b.kind is BlockKind.HEADING and b.part == "body" and b.zone is Zone.BODY]
    folded = [fold(h.text) for h in headings]
    for cue in cues:
        regex = compile_pattern(cue)
        for h, text in zip(headings, folded):
            if regex.search(text):
                return h
    return None


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
