"""Sentences and words of planned text: no sentence twice in the updated policy, and the
word counts the growth budget is kept in.

A sentence is compared normalised (case, quotes, dashes, spaces and closing punctuation
folded), so a clause sentence the policy already has, or another inserted text already
says, is dropped from the new text rather than written twice.
"""

from __future__ import annotations

from collections.abc import Iterable

from wttsc_policy.plan.model import NewParagraph
from wttsc_policy.regexcode import compile_regex

WORD = compile_regex(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
# Abbreviations whose full stop does not end a sentence (whole words only: "carers." ends one),
# matched ending at a full stop: "e.g" in "... e.g. Mary".
_ABBREVIATION_BEFORE = compile_regex(r"(?<![\w.])(?:e\.g|i\.e|etc|No|no|para|paras|s|ss|St|Mr|Mrs|Dr|Ms|cf|approx)\Z")
_LONGEST_ABBREVIATION = len("approx")
# A sentence end: its punctuation, closing quotes or brackets, space, then what can start
# a sentence. The punctuation comes first (not a look-behind), so re jumps between the
# few candidates instead of trying every position.
_END = compile_regex(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
# Shorter sentences ("Staff tell the DSL.") may repeat harmlessly; longer ones may not.
MIN_WORDS = 5


# For counting WORD matches without running the regex: a letter or digit stays, an
# apostrophe or hyphen goes (it only joins letters), anything else becomes a space. Every
# match of WORD is then one run of letters and digits, and every such run one match.
_WORD_BYTES = bytes(c if chr(c).isascii() and chr(c).isalnum() else (0x20 if c not in b"'-" else c) for c in range(256))


def words(text: str) -> int:
    """Words as a reader counts them (numbers and hyphenated words count once): the
    matches of WORD, counted with byte operations (a tenth of the regex's time)."""
    plain = text.replace("’", "'").encode("ascii", "replace")  # other non-ASCII: '?', a separator
    return len(plain.translate(_WORD_BYTES, b"'-").split())


def has_words(text: str, n: int) -> bool:
    """Whether `text` has at least `n` words (stops counting at `n`)."""
    for count, _ in enumerate(WORD.finditer(text), 1):
        if count >= n:
            return True
    return n <= 0


def split(text: str) -> list[str]:
    """The sentences of one paragraph, in order, with their own punctuation: split after
    a full stop, '!' or '?' followed by space and a capital or digit, except the full
    stop of an abbreviation such as "e.g." or "Mr."."""
    out: list[str] = []
    start = 0
    for m in _END.finditer(text):
        stop = m.start() + 1  # the punctuation stays with its sentence
        if text[m.start()] == "." and _ABBREVIATION_BEFORE.search(
            text, max(0, m.start() - _LONGEST_ABBREVIATION), m.start()
        ):
            continue
        part = text[start:stop].strip()
        if part:
            out.append(part)
        start = m.end()
    part = text[start:].strip()
    if part:
        out.append(part)
    return out


def key(sentence: str) -> str:
    """A sentence folded for comparison: lower case, plain quotes and dashes, single spaces,
    no closing punctuation."""
    text = sentence
    if not text.isascii():  # every character replaced here is outside ASCII
        text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
        text = text.replace("–", "-").replace("—", "-").replace("\u00a0", " ")
    return " ".join(text.split()).lower().rstrip(" ;,.:")


class Seen:
    """Sentences already in the updated policy (the original's and those planned so far)."""

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self._keys: set[str] = set()
        for text in dict.fromkeys(texts):  # a paragraph repeated (headers, footers) adds nothing new
            self.add(text)

    def add(self, text: str) -> None:
        for sentence in split(text):
            if has_words(sentence, MIN_WORDS):
                self._keys.add(key(sentence))

    def new_part(self, text: str) -> str:
        """`text` without the sentences already seen (nothing is recorded)."""
        kept = [s for s in split(text) if words(s) < MIN_WORDS or key(s) not in self._keys]
        return " ".join(kept)


def without_repeats(paragraphs: list[NewParagraph], seen: Seen) -> list[NewParagraph]:
    """Clause paragraphs with every sentence already in the policy (or already planned)
    removed, and repeats inside the clause too; a paragraph left empty goes, and so does a
    lead-in (ending with ':') whose list went. Nothing is recorded in `seen`."""
    mine = Seen()
    kept: list[NewParagraph] = []
    for para in paragraphs:
        if para.kind == "heading":
            kept.append(para)
            continue
        text = mine.new_part(seen.new_part(para.text))
        mine.add(text)
        if text:
            kept.append(NewParagraph(text, para.kind, para.level, para.like))
    out: list[NewParagraph] = []
    for i, para in enumerate(kept):
        nxt = kept[i + 1] if i + 1 < len(kept) else None
        if para.kind == "paragraph" and para.text.endswith(":") and (nxt is None or nxt.kind != "bullet"):
            continue
        out.append(para)
    while out and out[-1].kind == "heading":
        out.pop()
    return out


def paragraphs_words(paragraphs: Iterable[NewParagraph]) -> int:
    return sum(words(p.text) for p in paragraphs)
