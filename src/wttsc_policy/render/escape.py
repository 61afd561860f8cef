"""Text from documents (and file names) made safe for each kind of output, in one place.

A policy can hold anything: terminal escape sequences, bidirectional controls that make
a terminal or browser show text in another order than it is stored (a "Trojan source"
trick), markdown or HTML that would load a remote image or run a script once the
change notes are opened. Every renderer passes document text through one function
here at the point where it writes it:

* `visible`: control characters (C0 but tab and line breaks, DEL, C1) and bidi
  controls become visible escapes such as `\\x1b` and `<U+202E>`: terminal, stderr,
  GitHub annotations, and the base of the others;
* `markdown`: `visible`, whitespace collapsed to one line, and every character that
  could start markdown or HTML markup backslash-escaped (the change notes);
* `markdown_code`: for a value inside a `code span` (no backticks, one line).
HTML outputs autoescape in their templates and call `visible` for the bidi controls.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from wttsc_policy.regexcode import compile_regex
from wttsc_policy.safetext import one_line, visible

__all__ = ["markdown", "markdown_code", "one_line", "visible"]

# Characters that start markdown or HTML markup where they stand: backslash, backtick,
# '*', '<', '>', '|', '~'; '_' at a word's edge (inside a word it is plain text); '&' that
# would start an entity; '#' at the start; a ']' that could close a link or reference
# ("[x](url)", "[x]: url"). Escaping only these keeps the raw notes readable.
_MARKDOWN = compile_regex(r"([\\`*<>|~]|(?<!\w)_|_(?!\w)|&(?=#?\w+;)|^#|\](?=[(\[:]))")


def markdown(value: Any) -> str:
    """Document text as literal markdown: one line, no markup, no HTML."""
    if isinstance(value, Markup):
        return str(value)
    return _MARKDOWN.sub(r"\\\1", one_line(str(value)))


def markdown_code(value: Any) -> Markup:
    """A value for inside a `code span`: one line, no backticks (marked done)."""
    return Markup(one_line(str(value)).replace("`", "'"))
