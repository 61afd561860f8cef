#!/usr/bin/env python3
"""Measure wttsc-policy's detection against hand-annotated policies.

Why this exists: the rule examples test each rule on sentences written for it; this
script asks how the tool does on policies as schools write them, with their odd
spellings, broken lines, invisible characters and decoys. It runs the real CLI once per
set, matches findings to the annotations by character span and reports, per rule family,
true positives, false positives, misses, precision and recall; then missing-topic
precision/recall over whole policies, and where the missing-topic findings are placed.

Three annotation sets, reported apart:

- `real`: third-party policies and excerpts (tests/data/real/*.yaml). The texts are
  never committed: they are read from $WTTSC_REAL_CORPUS or /work/real-corpus, and each
  must match the sha256 in its YAML. Without them the set is skipped, saying why.
- `synthetic`: short texts written for the project (tests/data/detection/), one or more
  per form class real pages lack (invisible characters, OCR spacing, abbreviations
  declared then used bare, board name variants, decoys). Committed.
- `policies`: topic annotations (tests/data/policy-topics/) of the project's own 13
  realistic policies in tests/data/policies/, for missing topics and placement.

    .venv/bin/python tools/measure_real.py --as-of 2026-01-15             # every set, tables
    .venv/bin/python tools/measure_real.py --set synthetic --verbose       # one set, every FP and miss
    .venv/bin/python tools/measure_real.py --json                          # machine-readable
    .venv/bin/python tools/measure_real.py --as-of 2026-01-15 --write-docs # record for docs/rules.md

Only the CLI is used (`check --format json`, `rules list --format json`), never package
internals. Items count in the headline only when a rule in force covers them (their
`key`, or their guidance family through GUIDANCE_KEYS); outdated items no rule covers
yet (other guidance, legal claims) are reported in their own table, so the numbers say
what the rules do, and what is left for other packs. `--as-of` judges editions (and is
passed to the CLI when it has the option); the KCSIE edition in force on that date is
passed as `--kcsie-edition`.

Family of a finding that hits no annotated item (a false positive to review): taken
from the rule's `covers` key through FAMILY_BY_COVERS (rule ids in FAMILY_BY_RULE win);
rules whose key is not listed count as 'other'.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "real"
REFERENCE = CORPUS  # keys.yaml and editions.yaml, shared by every set
TEXTS_ENV = "WTTSC_REAL_CORPUS"
DEFAULT_TEXTS = Path("/work/real-corpus")
DEFAULT_AS_OF = dt.date(2026, 12, 7)
DOCS_RECORD = ROOT / "src" / "wttsc_policy" / "data" / "detection.yaml"
DOC_EXTS = (".txt", ".md")
REFERENCE_KINDS = {"outdated_reference", "incorrect_claim"}
NONE_HEADING = "(none)"
TARGETS = {
    "reference_recall": 0.97,
    "reference_precision": 0.98,
    "topic_precision": 0.95,
    "topic_recall": 0.95,
    "placement": 0.90,
}


@dataclass(frozen=True)
class SetSpec:
    """One annotation set: where its YAML files are and whether its texts are external."""

    name: str
    folder: Path
    external_texts: bool
    title: str


SETS = {
    "real": SetSpec("real", CORPUS, True, "Real policies and excerpts (texts not committed)"),
    "synthetic": SetSpec(
        "synthetic", ROOT / "tests" / "data" / "detection", False, "Synthetic detection set (written for the project)"
    ),
    "policies": SetSpec(
        "policies",
        ROOT / "tests" / "data" / "policy-topics",
        False,
        "The project's 13 realistic policies (tests/data/policies)",
    ),
}

FAMILY_BY_COVERS: dict[str, str] = {
    "wt_edition_2018_reference": "wttsc_citation",
    "wt_year_mislabelled": "wttsc_citation",
    "wt_subtitle_inter_agency": "wttsc_citation",
    "wt_page_paragraph_citation": "wttsc_citation",
    "kcsie_edition_reference": "kcsie_citation",
    "information_sharing_advice_2024": "guidance_citation",
    "seven_golden_rules_2024": "guidance_citation",
    "cdop_framework_to_cdr_guidance": "guidance_citation",
    "lscb_legacy_terminology": "lscb",
    "icb_replaces_ccg": "ccg",
    "phe_replaced_ukhsa_ohid": "phe",
    "education_not_statutory_partner": "legal_claim",
    "safeguarding_definition_2023": "terminology",
    "domestic_violence_terminology": "terminology",
    "lead_professional_terminology": "terminology",
    "abuse_neglect_exploitation_terminology": "terminology",
    "serious_case_review_terminology": "terminology",
    "ehc_plan_terminology": "terminology",
    "peer_on_peer_terminology": "terminology",
    "youth_produced_imagery_terminology": "terminology",
    "deliberately_missing_education": "terminology",
    "uk_gdpr_terminology": "terminology",
    "secure_colleges_replaced": "terminology",
    "cdr_independent_review_renamed_cdop": "terminology",
}
FAMILY_BY_RULE: dict[str, str] = {"WT080": "named_board"}
# Which rule `covers` keys stand for a guidance family of editions.yaml: an item citing
# that guidance is in scope when a rule in force covers one of them (or the guidance id).
GUIDANCE_KEYS: dict[str, tuple[str, ...]] = {
    "wttsc": ("wt_edition_2018_reference", "wt_year_mislabelled"),
    "kcsie": ("kcsie_edition_reference",),
    "information_sharing_advice": ("information_sharing_advice_2024",),
}


class CorpusError(Exception):
    """An annotation file that does not fit the schema or its text."""


# ---------------------------------------------------------------- dates and editions


def parse_partial_date(value: Any) -> dt.date | None:
    """'2018', '2018-07' or '2018-07-04' -> a date (1 January / 1st of month); else None."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", str(value).strip())
    if not m:
        return None
    return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


