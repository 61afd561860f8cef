"""The wheel ships rules/ and templates/ and the installed tool works from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("wttsc_policy-*.whl"))


def test_wheel_contains_rules_templates_and_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("wttsc_policy/rules/wttsc-2023/") and n.endswith("pack.yaml") for n in names)
    assert any(n.startswith("wttsc_policy/rules/kcsie/") for n in names)
    assert any(n.startswith("wttsc_policy/rules/wttsc-2023/clauses/") for n in names)  # a pack brings its clauses
    assert any(n.startswith("wttsc_policy/templates/notes/") for n in names)
    assert "wttsc_policy/data/partnerships.yaml" in names


def test_installed_wheel_checks_from_another_folder(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    # Reuse this environment's dependencies; the wheel itself goes into a clean venv.
    venv.EnvBuilder(with_pip=False, system_site_packages=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(py), "-c", "import site; print(site.getsitepackages()[0])"], capture_output=True, text=True, check=True
    ).stdout.strip()
    deps = [p for p in sys.path if p.endswith("site-packages")]
    Path(site, "deps.pth").write_text("\n".join(deps) + "\n")
    with zipfile.ZipFile(wheel) as z:
        z.extractall(site)  # installing a wheel is unpacking it into site-packages
    policy = tmp_path / "elsewhere" / "policy.md"
    policy.parent.mkdir()
    policy.write_text("# Legislation\n\nWe follow Working Together to Safeguard Children 2018.\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    res = subprocess.run(
        [str(py), "-c", "import wttsc_policy, sys; print(wttsc_policy.__file__)"],
        cwd=policy.parent,
        capture_output=True,
        text=True,
        env=env,
    )
    assert str(site) in res.stdout, res.stderr  # the wheel's copy, not the source tree
    res = subprocess.run(
        [str(py), "-m", "wttsc_policy", "check", "policy.md", "--select", "WT001"],
        cwd=policy.parent,
        capture_output=True,
        text=True,
        env=env,
    )
    assert res.returncode == 1, res.stderr
    assert "WT001" in res.stdout
