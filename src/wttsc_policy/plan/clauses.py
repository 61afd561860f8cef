"""Rendered clause text -> the paragraphs an insertion adds, the placeholders in it, and
what clause templates may ask of the policy (`mentions`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from wttsc_policy.document import Document
from wttsc_policy.match.literals import literal_tests_exact, required_literals, satisfied
from wttsc_policy.normalise import fold
from wttsc_policy.plan.model import NewParagraph
from wttsc_policy.regexcode import compile_regex
from wttsc_policy.rulepacks.patterns import Regex, compile_pattern
from wttsc_policy.rulepacks.templates import PLACEHOLDER_PATTERN

_HEADING = compile_regex(r"^(#{1,6})\s+(.*)$")
_BULLET = compile_regex(r"^[-*]\s+")


def find_placeholders(text: str) -> list[str]:
    """Visible placeholders such as '[school name]' a person must fill in."""
    return list(dict.fromkeys(m.group(0) for m in PLACEHOLDER_PATTERN.finditer(text)))


def clause_paragraphs(text: str) -> list[NewParagraph]:
    """Rendered clause text -> paragraphs: blank lines separate them, '- ' lines are bullets."""
    out: list[NewParagraph] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [ln.rstrip() for ln in chunk.strip("\n").splitlines() if ln.strip()]
        para: list[str] = []
        for line in lines:
            stripped = line.strip()
            heading = _HEADING.match(stripped)
            if heading:
                _flush(para, out)
                out.append(NewParagraph(heading.group(2).strip(), "heading", len(heading.group(1))))
            elif _BULLET.match(stripped):
                _flush(para, out)
                out.append(NewParagraph(_BULLET.sub("", stripped), "bullet"))
            elif out and out[-1].kind == "bullet" and not para and line.startswith((" ", "\t")):
                last = out.pop()
                out.append(NewParagraph(f"{last.text} {stripped}", "bullet"))
            else:
                para.append(stripped)
        _flush(para, out)
    return out


def _flush(para: list[str], out: list[NewParagraph]) -> None:
    """Lines gathered so far become one paragraph."""
    if para:
        out.append(NewParagraph(" ".join(s.strip() for s in para)))
        para.clear()


class Mentions:
    """`mentions('operation encompass')` in a clause or replacement template: whether the
    ORIGINAL policy already says it (a rule regex over its body text), outside the passages
    the plan rewrites (`rewritten`: block, start, end), so new text can leave out what the
    policy keeps saying: `{% if not mentions('...') %}...{% endif %}`. Write the regex
    without backslashes: Jinja reads them as escapes inside a string literal."""

    def __init__(self, doc: Document, rewritten: Sequence[tuple[int, int, int]] = ()) -> None:
        self._doc = doc
        self._rewritten = rewritten
        self._folded: str | None = None  # built on the first question: most clauses ask none
        self._seen: dict[str, bool] = {}
        self._exact: bool | None = None

    @property
    def _text(self) -> str:
        """The body text as the plan leaves it unrewritten, folded."""
        if self._folded is None:
            cut: dict[int, list[tuple[int, int]]] = {}
            for block, start, end in self._rewritten:
                cut.setdefault(block, []).append((start, end))
            texts = []
            for b in self._doc.blocks:
                if b.part != "body":
                    continue
                text = b.text
                for start, end in sorted(cut.get(b.index, []), reverse=True):
                    text = text[:start] + " " + text[end:]
                texts.append(text)
            self._folded = fold("\n".join(texts))
        return self._folded

    def __call__(self, pattern: str) -> bool:
        if pattern not in self._seen:
            regex = compile_pattern(pattern)
            self._seen[pattern] = self._may_hold(regex) and regex.search(self._text) is not None
        return self._seen[pattern]

    def _may_hold(self, regex: Regex) -> bool:
        """False when the text lacks every set of strings a match needs (substring tests,
        where they are exact: see match/literals.py): a long policy is then not searched."""
        literals = required_literals(regex.pattern, regex.flags)
        if not literals:
            return True
        if self._exact is None:
            self._exact = literal_tests_exact(self._text)
        if regex.flags & re.IGNORECASE and not self._exact:
            return True
        return satisfied(literals, self._text)
