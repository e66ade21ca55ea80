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
