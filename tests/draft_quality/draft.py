"""One updated draft, ready to check: original and updated blocks, what the tool wrote, the notes.

"Inserted" means written by the tool: a sentence of the updated text that is not in the
original (sentences are compared normalised, as a multiset, so a sentence moved or repeated is
caught too). A sentence the tool edited counts as written by the tool, because the DSL signs
the whole sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .text import Block, blocks_for, normalize, text_of, words

HISTORY_HEADINGS = re.compile(
    r"version|history|document control|revision|changes in this version|change log|amendments", re.I
)
VERSION_CELL = re.compile(
    r"^(v(ersion)?\s*)?\d+(\.\d+)+$|^(january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{4}$",
    re.I,
)
MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
PAST_EVENT = re.compile(
    rf"\b(in|during|on|since)\s+((\d{{1,2}}\s+)?({MONTHS})\s+)?\d{{4}}\b[^.]*\b(was|were|had|attended|completed|received|took place|joined|briefed|trained|updated|approved|added)\b"
    rf"|\b(was|were|had been)\b[^.]*\b(in|on)\s+((\d{{1,2}}\s+)?({MONTHS})\s+)?(19|20)\d\d\b",
    re.I,
)


@dataclass
class Sentence:
    text: str
    block: int
    section: str
    inserted: bool


@dataclass
class Draft:
    """Everything a check may look at."""

    original: list[Block]
    updated: list[Block]
    notes: str
    expect: dict
    as_of: dt.date
    notes_path: Path | None = None
    output_path: Path | None = None
    check_report: dict | None = None
    sentences: list[Sentence] = field(default_factory=list)

    @classmethod
    def build(
        cls,
        original: str | list[Block],
        updated: str | list[Block],
        notes: str,
        expect: dict,
        as_of: dt.date,
        *,
        suffix: str = ".md",
        notes_path: Path | None = None,
        output_path: Path | None = None,
        check_report: dict | None = None,
    ) -> Draft:
        orig = blocks_for(suffix, original) if isinstance(original, str) else original
        upd = blocks_for(suffix, updated) if isinstance(updated, str) else updated
        draft = cls(orig, upd, notes or "", expect, as_of, notes_path, output_path, check_report)
        draft.sentences = draft._mark_inserted()
        return draft

    def _mark_inserted(self) -> list[Sentence]:
        pool = Counter(normalize(s) for b in self.original for s in b.sentences)
        out = []
        for block in self.updated:
            for s in block.sentences:
                key = normalize(s)
                if pool[key] > 0:
                    pool[key] -= 1
                    out.append(Sentence(s, block.index, block.section, False))
                else:
                    out.append(Sentence(s, block.index, block.section, True))
        return out

    # -- views -------------------------------------------------------------------------------

    @property
    def setting(self) -> str | None:
        return self.expect.get("setting")

    @property
    def inserted(self) -> list[Sentence]:
        return [s for s in self.sentences if s.inserted]

    @property
    def surviving(self) -> list[Sentence]:
        """Sentences of the original that are still in the updated text."""
        return [s for s in self.sentences if not s.inserted]

    def block(self, index: int) -> Block:
        return self.updated[index]

    def is_history(self, sentence: Sentence) -> bool:
        """A version-history row, a changes appendix, or a sentence about a past event."""
        block = self.updated[sentence.block]
        if HISTORY_HEADINGS.search(block.section or ""):
            return True
        if block.kind == "cell" and self._row_is_version(block.row):
            return True
        return bool(PAST_EVENT.search(sentence.text))

    def _row_is_version(self, row: int | None) -> bool:
        cells = [b.text for b in self.updated if b.row == row and b.kind == "cell"]
        return any(VERSION_CELL.match(c.strip()) for c in cells)

    @property
    def original_text(self) -> str:
        return text_of(self.original)

    @property
    def updated_text(self) -> str:
        return text_of(self.updated)

    def word_counts(self) -> tuple[int, int]:
        return words(self.original_text), words(self.updated_text)
