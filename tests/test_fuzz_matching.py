"""The matcher's one-pass search over joined blocks must agree exactly with searching
each block on its own, for any pattern and any text (hypothesis), and the literal
prefilter must never skip a block that a pattern matches."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from wttsc_policy.match.prefilter import Joined as _Joined
from wttsc_policy.match.prefilter import required_literals

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text over a small alphabet so patterns hit often; includes the characters that
# re.IGNORECASE equates with ASCII letters, upper case, line breaks and the separator.
ALPHABET = "abcab  ..\n-'kKsſıIİ\x00é"
texts = st.lists(st.text(alphabet=ALPHABET, max_size=25), max_size=8)

atom = st.one_of(
    st.sampled_from(["a", "b", "c", "ab", "abc", "ca", "k", "s", "i", "cab", "bca", "é"]),
    st.sampled_from([r"\w", r"\W", r"\s", r"\S", ".", "[ab]", "[^.]", "[^a]", r"\d", "[a-c]", r"\."]),
    st.sampled_from([r"\b", r"\B", "^", "$", r"\A", r"\Z", "(?=a)", "(?!b)", "(?<=a)", "(?<!c)"]),
)


@st.composite
def pattern(draw, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        choice = draw(st.integers(0, 9 if depth < 2 else 5))
        if choice <= 5:
            piece = draw(atom)
        elif choice == 6:
            piece = "(?:" + "|".join(draw(st.lists(pattern(depth + 1), min_size=2, max_size=3))) + ")"
        elif choice == 7:
            piece = "(" + draw(pattern(depth + 1)) + ")"
        elif choice == 8:
            piece = "(?>" + draw(pattern(depth + 1)) + ")"
        else:
            piece = "(?:" + draw(pattern(depth + 1)) + ")"
        quant = draw(st.sampled_from(["", "", "", "?", "*", "+", "{0,3}", "{1,2}", "*?", "+?", "*+", "{2}"]))
        if (quant and piece in ("^", "$", r"\A", r"\Z", r"\b", r"\B")) or piece.startswith(("(?=", "(?!", "(?<")):
            quant = ""
        parts.append(piece + quant)
    return "".join(parts)


def compiled(source: str, ignorecase: bool) -> re.Pattern[str] | None:
    try:
        return re.compile(source, re.IGNORECASE if ignorecase else 0)
    except re.error:
        return None


@PROPERTY
@given(blocks=texts, source=pattern(), ignorecase=st.booleans(), lower=st.booleans())
def test_joined_search_equals_per_block_search(blocks, source, ignorecase, lower) -> None:
    regex = compiled(source, ignorecase)
    if regex is None:
        return
    if lower:  # the matcher searches folded text: mostly lower case
        blocks = [b.lower() for b in blocks]
    expected = [k for k, text in enumerate(blocks) if regex.search(text)]
    joined = _Joined(blocks)
    assert list(joined.blocks_matching(regex)) == expected
    assert joined.first_match(regex) == (expected[0] if expected else None)


@PROPERTY
@given(
    pieces=st.lists(
        st.lists(
            st.sampled_from(["ab", "ca", "x ab", "ca y", "bc", "k.", "a-", "Ab ", "design", "co"])
            | st.text(alphabet=ALPHABET.replace("\n", ""), min_size=1, max_size=6),
            max_size=5,
        ),
        max_size=5,
    ),
    gap=st.sampled_from([" ", "  ", "\n", " \n", "   "]),
    source=pattern()
    | st.builds(  # two strings with a gap: the window must reach across it
        lambda a, gap, b: f"{a}{gap}{b}",
        st.sampled_from(["ab", "ca", "bc", "k", r"\bco-?"]),
        st.sampled_from([r"\s", r"\s+", r"\s*", r"[^.]", r"\W{1,2}", r" ?\s", r"\s+\w*\s+", r"\w*\s+", r"\S+ ?"]),
        st.sampled_from(["ab", "ca", "bc", "a", r"design\b"]),
    ),
    ignorecase=st.booleans(),
)
@example(pieces=[["zz", "ab", "ca", "zz"]], gap="   ", source=r"ab\s+ca", ignorecase=True)
@example(pieces=[["zz", "ca", "xcdefghijk", "ab", "zz"]], gap=" ", source=r"ca\s+\w*\s*ab", ignorecase=False)
@example(pieces=[["co", "designated"], ["co", "design"]], gap="  ", source=r"\bco-?\s*design\b", ignorecase=True)
def test_windowed_search_of_long_texts_equals_a_whole_search(pieces, gap, source, ignorecase) -> None:
    """Long texts (outline sections) are searched in windows around the strings a match
    needs, as wide as the longest match can be: the same blocks as a whole search."""
    from wttsc_policy.match import prefilter

    regex = compiled(source, ignorecase)
    if regex is None:
        return
    blocks = [gap.join(block).lower() for block in pieces]
    expected = [k for k, text in enumerate(blocks) if regex.search(text)]
    saved = prefilter.LONG_TEXT
    prefilter.LONG_TEXT = 0  # every text counts as long
    try:
        assert list(_Joined(blocks).blocks_matching(regex)) == expected
    finally:
        prefilter.LONG_TEXT = saved


@PROPERTY
@given(text=st.text(alphabet=ALPHABET, max_size=40), source=pattern(), ignorecase=st.booleans())
def test_required_literals_are_required(text, source, ignorecase) -> None:
    regex = compiled(source, ignorecase)
    if regex is None:
        return
    literals = required_literals(regex.pattern, regex.flags)
    if not literals:
        return
    probe = text.lower() if ignorecase else text
    if ignorecase and (probe != probe.lower() or "ı" in probe or "ſ" in probe):
        return  # the matcher does not use literals on such text (see _Joined._literals_apply)
    m = regex.search(probe)
    if m:
        # some set of required strings occurs whole in the text
        assert any(all(lit in probe for lit in term) for term in literals), (source, literals, probe)


def test_real_rule_patterns_agree_on_a_real_policy() -> None:
    """Every cue and pattern of the shipped rules, on the Oakfield example, both ways."""
    from pathlib import Path

    from wttsc_policy.normalise import normalise
    from wttsc_policy.read import read_document
    from wttsc_policy.rulepacks.load import load_ruleset

    root = Path(__file__).resolve().parent.parent
    doc = read_document(root / "examples" / "oakfield-primary-2018.md")
    folded = [normalise(b.text).folded for b in doc.blocks]
    joined = _Joined(folded)
    checked = 0
    for rule in load_ruleset([]).rules:
        # a cue's regexes are its terms (proximity cues and alternatives hold several)
        regexes = list(rule.cue_terms) + [p.regex for p in rule.compiled] + list(rule.compiled_exclusions)
        for regex in regexes:
            expected = [k for k, text in enumerate(folded) if regex.search(text)]
            assert list(joined.blocks_matching(regex)) == expected, (rule.id, regex.pattern)
            checked += 1
    assert checked > 50


@PROPERTY
@given(
    text=st.text(
        alphabet=st.sampled_from("ab Z\t\n\r\x0b\x0c`'\"-\u2019\u201c\u2013\u00a0\u00ad\u200b\u0131\u00e9\u2028\x85"),
        max_size=40,
    )
    | st.text(max_size=40)
)
def test_fast_translate_equals_the_table(text) -> None:
    from wttsc_policy.normalise import _TABLE, normalise, translate

    assert translate(text) == text.translate(_TABLE)
    norm = normalise(text)
    assert len(norm.folded) == len(norm.plain)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", "b", "\\s+", "\\s*", "\\n", "[^x]", "[^x]+", "\\W+", ".", "(?s:.)", "(?:a|\\s)"]),
        max_size=6,
    ),
    st.lists(st.sampled_from(["a", "b", " ", "\n", "x", "-"]), max_size=30),
)
def test_line_break_bound_holds(parts, chars):
    """prefilter.max_line_breaks: no match holds more line breaks than the bound, in text
    without a blank line."""
    import re

    from wttsc_policy.match.literals import max_line_breaks

    pattern = "".join(parts)
    text = "".join(chars)
    if any(not line.strip() for line in text.split("\n")) or not pattern:
        return
    bound = max_line_breaks(pattern, 0)
    if bound is None:
        return
    for start in range(len(text) + 1):
        m = re.compile(pattern).match(text, start)
        if m:
            assert m.group().count("\n") <= bound, (pattern, text, m.group())


@PROPERTY
@given(
    blocks=texts,
    literal=st.text(alphabet="abck -.'\x00Kı", min_size=1, max_size=4),
    members=st.lists(st.integers(0, 7), max_size=8, unique=True),
)
def test_blocks_with_a_string_are_exactly_those_holding_it(blocks, literal, members) -> None:
    """The vocabulary lookup never misses a block (nor invents one), also for a Joined
    made of a selection of another's blocks (the body zone)."""
    joined = _Joined(blocks)
    assert joined.blocks_with(literal) == {k for k, t in enumerate(blocks) if literal in t}
    if joined.frequency(literal) == 0:  # an estimate, but never 0 for a string that occurs
        assert not any(literal in t for t in blocks)
    members = sorted(m for m in members if m < len(blocks))
    part = _Joined([blocks[m] for m in members], of=joined, members=members)
    assert part.blocks_with(literal) == {i for i, m in enumerate(members) if literal in blocks[m]}


