"""Writes the compiled form of every shipped template into wttsc_policy/_compiled_templates/
(see rulepacks/precompiled.py for how and when `update` uses it):

    python -m wttsc_policy.precompile

Run it after changing a clause, the change notes or a staff briefing, and commit the
result; tests/test_precompiled_templates.py fails until then. Kept out of
rulepacks/precompiled.py because it needs the notes renderer, which needs the sandbox.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from wttsc_policy.rulepacks.precompiled import FOLDER, compiled_source, key

if TYPE_CHECKING:
    import jinja2


def shipped() -> Iterator[tuple[jinja2.Environment, str, str]]:
    """Every shipped template with the environment it renders in: each pack's clauses,
    the change notes and each pack's staff briefing inside the notes."""
    from wttsc_policy.render.notes import notes_environment
    from wttsc_policy.resources import data_dir
    from wttsc_policy.rulepacks.sandbox import check_template, read_pack_file
    from wttsc_policy.rulepacks.templates import clause_environment

    notes = data_dir("templates") / "notes"
    # the key depends on the environment's options, not on the pack its loader reads
    markdown, html = notes_environment(None), notes_environment(None, html=True)
    yield markdown, "changes.md.j2", (notes / "changes.md.j2").read_text(encoding="utf-8")
    yield html, "changes.html.j2", (notes / "changes.html.j2").read_text(encoding="utf-8")
    for pack in sorted(p for p in data_dir("rules").iterdir() if p.is_dir()):
        env = clause_environment(pack)
        for file in sorted((pack / "clauses").glob("*.j2")):
            name = f"clauses/{file.name}"
            source = read_pack_file(pack, name)
            check_template(source, f"{name} in {pack}")
            yield env, name, source
        for file in sorted(pack.glob("*.j2")):  # the staff briefing, included by the notes
            source = read_pack_file(pack, file.name)
            check_template(source, f"{file.name} in {pack}")
            yield markdown, file.name, source


def modules() -> dict[str, str]:
    """Module name -> module text, for every shipped template."""
    return {key(env, name, source): compiled_source(env, name, source) for env, name, source in shipped()}


def write(folder: Path = FOLDER) -> int:
    """Write the modules into `folder` (removing those no template needs); their count."""
    wanted = modules()
    folder.mkdir(exist_ok=True)
    init = folder / "__init__.py"
    if not init.exists():
        init.write_text('"""Compiled shipped templates (see rulepacks/precompiled.py)."""\n', encoding="utf-8")
    for stale in folder.glob("t_*.py"):
        if stale.stem not in wanted:
            stale.unlink()
    for module, text in wanted.items():
        target = folder / f"{module}.py"
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    return len(wanted)


if __name__ == "__main__":
    print(f"{write()} compiled templates in {FOLDER}", file=sys.stderr)
