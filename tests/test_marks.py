"""Finding quotation spans (:mod:`quotetrack.marks`): pure, no spaCy.

Every text here is a short invented news sentence. Covers issue 2, section 3: straight,
curly, single (British), « » and „ “ marks; apostrophes that are not marks; pairing by
family with nested quotes folded into the outer one; unbalanced marks; multi-paragraph
quotes; and the offset contract (``text[start:end] == quote text`` for one-part quotes).
"""

from __future__ import annotations

import random

import pytest

from quotetrack.marks import ALL_MARKS, QuoteSpan, find_spans


def texts(text: str) -> list[str]:
    """The words inside each quotation found in ``text``, in order."""
    return [span.text(text) for span in find_spans(text)]


def check_offsets(text: str, spans: list[QuoteSpan]) -> None:
    """The offset contract every span must keep."""
    previous_end = -1
    for span in spans:
        assert span.parts, "a span has at least one part"
        for s, e in span.parts:
            assert 0 <= s < e <= len(text)
        assert span.start == span.parts[0][0] and span.end == span.parts[-1][1]
        assert span.text(text) == " ".join(text[s:e] for s, e in span.parts)
        if not span.multi_part:
            assert text[span.start : span.end] == span.text(text)
        assert span.start >= previous_end, "spans are sorted and do not overlap"
        previous_end = span.end


# --- the mark families -----------------------------------------------------------------

FAMILIES = [
    pytest.param('The mayor said "the bridge will reopen" on Friday.', '"', id="straight-double"),
    pytest.param("The mayor said \u201cthe bridge will reopen\u201d on Friday.", "\u201c", id="curly-double"),
    pytest.param("The mayor said 'the bridge will reopen' on Friday.", "'", id="straight-single"),
    pytest.param("The mayor said \u2018the bridge will reopen\u2019 on Friday.", "\u2018", id="curly-single"),
    pytest.param("The mayor said \u00abthe bridge will reopen\u00bb on Friday.", "\u00ab", id="guillemets"),
    pytest.param("The mayor said \u00ab the bridge will reopen \u00bb on Friday.", "\u00ab", id="spaced-guillemets"),
    pytest.param("The mayor said \u201ethe bridge will reopen\u201c on Friday.", "\u201e", id="german-low-high"),
    pytest.param("The mayor said \u201ethe bridge will reopen\u201d on Friday.", "\u201e", id="low-high-right"),
]


@pytest.mark.parametrize("text, mark", FAMILIES)
def test_each_family_of_marks_gives_the_words_inside(text, mark):
    spans = find_spans(text)
    assert [s.text(text) for s in spans] == ["the bridge will reopen"]
    (span,) = spans
    assert span.mark == mark
    assert span.closed
    assert not span.multi_part
    assert text[span.start : span.end] == "the bridge will reopen"
    assert text[: span.start].rstrip().endswith(mark)


def test_punctuation_inside_the_marks_belongs_to_the_quote():
    text = '"We will rebuild the school," Jane Doe said. She added: "It will take a year."'
    assert texts(text) == ["We will rebuild the school,", "It will take a year."]


def test_several_quotes_in_one_paragraph_are_separate():
    text = 'Critics called the scheme "costly", "slow" and "unfair" in a joint letter.'
    assert texts(text) == ["costly", "slow", "unfair"]
    check_offsets(text, find_spans(text))


def test_quotes_after_brackets_and_dashes():
    text = "The report (\u201cA Town Adrift\u201d) was cited \u2014\u201cwithout consent\u201d\u2014 by the council."
    assert texts(text) == ["A Town Adrift", "without consent"]


def test_mixed_straight_and_curly_marks_still_pair():
    text = 'She called the offer "an insult\u201d and walked out. \u201cWe are done,\u201d she said.'
    assert texts(text) == ["an insult", "We are done,"]


# --- apostrophes -------------------------------------------------------------------------


