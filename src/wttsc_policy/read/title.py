"""What a policy says about itself in its title: the name of the school or setting.

"Maple Lane Primary School: Child Protection and Safeguarding Policy" names the school;
an inserted clause should say "Maple Lane Primary School", never "[school name]". The
name is the title without the policy's own name ("Safeguarding and Child Protection
Policy"), its year ("2019-20") and the separators between them.
"""

from __future__ import annotations

import re

from wttsc_policy.document import BlockKind, Document
from wttsc_policy.read.outline import title_block
from wttsc_policy.regexcode import compile_regex

_POLICY = compile_regex(
    r"\b(?:(?:whole[- ]school|the|our)\s+)?(?:(?:child\s+protection|safeguarding|(?:and|&)|children|welfare|"
    r"protecting|keeping|safe|policy|procedures?|statement|\s)+)?\s*(?:policy|procedures?)\b.*$",
    re.I,
)
_YEAR = compile_regex(r"\s*[(\[]?\b(?:19|20)\d\d(?:\s*[-/–]\s*(?:19|20)?\d\d)?\b[)\]]?\s*$")
_SEPARATORS = " \t:;,.–—-|"
_SETTING = compile_regex(
    r"\b(?:school|academy|college|nursery|pre-?school|childminding|childminder|unit|centre|center|trust|"
    r"kindergarten|provision|federation|sixth form|playgroup|day care)\b",
    re.I,
)


def _smart_case(name: str) -> str:
    """An all-capitals title in the case a sentence uses ("ST BEDE'S ... SCHOOL")."""
    if not name.isupper():
        return name
    small = {"of", "and", "the", "for", "in", "on", "at", "by"}
    words = []
    for i, word in enumerate(name.lower().split()):
        words.append(word if i and word in small else word[:1].upper() + word[1:])
    return " ".join(words)


def school_name_from_title(doc: Document) -> str | None:
    """The school's name as the title gives it, or None when the title does not name a
    school or setting (a title of only "Child Protection Policy")."""
    block = title_block(doc)
    if block is None:
        first = next((b for b in doc.blocks if b.part == "body"), None)
        if first is None or first.kind not in (BlockKind.HEADING, BlockKind.PARAGRAPH) or len(first.text) > 120:
            return None
        block = first
    text = " ".join(block.text.split())
    name = _POLICY.sub("", text)
    name = _YEAR.sub("", name).strip(_SEPARATORS)
    name = _YEAR.sub("", name).strip(_SEPARATORS)
    if not name or len(name.split()) > 10 or not _SETTING.search(name):
        return None
    return _smart_case(name)
