"""Shared fixtures: hand-built articles and quotes (so store, export and Datasette tests do
not depend on the extractor), a database built from them, and the spaCy model loaded once."""

from __future__ import annotations

import pytest

from quotetrack.models import Article, Quote
from quotetrack.store import Store


def build_article(paragraphs, **meta) -> tuple[Article, list[Quote]]:
    """An Article from ``paragraphs``, each ``(before, quoted, after, attribution)``.

    ``quoted`` is placed inside curly quotes; ``attribution`` is a dict of Quote fields.
    Offsets are computed, so ``article.text[q.start:q.end] == q.text``.
    """
    text, quotes = "", []
    for before, quoted, after, attribution in paragraphs:
        if text:
            text += "\n\n"
        text += before + "\u201c"
        start = len(text)
        text += quoted
        end = len(text)
        text += "\u201d" + after
        quotes.append(Quote(text=quoted, start=start, end=end, parts=[(start, end)], **attribution))
    return Article(text=text, **meta), quotes


PEOPLE = [
    dict(speaker="Nikol Pashinyan", speaker_type="person", role="Prime Minister", org="Armenia"),
    dict(speaker="Ararat Mirzoyan", speaker_type="person", role="Foreign Minister", org="Armenia"),
    dict(speaker="Jürgen Müller", speaker_type="person", role="Mayor", org="Gdańsk"),
    dict(speaker=None, speaker_type="unnamed", role="spokesman", org="Google"),
    dict(speaker=None, speaker_type="unnamed", role=None, org=None),
]


def make_corpus(n_articles: int = 6, quotes_per_article: int = 5):
    """``n_articles`` (article, quotes) pairs over four outlets and several days.

    Each named speaker appears in several articles; the Google spokesman in every one
    (so there is one unnamed speaker row per article); some quotes have no speaker.
    """
    outlets = ["DW", "Wikinews", "GOV.UK", "Wikinews"]
    corpus = []
    for i in range(n_articles):
        day = f"2023-09-{10 + i:02d}"
        paragraphs = []
        for j in range(quotes_per_article):
            who = dict(PEOPLE[(i + j) % len(PEOPLE)])
            said_on = f"2023-09-{9 + i:02d}" if j == 0 else day
            who.update(
                speaker_mention=(who["speaker"] or "a spokesman").split()[-1],
                said_on=said_on if who["speaker_type"] != "unnamed" or who["role"] else None,
                cue="said",
                kind="full" if j % 3 else "partial",
                confidence=0.9,
                method="test",
            )
            quoted = f"We will talk about item {j} of story {i}, and the ceasefire holds"
            paragraphs.append((f"Paragraph {j}. ", quoted, " she said.", who))
        article, quotes = build_article(
            paragraphs,
            title=f"Story {i}: talks on the ceasefire",
            url=f"https://example.org/story-{i}",
            outlet=outlets[i % len(outlets)],
            published=day,
            authors=["A. Reporter"],
            source=f"story-{i}.txt",
        )
        corpus.append((article, quotes))
    return corpus


@pytest.fixture
def corpus():
    return make_corpus()


@pytest.fixture
def db_path(tmp_path, corpus):
    """A quotetrack database named ``quotes.db`` (Datasette calls it ``quotes``)."""
    path = tmp_path / "quotes.db"
    with Store(path) as store:
        for article, quotes in corpus:
            store.add(article, quotes)
    return path


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline, loaded once per test session."""
    from quotetrack import nlp as nlp_mod

    return nlp_mod.load()
