"""Edition packs are self-contained folders: metadata naming the edition, rules, and
their own clause templates (a trust's pack via --rules included)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from wttsc_policy.config import Config
from wttsc_policy.plan.model import EditPlan
from wttsc_policy.read import read_string
from wttsc_policy.render.notes import render_notes
from wttsc_policy.rulepacks.editions import Edition, builtin_lead_edition, lead_edition
from wttsc_policy.rulepacks.load import load_pack, load_ruleset

PACK_YAML = """pack:
  name: trust-extras
  title: Beacon Learning Trust additions
  from_edition: none
  to_edition: trust policy standard
  version: 0.1.0
  family: trust
  edition: "2026"
  edition_title: Beacon Learning Trust safeguarding standard 2026
  short_title: BLT 2026
"""

RULES_YAML = r"""rules:
  - id: TR001
    title: Say how staff use mobile phones
    kind: missing_topic
    severity: warning
    source: "Trust standard, section 4"
    chapter: Trust
    cues: ['\bmobile phones?\b']
    clause: clauses/phones.md.j2
    place_under: ['safeguarding']
    clause_heading: Mobile phones
    message: The policy does not say how staff use mobile phones.
    rationale: The trust standard asks every school to say it.
    examples:
      fires: ["We keep children safe."]
      passes: ["Staff keep mobile phones in the staff room."]
"""


def trust_pack(folder: Path) -> Path:
    pack = folder / "trust-pack"
    (pack / "clauses").mkdir(parents=True)
    (pack / "pack.yaml").write_text(PACK_YAML, encoding="utf-8")
    (pack / "rules.yaml").write_text(RULES_YAML, encoding="utf-8")
    (pack / "clauses" / "phones.md.j2").write_text(
        "Staff at {{ school_name }} keep their mobile phones out of rooms where children are.\n", encoding="utf-8"
    )
    return pack


def test_builtin_packs_describe_their_edition():
    packs = {p.meta.name: p.meta for p in load_ruleset().packs}
    wttsc = [m for m in packs.values() if m.family == "wttsc"]
    assert len(wttsc) >= 2, "the Working Together packs chain by edition"
    for meta in wttsc:
        assert meta.edition and meta.edition_title and meta.short_title
        assert meta.published and meta.in_force and meta.supersedes and meta.aliases
        assert meta.edition in meta.edition_title and meta.edition in meta.short_title
    kcsie = next(m for m in packs.values() if m.family == "kcsie")
    assert kcsie.edition is None, "the KCSIE edition in force comes from the date (or a pin)"
    newest = max(wttsc, key=lambda m: m.in_force or "")
    lead = builtin_lead_edition()
    assert (lead.title, lead.short_title) == (newest.edition_title, newest.short_title)


def test_the_lead_edition_follows_the_date():
    """Notes, help and the dashboard cite the edition in force, named by its own pack."""
    from datetime import date

    from wttsc_policy.guidance.shipped import editions

    packs = load_ruleset().packs
    early = lead_edition(packs, editions().all_in_force(date(2026, 1, 15)))
    late = lead_edition(packs, editions().all_in_force(date(2026, 12, 7)))
    assert (early.edition, late.edition) == ("2023", "2026")
    assert early.folder and early.folder.endswith("wttsc-2023") and late.folder and late.folder.endswith("wttsc-2026")


def test_clause_paths_are_relative_to_their_own_pack(tmp_path):
    pack = load_pack(trust_pack(tmp_path))
    (rule,) = pack.rules
    assert rule.pack_dir == tmp_path / "trust-pack"
    assert lead_edition([pack]).title == builtin_lead_edition().title  # a trust pack is not the lead family


def test_a_trust_pack_brings_its_own_clause(tmp_path, run_cli):
    pack = trust_pack(tmp_path)
    (tmp_path / ".git").mkdir()
    # a four-word policy: the growth budget is lifted so the trust's clause goes in
    (tmp_path / "wttsc-policy.toml").write_text(
        'school_name = "Hilltop School"\ngrowth_budget = 100\n', encoding="utf-8"
    )
    (tmp_path / "policy.md").write_text("# Policy\n\n## Safeguarding\n\nWe keep children safe.\n", encoding="utf-8")
    proc = run_cli(
        "update", "policy.md", "--rules", str(pack), "--select", "TR001", "--date", "2026-01-01", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    updated = (tmp_path / "policy.updated.md").read_text(encoding="utf-8")
    assert "Staff at Hilltop School keep their mobile phones out of rooms where children are." in updated
    assert updated.index("We keep children safe.") < updated.index("mobile phones")


def test_notes_cite_the_edition_they_are_given():
    doc = read_string("# Policy\n\nText.\n")
    edition = Edition(family="wttsc", edition="2031", title="Working Together Example 2031", short_title="WTE 2031")
    notes = render_notes(
        doc,
        EditPlan(edits=[], manual=[]),
        {},
        Config(),
        Config().template_values(),
        edition=edition,
        date=datetime(2026, 1, 1, tzinfo=UTC),
    )
    assert "*Working Together Example 2031* (WTE 2031)" in notes
    assert "Working Together to Safeguard Children 2023" not in notes.split("## Staff briefing")[0]


def test_replacements_are_plain_names_checked_when_the_pack_loads(tmp_path, run_cli):
    """Replacement texts are substituted, never run: an unknown name or template code is a
    one-line pack error (exit 2), and a known family's edition is filled in."""
    pack = trust_pack(tmp_path)
    rule = RULES_YAML.replace("kind: missing_topic", "kind: outdated_reference").replace(
        "    cues: ['\\bmobile phones?\\b']\n    clause: clauses/phones.md.j2\n    place_under: ['safeguarding']\n"
        "    clause_heading: Mobile phones\n",
        "    patterns: ['\\bmobiles\\b']\n    replacement: \"{edition.title}\"\n",
    )
    (pack / "rules.yaml").write_text(rule.replace("{edition.title}", "{edition.nonsense}"), encoding="utf-8")
    proc = run_cli("rules", "validate", str(pack))
    assert proc.returncode == 2 and "edition.nonsense" in proc.stderr and len(proc.stderr.splitlines()) == 1
    (pack / "rules.yaml").write_text(rule.replace("{edition.title}", "{% if x %}y{% endif %}"), encoding="utf-8")
    proc = run_cli("rules", "validate", str(pack))
    assert proc.returncode == 2 and "no template code" in proc.stderr
    (pack / "rules.yaml").write_text(rule.replace("{edition.title}", "{kcsie.short}"), encoding="utf-8")
    loaded = load_pack(pack)
    assert loaded.rules[0].replacement == "{kcsie.short}"