def test_apostrophes_outside_quotes_are_not_marks():
    text = (
        "We don't know why Armenia\u2019s team left. In the '90s the town loved rock 'n' roll. "
        "The players' union met at the Smiths' house. It's O'Brien's turn."
    )
    assert find_spans(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("'We don't give up,' the coach said.", "We don't give up,", id="contraction"),
        pytest.param("'Armenia's future is at stake,' he said.", "Armenia's future is at stake,", id="possessive-straight"),
        pytest.param(
            "\u2018Armenia\u2019s future is at stake,\u2019 he said.",
            "Armenia\u2019s future is at stake,",
            id="possessive-curly",
        ),
        pytest.param("'Back in the '90s we had nothing,' she said.", "Back in the '90s we had nothing,", id="decade"),
        pytest.param(
            "'Neil O'Brien will not stand again,' the party said.",
            "Neil O'Brien will not stand again,",
            id="name-with-apostrophe",
        ),
        pytest.param(
            "'We love rock 'n' roll,' the singer said.",
            "We love rock 'n' roll,",
            id="rock-n-roll",
        ),
        pytest.param(
            "'The players' union won't back down,' he said.",
            "The players' union won't back down,",
            id="plural-possessive-straight",
        ),
        pytest.param(
            "\u2018The players\u2019 union won\u2019t back down,\u2019 he said.",
            "The players\u2019 union won\u2019t back down,",
            id="plural-possessive-curly",
        ),
    ],
)
def test_apostrophes_inside_single_quotes_do_not_close_them(text, expected):
    assert texts(text) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "He praised the 'wins and losses' of the season.", ["wins and losses"], id="s-then-lowercase-closes"
        ),
        pytest.param(
            "She called it 'a year of wins' and 'a turning point' for the club.",
            ["a year of wins", "a turning point"],
            id="s-close-before-a-new-quote",
        ),
    ],
)
def test_a_closing_single_mark_after_s_still_closes(text, expected):
    """``s'`` + lower-case word is a possessive only when a later mark can close the quote."""
    assert texts(text) == expected


# --- pairing by family, nesting -----------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "\"She told me 'never give up' and I listened,\" Ann Lee said.",
            "She told me 'never give up' and I listened,",
            id="straight-single-in-double",
        ),
        pytest.param(
            "\u201cShe told me \u2018never give up\u2019 and I listened,\u201d Ann Lee said.",
            "She told me \u2018never give up\u2019 and I listened,",
            id="curly-single-in-double",
        ),
        pytest.param(
            "\u2018She told me \u201cnever give up\u201d and I listened,\u2019 Ann Lee said.",
            "She told me \u201cnever give up\u201d and I listened,",
            id="british-double-in-single",
        ),
        pytest.param(
            '"It was "unfair" to us, and we said so," the farmer said.',
            'It was "unfair" to us, and we said so,',
            id="straight-double-in-double",
        ),
        pytest.param(
            '"He shouted \u201cstop\u201d twice," the driver said.',
            "He shouted \u201cstop\u201d twice,",
            id="curly-double-in-straight-double",
        ),
    ],
)
def test_a_nested_quote_is_part_of_the_outer_quote(text, expected):
    spans = find_spans(text)
    assert [s.text(text) for s in spans] == [expected]
    check_offsets(text, spans)


def test_single_and_double_quotes_side_by_side_are_both_found():
    text = "The minister called it 'a scandal'. \"We will act,\" she said."
    assert texts(text) == ["a scandal", "We will act,"]


# --- unbalanced marks --------------------------------------------------------------------


def test_an_unclosed_quote_ends_at_its_paragraph_end_and_later_quotes_are_found():
    text = (
        'The union leader said "we will strike until the end of the month\n\n'
        "The company made no comment on the dispute.\n\n"
        '"Talks resume on Monday," a spokeswoman said.'
    )
    spans = find_spans(text)
    assert [s.text(text) for s in spans] == [
        "we will strike until the end of the month",
        "Talks resume on Monday,",
    ]
    assert spans[0].closed is False
    assert spans[0].end == text.index("\n\n")
    assert spans[1].closed is True
    check_offsets(text, spans)


def test_an_unclosed_quote_at_the_end_of_the_article():
    text = 'The report ended: "We found no evidence of fraud'
    spans = find_spans(text)
    assert [s.text(text) for s in spans] == ["We found no evidence of fraud"]
    assert spans[0].closed is False


