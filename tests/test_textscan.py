"""match/textscan.py finds exactly what re.finditer(pattern, text, re.IGNORECASE) finds.

It skips, strips and splits regexes for speed (issue 15: setting inference scanned a
700-page policy 30 times at re's slowest pace); these tests hold it to the plain regex on
the inference signals and on texts built to catch each shortcut.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from wttsc_policy.match.textscan import _branches, _unbounded, finditer_lower, lower_text
from wttsc_policy.settings import _SIGNALS

SIGNALS = [p for signals in _SIGNALS.values() for p, _ in signals]
EXTRA = [
    r"\bboard\b|\bboarding\b",  # two branches that overlap: the alternation decides
    r"\baa\b|\ba\b",
    r"\bab(?:c|d)\b",
    r"\bISI\b",  # upper case: never run on the lower-cased text
    r"[a-z]+ing\b",  # no leading \b
]
WORDS = [
    "governing",
    "board",
    "boarding",
    "boarders",
    "trustees",
    "trust",
    "isi",
    "ISI",
    "Isi",
    "aa",
    "a",
    "abc",
    "academy",
    "the",
    "our",
    "Academy's",
    "independent",
    "school",
    "xindependent",
    "_board",
    "é",
    "İ",
    "K",
]


def _plain(pattern: str, text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0).lower()) for m in re.finditer(pattern, text, re.IGNORECASE)]


def _fast(pattern: str, text: str) -> list[tuple[int, int, str]]:
    low, exact = lower_text(text)
    return [(m.start(), m.end(), m.group(0).lower()) for m in finditer_lower(pattern, text, low, exact)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), max_size=30), st.lists(st.sampled_from([" ", "-", "\n", "", "'s "]), max_size=30)
)
def test_same_matches_as_the_plain_regex(words, seps):
    text = "".join(w + (seps[i] if i < len(seps) else " ") for i, w in enumerate(words))
    for pattern in SIGNALS + EXTRA:
        assert _fast(pattern, text) == _plain(pattern, text), pattern


def test_boundaries_and_overlaps():
    text = "The Boarding house; boarders, xboard _board board-room Trustees ISI isi."
    for pattern in SIGNALS + EXTRA:
        assert _fast(pattern, text) == _plain(pattern, text), pattern
    assert [m[2] for m in _fast(r"\bboarding\b|\bboarders?\b", text)] == ["boarding", "boarders"]


def test_branches_split_at_the_top_level_only():
    assert _branches(r"\ba(?:b|c)\b|\bd[|]e\b|\bf\|g") == [r"\ba(?:b|c)\b", r"\bd[|]e\b", r"\bf\|g"]
    assert _branches("abc") == ["abc"]


def test_text_whose_case_folding_changes_length_uses_the_plain_regex():
    text = "İndependent school and independent school"  # 'İ'.lower() is two characters
    low, exact = lower_text(text)
    assert not exact
    assert _fast(r"\bindependent school\b", text) == _plain(r"\bindependent school\b", text)


def test_every_setting_signal_takes_the_fast_path():
    """A signal whose alternatives do not each start with \\b and a letter is searched at
    re's slowest pace over the whole policy (one such signal cost 8 ms at 70 pages)."""
    slow = [p for p in SIGNALS if _unbounded(p) is None]
    assert not slow


def test_signals_written_as_branches_match_what_their_grouped_forms_matched():
    """The signals were rewritten from a leading group ("\\b(?:the|our|this) academy") to
    branches; over texts holding every form, they match the same spans."""
    pairs = {
        r"\b(?:the|our|this) college(?:'s)?\b": r"\bthe college(?:'s)?\b|\bour college(?:'s)?\b|\bthis college(?:'s)?\b",
        r"\b(?:multi-)?academy trust\b": r"\bmulti-academy trust\b|\bacademy trust\b",
        r"\b(?:the|our|this) academy(?:'s)?\b": r"\bthe academy(?:'s)?\b|\bour academy(?:'s)?\b|\bthis academy(?:'s)?\b",
        r"\b(?:local authority )?maintained (?:school|special school|nursery school)s?\b": (
            r"\blocal authority maintained (?:school|special school|nursery school)s?\b"
            r"|\bmaintained (?:school|special school|nursery school)s?\b"
        ),
    }
    text = (
        "The Academy's trust; our academy and this academy. A multi-academy trust, an academy trust, "
        "xmulti-academy trust. The college's, our college, this college, thecollege. A local authority "
        "maintained school, maintained special schools, local authority maintained nursery school, "
        "maintained schools."
    )
    for grouped, branched in pairs.items():
        assert branched in SIGNALS
        assert _plain(branched, text) == _plain(grouped, text)
        assert _fast(branched, text) == _plain(grouped, text)


def _absent_for(text: str):
    from wttsc_policy.match.textscan import words_absent
    from wttsc_policy.partnerships.infer import text_words
    from wttsc_policy.partnerships.names import normalise

    return words_absent(text_words(normalise(text)))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*WORDS, "nursery", "childminder", "boarding-school", "pre-school", "o'brien's"]), max_size=30
    ),
    st.lists(st.sampled_from([" ", "-", "\n", "", "'s ", "’", "\u00ad", "&"]), max_size=30),
)
def test_the_word_list_never_hides_a_match(words, seps):
    """Given the policy's word list (as area inference makes it), a signal whose words
    it lacks is skipped without searching the text: never one the text matches."""
    text = "".join(w + (seps[i] if i < len(seps) else " ") for i, w in enumerate(words))
    low, exact = lower_text(text)
    absent = _absent_for(text)
    for pattern in SIGNALS + EXTRA:
        fast = [(m.start(), m.end()) for m in finditer_lower(pattern, text, low, exact, absent)]
        assert fast == [(s, e) for s, e, _ in _plain(pattern, text)], pattern


def test_setting_inference_with_the_word_list_is_the_same_on_the_examples():
    from pathlib import Path

    from wttsc_policy.partnerships.infer import document_words
    from wttsc_policy.read import read_document
    from wttsc_policy.settings import infer_setting

    root = Path(__file__).resolve().parent.parent
    guesses = []
    for path in sorted((root / "examples").rglob("*.*")):
        if path.suffix not in (".md", ".docx") or path.name.startswith("~$"):
            continue  # (a Word lock file in the trust example)
        doc = read_document(path)
        text = "\n".join(b.text for b in doc.blocks)
        guess = infer_setting(text, None, document_words(doc))
        assert guess == infer_setting(text), path
        guesses.append(guess)
    assert any(g is not None for g in guesses)
