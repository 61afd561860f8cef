"""Markdown documentation generated from the rule packs (docs/rules.md, `rules show`).

Regenerate the committed page with:  python -m wttsc_policy.rulepacks.docs > docs/rules.md
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

from wttsc_policy.rulepacks.load import load_ruleset
from wttsc_policy.rulepacks.ruleset import RuleSet
from wttsc_policy.rulepacks.schema import PatternSpec, Rule
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
        lines.append(f"**Covered when** {need} of {len(rule.cues)} cues appear in the policy.")
        if rule.clause:
            where = f"rules/{rule.pack_dir.name}/{rule.clause}" if rule.pack_dir else rule.clause
            under = ", ".join(_quote(c) for c in rule.place_under[:2])
            lines.append(
                f"**Suggested clause:** `{where}`" + (f", placed under a heading like {under}" if under else "") + "."
            )
        lines.append("")
    else:
        reps = _replacements(rule, values)
        if reps:
            label = "Corrected statement" if rule.kind == "incorrect_claim" else "Replacement"
            scope = " (replaces the whole sentence)" if rule.replace_scope == "sentence" else ""
            lines.append(f"**{label}{scope}:** " + " / ".join(f"\u201c{r}\u201d" for r in reps))
            lines.append("")
    lines.append("**Flags:**")
    lines += [f"- {_quote(t)}" for t in rule.examples.fires]
    lines += ["", "**Does not flag:**"]
    lines += [f"- {_quote(t)}" for t in rule.examples.passes]
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
    ]
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


def _anchor(rule: Rule) -> str:
    """GitHub-style anchor of a rule's heading."""
    text = f"{rule.id}: {rule.title}".lower()
    keep = "".join(c for c in text if c.isalnum() or c in " -_")
    return keep.replace(" ", "-")


def main() -> None:
    sys.stdout.write(render_rules_markdown(load_ruleset()))


if __name__ == "__main__":
    main()
