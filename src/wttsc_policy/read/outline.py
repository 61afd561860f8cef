"""The policy's outline: its title and the headings a topic can be placed under.

Shared by `check` (where a missing topic is reported) and `update` (where its clause
goes: the planner takes the heading the finding names), so both always agree.

A topic is placed by its heading cues first (`place_under`, best first), matched against
each section heading; a heading whose parent headings also match wins a tie. When no
heading matches, the sections' own text decides: the section that mentions the most of
the topic's vocabulary (its heading cues and the words of its coverage cues) gets the
clause, if it mentions at least two of them. Headings that only name the policy
("Safeguarding (Child Protection) Policy") are never a place for a clause.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from wttsc_policy.document import Block, BlockKind, Document, Zone
from wttsc_policy.normalise import fold
from wttsc_policy.records import record
from wttsc_policy.regexcode import compile_regex
from wttsc_policy.rulepacks.patterns import Regex, compile_pattern

NUMBERED = compile_regex(r"^\s*(?:section\s+)?\d+(?:\.\d+)*[.):]?\s")
_POLICY_NAME = compile_regex(r"\bpolic(?:y|ies)\b")
_POLICY_SUBJECT = compile_regex(r"\b(?:safeguarding|child protection|protecting children)\b")
MIN_CONTENT_SCORE = 3
# Sections about staff (allegations, recruitment, conduct, whistleblowing) are never the
# place for a clause about children, families or partners.
_STAFF_MATTERS = compile_regex(
    r"\ballegations?\b|whistle-? ?blow|\brecruitment\b|code of conduct|staff conduct|low-? ?level concerns"
)
# "Policy statement", "Aims of this policy": sections, not the policy's title
_SECTION_NAMES = compile_regex(
    r"^\s*(?:\d+(?:\.\d+)*\.?\s*)?(?:policy statement|(?:the )?(?:aims?|purpose|scope|status)"
    r"(?: and \w+)? of (?:this|the) policy|about (?:this|the) policy)\b"
)


def _body_blocks(doc: Document) -> list[Block]:
    return [b for b in doc.blocks if b.part == "body"]


def title_block(doc: Document) -> Block | None:
    """The document's title: the first heading when it sits above every other heading's
    level, names the policy, or is the only unnumbered one among numbered sections."""
    body = _body_blocks(doc)
    headings = [b for b in body if b.kind is BlockKind.HEADING]
    if not headings:
        return None
    first, rest = headings[0], headings[1:]
    if not rest:
        return first if first.index == min(b.index for b in body) else None
    names_policy = re.search(r"\bpolicy\b", fold(first.text)) and not _SECTION_NAMES.match(fold(first.text))
    if all(h.level > first.level for h in rest) or names_policy:
        return first
    peers = [h for h in rest if h.level == first.level]
    numbered = sum(1 for h in peers if NUMBERED.match(h.text))
    if not NUMBERED.match(first.text) and peers and numbered * 2 > len(peers):
        return first
    return None


def _names_the_policy(folded: str) -> bool:
    """A heading that is the policy's (sub)title, not a section of it."""
    return bool(_POLICY_NAME.search(folded) and _POLICY_SUBJECT.search(folded)) and len(folded.split()) <= 14


def section_headings(doc: Document) -> tuple[list[Block], list[str]]:
    """Body headings outside history/contents zones, never the title or a heading that
    only names the policy, with folded text."""
    title = title_block(doc)
    headings = []
    for b in _body_blocks(doc):
        if b.kind is not BlockKind.HEADING or b.zone is not Zone.BODY or b is title:
            continue
        folded = fold(b.text)
        if not _names_the_policy(folded) and not _STAFF_MATTERS.search(folded):
            headings.append(b)
    return headings, [fold(h.text) for h in headings]


@record(frozen=True, slots=True)
class Outline:
    """The candidate sections of one document: heading, folded title, the folded titles of
    its parent headings, and the folded text of its own blocks (up to the next heading)."""

    headings: list[Block]
    titles: list[str]
    paths: list[str]
    texts: list[str]
    members: list[list[int]]  # the blocks (indexes) each section's text is made of


def outline(doc: Document, folded: Sequence[str] | None = None) -> Outline:
    """Every candidate section of `doc` (see Outline), computed once per document.
    `folded`, when given, is every block's folded text (the matcher has it already)."""
    headings, titles = section_headings(doc)
    texts: list[str] = []
    paths: list[str] = []
    members: list[list[int]] = []
    for h in headings:
        own: list[int] = []
        for block in doc.blocks[h.index + 1 :]:
            if block.part != "body" or block.kind is BlockKind.HEADING:
                break
            if block.zone is Zone.BODY:
                own.append(block.index)
        # blocks apart by a space and a line break, which folding makes two spaces
        if folded is None:
            texts.append(fold(" \n".join(doc.blocks[i].text for i in own)))
        else:
            texts.append("  ".join(folded[i] for i in own))
        members.append(own)
        paths.append(fold(" / ".join(h.heading_path[:-1])))
    return Outline(headings, titles, paths, texts, members)


