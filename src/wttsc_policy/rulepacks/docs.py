"""Markdown documentation generated from the rule packs (docs/rules.md, `rules show`).

Regenerate the committed page with:  python -m wttsc_policy.rulepacks.docs > docs/rules.md
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

import yaml

from wttsc_policy.resources import package_data
from wttsc_policy.rulepacks.load import load_ruleset
from wttsc_policy.rulepacks.model import AnyCue, Cue, NearCue, PatternSpec, Rule
from wttsc_policy.rulepacks.ruleset import RuleSet
from wttsc_policy.rulepacks.substitute import substitute

_KIND = {
    "outdated_reference": "outdated reference",
    "missing_topic": "missing topic",
    "incorrect_claim": "incorrect claim",
}


def _quote(text: str) -> str:
    """One example as an inline code span that survives backticks and line breaks."""
    flat = text.replace("\n", "⏎")
    fence = "``" if "`" in flat else "`"
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


CUE_SYNTAX = """## How missing-topic cues are written

A missing-topic rule lists `cues`; the topic counts as covered when `min_cues` different
cues are found in the policy's body (history tables and contents lists are left out). A
cue is one of:

- a regex over the normalised text (lower case, straight quotes, `-` for every dash,
  invisible characters removed; a space in the regex matches any run of whitespace and
  ` ?` an optional one), found anywhere in one block;
- a proximity cue, `near: [A, B, ...]` with `within: N`: every term (a regex, found on its
  own) occurs in one block with at most N words from the first term found to the last,
  in one sentence unless `sentence: false`, and in the order given when `ordered: true`.
  Word positions are counted, so the distance does not depend on word length, and "e.g."
  or "v2.0" do not end a sentence;
- `any: [...]`: alternatives (regexes or proximity cues) that count as one cue.

