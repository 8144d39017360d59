"""Resolving the day words were said (:mod:`quotetrack.dates`): pure, no spaCy.

``date_in(clause, published)`` reads the first date expression of an attribution clause
and resolves it against the publication date. Calendar facts used below:
2023-09-24 is a Sunday, 2023-09-23 a Saturday, 2024-03-13 a Wednesday.
"""

from __future__ import annotations

import datetime as dt

import pytest

from quotetrack.dates import date_in, parse_iso

WEDNESDAY = "2024-03-13"
SUNDAY = "2023-09-24"


def test_calendar_facts_the_tests_rely_on():
    assert dt.date(2023, 9, 24).strftime("%A") == "Sunday"
    assert dt.date(2023, 9, 23).strftime("%A") == "Saturday"
    assert dt.date(2024, 3, 13).strftime("%A") == "Wednesday"


# --- weekdays ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "clause, published, expected",
    [
        ("Armenia said on Sunday", SUNDAY, "2023-09-24"),  # the day of publication itself
        ("the minister said on Sunday", "2023-09-23", "2023-09-17"),  # the Sunday before a Saturday
        ("Jane Doe said on Monday", WEDNESDAY, "2024-03-11"),
        ("Jane Doe said on Tuesday", WEDNESDAY, "2024-03-12"),
        ("Jane Doe said on Wednesday", WEDNESDAY, "2024-03-13"),
        ("Jane Doe said on Thursday", WEDNESDAY, "2024-03-07"),  # reporting is in the past
        ("Jane Doe said Friday", WEDNESDAY, "2024-03-08"),  # US style, no "on"
        ("the council said on MONDAY", WEDNESDAY, "2024-03-11"),  # case does not matter
        ("Jane Doe said last Tuesday", WEDNESDAY, "2024-03-12"),
        ("Jane Doe said last Wednesday", WEDNESDAY, "2024-03-06"),  # "last" on the same weekday: a week back
        ("Jane Doe said last Sunday", SUNDAY, "2023-09-17"),
    ],
)
def test_weekdays_resolve_to_the_latest_such_day_on_or_before_publication(clause, published, expected):
    assert date_in(clause, published) == expected


def test_a_timestamp_as_publication_date_uses_its_day():
    assert date_in("she said on Monday", "2024-03-13T18:30:00Z") == "2024-03-11"


def test_the_first_date_expression_wins():
    assert date_in("said on Monday, and repeated it on Friday", WEDNESDAY) == "2024-03-11"
    assert date_in("said on Friday after talks on Monday", WEDNESDAY) == "2024-03-08"


# --- relative words --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "clause, expected",
    [
        ("the coach told reporters yesterday", "2024-03-12"),
        ("the coach said today", WEDNESDAY),
        ("the coach said tonight", WEDNESDAY),
        ("the coach said this morning", WEDNESDAY),
        ("the coach said this afternoon", WEDNESDAY),
        ("the coach said this evening", WEDNESDAY),
        ("Yesterday the coach said", "2024-03-12"),
    ],
)
def test_relative_day_words(clause, expected):
    assert date_in(clause, WEDNESDAY) == expected


def test_yesterday_crosses_a_month_and_a_leap_day():
    assert date_in("she said yesterday", "2024-03-01") == "2024-02-29"
    assert date_in("she said yesterday", "2024-01-01") == "2023-12-31"


# --- absolute dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "clause, published, expected",
    [
        ("the mayor said on 12 March", WEDNESDAY, "2024-03-12"),
        ("the mayor said on 12th March", WEDNESDAY, "2024-03-12"),
        ("the mayor said on March 12", WEDNESDAY, "2024-03-12"),
        ("the mayor said on Mar. 12", WEDNESDAY, "2024-03-12"),
        ("the mayor said on Sept 3", "2024-09-10", "2024-09-03"),
        ("the mayor said on 12 March 2015", WEDNESDAY, "2015-03-12"),
        ("the mayor said on March 12, 2015", WEDNESDAY, "2015-03-12"),
        ("the mayor said on Jan 2, 2019", WEDNESDAY, "2019-01-02"),
        ("the mayor said on May 3", "2024-05-10", "2024-05-03"),
        ("the mayor said on 30 December", "2024-01-02", "2023-12-30"),  # late last year, not next December
        ("the mayor said on February 29", WEDNESDAY, "2024-02-29"),
    ],
)
def test_absolute_dates_resolve_to_themselves(clause, published, expected):
    assert date_in(clause, published) == expected


def test_a_full_date_needs_no_publication_date():
    assert date_in("the court heard on 12 March 2015", None) == "2015-03-12"


@pytest.mark.parametrize(
    "clause, published",
    [
        ("the mayor said on 31 February", WEDNESDAY),  # no such day
        ("the mayor said on February 29", "2023-03-13"),  # not a leap year
    ],
)
def test_impossible_dates_give_no_day(clause, published):
    assert date_in(clause, published) is None


def test_the_verb_may_is_not_a_month():
    assert date_in("officials said they may 3 times refuse", WEDNESDAY) is None


# --- nothing to resolve ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "clause",
    [
        "Jane Doe said",
        "Jane Doe said last week",
        "Jane Doe said earlier this month",
        "Jane Doe said in a statement",
        "Mondays are hard, Jane Doe said",  # a plural weekday is not a day
        "",
    ],
)
def test_no_date_expression_gives_none(clause):
    # the extractor then falls back to the publication date
    assert date_in(clause, WEDNESDAY) is None


@pytest.mark.parametrize("published", [None, "", "not a date", "2024-13-45"])
def test_relative_expressions_need_a_valid_publication_date(published):
    assert date_in("she said on Monday", published) is None
    assert date_in("she said yesterday", published) is None
    assert date_in("she said on 12 March", published) is None


# --- parse_iso ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-03-13", dt.date(2024, 3, 13)),
        ("2024-03-13T10:00:00+01:00", dt.date(2024, 3, 13)),
        (None, None),
        ("", None),
        ("13 March 2024", None),
        ("2024-02-30", None),
    ],
)
def test_parse_iso(value, expected):
    assert parse_iso(value) == expected
