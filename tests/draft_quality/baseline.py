"""Write tests/data/policies/BASELINE.md: what today's tool produces on the corpus, by defect class.

    cd tests && python -m draft_quality.baseline            # with the LibreOffice round trip
    cd tests && python -m draft_quality.baseline --no-lo    # without it

The worklist for issue 13: for every policy variant, the defects found by class (count and up to
two examples), a summary table, and the LibreOffice round trip of every Word variant.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from . import lo_compare, runner
from .checks import CLASSES, Defect, by_class

OUT = runner.POLICIES / "BASELINE.md"
LO_STYLES = runner.ROOT / "tests" / "lo" / "lo_styles.py"
SHORT = {
    "legal_wrong_form": "legal",
    "invented_body": "invented",
    "generic_name": "generic",
    "wrong_successor": "successor",
    "half_edit": "half edit",
    "contradictory_history": "history",
    "duplicate_sentence": "duplicate",
    "growth": "growth",
    "placeholder_known": "placeholder",
    "setting_mismatch": "setting",
    "notes_quality": "notes",
    "outdated_left": "check left",
    "stale_edition": "stale",
    "count_grammar": "counts",
    "decoy_changed": "decoy",
    "coverage_gap": "coverage",
    "libreoffice": "LibreOffice",
}
QUIET = {
    "outdated_left": "`check` on the updated file finds nothing to edit - but only because the tool's own rules still target WTtSC 2023 and do not know the planted errors; stale_edition and the planted traps show what is left.",
    "count_grammar": "no miscounted noun in the policy text (the notes are checked under notes_quality).",
}
WORKLIST = {
    "legal_wrong_form": "Every inserted information-request clause cites section 14B (an LSCB power, repealed; the partners' power is s16H). The inserted Operation Encompass clause says 'where our area takes part' (a police duty since 7 November 2025). Planted errors are left untouched: s157 and s175 for academies and independent schools, 'the police decide whether a section 47 investigation', 'the DSL carries out' s47, s10 for the partners, s11 as a school's duty, 'education is the fourth partner', Operation Encompass as a duty on schools, the Children's Wellbeing and Schools Bill, 'KCSIE requires ... within one working day', the Data Protection Act 1998 and the CAF.",
    "invented_body": "CCG -> ICB is a word swap that builds names which do not exist ('NHS Herts Valleys ICB', 'NHS North West Surrey ICB', 'NHS Leeds ICB', 'NHS Greenwich ICB', 'NHS Shropshire ICB', 'NHS Sandwell and West Birmingham ICB'), and keeps 2022 ICBs that merged on 1 April 2026 ('NHS Frimley ICB', 'NHS Norfolk and Waveney ICB', 'NHS Mid and South Essex Integrated Care Board'). Use nhs/ccg_index.yaml body_today as of the run date; split or low confidence -> hand-edit note.",
    "generic_name": "'Local Safeguarding Children Partnership' written where the area's real partnership is known; former board names and intermediate names (pan-Lancashire CSAP, Pan-Dorset PDSCP) left in place.",
    "wrong_successor": "'Public Health England' is always replaced by 'UK Health Security Agency', including for Rise Above, Every Mind Matters, Start4Life and emotional wellbeing advice (OHID, or a hand-edit note).",
    "half_edit": "The safeguarding definition gets the new wording but not 'as soon as problems emerge'; old and new definition points sit side by side in prose definitions; the early help list is added as a second list beside the old one (old 'missing from home or care' next to 'missing from education, home or care'); new golden-rules items are appended to the 2018 list, so the list says both 'share with consent' and 'consent is not needed'.",
    "contradictory_history": "Only the name inside a 2019 transition sentence is replaced, so 'From September 2019 the work of the Hertfordshire Safeguarding Children Partnership will move to new local arrangements', 'The Devon Safeguarding Children Partnership is taking over the work of the Devon Safeguarding Children Partnership', 'is being replaced', 'New arrangements are being developed' and 'when they are published' survive; a Bill 'expected to become law in 2026' is left.",
    "duplicate_sentence": "Partner clauses pile up (WT030 partners clause + WT032 replacement + WT033 relevant-agency clause + glossary entry: the three partners named 3-4 times); two section 47 passages (WT048 and WT053); two 'what early help is' passages; a golden rule inserted twice.",
    "growth": "Every policy more than doubles (2.0x-5.3x; budget 1.35x): 25-30 clauses are appended whatever the policy already says.",
    "placeholder_known": "'[school name]' is inserted although the title names the school (school_name not configured).",
    "setting_mismatch": "Colleges, the nursery and the childminder get school text: 'the school census', 'pupils', 'headteacher', 'governing board', 'all staff' for a childminder working alone.",
    "notes_quality": "No recommended / for-information tiers, no DSL appendix and no list of what the tool did not check; rule ids, config keys and command-line options in the governor summary, which runs to 1,400-2,600 words; notes named after the input (policy.changes.md), so a second update to another output fails with 'already exists'; the 'Updated file' path is relative to the working folder, not to the notes.",
    "stale_edition": "Every inserted clause cites 'Working Together to Safeguard Children 2023' and 'KCSIE 2025' although WTtSC 2026 and KCSIE 2026 are in force on 7 December 2026; planted stale citations (EYFS 2017/2021, Prevent 2015, CME 2016, UKCCIS sexting 2016, filtering standards 2023) are left.",
    "decoy_changed": "Accounts of past training ('In September 2018 all staff were briefed on ... Working Together 2018') are rewritten to the new edition, which falsifies the record.",
    "coverage_gap": "A one-line pointer ('Online safety is covered in our separate Online Safety Policy') or no section at all counts as covering online harm: no clause and no suggested addition.",
    "libreoffice": "Reject All turns the heading after every inserted block into body text (or into a list item); inserted numbered items continue the numbering of an earlier list ('8.', '21.', '34.').",
}


def _clip(text: str, n: int) -> str:
    text = " ".join(str(text).split()).replace("|", "/")
    return text if len(text) <= n else text[: n - 1] + "…"


def run_lo(results: dict[str, runner.Result]) -> dict[str, list[Defect]]:
    """LibreOffice round trip for every Word variant (empty when LibreOffice is missing)."""
    if shutil.which("soffice") is None or not Path("/usr/bin/python3").exists():
        return {}
    pairs = [(r.variant, r.output) for r in results.values() if r.variant.path.suffix == ".docx" and r.output.exists()]
    files = [str(p) for v, out in pairs for p in (v.path, out)]
    run = subprocess.run(["/usr/bin/python3", str(LO_STYLES), *files], capture_output=True, text=True, timeout=1200)
    if run.returncode != 0:
        raise SystemExit(f"lo_styles.py failed: {run.stderr[-500:]}")
    reports = {r["path"]: r for r in json.loads(run.stdout)}
    out = {}
    for variant, redline in pairs:
        original = reports[str(variant.path)]["as_opened"]
        rep = reports[str(redline)]
        out[variant.id] = lo_compare.reject_defects(original, rep["rejected"], limit=1000) + lo_compare.accept_defects(
            original, rep["accepted"], limit=1000
        )
    return out


def render(results: dict[str, runner.Result], lo: dict[str, list[Defect]], version: str, commit: str) -> str:
    ids = list(results)
    counts = {vid: Counter(d.cls for d in results[vid].defects + lo.get(vid, [])) for vid in ids}
    classes = [c for c in CLASSES if any(counts[v][c] for v in ids)]
    lines = [
        "# Baseline: what `update` produces on the draft-quality corpus today",
        "",
        f"Tool: wttsc-policy {version} at commit {commit} (the code every issue-13 branch starts from).",
        f"Run: `update --date {runner.RUN_DATE}` on every variant, as of {runner.AS_OF}"
        + (
            ""
            if runner.supports_as_of("update")
            else " (the CLI has no `--as-of` yet: the tool checks against its WTtSC 2023 pack)"
        )
        + "; then `check --format json` on the result, then every check in `tests/draft_quality/checks.py`.",
        "Regenerate with `cd tests && python -m draft_quality.baseline`. Counts are defects as the checker reports them",
        "(one per offending sentence or name; repeated stale citations of one edition count once).",
        "",
        "## Summary",
        "",
        "| policy | " + " | ".join(SHORT[c] for c in classes) + " | total |",
        "| --- | " + " | ".join("---:" for _ in classes) + " | ---: |",
    ]
    totals: Counter = Counter()
    for vid in ids:
        row = counts[vid]
        totals.update(row)
        lines.append(
            f"| {vid} | " + " | ".join(str(row[c]) if row[c] else "" for c in classes) + f" | {sum(row.values())} |"
        )
    lines.append("| **all** | " + " | ".join(f"**{totals[c]}**" for c in classes) + f" | **{sum(totals.values())}** |")
    lines += ["", f"Policies with at least one defect: {sum(1 for v in ids if counts[v])} of {len(ids)} variants.", ""]
    lines += ["## Worklist by defect class", ""]
    for c in classes:
        lines.append(f"- **{c}** ({totals[c]}): {WORKLIST.get(c, '')}")
    quiet = [c for c in CLASSES if c not in classes]
    if quiet:
        lines += ["", "Classes with no defect today (the checks still run):", ""]
        lines += [f"- **{c}**: {QUIET.get(c, 'none found on this corpus.')}" for c in quiet]
    lines += ["", "## Per policy", ""]
    for vid in ids:
        r = results[vid]
        first = (r.update.stdout or r.update.stderr).strip().splitlines()
        summary = first[0].split(": ", 1)[-1] if first else "(no output)"
        lines += [f"### {vid}", "", f"`update`: {_clip(summary, 160)}", ""]
        grouped = by_class(r.defects + lo.get(vid, []))
        if not grouped:
            lines += ["No defects.", ""]
            continue
        lines += ["| class | n | examples |", "| --- | ---: | --- |"]
        for cls, items in grouped.items():
            examples = "; ".join(
                f"“{_clip(d.text, 110)}”" + (f" ({_clip(d.detail, 90)})" if d.detail else "") for d in items[:2]
            )
            lines.append(f"| {cls} | {len(items)} | {examples} |")
        lines.append("")
    if not lo:
        lines += ["LibreOffice was not available: the round trip was not run.", ""]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="dq-baseline-") as tmp:
        results = {}
        for variant in runner.variants():
            print(f"updating {variant.id}", file=sys.stderr)
            results[variant.id] = runner.run_variant(variant, Path(tmp) / variant.id.replace("[", "-").rstrip("]"))
        lo = {} if "--no-lo" in argv else run_lo(results)
        version = runner.cli("--version", cwd=runner.ROOT).stdout.strip().split()[-1]
        commit = subprocess.run(
            ["git", "log", "-1", "--format=%h", "--", "src", "rules", "templates"],
            cwd=runner.ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
        OUT.write_text(render(results, lo, version, commit), encoding="utf-8")
    print(f"wrote {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
