"""The shipped templates, compiled ahead of time: `update` no longer parses, checks and
compiles each clause and the change notes on every run.

`python -m wttsc_policy.precompile` (precompile.py) writes one module per shipped template
into `wttsc_policy/_compiled_templates/`: Jinja's compiled form of the template, named
by a digest of the environment's compile-time options, the template's name and its
text. A loader (`load`) takes a template from there only when the text it has just read
from the pack gives that same digest, and only when the module was written by the Jinja
version installed; anything else (a trust's own template, an edited one, another Jinja)
is checked and compiled from its text as before. A shipped template passed
`check_template` when its module was written (the text is part of the digest, so the
verdict is the same), and it still renders in the sandbox.

The modules are part of the package, written by the project like its other code and
installed with it; nothing compiled is ever read from the user cache or any other
writable place (docs/security.md). tests/test_precompiled_templates.py fails when a
shipped template changes and its module was not written again.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wttsc_policy.digest import sha256

if TYPE_CHECKING:
    import jinja2

PACKAGE = "wttsc_policy._compiled_templates"
FOLDER = Path(__file__).resolve().parent.parent / "_compiled_templates"
_HEADER = "# Written by `python -m wttsc_policy.precompile`: do not edit.\n"


def profile(env: jinja2.Environment) -> str:
    """The options of `env` that change the code Jinja generates for a template."""
    finalize = env.finalize
    autoescape = env.autoescape if isinstance(env.autoescape, bool) else "select"
    return repr(
        (
            type(env).__name__,
            env.block_start_string,
            env.block_end_string,
            env.variable_start_string,
            env.variable_end_string,
            env.comment_start_string,
            env.comment_end_string,
            env.line_statement_prefix,
            env.line_comment_prefix,
            env.trim_blocks,
            env.lstrip_blocks,
            env.newline_sequence,
            env.keep_trailing_newline,
            env.optimized,
            None if finalize is None else getattr(finalize, "__qualname__", "finalize"),
            autoescape,
            tuple(sorted(env.extensions)),
            tuple(sorted(getattr(env, "intercepted_binops", ()))),
            tuple(sorted(getattr(env, "intercepted_unops", ()))),
        )
    )


def key(env: jinja2.Environment, name: str, source: str) -> str:
    """The module name of `name` with this text in this environment."""
    digest = sha256("\x00".join((profile(env), name, source)).encode("utf-8")).hexdigest()
    return "t_" + digest[:24]


def load(
    env: jinja2.Environment, name: str, source: str, globals: MutableMapping[str, Any] | None
) -> jinja2.Template | None:
    """The template from its compiled module, or None (no module for this text and
    environment, or one written by another Jinja version)."""
    module = key(env, name, source)
    path = FOLDER / f"{module}.py"
    if not path.is_file():
        return None
    from importlib.machinery import SourceFileLoader

    import jinja2

    try:
        # the code object only (from the package's bytecode when it has some); each
        # environment runs it in a namespace of its own, never in a shared module
        code = SourceFileLoader(f"{PACKAGE}.{module}", str(path)).get_code(f"{PACKAGE}.{module}")
        if code is None:
            return None
        template = env.template_class.from_code(env, code, {} if globals is None else globals, _always)
    except Exception:  # another Jinja's runtime names: compile from the text instead
        return None
    if template.root_render_func.__globals__.get("JINJA_VERSION") != jinja2.__version__:
        return None
    return template


def _always() -> bool:
    return True


def compiled_source(env: jinja2.Environment, name: str, source: str) -> str:
    """The module text for one template: Jinja's own compiled form, with the version
    that wrote it."""
    import jinja2

    code = env.compile(source, name, name, raw=True, defer_init=True)
    return f"{_HEADER}JINJA_VERSION = {jinja2.__version__!r}\n{code}\n"
