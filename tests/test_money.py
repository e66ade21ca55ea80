import pytest

from refcli.errors import InvalidInput
from refcli.money import Money, format_money, parse_money


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4500", Money(450000, "USD")),
        ("4,500.50", Money(450050, "USD")),
        ("$4,500", Money(450000, "USD")),
        ("0.5", Money(50, "USD")),
        ("€120", Money(12000, "EUR")),
        ("1200 GBP", Money(120000, "GBP")),
        ("0", Money(0, "USD")),
    ],
)
def test_parses_to_minor_units(text: str, expected: Money) -> None:
    assert parse_money(text) == expected


@pytest.mark.parametrize(
    "text", ["", "NaN", "nan", "inf", "-5", "4.505", "1e5", "4,50", "12,34,567", "$", "99999999999999999", "five"]
)
def test_refuses_bad_amounts(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_money(text)


def test_formats_for_people() -> None:
    assert format_money(450050, "USD") == "$4,500.50"
    assert format_money(450000, "USD") == "$4,500"
    assert format_money(1200, "CHF") == "12 CHF"
