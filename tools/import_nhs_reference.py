"""One-off importer: the project's NHS reference files -> src/wttsc_policy/nhs/bodies.yaml.

Not part of the package and not run by the tests. It reads the read-only reference copies
(shared/reference/nhs/icbs.yaml, ccg_index.yaml, la_icb.yaml), keeps the facts the tool uses
(names, codes, dates, successors, split flags, confidence, source ids) and writes them in the
package's own compact format. Source descriptions, notes and split parts are written here in
our own words. Re-run after the reference is refreshed, then run tests/test_nhs_data.py.

    python3 tools/import_nhs_reference.py [REFERENCE_DIR]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "wttsc_policy" / "nhs" / "bodies.yaml"
HORIZON = "2026-12-07"

# source id -> (tier, where it is, what it gives) in our words
SOURCES = {
    "ods_icb_list": (
        "official-derived",
        "github.com/rcpch/rcpch-nhs-organisations (integrated_care_boards.py) and an ICB22CD/ICB22NM SQL table",
        "The 42 ICBs of 2022 with ODS and ONS codes and legal names; the two copies agree.",
    ),
    "nhsd_ccg_map_2021": (
        "official-derived",
        "github.com/NHSDigital/mental-health-bulletin (CCG mapping notebook)",
        "NHS Digital table from older CCG codes to the 2021 CCGs and on to their ICB, with the CCGs each 2021 CCG absorbed.",
    ),
    "ccg_names_2019": (
        "secondary",
        "a public web application's CCG code-to-name map (2018/19)",
        "Names of the 2018/19 CCGs by code.",
    ),
    "ccg_merger_2020_r": (
        "secondary",
        "a public R script built on the ONS CCG19/CCG20 lookups",
        "Which CCGs merged in April 2020.",
    ),
    "ccg_names_2015_list": (
        "secondary",
        "public dashboard code listing about 200 CCG names of 2015-2017",
        "Names only; where they went is worked out from geography.",
    ),
    "newcastle_gateshead_2015": (
        "secondary",
        "a comment in public code",
        "Newcastle Gateshead CCG was formed on 1 April 2015 from the Gateshead, Newcastle North and East, and Newcastle West CCGs.",
    ),
    "derbyshire_2019": (
        "secondary",
        "en.wikipedia.org/wiki/Healthcare_in_Derbyshire",
        "Erewash, Hardwick, North Derbyshire and Southern Derbyshire CCGs became Derby and Derbyshire CCG on 1 April 2019.",
    ),
    "glossop_2022": (
        "official",
        "joinedupcarederbyshire.co.uk/news/update-on-health-and-social-care-in-glossop and /about/what-is-jucd/glossop",
        "Glossop moved from the Tameside and Glossop area to Derby and Derbyshire ICB on 1 July 2022.",
    ),
    "bassetlaw_2022": (
        "secondary",
        "nottstv.com (local democracy reporting, 2022); brendanclarkesmith.com",
        "Bassetlaw joined Nottingham and Nottinghamshire ICB and left the South Yorkshire system.",
    ),
    "black_country_2022": (
        "official",
        "blackcountry.icb.nhs.uk (news, 1 July 2022); Hansard HCWS 22 July 2021",
        "Black Country ICB covers Dudley, Sandwell, Walsall and Wolverhampton; West Birmingham went to Birmingham and Solihull.",
    ),
    "icb_establishment": (
        "official",
        "england.nhs.uk/publication/integrated-care-boards-in-england and /integratedcare/integrated-care-in-your-area",
        "The 42 ICBs were set up on 1 July 2022 by the Establishment Order and CCGs closed that day; a 2023 Variation Order moved the Surrey Heartlands/Sussex boundary.",
    ),
    "rcpch_icb_succession_2026": (
        "official-derived",
        "github.com/rcpch/rcpch-nhs-organisations documentation/docs/developer/icb-history-planning.md (commit a96174be)",
        "ODS-checked table of the ICB changes of 1 April 2026.",
    ),
    "sicbl_apr2026_sql": (
        "official-derived",
        "NHS England analyst SQL (Internal_Hierarchies.SICBL_Apr2026)",
        "How the old Frimley sub-ICB location was shared out: Thames Valley 59%, Hampshire and Isle of Wight 23%, Surrey and Sussex 18%.",
    ),
    "ministerial_statement_2025_09_09": (
        "official",
        "written ministerial statement of 9 September 2025 (parallelparliament.co.uk and parliamenttoday.com copies)",
        "The first merged ICB areas, effective 1 April 2026.",
    ),
    "nhse_east_of_england_2026": (
        "official",
        "england.nhs.uk/east-of-england/ccgs-and-acute-trusts; midandsouthessex.ics.nhs.uk/?p=21872",
        "The six East of England ICBs become three in April 2026.",
    ),
    "thames_valley_bbc": (
        "secondary",
        "BBC News article cd63p6e2pq1o",
        "NHS Thames Valley ICB from 1 April 2026, taking in East Berkshire from Frimley.",
    ),
    "ne_hampshire_2026": (
        "secondary",
        "haslemereherald.com (January 2026)",
        "Rushmoor and part of Hart move from Frimley to Hampshire and Isle of Wight ICB in April 2026.",
    ),
    "surrey_lmc_2025": (
        "secondary",
        "sslmcs.co.uk/resources/icb-changes",
        "Frimley ICB ends; East Berkshire goes to Thames Valley, Farnham and Surrey Heath to the Surrey and Sussex ICB.",
    ),
    "nwl_ncl_healthwatch_brent": (
        "secondary",
        "healthwatchbrent.co.uk (August 2025)",
        "The 13 boroughs of the merged north-west and north-central London ICB.",
    ),
    "ods_release_2026_07": (
        "official-derived",
        "documentation of a public ODS parquet tool (ODS release of 31 July 2026); UKHSA dashboard geography changes",
        "GP practices already sit under the new 2026 ICBs, so the changes took effect.",
    ),
    "ons_icb_apr2026": (
        "official-derived",
        "ONS Integrated Care Boards (April 2026) codes as copied into public code",
        "36 ICBs from April 2026, with new E54 codes for the new bodies and for the enlarged Hampshire and Isle of Wight.",
    ),
    "surrey_sussex_2025": (
        "official",
        "surreyheartlands.org/news-centre/nhs-reform-397; farnhamherald.com (January 2026)",
        "One ICB for Surrey and Sussex from April 2026, including Farnham and Surrey Heath.",
    ),
    "wnl_name_2025": (
        "secondary",
        "barnetpost.co.uk (30 September 2025); ealingchronicle.co.uk",
        "The merged London body is called West and North London ICB.",
    ),
    "cumbria_south_copeland": (
        "secondary",
        "morecambebayccg.nhs.uk (population page); northcumbriaccg.nhs.uk; itv.com (March 2023)",
        "Morecambe Bay CCG had patients in Copeland (Millom) and Craven (Bentham); Lancashire and South Cumbria ICB holds the Millom GP contract.",
    ),
    "nhs_confed_2027": (
        "secondary",
        "nhsconfed.org/publications/icb-clusters-and-mergers (updated 6 October 2025); distilledpost.com",
        "Further ICB mergers were to be decided in summer 2026 and take effect on 1 April 2027.",
    ),
    "clusters_2025": (
        "secondary",
        "healthcareleadernews.com (July 2025); parallelparliament.co.uk question 66063",
        "Which ICBs formed clusters in 2025.",
    ),
    "rcpch_la_table": (
        "secondary",
        "github.com/rcpch/rcpch-nhs-organisations integrated_care_boards.py (local authority table)",
        "A noisy council-to-ICB table, used only to back up other sources.",
    ),
    "geography": (
        "inference",
        "(inference)",
        "Worked out from the area a CCG or council covers; never the only basis for high or medium on a cross-boundary area.",
    ),
}

CCG_PARTS = {  # CCG name -> {body code: the part of its area}
    "NHS Tameside and Glossop CCG": {"QOP": "Tameside", "QJ2": "Glossop"},
    "NHS Black Country and West Birmingham CCG": {
        "QUA": "Dudley, Sandwell, Walsall and Wolverhampton",
        "QHL": "West Birmingham",
    },
    "NHS Sandwell and West Birmingham CCG": {"QUA": "Sandwell", "QHL": "West Birmingham"},
    "NHS Cumbria CCG": {"QHM": "the later North Cumbria CCG area", "QE1": "the later Morecambe Bay CCG area"},
    "NHS North East Hampshire and Farnham CCG": {
        "QRL": "North East Hampshire (Rushmoor, part of Hart)",
        "S9B9J": "Farnham",
    },
}

LA_NOTES = {  # local authority -> (parts {code: area}, note) in our words
    "Derbyshire County Council": ({}, "Glossop has been part of this ICB since 1 July 2022."),
    "Essex County Council": (
        {"QH8": "mid and south Essex", "QM7": "Epping Forest, Harlow and Uttlesford", "QJG": "Colchester and Tendring"},
        None,
    ),
    "Hampshire County Council": ({"QNQ": "Rushmoor and part of Hart", "QRL": "the rest of the county"}, None),
    "Hertfordshire County Council": (
        {},
        "One table also links a small area to Cambridgeshire and Peterborough (unconfirmed); both are in Central East from April 2026.",
    ),
    "Nottinghamshire County Council": ({}, "Bassetlaw has been part of this ICB since 1 July 2022."),
    "Suffolk County Council": ({"QMM": "Waveney (East Suffolk)", "QJG": "the rest of the county"}, None),
    "Surrey County Council": ({"QNQ": "Surrey Heath and Farnham", "QXU": "the rest of the county"}, None),
    "West Sussex County Council": (
        {},
        "Some practices near the Surrey border may sit with Surrey Heartlands after the 2023 boundary change (unconfirmed).",
    ),
    "Cumberland Council": (
        {"QHM": "Allerdale, Carlisle and most of Copeland", "QE1": "the Millom area of south Copeland"},
        None,
    ),
    "North Yorkshire Council": (
        {"QWO": "most of Craven", "QE1": "the Bentham area of Craven", "QOQ": "the rest of the county"},
        None,
    ),
    "Westmorland and Furness Council": (
        {"QE1": "Barrow-in-Furness and South Lakeland", "QHM": "Eden"},
        "Based on the old CCG areas; no later boundary change was seen.",
    ),
    "Birmingham City Council": ({}, "West Birmingham joined this ICB on 1 July 2022."),
    "Tameside Metropolitan Borough Council": (
        {},
        "Glossop, formerly in the same CCG, went to Derby and Derbyshire ICB on 1 July 2022.",
    ),
    "City of London Corporation": ({}, "Covered by the former City and Hackney CCG."),
}

KINDS = {
    "ccg_at_abolition": "at_abolition",
    "pre_2021_ccg": "merged_2019_2021",
    "early_ccg_2013_2018": "early_2013_2018",
}


def scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 ._/-]*", text) and text not in (
        "null",
        "true",
        "false",
        "yes",
        "no",
        "on",
        "off",
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def flow(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def key(text: str) -> str:
    text = text.lower().replace("&", " and ").replace("'", "")
    return " ".join(re.findall(r"[a-z0-9]+", text))


def core(form: str) -> str:
    form = re.sub(r"^NHS\s+", "", form.strip())
    return re.sub(r"\s+(?:CCG|Clinical Commissioning Group)$", "", form)


def action(confidence: str, codes: list[str]) -> str:
    return "replace" if confidence in ("high", "medium") and len(codes) == 1 else "hand_edit"


def main(ref: Path) -> None:
    icbs = yaml.safe_load((ref / "icbs.yaml").read_text())
    ccgs = yaml.safe_load((ref / "ccg_index.yaml").read_text())["ccgs"]
    las = yaml.safe_load((ref / "la_icb.yaml").read_text())["local_authorities"]
    used = {
        s for group in (icbs["icbs_2022"], icbs["bodies_created_2026"], ccgs, las) for e in group for s in e["source"]
    }
    used |= {s for i in icbs["icbs_2022"] if i["successor_2026"] for s in i["successor_2026"]["source"]}
    assert used <= set(SOURCES), sorted(used - set(SOURCES))
    lines = [
        "# NHS bodies for CCG names (wttsc-policy data, own format).",
        "#",
        "# Built by tools/import_nhs_reference.py from the project's reference files",
        "# shared/reference/nhs/ (icbs.yaml, ccg_index.yaml, la_icb.yaml; as of 2026-12-02, audited",
        "# 2026-12-07). Facts carry over (names, codes, dates, successors, confidence, source ids);",
        "# descriptions and notes are ours. Loaded by wttsc_policy.nhs.bodies.load_bodies().",
        "#",
        "# bodies: the 42 ICBs of 1 July 2022 and the 6 new ICBs of 1 April 2026. short_names name the",
        "#   ICB itself and may be written by the tool; system_names (ICS/ICP and older system names) and",
        "#   names_seen are for recognising text only - they are not the ICB in law.",
        "# ccgs: CCG names a policy may still use. icb_2022 = the ICB(s) that took over on 1 July 2022;",
        "#   today = the body or bodies covering the area from 1 April 2026. A list of two or more is a",
        "#   split (split_2022 / split_today), and parts says which area went where. A name is always",
        "#   recognised with or without 'NHS', with 'CCG' or 'Clinical Commissioning Group', with '&' or",
        "#   'and', in any case; aliases lists other spellings seen (e.g. 'Herts Valley').",
        "#   action_2022 / action_today: replace only when confidence is high or medium and there is",
        "#   exactly one body; otherwise hand_edit (a person names the ICB for the school's area).",
        "# local_authorities: same names as src/wttsc_policy/data/partnerships.yaml.",
        "# confidence: high = official NHS/ONS/ODS data or an NHS page; medium = one reputable secondary",
        "#   source, or official ICB-level facts applied by unambiguous geography; low = inferred.",
        "schema_version: 1",
        f'horizon: "{HORIZON}"',
        'icbs_established: "2022-07-01"',
        'reorganised: "2026-04-01"',
        'next_change: "2027-04-01"',
        "next_change_note: >-",
        "  NHS England told clustered ICBs to merge, with decisions due in summer 2026 to take effect on",
        "  1 April 2027. No decision was found by the review date, so from 1 April 2027 the tool cannot be",
        "  sure which body covers an area.",
        "sources:",
    ]
    for sid, (tier, where, about) in SOURCES.items():
        lines.append(f"  {sid}: {flow({'tier': tier, 'where': where, 'about': about})}")
    lines.append("bodies:")
    for i in icbs["icbs_2022"]:
        succ = i["successor_2026"]
        lines.append(f"- code: {scalar(i['code'])}")
        lines.append(f"  ons: {scalar(i['ons_code'])}")
        lines.append(f"  name: {scalar(i['name'])}")
        lines.append(f'  established: "{i["established"]}"')
        if succ:
            lines.append(f'  ended: "{succ["date"]}"')
            parts = {b["code"]: b["part"] for b in succ["bodies"]}
            lines.append(
                f"  successor: {flow({'bodies': parts, 'confidence': succ['confidence'], 'sources': succ['source']})}"
            )
        lines.append(f"  short_names: {flow([s for s in i['short_names'] if '&' not in s])}")
        lines.append(f"  system_names: {flow([s for s in i['system_names'] if '&' not in s])}")
        lines.append(f"  confidence: {i['confidence']}")
        lines.append(f"  sources: {flow(i['source'])}")
    for b in icbs["bodies_created_2026"]:
        lines.append(f"- code: {scalar(b['code'])}")
        lines.append(f"  ons: {scalar(b['ons_code'])}")
        lines.append(f"  name: {scalar(b['name'])}")
        lines.append(f'  established: "{b["established"]}"')
        lines.append(f"  predecessors: {flow(b['predecessors'])}")
        lines.append(f"  short_names: {flow(b['short_names'])}")
        if b["code"] == "Z9B2Z":
            lines.append(f"  names_seen: {flow(['North West and North Central London ICB'])}")
        lines.append(f"  confidence: {b['confidence']}")
        lines.append(f"  sources: {flow(b['source'])}")
    lines.append("ccgs:")
    for c in ccgs:
        base = key(core(c["name"]))
        aliases = sorted({core(f) for f in c["name_forms"] if key(core(f)) != base}, key=str.lower)
        aliases = [a for a in aliases if "&" not in a or not any(key(a) == key(b) for b in aliases if "&" not in b)]
        icb_2022 = [b["code"] for b in c["successor_2022_icb"]]
        today = [b["code"] for b in c["body_today"]]
        m = re.match(r"(\d{4}-\d{2}-\d{2}) \((abolished|merged)", c["abolished"])
        entry: dict[str, object] = {"name": c["name"]}
        if c["code"]:
            entry["code"] = c["code"]
        entry["kind"] = KINDS[c["kind"]]
        if m:
            entry["abolished"] = m.group(1)
        else:
            assert c["abolished"].startswith("before April 2019"), c["abolished"]
            entry["abolished_before"] = "2019-04-01"
        if c.get("abolished_date_confidence"):
            entry["date_confidence"] = c["abolished_date_confidence"]
        if c.get("merged_into"):
            entry["merged_into"] = c["merged_into"]
        if aliases:
            entry["aliases"] = aliases
        entry["icb_2022"] = icb_2022
        entry["today"] = today
        if len(icb_2022) > 1:
            entry["split_2022"] = True
        if len(today) > 1:
            entry["split_today"] = True
        parts = CCG_PARTS.get(c["name"])
        if parts is None and len(today) > 1 and len(icb_2022) == 1:
            icb = next(i for i in icbs["icbs_2022"] if i["code"] == icb_2022[0])
            if sorted(b["code"] for b in icb["successor_2026"]["bodies"]) == sorted(today):
                parts = {b["code"]: b["part"] for b in icb["successor_2026"]["bodies"]}
        if parts:
            entry["parts"] = parts
        entry["action_2022"] = action(c["confidence"], icb_2022)
        entry["action_today"] = action(c["confidence"], today)
        assert entry["action_today"] == c["tool_action"], c["name"]
        entry["confidence"] = c["confidence"]
        entry["sources"] = c["source"]
        lines.append(f"- {flow(entry)}")
    lines.append("local_authorities:")
    for la in las:
        icb_2022 = [b["code"] for b in la["icb_2022"]]
        today = [b["code"] for b in la["body_today"]]
        entry = {"name": la["local_authority"], "icb_2022": icb_2022, "today": today}
        if len(icb_2022) > 1:
            entry["split_2022"] = True
        if len(today) > 1:
            entry["split_today"] = True
        parts, note = LA_NOTES.get(la["local_authority"], ({}, None))
        if parts:
            entry["parts"] = parts
        if note:
            entry["note"] = note
        entry["action_2022"] = action(la["confidence"], icb_2022)
        entry["action_today"] = action(la["confidence"], today)
        assert entry["action_today"] == la["tool_action"], la["local_authority"]
        entry["confidence"] = la["confidence"]
        entry["sources"] = la["source"]
        lines.append(f"- {flow(entry)}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(ccgs)} CCGs, {len(las)} local authorities)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/reference/nhs"))
