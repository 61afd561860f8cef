"""Every regex a rule pack gives is compiled when the pack is validated (compile_pattern
compiles lazily): an invalid one is a validation error naming it, never a failure later
while checking a policy."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from wttsc_policy.rulepacks.schema import Rule

BASE = {
    "id": "TR001",
    "title": "t",
    "kind": "outdated_reference",
    "severity": "warning",
    "source": "s",
    "chapter": "c",
    "message": "m",
    "rationale": "r",
    "replace_scope": "sentence",
    "examples": {"fires": ["old words"], "passes": ["new words"]},
}


@pytest.mark.parametrize(
    "extra",
    [
        {"patterns": ["old (words"], "replacement": "x"},
        {"patterns": [{"regex": "old", "replacement": "x", "when": "a[b"}]},
        {"patterns": [{"regex": "old", "replacement": "x", "unless": "(?<=a+)b"}]},
        {"patterns": ["old"], "replacement": "x", "replacement_extra": "y", "extra_unless": "z(("},
        {"patterns": ["old"], "replacement": "x", "exclusions": ["*bad"]},
    ],
    ids=["pattern", "when", "unless", "extra_unless", "exclusion"],
)
def test_an_invalid_regex_fails_validation(extra):
    with pytest.raises(ValidationError, match="invalid regex"):
        Rule.model_validate({**BASE, **extra})


def test_valid_regexes_pass():
    rule = Rule.model_validate(
        {**BASE, "patterns": [{"regex": "old", "replacement": "x", "when": "a", "unless": "b"}], "exclusions": ["c"]}
    )
    assert rule.patterns[0].when == "a"
