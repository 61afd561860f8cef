"""Control and bidirectional characters from documents and file names made visible.

The base of every output's escaping (render/escape.py builds the markdown and HTML
forms on it): a terminal must never receive an escape sequence from a policy, and no
output may show text in a different order than it is stored.
"""

from __future__ import annotations

import re

from wttsc_policy.regexcode import compile_regex

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = compile_regex("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + _BIDI + "]")


def _show(m: re.Match[str]) -> str:
    ch = m.group(0)
    return f"<U+{ord(ch):04X}>" if ch in _BIDI else f"\\x{ord(ch):02x}"


def visible(text: str) -> str:
    """Control and bidi characters as visible escapes; everything else unchanged."""
    return _UNSAFE.sub(_show, text)


def one_line(text: str) -> str:
    """`visible`, with every run of whitespace (line breaks included) as one space."""
    return visible(" ".join(text.split()))


_PATH_BREAKS = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t"})


def path_text(path: str) -> str:
    """A file name for a one-line message: line breaks shown as \\n, controls visible."""
    return visible(path.translate(_PATH_BREAKS))
