"""Reported (indirect) speech as quotes of ``kind == "indirect"`` (issue 4, section 2).

Every article here is a short invented English news text: the names, bodies and events
are made up. Calendar fact used: 2023-09-24 is a Sunday, so an article published on
2023-09-26 (a Tuesday) that says "said on Sunday" dates the words 2023-09-24.
"""

from __future__ import annotations

from typing import Optional

import pytest

from quotetrack import nlp as nlp_mod
from quotetrack.component import set_context
from quotetrack.indirect import find_indirect
from quotetrack.models import Quote

PUBLISHED = "2023-09-26"


@pytest.fixture(scope="module")
def nlp_indirect():
    """The model with the quotetrack component configured to report indirect speech."""
    import spacy

    from quotetrack import component  # noqa: F401  registers the factory

    nlp = spacy.load(nlp_mod.model_name())
    nlp.add_pipe("quotetrack", config={"indirect": True})
    return nlp


@pytest.fixture(scope="module")
def nlp_default():
    return nlp_mod.load()


def run(nlp, text: str, published: Optional[str] = PUBLISHED) -> list[Quote]:
    doc = nlp(set_context(nlp.make_doc(text), published=published))
    quotes = doc._.quotes
    for q in quotes:
        if q.kind == "indirect":
            assert text[q.start : q.end] == q.text
            assert q.parts == [(q.start, q.end)]
    return quotes


def indirect(nlp, text: str, published: Optional[str] = PUBLISHED) -> list[Quote]:
    return [q for q in run(nlp, text, published) if q.kind == "indirect"]


def only(quotes: list[Quote]) -> Quote:
    assert len(quotes) == 1, [(q.text, q.speaker) for q in quotes]
    return quotes[0]


# --- what is reported ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Harriet Vole said that the new ferry terminal would open before the winter storms.",
        "Harriet Vole said the new ferry terminal would open before the winter storms.",
    ],
)
def test_a_named_speaker_with_and_without_that(nlp_indirect, text):
    q = only(indirect(nlp_indirect, text))
    assert q.text == "the new ferry terminal would open before the winter storms"
    assert (q.speaker, q.speaker_type, q.kind, q.cue, q.method) == ("Harriet Vole", "person", "indirect", "said", "indirect")
    assert q.said_on == PUBLISHED


def test_a_pronoun_resolves_to_the_person_named_before(nlp_indirect):
    text = (
        "Harriet Vole, the harbour master of Port Ellery, inspected the new pier on Monday.\n\n"
        "She said the repairs had cost far less than the council expected."
    )
    q = only(indirect(nlp_indirect, text))
    assert q.text == "the repairs had cost far less than the council expected"
    assert (q.speaker, q.speaker_mention, q.speaker_type) == ("Harriet Vole", "She", "person")


def test_told_reporters_that(nlp_indirect):
    q = only(indirect(nlp_indirect, "Coach Dario Brennick told reporters that his squad was ready for the final."))
    assert q.text == "his squad was ready for the final"
    assert (q.speaker, q.cue) == ("Dario Brennick", "told")


def test_the_day_in_the_narration_dates_the_claim(nlp_indirect):
    text = "Prime Minister Lavrenti Oskanyan said on Sunday that his country's border patrols were understaffed."
    q = only(indirect(nlp_indirect, text))
    assert q.text == "his country's border patrols were understaffed"
    assert q.speaker == "Lavrenti Oskanyan"
    assert q.said_on == "2023-09-24"


def test_a_day_inside_the_clause_is_not_when_it_was_said(nlp_indirect):
    q = only(indirect(nlp_indirect, "Harriet Vole said that the ferry terminal would reopen on Monday."))
    assert q.said_on == PUBLISHED


def test_a_perfect_has_no_day(nlp_indirect):
    q = only(indirect(nlp_indirect, "Harriet Vole has said that the ferry terminal will stay open all winter."))
    assert q.said_on is None


def test_indirect_quotes_are_less_confident_than_direct_ones(nlp_indirect):
    text = (
        '"We will keep every route running," Harriet Vole said.\n\n'
        "Harriet Vole said that the ferry terminal would open before the storms."
    )
    quotes = run(nlp_indirect, text)
    direct = [q for q in quotes if q.kind != "indirect"]
    reported = [q for q in quotes if q.kind == "indirect"]
    assert len(direct) == 1 and len(reported) == 1
    assert 0 < reported[0].confidence < direct[0].confidence


def test_an_organisation_speaks(nlp_indirect):
    q = only(indirect(nlp_indirect, "Brightwater Energy said that its profits had doubled in the last quarter."))
    assert q.text == "its profits had doubled in the last quarter"
    assert q.speaker_type == "organisation"
    assert q.speaker == "Brightwater Energy"


def test_a_fronted_clause_with_the_speaker_after(nlp_indirect):
    q = only(indirect(nlp_indirect, "The ferry terminal will open before the winter storms, Harriet Vole said."))
    assert q.text == "The ferry terminal will open before the winter storms"
    assert q.speaker == "Harriet Vole"


def test_adding_that_takes_the_subject_of_the_main_verb(nlp_indirect):
    text = "Harriet Vole praised the engineers, adding that the new pier would last a century."
    q = only(indirect(nlp_indirect, text))
    assert q.text == "the new pier would last a century"
    assert q.speaker == "Harriet Vole"