@PROPERTY
@given(
    blocks=texts,
    assignment=st.lists(st.integers(-1, 3), min_size=8, max_size=8),
    literal=st.text(alphabet="abck -.'\x00Kı", min_size=1, max_size=4),
    source=pattern(),
    ignorecase=st.booleans(),
)
def test_groups_of_blocks_answer_like_their_joined_texts(blocks, assignment, literal, source, ignorecase) -> None:
    """An outline's sections (blocks joined with two spaces) take their words from the
    blocks' vocabulary; every answer is that of a plain Joined of the section texts."""
    # each block in one section at most (-1: in none, as a block under the title)
    groups = [[k for k in range(len(blocks)) if assignment[k] == g] for g in range(4)]
    texts_of = ["  ".join(blocks[k] for k in g) for g in groups]
    grouped = _Joined(texts_of, groups=(_Joined(blocks), groups))
    plain = _Joined(texts_of)
    assert grouped.blocks_with(literal) == plain.blocks_with(literal)
    assert bool(grouped.frequency(literal)) == bool(plain.frequency(literal))
    regex = compiled(source, ignorecase)
    if regex is not None:
        assert list(grouped.blocks_matching(regex)) == list(plain.blocks_matching(regex))


@PROPERTY
@given(text=st.text(alphabet=ALPHABET + "\t\u00a0\u2003", max_size=40), source=pattern(), ignorecase=st.booleans())
@example(text="ab", source=r"\w*", ignorecase=False)
@example(text=" ab  ca", source=r"\Bb", ignorecase=False)
@example(text=" ab", source="^ab", ignorecase=False)
@example(text="ab ", source=r"ab\Z", ignorecase=True)
@example(text="ab c", source=r"b(?=\s)", ignorecase=False)
def test_a_regex_said_to_stay_within_a_word_matches_a_text_as_it_matches_one_of_its_words(
    text, source, ignorecase
) -> None:
    from wttsc_policy.match.widths import within_a_word

    regex = compiled(source, ignorecase)
    if regex is None or not within_a_word(regex.pattern, regex.flags):
        return
    assert bool(regex.search(text)) == any(regex.search(word) for word in text.split())