@dataclass
class Editions:
    """Edition table per guidance family (tests/data/real/editions.yaml)."""

    families: dict[str, dict[str, dict[str, Any]]]

    @classmethod
    def load(cls, path: Path) -> Editions:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        fams = {f["id"]: {e["edition"]: e for e in f["editions"]} for f in data["families"]}
        return cls(fams)

    def verdict(self, guidance: str, edition: str, as_of: dt.date) -> str | None:
        """'outdated' / 'current' for that edition on as_of; None when the table cannot tell."""
        eds = self.families.get(guidance, {})
        ed = eds.get(edition)
        if ed is None:
            return None
        succ = eds.get(ed.get("superseded_by") or "")
        if succ is not None:
            succ_from = parse_partial_date(succ.get("in_force"))
            if succ_from is not None and succ_from <= as_of:
                return "outdated"
        elif ed.get("superseded_by"):
            return None  # replaced by something outside the table: no date to judge by
        return "current"

    def in_force_edition(self, guidance: str, as_of: dt.date) -> str | None:
        """The edition of a family in force on as_of (latest in_force <= as_of)."""
        best: tuple[dt.date, str] | None = None
        for name, ed in self.families.get(guidance, {}).items():
            start = parse_partial_date(ed.get("in_force"))
            if start is None or start > as_of or ed.get("status") in ("draft", "consultation"):
                continue
            if best is None or start > best[0]:
                best = (start, name)
        return None if best is None else best[1]


# ---------------------------------------------------------------- corpus model


@dataclass
class Item:
    """One annotated span in a document."""

    doc: str
    index: int
    text: str
    start: int
    end: int
    family: str
    verdict: str  # outdated | current | not_a_citation | unresolved
    scope: str
    uncertain: bool
    forms: list[str]
    key: str | None
    note: str | None
    guidance: str | None
    edition: str | None

    @property
    def headline(self) -> bool:
        """Counted in the headline tables (core scope, certain, resolved)."""
        return self.scope == "core" and not self.uncertain and self.verdict != "unresolved"


@dataclass
class Topic:
    """A missing-topic annotation."""

    doc: str
    key: str
    covered: bool
    where: list[str]
    evidence: str | None


@dataclass
class Doc:
    """A corpus document with its annotations resolved to spans."""

    name: str
    path: Path
    text: str
    meta: dict[str, Any]
    items: list[Item] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)

    @property
    def full(self) -> bool:
        return bool(self.meta.get("full_policy"))


def _occurrences(text: str, needle: str) -> list[int]:
    found, pos = [], text.find(needle)
    while pos != -1:
        found.append(pos)
        pos = text.find(needle, pos + 1)
    return found


def read_doc_text(path: Path) -> str:
    """The text as the CLI sees it: UTF-8, byte-order mark dropped."""
    return path.read_bytes().decode("utf-8-sig")


def _reference_file(corpus: Path, name: str) -> Path:
    own = corpus / name
    return own if own.is_file() else REFERENCE / name


def load_keys(corpus: Path = CORPUS) -> dict[str, Any]:
    return yaml.safe_load(_reference_file(corpus, "keys.yaml").read_text(encoding="utf-8"))


def load_editions(corpus: Path = CORPUS) -> Editions:
    return Editions.load(_reference_file(corpus, "editions.yaml"))


REQUIRED_META = ["source", "corpus", "title", "policy_year", "setting", "author", "full_policy"]
ITEM_FIELDS = {
    "text",
    "occurrence",
    "until",
    "family",
    "guidance",
    "edition",
    "verdict",
    "key",
    "scope",
    "uncertain",
    "forms",
    "note",
}
TOPIC_FIELDS = {"key", "covered", "where", "evidence", "note"}
WEB_CORPORA = ("pages", "github")


def _check(cond: bool, where: str, msg: str) -> None:
    if not cond:
        raise CorpusError(f"{where}: {msg}")


