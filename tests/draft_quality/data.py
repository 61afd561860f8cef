"""The checker's data: wrong legal forms, editions, real names, and a policy's expect.yaml.

Loaded once and cached: the files are small and never change during a run.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
POLICIES = TESTS / "data" / "policies"
NAMES_FILE = POLICIES / "_names.yaml"
FACT_IDS_FILE = POLICIES / "_legal_fact_ids.yaml"


@dataclass(frozen=True)
class WrongForm:
    id: str
    fact: str
    why: str
    all: tuple[re.Pattern, ...]
    unless: re.Pattern | None
    after: dt.date | None
    settings: tuple[str, ...]

    def applies(self, sentence: str, as_of: dt.date, setting: str | None) -> bool:
        if self.after and as_of < self.after:
            return False
        if self.settings and setting not in self.settings:
            return False
        if not all(p.search(sentence) for p in self.all):
            return False
        return not (self.unless and self.unless.search(sentence))


def _re(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I)


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@cache
def wrong_forms() -> tuple[WrongForm, ...]:
    raw = yaml.safe_load((HERE / "wrong_forms.yaml").read_text(encoding="utf-8"))["forms"]
    out = []
    for f in raw:
        patterns = f.get("all") or [f["pattern"]]
        out.append(
            WrongForm(
                id=f["id"],
                fact=f["fact"],
                why=f["why"],
                all=tuple(_re(p) for p in patterns),
                unless=_re(f["unless"]) if f.get("unless") else None,
                after=_date(f.get("after")),
                settings=tuple(f.get("settings") or ()),
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class Family:
    id: str
    title: str
    cite: re.Pattern
    implied_year: int | None
    editions: dict[int, dt.date]

    def in_force(self, as_of: dt.date) -> int:
        return max(year for year, start in self.editions.items() if start <= as_of)


@cache
def editions() -> tuple[Family, ...]:
    raw = yaml.safe_load((HERE / "editions.yaml").read_text(encoding="utf-8"))["families"]
    return tuple(
        Family(
            id=f["id"],
            title=f["title"],
            cite=_re(f["cite"]),
            implied_year=f.get("implied_year"),
            editions={int(k): _date(v) for k, v in f["editions"].items()},
        )
        for f in raw
    )


@dataclass
class Names:
    """Real names: ICBs (2022 and 2026 bodies) and each local authority's partnership and NHS body."""

    icb_canonical: dict[str, str]  # normalised form -> canonical name
    icbs_2022: dict[str, dict]  # canonical -> {successor_2026, split_2026}
    icbs_2026: set[str]
    local_authorities: dict[str, dict]
    partnerships: dict[str, set[str]] = field(default_factory=dict)  # current partnership name -> LAs
    former: dict[str, set[str]] = field(default_factory=dict)  # former board / intermediate name -> LAs

    def la(self, name: str | None) -> dict | None:
        return self.local_authorities.get(name) if name else None


def icb_key(name: str) -> str:
    """A comparable form of an ICB name: no leading NHS, 'ICB' spelled out, '&' as 'and', no
    commas (a name read from a sentence loses its commas: "NHS Shropshire, Telford and Wrekin")."""
    name = name.replace("&", "and").replace("’", "'").replace(",", " ")
    name = re.sub(r"\bICB\b", "Integrated Care Board", name)
    name = re.sub(r"^\s*(the\s+)?NHS\s+", "", name, flags=re.I)
    return re.sub(r"\s+", " ", name).strip().lower()


def strip_parenthetical(name: str) -> str:
    return re.sub(r"\s*\(.*$", "", name).strip()


@cache
def names() -> Names:
    raw = yaml.safe_load(NAMES_FILE.read_text(encoding="utf-8"))
    canonical: dict[str, str] = {}
    old: dict[str, dict] = {}
    for icb in raw["icbs_2022"]:
        old[icb["name"]] = {"successor_2026": icb["successor_2026"], "split_2026": icb["split_2026"]}
        for form in [icb["name"], *icb["short_names"]]:
            if re.search(r"Integrated Care Board|\bICB\b", form):
                canonical[icb_key(form)] = icb["name"]
    new = set()
    for body in raw["icbs_created_2026"]:
        new.add(body["name"])
        for form in [body["name"], *body["short_names"]]:
            canonical[icb_key(form)] = body["name"]
    result = Names(canonical, old, new, raw["local_authorities"])
    for la, row in raw["local_authorities"].items():
        result.partnerships.setdefault(row["partnership"], set()).add(la)
        for board in row["former_boards"]:
            result.former.setdefault(strip_parenthetical(board), set()).add(la)
    return result


@cache
def fact_ids() -> frozenset[str]:
    return frozenset(yaml.safe_load(FACT_IDS_FILE.read_text(encoding="utf-8"))["fact_ids"])


def load_expect(folder: Path) -> dict:
    """A corpus policy's expect.yaml, with defaults filled in."""
    data = yaml.safe_load((folder / "expect.yaml").read_text(encoding="utf-8")) or {}
    data.setdefault("traps", {})
    data.setdefault("decoys", [])
    data.setdefault("topics", [])
    data.setdefault("growth_budget", 1.35)
    return data
