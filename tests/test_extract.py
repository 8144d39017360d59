"""quotetrack.extract: a run cut into batches by count and by text, each batch run in a spaCy
memory zone, and the same quotes whatever the cut (issue 11: memory flat in corpus size)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from quotetrack import nlp as nlp_mod
from quotetrack.extract import BATCH_CHARS, BATCH_SIZE, batches, extract_batch, extract_many, extract_results
from quotetrack.models import Article
from quotetrack.sources import iter_articles

SAMPLE = Path(__file__).resolve().parent.parent / "quotetrack" / "sample"


@pytest.fixture(scope="module")
def nlp():
    return nlp_mod.load()


@pytest.fixture(scope="module")
def sample() -> list[Article]:
    """The 17 sample articles (real news text, 1,700 to 8,000 characters each)."""
    return list(iter_articles(sorted(str(p) for p in SAMPLE.glob("*.txt"))))


def sized(*lengths: int) -> list[Article]:
    return [Article(text="x" * n, source=f"a{i}") for i, n in enumerate(lengths)]


def cut(articles: list[Article], size: int, max_chars) -> list[list[int]]:
    return [[len(a.text) for a in batch] for batch in batches(articles, size, max_chars)]


# --- batches -------------------------------------------------------------------------------


def test_a_batch_ends_at_size_articles_or_before_passing_the_character_budget():
    assert cut(sized(10, 10, 10, 10, 10), 2, 100) == [[10, 10], [10, 10], [10]]
    # 40 + 50 = 90 fits; + 30 would make 120: the third article starts the next batch
    assert cut(sized(40, 50, 30, 20, 60), 16, 100) == [[40, 50], [30, 20], [60]]
    # exactly the budget closes the batch without waiting for the next article
    assert cut(sized(60, 40, 5), 16, 100) == [[60, 40], [5]]


def test_an_article_longer_than_the_budget_is_a_batch_alone():
    assert cut(sized(10, 250, 10, 10), 16, 100) == [[10], [250], [10, 10]]
    assert cut(sized(250, 300), 16, 100) == [[250], [300]]
    assert cut(sized(5, 5, 5), 16, 1) == [[5], [5], [5]]


def test_without_a_budget_batches_are_cut_by_count_alone():
    assert cut(sized(*[10_000] * 5), 2, None) == [[10_000, 10_000], [10_000, 10_000], [10_000]]
    assert cut([], 16, 100) == []


def test_the_defaults_are_16_articles_and_the_character_budget():
    big = BATCH_CHARS // 4 + 1
    assert [len(b) for b in batches(sized(*[10] * 40))] == [BATCH_SIZE, BATCH_SIZE, 40 - 2 * BATCH_SIZE]
    assert [len(b) for b in batches(sized(*[big] * 8))] == [3, 3, 2]


def test_batches_keep_every_article_in_order_and_are_as_full_as_allowed():
    rng = random.Random(11)
    for _ in range(200):
        lengths = [rng.choice([1, 50, 300, 2_000, 9_000]) for _ in range(rng.randrange(0, 60))]
        size, budget = rng.choice([1, 3, 16]), rng.choice([None, 1, 500, 5_000, 20_000])
        got = cut(sized(*lengths), size, budget)
        assert [n for b in got for n in b] == lengths and all(got)
        for b, after in zip(got, got[1:] + [None]):
            assert len(b) <= size
            assert budget is None or len(b) == 1 or sum(b) <= budget
            if after is not None:  # closed only when the next article could not have joined
                assert len(b) == size or (budget is not None and sum(b) + after[0] > budget)


def test_batches_read_the_input_lazily():
    pulled = []

    def articles():
        for i, n in enumerate([10, 10, 10, 95, 10, 10]):
            pulled.append(i)
            yield Article(text="x" * n)

    it = batches(articles(), 2, 100)
    assert len(next(it)) == 2 and pulled == [0, 1]  # full by count: nothing more read
    assert len(next(it)) == 1 and pulled == [0, 1, 2, 3]  # closed by the article that did not fit
    assert [len(b) for b in it] == [1, 2] and pulled == [0, 1, 2, 3, 4, 5]


# --- extraction ----------------------------------------------------------------------------


def as_records(results) -> list:
    return [(a.source, [q.to_dict() for q in quotes], error) for a, quotes, error in results]


def test_a_tiny_character_budget_gives_the_same_quotes(nlp, sample):
    """One article a batch (a budget of 1 character), a few articles a batch (10,000) and the
    defaults (17 articles: batches of 16 and 1): the same quotes, in the same order."""
    assert [len(b) for b in batches(sample)] == [16, 1]
    assert [len(b) for b in batches(sample, max_chars=1)] == [1] * len(sample)
    assert 2 < len(list(batches(sample, max_chars=10_000))) < len(sample)
    default = as_records(extract_results(sample, nlp))
    assert sum(len(quotes) for _, quotes, _ in default) > 60
    assert as_records(extract_results(sample, nlp, max_chars=1)) == default
    assert as_records(extract_results(sample, nlp, max_chars=10_000)) == default
    pairs = [(a.source, [q.to_dict() for q in quotes]) for a, quotes in extract_many(sample, nlp=nlp, max_chars=1)]
    assert pairs == [(source, quotes) for source, quotes, _ in default]


def test_a_batch_leaves_the_vocabulary_as_it_found_it(nlp):
    """The words a batch brings are gone after it (so a long run does not grow the vocabulary);
    without the zone they stay. The quotes are plain objects, usable after the zone."""
    text = '"The Zorblax accord is dead," said Quintavius Mberekontu, the Vrellish envoy. "Flumox it."'
    article = Article(text=text, published="2024-03-13")
    strings = len(nlp.vocab.strings)
    ((_, zoned, error),) = extract_batch([article], nlp)
    assert error is None and "Zorblax" not in nlp.vocab.strings and len(nlp.vocab.strings) == strings
    assert zoned[0].text == "The Zorblax accord is dead," and zoned[0].speaker == "Quintavius Mberekontu"
    ((_, unzoned, _),) = extract_batch([article], nlp, memory_zone=False)
    assert "Zorblax" in nlp.vocab.strings
    assert [q.to_dict() for q in zoned] == [q.to_dict() for q in unzoned]
    # in a caller's own zone (zones do not nest), the batch runs in that one
    with nlp.memory_zone():
        ((_, nested, _),) = extract_batch([Article(text=text.replace("Zorblax", "Quplon"), published="2024-03-13")], nlp)
        assert "Quplon" in nlp.vocab.strings
    assert "Quplon" not in nlp.vocab.strings and nested[0].speaker == "Quintavius Mberekontu"


def test_the_vocabulary_stays_flat_over_many_batches(nlp, sample):
    """Every batch's new words go: after one pass over the sample and after three, the same
    number of strings (the attribute ruler's cache keeps hashes, which need no strings)."""
    list(extract_results(sample, nlp, max_chars=10_000))
    after_one = len(nlp.vocab.strings)
    for _ in range(2):
        list(extract_results(sample, nlp, max_chars=10_000))
    assert len(nlp.vocab.strings) == after_one