@PROPERTY
@given(
    blocks=texts,
    source=pattern() | st.sampled_from([r"\bab\w*", r"\b(?:ca|bc)\b", r"k\.", r"\w+-", r"[ab]+"]),
    ignorecase=st.booleans(),
    members=st.lists(st.integers(0, 7), max_size=8, unique=True),
)
def test_blocks_found_from_their_words_are_those_a_search_finds(blocks, source, ignorecase, members) -> None:
    """A regex that stays within a word is answered from the indexed words (once the
    index exists): the same blocks as a search of each block, also for a selection."""
    regex = compiled(source, ignorecase)
    if regex is None:
        return
    joined = _Joined(blocks)
    joined.frequency("ab")  # builds the word index, as the matcher's first question does
    found = joined._by_words(regex, None)
    if found is None:  # not a regex that stays within a word
        return
    assert found == [k for k, text in enumerate(blocks) if regex.search(text)]
    assert list(joined.blocks_matching(regex)) == found
    members = sorted(m for m in members if m < len(blocks))
    part = _Joined([blocks[m] for m in members], of=joined, members=members)
    assert part._by_words(regex, None) == [i for i, m in enumerate(members) if regex.search(blocks[m])]


def test_cues_and_placement_with_the_prefilter_agree_with_plain_search() -> None:
    """Missing-topic cues (match/cues.py) and clause placement (read/outline.place_topic)
    answered with the prefilter give what a plain search of every block or section gives,
    for every missing-topic rule on both example policies."""
    from pathlib import Path

    from wttsc_policy.match.cues import cue_present, near_in_text
    from wttsc_policy.match.matcher import Matcher
    from wttsc_policy.normalise import normalise
    from wttsc_policy.read import read_document
    from wttsc_policy.read.outline import outline, place_topic
    from wttsc_policy.rulepacks.load import load_ruleset

    root = Path(__file__).resolve().parent.parent
    rules = [r for r in load_ruleset([]).rules if r.kind == "missing_topic"]
    matcher = Matcher(rules)
    checked = 0
    for name in ("oakfield-primary-2018.docx", "riverside-academy-2023.md"):
        doc = read_document(root / "examples" / name)
        folded = [normalise(b.text).folded for b in doc.blocks]
        joined = _Joined(folded)
        matcher._heading_cache = None
        index = matcher._section_index(doc, matcher._prepare(doc))  # texts and words from the blocks'
        sections, matching = index.outline, index.matching
        plain_sections = outline(doc)
        assert sections.texts == plain_sections.texts
        for rule in rules:
            for cue in rule.compiled_cues:
                plain = any(
                    all(t.search(text) for t in alt.terms) and (alt.within is None or near_in_text(text, alt))
                    for alt in cue
                    for text in folded
                )
                assert cue_present(cue, joined) == plain, rule.id
                checked += 1
            fast = place_topic(
                doc, rule.place_under, rule.cue_terms, sections=sections, matching=matching, titled=index.titled
            )
            slow = place_topic(doc, rule.place_under, rule.cue_terms, sections=plain_sections)
            assert fast is slow, rule.id
    assert checked > 20


