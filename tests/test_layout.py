"""The package's shape: no import cycles between modules, stages only import upstream,
modules stay small, and only the docx reader/writer know WordprocessingML objects.

Imports are read from the source with `ast`, including imports inside functions (a lazy
import is still a dependency). Imports under `if TYPE_CHECKING:` are left out: they are
never executed and exist for type annotations only.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "wttsc_policy"
MAX_LINES = 300


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


# Jinja's compiled form of the shipped templates is generated, not written here
# (rulepacks/precompiled.py; tests/test_precompiled_templates.py checks it).
GENERATED = PACKAGE / "_compiled_templates"
MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if GENERATED not in p.parents}


def _type_checking_blocks(tree: ast.AST) -> set[int]:
    """ids of the import nodes under `if TYPE_CHECKING:`."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                for sub in ast.walk(child):
                    skip.add(id(sub))
    return skip


def imports_of(name: str) -> set[str]:
    """The package's modules that `name` imports (a package import counts as its __init__)."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    skip = _type_checking_blocks(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for target in targets:
            if target in MODULES and target != name:
                found.add(target)
    return found


GRAPH = {name: imports_of(name) for name in MODULES}


def find_cycle() -> list[str] | None:
    """One import cycle as a list of modules, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(GRAPH[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(GRAPH):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_the_graph_sees_lazy_imports():
    """Imports inside functions count (the CLI imports each command module lazily)."""
    assert "wttsc_policy.cli" in GRAPH and "wttsc_policy.rulepacks.editions" in GRAPH["wttsc_policy.cli"]


def test_no_import_cycles():
    cycle = find_cycle()
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


# Each stage may import the ones before it, never the ones after.
ORDER = ["read", "match", "plan", "apply", "render"]


@pytest.mark.parametrize("stage", ORDER)
def test_stages_import_only_upstream(stage):
    later = ORDER[ORDER.index(stage) + 1 :]
    bad = sorted(
        (name, dep)
        for name, deps in GRAPH.items()
        if name.startswith(f"wttsc_policy.{stage}")
        for dep in deps
        if any(dep.startswith(f"wttsc_policy.{s}") for s in later)
    )
    assert not bad, bad


def test_only_the_docx_reader_and_writer_know_the_reader_private_handles():
    users = sorted(
        name
        for name, deps in GRAPH.items()
        if "wttsc_policy.read.docx" in deps or any(d.startswith("wttsc_policy.read.docx.") for d in deps)
    )
    assert users == ["wttsc_policy.apply.docx"], users


def test_planner_and_matcher_never_touch_ooxml():
    for name, deps in GRAPH.items():
        if name.startswith(("wttsc_policy.plan", "wttsc_policy.match", "wttsc_policy.document")):
            assert not any(d.startswith("wttsc_policy.ooxml") for d in deps), name


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_are_small_or_say_why(name):
    text = MODULES[name].read_text(encoding="utf-8")
    lines = text.count("\n")
    if lines > MAX_LINES:
        doc = ast.get_docstring(ast.parse(text)) or ""
        assert "lines because" in doc, f"{name} has {lines} lines; split it or say why at its top"


def test_architecture_doc_matches_the_tree():
    """docs/architecture.md names every folder and top-level module, and nothing that is gone."""
    import re

    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = doc.split("## What each folder owns", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`([a-z_]+(?:/|\.py))`", table))
    for name in named:
        if name.startswith(("rules/", "templates/")):
            continue
        folder = name.split("/")[0]
        candidates = [PACKAGE / name, PACKAGE / folder]
        candidates += [
            PACKAGE / sub / name for sub in ("read", "rulepacks", "match", "plan", "apply", "ooxml", "render")
        ]
        candidates += [
            PACKAGE / sub / name for sub in ("partnerships", "config", "commands", "guidance", "nhs", "legal")
        ]
        assert any(c.exists() for c in candidates), f"docs/architecture.md names {name}, which does not exist"
    top = {p.name + "/" for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    top |= {p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")}
    missing = sorted(t for t in top if t not in named)
    assert not missing, f"docs/architecture.md does not say what these own: {missing}"
