"""Generate realistic child protection policies for the benchmarks (and some tests).

A policy here looks like the ones schools keep: a title, an approval line, a document
control table, a header and a footer with page-number fields, numbered sections with
sub-headings, paragraphs of four to seven sentences on the section's topic (Word-style
runs: split where the text was edited, some bold or italic, language and revision-id
attributes), bulleted and numbered lists, contact tables, links to guidance, and
out-of-date references (2018 edition of Working Together, LSCBs, "domestic violence",
"GDPR", clinical commissioning groups, KCSIE 2019, ...) in about one paragraph in ten,
the density of a policy last rewritten in 2019-2021. The words are in textbank.py; each
school words the bank's sentences its own way (phrases swapped for others that mean the
same, details of its own site and routines added), so a long policy rarely says the same
sentence twice and its vocabulary grows with its length, as a real policy's does.

Sizes follow the issue's measure of a page: about 9.7 paragraphs and 4,000 characters.
`generate_all` writes the benchmark corpus: 1, 70 and 700 pages (.docx and .md) and a
folder of 200 policies of 15-45 pages. Everything is drawn from a seeded generator, so
the same arguments give the same documents on every machine:

    .venv/bin/python benchmarks/generate.py --out benchmarks/out      # the corpus
    .venv/bin/python benchmarks/generate.py --out DIR --pages 5 --name p  # one policy

`policy_spec(seed, paragraphs)`, `write_docx` and `write_markdown` are importable.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
PARAGRAPHS_PER_PAGE = 9.7  # 70 pages ~ 680 paragraphs ~ 280,000 characters (issue 15)
CHARS_PER_PAGE = 4000
SIZES = {"policy-1": 1, "policy-70": 70, "policy-700": 700}


def _textbank() -> ModuleType:
    """textbank.py beside this file (this file is also loaded by path from the tests)."""
    name = "wttsc_bench_textbank"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, HERE / "textbank.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


TB = _textbank()
DETAIL_RATE = 0.5  # of sentences that get a detail of the school's own


@cache
def _places() -> list[str]:
    """Invented local names (TB.PLACE_HEADS x TB.PLACE_TAILS), without any that names a
    council, partnership or NHS body the tool knows ("Ashford"): a benchmark policy must
    not point the area inference somewhere else."""
    known: set[str] = set()
    for data in ("data/partnerships.yaml", "nhs/bodies.yaml"):
        path = HERE.parent / "src" / "wttsc_policy" / data
        if path.is_file():
            known.update(re.findall(r"\w+", path.read_text(encoding="utf-8").lower()))
    names = [head + tail for head in TB.PLACE_HEADS for tail in TB.PLACE_TAILS]
    return [n for n in names if n.lower() not in known]


# ----------------------------------------------------------------------------- spec


@dataclass
class Item:
    """One thing in the document, in order."""

    kind: str  # title | heading1 | heading2 | para | bullet | number | table | link
    text: str = ""
    runs: list[tuple[str, str]] = field(default_factory=list)  # (text, '' | 'b' | 'i')
    rows: list[list[str]] = field(default_factory=list)
    url: str = ""


@dataclass
class PolicySpec:
    school: str
    area: str
    items: list[Item]

    @property
    def paragraphs(self) -> int:
        """Body paragraphs as python-docx counts them (table cells not included)."""
        return sum(1 for i in self.items if i.kind != "table")

    @property
    def characters(self) -> int:
        return sum(len(i.text) for i in self.items) + sum(len(c) for i in self.items for r in i.rows for c in r)


def _split_runs(rng: random.Random, text: str) -> list[tuple[str, str]]:
    """Runs as Word leaves them: split where the text was edited, a phrase in bold or italic."""
    if rng.random() < 0.35:
        return [(text, "")]
    words = text.split(" ")
    if len(words) < 3:
        return [(text, "")]
    cuts = sorted(rng.sample(range(1, len(words)), k=min(len(words) - 1, rng.randint(1, 5))))
    runs, last = [], 0
    for cut in [*cuts, len(words)]:
        chunk = " ".join(words[last:cut]) + (" " if cut < len(words) else "")
        runs.append((chunk, rng.choice(["", "", "", "", "b", "i"])))
        last = cut
    return runs


class _Writer:
    """Draws the policy's content from the text bank, one school's values filled in."""

    def __init__(self, seed: int, outdated_rate: float) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        self.school, self.area = rng.choice(TB.SCHOOLS), rng.choice(TB.AREAS)
        names = rng.sample(TB.NAMES, 4)
        self.values = {
            "school": self.school,
            "area": self.area,
            "board": f"{self.area} Safeguarding Children Board",
            "dsl": names[0],
            "deputy": names[1],
            "head": names[2],
            "chair": names[3],
            "phone": f"01632 {rng.randint(100, 999)} {rng.randint(100, 999)}",
            "days": str(rng.choice([1, 2, 5])),
            "year": str(rng.randint(2018, 2021)),
        }
        self.outdated_rate = outdated_rate
        # the wording varies on a stream of its own, so the policy's structure (sections,
        # which sentences, where the out-of-date references are) stays the seed's
        self.wording = random.Random(seed * 1_000_003 + 17)
        self.places = _places()
        self.items: list[Item] = []
        self.count = 0
        self.chars = 0

    def fill(self, text: str) -> str:
        return text.format(**self.values)

    def vary(self, sentence: str) -> str:
        """A bank sentence as this school words it: some phrases swapped for others that
        mean the same (TB.VARIANTS), and sometimes a detail of its own site or routines
        (TB.DETAILS). Long policies then rarely repeat a sentence, as real ones do not."""
        rng = self.wording
        for phrase, options in TB.VARIANTS:
            if rng.random() < 0.5:
                sentence = re.sub(rf"\b{phrase}\b", lambda _m: rng.choice(options), sentence, count=1)
        if sentence[-1:] == "." and sentence[-2:-1].isalnum() and rng.random() < DETAIL_RATE:
            detail = rng.choice(TB.DETAILS).format(place=rng.choice(self.places), when=rng.choice(TB.WHEN))
            sentence = sentence[:-1] + detail + "."
        return sentence

    def add(self, item: Item) -> None:
        self.items.append(item)
        self.chars += len(item.text) + sum(len(c) for r in item.rows for c in r)
        if item.kind != "table":
            self.count += 1

    def paragraph(self, sentences: list[str], low: int = 4, high: int = 7) -> None:
        rng = self.rng
        chosen = rng.sample(sentences, min(len(sentences), rng.randint(low, high)))
        if rng.random() < self.outdated_rate:
            chosen.insert(rng.randint(0, len(chosen)), rng.choice(TB.OUTDATED))
        text = " ".join(self.fill(s if s in TB.OUTDATED else self.vary(s)) for s in chosen)
        self.add(Item("para", text, runs=_split_runs(rng, text)))

    def bullets(self) -> None:
        rng = self.rng
        self.add(Item("para", rng.choice(TB.LIST_LEADS)))
        kind = rng.choice(["bullet", "bullet", "number"])
        items = rng.sample(TB.LIST_ITEMS, rng.randint(3, 7))
        for n, entry in enumerate(items):
            end = "." if n == len(items) - 1 else ";"
            self.add(Item(kind, entry + end))

    def contacts(self) -> None:
        rng = self.rng
        rows = [["Role", "Name", "Telephone", "Email"]]
        for role in rng.sample(TB.ROLES, rng.randint(4, 6)):
            name = rng.choice(TB.NAMES)
            email = name.split()[-1].lower().strip(".'") + "@school.example.org"
            rows.append([role, name, f"01632 {rng.randint(100, 999)} {rng.randint(100, 999)}", email])
        self.add(Item("table", rows=rows))


def policy_spec(seed: int = 1, paragraphs: int = 680, outdated_rate: float = 0.1, characters: int = 0) -> PolicySpec:
    """A policy of at least `paragraphs` body paragraphs (headings and list items
    included; table cells not) and `characters` characters (about 410 a paragraph)."""
    wr = _Writer(seed, outdated_rate)
    rng = wr.rng
    wr.add(Item("title", f"{wr.school}: Child Protection and Safeguarding Policy"))
    wr.add(
        Item(
            "para",
            f"Approved by the governing board on {rng.randint(1, 28)} September {wr.values['year']}. "
            f"Next review due in September {int(wr.values['year']) + 1}. Designated safeguarding lead: "
            f"{wr.values['dsl']}.",
        )
    )
    if paragraphs > 15 or characters > 8000:
        versions = rng.randint(3, 6)
        rows = [["Version", "Date", "Author", "Summary of changes"]] + [
            [f"{v}.0", f"September {int(wr.values['year']) - versions + v}", rng.choice(TB.NAMES), summary]
            for v, summary in zip(
                range(1, versions + 1),
                rng.choices(["Annual review", "Updated for new statutory guidance", "Contacts updated"], k=versions),
            )
        ]
        wr.add(Item("table", rows=rows))
    topics = list(TB.TOPICS)
    section = 0
    while wr.count < paragraphs or wr.chars < characters:
        title, subs, sentences = topics[section % len(topics)]
        section += 1
        wr.add(Item("heading1", f"{section}. {title}"))
        wr.paragraph(sentences, 2, 4)
        if paragraphs <= 15 and characters <= 8000:  # a one-page policy: one short section
            for _ in range(3):
                wr.paragraph(sentences)
            wr.bullets()
            wr.paragraph(sentences)
            break
        for n, sub in enumerate(rng.sample(subs, rng.randint(1, min(3, len(subs))))):
            wr.add(Item("heading2", f"{section}.{n + 1} {sub}"))
            for _ in range(rng.randint(2, 5)):
                wr.paragraph(sentences)
            if rng.random() < 0.4:
                wr.bullets()
            if wr.count >= paragraphs and wr.chars >= characters:
                break
        if rng.random() < 0.3:
            wr.add(
                Item(
                    "link",
                    "Further information is published on the government's website:",
                    url=f"https://www.gov.uk/government/publications/{title.lower().replace(' ', '-')[:40]}",
                )
            )
        if section % 5 == 0:
            wr.contacts()
    return PolicySpec(school=wr.school, area=wr.area, items=wr.items)


def pages_spec(pages: float, seed: int) -> PolicySpec:
    """A policy of `pages` pages: 9.7 paragraphs and 4,000 characters a page."""
    return policy_spec(
        seed=seed, paragraphs=max(8, round(pages * PARAGRAPHS_PER_PAGE)), characters=int(pages * CHARS_PER_PAGE)
    )


# ----------------------------------------------------------------------------- writers


def _field_runs(paragraph, instruction: str, shown: str) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    for xml in (
        '<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r {ns}><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>',
        '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r {ns}><w:t>{shown}</w:t></w:r>",
        '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml.format(ns=nsdecls("w"), instr=instruction, shown=shown)))


def _hyperlink(paragraph, text: str, url: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    paragraph._p.append(
        parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
            f'<w:t xml:space="preserve">{text}</w:t></w:r></w:hyperlink>'
        )
    )


def write_docx(spec: PolicySpec, path: Path) -> None:
    """The policy as a Word document: python-docx's default template, Word-like runs."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rng = random.Random(len(spec.items))
    rsids = [f"00{rng.randrange(16**6):06X}" for _ in range(12)]
    doc = Document()
    section = doc.sections[0]
    section.header.paragraphs[0].text = f"{spec.school} - Child Protection and Safeguarding Policy"
    footer = section.footer.paragraphs[0]
    footer.add_run("Uncontrolled when printed. Page ")
    _field_runs(footer, "PAGE", "1")
    footer.add_run(" of ")
    _field_runs(footer, "NUMPAGES", "1")

    def runs_into(p, runs: list[tuple[str, str]]) -> None:
        p._p.set(qn("w:rsidR"), rng.choice(rsids))
        for text, fmt in runs:
            run = p.add_run(text)
            run.bold = fmt == "b" or None
            run.italic = fmt == "i" or None
            r = run._r
            r.set(qn("w:rsidR"), rng.choice(rsids))
            lang = OxmlElement("w:lang")
            lang.set(qn("w:val"), "en-GB")
            r.get_or_add_rPr().append(lang)

    for item in spec.items:
        if item.kind == "title":
            doc.add_heading(item.text, level=0)
        elif item.kind == "heading1":
            doc.add_heading(item.text, level=1)
        elif item.kind == "heading2":
            doc.add_heading(item.text, level=2)
        elif item.kind in ("bullet", "number"):
            runs_into(
                doc.add_paragraph(style="List Bullet" if item.kind == "bullet" else "List Number"), [(item.text, "")]
            )
        elif item.kind == "table":
            table = doc.add_table(rows=len(item.rows), cols=len(item.rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(item.rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
        elif item.kind == "link":
            p = doc.add_paragraph()
            runs_into(p, [(item.text + " ", "")])
            _hyperlink(p, item.url, item.url)
        else:
            runs_into(doc.add_paragraph(), item.runs or [(item.text, "")])
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
    while i < len(items):
        item = items[i]
        if item.kind == "title":
            blocks.append("# " + item.text)
        elif item.kind == "heading1":
            blocks.append("## " + item.text)
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
        elif item.kind == "link":
            blocks.append(f"{item.text} <{item.url}>")
        else:
            blocks.append(_md_inline(item))
        i += 1
    return "\n\n".join(blocks) + "\n"


def write_markdown(spec: PolicySpec, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_markdown(spec), encoding="utf-8")


# ----------------------------------------------------------------------------- main


def _forget_if_stale(out: Path) -> str:
    """Delete a corpus written by another version of this file or textbank.py (a stamp,
    written once the corpus is complete, holds their digest), so a changed generator
    never measures yesterday's documents. Returns the digest."""
    import hashlib

    digest = hashlib.sha256(b"".join((HERE / n).read_bytes() for n in ("generate.py", "textbank.py"))).hexdigest()
    stamp = out / ".generator"
    if stamp.is_file() and stamp.read_text(encoding="ascii").strip() == digest:
        return digest
    stamp.unlink(missing_ok=True)
    for name in SIZES:
        for suffix in (".docx", ".md"):
            (out / (name + suffix)).unlink(missing_ok=True)
    for old in (out / "trust").glob("school-*.docx"):
        old.unlink()
    return digest


def generate_all(out: Path, *, folder_count: int = 200) -> dict[str, Path]:
    """The benchmark corpus: 1-, 70- and 700-page policies (docx + md) and a folder of
    policies of 15-45 pages. Existing files are kept (the generator is deterministic),
    unless this generator or its text bank changed since they were written."""
    digest = _forget_if_stale(out)
    made: dict[str, Path] = {}
    for name, pages in SIZES.items():
        spec: PolicySpec | None = None
        for suffix, writer in ((".docx", write_docx), (".md", write_markdown)):
            target = made[name + suffix] = out / (name + suffix)
            if not target.exists():
                spec = spec or pages_spec(pages, seed=pages)
                writer(spec, target)
    trust = made["trust"] = out / "trust"
    for i in range(folder_count):
        target = trust / f"school-{i:03d}.docx"
        if not target.exists():
            write_docx(pages_spec(15 + (i * 37) % 31, seed=1000 + i), target)
    (out / ".generator").write_text(digest + "\n", encoding="ascii")
    return made


def describe(spec: PolicySpec) -> str:
    """How big and how varied a policy is, for the benchmark's header: paragraphs,
    characters, sentences (and how many of them differ) and different words."""
    text = " ".join(i.text for i in spec.items if i.text)
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
    distinct = len(set(sentences))
    words = set(re.findall(r"[a-z']+", text.lower()))
    return (
        f"{spec.paragraphs:,} paragraphs, {spec.characters:,} characters, {len(sentences):,} sentences "
        f"({distinct:,} different), {len(words):,} different words"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--pages", type=float, help="write one policy of this many pages")
    parser.add_argument("--name", default="policy")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--folder-count", type=int, default=200)
    parser.add_argument(
        "--describe", action="store_true", help="print the size and variety of the 1-, 70- and 700-page policies"
    )
    args = parser.parse_args(argv)
    if args.describe:
        for name, pages in SIZES.items():
            print(f"{name}: {describe(pages_spec(pages, seed=pages))}")
        return 0
    if args.pages:
        spec = pages_spec(args.pages, seed=args.seed)
        write_docx(spec, args.out / f"{args.name}.docx")
        write_markdown(spec, args.out / f"{args.name}.md")
        print(f"{args.out / args.name}.docx/.md: {spec.paragraphs} paragraphs, {spec.characters} characters")
        return 0
    for key, path in generate_all(args.out, folder_count=args.folder_count).items():
        print(f"{key}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