@PROPERTY
@given(blocks=texts, sources=st.lists(pattern(), min_size=1, max_size=3), lower=st.booleans())
def test_candidates_of_all_is_the_intersection_of_each_regexs_candidates(blocks, sources, lower) -> None:
    regexes = [r for r in (compiled(s, True) for s in sources) if r is not None]
    if lower:
        blocks = [b.lower() for b in blocks]
    joined = _Joined(blocks)
    each = [c for c in (joined.candidates(r) for r in regexes) if c is not None]
    expected = set.intersection(*(set(c) for c in each)) if each else None
    assert joined.candidates_of_all(regexes) == expected


def _translate_by_characters(pattern: str) -> str:
    """The definition rulepacks.patterns.translate must keep: one character at a time
    (as it was written before it jumped between special characters; a trailing space,
    which made that loop raise StopIteration, is a whitespace run)."""
    out: list[str] = []
    in_class = escaped = False
    chars = iter(enumerate(pattern))
    for i, ch in chars:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif in_class:
            out.append(ch)
            if ch == "]":
                in_class = False
        elif ch == "[":
            out.append(ch)
            in_class = True
        elif ch == " ":
            nxt = pattern[i + 1] if i + 1 < len(pattern) else ""
            if nxt and nxt in "?*":
                next(chars)
                out.append(r"\s*")
            elif out and out[-1] == r"\s+":
                continue
            else:
                if nxt == "+":
                    next(chars)
                out.append(r"\s+")
        else:
            out.append(ch)
    return "".join(out)