A cue regex may not bridge a gap with a wildcard (`[^.]{0,80}`, `.{0,250}`): `rules validate`
refuses it and asks for a proximity cue. Each rule's `thin` examples are passing mentions of
the topic that are not coverage: the rule still flags them.
"""


def _cue_text(cue: Cue) -> str:
    """One cue in words, for the reference page."""
    if isinstance(cue, AnyCue):
        return " or ".join(_cue_text(c) for c in cue.any)
    if isinstance(cue, NearCue):
        terms = " near ".join(_quote(t) for t in cue.near)
        extra = (", in this order" if cue.ordered else "") + ("" if cue.sentence else ", across sentences")
        return f"{terms} within {cue.within} words{extra}"
    return _quote(cue)


def _replacements(rule: Rule, values: Mapping[str, Any] | None = None) -> list[str]:
    out: list[str] = []
    texts = [p.replacement for p in rule.patterns if isinstance(p, PatternSpec)] + [rule.replacement]
    for text in texts:
        if values is not None:
            text = substitute(text, values, rule.text_family)
        if text and text not in out:
            out.append(text)
    return out


def _when(rule: Rule) -> str | None:
    """When and where the rule runs, in words (dates, settings, the family it compares)."""
    parts: list[str] = []
    if rule.family:
        parts.append(f"citations compared with the edition of `{rule.family}` in force")
    if rule.applies_from:
        parts.append(f"from {rule.applies_from.isoformat()}")
    if rule.applies_until:
        parts.append(f"until {rule.applies_until.isoformat()}")
    if rule.settings:
        parts.append("only for " + ", ".join(s.label for s in rule.settings))
    if rule.except_settings:
        parts.append("not for " + ", ".join(s.label for s in rule.except_settings))
    if rule.hand_edit:
        parts.append("never edited (listed for a person)")
    return "; ".join(parts) or None


def render_rule(rule: Rule, *, level: int = 4, values: Mapping[str, Any] | None = None) -> str:
    """Markdown for one rule: what it checks, why, what it suggests, and its examples.
    With `values` (how to cite the editions in force), `{edition.title}` and the like are
    filled in; without, they are shown as written."""

    def fill(text: str) -> str:
        return (substitute(text, values, rule.text_family) if values is not None else text) or ""

    lines = [f"{'#' * level} {rule.id}: {rule.title}", ""]
    facts = [
        ("Kind", _KIND.get(rule.kind, rule.kind)),
        ("Severity", rule.severity + ("" if rule.enabled else " (off by default; turn on with --select)")),
        ("Source", fill(rule.source)),
        ("Covers", ", ".join(f"`{k}`" for k in rule.covers) or "-"),
        ("Confidence", rule.confidence),
    ]
    if rule.year_before:
        facts.append(("Compared with", f"config value `{rule.year_before}`"))
    when = _when(rule)
    if when:
        facts.append(("Applies", when))
    for label, value in facts:
        lines.append(f"- **{label}:** {value}")
    lines += ["", f"**Message.** {fill(rule.message)}", "", f"**Why.** {' '.join(rule.rationale.split())}", ""]
    if rule.kind == "missing_topic":
        need = "any one" if rule.min_cues == 1 else f"at least {rule.min_cues} different ones"
        lines.append(f"**Covered when** {need} of {len(rule.cues)} cues appear in the policy:")
        lines.append("")
        lines += [f"- {_cue_text(c)}" for c in rule.cues]
        lines.append("")
        if rule.clause:
            where = f"rules/{rule.pack_dir.name}/{rule.clause}" if rule.pack_dir else rule.clause
            under = ", ".join(_quote(c) for c in rule.place_under[:2])
            lines.append(
                f"**Suggested clause:** `{where}`" + (f", placed under a heading like {under}" if under else "") + "."
            )
            if rule.unit is not None and rule.unit.items:
                lines.append("**Merged** into the policy's own list when it has one: only the missing items are added.")
            if rule.theme:
                lines.append(f"**Theme:** `{rule.theme}` (one passage with the other rules of the theme).")
        lines.append("")
    else:
        reps = _replacements(rule, values)
        if rule.replace_scope in ("list", "definition") and rule.clause:
            where = f"rules/{rule.pack_dir.name}/{rule.clause}" if rule.pack_dir else rule.clause
            lines.append(f"**Rewrites the whole {rule.replace_scope}** with `{where}`, as one change.")
            lines.append("")
        if reps:
            label = "Corrected statement" if rule.kind == "incorrect_claim" else "Replacement"
            scope = {"sentence": " (replaces the whole sentence)", "paragraph": " (replaces the whole paragraph)"}.get(
                rule.replace_scope, ""
            )
            lines.append(f"**{label}{scope}:** " + " / ".join(f"\u201c{r}\u201d" for r in reps))
            lines.append("")
    lines.append("**Flags:**")
    lines += [f"- {_quote(t)}" for t in rule.examples.fires]
    lines += ["", "**Does not flag:**"]
    lines += [f"- {_quote(t)}" for t in rule.examples.passes]
    if rule.examples.thin:
        lines += ["", "**Thin mentions (not coverage, still flagged):**"]
        lines += [f"- {_quote(t)}" for t in rule.examples.thin]
    if rule.examples.fixes:
        lines += ["", "**`update` makes of it:**"]
        lines += [f"- {_quote(f.before)} \u2192 {_quote(f.after)}" for f in rule.examples.fixes]
    lines.append("")
    return "\n".join(lines)


def render_rules_markdown(ruleset: RuleSet) -> str:
    """The whole rules reference, grouped by pack, ending with each pack's not-applicable list."""
    out = [
        "# Rules reference",
        "",
        "<!-- Generated by `python -m wttsc_policy.rulepacks.docs > docs/rules.md`; do not edit by hand. -->",
        "",
        "Every rule the built-in packs contain, with the text it flags and the text it leaves alone.",
        "Rules marked *off by default* run only when selected (`--select ID`).",
        "",
        CUE_SYNTAX,
    ]
    record = measurements()
    if record is not None:
        out += [render_measurements(record)]
    for pack in ruleset.packs:
        meta = pack.meta
        out += [
            f"## Pack `{meta.name}` (version {meta.version})",
            "",
            f"{meta.title}. From: {meta.from_edition}. To: {meta.to_edition}.",
            "",
        ]
        if meta.description:
            out += [" ".join(meta.description.split()), ""]
        out += ["| Rule | Title | Kind | Severity |", "|---|---|---|---|"]
        for rule in pack.rules:
            sev = rule.severity + ("" if rule.enabled else " (off)")
            out.append(f"| [{rule.id}](#{_anchor(rule)}) | {rule.title} | {_KIND[rule.kind]} | {sev} |")
        out.append("")
        chapter = None
        for rule in sorted(pack.rules, key=lambda r: r.id):
            if rule.chapter != chapter:
                chapter = rule.chapter
                out += [f"### {chapter}", ""]
            out.append(render_rule(rule))
        if pack.not_applicable:
            out += [
                "### Not applicable to school policies",
                "",
                "Catalogue entries this pack deliberately does not check:",
                "",
            ]
            out += [f"- `{na.key}`: {na.reason}" for na in pack.not_applicable]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _num(x: object) -> str:
    return "n/a" if x is None else f"{x:.2f}" if isinstance(x, float) else str(x)