# --- what is not --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'Harriet Vole said that "the ferry terminal would open before the storms".',
        '"The ferry terminal will open before the storms," Harriet Vole said.',
        'Harriet Vole said the ferry terminal was "nearly finished" and would open soon.',
    ],
)
def test_a_sentence_with_a_direct_quote_gives_no_indirect_duplicate(nlp_indirect, text):
    quotes = run(nlp_indirect, text)
    assert quotes, "the direct quote is still found"
    assert [q for q in quotes if q.kind == "indirect"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Harriet Vole did not say whether the ferry terminal would open before the storms.",
        "Harriet Vole would not say if the ferry terminal would open before the storms.",
        "Harriet Vole told reporters how much the new ferry terminal would cost the town.",
    ],
)
def test_questions_are_not_claims(nlp_indirect, text):
    assert indirect(nlp_indirect, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Harriet Vole did not say that the ferry terminal would open before the storms.",
        "Harriet Vole will say that the ferry terminal is ready for the winter season.",
        "Harriet Vole is expected to announce that the ferry terminal will open next month.",
        "It was announced that the ferry terminal would open before the winter storms.",
        "Harriet Vole thinks that the ferry terminal will open before the winter storms.",
        "Harriet Vole said it was fine.",
        "The said company will open the ferry terminal before the winter storms.",
    ],
)
def test_no_claim_was_reported(nlp_indirect, text):
    assert indirect(nlp_indirect, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "They said that the ferry terminal would open before the winter storms.",
        "Officials said that the ferry terminal would open before the winter storms.",
        "Critics argue that the ferry terminal will never open before the storms.",
        "Harriet Vole and Dario Brennick agree that the ferry terminal will open soon.",
    ],
)
def test_no_indirect_quote_without_one_resolved_speaker(nlp_indirect, text):
    assert indirect(nlp_indirect, text) == []


def test_a_pronoun_after_an_unnamed_speaker_is_not_guessed(nlp_indirect):
    text = (
        "Harriet Vole opened the terminal on Monday.\n\n"
        "The crossing was delayed by fog, said a source close to the operator.\n\n"
        "He added that the engines had been serviced only last month."
    )
    # "he" is the source (a role: unnamed), never the named person before them
    quotes = indirect(nlp_indirect, text)
    assert all(q.speaker is None and q.speaker_type == "unnamed" for q in quotes)


def test_a_dateline_is_not_a_speaker(nlp_indirect):
    text = "PORT ELLERY, Nolland \u2013 Today, the Harbour Authority announced that the ferry terminal would reopen next spring."
    assert all("ELLERY" not in (q.speaker or "").upper() for q in indirect(nlp_indirect, text))


def test_it_is_not_guessed_to_be_a_company(nlp_indirect):
    text = (
        "Brightwater Energy published its annual review on Monday.\n\n"
        "It said that the wind farm would double its output by next summer."
    )
    assert indirect(nlp_indirect, text) == []


def test_one_of_a_group_stays_unnamed(nlp_indirect):
    text = (
        "Harriet Vole, a candidate for mayor, opened her campaign office on Monday.\n\n"
        "One candidate stated that the ferry terminal had been badly managed for years."
    )
    for q in indirect(nlp_indirect, text):
        assert q.speaker is None and q.speaker_type == "unnamed"


def test_a_second_hand_claim_is_reported_once_by_its_teller(nlp_indirect):
    text = "Harriet Vole said Dario Brennick had told her that the pier was unsafe for heavy lorries."
    q = only(indirect(nlp_indirect, text))
    assert q.speaker == "Harriet Vole"
    assert q.text.startswith("Dario Brennick had told her")


def test_according_to(nlp_indirect):
    text = "According to Harriet Vole, the ferry terminal will open before the winter storms."
    q = only(indirect(nlp_indirect, text))
    assert q.text == "the ferry terminal will open before the winter storms"
    assert (q.speaker, q.cue, q.kind) == ("Harriet Vole", "according to", "indirect")


# --- switched off -------------------------------------------------------------------------


def test_the_default_component_reports_indirect_speech_and_can_be_told_not_to(nlp_default):
    import spacy

    text = "Harriet Vole said that the new ferry terminal would open before the winter storms."
    assert [q.kind for q in run(nlp_default, text)] == ["indirect"]
    direct_only = spacy.load(nlp_mod.model_name())
    direct_only.add_pipe("quotetrack", config={"indirect": False})
    assert run(direct_only, text) == []


def test_find_indirect_keeps_direct_quotes_apart(nlp_indirect):
    text = (
        '"We will keep every route running," Harriet Vole said on Sunday. '
        "She also said that the ferry terminal would open before the winter storms."
    )
    quotes = run(nlp_indirect, text)
    assert [q.kind for q in quotes] == ["full", "indirect"]
    assert quotes[1].speaker == "Harriet Vole"
    # "also said", with no day of its own: the day of the same speaker's quote before it in the paragraph
    assert quotes[1].said_on == quotes[0].said_on == "2023-09-24"


def test_find_indirect_is_callable_on_its_own(nlp_default):
    from quotetrack.context import ArticleContext
    from quotetrack import marks

    text = "Harriet Vole said that the new ferry terminal would open before the winter storms."
    doc = nlp_default(text)
    ctx = ArticleContext(doc, marks.find_spans(text), PUBLISHED)
    q = only(find_indirect(ctx, []))
    assert q.kind == "indirect" and q.speaker == "Harriet Vole"
