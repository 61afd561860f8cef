"""Rendering text that a rule pack supplies (clause templates, replacement texts, the
staff briefing) without ever running the pack's code.

A pack is data written by whoever can edit the trust's repository, never code. Three
layers keep it that way:

* `check_template` parses a template and accepts only what clauses need: text,
  variables, attribute or item look-ups by plain names, a short list of filters and
  tests, `if`, `for` (nested at most two deep), `set`, and `mentions('regex')` (a
  constant regex that passes safety.py). Other calls, arithmetic, imports,
  includes, macros, blocks and names starting with an underscore are refused with a
  RuleError naming the template. `rules validate` and every render run it.
* Rendering uses Jinja's `ImmutableSandboxedEnvironment`, so even an accepted template
  cannot reach attributes that lead to code or mutate the values it is given.
* `render_bounded` stops a template whose output grows past `MAX_OUTPUT_CHARS` (a loop
  over a long value inside another loop).

`PackLoader` reads templates only from regular files inside the pack's own folder
(no symlink out of it, no file over `MAX_TEMPLATE_BYTES`).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wttsc_policy.errors import RuleError

if TYPE_CHECKING:
    import jinja2
    from jinja2 import nodes

MAX_TEMPLATE_BYTES = 256 * 1024
MAX_OUTPUT_CHARS = 1_000_000
MAX_LOOP_DEPTH = 2

# Filters and tests a clause may use: pure functions of strings and lists.
SAFE_FILTERS = frozenset(
    {
        "capitalize",
        "d",
        "default",
        "e",
        "escape",
        "first",
        "join",
        "last",
        "length",
        "lower",
        "replace",
        "string",
        "title",
        "trim",
        "truncate",
        "upper",
        "wordcount",
    }
)
SAFE_TESTS = frozenset(
    {"defined", "undefined", "none", "string", "number", "sequence", "eq", "ne", "in", "true", "false"}
)


def _node_types() -> dict[type[nodes.Node], str]:
    """Node types a template may hold (Jinja imported on first use, as templates.py does)."""
    from jinja2 import nodes

    allowed = (
        nodes.Template,
        nodes.Output,
        nodes.TemplateData,
        nodes.Name,
        nodes.Const,
        nodes.Filter,
        nodes.Test,
        nodes.If,
        nodes.For,
        nodes.CondExpr,
        nodes.Compare,
        nodes.Operand,
        nodes.And,
        nodes.Or,
        nodes.Not,
        nodes.Getattr,
        nodes.Getitem,
        nodes.Concat,
        nodes.Assign,
        nodes.List,
        nodes.Tuple,
        nodes.Keyword,
        nodes.Continue,
        nodes.Break,
    )
    return {t: t.__name__ for t in allowed}


def check_template(source: str, where: str) -> None:
    """RuleError unless `source` is a template made only of the allowed constructs."""
    import jinja2
    from jinja2 import nodes

    env = _plain_environment()
    try:
        tree = env.parse(source)
    except jinja2.TemplateSyntaxError as exc:
        raise RuleError(f"template {where}: {exc.message} (line {exc.lineno})") from None
    allowed = _node_types()

    def refuse(node: nodes.Node, what: str) -> RuleError:
        line = getattr(node, "lineno", None)
        at = f" (line {line})" if line else ""
        return RuleError(
            f"template {where}: {what}{at} is not allowed in a rule pack; use variables, filters, if and for only"
        )

    def visit(node: nodes.Node, loops: int) -> None:
        if isinstance(node, nodes.Call):
            check_mentions(node, refuse)
            return
        if type(node) not in allowed:
            raise refuse(node, f"'{type(node).__name__}'")
        if isinstance(node, nodes.Name) and node.name.startswith("_"):
            raise refuse(node, f"the name '{node.name}'")
        if isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
            raise refuse(node, f"the attribute '{node.attr}'")
        if isinstance(node, nodes.Getitem):
            key = node.arg
            if not isinstance(key, nodes.Const) or (isinstance(key.value, str) and key.value.startswith("_")):
                raise refuse(node, "an index that is not a plain constant")
        if isinstance(node, nodes.Filter) and node.name not in SAFE_FILTERS:
            raise refuse(node, f"the filter '{node.name}'")
        if isinstance(node, nodes.Test) and node.name not in SAFE_TESTS:
            raise refuse(node, f"the test '{node.name}'")
        if isinstance(node, nodes.Filter | nodes.Test) and (node.dyn_args is not None or node.dyn_kwargs is not None):
            raise refuse(node, "*args or **kwargs")
        if isinstance(node, nodes.Assign) and not isinstance(node.target, nodes.Name):
            raise refuse(node, "assigning to anything but a plain name")
        if isinstance(node, nodes.For):
            if node.recursive:
                raise refuse(node, "a recursive loop")
            loops += 1
            if loops > MAX_LOOP_DEPTH:
                raise refuse(node, f"loops nested more than {MAX_LOOP_DEPTH} deep")
        for child in node.iter_child_nodes():
            visit(child, loops)

    visit(tree, 0)


def check_mentions(node: nodes.Call, refuse: Callable[[nodes.Node, str], RuleError]) -> None:
    """The one call a template may make: `mentions('regex')` (does the policy already say
    it, plan/clauses.py), with a constant regex that passes the backtracking check."""
    from jinja2 import nodes

    from wttsc_policy.rulepacks.safety import unsafe_reason

    plain = isinstance(node.node, nodes.Name) and node.node.name == "mentions"
    if not plain or node.kwargs or node.dyn_args is not None or node.dyn_kwargs is not None or len(node.args) != 1:
        raise refuse(node, "a call other than mentions('...')")
    arg = node.args[0]
    if not isinstance(arg, nodes.Const) or not isinstance(arg.value, str):
        raise refuse(node, "mentions() of anything but a constant text")
    reason = unsafe_reason(arg.value, case_sensitive=False)
    if reason:
        raise refuse(node, f"mentions() with an unsafe regex ({reason})")


def _plain_environment() -> jinja2.Environment:
    """An environment only for parsing (never renders)."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)


