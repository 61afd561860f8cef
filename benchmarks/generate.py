"""Generate realistic long child protection policies for the benchmarks (and the fuzz tests).

A policy here looks like the ones schools actually keep: a title page line, a document
control table, a header and footer, numbered sections with sub-headings, paragraphs of
several sentences (some with bold or italic runs in the middle of a phrase), bullet and
numbered lists, contact tables, and a sprinkling of out-of-date references (2018 edition
of Working Together, LSCBs, "domestic violence", "GDPR") so the rules have work to do.

Everything is drawn from a seeded random generator, so the same arguments give the same
text every time. Usage:

    .venv/bin/python benchmarks/generate.py --out benchmarks/out            # 70-page + 10x
    .venv/bin/python benchmarks/generate.py --out DIR --scale 1 --name p    # one policy

`policy_spec(seed, paragraphs)` and `write_docx` / `write_markdown` are importable.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

# ----------------------------------------------------------------------------- text bank

SCHOOLS = [
    "Oakfield Primary School",
    "Hillcrest Academy",
    "St Mary's Church of England School",
    "Meadowbank Infant School",
    "Northgate High School",
    "Riverside Academy",
]
AREAS = ["Kent", "Surrey", "Devon", "Leeds", "Norfolk", "Cumbria", "Essex", "Hampshire"]

SECTION_TITLES = [
    "Aims",
    "Legislation and statutory guidance",
    "Definitions",
    "Equality statement",
    "Roles and responsibilities",
    "The designated safeguarding lead",
    "The governing board",
    "The headteacher",
    "Confidentiality and information sharing",
    "Recognising abuse and neglect",
    "Responding to a disclosure",
    "Early help",
    "Referrals to children's social care",
    "Concerns about a staff member or volunteer",
    "Allegations of abuse made against other pupils",
    "Online safety and the use of mobile technology",
    "Children who are absent from education",
    "Children with special educational needs and disabilities",
    "Looked-after and previously looked-after children",
    "Mental health",
    "Safer recruitment",
    "Training",
    "Record-keeping",
    "Working with parents and carers",
    "Monitoring arrangements",
    "Links with other policies",
    "Complaints and concerns about the policy",
    "Prevent duty",
    "Female genital mutilation",
    "Domestic abuse",
    "Child criminal exploitation",
    "Private fostering",
    "Use of reasonable force",
    "Photography and images",
    "Extended school and off-site visits",
]
SUB_TITLES = [
    "What staff should do",
    "Recording the concern",
    "When to involve the DSL",
    "Timescales",
    "Key points to remember",
    "Further guidance",
    "Support for the child",
    "Escalation",
    "Information for visitors",
    "Review of this section",
]

SENTENCES = [
    "All staff have a responsibility to identify children who may need extra help or who are suffering, or likely to suffer, significant harm.",
    "Any member of staff with a concern about a child's welfare should speak to the designated safeguarding lead without delay.",
    "The DSL will decide whether to make a referral to children's social care, and will record the reasons for that decision.",
    "Where a child is in immediate danger, staff should call the police on 999 and then tell the DSL.",
    "Records of concerns are kept securely, separately from the main pupil file, and are only seen by those who need to know.",
    "Staff should listen to the child, let them speak freely and avoid asking leading questions.",
    "We will never promise a child that we will keep what they tell us a secret.",
    "The governing board reviews this policy every year and whenever national guidance changes.",
    "Parents and carers are told about this policy through the school website and the home-school agreement.",
    "Early help means providing support as soon as a problem emerges, at any point in a child's life.",
    "Staff should be alert to signs of neglect, including poor hygiene, persistent hunger and untreated medical needs.",
    "Concerns about the conduct of an adult working in the school must be passed to the headteacher straight away.",
    "If the concern is about the headteacher, it must be passed to the chair of governors.",
    "The local authority designated officer gives advice on allegations against people who work with children.",
    "Pupils are taught about safe relationships, consent and staying safe online through the curriculum.",
    "Filtering and monitoring systems are checked each term and any gaps are reported to the DSL.",
    "Children missing from education can be a sign of abuse, exploitation or a risk of forced marriage.",
    "We recognise that children with special educational needs may face additional barriers to telling someone.",
    "The virtual school head has a duty to promote the educational achievement of looked-after children.",
    "Training for all staff takes place at induction and is refreshed at regular intervals.",
    "The DSL and deputies undertake training at least every two years and keep their knowledge up to date.",
    "Visitors are given a leaflet explaining who to speak to if they have a concern about a child.",
    "We keep a single central record of the checks carried out on staff, volunteers and governors.",
    "Information will be shared with other agencies where this is necessary to keep a child safe.",
    "The school works closely with health services, the police and children's social care.",
    "Staff who are worried that a child may be at risk of radicalisation should follow the Prevent procedures.",
    "Teachers have a mandatory duty to report known cases of female genital mutilation to the police.",
    "A child who goes missing during the school day will be searched for and their parents contacted.",
    "Reasonable force will only be used as a last resort and will be recorded and reported to parents.",
    "Images of pupils are only taken with consent and are stored on school devices.",
    "Mental health problems can be an indicator that a child has suffered or is at risk of abuse.",
    "Where a pupil moves to another school, the DSL makes sure the child protection file is transferred securely.",
    "Concerns raised by parents are taken seriously and followed up with them in good time.",
    "The headteacher makes sure that staff have enough time and resources to carry out their safeguarding duties.",
    "Every adult in the school should feel able to raise concerns about poor or unsafe practice.",
]
OUTDATED = [
    "This section follows Working Together to Safeguard Children 2018 and the procedures of the {area} Safeguarding Children Board.",
    "Concerns are referred in line with the thresholds published by the Local Safeguarding Children Board (LSCB).",
    "Staff should be alert to the effect of domestic violence on children in the household.",
    "Personal data is processed in line with the GDPR and the Data Protection Act 2018.",
    "Referrals follow the guidance in Working Together 2018 and the local multi-agency procedures.",
    "The clinical commissioning group is one of the three safeguarding partners in the area.",
]
LIST_ITEMS = [
    "a child tells you they are being harmed",
    "you notice an unexplained injury",
    "a child's behaviour changes suddenly",
    "a parent raises a worry about another adult",
    "a pupil is often absent without explanation",
    "you see something online that worries you",
    "a child appears hungry, tired or unkempt",
    "a pupil talks about running away",
    "an adult behaves inappropriately towards a child",
    "you hear a rumour about a pupil being exploited",
]
NAMES = ["Mrs A. Patel", "Mr T. Okoye", "Ms R. Hughes", "Mr D. Fraser", "Dr S. Kaur", "Mrs L. Evans"]
ROLES = ["Designated safeguarding lead", "Deputy DSL", "Headteacher", "Chair of governors", "LADO", "Early help lead"]


# ----------------------------------------------------------------------------- spec


@dataclass
class Item:
    """One thing in the document, in order."""

    kind: str  # heading1 | heading2 | para | bullet | number | table
    text: str = ""
    runs: list[tuple[str, str]] = field(default_factory=list)  # (text, '' | 'b' | 'i')
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class PolicySpec:
    school: str
    area: str
    items: list[Item]

    @property
    def paragraphs(self) -> int:
        return sum(len(i.rows) * len(i.rows[0]) if i.kind == "table" else 1 for i in self.items)


def _split_runs(rng: random.Random, text: str) -> list[tuple[str, str]]:
    """Split a paragraph into runs at random word boundaries, some bold or italic."""
    if rng.random() < 0.6:
        return [(text, "")]
    words = text.split(" ")
    cuts = sorted(rng.sample(range(1, len(words)), k=min(len(words) - 1, rng.randint(1, 3))))
    runs, last = [], 0
    for cut in [*cuts, len(words)]:
        chunk = " ".join(words[last:cut]) + (" " if cut < len(words) else "")
        runs.append((chunk, rng.choice(["", "", "b", "i"])))
        last = cut
    return runs


def policy_spec(seed: int = 1, paragraphs: int = 700, outdated_rate: float = 0.03) -> PolicySpec:
    """A policy of roughly `paragraphs` paragraphs (table cells count as paragraphs)."""
    rng = random.Random(seed)
    school, area = rng.choice(SCHOOLS), rng.choice(AREAS)
    items: list[Item] = [
        Item("heading1", f"{school}: Child Protection and Safeguarding Policy"),
        Item(
            "para",
            f"Approved by the governing board in September {rng.randint(2016, 2023)}. Next review due in one year.",
        ),
        Item(
            "table",
            rows=[["Version", "Date", "Author", "Summary of changes"]]
            + [[f"v{v}.0", f"September {2015 + v}", rng.choice(NAMES), "Annual review"] for v in range(1, 4)],
        ),
    ]
    count = sum(1 if i.kind != "table" else len(i.rows) * 4 for i in items)
    section = 0
    while count < paragraphs:
        section += 1
        title = SECTION_TITLES[(section - 1) % len(SECTION_TITLES)]
        items.append(Item("heading1", f"{section}. {title}"))
        count += 1
        for sub in range(rng.randint(1, 3)):
            items.append(Item("heading2", f"{section}.{sub + 1} {rng.choice(SUB_TITLES)}"))
            count += 1
            for _ in range(rng.randint(2, 5)):
                sentences = rng.sample(SENTENCES, rng.randint(2, 4))
                if rng.random() < outdated_rate * 3:
                    sentences.insert(rng.randint(0, len(sentences)), rng.choice(OUTDATED).format(area=area))
                text = " ".join(sentences)
                items.append(Item("para", text, runs=_split_runs(rng, text)))
                count += 1
            if rng.random() < 0.5:
                kind = rng.choice(["bullet", "number"])
                items.append(Item("para", "Staff should speak to the DSL the same day if:"))
                count += 1
                for entry in rng.sample(LIST_ITEMS, rng.randint(3, 6)):
                    items.append(Item(kind, entry))
                    count += 1
        if section % 4 == 0:
            rows = [["Role", "Name", "Telephone"]] + [
                [role, rng.choice(NAMES), f"01632 {rng.randint(100, 999)} {rng.randint(100, 999)}"]
                for role in rng.sample(ROLES, 4)
            ]
            items.append(Item("table", rows=rows))
            count += len(rows) * 3
    return PolicySpec(school=school, area=area, items=items)


# ----------------------------------------------------------------------------- writers


def write_docx(spec: PolicySpec, path: Path) -> None:
    """The policy as a Word document (python-docx default template, header and footer)."""
    from docx import Document

    doc = Document()
    section = doc.sections[0]
    section.header.paragraphs[0].text = f"{spec.school} - Child Protection and Safeguarding Policy"
    section.footer.paragraphs[0].text = "Uncontrolled when printed. Check the school website for the current version."
    for item in spec.items:
        if item.kind == "heading1":
            doc.add_heading(item.text, level=1)
        elif item.kind == "heading2":
            doc.add_heading(item.text, level=2)
        elif item.kind == "bullet":
            doc.add_paragraph(item.text, style="List Bullet")
        elif item.kind == "number":
            doc.add_paragraph(item.text, style="List Number")
        elif item.kind == "table":
            table = doc.add_table(rows=len(item.rows), cols=len(item.rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(item.rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
        else:
            p = doc.add_paragraph()
            for text, fmt in item.runs or [(item.text, "")]:
                run = p.add_run(text)
                run.bold = fmt == "b" or None
                run.italic = fmt == "i" or None
    doc.core_properties.author = "benchmark generator"
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))


def _md_inline(item: Item) -> str:
    parts = []
    for text, fmt in item.runs or [(item.text, "")]:
        core = text.strip()
        if fmt and core:
            mark = "**" if fmt == "b" else "*"
            lead = text[: len(text) - len(text.lstrip())]
            tail = text[len(text.rstrip()) :]
            parts.append(f"{lead}{mark}{core}{mark}{tail}")
        else:
            parts.append(text)
    return "".join(parts)


def to_markdown(spec: PolicySpec) -> str:
    """The same policy as markdown: blocks separated by blank lines, list items together."""
    blocks: list[str] = []
    items = spec.items
    i = 0
    first = True
    while i < len(items):
        item = items[i]
        if item.kind == "heading1":
            blocks.append(("# " if first else "## ") + item.text)
            first = False
        elif item.kind == "heading2":
            blocks.append("### " + item.text)
        elif item.kind in ("bullet", "number"):
            lines = []
            while i < len(items) and items[i].kind == item.kind:
                marker = "-" if item.kind == "bullet" else f"{len(lines) + 1}."
                lines.append(f"{marker} {items[i].text}")
                i += 1
            blocks.append("\n".join(lines))
            continue
        elif item.kind == "table":
            rows = item.rows
            lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * len(rows[0])]
            lines.extend("| " + " | ".join(r) + " |" for r in rows[1:])
            blocks.append("\n".join(lines))
        else:
            blocks.append(_md_inline(item))
        i += 1
    return "\n\n".join(blocks) + "\n"


def write_markdown(spec: PolicySpec, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_markdown(spec), encoding="utf-8")


# ----------------------------------------------------------------------------- main


def generate_all(out: Path, *, folder_count: int = 200) -> dict[str, Path]:
    """The benchmark corpus: 70-page and 10x policies (docx + md) and a folder of policies."""
    made: dict[str, Path] = {}
    for name, paragraphs in (("policy-70", 700), ("policy-700", 7000)):
        spec = policy_spec(seed=len(name) + paragraphs, paragraphs=paragraphs)
        made[f"{name}.docx"] = out / f"{name}.docx"
        made[f"{name}.md"] = out / f"{name}.md"
        if not made[f"{name}.docx"].exists():
            write_docx(spec, made[f"{name}.docx"])
        if not made[f"{name}.md"].exists():
            write_markdown(spec, made[f"{name}.md"])
    trust = out / "trust"
    made["trust"] = trust
    for i in range(folder_count):
        # schools keep policies of very different lengths: 15 to 45 pages
        target = trust / f"school-{i:03d}.docx"
        if not target.exists():
            write_docx(policy_spec(seed=1000 + i, paragraphs=150 + (i * 37) % 300), target)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out")
    parser.add_argument("--scale", type=float, help="write one policy of scale x 700 paragraphs")
    parser.add_argument("--name", default="policy")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--folder-count", type=int, default=200)
    args = parser.parse_args(argv)
    if args.scale:
        spec = policy_spec(seed=args.seed, paragraphs=int(700 * args.scale))
        write_docx(spec, args.out / f"{args.name}.docx")
        write_markdown(spec, args.out / f"{args.name}.md")
        print(f"{args.out / args.name}.docx/.md: {spec.paragraphs} paragraphs")
        return 0
    for key, path in generate_all(args.out, folder_count=args.folder_count).items():
        print(f"{key}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
