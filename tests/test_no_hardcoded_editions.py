"""Nothing in the package names a current edition of Working Together or KCSIE literally.

Which edition is current depends on the date checked and the trust's pins, so code,
clause templates, report and notes templates, and the README must take edition names from
the editions data or the packs' metadata (`{edition.title}`, `{{ wttsc.title }}`). Only each
pack's own metadata and rule files (`pack.yaml`, rule YAML) may name editions: a pack is
about its edition. Years before the oldest edition the built-in Working Together packs bring
a policy up to are history (the 2018 edition a rule flags, say) and may appear.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wttsc_policy.rulepacks.load import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
OLDEST = min(int(p.meta.edition) for p in load_ruleset().packs if p.meta.family == "wttsc" and p.meta.edition)

TITLE = r"(?:working together(?: to safeguard children)?(?! to improve)|wttsc|wtsc|\bwt|kcsie|keeping children safe in education)"
LITERAL = re.compile(
    rf"{TITLE}[\s,:;.'\"()*-]{{0,4}}(?:(?:dfe|hm government|hmg)\W{{0,3}})?(?:[a-z]+ )?(?P<after>(?:19|20)\d\d)\b"
    rf"|\b(?P<before>(?:19|20)\d\d) (?:edition |version )?(?:of )?(?:the )?{TITLE}",
    re.IGNORECASE,
)


def scanned() -> list[Path]:
    """Code, clause and notes templates, report templates and the README. The editions data
    package (guidance/: the dataset and its loaders) names editions by nature and is left out."""
    code = [p for p in sorted((ROOT / "src").rglob("*.py")) if "guidance" not in p.relative_to(ROOT / "src").parts]
    files = code + sorted((ROOT / "templates").rglob("*"))
    files += [p for p in sorted((ROOT / "rules").rglob("*")) if p.suffix not in (".yaml", ".yml")]
    files.append(ROOT / "README.md")
    return [p for p in files if p.is_file()]


def literals(text: str) -> list[str]:
    return [m.group(0) for m in LITERAL.finditer(text) if int(m.group("after") or m.group("before")) >= OLDEST]


@pytest.mark.parametrize("path", scanned(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_edition_literal(path: Path) -> None:
    found = literals(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(ROOT)} names editions literally: {found}"


def test_the_scan_would_catch_one() -> None:
    assert literals("Staff follow Working Together to Safeguard Children 2026.")
    assert literals("We cite KCSIE (September 2024) and the 2025 edition of KCSIE.")
    assert not literals("Working together to improve school attendance (2024)")
    assert not literals("{{ wttsc.title }} and {kcsie.short}")
