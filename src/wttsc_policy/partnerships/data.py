"""The shipped partnership dataset (validated by schema.py where it is read), config
overrides, and finding a council by any of the ways people write its name.

Every upper-tier local authority in England has multi-agency safeguarding arrangements
with a name of its own. The data is loaded on first need: once per process, and once
per user while the file is unchanged (the validated entries are kept in the user cache,
so later runs parse no YAML and import no pydantic).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from wttsc_policy import cache as user_cache
from wttsc_policy import records
from wttsc_policy.config.model import PartnershipOverride
from wttsc_policy.errors import ConfigError, WttscError
from wttsc_policy.partnerships.names import FormerBoard, key_text, parse_former_board
from wttsc_policy.records import field, record
from wttsc_policy.resources import package_data

if TYPE_CHECKING:
    from pydantic import ValidationError

DATA_FILE = "partnerships.yaml"
Confidence = Literal["high", "medium", "low"]


class PartnershipDataError(WttscError):
    """The partnership dataset (shipped or given) is malformed."""


@record
class Partnership:
    """One local authority's children's safeguarding arrangements (validated by
    schema.Partnership, whose fields these mirror)."""

    local_authority: str
    partnership: str
    source: str
    confidence: Confidence
    la_type: str = ""
    abbreviation: str | None = None
    covers: list[str] = field(default_factory=list)
    former_boards: list[str] = field(default_factory=list)
    board_still_in_name: bool = False
    website: str | None = None
    notes: str | None = None
    # Set when a config override corrected or added this entry.
    override_origin: str | None = field(default=None, compare=False)

    @property
    def formers(self) -> list[FormerBoard]:
        return [parse_former_board(s) for s in self.former_boards]

    def as_dict(self) -> dict[str, Any]:
        """The entry as the dataset has it (without override_origin)."""
        out = records.asdict(self)
        out.pop("override_origin")
        return out


@record
class PartnershipData:
    as_of: str
    partnerships: list[Partnership]


def _format_error(exc: ValidationError, data: Any) -> str:
    err = exc.errors()[0]
    loc = list(err["loc"])
    where = ""
    if len(loc) >= 2 and loc[0] == "partnerships" and isinstance(loc[1], int):
        entries = data.get("partnerships") or [] if isinstance(data, dict) else []
        name = None
        if loc[1] < len(entries) and isinstance(entries[loc[1]], dict):
            name = entries[loc[1]].get("local_authority")
        where = f"entry {loc[1] + 1}" + (f" ({name})" if name else "") + ": "
        loc = loc[2:]
    key = ".".join(str(p) for p in loc) or "(entry)"
    return f"{where}field '{key}': {err['msg']}"


def parse_dataset(data: Any, origin: str | Path = DATA_FILE) -> PartnershipData:
    """Validate parsed YAML; a malformed entry is a PartnershipDataError naming it."""
    from pydantic import ValidationError

    from wttsc_policy.partnerships import schema

    try:
        model = schema.PartnershipData.model_validate(data)
    except ValidationError as exc:
        raise PartnershipDataError(f"invalid partnership data: {_format_error(exc, data)}", origin) from None
    return PartnershipData(
        as_of=model.as_of,
        partnerships=[Partnership(**p.model_dump(exclude={"override_origin"})) for p in model.partnerships],
    )


def _read_dataset(path: Path) -> PartnershipData:
    import yaml  # only when the file is new to the user cache

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError) as exc:
        raise PartnershipDataError(f"cannot read partnership data: {exc}", path) from None
    except yaml.YAMLError as exc:
        raise PartnershipDataError(f"invalid YAML: {exc}", path) from None
    return parse_dataset(data, path)


@cache
def load_dataset(path: Path | None = None) -> PartnershipData:
    """The shipped dataset (or another file), parsed and validated once: per process, and
    per user while the file is unchanged (cache.py)."""
    path = Path(path) if path is not None else package_data(DATA_FILE)
    return user_cache.cached("partnerships", [path], lambda: _read_dataset(path), PartnershipData)


_STRIP_PHRASES = ("royal borough of", "london borough of", "council of the", "council of")
_STRIP_WORDS = {
    "council", "county", "borough", "city", "metropolitan", "district", "cc", "mbc", "bc",
    "corporation", "the", "of",
}  # fmt: skip


# Other names in common use for a council whose dataset name differs.
_ALIASES = {
    "kingston upon hull": "hull",
    "bcp": "bournemouth christchurch and poole",
    "banes": "bath and north east somerset",
    "bathnes": "bath and north east somerset",
    "rbkc": "kensington and chelsea",
    "rbwm": "windsor and maidenhead",
}


def la_key(name: str) -> str:
    """Reduce a council name to its place: 'Kent County Council' -> 'kent'."""
    text = key_text(name)
    for phrase in _STRIP_PHRASES:
        text = re.sub(rf"\b{phrase}\b", " ", text)
    key = " ".join(w for w in text.split() if w not in _STRIP_WORDS)
    return _ALIASES.get(key, key)


def _apply_overrides(
    entries: list[Partnership], overrides: dict[str, Any] | None, origin: str | None
) -> list[Partnership]:
    if not overrides:
        return entries
    out = list(entries)
    by_key = {la_key(p.local_authority): i for i, p in enumerate(out)}
    for la, raw in overrides.items():
        ov = raw if isinstance(raw, PartnershipOverride) else _override(raw)
        where = origin or "config"
        i = _find(la, by_key, [p.local_authority for p in out], strict=False)
        if i is not None:
            base = out[i]
            out[i] = records.replace(
                base,
                partnership=ov.partnership,
                # the old initials belong to the old name
                abbreviation=ov.abbreviation
                if ov.abbreviation is not None or ov.partnership != base.partnership
                else base.abbreviation,
                website=ov.website if ov.website is not None else base.website,
                # the trust says the data's name is out of date, so treat it as former
                former_boards=list(
                    dict.fromkeys(
                        [
                            *base.former_boards,
                            *([base.partnership] if key_text(base.partnership) != key_text(ov.partnership) else []),
                            *ov.former_boards,
                        ]
                    )
                ),
                board_still_in_name="board" in ov.partnership.lower(),
                source=ov.source or f"override in {where}",
                confidence="high",
                override_origin=where,
            )
        else:
            out.append(
                Partnership(
                    local_authority=la,
                    la_type="added by config",
                    partnership=ov.partnership,
                    abbreviation=ov.abbreviation,
                    former_boards=ov.former_boards,
                    board_still_in_name="board" in ov.partnership.lower(),
                    website=ov.website,
                    source=ov.source or f"override in {where}",
                    confidence="high",
                    override_origin=where,
                )
            )
            by_key[la_key(la)] = len(out) - 1
    return out


def _override(raw: Any) -> PartnershipOverride:
    """A config override given as a mapping, validated as config would validate it."""
    from wttsc_policy.config.schema import PartnershipOverride as OverrideModel

    return PartnershipOverride(**OverrideModel.model_validate(raw).model_dump())


def _find(name: str, by_key: dict[str, int], names: list[str], *, strict: bool = True) -> int | None:
    key = la_key(name)
    if not key:
        key = key_text(name)
    if key in by_key:
        return by_key[key]
    starts = [i for k, i in by_key.items() if k.startswith(key + " ")]
    if len(starts) == 1:
        return starts[0]
    if not strict:
        return None
    import difflib  # only to suggest names in an error message

    close = difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.6) or difflib.get_close_matches(
        key, list(by_key), n=3, cutoff=0.45
    )
    suggestions = [names[by_key[k]] for k in close]
    if len(starts) > 1:
        suggestions = [names[i] for i in starts] + suggestions
    hint = f"; did you mean {', '.join(repr(s) for s in dict.fromkeys(suggestions))}?" if suggestions else ""
    raise ConfigError(
        f"local_authority: unknown local authority {name!r}{hint} (`wttsc-policy partnerships list` shows every name)"
    )


def all_partnerships(overrides: dict[str, Any] | None = None, origin: str | None = None) -> list[Partnership]:
    """Every entry, with config overrides applied."""
    return _apply_overrides(load_dataset().partnerships, overrides, origin)


def resolve_local_authority(
    name: str, overrides: dict[str, Any] | None = None, origin: str | None = None
) -> Partnership:
    """Find a council forgivingly ('Kent', 'Kent CC', 'kent council', 'York').

    Unknown names raise ConfigError suggesting the closest official names.
    """
    entries = all_partnerships(overrides, origin)
    by_key = {la_key(p.local_authority): i for i, p in enumerate(entries)}
    i = _find(name, by_key, [p.local_authority for p in entries])
    assert i is not None
    return entries[i]
