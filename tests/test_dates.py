from datetime import date

import pytest

from refcli.dates import parse_date, today
from refcli.errors import InvalidInput

BASE = date(2026, 3, 14)  # a Saturday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-14", date(2026, 3, 14)),
        ("today", BASE),
        ("  Today ", BASE),
        ("yesterday", date(2026, 3, 13)),
        ("tomorrow", date(2026, 3, 15)),
        ("+3d", date(2026, 3, 17)),
        ("-2w", date(2026, 2, 28)),
        ("+1m", date(2026, 4, 14)),
        ("+1y", date(2027, 3, 14)),
        ("friday", date(2026, 3, 20)),
        ("next friday", date(2026, 3, 20)),
        ("last friday", date(2026, 3, 13)),
        ("saturday", date(2026, 3, 21)),
        ("last saturday", date(2026, 3, 7)),
        ("mon", date(2026, 3, 16)),
        ("March 14 2026", date(2026, 3, 14)),
        ("14 March 2026", date(2026, 3, 14)),
        ("Mar 2, 2025", date(2025, 3, 2)),
        ("june 1st", date(2026, 6, 1)),
    ],
)
def test_accepted_forms(text: str, expected: date) -> None:
    assert parse_date(text, base=BASE) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "2014-01", "03/04/2026", "1A2B", "2026-02-30", "March", "March 2026", "14", "next", "+3x", "soon"],
)
def test_refused_forms_name_the_accepted_ones(text: str) -> None:
    with pytest.raises(InvalidInput) as err:
        parse_date(text, base=BASE)
    assert "YYYY-MM-DD" in (err.value.hint or "")


def test_ref_today_overrides_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REF_TODAY", "2030-01-02")
    assert today() == date(2030, 1, 2)
    monkeypatch.setenv("REF_TODAY", "soon")
    with pytest.raises(InvalidInput):
        today()


THURSDAY = date(2026, 3, 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 weeks ago", date(2026, 2, 19)),
        ("a week ago", date(2026, 3, 5)),
        ("in 2 weeks", date(2026, 3, 26)),
        ("in 1 month", date(2026, 4, 12)),
        ("2 days ago", date(2026, 3, 10)),
        ("next week", date(2026, 3, 16)),
        ("last week", date(2026, 3, 2)),
        ("next month", date(2026, 4, 1)),
        ("last month", date(2026, 2, 1)),
        ("day after tomorrow", date(2026, 3, 14)),
        ("day before yesterday", date(2026, 3, 10)),
        ("2026/09/03", date(2026, 9, 3)),
        ("2026-9-3", date(2026, 9, 3)),
        ("friday", date(2026, 3, 13)),  # the coming one: tomorrow
        ("next friday", date(2026, 3, 20)),  # the Friday of next week
        ("next monday", date(2026, 3, 16)),
        ("last thursday", date(2026, 3, 5)),
    ],
)
def test_dates_people_say(text: str, expected: date) -> None:
    assert parse_date(text, base=THURSDAY) == expected


def test_a_month_and_day_without_a_year_points_the_way_of_the_thing() -> None:
    assert parse_date("March 1", base=BASE, tense="future") == date(2027, 3, 1)
    assert parse_date("March 20", base=BASE, tense="future") == date(2026, 3, 20)
    assert parse_date("December 3", base=BASE, tense="past") == date(2025, 12, 3)
    assert parse_date("March 1", base=BASE, tense="past") == date(2026, 3, 1)
    assert parse_date("March 1", base=BASE) == date(2026, 3, 1)


@pytest.mark.parametrize("text", ["2026/13/01", "in weeks", "3 moons ago", "next year", "2026-9", "thirteen days ago"])
def test_near_misses_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_date(text, base=BASE)
