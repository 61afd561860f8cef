"""The trust dashboard (`wttsc-policy report`), rendered in headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from paths import ROOT
from trust_support import make_repo, write_policy

TRUST = ROOT / "examples" / "trust"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

pytestmark = pytest.mark.chromium


@pytest.fixture(scope="module")
def chromium() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("Chromium is required in CI (apt-get install chromium)")
    pytest.skip("Chromium is not installed (apt-get install chromium); the dashboard test needs it")


def browse(chromium: str, tmp_path: Path, page: Path, *mode: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "chromium-profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            *mode,
            page.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )


def rendered(chromium: str, tmp_path: Path, page: Path):
    import lxml.html

    proc = browse(chromium, tmp_path, page, "--dump-dom")
    assert "<html" in proc.stdout, proc.stderr[-2000:]
    return lxml.html.fromstring(proc.stdout)


def text_of(el) -> str:
    return " ".join(el.text_content().split())


def chapters() -> dict[str, str]:
    from wttsc_policy.rulepacks.load import load_ruleset

    return {r.id: r.chapter for r in load_ruleset().rules}


# Birch cites WTtSC 2023: clean on a day that edition was in force.
AS_OF = ("--as-of", "2025-06-01")


def expected_from_json(run_cli, cwd: Path, *paths: str) -> list[dict]:
    return json.loads(run_cli("check", "--format", "json", *AS_OF, *paths, cwd=cwd).stdout)["files"]


def small_trust(root: Path) -> Path:
    make_repo(root)
    (root / "wttsc-policy.toml").write_text(
        'trust_name = "Rowan & Co <Trust>"\nselect = ["WT001", "WT007", "WT031"]\n', encoding="utf-8"
    )
    write_policy(
        root / "schools" / "ash-primary",
        text="# Ash\n\nWe follow Working Together 2018.\n\n## Partners\n\nThe clinical commissioning group is a partner.\n",
    )
    write_policy(root / "schools" / "birch", text="# Birch\n\nWe follow Working Together to Safeguard Children 2023.\n")
    write_policy(root / "schools" / "cedar")
    (root / "schools" / "cedar" / "wttsc-policy.toml").write_text(
        'school_name = "Cedar Church of England Academy"\n', encoding="utf-8"
    )
    return root


def test_dashboard_matrix_and_chapter_totals_match_the_findings(run_cli, chromium, tmp_path):
    root = small_trust(tmp_path / "trust")
    proc = run_cli("report", *AS_OF, "schools", "--output", "report.html", cwd=root)
    assert proc.returncode == 0, proc.stderr
    page = root / "report.html"
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "<link" not in html and "<img" not in html and "url(" not in html

    dom = rendered(chromium, tmp_path, page)
    assert "Rowan & Co <Trust>" in text_of(dom.xpath("//h1")[0])  # escaped, shown literally

    files = expected_from_json(run_cli, root, "schools")
    school_of = {"ash-primary": "ash-primary", "birch": "birch", "cedar": "Cedar Church of England Academy"}
    expected: dict[str, Counter] = {}
    for f in files:
        expected.setdefault(school_of[Path(f["path"]).parent.name], Counter()).update(x["rule"] for x in f["findings"])

    rows = dom.xpath("//table[@id='matrix']/tbody/tr")
    assert [r.get("data-school") for r in rows] == sorted(expected, key=str.lower)  # no numbers here
    columns = [th.get("data-rule") for th in dom.xpath("//table[@id='matrix']//th[@data-rule]")]
    assert set(columns) == {rule for c in expected.values() for rule in c}
    for row in rows:
        counts = expected[row.get("data-school")]
        cells = row.xpath("td[@data-rule]")
        assert [c.get("data-rule") for c in cells] == columns
        for cell in cells:
            shown = text_of(cell)
            assert (int(shown) if shown.isdigit() else 0) == counts.get(cell.get("data-rule"), 0)

    rule_chapter = chapters()
    per_chapter = Counter(rule_chapter[x["rule"]] for f in files for x in f["findings"])
    table = {
        tr.get("data-chapter"): int(text_of(tr.xpath("td[contains(@class,'total')]")[0]))
        for tr in dom.xpath("//table[@id='chapter-totals']/tbody/tr")
    }
    assert table == dict(per_chapter)

    total = sum(len(f["findings"]) for f in files)
    shown_total = sum(int(text_of(dom.get_element_by_id(f"count-{s}"))) for s in ("error", "warning", "info"))
    assert shown_total == total
    assert text_of(dom.get_element_by_id("count-clean")) == "1"  # birch

    # per-school details: one section per school, each linked from the matrix
    sections = dom.xpath("//section[@data-school]")
    assert sorted(s.get("data-school") for s in sections) == sorted(expected)
    for row in rows:
        anchor = row.xpath(".//a")[0].get("href")
        (section,) = dom.xpath(f"//section[@id='{anchor[1:]}']")
        assert section.get("data-school") == row.get("data-school")
        assert len(section.xpath(".//tr[@data-rule]")) == sum(expected[row.get("data-school")].values())
    assert all(a.get("href", "").startswith("#") for a in dom.xpath("//a"))


def test_screenshot(run_cli, chromium, tmp_path):
    root = small_trust(tmp_path / "trust")
    assert run_cli("report", *AS_OF, "schools", "--output", "report.html", cwd=root).returncode == 0
    shot = tmp_path / "dashboard.png"
    proc = browse(chromium, tmp_path, root / "report.html", f"--screenshot={shot}", "--window-size=1400,1000")
    assert shot.is_file(), proc.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.skipif(not TRUST.is_dir(), reason="examples/trust not present")
def test_example_trust_dashboard(run_cli, chromium, tmp_path):
    out = tmp_path / "report.html"
    proc = run_cli("report", *AS_OF, "examples/trust", "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    dom = rendered(chromium, tmp_path, out)
    files = expected_from_json(run_cli, ROOT, "examples/trust")
    rows = dom.xpath("//table[@id='matrix']/tbody/tr")
    assert len(rows) == len({Path(f["path"]).parent for f in files}) >= 3
    total = sum(len(f["findings"]) for f in files)
    chapter_totals = [
        int(text_of(td)) for td in dom.xpath("//table[@id='chapter-totals']//td[contains(@class,'total')]")
    ]
    assert sum(chapter_totals) == total


def test_unreadable_file_and_overwrite(run_cli, tmp_path):
    root = small_trust(tmp_path / "trust")
    (root / "schools" / "birch" / "broken.docx").write_bytes(b"garbage")
    proc = run_cli("report", *AS_OF, "schools", "--output", "report.html", cwd=root)
    assert proc.returncode == 2 and "broken.docx" in proc.stderr
    html = (root / "report.html").read_text(encoding="utf-8")
    assert "broken.docx" in html and "Cannot be read" in html
    again = run_cli("report", *AS_OF, "schools", "--output", "report.html", cwd=root)
    assert again.returncode == 2 and "already exists" in again.stderr
    assert (
        run_cli("report", *AS_OF, "schools", "--output", "report.html", "--force", cwd=root).returncode == 2
    )  # still the bad file


def test_schools_in_natural_order():
    from wttsc_policy.render.dashboard import natural_key

    assert sorted(["School 10", "school 2", "Academy"], key=natural_key) == ["Academy", "school 2", "School 10"]
