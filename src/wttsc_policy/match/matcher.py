"""Document x rules -> findings: the Matcher compiles a rule selection once and runs it
over many documents (see prefilter.py for how candidate blocks are found)."""

from __future__ import annotations

import bisect
import importlib
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from wttsc_policy.document import Block, Document, Zone
from wttsc_policy.findings import Finding, Note, Severity
from wttsc_policy.match.findings import dedupe, finding_order, make_finding, suggestion_text, trim, year_ok
from wttsc_policy.match.prefilter import Joined, trie_regex
from wttsc_policy.normalise import Normalised, normalise, sentence_bounds
from wttsc_policy.read.outline import best_heading, section_headings
from wttsc_policy.rulepacks.schema import CompiledPattern, Rule

if TYPE_CHECKING:
    from wttsc_policy.context import FileContext

# Built-in code that supplies patterns at run time, imported only when a rule uses it
# (the partnership data is large: documents without WT080 in force never load it).
PROVIDERS: dict[str, str] = {
    "partnership_boards": "wttsc_policy.partnerships.provider:board_patterns",
    "nhs_bodies": "wttsc_policy.nhs.provider:ccg_patterns",
}


# Nothing but a paragraph number, bullet or space before a match: it starts its sentence.
_LEAD = re.compile(r"\s*(?:(?:\d+(?:\.\d+)*|[a-z]|[ivx]+)[.)]?\s+|[-*\u2022]\s*)?")


@dataclass(slots=True)
class _Prepared:
    """Per-run matching state for one document."""

    blocks: list[Block]
    norms: list[Normalised]
    hits: dict[str, set[int]]  # keyword string found -> blocks it was found in
    joined: Joined  # every block's folded text
    body: list[int]  # indexes of body-zone blocks
    joined_body: Joined  # folded text of the body-zone blocks only


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
        joined = Joined([n.folded for n in norms])
        hits: dict[str, set[int]] = defaultdict(set)
        if self._prefilter is not None:
            starts = joined.starts
            for m in self._prefilter.finditer(joined.text):
                word = m.group(1)
                if word:
                    hits[word].add(bisect.bisect_right(starts, m.start()) - 1)
        body = [i for i, b in enumerate(doc.blocks) if b.zone is Zone.BODY]
        joined_body = Joined([norms[i].folded for i in body])
        return _Prepared(blocks=doc.blocks, norms=norms, hits=hits, joined=joined, body=body, joined_body=joined_body)

    def _candidates(self, rule: Rule, prep: _Prepared) -> list[int]:
        if not rule.keywords:
            joined = prep.joined
            if rule.case_sensitive:
                joined = Joined([n.plain for n in prep.norms])
            found: set[int] = set()
            for pattern in rule.compiled:
                found.update(joined.blocks_matching(pattern.regex))
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
            self._heading_cache = (doc, section_headings(doc))
        return self._heading_cache[1]

    def check(self, doc: Document, context: FileContext, notes: list[Note] | None = None) -> list[Finding]:
        """Every finding of the selected rules in `doc`, in reading order. Notes from
        providers (such as how the local authority was inferred) go to `notes`."""
        values = context.values
        self._heading_cache = None
        prep = self._prepare(doc)
        findings: list[Finding] = []
        setting = context.setting.value if context.setting is not None else None
        for rule in self.pattern_rules:
            if not rule.applies_to(setting):
                continue
            for index in self._candidates(rule, prep):
                findings.extend(self._match_block(rule, rule.compiled, doc, prep, index, values))
        for rule in self.provider_rules:
            if rule.applies_to(setting):
                findings.extend(self._run_provider(rule, doc, prep, context, notes))
        for rule in self.topic_rules:
            if not rule.applies_to(setting):
                continue
            finding = self._missing_topic(rule, doc, prep)
            if finding is not None:
                findings.append(finding)
        self._heading_cache = None
        return sorted(findings, key=finding_order)

    def _match_block(
        self,
        rule: Rule,
        patterns: list[CompiledPattern],
        doc: Document,
        prep: _Prepared,
        index: int,
        values: Mapping[str, Any],
        *,
        severity: Severity | None = None,
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
        for regex, replacement, when, unless, hand_edit in patterns:
            for m in regex.finditer(text):
                start, end = m.span()
                if end <= start or any(s < end and start < e for s, e in taken):
                    continue
                if rule.year_before and not year_ok(m, values.get(rule.year_before)):
                    continue
                s_start, s_end = sentence_bounds(norm.plain, start, end)
                sentence = norm.folded[s_start:s_end]
                if any(x.search(sentence) for x in rule.compiled_exclusions):
                    continue
                if (when is not None and not when.search(sentence)) or (unless is not None and unless.search(sentence)):
                    continue
                if rule.replace_scope == "sentence":
                    # one finding per sentence, however many patterns match inside it
                    if any(s < s_end and s_start < e for s, e in taken):
                        continue
                    taken.append((s_start, s_end))
                    o_start, o_end = norm.to_original(*trim(norm.plain, s_start, s_end))
                else:
                    taken.append((start, end))
                    o_start, o_end = norm.to_original(start, end)
                if hand_edit is not None:
                    suggestion = None
                else:
                    lead = norm.plain[s_start:start]  # what comes before the match in its sentence
                    suggestion = suggestion_text(
                        rule.replacement if replacement is None else replacement,
                        values,
                        block.text[o_start:o_end],
                        sentence_start=_LEAD.fullmatch(lead) is not None,
                    )
                finding = make_finding(
                    rule,
                    doc,
                    block,
                    o_start,
                    o_end,
                    suggestion=suggestion,
                    severity=severity,
                    message=message,
                    confidence=confidence,
                )
                if hand_edit is not None:  # no safe rewrite: a person edits it, for this reason
                    finding.editable = False
                    finding.hand_edit = hand_edit
                out.append(finding)
        return out

    def _run_provider(
        self, rule: Rule, doc: Document, prep: _Prepared, context: FileContext, notes: list[Note] | None
    ) -> list[Finding]:
        target = PROVIDERS.get(rule.provider or "")
        if target is None:
            return []
        module, func = target.split(":")
        result = getattr(importlib.import_module(module), func)(doc, context)
        if notes is not None:
            notes.extend(getattr(result, "notes", []))
        values = context.values
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
                        [CompiledPattern(p.regex, p.replacement, hand_edit=p.hand_edit)],
                        doc,
                        prep,
                        index,
                        values,
                        severity=p.severity,
                        message=p.message,
                        confidence=p.confidence,
                    )
                )
        return dedupe(out)

    def _missing_topic(self, rule: Rule, doc: Document, prep: _Prepared) -> Finding | None:
        hit = 0
        for cue in rule.compiled_cues:
            if prep.joined_body.first_match(cue) is not None:
                hit += 1
                if hit >= rule.min_cues:
                    return None
        heading = best_heading(doc, rule.place_under, headings=self._headings(doc))
        finding = make_finding(rule, doc, heading, None, None, suggestion=None)
        if heading is None:
            finding.heading = None
        return finding
