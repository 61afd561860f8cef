"""CriticMarkup (`{++added++}`, `{--deleted--}`, `{>>comment<<}`): accept or reject it all.

Used by the tests (Reject All must give back the original file) and by anyone who wants
the clean text of a redline.
"""

from __future__ import annotations

import re

from wttsc_policy.regexcode import compile_regex

_CRITIC = compile_regex(r"\{\+\+(.*?)\+\+\}|\{--(.*?)--\}|\{>>(.*?)<<\}|\{~~(.*?)~>(.*?)~~\}", re.S)


def resolve_critic(text: str, mode: str) -> str:
    """Accept or reject every CriticMarkup change (comments are dropped)."""

    def sub(m: re.Match[str]) -> str:
        added, deleted, _note, sub_old, sub_new = m.groups()
        if added is not None:
            return added if mode == "accept" else ""
        if deleted is not None:
            return "" if mode == "accept" else deleted
        if sub_old is not None:
            return sub_new if mode == "accept" else sub_old
        return ""

    return _CRITIC.sub(sub, text)
