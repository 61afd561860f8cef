"""Locate the data folders (rules/, templates/, data/) in a wheel or a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the folder `name` ('rules' or 'templates').

    In an installed wheel they sit inside the package; in an editable install or a
    plain checkout they are the top-level folders of the repository.
    """
    inside = _PKG / name
    if inside.is_dir():
        return inside
    repo = _PKG.parent.parent / name
    if repo.is_dir():
        return repo
    raise FileNotFoundError(f"wttsc-policy is installed without its {name}/ folder")


def package_data(filename: str) -> Path:
    """A file shipped in src/wttsc_policy/data/."""
    return _PKG / "data" / filename