def _inside(out: Outline, k: int, content: Callable[[int], int]) -> int:
    """A heading with no text of its own, only subsections ("Procedures" over the whole
    procedure part): its subsection that mentions the topic most, if any does."""
    if out.texts[k].strip():
        return k
    title = out.headings[k].text.strip()
    below = [j for j in range(len(out.headings)) if title in _parents(out, j)]
    scored = [(content(j), -j) for j in below]
    if not scored or max(scored)[0] < 2:
        return k
    return -max(scored)[1]


def _parents(out: Outline, k: int) -> tuple[str, ...]:
    return tuple(t.strip() for t in out.headings[k].heading_path[:-1])


def best_heading(
    doc: Document, cues: list[str], *, headings: tuple[list[Block], list[str]] | None = None
) -> Block | None:
    """The first section heading matching the earliest cue (cues are ordered best first)."""
    blocks, folded = headings if headings is not None else section_headings(doc)
    for cue in cues:
        regex = compile_pattern(cue)
        for heading, text in zip(blocks, folded, strict=True):
            if regex.search(text):
                return heading
    return None


def place_topic(
    doc: Document,
    cues: Sequence[str],
    vocabulary: Sequence[Regex] = (),
    *,
    sections: Outline | None = None,
    matching: Callable[[Regex, int], set[int] | None] | None = None,
    titled: Callable[[Regex], list[int]] | None = None,
) -> Block | None:
    """Where a missing topic belongs: the heading matching the earliest heading cue (ties
    broken by the section's content), else the section whose text (and parent headings)
    mention most of the topic's vocabulary, else None (a new section).

    `matching(regex, limit)`, when given, answers which sections' texts `regex` matches,
    or None when more than `limit` do (the matcher answers it with its prefilter, once per
    regex and document); by default each section is searched. A heading cue is searched
    only in the sections whose content counts. `titled(regex)`, when given, answers which
    section titles `regex` matches, in order (the matcher's prefilter again)."""
    out = sections if sections is not None else outline(doc)
    if not out.headings:
        return None
    heading_res = [compile_pattern(c) for c in cues]

    n = len(out.headings)
    limit = max(1, n // 8)

    def sections_matching(regex: Regex) -> set[int] | None:
        if matching is not None:
            return matching(regex, limit)
        found: set[int] = set()
        for k in range(n):
            if regex.search(out.texts[k]):
                found.add(k)
                if len(found) > limit:
                    return None
        return found

    # the topic's own words (from its coverage cues), each counted only where few
    # sections use it: a word more than an eighth of the sections mention says nothing
    # about the place (None: the search stopped there)
    telling = [ks for ks in (sections_matching(w) for w in vocabulary) if ks]
    searched: dict[tuple[int, int], bool] = {}

    def headed(k: int) -> bool:
        """Whether section k's own text matches a heading cue."""
        for i, r in enumerate(heading_res):
            hit = searched.get((i, k))
            if hit is None:
                hit = searched[(i, k)] = r.search(out.texts[k]) is not None
            if hit:
                return True
        return False

    def content(k: int) -> int:
        """Telling topic words the section's own text mentions, plus one when its text
        or a parent heading also matches a heading cue."""
        inside = any(r.search(out.paths[k]) for r in heading_res) if out.paths[k] else False
        return sum(1 for ks in telling if k in ks) + (inside or headed(k))

    for regex in heading_res:
        hits = titled(regex) if titled is not None else [k for k, t in enumerate(out.titles) if regex.search(t)]
        # a heading inside another matching one that has text of its own gives way to it
        # ("Legal framework" over its "Primary legislation"); an empty container does not
        tops = [
            k
            for k in hits
            if not any(
                out.texts[j].strip() and out.headings[j].text.strip() in _parents(out, k) for j in hits if j != k
            )
        ]
        if tops:
            # the first matching heading, unless a later one is clearly more about the topic
            best = tops[0]
            for k in tops[1:]:
                if content(k) >= content(best) + 3:
                    best = k
            return out.headings[_inside(out, best, content)]
    scores = [sum(1 for ks in telling if k in ks) and content(k) for k in range(n)]  # a topic word is required
    top = max(scores)
    if top < MIN_CONTENT_SCORE:
        return None
    return out.headings[scores.index(top)]
