"""Hostile text and sizes (audit issue 16, HIGH and MEDIUM): catastrophic backtracking,
quadratic paths, deep nesting, huge inputs, dying workers.

Speed is never timed: a subprocess timeout only turns a hang into a failure, far below
what the pathological cases took (minutes); complexity is checked through limits and
messages, or by comparing the linear helpers with the walks they replace.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from hostile_support import OUTDATED, W, assert_one_line_error, body_xml, cli, docx, no_traceback, policy_md, project
from wttsc_policy.budget import OverBudget, time_budget
from wttsc_policy.match.sentences import Sentences, Spans
from wttsc_policy.normalise import sentence_bounds


def _spaced(text: str, spaces: int) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}{" " * spaces}x</w:t></w:r></w:p>'


def test_long_runs_of_spaces_in_a_tiny_docx(tmp_path: Path) -> None:
    """~1 KB on disk, 200,000 spaces after phrases whose patterns used to backtrack
    quadratically (the audit's 1.8 KB document that ran for minutes)."""
    root = project(tmp_path)
    filler = "".join(_spaced(t, 100_000) for t in ("working together", "domestic violence"))
    data = docx({"word/document.xml": body_xml(filler=filler)})
    assert len(data) < 5000
    (root / "spaces.docx").write_bytes(data)
    proc = cli("check", "spaces.docx", "--format", "json", cwd=root)
    no_traceback(proc)
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["files"][0]["error"] is None


def test_repeated_words_in_one_paragraph(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "words.md").write_text(
        "# Policy\n\n" + "local safeguarding children board " * 3000 + "\n", encoding="utf-8"
    )
    proc = cli("check", "words.md", "--format", "json", cwd=root)
    no_traceback(proc)
    assert proc.returncode == 1


def test_many_matches_in_one_paragraph_update(tmp_path: Path) -> None:
    """4,000 matches in one paragraph (80 s for update before): overlap resolution and
    sentence bounds are now linear."""
    root = project(tmp_path)
    (root / "ccg.md").write_text("# Policy\n\n" + "CCG " * 4000 + "\n", encoding="utf-8")
    proc = cli("update", "ccg.md", "--select", "WT0", cwd=root)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert "ICB" in (root / "ccg.updated.md").read_text(encoding="utf-8")


def test_findings_per_file_are_limited(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "many.md").write_text("# Policy\n\n" + "CCG\n\n" * 400, encoding="utf-8")
    (root / "wttsc-policy.toml").write_text("max_findings = 100\n", encoding="utf-8")
    assert_one_line_error(cli("check", "many.md", cwd=root), "many.md", "max_findings")


def test_text_size_is_limited(tmp_path: Path) -> None:
    root = project(tmp_path)
    policy_md(root, text="x " * 4000)
    (root / "wttsc-policy.toml").write_text("max_text_bytes = 2048\n", encoding="utf-8")
    assert_one_line_error(cli("check", "policy.md", cwd=root), "policy.md", "max_text_bytes")


def test_xml_part_size_is_limited(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "big.docx").write_bytes(docx({"word/document.xml": body_xml(filler="<w:p/>" * 2000)}))
    (root / "wttsc-policy.toml").write_text("max_xml_bytes = 4096\n", encoding="utf-8")
    assert_one_line_error(cli("check", "big.docx", cwd=root), "big.docx", "max_xml_bytes")


def test_time_budget_names_the_file(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "long.md").write_text("# Policy\n\n" + "CCG and LSCB. " * 20000 + "\n", encoding="utf-8")
    (root / "wttsc-policy.toml").write_text("time_limit = 0.001\n", encoding="utf-8")
    assert_one_line_error(cli("check", "long.md", cwd=root), "long.md", "time_limit")


def test_time_budget_stops_a_runaway_regex() -> None:
    import re

    with pytest.raises(OverBudget), time_budget(0.2, "x.md"):
        re.search(r"(a+)+b", "a" * 64)


def test_linear_sentence_index_agrees_with_the_walk() -> None:
    rng = random.Random(7)
    pieces = ["word", " ", "e.g.", ". ", "\n", "; ", "para.", "! ", "v2.0", "a.b.c.", "St. "]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        index = Sentences(text)
        for _ in range(10):
            start = rng.randrange(len(text))
            end = rng.randint(start + 1, len(text))
            assert index.bounds(start, end) == sentence_bounds(text, start, end), (text, start, end)


def test_span_set_agrees_with_pairwise_overlap() -> None:
    rng = random.Random(3)
    spans, kept = Spans(), []
    for _ in range(2000):
        s = rng.randrange(1000)
        e = s + rng.randint(1, 20)
        expected = any(a < e and s < b for a, b in kept)
        assert spans.overlaps(s, e) == expected
        if not expected:
            spans.add(s, e)
            kept.append((s, e))


# --------------------------------------------------------------------------- nesting


def test_ten_level_list_loses_no_text(tmp_path: Path) -> None:
    root = project(tmp_path)
    nested = "".join("  " * i + f"- level {i}\n" for i in range(12))
    (root / "deep.md").write_text(f"# Policy\n\n{nested}\nAfter the list. {OUTDATED}\n", encoding="utf-8")
    proc = cli("check", "deep.md", "--format", "json", "--select", "WT001", cwd=root)
    assert proc.returncode == 1, proc.stderr
    found = json.loads(proc.stdout)["files"][0]["findings"]
    assert found and found[0]["line"] == 16, found


@pytest.mark.parametrize(
    "body",
    [
        "".join("  " * i + f"- level {i}\n" for i in range(80)),
        "> " * 200 + "quoted\n",
    ],
    ids=["list-80", "quote-200"],
)
def test_nesting_beyond_the_limit_is_refused_not_truncated(tmp_path: Path, body: str) -> None:
    root = project(tmp_path)
    (root / "deep.md").write_text(f"# Policy\n\n{body}\nAfter.\n", encoding="utf-8")
    assert_one_line_error(cli("check", "deep.md", cwd=root), "deep.md", "nested")


@pytest.mark.parametrize("depth", [40, 120])
def test_deeply_nested_word_tables(tmp_path: Path, depth: int) -> None:
    """Tables in tables: read correctly while lxml can parse them, refused past its limit."""
    root = project(tmp_path)
    cell = f"<w:p><w:r><w:t>{OUTDATED}</w:t></w:r></w:p>"
    for _ in range(depth):
        cell = f"<w:tbl><w:tr><w:tc>{cell}</w:tc></w:tr></w:tbl><w:p/>"
    body = f"<w:document {W}><w:body>{cell}</w:body></w:document>"
    (root / "tables.docx").write_bytes(docx({"word/document.xml": body}))
    proc = cli("check", "tables.docx", "--format", "json", cwd=root)
    if depth > 100:
        assert_one_line_error(proc, "tables.docx", "nested too deeply")
    else:
        assert proc.returncode == 1, proc.stderr
        assert any(f["rule"] == "WT001" for f in json.loads(proc.stdout)["files"][0]["findings"])


def test_crlf_text_is_read_as_paragraphs(tmp_path: Path) -> None:
    root = project(tmp_path)
    text = (
        "Child protection policy\r\n\r\nIntroduction\r\n\r\nWe follow Working Together to Safeguard Children 2018.\r\n"
    )
    (root / "policy.txt").write_bytes(text.encode())
    proc = cli("check", "policy.txt", "--format", "json", "--select", "WT001", cwd=root)
    assert proc.returncode == 1, proc.stderr
    finding = json.loads(proc.stdout)["files"][0]["findings"][0]
    assert finding["line"] == 5 and finding["block"] == 2, finding


# --------------------------------------------------------------------------- workers


def test_a_killed_worker_fails_only_its_file(tmp_path: Path) -> None:
    root = project(tmp_path)
    for name in "abcdef":
        policy_md(root, f"{name}.md")
    proc = cli(
        "check", ".", "--jobs", "3", "--format", "json", cwd=root, env={"WTTSC_POLICY_FAULT": "kill-worker:d.md"}
    )
    assert_one_line_error(proc, "d.md", "killed, or out of memory")
    files = {Path(f["path"]).name: f for f in json.loads(proc.stdout)["files"]}
    assert sorted(files) == [f"{n}.md" for n in "abcdef"]
    assert files["d.md"]["error"]
    assert all(files[f"{n}.md"]["findings"] for n in "abcef")
