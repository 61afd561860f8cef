"""Template values from the partnership in force: the name and website new text uses,
and where that name came from (for the change notes)."""

from __future__ import annotations

from typing import Any

from wttsc_policy.config.model import Config
from wttsc_policy.partnerships.data import load_dataset
from wttsc_policy.partnerships.infer import Area


def partnership_values(config: Config, area: Area) -> dict[str, Any]:
    """Values for clause templates and change notes once the local authority is known.

    An explicit `partnership_name` / `partnership_website` in config always wins.
    """
    la, inference, note = area.partnership, area.inference, area.note
    if la is None:
        return {
            "partnership_name": config.partnership_name,
            "partnership_abbreviation": None,
            "partnership_website": config.partnership_website,
            "partnership_source": None,
            "partnership_confidence": None,
            "partnerships_as_of": load_dataset().as_of,
            "local_authority": config.local_authority,
            "inferred_from": None,
            "partnership_note": note,
        }
    return {
        "partnership_name": config.partnership_name or la.partnership,
        "partnership_abbreviation": None if config.partnership_name else la.abbreviation,
        "partnership_website": config.partnership_website or la.website,
        "partnership_source": "config (partnership_name)" if config.partnership_name else la.source,
        "partnership_confidence": "high" if config.partnership_name else la.confidence,
        "partnerships_as_of": load_dataset().as_of,
        "local_authority": la.local_authority,
        "inferred_from": inference.describe() if inference else None,
        "partnership_note": None,
    }