def test_a_stray_closing_mark_is_ignored():
    text = 'Prices rose" again in May.\n\n"We cannot cope," one shopper said.'
    assert texts(text) == ["We cannot cope,"]


def test_an_unclosed_quote_does_not_flip_the_pairs_after_it():
    text = 'He said "no.\n\nShe said "yes" and "maybe" on the same day.'
    assert texts(text) == ["no.", "yes", "maybe"]


@pytest.mark.parametrize("text", ['"', '""', "'", "\u201c", "\u201d\u201c", '"\n\n"', "'\n'", "\u00bb\u00ab", "   "])
def test_degenerate_texts_do_not_raise(text):
    check_offsets(text, find_spans(text))


def test_random_mixtures_of_marks_never_raise_and_keep_the_offset_contract():
    rng = random.Random(20240313)
    alphabet = list("ab ,.\n") + list(ALL_MARKS)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        check_offsets(text, find_spans(text))


# --- multi-paragraph quotes ---------------------------------------------------------------


@pytest.mark.parametrize("open_mark, close_mark", [('"', '"'), ("\u201c", "\u201d")], ids=["straight", "curly"])
def test_a_paragraph_that_leaves_a_quote_open_continues_in_the_next(open_mark, close_mark):
    first = "We have lost three harvests in a row."
    second = "Nobody in the valley can remember a drought like this,"
    text = f"{open_mark}{first}\n\n{open_mark}{second}{close_mark} farmer Owen Price said."
    spans = find_spans(text)
    assert len(spans) == 1
    (span,) = spans
    assert span.multi_part
    assert span.parts == [(1, 1 + len(first)), (text.index(second), text.index(second) + len(second))]
    assert span.text(text) == f"{first} {second}"
    assert span.start == 1
    assert span.end == text.index(second) + len(second)
    assert span.closed
    check_offsets(text, spans)


def test_a_quote_over_three_paragraphs_has_three_parts():
    text = '"First, the roads.\n\n"Then the schools.\n\n"Then the hospital," the governor said.'
    (span,) = find_spans(text)
    assert [text[s:e] for s, e in span.parts] == ["First, the roads.", "Then the schools.", "Then the hospital,"]
    assert span.text(text) == "First, the roads. Then the schools. Then the hospital,"


def test_paragraphs_separated_by_a_single_newline_also_continue():
    text = '"The line is closed.\n"It reopens in June," the operator said.'
    (span,) = find_spans(text)
    assert span.text(text) == "The line is closed. It reopens in June,"
    assert len(span.parts) == 2


def test_an_open_quote_followed_by_narration_is_not_continued():
    text = '"We are not finished yet\n\nThe vote is on Friday.\n\n"Count every ballot," she said.'
    spans = find_spans(text)
    assert [s.text(text) for s in spans] == ["We are not finished yet", "Count every ballot,"]
    assert not spans[0].multi_part and spans[0].closed is False


def test_a_lost_paragraph_break_inside_one_line_is_a_multi_part_quote():
    # texts whose paragraphs were merged into one line keep the marks of the break
    text = 'He said: "We have won the first round. "Now we must win the second," he added.'
    (span,) = find_spans(text)
    assert [text[s:e] for s, e in span.parts] == ["We have won the first round.", "Now we must win the second,"]
    assert span.text(text) == "We have won the first round. Now we must win the second,"


# --- the offset contract --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "\u201cWe will appeal,\u201d the club said. Its manager called the ban \u2018absurd\u2019.",
        '"Costs are rising," said Mary Quinn.\n\n"We have to act."',
        "Il a dit \u00ab nous partons \u00bb. Er sagte \u201eWir bleiben\u201c.",
    ],
)
def test_one_part_quotes_match_the_article_text_at_their_offsets(text):
    spans = find_spans(text)
    assert spans
    check_offsets(text, spans)
    for span in spans:
        assert not span.text(text).startswith(tuple(ALL_MARKS + " "))
        assert not span.text(text).endswith(tuple(ALL_MARKS + " "))
