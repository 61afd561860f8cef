"""Render a pack's clause templates and replacement texts with the school's values.

Clauses are Jinja templates in their pack's folder (`rules/<pack>/clauses/`), so a
trust's own pack can bring its own; they are checked and rendered in a sandbox
(sandbox.py), never as code. They cite editions by name from the values, never
literally: `{{ wttsc.title }}`, `{{ kcsie.short }}`, `{{ edition.title }}` (the rule's own
family), each the edition in force on the file's date. A value that is not set (None,
or not passed at all) renders as a visible placeholder such as "[school name]", so an
inserted clause is never silently wrong; `PLACEHOLDER_PATTERN` finds those placeholders
so the change notes can list what the school still has to fill in.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wttsc_policy.errors import RuleError
from wttsc_policy.regexcode import compile_regex
from wttsc_policy.rulepacks.sandbox import check_template, pack_loader, render_bounded, sandboxed_environment

if TYPE_CHECKING:
    import jinja2

    from wttsc_policy.rulepacks.model import Rule

# Placeholder labels for values whose key does not read well on its own.
_LABELS: dict[str, str] = {
    "partnership_name": "local safeguarding partnership name",
    "partnership_website": "local safeguarding partnership website",
    "local_authority": "local authority",
    "dsl_title": "designated safeguarding lead",
    "deputy_dsl_title": "deputy designated safeguarding lead",
    "kcsie_edition": "current KCSIE edition",
    "headteacher_title": "headteacher",
    "governing_body": "governing board",
    "partnership": "local safeguarding partnership name",
    "council": "local authority",
    "icb": "integrated care board",
}

# "[school name]", "[local safeguarding partnership name]": lower-case words in brackets.
PLACEHOLDER_PATTERN = compile_regex(r"\[[a-z][a-z0-9 '/-]*[a-z0-9]\]")


def placeholder(name: str) -> str:
    """The visible placeholder for an unset value."""
    return "[" + _LABELS.get(name, name.replace("_", " ")) + "]"


def clause_environment(folder: Path | None = None) -> jinja2.Environment:
    """The environment clause templates of the pack in `folder` render in."""
    return _environment(Path(folder) if folder is not None else None)


@cache
def _environment(folder: Path | None = None) -> jinja2.Environment:
    """One sandboxed environment per pack folder (clauses), or without a loader (short
    texts). Pack text is data: see sandbox.py for what a template may do.

    jinja2 (~35 ms to import) is loaded here, on the first template: most `check` runs
    render none (only templated replacements and `update`'s clauses need it)."""
    import jinja2

    class PlaceholderUndefined(jinja2.Undefined):
        """A missing variable renders as its placeholder instead of an empty string."""

        def __str__(self) -> str:
            return placeholder(self._undefined_name or "value")

        def __bool__(self) -> bool:
            return False

        def __getattr__(self, name: str) -> Any:  # {{ wttsc.title }} without editions: "[wttsc title]"
            if name.startswith("__"):
                raise AttributeError(name)
            return PlaceholderUndefined(name=f"{self._undefined_name or 'value'} {name}")

    return sandboxed_environment(
        pack_loader(folder) if folder is not None else None,
        undefined=PlaceholderUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def _mentions_nothing(pattern: str) -> bool:
    """`mentions(...)` outside a document (rule examples, `rules show`): nothing is said yet."""
    return False


def _context(values: Mapping[str, Any] | None) -> dict[str, Any]:
    """Values with every None replaced by its placeholder; `mentions` (what the policy
    already says, see plan/clauses.py) defaults to nothing."""
    out: dict[str, Any] = {"mentions": _mentions_nothing}
    for key, value in (values or {}).items():
        out[key] = placeholder(key) if value is None else value
    return out


def _tidy(text: str) -> str:
    """Trim each line and collapse runs of blank lines to one (paragraph separator)."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    return "\n".join(out)


def render_clause(rule: Rule, values: Mapping[str, Any] | None = None) -> str:
    """Render a rule's clause template (relative to its pack folder, e.g. 'clauses/x.md.j2').

    Output: plain paragraphs separated by one blank line; lines starting with '- ' are
    bullet items.
    """
    template = rule.clause or ""
    if rule.pack_dir is None:
        raise RuleError(f"rule {rule.id}: clause template {template} has no pack folder")
    family = rule.text_family
    if values is not None and family is not None and family in values:  # {{ edition.title }}: the family in force
        values = {**values, "edition": values[family]}
    return render_template(Path(rule.pack_dir), template, values)


def render_template(folder: Path, template: str, values: Mapping[str, Any] | None = None) -> str:
    """Render the clause template `template` of the pack in `folder`."""
    import jinja2  # see _environment

    try:
        tmpl = _environment(Path(folder)).get_template(template)
    except jinja2.TemplateNotFound:
        raise RuleError(f"clause template not found: {template}", folder) from None
    except jinja2.TemplateSyntaxError as exc:
        raise RuleError(f"clause template {template}: {exc.message} (line {exc.lineno})", folder) from None
    return _tidy(render_bounded(tmpl, _context(values), template))


def render_text(text: str, values: Mapping[str, Any] | None = None) -> str:
    """Render a short template string, such as a rule's replacement text."""
    if "{{" not in text and "{%" not in text and "{#" not in text:
        return text
    tmpl = _compiled_text(text)
    return render_bounded(tmpl, _context(values), repr(text))


@cache
def _compiled_text(text: str) -> jinja2.Template:
    """A short template string, checked (sandbox.py) and compiled once."""
    import jinja2  # see _environment

    check_template(text, repr(text))
    try:
        return _environment().from_string(text)
    except jinja2.TemplateSyntaxError as exc:
        raise RuleError(f"template text {text!r}: {exc.message}") from None


def placeholders_in(text: str) -> list[str]:
    """Distinct placeholders left in rendered text, in order of first appearance."""
    seen: dict[str, None] = {}
    for m in PLACEHOLDER_PATTERN.finditer(text):
        seen.setdefault(m.group(0), None)
    return list(seen)
