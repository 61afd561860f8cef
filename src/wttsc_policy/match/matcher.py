"""Document x rules -> findings: the Matcher compiles a rule selection once and runs it
over many documents (see prefilter.py for how candidate blocks are found).

It runs past 300 lines because pattern, provider, declared-abbreviation and missing-topic
matching share one prepared document and its caches; splitting them is a follow-up."""

from __future__ import annotations

import importlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from wttsc_policy.document import Block, BlockKind, Document, Zone
from wttsc_policy.findings import SEVERITY_RANK, Finding, Note, Severity
from wttsc_policy.guidance.editions import Edition
from wttsc_policy.match.abbreviations import bracket_end, declared, has_initials, occurrence_regex, short_form
from wttsc_policy.match.cues import cue_present
from wttsc_policy.match.editions import PAST_ACCOUNT_NOTE, past_account, past_event, superseded_by
from wttsc_policy.match.findings import dedupe, finding_order, make_finding, suggestion_text, trim_sentence, year_ok
from wttsc_policy.match.information import InfoNote, notes_for
from wttsc_policy.match.prefilter import Joined
from wttsc_policy.match.sentences import Sentences, Spans
from wttsc_policy.match.units import incomplete_units
from wttsc_policy.normalise import Normalised, normalise
from wttsc_policy.read.outline import Outline, outline, place_topic
from wttsc_policy.records import record
from wttsc_policy.regexcode import compile_regex
from wttsc_policy.rulepacks.model import CompiledPattern, Rule
from wttsc_policy.rulepacks.patterns import Regex

if TYPE_CHECKING:
    from wttsc_policy.context import FileContext

# Built-in code that supplies patterns at run time, imported only when a rule uses it
# (the partnership data is large: documents without WT080 in force never load it).
# Scopes whose findings quote the whole sentence (a list or paragraph rewrite falls back
# to its sentence when the unit cannot be found).
SENTENCE_SCOPES = ("sentence", "list", "paragraph")

PROVIDERS: dict[str, str] = {
    "partnership_boards": "wttsc_policy.partnerships.provider:board_patterns",
    "nhs_bodies": "wttsc_policy.nhs.provider:ccg_patterns",
}

# A name followed by "which replaced ...": the name is the newer body in that sentence.
_REPLACER = compile_regex(
    r"\s*(?:\([^()]{1,20}\)\s*)?,?\s*(?:which|that) (?:replaced|superseded|took over from|succeeded)\b"
)
REPLACER_NOTE = (
    "This name is no longer current, but the sentence also tells what the body replaced; renaming it "
    "in place would make that history untrue. Name the current partnership by hand and keep the "
    "history accurate (or remove it)."
)
# Nothing but a paragraph number, bullet or space before a match: it starts its sentence.
_LEAD = compile_regex(r"\s*(?:(?:\d+(?:\.\d+)*|[a-z]|[ivx]+)[.)]?\s+|[-*\u2022]\s*)?")


@record(slots=True)
class _Prepared:
    """Per-run matching state for one document."""

    blocks: list[Block]
    norms: list[Normalised]
    joined: Joined  # every block's folded text
    body: list[int]  # indexes of body-zone blocks
    joined_body: Joined  # folded text of the body-zone blocks only

    def lead_in(self, index: int) -> str | None:
        """The folded text of the paragraph ending in ':' that introduces the list a list
        item belongs to, or None (not a list item, or no such lead-in)."""
        if self.blocks[index].kind is not BlockKind.LIST_ITEM:
            return None
        k = index - 1
        while k >= 0 and index - k < 200 and self.blocks[k].kind is BlockKind.LIST_ITEM:
            k -= 1
        if k < 0 or self.blocks[k].kind is not BlockKind.PARAGRAPH:
            return None
        text = self.norms[k].folded.rstrip()
        return text if text.endswith(":") else None


class _SectionIndex:
    """One document's outline with the questions missing topics ask of it, answered with
    the literal prefilter and remembered per regex (every missing topic asks about its
    heading cues and cue terms): which sections' texts a regex matches, and which titles."""

    def __init__(self, doc: Document, sections: Outline, blocks: Joined) -> None:
        """`blocks`: the folded text of every block of `doc`, the sections' texts were
        made of (its vocabulary is theirs)."""
        self.doc = doc
        self.outline = sections
        self._texts = Joined(sections.texts, groups=(blocks, sections.members))
        self._titles = Joined(sections.titles)
        self._matching: dict[tuple[str, int, int], set[int] | None] = {}
        self._titled: dict[tuple[str, int], list[int]] = {}

    def matching(self, regex: Regex, limit: int) -> set[int] | None:
        """The sections whose text `regex` matches; None when more than `limit` do."""
        key = (regex.pattern, regex.flags, limit)
        if key in self._matching:
            return self._matching[key]
        found: set[int] = set()
        for k in self._texts.blocks_matching(regex):
            found.add(k)
            if len(found) > limit:  # common: the rest of the search is not needed
                self._matching[key] = None
                return None
        self._matching[key] = found
        return found

    def titled(self, regex: Regex) -> list[int]:
        """The sections whose title `regex` matches, in order."""
        key = (regex.pattern, regex.flags)
        found = self._titled.get(key)
        if found is None:
            found = self._titled[key] = list(self._titles.blocks_matching(regex))
        return found