def render_measurements(record: dict[str, Any]) -> str:
    """The measured detection quality (src/wttsc_policy/data/detection.yaml, written by
    tools/measure_real.py --write-docs), so the reference page says how well the rules do."""
    t = record["targets"]
    out = [
        "## Detection quality (measured)",
        "",
        f"Measured on {record['measured']} with `{record['command']}`, judging editions as of "
        f"{record['as_of']}. Targets: outdated references recall at least {t['reference_recall']:.2f} and "
        f"precision at least {t['reference_precision']:.2f}; missing topics precision at least "
        f"{t['topic_precision']:.2f} and recall at least {t['topic_recall']:.2f}; placement at least "
        f"{t['placement']:.2f}. Items no rule in force covers yet (other guidance, legal facts) are "
        "counted apart.",
        "",
        "| set | documents (whole) | outdated references | recall | precision | no rule yet (found) "
        "| missing topics (tp/fp/fn/tn) | precision | recall | placement |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in record["sets"].values():
        r, tp, pl, nr = s["references"], s["topics"], s["placement"], s["no_rule"]
        out.append(
            f"| {s['title']} | {s['documents']} ({s['whole_policies']}) | {r['items']} | {_num(r['recall'])} | "
            f"{_num(r['precision'])} | {nr['items']} ({nr['found']}) | {tp['tp']}/{tp['fp']}/{tp['fn']}/{tp['tn']} | "
            f"{_num(tp['precision'])} | {_num(tp['recall'])} | {_num(pl['accuracy'])} ({pl['right']}/{pl['scored']}) |"
        )
    for s in record["sets"].values():
        if not s["families"]:
            continue
        out += [
            "",
            f"**{s['title']}: outdated references per rule family**",
            "",
            "| family | rules | items | found | false positives | precision | recall |",
            "|---|---|---:|---:|---:|---:|---:|",
        ]
        for name, f in s["families"].items():
            out.append(
                f"| {name} | {f.get('rules') or '-'} | {f['items']} | {f['found']} | {f['false_positives']} | "
                f"{_num(f['precision'])} | {_num(f['recall'])} |"
            )
    return "\n".join(out) + "\n"


def measurements() -> dict[str, Any] | None:
    """The last recorded measurement, or None when the file is absent."""
    path = package_data("detection.yaml")
    if not path.is_file():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else None


def _anchor(rule: Rule) -> str:
    """GitHub-style anchor of a rule's heading."""
    text = f"{rule.id}: {rule.title}".lower()
    keep = "".join(c for c in text if c.isalnum() or c in " -_")
    return keep.replace(" ", "-")


def main() -> None:
    sys.stdout.write(render_rules_markdown(load_ruleset()))


if __name__ == "__main__":
    main()
