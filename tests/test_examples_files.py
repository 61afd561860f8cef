"""The example policies themselves: the committed Word files are what the builder makes, carry
the Word features the readers and writer must cope with, and say the same as their markdown;
the expected-findings files point at text that really is in the examples."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"w": W, "r": R}
HYPERLINK_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"

OAKFIELD = EXAMPLES / "oakfield-primary-2018.docx"
RIVERSIDE = EXAMPLES / "riverside-academy-2023.docx"
NORTHGATE = EXAMPLES / "trust/schools/northgate-secondary/child-protection-policy.docx"


@pytest.fixture(scope="module")
def builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_examples", EXAMPLES / "build_examples.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_examples"] = module
    spec.loader.exec_module(module)
    return module


def _part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def _para_text(p: etree._Element) -> str:
    """Visible text of a paragraph: runs, hyperlinks and tracked insertions; never w:delText."""
    return "".join(p.xpath(".//w:t/text()", namespaces=NS))


def _body_texts(path: Path) -> list[str]:
    """Non-empty paragraph texts of the body in document order, table cells included."""
    body = _part(path, "word/document.xml").find(f"{{{W}}}body")
    return [t for p in body.iter(f"{{{W}}}p") if (t := _para_text(p))]


def _docx_headings(path: Path) -> list[tuple[int, str]]:
    """(level, text): Title counts as level 1 and Heading N as level N + 1, as in the markdown."""
    out = []
    for p in _part(path, "word/document.xml").iter(f"{{{W}}}p"):
        style = p.find("w:pPr/w:pStyle", NS)
        name = style.get(f"{{{W}}}val") if style is not None else ""
        if name == "Title":
            out.append((1, _para_text(p)))
        elif name.startswith("Heading") and name[7:].isdigit():
            out.append((int(name[7:]) + 1, _para_text(p)))
    return out


def _markdown_texts(builder: ModuleType, text: str) -> list[str]:
    texts = []
    for block in builder.parse_markdown(text):
        if block.kind == "table":
            texts.extend(builder.plain_text(cell) for row in block.rows for cell in row)
        else:
            texts.append(builder.plain_text(block.text))
    return texts


def _sources(builder: ModuleType) -> list[tuple[Path, str]]:
    return [(EXAMPLES / spec.output, spec.markdown()) for spec in builder.SPECS]


# --------------------------------------------------------------------------- packages


@pytest.mark.parametrize("path", [OAKFIELD, RIVERSIDE, NORTHGATE], ids=lambda p: p.name)
def test_committed_docx_is_a_package_with_header_footer_comments_and_logo(path: Path) -> None:
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        names = z.namelist()
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in z.infolist())
    for part in ("word/document.xml", "word/header1.xml", "word/footer1.xml", "word/comments.xml"):
        assert part in names
    assert any(n.startswith("word/media/") and n.endswith(".png") for n in names)
    header_rels = _part(path, "word/_rels/header1.xml.rels")
    assert any(rel.get("Target", "").startswith("media/") for rel in header_rels)


def test_oakfield_has_a_real_hyperlink_with_an_outdated_title() -> None:
    doc = _part(OAKFIELD, "word/document.xml")
    rels = {rel.get("Id"): rel for rel in _part(OAKFIELD, "word/_rels/document.xml.rels")}
    links = doc.findall(".//w:hyperlink", NS)
    assert links
    rel = rels[links[0].get(f"{{{R}}}id")]
    assert rel.get("Type") == HYPERLINK_TYPE and rel.get("TargetMode") == "External"
    assert "advice for practitioners providing safeguarding services" in _para_text(links[0])


def test_oakfield_has_tracked_changes_by_a_reviewer_and_a_comment() -> None:
    doc = _part(OAKFIELD, "word/document.xml")
    ins = doc.findall(".//w:ins", NS)
    dels = doc.findall(".//w:del", NS)
    assert ins and dels
    assert {e.get(f"{{{W}}}author") for e in ins + dels} == {"J. Smith"}
    deleted = "".join(doc.xpath(".//w:del//w:delText/text()", namespaces=NS))
    assert "Local Safeguarding Children Board" in deleted
    assert not doc.xpath(".//w:del//w:t", namespaces=NS)
    ids = [e.get(f"{{{W}}}id") for e in ins + dels]
    assert len(set(ids)) == len(ids)
    comments = _part(OAKFIELD, "word/comments.xml").findall("w:comment", NS)
    assert [c.get(f"{{{W}}}author") for c in comments] == ["J. Smith"]
    assert doc.findall(".//w:commentRangeStart", NS) and doc.findall(".//w:commentReference", NS)


def test_oakfield_splits_a_citation_across_differently_formatted_runs() -> None:
    doc = _part(OAKFIELD, "word/document.xml")
    for p in doc.iter(f"{{{W}}}p"):
        if "Working Together to Safeguard Children 2018" not in _para_text(p):
            continue
        runs = p.findall("w:r", NS)
        texts = ["".join(r.xpath("w:t/text()", namespaces=NS)) for r in runs]
        bold = [r.find("w:rPr/w:b", NS) is not None for r in runs]
        i = texts.index("Safeguard Children")
        assert bold[i] and not bold[i - 1] and not bold[i + 1]
        assert texts[i - 1].endswith("Working Together to ") and texts[i + 1].startswith(" 2018")
        return
    pytest.fail("no paragraph cites Working Together to Safeguard Children 2018")


def test_oakfield_header_footer_tables_and_styles() -> None:
    header = "".join(_part(OAKFIELD, "word/header1.xml").xpath(".//w:t/text()", namespaces=NS))
    footer = "".join(_part(OAKFIELD, "word/footer1.xml").xpath(".//w:t/text()", namespaces=NS))
    assert header == "Oakfield Primary School – Child Protection Policy"
    assert "Reviewed against Working Together to Safeguard Children 2018" in footer
    doc = _part(OAKFIELD, "word/document.xml")
    styles = {s.get(f"{{{W}}}val") for s in doc.iterfind(".//w:pStyle", NS)}
    assert {"Title", "Heading1", "Heading2", "ListBullet"} <= styles
    tables = doc.findall(".//w:tbl", NS)
    first_cells = [_para_text(t.find(".//w:tc", NS).find("w:p", NS)) for t in tables]
    assert first_cells[:2] == ["Version", "Role"]  # version history, key contacts
    assert all(t.find("w:tr/w:trPr/w:tblHeader", NS) is not None for t in tables)


def test_northgate_carries_a_suppression_comment() -> None:
    comments = _part(NORTHGATE, "word/comments.xml").findall("w:comment", NS)
    texts = ["".join(c.xpath(".//w:t/text()", namespaces=NS)) for c in comments]
    assert any(t.startswith("wttsc-policy: ignore ") and " -- " in t for t in texts)


# --------------------------------------------------------------------------- builder


def test_builder_regenerates_byte_identical_files(builder: ModuleType, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "build_examples.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for spec in builder.SPECS:
        assert (tmp_path / spec.output).read_bytes() == (EXAMPLES / spec.output).read_bytes(), spec.output


def test_tiny_png_is_a_valid_png(builder: ModuleType) -> None:
    data = builder.tiny_png((1, 2, 3), size=4)
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82")


def test_markdown_and_docx_have_the_same_headings(builder: ModuleType) -> None:
    for docx_path, markdown in _sources(builder):
        md_headings = builder.headings(markdown)
        assert len(md_headings) >= 8
        assert _docx_headings(docx_path) == md_headings, docx_path.name
    assert len(builder.headings((EXAMPLES / "oakfield-primary-2018.md").read_text())) >= 15


def test_markdown_and_docx_have_the_same_text(builder: ModuleType) -> None:
    for docx_path, markdown in _sources(builder):
        assert _body_texts(docx_path) == _markdown_texts(builder, markdown), docx_path.name


# --------------------------------------------------------------------------- expected findings


def _visible(builder: ModuleType, md_path: Path) -> str:
    return "\n".join(_markdown_texts(builder, md_path.read_text(encoding="utf-8")))


def _catalogue() -> dict[str, dict]:
    path = ROOT / "rules" / "catalogue.yaml"
    if not path.is_file():
        pytest.skip("rules/catalogue.yaml not present")
    return yaml.safe_load(path.read_text(encoding="utf-8"))["keys"]


@pytest.mark.parametrize("name", ["oakfield-primary-2018", "riverside-academy-2023"])
def test_expected_file_points_at_real_text(builder: ModuleType, name: str) -> None:
    expected = yaml.safe_load((EXAMPLES / f"{name}.expected.yaml").read_text(encoding="utf-8"))
    md_source = (EXAMPLES / f"{name}.md").read_text(encoding="utf-8")
    text = _visible(builder, EXAMPLES / f"{name}.md")
    docx_text = "\n".join(_body_texts(EXAMPLES / f"{name}.docx"))
    md_headings = {h for _, h in builder.headings(md_source)}
    entries = expected["planted"] + expected["decoys"] + expected.get("covered_topics", [])
    for item in entries + expected.get("near_cues", []):
        anchor = item.get("context", item["text"])
        assert item["text"] in anchor
        assert anchor in text and anchor in docx_text, anchor
        if "markdown" in item:
            assert item["markdown"] in md_source
        if "heading" in item:
            assert item["heading"] in md_headings, item["heading"]
    for item in expected["planted"]:
        if "context" not in item:
            assert text.count(item["text"]) >= 1


@pytest.mark.parametrize("name", ["oakfield-primary-2018", "riverside-academy-2023"])
def test_expected_topics_account_for_every_high_and_medium_topic(name: str) -> None:
    catalogue = _catalogue()
    expected = yaml.safe_load((EXAMPLES / f"{name}.expected.yaml").read_text(encoding="utf-8"))
    # the 2018 -> 2023 catalogue (changes.yaml); keys with an `origin` (the 2026 and since-2023
    # packs) may be listed too, as they apply on the day the examples are checked
    reference = {k: v for k, v in catalogue.items() if not v.get("origin")}
    wanted = {k for k, v in reference.items() if v["kind"] == "missing_topic" and v["relevance"] in ("high", "medium")}
    missing = set(expected["missing_topics"])
    covered = {c["key"] for c in expected.get("covered_topics", [])}
    assert not missing & covered
    assert (missing | covered) & set(reference) == wanted
    assert (missing | covered) <= set(catalogue)
    for item in expected["planted"]:
        assert catalogue[item["key"]]["kind"] in ("outdated_reference", "incorrect_claim"), item["key"]


def test_oakfield_docx_only_items_are_where_they_say(builder: ModuleType) -> None:
    extra = yaml.safe_load((EXAMPLES / "oakfield-primary-2018.expected.yaml").read_text())["docx_only"]
    footer = "".join(_part(OAKFIELD, "word/footer1.xml").xpath(".//w:t/text()", namespaces=NS))
    assert all(p["context"] in footer for p in extra["planted"] if p["part"] == "footer")
    doc = _part(OAKFIELD, "word/document.xml")
    deleted = doc.xpath(".//w:del//w:delText/text()", namespaces=NS)
    inserted = doc.xpath(".//w:ins//w:t/text()", namespaces=NS)
    assert [d["text"] for d in extra["decoys"]] == [d for d in deleted if "Board" in d]
    assert all(p["text"] in inserted for p in extra["present"])


# --------------------------------------------------------------------------- trust layout


TRUST = EXAMPLES / "trust"


def test_trust_layout_has_schools_with_their_own_config_and_the_files_to_skip() -> None:
    from wttsc_policy.config import load_config

    root = load_config(explicit=TRUST / "wttsc-policy.toml").config
    assert root.exclude == ["archive/**"] and root.severity and root.guidance == {}  # editions follow the date
    schools = sorted(p for p in (TRUST / "schools").iterdir() if p.is_dir())
    assert len(schools) >= 4
    for school in schools:
        config = load_config(school / "policy.md").config
        assert config.school_name and config.local_authority
        assert config.trust_name == root.trust_name  # inherited from the trust root
    assert load_config(TRUST / "schools/hillside-primary/x.md").config.local_authority == "Staffordshire County Council"
    assert (TRUST / "archive/old-policy.md").is_file()
    assert any((TRUST / ".hidden").iterdir())
    lock = next((TRUST / "schools").rglob("~$*.docx"))
    assert not zipfile.is_zipfile(lock)


def test_trust_has_an_inline_suppression_with_a_reason() -> None:
    marker = "<!-- wttsc-policy: ignore "
    hits = [p for p in (TRUST / "schools").rglob("*.md") if marker in p.read_text(encoding="utf-8")]
    assert hits
    for path in hits:
        line = next(line for line in path.read_text().splitlines() if marker in line)
        assert " -- " in line and line.endswith("-->")