@PROPERTY
@given(pattern=st.text(alphabet=st.sampled_from("ab \\[]^?*+s()|"), max_size=30))
def test_rule_pattern_translation_equals_its_definition(pattern) -> None:
    from wttsc_policy.rulepacks.patterns import translate

    assert translate(pattern) == _translate_by_characters(pattern)


def test_rule_pattern_translation_of_every_shipped_pattern() -> None:
    from wttsc_policy.rulepacks.load import load_ruleset
    from wttsc_policy.rulepacks.patterns import translate

    patterns = set()
    for rule in load_ruleset([]).rules:
        for p in rule.patterns:
            patterns.add(p if isinstance(p, str) else p.regex)
        patterns.update(rule.exclusions)
    assert len(patterns) > 100
    for pattern in patterns:
        assert translate(pattern) == _translate_by_characters(pattern), pattern


def test_the_written_out_whitespace_is_what_python_calls_whitespace() -> None:
    """match/widths.WHITESPACE lists every character str.isspace() and re's \\s accept."""
    import sys

    from wttsc_policy.match.widths import WHITESPACE

    everything = "".join(chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace())
    assert everything == WHITESPACE
    assert all(re.fullmatch(r"\s", c) for c in WHITESPACE)


def test_definition_units_found_with_the_prefilter_are_those_a_scan_of_every_block_finds() -> None:
    """match/units.incomplete_units reads only the blocks its lead-ins match in the joined
    text; the findings must be those of reading every block, on the example policies and
    on a policy with half-updated definitions in several forms."""
    from pathlib import Path

    from wttsc_policy.match.units import incomplete_units
    from wttsc_policy.normalise import normalise
    from wttsc_policy.read import read_document, read_string
    from wttsc_policy.rulepacks.load import load_ruleset

    root = Path(__file__).resolve().parent.parent
    rules = [r for r in load_ruleset([]).rules if r.unit is not None and r.unit.requires]
    assert rules
    half = (
        "# Definitions\n\nSafeguarding and promoting the welfare of children means:\n\n"
        "- protecting children from maltreatment, whether that is within or outside the home, including online;\n"
        "- taking action to enable all children to have the best outcomes.\n\n"
        "1.2 Safeguarding means protecting children from maltreatment, whether within or outside the home, "
        "including online, and preventing impairment of children's mental and physical health or development.\n\n"
        "Safeguarding means:\n\nSee the list below.\n"
    )
    docs = [read_document(root / "examples" / n) for n in ("oakfield-primary-2018.docx", "riverside-academy-2023.md")]
    docs.append(read_string(half, "markdown"))
    found = 0
    for doc in docs:
        norms = [normalise(b.text) for b in doc.blocks]
        joined = _Joined([n.folded for n in norms])
        for rule in rules:
            fast = incomplete_units(rule, doc, norms, [], {}, joined)
            slow = incomplete_units(rule, doc, norms, [], {})
            assert [(f.block, f.block_start, f.match) for f in fast] == [
                (f.block, f.block_start, f.match) for f in slow
            ], rule.id
            found += len(slow)
    assert found >= 2