def _resolve_items(
    doc: Doc, raw_items: list[dict[str, Any]], keys: dict[str, Any], editions: Editions, as_of: dt.date
) -> None:
    known_keys = (
        set(keys["catalogue_keys"])
        | set(keys["since2023_ids"])
        | set(keys["changes_2026_ids"])
        | set(keys["legal_fact_ids"])
        | set(keys["rule_covers"])
    )
    for i, raw in enumerate(raw_items):
        where = f"{doc.name}.yaml item {i + 1}"
        _check(isinstance(raw, dict), where, "not a mapping")
        extra = set(raw) - ITEM_FIELDS
        _check(not extra, where, f"unknown fields {sorted(extra)}")
        text = raw.get("text")
        _check(isinstance(text, str) and text != "", where, "text missing")
        family = raw.get("family")
        _check(family in keys["families"], where, f"unknown family {family!r}")
        scope = raw.get("scope", "core")
        _check(scope in keys["scopes"], where, f"unknown scope {scope!r}")
        forms = raw.get("forms", []) or []
        unknown_forms = set(forms) - set(keys["forms"])
        _check(not unknown_forms, where, f"unknown forms {sorted(unknown_forms)}")
        key = raw.get("key")
        _check(key is None or key in known_keys, where, f"unknown key {key!r}")
        guidance = raw.get("guidance")
        _check(guidance is None or guidance in keys["guidance"], where, f"unknown guidance {guidance!r}")
        edition = raw.get("edition")
        edition = None if edition is None else str(edition)
        _check(edition is None or guidance is not None, where, "edition without guidance")
        verdict = raw.get("verdict")
        _check(verdict is None or verdict in keys["verdicts"], where, f"unknown verdict {verdict!r}")
        if verdict is None:
            _check(edition is not None, where, "needs a verdict (or an edition to derive it from)")
            verdict = editions.verdict(guidance, edition, as_of) or "unresolved"
        occ = raw.get("occurrence", 1)
        positions = _occurrences(doc.text, text)
        _check(bool(positions), where, f"text not found: {text!r}")
        if occ == "all":
            chosen = positions
        else:
            _check(
                isinstance(occ, int) and 1 <= occ <= len(positions),
                where,
                f"occurrence {occ!r} but the text occurs {len(positions)} time(s)",
            )
            chosen = [positions[occ - 1]]
        for start in chosen:
            end = start + len(text)
            until = raw.get("until")
            if until is not None:
                stop = doc.text.find(until, end)
                _check(stop != -1, where, f"'until' text not found after the item: {until!r}")
                end = stop + len(until)
            doc.items.append(
                Item(
                    doc=doc.name,
                    index=i + 1,
                    text=doc.text[start:end],
                    start=start,
                    end=end,
                    family=family,
                    verdict=verdict,
                    scope=scope,
                    uncertain=bool(raw.get("uncertain", False)),
                    forms=list(forms),
                    key=key,
                    note=raw.get("note"),
                    guidance=guidance,
                    edition=edition,
                )
            )


def _resolve_topics(doc: Doc, raw_topics: list[dict[str, Any]], keys: dict[str, Any]) -> None:
    seen: set[str] = set()
    for i, raw in enumerate(raw_topics):
        where = f"{doc.name}.yaml topic {i + 1}"
        extra = set(raw) - TOPIC_FIELDS
        _check(not extra, where, f"unknown fields {sorted(extra)}")
        key = raw.get("key")
        _check(key in keys["topic_keys"], where, f"unknown topic key {key!r}")
        _check(key not in seen, where, f"topic {key} annotated twice")
        seen.add(key)
        covered = raw.get("covered")
        _check(isinstance(covered, bool), where, "covered must be true or false")
        _check(doc.full or covered, where, "an excerpt can only say covered: true")
        evidence = raw.get("evidence")
        if covered:
            _check(
                isinstance(evidence, str) and evidence in doc.text,
                where,
                "covered needs evidence quoted exactly from the text",
            )
        wh = raw.get("where", [])
        wh = [wh] if isinstance(wh, str) else list(wh or [])
        if doc.full and not covered and doc.meta.get("score_placement", True):
            _check(bool(wh), where, "a missing topic in a full policy needs 'where'")
        doc.topics.append(Topic(doc=doc.name, key=key, covered=covered, where=wh, evidence=evidence))
    if doc.full:
        enabled = {k for k, v in keys["topic_keys"].items() if v["enabled"]}
        # A topic whose rule came after the annotation (a later pack) is left unscored, not
        # guessed: its findings are listed as "not annotated" in the report.
        doc.meta["unannotated_topics"] = sorted(enabled - seen)


class TextsMissing(CorpusError):
    """The corpus texts are not on this machine (they are never committed)."""


def texts_dir() -> Path:
    """Where the real texts live: $WTTSC_REAL_CORPUS, else /work/real-corpus."""
    env = os.environ.get(TEXTS_ENV)
    return Path(env) if env else DEFAULT_TEXTS


def _find_text(corpus: Path, texts: Path | None, name: str, meta: dict[str, Any]) -> Path:
    """The text of an annotated document: beside its YAML or at a path relative to it
    (texts written for the project), else in the texts folder (third-party texts, kept
    out of git)."""
    wanted = [meta["text_file"]] if meta.get("text_file") else [name + ext for ext in DOC_EXTS]
    for folder in (corpus, texts):
        if folder is None:
            continue
        found = [(folder / w).resolve() for w in wanted if (folder / w).is_file()]
        _check(len(found) <= 1, f"{name}.yaml", f"needs exactly one of {wanted}")
        if found:
            return found[0]
    where = f"{corpus}" + (f" or {texts}" if texts is not None else "")
    raise TextsMissing(f"{name}.yaml: text {wanted[0]} not found in {where} (set ${TEXTS_ENV}; see README.md)")