def read_pack_file(folder: Path, name: str) -> str:
    """The text of `name` inside pack `folder`: a regular file that stays inside the
    folder once symlinks are resolved, within MAX_TEMPLATE_BYTES, UTF-8."""
    root = Path(os.path.realpath(folder))
    target = Path(os.path.realpath(root / name))
    if Path(name).is_absolute() or not target.is_relative_to(root):
        raise RuleError(f"template {name} is outside the pack folder; a pack may only use its own files", folder)
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise RuleError(f"template not found: {name} ({exc.strerror})", folder) from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise RuleError(f"template {name} is not a regular file", folder)
        data = fh.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise RuleError(f"template {name} is over {MAX_TEMPLATE_BYTES // 1024} KiB", folder)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RuleError(f"template {name} is not UTF-8 text", folder) from None


def pack_loader(folder: Path) -> jinja2.BaseLoader:
    """A loader for one pack's templates: each file read safely and checked before use
    (a shipped template's check and compilation were done ahead of time: precompiled.py)."""
    import jinja2

    from wttsc_policy.rulepacks import precompiled

    class PackLoader(jinja2.BaseLoader):
        def get_source(
            self, environment: jinja2.Environment, template: str
        ) -> tuple[str, str | None, Callable[[], bool] | None]:
            source = self._read(template)
            check_template(source, f"{template} in {folder}")
            return source, str(Path(folder) / template), lambda: True

        def _read(self, template: str) -> str:
            if not os.path.lexists(Path(folder) / template):
                raise jinja2.TemplateNotFound(template)
            return read_pack_file(folder, template)

        def load(
            self, environment: jinja2.Environment, name: str, globals: MutableMapping[str, Any] | None = None
        ) -> jinja2.Template:
            found = precompiled.load(environment, name, self._read(name), globals)
            return found if found is not None else super().load(environment, name, globals)

    return PackLoader()


def shipped_loader(folder: Path) -> jinja2.BaseLoader:
    """A loader for the tool's own templates (templates/notes): compiled ahead of time
    when the text is the one shipped (precompiled.py), else read and compiled."""
    import jinja2

    from wttsc_policy.rulepacks import precompiled

    class ShippedLoader(jinja2.FileSystemLoader):
        def load(
            self, environment: jinja2.Environment, name: str, globals: MutableMapping[str, Any] | None = None
        ) -> jinja2.Template:
            source, _, _ = self.get_source(environment, name)
            found = precompiled.load(environment, name, source, globals)
            return found if found is not None else super().load(environment, name, globals)

    return ShippedLoader(str(folder))


def sandboxed_environment(
    loader: jinja2.BaseLoader | None = None,
    *,
    undefined: type[jinja2.Undefined] | None = None,
    autoescape: bool | Callable[[str | None], bool] = False,
    **options: Any,
) -> jinja2.Environment:
    """The only way pack text is rendered: an immutable sandbox (no attribute that leads
    to code, no mutation of the values passed in)."""
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(
        loader=loader, undefined=undefined or jinja2.Undefined, autoescape=autoescape, **options
    )


def render_bounded(template: jinja2.Template, values: Mapping[str, Any], where: str) -> str:
    """Render, stopping with a RuleError once the output passes MAX_OUTPUT_CHARS; an error
    the sandbox raises (an unsafe attribute reached at run time) is a RuleError too."""
    from jinja2.exceptions import SecurityError, TemplateError

    out: list[str] = []
    size = 0
    try:
        for piece in template.generate(**values):
            size += len(piece)
            if size > MAX_OUTPUT_CHARS:
                raise RuleError(f"template {where} produces more than {MAX_OUTPUT_CHARS} characters")
            out.append(piece)
    except SecurityError as exc:
        raise RuleError(f"template {where}: refused by the sandbox ({exc})") from None
    except TemplateError as exc:
        raise RuleError(f"template {where}: {exc}") from None
    return "".join(out)
