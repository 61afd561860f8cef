"""plan/sentences.Seen: a clause sentence the policy (or planned text) already has is
dropped, whatever its quotes or case; one the policy does not have is kept."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from wttsc_policy.plan.sentences import MIN_WORDS, WORD, Seen, has_words, key, split, words

SENTENCES = [
    "Staff must report every concern to the DSL straight away.",
    "The designated safeguarding lead works with the local partnership.",
    "We follow Working Together to Safeguard Children 2026 in full.",
    "Children’s views are sought and recorded at every stage.",
    "The governing board reviews this policy every year, e.g. in September.",
    "Short one.",
    "İstanbul office staff receive the same training as everyone else.",
]


def _eager(texts: list[str], query: str) -> str:
    keys = {key(s) for t in texts for s in split(t) if words(s) >= MIN_WORDS}
    return " ".join(s for s in split(query) if words(s) < MIN_WORDS or key(s) not in keys)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(SENTENCES), max_size=4).map(" ".join), max_size=6),
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3).map(" ".join),
)
def test_answers_like_a_plain_set_of_sentence_keys(paragraphs, query):
    assert Seen(paragraphs).new_part(query) == _eager(paragraphs, query)


def test_sentence_found_only_in_a_later_paragraph_and_with_other_quotes():
    policy = [
        "Intro text that says nothing relevant here at all.",
        "Children's views are sought and recorded at every stage.",
    ]
    seen = Seen(policy)
    assert seen.new_part(
        "Children’s views are sought and recorded at every stage. New sentence is added here now."
    ) == ("New sentence is added here now.")


def test_planned_text_counts_once_added():
    seen = Seen(["Nothing to see in this paragraph of the policy."])
    clause = "The DSL shares information with the partnership when asked."
    assert seen.new_part(clause) == clause
    seen.add(clause)
    assert seen.new_part(clause) == ""


# -- the fast split, key and word test against their plain definitions ---------------------
# (a look-behind regex over text with protected abbreviations; a regex per replacement):
# the plain forms, kept here as the reference, scanned every position and took 3x longer.
# (The plain split also turned a NUL into a full stop; Word text never holds one.)
_PLAIN_ABBREVIATION = re.compile(r"(?<![\w.])(?:e\.g|i\.e|etc|No|no|para|paras|s|ss|St|Mr|Mrs|Dr|Ms|cf|approx)\.")
_PLAIN_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def _plain_split(text: str) -> list[str]:
    protected = _PLAIN_ABBREVIATION.sub(lambda m: m.group(0).replace(".", "\x00"), text)
    return [part.replace("\x00", ".").strip() for part in _PLAIN_END.split(protected) if part.strip()]


def _plain_key(sentence: str) -> str:
    text = sentence
    for old, new in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"), ("\u00a0", " ")):
        text = text.replace(old, new)
    return re.sub(r"\s+", " ", text).strip().lower().rstrip(" ;,.:")


PIECES = [
    *(f"{a}. " for a in ("e.g", "i.e", "etc", "No", "no", "para", "paras", "s", "ss", "St", "Mr", "Dr", "approx")),
    "e.g.", "xe.g. ", ".e.g. ", "Mrs.", "x.", "A", "b", "7", " ", "  ", "\t", "\n", "\u00a0", "\u2003",
    ".", "!", "?", '"', "”", "“", "’", "‘", "'", ")", "(", "[", "–", "—", ";", ",", ":", "İ", "word",
    "-", "--", "_", "é", "Ab9", "x'y", "\x7f", "\x0b",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join))
def test_split_key_and_word_count_agree_with_their_plain_definitions(text):
    assert split(text) == _plain_split(text)
    assert key(text) == _plain_key(text)
    assert words(text) == len(WORD.findall(text))
    for n in (0, 1, 3, MIN_WORDS):
        assert has_words(text, n) == (words(text) >= n)