_CONFIDENCE = {"low": 0, "medium": 1, "high": 2}
_HIGHEST: dict[str, Severity] = {"low": "info", "medium": "warning", "high": "error"}


def _weaker(a: str, b: str) -> str:
    """The lower of two confidences."""
    return a if _CONFIDENCE.get(a, 2) <= _CONFIDENCE.get(b, 2) else b


def _capped(rule: Rule, confidence: str) -> Severity:
    """The rule's severity, at most what the confidence of the newer edition allows (a
    citation made outdated by an edition known only at medium confidence is a warning)."""
    cap = _HIGHEST.get(confidence, "error")
    return cap if SEVERITY_RANK[rule.severity] > SEVERITY_RANK[cap] else rule.severity


class Matcher:
    """Rules compiled once, applied to many documents. `caps` lowers the severity of some
    rules' findings (an edition whose in-force day is uncertain: see gating.py)."""

    def __init__(
        self, rules: list[Rule], caps: Mapping[str, Severity] | None = None, infos: Sequence[InfoNote] = ()
    ) -> None:
        self.rules = rules
        self.caps = dict(caps or {})
        self.infos = list(infos)  # information notes (information.py), shown when they apply
        self.pattern_rules = [r for r in rules if r.kind != "missing_topic" and not r.provider]
        self.provider_rules = [r for r in rules if r.kind != "missing_topic" and r.provider]
        self.topic_rules = [r for r in rules if r.kind == "missing_topic"]
        self.unit_rules = [r for r in self.pattern_rules if r.unit is not None and r.unit.requires]
        self._heading_cache: _SectionIndex | None = None

    # -- preparation ---------------------------------------------------------------
    def _prepare(self, doc: Document) -> _Prepared:
        norms = [normalise(b.text) for b in doc.blocks]
        joined = Joined([n.folded for n in norms])
        body = [i for i, b in enumerate(doc.blocks) if b.zone is Zone.BODY]
        joined_body = Joined([norms[i].folded for i in body], of=joined, members=body)
        return _Prepared(blocks=doc.blocks, norms=norms, joined=joined, body=body, joined_body=joined_body)

    def _candidates(self, rule: Rule, prep: _Prepared) -> list[int]:
        if not rule.keywords:
            joined = prep.joined
            if rule.case_sensitive:
                joined = Joined([n.plain for n in prep.norms])
            found: set[int] = set()
            for pattern in rule.compiled:
                found.update(joined.blocks_matching(pattern.regex))
            return sorted(found)
        # Blocks holding a keyword and the strings one of the patterns needs. Whether a
        # keyword occurs at all is a vocabulary lookup (prefilter.Joined); the patterns'
        # strings, usually rarer, pick the blocks, and the keywords are then substring
        # tests on those few; the cost stays flat as rules are added.
        joined = prep.joined
        keywords = [k for k in rule.keywords if joined.frequency(k)]
        if not keywords:
            return []
        needed: set[int] = set()
        for pattern in rule.compiled:
            picked = None if rule.case_sensitive else joined.candidates(pattern.regex)
            if picked is None:  # nothing known of what this pattern needs: every keyword block
                out: set[int] = set()
                for k in keywords:
                    out |= joined.blocks_with(k)
                return sorted(out)
            needed.update(picked)
        texts = joined.texts
        return [i for i in sorted(needed) if any(k in texts[i] for k in keywords)]

    # -- matching ------------------------------------------------------------------
    def _section_index(self, doc: Document, prep: _Prepared) -> _SectionIndex:
        """The document's sections and the questions missing topics ask of them, built
        once per document from the blocks' texts and words (normalised once)."""
        if self._heading_cache is None or self._heading_cache.doc is not doc:
            self._heading_cache = _SectionIndex(doc, outline(doc, prep.joined.texts), prep.joined)
        return self._heading_cache

    def check(self, doc: Document, context: FileContext, notes: list[Note] | None = None) -> list[Finding]:
        """Every finding of the selected rules in `doc`, in reading order. Notes from
        providers (such as how the local authority was inferred) go to `notes`."""
        values = context.values
        self._heading_cache = None
        prep = self._prepare(doc)
        findings: list[Finding] = []
        for rule in self.pattern_rules:
            for index in self._candidates(rule, prep):
                findings.extend(self._match_block(rule, rule.compiled, doc, prep, index, values, context.editions))
        for rule in self.unit_rules:
            findings.extend(incomplete_units(rule, doc, prep.norms, findings, values, prep.joined))
        for rule in self.provider_rules:
            findings.extend(self._run_provider(rule, doc, prep, context, notes))
        findings.extend(self._declared_abbreviations(doc, prep, findings, values))
        for rule in self.topic_rules:
            finding = self._missing_topic(rule, doc, prep, values)
            if finding is not None:
                findings.append(finding)
        self._heading_cache = None
        if notes is not None and self.infos:
            notes.extend(notes_for(prep.joined_body, self.infos))
        for f in findings:
            cap = self.caps.get(f.rule)
            if cap is not None and SEVERITY_RANK[f.severity] > SEVERITY_RANK[cap]:
                f.severity = cap
        return sorted(findings, key=finding_order)

    def _match_block(
        self,
        rule: Rule,
        patterns: Sequence[CompiledPattern],
        doc: Document,
        prep: _Prepared,
        index: int,
        values: Mapping[str, Any],
        editions: Mapping[str, Edition] | None = None,
        *,
        severity: Severity | None = None,
        message: str | None = None,
        confidence: str | None = None,
        keep_case: bool = False,
    ) -> list[Finding]:
        block = prep.blocks[index]
        if block.zone is Zone.HISTORY and not rule.check_history:
            return []  # a typed contents line is read: its findings are hand edits (its lock)
        norm = prep.norms[index]
        text = norm.plain if rule.case_sensitive or keep_case else norm.folded
        # sentence index, exclusion verdicts per sentence and taken spans: linear in the
        # number of matches, however many there are in one block (match/sentences.py)
        sentences: Sentences | None = None
        excluded: dict[tuple[int, int], bool] = {}
        taken = Spans()
        out: list[Finding] = []
        cited = rule.pattern_editions
        for k, pattern in enumerate(patterns):
            regex, when, unless = pattern.regex, pattern.when, pattern.unless
            for m in regex.finditer(text):
                # a named group 'edit' is the part reported and replaced; the rest is context
                start, end = m.span("edit") if "edit" in regex.groupindex and m.group("edit") is not None else m.span()
                if end <= start or taken.overlaps(start, end):
                    continue
                if rule.year_before and not year_ok(m, values.get(rule.year_before)):
                    continue
                newer = None
                if rule.family:
                    newer = superseded_by(
                        m, rule.family, (editions or {}).get(rule.family), cited[k] if k < len(cited) else None
                    )
                    if newer is None:
                        continue
                if sentences is None:
                    sentences = Sentences(norm.plain, semicolons=rule.semicolon_ends_sentence)
                s_start, s_end = sentences.bounds(start, end)
                verdict = excluded.get((s_start, s_end))
                if verdict is None:
                    sentence = norm.folded[s_start:s_end]
                    verdict = excluded[(s_start, s_end)] = any(
                        x.search(sentence) for x in rule.compiled_exclusions
                    ) or (rule.family is not None and past_event(sentence))
                told_history = False
                if verdict and rule.provider and _REPLACER.match(norm.folded, end):
                    # "the Pan-Dorset Partnership (PDSCP), which replaced the Dorset Board": the
                    # name is cited as current, but renaming it would falsify the history told
                    verdict = any(x.search(norm.folded[s_start:start]) for x in rule.compiled_exclusions)
                    told_history = not verdict
                if verdict:
                    continue
                reason = pattern.hand_edit
                if told_history and reason is None:
                    reason = REPLACER_NOTE
                if newer is not None and reason is None and past_account(norm.folded[s_start:s_end]):
                    reason = PAST_ACCOUNT_NOTE  # an account of past training: a person updates it
                if when is not None or unless is not None:
                    sentence = norm.folded[s_start:s_end]
                    if (when is not None and not when.search(sentence)) or (unless and unless.search(sentence)):
                        continue
                if rule.compiled_exclusions and self._lead_in_excludes(rule, prep, index):
                    continue
                if rule.replace_scope in SENTENCE_SCOPES:
                    # one finding per sentence, however many patterns match inside it
                    if taken.overlaps(s_start, s_end):
                        continue
                    taken.add(s_start, s_end)
                    o_start, o_end = norm.to_original(*trim_sentence(norm.plain, s_start, s_end))
                else:
                    taken.add(start, end)
                    o_start, o_end = norm.to_original(start, end)
                if reason is not None or rule.hand_edit:
                    suggestion = None
                else:
                    lead = norm.plain[s_start:start]  # what comes before the match in its sentence
                    suggestion = suggestion_text(
                        rule.replacement if pattern.replacement is None else pattern.replacement,
                        values,
                        block.text[o_start:o_end],
                        rule.text_family,
                        sentence_start=_LEAD.fullmatch(lead) is not None,
                        own_case=keep_case,
                    )
                finding = make_finding(
                    rule,
                    doc,
                    block,
                    o_start,
                    o_end,
                    suggestion=suggestion,
                    severity=severity or (_capped(rule, newer.confidence) if newer else None),
                    message=message,
                    confidence=confidence or (_weaker(rule.confidence, newer.confidence) if newer else None),
                    values=values,
                )
                if reason is not None:  # no safe rewrite: a person edits it, for this reason
                    finding.editable = False
                    finding.hand_edit = reason
                    finding.edit_note = finding.edit_note or reason  # the JSON says why
                elif rule.hand_edit or suggestion is None:  # no wording to write: a person rewrites it
                    finding.editable = False
                    finding.edit_note = finding.edit_note or "no automatic wording: rewrite this passage by hand"
                out.append(finding)
        return out

    def _lead_in_excludes(self, rule: Rule, prep: _Prepared, index: int) -> bool:
        """A list item read with the sentence that introduces its list ("This document
        replaces:"): the rule's history exclusions apply to that lead-in too."""
        lead = prep.lead_in(index)
        return lead is not None and any(x.search(lead) for x in rule.compiled_exclusions)

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
        # the blocks some pattern matches, each pattern searched only where the strings it
        # needs are (one alternation of them all is too large for the literal analysis)
        blocks: set[int] = set()
        for p in specs:
            blocks.update(prep.joined.blocks_matching(p.regex))
        for index in sorted(blocks):
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

    def _declared_abbreviations(
        self, doc: Document, prep: _Prepared, found: list[Finding], values: Mapping[str, Any]
    ) -> list[Finding]:
        """Bare initials the policy declared beside a flagged name (see abbreviations.py)."""
        learners = {r.id: r for r in (*self.pattern_rules, *self.provider_rules) if r.learn_abbreviations}
        spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for f in found:
            if f.block is not None and f.block_start is not None and f.block_end is not None:
                spans[f.block].append((f.block_start, f.block_end))
        out: list[Finding] = []
        seen: set[tuple[str, str]] = set()
        for i, f in enumerate(list(found)):
            rule = learners.get(f.rule)
            if rule is None or f.block is None or f.block_start is None or f.block_end is None:
                continue
            block = prep.blocks[f.block]
            got = declared(block.text, f.block_start, f.block_end)
            if got is None:
                continue
            abbr, d_start, d_end, right_after = got
            spans[f.block].append((d_start, d_end))
            if right_after and not has_initials(f.suggestion):
                # "Board (NSCB)" becomes the new name alone, not the name with stale initials
                wider = make_finding(
                    rule,
                    doc,
                    block,
                    f.block_start,
                    bracket_end(block.text, f.block_end),
                    suggestion=f.suggestion,
                    severity=f.severity,
                    message=f.message,
                    confidence=f.confidence,
                )
                if f.hand_edit or not f.editable:  # still left to a person, for the same reason
                    wider.editable, wider.hand_edit = False, f.hand_edit
                    wider.edit_note = wider.edit_note or f.edit_note
                found[i] = wider
            if (rule.id, abbr) in seen:
                continue
            seen.add((rule.id, abbr))
            regex = occurrence_regex(abbr)
            message = f"{f.message} ('{abbr}' is this policy's short form of the name.)"
            for index, norm in enumerate(prep.norms):
                if abbr not in norm.plain:
                    continue
                for g in self._match_block(
                    rule,
                    [CompiledPattern(regex, short_form(f.suggestion), hand_edit=f.hand_edit)],
                    doc,
                    prep,
                    index,
                    values,
                    severity=f.severity,
                    message=message,
                    confidence=f.confidence,
                    keep_case=True,
                ):
                    start, end = g.block_start or 0, g.block_end or 0
                    if not any(s < end and start < e for s, e in spans[index]):
                        spans[index].append((start, end))
                        out.append(g)
        return out

    def _missing_topic(
        self, rule: Rule, doc: Document, prep: _Prepared, values: Mapping[str, Any] | None = None
    ) -> Finding | None:
        hit = 0
        for cue in rule.compiled_cues:
            if cue_present(cue, prep.joined_body):
                hit += 1
                if hit >= rule.min_cues:
                    return None
        index = self._section_index(doc, prep)
        heading = place_topic(
            doc, rule.place_under, rule.cue_terms, sections=index.outline, matching=index.matching, titled=index.titled
        )
        finding = make_finding(rule, doc, heading, None, None, suggestion=None, values=values)
        if heading is None:
            finding.heading = None
        return finding
