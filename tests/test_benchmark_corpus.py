"""The benchmark corpus is realistic (issue 15): worded afresh, not one bank sentence
repeated, with invented local names that point nowhere, and rewritten when the
generator changes. No timing here: benchmarks/run.py measures, the suite never does."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "benchmarks" / "generate.py"

pytestmark = pytest.mark.skipif(not GENERATOR.is_file(), reason="benchmark generator not present")


@pytest.fixture(scope="module")
def generate():
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_generate", module)  # dataclasses look their module up
    spec.loader.exec_module(sys.modules["bench_generate"])
    return sys.modules["bench_generate"]


def _sentences(spec) -> list[str]:
    text = " ".join(i.text for i in spec.items if i.kind == "para")
    return re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)


def test_invented_places_name_no_known_body(generate):
    known = ""
    for data in ("data/partnerships.yaml", "nhs/bodies.yaml"):
        known += (ROOT / "src" / "wttsc_policy" / data).read_text(encoding="utf-8").lower()
    places = generate._places()
    assert len(places) > 500
    assert not [p for p in places if re.search(rf"\b{p.lower()}\b", known)]
    # the filter is doing something: the syllables can make a real council's name
    assert "Ashford" not in places


def test_seventy_pages_rarely_repeat_a_sentence(generate):
    spec = generate.pages_spec(70, seed=70)
    sentences = _sentences(spec)
    assert len(sentences) > 1500
    assert len(set(sentences)) > 0.7 * len(sentences)
    words = {w for s in sentences for w in re.findall(r"[a-z']+", s.lower())}
    assert len(words) > 1500


def test_out_of_date_references_are_never_reworded(generate):
    """The density of findings is the outdated sentences': variation must leave them as
    the bank wrote them (with the school's values filled in)."""
    spec = generate.pages_spec(20, seed=3)
    writer = generate._Writer(3, 0.1)
    outdated = [writer.fill(s) for s in generate.TB.OUTDATED]
    paragraphs = [i.text for i in spec.items if i.kind == "para"]
    begun = [(p, o) for p in paragraphs for o in outdated if o[:30] in p]
    assert len(begun) >= 5
    assert all(o in p for p, o in begun)
    # and a varied bank sentence still reads as one sentence ending in a full stop
    varied = writer.vary("Staff should speak to the DSL so that the concern can be recorded.")
    assert varied.endswith(".") and varied.count(".") == 1


def test_a_changed_generator_rewrites_the_corpus(generate, tmp_path, monkeypatch):
    monkeypatch.setattr(generate, "SIZES", {"policy-1": 1})
    made = generate.generate_all(tmp_path, folder_count=0)
    stamp = (tmp_path / ".generator").read_text(encoding="ascii")
    first = made["policy-1.md"].read_text(encoding="utf-8")
    made["policy-1.md"].write_text("left over from an older generator\n", encoding="utf-8")
    generate.generate_all(tmp_path, folder_count=0)  # same generator: files are kept
    assert made["policy-1.md"].read_text(encoding="utf-8") == "left over from an older generator\n"
    (tmp_path / ".generator").write_text("0" * 64 + "\n", encoding="ascii")
    generate.generate_all(tmp_path, folder_count=0)  # another generator wrote them
    assert made["policy-1.md"].read_text(encoding="utf-8") == first
    assert (tmp_path / ".generator").read_text(encoding="ascii") == stamp


def test_describe_reports_size_and_variety(generate, monkeypatch, capsys):
    """benchmarks/run.py prints these lines under its header, so a reader of the figures
    sees how big and how varied the measured policies were."""
    monkeypatch.setattr(generate, "SIZES", {"policy-70": 70})
    assert generate.main(["--describe"]) == 0
    line = capsys.readouterr().out.strip()
    m = re.fullmatch(
        r"policy-70: ([\d,]+) paragraphs, ([\d,]+) characters, ([\d,]+) sentences \(([\d,]+) different\), "
        r"([\d,]+) different words",
        line,
    )
    assert m, line
    paragraphs, characters, sentences, different, words = (int(g.replace(",", "")) for g in m.groups())
    assert paragraphs >= 680 and characters >= 280_000  # the 70 pages
    assert different > 0.7 * sentences and words > 1500


def test_ratio_is_the_median_of_pairs_run_in_the_same_round():
    """benchmarks/run.py compares each run with its floor's run of the same round: a slow
    minute that moves both cancels out (the medians' ratio here would be 5x)."""
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    run = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_run", run)  # dataclasses look their module up
    spec.loader.exec_module(sys.modules["bench_run"])
    run = sys.modules["bench_run"]
    ours = run.Run(0, 3.0, 0, 0, cpus=(1.0, 3.0, 3.0), walls=(1.0, 3.0, 3.0))
    floor = run.Run(0, 0.6, 0, 0, cpus=(0.5, 1.5, 0.6), walls=(0.5, 1.5, 0.6))
    row = run.time_row("check70", "check", ours, floor)
    assert row.ratio == row.wall_ratio == 2.0
