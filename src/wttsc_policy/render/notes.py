"""Change notes for governors and staff, rendered with Jinja from `templates/notes/`.

The notes are built from the EditPlan (what was changed, where, why) and the list of
things the tool left to a person. The context is plain data so markdown and HTML share
it; both outputs are self-contained (no external assets).
"""

from __future__ import annotations

import re
from collections import Counter, OrderedDict
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2

from wttsc_policy import __version__
from wttsc_policy.config.model import Config
from wttsc_policy.document import Block, Document
from wttsc_policy.findings import Finding
from wttsc_policy.formats import spec
from wttsc_policy.plan.model import Edit, EditPlan
from wttsc_policy.regexcode import compile_regex
from wttsc_policy.render.escape import markdown, markdown_code, visible
from wttsc_policy.render.local_names import generic_names, partnership_source, placeholder_rows, setting_title
from wttsc_policy.render.quotes import preview, sentence_of
from wttsc_policy.resources import data_dir
from wttsc_policy.rulepacks.editions import Edition
from wttsc_policy.rulepacks.model import Rule
from wttsc_policy.rulepacks.sandbox import pack_loader, sandboxed_environment, shipped_loader


def _where(doc: Document, block: Block | None) -> str:
    """A location a governor can find: section heading, or header/footer, and table cell."""
    if block is None:
        return "whole policy"
    if block.part in ("header", "footer"):
        return f"page {block.part}"
    where = block.heading_path[-1] if block.heading_path else "start of the policy"
    if block.kind.value == "heading":
        where = f"heading '{block.text.strip()}'"
    if block.table is not None:
        where += f" (table {block.table[0] + 1}, row {block.table[1] + 1})"
    if spec(doc.format).text_source:
        offset = block.source_offset(0)
        if offset is not None:
            where += f", line {doc.line_col(offset)[0]}"
    return where


# "<short title> <year>, Chapter 3: ..." -> "<short title> <year>": the edition whose chapter numbers a rule uses
_SOURCE_EDITION = compile_regex(r"^\s*((?:WTtSC|Working Together[a-z ]*?)\s+\d{4})\b", re.I)


def _chapter(rules: Mapping[str, Rule], rule_id: str, finding: Finding) -> str:
    """The part of the guidance a change comes from, named with the edition whose numbering
    it uses (editions renumber chapters: "Chapter 3" alone would be read as today's)."""
    rule = rules.get(rule_id)
    chapter = rule.chapter if rule is not None else None
    chapter = chapter or (finding.source.split(",")[1].strip() if "," in finding.source else finding.source) or "Other"
    edition = _SOURCE_EDITION.match(finding.source or "")
    if edition and (chapter.startswith("Chapter") or chapter.lower().startswith("intro")):
        return f"{edition.group(1)}, {chapter}"
    return chapter


def _change_row(doc: Document, edit: Edit, rules: Mapping[str, Rule], uncommented: set[int]) -> dict[str, Any]:
    block = doc.blocks[edit.block]
    finding = edit.finding
    if edit.kind == "replace":
        where = _where(doc, block)
        old, new = edit.old, edit.new
        what = "Wording updated" if new else "Sentence removed"
    elif edit.kind == "unit":
        where = _where(doc, block)
        old = preview(edit.old)
        new = preview(" ".join(p.text for p in edit.paragraphs))
        what = "Passage rewritten as a whole" if edit.paragraphs else "Paragraph removed"
    else:
        where = edit.placement or _where(doc, block)
        old = ""
        new = preview(" ".join(p.text for p in edit.paragraphs))
        what = "New text added"
    return {
        "number": edit.number,
        "what": what,
        "where": where,
        "old": old,
        "new": new,
        "rules": edit.rules,
        "title": finding.title,
        "message": finding.message,
        "source": finding.source,
        "chapter": _chapter(rules, edit.rule, finding),
        "uncommented": edit.number in uncommented,
    }