def load_corpus(corpus: Path = CORPUS, as_of: dt.date = DEFAULT_AS_OF, texts: Path | None = None) -> list[Doc]:
    """Read and validate every annotated document; raise CorpusError on the first problem."""
    if texts is None:
        texts = texts_dir()
    keys = load_keys(corpus)
    editions = load_editions(corpus)
    docs: list[Doc] = []
    for ypath in sorted(corpus.glob("[0-9][0-9][0-9]-*.yaml")):
        name = ypath.stem
        meta = yaml.safe_load(ypath.read_text(encoding="utf-8"))
        _check(isinstance(meta, dict), ypath.name, "not a mapping")
        for req in REQUIRED_META:
            _check(req in meta, ypath.name, f"missing {req}")
        _check(meta["setting"] in keys["settings"], ypath.name, f"unknown setting {meta['setting']!r}")
        _check(meta["author"] in keys["authors"], ypath.name, f"unknown author {meta['author']!r}")
        if meta["corpus"] in WEB_CORPORA:
            _check(str(meta["source"]).startswith("http"), ypath.name, "source must be a URL")
            _check("retrieved" in meta, ypath.name, "missing retrieved")
        path = _find_text(corpus, texts, name, meta)
        raw = path.read_bytes()
        if meta.get("sha256"):
            digest = hashlib.sha256(raw).hexdigest()
            _check(digest == meta["sha256"], ypath.name, f"{path.name} is not the annotated text (sha256 {digest})")
        doc = Doc(name=name, path=path, text=raw.decode("utf-8-sig"), meta=meta)
        _resolve_items(doc, meta.get("items") or [], keys, editions, as_of)
        _resolve_topics(doc, meta.get("topics") or [], keys)
        docs.append(doc)
    orphans = [
        p.name
        for p in corpus.iterdir()
        if p.suffix in DOC_EXTS and re.match(r"\d{3}-", p.name) and not (corpus / (p.stem + ".yaml")).is_file()
    ]
    _check(not orphans, str(corpus), f"text files without annotations: {orphans}")
    return docs


# ---------------------------------------------------------------- running the CLI


def cli_help(python: str) -> str:
    out = subprocess.run([python, "-m", "wttsc_policy", "check", "--help"], capture_output=True, text=True, check=False)
    return out.stdout + out.stderr


def rules_list(python: str) -> dict[str, dict[str, Any]]:
    out = subprocess.run(
        [python, "-m", "wttsc_policy", "rules", "list", "--format", "json"], capture_output=True, text=True, check=True
    )
    return {r["id"]: r for r in json.loads(out.stdout)["rules"]}


