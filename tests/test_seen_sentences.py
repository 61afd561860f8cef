"""plan/sentences.Seen: a clause sentence the policy (or planned text) already has is
dropped, whatever its quotes or case; one the policy does not have is kept."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wttsc_policy.plan.sentences import MIN_WORDS, Seen, key, split, words

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