def build_context(
    doc: Document,
    plan: EditPlan,
    rules: Mapping[str, Rule],
    config: Config,
    values: Mapping[str, Any],
    *,
    edition: Edition,
    date: datetime,
    outputs: Sequence[tuple[str, Path]] = (),
    uncommented: set[int] | None = None,
    information: Sequence[str] = (),
) -> dict[str, Any]:
    """Plain data for the notes templates. `information`: notes for the DSL about guidance
    that is pending or unverified (never edits)."""
    uncommented = uncommented or set()
    changes = [_change_row(doc, e, rules, uncommented) for e in plan.edits]
    chapters: Counter[str] = Counter(c["chapter"] for c in changes)
    topics: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for edit in plan.edits:
        rule = rules.get(edit.rule)
        entry = topics.setdefault(
            edit.rule,
            {
                "rule": edit.rule,
                "title": setting_title(edit.finding.title, values),
                "why": " ".join(((rule.rationale if rule is not None else "") or edit.finding.message).split()),
                "source": edit.finding.source,
                "count": 0,
                "chapter": _chapter(rules, edit.rule, edit.finding),
            },
        )
        entry["count"] += 1
        entry["tier"] = _tier(edit.kind, edit.finding.severity, entry.get("tier"))
    placeholders = placeholder_rows(plan, values)
    manual: list[dict[str, Any]] = []
    for item in plan.manual:
        f = item.finding
        block = doc.blocks[f.block] if f.block is not None else None
        manual.append(
            {
                "rule": f.rule,
                "title": setting_title(f.title, values),
                "where": _where(doc, block)
                if f.kind != "missing_topic"
                else (f"under '{f.heading}'" if f.heading else "whole policy"),
                "text": sentence_of(block, f) if f.match else "",
                "why": item.why,
                "message": f.message,
                "source": f.source,
            }
        )
    suggestions = [
        {
            "rules": s.rules,
            "title": setting_title(s.title, values),
            "where": s.where,
            "why": s.why,
            "words": s.words,
            "text": s.text,
            "source": s.findings[0].source,
        }
        for s in plan.suggestions
    ]
    school = values.get("school_name") or config.school_name
    return {
        "file": doc.path.name,
        "school": school,
        "date": date.strftime("%d %B %Y").lstrip("0"),
        "version": __version__,
        "edits": len(plan.edits),
        "replacements": sum(1 for e in plan.edits if e.kind in ("replace", "unit")),  # a unit is reworded whole
        "insertions": sum(1 for e in plan.edits if e.kind == "insert"),
        "changes": changes,
        "chapters": sorted(chapters.items(), key=lambda kv: (_chapter_key(kv[0]), kv[0])),
        "topics": sorted(topics.values(), key=lambda t: (_chapter_key(t["chapter"]), t["chapter"], t["rule"])),
        "placeholders": placeholders,
        "manual": manual,
        "suggestions": suggestions,
        "uncommented": sorted(uncommented),
        "outputs": [(label, str(path)) for label, path in outputs],
        "is_docx": spec(doc.format).has_parts,
        "governing_body": values.get("governing_body") or config.governing_body or "governing board",
        "has_redline": any(label == "redline" for label, _ in outputs),
        "partnership": partnership_source(values),
        "edition": edition.as_dict(),
        "information": list(information),
        "tiers": {name: [t for t in topics.values() if t["tier"] == name] for name in TIERS},
        "generic_names": generic_names(changes, values),
        "setting_label": values.get("setting_label"),
        "setting_source": values.get("setting_source"),
    }


# The governor summary's three tiers, most pressing first.
TIERS = ("must", "recommended", "information")


def _tier(kind: str, severity: str, before: str | None) -> str:
    """A wording fix for a wrong or out-of-date statement must stay; a new passage is
    recommended; an information-level edit is for information. A topic takes its most
    pressing edit's tier."""
    tier = "information" if severity == "info" else ("must" if kind == "replace" else "recommended")
    if before is not None and TIERS.index(before) < TIERS.index(tier):
        return before
    return tier


def _chapter_key(chapter: str) -> tuple[int, int, int]:
    """Guidance parts in reading order: by edition, introduction first, then by chapter."""
    edition = _SOURCE_EDITION.match(chapter)
    year = int(edition.group(1)[-4:]) if edition else 0
    number = re.search(r"Chapter (\d+)", chapter)
    if "intro" in chapter.lower():
        return (year, 0, 0)
    return (year, 1, int(number.group(1))) if number else (9999, 2, 0)


def _md_cell(value: Any) -> str:
    """A table cell: empty shows as a dash (escaping is the environment's finalize)."""
    return " ".join(str(value or "").split()) or "—"


def render_notes(
    doc: Document,
    plan: EditPlan,
    rules: Mapping[str, Rule],
    config: Config,
    values: Mapping[str, Any],
    *,
    edition: Edition,
    fmt: str = "md",
    date: datetime,
    outputs: Sequence[tuple[str, Path]] = (),
    uncommented: set[int] | None = None,
    information: Sequence[str] = (),
) -> str:
    """The change notes as markdown or self-contained HTML."""
    folder = Path(edition.folder) if edition.folder else None
    env = notes_environment(folder)
    context = build_context(
        doc,
        plan,
        rules,
        config,
        values,
        edition=edition,
        date=date,
        outputs=outputs,
        uncommented=uncommented,
        information=information,
    )
    text = env.get_template("changes.md.j2").render(**context)
    if fmt != "html":
        return text
    # One source of wording: the HTML notes are the markdown notes in a styled page.
    from markdown_it import MarkdownIt  # (~30 ms) only for --notes-format html
    from markupsafe import Markup

    # no raw HTML, no images (nothing is fetched when the page opens), autoescaped page
    parser = MarkdownIt("commonmark", {"html": False}).enable("table").disable("image")
    body = parser.render(text)
    page = notes_environment(folder, html=True)
    return page.get_template("changes.html.j2").render(file=visible(context["file"]), body=Markup(body))


def notes_environment(pack: Path | None, *, html: bool = False) -> jinja2.Environment:
    """The environment the change notes render in: the markdown notes, or (`html`) the
    page around them; `pack` is the folder of the edition's pack, whose staff briefing
    the notes include ("pack/briefing.md.j2"). A sandbox, because the briefing is pack
    text (rulepacks/sandbox.py)."""
    loaders: list[jinja2.BaseLoader] = [shipped_loader(data_dir("templates") / "notes")]
    if pack is not None:
        loaders.append(jinja2.PrefixLoader({"pack": pack_loader(pack)}))
    options: dict[str, Any] = {
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "undefined": jinja2.StrictUndefined,
    }
    if html:
        return sandboxed_environment(jinja2.ChoiceLoader(loaders), autoescape=True, **options)
    # Every value written is escaped as literal text (render/escape.py), so document text
    # can never become markup, HTML or a remote image.
    env = sandboxed_environment(jinja2.ChoiceLoader(loaders), finalize=markdown, **options)
    env.filters["cell"] = _md_cell
    env.filters["code"] = markdown_code
    return env