def run_check(
    python: str, docs: list[Doc], as_of: dt.date, kcsie_edition: int | None
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any]]:
    """One `check` over copies of all documents (named after their YAML); returns findings
    by document name."""
    help_text = cli_help(python)
    with tempfile.TemporaryDirectory(prefix="wttsc-measure-") as tmp:
        tdir = Path(tmp)
        (tdir / "wttsc-policy.toml").write_text("# empty: built-in defaults\n", encoding="utf-8")
        copies = []
        for doc in docs:
            copy = tdir / (doc.name + doc.path.suffix)
            shutil.copyfile(doc.path, copy)
            copies.append(copy)
        flags = ["--format", "json", "--fail-on", "never", "--config", str(tdir / "wttsc-policy.toml")]
        used: dict[str, Any] = {"as_of_flag": False, "kcsie_edition": kcsie_edition}
        if "--as-of" in help_text:
            flags += ["--as-of", as_of.isoformat()]
            used["as_of_flag"] = True
        if kcsie_edition is not None:
            flags += ["--kcsie-edition", str(kcsie_edition)]
        used["command"] = "wttsc-policy check " + " ".join(flags).replace(tmp, "<tmp>") + " <tmp>/NNN-*.txt|md"
        cmd = [python, "-m", "wttsc_policy", "check", *flags, *(str(c) for c in copies)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode not in (0, 1, 2) or not proc.stdout.strip():
            raise RuntimeError(f"check failed ({proc.returncode}): {proc.stderr.strip()}")
        report = json.loads(proc.stdout)
    by_name: dict[str, list[dict[str, Any]]] = {d.name: [] for d in docs}
    errors = {}
    for f in report.get("files", []):
        stem = Path(f["path"]).stem
        if f.get("error"):
            errors[stem] = f["error"]
        by_name.setdefault(stem, []).extend(f.get("findings") or [])
    used["tool"] = report.get("tool", {})
    used["rule_packs"] = report.get("rule_packs", [])
    used["file_errors"] = errors
    return by_name, used


# ---------------------------------------------------------------- scoring


def finding_family(f: dict[str, Any]) -> str:
    """Family a finding belongs to when it hits no annotated item."""
    if f["rule"] in FAMILY_BY_RULE:
        return FAMILY_BY_RULE[f["rule"]]
    for key in f.get("covers") or []:
        if key in FAMILY_BY_COVERS:
            return FAMILY_BY_COVERS[key]
    return "other"


def covered_keys(rules: dict[str, dict[str, Any]]) -> set[str]:
    """`covers` keys of the rules in force (enabled by default)."""
    return {k for r in rules.values() if r.get("enabled", True) for k in r.get("covers") or []}


def in_scope(item: Item, keys: set[str]) -> bool:
    """Whether a rule in force is meant to find this item: its key, or for a citation its
    guidance family, is covered. Items with neither are judged by family."""
    if item.key:
        return item.key in keys
    if item.guidance:
        return any(k in keys for k in (*GUIDANCE_KEYS.get(item.guidance, ()), item.guidance))
    return True


def norm_heading(h: str | None) -> str:
    """Compare headings loosely: case, numbering, markdown marks, punctuation at the ends."""
    if h is None:
        return NONE_HEADING
    s = unicodedata.normalize("NFKC", h).replace("’", "'")
    s = re.sub(r"[#*_`]", " ", s)
    s = re.sub(r"^[^\w(]+", "", s.strip())  # leading emoji, bullets and symbols
    s = re.sub(r"^\s*(?:\d+(?:\.\d+)*\.?|[a-z]\)|[ivx]+\.)\s+", "", s.strip(), flags=re.I)
    s = re.sub(r"\s+", " ", s).strip(" :.-").lower()
    return s


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _context(text: str, start: int, end: int, width: int = 50) -> str:
    left = text[max(0, start - width) : start].replace("\n", "⏎")
    mid = text[start:end].replace("\n", "⏎")
    right = text[end : end + width].replace("\n", "⏎")
    return f"…{left}[{mid}]{right}…"


@dataclass
class Counts:
    """Per-family tallies."""

    items: int = 0
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tp_findings: int = 0

    def add(self, other: Counts) -> None:
        self.items += other.items
        self.tp += other.tp
        self.fn += other.fn
        self.fp += other.fp
        self.tp_findings += other.tp_findings

    def as_dict(self) -> dict[str, Any]:
        prec = self.tp_findings / (self.tp_findings + self.fp) if self.tp_findings + self.fp else None
        rec = self.tp / self.items if self.items else None
        return {
            "items": self.items,
            "tp": self.tp,
            "fn": self.fn,
            "fp": self.fp,
            "tp_findings": self.tp_findings,
            "precision": prec,
            "recall": rec,
        }


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def score(
    docs: list[Doc],
    findings: dict[str, list[dict[str, Any]]],
    rules: dict[str, dict[str, Any]],
    only: str | None = None,
) -> dict[str, Any]:
    """Match findings to annotations and tally everything the report shows."""
    keys = covered_keys(rules)
    fams: dict[str, Counts] = {}
    no_rule: dict[str, Counts] = {}
    extra = Counts()
    fps: list[dict[str, Any]] = []
    fns: list[dict[str, Any]] = []
    no_rule_items: list[dict[str, Any]] = []
    uncertain: list[dict[str, Any]] = []
    extra_items: list[dict[str, Any]] = []
    topic = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    topic_fps: list[dict[str, Any]] = []
    topic_fns: list[dict[str, Any]] = []
    unannotated_topics: list[dict[str, Any]] = []
    placement = {"scored": 0, "right": 0}
    placement_misses: list[dict[str, Any]] = []
    enabled_topics = {
        k
        for r in rules.values()
        if r["kind"] == "missing_topic" and r.get("enabled", True)
        for k in r.get("covers") or []
    }

    def fam(table: dict[str, Counts], name: str) -> Counts:
        return table.setdefault(name, Counts())

    for doc in docs:
        refs = [f for f in findings.get(doc.name, []) if f["kind"] in REFERENCE_KINDS and f.get("span")]
        if doc.meta.get("topics_only"):
            refs = []  # only the missing topics of this document are annotated
        hit_by: dict[int, list[dict[str, Any]]] = {id(it): [] for it in doc.items}
        for f in refs:
            s, e = f["span"]["start"], f["span"]["end"]
            touched = [it for it in doc.items if _overlaps(s, e, it.start, it.end)]
            for it in touched:
                hit_by[id(it)].append(f)
            outdated = [it for it in touched if it.verdict == "outdated"]
            record = {
                "doc": doc.name,
                "rule": f["rule"],
                "match": f.get("match"),
                "line": _line_of(doc.text, s),
                "context": _context(doc.text, s, e),
                "message": f.get("message"),
            }
            counted = [it for it in outdated if it.headline]
            if counted:
                it = next((i for i in counted if in_scope(i, keys)), counted[0])
                table = fams if in_scope(it, keys) else no_rule
                if only in (None, it.family):
                    fam(table, it.family).tp_findings += 1
                continue
            if outdated or any(it.uncertain or it.verdict == "unresolved" for it in touched):
                continue  # extra-scope or uncertain: reported in their own lists
            decoys = [it for it in touched if it.verdict in ("current", "not_a_citation")]
            family = decoys[0].family if decoys else finding_family(f)
            if only not in (None, family):
                continue
            fam(fams, family).fp += 1
            record.update(
                family=family,
                kind="hit a decoy" if decoys else "no annotation here",
                decoy=decoys[0].text if decoys else None,
                decoy_note=decoys[0].note if decoys else None,
            )
            fps.append(record)
        for it in doc.items:
            hits = hit_by[id(it)]
            base = {
                "doc": doc.name,
                "text": it.text,
                "family": it.family,
                "verdict": it.verdict,
                "forms": it.forms,
                "key": it.key,
                "line": _line_of(doc.text, it.start),
                "flagged_by": sorted({h["rule"] for h in hits}),
                "note": it.note,
                "edition": it.edition,
                "guidance": it.guidance,
            }
            if only not in (None, it.family):
                continue
            if it.uncertain or it.verdict == "unresolved":
                uncertain.append(base)
                continue
            if it.scope == "extra":
                if it.verdict == "outdated":
                    extra.items += 1
                    extra.tp += bool(hits)
                    extra.fn += not hits
                extra_items.append(base)
                continue
            if it.verdict != "outdated":
                continue
            scoped = in_scope(it, keys)
            c = fam(fams if scoped else no_rule, it.family)
            c.items += 1
            if hits:
                c.tp += 1
            else:
                c.fn += 1
                (fns if scoped else no_rule_items).append(base)

        # missing topics
        if only is not None:
            continue
        tfind = {}
        for f in findings.get(doc.name, []):
            if f["kind"] == "missing_topic":
                for key in f.get("covers") or []:
                    tfind[key] = f
        annotated = {t.key: t for t in doc.topics}
        for t in doc.topics:
            if t.key not in enabled_topics:
                continue
            f = tfind.get(t.key)
            if t.covered:
                if f is not None:
                    topic["fp"] += 1
                    topic_fps.append({"doc": doc.name, "topic": t.key, "rule": f["rule"], "evidence": t.evidence})
                else:
                    topic["tn"] += 1
            elif doc.full:
                if f is None:
                    topic["fn"] += 1
                    topic_fns.append({"doc": doc.name, "topic": t.key})
                else:
                    topic["tp"] += 1
                    if doc.meta.get("score_placement", True):
                        placement["scored"] += 1
                        want = {norm_heading(w if w != NONE_HEADING else None) for w in t.where}
                        got = norm_heading(f.get("heading"))
                        if got in want:
                            placement["right"] += 1
                        else:
                            placement_misses.append(
                                {
                                    "doc": doc.name,
                                    "topic": t.key,
                                    "rule": f["rule"],
                                    "heading": f.get("heading"),
                                    "where": t.where,
                                }
                            )
        if doc.full:
            for key, f in tfind.items():
                if key not in annotated:
                    unannotated_topics.append({"doc": doc.name, "topic": key, "rule": f["rule"]})

    overall, outside = Counts(), Counts()
    for c in fams.values():
        overall.add(c)
    for c in no_rule.values():
        outside.add(c)
    return {
        "families": {k: v.as_dict() for k, v in sorted(fams.items())},
        "overall": overall.as_dict(),
        "no_rule_families": {k: v.as_dict() for k, v in sorted(no_rule.items())},
        "no_rule_overall": outside.as_dict(),
        "extra_scope": extra.as_dict(),
        "missing_topics": {
            **topic,
            "precision": _ratio(topic["tp"], topic["tp"] + topic["fp"]),
            "recall": _ratio(topic["tp"], topic["tp"] + topic["fn"]),
        },
        "placement": {**placement, "accuracy": _ratio(placement["right"], placement["scored"])},
        "false_positives": fps,
        "misses": fns,
        "no_rule_items": no_rule_items,
        "uncertain": uncertain,
        "extra_items": extra_items,
        "topic_false_positives": topic_fps,
        "topic_misses": topic_fns,
        "topics_not_annotated": unannotated_topics,
        "placement_misses": placement_misses,
        "misses_by_form": _by_form(fns),
    }


def _by_form(items: Iterable[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for it in items:
        for form in it["forms"] or ["(plain)"]:
            out[form] = out.get(form, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


def targets_met(result: dict[str, Any]) -> dict[str, bool | None]:
    """Each target of issue 14 against one set's result (None: nothing to measure)."""
    o, t, p = result["overall"], result["missing_topics"], result["placement"]

    def at_least(value: float | None, goal: float) -> bool | None:
        return None if value is None else value >= goal

    return {
        "reference_recall": at_least(o["recall"], TARGETS["reference_recall"]),
        "reference_precision": at_least(o["precision"], TARGETS["reference_precision"]),
        "topic_precision": at_least(t["precision"], TARGETS["topic_precision"]),
        "topic_recall": at_least(t["recall"], TARGETS["topic_recall"]),
        "placement": at_least(p["accuracy"], TARGETS["placement"]),
    }


# ---------------------------------------------------------------- output


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}"


def corpus_summary(docs: list[Doc]) -> dict[str, Any]:
    """Counts of documents by year, setting, author and kind, and of annotations."""

    def tally(key: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for d in docs:
            v = str(d.meta.get(key))
            out[v] = out.get(v, 0) + 1
        return dict(sorted(out.items()))

    items = [it for d in docs for it in d.items]
    return {
        "documents": len(docs),
        "full_policies": sum(d.full for d in docs),
        "by_year": tally("policy_year"),
        "by_setting": tally("setting"),
        "by_author": tally("author"),
        "by_corpus": tally("corpus"),
        "items": len(items),
        "items_by_verdict": {
            v: sum(it.verdict == v for it in items) for v in ("outdated", "current", "not_a_citation", "unresolved")
        },
        "items_uncertain": sum(it.uncertain for it in items),
        "items_extra_scope": sum(it.scope == "extra" for it in items),
        "topic_annotations": sum(len(d.topics) for d in docs),
    }


def _family_rows(families: dict[str, dict[str, Any]], total: dict[str, Any], label: str) -> list[str]:
    lines = [
        "| family | items | found (tp) | missed (fn) | false positives | precision | recall |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, c in families.items():
        lines.append(
            f"| {name} | {c['items']} | {c['tp']} | {c['fn']} | {c['fp']} | "
            f"{_pct(c['precision'])} | {_pct(c['recall'])} |"
        )
    lines.append(
        f"| **{label}** | {total['items']} | {total['tp']} | {total['fn']} | {total['fp']} | "
        f"**{_pct(total['precision'])}** | **{_pct(total['recall'])}** |"
    )
    return lines


def render_set(name: str, result: dict[str, Any], meta: dict[str, Any], verbose: bool) -> str:
    """The tables for one set, and the long lists when verbose."""
    c, run = meta["corpus"], meta["run"]
    lines = [
        f"## {SETS[name].title if name in SETS else name}",
        "",
        f"{c['documents']} documents ({c['full_policies']} whole policies), {c['items']} annotated spans, "
        f"{c['topic_annotations']} topic annotations; as of {meta['as_of']}; KCSIE edition passed to the CLI: "
        f"{run['kcsie_edition'] or 'tool default'}{'; --as-of passed' if run['as_of_flag'] else ''}; "
        f"tool {run['tool'].get('version', '?')}.",
        "",
    ]
    if result["overall"]["items"] or result["families"]:
        lines += ["Outdated references that a rule in force covers (core scope, certain annotations):", ""]
        lines += _family_rows(result["families"], result["overall"], "all outdated references")
        lines += [
            "",
            "Precision counts findings (tp findings / (tp findings + false positives)); recall counts annotated spans.",
        ]
    if result["no_rule_overall"]["items"]:
        lines += [
            "",
            "Outdated items no rule in force covers yet (other guidance families, legal claims; "
            "found only by chance, not in the headline):",
            "",
        ]
        lines += _family_rows(result["no_rule_families"], result["no_rule_overall"], "no rule in force")
    x, t, p = result["extra_scope"], result["missing_topics"], result["placement"]
    if x["items"] or result["uncertain"]:
        lines += [
            "",
            f"Outside the catalogue (scope `extra`): {x['tp']} of {x['items']} outdated spans found. "
            f"Uncertain annotations (not counted): {len(result['uncertain'])}.",
        ]
    if t["tp"] + t["fp"] + t["fn"] + t["tn"]:
        lines += [
            "",
            "| missing topics | tp | fp | fn | tn | precision | recall | placement |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
            f"| {name} | {t['tp']} | {t['fp']} | {t['fn']} | {t['tn']} | "
            f"{_pct(t['precision'])} | {_pct(t['recall'])} | {_pct(p['accuracy'])} ({p['right']}/{p['scored']}) |",
        ]
    if result["misses_by_form"]:
        lines += ["", "Misses by form: " + ", ".join(f"{k} {v}" for k, v in result["misses_by_form"].items())]
    if verbose:
        lines += ["", "### False positives", ""]
        for fp in result["false_positives"]:
            lines.append(
                f"- {fp['doc']}:{fp['line']} {fp['rule']} ({fp['family']}, {fp['kind']}) "
                f"{fp['context']}" + (f" — decoy: {fp['decoy_note']}" if fp.get("decoy_note") else "")
            )
        lines += ["", "### Misses", ""]
        for m in result["misses"]:
            ed = f" [{m['guidance']} {m['edition']}]" if m.get("edition") else ""
            lines.append(f"- {m['doc']}:{m['line']} {m['family']}{ed} {m['text']!r} forms={m['forms']}")
        lines += ["", "### Not covered by a rule in force", ""]
        for m in result["no_rule_items"]:
            ed = f" [{m['guidance']} {m['edition']}]" if m.get("edition") else ""
            lines.append(f"- {m['doc']}:{m['line']} {m['family']}{ed} {m['text']!r} key={m['key']}")
        lines += ["", "### Uncertain annotations", ""]
        for u in result["uncertain"]:
            lines.append(
                f"- {u['doc']}:{u['line']} {u['family']} {u['verdict']} {u['text']!r} "
                f"flagged_by={u['flagged_by']} — {u['note']}"
            )
        lines += ["", "### Outside the catalogue (extra scope)", ""]
        for u in result["extra_items"]:
            lines.append(
                f"- {u['doc']}:{u['line']} {u['family']} {u['verdict']} {u['text']!r} flagged_by={u['flagged_by']}"
            )
        lines += ["", "### Missing-topic false positives", ""]
        for f in result["topic_false_positives"]:
            lines.append(f"- {f['doc']} {f['rule']} {f['topic']} — covered by: {f['evidence']!r}")
        lines += ["", "### Missing-topic misses", ""]
        for f in result["topic_misses"]:
            lines.append(f"- {f['doc']} {f['topic']}")
        lines += ["", "### Placement misses", ""]
        for f in result["placement_misses"]:
            lines.append(
                f"- {f['doc']} {f['rule']} {f['topic']}: heading {f['heading']!r}, expected one of {f['where']}"
            )
        if result["topics_not_annotated"]:
            lines += ["", "### Missing-topic findings with no annotation", ""]
            for f in result["topics_not_annotated"]:
                lines.append(f"- {f['doc']} {f['rule']} {f['topic']}")
    return "\n".join(lines) + "\n"


def family_rules(rules: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """Rule ids per family (enabled rules that report references), for the docs table."""
    out: dict[str, list[str]] = {}
    for rid, r in sorted(rules.items()):
        if r["kind"] in REFERENCE_KINDS and r.get("enabled", True):
            out.setdefault(finding_family({"rule": rid, "covers": r.get("covers")}), []).append(rid)
    return out


def docs_record(
    reports: dict[str, dict[str, Any]], as_of: dt.date, measured: dt.date, rules: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """What docs/rules.md shows: per set, per family precision/recall and the topic figures."""

    def rnd(x: float | None) -> float | None:
        return None if x is None else round(x, 3)

    by_family = family_rules(rules)
    sets: dict[str, Any] = {}
    for name, rep in reports.items():
        fam = {
            k: {
                "rules": ", ".join(by_family.get(k, [])),
                "items": v["items"],
                "found": v["tp"],
                "false_positives": v["fp"],
                "precision": rnd(v["precision"]),
                "recall": rnd(v["recall"]),
            }
            for k, v in rep["families"].items()
        }
        o, t, p, nr = rep["overall"], rep["missing_topics"], rep["placement"], rep["no_rule_overall"]
        sets[name] = {
            "title": SETS[name].title,
            "documents": rep["meta"]["corpus"]["documents"],
            "whole_policies": rep["meta"]["corpus"]["full_policies"],
            "families": fam,
            "references": {
                "items": o["items"],
                "found": o["tp"],
                "false_positives": o["fp"],
                "precision": rnd(o["precision"]),
                "recall": rnd(o["recall"]),
            },
            "no_rule": {"items": nr["items"], "found": nr["tp"]},
            "topics": {
                "tp": t["tp"],
                "fp": t["fp"],
                "fn": t["fn"],
                "tn": t["tn"],
                "precision": rnd(t["precision"]),
                "recall": rnd(t["recall"]),
            },
            "placement": {"right": p["right"], "scored": p["scored"], "accuracy": rnd(p["accuracy"])},
        }
    return {
        "measured": measured.isoformat(),
        "as_of": as_of.isoformat(),
        "command": f"python tools/measure_real.py --as-of {as_of.isoformat()} --write-docs",
        "targets": TARGETS,
        "sets": sets,
    }


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def measure_set(
    spec: SetSpec, args: argparse.Namespace, rules: dict[str, dict[str, Any]], kcsie: int | None
) -> dict[str, Any]:
    """Load, run and score one set; raises TextsMissing when its texts are not here."""
    folder = args.corpus if args.corpus is not None else spec.folder
    docs = load_corpus(folder, args.as_of, texts=args.texts if spec.external_texts else None)
    findings, run = run_check(args.python, docs, args.as_of, kcsie)
    result = score(docs, findings, rules, args.only)
    result["meta"] = {
        "set": spec.name,
        "as_of": args.as_of.isoformat(),
        "only": args.only,
        "run": run,
        "corpus": corpus_summary(docs),
    }
    result["targets_met"] = targets_met(result)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure wttsc-policy on the annotated policy sets.")
    parser.add_argument("--set", choices=[*SETS, "all"], default="all", help="which annotation set (default all)")
    parser.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        default=DEFAULT_AS_OF,
        help="judge editions as of this date (default 2026-12-07)",
    )
    parser.add_argument("--only", metavar="FAMILY", help="report one family only")
    parser.add_argument("--verbose", action="store_true", help="list every false positive and miss")
    parser.add_argument("--json", action="store_true", help="print JSON instead of markdown")
    parser.add_argument(
        "--kcsie-edition",
        default="auto",
        help="'auto' (the edition in force on --as-of), 'none' (tool default) or a year",
    )
    parser.add_argument(
        "--write-docs",
        action="store_true",
        help=f"record the numbers for docs/rules.md in {DOCS_RECORD.relative_to(ROOT)}",
    )
    parser.add_argument("--python", default=sys.executable, help="Python with wttsc_policy installed")
    parser.add_argument("--texts", type=Path, default=None, help=f"folder of the real texts (default ${TEXTS_ENV})")
    parser.add_argument("--corpus", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    names = list(SETS) if args.set == "all" else [args.set]
    if args.corpus is not None and len(names) != 1:
        names = ["real"]
    try:
        keys = load_keys(args.corpus or CORPUS)
        if args.only is not None and args.only not in keys["families"]:
            print(f"--only: unknown family {args.only!r} (one of {', '.join(keys['families'])})", file=sys.stderr)
            return 2
        editions = load_editions(args.corpus or CORPUS)
        if args.kcsie_edition == "auto":
            ed = editions.in_force_edition("kcsie", args.as_of)
            kcsie = int(ed) if ed and ed.isdigit() else None
        elif args.kcsie_edition == "none":
            kcsie = None
        else:
            kcsie = int(args.kcsie_edition)
        rules = rules_list(args.python)
    except (CorpusError, OSError, yaml.YAMLError, ValueError) as exc:
        print(f"corpus: {exc}", file=sys.stderr)
        return 2
    except (subprocess.CalledProcessError, json.JSONDecodeError) as exc:
        print(f"wttsc-policy: {exc}", file=sys.stderr)
        return 2
    reports: dict[str, dict[str, Any]] = {}
    skipped: dict[str, str] = {}
    for name in names:
        try:
            reports[name] = measure_set(SETS[name], args, rules, kcsie)
        except TextsMissing as exc:
            if args.set != "all":
                print(f"corpus: {exc}", file=sys.stderr)
                return 2
            skipped[name] = str(exc)
        except (CorpusError, OSError, yaml.YAMLError) as exc:
            print(f"corpus: {exc}", file=sys.stderr)
            return 2
        except (subprocess.CalledProcessError, RuntimeError, json.JSONDecodeError) as exc:
            print(f"wttsc-policy: {exc}", file=sys.stderr)
            return 2
    if args.write_docs:
        if skipped or args.only or args.set != "all":
            print("--write-docs needs every set, all families and the real texts", file=sys.stderr)
            return 2
        record = docs_record(reports, args.as_of, dt.date.today(), rules)
        _write_atomic(
            DOCS_RECORD,
            "# Written by tools/measure_real.py --write-docs; shown in docs/rules.md.\n"
            + yaml.safe_dump(record, sort_keys=False, allow_unicode=True),
        )
    if args.json:
        single = reports[names[0]] if len(names) == 1 and names[0] in reports else None
        payload = single if single is not None else {"sets": reports, "skipped": skipped}
        text = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    else:
        parts = [render_set(name, rep, rep["meta"], args.verbose) for name, rep in reports.items()]
        parts += [f"## {SETS[name].title}\n\nSkipped: {why}\n" for name, why in skipped.items()]
        text = "\n".join(parts)
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # piped into `head` and the like: not an error
        sys.stdout = None  # type: ignore[assignment]
    return 0


if __name__ == "__main__":
    sys.exit(main())
